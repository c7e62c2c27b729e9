# shellcheck shell=bash disable=SC2034
# Helpers shared by .ci/smoke-deploy.sh and bench/bootstrap-bench.sh.
# Source it; it defines functions only (plus version defaults) and changes no shell options.
#
#   AULA_TOMCAT_VERSION  Tomcat distribution from Maven Central (default 10.1.59)
#   AULA_JETTY_VERSION   Jetty home distribution from Maven Central (default 12.1.12)
#   AULA_JETTY_MODULES   modules enabled in the Jetty base (default http,ee10-deploy)
#   AULA_JAVA            java binary that runs Jetty (default: java on PATH)

: "${AULA_TOMCAT_VERSION:=10.1.59}"
: "${AULA_JETTY_VERSION:=12.1.12}"
: "${AULA_JETTY_MODULES:=http,ee10-deploy}"
# Maven plugin used to fetch the distributions (pinned, so the run does not depend on the
# default plugin version Maven happens to bind).
: "${AULA_DEPENDENCY_PLUGIN:=org.apache.maven.plugins:maven-dependency-plugin:3.8.1}"
# PID of the last server started by start_tomcat / start_jetty.
# shellcheck disable=SC2034
STARTED_PID=''

section() { printf '\n==================== %s ====================\n' "$*"; }
info() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[%s] WARN: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# free_port: prints a TCP port that is free on 127.0.0.1 right now.
free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# fetch_dist GROUP:ARTIFACT:VERSION:TYPE DIR — copies one artifact from Maven Central into DIR.
# Runs Maven in DIR, never inside a project.
fetch_dist() {
  local artifact=$1 dir=$2
  mkdir -p "$dir"
  if ! (cd "$dir" && mvn -B -q -ntp -Dstyle.color=never "${AULA_DEPENDENCY_PLUGIN}:copy" \
      -Dartifact="$artifact" -DoutputDirectory="$dir" -Dmdep.overWriteReleases=true) \
      >"$dir/mvn-fetch.log" 2>&1; then
    cat "$dir/mvn-fetch.log" >&2
    warn "could not fetch $artifact from Maven Central"
    return 1
  fi
}

# unpack_tomcat WORKDIR → prints the Tomcat home (a fresh copy, default webapps removed).
unpack_tomcat() {
  local work=$1 v=$AULA_TOMCAT_VERSION
  fetch_dist "org.apache.tomcat:tomcat:${v}:tar.gz" "$work/dist" >&2 || return 1
  tar -xzf "$work/dist/tomcat-${v}.tar.gz" -C "$work" || return 1
  rm -rf "${work:?}/apache-tomcat-${v}/webapps/"*
  printf '%s\n' "$work/apache-tomcat-${v}"
}

# unpack_jetty WORKDIR → prints the Jetty home.
unpack_jetty() {
  local work=$1 v=$AULA_JETTY_VERSION
  fetch_dist "org.eclipse.jetty:jetty-home:${v}:tar.gz" "$work/dist" >&2 || return 1
  tar -xzf "$work/dist/jetty-home-${v}.tar.gz" -C "$work" || return 1
  printf '%s\n' "$work/jetty-home-${v}"
}

# configure_tomcat HOME WAR PORT — deploys WAR as ROOT, binds the HTTP connector to
# 127.0.0.1:PORT and disables the shutdown port (the server is stopped with SIGTERM).
configure_tomcat() {
  local home=$1 war=$2 port=$3
  rm -rf "$home/webapps/ROOT" "$home/webapps/ROOT.war"
  cp "$war" "$home/webapps/ROOT.war"
  sed -i \
    -e 's|<Server port="8005" shutdown="SHUTDOWN">|<Server port="-1" shutdown="SHUTDOWN">|' \
    -e "0,/<Connector port=\"8080\" protocol=\"HTTP\/1.1\"/s||<Connector port=\"${port}\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"|" \
    "$home/conf/server.xml"
  grep -q "port=\"${port}\" address=\"127.0.0.1\"" "$home/conf/server.xml" \
    || { warn "could not set the Tomcat connector port in server.xml"; return 1; }
  grep -q '<Server port="-1"' "$home/conf/server.xml" \
    || { warn "could not disable the Tomcat shutdown port"; return 1; }
}

# configure_jetty HOME BASE WAR — creates a jetty.base with AULA_JETTY_MODULES and the WAR as ROOT.
configure_jetty() {
  local home=$1 base=$2 war=$3
  mkdir -p "$base"
  (cd "$base" && java -jar "$home/start.jar" --add-modules="$AULA_JETTY_MODULES" >"$base/add-modules.log" 2>&1) \
    || { cat "$base/add-modules.log" >&2; return 1; }
  mkdir -p "$base/webapps"
  cp "$war" "$base/webapps/ROOT.war"
}

# start_tomcat HOME DATA LOG [CATALINA_OPTS] — starts in the background and sets STARTED_PID.
# catalina.sh run execs java, so $! is the JVM itself. (Not meant for $(...): the server must
# stay a child of the calling shell so that it can be waited for and reaped.)
start_tomcat() {
  local home=$1 data=$2 log=$3 opts=${4:-}
  AULA_DATA_PATH=$data CATALINA_OPTS=$opts CATALINA_PID='' \
    "$home/bin/catalina.sh" run </dev/null >"$log" 2>&1 &
  STARTED_PID=$!
}

# start_jetty HOME BASE PORT DATA LOG [JVM flags...] — starts in the background; sets STARTED_PID.
# start.jar runs Jetty in-process (no --exec), so $! is the JVM itself.
start_jetty() {
  local home=$1 base=$2 port=$3 data=$4 log=$5
  shift 5
  mkdir -p "$base/tmp" # Jetty unpacks the WAR under java.io.tmpdir; keep it inside the base
  (cd "$base" && AULA_DATA_PATH=$data exec "${AULA_JAVA:-java}" "$@" -Djava.io.tmpdir="$base/tmp" \
      -jar "$home/start.jar" \
      jetty.http.host=127.0.0.1 jetty.http.port="$port" \
      jetty.httpConfig.sendServerVersion=false </dev/null >"$log" 2>&1) &
  STARTED_PID=$!
}

# wait_http URL PID DEADLINE_SECONDS — polls URL until it answers 200. Fails early when the
# process dies. No fixed sleeps: each attempt is one short request, 0.2 s apart.
wait_http() {
  local url=$1 pid=$2 deadline=$(( $(date +%s) + $3 )) code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)
    [[ $code == 200 ]] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      warn "process $pid exited before $url answered"
      return 1
    fi
    if (( $(date +%s) >= deadline )); then
      warn "$url did not answer 200 within $3 s (last status: ${code:-none})"
      return 1
    fi
    sleep 0.2
  done
}

# stop_pid PID [TIMEOUT_SECONDS] — SIGTERM, wait, then SIGKILL; fails if the process survives.
stop_pid() {
  local pid=$1 timeout=${2:-20} end
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  end=$(( $(date +%s) + timeout ))
  while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < end )); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "process $pid still alive after ${timeout} s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    end=$(( $(date +%s) + 10 ))
    while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < end )); do sleep 0.1; done
  fi
  # Reap it if it is our child, so it does not linger as a zombie.
  wait "$pid" 2>/dev/null || true
  if kill -0 "$pid" 2>/dev/null; then
    warn "process $pid could not be stopped"
    return 1
  fi
}

# port_closed PORT — true when nothing accepts connections on 127.0.0.1:PORT.
port_closed() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
