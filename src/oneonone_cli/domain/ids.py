"""The stable IDs of notes, 1:1s and trash items as the manager types them back: `12` or `#12`
(tables show the number; messages write `#12`). Pure."""

from __future__ import annotations

import re

from oneonone_cli import messages
from oneonone_cli.errors import shown, usage_error

_ID = re.compile(r"#?([0-9]{1,18})")


def parse_id(value: str, what: str) -> int:
    """`12` or `#12` (spaces around allowed) as 12; anything else is one line naming it (a
    usage error, exit 2, like any malformed argument)."""
    match = _ID.fullmatch(value.strip())
    if match is None or int(match.group(1)) == 0:
        raise usage_error(messages.NOT_AN_ID.format(value=shown(value), what=what))
    return int(match.group(1))
