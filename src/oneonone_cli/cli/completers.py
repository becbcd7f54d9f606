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
        _plain_help_for_zsh_and_fish()
        code = shell_complete(group, ctx_args, PROG_NAME, COMPLETE_VAR, os.environ[COMPLETE_VAR])
    except Exception:  # never a traceback into the shell: complete nothing
        code = 1
    sys.exit(code)


def _plain_help_for_zsh_and_fish() -> None:
    """Typer's zsh and fish answers pass each choice's help through rich to strip markup: ~80 ms
    of imports on every Tab press, and a long help wrapped onto a second line. Our helps are
    plain text (no markup: rich_markup_mode is off), so they are given as they are."""
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import FishComplete, ZshComplete

    class Zsh(ZshComplete):
        def format_completion(self, item):
            def escape(s: str) -> str:  # as Typer's own
                return (
                    s.replace('"', '""')
                    .replace("'", "''")
                    .replace("$", "\\$")
                    .replace("`", "\\`")
                    .replace(":", r"\\:")
                )

            if item.help:
                return f'"{escape(item.value)}":"{escape(_one_short_line(item.help))}"'
            return f'"{escape(item.value)}"'

    class Fish(FishComplete):
        def format_completion(self, item):
            if item.help:
                return f"{item.value}\t{_one_short_line(item.help)}"
            return item.value

    add_completion_class(Zsh, "zsh")
    add_completion_class(Fish, "fish")


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
        choices = choose(path, incomplete or "", **options)
    except Exception:  # a Tab press says nothing of errors: nothing to complete
        return []
    return [(value, _one_short_line(text)) for value, text in choices]


# zsh and fish show a choice's help beside it; Typer lays it out with rich, which wraps a long
# one onto a line of its own (that the shell reads as another choice): one short line it is.
HELP_CHARS = 60


def _one_short_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= HELP_CHARS else text[: HELP_CHARS - 1] + "…"


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


def complete_mood(ctx: typer.Context, incomplete: str) -> list[str]:
    """`meeting edit --mood`: 1 (low) to 5 (great), and 'none' (clears one recorded by mistake)."""
    return [v for v in ("1", "2", "3", "4", "5", "none") if v.startswith(incomplete or "")]


def complete_talk(ctx: typer.Context, incomplete: str) -> list[str]:
    """`meeting edit --talk`: 'none' (clears one recorded by mistake); a share is typed."""
    return [v for v in ("none",) if v.startswith(incomplete or "")]
