"""Outside testers' findings on the theme-teaching commands: keep and dismiss at once (F3),
keeping a morale theme (F2), what an already-kept or morale key says (F7), found prefixes in
your own keys (F8), aliases taken from another theme (F4)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from test_themes_teach import KAFKA, dump, kafka  # noqa: F401  (the fixture)


def rows(journal: Path, table: str) -> list:
    with closing(sqlite3.connect(journal)) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def race(monkeypatch, run, *other: str) -> None:
    """Run `other` (its own connection) between the first found-theme check and its write."""
    from oneonone_cli.services import themes as service

    real = service._found_row
    done = []

    def found_then_raced(*args, **kwargs):
        row = real(*args, **kwargs)
        if not done:
            done.append(True)
            run(*other)
        return row

    monkeypatch.setattr(service, "_found_row", found_then_raced)


# ------------------------------------------------------------------------------ F3


def test_two_keeps_of_one_found_theme_at_once_make_one_theme(run, kafka, journal, monkeypatch):  # noqa: F811
    race(monkeypatch, run, "themes", "keep", KAFKA, "Trains B")
    err = run.fails("themes", "keep", KAFKA, "Trains A")
    assert f"{KAFKA} is kept already as Trains B (trains-b)" in err
    assert [r[:3] for r in rows(journal, "user_themes")] == [("trains-b", "Trains B", KAFKA)]
    assert {k for k, _ in rows(journal, "lexicon_terms")} == {"trains-b"}


def test_keep_and_dismiss_at_once_never_leave_a_key_kept_and_dismissed(
    run,
    kafka,  # noqa: F811
    journal,
    monkeypatch,
):
    race(monkeypatch, run, "themes", "dismiss", KAFKA)
    err = run.fails("themes", "keep", KAFKA, "Trains")
    assert f"'{KAFKA}' is dismissed" in err
    assert [r[0] for r in rows(journal, "dismissed_themes")] == [KAFKA]
    assert rows(journal, "user_themes") == rows(journal, "lexicon_terms") == []


def test_dismiss_and_keep_at_once_never_leave_a_key_kept_and_dismissed(
    run,
    kafka,  # noqa: F811
    journal,
    monkeypatch,
):
    race(monkeypatch, run, "themes", "keep", KAFKA, "Trains")
    err = run.fails("themes", "dismiss", KAFKA)
    assert f"{KAFKA} is kept already as Trains (trains)" in err
    assert rows(journal, "dismissed_themes") == []
    assert len(rows(journal, "user_themes")) == 1


# ------------------------------------------------------------------------------ F7


def test_keeping_a_kept_key_again_says_what_it_was_kept_as(run, kafka, journal):  # noqa: F811
    run("themes", "keep", KAFKA, "Trains")
    for args in (
        ("themes", "keep", KAFKA, "Again"),
        ("themes", "--since", "1y", "keep", KAFKA, "Xy"),
    ):
        err = run.fails(*args)
        assert f"{KAFKA} is kept already as Trains (trains)" in err
        assert "longer window" not in err
    assert f"{KAFKA} is kept already as Trains (trains)" in run.fails("themes", "dismiss", KAFKA)


# ------------------------------------------------------------------------------ F2 and F7: morale

MORALE = "phrase:design review"


@pytest.fixture
def morale(run):
    """Four morale notes of three people about design reviews: a found morale theme only."""
    for who in ("alice", "bob", "chen"):
        run("add", who)
    for who, on in (
        ("alice", "2026-02-05"),
        ("bob", "2026-02-10"),
        ("chen", "2026-02-20"),
        ("alice", "2026-02-27"),
    ):
        run("log", who, "--on", on, "-M", f"design review tired {who} out again")
    assert [r["key"] for r in run.json("themes", "--kind", "morale")] == [MORALE]
    assert run.json("themes") == []


def test_keeping_a_found_morale_theme_is_refused_and_keeps_nothing(run, morale, journal):
    before = dump(journal)
    for kind in ("morale", "all"):
        err = run.fails("themes", "--kind", kind, "keep", MORALE, "Design reviews")
        assert f"'{MORALE}' was found in morale notes" in err
    assert dump(journal) == before
    assert [r["key"] for r in run.json("themes", "--kind", "morale")] == [MORALE]


def test_a_morale_key_without_kind_morale_points_to_kind(run, morale):
    for verb in (("keep", MORALE, "Design reviews"), ("dismiss", MORALE)):
        err = run.fails("themes", *verb)
        assert f"'{MORALE}' was found in morale notes" in err
        assert "--kind morale" in err
    run("themes", "--kind", "morale", "dismiss", MORALE)
    assert MORALE not in [r["key"] for r in run.json("themes", "--kind", "morale")]


# ------------------------------------------------------------------------------ F8


@pytest.mark.parametrize(
    "content",
    [
        {"terms": {"phrase:release train": ["release train"]}},
        {"terms": {"Phrase:Release-Train": ["release train"]}},
        {"terms": {"deploys": ["release train"]}, "aliases": {"#train": "phrase:trains"}},
    ],
)
def test_a_lexicon_file_theme_key_never_passes_for_a_found_one(run, journal, content):
    import json

    run("add", "alice")
    (journal.parent / "lexicon.json").write_text(json.dumps(content), "utf-8")
    for args in (("themes", "lexicon"), ("themes",)):
        err = run.fails(*args)
        assert "lexicon.json" in err
        assert "'phrase:' is for themes found in your notes" in err


@pytest.mark.parametrize(
    "args",
    [
        ("themes", "add-term", "phrase:release train", "release train", "--new"),
        ("themes", "add-term", "phrase:trains", "release train", "--new"),
        ("themes", "alias", "#train", "phrase:trains", "--new"),
    ],
)
def test_new_never_makes_a_theme_with_a_found_prefix(run, journal, args):
    run("add", "alice")
    before = dump(journal)
    run.fails(*args)
    assert dump(journal) == before


# ------------------------------------------------------------------------------ F4


def test_an_alias_taken_from_a_theme_of_yours_says_so_and_an_empty_kept_one_goes(run, journal):
    run("add", "alice")
    said = run("themes", "alias", "#beep", "oncall").stdout
    assert "#beep now counts as oncall." in said
    said = run("themes", "alias", "#beep", "code-review").stdout
    assert "#beep was oncall's; now it counts as code-review." in said
    run("themes", "alias", "#zap", "zapping", "--new")  # a named theme of yours, one alias
    said = run("themes", "alias", "#zap", "code-review").stdout
    assert "#zap was zapping's; now it counts as code-review." in said
    assert "Zapping had nothing else of yours: it is gone." in said
    assert rows(journal, "user_themes") == []
    assert "zapping" not in [t["key"] for t in run.json("themes", "lexicon")]


def test_an_alias_of_a_built_in_tag_says_what_really_happens(run, journal):
    run("add", "alice")
    said = run("themes", "alias", "#oncall", "code-review").stdout
    assert "#oncall was a built-in tag of oncall; now it counts as code-review" in said
    assert "words still count as oncall" in said
    lexicon = {t["key"]: t for t in run.json("themes", "lexicon")}
    assert "#oncall" in lexicon["code-review"]["tags"]
    assert "#oncall" not in lexicon["oncall"]["tags"]


# ------------------------------------------------------------------------------ F9

LONG = "a" + "b" * 10_000


@pytest.mark.parametrize(
    "args",
    [
        ("themes", "add-term", LONG, "cried wolf"),
        ("themes", "add-term", LONG, "cried wolf", "--new"),
        ("themes", "add-term", "oncall", LONG),
        ("themes", "alias", "#pagerx", LONG),
        ("themes", "alias", "#pagerx", LONG, "--new"),
        ("themes", "alias", "#" + LONG, "oncall"),
        ("themes", "remove-term", LONG, "cried wolf"),
        ("themes", "remove-term", "oncall", LONG),
        ("themes", "unalias", "#" + LONG),
        ("themes", "undismiss", LONG),
        ("themes", "keep", LONG, "Kafka lag"),
        ("themes", "keep", KAFKA, LONG),
        ("themes", "dismiss", LONG),
        ("themes", "--since", "7d", "keep", LONG, "Kafka lag"),
        ("themes", "show", LONG),
    ],
)
def test_an_over_long_key_or_term_is_cut_in_the_error(run, kafka, args):  # noqa: F811
    err = run.fails(*args)
    assert len(err) < 400, err[:200]
