#!/usr/bin/env python3
"""t0002: `ppj client` against the real server with a key: submit --wait,
status, list --status, download -o, delete, settings from PPJ_URL,
PPJ_APPID and PPJ_SECRET, and a failing request's exit status."""
import json
import os
import subprocess
import zipfile

from svc import PPJ, Server, run, eq, check

srv = Server(fake="ok").start()
appid, secret = srv.add_key()
state = {}


def client(*args, env=None, check_rc=True):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([PPJ, "client", "--url",
                        "http://127.0.0.1:%d" % srv.port, "--key", appid,
                        "--secret", secret] + list(args),
                       capture_output=True, text=True, env=e, timeout=120)
    if check_rc:
        eq(r.returncode, 0, r.stderr)
    return r


def test_submit_wait():
    path = os.path.join(srv.tmp, "c.pptx")
    open(path, "wb").write(srv.deck())
    r = client("submit", path, "--wait")
    lines = r.stdout.strip().splitlines()
    first, last = json.loads(lines[0]), json.loads(lines[-1])
    eq(last["state"], "completed")
    eq(first["token"], last["token"])
    state["t"] = last["token"]


def test_status_list():
    t = state["t"]
    eq(json.loads(client("status", t).stdout)["state"], "completed")
    j = json.loads(client("list", "--status", "completed").stdout)
    eq(j["tokens"], [t])
    j = json.loads(client("list").stdout)
    eq(j["count"], 1)


def test_download():
    out = os.path.join(srv.tmp, "out.zip")
    client("download", state["t"], "-o", out)
    check("index.html" in zipfile.ZipFile(out).namelist())


def test_env_settings():
    e = {"PPJ_URL": "http://127.0.0.1:%d/" % srv.port, "PPJ_APPID": appid,
         "PPJ_SECRET": secret}
    r = subprocess.run([PPJ, "client", "status", state["t"]],
                       capture_output=True, text=True, env=dict(os.environ,
                                                                **e))
    eq(r.returncode, 0, r.stderr)


def test_errors_exit_1():
    r = client("status", "AAAAAAAAAAAAAAAA", check_rc=False)
    eq(r.returncode, 1)
    check("NotFoundError" in r.stderr, r.stderr)
    r = subprocess.run([PPJ, "client", "--url",
                        "http://127.0.0.1:%d" % srv.port, "--key", appid,
                        "--secret", "wrong", "list"],
                       capture_output=True, text=True)
    eq(r.returncode, 1)
    check("AuthenticationError" in r.stderr, r.stderr)


def test_delete():
    r = client("delete", state["t"])
    eq(json.loads(r.stdout)["state"], "deleted")


run(globals(), srv.close)
