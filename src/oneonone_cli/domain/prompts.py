"""The prompt bank and its rotation. Pure: usage history is passed in."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from functools import cache

from oneonone_cli import messages
from oneonone_cli.domain.records import Prompt, PromptRow, check_audience, check_kind
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.shipped import data_text

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")
_STOP = {
    "a",
    "an",
    "the",
    "you",
    "your",
    "do",
    "does",
    "is",
    "are",
    "what",
    "how",
    "which",
    "of",
    "to",
    "in",
    "on",
    "for",
    "and",
    "or",
    "that",
    "this",
    "it",
    "we",
    "our",
    "me",
    "my",
    "i",
    "be",
    "have",
    "has",
    "with",
    "about",
    "would",
    "could",
    "if",
    "there",
}


@cache
def builtin_prompts() -> tuple[Prompt, ...]:
    data = json.loads(data_text("prompts.json"))
    return tuple(
        Prompt(p["id"], p["kind"], p["audience"], p["text"], p.get("topic", ""), builtin=True)
        for p in data
    )


def check_prompt_id(prompt_id: str) -> str:
    if not _ID.fullmatch(prompt_id):
        raise OneOnOneError(messages.NOT_A_PROMPT_ID.format(prompt_id=prompt_id))
    return prompt_id


def make_prompt_id(text: str, kind: str, taken: Collection[str]) -> str:
    """A short stable slug for a manager's own prompt: kind initial plus its first key words."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]
    stem = "-".join(words[:3]) or "prompt"
    base = f"{kind[0]}-{stem}"[:30].rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def new_prompt(text: str, kind: str, audience: str, taken: Collection[str]) -> Prompt:
    text = " ".join(text.split())
    if not text:
        raise OneOnOneError(messages.PROMPT_TEXT_EMPTY)
    check_kind(kind)
    check_audience(audience)
    return Prompt(make_prompt_id(text, kind, taken), kind, audience, text, builtin=False)


def prompts_for(
    bank: Iterable[Prompt],
    audience: str,
    asked_them: Mapping[str, date],
    team_last_asked: Mapping[str, date],
    *,
    kind: str | None = None,
    include_used: bool = False,
) -> list[PromptRow]:
    """Prompts suited to the audience and not yet asked of this person, least recently used
    across the team first (never used first), so the manager varies what they ask."""
    rows = [
        PromptRow(p.id, p.kind, p.text, team_last_asked.get(p.id), asked_them.get(p.id))
        for p in bank
        if not p.retired
        and p.suits(audience)
        and (kind is None or p.kind == kind)
        and (include_used or p.id not in asked_them)
    ]
    rows.sort(
        key=lambda r: (
            r.asked_them is not None,
            r.asked_them or date.min,
            r.last_asked is not None,
            r.last_asked or date.min,
            r.id,
        )
    )
    return rows


def unused_counts(bank: Iterable[Prompt], audience: str, asked_them: Collection[str]) -> dict:
    counts = {"morale": 0, "roadblock": 0}
    for p in bank:
        if not p.retired and p.suits(audience) and p.id not in asked_them:
            counts[p.kind] += 1
    return counts


SHOWN_PROMPTS = 8  # what `prompts HANDLE` lists without --all: a handful to choose from


def prompt_mix(prompts: Sequence[PromptRow], rotation: int, count: int = 6) -> list[PromptRow]:
    """`count` prompts, morale and roadblock in turn, each kind least used first (the order of
    `prompts_for`). Prompts tied on use (never asked, or last asked the same days) rotate by
    `rotation` (the 1:1s on record with the person), so that each 1:1 offers others."""
    per_kind: dict[str, list[PromptRow]] = {}
    for row in prompts:
        per_kind.setdefault(row.kind, []).append(row)
    share = max(1, count // max(1, len(per_kind)))
    queues = []
    for kind in sorted(per_kind):
        rows, ordered, start = per_kind[kind], [], 0
        while start < len(rows):
            key = (rows[start].asked_them, rows[start].last_asked)
            end = start
            while end < len(rows) and (rows[end].asked_them, rows[end].last_asked) == key:
                end += 1
            tied = rows[start:end]
            shift = (rotation * share) % len(tied)
            ordered += tied[shift:] + tied[:shift]
            start = end
        queues.append(ordered)
    mixed: list[PromptRow] = []
    while len(mixed) < count and any(queues):
        for queue in queues:
            if queue and len(mixed) < count:
                mixed.append(queue.pop(0))
    return mixed
