#!/usr/bin/env python3
"""Converts every deck of the shared corpus with `ppj convert` and checks
the outcome: good decks give the tree of SPEC §4, broken ones exit 1 with
one line that names the file and the reason, and leave nothing behind.

usage: run-corpus.py PPJ CORPUS_DIR SHARD COUNT
Exits 77 (skipped) when the corpus is absent."""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

# Decks that cannot be read as decks at all, with the reason we expect.
MUST_FAIL = {
    "poi/Divino_Revelado.pptx": "damaged zip",
    "tika/testPPT_protected_passtika.pptx": "password protected",
    "poi/Password_Protected-hello.ppt": "password protected",
    "poi/PPT95.ppt": "unsupported",
    "format-corpus/ecdl_paris.ppt": "unsupported",
    "poi/testPPT.thmx": "not a PowerPoint file",
}
# Decks that may fail cleanly or convert, either is correct.
EITHER = {
    "poi/clusterfuzz-testcase-minimized-POIXSLFFuzzer-5463285576892416.pptx",
    "poi/57272_corrupted_usereditatom.ppt",
}
TIMEOUT = 300


def check_tree(out):
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        m = json.load(f)
    assert isinstance(m["width"], int) and m["width"] > 0, "width"
    assert isinstance(m["height"], int) and m["height"] > 0, "height"
    assert m["slides"], "no slides"
    for i, s in enumerate(m["slides"], 1):
        assert s["number"] == i, "numbering"
        assert s["file"] == "slides/%d.html" % i, s["file"]
        assert os.path.isfile(os.path.join(out, s["file"])), s["file"]
    assert os.path.isfile(os.path.join(out, "index.html")), "index.html"
    return len(m["slides"])


def run_one(ppj, corpus, rel, tmp):
    deck = os.path.join(corpus, rel)
    out = os.path.join(tmp, "out")
    shutil.rmtree(out, ignore_errors=True)
    try:
        r = subprocess.run([ppj, "convert", deck, "-o", out],
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "hang (over %d s)" % TIMEOUT
    err = r.stderr.decode("utf-8", "replace").strip()
    if r.returncode == 0:
        if rel in MUST_FAIL:
            return "converted, expected: %s" % MUST_FAIL[rel]
        try:
            n = check_tree(out)
        except Exception as e:  # noqa: BLE001 - any break is a failure
            return "bad tree: %r" % (e,)
        return "ok %d slides" % n
    if r.returncode != 1:
        return "exit %d: %s" % (r.returncode, err[-2000:])
    if os.path.exists(out):
        return "failed but left output behind"
    lines = err.splitlines()
    if len(lines) != 1 or deck not in lines[0]:
        return "error is not one line naming the file: %r" % err[-500:]
    if rel in MUST_FAIL:
        want = MUST_FAIL[rel]
        return "ok failed: " + want if want in err else \
            "wrong reason %r, expected %r" % (err, want)
    if rel in EITHER:
        return "ok failed cleanly: " + err
    return "failed: " + err


def main():
    ppj, corpus, shard, count = sys.argv[1], sys.argv[2], \
        int(sys.argv[3]), int(sys.argv[4])
    tsv = os.path.join(corpus, "SOURCES.tsv")
    if not os.path.isfile(tsv):
        print("corpus not found at %s: skipped" % corpus)
        return 77
    with open(tsv, encoding="utf-8") as f:
        decks = sorted(r["file"] for r in csv.DictReader(f, delimiter="\t"))
    decks = [d for i, d in enumerate(decks) if i % count == shard - 1]

    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rel in decks:
            res = run_one(ppj, corpus, rel, tmp)
            ok = res.startswith("ok")
            print("%s %s: %s" % ("ok  " if ok else "FAIL", rel, res),
                  flush=True)
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
