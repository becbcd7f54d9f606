import json
import re
from collections import Counter
from datetime import date

import pytest

from oneonone_cli.domain.prompts import (
    builtin_prompts,
    check_prompt_id,
    make_prompt_id,
    prompts_for,
    unused_counts,
)
from oneonone_cli.domain.records import Prompt
from oneonone_cli.errors import OneOnOneError

STATUS_WORDS = re.compile(r"\b(on track|status|eta|deadline|when will|done yet)\b", re.I)


def test_bank_is_large_open_ended_and_well_formed():
    bank = builtin_prompts()
    assert len(bank) >= 40
    assert len({p.id for p in bank}) == len(bank)
    counts = Counter((p.audience, p.kind) for p in bank)
    assert counts[("reports", "morale")] >= 15 and counts[("reports", "roadblock")] >= 15
    assert counts[("non-reports", "morale")] + counts[("non-reports", "roadblock")] >= 8
    for p in bank:
        assert re.match(r"^[mr]-[a-z0-9-]+$", p.id), p.id
        assert p.id[0] == p.kind[0]
        assert p.text.endswith("?"), p.text
        assert not STATUS_WORDS.search(p.text), p.text
    assert "m-meaning" in {p.id for p in bank}


def test_bank_covers_the_topics_the_essay_asks_about():
    topics = {p.topic for p in builtin_prompts()}
    for topic in (
        "meaning",
        "growth",
        "career",
        "oncall",
        "tooling",
        "tech debt",
        "meetings",
        "process",
        "firefighting",
        "code review",
    ):
        assert topic in topics, topic


BANK = [
    Prompt("m-a", "morale", "reports", "A?"),
    Prompt("m-b", "morale", "reports", "B?"),
    Prompt("r-c", "roadblock", "all", "C?"),
    Prompt("m-peer", "morale", "non-reports", "Peer?"),
    Prompt("m-old", "morale", "reports", "Old?", retired=True),
]


def test_unused_first_then_least_recently_used_across_team():
    team = {"m-a": date(2026, 2, 1), "m-b": date(2026, 1, 1)}
    rows = prompts_for(BANK, "reports", asked_them={}, team_last_asked=team)
    assert [r.id for r in rows] == ["r-c", "m-b", "m-a"]  # never used, then oldest use
    assert rows[1].last_asked == date(2026, 1, 1)


def test_used_with_person_and_other_audience_and_retired_are_left_out():
    rows = prompts_for(BANK, "reports", {"m-a": date(2026, 2, 1)}, {})
    assert [r.id for r in rows] == ["m-b", "r-c"]
    assert [r.id for r in prompts_for(BANK, "non-reports", {}, {})] == ["m-peer", "r-c"]
    assert [r.id for r in prompts_for(BANK, "reports", {}, {}, kind="roadblock")] == ["r-c"]
    everything = prompts_for(BANK, "reports", {"m-a": date(2026, 2, 1)}, {}, include_used=True)
    assert [r.id for r in everything][-1] == "m-a"


def test_unused_counts():
    assert unused_counts(BANK, "reports", {"m-a"}) == {"morale": 1, "roadblock": 1}


def test_make_prompt_id_is_short_stable_and_unique():
    assert make_prompt_id("What would you stop doing?", "morale", set()) == "m-stop-doing"
    assert (
        make_prompt_id("What would you stop doing?", "morale", {"m-stop-doing"}) == "m-stop-doing-2"
    )
    assert make_prompt_id("???", "roadblock", set()) == "r-prompt"


@pytest.mark.parametrize("bad", ["m-meaning\n", "M-meaning", "-x", "m meaning", ""])
def test_check_prompt_id_refuses_anything_but_a_whole_id(bad):
    with pytest.raises(OneOnOneError, match="is not a prompt ID"):
        check_prompt_id(bad)
    assert check_prompt_id("m-meaning") == "m-meaning"


# ---------------------------------------------------------------- the `prompts` sub-app


@pytest.fixture
def alice(run):
    run("add", "alice")
    return run


def test_a_name_that_is_not_a_subcommand_is_a_person(alice):
    assert alice.json("prompts", "alice") == alice.json("prompts", "show", "alice")
    assert alice.json("prompts", "--kind", "morale", "alice") == alice.json(
        "prompts", "show", "alice", "--kind", "morale"
    )
    assert alice.json("prompts", "alice", "--all") == alice.json(
        "prompts", "show", "--all", "alice"
    )


def test_show_reaches_a_handle_spelled_like_a_subcommand(alice, journal):
    from oneonone_cli.domain.records import RELATIONSHIPS, Person
    from oneonone_cli.store.core import Store

    # `retire` is a command word that `oneonone add` refuses; a journal may hold one all the same.
    store = Store.open(journal, create=True)
    store.add_person(
        Person("retire", "Ret Ire", "report", RELATIONSHIPS["report"][1], date(2026, 1, 1))
    )
    store.close()
    shown = alice.json("prompts", "show", "retire")
    assert shown and all(p["asked_them"] is None for p in shown)
    assert "usage: oneonone prompts retire PROMPT_ID" in alice.fails("prompts", "retire", code=2)
    assert json.loads(alice("prompts", "--json", "--", "retire").stdout) == shown


def test_each_subcommand_has_its_own_help(alice):
    for sub, usage in (("show", "HANDLE"), ("add", "[TEXT]"), ("retire", "[ID]")):
        text = alice("prompts", sub, "--help").stdout
        assert f"prompts {sub} [OPTIONS] {usage}\n" in text, text
    assert "prompts show [OPTIONS] HANDLE\n" in alice("prompts", "alice", "--help").stdout
    group = alice("prompts", "--help").stdout
    assert all(f"\n  {sub} " in group for sub in ("show", "add", "retire"))


def test_options_around_a_subcommand_are_its_own(alice):
    out = alice(
        "prompts", "--kind", "morale", "add", "What made you smile?", "--for", "reports"
    ).stdout
    assert out.startswith("Added prompt m-")
    assert "unexpected 'bob': use 'oneonone prompts HANDLE'" in alice.fails(
        "prompts", "alice", "bob", code=2
    )
    assert "unknown kind" in alice.fails("prompts", "add", "Why?", "--kind", "joy")
