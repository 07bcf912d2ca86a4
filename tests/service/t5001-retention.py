#!/usr/bin/env python3
"""t5001: retention and dedup. With a ttl of 1 s a finished job's files
are wiped and its state becomes deleted (the record stays); DELETE does
the same at once; the same bytes from the same key reuse the first zip
under a new token without a second conversion."""
import os
import time

from svc import Server, make_deck, run, eq, check

servers = []


def server(args=()):
    s = Server(fake="ok", args=args).start()
    servers.append(s)
    return s


def test_ttl_wipes():
    s = server(("--ttl", "1"))
    deck = open(make_deck(os.path.join(s.tmp, "d.pptx")), "rb").read()
    t = s.create(deck).json()["token"]
    j = s.wait(t, states=("completed", "deleted"))
    j = s.wait(t, states=("deleted",), timeout=30)
    eq(j["state"], "deleted")
    eq(s.get("/jobs/%s/download" % t).status, 404)
    eq(os.listdir(os.path.join(s.data, "outputs")), [])
    eq(s.get("/jobs", (("status", "deleted"),)).json()["tokens"], [t])


def test_delete_route():
    s = server()
    deck = open(make_deck(os.path.join(s.tmp, "d.pptx")), "rb").read()
    t = s.create(deck).json()["token"]
    s.wait(t)
    eq(s.get("/jobs/%s/download" % t).status, 200)
    a = s.request("DELETE", "/jobs/" + t)
    eq(a.status, 200)
    eq(a.json()["state"], "deleted")
    eq(s.get("/jobs/%s/download" % t).status, 404)
    eq(s.status(t)["state"], "deleted")
    eq(os.listdir(os.path.join(s.data, "outputs")), [])
    a = s.request("POST", "/job/" + t, query=(("_method", "DELETE"),))
    eq(a.status, 200)


def test_dedup():
    s = server()
    deck = open(make_deck(os.path.join(s.tmp, "d.pptx"), 2), "rb").read()
    t1 = s.create(deck).json()["token"]
    eq(s.wait(t1)["state"], "completed")
    a = s.create(deck)
    eq(a.status, 200)
    t2 = a.json()["token"]
    check(t1 != t2)
    eq(a.json()["state"], "completed")
    eq(s.get("/jobs/%s/download" % t2).body,
       s.get("/jobs/%s/download" % t1).body)
    runs = open(s.env["FAKE_COUNT"]).read().splitlines()
    eq(len(runs), 1, runs)
    # deleting the first keeps the second's zip
    eq(s.request("DELETE", "/jobs/" + t1).status, 200)
    eq(s.get("/jobs/%s/download" % t2).status, 200)


def cleanup():
    for s in servers:
        s.close()


run(globals(), cleanup)
