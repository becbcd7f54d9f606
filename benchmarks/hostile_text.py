"""Time theme analysis on hostile text: every case must cost time linear in its size.

    python benchmarks/hostile_text.py [--timeout SECONDS] [--cases NAME ...]

Each case runs in a fresh subprocess (so one that hangs is stopped at --timeout and reported
as such) and prints seconds and peak memory (MiB). Cases:

  word200k       one note: a single 200,000-letter word
  word10m        one note: a single 10 MB "word"
  words10m       one note: 10 MB of ordinary words (no punctuation: one clause)
  longwords      one note: 2,000 distinct 500-letter words
  eee200k        one note: a word ending in 200,000 'e's (the stemmer's trailing-vowel loop)
  tag200k        one note: a #tag of 200,000 letters
  gap1m          one note: 1 MB repeating the first word of a user term "zorblax ... quuxor",
                 its second word in another clause (the in-clause search for a gap term's part)
  term30k        a lexicon with a user term of one 30,000-letter word (index build + one note)
  alias30k       a lexicon with a 30,000-letter #tag alias (index build + one note)

HOSTILE_SRC=DIR times another copy of the source (e.g. the code before a change).

Analysis is timed on the engine directly (`themes.analyse`), as `oneonone themes` runs it on
notes already stored: the CLI refuses such notes and terms at input, but an older journal may
hold them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

SRC = os.environ.get("HOSTILE_SRC") or str(Path(__file__).resolve().parent.parent / "src")

CASES = {
    "word200k": ("[]", "[]", "'x' + 'abcdefghij' * 20_000"),
    "word10m": ("[]", "[]", "'q' * 10_000_000"),
    "words10m": (
        "[]",
        "[]",
        "' '.join(('flaky build pipeline waiting on review ' * 250_000).split())",
    ),
    "longwords": (
        "[]",
        "[]",
        "' '.join(''.join(chr(97 + i // 26 ** k % 26) for k in range(3)) * 166 + 'ab' for i in range(2000))",
    ),
    "eee200k": ("[]", "[]", "'flak' + 'e' * 200_000"),
    "tag200k": ("[]", "[]", "'broken #' + 'docs' * 50_000"),
    "gap1m": (
        "[('oncall', 'zorblax ... quuxor')]",
        "[]",
        "'quuxor. ' + 'filler ' * 10 + '. ' + 'zorblax ' * 125_000",
    ),
    "term30k": (
        "[('oncall', 'p' + 'abcdefghij' * 3_000)]",
        "[]",
        "'the pager went off again at night'",
    ),
    "alias30k": ("[]", "[('#' + 'abcdefghij' * 3_000, 'oncall')]", "'the pager went off #docs'"),
}

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {src!r})
from oneonone_cli.themes.analysis import analyse
from oneonone_cli.themes.lexicon import load_lexicon
terms = {terms}
aliases = {aliases}
text = {text}
t0 = time.perf_counter()
lex = load_lexicon(terms, aliases)
sig = analyse(text, (), "roadblock", lex)
took = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": round(took, 3), "peak_mib": round(peak, 1), "chars": len(text)}}))
"""


def run(name: str, timeout: float) -> dict:
    terms, aliases, text = CASES[name]
    code = CHILD.format(src=SRC, terms=terms, aliases=aliases, text=text)
    try:
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"case": name, "seconds": f"> {timeout:g} (stopped)"}
    if out.returncode:
        return {"case": name, "error": out.stderr.strip().splitlines()[-1:]}
    return {"case": name, **json.loads(out.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    args = parser.parse_args()
    for name in args.cases:
        started = time.perf_counter()
        row = run(name, args.timeout)
        row["wall"] = round(time.perf_counter() - started, 2)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
