"""Completing values from the journal on a Tab press, and answering the shell's request.

Give `complete_handle`, `complete_prompt_id`, `complete_theme_key`, `complete_note_id`,
`complete_meeting_id`, `complete_*follow_up_id` or `complete_trash_id` as `autocompletion=` to a
typer.Argument or typer.Option (the formats' and kinds' completers need no journal). They read
the journal read-only (services/completion.py) and answer nothing on any error: a Tab press
never prints a traceback into the shell, never waits on a busy journal, never creates or
upgrades a journal. This module is imported on every run (app.py's shared HANDLE argument
names one): it imports nothing more.
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
    """The help as one short line, its control characters shown as escapes, never obeyed (a
    note or follow-up may hold an escape sequence: it must not reach the terminal)."""
    from oneonone_cli.render.text import inert

    text = " ".join(inert(text).split())
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


def complete_meeting_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The newest 1:1 IDs starting with what was typed (for `meeting edit|rm`), with date,
    person and what it was."""
    from oneonone_cli.services.completion import meeting_ids

    return _safely(meeting_ids, ctx, incomplete)


def complete_open_follow_up_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Open follow-ups' IDs (for `todo done`), those already typed left out."""
    return _follow_up_ids(ctx, incomplete, done=False)


def complete_done_follow_up_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Done follow-ups' IDs (for `todo reopen`), those already typed left out."""
    return _follow_up_ids(ctx, incomplete, done=True)


def complete_follow_up_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Every follow-up's ID, open or done (for `todo rm`), those already typed left out."""
    return _follow_up_ids(ctx, incomplete, done=None)


def _follow_up_ids(ctx: typer.Context, incomplete: str, done: bool | None):
    from oneonone_cli.services.completion import follow_up_ids

    typed = ctx.params.get("ids") or ()
    already = frozenset(
        int(v.lstrip("#")) for v in typed if isinstance(v, str) and v.lstrip("#").isdigit()
    )
    return _safely(follow_up_ids, ctx, incomplete, done=done, typed=already)


def complete_trash_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The newest trash IDs (for `trash restore`), with what each is."""
    from oneonone_cli.services.completion import trash_ids

    return _safely(trash_ids, ctx, incomplete)


def complete_export_format(incomplete: str) -> list[tuple[str, str]]:
    """The formats `export` writes, each with what it is for."""
    from oneonone_cli import messages
    from oneonone_cli.cli.exchange import EXPORT_FORMATS

    helps = {
        "json": messages.COMPLETE_EXPORT_JSON,
        "csv": messages.COMPLETE_EXPORT_CSV,
        "markdown": messages.COMPLETE_EXPORT_MARKDOWN,
        "html": messages.COMPLETE_EXPORT_HTML,
    }
    return [(f, helps.get(f, "")) for f in EXPORT_FORMATS if f.startswith(incomplete)]


def complete_import_format(incomplete: str) -> list[tuple[str, str]]:
    """The formats `import` reads, each with what it is."""
    from oneonone_cli import messages
    from oneonone_cli.cli.exchange import IMPORT_FORMATS

    helps = {
        "json": messages.COMPLETE_IMPORT_JSON,
        "jrnl": messages.COMPLETE_IMPORT_JRNL,
        "csv": messages.COMPLETE_IMPORT_CSV,
    }
    return [(f, helps.get(f, "")) for f in IMPORT_FORMATS if f.startswith(incomplete)]


def complete_note_kind(incomplete: str) -> list[str]:
    """The kinds of notes (for `import --kind`, `note kind`)."""
    from oneonone_cli.domain.exchange import NOTE_KINDS

    return [k for k in NOTE_KINDS if k.startswith(incomplete)]
