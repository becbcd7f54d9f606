"""The printable page (HTML) of one person or of the team over a window: the cadence kept, the
themes raised with their weeks, the mood trend, the follow-ups. Returns a record; prints nothing.

One truth: the cadence figures (on time / due, cancels, reschedules, cadence kept) and the moods
are `health`'s (services/health.py, domain/health.py) over the same window, so the page and
`oneonone health` never show two numbers under one name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from oneonone_cli import messages
from oneonone_cli.domain.records import HtmlPage, PageRow
from oneonone_cli.store.core import Store


def default_since(today: date) -> date:
    """The page's window when --since is not given: health's (DEFAULT_WINDOW, 90 days)."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.health import DEFAULT_WINDOW

    return parse_since(DEFAULT_WINDOW, today)


def team_mood_points(
    moods: list[tuple[date, int]], since: date, today: date
) -> tuple[tuple[date, float | None], ...]:
    """The team's mood as health's weekly means (domain/health.weekly_moods) over every week of
    the window, each at the middle of its week; None for a week with no mood (a gap)."""
    from oneonone_cli.domain.health import weekly_moods

    weeks = (today - since).days // 7 + 1
    means = weekly_moods(moods, today, weeks)
    last = len(means) - 1
    return tuple((today - timedelta(days=7 * (last - i) + 3), mean) for i, mean in enumerate(means))


def html_page(
    store: Store,
    today: date,
    *,
    person: str | None = None,
    since: date | None = None,
    user_file: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> HtmlPage:
    """The page's figures. `progress(done, total)` hears how far a first theme analysis (a
    journal whose themes were never analysed) has got, as `themes` does."""
    from oneonone_cli.services.health import health_report
    from oneonone_cli.services.history import due_report
    from oneonone_cli.services.themes import ThemeQuery, themes_report

    since = since if since is not None else default_since(today)
    report = health_report(store, today, since, person)
    handle = report.people[0].handle if person is not None else None
    if handle is not None:
        found = report.people[0]
        title = messages.HTML_TITLE_PERSON.format(name=found.name, handle=found.handle)
    else:
        title = messages.HTML_TITLE_TEAM
    due = {r.person: r for r in due_report(store, today, until=today, include_all=True)}
    rows = []
    for p, h in zip(report.people, report.rows, strict=True):
        row = due.get(p.handle)  # an archived person is not due: their page shows no date
        rows.append(
            PageRow(
                p.handle,
                p.name,
                p.relationship,
                str(p.every),
                h.cadence,
                row.last if row is not None else store.last_held(p.handle),
                row.due if row is not None else None,
                row.days_overdue if row is not None else 0,
            )
        )
    # The least kept first (what to act on), then no 1:1 due yet; by handle within each.
    rows.sort(key=lambda r: (r.cadence.kept is None, r.cadence.kept or 0, r.person))
    themes = {
        kind: tuple(
            themes_report(store, ThemeQuery(since, today, handle, kind), user_file, progress)
        )
        for kind in ("roadblock", "morale")
    }
    recorded = [m for h in report.rows for m in h.mood_all]
    if handle is not None:
        moods = tuple((on, float(mood)) for on, mood in recorded)
    else:
        moods = team_mood_points(recorded, since, today)
    follow_ups = store.follow_up_lines(handle, since)
    return HtmlPage(
        title,
        handle,
        since,
        today,
        tuple(rows),
        report.team.cadence if report.team is not None else None,
        themes["roadblock"],
        themes["morale"],
        moods,
        len(recorded),
        tuple(follow_ups),
    )
