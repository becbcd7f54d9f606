"""One record's text in $VISUAL/$EDITOR, given or piped: the engine of `note edit` (cli/fix.py)
and `todo edit` (cli/todo_edit.py).

What the manager types in the editor is never lost: when it cannot be saved (a refused text,
the record changed or removed meanwhile, a busy or full journal, Ctrl-C, the terminal closing),
it is kept in drafts/ beside the journal, encrypted with an encrypted journal's key, and the
message says where and what applies it (`note edit ID < FILE`, `todo edit ID < FILE`, which
remove the file once applied). Files in drafts/, WORD being `note` or `todo`:
- JOURNAL.WORD-ID-edit-PID-RANDOM.txt: the editor's file of a running (or killed) edit;
- JOURNAL.WORD-ID-kept-RANDOM.txt|.draft: the text of an edit that could not be saved;
- JOURNAL.WORD-ID-gone-RANDOM.txt|.draft: that of a record removed meanwhile (never offered:
  its ID may be another record's now).
The next edit of that record in the editor reopens the newest of them (sealed first on an
encrypted journal), quoting the record's text now; it goes once its text is saved.
(Named so that `log`'s drafts, JOURNAL.HANDLE.DATE.OWNER.RANDOM.txt, are never taken for them.)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError, usage_error
from oneonone_cli.render import output

KEPT, GONE = "kept", "gone"


class Kind(NamedTuple):
    """What differs between the records edited this way."""

    word: str  # in the drafts' names: JOURNAL.WORD-ID-...
    kept: str  # the kinds of kept files, as a regular expression: "kept" or "kept|gone"
    marker: str  # the editor file's line after which everything is the text
    offered: str  # the head's lines naming an earlier edit offered (its name)
    left_empty: str  # said when the text was saved empty (its id)
    offer_stays: str  # and, with an earlier edit offered, where it still is (its path)
    offer_unchanged: str  # the earlier edit saved unchanged: not applied (id, path, command)
    no_text: str  # nothing given nor piped (usage error; its id)


NOTE = Kind(
    "note",
    f"{KEPT}|{GONE}",
    messages.NOTE_EDIT_MARKER,
    messages.NOTE_EDIT_OFFERED,
    messages.NOTE_EDIT_LEFT_EMPTY,
    messages.NOTE_EDIT_OFFER_STAYS,
    messages.NOTE_EDIT_OFFER_UNCHANGED,
    messages.NOTE_EDIT_NO_TEXT,
)
TODO = Kind(
    "todo",
    f"{KEPT}|{GONE}",
    messages.TODO_EDIT_MARKER,
    messages.TODO_EDIT_OFFERED,
    messages.TODO_EDIT_LEFT_EMPTY,
    messages.TODO_EDIT_OFFER_STAYS,
    messages.TODO_EDIT_OFFER_UNCHANGED,
    messages.TODO_EDIT_NO_TEXT,
)


def prefix(journal: Path, kind: Kind, rid: int, what: str) -> str:
    return f"{journal.stem}.{kind.word}-{rid}-{what}-"


# ---------------------------------------------------------------- piped


def piped(s, store, kind: Kind, rid: int, save: Callable[[str], object]):
    """The text piped on stdin, saved (`save(text)`: its result). A kept text its message named
    (`WORD edit ID < FILE`; sealed, read with the journal's key) is removed once applied."""
    replayed = _kept_on_stdin(s.journal_path(), kind, rid)
    if replayed is not None and replayed.suffix == ".draft":  # sealed: the journal's key
        text = store.read_sealed_draft(replayed).decode("utf-8", "surrogateescape")
    else:
        text = _decode(sys.stdin.buffer.read(200_000)) if sys.stdin is not None else ""
    if not text.strip():
        raise usage_error(kind.no_text.format(id=rid))
    change = save(text)
    if replayed is not None:  # the kept text its message named: applied, it goes
        replayed.unlink(missing_ok=True)
    return change


def _decode(data: bytes) -> str:
    from oneonone_cli.domain.noteinput import decode_input

    return decode_input(data)


def _kept_on_stdin(journal: Path, kind: Kind, rid: int) -> Path | None:
    """The kept text of an edit of this record that stdin was redirected from, if it is one."""
    import stat

    from oneonone_cli.cli import editor

    folder = editor.drafts_folder(journal)
    try:
        mine = os.fstat(sys.stdin.fileno())
        if not stat.S_ISREG(mine.st_mode):
            return None
        for path in folder.glob(prefix(journal, kind, rid, KEPT) + "*"):
            st = path.stat()
            if (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino):
                return path
    except (OSError, ValueError, AttributeError):  # a test runner's stdin has no descriptor
        return None
    return None


# ---------------------------------------------------------------- earlier edits


def leftovers(journal: Path, kind: Kind, rid: int | None) -> list[Path]:
    """The files of earlier edits of this record (None: of any) that no running edit has
    open: kept ones, and the editor files of killed runs; oldest first."""
    from oneonone_cli.cli import editor

    return editor.edit_drafts(journal, kind.word, rid, kind.kept)


def leftover_text(store, kind: Kind, path: Path) -> str:
    """What was typed in an earlier edit: a sealed file read with the journal's key, a killed
    editor's file without its template, a kept one as it is."""
    if path.suffix == ".draft":
        return store.read_sealed_draft(path).decode("utf-8", "surrogateescape").removesuffix("\n")
    from oneonone_cli.cli import editor

    raw = path.read_bytes().decode("utf-8", "surrogateescape")
    return editor.edit_draft_text(path, raw, kind.marker)


def seal_copy(folder: Path, start: str, data: bytes, write_sealed) -> Path:
    """A new encrypted file START...RANDOM.draft of `data` (`write_sealed(dest, data)`)."""
    from oneonone_cli.cli import editor

    def fill(fd, dest):
        os.close(fd)
        write_sealed(dest, data)

    return editor.write_private(folder, start, editor.SEALED, fill)


def _what(journal: Path, path: Path) -> str:
    """A leftover's kind of kept file: `gone` or `kept` (a killed editor's file is kept)."""
    return GONE if f"-{GONE}-" in path.name[len(journal.stem) :] else KEPT


def _offer(store, journal: Path, kind: Kind, current):
    """The newest earlier edit of this record to reopen in the editor: (its file, its text),
    or (None, None). On an encrypted journal, plaintext ones (of a killed run) are sealed
    first; empty ones go. A `gone` one is never offered, nor one that cannot be read (a
    sealed draft of another key, say: it stays where it is, for the manager to look at)."""
    from oneonone_cli.cli import editor

    for path in leftovers(journal, kind, current.id):
        try:
            text = leftover_text(store, kind, path)
        except Exception:  # noqa: BLE001 - unreadable (the disk, another key): left as it is
            continue
        if not text.strip():
            editor.remove(path)
        elif store.cipher is not None and path.suffix != editor.SEALED:
            data = (text + "\n").encode("utf-8", "surrogateescape")
            start = prefix(journal, kind, current.id, _what(journal, path))
            seal_copy(path.parent, start, data, store.write_sealed_draft)
            editor.remove(path)
    for path in reversed(leftovers(journal, kind, current.id)):
        if _what(journal, path) == GONE:
            continue
        try:
            return path, leftover_text(store, kind, path)
        except Exception:  # noqa: BLE001 - as above
            continue
    return None, None


def _template(kind: Kind, head: str, text: str, offered: Path | None) -> str:
    """The editor file's head, then the marker line after which everything is the text. With
    an earlier edit offered, the record's text now is quoted in the head."""
    if offered is not None:
        head += kind.offered.format(name=offered.name) + "\n"
        head += "".join(f"#!   {line}\n" for line in text.splitlines())
    return head + kind.marker + "\n"


# ---------------------------------------------------------------- the editor


def in_editor(s, store, kind: Kind, current, head: str, save, not_saved):
    """The record's text in the editor, saved here: `save(typed, expect=current)`'s result,
    or None (left as it was, said here). The save checks that the record is still the one the
    editor opened on. What was typed is kept in drafts/ when it cannot be saved, and
    `not_saved(kept, path, reason, meanwhile)` words the one-line error: `kept` is the kept
    file, or None when it could not be written (the editor's own file `path` stays);
    `meanwhile` is the NoteChangedMeanwhile that refused the save, or None."""
    import tempfile

    from oneonone_cli.cli import editor
    from oneonone_cli.errors import NoteChangedMeanwhile

    journal = s.journal_path().absolute()
    editor_command = editor.editor_command(os.environ)
    folder = editor._private_folder(journal)
    offered, earlier = _offer(store, journal, kind, current)  # before the editor file is made
    fd, name = tempfile.mkstemp(
        prefix=prefix(journal, kind, current.id, f"edit-{os.getpid()}"), suffix=".txt", dir=folder
    )
    path = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
        handle.write(_template(kind, head, current.text, offered))
        handle.write((current.text if offered is None else earlier) + "\n")
    typed = None
    try:
        status = editor._run_editor(editor_command, path)
        typed = _typed(kind, path)
        if status != 0:
            raise OneOnOneError(editor.exit_status(status))
        if not typed.strip():
            editor.remove(path)
            output.info(kind.left_empty.format(id=current.id))
            if offered is not None:
                output.info(kind.offer_stays.format(path=editor.quote(offered)))
            return None
        if offered is not None and typed == earlier:
            # Quitting, or saving the offered text as it is, must not put an old edit over
            # what another command wrote since: only a text the manager edited is applied
            # (`WORD edit ID < FILE` applies the kept one as it is, on purpose).
            editor.remove(path)
            output.info(
                kind.offer_unchanged.format(
                    id=current.id, path=editor.quote(offered), command=s.command()
                )
            )
            return None
        change = save(typed, expect=current)
        if offered is not None:  # its text is the record's now (or was the same)
            editor.remove(offered)
    except BaseException as exc:
        if typed is None:
            try:
                typed = _typed(kind, path)
            except (OSError, OneOnOneError):  # gone, or not a file: nothing to keep
                typed = ""
        if not typed.strip() or (typed.strip() == current.text and offered is None):
            editor.remove(path)  # nothing typed would be lost
            raise
        meanwhile = exc if isinstance(exc, NoteChangedMeanwhile) else None
        gone = meanwhile is not None and meanwhile.gone
        kept = _keep(s, store, kind, current.id, typed, path, gone)
        said = not_saved(kept, path, editor.why(exc), meanwhile)
        if offered is not None and not path.exists():  # kept again, in a new file
            editor.remove(offered)
        raise OneOnOneError(said) from None
    editor.remove(path)
    return change


def _typed(kind: Kind, path: Path) -> str:
    from oneonone_cli.cli import editor

    return editor.marked_text(editor.editor_file_text(path), kind.marker)


def _keep(s, store, kind: Kind, rid: int, typed: str, path: Path, gone: bool) -> Path | None:
    """Keep the typed text in drafts/ (sealed with an encrypted journal's key), and the
    editor's file goes: the kept file, or None when it cannot be written (the disk is full:
    the editor's own file is kept; the next edit in the editor offers it)."""
    from oneonone_cli.cli import editor

    data = (typed + "\n").encode("utf-8", "surrogateescape")
    start = prefix(s.journal_path(), kind, rid, GONE if gone and GONE in kind.kept else KEPT)
    try:
        if store.cipher is not None:
            kept = seal_copy(path.parent, start, data, store.write_sealed_draft)
        else:
            kept = editor.write_private(path.parent, start, editor.PLAIN, editor.synced_bytes(data))
        editor.remove(path)
    except Exception:  # noqa: BLE001 - the disk is full: the editor's own file is kept
        return None
    return kept
