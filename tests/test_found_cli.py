"""What outside testers found in the exit point, the editor and the commands: each test failed
before its fix."""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "oneonone_cli"]


def drafts(journal: Path) -> list[Path]:
    folder = journal.parent / "drafts"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def notes_in(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT date, kind, text FROM notes ORDER BY id").fetchall()


def write_editor(tmp_path: Path, body: str, name: str) -> str:
    script = tmp_path / name
    script.write_text(textwrap.dedent(body))
    return f"{sys.executable} {shlex.quote(str(script))}"


def typing_editor(tmp_path: Path, typed: str, then: str = "", name: str = "typing.py") -> str:
    return write_editor(
        tmp_path,
        f"""
        import sys, pathlib
        path = pathlib.Path(sys.argv[1])
        path.write_text(path.read_text(encoding="utf-8") + {typed!r}, encoding="utf-8")
        {then}
        """,
        name,
    )


@pytest.fixture
def team(run):
    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "--on", "2026-01-05", "-R", "older roadblock")
    return run


# ---------------------------------------------------------------- 1: a kept draft is kept


def test_a_kept_draft_survives_an_editor_that_removes_its_file(team, tmp_path, monkeypatch):
    journal = Path(os.environ["ONEONONE_DB"])
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: text before failing\n", "sys.exit(3)"))
    team.fails("log", "bob", "-e")
    [kept] = drafts(journal)
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv(
        "EDITOR",
        write_editor(
            tmp_path,
            f"""
            import os, sys, pathlib
            folder = pathlib.Path(sys.argv[1]).parent
            pathlib.Path({str(seen)!r}).write_text("\\n".join(sorted(os.listdir(folder))))
            os.remove(sys.argv[1])
            """,
            "remove.py",
        ),
    )
    err = team.fails("log", "bob", "--again", "-e")
    token = kept.name.split(".")[-2]  # (claimed by this run: renamed to its process id)
    assert token in seen.read_text()  # still there while the editor ran
    assert "cannot write" not in err and "permission" not in err
    assert "editor" in err and "nothing was logged" in err
    texts = [p.read_text() for p in drafts(journal)]
    assert any("r: text before failing" in t for t in texts), texts


def test_a_draft_offered_and_logged_goes(team, tmp_path, monkeypatch):
    journal = Path(os.environ["ONEONONE_DB"])
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: first\n", "sys.exit(3)"))
    team.fails("log", "bob", "-e")
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "m: second\n", name="ok.py"))
    team("log", "bob", "-e")
    assert drafts(journal) == []
    assert [t for _, _, t in notes_in(journal)][-2:] == ["first", "second"]


# ---------------------------------------------------------------- 6: editor errors


def test_a_bad_line_is_numbered_as_in_the_kept_draft(team, tmp_path, monkeypatch):
    journal = Path(os.environ["ONEONONE_DB"])
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: first ok\nnot prefixed\n"))
    err = team.fails("log", "alice", "-e")
    assert "line 2 has no kind" in err, err
    [kept] = drafts(journal)
    assert kept.read_text().splitlines()[1] == "not prefixed"


def test_the_resume_command_keeps_again(team, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: fine\n"))
    team("log", "alice", "-e")
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "nope\n", name="bad.py"))
    err = team.fails("log", "alice", "--again", "-e")
    assert "--again" in err.rpartition("run:")[2], err


# ---------------------------------------------------------------- 2: Ctrl-C


def test_ctrl_c_during_start_up_is_one_line(tmp_path):
    code = textwrap.dedent(
        """
        import sys
        class Stop:
            def find_spec(self, name, path=None, target=None):
                if name == "oneonone_cli.cli.app":
                    raise KeyboardInterrupt
        sys.meta_path.insert(0, Stop())
        sys.argv = ["oneonone", "due"]
        from oneonone_cli.cli.main import main
        main()
        """
    )
    env = {**os.environ, "ONEONONE_DB": str(tmp_path / "j.db"), "ONEONONE_TODAY": "2026-03-02"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 130
    assert done.stderr == "oneonone: interrupted: nothing was written\n", done.stderr


def test_ctrl_c_during_a_report_is_one_line(team, monkeypatch):
    from oneonone_cli.services import history

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    for name in dir(history):
        if not name.startswith("_") and callable(getattr(history, name)):
            monkeypatch.setattr(history, name, interrupted)
    result = team("show", "alice", code=130)
    assert result.stderr == "oneonone: interrupted: nothing was written\n", result.stderr


def test_ctrl_c_after_log_commits_says_it_was_saved(team, monkeypatch):
    from oneonone_cli.services import meetings

    real = meetings.log_meeting

    def then_interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(meetings, "log_meeting", then_interrupted)
    result = team("log", "alice", "-R", "kept", code=130)
    assert result.stderr.count("\n") == 1 and "saved" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- 3: bad data is not an output failure


def damage(sql: str) -> None:
    with closing(sqlite3.connect(os.environ["ONEONONE_DB"])) as conn:
        conn.execute(sql)
        conn.commit()


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        ("update notes set date='2026-11-31'", "date that is not a date"),
        ("update notes set tags=''", "tags"),
        ("update notes set tags='oncall'", "tags"),
        ("update notes set text=x'00ff'", "text"),
    ],
)
@pytest.mark.parametrize("args", [("show", "alice", "--all"), ("show", "alice", "--json")])
def test_a_damaged_note_is_named_not_an_output_failure(team, sql, said, args):
    damage(sql)
    err = team.fails(*args)
    assert "output" not in err, err
    assert "a note in the journal" in err and said in err, err


@pytest.mark.parametrize(
    "sql",
    [
        "update notes set date='2026-02-30'",
        "update notes set tags='oncall'",
        "update notes set text=x'00ff'",
    ],
)
def test_a_damaged_note_in_themes_is_not_an_output_failure(team, sql):
    team("log", "alice", "-R", "paged at 3am again #oncall")
    team("log", "bob", "-R", "the pager went off all night #oncall")
    damage(sql)
    err = team.fails("themes", "--kind", "all")
    assert "output could not be written" not in err, err
    assert "a note in the journal" in err, err  # named, not "unexpected error"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_an_output_failure_is_still_one(team):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*CLI, "show", "alice"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert done.returncode == 1
    assert "output could not be written" in done.stderr, done.stderr


# ---------------------------------------------------------------- 4: a failing command, one line


def test_a_failing_write_to_a_journal_others_can_read_says_only_its_error(team):
    journal = Path(os.environ["ONEONONE_DB"])
    journal.chmod(0o644)
    err = team.fails("log", "nobody", "-R", "x")  # one line: no warning beside the error
    assert "other users" not in err
    result = team("log", "alice", "-R", "fine")  # a command that succeeds still warns
    assert "other users" in result.stderr


def test_a_failing_piped_log_with_a_draft_waiting_says_only_its_error(team, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: waiting\n", "sys.exit(3)"))
    team.fails("log", "bob", "--on", "2026-02-02", "-e")
    err = team.fails("log", "bob", input="not a note line\n")
    assert "line 1 has no kind" in err
    result = team("log", "bob", input="r: fine\n")  # when it succeeds, the draft is named
    assert "never logged" in result.stderr


# ---------------------------------------------------------------- 5: exit codes and validation


@pytest.mark.parametrize(
    "args", [("--normal-weeks", "0"), ("--normal-people", "-1"), ("--normal-people", "0")]
)
def test_normal_thresholds_below_one_are_refused_like_min(team, args):
    err = team.fails("themes", *args)
    assert args[0] in err and "1 or more" in err, err


def test_an_unknown_command_with_stderr_closed_exits_2(tmp_path):
    env = {**os.environ, "ONEONONE_DB": str(tmp_path / "j.db"), "ONEONONE_TODAY": "2026-03-02"}
    done = subprocess.run(
        [*CLI, "badcmd"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, timeout=60
    )
    assert done.returncode == 2
    done = subprocess.run(["sh", "-c", shlex.join([*CLI, "badcmd"]) + " 2>&-"], env=env, timeout=60)
    assert done.returncode == 2


def test_a_lexicon_file_that_is_a_folder_is_one_line(team):
    (Path(os.environ["ONEONONE_DB"]).parent / "lexicon.json").mkdir()
    err = team.fails("themes")
    assert "lexicon.json" in err and "folder" in err, err


def test_json_with_a_prompts_subcommand_says_where_it_goes(team):
    err = team.fails("prompts", "--json", "retire", "m-meaning", code=2)
    assert "prompts show" in err, err


def test_prompts_kind_without_a_handle_is_refused(team):
    err = team.fails("prompts", "--kind", "morale", code=2)
    assert "--kind" in err and "HANDLE" in err, err
    team("prompts", "--all", "--kind", "morale")  # with --all it applies


def test_the_prompts_hint_keeps_kind(team):
    result = team("prompts", "alice", "--kind", "morale")
    assert "'oneonone prompts alice --kind morale --all'" in " ".join(result.stdout.split())


def test_a_bad_oneonone_today_says_what_to_do(team, monkeypatch):
    monkeypatch.setenv("ONEONONE_TODAY", "garbage")
    err = team.fails("due")
    assert "unset" in err, err


@pytest.mark.parametrize("sub", ["add", "retire"])
def test_a_bare_prompts_subcommand_names_prompts_show(team, sub):
    err = team.fails("prompts", sub, code=2)
    assert "prompts show" in err, err


# ---------------------------------------------------------------- 7: themes show of a quiet theme


def test_themes_show_of_a_known_theme_with_no_notes_is_empty(team):
    assert team.json("themes", "show", "burnout") == []
    result = team("themes", "show", "burnout")
    assert "no notes" in result.stderr.lower() and "burnout" in result.stderr


def test_themes_show_of_an_unknown_key_stays_an_error(team):
    err = team.fails("themes", "show", "no-such-theme-at-all", "--json")
    assert "no-such-theme-at-all" in err
