import math
from collections import Counter

import numpy as np
from data import ROOT, gold, read
from subjects import subject_words, table, wordpiece

from oneonone_cli.themes.text import stem


def run(name, dim, center, widf, power=1.0):
    rows = read(str(ROOT / f"benchmarks/tune/dev_{name}.jsonl"))
    people = frozenset(r["person"].lower() for r in rows)
    vocab, vecs, sif = table(dim, "static")
    words = [subject_words(r["text"], people) for r in rows]
    df = Counter(stem(w) for ws in words for w in set(ws))
    n = len(rows)
    V = []
    for ws in words:
        v = np.zeros(dim, np.float32)
        for w in ws:
            ids = wordpiece(w, vocab)
            wv = (vecs[ids] * sif[ids, None]).mean(0)
            if widf:
                wv = wv * math.log((1 + n) / (1 + df[stem(w)])) ** power
            v += wv
        V.append(v)
    V = np.array(V)
    if center:
        V = V - V.mean(0)
    V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-9
    labs = [gold(r["theme"]) for r in rows]
    S = V @ V.T
    np.fill_diagonal(S, -1)
    own = [i for i, l in enumerate(labs) if l.startswith("own")]
    com = [i for i, l in enumerate(labs) if l != "noise" and not l.startswith("own")]
    nn = np.mean([labs[int(np.argmax(S[i]))] == labs[i] for i in own])
    nnc = np.mean([labs[int(np.argmax(S[i]))] == labs[i] for i in com])
    # share of own notes whose 2 nearest include a same-subject note
    nn2 = np.mean([any(labs[j] == labs[i] for j in np.argsort(-S[i])[:2]) for i in own])
    return f"own nn {nn:.0%} nn2 {nn2:.0%} common nn {nnc:.0%}"


for dim in (64, 128, 256):
    for center in (0, 1):
        for widf in (0, 1):
            print(
                dim,
                "center" if center else "      ",
                "widf" if widf else "    ",
                run("d1", dim, center, widf),
                "|",
                run("d2", dim, center, widf),
            )
