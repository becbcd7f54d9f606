"""What an outside tester found about notes on stdin given with note flags, and about Ctrl-C
and stop signals: each test failed before its fix."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "oneonone_cli"]


def notes_in(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT kind, text FROM notes ORDER BY id").fetchall()


def meetings_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM meetings").fetchone()[0]


def one_line(stderr: str) -> str:
    err = stderr.strip()
    assert err.startswith("oneonone: "), err
    assert len(err.splitlines()) == 1, err
    return err


# ------------------------------------------------ F1: notes on stdin and note flags together


@pytest.mark.parametrize(
    "flags",
    [["-R", "x"], ["-M", "fine"], ["--asked", "m-meaning"], ["--no-notes"]],
)
def test_piped_notes_with_note_flags_are_refused_not_dropped(run, journal, flags):
    run("add", "bob")
    err = run.fails("log", "bob", *flags, input="r: y\n", code=2)
    assert "stdin" in err and "nothing was logged" in err
    assert meetings_in(journal) == 0


def test_flags_alone_still_log_in_process(run, journal):
    run("add", "bob")
    run("log", "bob", "-R", "x")
    assert notes_in(journal) == [("roadblock", "x")]


def _log(args, journal, **kw):
    return subprocess.run([*CLI, "log", "bob", *args], capture_output=True, timeout=60, **kw)


def test_pipe_with_data_is_refused(run, journal):
    run("add", "bob")
    done = _log(["-R", "x"], journal, input=b"r: y\n")
    assert done.returncode == 2, done.stderr
    assert "nothing was logged" in one_line(done.stderr.decode())
    assert meetings_in(journal) == 0


def test_file_with_data_is_refused(run, journal, tmp_path):
    run("add", "bob")
    notes = tmp_path / "notes.txt"
    notes.write_text("r: x\n")
    with notes.open("rb") as f:
        done = _log(["--asked", "m-meaning"], journal, stdin=f)
    assert done.returncode == 2, done.stderr
    one_line(done.stderr.decode())
    assert meetings_in(journal) == 0


def test_file_read_to_its_end_is_not_waiting(run, journal, tmp_path):
    run("add", "bob")
    notes = tmp_path / "notes.txt"
    notes.write_text("r: x\n")
    with notes.open("rb") as f:
        f.seek(0, os.SEEK_END)
        done = _log(["-R", "x"], journal, stdin=f)
    assert done.returncode == 0, done.stderr
    assert notes_in(journal) == [("roadblock", "x")]


def test_empty_pipe_devnull_and_closed_stdin_are_not_waiting(run, journal):
    run("add", "bob")
    empty = _log(["-R", "a"], journal, input=b"")
    assert empty.returncode == 0, empty.stderr
    null = _log(["-R", "b"], journal, stdin=subprocess.DEVNULL)
    assert null.returncode == 0, null.stderr
    closed = subprocess.run(
        ["sh", "-c", " ".join([*CLI, "log", "bob", "--again", "-R", "c"]) + " <&-"],
        capture_output=True,
        timeout=60,
    )
    assert closed.returncode == 0, closed.stderr
    assert [t for _, t in notes_in(journal)] == ["a", "b", "c"]


def test_open_pipe_with_nothing_written_does_not_block(run, journal):
    run("add", "bob")
    read, write = os.pipe()
    try:
        done = _log(["-R", "x"], journal, stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert notes_in(journal) == [("roadblock", "x")]


# ------------------------------------------------ F6: a stop signal whose raise is swallowed


def _signal_inside_weakref_callback(signum: int) -> None:
    """The stop handler runs where Python ignores what it raises (here a weakref callback, as
    in the import machinery's module locks): its exception is 'ignored' and the run goes on."""
    import weakref

    from oneonone_cli.errors import raise_signalled

    class Thing:
        pass

    thing = Thing()
    ref = weakref.ref(thing, lambda _ref: raise_signalled(signum, None))
    del thing
    assert ref() is None


def test_a_swallowed_stop_signal_is_still_reported_at_the_exit_point(run, journal, monkeypatch):
    import signal

    from oneonone_cli.services import meetings

    run("add", "bob")
    real = meetings.log_meeting

    def log_then_signalled(*args, **kwargs):
        result = real(*args, **kwargs)  # committed
        _signal_inside_weakref_callback(signal.SIGTERM)
        return result

    monkeypatch.setattr(meetings, "log_meeting", log_then_signalled)
    result = run("log", "bob", "-R", "x", code=128 + signal.SIGTERM)
    err = one_line(result.stderr)
    assert "stopped by SIGTERM" in err and "saved before" in err, err
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert notes_in(journal) == [("roadblock", "x")]
    # The next run starts clean: the signal was acted on once.
    monkeypatch.setattr(meetings, "log_meeting", real)
    run("log", "bob", "--again", "-R", "y")


def test_a_swallowed_sighup_before_any_write_says_nothing_was_written(run, journal, monkeypatch):
    import signal

    from oneonone_cli.services import meetings

    run("add", "bob")
    real = meetings.already_held

    def signalled_first(*args, **kwargs):
        _signal_inside_weakref_callback(signal.SIGHUP)
        return real(*args, **kwargs)

    monkeypatch.setattr(meetings, "already_held", signalled_first)
    result = run("log", "bob", "-R", "x", code=128 + signal.SIGHUP)
    err = one_line(result.stderr)
    assert "stopped by SIGHUP: nothing was written" in err, err
    assert meetings_in(journal) == 0  # raised again before the commit: rolled back


# ------------------------------------------------ F5: Ctrl-C and stop signals while starting


def _run_main(run, before_main: str, args=("log", "bob", "-R", "x")):
    """`oneonone ARGS` in a fresh interpreter, with `before_main` run first (it patches the
    point where the signal comes)."""
    run("add", "bob")
    code = (
        "import os, signal, sys, time\n"
        f"{before_main}\n"
        f"sys.argv = ['oneonone', *{list(args)!r}]\n"
        "from oneonone_cli.cli.main import main\n"
        "main()\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


SIGNAL_WHILE_TYPER_BUILDS = """
import typer.main
real = typer.main.get_command
def get_command(app):
    os.kill(os.getpid(), signal.{name})
    time.sleep(5)  # the signal arrives here
    return real(app)
typer.main.get_command = get_command
"""


def test_ctrl_c_while_typer_builds_the_command_is_one_line(run, journal):
    done = _run_main(run, SIGNAL_WHILE_TYPER_BUILDS.format(name="SIGINT"))
    assert done.returncode == 130, done.stderr
    assert one_line(done.stderr) == "oneonone: interrupted: nothing was written"
    assert meetings_in(journal) == 0


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_stop_signal_while_starting_is_one_line(run, journal, name):
    import signal

    done = _run_main(run, SIGNAL_WHILE_TYPER_BUILDS.format(name=name))
    assert done.returncode == 128 + getattr(signal, name), done.stderr
    assert one_line(done.stderr) == f"oneonone: stopped by {name}: nothing was written"
    assert meetings_in(journal) == 0


def test_stop_signal_as_the_interpreter_exits_is_held(run, journal):
    """After the exit point has answered, a stop signal can no longer kill the run with no line
    nor print a traceback from the interpreter's last steps: the run ends with its own code."""
    done = _run_main(
        run,
        "import atexit\n"
        "atexit.register(lambda: (os.kill(os.getpid(), signal.SIGTERM), time.sleep(0.5)))\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("Logged 1:1 with bob")
    assert notes_in(journal) == [("roadblock", "x")]


def test_stop_signal_swallowed_while_starting_is_answered(run, journal):
    """The tester's case end to end: SIGTERM handled inside a weakref callback while the run
    starts; Python ignores the raise, the run goes on, and the signal is still answered."""
    done = _run_main(
        run,
        "import weakref\n"
        "class Thing: pass\n"
        "thing = Thing()\n"
        "def callback(_ref):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    sum(range(100000))  # the handler runs here, in the callback\n"
        "import typer.main\n"
        "real = typer.main.get_command\n"
        "def get_command(app):\n"
        "    global thing\n"
        "    ref = weakref.ref(thing, callback)\n"
        "    del thing\n"
        "    return real(app)\n"
        "typer.main.get_command = get_command\n",
    )
    assert done.returncode == 143, done.stderr
    assert one_line(done.stderr) == "oneonone: stopped by SIGTERM: nothing was written"
    assert meetings_in(journal) == 0


def test_ctrl_c_as_main_starts_is_one_line(run, journal):
    """Ctrl-C while main() loads what handles the signals (the first thing it does)."""
    done = _run_main(
        run,
        "class Finder:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'oneonone_cli.errors':\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "            time.sleep(5)  # the signal arrives here\n"
        "        return None\n"
        "sys.meta_path.insert(0, Finder())\n",
    )
    assert done.returncode == 130, done.stderr
    assert one_line(done.stderr) == "oneonone: interrupted: nothing was written"
