"""Shared helpers of the service tests: start the real `ppj serve` on a
free loopback port with a temporary data directory, make decks, and talk
PPJ v1 to it (multipart uploads, SPEC section 2 signing) with the standard
library only.

Each test file calls run(globals()): every function named test_* runs in
order, a failure is printed and the file exits 1.
"""
import hashlib
import hmac
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import zipfile

PPJ = os.environ.get("PPJ_BIN") or (sys.argv[1] if len(sys.argv) > 1
                                    else "build/ppj")
MKDECK = os.environ.get("PPJ_MKDECK") or (sys.argv[2] if len(sys.argv) > 2
                                          else "")
HERE = os.path.dirname(os.path.abspath(__file__))
FAKE = os.path.join(HERE, "fake-convert.py")
# PPJ_TEST_STORE=pg: every server runs on the PostgreSQL store at
# PPJ_TEST_PG_URL (tests/pg/with-pg.sh), each in a schema of its own.
STORE = os.environ.get("PPJ_TEST_STORE", "")


class Skip(Exception):
    pass


def psql(url, sql):
    """Runs sql on the PostgreSQL at url with Debian's psql."""
    import glob
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    exe = bins[-1] if bins else "psql"
    subprocess.run([exe, "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                   check=True, capture_output=True, timeout=60)


def pg_schema_url(tag):
    """A URL of the test PostgreSQL whose search_path is a new, empty
    schema named after tag."""
    base = os.environ.get("PPJ_TEST_PG_URL")
    if not base:
        raise Skip("no PPJ_TEST_PG_URL (run through tests/pg/with-pg.sh)")
    schema = "s_" + re.sub(r"[^a-z0-9]", "_", tag.lower())
    psql(base, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS "
         "%s CASCADE; CREATE SCHEMA %s" % (schema, schema))
    return "%s%soptions=-csearch_path%%3D%s" % (
        base, "&" if "?" in base else "?", schema)


def tiny_pptx(path, slides=1, text="x"):
    """A minimal deck with python's zipfile, when mkdeck is not built."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
          'schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/ppt/presentation.xml" ContentType="'
          'application/vnd.openxmlformats-officedocument.presentationml.'
          'presentation.main+xml"/></Types>')
    pres = ('<?xml version="1.0" encoding="UTF-8"?><p:presentation '
            'xmlns:p="http://schemas.openxmlformats.org/presentationml/'
            '2006/main"><p:sldSz cx="9144000" cy="6858000"/>'
            '</p:presentation>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("ppt/presentation.xml", pres)
        z.writestr("docProps/app.xml", "<x>%d %s</x>" % (slides, text))


def make_deck(path, slides=1, text=None):
    """A real deck from mkdeck if we have it, else tiny_pptx()."""
    if MKDECK and os.path.exists(MKDECK):
        args = [MKDECK, path, "--slides", str(slides)]
        if text:
            args += ["--text", text]
        subprocess.run(args, check=True)
    else:
        tiny_pptx(path, slides, text or "x")
    return path


def md5_of(data):
    return hashlib.md5(data).hexdigest()


def sign(secret, ts, method, path, params):
    """SPEC section 2: the signature of one request."""
    items = sorted((k, v) for k, v in params
                   if not k.startswith("_") and k != "file_source")
    text = "%s\n%s\n%s" % (method, path,
                           "&".join("%s=%s" % kv for kv in items))
    key = hmac.new(str(ts).encode(), secret.encode(),
                   hashlib.sha256).hexdigest()
    return hmac.new(key.encode(), text.encode(),
                    hashlib.sha256).hexdigest()


def multipart(fields, files):
    """(body, content type) of a multipart/form-data request."""
    boundary = "----ppjtest%d" % int(time.time() * 1000)
    out = io.BytesIO()
    for name, value in fields:
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\""
                   "\r\n\r\n%s\r\n" % (boundary, name, value)).encode())
    for name, filename, data in files:
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                   "filename=\"%s\"\r\nContent-Type: application/"
                   "octet-stream\r\n\r\n" % (boundary, name, filename))
                  .encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(("--%s--\r\n" % boundary).encode())
    return out.getvalue(), "multipart/form-data; boundary=" + boundary


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode())

    def __repr__(self):
        return "<%d %r>" % (self.status, self.body[:300])


class Server:
    """One `ppj serve` on 127.0.0.1, port 0 (the log names the port)."""

    def __init__(self, args=(), env=None, data=None, fake=None):
        self.tmp = tempfile.mkdtemp(prefix="ppj-svc-")
        self.data = data or os.path.join(self.tmp, "data")
        self.args = list(args)
        self.env = dict(os.environ)
        self.env.update(env or {})
        if STORE == "pg":
            tag = os.path.basename(self.tmp)
            self.env["PPJ_STORE"] = pg_schema_url(tag)
            # a stable id: a restarted server takes its jobs back at once
            self.args += ["--node-id", "svc-" + tag]
        if fake is not None:
            self.env["FAKE_MODE"] = fake
            self.env["FAKE_COUNT"] = os.path.join(self.tmp, "count")
            self.args += ["--converter", FAKE]
        self.key = None
        self.proc = None
        self.port = None
        self.logs = []

    def start(self, listen="127.0.0.1:0"):
        log = os.path.join(self.tmp, "log%d" % len(self.logs))
        self.logs.append(log)
        self.logf = open(log, "w")
        self.proc = subprocess.Popen(
            [PPJ, "serve", "--listen", listen, "--data", self.data,
             "--workers", "2"] + self.args,
            stdout=self.logf, stderr=self.logf, env=self.env)
        for _ in range(300):
            text = open(log).read()
            m = re.search(r"listening on \S+ \(port (\d+)\)", text)
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                raise AssertionError("server exited: " + text)
            time.sleep(0.05)
        raise AssertionError("server did not start: " + open(log).read())

    def deck(self, slides=1):
        """The bytes of a new deck, different from every other one (so
        that dedup and replay protection do not get in the way)."""
        self.ndecks = getattr(self, "ndecks", 0) + 1
        path = os.path.join(self.tmp, "deck%d.pptx" % self.ndecks)
        make_deck(path, slides, "deck%dof%s" % (self.ndecks,
                                               os.path.basename(self.tmp)))
        return open(path, "rb").read()

    def log(self):
        return "".join(open(p).read() for p in self.logs)

    def stop(self, sig=signal.SIGTERM, timeout=60):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout)
        rc = self.proc.returncode if self.proc else 0
        self.logf.close()
        self.check_sanitizers()
        return rc

    def check_sanitizers(self):
        """A sanitizer report in the log (server or converter) fails."""
        log = self.log()
        for mark in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                     "runtime error:"):
            if mark in log:
                raise AssertionError("sanitizer report:\n" + log[-4000:])

    def kill9(self):
        self.proc.kill()
        self.proc.wait()
        self.logf.close()

    def close(self):
        rc = self.stop()
        if rc != 0:
            raise AssertionError("server exited %r:\n%s" %
                                 (rc, self.log()[-4000:]))
        shutil.rmtree(self.tmp, ignore_errors=True)

    def add_key(self):
        out = subprocess.run([PPJ, "key", "add", "--data", self.data],
                             check=True, capture_output=True, text=True,
                             env=self.env)
        appid, secret = out.stdout.split()
        self.key = (appid, secret)
        return self.key

    # ---- requests ----

    def request(self, method, path, query=(), body=None, ctype=None,
                headers=None, key=None, sign_params=(), in_query=False,
                ts=None, sig=None, host="127.0.0.1"):
        """One request; key=(appid, secret) signs it (headers, or query
        parameters with in_query)."""
        hdrs = {"Accept": "application/vnd.ppj.v1+json"}
        hdrs.update(headers or {})
        query = list(query)
        if key:
            ts = int(time.time()) if ts is None else ts
            s = sig or sign(key[1], ts, method_for_sign(method, query),
                            path, list(query) + list(sign_params))
            creds = [("_credential", key[0]), ("_timestamp", str(ts)),
                     ("_signature", s)]
            if in_query:
                query += creds
            else:
                hdrs.update({"X-PPJ-Credential": key[0],
                             "X-PPJ-Timestamp": str(ts),
                             "X-PPJ-Signature": s})
        if ctype:
            hdrs["Content-Type"] = ctype
        url = path + ("?" + urllib.parse.urlencode(query) if query else "")
        conn = http.client.HTTPConnection(host, self.port, timeout=60)
        conn.request(method, url, body=body, headers=hdrs)
        r = conn.getresponse()
        a = Answer(r.status, dict(r.getheaders()), r.read())
        conn.close()
        return a

    def create(self, data, md5=None, path="/jobs", key="default",
               filename="deck.pptx", fields=None, **kw):
        key = self.key if key == "default" else key
        md5 = md5_of(data) if md5 is None else md5
        f = [("file_md5", md5)] if fields is None else fields
        body, ctype = multipart(f, [("file_source", filename, data)])
        return self.request("POST", path, body=body, ctype=ctype, key=key,
                            sign_params=f, **kw)

    def get(self, path, query=(), key="default", **kw):
        key = self.key if key == "default" else key
        return self.request("GET", path, query=query, key=key, **kw)

    def status(self, token, key="default"):
        a = self.get("/jobs/" + token, key=key)
        assert a.status == 200, a
        return a.json()

    def wait(self, token, states=("completed", "halted", "deleted"),
             timeout=120, key="default"):
        end = time.time() + timeout
        seen = []
        while time.time() < end:
            j = self.status(token, key=key)
            if not seen or seen[-1] != j["state"]:
                seen.append(j["state"])
            if j["state"] in states:
                j["_seen"] = seen
                return j
            time.sleep(0.05)
        raise AssertionError("job %s stuck: %r" % (token, seen))


def method_for_sign(method, query):
    return method


def check(cond, what=""):
    if not cond:
        raise AssertionError(what)


def eq(a, b, what=""):
    if a != b:
        raise AssertionError("%r != %r %s" % (a, b, what))


def run(ns, cleanup=None):
    tests = [(n, f) for n, f in ns.items()
             if n.startswith("test_") and callable(f)]
    failed = skipped = 0
    for name, fn in tests:
        t0 = time.time()
        try:
            fn()
            print("ok   %s (%.1fs)" % (name, time.time() - t0))
        except Skip as e:
            skipped += 1
            print("skip %s: %s" % (name, e))
        except Exception:
            failed += 1
            print("FAIL %s" % name)
            traceback.print_exc()
        sys.stdout.flush()
    if cleanup:
        try:
            cleanup()
        except Exception:
            failed += 1
            print("FAIL cleanup")
            traceback.print_exc()
    print("%d passed, %d failed, %d skipped" %
          (len(tests) - failed - skipped, failed, skipped))
    sys.exit(1 if failed else 0)
