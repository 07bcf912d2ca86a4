#!/usr/bin/env python3
"""t3001: bad input gets the status and JSON error of SPEC section 1 and
the server keeps serving: missing or invalid fields (422), wrong MD5 and
not-a-deck (400), over the size limit (413, cut off early), an upload cut
off half-way (no file, no job), absurd list filters (400 naming them)."""
import glob
import os
import socket
import time

from svc import Server, make_deck, multipart, md5_of, run, eq, check

srv = Server(fake="ok", args=("--max-upload", "1M")).start()
deck = open(make_deck(os.path.join(srv.tmp, "d.pptx")), "rb").read()


def validation(a, field, code):
    eq(a.status, 422, repr(a))
    j = a.json()
    eq(j["message"], "Validation Failed")
    eq(j["errors"], [{"resource": "Job", "field": field, "code": code}])


def test_missing_md5():
    validation(srv.create(deck, fields=[]), "file_md5", "missing_field")


def test_missing_file():
    body, ctype = multipart([("file_md5", md5_of(deck))], [])
    a = srv.request("POST", "/jobs", body=body, ctype=ctype)
    validation(a, "file_source", "missing_field")
    a = srv.request("POST", "/jobs", body=b"file_md5=x",
                    ctype="application/x-www-form-urlencoded")
    validation(a, "file_source", "missing_field")


def test_invalid_md5():
    validation(srv.create(deck, md5="xyz"), "file_md5", "invalid")


def test_wrong_md5():
    a = srv.create(deck, md5="0" * 32)
    eq(a.status, 400)
    eq(a.json()["type"], "Error")
    check("file_md5" in a.json()["message"])


def test_not_a_deck():
    for data in (b"hello world", b"", b"PK\x03\x04garbage" * 10,
                 open(PPJ_zip(), "rb").read()):
        a = srv.create(data, filename="evil.pptx")
        eq(a.status, 400, repr(data[:20]))
        eq(a.json()["message"], "not a PowerPoint file")


def PPJ_zip():
    import zipfile
    p = os.path.join(srv.tmp, "plain.zip")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<x/>")
    return p


def no_temp_files():
    left = glob.glob(os.path.join(srv.data, "uploads", ".*"))
    eq(left, [], "temp files left")


def raw_413(expect):
    """Sends the headers of a 2 MiB upload (and a first piece of the body
    unless Expect: 100-continue); the 413 must come before the rest."""
    body, ctype = multipart([("file_md5", "0" * 32)],
                            [("file_source", "x.pptx", b"a" * (2 << 20))])
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(("POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\n"
               "Content-Length: %d\r\n%s\r\n" %
               (ctype, len(body), "Expect: 100-continue\r\n" if expect
                else "")).encode())
    if not expect:
        s.sendall(body[:32768])
    s.settimeout(10)
    answer = s.recv(65536)
    s.close()
    return answer


def test_too_large_by_length():
    for expect in (True, False):
        answer = raw_413(expect)
        check(answer.startswith(b"HTTP/1.1 413"), answer[:100])
        check(b'"type":"PayloadTooLarge"' in answer, answer)
    no_temp_files()


def test_too_large_streamed():
    """Chunked: no length up front; the limit hits while reading."""
    body, ctype = multipart([("file_md5", "0" * 32)],
                            [("file_source", "x.pptx", b"a" * (3 << 20))])
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(("POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\n"
               "Transfer-Encoding: chunked\r\n\r\n" % ctype).encode())
    answer = b""
    try:
        for i in range(0, len(body), 65536):
            chunk = body[i:i + 65536]
            s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        s.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server closed on us: fine
    s.settimeout(10)
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            answer += d
    except OSError:
        pass
    s.close()
    check(answer == b"" or answer.startswith(b"HTTP/1.1 413"), answer[:80])
    time.sleep(0.2)
    no_temp_files()
    eq(srv.get("/jobs").json()["count"], 0)


def test_cut_off_upload():
    body, ctype = multipart([("file_md5", md5_of(deck))],
                            [("file_source", "d.pptx", deck)])
    s = socket.create_connection(("127.0.0.1", srv.port))
    s.sendall(("POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\n"
               "Content-Length: %d\r\n\r\n" % (ctype, len(body))).encode())
    s.sendall(body[:len(body) // 2])
    time.sleep(0.3)
    s.close()
    time.sleep(0.5)
    no_temp_files()
    eq(srv.get("/jobs").json()["count"], 0)
    eq(os.listdir(os.path.join(srv.data, "uploads")), [])
    check("(connection closed)" in srv.log())


def test_bad_filters():
    for name, value in (("status", "bogus"), ("state", "COMPLETED"),
                        ("start_date", "yesterday"),
                        ("end_date", "2017-03-16T02:20:39"),
                        ("start_date", "2017-13-16T02:20:39Z"),
                        ("end_date", "9" * 400)):
        a = srv.get("/jobs", ((name, value),))
        eq(a.status, 400, name + "=" + value)
        check(name.replace("state", "status") in a.json()["message"],
              a.json())


def test_good_filters():
    a = srv.create(deck)
    t = a.json()["token"]
    srv.wait(t)
    for q in ((("start_date", "2017-03-16T02:20:39+00:00"),),
              (("start_date", "2017-03-16T02:20:39Z"),),
              (("end_date", "2999-01-01T00:00:00+0100"),),
              (("status", "completed"),), (("state", "completed"),)):
        a = srv.get("/jobs", q)
        eq(a.status, 200, repr(q))
        eq(a.json()["tokens"], [t], repr(q))
    a = srv.get("/jobs", (("end_date", "2017-03-16T02:20:39-05:00"),))
    eq(a.json()["count"], 0)
    a = srv.get("/jobs", (("status", "halted"),))
    eq(a.json()["count"], 0)


def test_delete_in_progress_refused():
    s = Server(fake="hang", args=("--grace", "1")).start()
    try:
        a = s.create(deck)
        t = a.json()["token"]
        a = s.request("DELETE", "/jobs/" + t)
        eq(a.status, 400)
        eq(s.get("/jobs/" + t).json()["state"], "converting")
    finally:
        s.close()


def test_queue_full_429():
    s = Server(fake="hang", args=("--grace", "1", "--workers", "1",
                                  "--max-queue", "1")).start()
    try:
        first = s.create(s.deck()).json()["token"]
        s.wait(first, states=("converting",))
        time.sleep(0.5)  # the worker holds the first; the queue is empty
        eq(s.create(s.deck()).status, 200)
        a = s.create(s.deck())
        eq(a.status, 429, repr(a))
        eq(a.json()["type"], "TooManyRequests")
        check("Retry-After" in a.headers)
    finally:
        s.close()


def test_settings_from_environment():
    s = Server(fake="ok", env={"PPJ_MAX_UPLOAD": "2K"}).start()
    try:
        a = s.create(s.deck())
        eq(a.status, 413, repr(a))
        eq(a.json()["type"], "PayloadTooLarge")
        eq(os.listdir(os.path.join(s.data, "uploads")), [])
    finally:
        s.close()


def test_still_serving():
    eq(srv.get("/healthz", key=None).status, 200)
    a = srv.create(deck)
    eq(a.status, 200)
    eq(srv.wait(a.json()["token"])["state"], "completed")


run(globals(), srv.close)
