"""A realistic sample journal, written through the real store, with dates relative to today."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from oneonone_cli import messages
from oneonone_cli.domain.prompts import builtin_prompts
from oneonone_cli.domain.records import NoteDraft, Person, Signals, audience_of
from oneonone_cli.errors import OneOnOneError
from oneonone_cli.store.core import Store

# handle, name, relationship, cadence, days since the last 1:1
TEAM = [
    ("alice", "Alice Smith", "report", "1w", 9),
    ("bob", "Bob Okafor", "report", "2w", 17),
    ("chen", "Chen Wei", "report", "1w", 3),
    ("dara", "Dara Novak", "report", "2w", 15),
    ("eli", "Eli Brooks", "report", "2w", 6),
    ("farah", "Farah Haddad", "skip-level", "1m", 40),
    ("dana", "Dana Lee", "peer", "1m", 12),
    ("gus", "Gus Moreau", "cross-team", "6w", 20),
]

# The boiling frog: false on-call alarms, each engineer in their own words, over weeks.
ONCALL = {
    "alice": [
        "3-5 false alarms daily during on-call #oncall",
        "pager went off twice overnight, both noise",
    ],
    "bob": [
        "paged at 3am for nothing again",
        "alert fatigue: muted the disk alert, it never means anything",
    ],
    "chen": ["alert noise is killing us", "on-call week was mostly acking flappy alerts"],
    "eli": ["spent on-call chasing alerts that auto-resolved #pager"],
}
ROADBLOCKS = [
    "CI is flaky again, re-ran the pipeline three times to get green",
    "integration tests fail randomly, everyone just hits retry",
    "waiting two days for a code review on a small PR",
    "PRs sit in the review queue for days, nobody owns reviews",
    "back-to-back meetings, no focus time until 4pm #meetings",
    "too many status meetings this sprint",
    "blocked on the platform team to provision the new queue",
    "only Marco knows how the billing deploy works #docs",
    "requirements for the export changed again mid-sprint",
    "the legacy auth module is so tangled every change breaks something #techdebt",
    "the release checklist needs three sign-offs for a config change",
    "local dev setup takes a day for new joiners",
]
MORALE = [
    "proud of the migration launch",
    "wants to lead the next design review",
    "feels the search project finally has a clear direction",
    "energised by pairing with the new joiner",
    "a bit drained after the last release crunch",
    "would like more visibility for the team's reliability work",
    "interested in the staff engineer path, asked what it takes",
    "enjoying the customer calls, wants more of them",
    "feels recognised after the all-hands shout-out",
    "worried the reorg will split the team",
]
FEEDBACK = [
    "great job running the incident review, calm and blameless",
    "the design doc was thorough; next time lead with the decision",
    "speak up earlier in planning when an estimate feels wrong",
    "thanks for unblocking the new joiner on the deploy pipeline",
    "PR descriptions got much clearer, reviewers noticed",
    "the demo ran long: cut it to the two flows customers use",
]
FOLLOW_UPS = [
    "share the staff engineer expectations doc",
    "ask the platform team for a date on the new queue",
    "set up a pairing session with the new joiner",
    "put the on-call noise on the next retro agenda",
    "find a conference talk slot for the migration story",
    "check the budget for the accessibility training",
    "intro to the billing team's tech lead",
    "review their promotion packet draft",
]
# How each report's 1:1s tend to go: (usual mood, share of the time the manager talks, how
# often it turns into a status update). Bob's mood slides (cancelled 1:1s too); Dara's 1:1s
# are mostly status updates, a sign to change the format.
SIGNALS = {
    "alice": (4, 35, 0.1),
    "bob": (3, 55, 0.3),
    "chen": (4, 30, 0.1),
    "dara": (3, 45, 0.7),
    "eli": (4, 40, 0.2),
    "farah": (4, 50, 0.2),
}
PEER_NOTES = [
    ("roadblock", "their team also waits on the platform team for every queue"),
    ("morale", "likes the new RFC process, suggests we adopt it"),
    ("roadblock", "release trains between our teams keep colliding"),
    ("morale", "offered to mentor one of our engineers on accessibility"),
]


def demo_path(path: Path | None) -> Path:
    """A new file for the demo: never an existing journal."""
    if path is None:
        folder = Path(tempfile.mkdtemp(prefix="oneonone-demo-"))
        return folder / "demo.db"
    if path.exists() and path.stat().st_size > 0:
        raise OneOnOneError(messages.DEMO_PATH_EXISTS.format(path=path))
    return path


def build_demo(path: Path, today: date, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    store = Store.open(path, create=True)
    prompt_ids = {
        audience: [p.id for p in builtin_prompts() if p.suits(audience)]
        for audience in ("reports", "non-reports")
    }
    start = today - timedelta(days=120)
    extra = random.Random(seed + 1)  # feedback, follow-ups, signals: `rng` draws as before
    with store.transaction():
        for handle, name, relationship, every, since_last in TEAM:
            person = Person.new(
                handle, name=name, relationship=relationship, every=every, today=start
            )
            store.add_person(person)
            day = today - timedelta(days=since_last)
            meetings = []
            while day >= start:
                meetings.append(day)
                day = day - timedelta(days=person.every.approx_days + rng.choice((-1, 0, 0, 1)))
            oncall = list(ONCALL.get(handle, ()))
            for held in sorted(meetings):
                notes = _notes_for(rng, relationship, held, today, oncall)
                asked = rng.sample(prompt_ids[audience_of(relationship)], k=rng.choice((1, 2)))
                notes += _feedback_for(extra, relationship)
                todo = [extra.choice(FOLLOW_UPS)] if extra.random() < 0.5 else []
                signals = _signals_for(extra, handle, held, today)
                meeting_id, _ = store.log_meeting(handle, held, notes, asked, todo, signals)
                # Most follow-ups are done within two weeks; a few old ones stay open.
                age = (today - held).days
                if todo and age > 7 and extra.random() < 0.8:
                    agreed = store.follow_ups_of_meetings([meeting_id])[meeting_id]
                    done = held + timedelta(days=min(extra.randint(2, 14), age))
                    store.finish_follow_ups([f.id for f in agreed], done)
        # Bob keeps getting cancelled (a warning sign); Dara's 1:1 moved to later this week.
        store.cancel("bob", today - timedelta(days=10), "release day")
        store.cancel("bob", today - timedelta(days=3), "offsite prep")
        store.cancel("gus", today - timedelta(days=30), "holiday")
        store.reschedule("dara", today - timedelta(days=1), today + timedelta(days=3), "travel")
        # A note removed by a slip of the finger: in the trash, `trash restore` brings it back.
        from oneonone_cli.services.fixes import remove_note

        (slip,) = store.recent_notes("chen", "morale", 1)
        remove_note(store, slip.id, today)
    store.close()


def _feedback_for(rng, relationship) -> list[NoteDraft]:
    """Feedback given in about a third of the 1:1s with reports."""
    if audience_of(relationship) == "non-reports" or rng.random() >= 0.3:
        return []
    return [NoteDraft("feedback", rng.choice(FEEDBACK))]


def _signals_for(rng, handle: str, held: date, today: date) -> Signals | None:
    """Mood, talk share and status-update flag, recorded for most 1:1s with reports."""
    if handle not in SIGNALS or rng.random() < 0.15:
        return None
    mood, talk, status = SIGNALS[handle]
    if handle == "bob" and (today - held).days <= 30:
        mood -= 1  # lately Bob seems flatter
    mood = max(1, min(5, mood + rng.choice((-1, 0, 0, 0, 1))))
    talk = max(0, min(100, talk + rng.randint(-10, 10)))
    return Signals(mood, talk, rng.random() < status)


def _notes_for(rng, relationship, held: date, today: date, oncall: list[str]) -> list[NoteDraft]:
    if audience_of(relationship) == "non-reports":
        kind, text = rng.choice(PEER_NOTES)
        return [NoteDraft(kind, text)]
    notes = [NoteDraft("morale", rng.choice(MORALE))]
    # The on-call theme surfaces over the last six weeks only: it became background noise.
    if oncall and (today - held).days <= 45 and rng.random() < 0.7:
        notes.append(NoteDraft("roadblock", oncall.pop(0)))
    elif rng.random() < 0.8:
        notes.append(NoteDraft("roadblock", rng.choice(ROADBLOCKS)))
    return notes
