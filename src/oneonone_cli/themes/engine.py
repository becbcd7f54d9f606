"""Recurring-roadblock detection: pure, standard library only.

Two stages, so that a report over tens of thousands of notes never re-reads their text:

* `analyse()` runs once per note, when it is written. It matches the note against a lexicon of
  themes (stemmed words, phrases with gaps, concept groups, typo-tolerant, #tag aliases), sums
  the weights of what matched per theme and returns a small `Signature`: the one theme with
  the best score (or None below THRESHOLD), what matched, and a few key phrases.
* `theme_groups.group()` only groups stored signatures (summed per theme by the store), linear
  in the number of notes: lexicon themes first, then phrases that recur across meetings among
  notes no theme claimed.

Two concept groups have a meaning of their own when the lexicon defines them: "@win" words
("praised", "shipped") cancel a roadblock that rests on a single word, and a roadblock note
without any "@problem" word ("stuck", "again", "no", "broken") offers no phrases for discovery,
so a topic that merely recurs ("parental leave") is not reported as a roadblock.

Lexicon term syntax (data/lexicon.json and user terms):
  "alert noise"       words in this order, adjacent (also matches the joined "alertnoise")
  "false ... alarm"   both parts within GAP_WINDOW words of each other, in either order; further
                      apart but in one clause they earn FAR_FACTOR of the weight
  "~meeting"          weak: counts WEIGHT_WEAK, so it needs support from another match
  "=paged"            this word exactly as written: no stemming, no typo correction
  "!fire alarm"       a false friend: when it matches, WEIGHT_NOT is taken off the theme's score
                      (shown nowhere); "@aside" words (personal life) likewise cancel thin evidence
  "@wait ... @team"   "@name" is any word of a concept group (Lexicon.concepts), so one term
                      covers "waiting on infra", "blocked by the platform team", "stuck on them"
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from oneonone_cli.domain.records import KINDS
from oneonone_cli.shipped import data_text
from oneonone_cli.themes.text import (
    BREAK,
    STOPWORDS,
    edit_distance,
    extract_tags,
    light_form,
    normalise_tag,
    stem,
    tag_key,
    tokens,
)
from oneonone_cli.themes.model import NOISE, builtin_model, model_checksum, note_features

__all__ = [
    "Lexicon",
    "NoteSig",
    "Signature",
    "ThemeDef",
    "analyse",
    "extract_tags",
    "load_lexicon",
    "normalise_tag",
    "too_long",
]

# Bump when analyse() would give a different answer for the same lexicon; it is part of the
# fingerprint, so stored signatures are recomputed.
ENGINE_VERSION = "3"

GAP_WINDOW = 5          # most words allowed between the parts of an "a ... b" term
FAR_FACTOR = 0.67       # share of a gap term's weight when its parts are further apart, same clause
WEIGHT_WORD = 1.0       # one word ("flaky")
WEIGHT_PHRASE = 1.5     # several words, adjacent or with a gap ("code review", "false ... alarm")
WEIGHT_WEAK = 0.4       # "~word": a hint that needs company
WEIGHT_TAG = 2.0        # a #tag that is an alias of the theme
THRESHOLD = 1.0         # a note joins a theme when its best score reaches this
THIN_EVIDENCE = 1.5     # below this (one plain word), a "@win" word in the note cancels a roadblock
MODEL_STRONG = 3.0     # below this lexicon score, the learned model (theme_model.py) is consulted
MODEL_CONFIDENT = 0.4  # ... and names the note's theme when it gives a theme this probability
MODEL_NOISE = 0.8      # ... and clears a weak lexicon theme when it calls the note a one-off this surely
ASIDE_EVIDENCE = 2.5    # below this, an "@aside" word (mortgage, dentist, bookshelf) cancels a roadblock
WEIGHT_NOT = -2.0       # "!term": a false friend ("fire alarm" for on-call) takes this off its theme
MAX_PHRASES = 12        # phrases kept per note for discovery
FUZZY_MIN_LEN = 5       # words shorter than this are never typo-corrected
MAX_TERM_CHARS = 100    # longest term or #tag alias a manager can add (the built-in ones: 28)
FUZZY_MAX_LEN = MAX_TERM_CHARS  # lexicon words and tags longer than this are never typo targets
JOIN_PREFIX_MAX = MAX_TERM_CHARS  # joined keys' prefixes kept up to this length (see _Index)
_CACHE_LIMIT = 50_000   # per-lexicon word cache is cleared when it grows past this
_CACHE_WORD_MAX = MAX_TERM_CHARS  # longer words are worked out afresh, never kept in a cache

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


_CONCEPT_RE = re.compile(r"(?<![\w@])@([^\W_][\w-]*)")

# ----------------------------------------------------------------------------- data model


class ThemeDef(NamedTuple):
    key: str
    name: str
    kind: str
    terms: tuple[str, ...]
    tags: tuple[str, ...]


Slot = frozenset  # the keys one word position accepts: stems, or "=word" for an exact word
_WordInfo = tuple  # (key, exact key, phrase form, candidate terms per kind), see _Index.word_info


class _Term(NamedTuple):
    theme: int                              # index into Lexicon.themes
    display: str                            # as the lexicon spells it, markers removed
    weight: float
    parts: tuple[tuple[Slot, ...], ...]     # one slot per word, per part ("a ... b" has 2 parts)
    concept: bool                           # shows the note's own words when it matches
    uid: int                                # shared by a term and its joined spelling
    single: bool = False                    # one part of one word: the anchor hit is the match
    anchor: tuple[int, int] = (0, 0)        # (part, word) looked up in the index: the rarest one
    others: tuple[Slot, ...] = ()           # every slot but the anchor's, for a quick reject


def _with_anchor(term: _Term) -> _Term:
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
            {slot for i, part in enumerate(term.parts) for j, slot in enumerate(part) if (i, j) != (p, w)},
            key=lambda slot: (len(slot), sorted(slot)),
        )
    )
    return _Term(term.theme, term.display, term.weight, term.parts, term.concept, term.uid, single, (p, w), others)


class _Index:
    """Everything analyse() needs, precomputed from the themes. Built once per Lexicon."""

    def __init__(self, themes: tuple[ThemeDef, ...], concepts: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.themes = themes
        self.kind_of = tuple(t.kind for t in themes)
        # kind -> word key -> terms whose first word accepts that key
        self.anchors: dict[str, dict[str, list[_Term]]] = {k: defaultdict(list) for k in KINDS}
        # kind -> one-word plain terms, to test a text pair "on"+"call" against "oncall"
        self.joined: dict[str, dict[str, list[_Term]]] = {k: defaultdict(list) for k in KINDS}
        self.tag_theme: dict[str, int] = {}
        self.concepts: dict[str, Slot] = {}
        vocab_stems: set[str] = set()
        vocab_words: set[str] = set()
        for name, members in concepts:
            slot = set()
            for member in members:
                words = _term_words(member)
                if len(words) != 1:
                    raise ValueError(f"concept '@{name}': '{member}' must be a single word")
                slot.add(_word_key(words[0]))
                vocab_words.add(words[0])
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
                for word in _term_words(term):
                    if not word.startswith("@"):
                        vocab_words.add(word)
            for tag in theme.tags:
                self.tag_theme.setdefault(tag_key(tag), ti)
        for word in vocab_words:
            if not word.startswith("="):
                vocab_stems.add(stem(word))
        vocab_words = {w for w in vocab_words if FUZZY_MIN_LEN <= len(w) <= FUZZY_MAX_LEN and w.isalpha()}
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
        self.win: Slot | None = self.concepts.get("win")   # good-news words, see analyse()
        self.aside: Slot | None = self.concepts.get("aside")   # personal-life words, see analyse()
        # Tag keys long enough to be typo-corrected ("#documention" -> "documentation").
        fuzzy_tags = [k for k in self.tag_theme if FUZZY_MIN_LEN <= len(k) <= FUZZY_MAX_LEN and k.isalpha()]
        self.fuzzy_tags = _deletion_index(fuzzy_tags)
        self.tag_cache: dict[str, int | None] = {}
        self.problem: Slot | None = self.concepts.get("problem")   # trouble words, see _phrases()
        self.vocab_stems = frozenset(vocab_stems)
        # Typo candidates: raw lexicon words and stems, indexed by every single-deletion variant
        # (symmetric delete): a typo within one edit or one transposition shares a variant.
        self.fuzzy_words = _deletion_index(vocab_words)
        fuzzy_stems = [s for s in vocab_stems if FUZZY_MIN_LEN <= len(s) <= FUZZY_MAX_LEN and s.isalpha()]
        self.fuzzy_stems = _deletion_index(fuzzy_stems)
        # A word more than one letter longer than every word of an index is never within one
        # edit of any: it is not even looked up (that lookup costs its length squared).
        self.fuzzy_longest = tuple(max(map(len, ws), default=0) for ws in (vocab_words, fuzzy_stems, fuzzy_tags))
        self.cache: dict[str, _WordInfo] = {}

    def word_info(self, word: str) -> _WordInfo:
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
            tuple(self.anchors[kind].get(key, ())) + tuple(self.anchors[kind].get(exact, ())) for kind in KINDS
        )
        info = (key, exact, light_form(word) if _content(word) else "", candidates)
        if len(word) > _CACHE_WORD_MAX:
            return info   # not kept: the cache would keep a note's huge word alive all run
        if len(self.cache) >= _CACHE_LIMIT:
            self.cache.clear()
        self.cache[word] = info
        return info

    def tag_theme_of(self, tag: str) -> int | None:
        """The theme a tag is an alias of, allowing one typo in a long tag; None if none."""
        key = tag_key(tag)
        hit = self.tag_theme.get(key)
        if hit is not None or len(key) < FUZZY_MIN_LEN or len(key) > self.fuzzy_longest[2] + 1 or not key.isalpha():
            return hit
        if key not in self.tag_cache:
            near = _fuzzy(key, self.fuzzy_tags)
            if len(self.tag_cache) >= _CACHE_LIMIT:
                self.tag_cache.clear()
            self.tag_cache[key] = None if near is None else self.tag_theme[near]
        return self.tag_cache[key]

    def _key(self, word: str) -> str:
        key = _stem(word)
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


@dataclass(frozen=True)
class Lexicon:
    themes: tuple[ThemeDef, ...]
    # Concept groups usable as "@name" in terms: (name, (word, ...)), e.g. ("team", ("team", "squad")).
    concepts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Consult the shipped theme model (theme_model.py) where the lexicon's evidence is weak.
    use_model: bool = False
    # What the manager taught (user terms as displayed, "#tag" of user aliases): a theme they
    # name is never second-guessed by the model.
    taught: frozenset[str] = frozenset()
    # The matching index, built on the first analyse() (a report that only groups stored
    # signatures never pays for it), and the fingerprint, made on first use.
    _built: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        keys = [t.key for t in self.themes]
        if len(set(keys)) != len(keys):
            dupes = sorted(k for k, c in Counter(keys).items() if c > 1)
            raise ValueError(f"theme keys must be unique: {', '.join(dupes)}")
        names = {name for name, _ in self.concepts}
        for name, members in self.concepts:
            for member in members:
                if len(member.split()) != 1:
                    raise ValueError(f"concept '@{name}': '{member}' must be a single word")
        for t in self.themes:
            if t.kind not in KINDS:
                raise ValueError(f"theme '{t.key}' has kind '{t.kind}'; expected one of: {', '.join(KINDS)}")
            for term in t.terms:
                for ref in _CONCEPT_RE.findall(term):
                    if ref.lower() not in names:
                        raise ValueError(f"term '{term}' uses unknown concept '@{ref}'")

    @property
    def _index(self) -> _Index:
        index = self._built.get("index")
        if index is None:
            index = self._built["index"] = _Index(self.themes, self.concepts)
        return index

    def theme(self, key: str) -> ThemeDef | None:
        for t in self.themes:
            if t.key == key:
                return t
        return None

    def fingerprint(self) -> str:
        """Stable checksum of the lexicon content and engine version (24 hex characters).

        It only has to notice a changed lexicon, never resist an attacker: zlib's CRC-32 and
        Adler-32 with the length do that, and unlike hashlib they load no OpenSSL (3.5 MiB of
        memory and 3 ms on every `themes` run). Computed once per lexicon."""
        cached = self._built.get("fingerprint")
        if cached is not None:
            return cached
        payload = json.dumps(
            [
                ENGINE_VERSION,
                [[t.key, t.name, t.kind, list(t.terms), list(t.tags)] for t in self.themes],
                [[name, list(words)] for name, words in self.concepts],
                model_checksum() if self.use_model else None,
                sorted(self.taught),
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        data = payload.encode("utf-8")
        fingerprint = f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data) & 0xFFFFFFFF:08x}"
        self._built["fingerprint"] = fingerprint
        return fingerprint


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


# ----------------------------------------------------------------------------- lexicon loading


@lru_cache(maxsize=1)
def _builtin() -> tuple[tuple[ThemeDef, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    raw = json.loads(data_text("lexicon.json"))
    concepts = tuple((name, tuple(words)) for name, words in raw.get("concepts", {}).items())
    themes = tuple(
        ThemeDef(
            key=t["key"],
            name=t["name"],
            kind=t["kind"],
            terms=tuple(t["terms"]),
            tags=tuple(dict.fromkeys(normalise_tag(g) for g in t["tags"])),
        )
        for t in raw["themes"]
    )
    return themes, concepts


def theme_name_from_key(key: str) -> str:
    """'cried-wolf' -> 'Cried wolf'."""
    words = key.replace("-", " ").replace("_", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else key


def load_lexicon(
    user_terms: Iterable[tuple[str, str]] = (),
    user_aliases: Iterable[tuple[str, str]] = (),
) -> Lexicon:
    """The built-in lexicon plus the manager's own terms and tag aliases.

    user_terms: (theme_key, term) pairs; an unknown key creates a roadblock theme named after it.
    user_aliases: (tag, theme_key) pairs; a user alias takes the tag away from any other theme.
    Raises ValueError with a readable message for an unknown theme in an alias or an unusable term.
    """
    builtin_themes, concepts = _builtin()
    themes = {t.key: t for t in builtin_themes}
    extra_terms: dict[str, list[str]] = defaultdict(list)
    for theme_key, term in user_terms:
        key = _clean_key(theme_key)
        text = " ".join(str(term).split())
        if not key:
            raise ValueError(f"theme name for term '{text}' is empty")
        if not any(_term_words(text)):
            raise ValueError(f"term '{term}' has no words to match")
        if all(w.lstrip("=") in STOPWORDS for w in _term_words(text) if not w.startswith("@")):
            raise ValueError(f"term '{text}' is made only of common words like 'the' or 'on'; add a more specific word")
        if key not in themes:
            themes[key] = ThemeDef(key=key, name=theme_name_from_key(key), kind="roadblock", terms=(), tags=())
        extra_terms[key].append(text)
    for key, terms in extra_terms.items():
        t = themes[key]
        themes[key] = ThemeDef(t.key, t.name, t.kind, tuple(dict.fromkeys(t.terms + tuple(terms))), t.tags)

    for tag, theme_key in user_aliases:
        norm = normalise_tag(str(tag))
        key = _clean_key(theme_key)
        if not norm:
            raise ValueError("an alias needs a tag, e.g. '#pager'")
        if key not in themes:
            known = ", ".join(sorted(themes))
            raise ValueError(f"unknown theme '{theme_key}' for alias '#{norm}'; known themes: {known}")
        alias = tag_key(norm)
        for other_key, t in list(themes.items()):
            kept = tuple(g for g in t.tags if tag_key(g) != alias)
            if kept != t.tags:
                themes[other_key] = ThemeDef(t.key, t.name, t.kind, t.terms, kept)
        t = themes[key]
        themes[key] = ThemeDef(t.key, t.name, t.kind, t.terms, t.tags + (norm,))
    taught = {" ".join(text.replace("=", "").lstrip("~!").split()) for _, text in user_terms}
    taught.update("#" + normalise_tag(str(tag)) for tag, _ in user_aliases)
    return Lexicon(themes=tuple(themes.values()), concepts=concepts, use_model=True, taught=frozenset(taught))


def too_long(text: str, what: str) -> str | None:
    """Why a term or tag the manager adds is too long ("term", "tag"), or None when it is not.

    Checked where terms and aliases come in (`themes add-term`, `themes alias`, lexicon.json),
    not in load_lexicon(): a journal an older version let a longer term into still reads (its
    words are only never typo targets)."""
    if len(text) <= MAX_TERM_CHARS:
        return None
    shown = text[:20] + "..."
    return (f"the {what} '{shown}' is {len(text):,} characters long; a {what} can be at most "
            f"{MAX_TERM_CHARS}: use a shorter one")  # fmt: skip


def _clean_key(key: str) -> str:
    return "-".join(normalise_tag(str(key)).split())


# ----------------------------------------------------------------------------- term compiling


def _term_words(term: str) -> list[str]:
    """Words of a term as written: lowercase, '=' and '@' kept, '~' and '...' dropped."""
    out = []
    for part in term.lstrip("~!").split("..."):
        for raw in part.split():
            if raw.startswith("@"):
                out.append("@" + raw[1:].lower())
                continue
            exact = raw.startswith("=")
            for w in tokens(raw.lstrip("=")):
                if w != BREAK:
                    out.append("=" + w if exact else w)
    return out


def _word_key(word: str) -> str:
    return word if word.startswith("=") else stem(word)


def _compile_term(theme: int, term: str, concepts: dict[str, Slot], uid: int) -> list[_Term]:
    weak = term.startswith("~")
    negative = term.startswith("!")
    body = term.lstrip("~!").strip()
    display = " ".join(body.replace("=", "").split())
    parts: list[tuple[Slot, ...]] = []
    plain: list[str] = []            # the words, when the term is one part of plain words
    has_concept = False
    for chunk in body.split("..."):
        slots = []
        for word in _term_words(chunk):
            if word.startswith("@"):
                if word[1:] not in concepts:
                    raise ValueError(f"term '{term}' uses unknown concept '{word}'")
                slots.append(concepts[word[1:]])
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
    out = [_Term(theme, display, weight, tuple(parts), has_concept, uid)]
    # "on call" also matches the joined spelling "oncall" (and "on-call" already splits).
    if len(parts) == 1 and len(parts[0]) > 1 and not has_concept and not any(w.startswith("=") for w in plain):
        out.append(_Term(theme, display, weight, ((frozenset((stem("".join(plain)),)),),), False, uid))
    return out


def _deletion_index(words: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for w in words:
        for variant in {w, *(w[:i] + w[i + 1:] for i in range(len(w)))}:
            index.setdefault(variant, []).append(w)
    return index


def _fuzzy(word: str, index: dict[str, list[str]]) -> str | None:
    """The closest indexed word within one edit (or one swap); same first letter; None if none."""
    candidates: set[str] = set(index.get(word, ()))
    for i in range(len(word)):
        candidates.update(index.get(word[:i] + word[i + 1:], ()))
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
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


# ----------------------------------------------------------------------------- analyse


def _read(text: str, tags: tuple[str, ...], idx: _Index):
    """Tags (in the text and given), tokens with BREAKs, and per word its info and clause."""
    text_tags = extract_tags(text) if "#" in text else ()
    if tags:
        given = ("-".join(normalise_tag(t).split()) for t in tags)  # a tag never holds whitespace
        all_tags = tuple(dict.fromkeys(text_tags + tuple(t for t in given if t)))
    else:
        all_tags = text_tags
    toks = tokens(text)
    for t in all_tags:
        if t not in text_tags:          # tags stored apart from the text still count as words
            toks.append(BREAK)
            toks.extend(tokens(t.replace("-", " ").replace("_", " ")))

    infos: list[_WordInfo] = []
    clause: list[int] = []             # clause number of each word (punctuation separates them)
    forms: list[str | None] = []       # per token: phrase form, "" for common words, None at breaks
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
    all_tags, toks, infos, _, _ = _read(text, tags, lexicon._index)
    return note_features(toks, [i[0] for i in infos], all_tags)


def analyse(text: str, tags: tuple[str, ...], kind: str, lexicon: Lexicon) -> Signature:
    """The signature of one note: its theme (of this kind) or None, what matched, key phrases."""
    idx = lexicon._index
    all_tags, toks, infos, clause, forms = _read(text, tags, idx)
    words = [tok for tok in toks if tok != BREAK]
    keys = [i[0] for i in infos]
    exact = [i[1] for i in infos]
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
            shown = sorted((at, x if spans is None else _shown(x, spans, words)) for at, x, spans in matched[best])
            terms = tuple(dict.fromkeys(d for _, d in shown))
    if kind == "roadblock" and evidence < MODEL_STRONG and lexicon.use_model:
        verdict = _second_opinion(lexicon, toks, keys, all_tags, theme_key, terms)
        # A note the lexicon reads as morale ("burned out") is not the model's new roadblock.
        if theme_key is not None or verdict[0] is None or not _reads_as_morale(idx, words, keys, exact, infos, clause):
            theme_key, terms = verdict
    # A phrase that recurs without any sign of trouble is a topic ("parental leave"), not a
    # roadblock: roadblock notes offer phrases for discovery only when they name a problem.
    troubled = kind != "roadblock" or idx.problem is None or not idx.problem.isdisjoint(keys)
    return Signature(theme=theme_key, terms=terms, phrases=_phrases(forms if troubled else [], all_tags, idx))


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
    if theme_key is not None and (theme_key not in model.classes or not lexicon.taught.isdisjoint(terms)):
        return theme_key, terms
    feats = note_features(toks, keys, tags)
    probs = model.scores(feats)
    best = max(range(len(probs)), key=probs.__getitem__)
    label = model.classes[best]
    if label == NOISE:
        return (None, ()) if probs[best] >= MODEL_NOISE else (theme_key, terms)
    known = lexicon.theme(label)
    if label == theme_key or probs[best] < MODEL_CONFIDENT or known is None or known.kind != "roadblock":
        return theme_key, terms
    return label, model.explain(feats, best)


def _reads_as_morale(
    idx: _Index, words: list[str], keys: list[str], exact: list[str], infos: list[_WordInfo], clause: list[int]
) -> bool:
    """True when some morale theme of the lexicon claims the note (scores THRESHOLD or more)."""
    at = KINDS.index("morale")
    claims, _ = _score(idx, "morale", words, keys, exact, [i[3][at] for i in infos], clause)
    return any(v >= THRESHOLD for v in claims.values())


def _score(
    idx: _Index,
    kind: str,
    words: list[str],
    keys: list[str],
    exact: list[str],
    cands: list[tuple[_Term, ...]],
    clause: list[int],
) -> tuple[dict[int, float], dict[int, list[tuple[int, _Term, list[tuple[int, int]]]]]]:
    """Score per theme, and (position, term, spans) of each matched term.

    A theme's score sums the weights of its matched terms, strongest first, each scaled by the
    share of its words that no stronger term of that theme already used: overlapping terms
    ("approve", "two ... approve", "reviews ... two") do not pile up evidence from one word.
    """
    joined = idx.joined.get(kind)
    starts = idx.joined_starts.get(kind, frozenset())
    hits: list[tuple[_Term, list[tuple[int, int]], float]] = []
    done: set[int] = set()
    far: dict[int, tuple[_Term, list[tuple[int, int]]]] = {}
    present: set[str] | None = None   # every key in the note, built on first need
    bounds: list[tuple[int, int]] | None = None   # per word, its clause's (first, end) positions
    where: dict = {}   # (part, clause start) -> where the part matches in the clause, see _match
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
        if joined and i + 1 < n and (words[i][:JOIN_PREFIX_MAX] in starts or len(words[i + 1]) <= 2):
            for term in joined.get(_stem(words[i] + words[i + 1]), ()):
                if term.uid not in done:
                    done.add(term.uid)
                    hits.append((term, [(i, i + 2)], term.weight))
    # Parts of a gap term further apart than the window, but in one clause: partial credit.
    for uid, (term, spans) in far.items():
        if uid not in done:
            hits.append((term, spans, term.weight * FAR_FACTOR))
    scores: dict[int, float] = {}
    matched: dict[int, list[tuple[int, _Term, list[tuple[int, int]]]]] = {}
    if len(hits) > 1:
        hits.sort(key=_neg_weight)
    used: dict[int, set[int]] = {}
    for term, spans, weight in hits:
        theme = term.theme
        if weight < 0:   # a false friend lowers the score and is not shown
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


def _shown(term: _Term, spans: list[tuple[int, int]], words: list[str]) -> str:
    """How a matched term is shown: a concept term shows the note's own words."""
    if term.concept:
        return " ... ".join(" ".join(words[a:b]) for a, b in sorted(spans))
    return term.display


def _neg_weight(hit: tuple[_Term, list[tuple[int, int]], float]) -> float:
    return -hit[2]


def _stem(word: str) -> str:
    """stem(), without keeping a word longer than _CACHE_WORD_MAX in its cache."""
    return stem(word) if len(word) <= _CACHE_WORD_MAX else stem.__wrapped__(word)


def _match(
    term: _Term,
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
                    j for j in range(lo, hi - len(part) + 1)
                    if (keys[j] in first or exact[j] in first) and _part_at(part, keys, exact, j)
                ]  # fmt: skip
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


def _content(word: str) -> bool:
    if word in ACRONYMS:
        return True
    return len(word) >= 3 and word[0].isalpha() and word not in STOPWORDS and light_form(word) not in _PHRASE_STOP


def _phrases(forms: list[str | None], tags: tuple[str, ...], idx: _Index) -> tuple[str, ...]:
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
