"""The command-line entry point: the app with every command registered."""

from __future__ import annotations

from oneonone_cli.app import app
from oneonone_cli.commands import demo, meetings, people, reports, themes  # noqa: F401  registers

__all__ = ["app", "main"]


def main() -> None:
    app()
