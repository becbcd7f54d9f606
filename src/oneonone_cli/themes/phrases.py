"""Key phrases of a note, for discovering themes no lexicon names: pure, standard library only.

`analyse()` keeps a few per note (tags no theme claims, then pairs of content words within a
clause); `grouping` makes a theme of a phrase that recurs across meetings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneonone_cli.themes.text import STOPWORDS, light_form

if TYPE_CHECKING:
    from oneonone_cli.themes.index import Index

MAX_PHRASES = 12  # phrases kept per note for discovery

# Words too generic to make a recurring phrase on their own ("last week", "said again").
_PHRASE_STOP = frozenset(
    """
    week weeks day days today yesterday tomorrow time times month months year years thing things stuff
    people someone everyone anyone nobody said says say feel feels felt think thinks thought mentioned
    mention wants want wanted keep keeps kept need needs needed maybe probably basically actually last
    next new good bad great better worse big small going gone come comes came take takes took give gives
    gave put sure okay ok yeah pretty kind sort way ways asked asks ask told tell seems seem look looks
    trying try tried start started hard easy able use using used getting goes went back half whole
    lately currently recently again usually always sometimes hour hours minute minutes twice
    team teams meeting meetings work works call calls chat talk discuss discussed
    cause caused causing causes led lead leading resulted result due made happened happen happens
    """.split()
)
# Short words kept in phrases and written in capitals in discovered theme names.
ACRONYMS = frozenset(
    "ci cd pr prs qa ui ux db api sre sso vpn aws gcp k8s okr eta cab rca ide sdk cli mr pm hr".split()
)


def phrase_form(word: str) -> str:
    """The word as used in discovered phrases (plurals folded), or "" when it is too common to
    make one."""
    return light_form(word) if _content(word) else ""


def _content(word: str) -> bool:
    if word in ACRONYMS:
        return True
    return (
        len(word) >= 3
        and word[0].isalpha()
        and word not in STOPWORDS
        and light_form(word) not in _PHRASE_STOP
    )


def phrases(forms: list[str | None], tags: tuple[str, ...], idx: Index) -> tuple[str, ...]:
    """Key phrases for discovering themes no lexicon names: tags no theme claims, then
    adjacent content-word pairs within a clause (up to two small words may sit between).
    `forms` is empty when the note offers tags only."""
    out: dict[str, None] = {}
    for t in tags:
        if idx.tag_theme_of(t) is None:
            out["#" + t] = None
    prev = ""
    skipped = 0
    for form in forms:
        if form is None:
            prev, skipped = "", 0
        elif form:
            if prev and skipped <= 2 and prev != form:
                out[f"{prev} {form}"] = None
                if len(out) >= MAX_PHRASES:
                    break
            prev, skipped = form, 0
        else:
            skipped += 1
    return tuple(out)[:MAX_PHRASES]
