"""The learned second opinion of the theme engine (theme_model.py) and how analyse() uses it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from oneonone_cli.themes import analysis
from oneonone_cli.themes.analysis import analyse
from oneonone_cli.themes.lexicon import load_lexicon
from oneonone_cli.themes.model import BIAS, NOISE, builtin_model, model_from_json, note_features
from oneonone_cli.themes.text import BREAK, stem, tokens

TRAINING_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "train_theme_model.py"


def _training_script():
    """benchmarks/train_theme_model.py as a module: training lives there, not in the package."""
    spec = importlib.util.spec_from_file_location("train_theme_model", TRAINING_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trainer = _training_script()
train = trainer.train


def features_of(text: str, tags: tuple[str, ...] = ()) -> dict[str, str]:
    toks = tokens(text)
    return note_features(toks, [stem(t) for t in toks if t != BREAK], tags)


def test_features_are_stems_pairs_of_content_words_and_tags():
    feats = features_of("Pager went crazy, noise at night", ("oncall",))
    assert feats[BIAS] == ""
    assert feats["w:" + stem("pager")] == "pager"
    assert feats[f"b:{stem('pager')}_{stem('went')}"] == "pager went"
    assert f"b:{stem('crazy')}_{stem('noise')}" not in feats  # a comma breaks the pair
    assert feats["b:" + stem("noise") + "_" + stem("night")] == "noise night"  # "at" skipped
    assert feats["t:oncall"] == "#oncall"


TOY = [
    ("pager woke me at night", "oncall"),
    ("pager noise all night", "oncall"),
    ("the pager again", "oncall"),
    ("pipeline red again", "flaky-ci"),
    ("pipeline flaky", "flaky-ci"),
    ("rerun the pipeline", "flaky-ci"),
    ("bought a new bike", NOISE),
    ("new bike for the commute", NOISE),
    ("bike trip", NOISE),
]
CLASSES = ("oncall", "flaky-ci", NOISE)


@pytest.fixture(scope="module")
def toy():
    return train([(list(features_of(t)), c) for t, c in TOY], CLASSES, epochs=40)


def test_training_learns_the_classes_and_explains_with_the_notes_words(toy):
    for text, expected in [
        ("pager at night", "oncall"),
        ("pipeline red", "flaky-ci"),
        ("bike", NOISE),
    ]:
        feats = features_of(text)
        probs = toy.scores(feats)
        best = max(range(len(probs)), key=probs.__getitem__)
        assert toy.classes[best] == expected, (text, probs)
        assert abs(sum(probs) - 1) < 1e-9
    feats = features_of("the pager at night, then lunch")
    assert toy.explain(feats, 0)[0] in ("pager", "night")
    assert "lunch" not in toy.explain(feats, 0)  # an unknown word never explains a verdict


def test_training_is_deterministic_and_the_json_round_trips(toy):
    again = train([(list(features_of(t)), c) for t, c in TOY], CLASSES, epochs=40)
    assert again.weights == toy.weights
    back = model_from_json(trainer.model_to_json(toy))
    assert back.classes == toy.classes
    assert back.weights.keys() == toy.weights.keys()
    for f, w in toy.weights.items():
        assert back.weights[f] == pytest.approx(w, abs=1e-4)


def test_a_damaged_model_file_is_refused():
    with pytest.raises(ValueError, match="format"):
        model_from_json('{"format": 99, "classes": [], "weights": {}}')
    with pytest.raises(ValueError, match="one weight per class"):
        model_from_json('{"format": 1, "classes": ["a", "b"], "weights": {"bias": [1]}}')


def test_the_shipped_model_knows_exactly_the_roadblock_themes_and_noise():
    lexicon = load_lexicon()
    model = builtin_model()
    assert model.classes == tuple(t.key for t in lexicon.themes if t.kind == "roadblock") + (NOISE,)
    assert len(model.weights) > 500


def test_the_model_places_a_note_the_lexicon_cannot():
    lexicon = load_lexicon()
    alone = lexicon.without_model()
    text = "kafka consumer lag stuck on bob's topic"
    assert analyse(text, (), "roadblock", alone).theme is None
    sig = analyse(text, (), "roadblock", lexicon)
    assert sig.theme == "dependencies"
    assert sig.terms and all(term in text for term in sig.terms)  # explained by its own words
    assert sig.phrases  # kept for discovery, whatever the verdict


def test_the_model_changes_the_fingerprint_so_stored_signatures_are_redone():
    lexicon = load_lexicon()
    assert lexicon.fingerprint() != lexicon.without_model().fingerprint()


@pytest.fixture
def always(monkeypatch, toy):
    """The toy model, forced to one verdict for every note."""

    def use(verdict: str):
        weights = dict(toy.weights)
        weights[BIAS] = tuple(50.0 if c == verdict else 0.0 for c in toy.classes)
        model = toy._replace(weights=weights)
        monkeypatch.setattr(analysis, "builtin_model", lambda: model)

    return use


def test_weak_lexicon_evidence_is_second_guessed_strong_evidence_is_not(always):
    lexicon = load_lexicon()
    always("oncall")
    assert analyse("the pipeline is flaky", (), "roadblock", lexicon).theme == "oncall"
    strong = "flaky pipeline, red builds, rerun after rerun in CI  #ci"
    assert analyse(strong, (), "roadblock", lexicon).theme == "flaky-ci"
    assert analyse("bought a bike", (), "morale", lexicon).theme is None  # roadblocks only


def test_a_sure_one_off_clears_a_weak_theme(always):
    always(NOISE)
    assert analyse("the pipeline is flaky", (), "roadblock", load_lexicon()).theme is None


def test_what_the_manager_taught_is_never_second_guessed(always):
    always("flaky-ci")
    taught = load_lexicon(user_terms=[("oncall", "cried wolf")])
    assert analyse("the dashboard cried wolf", (), "roadblock", taught).theme == "oncall"
    own = load_lexicon(user_terms=[("staging", "staging slot")])
    assert analyse("no staging slot free", (), "roadblock", own).theme == "staging"
    aliased = load_lexicon(user_aliases=[("#beeper", "oncall")])
    assert analyse("again  #beeper", (), "roadblock", aliased).theme == "oncall"


DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "roadblocks-dev.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/corpora (not in a user's clone)")
def test_the_shipped_model_is_what_the_training_script_makes():
    done = subprocess.run(
        [sys.executable, str(TRAINING_SCRIPT), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
