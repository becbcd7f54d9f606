"""The printable page: one self-contained HTML file (inline CSS, inline SVG charts, no script,
no external file) for one person or the team. Everything the user typed (names, notes,
follow-ups, theme names) is escaped, its control characters shown as \\xNN and its text
isolated from the page's direction (<bdi>): a note is hostile text and reads as written.
Print CSS keeps sections whole on A4/Letter and the charts' colours on paper."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.text import inert

CSS = """
:root { --ink: #1d2433; --muted: #5b6475; --line: #d8dce4; --bar: #3867d6; --warn: #c0392b;
  --ok: #2e8b57; --soft: #f4f6fa; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0; }
.meta, .note, .empty, figcaption { color: var(--muted); }
.meta { margin: 0; font-size: .9rem; }
section { margin: 0 0 2rem; }
table { width: 100%; border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.kept { display: flex; align-items: center; gap: .5rem; min-width: 9rem; }
.meter { flex: 0 0 6rem; height: .6rem; background: var(--line); border-radius: .3rem;
  overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--ok); }
.meter.low span { background: var(--warn); }
.overdue { color: var(--warn); font-weight: 600; }
.themes { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
  gap: .75rem; }
.theme { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .75rem;
  break-inside: avoid; page-break-inside: avoid; }
.theme .head { display: flex; justify-content: space-between; gap: .5rem;
  align-items: baseline; }
.theme .count { font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
.theme .flag { color: var(--warn); font-weight: 600; }
.theme blockquote { margin: .4rem 0 0; padding-left: .6rem; border-left: 3px solid var(--line);
  color: var(--muted); font-size: .88rem; overflow-wrap: anywhere; }
.theme svg { display: block; margin-top: .4rem; }
.weeks { color: var(--muted); font-size: .75rem; }
figure { margin: 0; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
ul.follow { list-style: none; padding: 0; margin: 0; }
ul.follow li { padding: .3rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
ul.follow .box { display: inline-block; width: 1.4rem; }
ul.follow .done { color: var(--muted); text-decoration: line-through; }
footer { color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line);
  padding-top: .5rem; }
.wide { overflow-x: auto; }
@media (max-width: 40rem) { main { padding: 1rem .75rem; } .kept { min-width: 0; }
  .meter { flex-basis: 3rem; } th, td { padding: .3rem .3rem; } }
@media print {
  @page { size: auto; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li, figure { break-inside: avoid; page-break-inside: avoid; }
  .themes { grid-template-columns: repeat(2, 1fr); }
}
"""


def text(value: Any) -> str:
    """What the user typed, safe in HTML text: escaped, controls made visible, isolated."""
    return f"<bdi>{escape(inert(str(value)), quote=True)}</bdi>"


def own(value: Any) -> str:
    """Text of our own (dates, numbers, messages), escaped all the same."""
    return escape(str(value), quote=True)


def html_page(page: Any) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="oneonone">',
        f"<title>{escape(inert(page.title))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{text(page.title)}</h1>",
        '<p class="meta">'
        + own(messages.HTML_WINDOW.format(since=page.since, today=page.today))
        + "</p>",
        "</header>",
        _cadence(page),
        _themes(page),
        _mood(page),
        _follow_ups(page),
        f"<footer>{own(messages.HTML_FOOTER.format(today=page.today))}</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------------------ cadence


def _cadence(page: Any) -> str:
    """health's cadence figures (domain/health.py) under health's words: On time N/M, the share
    kept, cancels, moves (reschedules); the team's line pools everyone's 1:1s, as health's."""
    from oneonone_cli.domain.health import CADENCE_KEPT_MIN, ON_TIME_GRACE_DAYS

    rows = page.cadence
    head = f"<section><h2>{own(messages.HTML_CADENCE)}</h2>"
    if not rows:
        return head + f'<p class="empty">{own(messages.HTML_NO_ONE)}</p></section>'

    def figures(c: Any) -> str:
        if c.kept is None:
            kept = f"<td>{own(messages.HTML_NOTHING_DUE)}</td>"
        else:
            pct = round(100 * c.kept)
            low = " low" if c.kept < CADENCE_KEPT_MIN else ""
            kept = (
                f'<td><div class="kept"><div class="meter{low}" role="img" '
                f'aria-label="{pct}%"><span style="width:{pct}%"></span></div>{pct}%</div></td>'
            )
        on_time = f"{c.on_time}/{c.due}" if c.due else "-"
        return (
            f'<td class="num">{own(on_time)}</td>{kept}'
            f'<td class="num">{c.cancels}</td><td class="num">{c.reschedules}</td>'
        )

    cells = []
    for r in rows:
        overdue = (
            f'<span class="overdue">{own(messages.HTML_OVERDUE.format(days=r.days_overdue))}</span>'
            if r.days_overdue > 0
            else own(r.due or messages.HTML_ARCHIVED)
        )
        cells.append(
            "<tr>"
            f"<td>{text(r.name)}<br><small>{text(r.person)} · {own(r.relationship)}</small></td>"
            f"<td>{own(r.every)}</td>"
            + figures(r.cadence)
            + f"<td>{own(r.last or messages.HTML_NEVER)}</td><td>{overdue}</td></tr>"
        )
    if page.team is not None:
        cells.append(
            f'<tr class="total"><th>{own(messages.HEALTH_TEAM)}</th><td></td>'
            + figures(page.team)
            + "<td></td><td></td></tr>"
        )
    header = "".join(
        f"<th{' class=num' if n in (2, 4, 5) else ''}>{own(h)}</th>"
        for n, h in enumerate(messages.HTML_CADENCE_COLUMNS.split("|"))
    )
    note = messages.HTML_CADENCE_NOTE.format(
        grace=ON_TIME_GRACE_DAYS, least=f"{CADENCE_KEPT_MIN:.0%}"
    )
    return (
        head
        + f'<div class="wide"><table><thead><tr>{header}</tr></thead>'
        + f"<tbody>{''.join(cells)}</tbody></table></div>"
        + f'<p class="note">{own(note)}</p></section>'
    )


# ------------------------------------------------------------------------------ themes


def _themes(page: Any) -> str:
    out = [f"<section><h2>{own(messages.HTML_THEMES)}</h2>"]
    for title, rows in (
        (messages.HTML_ROADBLOCKS, page.roadblocks),
        (messages.HTML_MORALE, page.morale),
    ):
        out.append(f"<h3>{own(title)}</h3>")
        if not rows:
            out.append(f'<p class="empty">{own(messages.HTML_NO_THEMES)}</p>')
            continue
        out.append('<div class="themes">')
        for t in rows:
            flag = (
                f' <span class="flag">{own(messages.HTML_NORMALISED)}</span>'
                if t.normalised
                else ""
            )
            people = ", ".join(text(p) for p in t.people) if page.person is None else ""
            trend = own(messages.HTML_TREND.format(trend=t.trend, previous=t.previous))
            out.append(
                '<div class="theme"><div class="head">'
                f"<h3>{text(t.theme)}{flag}</h3>"
                f'<span class="count">{own(messages.HTML_MENTIONS.format(n=t.mentions))}</span>'
                "</div>"
                f'<div class="weeks">{trend}{" · " + people if people else ""}</div>'
                + week_bars(t.weekly, page.since, page.today)
                + f"<blockquote>{text(t.example)}</blockquote></div>"
            )
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


def week_bars(weekly: Sequence[int], since: date, today: date) -> str:
    """A small bar chart of a theme's weeks (oldest first, the last ending today)."""
    n = max(1, len(weekly))
    width, height, gap = 252, 34, 2
    bar = (width - gap * (n - 1)) / n
    top = max(weekly, default=0) or 1
    rects = []
    for i, count in enumerate(weekly):
        h = 0 if count == 0 else max(3, round((height - 12) * count / top))
        x = round(i * (bar + gap), 1)
        colour = "var(--bar)" if count else "var(--line)"
        rects.append(
            f'<rect x="{x}" y="{height - 12 - max(h, 1)}" width="{round(bar, 1)}" '
            f'height="{max(h, 1)}" fill="{colour}"><title>{count}</title></rect>'
        )
    label = own(messages.HTML_WEEKS_LABEL.format(n=len(weekly), total=sum(weekly)))
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{label}"><title>{label}</title>{"".join(rects)}'
        f'<text x="0" y="{height - 1}">{own(since)}</text>'
        f'<text x="{width}" y="{height - 1}" text-anchor="end">{own(today)}</text></svg>'
    )


# ------------------------------------------------------------------------------ mood


def _mood(page: Any) -> str:
    head = f"<section><h2>{own(messages.HTML_MOOD)}</h2>"
    if not page.moods_recorded:
        return head + f'<p class="empty">{own(messages.HTML_NO_MOOD)}</p></section>'
    caption = messages.HTML_MOOD_PERSON if page.person is not None else messages.HTML_MOOD_TEAM
    return (
        head
        + mood_chart(page.moods, page.since, page.today)
        + f"<figcaption>{own(caption.format(n=page.moods_recorded))}</figcaption>"
        + "</figure></section>"
    )


def mood_chart(points: Sequence[tuple[date, float | None]], since: date, today: date) -> str:
    """Mood (1 to 5) over the window as a line with its points; the chart opens a <figure>.
    A point without a mood (None: a week of the team with none) breaks the line: a gap, never
    a mood of 0 drawn at the bottom."""
    width, height, left, bottom, top = 720, 170, 28, 22, 10
    span = max(1, (today - since).days)
    inner_w, inner_h = width - left - 8, height - bottom - top

    def xy(on: date, mood: float) -> tuple[float, float]:
        x = left + inner_w * min(max((on - since).days, 0), span) / span
        y = top + inner_h * (5 - mood) / 4
        return round(x, 1), round(y, 1)

    grid = []
    for level in range(1, 6):
        _, y = xy(since, level)
        grid.append(
            f'<line x1="{left}" y1="{y}" x2="{width - 8}" y2="{y}" stroke="var(--line)"/>'
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{level}</text>'
        )
    runs: list[list[tuple[float, float]]] = [[]]
    dots = []
    for on, mood in points:
        if mood is None:
            if runs[-1]:
                runs.append([])
            continue
        x, y = xy(on, mood)
        runs[-1].append((x, y))
        dots.append(
            f'<circle cx="{x}" cy="{y}" r="3.5" fill="var(--bar)"><title>{own(on)}: '
            f"{mood:.1f}</title></circle>"
        )
    lines = "".join(
        f'<polyline points="{" ".join(f"{x},{y}" for x, y in run)}" fill="none" '
        'stroke="var(--bar)" stroke-width="2"/>'
        for run in runs
        if len(run) > 1
    )
    label = own(messages.HTML_MOOD_LABEL.format(n=len(dots)))
    return (
        f'<figure><svg width="100%" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{label}" preserveAspectRatio="xMinYMin meet"><title>{label}</title>'
        + "".join(grid)
        + lines
        + "".join(dots)
        + f'<text x="{left}" y="{height - 4}">{own(since)}</text>'
        + f'<text x="{width - 8}" y="{height - 4}" text-anchor="end">{own(today)}</text></svg>'
    )


# ------------------------------------------------------------------------------ follow-ups


def _follow_ups(page: Any) -> str:
    head = f"<section><h2>{own(messages.HTML_FOLLOW_UPS)}</h2>"
    if not page.follow_ups:
        return head + f'<p class="empty">{own(messages.HTML_NO_FOLLOW_UPS)}</p></section>'
    items = []
    # Open ones first, oldest first (the longest waiting); then those done, latest first.
    ordered = sorted(
        page.follow_ups,
        key=lambda f: (f.done is not None, -f.done.toordinal() if f.done else f.added.toordinal()),
    )
    for f in ordered:
        who = "" if page.person is not None else f"{text(f.person)}: "
        if f.done is None:
            state = own(messages.HTML_FOLLOW_OPEN.format(added=f.added))
            items.append(
                f'<li><span class="box">☐</span>{who}{text(f.text)} '
                f'<small class="note">{state}</small></li>'
            )
        else:
            state = own(messages.HTML_FOLLOW_DONE.format(done=f.done))
            items.append(
                f'<li><span class="box">☑</span><span class="done">{who}{text(f.text)}</span> '
                f'<small class="note">{state}</small></li>'
            )
    return head + f'<ul class="follow">{"".join(items)}</ul></section>'


def write_html(export: Any, out: Any) -> None:
    """`export --format html`: the page of the export's person (or the team) over its window
    (--since; 90 days by default), gathered by the export service (`Export.page`)."""
    out.write(html_page(export.page()))


write_html.wants_page = True  # type: ignore[attr-defined]  # the export service gathers the page
