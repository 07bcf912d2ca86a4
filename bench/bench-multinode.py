#!/usr/bin/env python3
"""bench-multinode.py PPJ MKDECK [JOBS]: jobs per second end to end
(create -> completed) of small decks, measured, never asserted:

  - SQLite store: one `ppj serve --workers N`;
  - PostgreSQL store: one API node (`ppj serve --workers 0`) and N
    `ppj worker --workers 1` processes on one PostgreSQL;

for N = 1, 2 and 4. JOBS (40) decks of 3 slides (mkdeck, each different,
so dedup does not apply) are sent at once, then the completed list is
polled. Run it beside a throwaway PostgreSQL (without one, only the
SQLite rows are printed):

  tests/pg/with-pg.sh bench/bench-multinode.py build-rel/ppj \\
      build-rel/tests/unit/mkdeck 40

PPJ_PG_DURABLE=1 keeps fsync on in that PostgreSQL. CONVERTER=stub runs
a stand-in that writes a tiny zip at once (the service's own cost).
"""
import concurrent.futures as cf
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(
    __file__)), "..", "tests", "service"))
import svc  # noqa: E402

PPJ, MKDECK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
JOBS = int(sys.argv[3]) if len(sys.argv) > 3 else 40
svc.PPJ, svc.MKDECK = PPJ, MKDECK

STUB = """#!/bin/sh
echo "1 0 1" >&3; echo "2 1 1" >&3; echo "3 1 1" >&3
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w")\
.writestr("index.html", "x")' "$4"
"""


def converter(tmp):
    if os.environ.get("CONVERTER") != "stub":
        return []
    path = os.path.join(tmp, "stub.sh")
    with open(path, "w") as f:
        f.write(STUB)
    os.chmod(path, 0o755)
    return ["--converter", path]


def decks(tmp, tag):
    out = []
    for i in range(JOBS):
        p = os.path.join(tmp, "%s%d.pptx" % (tag, i))
        svc.make_deck(p, 3, "bench %s %d %f" % (tag, i, time.time()))
        out.append(open(p, "rb").read())
    return out


def measure(api, data):
    """Sends every deck at once; seconds until all are completed."""
    t0 = time.time()
    with cf.ThreadPoolExecutor(8) as ex:
        answers = list(ex.map(lambda d: api.create(d, key=None), data))
    tokens = [a.json()["token"] for a in answers]
    while True:
        done = api.get("/jobs", (("status", "completed"),), key=None)
        if done.json()["count"] >= len(tokens):
            return time.time() - t0
        if time.time() - t0 > 600:
            raise SystemExit("bench: jobs stuck")
        time.sleep(0.05)


def run_sqlite(n):
    api = svc.Server(args=["--workers", str(n)])
    api.args += converter(api.tmp)
    data = decks(api.tmp, "s")
    api.start()
    try:
        return measure(api, data)
    finally:
        api.close()


def run_pg(n, url):
    api = svc.Server(args=["--workers", "0", "--store", url])
    conv = converter(api.tmp)
    data = decks(api.tmp, "p")
    api.start()
    workers = []
    try:
        for i in range(n):
            log = open(os.path.join(api.tmp, "w%d.log" % i), "w")
            workers.append(subprocess.Popen(
                [PPJ, "worker", "--store", url, "--workers", "1",
                 "--data", os.path.join(api.tmp, "w%d" % i),
                 "--log-level", "warning"] + conv,
                stdout=log, stderr=log))
        return measure(api, data)
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
            w.wait(60)
        api.close()


def main():
    pg = os.environ.get("PPJ_TEST_PG_URL")
    print("%d jobs of 3 slides, converter: %s" %
          (JOBS, "stub" if converter("/tmp") else "ppj convert"))
    print("| store | workers | seconds | jobs/s |")
    print("|---|---|---|---|")
    for n in (1, 2, 4):
        dt = run_sqlite(n)
        print("| SQLite, ppj serve | %d | %.2f | %.1f |" %
              (n, dt, JOBS / dt))
        sys.stdout.flush()
    if not pg:
        print("(no PPJ_TEST_PG_URL: run through tests/pg/with-pg.sh for "
              "the PostgreSQL rows)")
        return
    for n in (1, 2, 4):
        url = svc.pg_schema_url("bench%d_%d" % (n, os.getpid()))
        dt = run_pg(n, url)
        print("| PostgreSQL, ppj worker processes | %d | %.2f | %.1f |" %
              (n, dt, JOBS / dt))
        sys.stdout.flush()


main()
