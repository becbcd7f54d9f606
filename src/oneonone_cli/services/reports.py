"""Building each report's rows: read from the store, apply the pure domain logic.

Commands and the demo call these and hand the rows to the renderer; nothing here prints.
"""

from __future__ import annotations

from datetime import date, timedelta

from oneonone_cli.domain.records import audience_of
from oneonone_cli.services.prompts import prompt_bank
from oneonone_cli.store.core import Store


def due_report(store: Store, today: date, *, until: date, include_all: bool = False):
    from oneonone_cli.domain.cadence import CANCEL_WINDOW_DAYS, due_rows

    facts = store.meeting_facts(store.people(),
                                cancels_since=today - timedelta(days=CANCEL_WINDOW_DAYS))  # fmt: skip
    return due_rows(facts, today, until=until, include_all=include_all)


def person_prompts(store: Store, handle: str, *, kind: str | None = None,
                   include_used: bool = False):  # fmt: skip
    from oneonone_cli.domain.prompts import prompts_for

    person = store.person(handle)
    bank = prompt_bank(store)
    return prompts_for(bank, audience_of(person.relationship), store.asked_of(handle),
                       store.team_last_asked(p.id for p in bank),
                       kind=kind, include_used=include_used)  # fmt: skip


def prompt_handful(store: Store, handle: str, *, kind: str | None = None):
    """The prompts `prompts HANDLE` shows without --all: a handful of the unused ones, morale
    and roadblock in turn (as the editor template offers them), and how many more there are."""
    from oneonone_cli.domain.prompts import SHOWN_PROMPTS, prompt_mix

    unused = person_prompts(store, handle, kind=kind)
    handful = prompt_mix(unused, store.meeting_count(handle), count=SHOWN_PROMPTS)
    return handful, len(unused) - len(handful)


def prompt_counts(store: Store):
    from oneonone_cli.domain.prompts import PromptCount, unused_counts

    bank = prompt_bank(store)
    asked = store.asked_by_person()
    rows = []
    for person in store.people():
        counts = unused_counts(bank, audience_of(person.relationship),
                               asked.get(person.handle, set()))  # fmt: skip
        rows.append(PromptCount(person.handle, person.name, person.relationship, **counts))
    return rows
