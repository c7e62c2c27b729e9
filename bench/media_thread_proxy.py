#!/usr/bin/env python3
"""Thread-per-connection design point for bench/media-bench.sh, test (d) only.

A deliberately ordinary blocking proxy in the style of the original server: Python's
ThreadingHTTPServer (one OS thread per client connection) relays GET /drive/files/<id> to the fake
Drive upstream with http.client, copying the client's Range header and streaming the body in
64 KiB chunks with blocking writes. It also answers GET /api/health with a small JSON document so
that the health-latency probe of test (d) has something to measure. It is NOT Aula and not the
original's code; it only shows what a blocking design costs in threads under 1 000 slow clients.

    media_thread_proxy.py LISTEN_PORT UPSTREAM_PORT
"""

import http.client
import http.server
import json
import re
import sys
import threading
import time

LISTEN_PORT = int(sys.argv[1])
UPSTREAM_PORT = int(sys.argv[2])
FILE_RE = re.compile(r"^/drive/files/([A-Za-z0-9_-]{10,})$")
RELAYED = ("Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "ETag", "Last-Modified")
STARTED = time.time()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "thread-proxy"
    sys_version = ""

    def log_message(self, *args):  # noqa: D401 - quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server naming
        path = self.path.split("?", 1)[0]
        if path == "/api/health":
            body = json.dumps({"status": "ok", "threads": threading.active_count(),
                               "uptime": round(time.time() - STARTED, 1)}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        m = FILE_RE.match(path)
        if not m:
            self.send_error(404)
            return
        headers = {"Authorization": "Bearer bench", "Accept-Encoding": "identity"}
        if self.headers.get("Range"):
            headers["Range"] = self.headers["Range"]
        upstream = http.client.HTTPConnection("127.0.0.1", UPSTREAM_PORT, timeout=30)
        try:
            upstream.request("GET", f"/drive/v3/files/{m.group(1)}?alt=media&supportsAllDrives=true",
                             headers=headers)
            resp = upstream.getresponse()
            self.send_response(resp.status)
            for name in RELAYED:
                value = resp.getheader(name)
                if value is not None:
                    self.send_header(name, value)
            self.end_headers()
            while True:
                chunk = resp.read(65536)
                if not chunk:
                    break
                self.wfile.write(chunk)  # blocks this connection's thread while the client is slow
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            self.close_connection = True
        finally:
            upstream.close()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the stdlib default of 5 would turn a burst of connects into SYN retries


if __name__ == "__main__":
    with Server(("127.0.0.1", LISTEN_PORT), Handler) as server:
        server.serve_forever(poll_interval=0.5)
