"""What the manager teaches the themes report: keeping a found theme as one of theirs,
dismissing one, removing their own terms and aliases, and theme keys that are never made up
by a typo (issue 14, item 3)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from oneonone_cli.themes.grouping import DISCOVERED, FOUND, found_terms, theme_origin
from oneonone_cli.themes.lexicon import builtin_keys, load_lexicon, theme_key_from_name

FIXTURES = Path(__file__).parent / "fixtures"
KAFKA = "phrase:consumer lag"


def dump(journal: Path) -> list:
    """Every row of every table but the roll-up (a cache): what a refused change must not touch."""
    with closing(sqlite3.connect(journal)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT IN ('note_themes', 'meta')"
                " AND name NOT LIKE 'notes_fts%' ORDER BY name"  # (the search index: of the notes)
            )
        ]
        return [(t, conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()) for t in tables]


def rollup(journal: Path) -> tuple:
    with closing(sqlite3.connect(journal)) as conn:
        rows = conn.execute("SELECT * FROM note_themes ORDER BY note_id").fetchall()
        [fingerprint] = conn.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone()
    return fingerprint, rows


@pytest.fixture
def kafka(run):
    """Four 1:1s of three people about kafka consumer lag: a found theme, no lexicon one."""
    for who in ("alice", "bob", "chen"):
        run("add", who)
    run("log", "alice", "--on", "2026-02-05", "-R", "kafka consumer lag broke the import again")
    for who, on in (("bob", "2026-02-10"), ("chen", "2026-02-20"), ("alice", "2026-02-27")):
        run("log", who, "--on", on, "-R", f"kafka consumer lag on {who}'s topic again")
    [row] = run.json("themes")
    assert (row["key"], row["origin"]) == (KAFKA, "found")
    return row


# ------------------------------------------------------------------------------ the engine


def test_one_function_says_whether_a_key_is_found_and_what_it_is_made_of():
    assert found_terms("oncall", ("paged",)) is None
    assert found_terms("phrase:staging env", ("staging env", "deploy slot", "staging env")) == (
        "staging env",
        "deploy slot",
    )
    assert found_terms("phrase:#flaky", ("#flaky",)) == ("#flaky",)
    assert theme_origin("phrase:x", builtin_keys()) == FOUND
    assert theme_origin("oncall", builtin_keys()) == "builtin"
    assert theme_origin("deploy-freeze", builtin_keys()) == "yours"


def test_a_name_makes_a_key_that_fits_a_column():
    assert theme_key_from_name("Staging environment") == "staging-environment"
    assert theme_key_from_name("  Zoë's   CI/CD!  ") == "zoe-s-ci-cd"
    assert (
        theme_key_from_name("a very long name for a theme that goes on") == "a-very-long-name-for-a"
    )
    assert len(theme_key_from_name("x" * 60)) == 24
    assert theme_key_from_name("!!!") == ""


def test_dismissed_keys_are_engine_input_but_not_part_of_the_fingerprint():
    from datetime import date

    from oneonone_cli.themes.analysis import NoteSig, analyse
    from oneonone_cli.themes.grouping import group

    plain = load_lexicon()
    dismissed = load_lexicon(dismissed=[KAFKA])
    assert dismissed.fingerprint() == plain.fingerprint()
    assert dismissed != plain and dismissed.without_model().dismissed == {KAFKA}
    texts = [
        "kafka consumer lag again",
        "kafka consumer lag on the orders topic",
        "more kafka consumer lag today",
    ]
    notes = [
        NoteSig(i, "alice", i, date(2026, 2, i), analyse(t, (), "roadblock", plain))
        for i, t in enumerate(texts, 1)
    ]
    [found] = group(notes, plain)
    assert found.key.startswith(DISCOVERED)
    # Dismissed, the phrase forms nothing; its notes are free for the next phrase they share.
    others = group(notes, load_lexicon(dismissed=[found.key]))
    assert found.key not in {g.key for g in others}
    assert all(g.key.startswith(DISCOVERED) for g in others)
    assert group(notes, load_lexicon(dismissed=[found.key, *(g.key for g in others)])) == []


def test_a_named_theme_of_yours_changes_the_fingerprint():
    plain = load_lexicon()
    named = load_lexicon([("kafka-lag", "consumer lag")], user_themes=[("kafka-lag", "Lagging")])
    assert named.theme("kafka-lag").name == "Lagging"
    assert named.fingerprint() != load_lexicon([("kafka-lag", "consumer lag")]).fingerprint()
    assert named.fingerprint() != plain.fingerprint()
    # A built-in key keeps its own name.
    assert load_lexicon(user_themes=[("oncall", "Pager")]).theme("oncall").name != "Pager"


# ------------------------------------------------------------------------------ keep


def test_keep_makes_a_found_theme_one_of_yours_with_its_name_and_terms(run, kafka, journal):
    said = run("themes", "keep", KAFKA, "Kafka lag").stdout
    assert "Kafka lag (kafka-lag)" in said and "consumer lag" in said
    [row] = run.json("themes")
    assert (row["key"], row["theme"], row["origin"]) == ("kafka-lag", "Kafka lag", "yours")
    assert row["note_ids"] == kafka["note_ids"]
    lexicon = {t["key"]: t for t in run.json("themes", "lexicon")}
    assert lexicon["kafka-lag"]["name"] == "Kafka lag"
    assert lexicon["kafka-lag"]["origin"] == "yours"
    assert "consumer lag" in lexicon["kafka-lag"]["yours"]
    assert lexicon["oncall"]["origin"] == "builtin"
    with closing(sqlite3.connect(journal)) as conn:
        assert conn.execute("SELECT key, name, kept_from, added FROM user_themes").fetchall() == [
            ("kafka-lag", "Kafka lag", KAFKA, "2026-03-02")
        ]
    assert "Kafka lag" in run("themes", "lexicon", env={"COLUMNS": "200"}).stdout
    # It can be taught more, and shown under its new key.
    run("themes", "add-term", "kafka-lag", "lagging consumers")
    assert run.json("themes", "show", "kafka-lag")


def test_keeping_a_theme_rebuilds_the_rollup_as_adding_a_term_does(run, kafka, journal):
    before, _ = rollup(journal)
    run("themes", "keep", KAFKA, "Kafka lag")
    run.json("themes")
    after, rows = rollup(journal)
    assert after != before and {r[2] for r in rows} == {"kafka-lag"}


def test_keep_takes_the_window_of_the_report(run, kafka):
    run("log", "alice", "--on", "2025-10-01", "-R", "standing desk broken again")
    run("log", "bob", "--on", "2025-10-08", "-R", "still no standing desk")
    run("log", "chen", "--on", "2025-10-15", "-R", "standing desk order stuck")
    [old] = [r for r in run.json("themes", "--since", "1y") if r["key"] != KAFKA]
    assert old["origin"] == "found"
    err = run.fails("themes", "keep", old["key"], "Build farm")
    assert "found here: phrase:consumer lag" in err
    run("themes", "--since", "1y", "keep", old["key"], "Build farm")  # the parent's --since
    assert "build-farm" in {r["key"] for r in run.json("themes", "--since", "1y")}
    err = run.fails("themes", "keep", KAFKA, "Kafka", "--since", "2d")
    assert "no theme was found in your notes since 2026-02-28" in err


@pytest.mark.parametrize(
    ("key", "name", "says"),
    [
        (
            "phrase:consumr lag",
            "Kafka",
            "did you mean 'phrase:consumer lag'? found here: phrase:consumer lag",
        ),
        ("oncall", "Pager", "no found theme 'oncall'"),
        (KAFKA, "", "the name is empty"),
        (KAFKA, "   ", "the name is empty"),
        (KAFKA, "!!", "makes no theme key"),
        (KAFKA, "9 lives", "makes no theme key"),
        (KAFKA, "x" * 101, "at most 100"),
        (KAFKA, "Tooling", "makes the key 'tooling', a theme already"),
    ],
)
def test_keep_refuses_bad_input_in_one_line_and_writes_nothing(
    run, kafka, journal, key, name, says
):
    before = dump(journal)
    err = run.fails("themes", "keep", key, name)
    assert says in err, err
    assert dump(journal) == before


def test_keep_refuses_a_theme_that_is_not_found_and_a_window_with_none(run, kafka):
    run("log", "alice", "--on", "2026-02-11", "-R", "paged at 3am by a false alarm #oncall")
    run("log", "bob", "--on", "2026-02-12", "-R", "paged at night again, on call alert noise")
    err = run.fails("themes", "keep", "oncall", "Pager")
    assert (
        "'oncall' is built in, not a found theme" in err
        and "found here: phrase:consumer lag" in err
    )
    err = run.fails("themes", "--since", "7d", "keep", KAFKA, "Kafka")
    assert "no theme was found in your notes since 2026-02-23" in err
    assert "'oneonone themes --since 90d'" in err
    run("themes", "keep", KAFKA, "Kafka lag")
    err = run.fails("themes", "keep", "kafka-lag", "Again")
    assert "'kafka-lag' is yours already, not a found theme" in err


def test_keeping_a_name_a_theme_of_yours_already_has_refuses(run, kafka):
    run("themes", "add-term", "kafka-lag", "xyzzy plugh", "--new")
    err = run.fails("themes", "keep", KAFKA, "Kafka lag")
    assert "makes the key 'kafka-lag', a theme already" in err


def test_a_found_tag_is_kept_as_an_alias(run, journal):
    for who in ("alice", "bob"):
        run("add", who)
    run("log", "alice", "--on", "2026-02-20", "-R", "bought a chair, it is broken #ergonomics")
    run("log", "bob", "--on", "2026-02-25", "-R", "asked about monitors, still waiting #ergonomics")
    found = [r for r in run.json("themes") if r["origin"] == "found"]
    [tagged] = [r for r in found if r["key"] == "phrase:#ergonomics"] or [None]
    if tagged is None:
        pytest.skip("the notes did not form the #ergonomics theme")
    run("themes", "keep", "phrase:#ergonomics", "Desk setup")
    with closing(sqlite3.connect(journal)) as conn:
        assert ("ergonomics", "desk-setup") in conn.execute(
            "SELECT tag, theme FROM lexicon_aliases"
        ).fetchall()
    [row] = [r for r in run.json("themes") if r["key"] == "desk-setup"]
    assert row["origin"] == "yours"


# ------------------------------------------------------------------------------ dismiss


def test_dismiss_stops_a_found_theme_without_rebuilding_the_rollup(run, kafka, journal):
    before = rollup(journal)
    said = run("themes", "dismiss", KAFKA).stdout
    assert "phrase:consumer lag is dismissed" in said and "undismiss" in said
    assert KAFKA not in {r["key"] for r in run.json("themes")}
    assert rollup(journal) == before  # no note analysed again
    assert "already" in run("themes", "dismiss", KAFKA).stdout
    lexicon = run.json("themes", "lexicon")
    assert lexicon[-1] == {
        "key": KAFKA,
        "name": KAFKA,
        "kind": None,
        "terms": [],
        "tags": [],
        "yours": [],
        "origin": "dismissed",
    }
    assert "Dismissed found themes:" in run("themes", "lexicon").stdout
    # And undone: the theme forms again, still from the same roll-up.
    run("themes", "undismiss", KAFKA)
    assert KAFKA in {r["key"] for r in run.json("themes")}
    assert rollup(journal) == before
    assert "dismissed" not in {t["origin"] for t in run.json("themes", "lexicon")}


def test_a_dismissed_theme_cannot_be_kept_and_says_how_to_undo(run, kafka):
    run("themes", "dismiss", KAFKA)
    err = run.fails("themes", "keep", KAFKA, "Kafka lag")
    assert f"'{KAFKA}' is dismissed" in err and "undismiss" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("dismiss", "phrase:consumer lga"), "did you mean 'phrase:consumer lag'?"),
        (("dismiss", "tooling"), "no found theme 'tooling'"),
        (("undismiss", KAFKA), "is not dismissed: dismissed: none"),
    ],
)
def test_dismiss_refuses_what_is_not_a_found_theme(run, kafka, journal, args, says):
    before = dump(journal)
    err = run.fails("themes", *args)
    assert says in err, err
    assert dump(journal) == before


def test_undismiss_names_the_closest_dismissed_key(run, kafka):
    run("themes", "dismiss", KAFKA)
    err = run.fails("themes", "undismiss", "phrase:consumer lga")
    assert f"did you mean '{KAFKA}'?" in err and f"dismissed: {KAFKA}" in err


# ------------------------------------------------------------------------------ remove-term, unalias


def test_remove_term_and_unalias_take_away_only_your_own(run, journal):
    run("themes", "add-term", "oncall", "goblin howled")
    run("themes", "alias", "#beeper", "oncall")
    assert (
        "no longer counts as oncall"
        in run("themes", "remove-term", "oncall", "Goblin  Howled").stdout
    )
    assert "#beeper no longer counts as oncall" in run("themes", "unalias", "#Beeper").stdout
    with closing(sqlite3.connect(journal)) as conn:
        assert conn.execute("SELECT count(*) FROM lexicon_terms").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM lexicon_aliases").fetchone() == (0,)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("remove-term", "oncall", "paged"), "'paged' is a built-in term of oncall"),
        (
            ("remove-term", "oncall", "goblin howl"),
            "did you mean 'goblin howled'? yours: 'goblin howled'",
        ),
        (
            ("remove-term", "oncal", "goblin howled"),
            "unknown theme 'oncal': did you mean 'oncall'?",
        ),
        (("remove-term", "tooling", "x"), "not one of your terms for tooling: yours: none"),
        (("unalias", "#oncall"), "#oncall is a built-in tag of oncall"),
        (("unalias", "#beepr"), "did you mean '#beeper'? yours: #beeper"),
        (("unalias", "#nothing-here"), "is not one of your aliases"),
    ],
)
def test_remove_refuses_what_is_not_yours_with_the_closest(run, journal, args, says):
    run("themes", "add-term", "oncall", "goblin howled")
    run("themes", "alias", "#beeper", "oncall")
    before = dump(journal)
    err = run.fails("themes", *args)
    assert says in err, err
    assert dump(journal) == before


def test_removing_the_last_term_of_a_kept_theme_lets_the_found_one_form_again(run, kafka, journal):
    kept = run.json("themes", "lexicon")
    run("themes", "keep", KAFKA, "Kafka lag")
    terms = {t["key"]: t for t in run.json("themes", "lexicon")}["kafka-lag"]["yours"]
    for term in terms[:-1]:
        assert "gone" not in run("themes", "remove-term", "kafka-lag", term).stdout
    said = run("themes", "remove-term", "kafka-lag", terms[-1]).stdout
    assert "Kafka lag had nothing else of yours: it is gone." in said
    assert run.json("themes", "lexicon") == kept
    [row] = run.json("themes")
    assert (row["key"], row["origin"]) == (KAFKA, "found")


def test_terms_in_the_lexicon_file_are_removed_there(run, journal):
    (journal.parent / "lexicon.json").write_text(
        json.dumps({"terms": {"oncall": ["goblin howled"]}, "aliases": {"#beeper": "oncall"}}),
        "utf-8",
    )
    lexicon = {t["key"]: t for t in run.json("themes", "lexicon")}
    if "goblin howled" not in lexicon["oncall"]["yours"]:
        pytest.skip("the lexicon file has another shape")
    assert "lexicon.json: remove it there" in run.fails(
        "themes", "remove-term", "oncall", "goblin howled"
    )
    assert "lexicon.json: remove it there" in run.fails("themes", "unalias", "#beeper")


# ------------------------------------------------------------------------------ typo keys


def test_a_typo_in_a_theme_key_never_creates_a_theme(run, journal):
    before = dump(journal) if journal.exists() else None
    err = run.fails("themes", "add-term", "oncal", "klaxon")
    assert "unknown theme 'oncal': did you mean 'oncall'?" in err
    assert "--new creates a theme of yours: oneonone themes add-term oncal klaxon --new" in err
    err = run.fails("themes", "alias", "#klaxon", "oncal")
    assert "did you mean 'oncall'?" in err and "oneonone themes alias '#klaxon' oncal --new" in err
    err = run.fails("themes", "add-term", "deploy-freeze", "code freeze")
    assert "did you mean" not in err and '"code freeze" --new' in err
    assert (dump(journal) if journal.exists() else None) == before
    assert "deploy-freeze" not in {t["key"] for t in run.json("themes", "lexicon")}


def test_new_creates_the_theme_of_yours(run, journal):
    assert (
        "now counts as deploy-freeze"
        in run("themes", "add-term", "deploy-freeze", "code freeze", "--new").stdout
    )
    run("themes", "alias", "#pager-duty", "pager-duty", "--new")
    lexicon = {t["key"]: t for t in run.json("themes", "lexicon")}
    assert lexicon["deploy-freeze"]["origin"] == lexicon["pager-duty"]["origin"] == "yours"
    assert lexicon["pager-duty"]["name"] == "Pager duty"
    assert lexicon["pager-duty"]["tags"] == ["#pager-duty"]
    # --new on a theme that exists is no different from without it.
    assert "now counts as oncall" in run("themes", "add-term", "oncall", "klaxon", "--new").stdout
    # Unaliasing the only thing in a theme made by alias --new takes the theme with it.
    assert "it is gone" in run("themes", "unalias", "#pager-duty").stdout
    assert "pager-duty" not in {t["key"] for t in run.json("themes", "lexicon")}
    err = run.fails("themes", "alias", "#x", "Bad Key", "--new")
    assert "not a theme key" in err


# ------------------------------------------------------------------------------ the table


def test_the_table_marks_found_themes_and_says_how_to_keep_them_at_80_columns(run, kafka):
    out = run("themes", env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "Consumer lag *" in out
    assert "* found in your notes: 'oneonone themes keep KEY \"Name\"' makes it" in out
    assert "'oneonone themes dismiss KEY' stops it." in out
    run("themes", "keep", KAFKA, "Kafka lag")
    out = run("themes", env={"COLUMNS": "80"}).stdout
    assert "(kafka-lag)" in out and "found in your notes" not in out and " *" not in out


# ------------------------------------------------------------------------------ migration


def test_m004_applies_on_an_m003_journal_and_keep_works_there(run, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_m003.sqlite", db)
    db.chmod(0o600)
    with closing(sqlite3.connect(db)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        rollup_before = conn.execute("SELECT * FROM note_themes ORDER BY note_id").fetchall()
    assert applied[-1] == "m003_note_changes_clear_rollup"
    run.json("--db", str(db), "people")  # opening it upgrades it
    with closing(sqlite3.connect(db)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert (
            conn.execute("SELECT * FROM note_themes ORDER BY note_id").fetchall() == rollup_before
        )
        assert conn.execute("SELECT count(*) FROM user_themes").fetchone() == (0,)
    assert "m004_taught_themes" in applied  # (and the later ones)
    assert {"user_themes", "dismissed_themes"} <= tables
    assert list((tmp_path / "backups").glob("old-before-*.db"))
    rows = run.json("--db", str(db), "themes", "--since", "2025-09-01")
    assert {r["key"]: r["origin"] for r in rows}.get("oncall") == "builtin"


# ------------------------------------------------------------------------------ concurrency


def test_keep_checks_the_name_again_in_the_transaction_that_keeps_it(
    run, kafka, journal, monkeypatch
):
    """Another command takes the key between keep's report and its write: keep refuses, and
    writes nothing (the check and the writes are one transaction)."""
    from oneonone_cli.services import themes as service

    real = service._found_row

    def found_then_raced(*args, **kwargs):
        row = real(*args, **kwargs)
        run("themes", "add-term", "kafka-lag", "xyzzy plugh", "--new")  # its own connection
        return row

    monkeypatch.setattr(service, "_found_row", found_then_raced)
    before = dump(journal)
    err = run.fails("themes", "keep", KAFKA, "Kafka lag")
    assert "makes the key 'kafka-lag', a theme already" in err
    after = dump(journal)
    assert dict(after)["user_themes"] == dict(before)["user_themes"] == []
    assert dict(after)["lexicon_terms"] == [("kafka-lag", "xyzzy plugh")]


def test_keep_is_one_transaction_a_failure_midway_keeps_nothing(run, kafka, journal, monkeypatch):
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.store.rollup import RollupMixin

    real = RollupMixin.add_term
    calls = []

    def second_fails(self, theme, term):
        calls.append(term)
        if len(calls) == 2:
            raise OneOnOneError("the second term could not be written")
        return real(self, theme, term)

    monkeypatch.setattr(RollupMixin, "add_term", second_fails)
    before = dump(journal)
    assert "could not be written" in run.fails("themes", "keep", KAFKA, "Kafka lag")
    assert len(calls) == 2
    assert dump(journal) == before
