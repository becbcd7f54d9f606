"""Issue 14, item 2 "Roadblock or not": a note that only mentions a theme's vocabulary in praise,
a plan, a talk, an admin remark or a settled one-off stays out of roadblock themes; a real
roadblock in the same words still forms its theme. And item 5: the progress bar of a long first
analysis (a callback from the cli layer; drawn on a terminal only)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from oneonone_cli.domain.tags import extract_tags
from oneonone_cli.themes.analysis import CUE_EVIDENCE, NoteSig, analyse
from oneonone_cli.themes.grouping import group
from oneonone_cli.themes.lexicon import Lexicon, load_lexicon

DAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def notes_from(texts: list[str], lexicon: Lexicon, kind: str = "roadblock") -> list[NoteSig]:
    """One note per text, each from its own person and meeting, a week apart."""
    return [
        NoteSig(
            id=i + 1,
            person=f"person{i}",
            meeting_id=i + 1,
            on=DAY + timedelta(days=7 * i),
            signature=analyse(text, tuple(extract_tags(text)), kind, lexicon),
        )
        for i, text in enumerate(texts)
    ]


# The issue's four examples, then more of the same kinds in other words.
ISSUE_EXAMPLES = [
    "the dashboard she built is now used by two teams",
    "presenting our alerting design at the guild",
    "the new postmortem format works",
    "on-call swap next week is sorted",
]
MORE_NOT_ROADBLOCKS = [
    # praise
    "kudos to Sam for the flaky test quarantine, the team loved it",
    "great job on the code review checklist, two teams adopted it",
    "the new alert runbook went well in last week's drill",
    "shout out to Priya: her CI caching work is impressive",
    # a plan, a proposal, an ambition
    "wants to learn Terraform so she can own the deploy pipeline",
    "proposed a lightweight RFC template for the architecture review",
    "considering a hackathon project on flaky-test detection",
    # a talk
    "giving a lightning talk on our on-call handbook at the meetup",
    "demoed the new review bot at the all hands, lots of interest",
    # admin
    "FYI: she is on parental leave from May, handover doc is ready",
    "booked the offsite, travel and expenses approved",
    # settled, explicitly a one-off
    "one-off: the release pipeline hiccup last Tuesday, fixed within the hour",
    "the staging env is back to normal, all green",
]


@pytest.mark.parametrize("text", ISSUE_EXAMPLES + MORE_NOT_ROADBLOCKS)
def test_praise_plans_talks_and_admin_are_no_roadblock(lexicon, text):
    sig = analyse(text, tuple(extract_tags(text)), "roadblock", lexicon)
    assert sig.theme is None
    assert sig.phrases == ()  # nor can it form a discovered theme
    assert sig.terms == ()


@pytest.mark.parametrize("text", ISSUE_EXAMPLES)
def test_repeated_praise_forms_no_theme_at_all(lexicon, text):
    # The same remark from three people in three 1:1s: neither a lexicon theme nor a phrase.
    assert group(notes_from([text] * 3, lexicon), lexicon) == []


def test_the_four_examples_together_form_no_theme(lexicon):
    assert group(notes_from(ISSUE_EXAMPLES, lexicon), lexicon) == []


# ------------------------------------------------------------------ real roadblocks stay


SEED = [
    "3-5 false alarms daily during on-call",
    "paged at 3am for nothing again",
    "alert noise is killing us",
]


def test_the_seed_case_still_forms_one_theme(lexicon):
    (found,) = group(notes_from(SEED, lexicon), lexicon)
    assert found.key == "oncall"
    assert found.note_ids == (1, 2, 3)


def test_the_seed_case_holds_with_praise_notes_around_it(lexicon):
    notes = notes_from(
        [
            SEED[0],
            "presenting our alerting design at the guild",
            SEED[1],
            "kudos to the team for the new alert dashboards",
            SEED[2],
        ],
        lexicon,
    )
    (found,) = group(notes, lexicon)
    assert found.key == "oncall"
    assert found.note_ids == (1, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue word, but a sign of trouble: still a roadblock
        ("great, another false page at 3am", "oncall"),
        ("proud of the fix but the alerts still wake her at night for nothing", "oncall"),
        ("the new CI setup is nice, yet builds keep failing at random", "flaky-ci"),
        ("planned the migration, but blocked waiting on the platform team", "dependencies"),
        # a negated cue is no cue
        ("not happy with reviews: PRs sit for days before anyone looks", "code-review"),
    ],
)
def test_a_cue_with_trouble_stays_a_roadblock(lexicon, text, expected):
    assert analyse(text, (), "roadblock", lexicon).theme == expected


def test_strong_evidence_outweighs_a_cue(lexicon):
    # A long note that names a roadblock in many words keeps it, even beside a plan.
    text = (
        "pager duty rotation was brutal: false alarms, alert noise, paged at 3am for "
        "flapping health checks; proposed we review the alert thresholds"
    )
    sig = analyse(text, (), "roadblock", lexicon)
    assert sig.theme == "oncall"


def test_cue_evidence_is_a_real_bar():
    assert CUE_EVIDENCE >= 2 * 1.0  # more than one plain word or phrase of evidence


def test_morale_notes_keep_their_morale_themes(lexicon):
    # The rule reads roadblock notes only: a morale note stays a morale note.
    sig = analyse("praised in the all hands, finally some recognition", (), "morale", lexicon)
    assert sig.theme == "recognition"


def test_a_cue_inside_another_word_or_across_a_clause_does_not_count(lexicon):
    # "went" and "well" in two clauses are no "went well"; "presentable" is no "present".
    assert analyse("deploys went. well, flaky again", (), "roadblock", lexicon).theme is not None
    text = "paged at 3am for false alarms, the dashboard is not presentable"
    assert analyse(text, (), "roadblock", lexicon).theme == "oncall"


def test_the_cue_groups_are_lexicon_data(lexicon):
    names = {name for name, _ in lexicon.concepts}
    assert {"praise", "plan", "talk", "admin", "settled", "trouble"} <= names
    # Without them (a lexicon of its own, say) the rule is simply off.
    bare = Lexicon(lexicon.themes, tuple(c for c in lexicon.concepts if c[0] != "praise"))
    assert bare.index.cue is not None  # other groups still cue
    none = Lexicon(
        lexicon.themes,
        tuple(
            c
            for c in lexicon.concepts
            if c[0] not in ("praise", "plan", "talk", "admin", "settled")
        ),
    )
    assert none.index.cue is None
    text = "presenting our alerting design at the guild"
    assert analyse(text, (), "roadblock", none).theme == "oncall"


# ------------------------------------------------------------------ the progress bar


def _journal(tmp_path, n: int):
    from oneonone_cli.domain.records import NoteText

    return [
        NoteText(
            id=i + 1,
            person=f"p{i % 3}",
            meeting_id=i + 1,
            on=DAY,
            kind="roadblock",
            text=SEED[i % 3],
            tags=(),
        )
        for i in range(n)
    ]


def test_the_service_reports_sensible_counts(lexicon, tmp_path):
    from oneonone_cli.services import themes as service

    kept = []

    class FakeStore:
        def keep_signatures(self, fingerprint, rows, *, drop_all, gone=()):
            kept.extend(rows)

    calls: list[tuple[int, int]] = []
    n = service.PROGRESS_STEP * 2 + 7
    service._analyse(
        FakeStore(), lexicon, _journal(tmp_path, n), progress=lambda d, t: calls.append((d, t))
    )
    assert len(kept) == n
    assert calls[0] == (0, n)
    assert calls[-1] == (n, n)
    assert all(t == n for _, t in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert done == [0, service.PROGRESS_STEP, 2 * service.PROGRESS_STEP, n]


def test_no_progress_callback_changes_nothing(lexicon, tmp_path):
    from oneonone_cli.services import themes as service

    kept = []

    class FakeStore:
        def keep_signatures(self, fingerprint, rows, *, drop_all, gone=()):
            kept.extend(rows)

    service._analyse(FakeStore(), lexicon, _journal(tmp_path, 3))
    assert [r.theme for r in kept] == ["oncall"] * 3


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_no_bar_when_stderr_is_not_a_terminal():
    from oneonone_cli.render.progress import analysis_progress

    assert analysis_progress(_Stream(tty=False)) is None
    assert analysis_progress(io.StringIO()) is None


def test_no_bar_for_a_quick_analysis():
    from oneonone_cli.render.progress import AnalysisBar

    stream = _Stream(tty=True)
    clock = iter([0.0, 0.1, 0.2, 0.3])
    bar = AnalysisBar(stream, clock=lambda: next(clock))
    bar(0, 300)
    bar(250, 300)
    bar(300, 300)
    bar.close()
    assert stream.getvalue() == ""


def test_a_bar_after_a_second_or_for_many_notes():
    from oneonone_cli.render.progress import AnalysisBar

    now = [0.0]
    stream = _Stream(tty=True)
    bar = AnalysisBar(stream, clock=lambda: now[0])
    bar(0, 1000)
    assert bar._bar is None
    now[0] = 1.5
    bar(250, 1000)
    assert bar._bar is not None  # shown after a second
    bar(1000, 1000)
    assert bar._bar is None  # and taken away at the end

    many = AnalysisBar(_Stream(tty=True), clock=lambda: 0.0)
    many(0, 20_000)
    assert many._bar is not None  # many notes: shown at once
    many.close()
    assert many._bar is None


def test_the_cli_draws_nothing_on_stderr_when_it_is_not_a_terminal(tmp_path, monkeypatch):
    from oneonone_cli.cli import themes as cli_themes

    seen = []

    def fake_report(store, query, user_file, progress=None):
        seen.append(progress)
        if progress is not None:
            progress(0, 10)
            progress(10, 10)
        return []

    monkeypatch.setattr("oneonone_cli.services.themes.themes_report", fake_report)
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    assert cli_themes._report_with_progress(None, None, tmp_path) == []
    assert seen == [None]
    assert err.getvalue() == ""
