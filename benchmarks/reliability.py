"""Reliability benchmark: the heavy profile of the reliability and property tests, with figures.

    python benchmarks/reliability.py                 # everything (several minutes on 2 cores)
    python benchmarks/reliability.py --parts kill9 --kills 50
    python benchmarks/reliability.py --scale 0.1     # a tenth of the hypothesis examples

It runs the `slow`-marked tests of tests/test_reliability.py and tests/test_properties.py with
ONEONONE_SLOW=1 (plain `pytest`, as in CI, skips them), collects the figures those tests write
to ONEONONE_RELIABILITY_REPORT, and prints:
- concurrent writers and notes kept (8 writers x 50 `log` calls: real processes, and a tight
  in-process loop through the CLI entry point for maximum contention);
- kill -9 trials and failures (real `log` processes, a one-transaction bulk import, many
  small commits, and the very first write to a new journal);
- hypothesis examples run and failures, per property and in total;
- editor sessions ended by SIGTERM, SIGHUP, kill -9 of `log` or a failed write, each followed by
  the recovery the manager is told about: typed notes lost or duplicated, drafts and plaintext
  left behind (a plain and an encrypted journal; tests/test_editor_flow.py).
- follow-ups and signals (issue 15): `log -R -F -T -T --mood --talk --status` killed at random
  moments (the 1:1 kept whole, its notes, follow-ups and signals, or not at all), and 8 writers
  running `log -T --mood` and `todo add` at once (every follow-up kept, in its own 1:1);
- the journal file: `encrypt` racing `log` processes (every note reported logged is in the
  encrypted journal), kill -9 during `encrypt` (a journal is always at the path, with every
  note) and during `backup PATH` (the copy is absent or complete; a retry works);
- fixes (tests/test_fix_reliability.py): kill -9 at random moments of `note edit|move|kind|rm`,
  `meeting edit|rm`, `trash restore`, `rename`, `cancel --undo`, and concurrent writers running
  them on one journal: every note found exactly once (in the notes or the trash), integrity,
  foreign keys, the search index and the roll-up checked after each;
- editor files on an encrypted journal (tests/test_draft_leftovers.py, `drafts`): `log -e` or
  `note edit -e` killed with SIGKILL at a random moment (mostly while the editor holds typed
  text), the next command killed at a random moment too (perhaps while it encrypts the file
  left behind), then one run to its end: no plaintext left, the typed text offered by the next
  `log -e` / `note edit -e` and kept exactly once.
The exit code is 1 when any part failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = {
    "concurrency": ["tests/test_reliability.py", "-k", "slow_eight"],
    "kill9": ["tests/test_reliability.py", "-k", "slow_kill"],
    "properties": ["tests/test_properties.py", "-k", "large_profile"],
    "editor": ["tests/test_editor_flow.py", "-k", "slow_editor"],
    "concurrent_edits": ["tests/test_store_errors.py", "-k", "slow_concurrent_edits"],
    "encrypt": ["tests/test_journal_file.py", "-k", "slow_encrypt or slow_kill_9_during_encrypt"],
    "backup": ["tests/test_journal_file.py", "-k", "slow_kill_9_during_backup"],
    "capture": ["tests/test_todo.py", "-k", "slow_capture"],
    "fix_kill9": ["tests/test_fix_reliability.py", "-k", "slow_fix_kill"],
    "fix_concurrency": ["tests/test_fix_reliability.py", "-k", "slow_fix_concurrent"],
    "drafts": ["tests/test_draft_leftovers.py", "-k", "slow_draft_leftovers"],
}


def run_part(name: str, report: Path, env: dict) -> tuple[int, str, float]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-m",
        "slow",
        "-p",
        "no:cacheprovider",
        "-rfEx",
        *PARTS[name],
    ]
    started = time.monotonic()
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**env, "ONEONONE_RELIABILITY_REPORT": str(report)},
        check=False,
        capture_output=True,
        text=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else result.stderr.strip()[-300:]
    return result.returncode, summary, time.monotonic() - started


def records(report: Path, part: str) -> list[dict]:
    if not report.exists():
        return []
    rows = [json.loads(line) for line in report.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["part"] == part]


def show_concurrency(rows: list[dict]) -> bool:
    ok = True
    for r in rows:
        clean = not r["failed_calls"] and r["kept"] == r["expected"] and not r["duplicates"]
        verdict = "ok" if clean and r["integrity"] == "ok" else "FAILED"
        ok &= verdict != "FAILED"
        print(
            f"  {r['writers']} writers x {r['calls']} log calls, {r['mode']}: "
            f"{r['kept']}/{r['expected']} notes kept, {r['duplicates']} duplicated, "
            f"{r['failed_calls']} failed calls, {r['locked_messages']} 'locked'/'busy' "
            f"errors, integrity {r['integrity']}, {r['seconds']} s: {verdict}"
        )
        for error in r["errors"][:2]:
            print(f"      {error.splitlines()[0][:150]}")
    return ok


def show_kills(rows: list[dict]) -> bool:
    ok = True
    for r in rows:
        ok &= r["failures"] == 0
        print(
            f"  {r['trials']} trials, {r['killed_mid_run']} killed while running, "
            f"{r['failures']} failures (integrity or all-or-nothing), "
            f"seed {r['seed']}, "
            f"{r['seconds']} s"
        )
        print(f"      outcomes: {json.dumps(r['outcomes'], sort_keys=True)}")
        timing = json.dumps(r["timing"], sort_keys=True)
        print(f"      usual durations the kill delays scale with (s): {timing}")
        for detail in r["failure_details"]:
            print(f"      {detail[:160]}")
    return ok


def show_concurrent_edits(rows: list[dict]) -> bool:
    ok = True
    for r in rows:
        clean = r["lost_updates"] == 0 and r["failed_calls"] == 0
        ok &= clean
        print(
            f"  {r['trials']} trials of edit --name, archive and add of one person at once: "
            f"{r['lost_updates']} lost updates, {r['failed_calls']} trials with a failed or "
            f"wrong call: {'ok' if clean else 'FAILED'}"
        )
    return ok


def show_journal_file(rows: list[dict]) -> bool:
    """`encrypt` racing `log` processes, and kill -9 at random moments of encrypt or backup."""
    ok = True
    for r in rows:
        ok &= r["failures"] == 0
        if r["kind"] == "race":
            if "trials" not in r:
                continue  # a single race of the fast profile
            print(
                f"  encrypt racing 4 writers x 12 log calls: {r['trials']} trials, "
                f"{r['notes_reported']} notes reported logged, {r['failures']} failures "
                f"(a reported note missing, or encrypt failed), {r['failed_calls']} log calls "
                "refused with one line"
            )
            for error in r["errors"][:3]:
                print(f"      {error[:150]}")
        else:
            print(
                f"  kill -9 during {r['part']}: {r['trials']} trials, {r['killed_mid_run']} "
                f"killed while running, {r['failures']} failures"
            )
        for detail in r.get("details", []):
            print(f"      {str(detail)[:200]}")
    return ok


def show_capture(rows: list[dict]) -> bool:
    """log with follow-ups and signals under kill -9; log -T and todo add from many writers."""
    ok = True
    for r in rows:
        if r["kind"] == "kill9":
            clean = r["failures"] == 0
            print(
                f"  log -R -F -T -T --mood --talk --status killed: {r['trials']} trials, "
                f"{r['killed_mid_run']} killed while running, {r['kept_whole']} kept whole, "
                f"{r['failures']} failures (kept in part, or damaged), seed {r['seed']}"
            )
            for detail in r["details"]:
                print(f"      {detail[:160]}")
        else:
            clean = (
                r["integrity"] == "ok"
                and not r["failed_calls"]
                and not r["duplicates"]
                and r["follow_ups_kept"] == r["follow_ups_expected"]
            )
            print(
                f"  {r['writers']} writers x {r['calls']} calls (log -T --mood, todo add) at "
                f"once: {r['follow_ups_kept']}/{r['follow_ups_expected']} follow-ups kept, "
                f"{r['follow_ups_in_their_1on1']} in their 1:1, {r['duplicates']} duplicated, "
                f"{r['failed_calls']} failed calls, integrity {r['integrity']}, "
                f"{r['seconds']} s"
            )
            for error in r["errors"][:2]:
                print(f"      {error.splitlines()[0][:150]}")
        ok &= clean
    return ok


def show_fix_concurrency(rows: list[dict]) -> bool:
    ok = True
    for r in rows:
        clean = not r["failed_calls"] and not r["problems"] and r["integrity"] == "ok"
        ok &= clean
        print(
            f"  {r['writers']} writers x {r['calls']} fix commands (note edit/move/kind/rm, "
            f"meeting edit (date, signals)/rm, todo edit, trash restore, rename, cancel --undo)"
            f" on one journal: "
            f"{r['succeeded']} done, {r['refused_races']} refused in one line (the note or "
            f"item was gone or renamed by another), {r['failed_calls']} failed calls, "
            f"{r['locked_messages']} 'locked'/'busy', problems {r['problems'] or 'none'}, "
            f"integrity {r['integrity']}, {r['seconds']} s: {'ok' if clean else 'FAILED'}"
        )
        for error in r["errors"][:3]:
            print(f"      {error[:150]}")
    return ok


def show_properties(rows: list[dict]) -> bool:
    total = sum(r["examples"] for r in rows)
    failed = [r for r in rows if r["failed"]]
    for r in sorted(rows, key=lambda r: r["name"]):
        print(
            f"  {r['name']:<40} {r['examples']:>7} examples  {r['seconds']:>7} s"
            f"{'  FAILED' if r['failed'] else ''}"
        )
    print(
        f"  total: {total:,} hypothesis examples over {len(rows)} properties, "
        f"{len(failed)} failures"
    )
    return not failed


def show_editor(rows: list[dict]) -> bool:
    ok = True
    for r in sorted(rows, key=lambda r: r["encrypted"]):
        ok &= r["failures"] == 0
        journal = "encrypted" if r["encrypted"] else "plain"
        print(
            f"  {journal} journal: {r['trials']} editor sessions ended early, "
            f"{r['failures']} failures (a typed note lost or logged twice, a draft or "
            f"plaintext left behind), seed {r['seed']}, {r['seconds']} s"
        )
        print(f"      endings: {json.dumps(r['outcomes'], sort_keys=True)}")
        for detail in r["failure_details"]:
            print(f"      {detail[:160]}")
    return ok


def show_drafts(rows: list[dict]) -> bool:
    ok = True
    for r in rows:
        ok &= r["failures"] == 0
        print(
            f"  encrypted journal: {r['trials']} log -e / note edit -e killed (kill -9), "
            f"{r['typed_then_killed']} with typed text, {r['typed_kept_once']} of them kept "
            f"exactly once; {r['fold_killed']} next commands killed too; {r['failures']} "
            f"failures (plaintext left, text lost or kept twice, a draft left), seed "
            f"{r['seed']}, {r['seconds']} s"
        )
        print(f"      outcomes: {json.dumps(r['outcomes'], sort_keys=True)}")
        for detail in r["failure_details"]:
            print(f"      {detail[:160]}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", nargs="+", choices=list(PARTS), default=list(PARTS))
    parser.add_argument("--kills", type=int, default=200, help="kill -9 trials (default 200)")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiplies each property's large example count (default 1)",
    )
    parser.add_argument(
        "--editor-trials",
        type=int,
        default=40,
        help="editor sessions ended early, per journal kind (default 40)",
    )
    parser.add_argument(
        "--draft-trials",
        type=int,
        default=30,
        help="killed editor sessions on an encrypted journal (default 30)",
    )
    parser.add_argument("--seed", type=int, help="seed of the kill -9 delays and editor endings")
    parser.add_argument(
        "--edit-trials", type=int, default=80, help="concurrent edit trials (default 80)"
    )
    args = parser.parse_args()
    env = {
        **os.environ,
        "ONEONONE_SLOW": "1",
        "ONEONONE_KILLS": str(args.kills),
        "ONEONONE_EDIT_TRIALS": str(args.edit_trials),
        "ONEONONE_LARGE_SCALE": str(args.scale),
        "ONEONONE_EDITOR_TRIALS": str(args.editor_trials),
        "ONEONONE_DRAFT_TRIALS": str(args.draft_trials),
    }
    if args.seed is not None:
        env["ONEONONE_SEED"] = str(args.seed)
    print(
        f"oneonone reliability benchmark: Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.system()}"
    )
    shows = {
        "concurrency": show_concurrency,
        "kill9": show_kills,
        "properties": show_properties,
        "editor": show_editor,
        "concurrent_edits": show_concurrent_edits,
        "encrypt": show_journal_file,
        "backup": show_journal_file,
        "capture": show_capture,
        "fix_kill9": show_kills,
        "fix_concurrency": show_fix_concurrency,
        "drafts": show_drafts,
    }
    titles = {
        "concurrency": "Concurrent writers",
        "kill9": "kill -9 during writes",
        "properties": "Hypothesis, large profile",
        "editor": "Editor sessions ended by signals, kill -9 and failed writes",
        "concurrent_edits": "Concurrent edits of one person (lost updates)",
        "encrypt": "encrypt: racing writers, kill -9 (the journal always at its path, every note)",
        "backup": "backup PATH under kill -9 (absent or a complete copy; retry works)",
        "capture": "Follow-ups and signals: kill -9 of log, concurrent log -T and todo add",
        "fix_kill9": (
            "kill -9 during fixes (note edit/move/kind/rm, meeting edit (date, signals)/rm,"
            " todo edit, trash restore, rename, cancel --undo): every note and follow-up once,"
            " in the journal or the trash"
        ),
        "fix_concurrency": (
            "Concurrent fixes: every note and follow-up once, in the journal or the trash"
        ),
        "drafts": "Encrypted journal: editor files of killed runs (no plaintext left, text kept once)",
    }
    all_ok = True
    with tempfile.TemporaryDirectory() as folder:
        for part in args.parts:
            report = Path(folder) / f"{part}.jsonl"
            code, summary, seconds = run_part(part, report, env)
            print(f"\n{titles[part]} (pytest: {summary}; {seconds:.0f} s)")
            rows = records(report, "property" if part == "properties" else part)
            if not rows:
                print("  no figures were reported: see the pytest summary above")
                all_ok = False
                continue
            all_ok &= shows[part](rows) and code == 0
    print("\nresult:", "ok" if all_ok else "FAILURES (see above)")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
