"""Train the theme model shipped as src/oneonone_cli/data/theme_model.json.

    python benchmarks/train_theme_model.py            # writes the model, prints what it learned from
    python benchmarks/train_theme_model.py --check    # exits 1 if the shipped model differs

Training data: the dev corpus (../shared/corpora/roadblocks-dev.jsonl, when it is there) and every
labelled batch in benchmarks/tune/ (notes of themes no lexicon names, in tune_g and tune_h9, are
left out). Never the held-out batches in benchmarks/heldout/: they measure the result. Training
is deterministic (seeded): the same data gives the same file. The thresholds that decide when
analyse() asks the model (themes.MODEL_*) were chosen on h6-h9 while the model was trained
without them; h6-h9 then joined the training data (as tune_h6..tune_h9).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from oneonone_cli.themes.model import NOISE, model_from_json, train  # noqa: E402
from oneonone_cli.themes.engine import Lexicon, load_lexicon, model_features, normalise_tag  # noqa: E402

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
    text = model.to_json()
    seconds = time.perf_counter() - started
    counts = Counter(label for _, label in data)
    print(f"trained on {len(data)} notes from {len(files)} files in {seconds:.1f} s: "
          + ", ".join(f"{c} {counts[c]}" for c in classes))  # fmt: skip
    print(f"features kept: {len(model.weights)}; file {len(text.encode()) / 1024:.0f} KiB")
    if args.check:
        same = OUT.exists() and model_from_json(OUT.read_text(encoding="utf-8")).weights == \
            model_from_json(text).weights
        print("shipped model is up to date" if same else "shipped model differs: retrain")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
