"""Completing values from the journal on a Tab press, and answering the shell's request.

Give `complete_handle`, `complete_prompt_id`, `complete_theme_key` or `complete_note_id` as
`autocompletion=` to a typer.Argument or typer.Option. They read the journal read-only
(services/completion.py) and answer nothing on any error: a Tab press never prints a traceback
into the shell, never waits on a busy journal, never creates or upgrades a journal. This module
is imported on every run (app.py's shared HANDLE argument names one): it imports nothing more.
"""

# No `from __future__ import annotations`: Typer reads the helpers' annotations (see app.py).
import os
from pathlib import Path

import typer

COMPLETE_VAR = "_ONEONONE_COMPLETE"  # what the scripts set; the same however oneonone is named
PROG_NAME = "oneonone"


def answer(group, ctx_args, prog_name: str) -> None:
    """Answer the shell's completion request (the root group calls this when _ONEONONE_COMPLETE
    is set), then end the process: 0 when it answered, 1 (and nothing said) on any error."""
    import sys

    from typer._completion_classes import completion_init
    from typer.completion import shell_complete

    try:
        completion_init()
        code = shell_complete(group, ctx_args, PROG_NAME, COMPLETE_VAR, os.environ[COMPLETE_VAR])
    except Exception:  # never a traceback into the shell: complete nothing
        code = 1
    sys.exit(code)


# ---------------------------------------------------------------- values from the journal


def journal_path(ctx: typer.Context) -> Path | None:
    """The journal the command line names (--db, else ONEONONE_DB, else the default one);
    None when that is empty or unreadable (nothing to complete from)."""
    from oneonone_cli.cli.context import db_path, default_db_path

    root = ctx.find_root()
    db = root.params.get("db") if root.params else None
    try:
        path = db_path(db)
        return path if path is not None else default_db_path()
    except Exception:
        return None


def _safely(choose, ctx, incomplete: str, **options) -> list[tuple[str, str]]:
    try:
        path = journal_path(ctx)
        if path is None:
            return []
        return choose(path, incomplete or "", **options)
    except Exception:  # a Tab press says nothing of errors: nothing to complete
        return []


def complete_handle(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """People's handles (active ones), with their names."""
    from oneonone_cli.services.completion import handles

    return _safely(handles, ctx, incomplete)


def complete_any_handle(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """People's handles, archived ones too (for `archive --undo`, `show`)."""
    from oneonone_cli.services.completion import handles

    return _safely(handles, ctx, incomplete, archived=True)


def complete_prompt_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Prompt IDs of the bank and your own (not retired ones), with their text."""
    from oneonone_cli.services.completion import prompt_ids

    return _safely(prompt_ids, ctx, incomplete)


def complete_theme_key(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Theme keys, built-in and yours, with their names."""
    from oneonone_cli.services.completion import theme_keys

    return _safely(theme_keys, ctx, incomplete)


def complete_dismissed_theme(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The keys of the found themes you dismissed (for `themes undismiss`)."""
    from oneonone_cli.services.completion import theme_keys

    return _safely(theme_keys, ctx, incomplete, dismissed=True)


def complete_note_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The newest note IDs starting with what was typed, with date, person and text; only
    the person's when the command line already names one (a HANDLE argument or --person)."""
    from oneonone_cli.services.completion import note_ids

    person = ctx.params.get("handle") or ctx.params.get("person")
    return _safely(note_ids, ctx, incomplete, person=person if isinstance(person, str) else None)
