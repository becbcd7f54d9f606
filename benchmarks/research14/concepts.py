"""Alternative per-report grouping: recurring subject WORDS, widened by static-vector synonyms.

Per note stored: the subject words (already in the signature). Per report:
  1. window vocabulary: stems of kept notes' subject words, with their notes, people, meetings
  2. seeds: stems in >= min_df notes from >= 2 people and >= 2 meetings, not generic (in at most
     max_share of kept notes), not a word of the 12 common kinds' lexicon
  3. a seed's concept = the seed + window words whose static vectors are within syn_cos of it
  4. greedy: the concept covering the most notes (ties: higher idf) becomes a theme named by its
     seed; its notes are removed; repeat while a concept still covers >= min_notes notes from
     >= 2 people in >= 2 meetings
Cost: postings + one (vocab x seeds) matrix product: linear in notes for a fixed vocabulary."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np
from grouping14 import _lexicon_stems
from subjects import table, wordpiece


def word_vec(word: str, dim: int = 128):
    vocab, vecs, sif = table(dim, "static")
    ids = wordpiece(word, vocab)
    v = vecs[ids].mean(0)
    return v / (np.linalg.norm(v) + 1e-9)


def concept_themes(sigs: list[dict], kept: list[int], p: dict) -> list[dict]:
    lex = set().union(*_lexicon_stems().values()) if p.get("drop_lexicon", True) else set()
    notes_of = defaultdict(set)
    shown = defaultdict(Counter)
    for i in kept:
        for st, raw in zip(sigs[i]["words"], sigs[i]["raw"]):
            notes_of[st].add(i)
            shown[st][raw] += 1
    n = max(1, len(kept))
    ok = lambda idx: (
        len({sigs[i]["person"] for i in idx}) >= 2 and len({sigs[i]["meeting"] for i in idx}) >= 2
    )  # noqa: E731
    seeds = [
        st
        for st, idx in notes_of.items()
        if len(idx) >= p.get("min_df", 2)
        and len(idx) <= p.get("max_share", 0.05) * n
        and ok(idx)
        and st not in lex
        and len(st) > 2
    ]
    words = list(notes_of)
    if not seeds:
        return []
    W = np.stack([word_vec(shown[w].most_common(1)[0][0]) for w in words])
    pos = {w: k for k, w in enumerate(words)}
    Sd = W[[pos[s] for s in seeds]] @ W.T
    concept = {}
    for a, s in enumerate(seeds):
        members = {words[b] for b in np.flatnonzero(Sd[a] >= p.get("syn_cos", 0.7))} | {s}
        members = {
            m for m in members if m not in lex and len(notes_of[m]) <= p.get("max_share", 0.05) * n
        }
        concept[s] = members
    taken: set = set()
    themes = []
    while True:
        best = None
        for s, members in concept.items():
            idx = set().union(*(notes_of[m] for m in members)) - taken
            if len(idx) < p.get("min_notes", 3) or not ok(idx):
                continue
            key = (len(idx), math.log(n / len(notes_of[s])))
            if best is None or key > best[0]:
                best = (key, s, idx)
        if best is None:
            break
        _, s, idx = best
        name = shown[s].most_common(1)[0][0]
        name = name.upper() if len(name) <= 3 else name.capitalize()
        themes.append(
            {
                "kind": "own",
                "key": "own:" + s,
                "name": name,
                "note_idx": sorted(idx),
                "words": sorted(concept[s]),
            }
        )
        taken |= idx
        del concept[s]
    return themes
