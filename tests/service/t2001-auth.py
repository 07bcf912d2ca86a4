#!/usr/bin/env python3
"""t2001: keys and signing (SPEC section 2): ppj key add/list/revoke,
signatures in headers or query parameters, unknown AppID (401), bad or
stale signatures (403), replayed POST and DELETE (403), another key's job
(404), protected mode (loopback only, never another address)."""
import os
import socket
import subprocess
import time
import urllib.parse

from svc import PPJ, Server, make_deck, run, eq, check, sign

srv = Server(fake="ok").start()
deck = open(make_deck(os.path.join(srv.tmp, "d.pptx")), "rb").read()
state = {}


def test_protected_mode_loopback():
    a = srv.get("/jobs", key=None)
    eq(a.status, 200)
    check("PROTECTED MODE" in srv.log())


def test_key_commands():
    k1 = srv.add_key()
    check(len(k1[0]) >= 8 and len(k1[1]) >= 16, k1)
    k2 = srv.add_key()
    state["k1"], state["k2"] = k1, k2
    out = subprocess.run([PPJ, "key", "list", "--data", srv.data],
                         check=True, capture_output=True, text=True,
                         env=srv.env).stdout
    check("%s active" % k1[0] in out and "%s active" % k2[0] in out, out)
    r = subprocess.run([PPJ, "key", "revoke", "NOPE", "--data", srv.data],
                       capture_output=True, text=True, env=srv.env)
    eq(r.returncode, 1)
    srv.key = k1


def test_unsigned_now_refused():
    a = srv.get("/jobs", key=None)
    eq(a.status, 401)
    eq(a.json()["type"], "UnauthorizedError")


def test_signed_headers_and_query():
    a = srv.create(srv.deck())
    eq(a.status, 200, repr(a))
    state["t1"] = a.json()["token"]
    a = srv.create(srv.deck(), in_query=True)
    eq(a.status, 200, repr(a))
    eq(srv.get("/jobs/" + state["t1"]).status, 200)
    eq(srv.get("/jobs/" + state["t1"], in_query=True).status, 200)
    eq(srv.get("/job/status", (("token", state["t1"]),),
               in_query=True).status, 200)
    a = srv.get("/jobs", (("status", "converting"),
                          ("start_date", "2017-03-16T02:20:39+00:00")))
    eq(a.status, 200, repr(a))


def test_trailing_slash_signed_as_sent():
    eq(srv.get("/jobs/").status, 200)
    eq(srv.get("/jobs/list/", in_query=True).status, 200)


def test_unknown_appid():
    a = srv.get("/jobs", key=("NOSUCHAPPID00000", "x" * 24))
    eq(a.status, 401)
    eq(a.json()["type"], "UnauthorizedError")


def test_bad_signature():
    a = srv.get("/jobs", sig="0" * 64)
    eq(a.status, 403)
    eq(a.json()["type"], "AuthenticationError")
    a = srv.get("/jobs", key=(state["k1"][0], "wrongsecret"))
    eq(a.status, 403)
    # a parameter added after signing
    ts = int(time.time())
    s = sign(state["k1"][1], ts, "GET", "/jobs", [])
    a = srv.get("/jobs", (("status", "completed"),), ts=ts, sig=s)
    eq(a.status, 403)


def test_stale_timestamp():
    for off in (-1000, 1000):
        a = srv.get("/jobs", ts=int(time.time()) + off)
        eq(a.status, 403, str(off))
        eq(a.json()["type"], "AuthenticationError")
    a = srv.get("/jobs", ts="notanumber", sig="0" * 64)
    eq(a.status, 403)


def test_replay_post():
    deck = srv.deck()
    ts = int(time.time())
    md5 = __import__("hashlib").md5(deck).hexdigest()
    s = sign(srv.key[1], ts, "POST", "/jobs", [("file_md5", md5)])
    a = srv.create(deck, ts=ts, sig=s)
    eq(a.status, 200, repr(a))
    a = srv.create(deck, ts=ts, sig=s)
    eq(a.status, 403, repr(a))
    check("replay" in a.json()["message"])


def test_replay_delete():
    t = state["t1"]
    srv.wait(t)
    ts = int(time.time())
    s = sign(srv.key[1], ts, "DELETE", "/jobs/" + t, [])
    a = srv.request("DELETE", "/jobs/" + t, key=srv.key, ts=ts, sig=s)
    eq(a.status, 200, repr(a))
    eq(a.json()["state"], "deleted")
    a = srv.request("DELETE", "/jobs/" + t, key=srv.key, ts=ts, sig=s)
    eq(a.status, 403)


def test_other_keys_job_is_404():
    a = srv.create(srv.deck())
    t = a.json()["token"]
    srv.wait(t)
    k2 = state["k2"]
    eq(srv.get("/jobs/" + t, key=k2).status, 404)
    eq(srv.get("/jobs/%s/download" % t, key=k2).status, 404)
    eq(srv.request("DELETE", "/jobs/" + t, key=k2).status, 404)
    eq(srv.get("/jobs", key=k2).json()["count"], 0)
    eq(srv.get("/jobs/" + t).json()["state"], "completed")


def test_view_signed():
    a = srv.create(srv.deck())
    t = a.json()["token"]
    srv.wait(t)
    path = "/jobs/%s/view/index.html" % t
    eq(srv.get(path, key=None).status, 401)
    eq(srv.get(path, key=state["k2"]).status, 404)
    a = srv.get(path, in_query=True)
    eq(a.status, 302)
    eq(srv.get(a.headers["Location"], key=None).status, 200)


def test_revoked_key():
    k2 = state["k2"]
    subprocess.run([PPJ, "key", "revoke", k2[0], "--data", srv.data],
                   check=True, env=srv.env)
    eq(srv.get("/jobs", key=k2).status, 401)
    eq(srv.get("/jobs").status, 200)


def outside_address():
    """An address of this machine that is not loopback, or None."""
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.connect(("192.0.2.1", 9))  # no packet is sent
        ip = s.getsockname()[0]
        s.close()
        return None if ip.startswith("127.") else ip
    except OSError:
        return None


def test_protected_mode_refuses_other_addresses():
    ip = outside_address()
    if not ip:
        from svc import Skip
        raise Skip("no non-loopback address")
    s = Server(fake="ok").start(listen="0.0.0.0:0")
    try:
        a = s.get("/jobs", key=None, host=ip)
        eq(a.status, 401)
        eq(a.json()["type"], "UnauthorizedError")
        eq(s.get("/jobs", key=None).status, 200)
    finally:
        s.close()


run(globals(), srv.close)
