#!/usr/bin/env python3
"""t6001: setting a notify URL runs the verification handshake (SPEC
section 3): a receiver that echoes the nonce is accepted, one that does
not (wrong nonce, HTTP 500, nobody listening) is refused with the reason,
and loopback is refused unless --notify-allow-private is given."""
import importlib.util
import os
import subprocess

from svc import PPJ, Server, run, eq, check

spec = importlib.util.spec_from_file_location(
    "receiver", os.path.join(os.path.dirname(__file__), "t6000-receiver.py"))
receiver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(receiver)

closers = []


def server():
    s = Server(fake="ok", args=("--notify-allow-private",))
    closers.append(lambda: __import__("shutil").rmtree(s.tmp, True))
    return s


def recv(**kw):
    r = receiver.Receiver(**kw)
    closers.append(r.close)
    return r


def test_verify_pass():
    s, r = server(), recv()
    out = receiver.add_key(s, r.url())
    eq(out.returncode, 0, out.stderr)
    v = r.verifies()
    eq(len(v), 1)
    eq(v[0]["path"], "/hook")
    eq(v[0]["query"]["agent"], "06875f8b")
    eq(len(v[0]["query"]["nonce"]), 16)
    r.check_signatures(s.key[1])


def test_host_name_pinned():
    """A name, not a literal: resolved once, the connection pinned to the
    checked addresses (localhost may give ::1 first; the receiver is on
    127.0.0.1 only, so the pinned list must hold every address)."""
    s, r = server(), recv()
    url = "http://localhost:%d/hook?agent=x" % r.port
    out = receiver.add_key(s, url)
    eq(out.returncode, 0, out.stderr)
    r.check_signatures(s.key[1])
    out = receiver.add_key(s, url, allow_private=False)
    check(out.returncode != 0 and "loopback" in out.stderr, out.stderr)
    out = receiver.add_key(s, "http://no-such-host.invalid/x")
    check(out.returncode != 0 and "cannot resolve" in out.stderr,
          out.stderr)


def test_verify_wrong_nonce():
    s, r = server(), recv(verify="wrong")
    out = receiver.add_key(s, r.url())
    check(out.returncode != 0, "accepted a wrong nonce")
    check("failed the verification" in out.stderr and "nonce" in
          out.stderr, out.stderr)
    eq(len(r.verifies()), 1)


def test_verify_http_error():
    s, r = server(), recv(verify="500")
    out = receiver.add_key(s, r.url())
    check(out.returncode != 0, "accepted a 500")
    check("500" in out.stderr, out.stderr)


def test_verify_nobody_listening():
    s, r = server(), recv()
    url = r.url()
    r.close()
    out = receiver.add_key(s, url)
    check(out.returncode != 0, "accepted a dead URL")
    check("failed the verification" in out.stderr, out.stderr)


def test_not_http():
    s = server()
    out = receiver.add_key(s, "ftp://127.0.0.1/x")
    check(out.returncode != 0 and "http" in out.stderr, out.stderr)


def test_loopback_refused_without_flag():
    s, r = server(), recv()
    out = receiver.add_key(s, r.url(), allow_private=False)
    check(out.returncode != 0, "loopback accepted")
    check("loopback" in out.stderr, out.stderr)
    eq(r.requests, [])
    for url in ("http://10.1.2.3/x", "http://[::1]:9/x",
                "http://[::ffff:127.0.0.1]/x", "http://169.254.1.1/x",
                "http://0.0.0.0/x"):
        out = receiver.add_key(s, url, allow_private=False)
        check(out.returncode != 0 and "refused" in out.stderr,
              url + ": " + out.stderr)


def test_key_set():
    s, r = server(), recv()
    appid, secret = s.add_key()
    base = [PPJ, "key", "set", appid, "--data", s.data,
            "--notify-allow-private"]
    out = subprocess.run(base + ["--notify-url", r.url()],
                         capture_output=True, text=True, timeout=60,
                         env=s.env)
    eq(out.returncode, 0, out.stderr)
    r.check_signatures(secret)
    r.verify = "wrong"
    out = subprocess.run(base + ["--notify-url", r.url("/other")],
                         capture_output=True, text=True, timeout=60,
                         env=s.env)
    check(out.returncode != 0, "set accepted a failing URL")
    out = subprocess.run(base + ["--notify-url", ""],
                         capture_output=True, text=True, timeout=60,
                         env=s.env)
    eq(out.returncode, 0, out.stderr)
    out = subprocess.run([PPJ, "key", "set", "nosuchkey", "--data", s.data,
                          "--notify-url", ""], capture_output=True,
                         text=True, timeout=60, env=s.env)
    check(out.returncode != 0, "set on an unknown key")


def cleanup():
    for c in closers:
        c()


run(globals(), cleanup)
