"""Load a labelled set and run the shipped engine once per note (the per-note stage's base)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from oneonone_cli.themes.engine import analyse, load_lexicon, model_features, normalise_tag  # noqa: E402
from oneonone_cli.themes.model import NOISE, builtin_model  # noqa: E402

_LEX = None


def lexicon():
    global _LEX
    if _LEX is None:
        _LEX = load_lexicon()
    return _LEX


def read(path: str) -> list[dict]:
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    meetings: dict = {}
    for r in rows:
        r["meeting"] = meetings.setdefault((r["person"], r["date"]), len(meetings))
        r["tags"] = tuple(normalise_tag(t) for t in r.get("tags") or ())
        r["on"] = date.fromisoformat(r["date"])
    return rows


def engine_view(text: str, tags: tuple[str, ...]) -> tuple[str | None, float]:
    """The shipped engine's common theme (or None) and the model's P(one-off)."""
    lex = lexicon()
    sig = analyse(text, tags, "roadblock", lex)
    model = builtin_model()
    probs = model.scores(model_features(text, tags, lex))
    global LAST_TERMS
    LAST_TERMS = sig.terms
    return sig.theme, probs[model.classes.index(NOISE)]


LAST_TERMS: tuple = ()

LABEL_TO_KEY = {
    "oncall_alert_noise": "oncall",
    "flaky_ci": "flaky-ci",
    "slow_code_review": "code-review",
    "poor_tooling": "tooling",
    "tech_debt": "tech-debt",
    "prod_firefighting": "firefighting",
    "meeting_overload": "meetings",
    "bureaucracy": "process",
    "changing_requirements": "requirements",
    "unclear_priorities": "priorities",
    "cross_team_dependency": "dependencies",
    "missing_docs": "docs",
}


def gold(label: str) -> str:
    """Common labels as engine keys; own:<slug> and noise unchanged."""
    return LABEL_TO_KEY.get(label, label)
