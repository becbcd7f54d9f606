"""The lexicon of themes: pure, standard library only.

The built-in themes (data/lexicon.json) plus the manager's own terms and #tag aliases, the
checks every theme key, term and concept reference passes, the name of a theme made from its
key, and the fingerprint that tells the store when its stored signatures are stale.

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
(the weights are in themes/index.py, the windows in themes/analysis.py)
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from oneonone_cli.domain.records import KINDS
from oneonone_cli.domain.tags import normalise_tag
from oneonone_cli.shipped import data_text
from oneonone_cli.themes.model import model_checksum
from oneonone_cli.themes.text import BREAK, STOPWORDS, tag_key, tokens

if TYPE_CHECKING:
    from oneonone_cli.themes.index import Index

# Bump when analyse() would give a different answer for the same lexicon; it is part of the
# fingerprint, so stored signatures are recomputed.
ENGINE_VERSION = "3"

MAX_TERM_CHARS = 100  # longest term or #tag alias a manager can add (the built-in ones: 28)

# A theme key a manager types (`themes add-term KEY`): lowercase words joined by '-'.
_THEME_KEY_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


class ThemeDef(NamedTuple):
    key: str
    name: str
    kind: str
    terms: tuple[str, ...]
    tags: tuple[str, ...]


Concepts = tuple[tuple[str, tuple[str, ...]], ...]


class Lexicon:
    """The themes, the concept groups their terms use, and what the manager taught.

    An object with behaviour, not a record: it builds its matching index on the first
    analyse() (a report that only groups stored signatures never pays for it) and its
    fingerprint on first use, and keeps both. A plain class with __slots__: defining a
    dataclass costs ~0.6 ms on every `themes` run."""

    __slots__ = ("_fingerprint", "_index", "concepts", "dismissed", "taught", "themes", "use_model")

    def __init__(
        self,
        themes: tuple[ThemeDef, ...],
        # Concept groups usable as "@name" in terms: (name, (word, ...)), e.g. ("team", ("team", "squad")).
        concepts: Concepts = (),
        # Consult the shipped theme model (themes/model.py) where the lexicon's evidence is weak.
        use_model: bool = False,
        # What the manager taught (user terms as displayed, "#tag" of user aliases): a theme they
        # name is never second-guessed by the model.
        taught: frozenset[str] = frozenset(),
        # The keys of found themes the manager dismissed: grouping forms them no more. They
        # act at grouping time, so they are not part of the fingerprint (no note is analysed
        # again for a dismissal).
        dismissed: frozenset[str] = frozenset(),
    ) -> None:
        self.themes = themes
        self.concepts = concepts
        self.use_model = use_model
        self.taught = taught
        self.dismissed = dismissed
        self._index: Index | None = None
        self._fingerprint: str | None = None
        keys = [t.key for t in themes]
        if len(set(keys)) != len(keys):
            dupes = sorted(k for k, c in Counter(keys).items() if c > 1)
            raise ValueError(f"theme keys must be unique: {', '.join(dupes)}")
        names = {name for name, _ in concepts}
        # Checked on every run, for the 1,600 built-in members and 2,200 terms too: what cannot
        # fail skips term_words() (~4 us each). An ASCII letters-and-digits member is one word;
        # only a term with an '@' can name a concept.
        for name, members in concepts:
            for member in members:
                if not (member.isascii() and member.isalnum()) and len(term_words(member)) != 1:
                    raise ValueError(f"concept '@{name}': '{member}' must be a single word")
        for t in themes:
            if t.kind not in KINDS:
                raise ValueError(
                    f"theme '{t.key}' has kind '{t.kind}'; expected one of: {', '.join(KINDS)}"
                )
            for term in t.terms:
                if "@" not in term:
                    continue
                for word in term_words(term):
                    if word.startswith("@") and word[1:] not in names:
                        raise ValueError(f"term '{term}' uses unknown concept '{word}'")

    def _content(self) -> tuple:
        return (self.themes, self.concepts, self.use_model, self.taught, self.dismissed)

    def __eq__(self, other: object) -> bool:
        """Equal content: two lexicons built from the same entries are the same lexicon."""
        return self._content() == other._content() if isinstance(other, Lexicon) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._content())

    def __repr__(self) -> str:
        return f"Lexicon({len(self.themes)} themes, use_model={self.use_model})"

    def without_model(self) -> Lexicon:
        """The same lexicon, never consulting the learned model (to measure what it adds)."""
        return Lexicon(
            self.themes,
            self.concepts,
            use_model=False,
            taught=self.taught,
            dismissed=self.dismissed,
        )

    @property
    def index(self) -> Index:
        """The matching index, built on first use."""
        index = self._index
        if index is None:
            from oneonone_cli.themes.index import Index

            index = self._index = Index(self.themes, self.concepts)
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
        cached = self._fingerprint
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
        self._fingerprint = fingerprint
        return fingerprint


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


def builtin_keys() -> frozenset[str]:
    """The keys of the built-in themes (data/lexicon.json)."""
    return frozenset(t.key for t in _builtin()[0])


def theme_name_from_key(key: str, acronyms: frozenset[str] = frozenset()) -> str:
    """'cried-wolf' -> 'Cried wolf'; a word in `acronyms` in capitals ('ci flakes' -> 'CI flakes')."""
    words = [
        w.upper() if w in acronyms else w for w in key.replace("-", " ").replace("_", " ").split()
    ]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else key


def theme_key_problem(key: str) -> str | None:
    """Why a theme key a manager types is not one, or None when it is."""
    if _THEME_KEY_RE.match(key):
        return None
    return f"'{shown(key)}' is not a theme key: use lowercase words joined by '-'"


def shown(text: str, limit: int = 60) -> str:
    """`text` as an error echoes it: cut when it is long, as too_long() cuts a term or tag."""
    return text if len(text) <= limit else text[:20] + "..."


def found_prefix_problem(key: str) -> str | None:
    """Why `key` cannot be a theme of the manager's: it starts as a found theme's does."""
    from oneonone_cli import messages
    from oneonone_cli.themes.grouping import FOUND_PREFIXES

    clean = clean_key(key)
    for prefix in FOUND_PREFIXES:
        if clean.startswith(prefix):
            plain = theme_key_from_name(clean[len(prefix) :]) or "my-theme"
            return messages.FOUND_PREFIX_KEY.format(key=key[:40], prefix=prefix, plain=plain)
    return None


def theme_key_from_name(name: str) -> str:
    """The key of a theme the manager names ('Staging environment' -> 'staging-environment'):
    lowercase ASCII letters and digits joined by '-', at most 24 characters (it fits a
    table column), cut between words.
    It may still not be a key (a name of only symbols, or starting with a digit): see
    theme_key_problem()."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    key = "-".join(re.findall(r"[a-z0-9]+", plain))
    while len(key) > 24 and "-" in key:
        key = key.rsplit("-", 1)[0]
    return key[:24]


def load_lexicon(
    user_terms: Iterable[tuple[str, str]] = (),
    user_aliases: Iterable[tuple[str, str]] = (),
    user_themes: Iterable[tuple[str, str]] = (),
    dismissed: Iterable[str] = (),
) -> Lexicon:
    """The built-in lexicon plus the manager's own terms, tag aliases and named themes.

    user_terms: (theme_key, term) pairs; an unknown key creates a roadblock theme named after it.
    user_aliases: (tag, theme_key) pairs; a user alias takes the tag away from any other theme.
    user_themes: (theme_key, name) pairs: a roadblock theme of the manager's own with this name
    (a theme they kept from a found one); a built-in key keeps its own name.
    dismissed: the keys of found themes that grouping forms no more.
    Raises ValueError with a readable message for an unknown theme in an alias or an unusable term.
    """
    builtin_themes, concepts = _builtin()
    themes = {t.key: t for t in builtin_themes}
    for theme_key, name in user_themes:
        key = clean_key(theme_key)
        if key and key not in themes:
            themes[key] = ThemeDef(
                key=key,
                name=" ".join(str(name).split()) or theme_name_from_key(key),
                kind="roadblock",
                terms=(),
                tags=(),
            )
    extra_terms: dict[str, list[str]] = defaultdict(list)
    for theme_key, term in user_terms:
        key = clean_key(theme_key)
        text = " ".join(str(term).split())
        if not key:
            raise ValueError(f"theme name for term '{text}' is empty")
        if not any(term_words(text)):
            raise ValueError(f"term '{term}' has no words to match")
        if all(w.lstrip("=") in STOPWORDS for w in term_words(text) if not w.startswith("@")):
            raise ValueError(
                f"term '{text}' is made only of common words like 'the' or 'on'; add a more specific word"
            )
        if key not in themes:
            themes[key] = ThemeDef(
                key=key, name=theme_name_from_key(key), kind="roadblock", terms=(), tags=()
            )
        extra_terms[key].append(text)
    for key, terms in extra_terms.items():
        t = themes[key]
        themes[key] = ThemeDef(
            t.key, t.name, t.kind, tuple(dict.fromkeys(t.terms + tuple(terms))), t.tags
        )

    for tag, theme_key in user_aliases:
        norm = normalise_tag(str(tag))
        key = clean_key(theme_key)
        if not norm:
            raise ValueError("an alias needs a tag, e.g. '#pager'")
        if key not in themes:
            known = ", ".join(sorted(themes))
            raise ValueError(
                f"unknown theme '{theme_key}' for alias '#{norm}'; known themes: {known}"
            )
        alias = tag_key(norm)
        for other_key, t in list(themes.items()):
            kept = tuple(g for g in t.tags if tag_key(g) != alias)
            if kept != t.tags:
                themes[other_key] = ThemeDef(t.key, t.name, t.kind, t.terms, kept)
        t = themes[key]
        themes[key] = ThemeDef(t.key, t.name, t.kind, t.terms, t.tags + (norm,))
    taught = {" ".join(text.replace("=", "").lstrip("~!").split()) for _, text in user_terms}
    taught.update("#" + normalise_tag(str(tag)) for tag, _ in user_aliases)
    return Lexicon(
        themes=tuple(themes.values()),
        concepts=concepts,
        use_model=True,
        taught=frozenset(taught),
        dismissed=frozenset(dismissed),
    )


def too_long(text: str, what: str) -> str | None:
    """Why a term or tag the manager adds is too long ("term", "tag"), or None when it is not.

    Checked where terms and aliases come in (`themes add-term`, `themes alias`, lexicon.json),
    not in load_lexicon(): a journal an older version let a longer term into still reads (its
    words are only never typo targets)."""
    if len(text) <= MAX_TERM_CHARS:
        return None
    shown = text[:20] + "..."
    return (
        f"the {what} '{shown}' is {len(text):,} characters long; a {what} can be at most "
        f"{MAX_TERM_CHARS}: use a shorter one"
    )


def clean_key(key: str) -> str:
    return "-".join(normalise_tag(str(key)).split())


def term_words(term: str) -> list[str]:
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
