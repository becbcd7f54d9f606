import math
from collections import Counter

import numpy as np
from data import ROOT, gold, read
from subjects import subject_words, table, wordpiece

from oneonone_cli.themes.text import stem


def evalS(S, labs):
    S = S.copy()
    np.fill_diagonal(S, -9)
    own = [i for i, l in enumerate(labs) if l.startswith("own")]
    com = [i for i, l in enumerate(labs) if l != "noise" and not l.startswith("own")]
    nn = np.mean([labs[int(np.argmax(S[i]))] == labs[i] for i in own])
    nn2 = np.mean([any(labs[j] == labs[i] for j in np.argsort(-S[i])[:2]) for i in own])
    nnc = np.mean([labs[int(np.argmax(S[i]))] == labs[i] for i in com])
    return f"own nn {nn:.0%} nn2 {nn2:.0%} com {nnc:.0%}"


def mats(name, dim, single_only):
    rows = read(str(ROOT / f"benchmarks/tune/dev_{name}.jsonl"))
    people = frozenset(r["person"].lower() for r in rows)
    vocab, vecs, sif = table(dim, "static")
    words = [subject_words(r["text"], people) for r in rows]
    df = Counter(stem(w) for ws in words for w in set(ws))
    n = len(rows)
    V = np.zeros((n, dim), np.float32)
    for i, ws in enumerate(words):
        for w in ws:
            ids = wordpiece(w, vocab)
            if single_only and len(ids) > 1:
                continue
            V[i] += (vecs[ids] * sif[ids, None]).mean(0)
    V = V - V.mean(0)
    V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-9
    voc = {}
    Tm = np.zeros((n, 5000), np.float32)
    for i, ws in enumerate(words):
        for w in set(stem(x) for x in ws):
            Tm[i, voc.setdefault(w, len(voc))] = math.log((1 + n) / (1 + df[w]))
    Tm /= np.linalg.norm(Tm, axis=1, keepdims=True) + 1e-9
    labs = [gold(r["theme"]) for r in rows]
    return V @ V.T, Tm @ Tm.T, labs


if __name__ == "__main__":
    for dim in (128, 256):
        for single in (0, 1):
            out = []
            for name in ("d1", "d2"):
                Sv, St, labs = mats(name, dim, single)
                out.append(
                    " ; ".join(
                        f"a={a}: {evalS(a * Sv + (1 - a) * St, labs)}" for a in (1.0, 0.7, 0.5, 0.0)
                    )
                )
            print(dim, "single" if single else "all   ", "\n   ", out[0], "\n   ", out[1])
