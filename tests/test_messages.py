"""All user-facing messages live in src/oneonone_cli/messages.py (as jrnl keeps its MsgText):
every template there is used, none is written out where it is said, and the module stays a flat,
free-to-import set of str templates."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from oneonone_cli import messages

SRC = Path(__file__).resolve().parents[1] / "src" / "oneonone_cli"
MESSAGES = SRC / "messages.py"

# Being rewritten by another stream when messages.py was made: the lead moves their messages
# here after the merge, and then empties this set.
PENDING_FILES: set[str] = set()

# The calls that say something to the user: their message must come from messages.py.
SAYING = {"OneOnOneError", "usage_error", "say", "info", "error", "confirm"}

# (file, call, the literal) allowed to stay, each with its reason.
ALLOWED = {
    ("cli/demo.py", "say", ""),  # a blank line between the demo's reports, not a message
}


def _templates() -> dict[str, str]:
    return {
        name: value
        for name, value in vars(messages).items()
        if name.isupper() and isinstance(value, str)
    }


def _in_scope() -> list[tuple[str, Path]]:
    files = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel not in PENDING_FILES and path != MESSAGES:
            files.append((rel, path))
    return files


def _literal(node: ast.expr) -> str | None:
    """The text of a message written out: a literal str, an f-string, or either joined with +
    (a call's result or a template chosen by `if` is no literal); else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return ast.unparse(node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left) or _literal(node.right)
    return None


def test_messages_is_a_flat_module_of_str_templates():
    tree = ast.parse(MESSAGES.read_text(encoding="utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))], (
        "messages.py is imported on every run: it imports nothing"
    )
    for node in tree.body[1:]:  # after the docstring: NAME = "template" only
        assert isinstance(node, ast.Assign), ast.unparse(node)
        (target,) = node.targets
        assert isinstance(target, ast.Name) and target.id.isupper(), ast.unparse(node)
    for text in _templates().values():
        list(string.Formatter().parse(text))  # a broken {placeholder} fails here


def test_no_template_is_defined_twice():
    # Two engineers appending to messages.py can each name a template the same: the later
    # one would silently replace the earlier one's words for both callers.
    tree = ast.parse(MESSAGES.read_text(encoding="utf-8"))
    names = [n.targets[0].id for n in tree.body[1:] if isinstance(n, ast.Assign)]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_every_template_is_used():
    source = "\n".join(path.read_text(encoding="utf-8") for _, path in _in_scope())
    unused = [name for name in _templates() if not re.search(rf"\bmessages\.{name}\b", source)]
    assert not unused, f"templates used nowhere in src: {unused}"


def test_no_message_is_written_out_where_it_is_said():
    found = []
    for rel, path in _in_scope():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in SAYING:
                continue
            text = _literal(node.args[0])
            if text is not None and (rel, name, text) not in ALLOWED:
                found.append(f"{rel}:{node.lineno}: {name}({text[:60]!r}...)")
    assert not found, "use a template from messages.py:\n" + "\n".join(found)


def test_pending_files_are_listed_by_their_path():
    # The set names paths under src/oneonone_cli/ (the lead empties it after the merge).
    for rel in PENDING_FILES:
        assert not rel.startswith(("/", "src")) and rel.endswith(".py"), rel
        # A name left over from a move or a split would take nothing out of the check.
        assert (SRC / rel).is_file(), f"{rel} is not a file under src/oneonone_cli/"
