"""Store concurrency, the exit point's messages and one-line crashes (issues 6, 7, 12, 13, 15-20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    kwargs.setdefault("capture_output", True)
    result = subprocess.run([*CLI, *args], env=env or env_for(db), check=False, timeout=60, **kwargs)
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
    from oneonone_cli import store

    def boom(self, **kwargs):
        raise ZeroDivisionError("secret note text")

    monkeypatch.setattr(store.Store, "people", boom)
    monkeypatch.setenv("ONEONONE_DEBUG", value)
    err = run.fails("people")
    assert "unexpected error (ZeroDivisionError" in err and "secret" not in err


@pytest.mark.parametrize("value", ["1", "true", "YES"])
def test_debug_on_values_raise(run, monkeypatch, value):
    from oneonone_cli import store

    def boom(self, **kwargs):
        raise ZeroDivisionError("x")

    monkeypatch.setattr(store.Store, "people", boom)
    monkeypatch.setenv("ONEONONE_DEBUG", value)
    result = run.runner.invoke(__import__("oneonone_cli.cli").cli.app, ["people"])
    assert isinstance(result.exception, ZeroDivisionError)


# ---------------------------------------------------------------- 12: JSON escapes controls

HOSTILE = "a\u202eb\u009bc\x1bd\u2066e\u200ff\u2028g\u2029h\x7fi\u061cj\ufeffk\u00e9l \U0001f600"


def test_json_escapes_controls_and_bidi_and_round_trips(run):
    run("add", "alice")
    run("log", "alice", "-R", HOSTILE)
    out = run("show", "alice", "--json").stdout
    for raw in ("\u202e", "\u009b", "\x1b", "\u2066", "\u200f", "\u2028", "\u2029", "\x7f", "\u061c", "\ufeff"):
        assert raw not in out, repr(raw)
    assert "\\u202e" in out and "\\u009b" in out
    assert "\u00e9" in out and "\U0001f600" in out  # ordinary text stays readable
    texts = [n["text"] for m in json.loads(out) for n in m["notes"]]
    assert HOSTILE in texts


def test_print_json_round_trips_keys_too(capsys):
    from oneonone_cli import render

    data = {"k\u202e": ["\u0085\u009f\u200e", 1, None]}
    render.print_json(data)
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\u0085" not in out
    assert json.loads(out) == data
