#!/usr/bin/env python3
"""t0001: every route and alias of SPEC section 1, tokens in the path and
the query, _method, any Accept, 404 and 405 as JSON, healthz and metrics.
Runs in protected mode (no key, loopback) with the stand-in converter."""
import os
import subprocess
import time
import tempfile
import zipfile
import io

from svc import PPJ, Server, make_deck, run, eq, check

srv = Server(fake="ok").start()
tok = {}
size = {}


def created(path):
    deck = srv.deck(2)
    a = srv.create(deck, path=path)
    eq(a.status, 200, repr(a))
    j = a.json()
    check(len(j["token"]) == 16 and j["token"].isalnum(), j)
    for f in ("state", "source_filename", "source_filesize", "total_pages",
              "progress", "last_error", "created_at", "created_at_in_ts",
              "updated_at"):
        check(f in j, "missing " + f)
    eq(j["source_filename"], "deck.pptx")
    eq(j["source_filesize"], len(deck))
    return j["token"]


def test_create_aliases():
    tok["a"] = created("/jobs")
    tok["b"] = created("/job/create")
    tok["c"] = created("/jobs/")
    check(len(set(tok.values())) == 3)
    for t in tok.values():
        eq(srv.wait(t)["state"], "completed")


def test_status_aliases():
    t = tok["a"]
    for path, q in (("/job/" + t, ()), ("/jobs/" + t, ()),
                    ("/job/status", (("token", t),)),
                    ("/jobs/" + t, (("token", t),)),
                    ("/job/" + t, (("token", t),))):
        a = srv.get(path, q)
        eq(a.status, 200, path)
        check(a.headers["Content-Type"].startswith("application/json"))
        j = a.json()
        eq(j["token"], t)
        eq(j["state"], "completed")
        eq(j["total_pages"], 3)
        eq(j["progress"], 3)
        eq(j["last_error"], None)
        check(j["created_at"].endswith("+00:00"))
        check(isinstance(j["created_at_in_ts"], int))


def test_download_aliases():
    t = tok["b"]
    for path, q in (("/job/%s/download" % t, ()),
                    ("/jobs/%s/download" % t, ()),
                    ("/job/download", (("token", t),)),
                    ("/jobs/%s/download" % t, (("token", t),))):
        a = srv.get(path, q)
        eq(a.status, 200, path)
        eq(a.headers["Content-Type"], "application/zip")
        eq(a.headers["Content-Disposition"],
           'attachment; filename="%s.zip"' % t)
        eq(a.headers["Content-Transfer-Encoding"], "binary")
        z = zipfile.ZipFile(io.BytesIO(a.body))
        check("index.html" in z.namelist())


def test_list_aliases():
    for path in ("/jobs", "/job/list", "/jobs/list"):
        a = srv.get(path)
        eq(a.status, 200, path)
        j = a.json()
        eq(j["count"], 3)
        eq(j["tokens"], [tok["c"], tok["b"], tok["a"]])  # newest first


def test_accept_any():
    for acc in ("application/vnd.ppj.v1+json", "*/*", "text/html",
                "application/xml"):
        a = srv.get("/jobs/" + tok["a"], headers={"Accept": acc})
        eq(a.status, 200, acc)


def test_token_mismatch_and_unknown():
    a = srv.get("/jobs/" + tok["a"], (("token", tok["b"]),))
    eq(a.status, 400)
    eq(a.json()["type"], "Error")
    a = srv.get("/jobs/AAAAAAAAAAAAAAAA")
    eq(a.status, 404)
    eq(a.json()["type"], "NotFoundError")
    a = srv.get("/job/status")
    eq(a.status, 400)
    a = srv.get("/jobs/" + "x" * 60)
    eq(a.status, 404)
    a = srv.get("/jobs/%2e%2e%2f%2e%2e")
    eq(a.status, 404)


def test_method_override_and_405():
    a = srv.request("HEAD", "/jobs/" + tok["c"])
    eq(a.status, 200)
    eq(a.body, b"")
    a = srv.request("POST", "/jobs/" + tok["c"],
                    query=(("_method", "GET"),))
    eq(a.status, 200)
    eq(a.json()["token"], tok["c"])
    for method, path in (("GET", "/job/create"), ("PUT", "/jobs"),
                         ("POST", "/job/status"), ("DELETE", "/jobs"),
                         ("POST", "/jobs/%s/download" % tok["a"]),
                         ("PATCH", "/jobs/" + tok["a"])):
        a = srv.request(method, path)
        eq(a.status, 405, method + " " + path)
        check(a.json()["message"])
        check("Allow" in a.headers)


def test_unknown_route():
    a = srv.get("/nope")
    eq(a.status, 404)
    eq(a.json()["type"], "NotFoundError")


def test_healthz_metrics():
    a = srv.get("/healthz", key=None)
    eq(a.status, 200)
    eq(a.json()["status"], "ok")
    a = srv.get("/metrics", key=None)
    eq(a.status, 200)
    text = a.body.decode()
    check('ppj_jobs{state="completed"} 3' in text, text)
    check("ppj_queue_depth 0" in text, text)
    check('ppj_conversion_seconds_count 3' in text, text)
    check('ppj_http_requests_total{route="create",status="200"} 3' in text,
          text)
    check('route="method",status="405"' in text, text)


def test_web_page():
    a = srv.get("/", key=None, headers={"Accept": "text/html"})
    eq(a.status, 200)
    check(a.headers["Content-Type"].startswith("text/html"))
    check("Content-Security-Policy" in a.headers)
    etag = a.headers["ETag"]
    a = srv.get("/", key=None, headers={"If-None-Match": etag})
    eq(a.status, 304)
    eq(srv.get("/web/app.js", key=None).status, 200)
    eq(srv.get("/web/nope.js", key=None).status, 404)
    eq(srv.get("/web/../ppj.db", key=None).status, 404)
    eq(srv.request("POST", "/").status, 405)


def test_view():
    t = tok["a"]
    for path, base in (("/jobs/%s/view/index.html" % t, "/jobs/%s/view"),
                       ("/job/%s/view/" % t, "/job/%s/view")):
        a = srv.get(path)
        eq(a.status, 302, path)
        loc = a.headers["Location"]
        check(loc.startswith(base % t + "/~"), loc)
        check(loc.endswith("/index.html"), loc)
        a = srv.get(loc, key=None)
        eq(a.status, 200, loc)
        check(a.headers["Content-Type"].startswith("text/html"))
        check("sandbox" in a.headers["Content-Security-Policy"])
        eq(a.body, b"<!doctype html><title>x</title>")
    cap = loc.rsplit("/", 1)[0]
    eq(srv.get(cap + "/manifest.json", key=None).status, 200)
    eq(srv.get(cap + "/nope.html", key=None).status, 404)
    eq(srv.get(cap + "/../manifest.json", key=None).status, 404)
    bad = cap[:-1] + ("0" if cap[-1] != "0" else "1")
    eq(srv.get(bad + "/index.html", key=None).status, 403)
    other = cap.replace(t, tok["b"])
    eq(srv.get(other + "/index.html", key=None).status, 403)
    eq(srv.request("POST", cap + "/index.html").status, 405)
    eq(srv.get("/jobs/AAAAAAAAAAAAAAAA/view/index.html").status, 404)


def test_log_lines():
    time.sleep(0.3)  # a request's line is written once it is sent
    log = srv.log()
    check("WARNING PROTECTED MODE" in log)
    check(" INFO http GET /metrics 200 metrics " in log)
    check("INFO job %s completed" % tok["a"] in log)


def test_serve_help():
    out = subprocess.run([PPJ, "serve", "--help"], capture_output=True,
                         text=True, check=True).stdout
    for name in ("listen", "data", "workers", "max-upload", "job-timeout",
                 "job-memory", "job-cpu", "ttl", "sign-window",
                 "log-level"):
        check("--" + name in out, name)
        check("$PPJ_" + name.upper().replace("-", "_") in out, name)
    check("default 127.0.0.1:8080" in out and "default 7d" in out, out)
    r = subprocess.run([PPJ, "serve", "--workers", "0"],
                       capture_output=True, text=True)
    eq(r.returncode, 2)
    check("workers" in r.stderr, r.stderr)


def test_worker_needs_postgres():
    r = subprocess.run([PPJ, "worker"], capture_output=True, text=True)
    check(r.returncode != 0)
    check("postgresql://" in r.stderr, r.stderr)


def test_graceful_stop():
    eq(srv.stop(), 0)
    check("stopped" in srv.log())


run(globals(), srv.close)
