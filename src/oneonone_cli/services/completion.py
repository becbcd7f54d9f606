"""What the shell completes from the journal: handles, prompt IDs, theme keys, and the IDs of
notes, 1:1s, follow-ups (open or done) and things in the trash.

Each function takes the journal's path and what was typed so far, and returns (value, help)
pairs, best first. The journal is read through `store.lookup` (read-only: never created,
migrated or repaired); a journal that cannot be read completes nothing from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from oneonone_cli import messages
from oneonone_cli.shipped import data_bytes

Choices = list[tuple[str, str]]
# A note's text shown beside its ID (zsh and fish show it; bash only the IDs), after its date,
# person and kind: with them, within what the completers show (cli/completers.py).
NOTE_HELP_CHARS = 30


@contextmanager
def _journal(path: Path) -> Iterator:
    from oneonone_cli.store.lookup import Lookup

    lookup = Lookup.open(path)
    try:
        yield lookup
    finally:
        if lookup is not None:
            lookup.close()


def handles(path: Path, incomplete: str, *, archived: bool = False) -> Choices:
    """The handles that start with `incomplete`, with each person's name."""
    with _journal(path) as journal:
        if journal is None:
            return []
        return [
            (h, name if name != h else "")
            for h, name in journal.handles(incomplete, archived=archived)
        ]


def prompt_ids(path: Path, incomplete: str) -> Choices:
    """The IDs of the bank's prompts and the manager's own (retired ones left out) that start
    with `incomplete`, with each prompt's text."""
    bank = [(p["id"], p["text"]) for p in json.loads(data_bytes("prompts.json"))]
    with _journal(path) as journal:
        own = journal.prompts() if journal is not None else []
        retired = journal.retired_prompts() if journal is not None else set()
    found = dict(bank)
    found.update(own)
    wanted = incomplete.lower()
    return sorted(
        (pid, text)
        for pid, text in found.items()
        if pid.lower().startswith(wanted) and pid not in retired
    )


def theme_keys(path: Path, incomplete: str, *, dismissed: bool = False) -> Choices:
    """The keys of the built-in themes and of the manager's own that start with `incomplete`,
    with each theme's name; `dismissed`: the keys of the found themes they dismissed."""
    with _journal(path) as journal:
        if dismissed:
            keys = journal.dismissed_theme_keys() if journal is not None else []
            return [(k, "") for k in keys if k.startswith(incomplete)]
        own = journal.own_theme_keys() if journal is not None else []
    found = {t["key"]: t["name"] for t in json.loads(data_bytes("lexicon.json"))["themes"]}
    for key, name in own:
        if name or key not in found:
            found[key] = name or ""
    return sorted((k, name) for k, name in found.items() if k.startswith(incomplete))


def note_ids(path: Path, incomplete: str, *, person: str | None = None, limit: int = 20) -> Choices:
    """The newest `limit` note IDs that start with `incomplete` (of `person` only, when
    given), each with its date, person and the start of its text."""
    with _journal(path) as journal:
        if journal is None:
            return []
        rows = journal.notes(_digits(incomplete), person=person, limit=limit)
    mark = _mark(incomplete)
    return [(mark + str(i), _note_help(day, who, kind, text)) for i, day, who, kind, text in rows]


def _note_help(day: str, person: str, kind: str, text: str) -> str:
    text = " ".join(text.split())
    if len(text) > NOTE_HELP_CHARS:
        text = text[: NOTE_HELP_CHARS - 1] + "…"
    return f"{day} {person} {kind}: {text}"


def meeting_ids(path: Path, incomplete: str, *, limit: int = 20) -> Choices:
    """The newest `limit` 1:1 IDs (held, cancelled or moved) that start with `incomplete`,
    each with its date, person, and what it was (its notes, or why it did not happen)."""
    with _journal(path) as journal:
        if journal is None:
            return []
        rows = journal.meetings(_digits(incomplete), limit=limit)
    mark = _mark(incomplete)
    return [(mark + str(row[0]), _meeting_help(*row[1:])) for row in rows]


def _meeting_help(
    day: str, person: str, status: str, reason: str | None, moved_to: str | None, notes: int
) -> str:
    why = messages.COMPLETE_WHY.format(reason=reason) if reason else ""
    if status == "cancelled":
        return messages.COMPLETE_MEETING_CANCELLED.format(day=day, handle=person, why=why)
    if status == "rescheduled":
        return messages.COMPLETE_MEETING_MOVED.format(
            day=day, handle=person, moved_to=moved_to, why=why
        )
    count = (
        messages.COMPLETE_NO_NOTES
        if not notes
        else messages.COMPLETE_ONE_NOTE
        if notes == 1
        else messages.COMPLETE_NOTES.format(n=notes)
    )
    return messages.COMPLETE_MEETING_HELD.format(day=day, handle=person, notes=count)


def follow_up_ids(
    path: Path,
    incomplete: str,
    *,
    done: bool | None = None,
    typed: frozenset[int] = frozenset(),
    limit: int = 20,
) -> Choices:
    """The newest `limit` follow-up IDs that start with `incomplete`: open ones (`done`
    False: for `todo done`), done ones (True: for `todo reopen`) or both (None: `todo rm`),
    those already on the command line (`typed`) left out; each with its day, person and text."""
    with _journal(path) as journal:
        if journal is None:
            return []
        rows = journal.follow_ups(_digits(incomplete), done=done, limit=limit + len(typed))
    mark = _mark(incomplete)
    return [
        (mark + str(fid), _follow_up_help(person, added, finished, text))
        for fid, person, added, finished, text in rows
        if fid not in typed
    ][:limit]


def _follow_up_help(person: str, added: str, done: str | None, text: str) -> str:
    text = " ".join(str(text).split())
    if done:
        return messages.COMPLETE_FOLLOW_UP_DONE.format(
            day=added, handle=person, done=done, text=text
        )
    return messages.COMPLETE_FOLLOW_UP.format(day=added, handle=person, text=text)


def trash_ids(path: Path, incomplete: str, *, limit: int = 20) -> Choices:
    """The newest `limit` trash IDs that start with `incomplete`, each with what it is (note,
    1:1 or follow-up, and its own ID), its person and day, and its summary."""
    with _journal(path) as journal:
        if journal is None:
            return []
        rows = journal.trash(_digits(incomplete), limit=limit)
    what = {"note": "note", "meeting": "1:1", "follow-up": "follow-up"}
    mark = _mark(incomplete)
    return [
        (
            mark + str(tid),
            messages.COMPLETE_TRASH.format(
                what=what.get(kind, kind),
                item=item,
                handle=person,
                day=day,
                summary=" ".join(str(summary).split()),
            ),
        )
        for tid, kind, item, person, day, summary in rows
    ]


def _digits(incomplete: str) -> str:
    """What was typed of an ID: `#12` and `12` are the same ID (as the commands take them)."""
    return incomplete[1:] if incomplete.startswith("#") else incomplete


def _mark(incomplete: str) -> str:
    """`#` when the ID was begun with it: the shell offers only choices that start as typed."""
    return "#" if incomplete.startswith("#") else ""
