"""The settings file: a small TOML file in the platform's config folder (`oneonone config path`).

    editor = "code --wait"      # the editor, when neither $VISUAL nor $EDITOR is set
    color = "never"             # auto, always or never (NO_COLOR and FORCE_COLOR win)

    [themes]
    since = "90d"               # the default window of `oneonone themes`

    [cadence]                   # the cadence `oneonone add` gives when --every is left out
    report = "2w"

Precedence: a command-line option, then an environment variable, then this file, then the
built-in default. The file is read only when a setting it holds is needed (never by `--help`
nor by `log` with its notes on the command line), with the standard library's tomllib, and
checked whole: a bad value or an unknown key is one line naming the file and the key.
`config set` checks the value first and writes the file whole, atomically (a temporary file
renamed over it), in the layout above: flat string keys, which need no TOML writer library.

Imported by cli/ (config, add, themes, the editor) and render/ (colour): it sits below every
layer, as messages.py does, and holds no state between calls.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError, shown, usage_error

CONFIG_ENV = "ONEONONE_CONFIG"  # another settings file (tests, several setups)
FILENAME = "config.toml"
RELATIONSHIPS = ("report", "skip-level", "teammate", "peer", "cross-team")
COLORS = ("auto", "always", "never")


class Setting(NamedTuple):
    key: str  # as in `config set KEY`: a top-level key, or TABLE.KEY
    default: str  # the built-in default, as text
    help: str


def _check_editor(value: str) -> str:
    import shlex

    try:
        words = shlex.split(value)
    except ValueError as exc:
        raise ValueError(messages.CONFIG_EDITOR_UNREADABLE.format(error=exc)) from None
    if not words:
        raise ValueError(messages.CONFIG_EMPTY)
    return value.strip()


def _check_color(value: str) -> str:
    normal = value.strip().lower()
    if normal not in COLORS:
        raise ValueError(messages.CONFIG_COLOR_CHOICES.format(choices=", ".join(COLORS)))
    return normal


def _check_since(value: str) -> str:
    from datetime import date

    from oneonone_cli.domain.dates import parse_since

    if not value.strip():
        raise ValueError(messages.CONFIG_EMPTY)
    some_day = date(2026, 1, 1)  # any day: the span's form is what is checked
    try:
        start = parse_since(value, some_day)
    except OneOnOneError as exc:
        raise ValueError(str(exc)) from None
    if start >= some_day:  # 0d: a window of no day at all
        raise ValueError(messages.CONFIG_SINCE_UNDER_A_DAY)
    return " ".join(value.split())


def _check_cadence(value: str) -> str:
    from oneonone_cli.domain.dates import parse_cadence

    try:
        return str(parse_cadence(value))
    except OneOnOneError as exc:
        raise ValueError(str(exc)) from None


def _builtin_cadence(relationship: str) -> str:
    from oneonone_cli.domain.records import default_cadence

    return str(default_cadence(relationship))


SETTINGS: dict[str, Setting] = {
    "editor": Setting("editor", "", "The editor when $VISUAL and $EDITOR are unset."),
    "color": Setting("color", "auto", "auto, always or never (NO_COLOR, FORCE_COLOR win)."),
    "themes.since": Setting("themes.since", "30d", "The default --since of themes."),
    **{
        f"cadence.{r}": Setting(f"cadence.{r}", "", f"The default --every of add --as {r}.")
        for r in RELATIONSHIPS
    },
}
CHECKS: dict[str, Callable[[str], str]] = {
    "editor": _check_editor,
    "color": _check_color,
    "themes.since": _check_since,
    **{f"cadence.{r}": _check_cadence for r in RELATIONSHIPS},
}


def builtin_default(key: str) -> str:
    """The built-in default of `key` ('' for the editor: $VISUAL, $EDITOR, then vi or nano)."""
    if key.startswith("cadence."):
        return _builtin_cadence(key.partition(".")[2])
    return SETTINGS[key].default


def config_path() -> Path:
    """The settings file: $ONEONONE_CONFIG, or config.toml in the platform's config folder."""
    named = os.environ.get(CONFIG_ENV)
    if named is not None:
        if not named.strip():
            raise OneOnOneError(messages.CONFIG_ENV_EMPTY)
        return Path(named).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("oneonone", appauthor=False)) / FILENAME


def check_key(key: str) -> str:
    """`key` as a known setting, or a usage error naming the closest one."""
    if key in SETTINGS:
        return key
    from oneonone_cli.suggest import did_you_mean

    raise usage_error(
        messages.CONFIG_UNKNOWN_KEY.format(
            key=shown(key), hint=did_you_mean(key, SETTINGS), keys=", ".join(SETTINGS)
        )
    )


def check_value(key: str, value: str) -> str:
    """`value` for `key` in its canonical form, or ValueError saying what is wrong."""
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError(messages.CONFIG_CONTROL_CHARACTER)
    return CHECKS[key](value)


def read(path: Path | None = None) -> dict[str, str]:
    """The settings in the file (key -> canonical value), {} when there is no file. A file
    that cannot be read or parsed, an unknown key or a bad value: one line naming the file
    and the key."""
    path = config_path() if path is None else path
    return _values(path, entries(path))


def read_but(key: str, path: Path) -> tuple[dict[str, object], bool]:
    """For `config set`/`unset KEY`, which repair the file they point to whatever else is in
    it: the file's other entries as written (a bad one is kept, for its own `config set` or
    `unset`), and whether KEY is in it (its value, good or bad, or an unknown KEY, is about to
    be replaced or taken out). A file that is no TOML at all is still refused."""
    found = entries(path)
    there = key in found
    found.pop(key, None)
    return found, there


def entries(path: Path) -> dict[str, object]:
    """The file's entries as written, unchecked (TABLE.KEY for the themes and cadence
    tables), {} when there is no file; a file that cannot be read or parsed is one line."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no file (a file where a folder is: none)
        return {}
    except IsADirectoryError:
        raise OneOnOneError(messages.CONFIG_IS_A_FOLDER.format(path=path)) from None
    except OSError as exc:
        raise OneOnOneError(
            messages.CONFIG_UNREADABLE.format(path=path, error=exc.strerror or exc)
        ) from None
    import tomllib

    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OneOnOneError(messages.CONFIG_NOT_TOML.format(path=path, error=exc)) from None
    found: dict[str, object] = {}
    for name, value in table.items():
        if isinstance(value, dict) and name in ("themes", "cadence"):
            found.update({f"{name}.{k}": v for k, v in value.items()})
        else:
            found[name] = value
    return found


def _values(path: Path, items: dict) -> dict[str, str]:
    checked = {}
    for key, value in items.items():
        if key not in SETTINGS:
            from oneonone_cli.suggest import did_you_mean

            raise OneOnOneError(
                messages.CONFIG_FILE_UNKNOWN_KEY.format(
                    path=path, key=shown(key), hint=did_you_mean(key, SETTINGS)
                )
            )
        if not isinstance(value, str):
            raise OneOnOneError(messages.CONFIG_FILE_NOT_TEXT.format(path=path, key=key))
        try:
            checked[key] = check_value(key, value)
        except ValueError as exc:
            raise OneOnOneError(
                messages.CONFIG_FILE_BAD_VALUE.format(path=path, key=key, why=exc)
            ) from None
    return checked


def get(key: str) -> str | None:
    """The file's value of `key`, None when it sets none (or there is no file)."""
    return read().get(key)


def to_toml(settings: dict[str, object]) -> str:
    """The file's text for these settings (canonical values), in SETTINGS' order; entries
    that are no setting (kept by `config set`/`unset` for their own repair) come after."""
    lines = [messages.CONFIG_FILE_HEADER]
    tables: dict[str, list[str]] = {}
    known = [k for k in SETTINGS if k in settings]
    for key in known + [k for k in settings if k not in SETTINGS]:
        head, dot, rest = key.partition(".")
        table, name = (head, rest) if dot and head in _TABLES else ("", key)
        line = f"{_toml_key(name)} = {_toml_value(settings[key])}"
        if table:
            tables.setdefault(table, []).append(line)
        else:
            lines.append(line)
    for table, entries in tables.items():
        lines += ["", f"[{table}]", *entries]
    return "\n".join(lines) + "\n"


_TABLES = ("themes", "cadence")


def _toml_value(value: object) -> str:
    """A value read from the file written back as TOML (a setting's is always text)."""
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(text, text)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}"
    return value.isoformat()  # a date, time or date-time  # type: ignore[attr-defined]


def _toml_key(name: str) -> str:
    return (
        name
        if all(c.isalnum() or c in "-_" for c in name) and name.isascii()
        else _toml_string(name)
    )


def _toml_string(value: str) -> str:
    """A TOML basic string: backslash, quote and any control character escaped."""
    out = []
    for c in value:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 32 or ord(c) == 127:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def write(settings: dict[str, str], path: Path | None = None) -> Path:
    """Write the file whole, atomically: a temporary file beside it, flushed to disk, renamed
    over it. Its folder is created when missing. The file is private (0600)."""
    import tempfile

    path = config_path() if path is None else path
    text = to_toml(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OneOnOneError(
            messages.CONFIG_CANNOT_WRITE.format(path=path, error=exc.strerror or exc)
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise OneOnOneError(
            messages.CONFIG_CANNOT_WRITE.format(path=path, error=exc.strerror or exc)
        ) from None
    return path


def editor() -> str | None:
    """The editor the file names (used when $VISUAL and $EDITOR are unset), or None."""
    return get("editor")


def default_cadence(relationship: str) -> str | None:
    """The cadence the file gives `add --as RELATIONSHIP` without --every, or None."""
    return get(f"cadence.{relationship}")


def themes_since() -> str:
    """The default window of `themes`: the file's, else 30d."""
    return get("themes.since") or SETTINGS["themes.since"].default


def colour_options(environ: dict[str, str] | None = None) -> dict[str, bool]:
    """rich Console options for the file's colour setting. NO_COLOR and FORCE_COLOR (which rich
    reads itself) come first: with either set, the file is not read."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("FORCE_COLOR"):
        return {}
    colour = get("color")
    if colour == "never":
        return {"no_color": True}
    if colour == "always":
        return {"force_terminal": True}
    return {}
