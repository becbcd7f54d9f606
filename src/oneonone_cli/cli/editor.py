"""The manager's $VISUAL / $EDITOR on a private draft, and keeping what they typed.

Drafts live in a folder beside the journal, `drafts/` (mode 0700), never in $TMPDIR: a `log`
killed while the editor is open (kill -9, a crash, a power cut) leaves its draft where the
next `log` of the same person finds it, offers it and removes it once its text is logged.

A draft is named `JOURNAL.HANDLE.DATE.OWNER.RANDOM.txt`: OWNER is the process id of the `log`
that has it open, or `kept` once that `log` gave up on it and kept the text for the manager.
A draft whose owner is no longer running was left by a killed `log`.

Whenever nothing was logged after the editor closed (a line that cannot be read, an unknown
prompt, the journal busy or the disk full, Ctrl-C, SIGHUP or SIGTERM), the lines the manager
typed are kept - without the template's comment lines, which quote older notes:
- for a plain journal, in a `kept` text file in the drafts folder, replayed with
  `oneonone log HANDLE --on DATE < FILE` (which removes the file once its text is logged);
- for an encrypted journal, never as plaintext: in a `kept` file of its own encrypted with the
  journal's key (`.draft`), reopened in the editor by the next `oneonone log HANDLE -e`.
If even that cannot be written, the editor's own file is kept, and the message says so.

While the editor is open its file is plaintext, even for an encrypted journal (an editor needs
one): drafts/JOURNAL.HANDLE.DATE.PID.RANDOM.txt (`log`) or drafts/JOURNAL.note-ID-edit-PID-
RANDOM.txt (`note edit`), mode 0600 in the 0700 folder beside the journal - never $TMPDIR,
which may be a shared /tmp or a tmpfs that a power cut empties (the text would be lost), and
is swept by tools that know nothing of it. A run killed there (kill -9) leaves that file: on
an encrypted journal the next command that opens it, whatever it is, encrypts its text into a
draft and removes the plaintext (`fold_plaintext`, called from cli/context.py).
"""

from __future__ import annotations

import os
import shlex
import signal
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple, Self

from oneonone_cli import messages, processes
from oneonone_cli.errors import STOP_SIGNALS, OneOnOneError, Signalled
from oneonone_cli.errors import raise_signalled as _raise_signalled

DRAFTS = "drafts"
KEPT = "kept"
PLAIN, SEALED = ".txt", ".draft"
EDITOR_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGQUIT") if hasattr(signal, n))


def editor_command(env: Mapping[str, str]) -> list[str]:
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            return shlex.split(value)
    from oneonone_cli import config

    configured = config.editor()  # the settings file comes after the environment
    if configured:
        return shlex.split(configured)
    import shutil

    for fallback in ("vi", "nano"):
        if shutil.which(fallback):
            return [fallback]
    raise OneOnOneError(messages.NO_EDITOR)


def _ignore(signum, frame) -> None:
    """Ctrl-C or Ctrl-\\ at the terminal while the editor runs: the editor's business (vi users
    press Ctrl-C to leave insert mode). A Python handler rather than SIG_IGN, so that the editor
    itself starts with the default handling (exec resets caught signals, not ignored ones)."""


# ---------------------------------------------------------------- the drafts folder


class Draft(NamedTuple):
    path: Path
    handle: str
    day: str  # YYYY-MM-DD, the --on date of the `log` that wrote it
    owner: str  # a process id, or KEPT

    @property
    def sealed(self) -> bool:
        return self.path.suffix == SEALED


def drafts_folder(journal: Path) -> Path:
    return journal.parent / DRAFTS


def _private_folder(journal: Path) -> Path:
    """The drafts folder, made private; a link or a file in its place is refused (drafts
    never go, nor a mode is changed, anywhere else than beside the journal)."""
    folder = drafts_folder(journal)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if folder.is_symlink() or not folder.is_dir():
            raise OneOnOneError(messages.DRAFTS_FOLDER_NOT_OWN.format(folder=folder)) from None
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def _parse(journal: Path, path: Path) -> Draft | None:
    if path.name.startswith(".") or path.suffix not in (PLAIN, SEALED):
        return None
    parts = path.name.rsplit(".", 5)
    if len(parts) != 6 or parts[0] != journal.stem:
        return None
    _, handle, day, owner, _, _ = parts
    return Draft(path, handle, day, owner)


def _owned(draft: Draft) -> bool:
    """Whether a `log` still has this draft open: its owner's process runs, and is the one
    that wrote it. A process started after the draft was last written (its id reused, after
    a reboot say) is not its owner: the draft was left by a killed run."""
    if draft.owner == KEPT or not draft.owner.isdigit():
        return False
    pid = int(draft.owner)
    running = processes.runs(pid)
    if running is False:
        return False
    if pid == os.getpid():
        return True
    since = processes.started(pid)  # someone else's process too: judged by its age
    if since is None:
        return True  # no way to tell: taken as its owner's
    try:
        return since <= draft.path.stat().st_mtime + 1
    except OSError:
        return True


def _with_owner(draft: Draft, owner: str) -> Draft | None:
    """The draft renamed to a new owner; None if it is gone (another `log` took it)."""
    parts = draft.path.name.rsplit(".", 5)
    parts[3] = owner
    target = draft.path.with_name(".".join(parts))
    try:
        os.rename(draft.path, target)
        if owner != KEPT:
            os.utime(target)  # claimed now: younger than the process that claims it
    except OSError:
        return None
    return draft._replace(path=target, owner=owner)


def _claim(draft: Draft) -> Draft | None:
    """Take a leftover for this `log`: of two offering it at once, one gets it; if this one is
    killed, the draft is a leftover again (its owner no longer runs)."""
    return _with_owner(draft, str(os.getpid()))


def _release(draft: Draft) -> None:
    _with_owner(draft, KEPT)


def leftovers(journal: Path, handle: str | None) -> list[Draft]:
    """Drafts of `handle` (None: of anyone) that no running `log` has open: kept ones, and
    those of killed runs."""
    try:
        names = sorted(os.listdir(drafts_folder(journal)))
    except OSError:
        return []
    found = []
    for name in names:
        draft = _parse(journal, drafts_folder(journal) / name)
        if draft is None or handle not in (None, draft.handle):
            continue
        if draft.owner == KEPT or (draft.owner.isdigit() and not _owned(draft)):
            if _regular(draft.path):  # a folder or a link an editor left there: not text
                found.append(draft)
    return found


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def rename_drafts(journal: Path, old: str, new: str) -> int:
    """After `rename OLD NEW`: the drafts of OLD that no running `log` has open (kept ones,
    those of killed runs) are NEW's, so that `log NEW -e` offers them. How many."""
    moved = 0
    for draft in leftovers(journal, old):
        parts = draft.path.name.rsplit(".", 5)
        parts[1] = new
        target = draft.path.with_name(".".join(parts))
        if target.exists():
            continue
        try:
            os.rename(draft.path, target)
        except OSError:
            continue
        moved += 1
    return moved


# ---------------------------------------------------------------- `note edit`'s and `todo edit`'s
# JOURNAL.WORD-ID-edit-PID-RANDOM.txt: the editor's file of a running (or killed) edit;
# JOURNAL.WORD-ID-kept-RANDOM.txt|.draft: the text of an edit that could not be saved (and
# JOURNAL.note-ID-gone-...: of a note removed meanwhile). See cli/text_edit.py.
_EDIT_DRAFT = r"{stem}\.{word}-({id})-({kept}|edit-([0-9]+))-[^.-]*\.(txt|draft)"


def edit_drafts(journal: Path, word: str, rid: int | None, kept: str) -> list[Path]:
    """The drafts of earlier edits of this record (None: of any) that no running edit has
    open: kept ones (`kept`: their kinds, "kept|gone" for notes), and editor files of killed
    runs; oldest first."""
    import re

    pattern = re.compile(
        _EDIT_DRAFT.format(
            stem=re.escape(journal.stem),
            word=word,
            id="[0-9]+" if rid is None else rid,
            kept=kept,
        )
    )
    found = []
    try:
        names = os.listdir(drafts_folder(journal))
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        path = drafts_folder(journal) / name
        if match[3] and _owned(Draft(path, "", "", match[3])):
            continue  # a running edit's file
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):  # a folder or a link an editor left there: not text
            found.append((info.st_mtime, name, path))
    return [path for _, _, path in sorted(found)]


def marked_text(text: str, marker: str) -> str:
    """A record's text as edited: everything after the marker line, as it is (line breaks,
    leading spaces, lines starting with '#'), but the line break the file ends with. Without
    the marker line (the editor removed it), the whole file but the lines starting with '#!'."""
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.rstrip("\r\n") == marker:
            body = "".join(lines[number + 1 :])
            break
    else:
        body = "".join(line for line in lines if not line.startswith("#!"))
    return body.removesuffix("\n").removesuffix("\r")


def edit_draft_text(path: Path, raw: str, marker: str) -> str:
    """The text of a plaintext edit draft: a killed editor's file without its template, a kept
    one as it is."""
    import re

    killed_editor = re.search(r"-edit-[0-9]+-[^.-]*\.txt$", path.name) is not None
    return marked_text(raw, marker) if killed_editor else raw.removesuffix("\n")


class Folded(NamedTuple):
    """An editor file a killed run left on an encrypted journal, now an encrypted draft."""

    path: Path  # the encrypted draft (`.draft`) holding its text
    handle: str  # whose 1:1 it was typed for (`log`); "" for a note or follow-up edit
    day: str  # that 1:1's day; "" for a note or follow-up edit
    note_id: int | None  # the note being edited (`note edit`); None otherwise
    follow_up_id: int | None = None  # the follow-up being edited (`todo edit`); None otherwise


class NotFolded(NamedTuple):
    """A plaintext file that could not be encrypted (a full disk, say): left as it is."""

    path: Path
    detail: str


def fold_plaintext(
    journal: Path,
    write_sealed: Callable[[Path, bytes], None],
    read_sealed: Callable[[Path], bytes] | None = None,
) -> tuple[list[Folded], list[NotFolded]]:
    """On an encrypted journal: the plaintext files in its drafts folder that no running
    command has open (editor files of `log` and `note edit` runs that were killed, and text
    kept as plaintext because it could not be encrypted then) folded into encrypted drafts,
    which the next `log HANDLE -e` / `note edit ID` offers; the plaintext goes.

    Each file is claimed first (renamed to this process: of two commands folding at once, one
    does it), its text written to a new encrypted draft, flushed to the disk and named (its
    folder flushed too), and only then is the plaintext removed: killed anywhere in between,
    the text is in the plaintext file or in the encrypted draft, or both (the draft is named
    after the plaintext file, so the next fold finds it holds the text and only removes the
    plaintext; a half-written draft is removed by the next fold). A running
    command's editor file is never touched. `write_sealed(dest, data)` writes one draft with
    the journal's key, `read_sealed(path)` reads one (to find an earlier fold of the same
    file). A file that cannot be encrypted stays as it is (`NotFolded`)."""
    _remove_partials(journal)
    folded: list[Folded] = []
    failed: list[NotFolded] = []
    for found in leftovers(journal, None):
        if found.sealed:
            continue
        draft = _claim(found)
        if draft is None:  # another command took it first
            continue
        try:
            typed = typed_lines(draft.path.read_bytes().decode("utf-8", "surrogateescape"))
            if typed:
                prefix = f"{journal.stem}.{draft.handle}.{draft.day}.{KEPT}."
                tail = draft.path.name.rsplit(".", 5)[4]
                kept = _seal(draft.path.parent, prefix, tail, typed, write_sealed, read_sealed)
                folded.append(Folded(kept, draft.handle, draft.day, None))
        except Exception as problem:  # noqa: BLE001 - the disk, or SQLCipher: left as it was
            failed.append(NotFolded(_unclaim(found, draft), _detail(problem)))
            continue
        remove(draft.path)
        remove(found.path)  # what an editor left beside it under its first name (a swap file)
    for word, marker in ((NOTE, messages.NOTE_EDIT_MARKER), (TODO, messages.TODO_EDIT_MARKER)):
        for path in edit_drafts(journal, word, None, "kept|gone"):
            if path.suffix != PLAIN:
                continue
            one = _fold_edit_draft(journal, path, word, marker, write_sealed, read_sealed)
            if isinstance(one, Folded):
                folded.append(one)
            elif one is not None:
                failed.append(one)
    return folded, failed


NOTE, TODO = "note", "todo"  # the words of `note edit`'s and `todo edit`'s drafts (text_edit.py)


def _fold_edit_draft(
    journal: Path,
    path: Path,
    word: str,
    marker: str,
    write_sealed: Callable[[Path, bytes], None],
    read_sealed: Callable[[Path], bytes] | None,
) -> Folded | NotFolded | None:
    """One plaintext draft of `note edit` or `todo edit` (`word`) folded (see
    `fold_plaintext`): a killed editor's file is claimed first; a kept (or gone) one is sealed
    as kept (or gone)."""
    import re

    match = re.fullmatch(
        rf"\.{word}-([0-9]+)-(kept|gone|edit-[0-9]+)-([^.-]*)\.txt", path.name[len(journal.stem) :]
    )
    if match is None:
        return None
    rid, kind, tail = int(match[1]), match[2], match[3]
    claimed = path
    if kind.startswith("edit-"):  # renamed to this process: of two folding at once, one does it
        claimed = path.with_name(f"{journal.stem}.{word}-{rid}-edit-{os.getpid()}-{tail}.txt")
        try:
            os.rename(path, claimed)
            os.utime(claimed)
        except OSError:
            return None
        kind = KEPT
    try:
        raw = claimed.read_bytes().decode("utf-8", "surrogateescape")
        text = edit_draft_text(claimed, raw, marker)
        if text.strip():
            prefix = f"{journal.stem}.{word}-{rid}-{kind}-"
            kept = _seal(claimed.parent, prefix, tail, text + "\n", write_sealed, read_sealed)
    except Exception as problem:  # noqa: BLE001 - the disk, or SQLCipher: left as it was
        if isinstance(problem, FileNotFoundError) and claimed == path:
            return None  # taken meanwhile (applied, or folded by another command)
        back = path
        try:
            if claimed != path:
                os.rename(claimed, path)  # its killed run's again: offered, or folded later
        except OSError:
            back = claimed
        return NotFolded(back, _detail(problem))
    remove(claimed)
    if claimed != path:
        remove(path)  # what an editor left beside it under its first name (a swap file)
    if not text.strip():
        return None
    return Folded(kept, "", "", rid) if word == NOTE else Folded(kept, "", "", None, rid)


def _seal(
    folder: Path,
    prefix: str,
    tail: str,
    text: str,
    write_sealed: Callable[[Path, bytes], None],
    read_sealed: Callable[[Path], bytes] | None,
) -> Path:
    """An encrypted draft of `text` named PREFIX+TAIL.draft (the plaintext file's own random
    part), on the disk (file and name) before this returns. Already there with this text (a
    fold killed before the plaintext went): that one; there with another text: a new name."""
    data = text.encode("utf-8", "surrogateescape")
    final = folder / f"{prefix}{tail}{SEALED}"

    def fill(fd: int, dest: Path) -> None:
        os.close(fd)
        write_sealed(dest, data)
        _sync(dest)

    if os.path.lexists(final):
        try:
            if read_sealed is not None and read_sealed(final) == data:
                return final
        except Exception:  # noqa: BLE001 - not this text's, or unreadable: left alone
            pass
        kept = write_private(folder, prefix, SEALED, fill)
    else:
        # Written under a hidden name carrying this process's id (what a killed fold leaves
        # is removed by the next one, see `_remove_partials`), then named in one step.
        fd, name = tempfile.mkstemp(prefix=f".{final.name}.{os.getpid()}.", dir=folder)
        partial = Path(name)
        try:
            fill(fd, partial)
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        kept = final
    _sync(folder)  # its name too: only then may the plaintext go
    return kept


def _remove_partials(journal: Path) -> None:
    """The half-written encrypted drafts of folds that were killed (`.NAME.draft.PID.RANDOM`,
    and SQLite's `-journal` beside one) whose process no longer runs."""
    folder = drafts_folder(journal)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.startswith(f".{journal.stem}.") or f"{SEALED}." not in name:
            continue
        pid = name.rsplit(".", 2)[-2]
        if pid.isdigit() and processes.runs(int(pid)) is False:
            (folder / name).unlink(missing_ok=True)


def _sync(path: Path) -> None:
    """Flush a file, or a folder's entries, to the disk (where the system allows it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unclaim(found: Draft, draft: Draft) -> Path:
    """A claimed draft given back its first name (its killed run's, or kept): where it is."""
    try:
        os.rename(draft.path, found.path)
    except OSError:
        return draft.path
    return found.path


def _detail(problem: Exception) -> str:
    return getattr(problem, "strerror", None) or str(problem) or type(problem).__name__


def seal_drafts(
    journal: Path, write_sealed: Callable[[Path, bytes], None]
) -> tuple[int, list[NotFolded]]:
    """Encrypt the plaintext drafts of a journal that was just encrypted (`write_sealed(dest,
    data)` writes one with its key): kept ones and those of killed runs, of `log`, `note edit`
    and `todo edit`, each replaced by an encrypted draft of the text typed in it. How many
    were sealed, and those that could not be (left as they are, to be said). (A draft a
    running command has open in the editor is not a leftover: it keeps it sealed.)"""
    folded, failed = fold_plaintext(journal, write_sealed)
    return len(folded), failed


def draft_on_stdin(journal: Path) -> Draft | None:
    """The draft stdin was redirected from (`log HANDLE < FILE`), if it is one of this
    journal's: the replay the manager was told to run, removed once its text is logged."""
    import stat
    import sys

    folder = drafts_folder(journal)
    try:
        mine = os.fstat(sys.stdin.fileno())
        if not stat.S_ISREG(mine.st_mode) or not folder.is_dir():
            return None
        names = os.listdir(folder)
    except (OSError, ValueError, AttributeError):  # a test runner's stdin has no descriptor
        return None
    for name in names:
        draft = _parse(journal, folder / name)
        if draft is None:
            continue
        try:
            st = os.stat(draft.path)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino):
            return draft
    return None


def write_private(
    folder: Path, prefix: str, suffix: str, fill: Callable[[int, Path], None]
) -> Path:
    """A new file only its owner can read, complete or absent: `fill(fd, path)` writes it under
    a hidden name (mode 0600), then it is renamed."""
    fd, name = tempfile.mkstemp(prefix=f".{prefix}", suffix=suffix, dir=folder)
    partial = Path(name)
    try:
        fill(fd, partial)
        final = folder / partial.name[1:]
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def synced_bytes(data: bytes) -> Callable[[int, Path], None]:
    """A `fill` for `write_private`: the bytes, synced to the disk."""

    def fill(fd: int, path: Path) -> None:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    return fill


def remove(path: Path) -> None:
    """A draft and what editors leave beside it (vim's swap file, a backup copy). An empty
    folder an editor left in the draft's place goes too; one with something in it stays."""
    try:
        path.unlink(missing_ok=True)
    except IsADirectoryError:
        try:
            path.rmdir()
        except OSError:
            pass
    for other in (*path.parent.glob(f".{path.name}.sw?"), path.with_name(path.name + "~")):
        other.unlink(missing_ok=True)


def quote(path: Path) -> str:
    return shlex.quote(str(path))


def editor_file_text(path: Path) -> str:
    """What the editor left in its file, read without ever waiting: a file it removed, or put
    something else in place of (a folder, a named pipe that would block the read for good, a
    device), is one line saying so. Opened without following a link and without blocking,
    then checked to be a regular file before a byte is read."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise OneOnOneError(messages.EDITOR_FILE_GONE.format(path=quote(path))) from None
    except OSError as exc:  # a link (ELOOP), a folder opened for reading elsewhere...
        raise OneOnOneError(messages.EDITOR_FILE_NOT_A_FILE.format(path=quote(path))) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OneOnOneError(messages.EDITOR_FILE_NOT_A_FILE.format(path=quote(path)))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read()
    finally:
        os.close(fd)
    return data.decode("utf-8", "surrogateescape")


def replay_hint(draft_path: Path, handle: str, day: str, command: str, flags: str = "") -> str:
    """How to log a kept draft: with a plain file, as stdin; an encrypted one, in the editor.
    `flags` are the options its day needs (--yes for a day more than a year away)."""
    log = messages.REPLAY_COMMAND.format(command=command, handle=handle, day=day, flags=flags)
    if draft_path.suffix == SEALED:
        return messages.REPLAY_IN_EDITOR.format(log=log)
    return messages.REPLAY_PIPED.format(log=log, path=quote(draft_path))


# ---------------------------------------------------------------- one editor session


class Session:
    """One `log` in the editor: the draft file, SIGHUP/SIGTERM while it exists, and keeping
    what was typed when nothing is logged.

        with Session(...) as session:
            text = session.edit(template)
            ... parse and log ...
            session.done()

    Leaving the block without `done()`, by any exception, keeps the typed text (see the module
    docstring) and raises one OneOnOneError saying why nothing was logged and where the text is.
    `seal` is the encrypted journal's store (its `write_sealed_draft`/`read_sealed_draft`), or
    None for a plain journal. `command` is how the manager runs oneonone on this journal."""

    def __init__(
        self,
        journal: Path,
        handle: str,
        day: str,
        *,
        seal=None,
        command: str = "oneonone",
        flags: str = "",
    ) -> None:
        self.journal = journal.absolute()  # drafts are named from anywhere the manager is
        self.flags = flags
        self.handle = handle
        self.day = day
        self.seal = seal
        self.command = command
        self.path: Path | None = None  # the editor's file
        self.text: str | None = None  # what the editor saved
        self.earlier: list[Draft] = []  # leftover drafts offered in the template
        self.other_days: list[Draft] = []  # leftovers typed for a 1:1 on another day
        self.template: str | None = None  # what the editor opened on
        self._done = False
        self._logged = False
        self._kept = False  # _keep wrote a kept copy of the typed text (leftovers included)
        self._previous: dict[int, object] = {}

    @property
    def prefix(self) -> str:
        return f"{self.journal.stem}.{self.handle}.{self.day}."

    def __enter__(self) -> Self:
        for signum in STOP_SIGNALS:
            self._previous[signum] = signal.signal(signum, _raise_signalled)
        return self

    def done(self, *, logged: bool = True) -> None:
        """The session ends well: the editor's file goes; the leftovers offered in it go too
        when their text was logged, else they stay (`logged` false: left unchanged)."""
        self._done = True
        self._logged = logged

    @property
    def unchanged(self) -> bool:
        """The editor saved the template as it opened: the manager logged nothing (quitting
        vi with :q!, nano without saving), even when it holds leftovers offered to them."""
        return self.text is not None and self.text == self.template

    # ------------------------------------------------ leftovers

    def offer_leftovers(self) -> str:
        """The text of this person's drafts for this day that were never logged, as lines to
        append to the template; they are removed once this session's text is logged. Drafts
        typed for another day are left alone (`other_days`): logged here they would take this
        day's date."""
        parts: list[str] = []
        found_text: list[tuple[Draft, str]] = []
        for found in leftovers(self.journal, self.handle):
            draft = _claim(found)
            if draft is None:  # another `log` took it first
                continue
            try:
                text = self.read(draft)
            except (OSError, ValueError, OneOnOneError):
                _release(draft)  # unreadable here (another key): left for the manager
                continue
            typed = typed_lines(text)
            if not typed:  # killed before anything was typed: only the template's quotes
                remove(draft.path)
                continue
            if draft.day != self.day:  # named by its own day, not logged on this one
                released = _with_owner(draft, KEPT)
                if released is not None:
                    self.other_days.append(released)
                continue
            found_text.append((draft, typed))
        # A run killed with leftovers in its editor file leaves them twice: in their own
        # drafts, and in its file with what it typed. A text held whole by another is dropped.
        found_text.sort(key=lambda pair: len(pair[1]), reverse=True)
        for n, (draft, typed) in enumerate(found_text):
            if any(typed.strip() in other.strip() for _, other in found_text[:n]):
                remove(draft.path)
                continue
            self.earlier.append(draft)
            parts.append(f"# Typed for a 1:1 on {draft.day} and never logged:")
            parts.append(typed)
        return "\n".join(p for p in parts if p) + ("\n" if parts else "")

    def read(self, draft: Draft) -> str:
        if draft.sealed:
            if self.seal is None:
                raise OneOnOneError(messages.ENCRYPTED_DRAFT_NEEDS_JOURNAL)
            data = self.seal.read_sealed_draft(draft.path)
        else:
            data = draft.path.read_bytes()
        return data.decode("utf-8", "surrogateescape")

    # ------------------------------------------------ the editor

    def edit(self, template: str) -> str:
        command = editor_command(os.environ)
        folder = _private_folder(self.journal)
        fd, name = tempfile.mkstemp(prefix=f"{self.prefix}{os.getpid()}.", suffix=PLAIN, dir=folder)
        self.path = Path(name)
        self.template = template
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(template)
            handle.flush()
            os.fsync(handle.fileno())
        # The leftovers offered in the template stay in their own drafts until their text is
        # logged or kept again (a new kept draft holds it): the editor may remove or spoil its
        # file. Were this run killed, the next one finds their text twice (their drafts, and
        # this run's file) and offers it once (see offer_leftovers).
        status = _run_editor(command, self.path)
        self.text = editor_file_text(self.path)
        if status != 0:
            raise OneOnOneError(exit_status(status))
        return self.text

    # ------------------------------------------------ the end

    def __exit__(self, kind, exc, tb) -> bool:
        for signum in STOP_SIGNALS:  # a second signal must not cut the keeping short
            signal.signal(signum, signal.SIG_IGN)
        try:
            if exc is None or self._done:
                if self.path is not None:
                    remove(self.path)
                for draft in self.earlier:  # still their own copy until now
                    remove(draft.path) if self._logged or self._kept else _release(draft)
                return False
            message = self._keep(why(exc) + messages.NOTHING_LOGGED_TAIL)
            for draft in self.earlier:  # their text is in the kept copy, if one was written
                remove(draft.path) if self._kept else _release(draft)
        finally:
            for signum, previous in self._previous.items():
                signal.signal(signum, previous)
        raise OneOnOneError(message) from None

    def _keep(self, reason: str) -> str:
        """Keep what was typed: the one-line message saying why nothing was logged and where
        the text is."""
        if self.path is None:  # the editor never opened: nothing was typed
            return reason
        if self.text is None:  # the editor was still open (a signal): what it saved so far
            try:
                self.text = editor_file_text(self.path)
            except (OSError, OneOnOneError):
                self.text = ""
        typed = typed_lines(self.text)
        if not typed:
            remove(self.path)
            return reason
        data = typed.encode("utf-8", "surrogateescape")
        try:
            if self.seal is not None:  # a database of its own, encrypted with the journal's key

                def fill(fd: int, path: Path) -> None:
                    os.close(fd)
                    self.seal.write_sealed_draft(path, data)

                kept = write_private(self.path.parent, f"{self.prefix}{KEPT}.", SEALED, fill)
            else:
                kept = write_private(
                    self.path.parent, f"{self.prefix}{KEPT}.", PLAIN, synced_bytes(data)
                )
        except Exception as problem:  # noqa: BLE001 - the disk, or SQLCipher: said plainly
            return self._keep_editor_file(reason, problem)
        remove(self.path)
        self._kept = True
        where = messages.KEPT_ENCRYPTED_IN if self.seal is not None else messages.KEPT_IN
        return messages.TEXT_KEPT.format(
            reason=reason,
            where=where,
            path=quote(kept),
            hint=replay_hint(kept, self.handle, self.day, self.command, self.flags),
        )

    def _keep_editor_file(self, reason: str, problem: Exception) -> str:
        detail = getattr(problem, "strerror", None) or str(problem) or type(problem).__name__
        kept = self.path
        try:
            kept = self.path.with_name(self.path.name.replace(f".{os.getpid()}.", f".{KEPT}.", 1))
            os.replace(self.path, kept)
        except OSError:
            kept = self.path
        self.path = None  # kept as it is: never removed when the session ends
        plain = messages.KEPT_NOT_ENCRYPTED if self.seal else ""
        return messages.EDITOR_FILE_KEPT.format(
            reason=reason,
            detail=detail,
            path=quote(kept),
            plain=plain,
            hint=replay_hint(kept, self.handle, self.day, self.command, self.flags),
        )


def typed_lines(text: str) -> str:
    """What the manager typed: the text without comment lines (the template's, which quote
    older notes, and their own, which `log` ignores anyway) and without blank edges."""
    from oneonone_cli.domain.noteinput import note_lines

    # Split as `log` reads them, so that a line number in its message is the kept file's.
    lines = [line for line in note_lines(text) if not line.strip().startswith("#")]
    body = "\n".join(lines).strip("\n")
    return body + "\n" if body.strip() else ""


def why(exc: BaseException) -> str:
    """The reason nothing was logged, in the words the one exit point would use."""
    if isinstance(exc, OneOnOneError):
        return str(exc).removesuffix(messages.NOTHING_LOGGED_TAIL)
    if isinstance(exc, Signalled):
        return messages.EDIT_STOPPED_BY.format(signal=exc.name)
    if isinstance(exc, KeyboardInterrupt):
        return messages.EDIT_INTERRUPTED
    if isinstance(exc, OSError):
        import errno

        where = exc.filename if exc.filename else messages.THE_JOURNAL
        fix = (
            messages.FIX_DISK_SPACE
            if exc.errno in (errno.ENOSPC, errno.EDQUOT)
            else messages.FIX_PERMISSIONS
        )
        return messages.CANNOT_WRITE.format(where=where, error=exc.strerror or exc, fix=fix)
    import sys

    drivers = (sys.modules.get("sqlite3"), sys.modules.get("sqlcipher3.dbapi2"))
    if any(m is not None and isinstance(exc, m.DatabaseError) for m in drivers):
        from oneonone_cli.cli.exit_point import _sqlite_message

        return _sqlite_message(exc)
    return messages.EDIT_UNEXPECTED_ERROR.format(error=type(exc).__name__)


def exit_status(status: int) -> str:
    """Why the editor's save is not taken: its exit status, or the signal that killed it
    (Popen's negative status)."""
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = f"signal {-status}"
        return messages.EDITOR_KILLED.format(signal=name)
    return messages.EDITOR_EXIT_STATUS.format(status=status)


def _run_editor(command: list[str], path: Path) -> int:
    import subprocess

    previous = {s: signal.signal(s, _ignore) for s in EDITOR_SIGNALS}
    try:
        try:
            child = subprocess.Popen([*command, str(path)])
        except OSError as exc:
            raise OneOnOneError(
                messages.EDITOR_CANNOT_START.format(editor=command[0], strerror=exc.strerror)
            ) from None
        try:
            return child.wait()
        except BaseException:
            _stop(child)
            raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop(child) -> None:
    """End the editor of a `log` that is stopping: it may save what it can on SIGTERM."""
    import subprocess

    if child.poll() is not None:
        return
    for send, wait in ((child.terminate, 2.0), (child.kill, 2.0)):
        try:
            send()
            child.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
        except OSError:
            return
