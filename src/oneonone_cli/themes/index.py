"""The term index: every lexicon term compiled to word slots and anchored on its rarest word,
with the typo-tolerant word lookup analyse() makes for each word of a note. Pure, standard
library only; built once per Lexicon (`Lexicon.index`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from oneonone_cli.domain.records import KINDS
from oneonone_cli.themes.lexicon import MAX_TERM_CHARS, ThemeDef, term_words
from oneonone_cli.themes.phrases import phrase_form
from oneonone_cli.themes.text import STOPWORDS, edit_distance, stem, tag_key

WEIGHT_WORD = 1.0  # one word ("flaky")
WEIGHT_PHRASE = 1.5  # several words, adjacent or with a gap ("code review", "false ... alarm")
WEIGHT_WEAK = 0.4  # "~word": a hint that needs company
WEIGHT_NOT = -2.0  # "!term": a false friend ("fire alarm" for on-call) takes this off its theme
FUZZY_MIN_LEN = 5  # words shorter than this are never typo-corrected
FUZZY_MAX_LEN = MAX_TERM_CHARS  # lexicon words and tags longer than this are never typo targets
JOIN_PREFIX_MAX = MAX_TERM_CHARS  # joined keys' prefixes kept up to this length (see Index)
_CACHE_LIMIT = 50_000  # per-lexicon word cache is cleared when it grows past this
_CACHE_WORD_MAX = MAX_TERM_CHARS  # longer words are worked out afresh, never kept in a cache
# Concept groups whose words say a roadblock note is not a roadblock (praise, a plan, a talk,
# an admin remark, a settled one-off); concept "trouble" overrides them. See analysis.py.
NOT_ROADBLOCK_CUES = ("praise", "plan", "talk", "admin", "settled")

Slot = frozenset  # the keys one word position accepts: stems, or "=word" for an exact word
WordInfo = tuple  # (key, exact key, phrase form, candidate terms per kind), see Index.word_info


class Term(NamedTuple):
    theme: int  # index into Lexicon.themes
    display: str  # as the lexicon spells it, markers removed
    weight: float
    parts: tuple[tuple[Slot, ...], ...]  # one slot per word, per part ("a ... b" has 2 parts)
    concept: bool  # shows the note's own words when it matches
    uid: int  # shared by a term and its joined spelling
    single: bool = False  # one part of one word: the anchor hit is the match
    anchor: tuple[int, int] = (0, 0)  # (part, word) looked up in the index: the rarest one
    others: tuple[Slot, ...] = ()  # every slot but the anchor's, for a quick reject


def _with_anchor(term: Term) -> Term:
    """Anchor the term on its most selective word: fewest common words, then fewest keys."""
    choices = [
        (sum(k.lstrip("=") in STOPWORDS for k in slot) / len(slot), len(slot), p, w)
        for p, part in enumerate(term.parts)
        for w, slot in enumerate(part)
    ]
    _, _, p, w = min(choices)
    single = len(term.parts) == 1 and len(term.parts[0]) == 1
    # Every other slot must find its word in the note: checking them all (most selective
    # first) rejects most candidate terms before any positional matching.
    others = tuple(
        sorted(
            {
                slot
                for i, part in enumerate(term.parts)
                for j, slot in enumerate(part)
                if (i, j) != (p, w)
            },
            key=lambda slot: (len(slot), sorted(slot)),
        )
    )
    return Term(
        term.theme,
        term.display,
        term.weight,
        term.parts,
        term.concept,
        term.uid,
        single,
        (p, w),
        others,
    )


class Index:
    """Everything analyse() needs, precomputed from the themes. Built once per Lexicon."""

    def __init__(
        self, themes: tuple[ThemeDef, ...], concepts: tuple[tuple[str, tuple[str, ...]], ...]
    ) -> None:
        self.themes = themes
        self.kind_of = tuple(t.kind for t in themes)
        # kind -> word key -> terms whose first word accepts that key
        self.anchors: dict[str, dict[str, list[Term]]] = {k: defaultdict(list) for k in KINDS}
        # kind -> one-word plain terms, to test a text pair "on"+"call" against "oncall"
        self.joined: dict[str, dict[str, list[Term]]] = {k: defaultdict(list) for k in KINDS}
        self.tag_theme: dict[str, int] = {}
        self.concepts: dict[str, Slot] = {}
        vocab_stems: set[str] = set()
        vocab_words: set[str] = set()
        for name, members in concepts:
            slot = set()
            for member in members:
                word = term_words(member)[0]  # a single word: checked by Lexicon
                slot.add(_word_key(word))
                vocab_words.add(word)
            self.concepts[name] = frozenset(slot)
        uid = 0
        for ti, theme in enumerate(themes):
            seen: set[tuple] = set()
            for term in theme.terms:
                uid += 1
                for compiled in _compile_term(ti, term, self.concepts, uid):
                    if compiled.parts in seen:
                        continue
                    seen.add(compiled.parts)
                    compiled = _with_anchor(compiled)
                    ap, aw = compiled.anchor
                    for key in compiled.parts[ap][aw]:
                        self.anchors[theme.kind][key].append(compiled)
                        if compiled.single and not compiled.concept and not key.startswith("="):
                            self.joined[theme.kind][key].append(compiled)
                for word in term_words(term):
                    if not word.startswith("@"):
                        vocab_words.add(word)
            for tag in theme.tags:
                self.tag_theme.setdefault(tag_key(tag), ti)
        for word in vocab_words:
            if not word.startswith("="):
                vocab_stems.add(stem(word))
        vocab_words = {
            w for w in vocab_words if FUZZY_MIN_LEN <= len(w) <= FUZZY_MAX_LEN and w.isalpha()
        }
        self.anchors = {k: dict(v) for k, v in self.anchors.items()}
        self.joined = {k: dict(v) for k, v in self.joined.items()}
        # Every prefix of a joined key: a text pair "a b" is looked up only when "a" is one (the
        # stemmer trims only the end, so "a" starts the key unless "b" is tiny and trimmed away).
        # Prefixes are kept up to JOIN_PREFIX_MAX characters (a longer key, only from a term an
        # older version let in, would cost its length squared) and a longer word is looked up by
        # its first JOIN_PREFIX_MAX characters: a few more lookups, each exact, never a miss.
        self.joined_starts = {
            k: frozenset(key[:i] for key in v for i in range(1, min(len(key), JOIN_PREFIX_MAX) + 1))
            for k, v in self.joined.items()
        }
        self.win: Slot | None = self.concepts.get("win")  # good-news words, see analyse()
        self.aside: Slot | None = self.concepts.get("aside")  # personal-life words, see analyse()
        # "Roadblock or not" (see analysis.not_a_roadblock): words and joined word pairs that
        # say a note is praise, a plan, a talk, an admin remark or a settled one-off, and the
        # trouble words that keep such a note a possible roadblock all the same.
        cue_slots = [self.concepts[name] for name in NOT_ROADBLOCK_CUES if name in self.concepts]
        self.cue: Slot | None = frozenset().union(*cue_slots) if cue_slots else None
        self.trouble: Slot = self.concepts.get("trouble", frozenset())
        # Tag keys long enough to be typo-corrected ("#documention" -> "documentation").
        fuzzy_tags = [
            k for k in self.tag_theme if FUZZY_MIN_LEN <= len(k) <= FUZZY_MAX_LEN and k.isalpha()
        ]
        self.fuzzy_tags = _deletion_index(fuzzy_tags)
        self.tag_cache: dict[str, int | None] = {}
        self.problem: Slot | None = self.concepts.get(
            "problem"
        )  # trouble words, see phrases.phrases()
        self.vocab_stems = frozenset(vocab_stems)
        # Typo candidates: raw lexicon words and stems, indexed by every single-deletion variant
        # (symmetric delete): a typo within one edit or one transposition shares a variant.
        self.fuzzy_words = _deletion_index(vocab_words)
        fuzzy_stems = [
            s for s in vocab_stems if FUZZY_MIN_LEN <= len(s) <= FUZZY_MAX_LEN and s.isalpha()
        ]
        self.fuzzy_stems = _deletion_index(fuzzy_stems)
        # A word more than one letter longer than every word of an index is never within one
        # edit of any: it is not even looked up (that lookup costs its length squared).
        self.fuzzy_longest = tuple(
            max(map(len, ws), default=0) for ws in (vocab_words, fuzzy_stems, fuzzy_tags)
        )
        self.cache: dict[str, WordInfo] = {}

    def word_info(self, word: str) -> WordInfo:
        """(key, exact key, phrase form, candidate terms per kind) of a text word, cached.

        key: the stem, typo-corrected to a lexicon word when it is within one edit of one;
        exact key: "=word" for exact-word terms; phrase form: the word as used in discovered
        phrases, or "" when it is too common to make one; candidates: a tuple in KINDS order
        of the terms anchored on this word.
        """
        cached = self.cache.get(word)
        if cached is not None:
            return cached
        key, exact = self._key(word), "=" + word
        candidates = tuple(
            tuple(self.anchors[kind].get(key, ())) + tuple(self.anchors[kind].get(exact, ()))
            for kind in KINDS
        )
        info = (key, exact, phrase_form(word), candidates)
        if len(word) > _CACHE_WORD_MAX:
            return info  # not kept: the cache would keep a note's huge word alive all run
        if len(self.cache) >= _CACHE_LIMIT:
            self.cache.clear()
        self.cache[word] = info
        return info

    def tag_theme_of(self, tag: str) -> int | None:
        """The theme a tag is an alias of, allowing one typo in a long tag; None if none."""
        key = tag_key(tag)
        hit = self.tag_theme.get(key)
        if (
            hit is not None
            or len(key) < FUZZY_MIN_LEN
            or len(key) > self.fuzzy_longest[2] + 1
            or not key.isalpha()
        ):
            return hit
        if key not in self.tag_cache:
            near = _fuzzy(key, self.fuzzy_tags)
            if len(self.tag_cache) >= _CACHE_LIMIT:
                self.tag_cache.clear()
            self.tag_cache[key] = None if near is None else self.tag_theme[near]
        return self.tag_cache[key]

    def _key(self, word: str) -> str:
        key = bounded_stem(word)
        longest_word, longest_stem, _ = self.fuzzy_longest
        if (
            key not in self.vocab_stems
            and len(word) >= FUZZY_MIN_LEN
            and word not in STOPWORDS
            and word.isalpha()
        ):
            hit = _fuzzy(word, self.fuzzy_words) if len(word) <= longest_word + 1 else None
            if hit is not None:
                key = stem(hit)
            elif FUZZY_MIN_LEN <= len(key) <= longest_stem + 1:
                hit = _fuzzy(key, self.fuzzy_stems)
                if hit is not None:
                    key = hit
        return key


def bounded_stem(word: str) -> str:
    """stem(), without keeping a word longer than _CACHE_WORD_MAX in its cache."""
    return stem(word) if len(word) <= _CACHE_WORD_MAX else stem.__wrapped__(word)


def _word_key(word: str) -> str:
    return word if word.startswith("=") else stem(word)


def _compile_term(theme: int, term: str, concepts: dict[str, Slot], uid: int) -> list[Term]:
    weak = term.startswith("~")
    negative = term.startswith("!")
    body = term.lstrip("~!").strip()
    display = " ".join(body.replace("=", "").split())
    parts: list[tuple[Slot, ...]] = []
    plain: list[str] = []  # the words, when the term is one part of plain words
    has_concept = False
    for chunk in body.split("..."):
        slots = []
        for word in term_words(chunk):
            if word.startswith("@"):
                slots.append(concepts[word[1:]])  # a known concept: checked by Lexicon
                has_concept = True
            else:
                slots.append(frozenset((_word_key(word),)))
                plain.append(word)
        if slots:
            parts.append(tuple(slots))
    if not parts:
        return []
    words = sum(len(p) for p in parts)
    if negative:
        weight = WEIGHT_NOT
    elif weak:
        weight = WEIGHT_WEAK
    elif words == 1:
        weight = WEIGHT_WORD
    else:
        weight = WEIGHT_PHRASE
    out = [Term(theme, display, weight, tuple(parts), has_concept, uid)]
    # "on call" also matches the joined spelling "oncall" (and "on-call" already splits).
    if (
        len(parts) == 1
        and len(parts[0]) > 1
        and not has_concept
        and not any(w.startswith("=") for w in plain)
    ):
        out.append(
            Term(theme, display, weight, ((frozenset((stem("".join(plain)),)),),), False, uid)
        )
    return out


def _deletion_index(words: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for w in words:
        for variant in {w, *(w[:i] + w[i + 1 :] for i in range(len(w)))}:
            index.setdefault(variant, []).append(w)
    return index


def _fuzzy(word: str, index: dict[str, list[str]]) -> str | None:
    """The closest indexed word within one edit (or one swap); same first letter; None if none."""
    candidates: set[str] = set(index.get(word, ()))
    for i in range(len(word)):
        candidates.update(index.get(word[:i] + word[i + 1 :], ()))
    best: tuple[int, str] | None = None
    for cand in candidates:
        if cand == word or cand[0] != word[0]:
            continue
        shorter = min(len(cand), len(word))
        limit = 2 if shorter >= 8 else 1
        d = edit_distance(word, cand, limit)
        if d > limit:
            continue
        # One swapped letter in a short word is usually another real word ("style"/"stale",
        # "clock"/"block"); swaps are trusted from 7 letters, other single edits from 5.
        if d == 1 and len(cand) == len(word) and shorter < 7 and not _transposed(word, cand):
            continue
        if best is None or (d, cand) < best:
            best = (d, cand)
    return best[1] if best else None


def _transposed(a: str, b: str) -> bool:
    """True when b is a with two adjacent letters swapped."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )
