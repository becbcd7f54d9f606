"""Recording 1:1s: held (with notes), cancelled, moved. Returns what was recorded; prints nothing.

The dates are checked by the domain (domain/dates.py: held_on, cancelled_on, moved_to) before
these run; asking the manager (a far date, a second 1:1 on a day) and the editor stay in the
command (cli/meetings.py)."""

from __future__ import annotations

from datetime import date

from oneonone_cli.store.core import Store


def log_meeting(
    store: Store, handle: str, day: date, notes, asked, follow_ups=(), signals=None
) -> tuple[int, list[int]]:
    """Record a held 1:1 with its notes, the prompts asked (each one of the bank), the
    follow-ups agreed in it and its signals (domain.records.Signals), all in one transaction:
    (meeting id, note ids)."""
    from oneonone_cli.services.prompts import check_prompts_exist

    check_prompts_exist(store, asked)
    if not follow_ups and signals is None:  # the call as it was before follow-ups and signals
        return store.log_meeting(handle, day, notes, asked)
    return store.log_meeting(handle, day, notes, asked, follow_ups, signals)


def log_template(store: Store, person, day: date) -> str:
    """The editor's template for a 1:1 with `person` on `day`: the brief `prep` shows for that
    day (services/prep.py), then more prompts not yet used with them (the rotating mix, less
    the brief's own). Should the brief fail (the journal busy while the theme roll-up is
    kept), the template of before: their last 1:1's date, recent notes of each kind and the
    mix; nothing stands in the way of logging."""
    from oneonone_cli.domain.noteinput import editor_template
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.services.prompts import editor_prompts

    handle = person.handle
    mix = editor_prompts(store, handle)
    try:
        found = _brief_for(store, person, day)
    except (OneOnOneError, store.errors.Error):
        found = None
    if found is not None:
        from oneonone_cli.domain.prep import brief_lines

        chosen = {p.id for p in found.prompts}
        more = [p for p in mix if p.id not in chosen][: max(0, len(mix) - len(chosen))]
        return editor_template(
            person, found.last_held, (), more, day, brief=brief_lines(found, TEMPLATE_WIDTH)
        )
    return editor_template(
        person,
        store.last_held(handle),
        store.recent_notes(handle, "roadblock", 5),
        mix,
        day,
        store.recent_notes(handle, "morale", 5),
    )


TEMPLATE_WIDTH = 76  # the brief's lines in the template: with '# ', they fit a 78-column editor


def _brief_for(store: Store, person, day: date):
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.health import DEFAULT_WINDOW
    from oneonone_cli.services.prep import brief
    from oneonone_cli.themes.lexicon_file import FILENAME

    user_file = store.path.parent / FILENAME if store.path is not None else None
    return brief(store, person.handle, day, parse_since(DEFAULT_WINDOW, day), user_file)


def already_held(store: Store, handle: str, day: date) -> bool:
    """Whether a 1:1 with them is already logged as held on `day`."""
    from oneonone_cli.domain.records import HELD

    return store.has_meeting(handle, day, HELD)


def cancel_meeting(store: Store, handle: str, day: date, reason: str | None) -> bool:
    """Record the 1:1 on `day` as cancelled: False when it already was (nothing changed)."""
    from oneonone_cli.domain.records import check_reason

    return store.cancel(handle, day, check_reason(reason))


def move_meeting(store: Store, handle: str, today: date, day: date, reason: str | None) -> bool:
    """Record the next 1:1 as moved to `day`: False when it already was (nothing changed)."""
    from oneonone_cli.domain.records import check_reason

    return store.reschedule(handle, today, day, check_reason(reason)) is not None
