"""Hypothesis strategies shared by the tests of what a manager types."""

from __future__ import annotations

from hypothesis import strategies as st

# One line of a note as typed in the editor or on stdin: any text but line breaks (and the
# characters Python's splitlines breaks on), with something left once stripped.
note_line = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs",),
            blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
        ),
        min_size=1,
    )
    .map(str.strip)
    .filter(bool)
)
