"""A callback receiver for the t6xxx tests: a real HTTP server on
loopback (standard library only) that records every request the service
sends to it and answers as the test says. The signature of each request
is checked with svc.sign(), an implementation of SPEC section 2 written
in the tests, once the key's secret is known (`ppj key add` learns it
only after the verification handshake).

Load it with receiver = load_receiver() (the file name has a dash).
"""
import http.server
import json
import threading
import time
import urllib.parse

from svc import sign


class Receiver:
    """answers: the statuses of successive callbacks (the last repeats);
    verify: "echo" (the right nonce), "wrong" (another nonce), or an
    HTTP status to answer the handshake with."""

    def __init__(self, answers=(200,), verify="echo"):
        self.answers = list(answers)
        self.verify = verify
        self.requests = []
        self.lock = threading.Lock()
        rec = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                rec._handle(self)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def url(self, path="/hook", query="agent=06875f8b"):
        return "http://127.0.0.1:%d%s%s" % (self.port, path,
                                            "?" + query if query else "")

    def _handle(self, h):
        u = urllib.parse.urlsplit(h.path)
        params = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
        req = {"path": u.path, "params": params, "query": dict(params),
               "ts": h.headers.get("X-PPJ-Timestamp"),
               "sig": h.headers.get("X-PPJ-Signature"),
               "at": time.time()}
        with self.lock:
            self.requests.append(req)
            ncallbacks = sum(1 for r in self.requests
                             if r["query"].get("type") != "verify")
        if req["query"].get("type") == "verify":
            status, body = self._verify_answer(req)
        else:
            i = min(ncallbacks - 1, len(self.answers) - 1)
            status, body = self.answers[i], b"{}"
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _verify_answer(self, req):
        nonce = req["query"].get("nonce", "")
        if self.verify == "echo":
            return 200, json.dumps({"nonce": nonce}).encode()
        if self.verify == "wrong":
            return 200, json.dumps({"nonce": nonce + "x"}).encode()
        return int(self.verify), b"{}"

    def callbacks(self):
        with self.lock:
            return [r for r in self.requests
                    if r["query"].get("type") != "verify"]

    def verifies(self):
        with self.lock:
            return [r for r in self.requests
                    if r["query"].get("type") == "verify"]

    def check_signatures(self, secret):
        """Every request so far carries a valid SPEC section 2
        signature over GET, its path and all its query parameters."""
        with self.lock:
            reqs = list(self.requests)
        assert reqs, "no request received"
        for r in reqs:
            assert r["ts"] and r["sig"], "unsigned request %r" % r
            assert abs(int(r["ts"]) - r["at"]) < 60, r
            want = sign(secret, int(r["ts"]), "GET", r["path"],
                        r["params"])
            assert want == r["sig"], "bad signature on %r" % r

    def wait(self, n, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            if len(self.callbacks()) >= n:
                return self.callbacks()
            time.sleep(0.05)
        raise AssertionError("%d callback(s) of %d after %ds" %
                             (len(self.callbacks()), n, timeout))

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def add_key(server, url, allow_private=True):
    """`ppj key add --notify-url URL`; (rc, stdout, stderr)."""
    import subprocess
    from svc import PPJ
    args = [PPJ, "key", "add", "--data", server.data, "--notify-url", url]
    if allow_private:
        args.append("--notify-allow-private")
    r = subprocess.run(args, capture_output=True, text=True, timeout=60,
                       env=server.env)
    if r.returncode == 0:
        server.key = tuple(r.stdout.split())
    return r
