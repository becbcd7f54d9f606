"""A learned second opinion for theme detection (inference only): pure, standard library only.

The lexicon is precise but knows only the words someone wrote into it. This model is a linear
softmax classifier over a note's word stems, pairs of adjacent stems and #tags, trained on
labelled notes written by many hands (`benchmarks/train_theme_model.py`) and shipped as
`data/theme_model.json`. One of its classes is NOISE: a one-off that belongs to no theme.
`analysis.analyse()` consults it only where the lexicon's evidence is weak, and explains what it
decides by the note's own words that weighed most.

Features are strings: "w:STEM" for a word, "b:STEM_STEM" for two content words in a row (common
words between them are skipped, punctuation breaks the pair), "t:TAG" for a tag, and "bias".
"""

from __future__ import annotations

import json
import math
import zlib
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
                z = [a + b for a, b in zip(z, w, strict=True)]
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
