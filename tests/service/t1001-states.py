#!/usr/bin/env python3
"""t1001: a job goes converting -> rendering -> disting -> completed with
progress counting slides, or ends halted with each last_error code
(source_invalid, password_protected, timeout, internal). Uses the
stand-in converter (fake-convert.py) to reach every state on demand."""
import os

from svc import Server, make_deck, run, eq, check

servers = []


def server(mode, args=(), env=None):
    s = Server(fake=mode, args=args, env=env).start()
    servers.append(s)
    return s


def submit(s):
    a = s.create(s.deck(2))
    eq(a.status, 200, repr(a))
    j = a.json()
    eq(j["state"], "converting")
    eq(j["total_pages"], None)
    eq(j["progress"], 0)
    return j["token"]


def test_forward_states():
    s = server("slow", env={"FAKE_DELAY": "0.4"})
    t = submit(s)
    j = s.wait(t)
    eq(j["state"], "completed")
    seen = j["_seen"]
    order = ["converting", "rendering", "disting", "completed"]
    check([x for x in order if x in seen] == seen, seen)
    check("rendering" in seen and "disting" in seen, seen)
    eq(j["total_pages"], 3)
    eq(j["progress"], 3)
    eq(j["last_error"], None)
    log = s.log()
    for st in order[1:]:
        check("job %s %s" % (t, st) in log, st)


def test_progress_midway():
    s = server("slow", env={"FAKE_DELAY": "0.5"})
    t = submit(s)
    j = s.wait(t, states=("rendering",))
    check(j["total_pages"] in (None, 3), j)
    mid = s.wait(t, states=("disting", "completed"))
    check(mid["progress"] >= 1, mid)


def halted(mode, code, args=()):
    s = server(mode, args=args)
    t = submit(s)
    j = s.wait(t)
    eq(j["state"], "halted", mode)
    eq(j["last_error"]["code"], code, mode)
    check(j["last_error"]["message"], mode)
    check(s.data not in j["last_error"]["message"], "path leaked")
    a = s.get("/jobs/%s/download" % t)
    eq(a.status, 404)
    return j


def test_halted_source_invalid():
    halted("broken", "source_invalid")


def test_halted_password():
    halted("password", "password_protected")


def test_halted_timeout():
    halted("hang", "timeout", args=("--job-timeout", "1"))


def test_halted_crash_is_internal():
    j = halted("crash", "internal")
    check("signal" in j["last_error"]["message"], j)


def test_server_keeps_serving_and_other_jobs_untouched():
    s = server("ok")
    good = submit(s)
    eq(s.wait(good)["state"], "completed")
    a = s.get("/healthz", key=None)
    eq(a.status, 200)


def test_queue_many():
    s = server("ok")
    tokens = [submit(s) for _ in range(8)]
    for t in tokens:
        eq(s.wait(t)["state"], "completed")
    a = s.get("/jobs", (("status", "completed"),))
    eq(a.json()["count"], 8)


def cleanup():
    for s in servers:
        s.close()


run(globals(), cleanup)
