import sys

import numpy as np
from data import gold
from run import signatures, train_nr

dim = int(sys.argv[1]) if len(sys.argv) > 1 else 64
nr = train_nr(dim, "static")
for name in ("d1", "d2"):
    rows, sigs, _ = signatures(name, dim, "static", nr)
    labs = [gold(r["theme"]) for r in rows]
    V = np.stack([s["vec"] for s in sigs])
    S = V @ V.T
    np.fill_diagonal(S, -1)
    own = [i for i, l in enumerate(labs) if l.startswith("own")]
    nn = [labs[int(np.argmax(S[i]))] == labs[i] for i in own]
    com = [i for i, l in enumerate(labs) if l != "noise" and not l.startswith("own")]
    nnc = [labs[int(np.argmax(S[i]))] == labs[i] for i in com]
    within = np.mean([S[i, j] for i in own for j in own if i != j and labs[i] == labs[j]])
    across = np.mean([S[i, j] for i in own for j in range(len(labs)) if labs[i] != labs[j]])
    print(
        f"{name}: own nn-same {np.mean(nn):.0%}  common nn-same {np.mean(nnc):.0%}  own within {within:.2f} across {across:.2f}"
    )
    nrs = {
        g: np.array(
            [
                s["nr"]
                for s, l in zip(sigs, labs)
                if (l == "noise") == (g == "noise") and (l.startswith("own")) == (g == "own")
            ]
        )
        for g in ("noise", "own", "common")
    }
    for g, v in nrs.items():
        print("   nr<", g, [round(float((v < t).mean()), 2) for t in (0.3, 0.4, 0.5, 0.6)])
