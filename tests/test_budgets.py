"""Guards for speed that do not time anything: what each command imports, and that report
queries use indexes. Timings live in benchmarks/perf.py."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from oneonone_cli.domain.records import NoteDraft, Person
from oneonone_cli.services.history import due_report
from oneonone_cli.services.prompts import person_prompts
from oneonone_cli.services.themes import ThemeQuery, themes_report
from oneonone_cli.store.core import Store

# The command line comes as one argument split on \x1f, and json is imported only to print the
# result: what the command itself imports is all that is listed.
PROBE = """
import runpy, sys
sys.argv = ["oneonone", *filter(None, sys.argv[1].split("\\x1f"))]
try:
    runpy.run_module("oneonone_cli", run_name="__main__")
except SystemExit:
    pass
loaded = sorted(sys.modules)
import json
sys.stdout = sys.__stdout__
print(json.dumps(loaded))
"""

# Heavy modules and what they would cost at start-up (measured, see benchmarks/README.md).
NEVER = {"pydantic", "sqlite_utils", "dateutil.parser"}  # 75+, 45, 35 ms
# rich 25-40 ms, the theme engine ~20 ms; dateutil's relativedelta (and calendar) ~1.5 ms, only
# for month arithmetic and weekday names.
NOT_FOR_LOG = NEVER | {
    "rich",
    "rich.console",
    "oneonone_cli.themes.lexicon",
    "oneonone_cli.themes.index",
    "oneonone_cli.themes.analysis",
    "dateutil.relativedelta",
}
NOT_FOR_THEMES = NEVER | {"hashlib", "_hashlib"}  # OpenSSL: 3.5 MiB, 3 ms
# json ~1 ms; dataclasses ~0.5 ms plus ~0.6 ms for each class it makes.
NOT_FOR_HELP = NOT_FOR_LOG | {
    "sqlite3",
    "oneonone_cli.store.core",
    "oneonone_cli.domain.dates",
    "json",
    "dataclasses",
}
# A table: none of rich's 3,600 emoji codes (~3 ms; titles are not markup), nor its pretty-printer
# and traceback renderer (loaded when rich is handed a plain object, or an exception).
NOT_FOR_TABLES = NEVER | {"rich._emoji_codes", "rich.pretty", "rich.traceback"}


def modules_after(args, journal) -> set[str]:
    env = {**os.environ, "ONEONONE_DB": str(journal), "ONEONONE_TODAY": "2026-03-02"}
    out = (
        subprocess.run(
            [sys.executable, "-c", PROBE, "\x1f".join(args)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return set(json.loads(out))


def test_help_imports_no_heavy_module(journal):
    assert modules_after(["--help"], journal) & NOT_FOR_HELP == set()


def test_log_imports_no_heavy_module(run, journal):
    run("add", "alice")
    assert modules_after(["log", "alice", "-R", "slow CI #ci"], journal) & NOT_FOR_LOG == set()
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 1


def test_tables_load_no_emoji_codes(run, journal):
    run("add", "alice", "--name", "Alice :smile: Smith")
    run("log", "alice", "-R", "slow CI :fire: #ci")
    for args in (["due", "--all"], ["show", "alice"]):
        loaded = modules_after(args, journal)
        assert "rich.table" in loaded, args  # it did draw a table
        assert loaded & NOT_FOR_TABLES == set(), args


def test_a_run_pauses_the_garbage_collector_and_restores_it(monkeypatch, capsys):
    from oneonone_cli.cli import main as cli

    during = []
    register = cli.register
    monkeypatch.setattr(
        cli, "register", lambda name=None: (during.append(gc.isenabled()), register(name))
    )
    monkeypatch.setattr(sys, "argv", ["oneonone", "due", "--help"])
    try:
        with pytest.raises(SystemExit):
            cli.main()
        assert during == [False]
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # main() froze this test process's objects out of the collector's sight


def test_themes_loads_no_openssl(run, journal):
    run("add", "alice")
    run("log", "alice", "-R", "paged at 3am again")
    assert modules_after(["themes", "--json"], journal) & NOT_FOR_THEMES == set()


def test_a_command_builds_only_its_own_module(journal):
    from oneonone_cli.cli.main import COMMANDS

    loaded = modules_after(["due", "--json"], journal)
    assert "oneonone_cli.cli.history" in loaded
    commands = set(COMMANDS.values())
    assert {
        m for m in loaded if m.startswith("oneonone_cli.cli.") and m.rpartition(".")[2] in commands
    } == {"oneonone_cli.cli.history"}


def test_command_table_matches_what_the_modules_register():
    from oneonone_cli.cli import main as cli

    app = cli.app  # registers every module
    registered = {
        (info.name or info.callback.__name__.replace("_", "-")): info.callback.__module__
        for info in app.registered_commands
    }
    registered.update(
        {
            g.name: g.typer_instance.registered_callback.callback.__module__
            for g in app.registered_groups
        }
    )
    assert {name: f"oneonone_cli.cli.{m}" for name, m in cli.COMMANDS.items()} == registered


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ([], None),
        (["--help"], None),
        (["log", "alice"], "log"),
        (["--db", "due", "show"], "show"),  # --db takes a value, even one named like a command
        (["--db=x.db", "due"], "due"),
        (["--version"], None),
        (["--", "due"], None),
    ],
)
def test_command_name_skips_root_options(args, name):
    from oneonone_cli.cli.main import command_name

    assert command_name(args) == name


@pytest.fixture
def traced(tmp_path):
    store = Store.open(tmp_path / "j.db", create=True)
    for handle in ("alice", "bob", "chen"):
        store.add_person(
            Person.new(handle, name=None, relationship="report", every=None, today=date(2026, 1, 1))
        )
    store.log_meeting(
        "alice", date(2026, 2, 1), [NoteDraft("roadblock", "paged at 3am again")], ["m-meaning"]
    )
    store.cancel("bob", date(2026, 2, 2), None)
    store.reschedule("chen", date(2026, 2, 3), date(2026, 3, 5), None)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    return store, statements


def full_scans(store: Store, statements: list[str]) -> list[str]:
    """Statements whose plan reads every row of the big tables (notes, meetings, uses)."""
    bad = []
    for sql in statements:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        try:
            plan = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        except sqlite3.Error:
            continue  # a statement with bound parameters inlined differently: skip
        for row in plan:
            detail = row[-1]
            if any(
                f"SCAN {t}" in detail and "INDEX" not in detail
                for t in ("notes", "meetings", "prompt_uses", "note_themes", "n", "t")
            ):
                bad.append(f"{detail}: {sql}")
    return bad


def test_report_queries_use_indexes(traced):
    store, statements = traced
    today = date(2026, 3, 2)
    due_report(store, today, until=today)
    person_prompts(store, "alice")
    store.history("alice", since=None, kind=None, limit=10)
    themes_report(store, ThemeQuery(date(2026, 1, 31), today))
    themes_report(store, ThemeQuery(date(2025, 3, 2), today, person="alice", kind="all"))
    assert any("FROM note_themes" in s for s in statements), "the roll-up was not read"
    assert statements, "the trace callback saw nothing"
    assert full_scans(store, statements) == []
