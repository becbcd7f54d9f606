"""Found by an outside tester (issue 15): `note edit` in the editor must never overwrite a note
changed or replaced meanwhile, never mangle the text it opened on, and never leave a draft
behind. Each test failed before its fix."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing

import pytest

ONCALL = [
    ("alice", "2026-01-05", "roadblock", "paged at night again, #oncall alerts are noise"),
    ("bob", "2026-01-14", "roadblock", "code review queue is slow again"),
    ("chen", "2026-02-16", "morale", "proud of the launch"),
]


@pytest.fixture
def team(run):
    for handle in ("alice", "bob", "chen"):
        run("add", handle)
    for handle, day, kind, text in ONCALL:
        run("log", handle, "--on", day, "-R" if kind == "roadblock" else "-M", text)
    return run


def editor_script(tmp_path, body: str) -> str:
    """An $EDITOR running `body` with `path` (its file), `text` (what it opened on) and
    `oneonone(*args)` (another oneonone process on the same journal, while it is open)."""
    script = tmp_path / "ed.py"
    script.write_text(
        "import os, subprocess, sys\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8', newline='').read()\n"
        "def oneonone(*args):\n"
        f"    subprocess.run([{sys.executable!r}, '-m', 'oneonone_cli', *args], check=True,"
        " capture_output=True)\n" + body,
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def note_row(db, note_id: int):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT person, date, kind, text FROM notes WHERE id = ?", [note_id]
        ).fetchone()


def drafts(journal) -> list:
    folder = journal.parent / "drafts"
    return sorted(folder.iterdir()) if folder.exists() else []


# ------------------------------------------------------------------ 1, 2: lost updates


def test_a_removed_note_whose_id_went_to_a_new_note_is_not_overwritten(
    team, tmp_path, monkeypatch, journal
):
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            "oneonone('note', 'rm', '3', '--yes')\n"
            "oneonone('log', 'bob', '-F', 'great incident write-up')\n"
            "open(path, 'w').write(text.rstrip() + ' and the demo')\n",
        ),
    )
    err = team.fails("note", "edit", "3", "-e")
    assert note_row(journal, 3) == ("bob", "2026-03-02", "feedback", "great incident write-up")
    assert err.startswith(
        "oneonone: note #3 was removed while it was in the editor (#3 may now be another note):"
        " your text was not saved; it is kept in "
    )
    assert "note edit 3 <" not in err  # that would overwrite bob's note
    assert "'oneonone trash' lists removed notes" in err
    (kept,) = drafts(journal)
    assert kept.read_text() == "proud of the launch and the demo\n"
    assert str(kept) in err
    # The next edit of #3 (bob's note now) never offers the text meant for the removed one.
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, f"open({str(seen)!r}, 'w').write(text)\n"))
    team("note", "edit", "3", "-e")
    assert "and the demo" not in seen.read_text(encoding="utf-8")
    assert note_row(journal, 3) == ("bob", "2026-03-02", "feedback", "great incident write-up")


def test_a_note_edited_by_another_command_meanwhile_is_not_overwritten(
    team, tmp_path, monkeypatch, journal
):
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            "oneonone('note', 'edit', '1', '--text', 'X')\n"
            "open(path, 'w').write(text.replace('noise', 'noise, mine'))\n",
        ),
    )
    err = team.fails("note", "edit", "1", "-e")
    assert note_row(journal, 1)[3] == "X"
    assert err.startswith(
        "oneonone: note #1 was changed by another command while it was in the editor:"
        " your text was not saved; it is kept in "
    )
    (kept,) = drafts(journal)
    assert f"note edit 1 < {kept}" in err
    assert kept.read_text() == ONCALL[0][3].replace("noise", "noise, mine") + "\n"


@pytest.mark.parametrize(
    "meanwhile",
    [("note", "kind", "1", "morale"), ("note", "move", "1", "--to", "bob")],
)
def test_a_note_moved_or_rekinded_meanwhile_is_changed_not_gone(
    team, tmp_path, monkeypatch, journal, meanwhile
):
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path, f"oneonone(*{meanwhile!r})\nopen(path, 'w').write(text.rstrip() + '!')\n"
        ),
    )
    err = team.fails("note", "edit", "1", "-e")
    assert "note #1 was changed by another command" in err
    assert note_row(journal, 1)[3] == ONCALL[0][3]
    # The hint names who has the note now (a re-test found it named alice after the move).
    assert f"'oneonone show {note_row(journal, 1)[0]}'" in err


def test_an_edit_with_no_change_meanwhile_is_saved(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            "oneonone('note', 'edit', '2', '--text', 'someone else')\n"  # another note
            "open(path, 'w').write(text.rstrip() + ' (fixed)')\n",
        ),
    )
    assert team("note", "edit", "1", "-e").stdout.startswith("Edited note #1")
    assert note_row(journal, 1)[3] == ONCALL[0][3] + " (fixed)"
    assert drafts(journal) == []


# ------------------------------------------------------------------ 3: the text as it is

KEPT_AS_IS = "trailing spaces\n\n\nmiddle blank\n  indented line\n#! typed by me\n# a heading"


def test_an_unchanged_save_keeps_line_breaks_and_hash_lines_and_writes_nothing(
    team, tmp_path, monkeypatch, journal
):
    team("note", "edit", "2", "--text", KEPT_AS_IS)
    assert note_row(journal, 2)[3] == KEPT_AS_IS
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))
    assert team("note", "edit", "2", "-e").stdout == "Note #2 is unchanged: nothing was written.\n"
    assert note_row(journal, 2)[3] == KEPT_AS_IS
    assert drafts(journal) == []


def test_an_edited_text_is_saved_exactly_as_typed(team, tmp_path, monkeypatch, journal):
    team("note", "edit", "2", "--text", KEPT_AS_IS)
    monkeypatch.setenv(
        "EDITOR",
        editor_script(tmp_path, "open(path, 'w').write(text + '   #!/bin/sh too\\n#!x\\n')\n"),
    )
    team("note", "edit", "2", "-e")
    assert note_row(journal, 2)[3] == KEPT_AS_IS + "\n   #!/bin/sh too\n#!x"


def test_only_the_template_above_the_marker_line_is_left_out(team, tmp_path, monkeypatch):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, f"open({str(seen)!r}, 'w').write(text)\n"))
    team("note", "edit", "1", "-e")
    lines = seen.read_text().splitlines()
    assert lines[-1] == ONCALL[0][3]
    assert lines[-2].startswith("#! ---- the note's text is below this line")
    assert all(len(line) <= 80 for line in lines[:-1])
    assert all(line.startswith("#!") for line in lines[:-1])


# ------------------------------------------------------------------ 6: small


def test_an_empty_save_leaves_no_draft_behind(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').close()\n"))
    result = team("note", "edit", "1", "-e")
    assert "The edited text was empty: note #1 is unchanged" in result.stderr
    assert drafts(journal) == []


def test_a_killed_editor_is_named_by_its_signal(team, tmp_path, monkeypatch, journal):
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            "import signal\nopen(path, 'w').write(text + ' more')\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n",
        ),
    )
    err = team.fails("note", "edit", "1", "-e")
    assert err.startswith("oneonone: the editor was killed by SIGKILL: note #1 is unchanged;")
    assert note_row(journal, 1)[3] == ONCALL[0][3]


# ------------------------------------------------------------------ 4: encrypted drafts


def test_a_killed_edit_on_an_encrypted_journal_is_sealed_offered_and_applied(tmp_path):
    from test_editor_flow import KILL_PARENT, Lab, write_editor

    lab = Lab(tmp_path / "lab", encrypted=True)
    lab.run("note", "edit", "1", "-e", EDITOR=lab.editor("KILLEDSECRET\n", KILL_PARENT))
    assert lab.plaintext_left("KILLEDSECRET")  # the killed run's editor file
    seen = tmp_path / "seen.txt"
    empty = write_editor(
        tmp_path,
        f"import sys, shutil\nshutil.copy(sys.argv[1], {str(seen)!r})\n"
        "open(sys.argv[1], 'w').close()\n",
        "empty.py",
    )
    err = lab.run("note", "edit", "1", "-e", EDITOR=empty).stderr
    assert "The text of the earlier edit is still kept in " in err
    assert lab.plaintext_left("KILLEDSECRET") == []  # sealed before the editor opened
    (sealed,) = sorted((lab.journal.parent / "drafts").iterdir())
    assert sealed.suffix == ".draft" and ".note-1-kept-" in sealed.name
    offered = seen.read_text()
    assert offered.endswith("OLDSECRET roadblock\nKILLEDSECRET\n")
    assert "#!   OLDSECRET roadblock\n" in offered  # the note as it reads now
    seen.unlink()
    # Saved as it is (or quit), the offered text is not applied: it could overwrite what
    # another command wrote since (an outside re-test found it did).
    err = lab.run("note", "edit", "1", "-e", EDITOR=write_editor(tmp_path, "pass\n", "keep.py"))
    assert "was left as it is" in err.stderr and "KILLEDSECRET" not in lab.logged()
    assert len(list((lab.journal.parent / "drafts").iterdir())) == 1
    more = write_editor(
        tmp_path, "import sys\nopen(sys.argv[1], 'a').write('MORE\\n')\n", "more.py"
    )
    out = lab.ok("note", "edit", "1", "-e", EDITOR=more)
    assert out.startswith("Edited note #1")  # edited, the offered text is applied
    assert "OLDSECRET roadblock\nKILLEDSECRET\nMORE" in lab.logged()
    assert list((lab.journal.parent / "drafts").iterdir()) == []


def test_a_sealed_kept_edit_names_its_command_and_applies_from_stdin_too(tmp_path):
    import subprocess

    from test_editor_flow import CLI, Lab, cli_env, write_editor

    lab = Lab(tmp_path / "lab", encrypted=True)
    meanwhile = write_editor(
        tmp_path,
        f"""import subprocess, sys
subprocess.run([*{CLI!r}, "note", "edit", "1", "--text", "X"], check=True)
open(sys.argv[1], "a").write("NEWSECRET\\n")
""",
    )
    err = lab.run("note", "edit", "1", "-e", EDITOR=meanwhile).stderr
    assert "note #1 was changed by another command" in err
    (sealed,) = (lab.journal.parent / "drafts").iterdir()
    assert sealed.suffix == ".draft" and lab.plaintext_left("NEWSECRET") == []
    assert err.endswith(" note edit 1 -e)\n")  # the command that reopens it
    with open(sealed, "rb") as stdin:  # the file named in the message, as the manager would
        done = subprocess.run(
            [*CLI, "note", "edit", "1"],
            stdin=stdin,
            capture_output=True,
            text=True,
            env=cli_env(lab.journal, lab.tmpdir, **lab.extra),
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert "OLDSECRET roadblock\nNEWSECRET" in lab.logged() and not sealed.exists()


# ------------------------------------------------------------------ 5: rename and log's drafts


def test_rename_gives_the_kept_log_drafts_to_the_new_handle(team, tmp_path, monkeypatch, journal):
    from test_editor_flow import notes_in, typing_editor

    monkeypatch.setenv("EDITOR", typing_editor(tmp_path, "r: typed for alice\nasked: m-nope\n"))
    team.fails("log", "alice", "--on", "2026-02-02", "-e")
    (kept,) = drafts(journal)
    assert ".alice.2026-02-02.kept." in kept.name
    assert team("rename", "alice", "al").stdout.startswith("Renamed alice")
    (kept,) = drafts(journal)
    assert ".al.2026-02-02.kept." in kept.name
    seen = tmp_path / "seen.txt"
    fix = editor_script(
        tmp_path,
        f"open({str(seen)!r}, 'w').write(text)\n"
        "open(path, 'w').write(text.replace('asked: m-nope', ''))\n",
    )
    monkeypatch.setenv("EDITOR", fix)
    team("log", "al", "--on", "2026-02-02", "-e")
    assert "r: typed for alice" in seen.read_text()  # offered to al
    assert ("2026-02-02", "roadblock", "typed for alice") in notes_in(journal)
    assert drafts(journal) == []


# ------------------------------------------------------------------ 7, 8: log's editor drafts


def test_a_kept_log_draft_replays_with_the_signals_given(team, tmp_path, monkeypatch, journal):
    import shlex
    import subprocess

    from test_editor_flow import CLI

    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'a').write('bad line\\n')\n"))
    err = team.fails("log", "chen", "--mood", "4", "--talk", "30", "--no-status", "-e")
    command = err.split("then run: ", 1)[1]
    assert " log chen --on 2026-03-02 --mood 4 --talk 30 --no-status < " in command
    (kept,) = drafts(journal)
    kept.write_text("m: fine after all\n")
    args = shlex.split(command.split(" < ")[0])[1:]
    with open(kept, "rb") as stdin:
        done = subprocess.run([*CLI, *args], stdin=stdin, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (meeting,) = [m for m in team.json("show", "chen") if m["date"] == "2026-03-02"]
    assert (meeting["mood"], meeting["talk"], meeting["status_update"]) == (4, 30, False)


def test_an_empty_editor_with_signals_points_to_no_notes(team, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').close()\n"))
    err = team("log", "chen", "--mood", "2", "--status", "-e").stderr
    assert "Nothing to log: no notes were given, so nothing was written; to record the 1:1" in err
    assert err.endswith(" log chen --on 2026-03-02 --no-notes --mood 2 --status\n"), err


def test_an_offered_draft_saved_unchanged_is_logged(team, tmp_path, monkeypatch, journal):
    from test_editor_flow import notes_in

    monkeypatch.setenv(
        "EDITOR", editor_script(tmp_path, "open(path, 'a').write('r: mine\\nx\\n')\n")
    )
    team.fails("log", "chen", "-e")
    (kept,) = drafts(journal)
    kept.write_text("r: mine\n")  # fixed by hand, then offered by the next log
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))
    assert team("log", "chen", "-e").stdout.startswith("Logged")
    assert ("2026-03-02", "roadblock", "mine") in notes_in(journal)
    assert drafts(journal) == []


def test_encrypt_seals_the_plaintext_note_edit_drafts_too(tmp_path):
    from keyrings import file_keyring
    from test_editor_flow import KILL_PARENT, Lab, write_editor

    lab = Lab(tmp_path / "lab")
    lab.run("note", "edit", "1", "-e", EDITOR=lab.editor("KILLEDSECRET\n", KILL_PARENT))
    long = write_editor(tmp_path, "import sys\nopen(sys.argv[1], 'w').write('KEPT' * 3000)\n")
    lab.ok("log", "alice", "-R", "a second note")
    lab.run("note", "edit", "2", "-e", EDITOR=long)
    assert len(list((lab.journal.parent / "drafts").iterdir())) == 2
    lab.extra = file_keyring(tmp_path / "lab")
    assert "2 drafts in drafts/ are now encrypted too" in lab.ok("encrypt")
    for backup in (lab.journal.parent / "backups").glob("*"):
        backup.unlink()
    assert lab.plaintext_left("KILLEDSECRET", "KEPTKEPT") == []
    assert all(p.suffix == ".draft" for p in (lab.journal.parent / "drafts").iterdir())


# ------------------------------------------------------------------ found by the re-test


def test_a_kept_edit_reopened_and_quit_leaves_the_note_as_it_is(
    team, tmp_path, monkeypatch, journal
):
    folder = journal.parent / "drafts"
    folder.mkdir(exist_ok=True)
    kept = folder / f"{journal.stem}.note-1-kept-abc.txt"
    kept.write_text("STALE EDIT\n", encoding="utf-8")
    before = note_row(journal, 1)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))  # quits, file as it was
    err = team("note", "edit", "1", "-e").stderr
    assert "was left as it is" in err and "note edit 1 <" in err
    assert note_row(journal, 1) == before and kept.exists()


def test_the_text_of_an_edit_whose_note_was_removed_is_never_offered(
    team, tmp_path, monkeypatch, journal
):
    folder = journal.parent / "drafts"
    folder.mkdir(exist_ok=True)
    (folder / f"{journal.stem}.note-1-gone-abc.txt").write_text("FOR THE OLD NOTE\n", "utf-8")
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, f"open({str(seen)!r}, 'w').write(text)\n"))
    team("note", "edit", "1", "-e")
    assert "FOR THE OLD NOTE" not in seen.read_text(encoding="utf-8")
    assert note_row(journal, 1)[3] == ONCALL[0][3]


@pytest.mark.parametrize("name", ["note-1-edit-999999999-x.txt", "note-1-kept-x.txt"])
def test_a_folder_named_like_an_earlier_edit_is_not_one(team, tmp_path, monkeypatch, journal, name):
    """An editor that left a folder where its file was (found for `todo edit`): `note edit`
    reads only regular files as earlier edits, and edits as if there were none."""
    (journal.parent / "drafts" / f"{journal.stem}.{name}").mkdir(parents=True)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'a').write('more\\n')\n"))
    team("note", "edit", "1", "-e")
    assert note_row(journal, 1)[3].endswith("more")


def test_a_folder_named_like_a_log_draft_is_not_one(team, journal):
    folder = journal.parent / "drafts" / f"{journal.stem}.alice.2026-03-01.kept.x.txt"
    folder.mkdir(parents=True)
    assert "draft" not in team("log", "alice", "-R", "fine").stderr


@pytest.mark.parametrize("what", ["fifo", "folder"])
@pytest.mark.parametrize(
    "command", [("note", "edit", "1", "-e"), ("todo", "edit", "1", "-e"), ("log", "bob", "-e")]
)
def test_an_editor_that_leaves_no_file_in_its_place_is_one_line_never_a_hang(
    team, tmp_path, journal, what, command
):
    """An editor that put a named pipe where its file was hung every editing command for good,
    Ctrl-C and SIGTERM too (an outside tester); a folder said 'check the path'."""
    import os
    import subprocess

    team("todo", "add", "bob", "book the room")
    make = "os.mkfifo(path)" if what == "fifo" else "os.mkdir(path)"
    script = tmp_path / "swap.py"
    script.write_text(f"import os, sys\npath = sys.argv[1]\nos.remove(path)\n{make}\n")
    done = subprocess.run(
        [sys.executable, "-m", "oneonone_cli", *command],
        env={**os.environ, "EDITOR": f"{sys.executable} {script}"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "was not a file when the editor closed" in done.stderr
    assert drafts(journal) == []  # nothing typed, nothing kept; the pipe or folder gone
