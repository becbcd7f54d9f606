"""Reading notes typed as lines (stdin or the editor), and the editor template. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oneonone_cli import messages
from oneonone_cli.domain.records import Note, NoteDraft, ParsedNotes, Person, Prompt, PromptRow
from oneonone_cli.errors import OneOnOneError

PREFIXES = {
    "roadblock": "roadblock",
    "r": "roadblock",
    "morale": "morale",
    "m": "morale",
    "asked": "asked",
    "a": "asked",
    "feedback": "feedback",
    "f": "feedback",
    "todo": "todo",
    "t": "todo",
}


# A 1:1 note is a line or a few (the longest in the labelled corpora: 280 characters); these
# limits only stop text no one typed (a file piped by mistake, a paste gone wrong) from being
# stored. Theme analysis stays linear in a note's size either way (older journals may hold
# longer notes).
MAX_NOTE_CHARS = 10_000
MAX_INPUT_BYTES = 1_000_000  # all the notes of one 1:1, piped or written in the editor


def _has_surrogate(text: str) -> bool:
    """True when text holds a lone surrogate (what undecodable bytes become): the only code
    points UTF-8 cannot encode. (No regex to compile on every run.)"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def note_lines(text: str) -> list[str]:
    """The lines of notes typed or piped, split at line ends only (\n, \r\n, \r): other
    separators (U+2028, form feed, ...) stay inside their line, as `wc -l` and `-R` see them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def decode_input(data: bytes) -> str:
    """Piped notes as text; bytes that are not UTF-8 are an error, never silently mangled.

    Input over MAX_INPUT_BYTES (the caller reads at most one byte more), or a note line over
    MAX_NOTE_CHARS, is an error too."""
    if len(data) > MAX_INPUT_BYTES:
        raise OneOnOneError(
            messages.INPUT_TOO_BIG.format(
                max_input_bytes=MAX_INPUT_BYTES, max_note_chars=MAX_NOTE_CHARS
            )
        )
    try:
        # utf-8-sig: a byte-order mark (as some Windows editors save) is not part of a note.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OneOnOneError(
            messages.INPUT_NOT_UTF8_AT.format(not_utf8=messages.NOT_UTF8, start=exc.start)
        ) from None
    check_note_lines(text)
    return text


def check_note_lines(text: str) -> None:
    """Notes typed as lines (piped, or in the editor) within the size limits: each note line
    at most MAX_NOTE_CHARS characters, all of them at most MAX_INPUT_BYTES characters. Comment
    lines do not count (the editor template quotes older notes in them)."""
    if len(text) <= MAX_NOTE_CHARS:
        return
    total = 0
    for number, line in enumerate(note_lines(text), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        size = len(stripped)
        if size > MAX_NOTE_CHARS and ":" in stripped:
            size = len(stripped.partition(":")[2].strip())  # the note, without its "r:"
        if size > MAX_NOTE_CHARS:
            raise OneOnOneError(
                messages.LINE_TOO_LONG.format(
                    number=number, size=size, max_note_chars=MAX_NOTE_CHARS
                )
            )
        total += size
        if total > MAX_INPUT_BYTES:
            raise OneOnOneError(messages.NOTES_TOO_BIG.format(max_input_bytes=MAX_INPUT_BYTES))


def check_note_text(text: str, kind: str) -> str:
    """A note's text, trimmed; an empty one, one over MAX_NOTE_CHARS, or one that is not
    text, is an error."""
    clean = text.strip()
    if not clean:
        raise OneOnOneError(messages.NOTE_EMPTY.format(kind=kind))
    if len(clean) > MAX_NOTE_CHARS:
        raise OneOnOneError(
            messages.NOTE_TOO_LONG.format(
                kind=kind, length=len(clean), max_note_chars=MAX_NOTE_CHARS
            )
        )
    if _has_surrogate(clean):
        raise OneOnOneError(messages.NOTE_NOT_UTF8.format(kind=kind, not_utf8=messages.NOT_UTF8))
    return clean


def parse_note_lines(text: str) -> ParsedNotes:
    """One note per line: `r: text`, `m: text`, `f: feedback given`, `todo: a follow-up`,
    `asked: id, id`. Blank lines and lines
    starting with '#' (the template's comments) are skipped; anything else is an error naming
    the line, so that nothing the manager typed is silently dropped."""
    notes: list[NoteDraft] = []
    asked: list[str] = []
    follow_ups: list[str] = []
    if _has_surrogate(text):
        raise OneOnOneError(messages.INPUT_NOT_UTF8.format(not_utf8=messages.NOT_UTF8))
    for number, line in enumerate(note_lines(text), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        head, colon, rest = stripped.partition(":")
        kind = PREFIXES.get(head.strip().lower()) if colon else None
        if kind is None:
            # Nothing of the line is quoted: the message must never show text that could
            # have come from the journal.
            raise OneOnOneError(
                messages.LINE_NO_KIND.format(number=number, line_help=messages.LINE_HELP)
            )
        if kind == "asked":
            ids = [p for p in rest.replace(",", " ").split() if p]
            if not ids:
                raise OneOnOneError(messages.LINE_ASKED_NEEDS_IDS.format(number=number))
            asked.extend(i for i in ids if i not in asked)
            continue
        body = rest.strip()
        if not body:
            raise OneOnOneError(messages.LINE_NOTE_EMPTY.format(number=number, kind=kind))
        if kind == "todo":
            follow_ups.append(body)
        else:
            notes.append(NoteDraft(kind, body))
    return ParsedNotes(tuple(notes), tuple(asked), tuple(follow_ups))


# Every character that could break a line or steer the terminal: C0 and C1 controls, DEL, and
# the line and paragraph separators (str.splitlines splits on \x0b, \x0c, \x1c-\x1e, \x85,
# U+2028 and U+2029 as well as \r and \n).
_BREAKS = {code: " " for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}


def one_line(text: str) -> str:
    """Stored text made into one line of words, to be shown inside one template comment line:
    nothing from the journal can ever be read back as a line the manager typed."""
    return " ".join(text.translate(_BREAKS).split())


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters where its words allow (a longer word
    stands alone on its line)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def editor_template(
    person: Person,
    last_held: date | None,
    roadblocks: Sequence[Note],
    prompts: Sequence[Prompt | PromptRow],
    on: date,
    morale: Sequence[Note] = (),
    *,
    brief: Sequence[str] | None = None,
) -> str:
    """What the editor opens on: context as comments, then room for the notes. `on` is the
    day the 1:1 will be logged on. Every line showing stored text is one comment line.
    With `brief` (the lines of `prep`'s brief, domain/prep.py), the brief stands in for the
    recent notes, and `prompts` follow its own as more prompts."""
    last = last_held.isoformat() if last_held else "never"
    who = f"{one_line(person.name)} ({person.handle}, {person.relationship})"
    lines = [
        f"# 1:1 with {who} on {on.isoformat()}",
        f"# Last 1:1: {last}",
        "#",
        "# One note per line:",
        "#   r: a roadblock (#tags allowed)     m: morale, growth, how they feel",
        "#   f: feedback you gave               todo: a follow-up, open until done",
        "#   asked: m-meaning, r-oncall         the prompts you used",
        "# Lines starting with '#' are ignored. Save an empty file to log nothing.",
    ]
    if brief is not None:
        lines.append("#")
        lines += [f"# {line}".rstrip() for line in brief]
    for title, notes in (("Recent roadblocks", roadblocks), ("Recent morale notes", morale)):
        if notes:
            lines += ["#", f"# {title}:"]
            lines += [f"#   {n.on.isoformat()}  {one_line(n.text)}" for n in notes]
    if prompts:
        more = (
            messages.BRIEF_MORE_PROMPTS if brief is not None else "Prompts not yet used with them:"
        )
        lines += ["#", f"# {more}"]
        for p in prompts:  # wrapped as comment lines, so an 80-column editor shows them whole
            text = _wrap(one_line(p.text), 50)
            lines.append(f"#   {one_line(p.id):<22} {text[0]}")
            lines += [f"#   {'':<22} {more}" for more in text[1:]]
    return "\n".join(lines) + "\n\n"
