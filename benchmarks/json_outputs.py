"""Print a digest of every report's --json output, to show a refactor changed none of them.

    python benchmarks/json_outputs.py [--db PATH] [--today YYYY-MM-DD] [--save DIR]

Without --db, a fresh demo journal is written (`oneonone demo`) and read. Each report runs as
`python -m oneonone_cli ... --json` with ONEONONE_DB and ONEONONE_TODAY pinned; the script
prints one line per command: sha256 of stdout (first 16 hex digits), exit code and the
command. Run it on two checkouts and diff the output. --save DIR also keeps each output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def commands(people: list[str], theme_keys: list[str]) -> list[list[str]]:
    runs = [
        ["due"],
        ["due", "--all"],
        ["due", "--within", "14d"],
        ["people"],
        ["people", "--all"],
        ["themes", "lexicon"],
        ["prompts", "--all"],
    ]
    for since in ("30d", "90d", "365d"):
        runs.append(["themes", "--since", since])
    runs += [
        ["themes", "--since", "365d", "--kind", "morale"],
        ["themes", "--since", "365d", "--kind", "all"],
        ["themes", "--since", "365d", "--min", "3", "--normal-weeks", "2", "--normal-people", "3"],
    ]
    for key in theme_keys[:4]:
        runs.append(["themes", "show", key, "--since", "365d"])
        runs.append(["themes", "show", key, "--since", "365d", "--kind", "all"])
    for handle in people[:3]:
        runs += [
            ["themes", "--since", "365d", "--person", handle],
            ["prompts", handle],
            ["prompts", handle, "--all"],
            ["prompts", handle, "--kind", "morale"],
            ["show", handle],
            ["show", handle, "--all"],
            ["show", handle, "--since", "90d"],
            ["show", handle, "--kind", "roadblock", "--last", "3"],
        ]
    return runs


def run(db: Path, today: str, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    env = dict(
        os.environ,
        ONEONONE_DB=str(db),
        ONEONONE_TODAY=today,
        NO_COLOR="1",
        PYTHONPATH=str(SRC),
        COLUMNS="80",
    )
    return subprocess.run(
        [sys.executable, "-m", "oneonone_cli", *args, "--json"],
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path)
    parser.add_argument("--today", default="2026-12-06")
    parser.add_argument("--save", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.db"
            env = dict(os.environ, ONEONONE_TODAY=args.today, PYTHONPATH=str(SRC), NO_COLOR="1")
            subprocess.run(
                [sys.executable, "-m", "oneonone_cli", "--db", str(db), "demo"],
                env=env,
                capture_output=True,
                stdin=subprocess.DEVNULL,
                check=True,
            )
        people = [p["person"] for p in json.loads(run(db, args.today, ["people"]).stdout)]
        themes = json.loads(run(db, args.today, ["themes", "--since", "365d"]).stdout)
        keys = [t["theme"] for t in themes]
        for number, cmd in enumerate(commands(people, [k for k in keys if k])):
            done = run(db, args.today, cmd)
            digest = hashlib.sha256(done.stdout).hexdigest()[:16]
            print(f"{digest} {done.returncode} {' '.join(cmd)}")
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / f"{number:02d}.json").write_bytes(done.stdout + done.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
