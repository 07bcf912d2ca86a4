#!/usr/bin/env python3
"""t6002: callbacks of finished jobs (SPEC section 3). A job of a key
with a notify URL goes through notifying to completed once the receiver
answers 2xx; a halted job is notified with type=error and stays halted;
when every attempt fails the job still completes and the failure is
recorded; GET /jobs/:token/notifications shows the attempts to the
owner only. Every request the receiver gets is signature-checked."""
import importlib.util
import os
import time

from svc import Server, run, eq, check

spec = importlib.util.spec_from_file_location(
    "receiver", os.path.join(os.path.dirname(__file__), "t6000-receiver.py"))
receiver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(receiver)

closers = []


def setup(answers=(200,), args=(), fake="ok", allow=True):
    r = receiver.Receiver(answers=answers)
    closers.append(r.close)
    flags = ["--notify-base-delay", "1"] + list(args)
    if allow:
        flags.append("--notify-allow-private")
    s = Server(fake=fake, args=flags).start()
    closers.append(s.close)
    out = receiver.add_key(s, r.url())
    eq(out.returncode, 0, out.stderr)
    return s, r


def notifications(s, token, key="default"):
    return s.get("/jobs/%s/notifications" % token, key=key)


def wait_done(s, token, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        n = notifications(s, token).json()
        if n.get("done"):
            return n
        time.sleep(0.1)
    raise AssertionError("delivery of %s not done" % token)


def test_delivered_on_success():
    s, r = setup()
    t = s.create(s.deck()).json()["token"]
    j = s.wait(t)
    eq(j["state"], "completed")
    check("notifying" in j["_seen"] or len(r.callbacks()) == 1, j)
    cb = r.wait(1)
    eq(len(cb), 1)
    q = cb[0]["query"]
    eq((q["type"], q["token"], q["code"], q["agent"]),
       ("complete", t, "0", "06875f8b"))
    eq(cb[0]["path"], "/hook")
    r.check_signatures(s.key[1])
    n = wait_done(s, t)
    eq((n["delivered"], n["done"], n["type"], n["code"]),
       (True, True, "complete", 0))
    eq([a["status"] for a in n["attempts"]], [200])
    check(n["attempts"][0]["error"] is None, n)
    eq(s.get("/jobs/%s/download" % t).status, 200)


def test_halted_notified_with_error():
    s, r = setup(fake="broken")
    t = s.create(s.deck()).json()["token"]
    eq(s.wait(t)["state"], "halted")
    cb = r.wait(1)
    eq((cb[0]["query"]["type"], cb[0]["query"]["code"],
        cb[0]["query"]["token"]), ("error", "2", t))
    r.check_signatures(s.key[1])
    n = wait_done(s, t)
    check(n["delivered"], n)
    eq(s.status(t)["state"], "halted")


def test_crash_notified_as_internal():
    s, r = setup(fake="crash")
    t = s.create(s.deck()).json()["token"]
    eq(s.wait(t)["state"], "halted")
    cb = r.wait(1)
    eq((cb[0]["query"]["type"], cb[0]["query"]["code"]), ("error", "1"))


def test_retries_exhausted():
    s, r = setup(answers=(500,), args=("--notify-attempts", "2"))
    t = s.create(s.deck()).json()["token"]
    n = wait_done(s, t, timeout=60)
    eq((n["delivered"], n["done"]), (False, True))
    eq([a["status"] for a in n["attempts"]], [500, 500])
    eq(s.status(t)["state"], "completed")
    cb = r.callbacks()
    eq(len(cb), 2)
    gap = cb[1]["at"] - cb[0]["at"]
    # retry 1 waits 1^4 + B plus up to B * 2 seconds, B = 1
    check(1.5 < gap < 5.0, "retry after %.2fs" % gap)
    r.check_signatures(s.key[1])
    check("not delivered after 2 attempt(s)" in s.log(), s.log()[-2000:])


def test_route_owner_only():
    s, r = setup()
    t = s.create(s.deck()).json()["token"]
    s.wait(t)
    wait_done(s, t)
    owner = s.key
    other = s.add_key()
    eq(notifications(s, t, key=other).status, 404)
    eq(notifications(s, t, key=owner).status, 200)
    eq(s.get("/job/%s/notifications" % t, key=owner).status, 200)
    # a job of a key without a notify URL: no callback, no attempts
    s.key = other
    t2 = s.create(s.deck()).json()["token"]
    j = s.wait(t2)
    check("notifying" not in j["_seen"], j)
    n = notifications(s, t2).json()
    eq((n["url"], n["attempts"]), (None, []))


def test_private_refused_by_server():
    s, r = setup(allow=False, args=("--notify-attempts", "1"))
    t = s.create(s.deck()).json()["token"]
    n = wait_done(s, t)
    eq(n["delivered"], False)
    a = n["attempts"][0]
    eq(a["status"], 0)
    check("loopback" in a["error"], a)
    eq(r.callbacks(), [])
    eq(s.status(t)["state"], "completed")


def cleanup():
    for c in closers:
        c()


run(globals(), cleanup)
