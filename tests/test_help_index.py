"""`oneonone --help` lists the commands from cli/help_index.py without loading their modules
(cli/main.py `register_index`): the index must be current, the help it prints must be the help
printed with every command loaded, and nothing but a root-only run may use it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from help_index import first_paragraphs
from oneonone_cli.cli.help_index import FIRST_PARAGRAPHS
from oneonone_cli.cli.main import COMMANDS, ROOT_ONLY, ROOT_OPTIONS_WITH_VALUE, root_only

# One process prints the help as a user's run does; the other loads every command first and
# turns the index off, so the help is Typer's own from the real commands.
AS_RUN = "import sys; sys.argv[0] = 'oneonone'; from oneonone_cli.cli.main import main; main()"
FULL = (
    "import sys; sys.argv[0] = 'oneonone'; from oneonone_cli.cli import main as m; m.register();"
    " m.register_index = lambda: None; m.main()"
)
PROBE_MODULES = (
    "import sys, atexit, json; from oneonone_cli.cli import main as m;"
    " atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules)))); m.main()"
)


def printed(program: str, args: list[str], tmp_path, columns: int = 80):
    env = {
        **os.environ,
        "COLUMNS": str(columns),
        "ONEONONE_DB": str(tmp_path / "j.db"),
        "ONEONONE_TODAY": "2026-03-02",
    }
    env.pop("_ONEONONE_COMPLETE", None)
    done = subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


def test_the_index_is_current():
    assert first_paragraphs() == FIRST_PARAGRAPHS, "run: python tests/help_index.py"


def test_the_index_lists_every_command_in_table_order():
    assert list(FIRST_PARAGRAPHS) == list(COMMANDS)


@pytest.mark.parametrize(
    "args", [[], ["--help"], ["-h"], ["--db", "x.db", "--help"], ["--db=x.db", "-h"], ["--version"]]
)
def test_root_help_from_the_index_is_typers_own(args, tmp_path):
    for columns in (40, 80, 200):
        run = printed(AS_RUN, args, tmp_path, columns)
        assert run == printed(FULL, args, tmp_path, columns), (args, columns)
        assert run[0] == 0 and run[1]
    assert not (tmp_path / "j.db").exists()  # help writes nothing


def test_root_help_loads_no_command_module(tmp_path):
    code, out, err = printed(PROBE_MODULES, ["--help"], tmp_path)
    assert code == 0 and "Commands:" in out
    loaded = set(__import__("json").loads(err))
    command_modules = {f"oneonone_cli.cli.{m}" for m in COMMANDS.values()}
    assert loaded & command_modules == set()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], True),
        (["--help"], True),
        (["-h"], True),
        (["--version"], True),
        (["--db", "x.db", "--help"], True),
        (["--db", "log", "--help"], True),  # --db's value, not a command
        (["--db=x.db"], True),
        (["--db"], True),  # click says the value is missing, as with every command loaded
        (["log"], False),
        (["log", "--help"], False),
        (["--help", "log"], False),
        (["--", "log"], False),  # a command after `--`: the real ones, never a stand-in
        (["--json"], False),  # an option the root does not have: Typer's error, all loaded
        (["-hv"], False),
        (["nosuch"], False),
    ],
)
def test_root_only_boundaries(args, expected):
    assert root_only(args) is expected


@given(st.lists(st.sampled_from([*ROOT_ONLY, *ROOT_OPTIONS_WITH_VALUE, "--", "log", "x", "-"])))
def test_root_only_never_lets_a_command_name_through(args):
    if root_only(args):
        values = {i + 1 for i, a in enumerate(args) if a in ROOT_OPTIONS_WITH_VALUE}
        assert all(
            a in ROOT_ONLY or a in ROOT_OPTIONS_WITH_VALUE or i in values
            for i, a in enumerate(args)
        )


@pytest.mark.parametrize(
    "args", [["--", "due"], ["nosuch"], ["--json"], ["--db", "x.db", "due", "--json"]]
)
def test_everything_else_is_answered_by_the_real_commands(args, tmp_path):
    assert printed(AS_RUN, args, tmp_path) == printed(FULL, args, tmp_path)


@pytest.mark.parametrize(
    "args", [["log", "--help"], ["note", "edit", "-h"], ["prompts", "--help"], ["themes", "-h"]]
)
def test_a_commands_help_loads_its_own_module_only_and_is_the_same(args, tmp_path):
    assert printed(AS_RUN, args, tmp_path) == printed(FULL, args, tmp_path)
    code, _, err = printed(PROBE_MODULES, args, tmp_path)
    loaded = set(__import__("json").loads(err))
    own = {f"oneonone_cli.cli.{COMMANDS[args[0]]}"}
    assert loaded & {f"oneonone_cli.cli.{m}" for m in COMMANDS.values()} == own
