"""Installing: `python -m oneonone_cli` works as `oneonone` does, the entry point is declared,
and the encryption hint names an install that works for a clone (this environment's pip, or
pipx inject), never a package index name that is not this clone."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from oneonone_cli import __version__
from oneonone_cli.cli.main import COMMANDS
from oneonone_cli.store import crypto

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def python_m(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oneonone_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def test_python_m_oneonone_cli_help_lists_every_command():
    done = python_m("--help")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    listed = [line.split()[0] for line in done.stdout.split("Commands:")[1].splitlines() if line]
    assert listed == list(COMMANDS)


def test_python_m_oneonone_cli_version():
    done = python_m("--version")
    assert (done.returncode, done.stdout) == (0, f"oneonone {__version__}\n")


def test_python_m_oneonone_cli_runs_a_command(tmp_path):
    journal = tmp_path / "j.db"
    done = python_m("add", "alice", ONEONONE_DB=str(journal))
    assert done.returncode == 0, done.stderr
    done = python_m("people", "--json", ONEONONE_DB=str(journal))
    assert '"person": "alice"' in done.stdout


def test_python_m_oneonone_cli_errors_are_one_line():
    done = python_m("log", ONEONONE_DB="")
    assert done.returncode == 1
    assert done.stderr.startswith("oneonone: ") and done.stderr.count("\n") == 1


def test_the_oneonone_command_is_declared():
    assert PYPROJECT["project"]["scripts"] == {"oneonone": "oneonone_cli.cli.main:main"}
    (entry,) = metadata.entry_points(group="console_scripts", name="oneonone")
    from oneonone_cli.cli.main import main

    assert entry.load() is main


def test_the_installed_command_runs():
    script = Path(sys.executable).parent / "oneonone"
    if not script.exists():
        pytest.skip("oneonone is not installed beside this Python (not a venv install)")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert done.stdout == f"oneonone {__version__}\n"


def test_the_encryption_extra_is_what_the_hint_installs():
    declared = tuple(PYPROJECT["project"]["optional-dependencies"]["encryption"])
    assert declared == crypto.ENCRYPTION_REQUIREMENTS
    assert crypto.encryption_requirements() == declared  # as installed (pip install -e .)


def test_the_hint_in_a_venv_is_this_pythons_pip():
    hint = crypto.install_hint(
        prefix="/home/m/oneonone/.venv", python="/home/m/oneonone/.venv/bin/python"
    )
    assert (
        hint == "/home/m/oneonone/.venv/bin/python -m pip install 'sqlcipher3>=0.6.2' 'keyring>=25'"
    )
    assert "oneonone[encryption]" not in hint


def test_the_hint_under_pipx_is_pipx_inject(tmp_path):
    venv = tmp_path / "pipx-home" / "venvs" / "oneonone"
    venv.mkdir(parents=True)
    python = str(venv / "bin" / "python")
    assert "-m pip install" in crypto.install_hint(prefix=str(venv), python=python)
    (venv / "pipx_metadata.json").write_text("{}")  # what pipx writes in each of its venvs
    hint = crypto.install_hint(prefix=str(venv), python=python)
    assert hint == "pipx inject oneonone 'sqlcipher3>=0.6.2' 'keyring>=25'"


def test_a_path_with_spaces_is_quoted():
    hint = crypto.install_hint(prefix="/x", python="/My Tools/venv/bin/python")
    assert hint.startswith("'/My Tools/venv/bin/python' -m pip install ")


def test_the_readme_quick_start_names_a_way_onto_the_path():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pipx install ." in readme
    assert "source .venv/bin/activate" in readme
