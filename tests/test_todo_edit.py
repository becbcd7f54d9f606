"""`todo edit ID [TEXT]` (issue 15, "fix anything, lose nothing"): a follow-up's text, given,
piped, or in $EDITOR, open or done; text that cannot be saved is kept and the message says
where; nothing else of the follow-up moves."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from oneonone_cli.cli.editor import marked_text
from oneonone_cli.messages import TODO_EDIT_MARKER


def follow_ups(db):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT * FROM follow_ups ORDER BY id").fetchall()


@pytest.fixture
def agreed(run):
    run("add", "bob")
    run("log", "bob", "--on", "2026-02-09", "-R", "slow review", "-T", "ask platfrom for a date")
    run("todo", "add", "bob", "share the staff engineer doc")  # #2, outside a 1:1
    return run


def test_edit_with_text_changes_only_the_text(agreed, journal):
    before = follow_ups(journal)
    out = agreed("todo", "edit", "1", "ask platform for a date").stdout
    assert out == "Follow-up #1 with bob: ask platform for a date\n"
    after = follow_ups(journal)
    assert after[0] == (*before[0][:3], "ask platform for a date", *before[0][4:])
    assert after[1:] == before[1:]
    assert [f["text"] for f in agreed.json("todo", "bob")][0] == "ask platform for a date"
    assert agreed.json("prep", "bob")["follow_ups"][0]["text"] == "ask platform for a date"


def test_edit_takes_a_hash_id_and_trims(agreed):
    assert agreed("todo", "edit", "#2", "  share the doc  ").stdout == (
        "Follow-up #2 with bob: share the doc\n"
    )


def test_a_done_follow_up_can_be_edited_and_stays_done(agreed, journal):
    agreed("todo", "done", "1")
    out = agreed("todo", "edit", "1", "asked platform for a date").stdout
    assert out == "Follow-up #1 with bob (done 2026-03-02): asked platform for a date\n"
    assert follow_ups(journal)[0][5] == "2026-03-02"


def test_the_same_text_writes_nothing(agreed, journal):
    before = follow_ups(journal)
    out = agreed("todo", "edit", "1", "ask platfrom for a date ").stdout
    assert out == "Follow-up #1 is unchanged: nothing was written.\n"
    assert follow_ups(journal) == before


def test_json_gives_the_follow_up_as_todo_does(agreed):
    edited = agreed.json("todo", "edit", "1", "ask platform")
    assert edited == {
        "id": 1,
        "person": "bob",
        "age_days": 21,
        "text": "ask platform",
        "added": "2026-02-09",
        "done": None,
        "meeting_id": 1,
    }
    assert list(edited) == list(agreed.json("todo")[0])


def test_refusals_write_nothing(agreed, journal):
    before = follow_ups(journal)
    assert agreed.fails("todo", "edit", "9", "x").startswith("oneonone: no follow-up 9 in")
    assert agreed.fails("todo", "edit", "x1", "x", code=2).startswith("oneonone: ")
    assert agreed.fails("todo", "edit", "1", "  ") == (
        "oneonone: the new text of follow-up #1 is empty: nothing was changed ('oneonone todo rm"
        " 1' removes a follow-up, 'oneonone todo done 1' marks it done)"
    )
    assert "10,001 characters" in agreed.fails("todo", "edit", "1", "x" * 10_001)
    assert agreed.fails("todo", "edit", "1", input="", code=2).startswith(
        "oneonone: no text for follow-up #1: give it ('todo edit ID TEXT'), pipe it in"
    )
    assert follow_ups(journal) == before
    agreed("todo", "edit", "1", "y" * 10_000)  # the limit itself is a follow-up


def test_edit_reads_the_text_piped_on_stdin(agreed):
    out = agreed("todo", "edit", "2", input="share the doc by Friday\n").stdout
    assert out == "Follow-up #2 with bob: share the doc by Friday\n"


# ------------------------------------------------------------------ the editor


def editor_script(tmp_path, body: str) -> str:
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path).read()\n" + body, encoding="utf-8"
    )
    return f"{sys.executable} {script}"


def drafts(journal):
    folder = journal.parent / "drafts"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_the_editor_opens_on_the_text_and_saves_it(agreed, tmp_path, monkeypatch, journal):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            f"open({str(seen)!r}, 'w').write(text)\n"
            "open(path, 'w').write(text.replace('platfrom', 'platform'))\n",
        ),
    )
    out = agreed("todo", "edit", "1", "-e").stdout
    assert out == "Follow-up #1 with bob: ask platform for a date\n"
    assert seen.read_text() == (
        "#! Editing follow-up #1 with bob, added 2026-02-09.\n"
        "#! Save to change its text; save it empty, or unchanged, to leave it as it is.\n"
        f"{TODO_EDIT_MARKER}\nask platfrom for a date\n"
    )
    assert drafts(journal) == []  # the editor's file goes


def test_the_editor_at_a_terminal_without_e(agreed, tmp_path, monkeypatch):
    monkeypatch.setattr("oneonone_cli.cli.fix.at_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'a').write(' soon\\n')\n"))
    assert agreed("todo", "edit", "2").stdout.endswith("share the staff engineer doc\n soon\n")


def test_editor_left_unchanged_or_emptied_changes_nothing(agreed, tmp_path, monkeypatch, journal):
    before = follow_ups(journal)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))
    assert agreed("todo", "edit", "1", "-e").stdout == (
        "Follow-up #1 is unchanged: nothing was written.\n"
    )
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').write('#! x\\n\\n')\n"))
    result = agreed("todo", "edit", "1", "-e")
    assert result.stderr == "Follow-up #1 was left as it is: the text was saved empty.\n"
    assert follow_ups(journal) == before and drafts(journal) == []


def test_text_that_cannot_be_saved_is_kept_and_applied_from_the_file(
    agreed, tmp_path, monkeypatch, journal
):
    before = follow_ups(journal)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').write('z' * 10001)\n"))
    err = agreed.fails("todo", "edit", "1", "-e")
    (kept,) = [journal.parent / "drafts" / n for n in drafts(journal)]
    assert kept.name.startswith("journal.todo-1-kept-") and kept.suffix == ".txt"
    assert kept.read_text() == "z" * 10001 + "\n"
    assert err.startswith("oneonone: the follow-up is 10,001 characters long")
    assert f"follow-up #1 was not changed; your text is kept in {kept}" in err
    assert err.endswith(f"(to apply it: oneonone --db {journal} todo edit 1 < {kept})")
    assert follow_ups(journal) == before
    assert "never logged" not in agreed("log", "bob", "-R", "x").stderr  # not log's draft
    kept.write_text("ask platform for a date, short\n")  # the manager shortens it
    with open(kept, "rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "oneonone_cli", "todo", "edit", "1"],
            stdin=stdin,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Follow-up #1 with bob: ask platform for a date, short\n"
    assert not kept.exists()


def test_a_follow_up_changed_meanwhile_is_not_overwritten(agreed, tmp_path, monkeypatch, journal):
    """Another command changes it while the editor is open: the save writes nothing, the
    typed text is kept."""
    other = f"{sys.executable} -m oneonone_cli todo edit 1 'changed by another'"
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            f"import subprocess\nsubprocess.run({other!r}, shell=True, check=True)\n"
            "open(path, 'w').write(text.replace('platfrom', 'mine'))\n",
        ),
    )
    err = agreed.fails("todo", "edit", "1", "-e")
    assert err.startswith("oneonone: follow-up #1 was changed by another command while you")
    assert follow_ups(journal)[0][3] == "changed by another"
    (kept,) = [journal.parent / "drafts" / n for n in drafts(journal)]
    assert kept.read_text() == "ask mine for a date\n"


def test_a_follow_up_removed_meanwhile_keeps_the_text(agreed, tmp_path, monkeypatch, journal):
    other = f"{sys.executable} -m oneonone_cli todo rm 2 --yes"
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            f"import subprocess\nsubprocess.run({other!r}, shell=True, check=True)\n"
            "open(path, 'w').write('my new words')\n",
        ),
    )
    err = agreed.fails("todo", "edit", "2", "-e")
    assert "was removed by another command" in err and "('oneonone trash' lists" in err
    (kept,) = [journal.parent / "drafts" / n for n in drafts(journal)]
    assert kept.read_text() == "my new words\n"
    # Kept as gone: a follow-up that takes ID 2 again (the highest ID is reused once removed
    # for good) is never offered it (a reviewer applied the removed one's text over a new one).
    assert ".todo-2-gone-" in kept.name
    agreed("trash", "empty", "--yes")
    agreed("todo", "add", "bob", "an unrelated new one")
    assert [f[0] for f in follow_ups(journal)] == [1, 2]
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv(
        "EDITOR", editor_script(tmp_path, f"open({str(seen)!r}, 'w').write(open(path).read())\n")
    )
    agreed("todo", "edit", "2", "-e")
    assert "an unrelated new one" in seen.read_text()
    assert "my new words" not in seen.read_text()


def test_an_unreadable_earlier_edit_is_not_offered_and_blocks_nothing(
    agreed, tmp_path, monkeypatch, journal
):
    """A sealed draft that cannot be read (another key, junk) made every later edit fail,
    leaving an empty editor file each time (a reviewer)."""
    junk = journal.parent / "drafts" / f"{journal.stem}.todo-1-kept-x.draft"
    junk.parent.mkdir(parents=True, exist_ok=True)
    junk.write_bytes(b"not a sealed draft")
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'a').write('!')\n"))
    agreed("todo", "edit", "1", "-e")
    assert follow_ups(journal)[0][3].startswith("ask platfrom for a date")
    assert sorted(drafts(journal)) == [junk.name]  # left for the manager; no editor file left


def test_an_editor_that_fails_keeps_what_was_typed(agreed, tmp_path, monkeypatch, journal):
    monkeypatch.setenv(
        "EDITOR", editor_script(tmp_path, "open(path, 'w').write('typed')\nsys.exit(3)\n")
    )
    err = agreed.fails("todo", "edit", "1", "-e")
    assert "your text is kept in" in err
    (kept,) = [journal.parent / "drafts" / n for n in drafts(journal)]
    assert kept.read_text() == "typed\n"
    assert follow_ups(journal)[0][3] == "ask platfrom for a date"


# ------------------------------------------------------------------ the editor file's text


def typed_text(text: str) -> str:
    """The follow-up as `todo edit` reads it from its editor file."""
    return marked_text(text, TODO_EDIT_MARKER)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_what_follows_the_marker_is_the_text_as_typed(body):
    assume(not body.endswith("\r"))  # the file's own line break, as `note edit` reads it
    head = "#! Editing follow-up #1 with bob, added 2026-02-09.\n"
    assert typed_text(f"{head}{TODO_EDIT_MARKER}\n{body}\n") == body


@given(st.lists(st.text(alphabet="ab #!\t", max_size=8), max_size=5))
def test_without_the_marker_only_the_hash_bang_lines_go(lines):
    text = "".join(line + "\n" for line in lines)
    expected = "".join(line + "\n" for line in lines if not line.startswith("#!"))
    assert typed_text(text) == expected.removesuffix("\n")


# ------------------------------------------------------------------ earlier edits, encryption


def killed_edit(journal, fid: int, typed: str):
    """The editor file a `todo edit` killed with kill -9 leaves (its process is gone)."""
    folder = journal.parent / "drafts"
    folder.mkdir(mode=0o700, exist_ok=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    ).stdout.strip()
    path = folder / f"journal.todo-{fid}-edit-{dead}-x1.txt"
    path.write_text(f"#! Editing follow-up #{fid}\n{TODO_EDIT_MARKER}\n{typed}\n")
    return path


def test_a_killed_edit_is_offered_next_time_and_goes_once_saved(
    agreed, tmp_path, monkeypatch, journal
):
    left = killed_edit(journal, 1, "ask platform for a date, by Friday")
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            f"open({str(seen)!r}, 'w').write(text)\n"
            "open(path, 'w').write(text.replace('Friday', 'Monday'))\n",
        ),
    )
    out = agreed("todo", "edit", "1", "-e").stdout
    assert out == "Follow-up #1 with bob: ask platform for a date, by Monday\n"
    shown = seen.read_text()
    assert f"kept in\n#!   {left.name}\n" in shown
    assert "#!   ask platfrom for a date\n" in shown  # the text now, quoted
    assert shown.endswith(f"{TODO_EDIT_MARKER}\nask platform for a date, by Friday\n")
    assert drafts(journal) == []


def test_an_offered_edit_saved_unchanged_is_not_applied_and_stays(
    agreed, tmp_path, monkeypatch, journal
):
    left = killed_edit(journal, 1, "old words")
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))
    result = agreed("todo", "edit", "1", "-e")
    assert result.stderr.startswith(
        "Follow-up #1 was left as it is: the earlier edit was not changed, so it was not applied"
    )
    assert follow_ups(journal)[0][3] == "ask platfrom for a date"
    assert drafts(journal) == [left.name]
    # another follow-up's edit never offers it
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'a').write('!')\n"))
    assert agreed("todo", "edit", "2", "-e").stdout.endswith("engineer doc\n!\n")
    assert drafts(journal) == [left.name]


def test_on_an_encrypted_journal_kept_text_is_sealed_and_applied(
    agreed, tmp_path, monkeypatch, journal, keyring_memory
):
    pytest.importorskip("sqlcipher3")
    left = killed_edit(journal, 2, "plaintext of a killed edit")
    out = agreed("encrypt").stdout
    assert "1 draft in drafts/ is now encrypted too." in out
    assert not left.exists()
    (sealed,) = [journal.parent / "drafts" / n for n in drafts(journal)]
    assert sealed.suffix == ".draft" and b"plaintext of a killed" not in sealed.read_bytes()
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').write('z' * 10001)\n"))
    err = agreed.fails("todo", "edit", "1", "-e")
    kept = [journal.parent / "drafts" / n for n in drafts(journal) if "todo-1-kept" in n]
    assert len(kept) == 1 and kept[0].suffix == ".draft"
    assert b"zzzz" not in kept[0].read_bytes() and f"kept in {kept[0]}" in err
    # the sealed text of follow-up 2 is offered, read with the journal's key
    monkeypatch.setenv(
        "EDITOR", editor_script(tmp_path, "open(path, 'w').write(text + 'and more')\n")
    )
    out = agreed("todo", "edit", "2", "-e").stdout
    assert out == "Follow-up #2 with bob: plaintext of a killed edit\nand more\n"
    assert [n for n in drafts(journal) if "todo-2" in n] == []


def test_with_no_room_to_keep_it_the_editor_file_stays_and_is_offered_next(
    agreed, tmp_path, monkeypatch, journal
):
    """A full disk: the text stays in the editor's own file, and the message says what
    reopens it (an outside tester found it said nothing of what to do)."""
    from oneonone_cli.cli import editor

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    room = editor.write_private
    monkeypatch.setattr(editor, "write_private", no_room)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "open(path, 'w').write('z' * 10001)\n"))
    err = agreed.fails("todo", "edit", "1", "-e")
    (left,) = [journal.parent / "drafts" / n for n in drafts(journal)]
    assert ".todo-1-edit-" in left.name
    assert err.endswith(f"('oneonone --db {journal} todo edit 1 -e' reopens it once there is room)")
    monkeypatch.setattr(editor, "write_private", room)  # room again
    # As when that run has ended: its pid (this test's, still running) made one that is gone.
    left.rename(left.with_name(left.name.replace(f"-edit-{os.getpid()}-", "-edit-999999999-")))
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv(
        "EDITOR",
        editor_script(tmp_path, f"open({str(seen)!r}, 'w').write(open(path).read())\n"),
    )
    # The next edit, in a process of its own (this one's pid still runs: its files are live).
    done = subprocess.run(
        [sys.executable, "-m", "oneonone_cli", "todo", "edit", "1", "-e"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr  # offered, saved unchanged: not applied, it stays
    assert "z" * 10001 in seen.read_text()


def test_a_folder_where_an_editor_file_was_never_blocks_the_next_edit(agreed, tmp_path, journal):
    """An editor that replaced its file with a folder: every later `todo edit ID -e` failed on
    it (an outside tester). Only regular files are earlier edits."""
    folder = journal.parent / "drafts" / f"{journal.stem}.todo-1-edit-999999999-x.txt"
    folder.mkdir(parents=True)
    done = subprocess.run(
        [sys.executable, "-m", "oneonone_cli", "todo", "edit", "1", "-e"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "EDITOR": editor_script(tmp_path, "open(path, 'a').write(' now')\n")},
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.startswith("Follow-up #1 with bob: ask platfrom for a date")
        and "now" in done.stdout
    )
