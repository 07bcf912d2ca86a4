#!/usr/bin/env python3
"""t4001: restart safety. kill -9 of the server in the middle of jobs:
after a restart on the same data directory every job completes and no
temp file is left. SIGTERM: running conversions finish within the grace
period (or go back to the queue) and the server exits 0."""
import glob
import os
import subprocess
import time

from svc import PPJ, STORE, Server, Skip, make_deck, run, eq, check

servers = []


def test_kill9_mid_jobs():
    s = Server(fake="slow", env={"FAKE_DELAY": "0.3"}).start()
    servers.append(s)
    deck = open(make_deck(os.path.join(s.tmp, "d.pptx")), "rb").read()
    tokens = [s.create(s.deck()).json()["token"] for _ in range(6)]
    s.wait(tokens[0], states=("rendering", "disting"))
    s.kill9()
    # the process group of a running child dies with its parent
    time.sleep(0.5)
    s.start()
    for t in tokens:
        j = s.wait(t, timeout=120)
        eq(j["state"], "completed", t)
    check("back in the queue" in s.log(), "requeue not logged")
    eq(glob.glob(os.path.join(s.data, "outputs", ".*")), [])
    eq(glob.glob(os.path.join(s.data, "uploads", "*")), [])
    eq(s.stop(), 0)


def test_sigterm_finishes_running():
    s = Server(fake="slow", env={"FAKE_DELAY": "0.3"},
               args=("--grace", "30")).start()
    servers.append(s)
    deck = open(make_deck(os.path.join(s.tmp, "d.pptx")), "rb").read()
    t = s.create(deck).json()["token"]
    s.wait(t, states=("rendering", "disting"))
    eq(s.stop(), 0)
    s.start()
    eq(s.status(t)["state"], "completed")
    eq(s.stop(), 0)


def test_sigterm_requeues_after_grace():
    s = Server(fake="hang", args=("--grace", "1")).start()
    servers.append(s)
    deck = open(make_deck(os.path.join(s.tmp, "d.pptx")), "rb").read()
    t = s.create(deck).json()["token"]
    time.sleep(0.5)
    eq(s.stop(), 0)
    check("requeued" in s.log(), s.log())
    s.env["FAKE_MODE"] = "ok"
    s.start()
    eq(s.wait(t)["state"], "completed")
    eq(s.stop(), 0)


def test_one_server_per_data_dir():
    s = Server(fake="ok").start()
    servers.append(s)
    r = subprocess.run([PPJ, "serve", "--listen", "127.0.0.1:0", "--data",
                        s.data], capture_output=True, text=True, timeout=60)
    eq(r.returncode, 1)
    check("in use by another ppj serve" in r.stderr, r.stderr)
    eq(s.get("/healthz", key=None).status, 200)


def test_old_layout_adopted():
    """A zip left in outputs/ by an earlier version is moved into the
    blob directory at start and still downloads."""
    if STORE:
        raise Skip("the data directory layout of the SQLite store")
    s = Server(fake="ok").start()
    servers.append(s)
    t = s.create(s.deck()).json()["token"]
    eq(s.wait(t)["state"], "completed")
    body = s.get("/jobs/%s/download" % t).body
    eq(s.stop(), 0)
    os.rename(os.path.join(s.data, "blobs", t + ".zip"),
              os.path.join(s.data, "outputs", t + ".zip"))
    s.start()
    eq(s.get("/jobs/%s/download" % t).body, body)
    check("moved 1 file(s)" in s.log(), s.log())


def cleanup():
    for s in servers:
        s.close()


run(globals(), cleanup)
