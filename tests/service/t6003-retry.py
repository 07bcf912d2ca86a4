#!/usr/bin/env python3
"""t6003: callback retries (SPEC section 3). A receiver that answers 500
twice then 200 gets three signed callbacks, spaced as the schedule says
(retry n waits n^4 + B plus up to B * (n + 1) seconds, B = 1 here), and
the job stays notifying until the 200, then completes. Slow: the second
retry waits 2^4 + 1 seconds at least."""
import importlib.util
import os
import time

from svc import Server, run, eq, check

spec = importlib.util.spec_from_file_location(
    "receiver", os.path.join(os.path.dirname(__file__), "t6000-receiver.py"))
receiver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(receiver)

closers = []


def test_retries_until_success():
    r = receiver.Receiver(answers=(500, 500, 200))
    closers.append(r.close)
    s = Server(fake="ok", args=("--notify-base-delay", "1",
                                "--notify-allow-private")).start()
    closers.append(s.close)
    eq(receiver.add_key(s, r.url()).returncode, 0)
    t = s.create(s.deck()).json()["token"]
    r.wait(1)
    time.sleep(0.3)
    eq(s.status(t)["state"], "notifying")
    cb = r.wait(3, timeout=60)
    j = s.wait(t, timeout=30)
    eq(j["state"], "completed")
    eq(len(cb), 3)
    gaps = [cb[i + 1]["at"] - cb[i]["at"] for i in range(2)]
    check(1.5 < gaps[0] < 5.0, "retry 1 after %.2fs" % gaps[0])
    check(16.5 < gaps[1] < 21.5, "retry 2 after %.2fs" % gaps[1])
    n = s.get("/jobs/%s/notifications" % t).json()
    eq([a["status"] for a in n["attempts"]], [500, 500, 200])
    eq([a["n"] for a in n["attempts"]], [1, 2, 3])
    eq((n["delivered"], n["done"]), (True, True))
    r.check_signatures(s.key[1])
    eq(len(r.callbacks()), 3)


def cleanup():
    for c in closers:
        c()


run(globals(), cleanup)
