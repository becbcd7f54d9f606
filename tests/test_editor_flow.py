"""The editor flow of `oneonone log`: nothing typed is lost, nothing stored is re-read as input,
no plaintext of an encrypted journal outlives the command, the template shows the right day,
a mix of prompts and both kinds of recent notes.

The in-process tests use the `run` fixture with $EDITOR set to a small Python script; the
signal and kill -9 tests run the real CLI in subprocesses (a signal sent to the test process
itself would end the test run when the handling is missing). The heavy profile (many signal
and kill trials, `@pytest.mark.slow`) is run by `benchmarks/reliability.py --parts editor`.
"""

from __future__ import annotations

import errno
import json
import os
import random
import re
import shlex
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from keyrings import file_keyring
from oneonone_cli.domain.noteinput import parse_note_lines
from oneonone_cli.errors import OneOnOneError

SLOW = os.environ.get("ONEONONE_SLOW") == "1"
CLI = [sys.executable, "-m", "oneonone_cli"]
TODAY = "2026-03-02"


def rows(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def notes_in(path: Path) -> list[tuple[str, str, str]]:
    return rows(path, "SELECT date, kind, text FROM notes ORDER BY id")


def drafts(journal: Path) -> list[Path]:
    folder = journal.parent / "drafts"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def write_editor(tmp_path: Path, body: str, name: str = "fake-editor.py") -> str:
    script = tmp_path / name
    script.write_text(textwrap.dedent(body))
    return f"{sys.executable} {shlex.quote(str(script))}"


def typing_editor(tmp_path: Path, typed: str, *, seen: Path | None = None, then: str = "") -> str:
    """An editor that keeps the template (saving a copy to `seen`) and appends `typed`."""
    return write_editor(
        tmp_path,
        f"""
        import os, signal, sys, time, pathlib
        path = pathlib.Path(sys.argv[1])
        template = path.read_text(encoding="utf-8")
        if {str(seen) if seen else ""!r}:
            pathlib.Path({str(seen) if seen else ""!r}).write_text(template, encoding="utf-8")
        path.write_text(template + {typed!r}, encoding="utf-8")
        {then}
    """,
    )


@pytest.fixture
def team(run):
    run("add", "alice", "--name", "Alice Smith")
    run("log", "alice", "--on", "2026-01-05", "-R", "older private roadblock about Bob")
    run("log", "alice", "--on", "2026-01-06", "-M", "older private morale about the move")
    return run


def replay_command(message: str) -> str:
    """The shell command the error message tells the manager to run."""
    match = re.search(r"then run: (oneonone .*)$", message)
    assert match, message
    return match.group(1)


def run_shell(
    command: str, journal: Path, env_extra: dict | None = None
) -> subprocess.CompletedProcess:
    """Run a command line as printed for the manager, with `oneonone` being this checkout."""
    env = {**os.environ, "ONEONONE_TODAY": TODAY, "NO_COLOR": "1", **(env_extra or {})}
    env.pop("ONEONONE_DB", None)  # the printed command must name the journal itself
    shim = f'oneonone() {{ {shlex.join(CLI)} "$@"; }}; '
    return subprocess.run(
        ["sh", "-c", shim + command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


# ---------------------------------------------------------------- 1: a failed write keeps the text


def test_unknown_prompt_keeps_the_typed_text_with_the_exact_replay_command(
    team, tmp_path, monkeypatch, journal
):
    typed = "r: new private roadblock\nasked: m-meanin\n"
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, typed))
    err = team.fails("log", "alice", "--on", "2026-02-02", "-e")
    assert "unknown prompt 'm-meanin'" in err and "nothing was logged" in err
    [kept] = drafts(journal)
    assert str(kept) in err or shlex.quote(str(kept)) in err
    text = kept.read_text(encoding="utf-8")
    assert "r: new private roadblock" in text and "asked: m-meanin" in text
    assert "older private roadblock" not in text  # the template's quotes of older notes
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    command = replay_command(err)
    assert "--on 2026-02-02" in command
    assert len(notes_in(journal)) == 2  # nothing logged


def test_the_replay_command_works_as_printed_and_removes_the_file(run, tmp_path, monkeypatch):
    journal = tmp_path / "my journals" / "it's mine.db"  # a path the shell must have quoted
    journal.parent.mkdir()
    monkeypatch.setenv("ONEONONE_DB", str(journal))
    run("add", "alice")
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed once\nasked: m-meanin\n"))
    err = run.fails("log", "alice", "--on", "last monday", "-e")
    [kept] = drafts(journal)
    kept.write_text(kept.read_text().replace("m-meanin", "m-meaning"))  # the manager fixes it
    result = run_shell(replay_command(err), journal)
    assert result.returncode == 0, result.stderr
    assert notes_in(journal) == [("2026-02-23", "roadblock", "typed once")]
    assert drafts(journal) == []  # item 17: removed once its text is logged


@pytest.mark.parametrize("failure", ["busy", "full", "oserror", "interrupt"])
def test_a_write_failing_after_the_editor_keeps_the_text(
    team, tmp_path, monkeypatch, journal, failure
):
    from oneonone_cli.store.core import Store

    def fail(self, *args, **kwargs):
        if failure == "busy":
            raise sqlite3.OperationalError("database is locked")
        if failure == "full":
            raise sqlite3.OperationalError("database or disk is full")
        if failure == "oserror":
            raise OSError(errno.ENOSPC, "No space left on device")
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "log_meeting", fail)
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "m: typed and precious\n"))
    err = team.fails("log", "alice", "-e")
    assert "nothing was logged" in err and "kept in" in err and "--on 2026-03-02" in err
    [kept] = drafts(journal)
    assert "m: typed and precious" in kept.read_text()


def test_when_the_recovery_file_cannot_be_written_the_editor_file_is_kept(
    team, tmp_path, monkeypatch, journal
):
    from oneonone_cli.cli import editor

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(editor, "write_private", full)
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed\nasked: nope-nope\n"))
    err = team.fails("log", "alice", "-e")
    assert "could not write a recovery file" in err and "No space left" in err
    [kept] = drafts(journal)
    assert str(kept) in err or shlex.quote(str(kept)) in err
    assert "r: typed" in kept.read_text()


def test_an_editor_that_fails_after_saving_keeps_the_text(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv(
        "EDITOR", typing_editor(tmp_path, "r: saved then crashed\n", then="sys.exit(3)")
    )
    err = team.fails("log", "alice", "-e")
    assert "status 3" in err and "kept in" in err
    assert "r: saved then crashed" in drafts(journal)[0].read_text()


def test_an_untouched_template_leaves_nothing_behind(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv("EDITOR", write_editor(tmp_path, "import sys; sys.exit(3)\n"))
    assert "status 3" in team.fails("log", "alice", "-e")
    assert drafts(journal) == []


def test_a_successful_editor_log_leaves_nothing_behind(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: fine\n"))
    team("log", "alice", "-e")
    assert drafts(journal) == []
    assert notes_in(journal)[-1] == ("2026-03-02", "roadblock", "fine")


def test_a_kept_draft_survives_a_later_failure_and_is_logged_once(
    team, tmp_path, monkeypatch, journal
):
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: first try\nasked: m-meanin\n"))
    team.fails("log", "alice", "--on", "2026-02-02", "-e")
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    assert "cannot start the editor" in team.fails("log", "alice", "--on", "2026-02-02", "-e")
    [kept] = drafts(journal)
    assert "r: first try" in kept.read_text()
    fix = write_editor(
        tmp_path,
        """
        import sys, pathlib
        path = pathlib.Path(sys.argv[1])
        path.write_text(path.read_text().replace("m-meanin", "m-meaning") + "m: second\\n")
    """,
        "fix.py",
    )
    monkeypatch.setenv("EDITOR", fix)
    team("log", "alice", "--on", "2026-02-02", "-e")
    texts = [(on, t) for on, _, t in notes_in(journal)]
    assert texts.count(("2026-02-02", "first try")) == 1 and ("2026-02-02", "second") in texts
    assert drafts(journal) == []


def test_a_draft_of_another_day_is_named_with_its_day_not_logged_on_this_one(
    team, tmp_path, monkeypatch, journal
):
    monkeypatch.setenv(
        "EDITOR", typing_editor(tmp_path, "r: typed on the second\nasked: m-meanin\n")
    )
    team.fails("log", "alice", "--on", "2026-02-02", "-e")
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "m: today\n", seen=seen))
    result = team("log", "alice", "-e")
    assert "typed on the second" not in seen.read_text()
    assert "--on 2026-02-02" in result.stderr and "never logged" in result.stderr
    assert [t for _, _, t in notes_in(journal)][-1:] == ["today"]
    assert "typed on the second" not in [t for _, _, t in notes_in(journal)]
    assert len(drafts(journal)) == 1


def test_quitting_the_editor_unchanged_on_an_offered_draft_logs_it_or_keeps_it(
    team, tmp_path, monkeypatch, journal
):
    # Issue 15 (item 8): an offered draft saved as it is, is the manager's text: it is logged,
    # and here (an unknown prompt still) refused again with the draft kept.
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed before\nasked: m-meanin\n"))
    team.fails("log", "alice", "-e")
    [kept] = drafts(journal)
    before = notes_in(journal)
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, ""))  # saves what it opened on (:q!)
    err = team.fails("log", "alice", "-e")
    assert "nothing was logged" in err
    assert notes_in(journal) == before
    [still] = drafts(journal)
    assert "r: typed before" in still.read_text() and str(still) in err


def test_an_encrypted_draft_that_cannot_be_written_keeps_the_editor_file_and_says_so(
    team, tmp_path, monkeypatch, journal, keyring_memory
):
    from oneonone_cli.store.core import Store

    team("encrypt")

    def full(self, dest, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "write_sealed_draft", full)
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed\nasked: nope-nope\n"))
    err = team.fails("log", "alice", "-e")
    assert "could not write a recovery file (No space left on device)" in err
    assert "NOT encrypted" in err
    [kept] = drafts(journal)
    assert "r: typed" in kept.read_text() and str(kept) in err


# ---------------------------------------------------------------- 2, 10: stored text is never input


def stored_name(journal: Path, handle: str, name: str) -> None:
    with closing(sqlite3.connect(journal)) as conn, conn:
        conn.execute("UPDATE people SET name = ? WHERE handle = ?", [name, handle])


SEPARATORS = [
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
]


@pytest.mark.parametrize("sep", SEPARATORS, ids=[f"U+{ord(s[0]):04X}" for s in SEPARATORS])
def test_stored_line_breaks_are_never_read_back_as_notes(run, tmp_path, monkeypatch, journal, sep):
    run("add", "alice")
    stored_name(journal, "alice", f"Alice{sep}r: from the name")  # as an older version allowed
    run("log", "alice", "--on", "2026-01-05", "-R", f"first line{sep}r: injected copy")
    run("log", "alice", "--on", "2026-01-06", "-M", f"fine{sep}this line has no kind")
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, ""))  # saves the template untouched
    result = run("log", "alice", "-e")
    assert "Nothing to log" in result.stderr
    assert len(notes_in(journal)) == 2
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed today\n"))
    run("log", "alice", "-e")
    assert notes_in(journal)[-1] == ("2026-03-02", "roadblock", "typed today")
    assert len(notes_in(journal)) == 3


def test_every_template_line_showing_stored_text_is_one_comment_line(
    run, tmp_path, monkeypatch, journal
):
    weird = "a\u2028b\x85c\x0bd\x0ce\x1cf\rg\nh\x1bi"
    run("add", "alice")
    stored_name(journal, "alice", f"Al{weird}")  # as an older version allowed
    run("log", "alice", "--on", "2026-01-05", "-R", weird, "-M", weird)
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "", seen=seen))
    run("log", "alice", "-e")
    template = seen.read_text(encoding="utf-8")
    assert all(line.startswith("#") or not line.strip() for line in template.splitlines())
    assert "a b c d e f g h i" in template


def test_parse_errors_quote_nothing_from_the_line():
    with pytest.raises(OneOnOneError) as info:
        parse_note_lines("r: ok\nsecret words about someone\n")
    message = str(info.value)
    assert "line 2" in message and "secret" not in message


# ---------------------------------------------------------------- 14, 15: the template


def test_the_template_shows_the_day_it_will_be_logged_on(team, tmp_path, monkeypatch, journal):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: back then\n", seen=seen))
    team("log", "alice", "--on", "4 weeks ago", "-e")
    header = seen.read_text().splitlines()[0]
    assert "2026-02-02" in header and TODAY not in header
    assert notes_in(journal)[-1] == ("2026-02-02", "roadblock", "back then")


def template_prompts(template: str) -> list[str]:
    lines = template.split("# Prompts", 1)[1].splitlines()[1:]
    # A prompt's ID starts its line; a long prompt goes on under it, indented past the IDs.
    return [line.split()[1] for line in lines if line.startswith("#   ") and line[4] != " "]


def test_the_template_offers_a_rotating_mix_and_both_kinds_of_recent_notes(
    team, tmp_path, monkeypatch
):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "", seen=seen))
    team("log", "alice", "-e")
    first = seen.read_text()
    assert "older private roadblock about Bob" in first
    assert "older private morale about the move" in first
    offered = template_prompts(first)
    assert len(offered) == 6
    assert {p[0] for p in offered} == {"m", "r"}  # both kinds
    team("log", "alice", "--on", "2026-02-01", "--no-notes")
    team("log", "alice", "-e")
    second = template_prompts(seen.read_text())
    assert second != offered  # rotates from one 1:1 to the next
    # Asked prompts drop out; least used first.
    team("log", "alice", "-M", "x", "--asked", second[0], "--asked", second[1])
    team("log", "alice", "-e")
    assert not set(second[:2]) & set(template_prompts(seen.read_text()))


# ---------------------------------------------------------------- 9, 17: signals, kill -9, drafts


def cli_env(journal: Path, tmpdir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ONEONONE_DEBUG", "VISUAL")}
    env.update(
        ONEONONE_DB=str(journal),
        ONEONONE_TODAY=TODAY,
        NO_COLOR="1",
        TMPDIR=str(tmpdir),
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def cli(journal: Path, tmpdir: Path, *args: str, input: str | None = None, **extra: str):
    return subprocess.run(
        [*CLI, *args],
        input=input,
        capture_output=True,
        text=True,
        env=cli_env(journal, tmpdir, **extra),
        timeout=60,
        check=False,
    )


class Lab:
    """A journal in its own folder, a private $TMPDIR, and real `oneonone` processes."""

    def __init__(self, root: Path, *, encrypted: bool = False) -> None:
        self.root = root
        self.journal = root / "j" / "journal.db"
        self.journal.parent.mkdir(parents=True)
        self.tmpdir = root / "tmp"
        self.tmpdir.mkdir()
        self.extra: dict[str, str] = {}
        self.encrypted = encrypted
        if encrypted:
            self.extra = file_keyring(root)
        self.ok("add", "alice", "--name", "Alice Smith")
        self.ok("log", "alice", "--on", "2026-01-05", "-R", "OLDSECRET roadblock")
        if encrypted:
            self.ok("encrypt")
            for backup in (self.journal.parent / "backups").glob("*"):
                backup.unlink()  # the plain copy `encrypt` keeps, for the user to delete

    def run(self, *args: str, input: str | None = None, **extra: str):
        return cli(self.journal, self.tmpdir, *args, input=input, **{**self.extra, **extra})

    def ok(self, *args: str, input: str | None = None, **extra: str) -> str:
        result = self.run(*args, input=input, **extra)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def editor(self, typed: str, then: str, name: str = "ed.py") -> str:
        return write_editor(
            self.root,
            f"""
            import os, signal, sys, time, pathlib
            path = pathlib.Path(sys.argv[1])
            path.write_text(path.read_text(encoding="utf-8") + {typed!r}, encoding="utf-8")
            {then}
        """,
            name,
        )

    def logged(self) -> list[str]:
        out = self.ok("show", "alice", "--since", "2000-01-01", "--json")
        return [n["text"] for m in json.loads(out) for n in m["notes"]]

    def plaintext_left(self, *needles: str) -> list[str]:
        """Files anywhere under the lab (journal folder, $TMPDIR) holding one of `needles`."""
        found = []
        for path in self.root.rglob("*"):
            if path.is_file() and path.suffix not in (".py", ".json"):
                data = path.read_bytes()
                found += [f"{path}: {n}" for n in needles if n.encode() in data]
        return found


HANG_UP = "os.kill(os.getppid(), signal.SIG{sig}); time.sleep(30)"
KILL_PARENT = "os.kill(os.getppid(), signal.SIGKILL); sys.exit(0)"


@pytest.mark.parametrize("sig", ["TERM", "HUP"])
def test_a_signal_while_the_editor_is_open_keeps_the_text_and_removes_the_temp_file(tmp_path, sig):
    lab = Lab(tmp_path)
    result = lab.run(
        "log",
        "alice",
        "-e",
        EDITOR=lab.editor("r: TYPED before the signal\n", HANG_UP.format(sig=sig)),
    )
    assert result.returncode != 0
    assert result.stderr.startswith("oneonone: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert list(lab.tmpdir.iterdir()) == []
    [kept] = drafts(lab.journal)
    assert str(kept) in result.stderr or shlex.quote(str(kept)) in result.stderr
    assert "r: TYPED before the signal" in kept.read_text()
    assert "OLDSECRET" not in kept.read_text()
    # The next `log` with piped notes names it; a replay logs it and removes it.
    result = lab.run("log", "alice", input="m: other\n")
    assert result.returncode == 0 and str(kept) in result.stderr
    with open(kept, "rb") as stdin:
        done = subprocess.run(
            [*CLI, "log", "alice"],
            stdin=stdin,
            capture_output=True,
            text=True,
            check=False,
            env=cli_env(lab.journal, lab.tmpdir, **lab.extra),
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert "TYPED before the signal" in lab.logged() and drafts(lab.journal) == []


def test_a_killed_log_leaves_a_draft_that_the_next_log_offers_and_removes(tmp_path):
    lab = Lab(tmp_path)
    result = lab.run(
        "log", "alice", "-e", EDITOR=lab.editor("r: TYPED before kill -9\n", KILL_PARENT)
    )
    assert result.returncode == -signal.SIGKILL
    assert list(lab.tmpdir.iterdir()) == []  # the temp file is beside the journal, not in $TMPDIR
    [left] = drafts(lab.journal)
    assert stat.S_IMODE(left.parent.stat().st_mode) == 0o700
    # Piped notes: the draft is named on one stderr line, and left alone.
    result = lab.run("log", "alice", input="m: piped\n")
    assert result.returncode == 0 and str(left) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and left.exists()
    # In the editor: the draft's text is offered, logged, and the draft removed.
    seen = tmp_path / "seen.txt"
    lab.ok("log", "alice", "-e", EDITOR=typing_editor(tmp_path, "m: and more\n", seen=seen))
    assert "r: TYPED before kill -9" in seen.read_text()
    assert {"TYPED before kill -9", "and more", "piped"} <= set(lab.logged())
    assert lab.logged().count("TYPED before kill -9") == 1
    assert drafts(lab.journal) == []


def test_two_killed_logs_in_a_row_leave_the_first_text_once(tmp_path):
    """The second run offers the first one's draft in its editor file: killed too, the text
    is on disk in both (the draft stays until its text is logged or kept again: the editor may
    remove its file), and the next run offers and logs it once."""
    lab = Lab(tmp_path)
    day = ("--on", "2026-02-02")
    lab.run("log", "alice", *day, "-e", EDITOR=lab.editor("r: FIRST typed\n", KILL_PARENT))
    lab.run("log", "alice", *day, "-e", EDITOR=lab.editor("r: SECOND typed\n", KILL_PARENT))
    held = [p.read_text() for p in drafts(lab.journal)]
    assert sum(text.count("r: FIRST typed") for text in held) >= 1, held
    lab.ok("log", "alice", *day, "-e", EDITOR=typing_editor(tmp_path, "m: third\n"))
    assert lab.logged().count("FIRST typed") == 1 and lab.logged().count("SECOND typed") == 1
    assert drafts(lab.journal) == []


@pytest.mark.parametrize("how", ["TERM", "HUP", "fail"])
def test_an_encrypted_journal_leaves_no_plaintext_and_loses_nothing(tmp_path, how):
    lab = Lab(tmp_path, encrypted=True)
    typed = "r: TYPEDSECRET\nasked: m-meanin\n" if how == "fail" else "r: TYPEDSECRET\n"
    then = "" if how == "fail" else HANG_UP.format(sig=how)
    result = lab.run("log", "alice", "-e", EDITOR=lab.editor(typed, then))
    assert result.returncode == 1 and result.stderr.startswith("oneonone: ")
    assert "encrypted" in result.stderr, result.stderr
    assert lab.plaintext_left("TYPEDSECRET", "OLDSECRET") == []
    assert len(drafts(lab.journal)) == 1
    # The next `log` reopens it in the editor; once logged, it is gone.
    fix = write_editor(
        tmp_path,
        """
        import sys, pathlib
        path = pathlib.Path(sys.argv[1])
        path.write_text(path.read_text().replace("m-meanin", "m-meaning"))
    """,
        "fix.py",
    )
    lab.ok("log", "alice", "-e", EDITOR=fix)
    assert "TYPEDSECRET" in lab.logged()
    assert drafts(lab.journal) == []
    assert lab.plaintext_left("TYPEDSECRET", "OLDSECRET") == []


def test_ctrl_c_in_the_editor_does_not_end_it(tmp_path):
    """vi users press Ctrl-C to leave insert mode: the terminal sends SIGINT to the whole
    foreground group, oneonone too, which must not kill the editor and lose the file."""
    lab = Lab(tmp_path)
    editor = lab.editor(
        "",
        "os.kill(os.getppid(), signal.SIGINT); time.sleep(0.5); "
        "path.write_text(path.read_text() + 'r: after ctrl-c\\n')",
    )
    lab.ok("log", "alice", "-e", EDITOR=editor)
    assert "after ctrl-c" in lab.logged()


# ---------------------------------------------------------------- the heavy profile


def report(record: dict) -> None:
    target = os.environ.get("ONEONONE_RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


def editor_trials(root: Path, trials: int, seed: int, encrypted: bool) -> dict:
    """`trials` editor sessions ended by SIGTERM, SIGHUP, kill -9 of `log` or a failed write,
    each followed by the recovery the manager is told about; counts notes lost, duplicated,
    and plaintext left behind."""
    rng = random.Random(seed)
    lab = Lab(root, encrypted=encrypted)
    outcomes: dict[str, int] = {}
    failures: list[str] = []
    fix = write_editor(
        root,
        """
        import sys, pathlib
        path = pathlib.Path(sys.argv[1])
        path.write_text(path.read_text().replace("m-meanin", "m-meaning"))
    """,
        "fix.py",
    )
    started = time.monotonic()
    for trial in range(trials):
        how = rng.choice(["TERM", "HUP", "KILL", "fail"])
        marker = f"TRIAL{trial}X"
        typed = f"r: {marker}\n" + ("asked: m-meanin\n" if how == "fail" else "")
        then = {"KILL": KILL_PARENT, "fail": ""}.get(how, HANG_UP.format(sig=how))
        result = lab.run("log", "alice", "-e", EDITOR=lab.editor(typed, then, f"ed{trial}.py"))
        outcomes[how] = outcomes.get(how, 0) + 1
        if how != "KILL" and (
            result.returncode != 1 or len(result.stderr.strip().splitlines()) != 1
        ):
            failures.append(f"trial {trial} {how}: exit {result.returncode} {result.stderr[-200:]}")
        if list(lab.tmpdir.iterdir()):
            failures.append(f"trial {trial} {how}: files left in $TMPDIR")
        if encrypted and how != "KILL" and lab.plaintext_left(marker, "OLDSECRET"):
            failures.append(f"trial {trial} {how}: plaintext left")
        recovered = lab.run("log", "alice", "-e", EDITOR=fix)
        if recovered.returncode != 0:
            failures.append(f"trial {trial} {how}: recovery failed: {recovered.stderr[-200:]}")
        logged = lab.logged()
        if logged.count(marker) != 1:
            failures.append(f"trial {trial} {how}: {marker} logged {logged.count(marker)} times")
        if drafts(lab.journal):
            failures.append(f"trial {trial} {how}: drafts left after the recovery")
        if encrypted and lab.plaintext_left(marker, "OLDSECRET"):
            failures.append(f"trial {trial} {how}: plaintext left after the recovery")
    return {
        "part": "editor",
        "encrypted": encrypted,
        "trials": trials,
        "seed": seed,
        "outcomes": outcomes,
        "failures": len(failures),
        "failure_details": failures[:10],
        "seconds": round(time.monotonic() - started, 1),
    }


def test_editor_trials_quick(tmp_path):
    figures = editor_trials(tmp_path, 4, seed=7, encrypted=False)
    assert figures["failures"] == 0, figures["failure_details"]


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="heavy profile: set ONEONONE_SLOW=1")
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_slow_editor_signals_and_kills(tmp_path, encrypted):
    trials = int(os.environ.get("ONEONONE_EDITOR_TRIALS", "40"))
    seed = int(os.environ.get("ONEONONE_SEED", random.randrange(1 << 30)))
    figures = editor_trials(tmp_path, trials, seed, encrypted)
    report(figures)
    assert figures["failures"] == 0, figures["failure_details"]


def test_a_leftover_with_nothing_typed_is_removed_not_offered(team, tmp_path, monkeypatch, journal):
    folder = journal.parent / "drafts"
    folder.mkdir(mode=0o700)
    left = folder / "journal.alice.2026-02-02.999999999.abcdefgh.txt"  # no such process
    left.write_text("# 1:1 with Alice Smith\n#   2026-01-05  older private roadblock about Bob\n\n")
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: today\n", seen=seen))
    team("log", "alice", "-e")
    assert "never logged" not in seen.read_text()
    assert drafts(journal) == []


def test_no_stored_text_can_make_the_template_read_as_input():
    """Whatever the journal holds (names, notes, prompt texts with any characters), the
    untouched template parses as nothing, and each stored text stays on its own line."""
    from datetime import date

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from oneonone_cli.domain.noteinput import editor_template
    from oneonone_cli.domain.records import Cadence, Note, Person, PromptRow

    anything = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60)

    @settings(max_examples=300, deadline=None)
    @given(name=anything, texts=st.lists(anything, min_size=1, max_size=4), prompt=anything)
    def check(name, texts, prompt):
        person = Person("alice", name, "report", Cadence(1, "w"), date(2026, 1, 1))
        notes = [
            Note(i, i, "alice", date(2026, 2, 1), "roadblock", t, ()) for i, t in enumerate(texts)
        ]
        rows = [PromptRow("m-x", "morale", prompt, None, None)]
        template = editor_template(person, None, notes, rows, date(2026, 3, 2), notes)
        assert parse_note_lines(template).empty
        assert all(line.startswith("#") or not line for line in template.splitlines())
        assert len(template.splitlines()) == len(template.split("\n")) - 1

    check()


def test_the_replay_command_names_the_journal_from_any_folder(team, tmp_path, monkeypatch, journal):
    monkeypatch.chdir(journal.parent)
    monkeypatch.delenv("ONEONONE_DB")
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed\nasked: m-meanin\n"))
    err = team.fails("--db", "journal.db", "log", "alice", "-e")
    assert f"oneonone --db {journal} log alice" in err


def test_notes_given_as_options_name_a_waiting_draft(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed\nasked: m-meanin\n"))
    team.fails("log", "alice", "-e")
    [kept] = drafts(journal)
    result = team("log", "alice", "--again", "-R", "given as an option")
    assert "never logged" in result.stderr and shlex.quote(str(kept)) in result.stderr


def test_a_drafts_folder_that_is_a_link_is_refused_before_the_editor_opens(
    team, tmp_path, monkeypatch, journal
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (journal.parent / "drafts").symlink_to(elsewhere)
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed\n"))
    assert "not a folder of its own" in team.fails("log", "alice", "-e")
    assert list(elsewhere.iterdir()) == [] and stat.S_IMODE(elsewhere.stat().st_mode) == 0o755


def test_encrypt_seals_the_plaintext_drafts_kept_before_it(tmp_path):
    lab = Lab(tmp_path)
    lab.run("log", "alice", "-e", EDITOR=lab.editor("r: KEPTSECRET\nasked: m-meanin\n", ""))
    lab.run(
        "log",
        "alice",
        "--on",
        "2026-02-02",
        "-e",
        EDITOR=lab.editor("r: KILLEDSECRET\n", KILL_PARENT),
    )
    assert len(drafts(lab.journal)) == 2
    lab.extra = file_keyring(tmp_path)
    assert "2 drafts in drafts/ are now encrypted too" in lab.ok("encrypt")
    for backup in (lab.journal.parent / "backups").glob("*"):
        backup.unlink()  # the plain copy `encrypt` keeps, for the user to delete
    assert lab.plaintext_left("KEPTSECRET", "KILLEDSECRET") == []
    assert all(p.suffix == ".draft" for p in drafts(lab.journal))
    fix = write_editor(
        tmp_path,
        """
        import sys, pathlib
        path = pathlib.Path(sys.argv[1])
        path.write_text(path.read_text().replace("m-meanin", "m-meaning"))
    """,
        "fix.py",
    )
    lab.ok("log", "alice", "-e", EDITOR=fix)
    lab.ok("log", "alice", "--on", "2026-02-02", "-e", EDITOR=typing_editor(tmp_path, "m: x\n"))
    assert {"KEPTSECRET", "KILLEDSECRET"} <= set(lab.logged()) and drafts(lab.journal) == []


def test_the_template_s_prompt_lines_fit_an_80_column_editor(team, tmp_path, monkeypatch):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "", seen=seen))
    team("log", "alice", "-e")
    prompts = seen.read_text().split("# Prompts", 1)[1].splitlines()[1:]
    assert prompts and all(len(line) <= 80 for line in prompts), prompts


def test_an_encrypted_draft_stays_sealed_while_a_later_editor_holds_its_text(tmp_path):
    """The next `log` opens a sealed draft's text in the editor: killed there, the sealed
    draft must still be there (plaintext never its only copy), and the text is then logged
    once, not twice."""
    lab = Lab(tmp_path, encrypted=True)
    lab.run("log", "alice", "-e", EDITOR=lab.editor("r: SEALEDSECRET\nasked: m-meanin\n", ""))
    [sealed] = drafts(lab.journal)
    assert sealed.suffix == ".draft"
    result = lab.run("log", "alice", "-e", EDITOR=lab.editor("m: more\n", KILL_PARENT))
    assert result.returncode == -signal.SIGKILL
    assert sealed.parent.exists() and any(p.suffix == ".draft" for p in drafts(lab.journal))
    fix = write_editor(
        tmp_path,
        """
        import sys, pathlib
        path = pathlib.Path(sys.argv[1])
        path.write_text(path.read_text().replace("m-meanin", "m-meaning"))
    """,
        "fix.py",
    )
    lab.ok("log", "alice", "-e", EDITOR=fix)
    assert lab.logged().count("SEALEDSECRET") == 1 and lab.logged().count("more") == 1
    assert drafts(lab.journal) == []


def test_the_replay_command_of_a_day_over_a_year_back_carries_yes(
    team, tmp_path, monkeypatch, journal
):
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: long ago\nasked: m-meanin\n"))
    err = team.fails("log", "alice", "--on", "2024-06-03", "--yes", "-e")
    assert "log alice --on 2024-06-03 --yes <" in err
    [kept] = drafts(journal)
    kept.write_text(kept.read_text().replace("m-meanin", "m-meaning"))
    command = replay_command(err)
    done = subprocess.run(
        ["sh", "-c", command.replace("oneonone", f"{sys.executable} -m oneonone_cli", 1)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ("2024-06-03", "roadblock", "long ago") in notes_in(journal)


def test_a_draft_whose_process_id_was_reused_is_offered(team, tmp_path, monkeypatch, journal):
    """A killed run's draft is offered even when its process id now belongs to a live process
    (after a reboot, say): that process started after the draft was written, so is not its
    owner. A draft of a process that runs and wrote it is left alone."""
    folder = journal.parent / "drafts"
    folder.mkdir(mode=0o700)
    other = subprocess.Popen(["sleep", "30"])
    try:
        reused = folder / f"journal.alice.2026-03-02.{other.pid}.abcdefgh.txt"
        reused.write_text("r: TYPED before a reboot\n")
        hour_ago = time.time() - 3600
        os.utime(reused, (hour_ago, hour_ago))
        running = folder / f"journal.alice.2026-03-02.{other.pid}.ijklmnop.txt"
        running.write_text("r: STILL being typed\n")  # written after `sleep` started: its own
        seen = tmp_path / "seen.txt"
        monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "m: now\n", seen=seen))
        team("log", "alice", "-e")
        shown = seen.read_text()
        assert "TYPED before a reboot" in shown and "STILL being typed" not in shown
        assert running.exists() and not reused.exists()
    finally:
        other.kill()
        other.wait()
