#!/usr/bin/env python3
"""Measurement helpers for bench/bootstrap-bench.sh (standard library only).

    measure.py variants SRC OUTDIR N          write N modified copies of catalogue SRC
    measure.py refresh BASE_URL N             forced /api/refresh -> new health.catalog.loadedAt
    measure.py hotreload BASE_URL TARGET VARIANT...   rename each variant onto TARGET and time
                                              until /api/cache-meta reports a new version
    measure.py wrk FILE                       parse wrk --latency output into JSON
    measure.py loadlog FILE                   find the catalogue load time in a server log

Each command prints one JSON object on stdout.
"""
import http.client
import json
import os
import re
import statistics
import sys
import time
import urllib.parse

POLL_S = 0.005  # 5 ms between polls


class Client:
    """One keep-alive HTTP/1.1 connection to the server under test."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port

    def _conn(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=10)

    def request(self, method, path):
        conn = getattr(self, "conn", None) or self._conn()
        try:
            conn.request(method, path, headers={"Accept": "application/json"})
            resp = conn.getresponse()
            body = resp.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = self._conn()
            conn.request(method, path, headers={"Accept": "application/json"})
            resp = conn.getresponse()
            body = resp.read()
        self.conn = conn
        return resp.status, body

    def json(self, path):
        status, body = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} -> {status}: {body[:200]!r}")
        return json.loads(body)


def summary(samples_ms):
    s = sorted(samples_ms)
    if not s:
        return {"n": 0}
    return {
        "n": len(s),
        "p50_ms": round(statistics.median(s), 1),
        "min_ms": round(s[0], 1),
        "max_ms": round(s[-1], 1),
        "samples_ms": [round(x, 1) for x in samples_ms],
    }


def cmd_variants(src, outdir, n):
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    os.makedirs(outdir, exist_ok=True)
    cat0 = doc["categories"][0]
    base_name = cat0.get("name", "")
    paths = []
    for i in range(int(n)):
        cat0["name"] = f"{base_name} (bench variant {i + 1})"
        path = os.path.join(outdir, f"variant-{i + 1:02d}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
        paths.append(path)
    print(json.dumps({"variants": paths}))


def health_catalog(client):
    cat = client.json("/api/health").get("catalog") or {}
    return cat.get("loadedAt"), cat.get("version")


def cmd_refresh(base, n):
    """Time POST /api/refresh until health.catalog.loadedAt (or version) changes.

    loadedAt has second precision, so tries are spaced more than a second apart: a new load then
    always shows a different value."""
    client = Client(base)
    samples, timeouts = [], 0
    for _ in range(int(n)):
        before = health_catalog(client)
        time.sleep(1.1)
        t0 = time.perf_counter()
        status, body = client.request("POST", "/api/refresh")
        if status != 200:
            print(json.dumps({"error": f"POST /api/refresh -> {status}: {body[:200]!r}"}))
            return
        deadline = t0 + 15
        while True:
            now = health_catalog(client)
            if now != before:
                samples.append((time.perf_counter() - t0) * 1000)
                break
            if time.perf_counter() > deadline:
                timeouts += 1
                break
            time.sleep(POLL_S)
        if timeouts and not samples:
            break  # the refresh publishes nothing new; more tries would only wait again
    out = summary(samples)
    out["timeouts"] = timeouts
    print(json.dumps(out))


def cmd_hotreload(base, target, variants):
    client = Client(base)
    samples, timeouts = [], 0
    for v in variants:
        before = client.json("/api/cache-meta").get("version")
        os.utime(v, None)  # mtime = now, as for a file that was just written
        t0 = time.perf_counter()
        os.replace(v, target)  # atomic rename into place, as builders should do
        deadline = t0 + 30
        while True:
            now = client.json("/api/cache-meta").get("version")
            if now != before:
                samples.append((time.perf_counter() - t0) * 1000)
                break
            if time.perf_counter() > deadline:
                timeouts += 1
                break
            time.sleep(POLL_S)
        time.sleep(0.5)  # let the watcher settle before the next change
    out = summary(samples)
    out["timeouts"] = timeouts
    print(json.dumps(out))


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text.strip())
    return float(m.group(1)) * UNIT_MS[m.group(2)] if m else None


def cmd_wrk(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    out = {}
    m = re.search(r"Requests/sec:\s*([0-9.]+)", text)
    out["rps"] = float(m.group(1)) if m else None
    m = re.search(r"Transfer/sec:\s*([0-9.]+\w+)", text)
    out["transfer_per_sec"] = m.group(1) if m else None
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s*{pct}(?:\.000)?%\s+([0-9.]+\w+)", text, re.M)
        out[f"p{pct}_ms"] = to_ms(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in ([0-9.]+\w+)", text)
    out["requests"] = int(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    out["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors:(.*)", text)
    out["socket_errors"] = m.group(1).strip() if m else None
    print(json.dumps(out))


def cmd_loadlog(path):
    """Catalogue load durations from a server log ("... catalogue ... in N ms" lines).

    The first is the start-up load (cold JVM); the later ones are reloads in a warm JVM."""
    loads = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if re.search(r"catalog", line, re.I):
                m = re.search(r"\bin (\d+(?:\.\d+)?) ?ms\b", line)
                if m:
                    loads.append((float(m.group(1)), line.strip()[:300]))
    out = {"n": len(loads), "first_ms": None, "first_line": None, "later": summary([])}
    if loads:
        out["first_ms"], out["first_line"] = loads[0]
        out["later"] = summary([ms for ms, _ in loads[1:]])
    print(json.dumps(out))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "variants":
        cmd_variants(*args)
    elif cmd == "refresh":
        cmd_refresh(*args)
    elif cmd == "hotreload":
        cmd_hotreload(args[0], args[1], args[2:])
    elif cmd == "wrk":
        cmd_wrk(*args)
    elif cmd == "loadlog":
        cmd_loadlog(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
