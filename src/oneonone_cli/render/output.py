"""Writing results: JSON for scripts, plain lines on stdout, messages and one-line errors on
stderr. Whatever a terminal's encoding cannot show is escaped, and nothing is ever obeyed."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from oneonone_cli.render.text import INVISIBLE, inert, one_line


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def as_dict(row: Any, keys: Sequence[str] | None = None) -> dict:
    """A record (every record is a NamedTuple) or a dict, with dates as ISO text."""
    data = row if isinstance(row, dict) else row._asdict()
    if keys is not None:
        data = {k: data[k] for k in keys}
    return {k: _plain(v) for k, v in data.items()}


def _write(stream, text: str) -> None:
    """Write text that any terminal encoding can show: what it cannot encode is escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


# What JSON output escapes beyond what json.dumps does (it escapes C0 controls itself): the
# invisible characters (text.INVISIBLE), each as a JSON \\uXXXX escape (a surrogate pair past
# U+FFFF). They only ever occur inside JSON strings, so the output stays valid and decodes the same.
def _json_escape(code: int) -> str:
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


_JSON_CONTROL = {
    code: _json_escape(code) for span in INVISIBLE for code in range(span[0], span[1] + 1)
}


def print_json(data: Any) -> None:
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_CONTROL)
    _write(sys.stdout, text + "\n")


class Stdout:
    """stdout for a writer that streams a whole document (export): written as is, and a write
    that fails (a full disk behind a redirect) is the output's failure, said as for any command
    (cli/exit_point.py judges it by this module)."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


def say(message: str) -> None:
    """A command's plain result line (a confirmation) on stdout, made inert."""
    _write(sys.stdout, f"{inert(message)}\n")


def rows_json(rows: Iterable[Any], keys: Sequence[str]) -> None:
    print_json([as_dict(r, keys) for r in rows])


def error(message: str) -> None:
    _write(sys.stderr, f"oneonone: {one_line(message)}\n")


def info(message: str) -> None:
    """A message for the person at the terminal, on stderr so stdout stays the result."""
    _write(sys.stderr, f"{inert(message)}\n")
