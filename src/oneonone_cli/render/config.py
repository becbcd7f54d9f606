"""The settings view: `config show` as a table or JSON (keys: key, value, source; the
editor's value is the program that would run, null when none is found)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from oneonone_cli import messages
from oneonone_cli.render.output import rows_json
from oneonone_cli.render.tables import table

CONFIG_KEYS = ("key", "value", "source")


def settings_view(settings: Sequence[Any], path: Path, as_json: bool) -> None:
    rows = [
        {"key": s.key, "value": s.value, "source": s.env if s.source == "env" else s.source}
        for s in settings
    ]
    if as_json:
        return rows_json(rows, CONFIG_KEYS)
    table(
        messages.CONFIG_SHOW_TITLE.format(path=path),
        ["Key", "Value", "From"],
        [[r["key"], _shown(r), _source(r["source"])] for r in rows],
    )


def _shown(row: dict[str, Any]) -> str:
    if row["key"] == "editor" and row["source"] == "default":  # the rule, not only its pick
        return messages.CONFIG_EDITOR_FALLBACK
    return row["value"]


def _source(source: str) -> str:
    if source == "file":
        return messages.CONFIG_SOURCE_FILE
    if source == "default":
        return messages.CONFIG_SOURCE_DEFAULT
    return messages.CONFIG_SOURCE_ENV.format(name=source)
