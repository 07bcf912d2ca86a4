#!/usr/bin/env python3
"""t1002: the real converter end to end: a deck made by mkdeck goes to
completed and its zip holds the tree of SPEC section 4; a zip that only
looks like a deck ends halted with source_invalid."""
import io
import os
import zipfile

from svc import Server, Skip, make_deck, run, eq, check

srv = Server().start()


def test_real_conversion():
    data = open(make_deck(os.path.join(srv.tmp, "d.pptx"), 3, "hello"),
                "rb").read()
    a = srv.create(data)
    eq(a.status, 200, repr(a))
    t = a.json()["token"]
    j = srv.wait(t)
    eq(j["state"], "completed", repr(j))
    eq(j["total_pages"], 3)
    eq(j["progress"], 3)
    a = srv.get("/jobs/%s/download" % t)
    eq(a.status, 200)
    names = zipfile.ZipFile(io.BytesIO(a.body)).namelist()
    for n in ("index.html", "manifest.json", "slides/1.html",
              "slides/3.html"):
        check(n in names, n)


def test_broken_deck_halts():
    path = os.path.join(srv.tmp, "b.pptx")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/presentation.xml", "<<<not xml")
    a = srv.create(open(path, "rb").read(), filename="b.pptx")
    eq(a.status, 200, repr(a))
    j = srv.wait(a.json()["token"])
    eq(j["state"], "halted")
    eq(j["last_error"]["code"], "source_invalid", repr(j))
    check(srv.data not in j["last_error"]["message"], repr(j))


CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "..", "..", "shared", "corpus")


def corpus_file(rel):
    path = os.path.join(CORPUS, rel)
    if not os.path.exists(path):
        raise Skip("corpus absent: " + rel)
    return open(path, "rb").read()


def test_encrypted_ooxml_accepted_then_halted():
    data = corpus_file("tika/testPPT_protected_passtika.pptx")
    a = srv.create(data, filename="protected.pptx")
    eq(a.status, 200, repr(a))
    j = srv.wait(a.json()["token"])
    eq(j["state"], "halted")
    eq(j["last_error"]["code"], "password_protected", repr(j))


def test_password_ppt_halted():
    data = corpus_file("poi/Password_Protected-hello.ppt")
    a = srv.create(data, filename="protected.ppt")
    eq(a.status, 200, repr(a))
    j = srv.wait(a.json()["token"])
    eq(j["state"], "halted")
    eq(j["last_error"]["code"], "password_protected", repr(j))


run(globals(), srv.close)
