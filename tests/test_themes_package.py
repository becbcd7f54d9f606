"""The theme engine as a package: pure modules with one job each, one definition of each rule."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from oneonone_cli.themes.lexicon import (
    Lexicon,
    ThemeDef,
    load_lexicon,
    theme_key_problem,
    theme_name_from_key,
)

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "oneonone_cli" / "themes"
# What a pure module of the engine never imports: the command line, the terminal, the database.
FORBIDDEN = (
    "typer",
    "rich",
    "sqlite3",
    "sqlcipher3",
    "sqlite_utils",
    "oneonone_cli.store",
    "oneonone_cli.cli",
    "oneonone_cli.services",
    "oneonone_cli.render",
)


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_engine_imports_neither_the_command_line_nor_the_terminal_nor_the_database():
    files = sorted(PACKAGE.glob("*.py"))
    assert {f.name for f in files} >= {
        "lexicon.py",
        "index.py",
        "analysis.py",
        "phrases.py",
        "text.py",
        "model.py",
        "grouping.py",
        "report.py",
        "lexicon_file.py",
    }
    assert not (PACKAGE / "engine.py").exists()
    for path in files:
        bad = {
            n
            for n in imported_names(path)
            if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)
        }
        assert bad == set(), f"{path.name} imports {sorted(bad)}"


def test_the_package_init_is_empty():
    assert (PACKAGE / "__init__.py").read_text(encoding="utf-8") == ""


def test_the_model_module_only_reads_a_model_training_lives_in_benchmarks():
    from oneonone_cli.themes import model

    assert not hasattr(model, "train")
    assert not hasattr(model.Model, "to_json")
    assert "random" not in imported_names(PACKAGE / "model.py")


def test_a_theme_name_is_made_from_its_key_in_one_place():
    from oneonone_cli.themes.grouping import _tidy
    from oneonone_cli.themes.phrases import ACRONYMS

    assert theme_name_from_key("cried-wolf") == "Cried wolf"
    assert theme_name_from_key("ci_flakes") == "Ci flakes"  # a lexicon key: as the manager wrote it
    assert theme_name_from_key("ci flakes", ACRONYMS) == "CI flakes"
    assert _tidy("#flaky-deploys") == "Flaky deploys"
    assert _tidy("staging env") == "Staging env"
    assert _tidy("ci") == "CI"
    own = load_lexicon(user_terms=[("deploy-freeze", "code freeze")])
    assert own.theme("deploy-freeze").name == "Deploy freeze"


@pytest.mark.parametrize("key", ["oncall", "deploy-freeze", "a1", "x" * 40])
def test_a_theme_key_is_lowercase_words_joined_by_dashes(key):
    assert theme_key_problem(key) is None


@pytest.mark.parametrize(
    "key", ["", "a", "Oncall", "1abc", "-abc", "deploy freeze", "x" * 41, "on_call"]
)
def test_anything_else_is_not_a_theme_key(key):
    assert (
        theme_key_problem(key) == f"'{key}' is not a theme key: use lowercase words joined by '-'"
    )


def test_the_command_refuses_a_bad_key_with_the_same_words(run):
    err = run.fails("themes", "add-term", "Deploy Freeze", "code freeze")
    assert "'Deploy Freeze' is not a theme key: use lowercase words joined by '-'" in err


def test_a_concept_is_checked_once_as_the_matcher_reads_it():
    concepts = (("team", ("team", "squad")),)
    ok = Lexicon((ThemeDef("x", "X", "roadblock", ("waiting ... @team", "@Team"), ()),), concepts)
    assert len(ok.index.concepts["team"]) == 2
    for term, shown in [("@nosuch ... delay", "@nosuch"), ("waiting @team,", "@team,"), ("@", "@")]:
        with pytest.raises(ValueError, match=f"term '{term}' uses unknown concept '{shown}'"):
            Lexicon((ThemeDef("x", "X", "roadblock", (term,), ()),), concepts)
    with pytest.raises(ValueError, match="must be a single word"):
        Lexicon((), (("team", ("on-call",)),))


def test_the_checks_skip_only_what_cannot_fail():
    """Lexicon() skips term_words() for ASCII letters-and-digits concept members and for terms
    without '@' (every run checks the built-in lexicon): for those it would find nothing wrong."""
    from oneonone_cli.themes.lexicon import _builtin, term_words

    themes, concepts = _builtin()
    for word in ("squad", "k8s", "Team", "2fa", *(m for _, ms in concepts for m in ms)):
        if word.isascii() and word.isalnum():
            assert len(term_words(word)) == 1, word
    for term in [*(t for theme in themes for t in theme.terms), "=exact", "~loose ... pair #x"]:
        if "@" not in term:
            assert not any(w.startswith("@") for w in term_words(term)), term


def test_a_term_the_matcher_cannot_read_is_refused_when_it_is_added_not_at_every_report(run):
    run("add", "alice")
    run("log", "alice", "-R", "waiting on the team again")
    err = run.fails("themes", "add-term", "waiting", "waiting @team,", "--new")
    assert "uses unknown concept '@team,'" in err
    assert run.json("themes") == []


def test_the_lexicon_is_an_object_with_slots_and_equal_by_content():
    lexicon = load_lexicon()
    assert not hasattr(lexicon, "__dict__")
    assert lexicon == load_lexicon() and hash(lexicon) == hash(load_lexicon())
    alone = lexicon.without_model()
    assert alone.use_model is False and alone.themes == lexicon.themes and alone != lexicon
    assert lexicon.index is lexicon.index  # built once


def test_the_engine_records_are_named_tuples():
    from oneonone_cli.themes.analysis import NoteSig, Signature
    from oneonone_cli.themes.grouping import ThemeGroup, ThemeTally
    from oneonone_cli.themes.index import Term
    from oneonone_cli.themes.model import Model
    from oneonone_cli.themes.report import ThemeRow

    for record in (ThemeDef, Signature, NoteSig, Term, Model, ThemeTally, ThemeGroup, ThemeRow):
        assert issubclass(record, tuple) and hasattr(record, "_fields"), record
