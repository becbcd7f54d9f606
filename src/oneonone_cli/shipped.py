"""The files shipped with the package in `data/`: the prompt bank, the theme lexicon, the theme
model.

They are read straight from the package's folder: `importlib.resources` costs ~4 ms of imports
(zipfile, tempfile, random) on every command that reads one. A package that is not a plain
folder (one imported from a zip) falls back to it.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def data_bytes(name: str) -> bytes:
    try:
        return (DATA / name).read_bytes()
    except OSError:  # inside a zip the package's folder is no folder: let importlib find it
        from importlib import resources

        return (resources.files("oneonone_cli") / "data" / name).read_bytes()


def data_text(name: str) -> str:
    return data_bytes(name).decode("utf-8")
