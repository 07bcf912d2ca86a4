#!/usr/bin/env python3
"""t6005: callbacks with two servers on one PostgreSQL store. Both run
dispatchers that poll the same deliveries; every job must reach the
receiver exactly once per attempt: one callback for a job delivered at
once, two for a job whose first attempt failed, never one per node.

Run through tests/pg/with-pg.sh (PPJ_TEST_PG_URL); exit 77 without it.
"""
import importlib.util
import os
import sys
import time

from svc import Server, Skip, run, eq, check, STORE

spec = importlib.util.spec_from_file_location(
    "receiver", os.path.join(os.path.dirname(__file__), "t6000-receiver.py"))
receiver = importlib.util.module_from_spec(spec)
spec.loader.exec_module(receiver)

if STORE != "pg" or not os.environ.get("PPJ_TEST_PG_URL"):
    print("t6005 needs PPJ_TEST_STORE=pg and PPJ_TEST_PG_URL: skip")
    sys.exit(77)

closers = []


def two_servers(r):
    args = ["--notify-base-delay", "1", "--notify-allow-private"]
    a = Server(fake="ok", args=args + ["--node-id", "a"])
    b = Server(fake="ok", args=args + ["--node-id", "b"])
    b.env["PPJ_STORE"] = a.env["PPJ_STORE"]
    a.start()
    closers.append(a.close)
    b.start()
    closers.append(b.close)
    eq(receiver.add_key(a, r.url()).returncode, 0)
    b.key = a.key
    return a, b


def test_one_callback_per_attempt():
    r = receiver.Receiver(answers=(200,))
    closers.append(r.close)
    a, b = two_servers(r)
    tokens = [(a if i % 2 else b).create(a.deck()).json()["token"]
              for i in range(16)]
    for t in tokens:
        eq(a.wait(t)["state"], "completed")
    time.sleep(1.5)         # a second delivery would have come by now
    got = [c["query"]["token"] for c in r.callbacks()]
    for t in tokens:
        eq(got.count(t), 1, t)
    r.check_signatures(a.key[1])


def test_retry_once_across_nodes():
    r = receiver.Receiver(answers=(500, 200))
    closers.append(r.close)
    a, b = two_servers(r)
    t = b.create(a.deck()).json()["token"]
    r.wait(2, timeout=30)
    eq(a.wait(t, timeout=30)["state"], "completed")
    time.sleep(1.5)
    eq(len(r.callbacks()), 2)
    n = a.get("/jobs/%s/notifications" % t).json()
    eq([x["status"] for x in n["attempts"]], [500, 200])


def cleanup():
    for c in closers:
        c()


run(globals(), cleanup)
