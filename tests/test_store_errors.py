"""Store concurrency, the exit point's messages and one-line crashes (issues 6, 7, 12, 13, 15-20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "oneonone_cli"]
TODAY = "2026-03-02"


def env_for(db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ONEONONE_DEBUG"}
    env.update(ONEONONE_DB=str(db), ONEONONE_TODAY=TODAY, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def cli(db: Path, *args, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    if "stdout" not in kwargs:
        kwargs.setdefault("capture_output", True)
    result = subprocess.run(
        [*CLI, *args], env=env or env_for(db), check=False, timeout=60, **kwargs
    )
    if isinstance(result.stderr, bytes):
        result.err = result.stderr.decode("utf-8", "replace")
    else:
        result.err = result.stderr or ""
    return result


def one_clean_line(err: str) -> bool:
    lines = err.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("oneonone: ") and "Traceback" not in err


def notes_of(db: Path) -> list[str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as conn:
        return [r[0] for r in conn.execute("SELECT text FROM notes ORDER BY id")]


# ---------------------------------------------------------------- 13: ONEONONE_DEBUG


@pytest.mark.parametrize("value", ["0", "", "false", "no", "off"])
def test_debug_off_values_keep_the_one_line(run, monkeypatch, value):
    from oneonone_cli.store import core as store

    def boom(self, **kwargs):
        raise ZeroDivisionError("secret note text")

    monkeypatch.setattr(store.Store, "people", boom)
    monkeypatch.setenv("ONEONONE_DEBUG", value)
    err = run.fails("people")
    assert "unexpected error (ZeroDivisionError" in err and "secret" not in err


@pytest.mark.parametrize("value", ["1", "true", "YES"])
def test_debug_on_values_raise(run, monkeypatch, value):
    from oneonone_cli.store import core as store

    def boom(self, **kwargs):
        raise ZeroDivisionError("x")

    monkeypatch.setattr(store.Store, "people", boom)
    monkeypatch.setenv("ONEONONE_DEBUG", value)
    result = run.runner.invoke(__import__("oneonone_cli.cli.main").cli.main.app, ["people"])
    assert isinstance(result.exception, ZeroDivisionError)


# ---------------------------------------------------------------- 12: JSON escapes controls

HOSTILE = "a\u202eb\u009bc\x1bd\u2066e\u200ff\u2028g\u2029h\x7fi\u061cj\ufeffk\u00e9l \U0001f600"


def test_json_escapes_controls_and_bidi_and_round_trips(run):
    run("add", "alice")
    run("log", "alice", "-R", HOSTILE)
    out = run("show", "alice", "--json").stdout
    for raw in (
        "\u202e",
        "\u009b",
        "\x1b",
        "\u2066",
        "\u200f",
        "\u2028",
        "\u2029",
        "\x7f",
        "\u061c",
        "\ufeff",
    ):
        assert raw not in out, repr(raw)
    assert "\\u202e" in out and "\\u009b" in out
    assert "\u00e9" in out and "\U0001f600" in out  # ordinary text stays readable
    texts = [n["text"] for m in json.loads(out) for n in m["notes"]]
    assert HOSTILE in texts


def test_print_json_round_trips_keys_too(capsys):
    from oneonone_cli.render import output

    data = {"k\u202e": ["\u0085\u009f\u200e", 1, None]}
    output.print_json(data)
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\u0085" not in out
    assert json.loads(out) == data


# ---------------------------------------------------------------- 15: invalid UTF-8 arguments


@pytest.mark.parametrize(
    "args",
    [
        [b"add", b"\xff"],
        [b"add", b"bob", b"--name", b"B\xffb"],
        [b"cancel", b"alice", b"--reason", b"\xfe\xff"],
        [b"prompts", b"add", b"Why \xff?", b"--kind", b"morale"],
        [b"themes", b"add-term", b"oncall", b"pa\xffger"],
        [b"log", b"alice", b"-R", b"\xc3("],
    ],
)
def test_an_argument_that_is_not_utf8_is_one_line_and_writes_nothing(tmp_path, args):
    db = tmp_path / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    before = db.read_bytes()
    result = cli(db, *args)
    assert result.returncode == 1, result.err  # as test_reliability's note in argv
    assert one_clean_line(result.err) and "not valid UTF-8" in result.err, result.err
    assert "unexpected" not in result.err
    assert db.read_bytes() == before and notes_of(db) == []


def test_a_db_path_that_is_not_utf8_is_still_a_path(tmp_path):
    """File names are bytes: --db is the one argument that may be any of them."""
    db = os.fsencode(tmp_path) + b"/j\xff.db"
    result = cli(tmp_path / "unused.db", b"--db", db, b"add", b"alice")
    assert result.returncode == 0, result.err
    assert os.path.exists(db)


def test_a_surrogate_in_a_value_reached_otherwise_is_one_line(run, monkeypatch):
    """The exit point's fallback: a value the argument check never saw."""
    from oneonone_cli.store import core as store

    def encode(self, **kwargs):
        "x\udcff".encode()

    monkeypatch.setattr(store.Store, "people", encode)
    err = run.fails("people")
    assert "not valid UTF-8" in err and "unexpected" not in err


# ---------------------------------------------------------------- 16: output lost after a commit


def test_a_full_stdout_after_a_commit_says_the_change_was_saved(tmp_path):
    db = tmp_path / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    with open("/dev/full", "wb") as full:
        result = cli(db, "log", "alice", "-R", "kept once", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert one_clean_line(result.err), result.err
    assert "rolled back" not in result.err and "was saved" in result.err.lower(), result.err
    assert notes_of(db) == ["kept once"]


def test_a_full_stdout_on_a_read_says_nothing_was_changed(tmp_path):
    db = tmp_path / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    with open("/dev/full", "wb") as full:
        result = cli(db, "people", "--json", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1 and one_clean_line(result.err), result.err
    assert "rolled back" not in result.err and "saved" not in result.err, result.err


def test_a_closed_pipe_is_not_an_error(tmp_path):
    db = tmp_path / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| true`: the reader is gone before anything is written
    try:
        result = cli(db, "log", "alice", "-R", "piped", stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.err
    assert result.err == "", result.err
    assert notes_of(db) == ["piped"]


@pytest.mark.parametrize(
    "command", [["due", "--all"], ["people"], ["show", "alice"], ["people", "--json"]]
)
def test_a_closed_pipe_under_a_table_is_not_an_error(tmp_path, command):
    """`due | true`: rich's own answer to the closed pipe (exit 1) is not ours."""
    db = tmp_path / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    assert cli(db, "log", "alice", "-R", "a note for the table").returncode == 0
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = cli(db, *command, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert (result.returncode, result.err) == (0, "")


def test_a_closed_stdout_is_not_an_error(tmp_path):
    db = tmp_path / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    command = " ".join([*CLI, "log", "alice", "-R", "closed"]) + " >&-"
    result = subprocess.run(
        command,
        shell=True,
        env=env_for(db),
        capture_output=False,
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
    )
    err = result.stderr.decode()
    assert "Traceback" not in err and "rolled back" not in err, err
    assert notes_of(db) == ["closed"]


def test_the_crash_message_claims_a_rollback_only_after_one(run, monkeypatch):
    from oneonone_cli.render import output
    from oneonone_cli.store import core as store

    run("add", "alice")

    def broken_say(message):
        raise ZeroDivisionError("after the commit")

    with monkeypatch.context() as m:
        m.setattr(output, "say", broken_say)
        err = run.fails("log", "alice", "-R", "saved first")
    assert "rolled back" not in err and "saved" in err

    def broken_insert(self, *args, **kwargs):
        raise ZeroDivisionError("inside the transaction")

    with monkeypatch.context() as m:
        m.setattr(store.Store, "_insert_meeting", broken_insert)
        err = run.fails("log", "alice", "-R", "never saved")
    assert "rolled back" in err

    def broken_read(self, **kwargs):
        raise ZeroDivisionError("a read")

    with monkeypatch.context() as m:
        m.setattr(store.Store, "people", broken_read)
        err = run.fails("people")
    assert "rolled back" not in err and "nothing was written" in err


# ---------------------------------------------------------------- 17: --since range, deep lexicon


@pytest.mark.parametrize(
    "since", ["0001-01-01", "2025y", "9999-12-31", "101y", "1899-12-31", "6000w"]
)
def test_since_out_of_range_is_one_line(run, since):
    run("add", "alice")
    run("log", "alice", "-R", "pager woke me #oncall")
    err = run.fails("themes", "--since", since)
    assert "unexpected" not in err, err
    assert (
        ("out of range" in err and "1900-01-01" in err) or "100y" in err or "in the future" in err
    )
    err = run.fails("show", "alice", "--since", since)
    assert "unexpected" not in err


@pytest.mark.parametrize("since", ["100y", "1900-01-01", "2026-03-02", "1200m", "9999d"])
def test_since_within_range_still_works(run, since):
    run("add", "alice")
    run("themes", "--since", since)
    run("show", "alice", "--since", since)


def test_span_bounds_in_the_parser():
    from datetime import date

    from oneonone_cli.domain.dates import parse_since, parse_until
    from oneonone_cli.errors import OneOnOneError

    today = date(2028, 2, 29)
    assert parse_since("2028-02-29", today) == today
    with pytest.raises(OneOnOneError, match="in the future"):
        parse_since("2028-03-01", today)  # --since: up to today
    assert parse_until("2y", today) == date(2030, 2, 28)  # --within: spans up to 100y ahead
    assert parse_until("100y", today) == date(2128, 2, 29)
    with pytest.raises(OneOnOneError, match="too long"):
        parse_until("101y", today)
    assert parse_since("100y", today) == date(1928, 2, 29)
    with pytest.raises(OneOnOneError, match="too long"):
        parse_since("101y", today)
    with pytest.raises(OneOnOneError, match="out of range"):
        parse_since("100y", date(1990, 3, 2))  # 1890: before 1900


def test_a_deeply_nested_lexicon_file_is_one_line(run, journal):
    run("add", "alice")
    (journal.parent / "lexicon.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    err = run.fails("themes")
    assert "lexicon.json" in err and "unexpected" not in err, err
    (journal.parent / "lexicon.json").write_text(
        '{"terms": ' * 5000 + "{}" + "}" * 5000, encoding="utf-8"
    )
    err = run.fails("themes")
    assert "lexicon.json" in err and "unexpected" not in err, err


# ---------------------------------------------------------------- 20: the same handle or prompt at once


def _open(db: Path):
    from oneonone_cli.store.core import Store

    return Store.open(db, create=True)


@pytest.mark.parametrize(
    ("insert", "command"),
    [
        (
            "INSERT INTO people (handle, name, relationship, every, added) VALUES"
            " ('bob', 'Bob', 'report', '1w', '2026-03-02')",
            ("add", "bob"),
        ),
        (
            "INSERT INTO prompts (id, kind, audience, text) VALUES"
            " ('m-same-question', 'morale', 'all', 'Same question?')",
            ("prompts", "add", "Same question?", "--kind", "morale"),
        ),
    ],
    ids=["handle", "prompt"],
)
def test_a_row_added_between_the_check_and_the_insert_already_exists(
    run, journal, monkeypatch, insert, command
):
    """The interleaving of two `add bob` (or `prompts add`) at once: the other process inserts
    the row after this one looked and before it wrote."""
    from oneonone_cli.store import core as store_mod

    run("add", "alice")
    real = store_mod.Store.transaction

    def other_adds_first(self):
        monkeypatch.setattr(store_mod.Store, "transaction", real)
        other = _open(journal)
        with other.transaction():
            other.conn.execute(insert)
        other.close()
        return real(self)

    monkeypatch.setattr(store_mod.Store, "transaction", other_adds_first)
    err = run.fails(*command)
    assert "already" in err and "backup" not in err, err


def test_a_prompt_added_twice_already_exists(run):
    run("prompts", "add", "Same question?", "--kind", "morale")
    err = run.fails("prompts", "add", "Same  question?", "--kind", "morale")
    assert "already" in err and "m-same-question" in err, err
    ids = [p["id"] for p in run.json("prompts", "--all") if not p["builtin"]]
    assert ids == ["m-same-question"]


def test_two_adds_of_one_handle_at_once_in_processes(tmp_path):
    """Both started together: one adds, the other says already exists (never UNIQUE/backup)."""
    db = tmp_path / "journal.db"
    assert cli(db, "add", "alice").returncode == 0
    for trial in range(4):
        handle = f"h{trial}"
        procs = [
            subprocess.Popen(
                [*CLI, "add", handle],
                env=env_for(db),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(3)
        ]
        results = [(p.wait(60), p.stderr.read().decode()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert sorted(code for code, _ in results) == [0, 1, 1], results
        for code, err in results:
            if code:
                assert one_clean_line(err) and "already" in err, err


# ---------------------------------------------------------------- 6: lost updates


@pytest.mark.parametrize(
    ("first", "other_sql", "check"),
    [
        (
            ["edit", "alice", "--name", "Alice Renamed"],
            "UPDATE people SET archived = '2026-03-02' WHERE handle = 'alice'",
            lambda p: p["name"] == "Alice Renamed" and p["archived"] == "2026-03-02",
        ),
        (
            ["archive", "alice"],
            "UPDATE people SET name = 'Alice Renamed' WHERE handle = 'alice'",
            lambda p: p["name"] == "Alice Renamed" and p["archived"] == "2026-03-02",
        ),
        (
            ["edit", "alice", "--every", "2w"],
            "UPDATE people SET relationship = 'peer' WHERE handle = 'alice'",
            lambda p: p["every"] == "2w" and p["relationship"] == "peer",
        ),
    ],
)
def test_a_change_committed_between_read_and_write_is_kept(
    run, journal, monkeypatch, first, other_sql, check
):
    """Another process's change can only land where this command holds no write lock: the
    hook commits it at the read when the read is outside a transaction (the lost update)."""
    from oneonone_cli.store import core as store_mod

    run("add", "alice", "--name", "Alice")
    real = store_mod.Store.person
    fired = []

    def person(self, handle):
        found = real(self, handle)
        if not self.conn.in_transaction and not fired:  # right after an unlocked read
            fired.append(True)
            other = _open(journal)
            with other.transaction():
                other.conn.execute(other_sql)
            other.close()
        return found

    with monkeypatch.context() as m:
        m.setattr(store_mod.Store, "person", person)
        run(*first)
    if not fired:  # the read is inside the write transaction: apply the other change after it
        other = _open(journal)
        with other.transaction():
            other.conn.execute(other_sql)
        other.close()
    [alice] = run.json("people", "--all")
    assert check(alice), alice


def concurrent_edits(folder: Path, trials: int) -> dict:
    """Per trial: a fresh person, then `edit --name`, `archive` and `add` of them started
    together in separate processes. A lost update is a trial where the journal lacks the new
    name or the archive though both printed success."""
    db = folder / "journal.db"
    assert cli(db, "add", "seed").returncode == 0
    lost = failed = 0
    for trial in range(trials):
        handle = f"p{trial}"
        assert cli(db, "add", handle, "--name", "Before").returncode == 0
        commands = [
            ["edit", handle, "--name", f"After {trial}"],
            ["archive", handle],
            ["add", handle, "--name", "Duplicate"],
        ]
        procs = [
            subprocess.Popen(
                [*CLI, *c], env=env_for(db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            for c in commands
        ]
        results = []
        for p in procs:
            results.append((p.wait(60), p.stderr.read().decode()))
            p.stderr.close()
        (edit_code, _), (archive_code, _), (add_code, add_err) = results
        failed += edit_code != 0 or archive_code != 0 or add_code != 1 or "already" not in add_err
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(db)) as conn:
            name, archived = conn.execute(
                "SELECT name, archived FROM people WHERE handle = ?", [handle]
            ).fetchone()
        lost += name != f"After {trial}" or archived is None
    return {
        "part": "concurrent_edits",
        "trials": trials,
        "lost_updates": lost,
        "failed_calls": failed,
    }


def test_concurrent_edit_archive_add_keep_every_change(tmp_path):
    figures = concurrent_edits(tmp_path, 3)
    assert figures["lost_updates"] == 0 and figures["failed_calls"] == 0, figures


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("ONEONONE_SLOW"), reason="slow: set ONEONONE_SLOW=1")
def test_slow_concurrent_edits(tmp_path):
    trials = int(os.environ.get("ONEONONE_EDIT_TRIALS", "80"))
    figures = concurrent_edits(tmp_path, trials)
    target = os.environ.get("ONEONONE_RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(figures) + "\n")
    assert figures["lost_updates"] == 0 and figures["failed_calls"] == 0, figures


# ---------------------------------------------------------------- 7: stale theme cache


FREEZE_NOTES = [
    ("alice", "the code freeze blocked our release again"),
    ("bob", "code freeze means my fix waits two weeks"),
    ("carol", "another code freeze, the hotfix sat idle"),
    ("alice", "code freeze again: shipped nothing"),
    ("bob", "stuck behind the code freeze"),
    ("carol", "code freeze killed the demo"),
]


def _themes_json(run) -> dict:
    return {t["key"]: t["mentions"] for t in run.json("themes", "--since", "90d")}


def test_a_lexicon_change_during_a_first_long_themes_run_is_not_cached(run, journal, monkeypatch):
    """A starts the first `themes` under lexicon L1; while it analyses, `themes add-term`
    makes L2 and another `themes` (L2) analyses and records L2; then A writes its L1 rows.
    The next runs (L2) must count as a fresh analysis under L2 does."""
    from oneonone_cli.themes import analysis as themes_mod

    for who in ("alice", "bob", "carol"):
        run("add", who)
    for n, (who, text) in enumerate(FREEZE_NOTES):
        run("log", who, "--on", f"2026-02-{10 + n:02d}", "-R", text)
    real = themes_mod.analyse
    others = []

    def analyse(*args, **kwargs):
        if not others:  # A's first analysis: the others run meanwhile, in other processes
            env = env_for(journal)
            others.append(
                cli(journal, "themes", "add-term", "deploy-freeze", "code freeze", "--new", env=env)
            )
            others.append(cli(journal, "themes", "--since", "90d", env=env))
        return real(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(themes_mod, "analyse", analyse)
        run("themes", "--since", "90d")  # A, under L1
    assert [o.returncode for o in others] == [0, 0], [o.err for o in others]
    after = _themes_json(run)
    assert _themes_json(run) == after  # stable
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute("DELETE FROM meta WHERE key = 'lexicon'")  # forces a fresh analysis
    fresh = _themes_json(run)
    assert fresh.get("deploy-freeze") == len(FREEZE_NOTES), fresh
    assert after == fresh


# ---------------------------------------------------------------- 18, 19: full disk, read-only journals

READS = [
    ["people"],
    ["due"],
    ["show", "alice", "--json"],
    ["themes", "--json", "--since", "90d"],
    ["prompts"],
    ["people", "--json"],
]
WRITES = [
    ["log", "alice", "-R", "cannot be kept"],
    ["add", "bob"],
    ["themes", "add-term", "oncall", "wolf"],
]


def _seed(db: Path) -> None:
    for args in (["add", "alice"], ["add", "bob2"]):
        assert cli(db, *args).returncode == 0
    for n in range(4):
        result = cli(
            db, "log", "alice", "--on", f"2026-02-{10 + n}", "-R", f"pager woke me #oncall {n}"
        )
        assert result.returncode == 0, result.err


def _check_reads_and_writes(db: Path, invoke, write_words: tuple[str, ...]) -> None:
    for args in READS:
        result = invoke(*args)
        assert result.returncode == 0, (args, result.err)
    shown = json.loads(invoke("show", "alice", "--json").stdout)
    assert sum(len(m["notes"]) for m in shown) == 4
    themed = json.loads(invoke("themes", "--json", "--since", "90d").stdout)
    assert [t["mentions"] for t in themed if t["key"] == "oncall"] == [4], themed
    # A copy is a read: it works, into a folder that can take it.
    import shutil
    import tempfile

    outside = Path(tempfile.mkdtemp(prefix="oneonone-copy-"))
    try:
        outside.chmod(0o777)
        result = invoke("backup", str(outside / "copy.db"))
        assert result.returncode == 0, result.err
        assert len(notes_of(outside / "copy.db")) == 4
    finally:
        shutil.rmtree(outside, ignore_errors=True)
    for args in WRITES:
        result = invoke(*args)
        assert result.returncode == 1, (args, result.err)
        assert one_clean_line(result.err), result.err
        assert "backup" not in result.err and any(w in result.err for w in write_words), result.err


@contextmanager
def tmpfs(folder: Path, size: str, why: str) -> Iterator[Path]:
    """A small file system of its own at `folder` for the test (skipped where it cannot be
    mounted: it needs root), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root){why}")
    folder.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if not mounted:
        pytest.skip(f"cannot mount a tmpfs here{why}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_keeps_reads_working_and_says_full(tmp_path):
    with tmpfs(tmp_path / "small", "600k", ": see the simulated test below") as folder:
        db = folder / "journal.db"
        _seed(db)
        fd = os.open(folder / "filler", os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        _check_reads_and_writes(db, lambda *a: cli(db, *a), ("disk is full",))
        (folder / "filler").unlink()
        assert len(notes_of(db)) == 4
        assert cli(db, "log", "alice", "-R", "after freeing space").returncode == 0


def test_a_read_only_file_system_serves_reads(tmp_path):
    with tmpfs(tmp_path / "ro", "4m", "") as folder:
        db = folder / "journal.db"
        _seed(db)
        remount = subprocess.run(
            ["mount", "-o", "remount,ro", str(folder)], capture_output=True, check=False
        )
        assert remount.returncode == 0, remount.stderr
        _check_reads_and_writes(db, lambda *a: cli(db, *a), ("may only read", "read-only"))


def test_an_encrypted_journal_on_a_read_only_file_system_serves_reads(tmp_path):
    """Read as a plain one is (an outside tester got 'cannot use the journal ... check the
    --db path' for every report, and a write said the journal stayed busy)."""
    from keyrings import file_keyring

    keys = file_keyring(tmp_path)
    with tmpfs(tmp_path / "ro", "4m", "") as folder:
        db = folder / "journal.db"
        env = env_for(db, **keys)

        def invoke(*args):
            return cli(db, *args, env=env)

        for args in (["add", "alice"], ["add", "bob2"]):
            assert invoke(*args).returncode == 0
        for n in range(4):
            logged = invoke("log", "alice", "--on", f"2026-02-{10 + n}", "-R", f"pager #oncall {n}")
            assert logged.returncode == 0, logged.err
        assert invoke("encrypt").returncode == 0
        for copy in (folder / "backups").glob("*"):
            copy.unlink()
        remount = subprocess.run(
            ["mount", "-o", "remount,ro", str(folder)], capture_output=True, check=False
        )
        assert remount.returncode == 0, remount.stderr
        shown = invoke("show", "alice", "--json")
        assert shown.returncode == 0, shown.err
        assert sum(len(m["notes"]) for m in json.loads(shown.stdout)) == 4
        assert invoke("due").returncode == 0
        refused = invoke("log", "alice", "-R", "lost?")
        assert refused.returncode == 1 and one_clean_line(refused.err)
        assert "read-only" in refused.err, refused.err


def test_a_full_disk_simulated(run, journal, monkeypatch):
    """Always runs: SQLite cannot make the WAL shared memory (disk I/O error) and the disk
    reports no space; and a roll-up that cannot grow (SQLITE_FULL, by max_page_count)."""
    import sqlite3

    from oneonone_cli.store import connection
    from oneonone_cli.store import core as store_mod

    run("add", "alice")
    for n in range(4):
        run("log", "alice", "--on", f"2026-02-{10 + n}", "-R", f"pager woke me #oncall {n}")
    real_connect = sqlite3.connect

    class NoSharedMemory:
        def execute(self, *args, **kwargs):
            raise sqlite3.OperationalError("disk I/O error")

        def close(self):
            pass

    def connect(target, *args, **kwargs):
        if kwargs.get("uri"):
            return real_connect(target, *args, **kwargs)
        return NoSharedMemory()

    with monkeypatch.context() as m:
        m.setattr(connection.sqlite3, "connect", connect)
        m.setattr(connection, "_disk_full", lambda path: True)
        assert len(run.json("show", "alice")[0]["notes"]) == 1
        assert run.json("people")[0]["person"] == "alice"
        err = run.fails("log", "alice", "-R", "lost?")
        assert "disk is full" in err and "backup" not in err
    assert len(notes_of(journal)) == 4

    real_open = store_mod.Store.open.__func__

    def open_full(cls, *args, **kwargs):
        store = real_open(cls, *args, **kwargs)
        (pages,) = store.conn.execute("PRAGMA page_count").fetchone()
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        return store

    with monkeypatch.context() as m:
        m.setattr(store_mod.Store, "open", classmethod(open_full))
        m.setattr(store_mod.Store, "_check_before_writing", lambda self: None)
        themed = run.json("themes", "--since", "90d")
        assert [t["mentions"] for t in themed if t["key"] == "oncall"] == [4]
        err = run.fails("log", "alice", "-R", "x " * 4000)
        assert "full" in err and "backup" not in err
    assert len(notes_of(journal)) == 4


def _nobody():
    sys.path.insert(0, str(Path(__file__).parent))
    from test_reliability import _unprivileged_python

    return _unprivileged_python()


@pytest.mark.parametrize("case", ["folder", "other-user"])
def test_a_journal_this_user_may_only_read_serves_every_read(tmp_path, case):
    """A journal in a folder this user may not write (so no -shm can be made), or another
    user's journal that this user may read: every read works, every write is one line that
    names the permission."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run a command as user nobody")
    found = _nobody()
    if found is None:
        pytest.skip("no interpreter usable as user nobody")
    command, base_env = found
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="oneonone-ro-"))
    try:
        db = folder / "journal.db"
        _seed(db)
        folder.chmod(0o755)
        db.chmod(0o644 if case == "folder" else 0o640)
        if case == "other-user":
            os.chown(db, 0, 65534)  # root's journal; nobody's group may read it
        for extra in ("-wal", "-shm", "-checked"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
        before = db.read_bytes()
        env = {
            **base_env,
            "ONEONONE_DB": str(db),
            "ONEONONE_TODAY": TODAY,
            "NO_COLOR": "1",
            "PYTHONIOENCODING": "utf-8",
            "HOME": "/tmp",
        }

        def invoke(*args):
            result = subprocess.run(
                [*command, *args],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=60,
                cwd="/",
                user=65534,
                group=65534,
                extra_groups=[],
            )
            result.err = "\n".join(
                line
                for line in result.stderr.splitlines()
                if "can be read by other users" not in line
            )
            return result

        _check_reads_and_writes(db, invoke, ("may only read", "read-only"))
        assert db.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["journal.db"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_an_abort_after_the_commit_does_not_say_nothing_was_written(run, monkeypatch):
    import typer

    from oneonone_cli.render import output

    run("add", "alice")

    def interrupted(message):
        raise typer.Abort()

    with monkeypatch.context() as m:
        m.setattr(output, "say", interrupted)
        err = run.fails("log", "alice", "-R", "saved then ^C")
        assert "nothing was written" not in err and "saved" in err, err
    assert [n["text"] for m in run.json("show", "alice") for n in m["notes"]] == ["saved then ^C"]


def test_a_report_with_a_cold_theme_cache_does_not_wait_for_a_writer(run, journal):
    """Another command holds the write lock: `themes` keeps its analysis in memory for this run
    instead of waiting (the busy timeout) to store it, and answers."""
    import sqlite3

    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "-R", "paged at 3am again #oncall")
    run("log", "bob", "-R", "the pager went off all night #oncall")
    holder = sqlite3.connect(journal, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        themed = run.json("themes")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [t["key"] for t in themed] == ["oncall"]
    assert [t["key"] for t in run.json("themes")] == ["oncall"]  # and kept once the lock went
