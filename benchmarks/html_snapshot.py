"""Render the printable HTML page of the demo journal to PNGs with headless Chromium, to look at.

    python benchmarks/html_snapshot.py [--out DIR] [--chromium PATH]

Writes the demo journal (today pinned to 2026-11-23) into a temporary folder, writes the team's
page, alice's and bob's with `export --format html`, and screenshots each at a desktop width (1280 px)
and at A4 print width (794 px, with the page's print CSS applied to the screen). Prints where
the files went and each page's size; the PNGs are for a person to look at.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"


def oneonone(*args: str, db: Path) -> str:
    env = {**os.environ, "ONEONONE_TODAY": TODAY, "NO_COLOR": "1"}
    exe = Path(sys.executable).with_name("oneonone")
    result = subprocess.run(
        [str(exe), "--db", str(db), *args], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def page(db: Path, person: str | None, dest: Path) -> None:
    """The page as `export --format html` writes it."""
    oneonone("export", "--format", "html", *(("--person", person) if person else ()),
             "-o", str(dest), db=db)  # fmt: skip


def screenshot(chromium: str, html: Path, png: Path, width: int, height: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={width},{height}",
            f"--screenshot={png}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "oneonone-html")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        oneonone("demo", db=db)
        for name, person in (("team", None), ("alice", "alice"), ("bob", "bob")):
            path = args.out / f"{name}.html"
            page(db, person, path)
            html = path.read_text(encoding="utf-8")
            printed = args.out / f"{name}-print.html"
            printed.write_text(html.replace("@media print", "@media all"), encoding="utf-8")
            desk = screenshot(args.chromium, path, args.out / f"{name}-desktop.png", 1280, 3000)
            paper = screenshot(args.chromium, printed, args.out / f"{name}-print.png", 794, 3000)
            print(
                f"{name}: {len(html.encode()):,} bytes; desktop {desk:.1f}s, print {paper:.1f}s"
                f" -> {args.out}/{name}-desktop.png, {name}-print.png"
            )


if __name__ == "__main__":
    main()
