import sys
from collections import Counter

from data import gold
from grouping14 import group_window
from run import signatures, train_nr

p = eval(sys.argv[2]) if len(sys.argv) > 2 else {}
nr = train_nr(128, "static")
rows, sigs, _ = signatures(sys.argv[1], 128, "static", nr)
import grouping14

orig = grouping14.name_of
for t in group_window(sigs, {**p, "common_share": 9}):
    if t["kind"] != "own":
        continue
    labs = Counter(gold(rows[i]["theme"]) for i in t["note_idx"])
    eng = Counter(sigs[i]["theme"] for i in t["note_idx"])
    print(f"[{t['name']}] n={len(t['note_idx'])} gold={dict(labs)} engine={dict(eng)}")
