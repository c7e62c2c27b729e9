#!/usr/bin/env python3
"""Writes the "## Media streaming" section of BENCHMARKS.md from the raw results of
bench/media-bench.sh (standard library only). Other sections of the file are kept as they are;
an older "## Media streaming" section is replaced in place.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

p = argparse.ArgumentParser()
for name in ("results", "out", "war", "jvm-flags", "jetty-props", "java", "jetty", "size", "sparse", "load-start", "load-end",
             "ranges", "range-conns", "range-rounds", "ttfb", "full-tries", "d-clients", "d-rate", "d-seconds",
             "d-rcvbuf", "d-ramp", "d-open"):
    p.add_argument("--" + name, required=True)
a = p.parse_args()
R = a.results
MIB = 1048576


def load(name):
    path = os.path.join(R, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def kv(name):
    out = {}
    path = os.path.join(R, name)
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.strip().split("=", 1)
                out[k] = v
    return out


def cmd(args):
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=20)
        return (r.stdout + r.stderr).strip()
    except Exception:  # noqa: BLE001
        return ""


def f1(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def ratio(x, y):
    return None if not x or not y else x / y


def mark(ok):
    return "" if ok is None else (" ✅" if ok else " ❌")


# ---------------------------------------------------------------- machine
cpu = "unknown"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
mem_kib = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
java_version = cmd([a.java, "-version"]).splitlines()
java_version = java_version[1] if len(java_version) > 1 else (java_version[0] if java_version else "?")
nginx_version = cmd(["nginx", "-v"]).replace("nginx version: ", "")
nproc = os.cpu_count()
today = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")

# ---------------------------------------------------------------- (a)
full = {}
for line in open(os.path.join(R, "full.tsv")):
    parts = line.split()
    name, code, size, speed = parts[0], parts[1], parts[2], parts[3]
    aula_ticks = int(parts[6]) if len(parts) > 6 else None
    nginx_ticks = int(parts[7]) if len(parts) > 7 else None
    ok = code == "200" and int(float(size)) == int(a.size)
    d = full.setdefault(name, {"speeds": [], "bad": 0, "aula_cpu": [], "nginx_cpu": []})
    if ok:
        d["speeds"].append(float(speed) / MIB)
        gib = int(a.size) / (1 << 30)
        if aula_ticks is not None:
            d["aula_cpu"].append(aula_ticks / 100 / gib)
            d["nginx_cpu"].append(nginx_ticks / 100 / gib)
    else:
        d["bad"] += 1
best = {n: (max(v["speeds"]) if v["speeds"] else None) for n, v in full.items()}


def median(xs):
    xs = sorted(xs)
    return None if not xs else (xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2)


ranges = load("ranges.json") or {"targets": {}}
rt = ranges["targets"]
rmed = {n: rt[n]["mibps_median"] for n in rt}
ttfb = load("ttfb.json") or {"targets": {}}
tt = {n: v["ttfb_ms"] for n, v in ttfb["targets"].items()}
jvm = kv("aula-jvm.txt")
cols = [n for n in ("aula", "nginx-proxy", "direct", "aula-local") if n in full or n in rt or n in tt]
head = {"aula": "aula", "nginx-proxy": "nginx-proxy", "direct": "direct", "aula-local": "aula-local¹"}


def errs(d):
    e = d.get("errors") or {}
    return "0" if not e else ", ".join(f"{k}: {v}" for k, v in sorted(e.items()))


lines = []
w = lines.append
w("## Media streaming")
w("")
w(f"Run of `bench/media-bench.sh` on {today}. Machine: {nproc} vCPU ({cpu}), "
  f"{mem_kib / 1048576:.1f} GiB RAM, {platform.system()} {platform.release()}; {java_version}; "
  f"nginx {nginx_version}; Jetty {a.jetty} (`http,ee10-deploy`, default thread pool: max 200, idle timeout 60 s; "
  f"`{a.jetty_props}`), JVM flags `{a.jvm_flags}` (G1, the default collector here). "
  f"Load average (1/5/15 min) at start {a.load_start}, at end {a.load_end}: the machine is shared with other "
  "builds, so absolute numbers are noisy; every table compares targets measured in the same run, interleaved, "
  "after a warm-up (one full download and 300 ranges per target).")
w("")
w(f"Set-up: one {int(a.size) // MIB} MiB {'sparse' if a.sparse == '1' else 'random'} file in the page cache. "
  "**direct** = nginx serving it as the fake Drive (`/drive/v3/files/<id>?alt=media`, native ranges, sendfile); "
  "**nginx-proxy** = nginx `proxy_pass` in front of that upstream (`proxy_buffers 16 1m; proxy_buffer_size 1m; "
  "proxy_max_temp_file_size 0; proxy_http_version 1.1`, upstream `keepalive 256`); "
  "**aula** = `GET /drive/files/<id>` on Aula with `AULA_DRIVE_API_ROOT` at the fake Drive and a generated "
  "service-account key whose `token_uri` is the fake's `/token`. All on 127.0.0.1. "
  "The load generator is `bench/media-load/MediaLoad.java` (raw HTTP/1.1 sockets; bodies checked against the file).")
if "aula-local" in cols:
    w("")
    w("¹ **aula-local** = the same file as `/drive/files/local:<name>` (`AULA_LIBRARY_PATH` = the file's folder): "
      "Aula and Jetty without the upstream hop, to tell the container's own cost from the Drive relay's. "
      "It has no target; it is there for diagnosis.")
w("")
w("### Throughput")
w("")
w("| Test | " + " | ".join(head[c] for c in cols) + " | aula / nginx-proxy (target ≥ 0.9) | aula / direct |")
w("|---|" + "---:|" * (len(cols) + 2))
ra = ratio(best.get("aula"), best.get("nginx-proxy"))
w(f"| (a) {int(a.size) // MIB} MiB full download, `curl`, best of {a.full_tries} (MiB/s) | "
  + " | ".join(f1(best.get(c)) for c in cols)
  + f" | {f1(ra, 2)}{mark(None if ra is None else ra >= 0.9)} | {f1(ratio(best.get('aula'), best.get('direct')), 2)} |")
rb = ratio(rmed.get("aula"), rmed.get("nginx-proxy"))
w(f"| (b) {a.ranges} random 1 MiB ranges, {a.range_conns} keep-alive connections, median of {a.range_rounds} "
  "rounds (MiB/s) | " + " | ".join(f1(rmed.get(c)) for c in cols)
  + f" | {f1(rb, 2)}{mark(None if rb is None else rb >= 0.9)} | {f1(ratio(rmed.get('aula'), rmed.get('direct')), 2)} |")
w("| (b) time per 1 MiB request p50 / p99 (ms) | "
  + " | ".join(f"{f1(rt[n]['latency_ms']['p50'], 2)} / {f1(rt[n]['latency_ms']['p99'], 2)}" if n in rt else "n/a"
               for n in cols) + " | | |")
# CPU per GiB in (a): the serving process of each path. nginx runs both the proxy and the fake Drive,
# so the proxy's own share is its run minus the direct run.
direct_ngx = median(full.get("direct", {}).get("nginx_cpu", []))
cpu_cells = []
for c in cols:
    d = full.get(c, {})
    if c in ("aula", "aula-local"):
        v = median(d.get("aula_cpu", []))
    elif c == "nginx-proxy":
        v = None if direct_ngx is None or not d.get("nginx_cpu") else median(d["nginx_cpu"]) - direct_ngx
    else:
        v = direct_ngx
    cpu_cells.append(f1(v, 2))
w("| (a) CPU seconds per GiB of the relaying process² | " + " | ".join(cpu_cells) + " | | |")
w("")
w("² Median over the tries, from `/proc/<pid>/stat` (utime + stime): the Aula JVM for aula and aula-local; "
  "for nginx-proxy the nginx process tree during the proxy run minus that during the direct run (the same "
  "nginx serves both); for direct the nginx tree. The client (`curl`) is not counted.")
w("")
w("All tries (MiB/s): " + "; ".join(
    f"(a) {n}: " + ", ".join(f1(s) for s in full[n]["speeds"]) + (f" ({full[n]['bad']} failed)" if full[n]["bad"] else "")
    for n in full) + "; " + "; ".join(f"(b) {n}: " + ", ".join(f1(x) for x in rt[n]["mibps_rounds"]) for n in rt)
  + ". Errors in (b): " + "; ".join(f"{n}: {errs(rt[n])}" for n in rt) + ".")
w("")
w("### Time to first byte")
w("")
w(f"(c) `Range: {ttfb.get('range', '?').split('=', 1)[-1]}` (64 KiB in the middle of the file), a new TCP "
  f"connection per request, {a.ttfb} requests per target interleaved; time from `connect()` to the first "
  "response byte (what curl calls `time_starttransfer`).")
w("")
w("| | " + " | ".join(head[c] for c in cols) + " | aula − direct |")
w("|---|" + "---:|" * (len(cols) + 1))
for q in ("p50", "p90", "p99"):
    av, dv = (tt.get("aula") or {}).get(q), (tt.get("direct") or {}).get(q)
    diff = None if av is None or dv is None else av - dv
    target = mark(None if diff is None or q != "p50" else diff <= 1.0)
    w(f"| {q} (ms) | " + " | ".join(f1((tt.get(c) or {}).get(q), 3) for c in cols)
      + f" | {f1(diff, 3)}{' (target ≤ 1 ms)' + target if q == 'p50' else ''} |")
paired = ttfb.get("paired_ms") or {}
w("")
w(f"Median of the per-iteration difference {ttfb.get('paired', 'aula - direct').replace(' - ', ' − ')}: "
  f"{f1(paired.get('p50'), 3)} ms. Errors: " + "; ".join(f"{n}: {errs(v)}" for n, v in ttfb["targets"].items()) + ".")
w("")
w("### 1 000 slow clients")
w("")
kib = int(a.d_rate) * int(a.d_seconds) // 1024
if a.d_open == "1":
    w(f"(d) {a.d_clients} concurrent clients (connects spread over {a.d_ramp} ms). Like a video element, each asks "
      f"for an open-ended range `bytes=<first>-` at a different offset, reads it at {int(a.d_rate) // 1024} KiB/s "
      f"(paced in 100 ms steps, `SO_RCVBUF` {int(a.d_rcvbuf) // 1024} KiB) and hangs up after {a.d_seconds} s, "
      f"mid-body. A client passes with a 206, the right `Content-Length` and at least 90 % of {kib} KiB of correct "
      "bytes; anything else is an error (non-206, early end of body, wrong bytes, I/O failure, starved). "
      "One NIO thread drives all clients; `/proc/<pid>/status` is sampled every 250 ms, and `GET /api/health` is "
      "probed every 100 ms on a new connection (*steady* = from 2 s after the last connect until the first "
      "hang-up).")
else:
    w(f"(d) {a.d_clients} concurrent clients (connects spread over {a.d_ramp} ms), each reading a different "
      f"{kib} KiB range at {int(a.d_rate) // 1024} KiB/s (paced in 100 ms steps, `SO_RCVBUF` "
      f"{int(a.d_rcvbuf) // 1024} KiB) to its end, about {a.d_seconds} s. Errors are non-206 answers, short or "
      "wrong bodies and I/O failures. `/proc/<pid>/status` is sampled every 250 ms, and `GET /api/health` is "
      "probed every 100 ms on a new connection (*steady* = from 2 s after the last connect to the first "
      "expected end).")
w("")
slow = {n: load(f"slow-{n}.json") for n in ("aula", "nginx-proxy", "thread-proxy")}
slow = {n: v for n, v in slow.items() if v}
labels = {"aula": "aula", "nginx-proxy": "nginx-proxy (reference)",
          "thread-proxy": "thread-per-connection proxy (contrast, Python `ThreadingHTTPServer`)"}
w("| | " + " | ".join(labels[n] for n in slow) + " |")
w("|---|" + "---:|" * len(slow))


def row(title, fn):
    cells = []
    for n in slow:
        try:
            cells.append(fn(n, slow[n]))
        except Exception:  # noqa: BLE001
            cells.append("n/a")
    w(f"| {title} | " + " | ".join(cells) + " |")


row("completed streams", lambda n, d: f"{d['completed']} / {d['clients']}")
row("errors", lambda n, d: errs(d))
row("threads: idle baseline → peak (time of peak)",
    lambda n, d: f"{d['threads']['baseline']} → {d['threads']['peak']} (at {d['threads']['peak_at_s']:.1f} s)")
row("threads added at peak (target ≤ 64 for aula)",
    lambda n, d: f"{d['threads']['added']}" + (mark(d['threads']['added'] <= 64) if n == "aula" else ""))
row("RSS baseline → peak (MiB)", lambda n, d: f"{d['rss_kib']['baseline'] / 1024:.0f} → {d['rss_kib']['peak'] / 1024:.0f}")
row("`/api/health` p50 / p99 / max (ms) (target p99 ≤ 50 for aula)",
    lambda n, d: f"{d['health_ms']['p50']:.1f} / {d['health_ms']['p99']:.1f} / {d['health_ms']['max']:.1f}"
    + (mark(d['health_ms']['p99'] <= 50) if n == "aula" else "")
    + (f" ({d['health_failures']} failed)" if d.get("health_failures") else ""))
row("`/api/health` steady p50 / p99 / max (ms)",
    lambda n, d: f"{d['health_steady_ms']['p50']:.1f} / {d['health_steady_ms']['p99']:.1f} / "
    f"{d['health_steady_ms']['max']:.1f}")
row("health samples (all / steady)", lambda n, d: f"{d['health_ms']['n']} / {d['health_steady_ms']['n']}")
row("response head p50 / p99 (ms)", lambda n, d: f"{d['head_ms']['p50']:.1f} / {d['head_ms']['p99']:.1f}")
row("rate per client min / p1 / p50 (KiB/s)",
    lambda n, d: f"{d['client_kibps']['min']:.1f} / {d['client_kibps']['p1']:.1f} / {d['client_kibps']['p50']:.1f}")
row("client time p50 / max (s)", lambda n, d: f"{d['complete_s']['p50']:.1f} / {d['complete_s']['max']:.1f}")
row("longest pause within a stream p50 / p99 (s)",
    lambda n, d: f"{d['max_gap_s']['p50']:.2f} / {d['max_gap_s']['p99']:.2f}")
row("aggregate rate (MiB/s)", lambda n, d: f"{d['aggregate_mibps']:.1f}")
row("CPU of the serving process (cores, average)", lambda n, d: f"{d['cpu']['cores']:.2f}")


def overflow(n, d):
    path = os.path.join(R, f"slow-{n}-overflows.txt")
    return open(path).read().strip() if os.path.exists(path) else "n/a"


def after1(n, d):
    path = os.path.join(R, f"slow-{n}-upstream-after1.txt")
    return open(path).read().strip() if os.path.exists(path) else "n/a"


row("connections to the fake Drive 1 s after the last client left" + (" (all clients hung up)" if a.d_open == "1" else ""),
    after1)
row("listen-queue overflows during the run (system-wide `TcpExtListenOverflows`)", overflow)
if "aula" in slow and slow["aula"].get("threads"):
    at, dur, ramp = slow["aula"]["threads"]["peak_at_s"], int(a.d_seconds), int(a.d_ramp) / 1000
    when = ("during the connect ramp" if at <= ramp + 2 else
            "when the clients hung up" if a.d_open == "1" and at >= dur else "while streaming")
    w("")
    w(f"Aula's thread peak came {at:.1f} s into the run, {when}.")
w("")
if jvm:
    try:
        hb, ha, ht = int(jvm["heap_before_kib"]), int(jvm["heap_after_kib"]), int(jvm["heap_total_kib"])
        w(f"Aula heap after a full GC (`jcmd GC.run`, then `GC.heap_info`): {hb / 1024:.1f} MiB before (d), "
          f"{ha / 1024:.1f} MiB right after (d) (committed {ht / 1024:.0f} MiB). ")
    except (KeyError, ValueError):
        w("Aula heap after GC: n/a. ")
    w(f"Aula threads: {jvm.get('threads_start')} right after start-up, {jvm.get('threads_before')} before (d), "
      f"{jvm.get('threads_after5')} 5 s after (d). Open file descriptors: {jvm.get('fds_before')} before, "
      f"{jvm.get('fds_after5')} 5 s after. Established connections to the fake Drive 5 s after (d): "
      f"{jvm.get('upstream_after5')} (the JDK `HttpClient` keeps idle HTTP/1.1 connections pooled).")
    w("")
streams = os.path.join(R, "slow-aula-streams.log")
if os.path.exists(streams) and "aula" in slow:
    durs, ends = [], {}
    for l in open(streams):
        m = re.search(r"durMs=(\d+).*end=(\w+)", l)
        if m:
            durs.append(int(m.group(1)) / 1000)
            ends[m.group(2)] = ends.get(m.group(2), 0) + 1
    durs.sort()

    def q(p):
        return durs[max(0, min(len(durs) - 1, -(-len(durs) * p // 100) - 1))] if durs else float("nan")
    w(f"Aula's stream summary lines for (d): {len(durs)} of {slow['aula']['clients']} streams logged "
      "(only streams that lasted over 0.5 s are), ends: "
      + (", ".join(f"{k} {v}" for k, v in sorted(ends.items())) or "none")
      + (f"; server-side duration p50 {q(50):.1f} s, p99 {q(99):.1f} s." if durs else ".")
      + (" With hang-ups every stream should end `client_abort` and release its Drive connection within 1 s "
         "(media.md §5)." if a.d_open == "1" else
         " A server-side duration shorter than the client's means the rest of the range sat in socket buffers."))
    w("")
dump = os.path.join(R, "slow-aula-mid-threads.txt")
if os.path.exists(dump):
    blocks = [b for b in open(dump).read().split("\n\n") if b.strip().startswith('"')]
    qtp = [b for b in blocks if b.strip().startswith('"qtp')]
    idle = [b for b in qtp if "idleJobPoll" in b or "ReservedThread" in b]
    selecting = [b for b in qtp if "ManagedSelector" in b or "EPoll" in b]
    in_aula = []
    for b in blocks:
        if "app.aula." in b:
            name = re.sub(r"\d+", "N", re.match(r'\s*"([^"]*)"', b).group(1))
            state = re.search(r"java.lang.Thread.State: (\S+)", b)
            in_aula.append(f"`{name}` {state.group(1) if state else '?'}")
    w(f"Mid-run thread dump of Aula (`jcmd Thread.print`): {len(blocks)} Java threads, of which {len(qtp)} "
      f"are Jetty pool threads: {len(idle)} idle in the pool, {len(selecting)} selecting/accepting, "
      f"{len(qtp) - len(idle) - len(selecting)} running a task. Threads with an `app.aula` frame: "
      + (", ".join(in_aula) if in_aula else "none") + ".")
    w("")
mid = os.path.join(R, "slow-aula-mid.txt")
if os.path.exists(mid):
    txt = open(mid).read().strip().splitlines()
    up = next((l.split()[1] for l in txt if l.startswith("upstream_established")), "?")
    fds = next((l.split()[1] for l in txt if l.startswith("fds")), "?")
    groups = [l.strip() for l in txt if re.match(r"^\s*\d+ ", l)]
    w(f"Mid-run snapshot of Aula: {fds} open descriptors, {up} established connections to the fake Drive; "
      "largest thread groups (`jcmd Thread.print`, digits folded to N): "
      + ", ".join(f"`{g.split(' ', 1)[1]}` × {g.split(' ', 1)[0]}" for g in groups[:8]) + ".")
    w("")
w("Reproduce with `bash bench/media-bench.sh [war]` (settings in `bench/README.md`).")
w("")
section = "\n".join(lines)
print(section)

if a.out != "-":
    old = open(a.out).read() if os.path.exists(a.out) else "# Benchmarks\n"
    # Replace an earlier media section in place (up to the next level-2 heading), else append.
    m = re.search(r"(?ms)^## Media streaming\n.*?(?=^## |\Z)", old)
    if m:
        new = old[:m.start()] + section + "\n" + old[m.end():]
    else:
        new = old.rstrip("\n") + "\n\n" + section
    with open(a.out, "w") as f:
        f.write(new.rstrip("\n") + "\n")
    print(f"wrote {a.out}", file=sys.stderr)
