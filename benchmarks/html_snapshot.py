"""Render the printable HTML page of the demo journal to PNGs with headless Chromium, to look at.

    python benchmarks/html_snapshot.py [--out DIR] [--chromium PATH]

Writes the demo journal (today pinned to 2026-11-23) into a temporary folder, adds moods to its
held 1:1s and a few follow-ups (the demo has none yet: sample data, deterministic, for the charts
only), writes the team's page and alice's, and screenshots each at a desktop width (1280 px)
and at A4 print width (794 px, with the page's print CSS applied to the screen). Prints where
the files went and each page's size; the PNGs are for a person to look at.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
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


def add_sample_signals(db: Path) -> None:
    """Moods on held 1:1s (drifting down for bob, the on-call theme's main voice) and a few
    follow-ups, open and done."""
    rng = random.Random(16)
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT id, person, date FROM meetings WHERE status = 'held' ORDER BY date"
        ).fetchall()
        for mid, person, on in rows:
            base = 4 if person != "bob" else 4 - (date.fromisoformat(on).month - 8) * 0.6
            mood = max(1, min(5, round(base + rng.uniform(-1, 1))))
            conn.execute("UPDATE meetings SET mood = ? WHERE id = ?", [mood, mid])
        today = date.fromisoformat(TODAY)
        items = [
            ("alice", "Ask SRE for an alert-noise budget", 20, None),
            ("alice", "Share the promotion packet template", 40, 12),
            ("bob", "Pair on the flaky CI job <script>alert(1)</script>", 10, None),
            ("chen", "Intro to the platform team's tech lead", 30, 25),
        ]
        for person, text, ago, done in items:
            conn.execute(
                "INSERT INTO follow_ups (person, text, added, done) VALUES (?, ?, ?, ?)",
                [
                    person,
                    text,
                    (today - timedelta(days=ago)).isoformat(),
                    None if done is None else (today - timedelta(days=done)).isoformat(),
                ],
            )


def page(db: Path, person: str | None) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from oneonone_cli.render.html import html_page as render
    from oneonone_cli.services.html_page import html_page
    from oneonone_cli.store.core import Store

    store = Store.open(db, create=False)
    try:
        return render(html_page(store, date.fromisoformat(TODAY), person=person))
    finally:
        store.close()


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
        add_sample_signals(db)
        for name, person in (("team", None), ("alice", "alice"), ("bob", "bob")):
            html = page(db, person)
            path = args.out / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            printed = args.out / f"{name}-print.html"
            printed.write_text(html.replace("@media print", "@media all"), encoding="utf-8")
            desk = screenshot(args.chromium, path, args.out / f"{name}-desktop.png", 1280, 2400)
            paper = screenshot(args.chromium, printed, args.out / f"{name}-print.png", 794, 3000)
            print(
                f"{name}: {len(html.encode()):,} bytes; desktop {desk:.1f}s, print {paper:.1f}s"
                f" -> {args.out}/{name}-desktop.png, {name}-print.png"
            )


if __name__ == "__main__":
    main()
