"""The prompt bank: the built-in prompts merged with the manager's own, retired ones marked."""

from __future__ import annotations

from collections.abc import Iterable

from oneonone_cli.domain.records import Prompt
from oneonone_cli.store.core import Store


def prompt_bank(store: Store) -> list[Prompt]:
    """Built-in prompts plus the manager's own, with retired ones marked."""
    from oneonone_cli.domain.prompts import builtin_prompts

    retired = store.retired_prompt_ids()
    return [
        Prompt(p.id, p.kind, p.audience, p.text, p.topic, p.builtin, p.id in retired)
        for p in (*builtin_prompts(), *store.own_prompts())
    ]


def check_prompts_exist(store: Store, prompt_ids: Iterable[str]) -> None:
    """Each ID is a prompt of the bank; an unknown one suggests the closest."""
    ids = list(prompt_ids)
    if not ids:
        return
    import difflib

    from oneonone_cli.errors import OneOnOneError, shown

    known = {p.id for p in prompt_bank(store)}
    for pid in ids:
        if pid not in known:
            close = difflib.get_close_matches(pid, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise OneOnOneError(
                f"unknown prompt '{shown(pid)}': {hint}list IDs with 'oneonone prompts --all'"
            )
