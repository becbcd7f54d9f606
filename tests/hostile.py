"""Text that has broken programs before: SQL-like, wildcard, quoting and NUL characters.
Shared by the reliability and property tests."""

SQLISH = [
    "'; DROP TABLE notes; --",
    "Robert'); DROP TABLE people;--",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "?",
    ":name",
    "$1",
    "NULL",
    "'",
    '"',
    "`",
    "[x]",
    "/* */",
    "\x00nul\x00",
]
