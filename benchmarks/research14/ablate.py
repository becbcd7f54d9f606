"""Decomposition: engine alone, + gates, + own-subject clustering (fixed settings)."""

from data import gold
from grouping14 import group_window, score
from run import signatures, train_nr

nr = train_nr(128, "static")
cfgs = {
    "engine alone (no gate, no subjects)": dict(g_noise=9, g_nr=9, cos=9),
    "+ gate P(noise)<.7": dict(g_noise=0.7, g_nr=9, cos=9),
    "+ gate cue rule": dict(g_noise=0.7, g_nr=9, cos=9, cue=True),
    "+ gate not-roadblock LR <.4": dict(g_noise=0.7, g_nr=0.4, cos=9, cue=True),
    "+ subjects cos .25 a=.5 share .5": dict(
        g_noise=0.7, g_nr=0.4, cos=0.25, alpha=0.5, common_share=0.5, cue=True
    ),
    "+ subjects cos .20 a=.5 share .75": dict(
        g_noise=0.7, g_nr=0.4, cos=0.2, alpha=0.5, common_share=0.75, cue=True
    ),
}
data = {k: signatures(k, 128, "static", nr)[:2] for k in ("d1", "d2")}
for name, p in cfgs.items():
    out = []
    for k, (rows, sigs) in data.items():
        sc = score(rows, group_window(sigs, p), gold)
        out.append(
            f"{k}: common {sc['common']:.0%} own {sc['own']:.0%} one-offs {sc['oneoffs']:.0%}"
        )
        p_ = p
    print(f"{name:38s} | " + " | ".join(out))
