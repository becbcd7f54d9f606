"""Issue 14 prototype: a team's own recurring roadblock subjects.

Two stages, as the engine already has them:

PER NOTE (once, when a note is written; result stored):
    note_signature(text, tags, person, people) -> dict with
      theme     the shipped engine's common theme or None          (already stored today)
      p_noise   the shipped model's P(one-off), 1 byte             (already computed today)
      nr        P(not a roadblock) from a 65-weight logistic model on the note's static vector
      words     up to 8 subject words (stems), for naming and fragments
      vec       the subject vector: SIF-weighted mean of static token vectors of the note's
                subject words, DIM int8 (64 bytes at DIM=64)
    Cost: pure-Python wordpiece + a numpy gather/sum per note.

PER REPORT (grouping stored signatures of a window): group_window(sigs, params)
    1. gate: keep notes with p_noise < G1 and nr < G2 (one-offs, praise, plans, admin out)
    2. subject clusters: average linkage over the kept notes' vectors (cosine >= T), done
       inside blocks of candidate neighbours so the cost stays near-linear (see README)
    3. a cluster with >= 3 notes, >= 2 people, >= 2 meetings is a found subject unless most of
       its notes carry ONE common theme whose lexicon terms explain its top words (then it is
       that common kind and dissolves back into it)
    4. common themes: engine theme of every kept note not in a subject, the engine's --min rule
    5. names: the subject's most distinctive word(s) (cluster df x window idf)
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
TABLE = Path("/tmp/r14dl")

from data import engine_view  # noqa: E402

from oneonone_cli.themes.engine import _PHRASE_STOP  # noqa: E402
from oneonone_cli.themes.text import BREAK, STOPWORDS, stem, tokens  # noqa: E402

# Words that describe the situation, not the subject ("still waiting", "lost the morning").
SITUATION = (
    frozenset(
        [
            "stuck",
            "waiting",
            "wait",
            "waited",
            "blocked",
            "block",
            "blocking",
            "again",
            "still",
            "lost",
            "lose",
            "losing",
            "spent",
            "spend",
            "spending",
            "morning",
            "mornings",
            "afternoon",
            "evening",
            "night",
            "friday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "saturday",
            "sunday",
            "hour",
            "hours",
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "whole",
            "full",
            "half",
            "entire",
            "every",
            "each",
            "another",
            "more",
            "problem",
            "problems",
            "issue",
            "issues",
            "trouble",
            "annoying",
            "annoyed",
            "frustrated",
            "frustrating",
            "fed",
            "painful",
            "pain",
            "keeps",
            "kept",
            "keep",
            "nothing",
            "anything",
            "everything",
            "everyone",
            "someone",
            "nobody",
            "somebody",
            "thing",
            "things",
            "asked",
            "ask",
            "asks",
            "asking",
            "says",
            "said",
            "told",
            "tell",
            "thinks",
            "think",
            "wants",
            "want",
            "wanted",
            "needs",
            "need",
            "needed",
            "able",
            "unable",
            "cant",
            "couldnt",
            "wont",
            "doesnt",
            "didnt",
            "isnt",
            "never",
            "forever",
            "ages",
            "long",
            "longer",
            "fix",
            "fixed",
            "fixing",
            "broke",
            "broken",
            "break",
            "breaking",
            "working",
            "worked",
            "works",
            "work",
            "finally",
            "already",
            "yet",
            "nearly",
            "almost",
            "later",
            "soon",
            "early",
            "late",
            "first",
            "second",
            "third",
            "last",
            "next",
            "he",
            "she",
            "they",
            "him",
            "her",
            "them",
            "his",
            "hers",
            "their",
            "team",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "going",
            "got",
            "gets",
            "getting",
            "goes",
            "went",
            "come",
            "came",
            "take",
            "took",
            "taking",
            "make",
            "made",
            "making",
            "chasing",
            "chase",
            "chased",
            "pinging",
            "pinged",
            "pulled",
            "pull",
            "pulls",
        ]
    )
    | _PHRASE_STOP
)


DROP_MATCHED = False


@cache
def table(dim: int = 64, source: str = "static"):
    """(vocab dict token->row, float32 [V, dim] vectors, SIF weight per row)."""
    path = HERE / f"{source}{dim}.npz"  # static128.npz is committed; others: distill.py
    if not path.exists():
        path = TABLE / f"{source}{dim}.npz"
    z = np.load(path)
    vocab = {w: i for i, w in enumerate(z["vocab"].tolist())}
    vecs = z["vecs"].astype(np.float32) * z["scale"].astype(np.float32)[:, None]
    rank = np.arange(len(vocab), dtype=np.float32)
    # model2vec-style Zipf weighting: BERT's vocab ids run roughly by frequency from 1996 on
    p = 1.0 / np.maximum(rank - 1990.0, 1.0)
    p /= p.sum()
    sif = 1e-3 / (1e-3 + p)
    sif[:1996] = 0.0  # specials, [unused], single characters
    return vocab, vecs, sif.astype(np.float32)


def wordpiece(word: str, vocab: dict) -> list[int]:
    """Greedy longest-match WordPiece (BERT uncased), pure Python."""
    if word in vocab:
        return [vocab[word]]
    out, start = [], 0
    while start < len(word):
        end = len(word)
        cur = None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                cur = vocab[piece]
                break
            end -= 1
        if cur is None:
            return [vocab["[UNK]"]]
        out.append(cur)
        start = end
    return out


def subject_words(text: str, people: frozenset) -> list[str]:
    """Content words of a note, in order, without names, stopwords, numbers, situation words."""
    out = []
    for tok in tokens(text):
        if tok == BREAK or tok in STOPWORDS or tok in SITUATION or tok in people:
            continue
        if tok.isdigit() or len(tok) < 2 or any(c.isdigit() for c in tok) and not tok.isalnum():
            continue
        if tok.rstrip("s") in people:  # "tom's" -> "toms"
            continue
        out.append(tok)
    return out


def text_vector(words: list[str], dim: int, source: str) -> np.ndarray:
    vocab, vecs, sif = table(dim, source)
    ids = [i for w in words for i in wordpiece(w, vocab)]
    if not ids:
        return np.zeros(dim, np.float32)
    ids = np.fromiter(ids, np.int64)
    v = (vecs[ids] * sif[ids, None]).sum(0)
    n = float(np.linalg.norm(v))
    return v / n if n else v


def note_signature(
    text: str,
    tags: tuple,
    person: str,
    people: frozenset,
    dim: int = 64,
    source: str = "static",
    nr_model=None,
) -> dict:
    theme, p_noise = engine_view(text, tags)
    words = subject_words(text, people)
    if DROP_MATCHED:
        # words the lexicon matched for the common theme say "which kind", not "which subject"
        import data

        matched = {t for term in data.LAST_TERMS for t in tokens(term)}
        words = [w for w in words if w not in matched] or words
    vec = text_vector(words, dim, source)
    sig = {
        "theme": theme,
        "p_noise": p_noise,
        "words": [stem(w) for w in words],
        "raw": words,
        "vec": vec,
    }
    sig["nr"] = nr_model.prob(text, people) if nr_model is not None else 0.0
    from notroadblock_cues import cue_not_roadblock

    sig["cue"] = cue_not_roadblock(text)
    from codes import build_codebook, note_codes

    sig["codes"] = note_codes(words, build_codebook())
    return sig


class NotRoadblock:
    """Logistic regression: P(one-off / not a roadblock) from the note's full static vector
    (names removed, no other words removed): DIM+1 weights. Trained on the tune sets and the
    shared roadblocks-dev corpus (never on d1/d2). The engine's P(noise) is kept apart (it was
    trained on the tune sets, so it is over-confident there)."""

    def __init__(self, dim: int, source: str) -> None:
        self.dim, self.source = dim, source
        self.w = None

    def feats(self, text: str, people: frozenset, p_noise: float | None = None) -> np.ndarray:
        toks = [
            t
            for t in tokens(text)
            if t != BREAK and t not in people and t.rstrip("s") not in people
        ]
        v = text_vector(toks, self.dim, self.source)
        return np.concatenate([v, [1.0]])

    def fit(
        self, X: np.ndarray, y: np.ndarray, l2: float = 1e-2, epochs: int = 400
    ) -> NotRoadblock:
        w = np.zeros(X.shape[1])
        for _ in range(epochs):
            p = 1 / (1 + np.exp(-(X @ w)))
            g = X.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0]
            w -= 2.0 * g
        self.w = w
        return self

    def prob_f(self, f: np.ndarray) -> float:
        return float(1 / (1 + math.exp(-float(f @ self.w))))

    def prob(self, text: str, people: frozenset) -> float:
        return self.prob_f(self.feats(text, people))
