"""Time oneonone's commands as cold processes, as a ratio to the interpreter's own start-up.

    python benchmarks/perf.py [--db PATH] [--runs 15] [--generate] [--today YYYY-MM-DD]
        [--only TEXT ...]

Every command runs as a fresh `python -m oneonone_cli ...` process (stdout and stdin on
/dev/null, ONEONONE_DB and ONEONONE_TODAY pinned), interleaved in the same loop with
`python -c pass` runs, whose median is the floor F. Noise on a shared machine hits both alike,
so the ratio (median of the command / F) is what the targets are set on. Peak memory is each
process's own ru_maxrss, read from os.wait4.

Without --db the journal is the 500-people / 100k-meetings / 300k-notes one made by
generate_journal.py in a temporary folder; it is generated (and the generation timed) when it
is missing or with --generate. Before timing, every command runs once un-timed to warm the disk
cache, `themes --since 365d` first: that run fills the theme roll-up (`note_themes`) of the
journal, which a manager's first `themes` run would do once. `log` writes to a copy of the
journal made once, so the big journal is not changed by the timed runs.

Prints a markdown table and a last line `targets met: N/M`. Always exits 0: it measures.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate_journal.py"
SRC = HERE.parent / "src"
# One journal per checkout: two checkouts with different lexicons sharing one journal would
# keep invalidating each other's theme roll-up, and time the re-analysis instead of the report.
BENCH_DIR = (
    Path(tempfile.gettempdir())
    / "oneonone-bench"
    / f"{HERE.parent.name}-{hashlib.sha1(str(HERE.parent).encode()).hexdigest()[:8]}"
)
DEFAULT_DB = BENCH_DIR / "journal-300k.db"

LIMIT_RSS_MIB = 30
LIMIT_GENERATE_S = 10
LIMIT_FILE_MIB = 200
LOG_TEXT = "3 false alarms overnight again, all noise #oncall"


@dataclass
class Command:
    label: str
    args: list[str]
    target: float | None  # the most its median may be, in multiples of F; None: a floor
    # "big", "copy" (for commands that write) or "floor-copy" (a floor's writes would make
    # oneonone check the whole copy again on its next write: a file changed by another program)
    journal: str = "big"
    env: dict[str, str] = field(default_factory=dict)  # set for this command (completion)
    floor: str | None = None  # run benchmarks/floors/<floor> instead of oneonone
    wall: list[float] = field(default_factory=list)  # ms
    cpu: list[float] = field(default_factory=list)  # ms, user + sys
    rss: list[float] = field(default_factory=list)  # MiB
    failures: list[str] = field(default_factory=list)


def commands() -> list[Command]:
    return [
        Command("oneonone --help", ["--help"], 6),
        # Floors (benchmarks/floors/README.md): the stack alone doing what a command does, no
        # target; a command's time over its floor is what oneonone's own code costs.
        Command(
            "floor: bare Typer app, 30 commands, --help", ["--help"], None, floor="typer_help.py"
        ),
        Command(
            "floor: bare Typer app, log's options, writes one 1:1",
            ["log", "alice", "-R", LOG_TEXT],
            None,
            "floor-copy",
            floor="typer_log.py",
        ),
        Command(
            "floor: bare Typer app, rich loaded, 100 follow-ups read",
            ["todo"],
            None,
            floor="typer_table.py",
        ),
        Command('oneonone log alice -R "..."', ["log", "alice", "-R", LOG_TEXT], 6, "copy"),
        # A 1:1 with a follow-up, feedback and its signals: still one transaction, same budget.
        Command(
            'oneonone log alice -R "..." -F "..." -T "..." --mood 4 --talk 40% --status',
            [
                *("log", "alice", "-R", LOG_TEXT, "-F", "clear demo, well paced"),
                *("-T", "share the on-call doc", "--mood", "4", "--talk", "40%", "--status"),
            ],
            6,
            "copy",
        ),
        # Everyone's open follow-ups (hundreds, some years old), oldest first, as one table.
        Command("oneonone todo", ["todo"], 8),
        # The week's digest: the notes of 7 days, and the 30-day theme report for the themes
        # mentioned again (the roll-up is warm, as after the first `themes`).
        # At 500 people a week holds ~900 1:1s and ~2,800 notes: the table (~1,900 lines) costs
        # most of the time, so the digest itself is timed too, as JSON.
        Command("oneonone week", ["week"], 12),
        Command("oneonone week --json", ["week", "--json"], 12),
        Command("oneonone due", ["due"], 10),
        Command("oneonone themes --since 30d", ["themes", "--since", "30d"], 12),
        Command("oneonone themes --since 365d", ["themes", "--since", "365d"], 15),
        Command("oneonone prompts alice", ["prompts", "alice"], 10),
        Command("oneonone show alice", ["show", "alice"], 10),
        # The brief: cadence, follow-ups, notes, the 90-day themes of the team, prompts.
        Command("oneonone prep alice", ["prep", "alice"], 10),
        # Every person's 1:1s of the last 90 days and the team's figures.
        Command("oneonone health", ["health"], 12),
        # A word in tens of thousands of notes: every match is ranked to find the top 20.
        Command("oneonone search flaky", ["search", "flaky"], 10),
        # Someone's latest notes on a prefix: the filters must not make the index run per note.
        Command(
            "oneonone search pipeline* --person alice --newest",
            ["search", "pipeline*", "--person", "alice", "--newest"],
            10,
        ),
        # A Tab press: the shell runs oneonone with _ONEONONE_COMPLETE set (cli/completers.py).
        # Every command module is loaded (as for --help), then the journal is read read-only.
        Command("complete: oneonone <Tab>", [], 10, env=complete_env("oneonone ")),
        Command("complete: oneonone log a<Tab>", [], 10, env=complete_env("oneonone log a")),
        Command(
            "complete (zsh): oneonone log a<Tab>",
            [],
            10,
            env={"_ONEONONE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "oneonone log a"},
        ),
        Command(
            "complete: oneonone log alice --asked r-<Tab>",
            [],
            10,
            env=complete_env("oneonone log alice --asked r-"),
        ),
        # Open follow-ups' IDs (hundreds open among many done), newest first, with their text.
        Command(
            "complete: oneonone todo done <Tab>", [], 10, env=complete_env("oneonone todo done ")
        ),
    ]


def complete_env(line: str) -> dict[str, str]:
    """The environment bash's completion script gives oneonone for `line` (cursor at its end)."""
    return {
        "_ONEONONE_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split(" ")) - 1),
    }


# Peak memory is read with os.wait4, but Linux keeps in a process's ru_maxrss the high-water
# mark of the memory it ran in before its exec: a child spawned from this script (20 MiB and
# growing) would report at least that. So a small launcher process, started once with no site
# imports, spawns every timed process and times it; its own high-water mark (printed with the
# table) is the floor of what can be measured, below every command's real peak.
LAUNCHER = r"""
import os, sys, time
out = sys.stdout
null = os.devnull
for line in sys.stdin:
    db, today, err, extra, *argv = line.rstrip("\n").split("\x1f")
    env = dict(os.environ, ONEONONE_DB=db, ONEONONE_TODAY=today)
    env.update(kv.split("=", 1) for kv in extra.split("\x1e") if kv)
    actions = [(os.POSIX_SPAWN_OPEN, 0, null, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, null, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter_ns() - start
    code = os.waitstatus_to_exitcode(status)
    out.write(f"{wall} {ru.ru_utime + ru.ru_stime} {ru.ru_maxrss} {code}\n")
    out.flush()
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")]
out.write((hwm[0].split()[1] if hwm else "0") + "\n")
"""


class Launcher:
    """Runs cold processes for us from a small process: see LAUNCHER."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(
        self, argv: list[str], db: Path, today: date, err: Path, env: dict[str, str] | None = None
    ) -> tuple[float, ...]:
        """One cold process: (wall ms, cpu ms, peak RSS MiB, exit code). Output to /dev/null."""
        assert self.proc.stdin and self.proc.stdout
        extra = "\x1e".join(f"{k}={v}" for k, v in (env or {}).items())
        fields = [str(db), today.isoformat(), str(err), extra, *argv]
        self.proc.stdin.write("\x1f".join(fields) + "\n")
        self.proc.stdin.flush()
        wall, cpu, rss, code = self.proc.stdout.readline().split()
        return int(wall) / 1e6, float(cpu) * 1000, int(rss) / 1024, int(code)

    def close(self) -> float:
        """Stop it; its own peak RSS in MiB."""
        out, _ = self.proc.communicate()
        return int(out.split()[-1] or 0) / 1024


def journal_size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 2**20


def journal_today(path: Path) -> date:
    """The journal's last day, so that reports read it as of the day it was generated."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (last,) = conn.execute("SELECT MAX(date) FROM meetings").fetchone()
    finally:
        conn.close()
    return date.fromisoformat(last) if last else date.today()


def generate(path: Path, today: date) -> tuple[float, float, str]:
    """Run the generator as its own process: (wall s, peak RSS MiB, what it printed)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = path.parent / "generate.out"
    argv = [sys.executable, str(GENERATOR), str(path), "--today", today.isoformat()]
    start = time.perf_counter()
    with out.open("w") as sink:
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    text = out.read_text().strip()
    if proc.returncode != 0:
        sys.exit(f"perf.py: the generator failed:\n{text}")
    return wall, usage.ru_maxrss / 1024, text


def copy_journal(path: Path, folder: Path, name: str = "journal-copy.db") -> Path:
    """A copy for commands that write. The WAL is checkpointed first so one file is the whole."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    copy = folder / name
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{copy}{suffix}")
            os.chmod(f"{copy}{suffix}", 0o600)  # as the store makes it: no permissions warning
    return copy


def environment(db: Path, today: date) -> dict[str, str]:
    """The commands' environment: the journal and today pinned, and this checkout's `src`
    first on the path, so the code measured is the code beside this script."""
    env = dict(os.environ)
    for name in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE", "PYTHONTRACEMALLOC"):
        env.pop(name, None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env["ONEONONE_DB"] = str(db)
    env["ONEONONE_TODAY"] = today.isoformat()
    return env


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("typer", "rich", "sqlite-utils", "pydantic"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} -")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help=f"the journal to read (default: {DEFAULT_DB})")
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command")
    parser.add_argument(
        "--generate", action="store_true", help="(re)generate the default journal first and time it"
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        help="the pinned today (default: the journal's last 1:1)",
    )
    parser.add_argument("--seed", type=int, default=1, help="order of the runs in each round")
    parser.add_argument(
        "--only",
        action="extend",
        nargs="+",
        metavar="TEXT",
        help="time only the commands whose label contains one of these (repeatable; the"
        " warm-up still runs `themes --since 365d` first)",
    )
    args = parser.parse_args(argv)
    db = (args.db or DEFAULT_DB).expanduser().resolve()
    if args.generate and args.db is not None and db.exists() and db.parent != BENCH_DIR:
        parser.error(f"--generate would replace {db}: delete it yourself, or leave out --db")

    gen: tuple[float, float, str] | None = None
    today = args.today
    if args.generate or not db.exists():
        today = today or date.today()
        print(f"generating {db} ...", file=sys.stderr)
        gen = generate(db, today)
        print(gen[2], file=sys.stderr)
    today = today or journal_today(db)
    size = journal_size_mib(db)

    work = Path(tempfile.mkdtemp(prefix="oneonone-perf-"))
    floor = Command("python -c pass", [], 0)
    cmds = [c for c in commands() if not args.only or any(t in c.label for t in args.only)]
    base = [sys.executable, "-m", "oneonone_cli"]

    def argv_of(c: Command) -> list[str]:
        return (
            [sys.executable, str(HERE / "floors" / c.floor), *c.args] if c.floor else base + c.args
        )

    env_big = environment(db, today)
    where = "import oneonone_cli, os; print(os.path.dirname(oneonone_cli.__file__))"
    measured = subprocess.run(
        [sys.executable, "-c", where], env=env_big, capture_output=True, text=True
    ).stdout.strip()
    try:
        # Warm-up, un-timed: the theme roll-up first (it writes note_themes into the journal,
        # once), then every command once so the disk cache and the bytecode cache are warm.
        year = next(c for c in commands() if c.args[-1:] == ["365d"])
        print(
            "warming up: themes --since 365d (fills the theme roll-up), then each command once",
            file=sys.stderr,
        )
        start = time.perf_counter()
        first = subprocess.run(base + year.args, env=env_big, capture_output=True, text=True)
        roll_up_s = time.perf_counter() - start
        if first.returncode != 0:
            print(f"themes --since 365d failed: {first.stderr.strip()}", file=sys.stderr)
        copy = copy_journal(db, work)
        floor_copy = copy_journal(db, work, "floor-copy.db")
        envs = {
            "big": env_big,
            "copy": environment(copy, today),
            "floor-copy": environment(floor_copy, today),
        }
        lines: dict[str, int] = {}
        for c in cmds:
            done = subprocess.run(
                argv_of(c),
                env={**envs[c.journal], **c.env},
                capture_output=True,
                text=True,
                stdin=subprocess.DEVNULL,
            )
            lines[c.label] = done.stdout.count("\n")
            if done.returncode != 0:
                c.failures.append(f"exit {done.returncode}: {done.stderr.strip()[:200]}")
        subprocess.run([sys.executable, "-c", "pass"], check=False)

        err = work / "stderr.txt"
        dbs = {"big": db, "copy": copy, "floor-copy": floor_copy}
        launcher = Launcher(environment(db, today))
        rng = random.Random(args.seed)
        for _ in range(args.runs):
            order = list(cmds)
            rng.shuffle(order)  # no command always runs right after another
            for c in order:
                for target, argv, env in (
                    (floor, [sys.executable, "-c", "pass"], {}),
                    (c, argv_of(c), c.env),
                ):
                    wall, cpu, rss, code = launcher.run(argv, dbs[c.journal], today, err, env)
                    target.wall.append(wall)
                    target.cpu.append(cpu)
                    target.rss.append(rss)
                    if code != 0 and len(target.failures) < 3:
                        target.failures.append(f"exit {code}: {err.read_text().strip()[:200]}")
        launcher_rss = launcher.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    f_ms = statistics.median(floor.wall)
    met = total = 0
    print()
    print(
        f"oneonone cold-start benchmark, {args.runs} runs each, interleaved with "
        f"`python -c pass` ({len(floor.wall)} runs)"
    )
    print(f"journal: {db} ({size:.1f} MiB), today pinned to {today}; code: {measured}")
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.2f}; {versions()}"
    )
    print(
        f"warm-up: the first `themes --since 365d` (fills the theme roll-up when it is empty or"
        f" stale) took {roll_up_s * 1000:.0f} ms, not counted below"
    )
    print(
        f"peak RSS is each process's own ru_maxrss; the launcher's {launcher_rss:.1f} MiB is the"
        " lowest it can show"
    )
    print()
    # The target is on wall time; CPU time (user + sys) over F's is shown beside it because it
    # moves less when other work competes for the machine.
    f_cpu = statistics.median(floor.cpu)
    print(
        "| command | median ms | min ms | x F | target | ok | cpu ms | cpu x F | peak RSS MiB "
        "| lines out |"
    )
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    print(
        f"| F = python -c pass | {f_ms:.1f} | {min(floor.wall):.1f} | 1.0 | | | {f_cpu:.1f} | "
        f"1.0 | {max(floor.rss):.1f} | |"
    )
    for c in cmds:
        med = statistics.median(c.wall)
        ratio = med / f_ms
        cpu = statistics.median(c.cpu)
        if c.target is None:  # a floor: shown, not judged
            target, verdict = "", "failed" if c.failures else ""
        else:
            ok = ratio <= c.target and not c.failures
            met, total = met + ok, total + 1
            target, verdict = f"<= {c.target:g}", "yes" if ok else "NO"
        print(
            f"| {c.label} | {med:.1f} | {min(c.wall):.1f} | {ratio:.1f} | {target} | "
            f"{verdict} | {cpu:.1f} | {cpu / f_cpu:.1f} | {max(c.rss):.1f} | "
            f"{lines.get(c.label, 0)} |"
        )
    peak_cmd = max((c for c in cmds if c.floor is None), key=lambda c: max(c.rss))
    peak = max(peak_cmd.rss)
    ok = peak <= LIMIT_RSS_MIB
    met, total = met + ok, total + 1
    print()
    print("| measure | value | target | ok |")
    print("|---|---:|---:|---|")
    print(
        f"| peak memory of any command ({peak_cmd.label}) | {peak:.1f} MiB | "
        f"<= {LIMIT_RSS_MIB} MiB | {'yes' if ok else 'NO'} |"
    )
    if gen is not None:
        ok = gen[0] <= LIMIT_GENERATE_S
        met, total = met + ok, total + 1
        print(
            f"| generating 300k notes (whole process, peak RSS {gen[1]:.0f} MiB) | "
            f"{gen[0]:.1f} s | <= {LIMIT_GENERATE_S} s | {'yes' if ok else 'NO'} |"
        )
    else:
        print(
            f"| generating 300k notes | not measured (pass --generate) | "
            f"<= {LIMIT_GENERATE_S} s | |"
        )
    after = journal_size_mib(db)  # with the theme roll-up the runs filled
    ok = max(size, after) <= LIMIT_FILE_MIB
    met, total = met + ok, total + 1
    print(
        f"| database file (as generated; after the runs, with the theme roll-up) | "
        f"{size:.1f} MiB; {after:.1f} MiB | <= {LIMIT_FILE_MIB} MiB | {'yes' if ok else 'NO'} |"
    )
    for c in [floor, *cmds]:
        for failure in c.failures:
            print(f"\n{c.label} failed: {failure}")
    print()
    print(f"targets met: {met}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
