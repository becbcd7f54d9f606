"""Meeting signals as typed on `log`: --mood 1..5, --talk PCT (40 or 40%), --status. Pure."""

from __future__ import annotations

from oneonone_cli import messages
from oneonone_cli.domain.records import Signals
from oneonone_cli.errors import OneOnOneError, shown

MOOD_MIN, MOOD_MAX = 1, 5


def _whole_number(text: str) -> int | None:
    """`text` as a whole number written in ASCII digits (spaces around allowed), else None:
    '٣' or '4.5' or '1e2' are not read as numbers a manager meant."""
    clean = text.strip()
    if not clean or not clean.isascii() or not clean.isdigit() or len(clean) > 6:
        return None
    return int(clean)


def parse_mood(text: str) -> int:
    """--mood: how they seemed, 1 (low) to 5 (great)."""
    value = _whole_number(text)
    if value is None or not MOOD_MIN <= value <= MOOD_MAX:
        raise OneOnOneError(messages.MOOD_INVALID.format(value=shown(text)))
    return value


def parse_talk(text: str) -> int:
    """--talk: the share of the time you talked, 0 to 100, as '40' or '40%'."""
    clean = text.strip()
    value = _whole_number(clean[:-1] if clean.endswith("%") else clean)
    if value is None or value > 100:
        raise OneOnOneError(messages.TALK_INVALID.format(value=shown(text)))
    return value


def parse_signals(mood: str | None, talk: str | None, status: bool | None) -> Signals | None:
    """The signals given on the command line; None when none was."""
    if mood is None and talk is None and status is None:
        return None
    return Signals(
        None if mood is None else parse_mood(mood),
        None if talk is None else parse_talk(talk),
        status,
    )


# `meeting edit ID --mood none` / `--talk none` clear a signal recorded by mistake (back to not
# recorded); `--clear-status` does for the status update, a flag pair with no value to give.
CLEAR = "none"


def _clears(text: str | None) -> bool:
    return text is not None and text.strip().lower() == CLEAR


def parse_signal_edits(
    mood: str | None, talk: str | None, status: bool | None, clear_status: bool = False
) -> dict[str, int | bool | None]:
    """The signals a `meeting edit` sets, as {column: value} (None: cleared), read by
    `parse_signals` as `log` reads them; {} when none was given. A value out of range is
    refused (the same message as `log`'s, naming `none`), before anything is written."""
    if clear_status and status is not None:
        from oneonone_cli.errors import usage_error

        raise usage_error(messages.STATUS_AND_CLEAR_STATUS)
    try:
        given = parse_signals(
            None if _clears(mood) else mood, None if _clears(talk) else talk, status
        )
    except OneOnOneError as exc:
        raise OneOnOneError(str(exc) + messages.SIGNAL_CLEAR_HINT) from None
    given = given or Signals()
    changes: dict[str, int | bool | None] = {}
    for column, typed, value in (("mood", mood, given.mood), ("talk", talk, given.talk)):
        if typed is not None:
            changes[column] = None if _clears(typed) else value
    if status is not None or clear_status:
        changes["status_update"] = status
    return changes
