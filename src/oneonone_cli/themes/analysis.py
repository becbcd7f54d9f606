"""Recurring-roadblock detection, the first stage: pure, standard library only.

`analyse()` runs once per note, the first time a report reads it (services/themes.py keeps the
result in the journal's theme roll-up until the note or the lexicon changes). It matches the note against the lexicon's
term index (stemmed words, phrases with gaps, concept groups, typo-tolerant, #tag aliases),
sums the weights of what matched per theme and returns a small `Signature`: the one theme with
the best score (or None below THRESHOLD), what matched, and a few key phrases. Where the
lexicon's evidence is weak, the learned model (themes/model.py) gives a second opinion. The
second stage, `grouping`, only groups stored signatures, so a report over tens of thousands of
notes never re-reads their text.

Two concept groups have a meaning of their own when the lexicon defines them: "@win" words
("praised", "shipped") cancel a roadblock that rests on a single word, and a roadblock note
without any "@problem" word ("stuck", "again", "no", "broken") offers no phrases for discovery,
so a topic that merely recurs ("parental leave") is not reported as a roadblock.

"Roadblock or not": a roadblock note that reads as praise, a plan, a talk, an admin remark or a
settled one-off (concept groups "praise", "plan", "talk", "admin", "settled") and carries no
"trouble" word gets no theme and no phrases unless its lexicon evidence is strong
(CUE_EVIDENCE): it shares a theme's vocabulary without being that roadblock.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from oneonone_cli.domain.records import KINDS
from oneonone_cli.domain.tags import extract_tags, normalise_tag
from oneonone_cli.themes.index import (
    JOIN_PREFIX_MAX,
    Index,
    Slot,
    Term,
    WordInfo,
    bounded_stem,
)
from oneonone_cli.themes.lexicon import Lexicon
from oneonone_cli.themes.model import NOISE, builtin_model, note_features
from oneonone_cli.themes.phrases import phrases as key_phrases
from oneonone_cli.themes.text import BREAK, tokens

GAP_WINDOW = 5  # most words allowed between the parts of an "a ... b" term
FAR_FACTOR = 0.67  # share of a gap term's weight when its parts are further apart, same clause
WEIGHT_TAG = 2.0  # a #tag that is an alias of the theme
THRESHOLD = 1.0  # a note joins a theme when its best score reaches this
THIN_EVIDENCE = 1.5  # below this (one plain word), a "@win" word in the note cancels a roadblock
MODEL_STRONG = 3.0  # below this lexicon score, the learned model (themes/model.py) is consulted
MODEL_CONFIDENT = 0.4  # ... and names the note's theme when it gives a theme this probability
MODEL_NOISE = (
    0.8  # ... and clears a weak lexicon theme when it calls the note a one-off this surely
)
CUE_EVIDENCE = 3.0  # below this, a "not a roadblock" cue (see _not_a_roadblock) clears the note
ASIDE_EVIDENCE = (
    2.5  # below this, an "@aside" word (mortgage, dentist, bookshelf) cancels a roadblock
)


class Signature(NamedTuple):
    """What analyse() found in one note. Tuples, not dataclasses: a report builds tens of
    thousands of these from the stored roll-up, and a tuple is built in a third of the time."""

    theme: str | None
    terms: tuple[str, ...]
    phrases: tuple[str, ...]


class NoteSig(NamedTuple):
    id: int
    person: str
    meeting_id: int
    on: date
    signature: Signature


def _read(text: str, tags: tuple[str, ...], idx: Index):
    """Tags (in the text and given), tokens with BREAKs, and per word its info and clause."""
    text_tags = extract_tags(text) if "#" in text else ()
    if tags:
        given = ("-".join(normalise_tag(t).split()) for t in tags)  # a tag never holds whitespace
        all_tags = tuple(dict.fromkeys(text_tags + tuple(t for t in given if t)))
    else:
        all_tags = text_tags
    toks = tokens(text)
    for t in all_tags:
        if t not in text_tags:  # tags stored apart from the text still count as words
            toks.append(BREAK)
            toks.extend(tokens(t.replace("-", " ").replace("_", " ")))

    infos: list[WordInfo] = []
    clause: list[int] = []  # clause number of each word (punctuation separates them)
    forms: list[str | None] = []  # per token: phrase form, "" for common words, None at breaks
    info = idx.word_info
    current = 0
    for tok in toks:
        if tok == BREAK:
            forms.append(None)
            current += 1
        else:
            word_info = info(tok)
            infos.append(word_info)
            clause.append(current)
            forms.append(word_info[2])
    return all_tags, toks, infos, clause, forms


def model_features(text: str, tags: tuple[str, ...], lexicon: Lexicon) -> dict[str, str]:
    """The theme model's features of a note, read exactly as analyse() reads it (for training)."""
    all_tags, toks, infos, _, _ = _read(text, tags, lexicon.index)
    return note_features(toks, [i[0] for i in infos], all_tags)


def analyse(text: str, tags: tuple[str, ...], kind: str, lexicon: Lexicon) -> Signature:
    """The signature of one note: its theme (of this kind) or None, what matched, key phrases."""
    idx = lexicon.index
    all_tags, toks, infos, clause, forms = _read(text, tags, idx)
    exact = [i[1] for i in infos]
    # "Roadblock or not": praise, a plan, a talk, an admin remark or a settled one-off that shows
    # no trouble gets no roadblock theme and no phrases, unless the lexicon's evidence is strong.
    not_roadblock = (
        kind == "roadblock" and idx.cue is not None and _not_a_roadblock(idx, toks, exact)
    )
    words = [tok for tok in toks if tok != BREAK]
    keys = [i[0] for i in infos]
    kind_at = KINDS.index(kind) if kind in KINDS else None
    cands = [i[3][kind_at] for i in infos] if kind_at is not None else [()] * len(infos)

    scores, matched = _score(idx, kind, words, keys, exact, cands, clause)
    for pos, t in enumerate(all_tags):
        ti = idx.tag_theme_of(t)
        if ti is not None and idx.kind_of[ti] == kind:
            scores[ti] = scores.get(ti, 0.0) + WEIGHT_TAG
            matched.setdefault(ti, []).append((len(words) + pos, "#" + t, None))

    theme_key: str | None = None
    terms: tuple[str, ...] = ()
    evidence = 0.0
    if scores:
        best = max(scores, key=lambda ti: (scores[ti], len(matched.get(ti, ())), -ti))
        score = evidence = scores[best]
    if not_roadblock and evidence < CUE_EVIDENCE:
        return NOT_A_ROADBLOCK
    if scores:
        if score < THIN_EVIDENCE and kind == "roadblock" and idx.win is not None:
            # One plain word is thin evidence for a roadblock; a win in the same note
            # ("praised", "shipped", "went smoothly") cancels it: one-offs are often good news.
            if not idx.win.isdisjoint(keys):
                score = 0.0
        if score < ASIDE_EVIDENCE and kind == "roadblock" and idx.aside is not None:
            # A personal matter ("refinancing the mortgage, some debt stress") borrows work words.
            if not (idx.aside.isdisjoint(keys) and idx.aside.isdisjoint(exact)):
                score = 0.0
        if score >= THRESHOLD - 1e-9:
            theme_key = idx.themes[best].key
            shown = sorted(
                (at, x if spans is None else _shown(x, spans, words))
                for at, x, spans in matched[best]
            )
            terms = tuple(dict.fromkeys(d for _, d in shown))
    if kind == "roadblock" and evidence < MODEL_STRONG and lexicon.use_model:
        verdict = _second_opinion(lexicon, toks, keys, all_tags, theme_key, terms)
        # A note the lexicon reads as morale ("burned out") is not the model's new roadblock.
        if (
            theme_key is not None
            or verdict[0] is None
            or not _reads_as_morale(idx, words, keys, exact, infos, clause)
        ):
            theme_key, terms = verdict
    # A phrase that recurs without any sign of trouble is a topic ("parental leave"), not a
    # roadblock: roadblock notes offer phrases for discovery only when they name a problem.
    troubled = kind != "roadblock" or idx.problem is None or not idx.problem.isdisjoint(keys)
    return Signature(
        theme=theme_key, terms=terms, phrases=key_phrases(forms if troubled else [], all_tags, idx)
    )


NOT_A_ROADBLOCK = Signature(theme=None, terms=(), phrases=())
# A cue word right after one of these does not count ("not happy", "no plan", "never fixed").
NEGATIONS = frozenset(("not", "no", "never", "nothing", "nobody", "none", "hardly", "barely"))


def _not_a_roadblock(idx: Index, toks: list[str], exact: list[str]) -> bool:
    """True when a roadblock note is praise, a plan, a talk, an admin remark or a settled
    one-off ("the dashboard she built is now used by two teams", "presenting our alerting design
    at the guild", "on-call swap next week is sorted") and shows no sign of trouble ("stuck",
    "again", "can't"): it then gets no theme and offers no phrases, whatever vocabulary it shares
    with a theme. The words are the lexicon's concept groups (NOT_ROADBLOCK_CUES and "trouble",
    exact words); a cue may also be two adjacent words written joined ("went well" as "wentwell",
    "one-off" as "oneoff"). Per word a set lookup or two: cheap enough to run on every note."""
    if not idx.trouble.isdisjoint(exact):
        return False
    cue = idx.cue
    prev = BREAK
    for tok in toks:
        if tok != BREAK:
            if "=" + tok in cue and prev not in NEGATIONS:
                return True
            if prev != BREAK and "=" + prev + tok in cue:
                return True
        prev = tok
    return False


def _second_opinion(
    lexicon: Lexicon,
    toks: list[str],
    keys: list[str],
    tags: tuple[str, ...],
    theme_key: str | None,
    terms: tuple[str, ...],
) -> tuple[str | None, tuple[str, ...]]:
    """The model's verdict where the lexicon is unsure: a theme it is confident of (explained by
    the note's words that weighed most), or no theme for a sure one-off. A theme the model does
    not know, or one the manager taught by a term or alias, stands as the lexicon found it."""
    model = builtin_model()
    if theme_key is not None and (
        theme_key not in model.classes or not lexicon.taught.isdisjoint(terms)
    ):
        return theme_key, terms
    feats = note_features(toks, keys, tags)
    probs = model.scores(feats)
    best = max(range(len(probs)), key=probs.__getitem__)
    label = model.classes[best]
    if label == NOISE:
        return (None, ()) if probs[best] >= MODEL_NOISE else (theme_key, terms)
    known = lexicon.theme(label)
    if (
        label == theme_key
        or probs[best] < MODEL_CONFIDENT
        or known is None
        or known.kind != "roadblock"
    ):
        return theme_key, terms
    return label, model.explain(feats, best)


def _reads_as_morale(
    idx: Index,
    words: list[str],
    keys: list[str],
    exact: list[str],
    infos: list[WordInfo],
    clause: list[int],
) -> bool:
    """True when some morale theme of the lexicon claims the note (scores THRESHOLD or more)."""
    at = KINDS.index("morale")
    claims, _ = _score(idx, "morale", words, keys, exact, [i[3][at] for i in infos], clause)
    return any(v >= THRESHOLD for v in claims.values())


def _score(
    idx: Index,
    kind: str,
    words: list[str],
    keys: list[str],
    exact: list[str],
    cands: list[tuple[Term, ...]],
    clause: list[int],
) -> tuple[dict[int, float], dict[int, list[tuple[int, Term, list[tuple[int, int]]]]]]:
    """Score per theme, and (position, term, spans) of each matched term.

    A theme's score sums the weights of its matched terms, strongest first, each scaled by the
    share of its words that no stronger term of that theme already used: overlapping terms
    ("approve", "two ... approve", "reviews ... two") do not pile up evidence from one word.
    """
    joined = idx.joined.get(kind)
    starts = idx.joined_starts.get(kind, frozenset())
    hits: list[tuple[Term, list[tuple[int, int]], float]] = []
    done: set[int] = set()
    far: dict[int, tuple[Term, list[tuple[int, int]]]] = {}
    present: set[str] | None = None  # every key in the note, built on first need
    bounds: list[tuple[int, int]] | None = None  # per word, its clause's (first, end) positions
    where: dict = {}  # (part, clause start) -> where the part matches in the clause, see _match
    n = len(words)

    for i in range(n):
        if cands[i]:
            for term in cands[i]:
                if term.uid in done:
                    continue
                if term.single:
                    spans = [(i, i + 1)]
                else:
                    if present is None:
                        present = set(keys)
                        present.update(exact)
                    absent = False
                    for slot in term.others:
                        if present.isdisjoint(slot):
                            absent = True
                            break
                    if absent:
                        continue
                    spans = _match(term, keys, exact, i)
                    if spans is None:
                        if FAR_FACTOR and len(term.parts) > 1 and term.uid not in far:
                            if bounds is None:
                                bounds = _clause_bounds(clause)
                            loose = _match(term, keys, exact, i, bounds[i], where)
                            if loose is not None:
                                far[term.uid] = (term, loose)
                        continue
                done.add(term.uid)
                hits.append((term, spans, term.weight))
        if (
            joined
            and i + 1 < n
            and (words[i][:JOIN_PREFIX_MAX] in starts or len(words[i + 1]) <= 2)
        ):
            for term in joined.get(bounded_stem(words[i] + words[i + 1]), ()):
                if term.uid not in done:
                    done.add(term.uid)
                    hits.append((term, [(i, i + 2)], term.weight))
    # Parts of a gap term further apart than the window, but in one clause: partial credit.
    for uid, (term, spans) in far.items():
        if uid not in done:
            hits.append((term, spans, term.weight * FAR_FACTOR))
    scores: dict[int, float] = {}
    matched: dict[int, list[tuple[int, Term, list[tuple[int, int]]]]] = {}
    if len(hits) > 1:
        hits.sort(key=_neg_weight)
    used: dict[int, set[int]] = {}
    for term, spans, weight in hits:
        theme = term.theme
        if weight < 0:  # a false friend lowers the score and is not shown
            scores[theme] = scores.get(theme, 0.0) + weight
            continue
        at = spans[0][0] if len(spans) == 1 else min(a for a, _ in spans)
        found = matched.get(theme)
        if found is None:
            # The theme's first (strongest) match: full weight, no overlap possible yet.
            matched[theme] = [(at, term, spans)]
            scores[theme] = scores.get(theme, 0.0) + weight
            continue
        taken = used.get(theme)
        if taken is None:
            taken = used[theme] = {p for a, b in found[0][2] for p in range(a, b)}
        positions = [p for a, b in spans for p in range(a, b)]
        fresh = sum(p not in taken for p in positions)
        taken.update(positions)
        scores[theme] += weight * fresh / len(positions)
        found.append((at, term, spans))
    return scores, matched


def _shown(term: Term, spans: list[tuple[int, int]], words: list[str]) -> str:
    """How a matched term is shown: a concept term shows the note's own words."""
    if term.concept:
        return " ... ".join(" ".join(words[a:b]) for a, b in sorted(spans))
    return term.display


def _neg_weight(hit: tuple[Term, list[tuple[int, int]], float]) -> float:
    return -hit[2]


def _match(
    term: Term,
    keys: list[str],
    exact: list[str],
    at: int,
    clause: tuple[int, int] | None = None,
    where: dict | None = None,
) -> list[tuple[int, int]] | None:
    """Spans (start, end) of each part when the term matches with its anchor word at `at`.

    The parts of a gap term must sit within GAP_WINDOW words of each other, or, when `clause`
    (the first and end positions of the anchor's clause) is given, anywhere in that clause.
    In a clause, the positions where a part matches are found once per note and kept in
    `where`: a clause of n words repeating a term's anchor word would otherwise be read n times.
    """
    ap, aw = term.anchor
    anchor_part = term.parts[ap]
    start = at - aw
    if start < 0 or not _part_at(anchor_part, keys, exact, start):
        return None
    spans = [(start, start + len(anchor_part))]
    if len(term.parts) == 1:
        return spans
    # Gap term: every other part must occur near it, all within GAP_WINDOW extra words.
    size = sum(len(p) for p in term.parts)
    used = set(range(start, start + len(anchor_part)))
    span_lo, span_hi = spans[0]
    if clause is None:
        lo, hi = max(0, start - GAP_WINDOW - size), min(len(keys), start + GAP_WINDOW + size)
    else:
        lo, hi = clause
    for pi, part in enumerate(term.parts):
        if pi == ap:
            continue
        found = None
        first = part[0]
        if clause is not None:
            # Same answer as the scan below: the first position, in order, where the part
            # matches without overlapping words already used (at most a term's length of
            # them), so each anchor costs the term's size, not the clause's.
            cache = {} if where is None else where
            spots = cache.get((part, lo))
            if spots is None:
                spots = cache[(part, lo)] = [
                    j
                    for j in range(lo, hi - len(part) + 1)
                    if (keys[j] in first or exact[j] in first) and _part_at(part, keys, exact, j)
                ]
            found = next((j for j in spots if used.isdisjoint(range(j, j + len(part)))), None)
        else:
            for j in range(lo, hi - len(part) + 1):
                if keys[j] not in first and exact[j] not in first:
                    continue
                end = j + len(part)
                if max(span_hi, end) - min(span_lo, j) - size > GAP_WINDOW:
                    continue
                if used.isdisjoint(range(j, end)) and _part_at(part, keys, exact, j):
                    found = j
                    break
        if found is None:
            return None
        used.update(range(found, found + len(part)))
        spans.append((found, found + len(part)))
        span_lo, span_hi = min(span_lo, found), max(span_hi, found + len(part))
    return spans


def _clause_bounds(clause: list[int]) -> list[tuple[int, int]]:
    """For each word, (first position, end position) of the clause it sits in."""
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(clause) + 1):
        if i == len(clause) or clause[i] != clause[start]:
            out.extend([(start, i)] * (i - start))
            start = i
    return out


def _part_at(part: tuple[Slot, ...], keys: list[str], exact: list[str], at: int) -> bool:
    if at + len(part) > len(keys):
        return False
    for k, slot in enumerate(part):
        if keys[at + k] not in slot and exact[at + k] not in slot:
            return False
    return True
