#!/usr/bin/env python3
"""Compat stream benchmark driver (bench/compat-bench.sh runs it; see bench/README.md).

Measures, in one invocation and on the same file:
  * reference: the FFmpeg command Aula runs for a copy-mode compat stream, alone, its output read
    from a pipe and thrown away (what "ffmpeg writing to /dev/null" costs, measured the same way);
  * aula: GET /api/video-compatible/<ref> on a running Aula, the body read and thrown away.
For each run: time to first byte, bytes, wall time, throughput (MiB/s of output), CPU seconds of
FFmpeg (rusage of the child; for Aula the JVM's reaped-children time) and of the JVM, peak RSS of
FFmpeg (VmHWM sampled every 20 ms) and the JVM's RSS growth.

  compat_bench.py --file F --ffmpeg /usr/bin/ffmpeg --url http://127.0.0.1:P/api/video-compatible/local:x.mp4
                  --jvm-pid PID --runs 3 --json out.json
"""
import argparse, http.client, json, os, subprocess, sys, threading, time, urllib.parse

CLK = os.sysconf("SC_CLK_TCK")


def compat_args(source):
    # FfmpegArguments.compatFromZero(source, COPY, 0): keep in step with the Java code.
    return ["-hide_banner", "-loglevel", "error", "-nostdin", "-fflags", "+genpts+igndts+discardcorrupt",
            "-i", source, "-map", "0:v:0", "-map", "0:a?", "-c:v", "copy",
            "-c:a", "aac", "-ar", "48000", "-af", "aresample=async=1:min_hard_comp=0.100:first_pts=0",
            "-avoid_negative_ts", "disabled", "-use_editlist", "1",
            "-movflags", "+frag_keyframe+delay_moov+default_base_moof", "-f", "mp4", "pipe:1"]


def proc_stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is state (field 3); utime=14, stime=15, cutime=16, cstime=17 (1-based)
    return {"utime": int(fields[11]) / CLK, "stime": int(fields[12]) / CLK,
            "cutime": int(fields[13]) / CLK, "cstime": int(fields[14]) / CLK}


def status_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


class HwmSampler(threading.Thread):
    """Peak VmHWM of the FFmpeg children of a JVM while a stream runs."""

    def __init__(self, parent):
        super().__init__(daemon=True)
        self.parent, self.peak_kib, self.stop = parent, 0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            for child in children(self.parent):
                self.peak_kib = max(self.peak_kib, status_kib(child, "VmHWM"))
            time.sleep(0.02)


def reference_run(ffmpeg, path):
    cmd = [ffmpeg] + compat_args("file:" + path)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = None
    total = 0
    while True:
        chunk = proc.stdout.read1(256 * 1024)
        if not chunk:
            break
        if first is None:
            first = time.monotonic() - start
        total += len(chunk)
    _, status, rusage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    return {"ttfb": first, "bytes": total, "wall": wall, "rc": os.waitstatus_to_exitcode(status),
            "ffmpegCpu": rusage.ru_utime + rusage.ru_stime, "ffmpegRssMiB": rusage.ru_maxrss / 1024,
            "jvmCpu": 0.0, "jvmRssGrowMiB": 0.0}


def aula_run(url, jvm_pid):
    u = urllib.parse.urlsplit(url)
    before = proc_stat(jvm_pid)
    rss_before = status_kib(jvm_pid, "VmRSS")
    sampler = HwmSampler(jvm_pid)
    sampler.start()
    start = time.monotonic()
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    conn.request("GET", u.path + ("?" + u.query if u.query else ""))
    resp = conn.getresponse()
    first = None
    total = 0
    while True:
        chunk = resp.read1(256 * 1024)
        if not chunk:
            break
        if first is None:
            first = time.monotonic() - start
        total += len(chunk)
    wall = time.monotonic() - start
    conn.close()
    # The JVM reaps FFmpeg right after its exit; its CPU then shows in cutime/cstime.
    deadline = time.monotonic() + 5
    after = proc_stat(jvm_pid)
    while time.monotonic() < deadline and children(jvm_pid):
        time.sleep(0.02)
        after = proc_stat(jvm_pid)
    after = proc_stat(jvm_pid)
    sampler.stop.set()
    sampler.join()
    return {"ttfb": first, "bytes": total, "wall": wall, "rc": resp.status,
            "ffmpegCpu": (after["cutime"] + after["cstime"]) - (before["cutime"] + before["cstime"]),
            "ffmpegRssMiB": sampler.peak_kib / 1024,
            "jvmCpu": (after["utime"] + after["stime"]) - (before["utime"] + before["stime"]),
            "jvmRssGrowMiB": (status_kib(jvm_pid, "VmRSS") - rss_before) / 1024}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", required=True)
    ap.add_argument("--ffmpeg", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--jvm-pid", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", required=True)
    a = ap.parse_args()
    results = {"reference": [], "aula": []}
    aula_run(a.url, a.jvm_pid)  # warm-up: JIT, page cache, first FFmpeg start
    for i in range(a.runs):  # interleaved, so both see the same machine load
        results["reference"].append(reference_run(a.ffmpeg, a.file))
        results["aula"].append(aula_run(a.url, a.jvm_pid))
        for k in ("reference", "aula"):
            r = results[k][-1]
            print(f"  run {i + 1} {k:9s} ttfb {r['ttfb'] * 1000:7.1f} ms  {r['bytes'] / 1048576:7.1f} MiB"
                  f"  {r['bytes'] / 1048576 / r['wall']:7.1f} MiB/s  ffmpeg cpu {r['ffmpegCpu']:.2f} s"
                  f" rss {r['ffmpegRssMiB']:.0f} MiB  jvm cpu {r['jvmCpu']:.2f} s  (status {r['rc']})", flush=True)
    json.dump(results, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
