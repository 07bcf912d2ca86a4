#!/usr/bin/env python3
"""Runs the hostile corpus (gen_hostile.py) through `ppj convert`.

    run_hostile.py PPJ MKOLE [--shard K/N] [--asan] [--only WORDS]
                   [--sandbox] [--keep]

Each case is built in a temporary folder and converted with a wall-clock
limit, a CPU limit, a file size limit and (outside ASan builds) an
address space limit. A case passes when ppj ends in exit 0 with a valid,
bounded output tree, or in exit 1 with exactly one line on stderr; never
a signal, a sanitizer report, a hang or another exit code. Besides:
nothing may connect to the listening socket the test runs (external
entities, linked pictures), no file may appear outside the case's
folder (zip entry names), and no output may hold /etc/passwd or the
test's secret file (relationship targets, entities).

Prints a table with the time and peak RSS of each case (never asserted)
and exits 1 when a case failed.
"""

import argparse
import json
import os
import re
import resource
import select
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_hostile  # noqa: E402

WALL_S = 60             # per case, generous for ASan builds
CPU_S = 60
AS_BYTES = 2 << 30      # address space, non-ASan builds
RSS_MB = 3072           # ASan builds: hard_rss_limit_mb (ASan costs ~1.5x)
FSIZE = 512 << 20       # largest file ppj may write
OUT_MAX = 1 << 30       # largest output tree we accept

# The child execs ppj through env(1): Linux keeps the peak RSS of the
# image before exec in ru_maxrss, and env's is tiny where ours is not.
TRAMPOLINE = "/usr/bin/env"

# Leaks inside third-party libraries that we cannot free (see the file).
LSAN_SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "lsan.supp")


class Listener:
    """A socket on 127.0.0.1 that counts the connections it gets."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits = []
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop:
            r, _, _ = select.select([self.sock], [], [], 0.2)
            if r:
                conn, _ = self.sock.accept()
                conn.settimeout(1)
                try:
                    self.hits.append(conn.recv(200))
                except OSError:
                    self.hits.append(b"")
                conn.close()

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


def limits(asan):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_S, CPU_S + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE, FSIZE))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if not asan:
            resource.setrlimit(resource.RLIMIT_AS, (AS_BYTES, AS_BYTES))
    return apply


def run_ppj(ppj, deck, out, asan, errpath, sandbox=False, deep=False):
    """Runs ppj; returns (status, seconds, peak RSS in MiB, timed out).

    With sandbox, ppj runs as the service's worker runs it, with
    --progress-fd (which enters src/cli/sandbox.c's filter) on fd 3."""
    extra = ["--progress-fd", "3"] if sandbox else []
    env = dict(os.environ)
    if asan:
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") +
                               f":hard_rss_limit_mb={RSS_MB}").lstrip(":")
        # Inputs found by the fuzzers may leak inside libgsf; its frames,
        # which the suppressions name, show only with the slow unwinder.
        if deep:
            env["ASAN_OPTIONS"] += ":fast_unwind_on_malloc=0"
        env["LSAN_OPTIONS"] = f"suppressions={LSAN_SUPP}"
    start = time.monotonic()
    with open(errpath, "wb") as err:
        pid = os.fork()
        if pid == 0:
            try:
                os.dup2(err.fileno(), 2)
                devnull = os.open(os.devnull, os.O_RDWR)
                os.dup2(devnull, 0)
                os.dup2(devnull, 1)
                os.dup2(devnull, 3)
                limits(asan)()
                os.execve(TRAMPOLINE, [TRAMPOLINE, ppj, "convert", deck,
                                       "-o", out] + extra, env)
            except BaseException as e:
                os.write(2, f"runner: {e!r}\n".encode())
            finally:
                os._exit(127)
    timed_out = False
    while True:
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid:
            break
        if time.monotonic() - start > WALL_S:
            timed_out = True
            os.killpg(pid, signal.SIGKILL)
            wpid, status, ru = os.wait4(pid, 0)
            break
        time.sleep(0.01)
    secs = time.monotonic() - start
    return status, secs, ru.ru_maxrss / 1024.0, timed_out


# Live script in a page: the injection cases' payloads unescaped (a
# script element, an image with a handler, an attribute broken open), or
# any script URL in href/src (the pages are opened in browsers).
LIVE = [re.compile(rb"<script>alert\(", re.I),
        re.compile(rb"<img src=x onerror=", re.I),
        re.compile(rb"\"\s*onmouseover\s*=\s*\"alert", re.I),
        re.compile(rb"(href|src|xlink:href)\s*=\s*[\"']?\s*"
                   rb"(javascript|vbscript|data:text/html)", re.I)]


def live_script(name, data):
    if not name.endswith((".html", ".svg", ".htm", ".xhtml")):
        return []
    return [f"live script in {name}: {m.group(0)[:60]!r}"
            for rx in LIVE for m in [rx.search(data)] if m]


def tree_problems(out, forbid):
    """Checks an output tree; returns a list of problems."""
    problems, total = [], 0
    for need in ("index.html", "manifest.json"):
        if not os.path.isfile(os.path.join(out, need)):
            problems.append(f"no {need}")
    try:
        with open(os.path.join(out, "manifest.json"), "rb") as f:
            m = json.load(f)
        if not isinstance(m.get("slides"), list):
            problems.append("manifest without a slides list")
    except (OSError, ValueError) as e:
        problems.append(f"manifest.json: {e}")
    for root, dirs, files in os.walk(out):
        for name in dirs + files:
            p = os.path.join(root, name)
            if os.path.islink(p):
                problems.append(f"symlink in output: {p}")
        for name in files:
            p = os.path.join(root, name)
            total += os.path.getsize(p)
            if total > OUT_MAX:
                return problems + ["output over 1 GiB"]
            with open(p, "rb") as f:
                data = f.read()
            for what, mark in forbid:
                if mark in data:
                    problems.append(f"{what} leaked into {name}")
            problems += live_script(name, data)
    return problems


def error_problems(err, case):
    lines = [ln for ln in err.decode("utf-8", "replace").splitlines()
             if ln.strip()]
    if len(lines) != 1:
        return [f"{len(lines)} lines on stderr, want 1"]
    if not lines[0].startswith("ppj: "):
        return [f"odd error line: {lines[0][:100]}"]
    if case.error_has and case.error_has not in lines[0].lower():
        return [f"error does not say '{case.error_has}': {lines[0][:100]}"]
    return []


def judge(case, status, timed_out, out, errpath, forbid):
    """Returns (exit text, problems)."""
    with open(errpath, "rb") as f:
        err = f.read()
    if timed_out:
        return "hang", [f"no end within {WALL_S} s"]
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status)).name
        return sig, [f"killed by {sig}: " + tail(err)]
    code = os.WEXITSTATUS(status)
    if b"Sanitizer" in err or b"runtime error:" in err:
        return str(code), ["sanitizer report: " + tail(err)]
    if code == 0:
        if case.expect == "error":
            return "0", ["converted, but must fail"]
        return "0", tree_problems(out, forbid)
    if code == 1:
        if case.expect == "ok":
            return "1", ["failed, but must convert: " + tail(err)]
        return "1", error_problems(err, case)
    return str(code), [f"exit {code}: " + tail(err)]


def tail(err):
    lines = err.decode("utf-8", "replace").strip().splitlines()
    keep = [ln for ln in lines if "ERROR" in ln or "#0" in ln or
            "#1 " in ln or "runtime error" in ln]
    return " | ".join((keep or lines[-2:])[:3])[:300]


def escapes(base, work):
    """Files made outside the case folders by an escaping entry name."""
    found = []
    for d in sorted({"/tmp", os.path.dirname(work), "/etc", "/"}):
        try:
            found += [os.path.join(d, n) for n in os.listdir(d)
                      if n.startswith(base) and n != base]
        except OSError:
            pass
    return found


def run_case(a, case, env, work, forbid):
    folder = os.path.join(work, case.name)
    os.mkdir(folder)
    deck = os.path.join(folder, "deck")
    out = os.path.join(folder, "out")
    errpath = os.path.join(folder, "stderr")
    case.build(deck, env)
    status, secs, rss, timed_out = run_ppj(a.ppj, deck, out, a.asan,
                                           errpath, a.sandbox,
                                           case.name.startswith("file-"))
    shown, problems = judge(case, status, timed_out, out, errpath, forbid)
    reason = ""
    if shown == "1" and not problems:
        with open(errpath, "rb") as f:
            line = f.read().decode("utf-8", "replace").strip()
        reason = line.split(": ", 2)[-1][:70]
    if not problems:
        shutil.rmtree(folder, ignore_errors=True)
    return shown, secs, rss, problems, reason


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ppj")
    ap.add_argument("mkole")
    ap.add_argument("--shard", default="1/1")
    ap.add_argument("--asan", action="store_true")
    ap.add_argument("--only", default="",
                    help="run cases whose name holds one of these "
                    "comma-separated words")
    ap.add_argument("--sandbox", action="store_true",
                    help="run ppj as the service does (--progress-fd)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the work folder")
    a = ap.parse_args()
    k, n = (int(x) for x in a.shard.split("/"))

    work = tempfile.mkdtemp(prefix="ppj-hostile-")
    marker = b"PPJ-SECRET-" + os.urandom(8).hex().encode()
    secret = os.path.join(work, "secret.png")
    with open(secret, "wb") as f:
        f.write(gen_hostile.png(8, 8) + marker)
    base = os.path.basename(work)
    listener = Listener()
    env = gen_hostile.Env(a.mkole, listener.port, secret, marker,
                          escape_dir=work)
    forbid = [("/etc/passwd", gen_hostile.PASSWD_MARK),
              ("secret file", marker)]

    words = a.only.split(",")
    cases = [c for i, c in enumerate(gen_hostile.all_cases())
             if i % n == k - 1 and any(w in c.name for w in words)]
    failed = 0
    print(f"{'case':44} {'exit':>5} {'time s':>7} {'RSS MiB':>8}  result")
    for case in cases:
        shown, secs, rss, problems, reason = run_case(a, case, env, work,
                                                      forbid)
        failed += bool(problems)
        result = "FAIL: " + "; ".join(problems) if problems else "ok"
        if reason:
            result += " (" + reason + ")"
        print(f"{case.name:44} {shown:>5} {secs:7.2f} {rss:8.1f}  {result}",
              flush=True)

    print(f"{len(cases) - failed} of {len(cases)} cases passed")
    listener.close()
    if listener.hits:
        failed += 1
        print(f"FAIL: {len(listener.hits)} connection(s) to "
              f"127.0.0.1:{listener.port}: {listener.hits[:3]}")
    found = escapes(base, work)
    if found:
        failed += 1
        print(f"FAIL: files outside the job: {found}")
    if not a.keep and not failed:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"work folder kept: {work}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
