"""Reference: the PyPI package tokenlearn-static-model (ships 10k x 64 int8 weights) on d1/d2."""

import math
import time
from collections import Counter

import numpy as np
from data import ROOT, gold, read
from diag3 import evalS
from subjects import subject_words

from oneonone_cli.themes.text import stem

t = time.time()
from static_model import get_embeddings

t_imp = time.time() - t
for name in ("d1", "d2"):
    rows = read(str(ROOT / f"benchmarks/tune/dev_{name}.jsonl"))
    people = frozenset(r["person"].lower() for r in rows)
    words = [subject_words(r["text"], people) for r in rows]
    t = time.time()
    V = np.array(get_embeddings([" ".join(w) for w in words]))
    dt = (time.time() - t) / len(rows) * 1e6
    V = V - V.mean(0)
    V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-9
    n = len(rows)
    df = Counter(stem(w) for ws in words for w in set(ws))
    voc = {}
    T = np.zeros((n, 5000), np.float32)
    for i, ws in enumerate(words):
        for w in set(stem(x) for x in ws):
            T[i, voc.setdefault(w, len(voc))] = math.log((1 + n) / (1 + df[w]))
    T /= np.linalg.norm(T, axis=1, keepdims=True) + 1e-9
    labs = [gold(r["theme"]) for r in rows]
    print(
        name,
        f"{dt:.0f} us/note (batch)",
        "a=1:",
        evalS(V @ V.T, labs),
        "| a=.5:",
        evalS(0.5 * V @ V.T + 0.5 * T @ T.T, labs),
    )
print("import", round(t_imp * 1000), "ms")
