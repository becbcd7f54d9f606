"""Text made safe and readable for a terminal: control characters shown as escapes, one-line
messages, counts with their plural, lexicon terms as a person reads them. Pure, no rich."""

from __future__ import annotations

# Characters a person cannot see or that move what they see, beyond the C0 controls: C1
# controls and DEL, the bidirectional marks, embeddings, overrides and isolates, line and
# paragraph separators, zero-width and other invisible format characters, tag characters.
# Tables and messages show each as a visible escape; JSON as a \\uXXXX escape (the zero-width
# joiner stays: emoji are built with it).
INVISIBLE = (
    (0x7F, 0x9F),
    (0x00AD, 0x00AD),
    (0x061C, 0x061C),
    (0x180E, 0x180E),
    (0x200B, 0x200C),
    (0x200E, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0xE0000, 0xE007F),
)
# Tables and messages: the C0 controls too (escape sequences start with one), tab and line
# feed aside. (A translation table: the equivalent regex cost half a millisecond to compile.)
_CONTROL = {
    code: f"\\x{code:02x}"
    if code < 0x100
    else f"\\u{code:04x}"
    if code < 0x10000
    else f"\\U{code:08x}"
    for span in ((0x00, 0x08), (0x0B, 0x1F), *INVISIBLE)
    for code in range(span[0], span[1] + 1)
}


def inert(text: str) -> str:
    """Note text made safe for a terminal: control characters shown as \\xNN, never obeyed.
    Text with none (isprintable: every character escaped is not printable) is as it is, for a
    twentieth of translate's cost (a week's table has thousands of cells)."""
    return text if text.isprintable() else text.translate(_CONTROL)


def one_line(text: str) -> str:
    """inert(), and line breaks and tabs shown as escapes too: an error stays on one line."""
    return inert(text).replace("\n", "\\n").replace("\t", "\\t")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'no notes', '1 note', '2 notes'."""
    if n == 0:
        return f"no {plural or noun + 's'}"
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def readable_term(term: str) -> str:
    """A lexicon term as a person reads it: without the matcher's marks ('=call' exact,
    '~=pages' loose), and a proximity pair's gaps shown once ('... legacy ... module')."""
    words = [w.lstrip("=~") if w != "..." else w for w in term.split()]
    while words and words[0] == "...":
        words.pop(0)
    while words and words[-1] == "...":
        words.pop()
    return " ".join(w for w in words if w)
