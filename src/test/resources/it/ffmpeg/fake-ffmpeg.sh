#!/bin/sh
# A fake FFmpeg for Aula's black-box repair tests (media.md §7.4), installed as FFMPEG_PATH.
#  * "-version" answers with exit 0, so discovery accepts it (media.md §6.1);
#  * every other call appends "=== <pid>" and then its arguments, one per line, to argv.log
#    next to this script;
#  * when the last argument is an .mp4 path it writes 0123456789 there, except that
#    - an output named *blockme* first waits until the file gate-<name> appears next to this script;
#    - an output named *failme* gets a partial artifact, a line on stderr and exit status 1.
here=$(dirname "$0")
if [ "$1" = "-version" ]; then
    echo "ffmpeg version 0.0-aula-fake Copyright (c) the Aula tests"
    exit 0
fi
{
    echo "=== $$"
    for arg in "$@"; do
        printf '%s\n' "$arg"
    done
} >> "$here/argv.log"
last=""
for arg in "$@"; do
    last=$arg
done
case "$last" in
    /*.mp4) ;;
    *)
        echo "fake ffmpeg: no .mp4 output path as the last argument: $last" >&2
        exit 1
        ;;
esac
name=$(basename "$last" .mp4)
case "$name" in
    *blockme*)
        while [ ! -e "$here/gate-$name" ]; do
            sleep 0.05
        done
        ;;
esac
case "$name" in
    *failme*)
        printf '01234' > "$last"
        echo "fake ffmpeg: simulated failure for $name" >&2
        exit 1
        ;;
esac
printf '0123456789' > "$last"
exit 0
