"""Per-note subject vector without numpy (what a default install could run): the int8 table as
one bytes object, SIF weight folded into a per-row float, sums in pure Python. Checks it matches
the numpy version and times it."""

from __future__ import annotations

import glob
import json
import time
from array import array

import numpy as np  # only to build the bytes table here and compare; the runtime part uses none
from subjects import subject_words, table, text_vector, wordpiece

DIM = 128
vocab, vecs, sif = table(DIM, "static")
z = np.load("static128.npz")
Q = z["vecs"]  # int8 [V, DIM]
ROWW = (z["scale"].astype(np.float32) * sif).tolist()  # per-row float: scale x SIF weight
BLOB = Q.tobytes()  # 3.9 MB, would be a package data file
ROWS = [array("b", BLOB[i * DIM : (i + 1) * DIM]) for i in range(len(ROWW))]  # or memoryview slices


def vec_py(words: list[str]) -> list[float]:
    acc = [0.0] * DIM
    for w in words:
        for i in wordpiece(w, vocab):
            wt = ROWW[i]
            if wt:
                acc = list(map(lambda a, b: a + wt * b, acc, ROWS[i]))
    n = sum(a * a for a in acc) ** 0.5
    return [a / n for a in acc] if n else acc


rows = [json.loads(l) for f in sorted(glob.glob("../tune/*.jsonl")) for l in open(f) if l.strip()]
people = frozenset(r["person"].lower() for r in rows)
words = [subject_words(r["text"], people) for r in rows]
t = time.perf_counter()
out = [vec_py(w) for w in words]
t_py = (time.perf_counter() - t) / len(rows) * 1e6
t = time.perf_counter()
ref = [text_vector(w, DIM, "static") for w in words]
t_np = (time.perf_counter() - t) / len(rows) * 1e6
t = time.perf_counter()
for r in rows:
    subject_words(r["text"], people)
t_w = (time.perf_counter() - t) / len(rows) * 1e6
err = max(float(np.abs(np.array(a) - b).max()) for a, b in zip(out, ref) if any(a))
print(
    f"{len(rows)} notes: subject words {t_w:.0f} us, vector pure Python {t_py:.0f} us, numpy {t_np:.0f} us; max diff {err:.2e}"
)
