#!/bin/sh
# A fake FFmpeg whose compat stream never ends by itself (media.md §6.4: "At undeploy, every
# process is killed"). A real FFmpeg would also die once the container JVM is gone and its pipes
# close; this one ignores SIGPIPE and SIGHUP and keeps running, so only an explicit kill (SIGTERM
# or SIGKILL) by Aula ends it.
#  * For an input whose name contains "tiny" it writes only an ftyp box (24 bytes): the "first
#    bytes" of api.md §3.11, with nothing after them for a long time.
#  * Otherwise it writes an ftyp box and a 64 KiB free box, more than any response buffer.
#  * Calls without pipe:1 (a duration probe, anything else) fail at once.
if [ "$1" = "-version" ]; then
    echo "ffmpeg version 0.0-aula-stubborn Copyright (c) the Aula tests"
    exit 0
fi
streaming=no
tiny=no
for arg in "$@"; do
    case "$arg" in
        pipe:1) streaming=yes ;;
        *tiny*) tiny=yes ;;
    esac
done
if [ "$streaming" != yes ]; then
    exit 1
fi
trap '' PIPE HUP
printf '\000\000\000\030ftypisom\000\000\002\000isomiso2'
if [ "$tiny" != yes ]; then
    printf '\000\001\000\010free'
    head -c 65536 /dev/zero
fi
while :; do
    sleep 0.2
done
