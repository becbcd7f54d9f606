"""What the printable page reads besides the reports' own queries (its cadence figures and moods
are health's): the follow-ups of a window (the table of migration m006)."""

from __future__ import annotations

from datetime import date

from oneonone_cli.domain.records import FollowUpLine


class PagesMixin:
    """The Store's queries for the HTML page (see `Store`)."""

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
