"""The settings file's commands: what each setting is and where it comes from, set, unset."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from oneonone_cli import config, messages
from oneonone_cli.errors import shown, usage_error


class Effective(NamedTuple):
    key: str
    value: str | None  # the editor left to the fallback: vi or nano as found, None if neither
    source: str  # "env" (an environment variable wins), "file" or "default"
    env: str | None  # the variable, when source is "env"


# The environment variables that come before the file, per setting.
ENV_FIRST = {"editor": ("VISUAL", "EDITOR"), "color": ("NO_COLOR", "FORCE_COLOR")}


def effective_settings(environ: dict[str, str] | None = None) -> list[Effective]:
    """Every setting with the value a command would use and where it comes from."""
    env = os.environ if environ is None else environ
    saved = config.read()
    found = []
    for key in config.SETTINGS:
        names = [n for n in ENV_FIRST.get(key, ()) if env.get(n, "").strip()]
        if names:
            value = env[names[0]].strip()
            if key == "color":
                value = "never" if names[0] == "NO_COLOR" else "always"
            found.append(Effective(key, value, "env", names[0]))
        elif key in saved:
            found.append(Effective(key, saved[key], "file", None))
        elif key == "editor":  # the program the fallback runs: the effective editor
            found.append(Effective(key, _fallback_editor(), "default", None))
        else:
            found.append(Effective(key, config.builtin_default(key), "default", None))
    return found


def _fallback_editor() -> str | None:
    """The editor used when $VISUAL, $EDITOR and the file name none: vi, else nano (as
    cli/editor.py picks it), None when neither is installed."""
    import shutil

    return next((p for p in ("vi", "nano") if shutil.which(p)), None)


def set_setting(key: str, value: str) -> tuple[str, str, Path]:
    """Check `value` for `key`, then write the file with it: (key, canonical value, file).
    A bad key or value is a usage error (2), as every mistake on the command line. The file
    may hold a bad value of `key` (it is replaced); the rest of it must be readable (a broken
    file is named, never overwritten)."""
    key = config.check_key(key)
    try:
        value = config.check_value(key, value)
        if key == "editor":
            _check_program(value)
    except ValueError as exc:
        raise usage_error(
            messages.CONFIG_BAD_VALUE.format(value=shown(value), key=key, why=exc)
        ) from None
    path = config.config_path()
    saved, _ = config.read_but(key, path)
    saved[key] = value
    return key, value, config.write(saved, path)


def unset_setting(key: str) -> tuple[str, Path, bool]:
    """Take `key` out of the file: (key, file, whether it was set). A key the file holds is
    taken out even when it is no setting (a typo) or its value is bad."""
    path = config.config_path()
    if key not in config.SETTINGS and key not in config.entries(path):
        config.check_key(key)  # a usage error naming the closest setting
    saved, there = config.read_but(key, path)
    if not there:
        return key, path, False
    return key, config.write(saved, path), True


def _check_program(command: str) -> None:
    import shlex
    import shutil

    program = shlex.split(command)[0]
    if shutil.which(program) is None:
        raise ValueError(messages.CONFIG_EDITOR_NOT_FOUND.format(program=shown(program)))
