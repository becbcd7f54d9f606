"""The layers: arrows point down, cli -> services -> (domain, themes, store) -> records/errors.

Read from the source (no import runs), so that a module cannot slip a forbidden import into a
function body either."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "oneonone_cli"

# What each layer must never import (a module, or any module under it).
UI = {"typer", "click", "rich", "oneonone_cli.render", "oneonone_cli.cli"}
FORBIDDEN = {
    "domain": UI | {"sqlite3", "sqlite_utils", "sqlcipher3", "oneonone_cli.store",
                    "oneonone_cli.services", "oneonone_cli.themes"},
    "themes": UI | {"sqlite3", "sqlite_utils", "sqlcipher3", "oneonone_cli.store",
                    "oneonone_cli.services"},
    "services": UI,
    "store": UI | {"oneonone_cli.services"},
}
# Command modules call a service; the store is opened by the run context only.
COMMAND_MODULES = ("demo", "history", "main", "meetings", "people", "prompts")


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def under(name: str, roots: set[str]) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    wrong = {f"{path.name}: {name}" for path in (PACKAGE / layer).glob("*.py")
             for name in imports(path) if under(name, FORBIDDEN[layer])}  # fmt: skip
    assert not wrong, sorted(wrong)


def test_services_never_print():
    for path in (PACKAGE / "services").glob("*.py"):
        calls = [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "print"]  # fmt: skip
        assert not calls, path.name


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_commands_reach_the_journal_through_services(module):
    wrong = {name for name in imports(PACKAGE / "cli" / f"{module}.py")
             if under(name, {"oneonone_cli.store", "sqlite3"})}  # fmt: skip
    assert not wrong, sorted(wrong)


def test_package_init_files_stay_empty():
    # Importing a submodule must cost nothing more than the submodule (tests/test_budgets.py).
    for init in PACKAGE.glob("*/__init__.py"):
        assert init.read_text(encoding="utf-8") == "", init


def test_did_you_mean_names_the_closest_known_name():
    from oneonone_cli.suggest import did_you_mean

    assert did_you_mean("alcie", ["alice", "bob"]) == "did you mean 'alice'? "
    assert did_you_mean("zed", ["alice", "bob"]) == ""
    assert did_you_mean("m-meanin", iter({"m-meaning", "r-blocker"})) == "did you mean 'm-meaning'? "
