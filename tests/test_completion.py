"""Shell completion: the scripts, completing commands, options and values from the journal,
in process (CliRunner) and as the shell runs it (a fresh process; bash for real)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli.cli.main import COMMANDS
from oneonone_cli.services import completion as service
from oneonone_cli.store.lookup import Lookup, id_ranges

FIXTURES = Path(__file__).parent / "fixtures"
BIN = Path(sys.executable).parent


def complete(run, line: str, *, shell: str = "bash", code: int = 0) -> list[str]:
    """What the shell would offer for `line` (the cursor at its end), in process."""
    words = line.split(" ")
    if shell == "bash":
        env = {
            "_ONEONONE_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
    else:
        env = {"_ONEONONE_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = run(*[], env=env, code=code)
    return [line for line in result.stdout.splitlines() if line]


def complete_in_a_process(line: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    words = line.split(" ")
    env = {
        **os.environ,
        "_ONEONONE_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
        **(env_extra or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "oneonone_cli"], capture_output=True, text=True, env=env
    )


@pytest.fixture
def team(run):
    run("add", "alice", "--name", "Alice Smith")
    run("add", "bob")
    run("add", "bella")
    run("add", "chen", "--as", "peer")
    run("archive", "bella")
    run("log", "alice", "-R", "paged at 3am again #oncall", "-M", "proud of the launch")
    run("log", "bob", "--on", "yesterday", "-R", "slow reviews")
    return run


# ---------------------------------------------------------------- commands and options


def test_every_command_completes_in_help_order(run):
    assert complete(run, "oneonone ") == list(COMMANDS)


def test_a_fresh_process_completes_every_command_and_subcommand(team):
    # main() registers only the command named; a Tab press must still see them all.
    done = complete_in_a_process("oneonone ")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == list(COMMANDS)
    assert done.stderr == ""
    sub = complete_in_a_process("oneonone themes ")
    assert {"show", "lexicon", "add-term", "undismiss"} <= set(sub.stdout.split())
    handles = complete_in_a_process("oneonone log ")
    assert handles.stdout.split() == ["alice", "bob", "chen"]


def test_prefixes_of_commands_and_options(run):
    from oneonone_cli.cli.main import COMMANDS

    # Every command with the prefix, in --help's order (new commands included as they come).
    for prefix in ("re", "c", "t"):
        expected = [name for name in COMMANDS if name.startswith(prefix)]
        assert len(expected) >= 2 and complete(run, f"oneonone {prefix}") == expected
    assert {"reschedule", "rename"} <= set(complete(run, "oneonone re"))
    assert {"cancel", "config", "completion"} <= set(complete(run, "oneonone c"))
    offered = complete(run, "oneonone log alice --")
    assert {"--on", "--roadblock", "--morale", "--asked", "--json", "--help"} <= set(offered)
    assert complete(run, "oneonone --d") == ["--db"]


def test_subcommands_of_groups(run):
    assert complete(run, "oneonone config ") == ["path", "show", "set", "unset"]
    assert complete(run, "oneonone db ") == ["path"]
    assert complete(run, "oneonone completion ") == ["bash", "zsh", "fish"]


def test_settings_keys_complete(run):
    assert complete(run, "oneonone config set cadence.") == [
        "cadence.report",
        "cadence.skip-level",
        "cadence.teammate",
        "cadence.peer",
        "cadence.cross-team",
    ]


# ---------------------------------------------------------------- values from the journal


def test_handles_complete_active_people(team):
    assert complete(team, "oneonone log ") == ["alice", "bob", "chen"]
    assert complete(team, "oneonone log b") == ["bob"]  # bella is archived
    assert complete(team, "oneonone cancel c") == ["chen"]
    assert complete(team, "oneonone themes --person a") == ["alice"]
    assert complete(team, "oneonone search x --person ") == ["alice", "bob", "chen"]


def test_show_and_archive_complete_archived_people_too(team):
    assert complete(team, "oneonone show b") == ["bella", "bob"]
    assert complete(team, "oneonone archive --undo b") == ["bella", "bob"]


def test_zsh_and_fish_show_names_beside_handles(team):
    zsh = "\n".join(complete(team, "oneonone log a", shell="zsh"))
    assert '"alice":"Alice Smith"' in zsh
    fish = complete(team, "oneonone log a", shell="fish")
    assert fish == ["alice\tAlice Smith"]


def test_prompt_ids_complete_without_retired_ones(team):
    assert complete(team, "oneonone log alice --asked m-mea") == ["m-meaning"]
    team("prompts", "add", "What would you stop doing?", "--kind", "morale", "--for", "reports")
    own = [p["id"] for p in team.json("prompts", "--all") if not p["builtin"]]
    assert own and own[0] in complete(team, f"oneonone prompts retire {own[0][:3]}")
    team("prompts", "retire", "m-meaning")
    assert complete(team, "oneonone log alice --asked m-mea") == []


def test_theme_keys_complete_built_in_and_yours(team):
    assert complete(team, "oneonone themes show onc") == ["oncall"]
    assert complete(team, "oneonone themes add-term deploy") == []
    team("themes", "add-term", "deploy-freeze", "code freeze", "--new")
    assert complete(team, "oneonone themes add-term deploy") == ["deploy-freeze"]
    assert complete(team, "oneonone themes remove-term deploy") == ["deploy-freeze"]


def test_undismiss_completes_the_dismissed_keys(team, journal):
    with sqlite3.connect(journal) as conn:
        conn.execute(
            "INSERT INTO dismissed_themes (key, dismissed) VALUES ('phrase:staging env', '2026-03-01')"
        )
    assert complete(team, "oneonone themes undismiss phr") == ["phrase:staging env"]


def test_note_ids_newest_first_with_their_text(team, journal):
    notes = service.note_ids(journal, "")
    assert [n for n, _ in notes] == ["3", "2", "1"]
    assert notes[0][1] == "2026-03-01 bob roadblock: slow reviews"
    assert [n for n, _ in service.note_ids(journal, "", person="alice")] == ["2", "1"]
    assert service.note_ids(journal, "4") == []
    assert service.note_ids(journal, "x") == []
    assert service.note_ids(journal, "01") == []  # no ID starts with 0


def test_note_ids_at_the_limit_and_by_prefix(tmp_path):
    path = tmp_path / "many.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, date, person, kind, text)")
        conn.executemany(
            "INSERT INTO notes VALUES (?, '2026-01-01', 'alice', 'morale', 'x')",
            [(i,) for i in range(1, 1301)],
        )
    ids = [int(n) for n, _ in service.note_ids(path, "12", limit=20)]
    assert ids == list(range(1299, 1279, -1))  # the newest 20 of 12, 120-129, 1200-1299
    assert [int(n) for n, _ in service.note_ids(path, "13", limit=5)] == [1300, 139, 138, 137, 136]
    assert len(service.note_ids(path, "", limit=20)) == 20
    assert len(service.note_ids(path, "", limit=21)) == 21


def test_long_note_text_is_cut_for_the_help():
    shown = service._note_help("2026-01-01", "alice", "morale", "word " * 40)
    assert len(shown) == len("2026-01-01 alice morale: ") + service.NOTE_HELP_CHARS
    assert shown.endswith("…")
    exact = service._note_help("d", "p", "k", "x" * service.NOTE_HELP_CHARS)
    assert exact == "d p k: " + "x" * service.NOTE_HELP_CHARS  # at the limit: not cut


@given(prefix=st.integers(min_value=1, max_value=5000), highest=st.integers(0, 60_000))
def test_id_ranges_are_exactly_the_ids_with_that_prefix(prefix, highest):
    ranges = id_ranges(str(prefix), highest)
    covered = {i for low, high in ranges for i in range(low, high + 1)}
    expected = {i for i in range(1, highest + 1) if str(i).startswith(str(prefix))}
    assert covered == expected


def test_the_db_option_names_the_journal_completed_from(team, tmp_path):
    other = tmp_path / "other.db"
    team("--db", str(other), "add", "zoe")
    assert complete(team, f"oneonone --db {other} log ") == ["zoe"]


# ---------------------------------------------------------------- read-only, quiet, safe


def test_a_missing_journal_completes_nothing_and_is_not_created(run, tmp_path):
    missing = tmp_path / "nope" / "journal.db"
    assert complete(run, f"oneonone --db {missing} log ") == []
    assert not missing.parent.exists()


def test_completion_never_migrates_an_older_journal(run, journal):
    shutil.copyfile(FIXTURES / "schema_m001.sqlite", journal)
    before = journal.read_bytes()
    complete(run, "oneonone log ")
    complete(run, "oneonone themes show ")
    assert journal.read_bytes() == before
    assert sorted(p.name for p in journal.parent.iterdir() if p.name.startswith("journal")) == [
        "journal.db"
    ]


@pytest.mark.parametrize(
    "content",
    [b"not a database at all" * 100, (FIXTURES / "encrypted_journal.sqlite").read_bytes()],
    ids=["garbage", "encrypted"],
)
def test_an_unreadable_journal_completes_nothing_quietly(run, journal, content):
    journal.write_bytes(content)
    assert complete(run, "oneonone log ") == []
    assert complete(run, "oneonone log alice --asked m-mea") == ["m-meaning"]  # the bank still
    assert journal.read_bytes() == content


def test_a_journal_of_another_app_completes_nothing(run, journal):
    with sqlite3.connect(journal) as conn:
        conn.execute("CREATE TABLE other (x)")
    assert Lookup.open(journal).handles("") == []
    assert complete(run, "oneonone log ") == []


def test_an_error_in_a_completer_completes_nothing(team, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(service, "handles", broken)
    result = team(
        env={
            "_ONEONONE_COMPLETE": "complete_bash",
            "COMP_WORDS": "oneonone log ",
            "COMP_CWORD": "2",
        }
    )
    assert result.stdout == "\n" or result.stdout == ""
    assert "Traceback" not in result.stdout + result.stderr and result.stderr == ""


def test_an_error_in_the_machinery_exits_1_in_silence(run, monkeypatch):
    from typer import completion as typer_completion

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(typer_completion, "shell_complete", broken)
    result = run(
        env={"_ONEONONE_COMPLETE": "complete_bash", "COMP_WORDS": "oneonone ", "COMP_CWORD": "1"},
        code=1,
    )
    assert result.stdout == "" and result.stderr == ""


def test_an_empty_db_option_completes_nothing(run):
    assert complete(run, 'oneonone --db "" log ') == []


# ---------------------------------------------------------------- the scripts


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _oneonone_completion oneonone"),
        ("zsh", "compdef _oneonone_completion oneonone"),
        ("fish", "complete --command oneonone"),
    ],
)
def test_completion_prints_the_script(run, shell, marker):
    result = run("completion", shell)
    assert marker in result.stdout
    assert f"_ONEONONE_COMPLETE=complete_{shell}" in result.stdout
    assert result.stderr == ""  # `source <(oneonone completion bash)` prints nothing


def test_an_unknown_shell_is_a_usage_error(run):
    err = run.fails("completion", "tcsh", code=2)
    assert "tcsh" in err and "bash" in err


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_with_the_installed_script(team, journal):
    """The script as a user installs it, run by bash, with `oneonone` found on the PATH."""
    if not (BIN / "oneonone").exists():
        pytest.skip("the oneonone entry point is not installed in this environment")
    script = team("completion", "bash").stdout
    probe = (
        script
        + '\nCOMP_WORDS=(oneonone log ""); COMP_CWORD=2; _oneonone_completion oneonone;'
        + ' printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe], capture_output=True, text=True, env=env
    )
    assert done.stdout.split() == ["alice", "bob", "chen"], done.stderr


# ---------------------------------------------------------------- cost


def test_ordinary_runs_load_no_completion_code(run, journal):
    from test_budgets import modules_after

    run("add", "alice")
    for args in (["--help"], ["log", "alice", "-R", "slow CI"]):
        loaded = modules_after(args, journal)
        if args[0] == "log":  # --help loads every command module, this small one too
            assert "oneonone_cli.cli.completion" not in loaded, args
        assert "oneonone_cli.services.completion" not in loaded, args
        assert "oneonone_cli.store.lookup" not in loaded, args
        assert "tomllib" not in loaded, args


@pytest.mark.parametrize(
    ("prefix", "person"), [("", None), ("1", None), ("", "alice"), ("2", "alice")]
)
def test_note_id_queries_read_indexes_only(team, journal, prefix, person):
    lookup = Lookup.open(journal)
    statements: list[str] = []
    lookup.conn.set_trace_callback(statements.append)
    lookup.notes(prefix, person=person)
    plans = [
        row[-1]
        for sql in statements
        if "FROM notes" in sql
        for row in lookup.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    ]
    lookup.close()
    assert plans, statements
    assert not [p for p in plans if p.startswith("SCAN notes") and "INDEX" not in p], plans


def _shell_env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_with_the_installed_script(team, tmp_path):
    if not (BIN / "oneonone").exists():
        pytest.skip("the oneonone entry point is not installed in this environment")
    script = tmp_path / "oneonone.fish"
    script.write_text(team("completion", "fish").stdout)
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {script}; complete -C 'oneonone log a'"],
        capture_output=True,
        text=True,
        env=_shell_env(),
    )
    assert done.stdout.splitlines() == ["alice\tAlice Smith"], done.stderr


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_script_hands_zsh_the_choices(team, tmp_path):
    """zsh's completion widgets need a terminal: _arguments is replaced by a printer, the rest
    (the words passed, the eval of the answer) is the installed script's own."""
    if not (BIN / "oneonone").exists():
        pytest.skip("the oneonone entry point is not installed in this environment")
    script = tmp_path / "_oneonone"
    script.write_text(team("completion", "zsh").stdout)
    probe = (
        'compdef() {}; _arguments() { print -l -- "$@" }; '
        f"source {script}; words=(oneonone log a); CURRENT=3; _oneonone_completion"
    )
    done = subprocess.run(
        ["zsh", "-f", "-c", probe], capture_output=True, text=True, env=_shell_env()
    )
    assert done.stdout.splitlines() == ['*: :(("alice":"Alice Smith"))'], done.stderr


@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_typers_completion_options_point_to_the_command(run, option):
    err = run.fails(option, code=2)
    assert f"No such option: {option}" in err and "'oneonone completion bash'" in err


def test_a_long_help_stays_one_line_for_fish(team):
    offered = complete(team, "oneonone log alice --asked m-growth-s", shell="fish")
    assert len(offered) == 1 and offered[0].startswith("m-growth-stretch\tWhat kind of stretch")
    assert offered[0].endswith("…") and len(offered[0].split("\t")[1]) == 60


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_tab_press_loads_neither_rich_nor_the_migrations(team, journal, monkeypatch, shell):
    from test_budgets import modules_after

    monkeypatch.setenv("_ONEONONE_COMPLETE", f"complete_{shell}")
    monkeypatch.setenv("COMP_WORDS", "oneonone log a")
    monkeypatch.setenv("COMP_CWORD", "2")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "oneonone log a")
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    loaded = modules_after([], journal)
    assert "oneonone_cli.store.lookup" in loaded  # it did read the journal
    assert loaded & {"rich", "sqlite_utils", "oneonone_cli.store.core", "pydantic"} == set()


def test_the_note_commands_complete_note_ids(run):
    run("add", "alice")
    run("log", "alice", "-R", "one", "-M", "two")  # notes #1 and #2
    for sub in ("edit", "move", "kind", "rm"):
        assert complete(run, f"oneonone note {sub} ") == ["2", "1"], sub  # newest first
