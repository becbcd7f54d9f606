"""Where the journal lives: `db path`, --db and ONEONONE_DB (never empty), and reports on a
journal file that does not exist (said on stderr: a typo must not look like an empty team)."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_db_path_prints_the_journal_named_by_the_environment(run, journal):
    run("add", "alice")
    result = run("db", "path")
    assert result.stdout == f"{journal}\n"
    assert result.stderr == ""  # it exists: nothing to add


def test_db_path_alone_is_db(run, journal):
    assert run("db").stdout == f"{journal}\n"


def test_the_option_comes_before_the_environment(run, tmp_path):
    other = tmp_path / "other.db"
    assert run("--db", str(other), "db", "path").stdout == f"{other}\n"


def test_a_tilde_is_expanded(run, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert run("--db", "~/team.db", "db", "path").stdout == f"{tmp_path / 'team.db'}\n"


def test_the_default_journal_is_in_the_platform_data_folder(run, monkeypatch, tmp_path):
    monkeypatch.delenv("ONEONONE_DB")
    expected = tmp_path / "xdg" / "oneonone" / "journal.db"  # conftest's XDG_DATA_HOME
    result = run("db", "path")
    assert result.stdout == f"{expected}\n"
    assert f"there is no journal at {expected} yet" in result.stderr
    assert not expected.exists() and not expected.parent.exists()  # naming it creates nothing


def test_db_path_says_when_no_journal_is_there_yet(run, journal):
    result = run("db", "path")
    assert result.stdout == f"{journal}\n"
    assert result.stderr == (
        f"note: there is no journal at {journal} yet: the first 'oneonone add' creates it\n"
    )
    assert not journal.exists()


def test_an_empty_db_option_is_an_error_not_the_default(run, monkeypatch, tmp_path):
    monkeypatch.delenv("ONEONONE_DB")
    for args in (["--db", "", "db", "path"], ["--db", "  ", "add", "alice"], ["--db=", "due"]):
        assert "--db is empty" in run.fails(*args), args
    assert not (tmp_path / "xdg").exists()  # the default journal was not touched


def test_an_empty_oneonone_db_is_an_error_not_the_default(run, monkeypatch, tmp_path):
    monkeypatch.setenv("ONEONONE_DB", "")
    for args in (["db", "path"], ["add", "alice"], ["due"]):
        assert "ONEONONE_DB is set but empty" in run.fails(*args), args
    assert not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("report", [["due"], ["people"], ["themes"], ["search", "x"]])
def test_a_report_on_a_missing_file_says_so(run, tmp_path, report):
    typo = tmp_path / "jounral.db"
    result = run("--db", str(typo), *report)
    assert f"note: there is no journal at {typo} yet" in result.stderr
    assert not typo.exists()


@pytest.mark.parametrize(
    "command", [["show", "alice"], ["prompts", "alice"], ["log", "alice", "-R", "slow CI"]]
)
def test_an_error_on_a_missing_file_names_the_file(run, tmp_path, command):
    """'no one called alice' alone would look like a missing person, not a typo in the path."""
    typo = tmp_path / "jounral.db"
    err = run.fails("--db", str(typo), *command)
    assert "no one called 'alice'" in err
    assert err.endswith(f"(there was no journal at {typo}: check --db or ONEONONE_DB)")
    assert not typo.exists()


def test_an_error_on_an_existing_journal_says_nothing_of_the_file(run, journal):
    run("add", "bob")
    err = run.fails("show", "alice")
    assert "there was no journal" not in err


def test_an_error_before_the_journal_is_opened_says_nothing_of_it(run, tmp_path):
    err = run.fails("--db", str(tmp_path / "new.db"), "add", "not a handle")
    assert "there was no journal" not in err


def test_an_error_about_the_input_says_nothing_of_the_missing_file(run, tmp_path):
    # Only "not in the journal" errors are explained by a journal that is not there: a file
    # to import that is not JSON has nothing to do with it.
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    err = run.fails("--db", str(tmp_path / "new.db"), "import", str(bad))
    assert "there was no journal" not in err


def test_a_json_report_on_a_missing_file_is_empty_and_says_so(run, tmp_path):
    typo = tmp_path / "jounral.db"
    result = run("--db", str(typo), "people", "--json")
    assert result.stdout == "[]\n"
    assert f"there is no journal at {typo} yet" in result.stderr
    assert not typo.exists()


def test_a_report_on_an_existing_journal_says_nothing_more(run):
    run("add", "alice")
    assert "no journal" not in run("due").stderr


def test_a_write_creates_the_journal_named(run, tmp_path):
    where = tmp_path / "new.db"
    run("--db", str(where), "add", "alice")
    assert Path(run("--db", str(where), "db", "path").stdout.strip()) == where
    assert where.is_file()
