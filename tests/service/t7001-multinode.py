#!/usr/bin/env python3
"""t7001: many machines on one PostgreSQL (issue 7). Two API servers
(`ppj serve --workers 0`) and three workers (`ppj worker`) run as
separate processes on one PostgreSQL store, with a 2 s lease. A few dozen
jobs go in through both servers; one worker is killed with SIGKILL while
it converts. Every job must end completed exactly once (one "completed"
line across the workers' logs), its zip downloadable from either server;
the killed worker's job is converted again by another worker. Dedup and
DELETE work across servers too. A worker paused past its lease loses
its job to another and, resumed, stores nothing.

Run through tests/pg/with-pg.sh (PPJ_TEST_PG_URL); exit 77 without it.
"""
import os
import re
import signal
import subprocess
import sys
import time

from svc import (PPJ, FAKE, Server, Skip, check, eq, pg_schema_url, run)

NJOBS = 30
nodes = {"api": [], "workers": []}


class Worker:
    """One `ppj worker` process with its own data directory and log."""

    def __init__(self, tmp, url, n):
        self.name = "w%d" % n
        self.data = os.path.join(tmp, self.name)
        self.count = os.path.join(tmp, self.name + ".count")
        self.logpath = os.path.join(tmp, self.name + ".log")
        env = dict(os.environ, FAKE_MODE="slow", FAKE_DELAY="0.25",
                   FAKE_COUNT=self.count)
        self.logf = open(self.logpath, "w")
        self.proc = subprocess.Popen(
            [PPJ, "worker", "--store", url, "--data", self.data,
             "--workers", "2", "--lease", "2", "--node-id", self.name,
             "--converter", FAKE],
            stdout=self.logf, stderr=self.logf, env=env)

    def runs(self):
        """Tokens of the conversions started, one per run."""
        if not os.path.exists(self.count):
            return []
        return re.findall(r"\.([A-Za-z0-9]{16})\.src$",
                          open(self.count).read(), re.M)

    def log(self):
        return open(self.logpath).read()


def setup():
    if not os.environ.get("PPJ_TEST_PG_URL"):
        print("t7001: no PPJ_TEST_PG_URL (run through with-pg.sh), skip")
        sys.exit(77)
    url = pg_schema_url("multinode%d" % os.getpid())
    env = {"PPJ_STORE": url}
    args = ("--workers", "0", "--lease", "2")
    for _ in range(2):
        nodes["api"].append(Server(args=args, env=env).start())
    a, b = nodes["api"]
    b.key = a.add_key()
    for n in range(3):
        nodes["workers"].append(Worker(a.tmp, url, n))
    return a, b


def wait_running(w, timeout=60):
    """Waits until worker w has started a conversion that is still going
    on; returns its token."""
    end = time.time() + timeout
    api = nodes["api"][0]
    while time.time() < end:
        for t in reversed(w.runs()):
            if api.status(t)["state"] in ("converting", "rendering"):
                return t
        time.sleep(0.05)
    raise AssertionError("worker %s never converted" % w.name)


def test_many_nodes_one_killed():
    a, b = setup()
    tokens = []
    for i in range(NJOBS):
        s = (a, b)[i % 2]
        r = s.create(s.deck())
        eq(r.status, 200, r)
        tokens.append(r.json()["token"])

    victim = nodes["workers"][0]
    held = wait_running(victim)
    victim.proc.send_signal(signal.SIGKILL)
    victim.proc.wait()

    for t in tokens:
        eq(a.wait(t, timeout=180)["state"], "completed", t)
    live = nodes["workers"][1:]
    logs = "".join(w.log() for w in nodes["workers"])
    for t in tokens:
        eq(logs.count("job %s completed" % t), 1, t)
    # the killed worker's job went to another worker and ran again there
    again = sum(w.runs().count(held) for w in live)
    check(again >= 1, "job %s not converted again" % held)
    check(all(w.proc.poll() is None for w in live), "a worker died")

    for t in tokens:
        za = a.get("/jobs/%s/download" % t)
        zb = b.get("/jobs/%s/download" % t)
        eq((za.status, zb.status), (200, 200), t)
        eq(za.body, zb.body, t)
        check(za.body[:2] == b"PK", t)


def test_paused_worker_loses_its_job():
    """A worker stopped (SIGSTOP) past its lease while it converts: the
    job goes to the other worker; once resumed, the first one learns it
    lost the lease and stores nothing, so the job completes once."""
    a, b = nodes["api"]
    w1, w2 = nodes["workers"][1:]
    tokens = [a.create(a.deck()).json()["token"] for _ in range(4)]
    held = wait_running(w1)
    w1.proc.send_signal(signal.SIGSTOP)
    time.sleep(4)           # lease 2 s, reclaimed on the next round
    w1.proc.send_signal(signal.SIGCONT)
    for t in tokens:
        eq(b.wait(t, timeout=120)["state"], "completed", t)
    time.sleep(1)
    check("job %s: lease lost" % held in w1.log(), w1.log()[-3000:])
    logs = "".join(w.log() for w in nodes["workers"])
    for t in tokens:
        eq(logs.count("job %s completed" % t), 1, t)
    check(w2.runs().count(held) >= 1, "job %s not taken over" % held)


def test_dedup_and_delete_across_servers():
    a, b = nodes["api"]
    deck = a.deck()
    t1 = a.create(deck).json()["token"]
    eq(a.wait(t1, timeout=120)["state"], "completed")
    r = b.create(deck)
    eq(r.status, 200)
    t2 = r.json()["token"]
    eq(r.json()["state"], "completed")
    eq(a.get("/jobs/%s/download" % t2).body,
       b.get("/jobs/%s/download" % t1).body)
    eq(b.request("DELETE", "/jobs/" + t1, key=b.key).status, 200)
    eq(a.get("/jobs/%s/download" % t1).status, 404)
    eq(a.status(t1)["state"], "deleted")
    eq(a.get("/jobs/%s/download" % t2).status, 200)


def cleanup():
    for w in nodes["workers"]:
        if w.proc.poll() is None:
            w.proc.send_signal(signal.SIGTERM)
            eq(w.proc.wait(60), 0, w.name)
        w.logf.close()
        for mark in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                     "runtime error:"):
            check(mark not in w.log(), w.log()[-4000:])
    for s in nodes["api"]:
        s.close()


run(globals(), cleanup)
