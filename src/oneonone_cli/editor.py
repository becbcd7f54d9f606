"""Opening the manager's $VISUAL / $EDITOR on a private temporary file."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from oneonone_cli.errors import OneOnOneError


def editor_command(env: Mapping[str, str]) -> list[str]:
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("vi", "nano"):
        if shutil.which(fallback):
            return [fallback]
    raise OneOnOneError(
        "no editor found: set $EDITOR (e.g. export EDITOR=nano), or pass notes with -R/-M"
    )


def edit(template: str, env: Mapping[str, str] | None = None) -> str:
    """Let the manager edit `template`; return the saved text. The file lives in a folder only
    they can read and is removed afterwards."""
    env = os.environ if env is None else env
    command = editor_command(env)
    with tempfile.TemporaryDirectory(prefix="oneonone-") as folder:
        path = Path(folder) / "1on1.txt"
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(template)
        try:
            status = subprocess.call([*command, str(path)])
        except OSError as exc:
            raise OneOnOneError(
                f"cannot start the editor '{command[0]}' ({exc.strerror}): check $EDITOR"
            ) from None
        if status != 0:
            raise OneOnOneError(
                f"the editor exited with status {status}: nothing was logged"
            )
        return path.read_text(encoding="utf-8")
