"""Time oneonone's read commands against jrnl printing 5 entries, as cold processes side by side.

    python benchmarks/versus_jrnl.py [--jrnl PATH] [--db PATH] [--runs 15] [--entries 1000]

The yardstick is another local journal CLI doing about the least a read can do: `jrnl -n 5`
on a 1,000-entry jrnl journal. This script installs nothing: pass the jrnl executable with
--jrnl (default: `jrnl` on PATH). To measure against jrnl 4.6 without touching this project's
environment, give it a venv of its own:

    python3 -m venv /tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl==4.6
    python benchmarks/versus_jrnl.py --jrnl /tmp/jrnl-venv/bin/jrnl

The jrnl journal (1,000 entries, one a day, plain text) and its config are written to a
temporary folder that jrnl finds through XDG_CONFIG_HOME (and XDG_DATA_HOME, HOME), so a
jrnl set up on this machine is neither read nor changed; the folder is removed at the end.

oneonone reads the 300k-note journal of benchmarks/perf.py (the same file and location, made
by its generator when missing; --db for another), with today pinned to its last 1:1. Every
command runs once un-timed first (the first `themes` fills the theme roll-up; the disk and
bytecode caches warm up). Then, for --runs rounds, in a shuffled order each round, every
oneonone command runs right after a `jrnl -n 5` run: cold processes, from perf.py's small
launcher, output to /dev/null. Noise on a shared machine hits both of a pair alike.

Prints a markdown table: for each command the median wall time, the median of jrnl's runs,
and the ratio oneonone / jrnl of the medians, of wall time and of CPU time (user + sys, which
moves less when other work competes for the machine). Below 1.0 is faster than jrnl. Always
exits 0 unless jrnl cannot be run: it measures.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import perf  # noqa: E402  (this folder's perf.py: its journal, generator and launcher)

COMMANDS = [
    ["themes", "--since", "30d"],
    ["themes", "--since", "365d"],
    ["due"],
    ["show", "alice"],
    ["prompts", "alice"],
    ["people"],
]
WORDS = [
    *("standup", "deploy", "review", "flaky", "pipeline", "pager", "customer", "roadmap"),
    *("hiring", "budget", "offsite", "migration", "latency", "incident", "retro", "demo"),
    *("sprint", "backlog", "dashboard", "alert", "coffee"),
]


def jrnl_config(journal: Path) -> str:
    """jrnl 4.6's default config (as `jrnl` writes it on first run), this journal, no colour."""
    return "\n".join(
        [
            "colors:",
            "  body: none",
            "  date: none",
            "  tags: none",
            "  title: none",
            "default_hour: 9",
            "default_minute: 0",
            "editor: ''",
            "encrypt: false",
            "highlight: true",
            "indent_character: '|'",
            "journals:",
            "  default:",
            f"    journal: {journal}",
            "linewrap: 79",
            "tagsymbols: '#@'",
            "template: false",
            "timeformat: '%F %r'",
            "version: '4.6'",  # quoted: jrnl rewrites the config when it reads a number
            "",
        ]
    )


def write_jrnl_journal(folder: Path, entries: int) -> dict[str, str]:
    """A jrnl journal of `entries` entries (one a day, a title and a body line, some tags) and
    its config; the environment variables that make jrnl use them."""
    rng = random.Random(14)
    journal = folder / "journal.txt"
    start = datetime(2024, 1, 1, 9, 0)
    with journal.open("w") as out:
        for i in range(entries):
            when = (start + timedelta(days=i)).strftime("%Y-%m-%d %I:%M:%S %p")
            title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize() + "."
            body = " ".join(rng.choice(WORDS) for _ in range(25)) + f" @{rng.choice(WORDS)}"
            out.write(f"[{when}] {title}\n{body}\n\n")
    config = folder / "config" / "jrnl"
    config.mkdir(parents=True)
    (config / "jrnl.yaml").write_text(jrnl_config(journal))
    (folder / "data").mkdir()
    return {
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "HOME": str(folder),
        "NO_COLOR": "1",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jrnl", help="the jrnl executable (default: jrnl on PATH)")
    parser.add_argument("--db", type=Path, help=f"oneonone's journal (default: {perf.DEFAULT_DB})")
    parser.add_argument("--runs", type=int, default=15, help="timed pairs for each command")
    parser.add_argument("--entries", type=int, default=1000, help="entries of the jrnl journal")
    parser.add_argument("--seed", type=int, default=1, help="order of the runs in each round")
    args = parser.parse_args(argv)
    jrnl = shutil.which(args.jrnl or "jrnl")
    if jrnl is None:
        parser.error(
            "no jrnl executable: pass --jrnl PATH (python3 -m venv /tmp/jrnl-venv && "
            "/tmp/jrnl-venv/bin/pip install jrnl==4.6)"
        )
    jrnl = str(Path(jrnl).absolute())
    db = (args.db or perf.DEFAULT_DB).expanduser().resolve()
    if not db.exists():
        if args.db is not None:
            parser.error(f"no journal at {db}")
        print(f"generating {db} ...", file=sys.stderr)
        print(perf.generate(db, date.today())[2], file=sys.stderr)
    today = perf.journal_today(db)

    work = Path(tempfile.mkdtemp(prefix="oneonone-vs-jrnl-"))
    try:
        env = perf.environment(db, today)
        env.update(write_jrnl_journal(work, args.entries))
        base = [sys.executable, "-m", "oneonone_cli"]
        yardstick = [jrnl, "-n", "5"]
        version = subprocess.run(
            [jrnl, "--version"], env=env, capture_output=True, text=True
        ).stdout.split("\n")[0]
        shown = subprocess.run(
            yardstick, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
        )
        if shown.returncode != 0 or not shown.stdout.strip():
            sys.exit(f"versus_jrnl.py: `jrnl -n 5` failed:\n{shown.stdout}{shown.stderr}")
        print("warming up: each command once, un-timed", file=sys.stderr)
        for cmd in COMMANDS:
            done = subprocess.run(
                base + cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
            )
            if done.returncode != 0:
                print(f"{' '.join(cmd)} failed: {done.stderr.strip()[:200]}", file=sys.stderr)

        err = work / "stderr.txt"
        launcher = perf.Launcher(env)
        rng = random.Random(args.seed)
        times: dict[str, dict[str, list[float]]] = {}
        for _ in range(args.runs):
            order = list(COMMANDS)
            rng.shuffle(order)
            for cmd in order:
                label = " ".join(cmd)
                pair = times.setdefault(label, {"wall": [], "cpu": [], "jwall": [], "jcpu": []})
                for key, run in (("j", yardstick), ("", base + cmd)):
                    wall, cpu, _rss, code = launcher.run(run, db, today, err)
                    if code != 0:
                        print(f"{run[-3:]} exit {code}: {err.read_text()[:200]}", file=sys.stderr)
                    pair[key + "wall"].append(wall)
                    pair[key + "cpu"].append(cpu)
        launcher.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    jrnl_wall = statistics.median(w for t in times.values() for w in t["jwall"])
    print()
    print(
        f"oneonone vs `{version} -n 5` ({args.entries}-entry journal), {args.runs} interleaved "
        f"pairs per command; oneonone on {db.name} ({perf.journal_size_mib(db):.1f} MiB), "
        f"today {today}"
    )
    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, load "
        f"{os.getloadavg()[0]:.2f}; jrnl -n 5 median over all pairs {jrnl_wall:.1f} ms"
    )
    print()
    print("| oneonone command | median ms | jrnl median ms | wall / jrnl | cpu / jrnl |")
    print("|---|---:|---:|---:|---:|")
    for label in (" ".join(cmd) for cmd in COMMANDS):
        t = times[label]
        wall, jwall = statistics.median(t["wall"]), statistics.median(t["jwall"])
        cpu, jcpu = statistics.median(t["cpu"]), statistics.median(t["jcpu"])
        print(f"| {label} | {wall:.1f} | {jwall:.1f} | {wall / jwall:.2f} | {cpu / jcpu:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
