"""Every command has help text and is mentioned in the README."""

from pathlib import Path

import typer

from oneonone_cli.cli.main import app

README = (Path(__file__).parent.parent / "README.md").read_text()


def commands():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        yield name, command
        for sub, subcommand in getattr(command, "commands", {}).items():
            yield f"{name} {sub}", subcommand


def test_every_command_has_help_and_is_documented():
    names = []
    for name, command in commands():
        names.append(name)
        assert (command.help or "").strip(), f"{name} has no help text"
        assert f"oneonone {name}" in README, f"README does not mention 'oneonone {name}'"
    assert {"add", "log", "due", "themes", "prompts", "show", "demo"} <= set(names)


def test_quick_start_has_exactly_two_command_lines():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    lines = [line for line in block.splitlines()[1:] if line.strip()]
    assert len(lines) == 2, lines
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    assert lines[1].strip() in ci
