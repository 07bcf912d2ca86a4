#!/usr/bin/env python3
"""A stand-in for `ppj convert DECK --zip OUT --progress-fd 3`, run by
the service tests through `ppj serve --converter`, so that every job state
can be reached without depending on the real reader. FAKE_MODE picks the
behaviour: ok, slow, hang, crash, password, broken; FAKE_COUNT names a
file that gets one line per run.
"""
import os
import signal
import sys
import time
import zipfile


def main():
    args = sys.argv[1:]
    deck, out = args[1], args[args.index("--zip") + 1]
    fd = int(args[args.index("--progress-fd") + 1])
    mode = os.environ.get("FAKE_MODE", "ok")
    count = os.environ.get("FAKE_COUNT")
    if count:
        with open(count, "a") as f:
            f.write(deck + "\n")
    prog = os.fdopen(fd, "w", buffering=1)
    slides = 3
    delay = float(os.environ.get("FAKE_DELAY", "0.3"))
    if mode == "hang":
        prog.write("1 0 0\n")
        time.sleep(3600)
    if mode == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if mode in ("password", "broken"):
        msg = ("password protected" if mode == "password" else
               "damaged zip: no slide list")
        kind = "password_protected" if mode == "password" else \
            "source_invalid"
        prog.write("error %s %s\n" % (kind, msg))
        sys.stderr.write("ppj: %s: %s\n" % (deck, msg))
        sys.exit(1)
    prog.write("1 0 0\n")
    if mode == "slow":
        time.sleep(delay)
    for i in range(slides + 1):
        prog.write("2 %d %d\n" % (i, slides))
        if mode == "slow":
            time.sleep(delay)
    prog.write("3 %d %d\n" % (slides, slides))
    if mode == "slow":
        time.sleep(delay)
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("index.html", "<!doctype html><title>x</title>")
        z.writestr("manifest.json", '{"slides": []}')


main()
