"""What the shell completes from the journal: handles, prompt IDs, theme keys and note IDs.

Each function takes the journal's path and what was typed so far, and returns (value, help)
pairs, best first. The journal is read through `store.lookup` (read-only: never created,
migrated or repaired); a journal that cannot be read completes nothing from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
        rows = journal.notes(incomplete, person=person, limit=limit)
    return [(str(i), _note_help(day, who, kind, text)) for i, day, who, kind, text in rows]


def _note_help(day: str, person: str, kind: str, text: str) -> str:
    text = " ".join(text.split())
    if len(text) > NOTE_HELP_CHARS:
        text = text[: NOTE_HELP_CHARS - 1] + "…"
    return f"{day} {person} {kind}: {text}"
