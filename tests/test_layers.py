"""The layers of src/oneonone_cli/: arrows point down only.

    cli -> services -> (domain, themes, store) -> domain.records, errors;  render: for cli only.

Every import is read from the source (ast), those inside functions (lazy) and under
`if TYPE_CHECKING:` too, so a rule broken in a function body that runs only sometimes still fails
here. Each failure names the module and
the import. The package __init__.py files stay empty: importing a submodule costs nothing more.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "oneonone_cli"
ROOT = Path(__file__).resolve().parents[1] / "src" / PACKAGE

ENTRY = f"{PACKAGE}.__main__"
UI = ("typer", "click", "rich", "getpass")
SQL = ("sqlite3", "sqlite_utils", "sqlcipher3")


def _p(*names: str) -> tuple[str, ...]:
    return tuple(f"{PACKAGE}.{n}" for n in names)


# layer -> (forbidden imports, the exceptions among them)
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # domain is the lowest layer of logic: the theme engine may use its rules, not the reverse
    "domain": (UI + SQL + _p("store", "cli", "services", "render", "themes"), ()),
    "themes": (UI + SQL + _p("store", "cli", "services", "render"), ()),
    # plain record types only: domain.records (and errors, which is no layer)
    "store": (UI + _p("domain", "themes", "services", "cli", "render"), _p("domain.records")),
    "services": (UI + _p("cli", "render"), ()),
    "render": (_p("cli", "services", "store"), ()),
}


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(parts), path))
    return found


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported name) for every import statement at any depth: `import x.y` gives x.y,
    `from x import y` gives x.y (y may be a submodule or a name in x: either way it is x's)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against this module's package
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.extend(
                (node.lineno, target if alias.name == "*" else f"{target}.{alias.name}")
                for alias in node.names
            )
    return found


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations() -> list[str]:
    found = []
    for module, path in modules():
        parts = module.split(".")
        layer = parts[1] if len(parts) > 1 and (ROOT / parts[1]).is_dir() else None
        for line, name in imports_of(module, path):
            where = f"{module} (line {line}) imports {name}"
            # __main__ (`python -m oneonone_cli`) is the entry point above every layer.
            if layer != "cli" and module != ENTRY and _under(name, f"{PACKAGE}.cli"):
                found.append(f"{where}: only cli/ imports oneonone_cli.cli")
                continue
            if layer not in RULES:
                continue
            forbidden, allowed = RULES[layer]
            if any(_under(name, a) for a in allowed):
                continue
            if any(_under(name, f) for f in forbidden):
                found.append(f"{where}: {layer}/ must not import it")
    return sorted(found)


def test_the_source_tree_is_found():
    names = {m for m, _ in modules()}
    assert {f"{PACKAGE}.cli.main", f"{PACKAGE}.store.core", f"{PACKAGE}.domain.records"} <= names


def test_arrows_point_down_only():
    found = violations()
    assert not found, "imports against the layering:\n  " + "\n  ".join(found)


@pytest.mark.parametrize(
    "path", sorted(ROOT.rglob("__init__.py")), ids=lambda p: str(p.relative_to(ROOT.parent))
)
def test_package_init_files_are_empty(path):
    # The top-level __init__.py may carry only its docstring and __version__ (read by --version).
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = tree.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # a docstring
    if path.parent == ROOT:
        body = [
            n
            for n in body
            if not (
                isinstance(n, ast.Assign)
                and [getattr(t, "id", None) for t in n.targets] == ["__version__"]
                and isinstance(n.value, ast.Constant)
            )
        ]
    assert not body, f"{path.relative_to(ROOT.parent)} has code: keep package __init__ files empty"


def test_services_never_print():
    for path in (ROOT / "services").glob("*.py"):
        calls = [
            n
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "print"
        ]
        assert not calls, path.name


# Command modules call a service; the journal is opened by the run context (cli/context.py) and
# looked after by services/journal.py.
@pytest.mark.parametrize(
    "module",
    sorted(p.stem for p in (ROOT / "cli").glob("*.py") if p.stem not in {"__init__", "context"}),
)
def test_commands_reach_the_journal_through_services(module):
    wrong = [
        name
        for _, name in imports_of(f"{PACKAGE}.cli.{module}", ROOT / "cli" / f"{module}.py")
        if _under(name, f"{PACKAGE}.store.core") or _under(name, "sqlite3")
    ]
    assert not wrong, wrong


# ----------------------------------------------------------------------------- the checker itself


def _check(tmp_path, monkeypatch, files: dict[str, str]) -> list[str]:
    root = tmp_path / PACKAGE
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    monkeypatch.setitem(globals(), "ROOT", root)
    return violations()


def test_the_checker_finds_lazy_and_relative_imports(tmp_path, monkeypatch):
    found = _check(
        tmp_path,
        monkeypatch,
        {
            "domain/x.py": "def f():\n    import rich.table\n",
            "themes/y.py": "from ..store.core import Store\n",
            "store/z.py": "from oneonone_cli.domain import records\nfrom oneonone_cli.domain.dates import d\n",
            "services/s.py": "import typer\n",
            "render/v.py": "from oneonone_cli.services import reports\n",
            "errors.py": "from oneonone_cli.cli import app\n",
            "cli/app.py": "from oneonone_cli.render import views\n",
            "__main__.py": "from oneonone_cli.cli.main import main\n",
            "store/ok.py": "from oneonone_cli.domain.records import Note\nfrom oneonone_cli import errors\n",
        },
    )
    assert found == sorted(
        [
            "oneonone_cli.domain.x (line 2) imports rich.table: domain/ must not import it",
            "oneonone_cli.errors (line 1) imports oneonone_cli.cli.app: only cli/ imports oneonone_cli.cli",
            "oneonone_cli.render.v (line 1) imports oneonone_cli.services.reports: render/ must not import it",
            "oneonone_cli.services.s (line 1) imports typer: services/ must not import it",
            "oneonone_cli.store.z (line 2) imports oneonone_cli.domain.dates.d: store/ must not import it",
            "oneonone_cli.themes.y (line 1) imports oneonone_cli.store.core.Store: themes/ must not import it",
        ]
    )
