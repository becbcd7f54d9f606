"""Train the theme model shipped as src/oneonone_cli/data/theme_model.json.

    python benchmarks/train_theme_model.py            # writes the model, prints what it learned from
    python benchmarks/train_theme_model.py --check    # exits 1 if the shipped model differs

Training data: the dev corpus (../shared/corpora/roadblocks-dev.jsonl, when it is there) and every
labelled batch in benchmarks/tune/ (notes of themes no lexicon names, in tune_g and tune_h9, are
left out). Never the held-out batches in benchmarks/heldout/: they measure the result. Training
is deterministic (seeded): the same data gives the same file. The thresholds that decide when
analyse() asks the model (themes/analysis.py MODEL_*) were chosen on h6-h9 while the model was trained
without them; h6-h9 then joined the training data (as tune_h6..tune_h9).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from oneonone_cli.domain.tags import normalise_tag  # noqa: E402
from oneonone_cli.themes.analysis import model_features  # noqa: E402
from oneonone_cli.themes.lexicon import Lexicon, load_lexicon  # noqa: E402
from oneonone_cli.themes.model import BIAS, FORMAT, NOISE, Model, model_from_json  # noqa: E402

DEV = ROOT.parent / "shared" / "corpora" / "roadblocks-dev.jsonl"
TUNE = ROOT / "benchmarks" / "tune"
OUT = ROOT / "src" / "oneonone_cli" / "data" / "theme_model.json"
# The labels of the labelled note sets -> the lexicon's theme keys.
LABELS = {
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
    NOISE: NOISE,
}


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
    index = {c: i for i, c in enumerate(classes)}
    seen = Counter(f for feats, _ in examples for f in set(feats))
    data = [
        ([f for f in dict.fromkeys(feats) if seen[f] >= min_notes or f == BIAS], index[c])
        for feats, c in examples
    ]
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
                for row, acc in zip(rows, grads, strict=True):
                    step = g + l2 * row[c]
                    acc[c] += step * step
                    row[c] -= rate * step / math.sqrt(acc[c])
    kept = {f: tuple(w) for f, w in weights.items() if max(abs(x) for x in w) >= 5e-3}
    return Model(tuple(classes), kept)


def model_to_json(model: Model) -> str:
    """The model as data/theme_model.json holds it (weights rounded to 4 places)."""
    rows = {f: [round(x, 4) for x in w] for f, w in sorted(model.weights.items())}
    return (
        json.dumps(
            {"format": FORMAT, "classes": list(model.classes), "weights": rows},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n"
    )


def training_files() -> list[Path]:
    files = sorted(p for p in TUNE.glob("tune_*.jsonl"))
    if DEV.exists():
        files.insert(0, DEV)
    return files


def examples(files: list[Path], lexicon: Lexicon) -> list[tuple[list[str], str]]:
    out = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row["theme"] not in LABELS:
                continue  # a theme no lexicon names (tune_g): the model cannot learn it
            tags = tuple(normalise_tag(t) for t in row.get("tags") or ())
            out.append((list(model_features(row["text"], tags, lexicon)), LABELS[row["theme"]]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped model")
    args = parser.parse_args(argv)
    if not DEV.exists():
        print(f"note: {DEV} is missing; training on benchmarks/tune/ alone", file=sys.stderr)
    lexicon = load_lexicon()
    classes = [t.key for t in lexicon.themes if t.kind == "roadblock"] + [NOISE]
    files = training_files()
    data = examples(files, lexicon)
    started = time.perf_counter()
    model = train(data, classes)
    text = model_to_json(model)
    seconds = time.perf_counter() - started
    counts = Counter(label for _, label in data)
    print(
        f"trained on {len(data)} notes from {len(files)} files in {seconds:.1f} s: "
        + ", ".join(f"{c} {counts[c]}" for c in classes)
    )
    print(f"features kept: {len(model.weights)}; file {len(text.encode()) / 1024:.0f} KiB")
    if args.check:
        same = (
            OUT.exists()
            and model_from_json(OUT.read_text(encoding="utf-8")).weights
            == model_from_json(text).weights
        )
        print("shipped model is up to date" if same else "shipped model differs: retrain")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
