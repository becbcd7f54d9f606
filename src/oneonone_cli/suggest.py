"""The one "did you mean" lookup: the closest known name to a mistyped one (difflib)."""

from __future__ import annotations

from collections.abc import Iterable

from oneonone_cli import messages


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """ "did you mean 'alice'? " for the known name closest to `word`, or "" when none is
    close enough; it goes in a message before what to do instead."""
    import difflib  # only on the way to an error message

    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return messages.DID_YOU_MEAN.format(name=close[0]) if close else ""
