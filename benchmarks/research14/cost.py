"""Costs: per-note first analysis (extra over the engine), report time on a 20k-note window,
sizes and import times.  python cost.py [--dim 64]"""

from __future__ import annotations

import argparse
import glob
import os
import random
import subprocess
import sys
import time

import numpy as np
from data import ROOT, engine_view, read
from grouping14 import group_window
from run import train_nr
from subjects import note_signature, subject_words, table, text_vector


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--n", type=int, default=20000)
    a = ap.parse_args()
    dim = a.dim
    nr = train_nr(dim, "static")
    files = sorted(glob.glob(str(ROOT / "benchmarks/tune/*.jsonl"))) + [
        str(ROOT / "benchmarks/tune/dev_d1.jsonl"),
        str(ROOT / "benchmarks/tune/dev_d2.jsonl"),
    ]
    rows = [r for f in files for r in read(f)]
    people = frozenset(r["person"].lower() for r in rows)
    texts = [(r["text"], r["tags"]) for r in rows]
    t0 = time.perf_counter()
    table(dim, "static")
    t_table = time.perf_counter() - t0
    # engine alone (what is stored today), then the additions
    t0 = time.perf_counter()
    for text, tags in texts:
        engine_view(text, tags)
    t_engine = (time.perf_counter() - t0) / len(texts) * 1e6
    t0 = time.perf_counter()
    for text, _ in texts:
        w = subject_words(text, people)
        text_vector(w, dim, "static")
    t_vec = (time.perf_counter() - t0) / len(texts) * 1e6
    t0 = time.perf_counter()
    for text, _ in texts:
        nr.prob(text, people)
    t_nr = (time.perf_counter() - t0) / len(texts) * 1e6
    print(f"notes timed: {len(texts)}")
    print(f"table load (once per analysing process): {t_table * 1000:.1f} ms")
    print(
        f"per note: engine analyse + model P(noise) {t_engine:.0f} us (today's work, P(noise) counted twice here)"
    )
    print(f"per note: subject words + subject vector  +{t_vec:.0f} us")
    print(f"per note: not-roadblock vector + logistic +{t_nr:.0f} us")
    # 20k window: signatures of real notes, replicated with random people/meetings/vectors jitter
    sigs0 = []
    for r in rows:
        s = note_signature(r["text"], r["tags"], r["person"], people, dim, "static", nr)
        sigs0.append(s)
    rng = random.Random(0)
    sigs = []
    for i in range(a.n):
        s = dict(sigs0[i % len(sigs0)])
        v = s["vec"] + np.random.default_rng(i).normal(0, 0.06, dim).astype(np.float32)
        s["vec"] = (v / np.linalg.norm(v)).astype(np.float32)
        s["person"] = f"p{rng.randrange(60)}"
        s["meeting"] = rng.randrange(a.n // 2)
        sigs.append(s)
    # stored form: int8 vector + scale; decode at report time
    blob = [(np.round(s["vec"] * 127).astype(np.int8).tobytes()) for s in sigs]
    t0 = time.perf_counter()
    for s, b in zip(sigs, blob):
        s["vec"] = np.frombuffer(b, np.int8).astype(np.float32) / 127.0
    t_decode = time.perf_counter() - t0
    t0 = time.perf_counter()
    themes = group_window(
        sigs, dict(g_noise=0.7, g_nr=0.4, cos=0.25, alpha=0.5, common_share=0.5, cue=True)
    )
    t_group = time.perf_counter() - t0
    print(
        f"report over {a.n} notes: decode stored vectors {t_decode * 1000:.0f} ms, grouping {t_group:.2f} s, "
        f"{sum(t['kind'] == 'own' for t in themes)} own themes"
    )
    z = f"/tmp/r14dl/static{dim}.npz"
    print(f"shipped table {z}: {os.path.getsize(z) / 1e6:.2f} MB on disk")
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import numpy"], capture_output=True, text=True
    ).stderr
    last = [l for l in out.splitlines() if l.rstrip().endswith("numpy")]
    print("numpy import (us, cumulative):", last[-1].split("|")[1].strip() if last else "?")


if __name__ == "__main__":
    main()
