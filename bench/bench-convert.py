#!/usr/bin/env python3
"""Times `ppj convert` against LibreOffice on the same decks, in one run.

usage: bench-convert.py [--ppj build/ppj] [--runs 5] [--no-lo]
                        [--tsv FILE] DECK...

For each deck: ppj's median wall time over --runs conversions to a zip
and its peak RSS (from wait4), then LibreOffice's cold and warm times to
PDF (the visually faithful path) from ../shared/tools/baseline. Prints a
markdown table with the ratios and their medians. Figures are ratios of
one run on one machine: never compare absolute seconds across runs."""
import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, "..", "shared", "tools", "baseline")


def time_ppj(ppj, deck, runs, tmp):
    times, rss, ok = [], 0, True
    for i in range(runs):
        out = os.path.join(tmp, "o%d.zip" % i)
        t = time.perf_counter()
        p = subprocess.Popen([ppj, "convert", deck, "--zip", out],
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t)
        rss = max(rss, ru.ru_maxrss)
        ok = ok and os.waitstatus_to_exitcode(status) == 0
        if os.path.exists(out):
            os.unlink(out)
    return statistics.median(times), rss / 1024.0, ok


def run_baseline(decks, tmp):
    tsv = os.path.join(tmp, "lo.tsv")
    subprocess.run([BASELINE, "--formats", "pdf", "--tsv", tsv] + decks,
                   stdout=subprocess.DEVNULL, check=False)
    rows = {}
    if os.path.exists(tsv):
        with open(tsv, encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                rows[r["deck"]] = r
    return rows


def num(row, key):
    try:
        return float(row.get(key, "nan"))
    except ValueError:
        return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ppj", default=os.path.join(ROOT, "build", "ppj"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-lo", action="store_true")
    ap.add_argument("--tsv")
    ap.add_argument("decks", nargs="+")
    a = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        ours = {d: time_ppj(a.ppj, d, a.runs, tmp) for d in a.decks}
        lo = {} if a.no_lo else run_baseline(a.decks, tmp)

    print("| deck | ppj s | ppj MB | LO cold s | LO warm s | cold/ppj "
          "| warm/ppj |")
    print("|---|---|---|---|---|---|---|")
    cold_r, warm_r, rows = [], [], []
    for d in a.decks:
        t, mb, ok = ours[d]
        row = next((r for k, r in lo.items()
                    if os.path.basename(k) == os.path.basename(d)), {})
        cold, warm = num(row, "cold_pdf_s"), num(row, "warm_pdf_s")
        rc, rw = cold / t, warm / t
        if rc == rc:
            cold_r.append(rc)
        if rw == rw:
            warm_r.append(rw)
        rows.append((d, t, mb, cold, warm, rc, rw, ok))
        print("| %s%s | %.4f | %.1f | %.2f | %.2f | %.0f | %.0f |" % (
            os.path.basename(d), "" if ok else " (failed)", t, mb, cold,
            warm, rc, rw))
    if cold_r:
        print("\nmedian LibreOffice/ppj: cold %.0fx, warm %.0fx over %d "
              "decks" % (statistics.median(cold_r),
                         statistics.median(warm_r) if warm_r else 0,
                         len(cold_r)))
    if a.tsv:
        with open(a.tsv, "w", encoding="utf-8") as f:
            f.write("deck\tppj_s\tppj_mb\tlo_cold_s\tlo_warm_s\tok\n")
            for d, t, mb, cold, warm, _, _, ok in rows:
                f.write("%s\t%.5f\t%.1f\t%.3f\t%.3f\t%d\n" % (
                    d, t, mb, cold, warm, ok))
    return 0


if __name__ == "__main__":
    sys.exit(main())
