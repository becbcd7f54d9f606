"""The theme views: the themes report, one theme's notes, the lexicon (keys pinned by
tests/test_json_contract.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import info, rows_json
from oneonone_cli.render.tables import styled, table
from oneonone_cli.render.text import count, readable_term

THEME_KEYS = (
    "theme",
    "mentions",
    "people",
    "first",
    "last",
    "weeks",
    "terms",
    "note_ids",
    "example",
    "key",
    "trend",
    "previous",
    "weekly",
    "normalised",
    "origin",
)

THEME_NOTE_KEYS = ("id", "date", "person", "kind", "text")
LEXICON_KEYS = ("key", "name", "kind", "terms", "tags", "yours", "origin")
FOUND_MARK = "*"  # after a found theme's name in the table


def themes_view(
    rows: Sequence[Any],
    as_json: bool,
    *,
    title: str,
    since: date | None = None,
    today: date | None = None,
    empty_hint: str = messages.THEMES_TRY_LONGER_SINCE.format(since="90d"),
    show_hint: str = messages.SHOW_THEME_COMMAND.format(since=""),
    window: str = "",
) -> None:
    """The report as JSON or a table; `window` is the options that chose it (" --since 90d")
    for the footnote's keep and dismiss commands."""
    if as_json:
        return rows_json(rows, THEME_KEYS)
    if not rows:
        return info(messages.NO_RECURRING_THEMES.format(empty_hint=empty_hint))
    weeks = messages.THEMES_TREND_CAPTION.format(since=since, today=today) if since else ""
    found = (
        messages.THEMES_FOUND_CAPTION.format(mark=FOUND_MARK, window=window)
        if any(r.origin == "found" for r in rows)
        else ""
    )
    table(
        title,
        ["Theme", "Notes", "Trend", "People", "Why grouped", "Latest"],
        [
            [
                _theme_name(r),
                r.mentions,
                _trend(r),
                _people(r.people),
                why_grouped(r.terms),
                r.example,
            ]
            for r in rows
        ],
        caption=weeks
        + found
        + (
            messages.THEMES_NORMALISED_CAPTION
            if any(r.normalised for r in rows)
            else messages.THEMES_SHOW_CAPTION
        ).format(show_hint=show_hint),
        drop=("Latest",),
        want={"Theme": 16, "People": 14, "Why grouped": 16, "Latest": 24},
        give_way=("Why grouped", "People"),  # on a narrow terminal, the theme stays readable
    )


def why_grouped(terms: Sequence[str], shown: int = 3) -> str:
    """A few distinct, readable terms a theme was grouped on: not the proximity pairs
    ('prs ... sit'), and one of each word however written ('requirement', 'requirements')."""
    seen: set[str] = set()
    picked: list[str] = []
    for term in map(readable_term, terms):
        if "..." in term:
            continue
        key = " ".join(w.lstrip("#").rstrip("s") for w in term.lower().replace("-", " ").split())
        if key and key not in seen:
            seen.add(key)
            picked.append(term)
            if len(picked) == shown:  # the rest of a theme's terms (hundreds) are not shown
                break
    if not picked:  # only pairs: the first, readably
        picked = [readable_term(t).replace(" ... ", " + ") for t in terms[:1]]
    return ", ".join(picked[:shown])


def _people(people: Sequence[str], shown: int = 4) -> str:
    names = ", ".join(people[:shown])
    return f"{len(people)}: {names}" + (f" +{len(people) - shown}" if len(people) > shown else "")


def _theme_name(row: Any):
    mark = f" {FOUND_MARK}" if row.origin == "found" else ""
    name = f"{row.theme}{mark}\n({row.key})"
    return styled("⚠ " + name, "bold red") if row.normalised else name


def _trend(row: Any):
    arrow = {"new": "new", "rising": "↑ rising", "steady": "→ steady", "falling": "↓ falling"}
    style = {"new": "yellow", "rising": "red", "steady": "", "falling": "green"}[row.trend]
    return styled(f"{arrow[row.trend]} from {row.previous}\n{row.sparkline}", style)


def theme_notes_view(row: Any, notes: Sequence[Any], as_json: bool) -> None:
    data = [
        {"id": n.id, "date": n.on, "person": n.person, "kind": n.kind, "text": n.text}
        for n in sorted(notes, key=lambda n: (n.on, n.id), reverse=True)
    ]
    if as_json:
        return rows_json(data, THEME_NOTE_KEYS)
    table(
        f"{row.theme} ({row.key}): {count(row.mentions, 'note')} from "
        f"{count(len(row.people), 'person', 'people')}, matched on {why_grouped(row.terms, 8)}",
        ["Note", "Date", "Person", "Text"],
        [[d["id"], d["date"], d["person"], d["text"]] for d in data],
        give_way=("Note",),  # on a narrow terminal, the text keeps a readable width
    )


def lexicon_view(
    themes: Sequence[Any],
    own_terms: Sequence[tuple[str, str]],
    own_aliases: Sequence[tuple[str, str]],
    as_json: bool,
    *,
    builtin: Collection[str] = (),
    dismissed: Sequence[str] = (),
) -> None:
    """The lexicon's themes, each with its origin ("builtin" or "yours"), then the found themes
    you dismissed (origin "dismissed": no kind, terms nor tags)."""
    mine: dict[str, set[str]] = {}  # theme key -> your terms and #tags
    for key, term in own_terms:
        mine.setdefault(key, set()).add(term)
    for tag, key in own_aliases:
        mine.setdefault(key, set()).add("#" + tag.lstrip("#").lower())
    rows = [
        {
            "key": t.key,
            "name": t.name,
            "kind": t.kind,
            "terms": list(t.terms),
            "tags": ["#" + g for g in t.tags],
            "yours": sorted(mine.get(t.key, ())),
            "origin": "builtin" if t.key in builtin else "yours",
        }
        for t in themes
    ]
    gone = [
        {
            "key": k,
            "name": k,
            "kind": None,
            "terms": [],
            "tags": [],
            "yours": [],
            "origin": "dismissed",
        }
        for k in dismissed
    ]
    if as_json:
        return rows_json(rows + gone, LEXICON_KEYS)
    shown = ", ".join(f'"{k}"' if " " in k else k for k in dismissed)
    table(
        "Theme lexicon",
        ["Key", "Name", "Kind", "Tags", "Terms", "Yours"],
        [
            [r["key"], r["name"], r["kind"], r["tags"], count(len(r["terms"]), "term"), r["yours"]]
            for r in rows
        ],
        drop=("Name", "Terms"),
        want={"Tags": 18, "Yours": 12},
        give_way=("Kind",),
        caption=(
            f"Dismissed found themes: {shown} ('oneonone themes undismiss KEY' lets "
            "one form again)."
            if dismissed
            else None
        ),
    )
