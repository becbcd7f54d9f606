"""`todo edit ID [TEXT]`: a follow-up's text, given, piped, or in $VISUAL/$EDITOR.

As `note edit` (cli/fix.py), what the manager types in the editor is never lost: when it
cannot be saved (a refused text, the follow-up changed or removed meanwhile, a busy or full
journal, Ctrl-C, the terminal closing), it is kept in drafts/ beside the journal, encrypted with
an encrypted journal's key, and the message gives the command that applies it
(`todo edit ID < FILE`, which removes the file once applied). Files in drafts/:
- JOURNAL.todo-ID-edit-PID-RANDOM.txt: the editor's file of a running (or killed) edit;
- JOURNAL.todo-ID-kept-RANDOM.txt|.draft: the text of an edit that could not be saved.
The next `todo edit ID` in the editor reopens the newest of them (sealed first on an encrypted
journal), quoting the follow-up's text now; it goes once its text is saved. `encrypt` seals
the plaintext ones (`seal_leftovers`).
(Named so that neither `log`'s drafts nor `note edit`'s take them for theirs.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError, usage_error
from oneonone_cli.render import output


def edit(s, fid: int, text: str | None, force_editor: bool, at_terminal: bool, as_json: bool):
    """The command's body: the follow-up's new text from TEXT, stdin or the editor."""
    from oneonone_cli.services import followups

    store = s.store(write=True)
    current = followups.known(store, [fid])[0]  # an unknown ID: one line, before the editor
    if text is None and (force_editor or at_terminal):
        change = _in_editor(s, store, current)
    elif text is None:
        replayed = _kept_on_stdin(s.journal_path(), fid)
        if replayed is not None and replayed.suffix == ".draft":  # sealed: the journal's key
            text = store.read_sealed_draft(replayed).decode("utf-8", "surrogateescape")
        else:
            text = _decode(sys.stdin.buffer.read(200_000)) if sys.stdin is not None else ""
        if not text.strip():
            raise usage_error(messages.TODO_EDIT_NO_TEXT.format(id=fid))
        change = followups.edit_text(store, fid, text)
        if replayed is not None:  # the kept text its message named: applied, it goes
            replayed.unlink(missing_ok=True)
    else:
        change = followups.edit_text(store, fid, text)
    if change is None:
        return
    _said(change, s.today, as_json)


def _said(change, today, as_json: bool) -> None:
    before, after = change
    if as_json:
        from oneonone_cli.render.todo import todo_json

        return output.print_json(todo_json([after or before], today)[0])
    if after is None:
        return output.say(messages.TODO_EDIT_UNCHANGED.format(id=before.id))
    done = messages.TODO_EDITED_DONE.format(done=after.done) if after.done else ""
    output.say(
        messages.TODO_EDITED.format(id=after.id, handle=after.person, done=done, text=after.text)
    )


def _decode(data: bytes) -> str:
    from oneonone_cli.domain.noteinput import decode_input

    return decode_input(data)


def _prefix(journal: Path, fid: int, kind: str) -> str:
    return f"{journal.stem}.todo-{fid}-{kind}-"


def _kept_on_stdin(journal: Path, fid: int) -> Path | None:
    """The kept text of an edit of this follow-up that stdin was redirected from (`todo edit
    ID < FILE`, as its message said), if it is one: removed once applied."""
    import stat

    from oneonone_cli.cli import editor

    folder = editor.drafts_folder(journal)
    try:
        mine = os.fstat(sys.stdin.fileno())
        if not stat.S_ISREG(mine.st_mode):
            return None
        for path in folder.glob(_prefix(journal, fid, "kept") + "*"):
            st = path.stat()
            if (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino):
                return path
    except (OSError, ValueError, AttributeError):  # a test runner's stdin has no descriptor
        return None
    return None


def typed_text(text: str) -> str:
    """The follow-up as edited: everything after the marker line (without the line break the
    file ends with); without the marker line, the whole file but the lines starting '#!'."""
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.rstrip("\r\n") == messages.TODO_EDIT_MARKER:
            body = "".join(lines[number + 1 :])
            break
    else:
        body = "".join(line for line in lines if not line.startswith("#!"))
    return body.removesuffix("\n").removesuffix("\r")


def _template(current, offered: Path | None = None) -> str:
    """The editor file's head, then the marker line after which everything is the text. With
    the text of an earlier edit offered, the follow-up's text now is quoted in the head."""
    done = messages.TODO_EDITED_DONE.format(done=current.done) if current.done else ""
    head = messages.TODO_EDIT_TEMPLATE.format(
        id=current.id, handle=current.person, added=current.added, done=done
    )
    if offered is not None:
        head += messages.TODO_EDIT_OFFERED.format(name=offered.name) + "\n"
        head += "".join(f"#!   {line}\n" for line in current.text.splitlines())
    return head + messages.TODO_EDIT_MARKER + "\n"


def leftovers(journal: Path, fid: int | None) -> list[Path]:
    """The files of earlier edits of this follow-up (None: of any) that no running `todo
    edit` has open: kept ones, and the editor files of killed runs; oldest first."""
    import re
    import stat

    from oneonone_cli.cli import editor

    pattern = re.compile(
        rf"{re.escape(journal.stem)}\.todo-({'[0-9]+' if fid is None else fid})"
        r"-(kept|edit-([0-9]+))-[^.-]*\.(txt|draft)"
    )
    found = []
    try:
        names = os.listdir(editor.drafts_folder(journal))
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        path = editor.drafts_folder(journal) / name
        if match[3] and editor._owned(editor.Draft(path, "", "", match[3])):
            continue  # a running edit's file
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):  # a folder or a link an editor left there: not text
            found.append((info.st_mtime, name, path))
    return [path for _, _, path in sorted(found)]


def _leftover_text(store, path: Path) -> str:
    if path.suffix == ".draft":
        return store.read_sealed_draft(path).decode("utf-8", "surrogateescape").removesuffix("\n")
    raw = path.read_bytes().decode("utf-8", "surrogateescape")
    return typed_text(raw) if "-edit-" in path.name else raw.removesuffix("\n")


def seal_leftovers(journal: Path, write_sealed) -> list[int]:
    """Encrypt the plaintext files of earlier edits (kept ones, killed runs') of an encrypted
    journal (`write_sealed(dest, data)` writes one with its key): the follow-up IDs whose text
    was sealed. `encrypt` calls it, and every command that opens an encrypted journal with
    such a file beside it (cli/context.py): no plaintext stays. The sealed file is written
    before the plaintext goes: killed between the two, the next run seals it again (a second
    copy of the text, never none); the next `todo edit ID` offers the newest."""
    import re

    from oneonone_cli.cli import editor

    sealed: list[int] = []
    for path in leftovers(journal, None):
        if path.suffix != editor.PLAIN:
            continue
        try:
            text = _leftover_text(None, path)
        except OSError:
            continue
        fid = int(re.search(r"\.todo-([0-9]+)-", path.name[len(journal.stem) :])[1])
        if text.strip():
            data = (text + "\n").encode("utf-8", "surrogateescape")

            def fill(fd, dest, data=data):
                os.close(fd)
                write_sealed(dest, data)

            editor.write_private(path.parent, _prefix(journal, fid, "kept"), editor.SEALED, fill)
            sealed.append(fid)
        editor.remove(path)
    return sealed


def _offer(store, journal: Path, current):
    """The newest earlier edit of this follow-up to reopen in the editor: (its file, its
    text), or (None, None). On an encrypted journal, plaintext ones (of a killed run) are
    sealed first; empty ones go."""
    from oneonone_cli.cli import editor

    for path in leftovers(journal, current.id):
        try:
            text = _leftover_text(store, path)
        except OSError:
            continue
        if not text.strip():
            editor.remove(path)
        elif store.cipher is not None and path.suffix != editor.SEALED:
            data = (text + "\n").encode("utf-8", "surrogateescape")

            def fill(fd, dest, data=data):
                os.close(fd)
                store.write_sealed_draft(dest, data)

            prefix = _prefix(journal, current.id, "kept")
            editor.write_private(path.parent, prefix, editor.SEALED, fill)
            editor.remove(path)
    left = leftovers(journal, current.id)
    if not left:
        return None, None
    return left[-1], _leftover_text(store, left[-1])


def _in_editor(s, store, current):
    """The follow-up's text in the editor, saved here: (before, after) or None (left as it
    was). The save checks that the follow-up is still the one the editor opened on; what was
    typed is kept in drafts/ when it cannot be saved, and the message says where."""
    import tempfile

    from oneonone_cli.cli import editor
    from oneonone_cli.errors import NoteChangedMeanwhile
    from oneonone_cli.services import followups

    journal = s.journal_path().absolute()
    command = editor.editor_command(os.environ)
    folder = editor._private_folder(journal)
    fd, name = tempfile.mkstemp(
        prefix=_prefix(journal, current.id, f"edit-{os.getpid()}"), suffix=".txt", dir=folder
    )
    path = Path(name)
    offered, earlier = _offer(store, journal, current)
    with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
        handle.write(_template(current, offered))
        handle.write((current.text if offered is None else earlier) + "\n")
    typed = None
    try:
        status = editor._run_editor(command, path)
        typed = typed_text(path.read_bytes().decode("utf-8", "surrogateescape"))
        if status != 0:
            raise OneOnOneError(editor.exit_status(status))
        if not typed.strip():
            editor.remove(path)
            output.info(messages.TODO_EDIT_LEFT_EMPTY.format(id=current.id))
            if offered is not None:
                output.info(messages.TODO_EDIT_OFFER_STAYS.format(path=editor.quote(offered)))
            return None
        if offered is not None and typed == earlier:
            # Quitting, or saving the offered text as it is, must not put an old edit over
            # what another command wrote since: only a text the manager edited is applied.
            editor.remove(path)
            output.info(
                messages.TODO_EDIT_OFFER_UNCHANGED.format(
                    id=current.id, path=editor.quote(offered), command=_command(s)
                )
            )
            return None
        change = followups.edit_text(store, current.id, typed, expect=current)
        if offered is not None:  # its text is the follow-up's now (or was the same)
            editor.remove(offered)
    except BaseException as exc:
        if typed is None:
            try:
                typed = typed_text(path.read_bytes().decode("utf-8", "surrogateescape"))
            except OSError:
                typed = ""
        if not typed.strip() or (typed.strip() == current.text and offered is None):
            editor.remove(path)  # nothing typed would be lost
            raise
        meanwhile = exc if isinstance(exc, NoteChangedMeanwhile) else None
        said = _keep(s, store, current.id, typed, editor.why(exc), path, meanwhile)
        if offered is not None and not path.exists():  # kept again, in a new file
            editor.remove(offered)
        raise OneOnOneError(said) from None
    editor.remove(path)
    return change


def _command(s) -> str:
    from oneonone_cli.cli import editor

    return (
        "oneonone" if s.db is None else f"oneonone --db {editor.quote(s.journal_path().absolute())}"
    )


def _keep(s, store, fid: int, typed: str, reason: str, path: Path, meanwhile) -> str:
    """Keep the typed text in drafts/ (sealed with an encrypted journal's key): the message."""
    from oneonone_cli.cli import editor

    data = (typed + "\n").encode("utf-8", "surrogateescape")
    prefix = _prefix(s.journal_path(), fid, "kept")
    try:
        if store.cipher is not None:

            def fill(fd, dest):
                os.close(fd)
                store.write_sealed_draft(dest, data)

            kept = editor.write_private(path.parent, prefix, editor.SEALED, fill)
        else:
            kept = editor.write_private(
                path.parent, prefix, editor.PLAIN, editor.synced_bytes(data)
            )
        hint = messages.TODO_EDIT_REPLAY.format(
            command=_command(s), id=fid, path=editor.quote(kept)
        )
        if meanwhile is not None and meanwhile.gone:
            hint = messages.TODO_EDIT_GONE_HINT
        editor.remove(path)
    except Exception:  # noqa: BLE001 - the disk is full: the editor's own file is kept
        kept = path  # (an editor file of a finished run: the next edit in the editor offers it)
        hint = messages.TODO_EDIT_NEXT_OFFERS.format(command=_command(s), id=fid)
    return messages.TODO_EDIT_NOT_SAVED.format(
        reason=reason, id=fid, path=editor.quote(kept), hint=hint
    )
