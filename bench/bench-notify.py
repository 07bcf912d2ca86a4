#!/usr/bin/env python3
"""bench-notify.py PPJ [JOBS]: callbacks of `ppj serve`, measured, never
asserted. A receiver on loopback (standard library, threaded) takes the
callbacks; the jobs run with the stand-in converter of the service tests
(tests/service/fake-convert.py), so the figures are the service's own.

1. latency: for JOBS (200) jobs sent at once, the time from the log line
   "job T notifying" (the job's end) to the receiver getting T's
   callback: median, p95, max;
2. throughput: the receiver fails the first callback of every job, the
   server is stopped, every retry is made due at once in its SQLite
   store, and the server started again: the rate at which the JOBS
   retries arrive is the dispatchers' rate (callbacks per second).

Use a release build (meson setup build-rel -Dbuildtype=release).
"""
import datetime
import http.server
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "service"))
import svc  # noqa: E402  (the tests' client: signing, uploads)

seen = {}          # token -> [receipt times]
fail_first = [False]
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(
            self.path).query))
        status, body = 200, b"{}"
        if q.get("type") == "verify":
            body = ('{"nonce": "%s"}' % q.get("nonce", "")).encode()
        else:
            with lock:
                times = seen.setdefault(q.get("token"), [])
                times.append(time.time())
                if fail_first[0] and len(times) == 1:
                    status = 503
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def log_times(log):
    """token -> Unix time of its "notifying" log line."""
    out = {}
    for m in re.finditer(r"^(\S+Z) \d+ \S+ job (\w{16}) notifying", log,
                         re.M):
        t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%fZ")
        out[m.group(2)] = t.replace(
            tzinfo=datetime.timezone.utc).timestamp()
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def run_jobs(s, n):
    tokens = []
    for _ in range(n):
        tokens.append(s.create(s.deck()).json()["token"])
    return tokens


def wait_for(cond, timeout=300):
    end = time.time() + timeout
    while time.time() < end and not cond():
        time.sleep(0.02)


def main():
    if len(sys.argv) > 1:
        svc.PPJ = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/hook" % httpd.server_address[1]
    s = svc.Server(fake="ok", args=("--notify-allow-private",
                                    "--notify-base-delay", "600",
                                    "--workers", "8", "--log-level",
                                    "info"))
    s.start()
    out = subprocess.run([svc.PPJ, "key", "add", "--data", s.data,
                          "--notify-url", url, "--notify-allow-private"],
                         capture_output=True, text=True, check=True)
    s.key = tuple(out.stdout.split())

    tokens = run_jobs(s, n)
    wait_for(lambda: all(t in seen for t in tokens))
    ends = log_times(s.log())
    lat = [seen[t][0] - ends[t] for t in tokens if t in ends]
    print("latency, job end -> first callback (%d jobs): median %.1f ms,"
          " p95 %.1f ms, max %.1f ms" % (len(lat), 1000 * pct(lat, 0.5),
                                         1000 * pct(lat, 0.95),
                                         1000 * max(lat)))

    seen.clear()
    fail_first[0] = True
    tokens = run_jobs(s, n)
    wait_for(lambda: all(t in seen for t in tokens))
    s.stop()
    # every retry due now (SQLite store of the data directory)
    db = sqlite3.connect(os.path.join(s.data, "ppj.db"))
    db.execute("UPDATE notifications SET due_ms = 0 WHERE done = 0")
    db.commit()
    db.close()
    t0 = time.time()
    s.start()
    wait_for(lambda: all(len(seen[t]) >= 2 for t in tokens))
    last = max(seen[t][1] for t in tokens)
    first = min(seen[t][1] for t in tokens)
    print("throughput, %d due callbacks after a restart: %.0f callbacks/s"
          " (first %.2f s after start, all within %.2f s)" %
          (len(tokens), len(tokens) / max(last - first, 1e-3), first - t0,
           last - first))
    if os.environ.get("BENCH_LOG"):
        open(os.environ["BENCH_LOG"], "w").write(s.log())
    s.stop()
    httpd.shutdown()


main()
