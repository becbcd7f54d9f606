"""Next-step prototype: per-note CODES instead of vectors, grouping by postings (no numpy at report).

Build time (build_codebook): whole-word rows of the distilled static table (BERT ids 1996-29611,
alphabetic, >= 3 letters) clustered by spherical k-means into K concepts -> word -> concept id,
shipped as a small dict. Words outside it (multi-piece: "devkit", "veridex") are their own code.

Per note (note_codes): code set of its subject words: "c<id>" for a known word, "w:<stem>" else.
Per report (code_themes): postings; candidate codes recur (>= 2 notes, >= 2 people) and are not
generic (<= max_share of kept notes); codes are linked when they co-occur in >= min_co notes with
co / min(df) >= jac; linked components are subjects; each kept note joins the subject where its
codes weigh most (sum of idf) if that reaches min_score."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np
from subjects import table

from oneonone_cli.themes.text import stem


@lru_cache(maxsize=4)
def build_codebook(K: int = 3000, dim: int = 128, seed: int = 0, iters: int = 8) -> dict:
    vocab, vecs, sif = table(dim, "static")
    words = [w for w, i in vocab.items() if 1996 <= i < 29612 and w.isalpha() and len(w) >= 3]
    X = vecs[[vocab[w] for w in words]]
    X = X - X.mean(0)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    C = X[rng.choice(len(X), K, replace=False)].copy()
    for _ in range(iters):
        a = np.empty(len(X), np.int64)
        for s in range(0, len(X), 4096):
            a[s : s + 4096] = np.argmax(X[s : s + 4096] @ C.T, axis=1)
        for j in range(K):
            m = X[a == j]
            if len(m):
                c = m.sum(0)
                C[j] = c / (np.linalg.norm(c) + 1e-9)
    return {w: int(c) for w, c in zip(words, a)}


def note_codes(raw_words: list[str], book: dict) -> dict:
    """code -> the surface word (for names)."""
    out = {}
    for w in raw_words:
        c = f"c{book[w]}" if w in book else "w:" + stem(w)
        out.setdefault(c, w)
    return out


def code_themes(sigs: list[dict], kept: list[int], p: dict) -> list[list[int]]:
    n = max(1, len(kept))
    post = defaultdict(set)
    for i in kept:
        for c in sigs[i]["codes"]:
            post[c].add(i)
    person = lambda idx: len({sigs[i]["person"] for i in idx})  # noqa: E731
    cand = {
        c
        for c, idx in post.items()
        if len(idx) >= 2 and person(idx) >= 2 and len(idx) <= p.get("max_share", 0.05) * n
    }
    idf = {c: math.log(n / len(post[c])) for c in cand}
    co = Counter()
    for i in kept:
        cs = sorted(c for c in sigs[i]["codes"] if c in cand)
        for a in range(len(cs)):
            for b in range(a + 1, len(cs)):
                co[(cs[a], cs[b])] += 1
    parent = {c: c for c in cand}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), k in co.items():
        if k >= p.get("min_co", 2) and k / min(len(post[a]), len(post[b])) >= p.get("jac", 0.5):
            parent[find(a)] = find(b)
    comp = defaultdict(set)
    for c in cand:
        comp[find(c)].add(c)
    # a subject needs >= 2 codes (a single recurring word is too weak) unless that code is strong
    subjects = [cs for cs in comp.values() if len(cs) >= p.get("min_codes", 2)]
    code_subject = {c: k for k, cs in enumerate(subjects) for c in cs}
    members = defaultdict(list)
    for i in kept:
        w = Counter()
        for c in sigs[i]["codes"]:
            if c in code_subject:
                w[code_subject[c]] += idf[c]
        if w:
            k, sc = w.most_common(1)[0]
            if sc >= p.get("min_score", 2.0):
                members[k].append(i)
    return [m for m in members.values()]
