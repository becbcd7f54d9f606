"""The prompt views: the prompts for a person, the unused counts, the bank (keys pinned by
tests/test_json_contract.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import info, rows_json, say
from oneonone_cli.render.tables import table
from oneonone_cli.render.text import count

PROMPT_KEYS = ("id", "kind", "text", "last_asked", "asked_them")
PROMPT_COUNT_KEYS = ("person", "name", "relationship", "morale", "roadblock")
BANK_KEYS = ("id", "kind", "audience", "topic", "text", "builtin", "retired", "source")


def prompts_view(
    rows: Sequence[Any], as_json: bool, *, person: str, more: int = 0, flags: str = ""
) -> None:
    """`flags`: the options (--kind K) the hint's command keeps."""
    if as_json:
        return rows_json(rows, PROMPT_KEYS)
    if not rows:
        return info(messages.PROMPTS_ALL_USED.format(person=person))
    # The ID starts with the kind (m-, r-): at 80 columns the Kind column goes first. "Asked
    # them" is shown only when one of these prompts was asked of them (with --all).
    columns = ["ID", "Kind", "Prompt", "Used"]
    cells = [[r.id, r.kind, r.text, r.last_asked or "never"] for r in rows]
    if any(r.asked_them for r in rows):
        columns.append("Asked them")
        for cell, r in zip(cells, rows, strict=True):
            cell.append(r.asked_them or "never")
    table(
        f"Prompts for {person}",
        columns,
        cells,
        drop=("Kind", "Asked them", "Used"),
        want={"Prompt": 36},
        caption=messages.PROMPTS_USED_CAPTION
        + (
            messages.PROMPTS_MORE_CAPTION.format(
                more=count(more, "more prompt"), person=person, flags=flags
            )
            if more
            else ""
        ),
    )


def prompt_counts_view(rows: Sequence[Any], as_json: bool) -> None:
    if as_json:
        return rows_json(rows, PROMPT_COUNT_KEYS)
    if not rows:
        return info(messages.NO_ONE_YET)
    table(
        "Unused prompts",
        ["Person", "Name", "Relationship", "Morale", "Roadblock"],
        [[r.person, r.name, r.relationship, r.morale, r.roadblock] for r in rows],
    )


def bank_view(prompts: Sequence[Any], as_json: bool, sources: Sequence[Any] = ()) -> None:
    if as_json:
        return rows_json([p._replace(source=p.source or None) for p in prompts], BANK_KEYS)
    shown = {p.source for p in prompts}
    credits = "; ".join(f"{s.key}: {s.attribution}" for s in sources if s.key in shown)
    # A retired prompt says so in its text too: at 80 columns the Source column goes.
    table(
        "Prompt bank",
        ["ID", "Kind", "For", "Prompt", "Source"],
        [
            [
                p.id,
                p.kind,
                p.audience,
                ("(retired) " if p.retired else "") + p.text,
                ("built-in" if p.builtin else p.source or "yours")
                + (" (retired)" if p.retired else ""),
            ]
            for p in prompts
        ],
        drop=("Kind", "For", "Source"),
        want={"Prompt": 36},
        caption=messages.BANK_SOURCES_CAPTION.format(sources=credits) if credits else None,
    )


def imported_view(done: Any, file: str) -> None:
    """What `prompts import` did, in one line (the bank's credit included)."""
    if not done.added:
        return say(
            messages.BANK_IMPORTED_NOTHING.format(
                already=count(done.already, "question"), file=file
            )
        )
    kinds = {"morale": 0, "roadblock": 0}
    for p in done.added:
        kinds[p.kind] += 1
    already = messages.BANK_IMPORTED_ALREADY.format(already=done.already) if done.already else ""
    say(
        messages.BANK_IMPORTED_PROMPTS.format(
            added=count(len(done.added), "prompt"),
            key=done.source.key,
            already=already,
            attribution=done.source.attribution,
            **kinds,
        )
    )
