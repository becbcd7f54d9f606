"""The manager's own lexicon file, `lexicon.json` beside the journal: terms and tag aliases
they keep in a plain file (or under version control) rather than through `themes add-term`.

    {"terms": {"oncall": ["cried wolf"], "deploy-freeze": ["code freeze"]},
     "aliases": {"pager": "oncall"}}
"""

from __future__ import annotations

import json
from pathlib import Path

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError

FILENAME = "lexicon.json"
MAX_BYTES = 5_000_000  # thousands of terms fit in a few hundred kilobytes


def read_lexicon_file(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(theme, term) pairs and (tag, theme) pairs from the file; none when it does not exist."""
    if path.is_dir():
        raise OneOnOneError(messages.LEXICON_IS_FOLDER.format(path=path))
    if not path.is_file():
        return [], []
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise OneOnOneError(
            messages.LEXICON_UNREADABLE.format(path=path, strerror=exc.strerror)
        ) from None
    if len(raw) > MAX_BYTES:
        raise OneOnOneError(
            messages.LEXICON_TOO_BIG.format(path=path, megabytes=MAX_BYTES // 1000000)
        )
    try:
        # utf-8-sig: a byte-order mark (as some Windows editors save) is not part of the JSON.
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:  # JSON, and numbers too long to convert
        raise OneOnOneError(messages.LEXICON_BAD_JSON.format(path=path, exc=exc)) from None
    except RecursionError:
        raise OneOnOneError(messages.LEXICON_TOO_DEEP.format(path=path)) from None
    unknown = sorted(set(data) - {"terms", "aliases"}) if isinstance(data, dict) else []
    if unknown:
        raise OneOnOneError(messages.LEXICON_UNKNOWN_KEY.format(path=path, unknown=unknown[0][:40]))
    terms = data.get("terms", {}) if isinstance(data, dict) else None
    aliases = data.get("aliases", {}) if isinstance(data, dict) else None
    if (
        not isinstance(terms, dict)
        or not isinstance(aliases, dict)
        or not all(
            isinstance(v, list) and all(isinstance(t, str) for t in v) for v in terms.values()
        )
        or not all(isinstance(v, str) for v in aliases.values())
    ):
        raise OneOnOneError(messages.LEXICON_WRONG_SHAPE.format(path=path))
    from oneonone_cli.domain.tags import normalise_tag
    from oneonone_cli.themes.lexicon import found_prefix_problem, too_long

    for key in (*terms, *aliases.values()):  # a key of yours never passes for a found one
        if (problem := found_prefix_problem(key)) is not None:
            raise OneOnOneError(messages.LEXICON_ENTRY_PROBLEM.format(path=path, problem=problem))

    # The same length limit as `themes add-term` and `themes alias`, so no entry costs its
    # length squared when the theme index is built.
    entries = [
        *((" ".join(t.split()), "term") for v in terms.values() for t in v),
        *((normalise_tag(a), "tag") for a in aliases),
    ]
    for text, what in entries:
        problem = too_long(text, what)
        if problem is not None:
            raise OneOnOneError(messages.LEXICON_ENTRY_PROBLEM.format(path=path, problem=problem))
    return [(k, t) for k, v in terms.items() for t in v], list(aliases.items())
