"""The run context: what a command's run shares (the journal --db names, today, the journals it
opened), read once by the root callback (app.py) and found by each command with `settings(ctx)`."""

# No `from __future__ import annotations`, as in the command modules (see app.py).
import os
import sys
from datetime import date
from pathlib import Path

import typer

from oneonone_cli import messages
from oneonone_cli.errors import NotInJournal, OneOnOneError
from oneonone_cli.render import output


class Settings:
    """What a command's run shares: the journal, today, and the journals it opened.

    A plain class: making a dataclass costs about a millisecond at import, on every run."""

    __slots__ = ("absent", "db", "missing", "notes", "opened", "today")

    def __init__(self, db: Path | None, today: date) -> None:
        self.db = db  # None: the default journal
        self.today = today
        self.opened: list = []
        self.missing: Path | None = None  # a --db read that found no journal there
        self.absent: Path | None = None  # a --db that had no journal when the command began
        self.notes: list[str] = []  # warnings and notes, said once the command succeeded

    def now(self):
        """The time of day now, on the day the command runs (ONEONONE_TODAY in tests): what
        names a backup. With read_today, the only places the clock is read."""
        from datetime import datetime

        now = datetime.now()
        return now.replace(year=self.today.year, month=self.today.month, day=self.today.day)

    def note(self, message: str) -> None:
        """A warning or note for stderr, said when the command ends well: a command that fails
        says only its one error line."""
        self.notes.append(message)

    def close(self) -> None:
        """Close every journal this command opened (registered to run when the command ends).
        A command's notes are said after it succeeded (a failed command has its one line);
        so is a --db path a report read with no journal there: a typo in the path must not
        look like an empty team."""
        while self.opened:
            self.opened.pop().close()
        failed = sys.exc_info()[1]
        if failed is not None:
            if self.absent is not None and isinstance(failed, NotInJournal):
                # "no one called 'alice'" from a typo in the path: the line says so too.
                failed.args = (
                    str(failed) + messages.NO_JOURNAL_THERE.format(path=self.absent),
                    *failed.args[1:],
                )
            return
        if self.missing is not None:
            self.notes.append(messages.NO_JOURNAL_YET.format(missing=self.missing))
        for message in dict.fromkeys(self.notes):  # each said once
            said = message() if callable(message) else message  # worded now (see _fold_plaintext)
            if said:
                output.info(said)
        self.notes.clear()

    def journal_path(self) -> Path:
        return self.db if self.db is not None else default_db_path()

    def command(self) -> str:
        """How messages tell the manager to run oneonone on this journal, from any folder:
        `oneonone`, with --db when the journal was named so."""
        import shlex

        if self.db is None:
            return "oneonone"
        return f"oneonone --db {shlex.quote(str(self.db.absolute()))}"

    def store(self, *, write: bool = False):
        from oneonone_cli.store.connection import loose_permissions
        from oneonone_cli.store.core import Store
        from oneonone_cli.store.files import _exists

        path = self.journal_path()
        if self.db is not None and not self.opened and not _exists(path):
            self.absent = path
        store = Store.open(path, create=write, make_parents=self.db is None, ask=_ask_passphrase)
        self.opened.append(store)
        if store.path is None and self.db is not None and not write and not _exists(path):
            self.missing = path  # said once the report is out (see close)
        if store.path is not None and loose_permissions(store.path):
            self.note(messages.JOURNAL_READABLE_BY_OTHERS.format(path=store.path))
        if store.cipher is not None and store.path is not None:
            self._fold_plaintext(store)
        return store

    def _fold_plaintext(self, store) -> None:
        """An encrypted journal keeps no plaintext: editor files that killed runs left in its
        drafts folder are encrypted into drafts and removed (cli/editor.py `fold_plaintext`),
        by whichever command opens it next. One directory read when there are none."""
        if not _plaintext_beside(store.path):
            return
        from oneonone_cli.cli import editor

        folded, failed = editor.fold_plaintext(
            store.path.absolute(), store.write_sealed_draft, store.read_sealed_draft
        )
        if folded:
            # Worded when the command ends: a draft this command logged meanwhile (`log -e`
            # offers it) is not named.
            self.notes.append(lambda: _folded_message(self, [f for f in folded if f.path.exists()]))
        for left in failed:
            self.note(
                messages.LEFTOVER_NOT_ENCRYPTED.format(
                    detail=left.detail, path=editor.quote(left.path)
                )
            )


def _ask_passphrase(text: str) -> str | None:
    """An encrypted journal's passphrase, typed at the terminal (cli/passphrase.py, loaded
    only when the keyring has no key): what the store is handed to ask with."""
    from oneonone_cli.cli.passphrase import ask

    return ask(text)


def _plaintext_beside(journal: Path) -> bool:
    """Whether the journal's drafts folder holds a plaintext file of it: one directory read,
    without importing cli/editor.py on every command."""
    try:
        names = os.listdir(journal.parent / "drafts")  # editor.DRAFTS
    except OSError:
        return False
    stem = f"{journal.stem}."
    return any(n.endswith(".txt") and n.startswith(stem) for n in names)


def _folded_message(s: Settings, folded: list) -> str | None:
    """One line: the editor files folded into encrypted drafts, and what offers the first."""

    if not folded:
        return None
    command = s.command()
    first = folded[0]
    if first.note_id is not None:
        what = messages.LEFTOVER_NOTE_EDIT.format(id=first.note_id)
        hint = messages.LEFTOVER_OFFERED_BY_EDIT.format(command=command, id=first.note_id)
    elif first.follow_up_id is not None:
        what = messages.LEFTOVER_TODO_EDIT.format(id=first.follow_up_id)
        hint = messages.LEFTOVER_OFFERED_BY_TODO_EDIT.format(command=command, id=first.follow_up_id)
    else:
        from oneonone_cli.domain.dates import more_than_a_year

        try:
            far = more_than_a_year(date.fromisoformat(first.day), s.today)
        except ValueError:  # a file renamed by hand: its day is not one
            far = False
        what = messages.LEFTOVER_LOG.format(handle=first.handle, day=first.day)
        hint = messages.LEFTOVER_OFFERED_BY_LOG.format(
            command=command, handle=first.handle, day=first.day, flags=" --yes" if far else ""
        )
    more = messages.LEFTOVERS_MORE.format(n=len(folded) - 1) if folded[1:] else ""
    return messages.LEFTOVERS_ENCRYPTED.format(
        what=what, more=more, folder=first.path.parent, hint=hint
    )


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("oneonone", appauthor=False)) / "journal.db"


def read_today() -> date:
    """Where today is read (Settings.now reads the time of day for backup names).
    ONEONONE_TODAY pins it (tests, reproducible reports)."""
    pinned = os.environ.get("ONEONONE_TODAY")
    if pinned:
        try:
            today = date.fromisoformat(pinned)
        except ValueError:
            raise OneOnOneError(messages.TODAY_NOT_A_DATE.format(pinned=pinned)) from None
        if not date(1970, 1, 1) <= today <= date(9000, 12, 31):
            # Reports reach a century back and a decade ahead of today: keep that arithmetic
            # within the calendar.
            raise OneOnOneError(messages.TODAY_OUT_OF_RANGE.format(pinned=pinned))
        return today
    return date.today()


def db_path(db: str | None) -> Path | None:
    """The journal --db or ONEONONE_DB names; None for the default one. Empty is an error, never
    the default journal (click reads an empty ONEONONE_DB as unset, so it is looked at here)."""
    if db is None and os.environ.get("ONEONONE_DB") == "":
        raise OneOnOneError(messages.DB_ENV_EMPTY)
    if db is not None and not db.strip():
        raise OneOnOneError(messages.DB_OPTION_EMPTY)
    return Path(db).expanduser() if db is not None else None


def settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj
