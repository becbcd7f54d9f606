"""`oneonone --help` lists the commands from src/oneonone_cli/cli/help_index.py, so that it
does not load every command module to print one line of each (cli/main.py). That file is
written from the commands' own help; tests/test_help_index.py checks it is current and that
the help printed from it is the help printed with every command loaded. After changing a
command's help (its docstring's first paragraph), rewrite it:

    python tests/help_index.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

INDEX = Path(__file__).resolve().parents[1] / "src" / "oneonone_cli" / "cli" / "help_index.py"


def first_paragraphs() -> dict[str, str]:
    """Each command's name -> the first paragraph of its help, its words joined by one space:
    all that the command list of the root's --help reads (click's short help)."""
    import typer.main

    from oneonone_cli.cli.main import COMMANDS, app

    group = typer.main.get_command(app)
    found = {}
    for name in COMMANDS:
        command = group.commands[name]
        assert not (command.short_help or command.hidden or command.deprecated), name
        found[name] = " ".join((command.help or "").split("\n\n")[0].split())
    return found


def quoted(text: str) -> str:
    """`text` as a Python string literal in double quotes, as `ruff format` writes it."""
    return json.dumps(text, ensure_ascii=False)


def source() -> str:
    lines = [
        '"""The first paragraph of each command\'s help, for the command list of `oneonone',
        "--help`: written by tests/help_index.py from the commands themselves (do not edit; run",
        '`python tests/help_index.py` after changing a command\'s help)."""',
        "",
        "FIRST_PARAGRAPHS = {",
    ]
    lines += [f"    {quoted(name)}: {quoted(text)}," for name, text in first_paragraphs().items()]
    return "\n".join([*lines, "}", ""])


if __name__ == "__main__":
    INDEX.write_text(source())
    sys.stdout.write(f"wrote {INDEX}\n")
