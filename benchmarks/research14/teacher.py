"""Dev-only reference: MiniLM sentence vectors of each note (names removed), saved for diag."""

import time

import numpy as np
from data import ROOT, read
from minilm_np import MiniLM

m = MiniLM()
for name in ("d1", "d2"):
    rows = read(str(ROOT / f"benchmarks/tune/dev_{name}.jsonl"))
    people = {r["person"].lower() for r in rows}
    texts = [
        " ".join(w for w in r["text"].split() if w.lower().strip(":,.'s") not in people)
        for r in rows
    ]
    t = time.time()
    V = m.encode(texts, batch=16)
    print(name, (time.time() - t) / len(rows) * 1000, "ms/note", flush=True)
    np.save(f"/tmp/r14dl/minilm_{name}.npy", V)
