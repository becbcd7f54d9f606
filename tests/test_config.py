"""The settings file: config path/show/set/unset, what each setting changes, precedence
(option > environment > file > built-in), broken files, atomic writes, and its TOML."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_cli import config
from oneonone_cli.cli.editor import editor_command


@pytest.fixture
def settings_file(tmp_path) -> Path:
    return Path(os.environ["ONEONONE_CONFIG"])


def shown(run) -> dict[str, tuple[str, str]]:
    return {r["key"]: (r["value"], r["source"]) for r in run.json("config", "show")}


# ---------------------------------------------------------------- where, show, set, unset


def test_config_path_follows_oneonone_config(run, settings_file):
    assert run("config", "path").stdout == f"{settings_file}\n"
    assert not settings_file.exists()  # naming it creates nothing


def test_the_default_path_is_in_the_platform_config_folder(run, tmp_path, monkeypatch):
    monkeypatch.delenv("ONEONONE_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    expected = tmp_path / "xdg-config" / "oneonone" / "config.toml"
    assert run("config", "path").stdout == f"{expected}\n"


def test_an_empty_oneonone_config_is_an_error(run, monkeypatch):
    monkeypatch.setenv("ONEONONE_CONFIG", "")
    assert "ONEONONE_CONFIG is set but empty" in run.fails("config", "path")


def test_show_lists_every_setting_with_its_default(run, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    assert shown(run) == {
        "editor": (editor_command({})[0], "default"),  # vi or nano: the one that runs
        "color": ("auto", "default"),
        "themes.since": ("30d", "default"),
        "cadence.report": ("1w", "default"),
        "cadence.skip-level": ("1m", "default"),
        "cadence.teammate": ("2w", "default"),
        "cadence.peer": ("1m", "default"),
        "cadence.cross-team": ("6w", "default"),
    }


def test_set_writes_the_canonical_value_and_show_says_so(run, settings_file, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    out = run("config", "set", "cadence.peer", "every 2 weeks").stdout
    assert out == f"cadence.peer = 2w (in {settings_file})\n"
    assert tomllib.loads(settings_file.read_text()) == {"cadence": {"peer": "2w"}}
    run("config", "set", "color", "NEVER")
    run("config", "set", "themes.since", "90d")
    assert tomllib.loads(settings_file.read_text()) == {
        "color": "never",
        "themes": {"since": "90d"},
        "cadence": {"peer": "2w"},
    }
    assert shown(run)["cadence.peer"] == ("2w", "file")
    assert shown(run)["color"] == ("never", "file")


def test_show_says_the_environment_wins(run, monkeypatch):
    run("config", "set", "editor", "true")
    monkeypatch.setenv("EDITOR", "nano -w")
    monkeypatch.delenv("NO_COLOR")
    assert shown(run)["editor"] == ("nano -w", "EDITOR")
    assert shown(run)["color"] == ("auto", "default")
    monkeypatch.setenv("NO_COLOR", "1")
    assert shown(run)["color"] == ("never", "NO_COLOR")


def test_show_as_a_table_fits_80_columns(run, settings_file):
    from tables import drawn

    run("config", "set", "themes.since", "90d")
    title, headers, _, rows = drawn(run, "config", "show")
    assert str(settings_file) in " ".join(title)
    assert headers == ["Key", "Value", "From"]
    assert ["themes.since", "90d", "config file"] in rows
    assert ["editor", "$VISUAL, $EDITOR, then vi or nano", "default"] in rows


def test_unset_goes_back_to_the_default(run, settings_file):
    run("config", "set", "cadence.report", "2w")
    run("config", "set", "color", "never")
    assert "back to its default" in run("config", "unset", "cadence.report").stdout
    assert tomllib.loads(settings_file.read_text()) == {"color": "never"}
    assert "was not set" in run("config", "unset", "cadence.report").stdout


def test_an_unknown_key_is_a_usage_error_with_the_closest(run, settings_file):
    err = run.fails("config", "set", "colour", "never", code=2)
    assert "'colour'" in err and "did you mean 'color'?" in err
    assert not settings_file.exists()


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("cadence.report", "fortnightlyish", "cadence"),
        ("cadence.report", "0w", "0w"),
        ("themes.since", "9x", "unknown unit"),
        ("themes.since", "", "empty"),
        ("color", "sometimes", "auto, always, never"),
        ("editor", "", "empty"),
        ("editor", "vim 'unclosed", "cannot be read as a command"),
        ("editor", "no-such-editor-here --wait", "not a program on your PATH"),
        ("editor", "vim\n", "control character"),
    ],
)
def test_a_bad_value_is_refused_before_writing(run, settings_file, key, value, why):
    run("config", "set", "color", "never")
    before = settings_file.read_bytes()
    err = run.fails("config", "set", key, value, code=2)
    assert key in err and why in err and "nothing was changed" in err
    assert settings_file.read_bytes() == before


# ---------------------------------------------------------------- broken files


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("color = never\n", "is not a valid settings file"),  # not quoted: not TOML
        ('colour = "never"\n', "there is no setting 'colour': did you mean 'color'?"),
        ("[cadence]\nreport = 2\n", "cadence.report must be text"),
        ('[cadence]\nreport = "often"\n', "cadence.report:"),
        ('[themes]\nsince = "9x"\n', "themes.since:"),
        ('[cadence]\nintern = "1w"\n', "'cadence.intern'"),
        ('color = "blue"\n', "color: use one of auto, always, never"),
    ],
)
def test_a_broken_file_is_one_line_naming_the_file_and_key(run, settings_file, text, says):
    settings_file.write_text(text)
    for args in (
        ["add", "alice"],
        ["config", "show"],
        ["themes"],
    ):  # (config set and unset repair the file: see test_found_tools.py)
        err = run.fails(*args)
        assert str(settings_file) in err and says in err, args
    assert settings_file.read_text() == text  # never overwritten
    assert run.json("people") == []  # add wrote nothing


def test_a_broken_file_does_not_touch_help_log_or_an_explicit_option(run, settings_file):
    settings_file.write_text("this is not toml")
    run("--help")
    run("add", "alice", "--every", "2w")  # --every given: the file is not read
    run("log", "alice", "-R", "slow CI")
    run("config", "path")
    assert [n["id"] for m in run.json("show", "alice") for n in m["notes"]] == [1]


def test_a_folder_where_the_file_should_be(run, settings_file):
    settings_file.mkdir()
    err = run.fails("config", "show")
    assert "is a folder" in err


def test_invalid_utf8_in_the_file_is_named(run, settings_file):
    settings_file.write_bytes(b'editor = "\xff"\n')
    assert str(settings_file) in run.fails("config", "show")


# ---------------------------------------------------------------- what the settings change


def test_the_default_cadence_per_relationship(run):
    run("config", "set", "cadence.report", "2w")
    run("config", "set", "cadence.peer", "6w")
    run("add", "alice")  # a report
    run("add", "dana", "--as", "peer")
    run("add", "eli", "--as", "teammate")  # not set: built-in
    run("add", "finn", "--every", "3w")  # the option wins
    every = {p["person"]: p["every"] for p in run.json("people")}
    assert every == {"alice": "2w", "dana": "6w", "eli": "2w", "finn": "3w"}


def test_a_bad_relationship_is_said_before_the_file_is_read(run, settings_file):
    settings_file.write_text("broken")
    err = run.fails("add", "alice", "--as", "boss")
    assert "relationship" in err and str(settings_file) not in err


def _themes_notes(run) -> set[int]:
    return {i for t in run.json("themes") for i in t["note_ids"]}


def test_themes_since_sets_the_default_window(run):
    run("add", "alice")
    run("add", "bob")
    # 2026-03-02 is today: 40 days back is outside 30d, inside 60d.
    run("log", "alice", "--on", "2026-01-21", "-R", "paged at 3am again #oncall")
    run("log", "bob", "--on", "2026-01-22", "-R", "paged all night #oncall")
    assert _themes_notes(run) == set()
    run("config", "set", "themes.since", "60d")
    assert _themes_notes(run) == {1, 2}
    assert {i for t in run.json("themes", "--since", "30d") for i in t["note_ids"]} == set()
    shown = run.json("themes", "show", "oncall")
    assert [n["id"] for n in shown] == [2, 1]  # subcommands take the default too
    assert run.json("themes", "--since", "30d", "show", "oncall") == []


def test_themes_since_boundary_day(run):
    run("add", "alice")
    run("add", "bob")
    run("log", "alice", "--on", "2026-02-20", "-R", "paged at 3am again #oncall")
    run("log", "bob", "--on", "2026-02-20", "-R", "paged all night #oncall")
    run("config", "set", "themes.since", "9d")  # 2026-02-21 .. 2026-03-02: the 20th is out
    assert _themes_notes(run) == set()
    run("config", "set", "themes.since", "10d")  # from 2026-02-20
    assert _themes_notes(run) == {1, 2}


def test_the_editor_setting_comes_after_the_environment(run, settings_file):
    run("config", "set", "editor", "true --wait")
    assert editor_command({}) == ["true", "--wait"]
    assert editor_command({"EDITOR": "nano"}) == ["nano"]
    assert editor_command({"VISUAL": "code -w", "EDITOR": "nano"}) == ["code", "-w"]


def test_the_editor_setting_is_used_by_log(run, tmp_path):
    editor = tmp_path / "fake-editor"
    editor.write_text('#!/bin/sh\nprintf "r: from the configured editor\\n" > "$1"\n')
    editor.chmod(0o755)
    run("config", "set", "editor", str(editor))
    run("add", "alice")
    run("log", "alice", "--edit")
    notes = [n["text"] for m in run.json("show", "alice") for n in m["notes"]]
    assert notes == ["from the configured editor"]


def test_colour_options_and_their_precedence(run):
    assert config.colour_options({}) == {}
    run("config", "set", "color", "never")
    assert config.colour_options({}) == {"no_color": True}
    run("config", "set", "color", "always")
    assert config.colour_options({}) == {"force_terminal": True}
    assert config.colour_options({"NO_COLOR": "1"}) == {}  # rich reads NO_COLOR itself
    assert config.colour_options({"FORCE_COLOR": "1"}) == {}


def test_color_always_colours_a_pipe_and_never_does_not(run, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    run("add", "alice")
    assert "\x1b[" not in run("people").stdout  # a pipe: no colour by default
    run("config", "set", "color", "always")
    assert "\x1b[" in run("people").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[3" not in run("people").stdout  # NO_COLOR wins: no colour codes


# ---------------------------------------------------------------- the file itself


def test_the_file_is_private_and_written_whole(run, settings_file):
    run("config", "set", "color", "never")
    assert stat.S_IMODE(settings_file.stat().st_mode) == 0o600
    run("config", "set", "cadence.report", "2w")
    assert [p.name for p in settings_file.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert settings_file.read_text().startswith("# oneonone settings")


def test_its_folder_is_created(run, tmp_path, monkeypatch):
    deep = tmp_path / "a" / "b" / "config.toml"
    monkeypatch.setenv("ONEONONE_CONFIG", str(deep))
    run("config", "set", "color", "never")
    assert tomllib.loads(deep.read_text()) == {"color": "never"}


def test_a_folder_that_cannot_be_made_is_one_line(run, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ONEONONE_CONFIG", str(blocker / "config.toml"))
    err = run.fails("config", "set", "color", "never")
    assert "cannot write" in err and "nothing was changed" in err


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(run, settings_file, monkeypatch):
    run("config", "set", "color", "never")
    before = settings_file.read_bytes()

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    err = run.fails("config", "set", "color", "always")
    assert "No space left on device" in err
    assert settings_file.read_bytes() == before
    assert sorted(p.name for p in settings_file.parent.iterdir() if "config" in p.name) == [
        "config.toml"
    ]


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f", min_codepoint=32),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and s == s.strip())


@given(editor=TEXT, since=st.sampled_from(["30d", "2w", "3m", "1y", "2026-01-05"]))
def test_written_settings_read_back_the_same(editor, since):
    settings = {"editor": editor, "themes.since": since, "cadence.peer": "2w", "color": "never"}
    parsed = tomllib.loads(config.to_toml(settings))
    assert parsed == {
        "editor": editor,
        "color": "never",
        "themes": {"since": since},
        "cadence": {"peer": "2w"},
    }


def test_json_keys_of_config_show(run):
    rows = json.loads(run("config", "show", "--json").stdout)
    assert all(list(r) == ["key", "value", "source"] for r in rows)
