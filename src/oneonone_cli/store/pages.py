"""What the printable page reads besides the reports' own queries: the 1:1s held and cancelled
in a window, moods, follow-ups (the tables of migration m006)."""

from __future__ import annotations

from datetime import date

from oneonone_cli.domain.records import FollowUpLine, MoodPoint


class PagesMixin:
    """The Store's queries for the HTML page (see `Store`)."""

    def meetings_in(self, since: date, until: date) -> dict[str, tuple[int, int, date | None]]:
        """Per person, the 1:1s held and cancelled in the window, and the first one held there
        (or in the window's days before anything): {handle: (held, cancelled, first held)}."""
        result: dict[str, tuple[int, int, date | None]] = {}
        for person, held, cancelled, first in self.conn.execute(
            "SELECT person, sum(status = 'held'), sum(status = 'cancelled'),"
            " min(CASE WHEN status = 'held' THEN date END) FROM meetings"
            " WHERE date BETWEEN ? AND ? GROUP BY person",
            [since.isoformat(), until.isoformat()],
        ):
            result[person] = (held or 0, cancelled or 0, _day(first))
        return result

    def moods(self, handle: str | None, since: date, until: date) -> list[MoodPoint]:
        """The moods recorded for held 1:1s in the window, oldest first."""
        who, params = ("", []) if handle is None else (" AND person = ?", [handle])
        return [
            MoodPoint(date.fromisoformat(on), person, mood)
            for on, person, mood in self.conn.execute(
                "SELECT date, person, mood FROM meetings WHERE status = 'held'"
                f" AND mood IS NOT NULL AND date BETWEEN ? AND ?{who} ORDER BY date, id",
                [since.isoformat(), until.isoformat(), *params],
            )
        ]

    def follow_up_lines(self, handle: str | None, since: date) -> list[FollowUpLine]:
        """Follow-ups still open, and those done since `since`; oldest first."""
        who, params = ("", []) if handle is None else (" AND person = ?", [handle])
        return [
            FollowUpLine(fid, person, text, date.fromisoformat(added), _day(done))
            for fid, person, text, added, done in self.conn.execute(
                "SELECT id, person, text, added, done FROM follow_ups"
                f" WHERE (done IS NULL OR done >= ?){who} ORDER BY added, id",
                [since.isoformat(), *params],
            )
        ]


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
