"""#tags written in a note: what counts as one, and the form a tag is stored and matched in."""

from __future__ import annotations

import re
import unicodedata

_TAG_RE = re.compile(r"(?<![\w#&/])#([^\W_][\w-]*)")


def normalise_tag(tag: str) -> str:
    """'#On-Call' -> 'on-call': NFKC, lowercase, no leading '#', surrounding space removed."""
    return unicodedata.normalize("NFKC", tag).strip().lstrip("#").strip().casefold()


def extract_tags(text: str) -> tuple[str, ...]:
    """The #tags written in the text, lowercase without '#', de-duplicated in order.

    A tag is '#' followed by letters or digits, then letters, digits, '-' or '_'. A '#' glued to
    a preceding word or '&' (URL fragments, "C#", "&#39;") does not start a tag; trailing '-'
    or '_' is not part of it.
    """
    found = (
        normalise_tag(m).rstrip("-_") for m in _TAG_RE.findall(unicodedata.normalize("NFKC", text))
    )
    return tuple(dict.fromkeys(t for t in found if t))
