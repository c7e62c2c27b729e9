#!/usr/bin/env bash
# Regenerates the media files of the bundled demo library (media.md §2.3) from scratch:
#   src/main/webapp/WEB-INF/aula-demo/{fundamentos,niebla}/...
# The catalogue (courses_cache.json) is never touched; the script only rewrites the files it
# references. Needs: bash, python3 (stdlib only), ffmpeg + ffprobe with libx264, the native AAC
# encoder and the drawtext filter, and the DejaVu fonts (Debian: apt-get install ffmpeg
# fonts-dejavu-core). The output is byte-for-byte reproducible with the same FFmpeg/x264 build.
#
# Usage: tools/make-demo-media.sh [--out DIR]     (DIR defaults to the WAR's aula-demo folder;
#                                                   DIR must contain courses_cache.json)
#        tools/make-demo-media.sh --verify-only [--out DIR]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
helper="$here/demo_media.py"

verify_only=false
if [[ "${1:-}" == "--verify-only" ]]; then
  verify_only=true
  shift
fi

die() { echo "make-demo-media: $*" >&2; exit 1; }

command -v python3 >/dev/null || die "python3 not found"
command -v ffmpeg >/dev/null || die "ffmpeg not found (Debian: apt-get install ffmpeg)"
command -v ffprobe >/dev/null || die "ffprobe not found (it ships with ffmpeg)"

if ! $verify_only; then
  # Captured first: `ffmpeg ... | grep -q` would trip pipefail when grep exits early.
  filters="$(ffmpeg -hide_banner -filters 2>/dev/null || true)"
  encoders="$(ffmpeg -hide_banner -encoders 2>/dev/null || true)"
  grep -qw drawtext <<<"$filters" || die "this ffmpeg build has no drawtext filter (needs libfreetype)"
  grep -qw libx264 <<<"$encoders" || die "this ffmpeg build has no libx264 encoder"
  for font in /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
              /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf; do
    [[ -r "$font" ]] || die "missing font $font (Debian: apt-get install fonts-dejavu-core)"
  done
  echo "== building demo media with $(ffmpeg -version | head -n 1)"
  python3 "$helper" build "$@"
fi

echo "== verifying"
python3 "$helper" verify "$@"
