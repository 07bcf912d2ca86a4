#!/usr/bin/env python3
"""t6004: callback attempts live in the store. The server stops after a
failed first attempt; once started again it makes the second attempt on
schedule, and the job, still notifying across the restart, completes."""
import importlib.util
import os
import time

from svc import Server, run, eq, check

spec = importlib.util.spec_from_file_location(
    "receiver", os.path.join(os.path.dirname(__file__), "t6000-receiver.py"))
receiver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(receiver)

closers = []


def test_attempts_continue_after_restart():
    r = receiver.Receiver(answers=(500, 200))
    closers.append(r.close)
    s = Server(fake="ok", args=("--notify-base-delay", "1",
                                "--notify-allow-private")).start()
    closers.append(s.close)
    eq(receiver.add_key(s, r.url()).returncode, 0)
    t = s.create(s.deck()).json()["token"]
    r.wait(1)
    eq(s.stop(), 0)
    stopped = time.time()
    eq(len(r.callbacks()), 1)
    s.start()
    eq(s.status(t)["state"], "notifying")
    cb = r.wait(2, timeout=60)
    check(cb[1]["at"] > stopped, "second attempt before the restart")
    eq(s.wait(t, timeout=30)["state"], "completed")
    n = s.get("/jobs/%s/notifications" % t).json()
    eq([a["status"] for a in n["attempts"]], [500, 200])
    r.check_signatures(s.key[1])
    check("job %s requeued" % t not in s.log(), "job converted twice")


def test_kill9_during_wait():
    r = receiver.Receiver(answers=(500, 204))
    closers.append(r.close)
    s = Server(fake="ok", args=("--notify-base-delay", "1",
                                "--notify-allow-private")).start()
    closers.append(s.close)
    eq(receiver.add_key(s, r.url()).returncode, 0)
    t = s.create(s.deck()).json()["token"]
    r.wait(1)
    time.sleep(0.3)	# the attempt is recorded
    s.kill9()
    s.start()
    r.wait(2, timeout=60)
    eq(s.wait(t, timeout=30)["state"], "completed")
    n = s.get("/jobs/%s/notifications" % t).json()
    eq([a["status"] for a in n["attempts"]], [500, 204])
    check(n["delivered"], n)


def cleanup():
    for c in closers:
        c()


run(globals(), cleanup)
