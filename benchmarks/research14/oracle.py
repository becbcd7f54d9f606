"""Upper bounds: cluster ONLY the own-subject notes (common kinds and one-offs set aside by an
oracle), and own + one-offs; how much does the clustering itself lose?"""

import sys

import run
from run import signatures, train_nr

run.REFERENCE_VECS = "--minilm" in sys.argv
from data import gold
from grouping14 import group_window, score

nr = train_nr(128, "static")
for name in ("d1", "d2"):
    rows, sigs, _ = signatures(name, 128, "static", nr)
    for keep_noise in (False, True):
        idx = [
            i
            for i, r in enumerate(rows)
            if r["theme"].startswith("own") or (keep_noise and r["theme"] == "noise")
        ]
        R = [rows[i] for i in idx]
        S = [dict(sigs[i], theme=None) for i in idx]
        best = []
        for cos in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            for alpha in (1.0, 0.5, 0.0):
                sc = score(R, group_window(S, dict(g_noise=9, g_nr=9, cos=cos, alpha=alpha)), gold)
                best.append((sc["own"], cos, alpha, sc["oneoffs"] if keep_noise else None))
        best.sort(reverse=True)
        print(
            name,
            "own+one-offs" if keep_noise else "own only    ",
            "best (own, cos, alpha, one-offs):",
            best[:3],
        )
