#!/usr/bin/env bash
# Catalogue benchmark: /api/bootstrap on Aula (WAR in the Jetty 12 distribution) against nginx
# serving the same pre-gzipped bytes, plus catalogue load time and hot-reload latency, with a
# generated 20 000-class catalogue. Writes BENCHMARKS.md. See bench/README.md.
#
#   bench/bootstrap-bench.sh [path/to/aula.war]      (default: target/aula.war)
#
# Environment (all optional):
#   BENCH_CLASSES=20000          catalogue size (gen_catalog.py --classes)
#   BENCH_THREADS=2 BENCH_CONNECTIONS=64 BENCH_DURATION=15s BENCH_WARMUP=5s   wrk settings
#   BENCH_JVM_FLAGS="-Xms1g -Xmx2g"   JVM flags of the Aula (Jetty) process
#   BENCH_RELOADS=10             hot-reload tries (p50 reported)
#   BENCH_REFRESHES=5            forced-refresh tries (p50 reported)
#   BENCH_OUT=BENCHMARKS.md      report file ("-" = print only)
#   BENCH_KEEP=1                 keep the temp folder (logs, raw wrk output)
#   AULA_JAVA, AULA_JETTY_VERSION     see .ci/lib.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$repo/.ci/lib.sh"

war=$(realpath "${1:-$repo/target/aula.war}")
[[ -f $war ]] || { echo "bootstrap-bench: WAR not found: $war (build it or pass its path)" >&2; exit 2; }

classes=${BENCH_CLASSES:-20000}
threads=${BENCH_THREADS:-2}
conns=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-15s}
warmup=${BENCH_WARMUP:-5s}
reloads=${BENCH_RELOADS:-10}
refreshes=${BENCH_REFRESHES:-5}
read -r -a jvm_flags <<<"${BENCH_JVM_FLAGS:--Xms1g -Xmx2g}"
out=${BENCH_OUT:-$repo/BENCHMARKS.md}
gen=${BENCH_GENERATOR:-$repo/../shared/fixtures/gen_catalog.py}
[[ -f $gen ]] || { echo "bootstrap-bench: generator not found: $gen" >&2; exit 2; }
measure=(python3 "$here/measure.py")

# ---------------------------------------------------------------- tools
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v curl >/dev/null || missing+=(curl)
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) -eq 0 ]] || { echo "bootstrap-bench: please install: ${missing[*]}" >&2; exit 2; }
  info "installing ${missing[*]} (Debian packages; services are not started)"
  # policy-rc.d answering 101 keeps the package scripts from starting the nginx service.
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local rc=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >"${TMPDIR:-/tmp}/aula-bench-apt.log" 2>&1 || rc=$?
  if ((rc != 0)); then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && rc=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      >"${TMPDIR:-/tmp}/aula-bench-apt.log" 2>&1 || rc=$?
  fi
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  if ((rc != 0)); then tail -n 30 "${TMPDIR:-/tmp}/aula-bench-apt.log" >&2; exit 1; fi
  # Belt and braces: stop a system nginx in case one was started anyway.
  if [[ -s /run/nginx.pid ]] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    info "stopping the nginx service the package started"
    nginx -s stop 2>/dev/null || kill "$(cat /run/nginx.pid)" || true
  fi
}
ensure_tools
nginx -V 2>&1 | grep -q -- --with-http_gzip_static_module \
  || { echo "bootstrap-bench: this nginx lacks gzip_static" >&2; exit 1; }

# ---------------------------------------------------------------- cleanup
work=$(mktemp -d "${TMPDIR:-/tmp}/aula-bench.XXXXXX")
chmod 755 "$work" # nginx workers (user nobody) read the static files below it
jetty_pid=''
nginx_pid=''
cleanup() {
  local rc=$?
  stop_pid "$nginx_pid" 10 || true
  stop_pid "$jetty_pid" 30 || true
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then info "kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- catalogue
section "Catalogue: $classes classes"
data="$work/data"
mkdir -p "$data"
t0=$(date +%s%3N)
python3 "$gen" --classes "$classes" --out "$data/courses_cache.json"
info "generated $(du -h "$data/courses_cache.json" | cut -f1) in $(( $(date +%s%3N) - t0 )) ms"
catalog_bytes=$(stat -c %s "$data/courses_cache.json")
# Modified copies for the hot-reload test, prepared before any timing.
"${measure[@]}" variants "$data/courses_cache.json" "$work/variants" "$reloads" >/dev/null

# ---------------------------------------------------------------- Aula on Jetty
section "Aula on Jetty $AULA_JETTY_VERSION (${jvm_flags[*]})"
jhome=$(unpack_jetty "$work/jetty")
jbase="$work/jetty-base"
configure_jetty "$jhome" "$jbase" "$war"
aula_port=$(free_port)
aula_log="$work/aula.log"
t0=$(date +%s%3N)
start_jetty "$jhome" "$jbase" "$aula_port" "$data" "$aula_log" "${jvm_flags[@]}"
jetty_pid=$STARTED_PID
aula="http://127.0.0.1:$aula_port"
wait_http "$aula/api/health" "$jetty_pid" 120 || { tail -n 80 "$aula_log"; exit 1; }
startup_ms=$(( $(date +%s%3N) - t0 ))
info "Aula up on $aula in $startup_ms ms"
health=$(curl -s "$aula/api/health")
python3 - "$health" "$classes" <<'PY'
import json, sys
h = json.loads(sys.argv[1])
cat = h.get("catalog") or {}
print(f"  catalog: source={cat.get('source')} classes={cat.get('classes')} version={cat.get('version')} error={cat.get('error')}")
if cat.get("source") != "data":
    sys.exit("the generated catalogue was not loaded (catalog.source != data)")
PY

# ---------------------------------------------------------------- bootstrap bytes
www="$work/www"
mkdir -p "$www/api"
curl -s -D "$work/bootstrap.gz.headers" -H 'Accept-Encoding: gzip' -o "$www/api/bootstrap.gz" "$aula/api/bootstrap"
curl -s -o "$www/api/bootstrap" "$aula/api/bootstrap"
grep -qi '^content-encoding: *gzip' "$work/bootstrap.gz.headers" \
  || { echo "Aula did not answer /api/bootstrap with Content-Encoding: gzip" >&2; exit 1; }
python3 - "$www/api/bootstrap.gz" "$www/api/bootstrap" <<'PY'
import gzip, sys
if gzip.decompress(open(sys.argv[1], "rb").read()) != open(sys.argv[2], "rb").read():
    sys.exit("gzip and identity /api/bootstrap bodies differ")
PY
chmod -R a+rX "$www"
ctype=$(grep -i '^content-type:' "$work/bootstrap.gz.headers" | head -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//')
boot_id_bytes=$(stat -c %s "$www/api/bootstrap")
boot_gz_bytes=$(stat -c %s "$www/api/bootstrap.gz")
info "bootstrap: $boot_id_bytes bytes, gzip $boot_gz_bytes bytes, Content-Type: $ctype"

# ---------------------------------------------------------------- nginx
section "nginx $(nginx -v 2>&1 | sed 's|.*/||') (gzip_static)"
nginx_port=$(free_port)
ngx="$work/nginx"
mkdir -p "$ngx/logs" "$ngx/tmp"
cat >"$ngx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $ngx/nginx.pid;
error_log $ngx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $ngx/tmp/body;
  proxy_temp_path $ngx/tmp/proxy;
  fastcgi_temp_path $ngx/tmp/fastcgi;
  uwsgi_temp_path $ngx/tmp/uwsgi;
  scgi_temp_path $ngx/tmp/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  server_tokens off;
  types { }
  default_type "$ctype";
  gzip off;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:$nginx_port;
    root $www;
    location = /api/bootstrap { add_header Cache-Control "no-cache"; }
  }
}
EOF
nginx -t -p "$ngx/" -c "$ngx/nginx.conf" >"$ngx/logs/test.log" 2>&1 || { cat "$ngx/logs/test.log"; exit 1; }
nginx -p "$ngx/" -c "$ngx/nginx.conf" </dev/null >"$ngx/logs/stdout.log" 2>&1 &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port"
wait_http "$nginx_url/api/bootstrap" "$nginx_pid" 20 || { cat "$ngx/logs/"*.log; exit 1; }
curl -s -D "$work/nginx.headers" -H 'Accept-Encoding: gzip' -o "$work/nginx.body" "$nginx_url/api/bootstrap"
cmp -s "$work/nginx.body" "$www/api/bootstrap.gz" \
  || { echo "nginx did not serve the pre-gzipped bytes" >&2; cat "$work/nginx.headers"; exit 1; }
info "nginx up on $nginx_url, serving the same $boot_gz_bytes gzip bytes"

# ---------------------------------------------------------------- wrk
run_wrk() { # NAME URL DURATION
  wrk -t"$threads" -c"$conns" -d"$3" --latency -H 'Accept-Encoding: gzip' "$2/api/bootstrap" >"$work/wrk-$1.txt" 2>&1
}
section "wrk -t$threads -c$conns -d$duration --latency -H 'Accept-Encoding: gzip'"
info "warm-up ($warmup each)"
run_wrk aula-warmup "$aula" "$warmup"
run_wrk nginx-warmup "$nginx_url" "$warmup"
info "measuring Aula"
run_wrk aula "$aula" "$duration"
cat "$work/wrk-aula.txt"
info "measuring nginx"
run_wrk nginx "$nginx_url" "$duration"
cat "$work/wrk-nginx.txt"
wrk_aula=$("${measure[@]}" wrk "$work/wrk-aula.txt")
wrk_nginx=$("${measure[@]}" wrk "$work/wrk-nginx.txt")
stop_pid "$nginx_pid" 10
nginx_pid=''

# ---------------------------------------------------------------- load time and hot reload
section "Forced refresh ($refreshes tries)"
refresh=$("${measure[@]}" refresh "$aula" "$refreshes")
info "forced /api/refresh until health.catalog.loadedAt changes: $refresh"

section "Hot reload ($reloads atomic renames)"
mapfile -t variants < <(ls "$work/variants"/variant-*.json)
reload=$("${measure[@]}" hotreload "$aula" "$data/courses_cache.json" "${variants[@]}")
info "rename -> new /api/cache-meta version: $reload"
load_log=$("${measure[@]}" loadlog "$aula_log")
info "catalogue load passes in the log: $load_log"
health=$(curl -s "$aula/api/health")
stop_pid "$jetty_pid" 30
jetty_pid=''

# ---------------------------------------------------------------- report
section "Results"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
nginx_version=$(nginx -v 2>&1 | sed 's|.*/||')
wrk_version=$( { wrk -v 2>&1 || true; } | head -n1 | awk '{print $2}')
export B_WRK_AULA=$wrk_aula B_WRK_NGINX=$wrk_nginx B_LOAD=$load_log B_REFRESH=$refresh \
  B_RELOAD=$reload B_HEALTH=$health B_WAR=$war B_JAVA=${AULA_JAVA:-java} \
  B_JETTY="$AULA_JETTY_VERSION (modules $AULA_JETTY_MODULES)" B_JVM_FLAGS="${jvm_flags[*]}" \
  B_NGINX=$nginx_version B_WRK=$wrk_version \
  B_CLASSES=$classes B_CATALOG_BYTES=$catalog_bytes B_BOOT_ID=$boot_id_bytes B_BOOT_GZ=$boot_gz_bytes \
  B_CTYPE=$ctype B_WRK_ARGS="-t$threads -c$conns -d$duration --latency -H 'Accept-Encoding: gzip'" \
  B_WARMUP=$warmup B_STARTUP_MS=$startup_ms B_LOAD_BEFORE=$load_before B_LOAD_AFTER=$load_after
report=$(python3 - <<'PY'
import datetime, json, os, platform, subprocess
E = os.environ
wa, wn = json.loads(E["B_WRK_AULA"]), json.loads(E["B_WRK_NGINX"])
load, refresh, reload = json.loads(E["B_LOAD"]), json.loads(E["B_REFRESH"]), json.loads(E["B_RELOAD"])
health = json.loads(E["B_HEALTH"])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
java = subprocess.run([E["B_JAVA"], "-version"], capture_output=True, text=True).stderr.splitlines()
osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), platform.system())
ratio = (wa["rps"] / wn["rps"]) if wa.get("rps") and wn.get("rps") else None
ncpu = os.cpu_count()


def f(x, nd=2):
    return "n/a" if x is None else f"{x:,.{nd}f}"


def p50(d):
    if not d.get("n"):
        return "n/a" + (f" ({d['error']})" if d.get("error") else f" ({d.get('timeouts', 0)} timed out)")
    extra = f", {d['timeouts']} timed out" if d.get("timeouts") else ""
    return f"{d['p50_ms']:.0f} ms (min {d['min_ms']:.0f}, max {d['max_ms']:.0f}, n={d['n']}{extra})"


cat = health.get("catalog") or {}
lines = [
    "# Benchmarks",
    "",
    "Generated by `bench/bootstrap-bench.sh` (see `bench/README.md`); re-run it to refresh this file.",
    "",
    "## Machine",
    "",
    f"* Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
    f"* CPU: {cpu}, `nproc` = {ncpu}",
    f"* RAM: {mem_kb / 1048576:.1f} GiB",
    f"* OS: {osname}, kernel {platform.release()}",
    f"* Java: {java[0] if java else '?'} ({java[1] if len(java) > 1 else ''})",
    f"* Aula: `{os.path.basename(E['B_WAR'])}` version {health.get('version', '?')}, deployed as ROOT in Jetty {E['B_JETTY']}, JVM flags `{E['B_JVM_FLAGS']}`",
    f"* nginx: {E['B_NGINX']} (Debian package), `worker_processes auto`, `gzip_static on`, `sendfile on`, access log off",
    f"* wrk: {E['B_WRK']}; the servers and the load generator share the same {ncpu} cores",
    f"* Load average (1, 5, 15 min) before the run: {E['B_LOAD_BEFORE']}; after: {E['B_LOAD_AFTER']}"
    " (anything else running on the machine skews the figures)",
    "",
    "## Catalogue",
    "",
    f"* `gen_catalog.py --classes {E['B_CLASSES']}`: {int(E['B_CATALOG_BYTES']) / 1048576:.1f} MiB; /api/health reports {cat.get('classes', '?')} classes",
    f"* /api/bootstrap: {int(E['B_BOOT_ID']):,} bytes, {int(E['B_BOOT_GZ']):,} bytes gzip; Content-Type `{E['B_CTYPE']}`",
    "",
    f"## /api/bootstrap throughput",
    "",
    f"`wrk {E['B_WRK_ARGS']}` against each server, after a {E['B_WARMUP']} warm-up of each.",
    "nginx serves the exact gzip bytes Aula sent (`bootstrap.gz` next to `bootstrap`, `gzip_static on`) with the same Content-Type.",
    "",
    "| Server | Requests/s | p50 | p99 | Non-2xx | Socket errors |",
    "|---|---:|---:|---:|---:|---|",
    f"| Aula (Jetty) | {f(wa['rps'], 0)} | {f(wa['p50_ms'])} ms | {f(wa['p99_ms'])} ms | {wa['non_2xx']} | {wa['socket_errors'] or 'none'} |",
    f"| nginx | {f(wn['rps'], 0)} | {f(wn['p50_ms'])} ms | {f(wn['p99_ms'])} ms | {wn['non_2xx']} | {wn['socket_errors'] or 'none'} |",
    "",
    f"**Ratio Aula / nginx (requests/s): {f(ratio)}** (target ≥ 0.8: {'met' if ratio is not None and ratio >= 0.8 else 'NOT met'}).",
    "",
    "## Catalogue load and hot reload",
    "",
    "* Start-up load (cold JVM), from the `aula.catalog` log line: "
    + (f"{load['first_ms']:.0f} ms — `{load['first_line']}`" if load.get("first_ms") is not None
       else "n/a (no load line with a duration found)"),
    f"* Reloads in the warm JVM (the hot-reload passes below), from the same log lines (p50): {p50(load['later'])}",
    f"* Forced `POST /api/refresh` until `/api/health` `catalog.loadedAt` changes (p50): {p50(refresh)}",
    f"* Hot reload, atomic rename of a modified catalogue until `/api/cache-meta` `version` changes (p50): {p50(reload)}",
    f"* Aula start-up, JVM start to the first 200 from /api/health (catalogue load included): {E['B_STARTUP_MS']} ms",
    "",
    "Polling is every 5 ms over one keep-alive connection. The hot-reload figure includes the",
    "watcher's 300 ms quiet period (catalog.md §5.4); the spec's limit is 2 s.",
]
print("\n".join(lines))
PY
)
printf '%s\n' "$report"
if [[ $out != - ]]; then
  # Rewrite this benchmark's sections; keep any other "## " section already in the file (such as
  # "## Media streaming", written by bench/media-bench.sh).
  B_REPORT=$report python3 - "$out" <<'PY'
import os, re, sys
path, mine = sys.argv[1], os.environ["B_REPORT"].rstrip("\n")
own = set(re.findall(r"^## (.+)$", mine, re.M))
kept = []
if os.path.exists(path):
    old = open(path, encoding="utf-8").read()
    for part in re.split(r"(?m)^(?=## )", old)[1:]:
        title = part.splitlines()[0][3:].strip()
        if title not in own:
            kept.append(part.rstrip("\n"))
tmp = path + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    f.write("\n\n".join([mine] + kept) + "\n")
os.replace(tmp, path)
PY
  info "wrote $out"
fi
