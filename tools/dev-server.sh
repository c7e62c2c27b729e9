#!/usr/bin/env bash
# Runs a built WAR in the real Jetty 12 distribution for viewer work, with the viewer served
# straight from the source folder (AULA_VIEWER_PATH), so edits to HTML, CSS and JS show on reload
# without a rebuild. The data folder gets the demo catalogue and the library is the demo folder.
#
#   tools/dev-server.sh [WAR] [PORT]     (defaults: target/aula.war, 8090); Ctrl-C stops it
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$repo/.ci/lib.sh"
war=$(realpath "${1:-$repo/target/aula.war}")
port=${2:-8090}
work=${AULA_DEV_WORK:-/tmp/aula-dev-$port}
rm -rf "$work/base" "$work/data"
mkdir -p "$work/data"
home=$(ls -d "$work"/jetty-home-* 2>/dev/null | head -1 || true)
[[ -n $home ]] || home=$(unpack_jetty "$work")
configure_jetty "$home" "$work/base" "$war"
cp "$repo/src/main/webapp/WEB-INF/aula-demo/courses_cache.json" "$work/data/courses_cache.json"
export AULA_VIEWER_PATH=$repo/src/main/webapp/WEB-INF/viewer
export AULA_LIBRARY_PATH=$repo/src/main/webapp/WEB-INF/aula-demo
info "Aula on http://127.0.0.1:$port/ (viewer from $AULA_VIEWER_PATH, data $work/data)"
start_jetty "$home" "$work/base" "$port" "$work/data" "$work/jetty.log"
trap 'kill $STARTED_PID 2>/dev/null || true' EXIT INT TERM
wait "$STARTED_PID"
