"""The command-line entry point: the app with every command registered."""

from __future__ import annotations

from oneonone_cli.app import app
from oneonone_cli.commands import (  # noqa: F401  importing registers the commands
    demo,
    journal,
    meetings,
    people,
    reports,
    themes,
)

__all__ = ["app", "main"]


def main() -> None:
    app()
