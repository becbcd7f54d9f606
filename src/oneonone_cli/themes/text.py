"""Text normalisation for theme detection: tokens, a light stemmer, stopwords, tags, typo matching.

Pure functions over strings, standard library only. Everything here is deterministic and the
same function is applied to lexicon terms and to note text, so the stemmer only has to be
consistent, not linguistically right ("paged", "pager", "paging" all become "pag").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from oneonone_cli.domain.tags import normalise_tag

__all__ = [
    "BREAK",
    "SHORTHAND",
    "STOPWORDS",
    "edit_distance",
    "light_form",
    "normalise_text",
    "stem",
    "tag_key",
    "tokens",
]

# A token stream marks sentence/clause punctuation with BREAK so that phrases never span it.
BREAK = "|"

_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`\u00b4")
_TOKEN_RE = re.compile(r"[^\W_]+|[.!?;:,()\[\]{}\n\u2014\u2013]|\s-+\s|--+")

STOPWORDS = frozenset(
    """
    a about above after again against all almost along already also although always am among an and
    another any anyone anything are around as at away be because been before being below between both
    but by can cannot could did do does doing done down during each either else even ever every few
    for from further get gets getting got had has have having he her here hers herself him himself his
    how i if in into is it its itself just least less let like made make makes many may me might more
    most much must my myself no nor not now of off often on once one only or other others our ours
    ourselves out over own per quite rather really same several she should since so some something
    still such than that the their theirs them themselves then there these they this those though
    through thus to too under until up upon us very was we were what whatever when where whether which
    while who whom whose why will with within without would yet you your yours yourself yourselves
    im ive id youre theyre theyve thats dont doesnt didnt isnt wasnt arent werent cant couldnt wont
    wouldnt shouldnt hasnt havent hadnt etc eg ie via vs lot lots bit
    """.split()
)


def normalise_text(text: str) -> str:
    """NFKC, casefold, apostrophes removed ("doesn't" -> "doesnt")."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)


def tokens(text: str) -> list[str]:
    """Words of the text in order, with BREAK where punctuation splits clauses.

    Hyphens and slashes split words ("on-call" -> "on", "call"); '#' is dropped so a tag reads
    as its words. Consecutive BREAKs are collapsed.
    """
    out: list[str] = []
    for tok in _TOKEN_RE.findall(normalise_text(text)):
        if tok[0].isalnum():
            out.append(tok)
        elif out and out[-1] != BREAK:
            out.append(BREAK)
    return out


def tag_key(tag: str) -> str:
    """Key under which tag aliases match: '#On-Call', 'on_call', 'oncall' -> 'oncall'."""
    key = re.sub(r"[-_\s]+", "", normalise_tag(tag))
    # A tag too long to be anyone's alias is stemmed without keeping it in stem()'s cache.
    return stem(key) if len(key) <= 100 else stem.__wrapped__(key)


_VOWELS = frozenset("aeiouy")
# Words that end in 's' without being plurals: never stripped.
_NOT_PLURAL = frozenset(
    """
    k8s ddos dos dns aws https kubernetes postgres jenkins analytics status news series species always
    perhaps canvas alias chaos atlas bonus lens ios macos sms cors gas yes bus thus plus minus
    campus virus focus census corpus nexus consensus
    """.split()
)
# Derivational endings removed once, longest first; the stem left must keep this many chars.
_SUFFIXES = (
    ("ization", 4),
    ("isation", 4),
    ("ational", 4),
    ("fulness", 4),
    ("ations", 4),
    ("ation", 4),
    ("ement", 4),
    ("ment", 4),
    ("ness", 5),
    ("izing", 4),
    ("ising", 4),
    ("ized", 4),
    ("ised", 4),
    ("ize", 4),
    ("ise", 4),
    ("able", 4),
    ("ible", 4),
    ("ful", 4),
    ("ing", 3),
    ("ed", 3),
    ("er", 3),
    ("ly", 4),
    ("al", 5),
)
_UNDOUBLE_AFTER = frozenset({"ing", "ed", "er", "izing", "ising"})
# Shorthand managers type, and British spellings, read as the word they stand for (stemmed
# like that word), so a lexicon term "week" also matches "wk" and "wks".
SHORTHAND = {
    "wk": "week",
    "wks": "weeks",
    "hrs": "hours",
    "min": "minute",
    "mins": "minutes",
    "mtg": "meeting",
    "mtgs": "meetings",
    "env": "environment",
    "envs": "environments",
    "deps": "dependencies",
    "dep": "dependency",
    "svc": "service",
    "svcs": "services",
    "reqs": "requirements",
    "cfg": "config",
    "msg": "message",
    "msgs": "messages",
    "mgmt": "management",
    "mgr": "manager",
    "mgrs": "managers",
    "dept": "department",
    "prio": "priority",
    "prios": "priorities",
    "cust": "customer",
    "custs": "customers",
    "convo": "conversation",
    "convos": "conversations",
    "perms": "permissions",
    "tz": "timezone",
    "approx": "approximately",
    "ppl": "people",
    "docu": "documentation",
    "infos": "info",
    "yday": "yesterday",
    "tmrw": "tomorrow",
    "b4": "before",
    "bc": "because",
    "thru": "through",
    "tho": "though",
    "w": "with",
    "wo": "without",
    "abt": "about",
    "pls": "please",
    "plz": "please",
    "sched": "schedule",
    "cal": "calendar",
    "eod": "evening",
    "organisation": "organization",
    "prioritisation": "prioritization",
    "behaviour": "behavior",
    "licence": "license",
    "catalogue": "catalog",
    "colour": "color",
    "programme": "program",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A small suffix stripper for English, tuned for consistency on engineering vocabulary.

    flaky/flakey/flakes/flakiness -> flak, pipeline(s) -> pipelin, reviewer/reviews -> review,
    priorities/prioritise/prioritization -> priorit, PRs -> pr. Stopwords and words with digits
    are kept as they are.
    """
    w = SHORTHAND.get(word, word)
    if w in STOPWORDS or w in _NOT_PLURAL:
        return w
    if not w.isalpha() and any(c.isdigit() for c in w):
        # "sev2s", "p1s": a plural of a code; other words with digits are kept as they are.
        return w[:-1] if len(w) > 2 and w[-1] == "s" and w[-2].isdigit() else w
    if len(w) <= 3:
        # "prs", "mrs", "cls": plural of a consonant-only abbreviation.
        if len(w) == 3 and w[2] == "s" and not (set(w[:2]) & _VOWELS):
            return w[:2]
        return w
    w = _singular(w, ("ies", "ied"))
    for suffix, keep in _SUFFIXES:
        if w.endswith(suffix):
            base = w[: -len(suffix)]
            if len(base) >= keep and (set(base) & _VOWELS):
                w = base
                doubled = (
                    len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in _VOWELS
                )
                if suffix in _UNDOUBLE_AFTER and doubled:
                    w = w[:-1]  # "running" -> "run", "stopped" -> "stop"
            break
    if len(w) > 3 and w[-1] in "eiy":
        # Trailing e/i/y go, down to 3 letters: one rstrip, not one slice per letter (a word
        # ending in 200,000 'e's would copy it 200,000 times).
        w = w[: max(len(w.rstrip("eiy")), 3)]
    return w


def light_form(word: str) -> str:
    """Readable normalisation for discovered phrases: only plurals folded ("alarms" -> "alarm")."""
    if (
        len(word) <= 3
        or word in _NOT_PLURAL
        or (not word.isalpha() and any(c.isdigit() for c in word))
    ):
        return word
    return _singular(word, ("ies",))


def _singular(word: str, y_endings: tuple[str, ...]) -> str:
    """The plural rules stem() and light_form() share: "classes" -> "class", "priorities" ->
    "priority" (and any of `y_endings`, "ied" too for stem()), "alarms" -> "alarm"; "access",
    "status" and "analysis" kept."""
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(y_endings) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance; returns limit + 1 when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            row_min = min(row_min, v)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1
