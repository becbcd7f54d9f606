"""The iCalendar file of `calendar`, made with the `icalendar` library (imported here only):
one recurring all-day event per person. Titles carry names and handles; never a note."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError

PRODID = "-//oneonone//1:1 journal//EN"


def calendar_bytes(events: Sequence[Any], stamp: datetime) -> bytes:
    """The calendar as bytes. `stamp` (the command's clock, in UTC) is each event's DTSTAMP:
    a later file's events replace an earlier one's of the same UID when imported."""
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", messages.ICS_CALENDAR_NAME)
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("summary", messages.ICS_TITLE.format(name=e.name, handle=e.handle))
        event.add(
            "description",
            messages.ICS_DESCRIPTION.format(
                every=e.every, relationship=e.relationship, handle=e.handle
            ),
        )
        event.add("dtstart", e.start)  # a date: an all-day event (the time is yours to set)
        event.add("rrule", vRecur(e.rule))
        event.add("transp", "TRANSPARENT")  # a reminder, not a block of busy time
        cal.add_component(event)
    return cal.to_ical()


def utc(moment: datetime) -> datetime:
    """The command's clock (local time, naive) in UTC, as DTSTAMP must be."""
    return moment.astimezone(UTC)


OURS_MAX_BYTES = 4 * 1024 * 1024  # a calendar of ours is a few KB: anything bigger is not ours


def written_by_us(data: bytes) -> bool:
    """True only for a calendar `calendar` wrote: one VCALENDAR whose PRODID is ours and whose
    every UID is one of ours. A calendar exported from another app (its events would be lost)
    or any other file starting BEGIN:VCALENDAR is not."""
    from oneonone_cli.domain.calendar import UID_DOMAIN

    if len(data) > OURS_MAX_BYTES:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    text = text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "")  # unfold
    lines = [line for line in text.split("\n") if line != ""]
    if not lines or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        return False
    prodids, uids = [], []
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        value = line.split(":", 1)[1] if ":" in line else None
        if value is None:
            return False  # not a content line: not a calendar of ours
        if name == "PRODID":
            prodids.append(value)
        elif name == "UID":
            uids.append(value)
        elif name == "BEGIN" and value.upper() not in ("VCALENDAR", "VEVENT"):
            return False  # a to-do, a journal entry, an alarm: someone else's
    ours = f"@{UID_DOMAIN}"
    return prodids == [PRODID] and all(u.startswith("1on1-") and u.endswith(ours) for u in uids)


def write_calendar(data: bytes, dest: Path, journal: Path) -> None:
    """Write the calendar to `dest` in one step (a temporary file beside it, then renamed): a
    calendar oneonone wrote (written_by_us) is replaced; any other file (the journal above all)
    never is."""
    if dest.exists() or dest.is_symlink():
        if dest.is_dir():
            raise OneOnOneError(messages.ICS_DEST_IS_FOLDER.format(dest=dest))
        if not dest.is_file():  # a fifo or a device (opening a fifo would wait for ever)
            raise OneOnOneError(messages.ICS_DEST_NOT_CALENDAR.format(dest=dest))
        try:
            same = journal.exists() and os.path.samefile(dest, journal)
            with dest.open("rb") as f:
                existing = f.read(OURS_MAX_BYTES + 1)
        except OSError as exc:
            raise OneOnOneError(
                messages.ICS_CANNOT_WRITE.format(dest=dest, reason=exc.strerror)
            ) from None
        if same or not written_by_us(existing):
            raise OneOnOneError(messages.ICS_DEST_NOT_CALENDAR.format(dest=dest))
    folder = dest.parent
    if not folder.is_dir():
        raise OneOnOneError(messages.ICS_FOLDER_MISSING.format(folder=folder))
    partial = folder / f".{dest.name}.{os.getpid()}.{os.urandom(4).hex()}.partial"
    try:
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, dest)
    except OSError as exc:
        raise OneOnOneError(
            messages.ICS_CANNOT_WRITE.format(dest=dest, reason=exc.strerror or exc)
        ) from None
    finally:
        partial.unlink(missing_ok=True)


def print_calendar(data: bytes) -> None:
    """The calendar on stdout (`calendar` without -o): its lines made inert for a terminal."""
    import sys

    from oneonone_cli.render.output import _write
    from oneonone_cli.render.text import inert

    text = data.decode("utf-8")
    _write(sys.stdout, "\r\n".join(inert(line) for line in text.split("\r\n")))
