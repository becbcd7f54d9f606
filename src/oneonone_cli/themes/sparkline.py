"""Counts drawn as a sparkline of bars: the themes report's trends and the health report's
moods. A module of its own so that drawing moods does not load the theme engine's report (its
grouping, lexicon and analysis: ~15 ms)."""

from __future__ import annotations

from collections.abc import Sequence

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(counts: Sequence[int], width: int = 16) -> str:
    """Counts as bars, oldest first. Longer series are summed into at most `width` bins,
    ending with the latest, so a year-long window still fits a table column."""
    if len(counts) > width:
        size = -(-len(counts) // width)
        ends = range(len(counts), 0, -size)
        counts = [sum(counts[max(0, end - size) : end]) for end in reversed(ends)]
    top = max(counts, default=0)
    if top == 0:
        return SPARKS[0] * len(counts)
    # Zero weeks sit on the baseline so every week keeps its place; others scale from ▂ to █.
    return "".join(
        SPARKS[0] if c == 0 else SPARKS[1 + round((c / top) * (len(SPARKS) - 2))] for c in counts
    )


def mood_sparkline(moods: Sequence[float | None]) -> str:
    """Moods (1 to 5) as the themes report's sparkline bars, on a fixed scale: the bars are
    scaled to 5 (a tall bar is a good mood, whatever the others are), not to the best one. A
    week with no mood (None, the team's weekly means) is a gap, '·'."""
    known = [m for m in moods if m is not None]
    if not known:
        return ""
    bars = iter(sparkline([*known, 5], width=len(known) + 1)[:-1])
    return "".join(next(bars) if m is not None else GAP for m in moods)


GAP = "·"  # a week of the team's mood bars with no mood recorded
