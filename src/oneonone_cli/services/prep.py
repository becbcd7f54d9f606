"""The 1:1 brief: `prep HANDLE`, and the editor template of `log`. Reads the journal (and the
theme roll-up, which a report keeps up to date), returns a `Brief`; prints nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from oneonone_cli.domain.prep import Brief, BriefTheme
from oneonone_cli.domain.records import HELD, NOTE_KINDS, Window, check_handle
from oneonone_cli.store.core import Store


def brief(store: Store, handle: str, today: date, since: date, user_file: Path | None) -> Brief:
    """Everything `prep` shows about someone, for a 1:1 on `today`; `since` starts the window
    of the cadence figures, the mood and the recurring themes."""
    from oneonone_cli.domain.cadence import next_due
    from oneonone_cli.domain.health import MOOD_SHOWN, cadence_figures
    from oneonone_cli.domain.prep import PROMPT_LOOKBACK, RECENT_SHOWN, choose_prompts
    from oneonone_cli.services.prompts import person_prompts, prompt_bank
    from oneonone_cli.themes.sparkline import mood_sparkline

    person = store.person(check_handle(handle))
    handle = person.handle
    themes = their_themes(store, handle, since, today, user_file)  # may keep roll-up rows
    with store.reading():
        meetings = store.signals_since([handle], since)
        [(_, facts)] = store.meeting_facts([person], cancels_since=since)
        follow_ups = store.open_follow_ups(handle)
        recent = {
            kind: tuple(store.recent_notes(handle, kind, RECENT_SHOWN)) for kind in NOTE_KINDS
        }
        # Never asked of them first, then the longest ago (when the bank is used up)
        candidates = person_prompts(store, handle, include_used=True)
        bank = prompt_bank(store)
        topics = {p.id: p.topic for p in bank}
        kinds = {p.id: p.kind for p in bank}
        held = [m for m in meetings if m.status == HELD and m.on <= today]
        last_time = tuple(store.asked_in(held[-1].id)) if held else ()
        lookback = {m.id for m in held[-PROMPT_LOOKBACK:]}
        kinds_asked: dict[str, int] = {}
        start = held[-PROMPT_LOOKBACK].on if len(held) >= PROMPT_LOOKBACK else since
        for use in store.prompt_uses_since(min(start, since), handle):
            if use.meeting_id in lookback and use.prompt_id in kinds:
                kind = kinds[use.prompt_id]
                kinds_asked[kind] = kinds_asked.get(kind, 0) + 1
        rotation = store.meeting_count(handle)
    moods = tuple((m.on, m.mood) for m in held if m.mood is not None and m.on >= since)
    moods = moods[-MOOD_SHOWN:]
    return Brief(
        person=person,
        today=today,
        since=since,
        last_held=facts.last_held,
        due=next_due(person, facts),
        cadence=cadence_figures(person, meetings, since, today),
        follow_ups=tuple(follow_ups),
        recent=recent,
        themes=tuple(themes),
        moods=moods,
        mood_sparkline=mood_sparkline([m for _, m in moods]),
        prompts=tuple(choose_prompts(candidates, topics, last_time, kinds_asked, rotation)),
        asked_last_time=last_time,
    )


def their_themes(
    store: Store, handle: str, since: date, today: date, user_file: Path | None
) -> list[BriefTheme]:
    """The team's recurring roadblock themes of the window (the `themes` report's grouping and
    its --min rule) that some of their roadblocks belong to, most of theirs first."""
    from oneonone_cli.services.themes import ThemeQuery, taught, theme_window
    from oneonone_cli.themes.grouping import groups_of

    query = ThemeQuery(since=since, today=today)
    lexicon = taught(store, user_file).lexicon()
    window = Window(since, today, "roadblock", None)
    tallies, unthemed = theme_window(store, lexicon, window)
    groups = [
        g
        for g in groups_of(tallies, unthemed, lexicon, min_mentions=query.min_mentions)
        if handle in g.people
    ]
    if not groups:
        return []
    theirs = store.note_ids_of(handle, "roadblock", since, today)
    found = [
        BriefTheme(
            g.key,
            g.name,
            tuple(i for i in g.note_ids if i in theirs),
            tuple(p for p in g.people if p != handle),
        )
        for g in groups
    ]
    found.sort(key=lambda t: (-len(t.note_ids), -len(t.others), t.name))
    return found
