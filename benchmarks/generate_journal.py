"""Write a large, realistic journal through the real store, for benchmarks/perf.py.

    python benchmarks/generate_journal.py PATH [--people 500] [--meetings 100000]
        [--notes 300000] [--seed 1] [--today YYYY-MM-DD] [--profile N]

About ten years of 1:1s ending at --today (default: today): people who joined and left at
different times (those who left are archived), five relationships with their usual cadences,
held, cancelled and rescheduled 1:1s (a few reschedules still pending), a quiet stretch every
late December, roadblock and morale notes drawn from varied templates, recurring roadblocks that
come in waves (on-call noise, flaky CI, slow reviews, ...), #tags on some notes, and prompts
asked from the built-in bank. One handle is always `alice`, a weekly report since the start.
Follow-ups are agreed in about a third of the held 1:1s (most done within three weeks, a few
left open for good), and about half of the 1:1s with reports have their signals recorded (mood,
talk share, status update); these come from a second random stream, so the notes are the same
as without them.

Everything is written with `Store.add_person`, `log_meeting`, `cancel`, `reschedule` and
`update_person` inside one `store.transaction()`: no SQL here. PATH must not exist yet: delete an old
file first (its people would clash with the new ones). Prints the elapsed time, notes per
second and the file size; `--profile N` prints the N most expensive functions of the writes.
The same arguments and seed give the same journal.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from oneonone_cli.domain.prompts import builtin_prompts  # noqa: E402
from oneonone_cli.domain.records import NoteDraft, Person, Signals, audience_of  # noqa: E402
from oneonone_cli.store.core import Store  # noqa: E402

YEARS = 10

# relationship: (share of people, [(cadence, weight), ...])
RELATIONSHIPS = {
    "report": (0.5, [("1w", 7), ("2w", 3)]),
    "skip-level": (0.1, [("1m", 7), ("6w", 2), ("2m", 1)]),
    "teammate": (0.20, [("2w", 6), ("3w", 2), ("1m", 2)]),
    "peer": (0.12, [("1m", 6), ("6w", 2), ("2m", 2)]),
    "cross-team": (0.08, [("6w", 5), ("2m", 3), ("3m", 2)]),
}

FIRST = """alice bob chen dara eli farah dana gus hana ivan jade kofi lena milo nadia omar priya
quinn rosa sami tara uma victor wen xavi yara zane amir bea carlos dmitri esme felix gita
hugo ines jonas kira leo maya nico olga pablo rhea sven tomas ursula vik willa yusuf zoe
aiko bruno cyra diego elif femi greta hiro ilse jamal karin luca mei noor otto petra raj
sofia theo umar vera wim yasmin zara""".split()
LAST = """Smith Okafor Wei Novak Brooks Haddad Lee Moreau Sato Petrov Kim Mensah Fischer Rossi
Ali Haddad Sharma Dubois Garcia Nakamura Costa Nowak Jensen Silva Ivanova Tanaka Oliveira
Kowalski Andersen Hughes Mbeki Larsen Romero Yilmaz Lindqvist Kaur Schmidt Bianchi Nguyen""".split()

# Fillers for the templates.
SLOTS = {
    "svc": """billing search checkout auth payments ingest export notifications gateway
        scheduler reporting inventory ledger onboarding sync""".split(),
    "team": """platform infra data security mobile design legal finance SRE growth
        identity""".split(),
    "tool": [
        "Jenkins",
        "the build farm",
        "Bazel",
        "Terraform",
        "the deploy bot",
        "Docker",
        "the staging cluster",
        "the monorepo tooling",
        "Gradle",
    ],
    "who": """Marco Priya Sam Jo Tomasz Aisha Ken Lucia Ravi Mette""".split(),
    "n": [str(i) for i in range(2, 9)],
    "day": "Monday Tuesday Wednesday Thursday Friday".split(),
    "feat": [
        "the export",
        "the new onboarding flow",
        "dark mode",
        "the audit log",
        "SSO",
        "the pricing page",
        "offline mode",
        "the search rewrite",
        "the v2 API",
    ],
}

# Recurring roadblocks: lexicon theme -> (base weight, #tags sometimes added, templates).
ROADBLOCK_THEMES = {
    "oncall": (
        3,
        ["oncall", "pager", "alerts"],
        [
            "{n} false alarms a day during on-call",
            "paged at 3am for nothing again",
            "alert fatigue: muted the {svc} disk alert, it never means anything",
            "on-call week was mostly acking flappy alerts",
            "pager went off twice overnight, both noise",
            "spent on-call chasing alerts that auto-resolved",
            "the {svc} alerts fire every night and nobody looks anymore",
            "oncall rotation is too thin, {who} covered two weeks in a row",
            "woke up {n} times last on call shift, none actionable",
        ],
    ),
    "flaky-ci": (
        3,
        ["ci", "flaky"],
        [
            "CI is flaky again, re-ran the pipeline {n} times to get green",
            "integration tests fail randomly, everyone just hits retry",
            "the {svc} test suite is flaky on {tool}",
            "builds take 40 minutes and then fail on a timeout",
            "flaky end-to-end tests blocked the release on {day}",
            "pipeline red most of {day}, nobody owns the flaky tests",
        ],
    ),
    "code-review": (
        3,
        ["review", "prs"],
        [
            "waiting {n} days for a code review on a small PR",
            "PRs sit in the review queue for days, nobody owns reviews",
            "review comments on the {svc} PR are all style nits",
            "my pull request for {feat} has been open for a week",
            "hard to get a reviewer from the {team} team",
        ],
    ),
    "tooling": (
        2,
        ["tooling", "devex"],
        [
            "local dev setup takes a day for new joiners",
            "{tool} is painfully slow on the laptop",
            "the dev environment breaks after every OS update",
            "no good tooling to debug the {svc} service locally",
        ],
    ),
    "tech-debt": (
        2,
        ["techdebt", "legacy"],
        [
            "the legacy {svc} module is so tangled every change breaks something",
            "tech debt in {svc} slows every feature down",
            "we keep patching the old {svc} code instead of fixing it",
            "nobody wants to touch the legacy {svc} schema",
        ],
    ),
    "firefighting": (
        2,
        ["incident", "prod"],
        [
            "another {svc} outage ate most of the week",
            "incident follow-ups from the {svc} outage never get done",
            "prod fire on {day} derailed the sprint",
            "spent the week firefighting {svc} in production",
        ],
    ),
    "meetings": (
        2,
        ["meetings"],
        [
            "back-to-back meetings, no focus time until 4pm",
            "too many status meetings this sprint",
            "meeting heavy week, wrote almost no code",
            "the {team} sync could be an email",
        ],
    ),
    "process": (
        1,
        ["process", "approvals"],
        [
            "the release checklist needs {n} sign-offs for a config change",
            "change approval board adds a week to every deploy",
            "so much paperwork to get a new {svc} queue",
            "bureaucracy around access requests, waited {n} days for prod read access",
        ],
    ),
    "requirements": (
        1,
        ["scope", "requirements"],
        [
            "requirements for {feat} changed again mid-sprint",
            "scope creep on {feat}, the spec keeps growing",
            "product changed the {feat} spec after we started",
        ],
    ),
    "priorities": (
        1,
        ["priorities"],
        [
            "unclear which of {feat} and the {svc} migration comes first",
            "priorities shift every week, hard to finish anything",
            "roadmap for next quarter is still not decided",
        ],
    ),
    "dependencies": (
        2,
        ["dependency", "blocked-by"],
        [
            "blocked on the {team} team to provision the new queue",
            "waiting on the {team} team for an API change",
            "the {team} team has not answered about {svc} for {n} days",
            "another team owns the {svc} config and is slow to respond",
        ],
    ),
    "docs": (
        1,
        ["docs", "silo"],
        [
            "only {who} knows how the {svc} deploy works",
            "the {svc} runbook is out of date",
            "no documentation for the {svc} service, had to read the code",
            "knowledge silo around {tool}, {who} is the only expert",
        ],
    ),
}
# One-off roadblocks: no lexicon theme, varied words (phrase discovery has to work for them).
ONE_OFF_ROADBLOCKS = [
    "laptop battery died twice during demos",
    "VPN drops every afternoon when working from home",
    "staging environment was down most of {day}",
    "hiring loop for the {team} role is taking forever",
    "the office move disrupted the week",
    "licence for the profiler expired",
    "budget freeze stopped the {svc} load test",
    "customer escalation about {feat} took two days",
    "unclear ownership of the {svc} dashboards",
    "the vendor SDK for {svc} has a memory leak",
    "timezone gap with {who} makes pairing hard",
    "data migration for {svc} needs a maintenance window nobody approves",
]
MORALE = [
    "proud of the {svc} migration launch",
    "wants to lead the next design review",
    "feels {feat} finally has a clear direction",
    "energised by pairing with {who}",
    "a bit drained after the last release crunch",
    "would like more visibility for the team's reliability work",
    "interested in the staff engineer path, asked what it takes",
    "enjoying the customer calls, wants more of them",
    "feels recognised after the all-hands shout-out",
    "worried the reorg will split the team",
    "happy with the new {svc} ownership",
    "wants a stretch project next quarter",
    "tired, took two days off and feels better",
    "excited to mentor the new joiner",
    "frustrated that {feat} slipped again",
    "likes working with the {team} team",
    "feels the workload is sustainable this month",
    "asked about the promotion timeline",
    "wants more feedback on design docs",
    "celebrated shipping {feat} with the team",
    "burned out after {n} weeks of on-call and incidents",
    "learning a lot from the {svc} rewrite",
]
PEER_NOTES = [
    ("roadblock", "their team also waits on the {team} team for every queue"),
    ("roadblock", "release trains between our teams keep colliding"),
    ("roadblock", "shared {svc} ownership is unclear between our teams"),
    ("morale", "likes the new RFC process, suggests we adopt it"),
    ("morale", "offered to mentor one of our engineers on accessibility"),
    ("morale", "their team is hiring and morale is up"),
]
CANCEL_REASONS = [
    "release day",
    "offsite prep",
    "sick",
    "holiday",
    "incident",
    "travel",
    "clashed with planning",
    "customer call",
    None,
]
EXTRA_TAGS = ["q3", "hiring", "followup", "1on1", "planning"]
FOLLOW_UPS = [
    "share the {feat} design doc",
    "ask the {team} team for a date on {svc}",
    "set up a pairing session with {who}",
    "put the {svc} alert noise on the retro agenda",
    "check the training budget",
    "intro to {who} on the {team} team",
    "review the promotion packet draft",
    "follow up on the {svc} incident actions",
    "find a stretch project around {feat}",
]
FOLLOW_UP_SHARE = 0.35  # of held 1:1s with a follow-up agreed (one in five of those: two)
NEVER_DONE = 0.02  # of follow-ups left open for good
SIGNALS_SHARE = 0.5  # of the 1:1s with reports that have their signals recorded


def extras(rng: random.Random, audience: str, on: date, today: date):
    """A held 1:1's follow-ups (their texts and the day each is done, None: open) and signals."""
    follow_ups = []
    if rng.random() < FOLLOW_UP_SHARE:
        for _ in range(2 if rng.random() < 0.2 else 1):
            done = on + timedelta(days=rng.randrange(1, 22))
            if done > today or rng.random() < NEVER_DONE:
                done = None
            follow_ups.append((fill(rng.choice(FOLLOW_UPS), rng), done))
    signals = None
    if audience == "reports" and rng.random() < SIGNALS_SHARE:
        mood = rng.choices((1, 2, 3, 4, 5), (2, 8, 30, 45, 15))[0]
        signals = Signals(mood, max(0, min(100, round(rng.gauss(45, 15)))), rng.random() < 0.15)
    return follow_ups, signals


@dataclass
class Plan:
    person: Person
    leaves: date | None
    events: list = field(default_factory=list)  # (day, order, kind, payload)


@cache
def slots_of(template: str) -> tuple[tuple[str, list[str]], ...]:
    return tuple((k, v) for k, v in SLOTS.items() if "{" + k + "}" in template)


def fill(template: str, rng: random.Random) -> str:
    slots = slots_of(template)
    if not slots:
        return template
    return template.format(**{k: rng.choice(v) for k, v in slots})


def weekday(day: date) -> date:
    """Move a weekend day to the Friday before or the Monday after."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def make_people(rng: random.Random, count: int, start: date, today: date) -> list[Plan]:
    handles: set[str] = set()
    plans = []
    kinds = list(RELATIONSHIPS)
    shares = [RELATIONSHIPS[k][0] for k in kinds]
    span = (today - start).days
    for i in range(count):
        if i == 0:
            handle, name, relationship, every = "alice", "Alice Smith", "report", "1w"
            joined, leaves = start, None
        else:
            first = FIRST[i % len(FIRST)]
            handle = first if first not in handles else f"{first}{i // len(FIRST) + 1}"
            while handle in handles:
                handle = f"{first}{rng.randrange(10, 1000)}"
            name = f"{first.capitalize()} {rng.choice(LAST)}"
            relationship = rng.choices(kinds, shares)[0]
            cadences = RELATIONSHIPS[relationship][1]
            every = rng.choices([c for c, _ in cadences], [w for _, w in cadences])[0]
            # Most were there from the start; the rest joined over the years.
            if rng.random() < 0.7:
                joined = start + timedelta(days=rng.randrange(0, 90))
            else:
                joined = start + timedelta(days=rng.randrange(0, max(1, span - 45)))
            leaves = None
            if rng.random() < 0.15 and (today - joined).days > 240:
                leaves = joined + timedelta(days=rng.randrange(180, (today - joined).days - 30))
        handles.add(handle)
        person = Person.new(handle, name=name, relationship=relationship, every=every, today=joined)
        plans.append(Plan(person, leaves))
    return plans


def schedule(plan: Plan, rng: random.Random, today: date, density: float) -> None:
    """The person's 1:1s: held mostly, some cancelled (sometimes made up), some moved."""
    person, every = plan.person, plan.person.every
    end = min(plan.leaves or today, today)
    step = max(1, round(every.approx_days * density))
    scaled = density < 0.999
    day = weekday(person.added + timedelta(days=rng.randrange(0, step)))
    plan.events = []
    while day <= end:
        quiet = (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3)
        roll = rng.random()
        if quiet and roll < 0.7:
            pass  # the holidays: most 1:1s simply do not happen
        elif roll < 0.05:
            plan.events.append((day, 0, "cancel", rng.choice(CANCEL_REASONS)))
            if rng.random() < 0.4:
                makeup = weekday(day + timedelta(days=rng.randrange(1, 4)))
                if makeup <= end:
                    plan.events.append((makeup, 1, "held", None))
        elif roll < 0.07:
            moved = weekday(day + timedelta(days=rng.randrange(2, 8)))
            made = day - timedelta(days=rng.randrange(0, 3))
            plan.events.append((made, 0, "reschedule", (moved, rng.choice(CANCEL_REASONS))))
            if moved <= end:
                plan.events.append((moved, 1, "held", None))
        elif roll < 0.10:
            pass  # skipped without a record: vacation, a busy week
        else:
            plan.events.append((day, 1, "held", None))
        if every.unit == "m" and not scaled:
            day = every.after(day) + timedelta(days=rng.choice((-2, -1, 0, 0, 0, 1, 2, 3)))
        else:
            day = day + timedelta(days=step + rng.choice((-2, -1, 0, 0, 0, 1, 2, 3)))
        day = weekday(day)


def plan_journal(rng, people: int, meetings: int, start: date, today: date) -> list[Plan]:
    plans = make_people(rng, people, start, today)
    state = rng.getstate()
    density = 1.0
    for _ in range(6):
        rng.setstate(state)
        for plan in plans:
            schedule(plan, rng, today, density)
        total = sum(len(p.events) for p in plans)
        if total >= meetings or total == 0:
            break
        density *= total / meetings * 0.97  # meet more often until there are enough 1:1s
    # Drop random 1:1s (skipped weeks) down to the exact count, never alice's recent ones.
    every_event = [(pi, ei) for pi, p in enumerate(plans) for ei in range(len(p.events))]
    excess = len(every_event) - meetings
    if excess > 0:
        recent = today - timedelta(days=60)
        droppable = [
            (pi, ei) for pi, ei in every_event if pi != 0 or plans[pi].events[ei][0] < recent
        ]
        drop = set(rng.sample(droppable, min(excess, len(droppable))))
        for pi, plan in enumerate(plans):
            plan.events = [e for ei, e in enumerate(plan.events) if (pi, ei) not in drop]
    return plans


class NoteMaker:
    """Note texts whose recurring roadblocks come in waves over the years."""

    def __init__(self, rng: random.Random, start: date, today: date) -> None:
        self.rng = rng
        self.themes = list(ROADBLOCK_THEMES)
        span = (today - start).days
        # Each theme has waves: 6-10 week stretches when everyone mentions it; on-call noise has
        # one in the last six weeks (the boiling frog the report should catch).
        self.waves: dict[str, list[tuple[date, date]]] = {}
        for key in self.themes:
            waves = []
            for _ in range(rng.randrange(3, 9)):
                begin = start + timedelta(days=rng.randrange(0, span))
                waves.append((begin, begin + timedelta(weeks=rng.randrange(6, 11))))
            self.waves[key] = waves
        self.waves["oncall"].append((today - timedelta(weeks=6), today))
        self._weights: dict[date, list[float]] = {}

    def weights_on(self, day: date) -> list[float]:
        """Cumulative theme weights on a day: a theme in one of its waves is 8 times likelier."""
        cached = self._weights.get(day)
        if cached is None:
            cached, total = [], 0.0
            for key in self.themes:
                hot = any(a <= day <= b for a, b in self.waves[key])
                total += ROADBLOCK_THEMES[key][0] * (8 if hot else 1)
                cached.append(total)
            self._weights[day] = cached
        return cached

    def roadblock(self, day: date) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            return fill(rng.choice(ONE_OFF_ROADBLOCKS), rng)
        key = rng.choices(self.themes, cum_weights=self.weights_on(day))[0]
        _, tags, templates = ROADBLOCK_THEMES[key]
        text = fill(rng.choice(templates), rng)
        if rng.random() < 0.2:
            text += " #" + rng.choice(tags)
        return text

    def morale(self) -> str:
        text = fill(self.rng.choice(MORALE), self.rng)
        if self.rng.random() < 0.05:
            text += " #" + self.rng.choice(EXTRA_TAGS)
        return text

    def notes(self, count: int, audience: str, day: date) -> list[NoteDraft]:
        rng = self.rng
        out = []
        for _ in range(count):
            if audience == "non-reports" and rng.random() < 0.4:
                kind, template = rng.choice(PEER_NOTES)
                out.append(NoteDraft(kind, fill(template, rng)))
            elif rng.random() < 0.55:
                out.append(NoteDraft("roadblock", self.roadblock(day)))
            else:
                out.append(NoteDraft("morale", self.morale()))
        return out


def note_counts(rng: random.Random, held: int, notes: int) -> list[int]:
    """How many notes each held 1:1 gets: varied (0 to 8), adding up to exactly `notes`."""
    if held == 0:
        return []
    mean = notes / held
    counts = [max(0, min(8, round(rng.gauss(mean, 1.2)))) for _ in range(held)]
    total = sum(counts)
    while total < notes:
        i = rng.randrange(held)
        if counts[i] < 8 or mean >= 8:
            counts[i] += 1
            total += 1
    while total > notes:
        i = rng.randrange(held)
        if counts[i] > 0:
            counts[i] -= 1
            total -= 1
    return counts


def generate(
    path: Path, *, people: int, meetings: int, notes: int, seed: int, today: date, profile: int = 0
) -> dict:
    rng = random.Random(seed)
    start = today - timedelta(days=round(365.25 * YEARS))
    t0 = time.perf_counter()
    plans = plan_journal(rng, people, meetings, start, today)
    events = sorted(
        ((e[0], e[1], pi, e[2], e[3]) for pi, p in enumerate(plans) for e in p.events),
        key=lambda e: (e[0], e[1], e[2]),
    )
    held = sum(1 for e in events if e[3] == "held")
    counts = iter(note_counts(rng, held, notes))
    maker = NoteMaker(rng, start, today)
    prompt_ids = {
        audience: [p.id for p in builtin_prompts() if p.suits(audience)]
        for audience in ("reports", "non-reports")
    }
    # Everything the store is asked to do, in the order it would have happened.
    extra = random.Random(seed + 1)  # follow-ups and signals: the notes stay as they were
    calls = []
    for on, _, pi, kind, payload in events:
        person = plans[pi].person
        if kind == "held":
            audience = audience_of(person.relationship)
            drafts = maker.notes(next(counts), audience, on)
            roll = rng.random()  # prompts asked: none 35%, one 45%, two 20%
            asked = rng.sample(prompt_ids[audience], k=0 if roll < 0.35 else 1 if roll < 0.8 else 2)
            follow_ups, signals = extras(extra, audience, on, today)
            calls.append(("log", person.handle, on, drafts, asked, follow_ups, signals))
        elif kind == "cancel":
            calls.append(("cancel", person.handle, on, payload))
        else:
            calls.append(("reschedule", person.handle, on, payload))
    planned = time.perf_counter() - t0

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    t1 = time.perf_counter()
    if profiler:
        profiler.enable()
    store = Store.open(path, create=True)
    done_on: dict[date, list[int]] = {}
    follow_up_id = 0  # ids are given in order from 1 in a new journal
    with store.transaction():
        # People join on their own day, before their first 1:1.
        for plan in plans:
            store.add_person(plan.person)
        for call in calls:
            if call[0] == "log":
                texts = [text for text, _ in call[5]]
                store.log_meeting(call[1], call[2], call[3], call[4], texts, call[6])
                for _, done in call[5]:
                    follow_up_id += 1
                    if done is not None:
                        done_on.setdefault(done, []).append(follow_up_id)
            elif call[0] == "cancel":
                store.cancel(call[1], call[2], call[3])
            else:
                moved, reason = call[3]
                store.reschedule(call[1], call[2], moved, reason)
        for plan in plans:
            if plan.leaves is not None:
                store.update_person(plan.person._replace(archived=plan.leaves))
        for day, ids in sorted(done_on.items()):
            store.finish_follow_ups(ids, day)
    store.close()
    if profiler:
        profiler.disable()
    written = time.perf_counter() - t1

    wrote_notes = sum(len(c[3]) for c in calls if c[0] == "log")
    result = {
        "people": len(plans),
        "archived": sum(1 for p in plans if p.leaves is not None),
        "meetings": len(calls),
        "held": held,
        "cancelled": sum(1 for c in calls if c[0] == "cancel"),
        "rescheduled": sum(1 for c in calls if c[0] == "reschedule"),
        "notes": wrote_notes,
        "follow_ups": follow_up_id,
        "open_follow_ups": follow_up_id - sum(len(ids) for ids in done_on.values()),
        "plan_s": planned,
        "store_s": written,
        "size_mib": sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        / 2**20,
    }
    if profiler:
        import pstats

        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(profile)
        stats.sort_stats("tottime").print_stats(profile)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="print the N costliest functions of the store writes (cProfile)",
    )
    args = parser.parse_args(argv)
    if args.people < 1:
        parser.error("--people must be at least 1 (alice)")
    if args.path.exists() and args.path.stat().st_size > 0:
        parser.error(f"{args.path} already exists: delete it first, the store never overwrites")
    r = generate(
        args.path,
        people=args.people,
        meetings=args.meetings,
        notes=args.notes,
        seed=args.seed,
        today=args.today,
        profile=args.profile,
    )
    total = r["plan_s"] + r["store_s"]
    print(
        f"wrote {args.path}: {r['people']} people ({r['archived']} archived), "
        f"{r['meetings']} meetings ({r['held']} held, {r['cancelled']} cancelled, "
        f"{r['rescheduled']} rescheduled), {r['notes']} notes, {r['follow_ups']} follow-ups "
        f"({r['open_follow_ups']} open), ending {args.today}"
    )
    print(
        f"elapsed {total:.2f} s (planning {r['plan_s']:.2f} s, store writes {r['store_s']:.2f} s), "
        f"{r['notes'] / max(total, 1e-9):,.0f} notes/s, file {r['size_mib']:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
