"""Themes never hang on hostile text: every per-word and per-note cost of theme analysis is
bounded (linear in the text), and the CLI refuses notes, terms and tags no one types.

No wall-clock asserts: the work done is counted instead (calls of the typo lookup, lines run by
the tracer, characters held by the theme index). `signal.alarm` is only a safety net, so that
a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import signal
import sys
from contextlib import closing, contextmanager

import pytest

from oneonone_cli.domain import noteinput
from oneonone_cli.domain.noteinput import MAX_INPUT_BYTES, MAX_NOTE_CHARS
from oneonone_cli.themes import analysis
from oneonone_cli.themes import index as term_index
from oneonone_cli.themes import lexicon as lexicon_mod
from oneonone_cli.themes import phrases as phrases_mod
from oneonone_cli.themes import text as textnorm
from oneonone_cli.themes.analysis import analyse
from oneonone_cli.themes.lexicon import MAX_TERM_CHARS, load_lexicon


@contextmanager
def safety_net(seconds: int = 120):
    """Fail (not hang) if the block runs away; never an assertion on time."""

    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a cost is not bounded")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def lines_run(fn, *code_objects):
    """Run fn(); return how many lines of the given functions' code the tracer saw run."""
    watched = set(code_objects)
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code in watched else None

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = fn()
    finally:
        sys.settrace(old)
    return count, result


@pytest.fixture
def fuzzy_calls(monkeypatch):
    """Every typo lookup themes makes: (length of the word, longest word in the index)."""
    calls: list[tuple[int, int]] = []
    real = term_index._fuzzy

    def spy(word, index):
        calls.append((len(word), max((len(k) for k in index), default=0)))
        return real(word, index)

    monkeypatch.setattr(term_index, "_fuzzy", spy)
    return calls


def fresh_lexicon(terms=(), aliases=()):
    return load_lexicon(list(terms), list(aliases))


# ------------------------------------------------------------------ typo correction


def test_no_typo_lookup_for_a_word_longer_than_every_lexicon_word(fuzzy_calls):
    lex = fresh_lexicon()
    word = "x" + "abcdefghij" * 2_000  # 20,001 letters: before, one lookup built 20,001 copies
    with safety_net():
        sig = analyse(f"the build is {word} again", (), "roadblock", lex)
    assert sig.theme is None or isinstance(sig.theme, str)
    # A word more than one letter longer than every indexed word cannot be within one edit.
    assert all(n <= longest + 1 for n, longest in fuzzy_calls), fuzzy_calls
    assert not any(n > 1000 for n, _ in fuzzy_calls)


def test_no_typo_lookup_for_a_tag_longer_than_every_alias(fuzzy_calls):
    lex = fresh_lexicon()
    with safety_net():
        analyse("broken #" + "docs" * 5_000, (), "roadblock", lex)
        analyse("broken", ("doc" * 5_000,), "roadblock", lex)
    assert all(n <= longest + 1 for n, longest in fuzzy_calls), fuzzy_calls


def test_typos_in_ordinary_words_and_tags_are_still_corrected(fuzzy_calls):
    lex = fresh_lexicon()
    # "pipleine" (pipeline) and "#documentaton" (documentation) are one edit away.
    assert (
        analyse("the pipleine is flakey and red every morning", (), "roadblock", lex).theme
        == "flaky-ci"
    )
    assert fuzzy_calls
    assert analyse("can't find anything #documentaton", (), "roadblock", lex).theme == "docs"


# ------------------------------------------------------------------ stemming


def test_stemming_a_word_with_a_long_tail_of_vowels_is_not_a_loop_per_letter():
    stem = textnorm.stem.__wrapped__
    count, key = lines_run(lambda: stem("flak" + "e" * 20_000), stem.__code__)
    assert key == "flak"
    assert count < 60, count  # before: three lines per trailing letter (60,000)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("flakey", "flak"),
        ("flakiness", "flak"),
        ("tee", "tee"),
        ("abyeie", "aby"),
        ("pay", "pay"),
        ("yyyyy", "yyy"),
        ("sev2s", "sev2"),
        ("deploys", "deplo"),
        ("p1", "p1"),
    ],
)
def test_the_stemmer_gives_the_same_keys(word, expected):
    assert textnorm.stem(word) == expected


# ------------------------------------------------------------------ gap terms


def test_a_gap_term_is_searched_in_a_long_clause_once_not_once_per_anchor():
    lex = fresh_lexicon([("oncall", "zorblax ... quuxor")])
    analyse("warm up", (), "roadblock", lex)  # build the index outside the count

    def lines_for(n):
        text = "quuxor. " + "filler " * 10 + ". " + "zorblax " * n
        count, _ = lines_run(lambda: analyse(text, (), "roadblock", lex), analysis._match.__code__)
        return count

    small, large = lines_for(300), lines_for(1200)
    # Linear: four times the words, about four times the work (before: sixteen times).
    assert large <= 5 * small, (small, large)
    assert large < 150 * 1200, large


def test_a_gap_term_still_matches_across_a_clause():
    lex = fresh_lexicon([("oncall", "zorblax ... quuxor")])
    near = analyse("zorblax then quuxor", (), "roadblock", lex)
    far = analyse("zorblax " + "filler " * 12 + "quuxor", (), "roadblock", lex)
    apart = analyse("zorblax. " + "filler " * 12 + ". quuxor", (), "roadblock", lex)
    assert near.theme == "oncall" and "zorblax ... quuxor" in near.terms
    # Further apart in one clause: partial credit (0.67 x 1.5 = 1.0, just the threshold).
    assert far.theme == "oncall"
    assert apart.theme != "oncall" or "zorblax ... quuxor" not in apart.terms


# ------------------------------------------------------------------ lexicon index


def index_chars(lex) -> int:
    idx = lex.index
    fuzzy = sum(
        len(k) + sum(map(len, v))
        for d in (idx.fuzzy_words, idx.fuzzy_stems, idx.fuzzy_tags)
        for k, v in d.items()
    )
    starts = sum(len(p) for s in idx.joined_starts.values() for p in s)
    return fuzzy + starts


def test_a_long_stored_term_or_alias_costs_its_length_not_its_square():
    base = index_chars(fresh_lexicon())
    word = "p" + "abcdefghij" * 300  # 3,001 letters, stored by an older version
    with safety_net():
        grown_term = index_chars(fresh_lexicon([("oncall", word)])) - base
        grown_tag = index_chars(fresh_lexicon(aliases=[("#" + word, "oncall")])) - base
    # Before: 3,001 deletion variants of 3,000 letters each (9 M characters) and every prefix.
    assert grown_term < 20 * len(word), grown_term
    assert grown_tag < 20 * len(word), grown_tag


def test_a_long_stored_term_still_matches_exactly():
    word = "p" + "abcdefghij" * 300
    lex = fresh_lexicon([("deploy-freeze", word)])
    assert analyse(f"blocked again by {word}", (), "roadblock", lex).theme == "deploy-freeze"
    # A one-word term longer than the prefixes kept for joined spellings still matches when the
    # note splits it in two ("on call" for "oncall"), and a two-word one when the note joins it.
    lex2 = fresh_lexicon(
        [("deploy-freeze", "q" * 150 + "freeze"), ("oncall", "z" * 150 + " pager")]
    )
    assert (
        analyse("stuck on " + "q" * 150 + " freeze again", (), "roadblock", lex2).theme
        == "deploy-freeze"
    )
    assert analyse("stuck on " + "z" * 150 + "pager again", (), "roadblock", lex2).theme == "oncall"
    assert analyse("stuck on " + "q" * 149 + " freeze again", (), "roadblock", lex2).theme is None


# ------------------------------------------------------------------ whole notes


def test_analysis_of_hostile_notes_runs_a_bounded_number_of_lines_per_word():
    lex = fresh_lexicon()
    analyse("warm up", (), "roadblock", lex)
    code = [
        f.__code__
        for mod in (analysis, term_index, lexicon_mod, phrases_mod, textnorm)
        for f in vars(mod).values()
        if callable(f) and hasattr(f, "__code__") and f.__module__ == mod.__name__
    ] + [textnorm.stem.__wrapped__.__code__]
    one_word = "x" + "abcdefghij" * 10_000  # 100,001 letters
    long_words = " ".join(
        ("abcdefghijklmnopqrstuvwxyz"[i % 26] + "qwertyuiop" * 50) for i in range(200)
    )
    with safety_net():
        n1, _ = lines_run(lambda: analyse(one_word, (), "roadblock", lex), *code)
        n2, _ = lines_run(lambda: analyse(long_words, (), "roadblock", lex), *code)
    assert n1 < 2_000, n1  # before: a typo lookup looping once per letter
    assert n2 < 200 * 400, n2  # a bounded number of lines per word, whatever its length


@pytest.mark.parametrize("size", [1_000_000])
def test_a_megabyte_word_and_a_megabyte_of_words_complete(size):
    lex = fresh_lexicon()
    with safety_net(120):
        assert analyse("q" * size, (), "roadblock", lex).theme is None
        text = " ".join(("flaky build pipeline waiting on review " * (size // 40)).split())
        assert analyse(text, (), "roadblock", lex).theme is not None


# ------------------------------------------------------------------ CLI limits


@pytest.fixture
def alice(run):
    run("add", "alice", "--name", "Alice Smith")
    return run


def count_notes(journal) -> int:
    import sqlite3

    conn = sqlite3.connect(journal)
    try:
        return conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    finally:
        conn.close()


def test_a_note_over_the_limit_is_refused_with_the_limit_named(alice, journal):
    assert MAX_NOTE_CHARS == 10_000
    alice("log", "alice", "-R", "x" * MAX_NOTE_CHARS)  # at the limit: kept
    err = alice.fails("log", "alice", "-R", "ok", "-M", "y" * (MAX_NOTE_CHARS + 1))
    assert "10,000" in err and "morale note" in err and "split" in err
    err = alice.fails("log", "alice", "-R", "a " * 200_000)
    assert "roadblock note is 399,999 characters" in err
    assert count_notes(journal) == 1


def test_piped_notes_over_the_limit_are_refused(alice, journal):
    err = alice.fails("log", "alice", input="r: fine\nm: " + "z" * (MAX_NOTE_CHARS + 1) + "\n")
    assert "line 2" in err and "10,000" in err
    alice("log", "alice", input="r: " + "z" * MAX_NOTE_CHARS + "\n")  # the body is what counts
    err = alice.fails("log", "alice", input=("r: word\n" * 200_000))
    assert "1,000,000 bytes" in err
    assert count_notes(journal) == 1


def test_reading_piped_input_stops_after_the_limit(monkeypatch, tmp_path):
    asked = []

    class Endless:
        def read(self, n=-1):
            asked.append(n)
            assert n != -1, "read everything from an endless pipe"
            return b"r: " + b"y" * (n - 3)

    class Stdin:
        buffer = Endless()

        def isatty(self):
            return False

    from oneonone_cli.cli import meetings

    monkeypatch.setattr(meetings.sys, "stdin", Stdin())
    with pytest.raises(noteinput.OneOnOneError, match="1,000,000 bytes"):
        meetings._log_piped(None, "alice", None, tmp_path / "journal.db", "oneonone")
    assert asked == [MAX_INPUT_BYTES + 1]


def test_a_note_over_the_limit_in_the_editor_is_refused_and_kept(
    alice, tmp_path, monkeypatch, journal
):
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text(p.read_text() + 'r: fine\\nm: ' + 'w' * {MAX_NOTE_CHARS + 5} + '\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    err = alice.fails("log", "alice", "-e")
    assert "10,000" in err and "kept in" in err
    saved = list((journal.parent / "drafts").iterdir())
    assert saved and "w" * (MAX_NOTE_CHARS + 5) in saved[0].read_text()
    assert count_notes(journal) == 0


def test_the_editor_template_quoting_a_long_older_note_is_not_refused():
    # Comment lines (the template quotes recent notes) are not notes: no limit on them.
    noteinput.check_note_lines("#   2026-01-01  " + "o" * (MAX_NOTE_CHARS * 3) + "\nr: short\n")


def test_a_long_term_or_tag_is_refused_with_the_limit_named(run):
    assert MAX_TERM_CHARS == 100
    err = run.fails("themes", "add-term", "oncall", "p" + "abcdefghij" * 3_000)
    assert "at most 100" in err and "30,001 characters" in err and len(err) < 300
    run("themes", "add-term", "oncall", "w" * MAX_TERM_CHARS)  # at the limit: kept
    err = run.fails("themes", "alias", "#" + "t" * 101, "oncall")
    assert "tag" in err and "at most 100" in err
    terms = run.json("themes", "lexicon")
    assert "p" + "abcdefghij" * 3_000 not in json.dumps(terms)


def test_a_long_term_in_the_lexicon_file_is_refused(run, journal):
    lexicon = journal.parent / "lexicon.json"
    lexicon.write_text(json.dumps({"terms": {"oncall": ["x" * 30_000]}}))
    err = run.fails("themes")
    assert "lexicon.json" in err and "at most 100" in err and len(err) < 400
    lexicon.write_text(json.dumps({"aliases": {"#" + "y" * 500: "oncall"}}))
    assert "tag" in run.fails("themes", "lexicon")
    lexicon.write_text(json.dumps({"terms": {"oncall": ["z" * 100]}, "aliases": {"zz": "oncall"}}))
    run("themes")


def test_themes_on_a_journal_already_holding_a_huge_note_and_term(alice, journal):
    """An older version stored them: `themes` still answers (linear), nothing is refused."""
    alice("log", "alice", "-R", "flaky pipeline again #ci")
    import sqlite3

    conn = sqlite3.connect(journal)
    with conn:
        conn.execute(
            "UPDATE notes SET text = ? WHERE id = (SELECT max(id) FROM notes)",
            ["flaky pipeline " + "k" * 2_000_000 + " again #ci"],
        )
        conn.execute(
            "INSERT INTO lexicon_terms (theme, term) VALUES (?, ?)", ["oncall", "v" * 30_000]
        )
    conn.close()
    with safety_net(120):
        out = alice.json("themes")
    assert out is not None


def _clause_match_as_before(term, keys, exact, at, clause):
    """The in-clause search as it was (one scan of the clause per anchor): the reference."""
    ap, aw = term.anchor
    anchor_part = term.parts[ap]
    start = at - aw
    if start < 0 or not analysis._part_at(anchor_part, keys, exact, start):
        return None
    spans = [(start, start + len(anchor_part))]
    used = set(range(start, start + len(anchor_part)))
    lo, hi = clause
    for pi, part in enumerate(term.parts):
        if pi == ap:
            continue
        found = None
        for j in range(lo, hi - len(part) + 1):
            if keys[j] not in part[0] and exact[j] not in part[0]:
                continue
            if used.isdisjoint(range(j, j + len(part))) and analysis._part_at(part, keys, exact, j):
                found = j
                break
        if found is None:
            return None
        used.update(range(found, found + len(part)))
        spans.append((found, found + len(part)))
    return spans


def test_the_clause_search_finds_what_the_scan_found():
    import random

    terms = [
        ("oncall", "alpha ... beta"),
        ("oncall", "beta ... alpha"),
        ("docs", "gamma delta ... gamma"),
        ("docs", "delta ... delta"),
        ("flaky-ci", "alpha beta ... beta alpha"),
        ("process", "=paged ... paging"),
        ("process", "epsilon ... alpha ... delta"),
        ("priorities", "@team ... alpha"),
    ]
    lex = fresh_lexicon(terms)
    idx = lex.index
    ours = {" ".join(text.replace("=", "").split()) for _, text in terms}
    gap_terms = {
        t.uid: t
        for kind in idx.anchors.values()
        for ts in kind.values()
        for t in ts
        if len(t.parts) > 1 and t.display in ours
    }
    assert len(gap_terms) == len(terms)
    vocab = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "paged",
        "paging",
        "team",
        "squad",
        "stuck",
        "the",
        "on",
        ".",
        ",",
        "filler",
    ]
    rnd = random.Random(7)
    compared = matched = 0
    for _ in range(400):
        text = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(2, 40)))
        _, _, infos, clause, _ = analysis._read(text, (), idx)
        keys, exact = [i[0] for i in infos], [i[1] for i in infos]
        bounds = analysis._clause_bounds(clause)
        where: dict = {}
        for term in gap_terms.values():
            for at in range(len(keys)):
                got = analysis._match(term, keys, exact, at, bounds[at], where)
                assert got == _clause_match_as_before(term, keys, exact, at, bounds[at]), (
                    text,
                    term.display,
                    at,
                )
                compared += 1
                matched += got is not None
    assert compared > 5_000 and matched > 500


def test_long_words_are_not_kept_in_the_word_caches_after_analysis():
    """The per-word caches (stems, word info) would keep every long word of every note a
    `themes` run reads alive until it ends: 20 notes of 100,000 letters held about 8 MB."""
    import gc
    import tracemalloc

    lex = fresh_lexicon()
    analyse("warm up the flaky pipeline", (), "roadblock", lex)
    notes = [f"{chr(97 + i)}{'abcdefghij' * 10_000} then a flaky pipeline" for i in range(10)]
    notes += [f"flaky pipeline #{chr(97 + i)}{'abcdefghij' * 10_000}" for i in range(10)]
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for text in notes:
            analyse(text, (), "roadblock", lex)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 500_000, kept


@pytest.mark.parametrize(
    "separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]
)
def test_a_separator_inside_a_piped_line_keeps_it_one_note(alice, journal, separator):
    """Only a line end ends a line: `r: first<U+2028>m: second` is one note, as -R stores it,
    never a second note (nor 'line 2 has no kind')."""
    alice("log", "alice", input=f"r: first{separator}m: second\n")
    import sqlite3

    with closing(sqlite3.connect(journal)) as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM notes ORDER BY id")]
    assert texts[-1] == f"first{separator}m: second"


def test_piped_notes_may_start_with_a_byte_order_mark(alice, journal):
    before = count_notes(journal)
    alice("log", "alice", input="\ufeffr: saved by notepad\r\nm: fine\r\n")
    assert count_notes(journal) == before + 2
