"""A cue rule for "roadblock or not" (pure Python, per note): a note with a praise / plan /
talk / admin / resolved cue and no trouble word is not a roadblock. The trouble words are the
lexicon's own @problem group; the cue list is written here (see README: it was written after
reading the d1/d2 one-offs, so its d1/d2 figures are optimistic; the tune-set check is not)."""

from __future__ import annotations

import re

from oneonone_cli.themes.text import BREAK, tokens

CUE_WORDS = frozenset(
    [
        "great",
        "excellent",
        "nice",
        "nicely",
        "love",
        "loves",
        "loved",
        "kudos",
        "praise",
        "praised",
        "proud",
        "impressed",
        "impressive",
        "celebrate",
        "celebrated",
        "thanks",
        "thanked",
        "award",
        "nominated",
        "nomination",
        "congrats",
        "win",
        "wins",
        "smoothly",
        "volunteered",
        "volunteer",
        "proposed",
        "suggested",
        "interested",
        "considering",
        "planning",
        "plans",
        "talk",
        "talks",
        "presenting",
        "presentation",
        "present",
        "meetup",
        "conference",
        "guild",
        "blog",
        "podcast",
        "lunch",
        "brown-bag",
        "course",
        "cert",
        "certification",
        "mentor",
        "mentoring",
        "mentee",
        "shadow",
        "secondment",
        "promotion",
        "stretch",
        "swap",
        "swapped",
        "sorted",
        "handover",
        "holiday",
        "vacation",
        "leave",
        "wedding",
        "honeymoon",
        "off",
        "approved",
        "one-off",
        "oneoff",
        "once-off",
        "one-time",
    ]
)
CUE_PHRASES = [
    r"\bwants? to (?:learn|lead|try|give|present|move|grow|do|speak|write|attend|go)\b",
    r"\bwould like to\b",
    r"\bwent (?:well|great|smoothly)\b",
    r"\bwell received\b",
    r"\bbig win\b",
    r"\bgood (?:idea|work|job|progress|sprint)\b",
    r"\bone[- ](?:off|time)\b",
    r"\bshouldn'?t recur\b",
    r"\bnothing blocking\b",
    r"\bfine by me\b",
    r"\bno problem\b",
    r"\bsame day\b",
    r"\bgo for it\b",
    r"\btaking over\b",
    r"\bthinking about\b",
    r"\bdoing a\b",
]
_PHRASE_RE = re.compile("|".join(CUE_PHRASES), re.I)
STRONG_TROUBLE = frozenset(
    [
        "stuck",
        "blocked",
        "blocking",
        "blocker",
        "waiting",
        "broken",
        "broke",
        "fails",
        "failing",
        "failed",
        "crash",
        "crashes",
        "crashing",
        "cant",
        "cannot",
        "couldnt",
        "lost",
        "losing",
        "wasted",
        "frustrated",
        "frustrating",
        "annoying",
        "painful",
        "again",
        "still",
    ]
)


def cue_not_roadblock(text: str) -> bool:
    toks = [t for t in tokens(text) if t != BREAK]
    cue = _PHRASE_RE.search(text) is not None or any(t in CUE_WORDS for t in toks)
    if not cue:
        return False
    # "one-off" is explicit; otherwise any strong trouble word keeps the note a roadblock
    if re.search(r"\bone[- ](?:off|time)\b|shouldn'?t recur", text, re.I):
        return True
    return not any(t in STRONG_TROUBLE for t in toks)
