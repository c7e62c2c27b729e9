#!/usr/bin/env bash
# Media streaming benchmark: Aula's /drive/files/<id> (WAR in the Jetty 12 distribution) against a
# tuned nginx proxy_pass and the fake Drive upstream itself (nginx serving files with native range
# support), plus 1 000 slow concurrent clients. Writes the "## Media streaming" section of
# BENCHMARKS.md (other sections are kept). See bench/README.md.
#
#   bench/media-bench.sh [path/to/aula.war]   (default: /tmp/aula-war/aula.war, else target/aula.war)
#
# Environment (all optional):
#   BENCH_SIZE_MIB=1024        size of the test file
#   BENCH_SPARSE=0             1 = sparse file (no page cache needed, no content check)
#   BENCH_FULL_TRIES=3         (a) full downloads per target (best reported)
#   BENCH_RANGES=1000 BENCH_RANGE_CONNS=2 BENCH_RANGE_ROUNDS=3     (b)
#   BENCH_TTFB=300             (c) requests per target, new connection each
#   BENCH_D_CLIENTS=1000 BENCH_D_RATE=65536 BENCH_D_SECONDS=30 BENCH_D_RCVBUF=65536 BENCH_D_RAMP_MS=1000   (d)
#   BENCH_D_OPEN=1             (d) clients ask for "bytes=<first>-" and hang up after BENCH_D_SECONDS
#                              (a video element); 0 = exactly rate x seconds bytes, read to the end
#   BENCH_D_THREADPROXY=1      also run (d) against the thread-per-connection Python proxy
#   BENCH_D_NGINX=0            also run (d) against the nginx proxy
#   BENCH_JVM_FLAGS="-Xms1g -Xmx1g"   JVM flags of the Aula (Jetty) process
#   BENCH_JETTY_PROPS="jetty.http.acceptQueueSize=1024"   Jetty start properties (space-separated)
#   BENCH_LOCAL=1              also measure the same file as a local: ref (AULA_LIBRARY_PATH), no upstream
#   BENCH_WAIT_WRK=1800        seconds to wait for another benchmark (wrk, bootstrap-bench.sh) to end
#   BENCH_OUT=BENCHMARKS.md    report file ("-" = print only)
#   BENCH_KEEP=1               keep the temp folder (logs, raw JSON)
#   AULA_JAVA, AULA_JETTY_VERSION     see .ci/lib.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$repo/.ci/lib.sh"

default_war=/tmp/aula-war/aula.war
[[ -f $default_war ]] || default_war=$repo/target/aula.war
war=$(realpath "${1:-$default_war}")
[[ -f $war ]] || { echo "media-bench: WAR not found: $war (build it or pass its path)" >&2; exit 2; }

size_mib=${BENCH_SIZE_MIB:-1024}
sparse=${BENCH_SPARSE:-0}
full_tries=${BENCH_FULL_TRIES:-3}
n_ranges=${BENCH_RANGES:-1000}
range_conns=${BENCH_RANGE_CONNS:-2}
range_rounds=${BENCH_RANGE_ROUNDS:-3}
n_ttfb=${BENCH_TTFB:-300}
d_clients=${BENCH_D_CLIENTS:-1000}
d_rate=${BENCH_D_RATE:-65536}
d_seconds=${BENCH_D_SECONDS:-30}
d_rcvbuf=${BENCH_D_RCVBUF:-65536}
d_ramp=${BENCH_D_RAMP_MS:-1000}
d_open=${BENCH_D_OPEN:-1}
d_threadproxy=${BENCH_D_THREADPROXY:-1}
d_nginx=${BENCH_D_NGINX:-0}
read -r -a jvm_flags <<<"${BENCH_JVM_FLAGS:--Xms1g -Xmx1g}"
read -r -a jetty_props <<<"${BENCH_JETTY_PROPS-jetty.http.acceptQueueSize=1024}"
with_local=${BENCH_LOCAL:-1}
wait_wrk=${BENCH_WAIT_WRK:-1800}
out=${BENCH_OUT:-$repo/BENCHMARKS.md}
java_bin=${AULA_JAVA:-java}
size=$((size_mib * 1048576))
file_id=aulaBenchBig0001

# ---------------------------------------------------------------- tools
ensure_tools() {
  local missing=() t
  for t in curl python3 mvn; do command -v "$t" >/dev/null || { echo "media-bench: needs $t" >&2; exit 2; }; done
  for t in javac jcmd; do command -v "$t" >/dev/null || { echo "media-bench: needs a JDK ($t)" >&2; exit 2; }; done
  command -v nginx >/dev/null || missing+=(nginx-light)
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) -eq 0 ]] || { echo "media-bench: please install nginx" >&2; exit 2; }
  info "installing ${missing[*]} (Debian; package scripts may not start services)"
  local made_policy=0 rc=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >"${TMPDIR:-/tmp}/aula-media-bench-apt.log" 2>&1 || rc=$?
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  if ((rc != 0)); then tail -n 30 "${TMPDIR:-/tmp}/aula-media-bench-apt.log" >&2; exit 1; fi
  if [[ -s /run/nginx.pid ]] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    info "stopping the nginx service the package started"
    kill -QUIT "$(cat /run/nginx.pid)" 2>/dev/null || true
  fi
}
ensure_tools

# 1 000 clients need ~2 000 sockets in Aula and as many in nginx.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ulimit -n 65536 2>/dev/null || true
(( $(ulimit -n) >= 4 * d_clients + 1024 )) \
  || warn "ulimit -n is $(ulimit -n); (d) with $d_clients clients may run out of descriptors"

# ---------------------------------------------------------------- cleanup
work=$(mktemp -d "${TMPDIR:-/tmp}/aula-media-bench.XXXXXX")
chmod 755 "$work" # nginx workers (user nobody) read the files below it
jetty_pid='' nginx_pid='' proxy_pid='' bg_pids=()
cleanup() {
  local rc=$? p
  for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_pid "$proxy_pid" 10 || true
  stop_pid "$jetty_pid" 30 || true
  stop_pid "$nginx_pid" 10 || true
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then info "kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# other_bench — true while another benchmark runs: a wrk process, or bench/bootstrap-bench.sh
# itself (which also rewrites BENCHMARKS.md as a whole when it ends).
other_bench() { pgrep -x wrk >/dev/null || pgrep -f 'bench/bootstrap-bench[.]sh' >/dev/null; }

# wait_quiet — waits (bounded) until no other benchmark runs, so that the two do not disturb
# each other.
wait_quiet() {
  local end=$(( $(date +%s) + wait_wrk )) said=0
  while other_bench; do
    ((said)) || { info "waiting for another benchmark (wrk / bootstrap-bench.sh) to finish..."; said=1; }
    (( $(date +%s) < end )) || { warn "wrk still running after ${wait_wrk} s; measuring anyway"; return 0; }
    sleep 2
  done
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
results="$work/results"
mkdir -p "$results"

# ---------------------------------------------------------------- test file + metadata
section "Test file: $size_mib MiB"
files="$work/files" meta="$work/meta"
mkdir -p "$files" "$meta"
t0=$(date +%s%3N)
if [[ $sparse == 1 ]]; then
  truncate -s "$size" "$files/$file_id"
else
  head -c "$size" /dev/urandom >"$files/$file_id"
fi
chmod 644 "$files/$file_id"
md5=$(md5sum "$files/$file_id" | cut -d' ' -f1)
info "$files/$file_id ($([[ $sparse == 1 ]] && echo sparse || echo random), md5 $md5) in $(( $(date +%s%3N) - t0 )) ms"
python3 - "$meta/$file_id" "$file_id" "$size" "$md5" <<'PY'
import json, sys
path, fid, size, md5 = sys.argv[1:]
json.dump({"id": fid, "name": "big.mp4", "mimeType": "video/mp4", "size": size, "md5Checksum": md5,
           "modifiedTime": "2026-01-01T00:00:00.000Z"}, open(path, "w"), separators=(",", ":"))
PY
chmod 644 "$meta/$file_id"
# Warm the page cache so every target reads from memory.
cat "$files/$file_id" >/dev/null

# ---------------------------------------------------------------- nginx: fake Drive + proxy
section "nginx: fake Drive upstream and proxy_pass reference"
ngx="$work/nginx"
mkdir -p "$ngx/logs" "$ngx/temp"
up_port=$(free_port)
px_port=$(free_port)
cat >"$ngx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
worker_rlimit_nofile $(ulimit -n);
pid $ngx/logs/nginx.pid;
error_log $ngx/logs/error.log warn;
events { worker_connections $(( $(ulimit -n) - 100 )); }
http {
  access_log off;
  client_body_temp_path $ngx/temp/body;
  proxy_temp_path $ngx/temp/proxy;
  fastcgi_temp_path $ngx/temp/fastcgi;
  uwsgi_temp_path $ngx/temp/uwsgi;
  scgi_temp_path $ngx/temp/scgi;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  server_tokens off;

  # ---- fake Google Drive (the upstream Aula is pointed at)
  server {
    listen 127.0.0.1:$up_port backlog=4096;
    # files.get: metadata without alt=media, the file itself with it (query otherwise ignored)
    location ~ ^/drive/v3/files/([A-Za-z0-9_-]+)\$ {
      set \$fid \$1;
      if (\$arg_alt = media) { rewrite ^ /_media/\$fid last; }
      rewrite ^ /_meta/\$fid last;
    }
    location ~ ^/download/drive/v3/files/([A-Za-z0-9_-]+)\$ {
      set \$fid \$1;
      rewrite ^ /_media/\$fid last;
    }
    location /_media/ {
      internal;
      alias $files/;
      types { }
      default_type video/mp4;
    }
    location /_meta/ {
      internal;
      alias $meta/;
      types { }
      default_type application/json;
    }
    location = /token {
      default_type application/json;
      return 200 '{"access_token":"bench","token_type":"Bearer","expires_in":3600}';
    }
    location / { return 404 '{"error":{"code":404,"message":"not found","errors":[{"reason":"notFound"}]}}'; }
  }

  # ---- reference: a tuned reverse proxy in front of the same upstream
  upstream fake_drive {
    server 127.0.0.1:$up_port;
    keepalive 256;
  }
  server {
    listen 127.0.0.1:$px_port backlog=4096;
    location / {
      proxy_pass http://fake_drive;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffers 16 1m;
      proxy_buffer_size 1m;
      proxy_max_temp_file_size 0;
    }
  }
}
EOF
nginx -t -p "$ngx/" -c "$ngx/nginx.conf" >"$ngx/logs/test.log" 2>&1 || { cat "$ngx/logs/test.log" >&2; exit 1; }
nginx -p "$ngx/" -c "$ngx/nginx.conf" </dev/null >"$ngx/logs/stdout.log" 2>&1 &
nginx_pid=$!
up="http://127.0.0.1:$up_port"
px="http://127.0.0.1:$px_port"
media_q="alt=media&supportsAllDrives=true"
wait_http "$up/drive/v3/files/$file_id" "$nginx_pid" 20 || { cat "$ngx/logs/error.log" >&2; exit 1; }
info "fake Drive on $up, nginx proxy on $px ($(nginx -v 2>&1 | sed 's/.*: //'))"
# Sanity: metadata, ranged media, token.
curl -s "$up/drive/v3/files/$file_id?supportsAllDrives=true&fields=id" | grep -q "\"md5Checksum\":\"$md5\"" \
  || { echo "media-bench: fake Drive metadata is wrong" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}:%{size_download}' -H 'Range: bytes=100-199' "$up/drive/v3/files/$file_id?$media_q") == 206:100 ]] \
  || { echo "media-bench: fake Drive range request failed" >&2; exit 1; }
[[ $(curl -s -o /dev/null -w '%{http_code}:%{size_download}' -H 'Range: bytes=100-199' "$px/drive/v3/files/$file_id?$media_q") == 206:100 ]] \
  || { echo "media-bench: nginx proxy range request failed" >&2; exit 1; }
curl -s -X POST "$up/token" | grep -q '"access_token":"bench"' || { echo "media-bench: /token failed" >&2; exit 1; }

# ---------------------------------------------------------------- service-account key
key_json=$(
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null \
    | python3 -c '
import json, sys
pem = sys.stdin.read()
email = "aula-bench@aula-bench.iam.gserviceaccount.com"
print(json.dumps({"type": "service_account", "project_id": "aula-bench", "private_key_id": "0" * 40,
    "private_key": pem, "client_email": email, "client_id": "100000000000000000001",
    "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": sys.argv[1],
    "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
    "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + email,
    "universe_domain": "googleapis.com"}))' "$up/token")
[[ $key_json == *PRIVATE\ KEY* ]] || { echo "media-bench: could not generate a service-account key" >&2; exit 1; }

# ---------------------------------------------------------------- Aula on Jetty
section "Aula on Jetty $AULA_JETTY_VERSION (${jvm_flags[*]}; ${jetty_props[*]})"
jhome=$(unpack_jetty "$work/jetty")
jbase="$work/jetty-base"
configure_jetty "$jhome" "$jbase" "$war"
# Jetty's default accept queue (0 = the JDK's 50) drops SYNs when 1 000 clients connect within a
# second; nginx and the Python proxy below get deep backlogs too.
printf '%s\n' "${jetty_props[@]}" >"$jbase/start.d/media-bench.ini"
aula_port=$(free_port)
aula_log="$work/aula.log"
data="$work/data"
mkdir -p "$data"
export AULA_DRIVE_API_ROOT="$up/"
export GOOGLE_SERVICE_ACCOUNT_JSON="$key_json"
# The same file as a local: ref, to separate the container's own cost from the upstream relay.
[[ $with_local == 1 ]] && export AULA_LIBRARY_PATH="$files"
t0=$(date +%s%3N)
start_jetty "$jhome" "$jbase" "$aula_port" "$data" "$aula_log" "${jvm_flags[@]}"
jetty_pid=$STARTED_PID
unset GOOGLE_SERVICE_ACCOUNT_JSON AULA_DRIVE_API_ROOT AULA_LIBRARY_PATH
aula="http://127.0.0.1:$aula_port"
wait_http "$aula/api/health" "$jetty_pid" 120 || { tail -n 80 "$aula_log"; exit 1; }
end=$(( $(date +%s) + 60 ))
until curl -s --max-time 2 "$aula/api/health" | python3 -c 'import json,sys; sys.exit(0 if (json.load(sys.stdin).get("drive") or {}).get("available") is True else 1)' 2>/dev/null; do
  if (( $(date +%s) >= end )); then
    echo "media-bench: drive.available did not become true within 60 s:" >&2
    curl -s "$aula/api/health" >&2; echo >&2; tail -n 40 "$aula_log" >&2; exit 1
  fi
  sleep 0.2
done
info "Aula up on $aula, drive.available=true after $(( $(date +%s%3N) - t0 )) ms (pid $jetty_pid)"
threads_start=$(awk '/^Threads:/{print $2}' "/proc/$jetty_pid/status")
# Sanity: a range through Aula equals the file's bytes.
curl -s -H 'Range: bytes=1000000-1065535' "$aula/drive/files/$file_id" | cmp -s - <(tail -c +1000001 "$files/$file_id" | head -c 65536) \
  || { echo "media-bench: Aula returned wrong bytes for a range" >&2; curl -s -i -H 'Range: bytes=0-9' "$aula/drive/files/$file_id" | head -20 >&2; exit 1; }

# ---------------------------------------------------------------- load generator
classes="$work/classes"
mkdir -p "$classes"
javac -d "$classes" "$here/media-load/MediaLoad.java"
load() { "$java_bin" -Xmx512m -XX:+UseSerialGC -cp "$classes" MediaLoad "$@"; }
verify_file=$files/$file_id
[[ $sparse == 1 ]] && verify_file=''

t_aula="aula=$aula/drive/files/$file_id"
t_proxy="nginx-proxy=$px/drive/v3/files/$file_id?$media_q"
t_direct="direct=$up/drive/v3/files/$file_id?$media_q"
t_local="aula-local=$aula/drive/files/local:$file_id"
targets="$t_aula,$t_proxy,$t_direct"
[[ $with_local == 1 ]] && targets+=",$t_local"
if [[ $with_local == 1 ]]; then
  [[ $(curl -s -o /dev/null -w '%{http_code}:%{size_download}' -H 'Range: bytes=100-199' "$aula/drive/files/local:$file_id") == 206:100 ]] \
    || { echo "media-bench: the local: ref does not work (AULA_LIBRARY_PATH)" >&2; exit 1; }
fi

# CPU time (clock ticks) of a process, and of nginx (master + workers).
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
nginx_ticks() {
  local t=0 p
  for p in "$nginx_pid" $(pgrep -P "$nginx_pid"); do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
overflows() { nstat -az TcpExtListenOverflows 2>/dev/null | awk '/TcpExtListenOverflows/ { print $2; f=1 } END { if (!f) print 0 }'; }

# ---------------------------------------------------------------- warm-up
section "Warm-up (JIT, connection pools): one full download and 300 ranges per target, not counted"
wait_quiet
names=(aula nginx-proxy direct)
urls=("$aula/drive/files/$file_id" "$px/drive/v3/files/$file_id?$media_q" "$up/drive/v3/files/$file_id?$media_q")
if [[ $with_local == 1 ]]; then
  names+=(aula-local)
  urls+=("$aula/drive/files/local:$file_id")
fi
for u in "${urls[@]}"; do curl -s -o /dev/null --max-time 300 "$u" || true; done
load ranges --targets="$targets" --size="$size" --count=300 --len=1048576 --conns="$range_conns" --rounds=1 \
  --warmup=0 --verify-every=0 >/dev/null

# ---------------------------------------------------------------- (a) full download
section "(a) full download of $size_mib MiB, best of $full_tries"
wait_quiet
: >"$results/full.tsv"
nt=${#names[@]}
for ((try = 0; try < full_tries; try++)); do
  for ((k = 0; k < nt; k++)); do
    i=$(( (k + try) % nt ))
    a0=$(ticks "$jetty_pid") n0=$(nginx_ticks)
    r=$(curl -s -o /dev/null --max-time 300 -w '%{http_code} %{size_download} %{speed_download} %{time_starttransfer} %{time_total}' \
        "${urls[$i]}" || echo "000 0 0 0 0")
    a1=$(ticks "$jetty_pid") n1=$(nginx_ticks)
    printf '%s %s %s %s\n' "${names[$i]}" "$r" "$((a1 - a0))" "$((n1 - n0))" >>"$results/full.tsv"
    info "  ${names[$i]}: $r (CPU ticks: aula $((a1 - a0)), nginx $((n1 - n0)))"
  done
done

# ---------------------------------------------------------------- (b) random 1 MiB ranges
section "(b) $n_ranges random 1 MiB ranges on $range_conns keep-alive connections, $range_rounds rounds"
wait_quiet
load ranges --targets="$targets" --size="$size" --count="$n_ranges" --len=1048576 \
  --conns="$range_conns" --rounds="$range_rounds" --file="$verify_file" >"$results/ranges.json"

# ---------------------------------------------------------------- (c) TTFB
section "(c) TTFB of a mid-file 64 KiB range, new connection per request, $n_ttfb each"
wait_quiet
load ttfb --targets="$targets" --size="$size" --count="$n_ttfb" --len=65536 --pair=aula,direct >"$results/ttfb.json"

# ---------------------------------------------------------------- (d) slow clients
heap_used() { # prints "used_kib total_kib" of the Aula heap after a full GC
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | tee -a "$results/heap_info.txt" \
    | awk '/total [0-9]+K, used [0-9]+K/ { for (i=1;i<=NF;i++) { if ($i=="total") t=$(i+1); if ($i=="used") u=$(i+1) } gsub(/[K,]/,"",t); gsub(/[K,]/,"",u); print u, t; exit }'
}
upstream_conns() { # established TCP connections from anyone to the fake Drive port
  ss -Htn state established "( dport = :$up_port )" 2>/dev/null | wc -l
}
thread_groups() { # thread names of a JVM grouped by name without digits
  jcmd "$1" Thread.print 2>/dev/null | sed -n 's/^"\([^"]*\)".*/\1/p' | sed 's/[0-9][0-9]*/N/g' | sort | uniq -c | sort -rn | head -12
}

# run_slow NAME URL PID HEALTH_URL
run_slow() {
  local name=$1 url=$2 pid=$3 health=$4 snap
  wait_quiet
  info "  $name: $d_clients clients x $((d_rate / 1024)) KiB/s for ${d_seconds} s (ranges of $((d_rate * d_seconds / 1024)) KiB)"
  # A mid-run snapshot: thread groups and upstream connections.
  ( sleep $(( d_seconds / 2 + 1 ))
    { echo "upstream_established $(upstream_conns)"
      echo "fds $(ls "/proc/$pid/fd" 2>/dev/null | wc -l)"
      [[ $name == aula ]] && thread_groups "$pid"; } >"$results/slow-$name-mid.txt" 2>&1
    [[ $name == aula ]] && jcmd "$pid" Thread.print >"$results/slow-$name-mid-threads.txt" 2>&1 ) &
  snap=$!
  bg_pids+=("$snap")
  local ov0
  ov0=$(overflows)
  load slow --url="$url" --size="$size" --clients="$d_clients" --rate="$d_rate" --duration="$d_seconds" \
    --rcvbuf="$d_rcvbuf" --ramp-ms="$d_ramp" --open="$d_open" --pid="$pid" --health="$health" --file="$verify_file" \
    >"$results/slow-$name.json"
  # The load generator returns 1 s after its last client closed: what is still open upstream now?
  echo "$(upstream_conns)" >"$results/slow-$name-upstream-after1.txt"
  echo "$(( $(overflows) - ov0 ))" >"$results/slow-$name-overflows.txt"
  wait "$snap" 2>/dev/null || true
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("   ", {k: d.get(k) for k in ("completed","errors","threads","health_ms","complete_s")})' \
    "$results/slow-$name.json"
}

section "(d) $d_clients concurrent slow clients"
wait_quiet
sleep 3 # let the pools of (a)-(c) settle
read -r heap_before heap_total <<<"$(heap_used "$jetty_pid")"
fds_before=$(ls "/proc/$jetty_pid/fd" | wc -l)
threads_before=$(awk '/^Threads:/{print $2}' "/proc/$jetty_pid/status")
log_mark=$(wc -l <"$aula_log")
run_slow aula "$aula/drive/files/$file_id" "$jetty_pid" "$aula/api/health"
read -r heap_after _ <<<"$(heap_used "$jetty_pid")"
sleep 5
# Aula's own stream summaries (media.md §5) of the (d) streams: how long it held each one.
tail -n +"$((log_mark + 1))" "$aula_log" | grep 'stream src=' >"$results/slow-aula-streams.log" || true
fds_after=$(ls "/proc/$jetty_pid/fd" | wc -l)
threads_after5=$(awk '/^Threads:/{print $2}' "/proc/$jetty_pid/status")
upstream_after5=$(upstream_conns)
thread_groups "$jetty_pid" >"$results/threads-after.txt" || true
printf 'heap_before_kib=%s\nheap_after_kib=%s\nheap_total_kib=%s\nfds_before=%s\nfds_after5=%s\nthreads_start=%s\nthreads_before=%s\nthreads_after5=%s\nupstream_after5=%s\n' \
  "$heap_before" "$heap_after" "$heap_total" "$fds_before" "$fds_after" "$threads_start" "$threads_before" \
  "$threads_after5" "$upstream_after5" >"$results/aula-jvm.txt"
cat "$results/aula-jvm.txt"

if [[ $d_nginx == 1 ]]; then
  run_slow nginx-proxy "$px/drive/v3/files/$file_id?$media_q" "$nginx_pid" ""
fi

if [[ $d_threadproxy == 1 ]]; then
  tp_port=$(free_port)
  python3 "$here/media_thread_proxy.py" "$tp_port" "$up_port" >"$work/thread-proxy.log" 2>&1 &
  proxy_pid=$!
  wait_http "http://127.0.0.1:$tp_port/api/health" "$proxy_pid" 20 || { cat "$work/thread-proxy.log" >&2; exit 1; }
  sleep 2
  run_slow thread-proxy "http://127.0.0.1:$tp_port/drive/files/$file_id" "$proxy_pid" "http://127.0.0.1:$tp_port/api/health"
  stop_pid "$proxy_pid" 10 || true
  proxy_pid=''
fi

# ---------------------------------------------------------------- report
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
grep -c ' aula.stream\|stream src=drive' "$aula_log" >"$results/stream-lines.txt" 2>/dev/null || true
grep -E 'end=(upstream_error|stall|client_abort)' "$aula_log" | head -20 >"$results/stream-bad.txt" || true
grep -E 'SEVERE|WARN|Exception' "$aula_log" | head -40 >"$results/aula-warnings.txt" || true

section "Report"
wait_quiet # a catalogue benchmark that ends now would overwrite BENCHMARKS.md after us
python3 "$here/media_report.py" \
  --results "$results" --out "$out" --war "$war" \
  --jvm-flags "${jvm_flags[*]}" --jetty-props "${jetty_props[*]}" --java "$java_bin" --jetty "$AULA_JETTY_VERSION" \
  --size "$size" --sparse "$sparse" --load-start "$load_start" --load-end "$load_end" \
  --ranges "$n_ranges" --range-conns "$range_conns" --range-rounds "$range_rounds" --ttfb "$n_ttfb" \
  --full-tries "$full_tries" --d-clients "$d_clients" --d-rate "$d_rate" --d-seconds "$d_seconds" \
  --d-rcvbuf "$d_rcvbuf" --d-ramp "$d_ramp" --d-open "$d_open"
