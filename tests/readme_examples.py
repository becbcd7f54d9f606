"""The README's examples are real output: every fenced block whose first line is
`$ oneonone ...` holds what that command prints on the demo journal (`oneonone demo`, today
2026-11-23, 80 columns, no colour). tests/test_readme_examples.py checks them; after a change
meant to change them, rewrite them from the commands' output:

    python tests/readme_examples.py
"""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from oneonone_cli.cli.main import app

README = Path(__file__).resolve().parents[1] / "README.md"
TODAY = "2026-11-23"
WIDTH = 80
BLOCK = re.compile(r"^```\n(\$ oneonone [^\n]*\n.*?)^```$", re.MULTILINE | re.DOTALL)
PROMPT = "$ oneonone "


def examples(text: str) -> list[tuple[re.Match, list[tuple[str, str]]]]:
    """The README's example blocks, each with its (command line, output shown) pairs: a block
    may run several commands, each line starting `$ oneonone ` begins the next one."""
    found = []
    for match in BLOCK.finditer(text):
        pairs: list[tuple[str, list[str]]] = []
        for line in match.group(1).splitlines():
            if line.startswith(PROMPT):
                pairs.append((line, []))
            else:
                pairs[-1][1].append(line)
        found.append((match, [(c, "\n".join(out)) for c, out in pairs]))
    return found


def commands(text: str) -> list[str]:
    """Every example's command line, in the README's order."""
    return [c for _, pairs in examples(text) for c, _ in pairs]


def outputs(lines: list[str]) -> list[str]:
    """What each command prints (stdout, then stderr) on a new demo journal, run in order
    (one example may change what the next one shows)."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            "ONEONONE_DB": str(Path(folder) / "demo.db"),
            "ONEONONE_TODAY": TODAY,
            "COLUMNS": str(WIDTH),
            "NO_COLOR": "1",
            "XDG_DATA_HOME": str(Path(folder) / "xdg"),
            "XDG_CONFIG_HOME": str(Path(folder) / "config"),
            "ONEONONE_CONFIG": str(Path(folder) / "config.toml"),
            "VISUAL": "",
            "EDITOR": "",
        }
        made = runner.invoke(app, ["demo", "--db", env["ONEONONE_DB"]], env=env)
        assert made.exit_code == 0, made.output
        printed = []
        for line in lines:
            args = shlex.split(line.removeprefix(PROMPT))
            result = runner.invoke(app, args, env=env)
            assert result.exit_code == 0, (line, result.output)
            text = result.stdout + result.stderr
            printed.append(tidy(text))
        return printed


def tidy(text: str) -> str:
    return "\n".join(row.rstrip() for row in text.rstrip("\n").splitlines())


def rewritten(text: str) -> str:
    """The README with every example's output replaced by what its command prints now."""
    found = examples(text)
    new = iter(outputs(commands(text)))
    blocks = []
    for match, pairs in found:
        body = "\n".join(f"{command}\n{next(new)}" for command, _ in pairs)
        blocks.append((match, f"```\n{body}\n```"))
    for match, block in reversed(blocks):
        text = text[: match.start()] + block + text[match.end() :]
    return text


if __name__ == "__main__":
    before = README.read_text(encoding="utf-8")
    after = rewritten(before)
    README.write_text(after, encoding="utf-8")
    print("README examples rewritten" if after != before else "README examples already current")
    sys.exit(0)
