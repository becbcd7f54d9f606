"""A learned second opinion for theme detection: pure, standard library only.

The lexicon is precise but knows only the words someone wrote into it. This model is a linear
softmax classifier over a note's word stems, pairs of adjacent stems and #tags, trained on
labelled notes written by many hands (`benchmarks/train_theme_model.py`) and shipped as
`data/theme_model.json`. One of its classes is NOISE: a one-off that belongs to no theme.
`themes.analyse()` consults it only where the lexicon's evidence is weak, and explains what it
decides by the note's own words that weighed most.

Features are strings: "w:STEM" for a word, "b:STEM_STEM" for two content words in a row (common
words between them are skipped, punctuation breaks the pair), "t:TAG" for a tag, and "bias".
"""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from oneonone_cli.shipped import data_bytes, data_text
from oneonone_cli.themes.text import BREAK, STOPWORDS, tag_key

MODEL_FILE = "theme_model.json"  # in data/

NOISE = "noise"
BIAS = "bias"
FORMAT = 1


def note_features(toks: Sequence[str], keys: Sequence[str], tags: Iterable[str]) -> dict[str, str]:
    """Feature -> the note's own words behind it (what an explanation shows).

    `toks` are the note's tokens with BREAK markers, `keys` the normalised key of each token
    that is not a BREAK, in order (the theme index's stems, typo-corrected)."""
    out: dict[str, str] = {BIAS: ""}
    prev_key = prev_word = None
    at = 0
    for tok in toks:
        if tok == BREAK:
            prev_key = None
            continue
        key = keys[at]
        at += 1
        if tok in STOPWORDS or tok.isdigit():
            continue
        out.setdefault("w:" + key, tok)
        if prev_key is not None:
            out.setdefault(f"b:{prev_key}_{key}", f"{prev_word} {tok}")
        prev_key, prev_word = key, tok
    for tag in tags:
        out.setdefault("t:" + tag_key(tag), "#" + tag)
    return out


class Model(NamedTuple):
    """A tuple, not a dataclass: defining a dataclass costs ~0.6 ms on every themes run."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per class

    def scores(self, features: Iterable[str]) -> list[float]:
        """Probability of each class (softmax of the summed weights)."""
        z = [0.0] * len(self.classes)
        weights = self.weights
        for feature in features:
            w = weights.get(feature)
            if w is not None:
                z = [a + b for a, b in zip(z, w)]
        top = max(z)
        e = [math.exp(a - top) for a in z]
        total = sum(e)
        return [a / total for a in e]

    def explain(self, features: dict[str, str], cls: int, limit: int = 3) -> tuple[str, ...]:
        """The note's words that pushed it most towards class `cls`, strongest first."""
        weighed = []
        for feature, shown in features.items():
            w = self.weights.get(feature)
            if w is not None and shown and w[cls] > 0:
                weighed.append((-w[cls], feature, shown))
        weighed.sort()
        return tuple(dict.fromkeys(shown for _, _, shown in weighed[:limit]))

    def to_json(self) -> str:
        rows = {f: [round(x, 4) for x in w] for f, w in sorted(self.weights.items())}
        return json.dumps({"format": FORMAT, "classes": list(self.classes), "weights": rows},
                          ensure_ascii=False, separators=(",", ":")) + "\n"  # fmt: skip


def model_from_json(text: str) -> Model:
    raw = json.loads(text)
    if raw.get("format") != FORMAT:
        raise ValueError(f"theme model format {raw.get('format')!r}; expected {FORMAT}")
    classes = tuple(raw["classes"])
    weights = {f: tuple(w) for f, w in raw["weights"].items()}
    if any(len(w) != len(classes) for w in weights.values()):
        raise ValueError("theme model: every feature needs one weight per class")
    return Model(classes, weights)


@lru_cache(maxsize=1)
def builtin_model() -> Model:
    """The shipped model, parsed once per process (only when notes need analysing)."""
    return model_from_json(data_text(MODEL_FILE))


@lru_cache(maxsize=1)
def model_checksum() -> str:
    """Of the shipped weights, without parsing them (every `themes` run checks its roll-up)."""
    return _checksum(data_bytes(MODEL_FILE))


def _checksum(data: bytes) -> str:
    return f"{zlib.crc32(data):08x}{len(data):x}"


def train(
    examples: Sequence[tuple[Iterable[str], str]],
    classes: Sequence[str],
    *,
    epochs: int = 30,
    l2: float = 1e-3,
    rate: float = 0.3,
    min_notes: int = 2,
    seed: int = 0,
) -> Model:
    """Fit the weights by Adagrad on the softmax loss with L2, deterministically (seeded).

    examples: (features, class) pairs. Features seen in fewer than `min_notes` examples are
    dropped (a word one writer used once teaches nothing)."""
    import random  # only the training script trains

    index = {c: i for i, c in enumerate(classes)}
    seen = Counter(f for feats, _ in examples for f in set(feats))
    data = [([f for f in dict.fromkeys(feats) if seen[f] >= min_notes or f == BIAS], index[c])
            for feats, c in examples]  # fmt: skip
    n = len(classes)
    weights: dict[str, list[float]] = {}
    sq: dict[str, list[float]] = {}
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for feats, y in data:
            rows = [weights.setdefault(f, [0.0] * n) for f in feats]
            grads = [sq.setdefault(f, [1e-8] * n) for f in feats]
            z = [sum(row[c] for row in rows) for c in range(n)]
            top = max(z)
            e = [math.exp(a - top) for a in z]
            total = sum(e)
            for c in range(n):
                g = e[c] / total - (c == y)
                for row, acc in zip(rows, grads):
                    step = g + l2 * row[c]
                    acc[c] += step * step
                    row[c] -= rate * step / math.sqrt(acc[c])
    kept = {f: tuple(w) for f, w in weights.items() if max(abs(x) for x in w) >= 5e-3}
    return Model(tuple(classes), kept)
