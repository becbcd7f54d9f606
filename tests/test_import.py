"""`import` of our JSON and of CSV: export -> import into an empty journal -> export is the same
file (also as a hypothesis round trip), importing twice adds nothing, a journal that already
holds some of it gets the rest with new IDs, and a wrong or damaged file is one line with nothing
written."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_cli.domain.records import EXCHANGE_TABLES
from test_export import populate


def counts(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    with closing(sqlite3.connect(path)) as conn:
        try:
            return {
                t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in EXCHANGE_TABLES
            }
        except sqlite3.OperationalError:  # killed while the journal was being created
            return {}


@pytest.fixture
def exported_file(run, journal, tmp_path):
    populate(run, journal)
    dest = tmp_path / "export.json"
    run("export", "-o", str(dest))
    return dest


def test_export_import_export_is_the_same_file(run, exported_file, tmp_path):
    other = tmp_path / "other.db"
    result = run("--db", str(other), "import", str(exported_file))
    assert result.stdout.startswith(
        f"Imported {exported_file}: added 3 people, 7 1:1s, 6 notes, 3 follow-ups, 1 prompt asked,"
        " 1 prompt of yours, 1 retired prompt, 1 theme term, 1 theme alias, 1 theme of yours,"
        " 1 dismissed theme"
    )
    again = tmp_path / "again.json"
    run("--db", str(other), "export", "-o", str(again))
    assert again.read_bytes() == exported_file.read_bytes()
    # and the journal works: reports read what was imported
    assert "pager noise again" in run("--db", str(other), "show", "alice").stdout
    assert run("--db", str(other), "search", "pager", "--json").stdout.count('"id"') == 1


def test_importing_twice_adds_nothing(run, exported_file, tmp_path):
    other = tmp_path / "other.db"
    run("--db", str(other), "import", str(exported_file))
    before = counts(other)
    result = run("--db", str(other), "import", str(exported_file))
    assert "nothing new" in result.stdout
    assert counts(other) == before


def test_into_a_journal_with_some_of_it_the_rest_gets_new_ids(run, exported_file, tmp_path):
    other = tmp_path / "other.db"
    env = {"ONEONONE_DB": str(other)}
    run("add", "alice", "--name", "Alice S.", env=env)
    run("log", "alice", "--on", "2026-01-05", "-R", "only in the new journal", env=env)
    run("log", "alice", "--on", "2026-02-02", "-R", "pager noise again #oncall", env=env)
    result = run("import", str(exported_file), env=env)
    assert "already there: 1 person, 1 1:1, 1 note" in result.stdout
    data = json.loads(run("export", env=env).stdout)
    assert data["people"][0]["name"] == "Alice S."  # the journal's own is kept
    assert [m["id"] for m in data["meetings"]] == list(range(1, 9))  # 2 there + 6 new
    feb2 = [m for m in data["meetings"] if m["date"] == "2026-02-02"]
    assert len(feb2) == 1  # matched, not doubled
    notes = [n for n in data["notes"] if n["meeting_id"] == feb2[0]["id"]]
    assert sorted(n["text"] for n in notes) == [
        "great demo, say it in the all-hands",
        "pager noise again #oncall",
        "proud",
    ]
    # every note points at a 1:1 of its person and day; follow-ups and prompts too
    meetings = {m["id"]: m for m in data["meetings"]}
    assert all(meetings[n["meeting_id"]]["person"] == n["person"] for n in data["notes"])
    assert all(meetings[n["meeting_id"]]["date"] == n["date"] for n in data["notes"])
    assert all(
        meetings[f["meeting_id"]]["person"] == f["person"]
        for f in data["follow_ups"]
        if f["meeting_id"]
    )
    assert meetings[data["prompt_uses"][0]["meeting_id"]]["date"] == "2026-02-16"
    before = counts(other)
    assert "nothing new" in run("import", str(exported_file), env=env).stdout
    assert counts(other) == before


def test_two_1on1s_of_one_day_stay_two(run, tmp_path):
    run("add", "alice")
    run("log", "alice", "--on", "2026-02-02", "-M", "same")
    run("log", "alice", "--on", "2026-02-02", "--again", "-M", "same")
    dest = tmp_path / "e.json"
    run("export", "-o", str(dest))
    other = tmp_path / "other.db"
    env = {"ONEONONE_DB": str(other)}
    run("add", "bob", env=env)
    run("log", "bob", "-M", "makes the journal not empty", env=env)
    run("import", str(dest), env=env)
    run("import", str(dest), env=env)
    assert counts(other)["meetings"] == 3 and counts(other)["notes"] == 3


def test_stdin(run, exported_file, tmp_path):
    other = tmp_path / "other.db"
    result = run("--db", str(other), "import", "-", input=exported_file.read_text())
    assert result.stdout.startswith("Imported stdin: added 3 people")


# ----------------------------------------------------------------------------- wrong files


def _ours(**sections) -> dict:
    data = {"format": "oneonone", "version": 1, "exported": "2026-03-02"}
    data["people"] = [
        {
            "handle": "alice",
            "name": "Alice",
            "relationship": "report",
            "every": "1w",
            "added": "2026-01-01",
            "archived": None,
        }
    ]
    data["meetings"] = [
        {"id": 1, "person": "alice", "date": "2026-02-02", "status": "held", "reason": None}
    ]
    data["notes"] = [
        {
            "id": 1,
            "meeting_id": 1,
            "person": "alice",
            "date": "2026-02-02",
            "kind": "morale",
            "text": "fine",
            "tags": [],
        }
    ]
    data.update(sections)
    return data


def _note(**fields) -> list[dict]:
    note = _ours()["notes"][0]
    note.update(fields)
    return [note]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "not json at all",
            "is not JSON (Expecting value at line 1, column 1): expected a oneonone",
        ),
        ("date,person\n2026-01-01,alice", "or a CSV file: add --format csv"),
        (
            '{"tags": {}, "entries": []}',
            "is a jrnl export, not a oneonone one: import it with --format jrnl",
        ),
        ("[1, 2]", 'expected a JSON object with "format": "oneonone"'),
        (json.dumps(_ours(version=2)), "format version 2, newer than this oneonone reads (1)"),
        (json.dumps(_ours(version="1")), 'has no valid "version"'),
        (json.dumps(_ours(extra=[])), "unknown section 'extra'"),
        (json.dumps(_ours(notes={})), "'notes' must be a list of records"),
        (
            json.dumps(_ours(notes=_note(kind="rant"))),
            "notes record 1 (id 1): 'kind' must be one of roadblock, morale, feedback",
        ),
        (
            json.dumps(_ours(notes=_note(date="2026-2-2"))),
            "notes record 1 (id 1): 'date' must be a date written YYYY-MM-DD",
        ),
        (
            json.dumps(_ours(notes=_note(date="20260202"))),
            "'date' must be a date written YYYY-MM-DD",
        ),
        (json.dumps(_ours(notes=_note(text="  "))), "'text' must not be empty"),
        (json.dumps(_ours(notes=_note(tags="oncall"))), "'tags' must be a list of tags"),
        (
            json.dumps(_ours(notes=_note(meeting_id=7))),
            "its 1:1 (meeting_id) is not in the file's meetings",
        ),
        (json.dumps(_ours(notes=_note(id=True))), "'id' must be a whole number"),
        (json.dumps(_ours(notes=_note(colour="red"))), "unknown field 'colour'"),
        (json.dumps(_ours(notes=[_note()[0], _note()[0]])), "notes record 2 (id 1): appears twice"),
        (json.dumps(_ours(notes=[{"id": 1}])), "notes record 1 (id 1): 'meeting_id' is missing"),
        (json.dumps(_ours(notes=["x"])), "notes record 1: expected an object"),
        (
            json.dumps(_ours(people=[])),
            "meetings record 1 (id 1): its person is not in the file's people",
        ),
        (
            json.dumps(
                _ours(
                    meetings=[
                        {
                            "id": 1,
                            "person": "alice",
                            "date": "2026-02-02",
                            "status": "held",
                            "mood": 6,
                        }
                    ]
                )
            ),
            "'mood' must be a whole number from 1 to 5",
        ),
        (
            json.dumps(
                _ours(
                    meetings=[
                        {
                            "id": 1,
                            "person": "alice",
                            "date": "2026-02-02",
                            "status": "held",
                            "talk": 101,
                        }
                    ]
                )
            ),
            "'talk' must be a whole number from 0 to 100",
        ),
        (
            json.dumps(
                _ours(
                    meetings=[
                        {
                            "id": 1,
                            "person": "alice",
                            "date": "2026-02-02",
                            "status": "held",
                            "status_update": 1,
                        }
                    ]
                )
            ),
            "'status_update' must be true, false or null",
        ),
        (
            json.dumps(_ours(people=[{**_ours()["people"][0], "handle": "Alice"}])),
            "people record 1 (handle Alice): 'handle' must be a handle",
        ),
        (
            json.dumps(_ours(people=[{**_ours()["people"][0], "every": "sometimes"}])),
            "'every' must be a cadence",
        ),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_a_wrong_file_is_one_line_and_writes_nothing(run, journal, tmp_path, content, expected):
    run("add", "bob")
    before = counts(journal)
    path = tmp_path / "in.json"
    path.write_text(content)
    err = run.fails("import", str(path))
    assert expected in err
    assert err.endswith("nothing was written") or "nothing was written:" in err
    assert counts(journal) == before


def test_the_last_record_failing_writes_none_of_the_others(run, journal, tmp_path):
    data = _ours()
    data["notes"] = _note() + [dict(_note()[0], id=2, kind="bad")]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data))
    run.fails("import", str(path))
    assert not journal.exists() or counts(journal)["people"] == 0


def test_not_utf8_missing_and_folder(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "\xff"}')
    assert "is not UTF-8 text (byte 12)" in run.fails("import", str(bad))
    assert "does not exist" in run.fails("import", str(tmp_path / "nope.json"))
    assert "is a folder" in run.fails("import", str(tmp_path))


def test_options_that_do_not_fit_the_format_are_usage_errors(run, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}")
    assert "--person is for --format jrnl or csv" in run.fails(
        "import", str(path), "--person", "alice", code=2
    )
    assert "--kind is for --format jrnl" in run.fails(
        "import", str(path), "--kind", "morale", code=2
    )
    assert "unknown import format 'xml'" in run.fails("import", str(path), "-f", "xml", code=2)


def test_huge_text_is_refused_in_one_line(run, journal, tmp_path):
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(_ours(notes=_note(text="x" * 1_000_001))))
    err = run.fails("import", str(path))
    assert "'text' is 1000001 characters long, more than 1000000" in err
    assert len(err) < 300
    # a note longer than log takes, from an older journal, still comes back
    path.write_text(json.dumps(_ours(notes=_note(text="y" * 20_000))))
    run("import", str(path))
    assert counts(journal)["notes"] == 1


# ----------------------------------------------------------------------------- CSV


def test_csv_export_imports_back_and_twice_adds_nothing(run, journal, tmp_path):
    populate(run, journal)
    csv_text = run("export", "--format", "csv").stdout
    path = tmp_path / "notes.csv"
    path.write_text(csv_text)
    other = tmp_path / "other.db"
    env = {"ONEONONE_DB": str(other)}
    for handle in ("alice", "bob"):
        run("add", handle, env=env)
    run("prompts", "add", "What would you stop doing?", "--kind", "morale", env=env)
    result = run("import", "--format", "csv", str(path), env=env)
    assert "added 7 1:1s, 6 notes, 1 prompt asked" in result.stdout
    mine = json.loads(run("export", env=env).stdout)
    theirs = json.loads(run("export").stdout)

    # the same 1:1s and notes (CSV keeps no IDs: new ones, in the file's order)
    def content(data, section, dropped):
        return sorted(
            tuple(str(r[k]) for k in EXCHANGE_TABLES[section] if k not in dropped)
            for r in data[section]
        )

    assert content(mine, "meetings", {"id"}) == content(theirs, "meetings", {"id"})
    assert content(mine, "notes", {"id", "meeting_id"}) == content(
        theirs, "notes", {"id", "meeting_id"}
    )
    assert "nothing new" in run("import", "--format", "csv", str(path), env=env).stdout


def test_csv_hand_written_with_person_filled_in(run, journal, tmp_path):
    run("add", "alice")
    path = tmp_path / "mine.csv"
    path.write_text(
        "date,kind,text,status,tags\n"
        "2026-02-02,roadblock,builds are slow,,#ci\n"
        '2026-02-02,morale,"happy, mostly",held,\n'
        "2026-02-09,,,cancelled,\n"
    )
    run("import", "-f", "csv", str(path), "--person", "alice")
    # a spreadsheet's byte-order mark, and no status column: held 1:1s
    path.write_text("\ufeffdate,text,kind\n2026-02-16,one more,morale\n", encoding="utf-8")
    run("import", "-f", "csv", str(path), "--person", "alice")
    data = json.loads(run("export").stdout)
    assert [(m["date"], m["status"]) for m in data["meetings"]] == [
        ("2026-02-02", "held"),
        ("2026-02-09", "cancelled"),
        ("2026-02-16", "held"),
    ]
    assert [(n["kind"], n["text"], n["tags"]) for n in data["notes"]] == [
        ("roadblock", "builds are slow", ["ci"]),
        ("morale", "happy, mostly", []),
        ("morale", "one more", []),
    ]


@pytest.mark.parametrize(
    ("content", "args", "expected"),
    [
        (
            "when,who\n2026-01-01,alice\n",
            (),
            "the first line is not the header expected: date,person,status",
        ),
        ("", (), "is empty: expected a CSV file with the header"),
        (
            "date,status,kind,text\n2026-01-01,held,morale,x\n",
            (),
            "person too unless --person is given",
        ),
        ("date,person,status,kind,text\n2026-01-01,zed,held,morale,x\n", (), "no one called 'zed'"),
        (
            "date,person,status,kind,text\n01/02/2026,alice,held,morale,x\n",
            (),
            "line 2: 'date' must be a date",
        ),
        (
            "date,person,status,kind,text\n2026-01-01,alice,held,rant,x\n",
            (),
            "line 2: 'kind' must be one of",
        ),
        (
            "date,person,status,kind,text\n2026-01-01,alice,held,morale,\n",
            (),
            "line 2: 'text' must not be empty",
        ),
        (
            "date,person,status,kind,text,asked\n2026-01-01,alice,held,morale,x,m-meanin\n",
            (),
            "prompt 'm-meanin', which is not in the bank: did you mean 'm-meaning'?",
        ),
        (
            "date,person,status,kind,text\n2026-01-01,alice,held,morale,x,extra\n",
            (),
            "line 2 has more cells than the header",
        ),
        (
            "date,person,status,kind,text\n2026-01-01,alice,held,morale," + "x" * 10_001 + "\n",
            (),
            "'text' is 10001 characters long",
        ),
    ],
)
def test_a_wrong_csv_is_one_line_and_writes_nothing(
    run, journal, tmp_path, content, args, expected
):
    run("add", "alice")
    before = counts(journal)
    path = tmp_path / "in.csv"
    path.write_text(content)
    assert expected in run.fails("import", "-f", "csv", str(path), *args)
    assert counts(journal) == before


# ----------------------------------------------------------------------------- round trip


_any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())
# Texts a spreadsheet would run as a formula, and texts that look made safe ('=x): CSV's rule.
_formula_like = st.builds(
    lambda quotes, start, rest: "'" * quotes + start + rest,
    st.integers(0, 3),
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "- ", "=HYPERLINK(", "@SUM("]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8).map(
        lambda t: t.replace("\x00", "").strip()
    ),
).filter(lambda t: t.strip())
_text = _any_text | _formula_like
_day = st.dates(date(2000, 1, 1), date(2030, 12, 31)).map(date.isoformat)


@st.composite
def journals(draw) -> dict:
    handles = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    people = [
        {
            "handle": h,
            # A name as `add` stores it (check_name): words and single spaces.
            "name": draw(
                st.from_regex(r"[A-Za-z][a-z]{0,4}( [A-Za-z][a-z]{0,4}){0,2}", fullmatch=True)
            ),
            "relationship": draw(st.sampled_from(["report", "peer", "skip-level"])),
            "every": draw(st.sampled_from(["1w", "2w", "10d", "1m"])),
            "added": draw(_day),
            "archived": draw(st.none() | _day),
        }
        for h in sorted(handles)
    ]
    meetings, notes, uses, follow_ups = [], [], [], []
    for mid in range(1, draw(st.integers(0, 6)) + 1):
        who = draw(st.sampled_from(handles))
        status = draw(st.sampled_from(["held", "cancelled", "rescheduled"]))
        day = draw(_day)
        meetings.append(
            {
                "id": mid,
                "person": who,
                "date": day,
                "status": status,
                "reason": draw(st.none() | _text),
                "moved_to": draw(_day) if status == "rescheduled" else None,
                "mood": draw(st.none() | st.integers(1, 5)),
                "talk": draw(st.none() | st.integers(0, 100)),
                "status_update": draw(st.none() | st.booleans()),
            }
        )
        for _ in range(draw(st.integers(0, 3))):
            notes.append(
                {
                    "id": len(notes) + 1,
                    "meeting_id": mid,
                    "person": who,
                    "date": day,
                    "kind": draw(st.sampled_from(["roadblock", "morale", "feedback"])),
                    "text": draw(_text),
                    "tags": draw(
                        st.lists(
                            st.from_regex(r"[a-z]{1,5}", fullmatch=True), max_size=2, unique=True
                        )
                    ),
                }
            )
        if draw(st.booleans()):
            uses.append({"meeting_id": mid, "person": who, "prompt_id": "m-meaning", "date": day})
        if draw(st.booleans()):
            follow_ups.append(
                {
                    "id": len(follow_ups) + 1,
                    "person": who,
                    "meeting_id": mid,
                    "text": draw(_text),
                    "added": day,
                    "done": draw(st.none() | _day),
                }
            )
    data = {
        "format": "oneonone",
        "version": 1,
        "exported": "2026-03-02",
        "person": None,
        "since": None,
        **{section: [] for section in EXCHANGE_TABLES},
    }
    data.update(
        people=people, meetings=meetings, notes=notes, prompt_uses=uses, follow_ups=follow_ups
    )
    data["lexicon_terms"] = [
        {"theme": "oncall", "term": t} for t in draw(st.lists(_text, max_size=2, unique=True))
    ]
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals())
def test_round_trip_property(data):
    from oneonone_cli.domain.records import ExportScope
    from oneonone_cli.render.export import write_json
    from oneonone_cli.services import export as exporting
    from oneonone_cli.services import importing
    from oneonone_cli.store.core import Store

    text = json.dumps(data, ensure_ascii=False)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "j.db", create=True)
        try:
            options = importing.check_options("json", None, None)
            importing.import_data(store, "f.json", text, options)
            again = importing.import_data(store, "f.json", text, options)
            assert not any(again.added.values())
            out = _StringIO()
            exporting.export(store, ExportScope(), date(2026, 3, 2), write_json, None, out)
        finally:
            store.close()
    assert json.loads(out.getvalue()) == json.loads(text)


def _csv_text(text: str) -> str:
    """A text as a CSV import gives it back: a cell made safe (the formula rule: a ' before
    it) exactly as it was; any other trimmed, as a hand-made file's cells are."""
    from oneonone_cli.domain.exchange import csv_safe

    return text if csv_safe(text) != text else text.strip()


@st.composite
def csv_journals(draw) -> dict:
    """A journal of what CSV carries (1:1s, their notes and prompts asked; notes in held 1:1s
    only), its texts as a CSV import gives them back, its tags as it merges them."""
    from hypothesis import assume

    from oneonone_cli.domain.exchange import _merged_tags

    data = draw(journals())
    held = {m["id"] for m in data["meetings"] if m["status"] == "held"}
    for m in data["meetings"]:
        if m["reason"] is not None:
            m["reason"] = _csv_text(m["reason"])
            assume(m["reason"].strip())
    notes = [n for n in data["notes"] if n["meeting_id"] in held]
    for number, n in enumerate(notes, start=1):
        n["id"] = number
        n["text"] = _csv_text(n["text"])
        assume(n["text"].strip())
        n["tags"] = _merged_tags(n["text"], n["tags"])
    data.update(notes=notes, follow_ups=[], lexicon_terms=[])
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_journals())
def test_csv_round_trip_property(data):
    """export -> import -> export of CSV is byte-identical, texts that a spreadsheet would run
    as formulas (and texts that look made safe) included; what is read back is what was
    written."""
    from oneonone_cli.domain.records import ExportScope
    from oneonone_cli.render.export import write_csv, write_json
    from oneonone_cli.services import export as exporting
    from oneonone_cli.services import importing
    from oneonone_cli.store.core import Store

    people_only = json.dumps({**data, **{t: [] for t in EXCHANGE_TABLES if t != "people"}})

    def journal_of(folder: str, name: str, text: str, format: str) -> tuple[str, dict]:
        store = Store.open(Path(folder) / name, create=True)
        try:
            if format == "csv":
                json_options = importing.check_options("json", None, None)
                importing.import_data(store, "people.json", people_only, json_options)
            options = importing.check_options(format, None, None)
            importing.import_data(store, "f." + format, text, options)
            csv_out, json_out = _StringIO(), _StringIO()
            exporting.export(store, ExportScope(), date(2026, 3, 2), write_csv, None, csv_out)
            exporting.export(store, ExportScope(), date(2026, 3, 2), write_json, None, json_out)
        finally:
            store.close()
        return csv_out.getvalue(), json.loads(json_out.getvalue())

    with tempfile.TemporaryDirectory() as folder:
        first, ours = journal_of(folder, "a.db", json.dumps(data, ensure_ascii=False), "json")
        second, back = journal_of(folder, "b.db", first, "csv")
        third, _ = journal_of(folder, "c.db", second, "csv")
    assert second == first
    assert third == second
    for section in ("meetings", "notes", "prompt_uses"):
        assert back[section] == ours[section], section


def test_csv_of_an_older_version_imports_as_it_was_written(run, journal, tmp_path):
    """Files written before the formula rule have no ' in front: they import as they are; a
    cell made safe ('=x) loses its ', one only; any other ' stays."""
    run("add", "alice")
    path = tmp_path / "old.csv"
    path.write_text(
        "date,person,kind,text\n"
        "2026-02-02,alice,roadblock,=1+1\n"
        "2026-02-02,alice,roadblock,- item\n"
        "2026-02-02,alice,roadblock,'=x\n"
        "2026-02-02,alice,roadblock,'''@y\n"
        "2026-02-02,alice,roadblock,'quoted'\n"
        "2026-02-02,alice,roadblock,' -spaced\n"
    )
    run("import", "-f", "csv", str(path))
    texts = [n["text"] for n in json.loads(run("export").stdout)["notes"]]
    assert texts == ["=1+1", "- item", "=x", "''@y", "'quoted'", "' -spaced"]


class _StringIO:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


# ----------------------------------------------------------------------------- kill -9


def test_killed_mid_import_keeps_all_or_nothing(tmp_path):
    """A large import killed at random points: the journal has none of it or all of it."""
    people = [
        {
            "handle": "alice",
            "name": "A",
            "relationship": "report",
            "every": "1w",
            "added": "2020-01-01",
            "archived": None,
        }
    ]
    meetings = [
        {"id": i, "person": "alice", "date": "2021-01-01", "status": "held"}
        for i in range(1, 20_001)
    ]
    notes = [
        {
            "id": i,
            "meeting_id": i,
            "person": "alice",
            "date": "2021-01-01",
            "kind": "morale",
            "text": f"note {i} " * 5,
            "tags": [],
        }
        for i in range(1, 20_001)
    ]
    path = tmp_path / "big.json"
    path.write_text(
        json.dumps(
            {
                "format": "oneonone",
                "version": 1,
                "people": people,
                "meetings": meetings,
                "notes": notes,
            }
        )
    )
    src = Path(__file__).resolve().parents[1] / "src"
    for n, delay in enumerate((0.3, 0.6, 0.9, 1.2, 1.8, None)):
        db = tmp_path / f"j{n}.db"
        env = {"PYTHONPATH": str(src), "ONEONONE_TODAY": "2026-03-02", "PATH": "/usr/bin:/bin"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "oneonone_cli", "--db", str(db), "import", str(path)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if delay is not None:
            time.sleep(delay)
            proc.kill()
        proc.wait()
        found = counts(db).get("notes", 0)
        assert found in (0, 20_000), found
    assert found == 20_000  # the last one was left to finish
