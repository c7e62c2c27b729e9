#!/usr/bin/env bash
# Deployment smoke test: deploys a WAR as ROOT into the real Tomcat 10.1 and Jetty 12 (ee10)
# distributions from Maven Central, each on a free 127.0.0.1 port with its own AULA_DATA_PATH,
# and checks /api/health and /api/bootstrap.
#
#   .ci/smoke-deploy.sh path/to/aula.war
#
# Environment (all optional):
#   AULA_TOMCAT_VERSION, AULA_JETTY_VERSION, AULA_JETTY_MODULES   see .ci/lib.sh
#   AULA_SMOKE_FIXTURE   catalogue copied into the data folder as courses_cache.json
#                        (default ../shared/fixtures/original-fixture.json; empty = start empty)
#   AULA_SMOKE_DEADLINE  seconds to wait for /api/health after a start (default 90)
#   AULA_SMOKE_KEEP=1    keep the temp folder (servers, logs) for inspection
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

if [[ $# -ne 1 ]]; then
  echo "usage: $0 <war>" >&2
  exit 2
fi
war=$(realpath "$1")
[[ -f $war ]] || { echo "smoke-deploy: WAR not found: $1" >&2; exit 2; }

deadline=${AULA_SMOKE_DEADLINE:-90}
fixture=${AULA_SMOKE_FIXTURE-$repo/../shared/fixtures/original-fixture.json}
if [[ -n $fixture && ! -f $fixture ]]; then
  warn "fixture $fixture not found; starting with an empty data folder"
  fixture=''
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/aula-smoke.XXXXXX")
declare -a live_pids=()
passed=0
failed=0

cleanup() {
  local rc=$?
  local pid
  for pid in "${live_pids[@]}"; do stop_pid "$pid" 20 || true; done
  if [[ ${AULA_SMOKE_KEEP:-0} == 1 ]]; then
    info "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { passed=$((passed + 1)); printf '  PASS  %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }

# fetch NAME URL [curl args...] — stores status, headers and body under $work/resp/NAME.*
fetch() {
  local name=$1 url=$2
  shift 2
  mkdir -p "$work/resp"
  curl -s --max-time 15 -D "$work/resp/$name.headers" -o "$work/resp/$name.body" \
    -w '%{http_code}' "$@" "$url" >"$work/resp/$name.status" 2>/dev/null || echo 000 >"$work/resp/$name.status"
}

# check_json NAME WHAT EXPECT_FIXTURE_CATEGORIES — validates a stored response with Python.
# Prints one line per problem; exit status 0 when the response is fine.
check_json() {
  python3 - "$work/resp/$1" "$2" "${3:-}" <<'PY'
import gzip, json, sys
base, what, expect = sys.argv[1], sys.argv[2], sys.argv[3]
status = open(base + ".status").read().strip()
raw_headers = open(base + ".headers", encoding="latin-1", newline="").read().splitlines()
headers = {}
for line in raw_headers[1:]:
    if ":" in line:
        k, v = line.split(":", 1)
        headers[k.strip().lower()] = v.strip()
body = open(base + ".body", "rb").read()
problems = []
if status != "200":
    problems.append(f"status {status}, expected 200")
ctype = headers.get("content-type", "")
if not ctype.lower().startswith("application/json"):
    problems.append(f"Content-Type {ctype!r}, expected application/json")
if headers.get("content-encoding", "").lower() == "gzip":
    body = gzip.decompress(body)
try:
    doc = json.loads(body.decode("utf-8"))
except Exception as e:  # noqa: BLE001
    problems.append(f"body is not JSON ({e}): {body[:200]!r}")
    doc = None
if doc is not None:
    if what == "health":
        if not isinstance(doc, dict) or doc.get("status") != "ok":
            problems.append(f'"status" is {doc.get("status") if isinstance(doc, dict) else doc!r}, expected "ok"')
        elif expect:
            cat = doc.get("catalog")
            src = cat.get("source") if isinstance(cat, dict) else None
            if src != "data":
                problems.append(f'catalog.source is {src!r}, expected "data" (AULA_DATA_PATH not honoured?)')
    elif what == "bootstrap":
        cats = doc.get("categories") if isinstance(doc, dict) else None
        if not isinstance(cats, list):
            problems.append(f'"categories" is {type(cats).__name__}, expected an array')
        elif expect and len(cats) != int(expect):
            problems.append(f"{len(cats)} categories, expected {expect} from the seeded catalogue")
for p in problems:
    print("        " + p)
sys.exit(1 if problems else 0)
PY
}

print_log_tail() {
  local log=$1 home=${2:-} f
  echo "----- last 80 lines of $log -----"
  tail -n 80 "$log" 2>/dev/null || true
  if [[ -n $home && -d $home/logs ]]; then
    for f in "$home"/logs/*.log; do
      [[ -s $f ]] || continue
      echo "----- last 40 lines of $f -----"
      tail -n 40 "$f"
    done
  fi
  echo "-----"
}

# smoke NAME — runs the checks against one started server (globals: port pid log home).
smoke() {
  local name=$1 base="http://127.0.0.1:$port" before=$failed t0 n_expect='' server
  t0=$(date +%s%3N)
  if wait_http "$base/api/health" "$pid" "$deadline"; then
    pass "$name: /api/health answered 200 after $(( $(date +%s%3N) - t0 )) ms"
  else
    fail "$name: /api/health did not come up"
    print_log_tail "$log" "$home"
    return 0
  fi
  if [[ -n $fixture ]]; then
    n_expect=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["categories"]))' "$fixture")
  fi

  fetch "$name-health" "$base/api/health"
  if check_json "$name-health" health "$n_expect"; then
    pass "$name: /api/health is 200 JSON with \"status\":\"ok\"${n_expect:+ and catalog.source=data}"
  else
    fail "$name: /api/health"
  fi

  fetch "$name-bootstrap" "$base/api/bootstrap"
  if check_json "$name-bootstrap" bootstrap "$n_expect"; then
    pass "$name: /api/bootstrap is 200 JSON with a categories array${n_expect:+ ($n_expect from the seeded catalogue)}"
  else
    fail "$name: /api/bootstrap"
  fi

  fetch "$name-bootstrap-gz" "$base/api/bootstrap" -H 'Accept-Encoding: gzip'
  if grep -qi '^content-encoding: *gzip' "$work/resp/$name-bootstrap-gz.headers" \
      && check_json "$name-bootstrap-gz" bootstrap "$n_expect" \
      && python3 - "$work/resp/$name-bootstrap-gz.body" "$work/resp/$name-bootstrap.body" <<'PY'
import gzip, sys
sys.exit(0 if gzip.decompress(open(sys.argv[1], "rb").read()) == open(sys.argv[2], "rb").read() else 1)
PY
  then
    pass "$name: /api/bootstrap with Accept-Encoding: gzip is gzip of the same bytes"
  else
    fail "$name: /api/bootstrap gzip variant (Content-Encoding: gzip, same body once decompressed)"
  fi

  server=$(grep -i '^server:' "$work/resp/$name-health.headers" | tr -d '\r' || true)
  if [[ $server =~ [0-9]+\.[0-9]+ ]]; then
    warn "$name: the Server header reveals a version ($server); api.md §1.4 says it SHOULD NOT"
  fi

  if (( failed > before )); then
    print_log_tail "$log" "$home"
  fi
}

# stop_and_verify NAME — stops the server and checks that the JVM and its port are gone.
stop_and_verify() {
  local name=$1
  if stop_pid "$pid" 30 && ! kill -0 "$pid" 2>/dev/null && port_closed "$port"; then
    pass "$name: stopped (pid $pid gone, port $port closed)"
  else
    fail "$name: did not stop cleanly (pid $pid, port $port)"
    print_log_tail "$log" "$home"
  fi
  live_pids=()
}

section "Smoke test: $(basename "$war") ($(du -h "$war" | cut -f1)), $(java -version 2>&1 | head -n1)"
info "work folder: $work"

# ---------------------------------------------------------------- Tomcat
section "Tomcat $AULA_TOMCAT_VERSION"
home=$(unpack_tomcat "$work/tomcat")
port=$(free_port)
configure_tomcat "$home" "$war" "$port"
data="$work/tomcat-data"
mkdir -p "$data"
[[ -n $fixture ]] && cp "$fixture" "$data/courses_cache.json"
log="$work/tomcat.log"
info "starting Tomcat on 127.0.0.1:$port, AULA_DATA_PATH=$data"
start_tomcat "$home" "$data" "$log"
pid=$STARTED_PID
live_pids=("$pid")
smoke tomcat
stop_and_verify tomcat

# ---------------------------------------------------------------- Jetty
section "Jetty $AULA_JETTY_VERSION (modules: $AULA_JETTY_MODULES)"
home=$(unpack_jetty "$work/jetty")
jbase="$work/jetty-base"
configure_jetty "$home" "$jbase" "$war"
port=$(free_port)
data="$work/jetty-data"
mkdir -p "$data"
[[ -n $fixture ]] && cp "$fixture" "$data/courses_cache.json"
log="$work/jetty.log"
info "starting Jetty on 127.0.0.1:$port, AULA_DATA_PATH=$data"
start_jetty "$home" "$jbase" "$port" "$data" "$log"
pid=$STARTED_PID
live_pids=("$pid")
home='' # Jetty logs to stdout only
smoke jetty
stop_and_verify jetty

section "Smoke test result"
echo "smoke-deploy: $passed passed, $failed failed"
(( failed == 0 ))
