"""Time `export` and `import` on the 300k-note journal of perf.py, as cold processes.

    python benchmarks/exchange.py [--db PATH] [--runs 3] [--formats json,csv,markdown]

Each run is a fresh `python -m oneonone_cli` process started by perf.py's small launcher (so
its peak RSS is its own): `export --format F -o FILE` for each format, then `import` of the
JSON export into a new, empty journal. Targets (issue 16): JSON export <= 5 s, import of it
into an empty journal <= 15 s, peak memory of export <= 100 MiB. Prints a markdown table of
medians (wall, CPU, peak RSS) and whether export -> import -> export gave the same file.
Always exits 0: it measures. Without --db, the journal is perf.py's (generated when missing).
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import perf  # noqa: E402  (beside this script)

TARGETS = {  # label -> (wall s, peak MiB): None where the issue sets none
    "export --format json": (5.0, 100.0),
    "export --format csv": (None, 100.0),
    "export --format markdown": (None, 100.0),
    "import (json, empty journal)": (15.0, None),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="json,csv,markdown")
    args = parser.parse_args(argv)
    db = args.db or perf.DEFAULT_DB
    if not db.exists():
        wall, _, _ = perf.generate(db, perf.date.today())
        print(f"generated {db} in {wall:.1f} s", file=sys.stderr)
    today = perf.journal_today(db)
    rows = []
    with tempfile.TemporaryDirectory(prefix="oneonone-exchange-") as tmp:
        folder = Path(tmp)
        launcher = perf.Launcher(perf.environment(db, today))
        err = folder / "stderr.txt"
        python = sys.executable
        results: dict[str, list[tuple[float, ...]]] = {}
        same = None
        for run in range(args.runs):
            for fmt in args.formats.split(","):
                out = folder / f"export.{fmt}"
                label = f"export --format {fmt}"
                argv = [python, "-m", "oneonone_cli", "export", "--format", fmt, "-o", str(out)]
                results.setdefault(label, []).append(
                    _checked(launcher.run(argv, db, today, err), err)
                )
            target = folder / f"imported-{run}.db"
            argv = [
                python,
                "-m",
                "oneonone_cli",
                "--db",
                str(target),
                "import",
                str(folder / "export.json"),
            ]
            label = "import (json, empty journal)"
            results.setdefault(label, []).append(_checked(launcher.run(argv, db, today, err), err))
            if run == 0:
                again = folder / "again.json"
                argv = [
                    python,
                    "-m",
                    "oneonone_cli",
                    "--db",
                    str(target),
                    "export",
                    "-o",
                    str(again),
                ]
                _checked(launcher.run(argv, db, today, err), err)
                same = filecmp.cmp(folder / "export.json", again, shallow=False)
            target.unlink()
        size = (folder / "export.json").stat().st_size / 2**20
        floor = launcher.close()
    met = total = 0
    for label, runs in results.items():
        wall = statistics.median(r[0] for r in runs) / 1000
        cpu = statistics.median(r[1] for r in runs) / 1000
        rss = max(r[2] for r in runs)
        limit_s, limit_mib = TARGETS.get(label, (None, None))
        verdicts = []
        for value, limit in ((wall, limit_s), (rss, limit_mib)):
            if limit is not None:
                total += 1
                met += value <= limit
                verdicts.append("ok" if value <= limit else "OVER")
        rows.append(
            f"| {label} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB | "
            f"{_target(limit_s, 's')} / {_target(limit_mib, 'MiB')} | {' '.join(verdicts)} |"
        )
    print(f"journal: {db} ({perf.journal_size_mib(db):.0f} MiB), {args.runs} runs, medians")
    print("| command | wall | cpu | peak RSS (max) | target | |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"JSON export: {size:.1f} MiB; launcher floor {floor:.0f} MiB")
    print(f"export -> import into an empty journal -> export identical: {same}")
    print(f"targets met: {met}/{total}")
    return 0


def _target(limit: float | None, unit: str) -> str:
    return "-" if limit is None else f"<= {limit:g} {unit}"


def _checked(result: tuple[float, ...], err: Path) -> tuple[float, ...]:
    if result[3] != 0:
        sys.exit(f"exchange.py: a run failed (exit {result[3]}): {err.read_text()[-500:]}")
    return result


if __name__ == "__main__":
    raise SystemExit(main())
