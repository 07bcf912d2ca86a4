#!/usr/bin/env python3
"""Scores ppj's output over the corpus with ../shared/tools/fidelity.

usage: fidelity-corpus.py [--ppj build/ppj] [--kind pptx|ppt]
                          [--keep DIR] [--json FILE] [DECK...]

Converts every convertible deck of the given kind (default: pptx) from
../shared/corpus (or the decks named), runs fidelity on each, and prints
per-deck means, the slide-weighted means of visual and text over all
slides, the ten worst slides, and the slides under 0.40 whose manifest
entry carries no warning."""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
FIDELITY = os.path.join(SHARED, "tools", "fidelity")
BROKEN = ("malformed", "encrypted", "unsupported")
LOW = 0.40     # issue 3: a slide under this needs a warning saying why
ALLOWED_BROKEN = ("missing_rels_item", "powerpoint_malformed_pictures",
                  "57272_corrupted")


def corpus_decks(kind):
    tsv = os.path.join(SHARED, "corpus", "SOURCES.tsv")
    with open(tsv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = []
    for r in rows:
        if r["kind"] != kind:
            continue
        notes = r["notes"]
        if any(notes.startswith(b) for b in BROKEN) and not any(
                a in r["file"] for a in ALLOWED_BROKEN):
            continue
        out.append(os.path.join(SHARED, "corpus", r["file"]))
    return sorted(out)


def score(ppj, deck, tmp, keep):
    out = os.path.join(tmp, os.path.basename(deck) + ".out")
    r = subprocess.run([ppj, "convert", deck, "-o", out],
                       capture_output=True)
    if r.returncode != 0:
        return None, r.stderr.decode("utf-8", "replace").strip()
    js = out + ".json"
    cmd = [FIDELITY, deck, out, "--json", js, "--jobs", "2"]
    if keep:
        cmd += ["--keep", os.path.join(keep, os.path.basename(deck))]
    f = subprocess.run(cmd, capture_output=True)
    if f.returncode != 0 or not os.path.exists(js):
        return None, "fidelity exit %d: %s" % (
            f.returncode, f.stderr.decode("utf-8", "replace")[-300:])
    with open(js, encoding="utf-8") as fh:
        res = json.load(fh)
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as fh:
        warn = {m["number"]: m.get("warnings", [])
                for m in json.load(fh)["slides"]}
    for s in res["slides"]:
        s["warnings"] = warn.get(s["slide"], [])
    return res, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ppj", default=os.path.join(ROOT, "build", "ppj"))
    ap.add_argument("--kind", default="pptx")
    ap.add_argument("--keep")
    ap.add_argument("--json")
    ap.add_argument("decks", nargs="*")
    a = ap.parse_args()
    decks = a.decks or corpus_decks(a.kind)

    slides, per_deck = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for d in decks:
            res, err = score(a.ppj, d, tmp, a.keep)
            name = os.path.basename(d)
            if res is None:
                print("%-50s FAILED %s" % (name, err), flush=True)
                per_deck.append({"deck": name, "error": err})
                continue
            for s in res["slides"]:
                s["deck"] = name
                slides.append(s)
            print("%-50s visual %.3f text %.3f slides %d" % (
                name, res["mean_visual"], res["mean_text"],
                len(res["slides"])), flush=True)
            per_deck.append({"deck": name, "visual": res["mean_visual"],
                             "text": res["mean_text"],
                             "slides": len(res["slides"])})

    if not slides:
        return 1
    mv = sum(s["visual"] for s in slides) / len(slides)
    tw = [s["text"] for s in slides if s["text"] is not None]
    mt = sum(tw) / len(tw) if tw else 1.0
    print("\nslide-weighted mean visual %.3f text %.3f over %d slides of "
          "%d decks" % (mv, mt, len(slides), len(per_deck)))
    print("worst slides:")
    for s in sorted(slides, key=lambda s: s["visual"])[:10]:
        print("  %.3f  %s slide %d" % (s["visual"], s["deck"], s["slide"]))
    low = [s for s in slides if s["visual"] < LOW]
    bare = [s for s in low if not s["warnings"]]
    print("slides under %.2f: %d, %d of them without a warning in the "
          "manifest" % (LOW, len(low), len(bare)))
    for s in bare:
        print("  %.3f  %s slide %d" % (s["visual"], s["deck"], s["slide"]))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"visual": mv, "text": mt, "decks": per_deck,
                       "slides": slides}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
