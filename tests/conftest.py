"""Every test gets its own journal file and a fixed today; none can touch a real user's data."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from oneonone_cli.cli.main import app

TODAY = date(2026, 3, 2)  # a Monday, just after a non-leap February


@pytest.fixture(autouse=True)
def journal(tmp_path, monkeypatch):
    path = tmp_path / "journal.db"
    monkeypatch.setenv("ONEONONE_DB", str(path))
    monkeypatch.setenv("ONEONONE_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the default path, if reached
    monkeypatch.setenv("ONEONONE_CONFIG", str(tmp_path / "config.toml"))  # no real settings
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return path


class Runner:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int = 0, env=None):
        result = self.runner.invoke(app, list(args), input=input, env=env)
        assert result.exit_code == code, (
            f"exit {result.exit_code} != {code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        )
        return result

    def json(self, *args: str, input: str | None = None):
        return json.loads(self(*args, "--json", input=input).stdout)

    def fails(self, *args: str, code: int = 1, input: str | None = None) -> str:
        """Run a command that must fail cleanly: one line on stderr, no traceback."""
        result = self(*args, input=input, code=code)
        err = result.stderr.strip()
        assert err.startswith("oneonone: "), err
        assert len(err.splitlines()) == 1, err
        assert "Traceback" not in result.stdout + result.stderr
        return err


@pytest.fixture
def run():
    return Runner()


@pytest.fixture
def keyring_memory():
    """A keyring kept in memory for in-process runs: the dict of its passwords."""
    from keyrings import memory_keyring

    yield from memory_keyring()
