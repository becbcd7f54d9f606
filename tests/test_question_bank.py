"""`prompts import FILE`: question banks as JSON or CSV (the 1on1-questions list among them),
categories mapped to morale or roadblock, attribution kept and shown, idempotent, atomic."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_cli.domain.question_bank import CATEGORY_KINDS, read_bank, source_key
from oneonone_cli.errors import OneOnOneError

FIXTURES = Path(__file__).parent / "fixtures"
BANK = FIXTURES / "1on1-questions.json"
TODAY = date(2026, 3, 2)


def own_prompts(path: Path) -> list[tuple]:
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT id, kind, audience, text, topic, source FROM prompts"
        ).fetchall()


def test_the_1on1_questions_file_is_imported_with_its_attribution(run, journal, tmp_path):
    data = json.loads(BANK.read_text(encoding="utf-8"))
    out = run("prompts", "import", str(BANK)).stdout
    n = len(data["questions"])
    team = sum(q["category"] == "Team and company" for q in data["questions"])
    assert f"Imported {n} prompts from 1on1-questions ({n - team} morale, {team} roadblock)" in out
    assert "Vidal Graupera" in out and "MIT" in out
    rows = run.json("prompts", "--all")
    imported = [r for r in rows if r["source"] == "1on1-questions"]
    assert len(imported) == n
    assert {r["audience"] for r in imported} == {"reports"}
    by_text = {r["text"]: r for r in imported}
    for q in data["questions"]:
        row = by_text[q["question"]["en"]]
        assert row["kind"] == ("roadblock" if q["category"] == "Team and company" else "morale")
        assert row["topic"] == q["category"].lower()
        assert row["builtin"] is False
    assert all(r["source"] is None for r in rows if r["builtin"])
    # the licence text beside the file is kept in the journal with the credit
    with sqlite3.connect(journal) as conn:
        key, attribution, licence = conn.execute(
            "SELECT key, attribution, licence FROM prompt_sources"
        ).fetchone()
    assert key == "1on1-questions" and "Vidal Graupera" in attribution
    assert licence == (FIXTURES / "1on1-questions.LICENSE").read_text(encoding="utf-8")


def test_prompts_all_shows_the_credit_at_80_columns(run):
    run("prompts", "import", str(BANK))
    out = run("prompts", "--all", env={"COLUMNS": "80"}).stdout
    assert "Imported: 1on1-questions: Copyright (c) Vidal Graupera, MIT License" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_no_credit_line_without_an_import(run):
    assert "Imported:" not in run("prompts", "--all").stdout


def test_imported_prompts_are_offered_to_reports_not_to_peers(run):
    run("add", "alice")
    run("add", "dana", "--as", "peer")
    run("prompts", "import", str(BANK))
    alice = {r["id"] for r in run.json("prompts", "alice", "--all")}
    dana = {r["id"] for r in run.json("prompts", "dana", "--all")}
    imported = {r["id"] for r in run.json("prompts", "--all") if r["source"]}
    assert imported <= alice
    assert not imported & dana


def test_importing_twice_adds_nothing(run, journal):
    run("prompts", "import", str(BANK))
    before = own_prompts(journal)
    out = run("prompts", "import", str(BANK)).stdout
    assert out.startswith("Nothing to import: the 28 questions")
    assert own_prompts(journal) == before
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT count(*) FROM prompt_sources").fetchone() == (1,)


def test_a_question_already_in_the_bank_is_skipped_and_counted(run, journal):
    data = json.loads(BANK.read_text(encoding="utf-8"))
    first = data["questions"][0]["question"]["en"]
    run("prompts", "add", first.upper(), "--kind", "morale")
    out = run("prompts", "import", str(BANK)).stdout
    assert "Imported 27 prompts" in out and "1 already in the bank" in out


def test_imported_prompts_can_be_asked_and_retired(run):
    run("add", "alice")
    run("prompts", "import", str(BANK))
    pid = next(r["id"] for r in run.json("prompts", "--all") if r["source"])
    run("log", "alice", "--asked", pid)
    assert next(r for r in run.json("prompts", "alice", "--all") if r["id"] == pid)["asked_them"]
    run("prompts", "retire", pid)


def test_csv_with_header_and_categories(run, tmp_path, journal):
    f = tmp_path / "team-questions.csv"
    f.write_text(
        "question,category,for\n"
        '"What slows you down, most days?",roadblock,all\n'
        "What are you proud of?,Morale,reports\n"
        "\n"
        "Which meeting would you drop?,Blockers,\n",
        encoding="utf-8",
    )
    out = run("prompts", "import", str(f)).stdout
    assert "Imported 3 prompts from team-questions (1 morale, 2 roadblock)" in out
    assert "imported from team-questions.csv" in out  # no licence: the file is credited
    rows = {r[3]: r for r in own_prompts(journal)}
    assert rows["What slows you down, most days?"][1:3] == ("roadblock", "all")
    assert rows["What are you proud of?"][1:3] == ("morale", "reports")
    assert rows["Which meeting would you drop?"][1:3] == ("roadblock", "all")


def test_json_list_and_a_licence_beside_it_credits_its_author(run, tmp_path):
    f = tmp_path / "bank.json"
    f.write_text(json.dumps([{"text": "What energises you?", "kind": "morale"}]), "utf-8")
    (tmp_path / "LICENSE").write_text("MIT License\n\nCopyright (c) 2024 Jo Doe\n", "utf-8")
    out = run("prompts", "import", str(f)).stdout
    assert "Credit: Copyright (c) 2024 Jo Doe, MIT License." in out


def test_unknown_category_needs_kind_and_writes_nothing(run, tmp_path, journal):
    f = tmp_path / "q.csv"
    f.write_text("question,category\nHow is it going?,Vibes\n", encoding="utf-8")
    run("add", "alice")
    before = own_prompts(journal)
    err = run.fails("prompts", "import", str(f))
    assert "category 'Vibes' is neither morale nor roadblock" in err
    assert "--kind morale|roadblock" in err and "nothing was imported" in err
    assert own_prompts(journal) == before
    out = run("prompts", "import", str(f), "--kind", "morale").stdout
    assert "Imported 1 prompt from q (1 morale, 0 roadblock)" in out


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ('{"people": []}', "x.json", "not a question bank oneonone reads (JSON of another shape)"),
        ("[1, 2]", "x.json", "an item without a question"),
        ("{not json", "x.json", "is not valid JSON (line 1)"),
        ("name,handle\nalice,a\n", "x.csv", "no header row naming a question column"),
        ("hello", "x.json", "not a question bank oneonone reads (not JSON)"),
        ("question,category\n", "x.csv", "holds no questions"),
        ('[{"question": "", "category": "morale"}]', "x.json", "item 1 has no question"),
        ('[{"question": "' + "x" * 501 + '", "category": "morale"}]', "x.json", "longer than 500"),
        ('[{"question": "Q?", "category": "morale", "for": "ceo"}]', "x.json", "is for 'ceo'"),
        ('[{"question": "Q?"}]', "x.json", "item 1 has no category"),
    ],
)
def test_a_file_in_the_wrong_format_is_one_line_and_nothing_is_written(
    run, tmp_path, journal, content, name, expected
):
    run("add", "alice")
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    err = run.fails("prompts", "import", str(f))
    assert expected in err, err
    assert own_prompts(journal) == []
    with sqlite3.connect(journal) as conn:
        assert conn.execute("SELECT count(*) FROM prompt_sources").fetchone() == (0,)


def test_missing_binary_and_folder_files_are_one_line(run, tmp_path):
    assert "there is no file" in run.fails("prompts", "import", str(tmp_path / "none.json"))
    assert "is not a file" in run.fails("prompts", "import", str(tmp_path))
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"question\x00\xff\xfe")
    assert "is not UTF-8 text" in run.fails("prompts", "import", str(binary))
    assert "usage: oneonone prompts import FILE" in run.fails("prompts", "import", code=2)


def test_an_import_is_all_or_nothing(run, tmp_path, journal, monkeypatch):
    """A failure half-way (here: the third insert) leaves no prompt and no source behind."""
    from oneonone_cli.store import prompts as store_prompts

    run("add", "alice")
    calls = {"n": 0}
    original = store_prompts.PromptsMixin.import_prompts

    def failing(self, source, prompts, known):
        def boom():
            for i, p in enumerate(prompts):
                if i == 2:
                    raise sqlite3.OperationalError("disk I/O error")
                calls["n"] += 1
                yield p

        return original(self, source, boom(), known)

    monkeypatch.setattr(store_prompts.PromptsMixin, "import_prompts", failing)
    run("prompts", "import", str(BANK), code=1)
    assert calls["n"] == 2
    assert own_prompts(journal) == []


def test_the_full_public_list_imports_when_present(run, tmp_path):
    """The whole list (325 questions) from /work/shared when it is there; skipped elsewhere."""
    full = Path("/work/shared/fixtures/1on1-questions.json")
    if not full.exists():
        pytest.skip("the shared fixtures are not on this machine")
    copy = tmp_path / full.name
    shutil.copy(full, copy)
    out = run("prompts", "import", str(copy)).stdout
    assert "Imported 325 prompts from 1on1-questions (242 morale, 83 roadblock)" in out


def test_every_1on1_questions_category_has_a_kind():
    data = json.loads(BANK.read_text(encoding="utf-8"))
    for category in data["i18nCategories"]:
        assert CATEGORY_KINDS[category.casefold()] in ("morale", "roadblock")
    assert CATEGORY_KINDS["team and company"] == "roadblock"


def test_source_key_from_file_names():
    assert source_key("My Questions.csv") == "my-questions"
    assert source_key("/a/b/.csv") == "imported"
    assert len(source_key("x" * 100 + ".json")) == 30


questions = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=80,
).filter(lambda t: t.split())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(questions, st.sampled_from(["morale", "roadblock"])), max_size=12))
def test_json_round_trip_keeps_each_distinct_question_once(items):
    text = json.dumps([{"question": q, "category": k} for q, k in items])
    try:
        bank = read_bank(text, "b.json", today=TODAY)
    except OneOnOneError as exc:
        assert not items and "holds no questions" in str(exc)
        return
    expected = {}
    for q, k in items:
        expected.setdefault(" ".join(q.split()).casefold(), (" ".join(q.split()), k))
    assert [(p.text, p.kind) for p in bank.prompts] == list(expected.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(questions, st.sampled_from(["morale", "roadblock"])), min_size=1))
def test_csv_round_trip(items):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["question", "category"])
    writer.writerows(items)
    bank = read_bank(buffer.getvalue(), "b.csv", today=TODAY)
    expected = {}
    for q, k in items:
        expected.setdefault(" ".join(q.split()).casefold(), (" ".join(q.split()), k))
    assert [(p.text, p.kind) for p in bank.prompts] == list(expected.values())
