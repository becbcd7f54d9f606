"""Distil a static token table from all-MiniLM-L6-v2 (model2vec-style), dev-time only.

Each wordpiece token t -> mean of MiniLM outputs for "[CLS] t [SEP]" (ids 1996-29611; the rest keep input embeddings); PCA to DIM; int8 per-row scale.
Writes static_table.npz: vocab (list), vecs int8 [V, DIM], scale float16 [V], mean/pca for reference."""

import json
import sys
import time

import numpy as np
from minilm_np import MINILM_DIR, MiniLM

DIM = int(sys.argv[1]) if len(sys.argv) > 1 else 128
m = MiniLM()
vocab = json.load(open(f"{MINILM_DIR}/tokenizer.json"))["model"]["vocab"]
inv = sorted(vocab.items(), key=lambda kv: kv[1])
V = len(inv)
try:
    raw = np.load("/tmp/r14dl/raw384_cls.npy")
except FileNotFoundError:
    # special and [unused] rows keep their input embedding; real tokens go through the model
    raw = m.w["emb.word_embeddings.weight"].copy()
    t = time.time()
    for s in range(1996, 29612, 512):
        # "[CLS] t [SEP]", mean of the three outputs (the token alone gives degenerate vectors)
        ids = np.array([[101, i, 102] for i in range(s, min(29612, s + 512))], np.int64)
        h = m.forward_ids(ids, np.ones_like(ids))
        raw[s : s + len(ids)] = h.mean(1)
        if (s - 1996) % 5120 == 0:
            print(s, time.time() - t, flush=True)
    print("forward", time.time() - t)
    np.save("/tmp/r14dl/raw384_cls.npy", raw)
mu = raw.mean(0)
X = raw - mu
U, S, Vt = np.linalg.svd(X[1996:29612], full_matrices=False)  # fit PCA on real words/pieces
P = Vt[:DIM].T
Y = X @ P
sc = np.abs(Y).max(1) / 127.0 + 1e-12
q = np.round(Y / sc[:, None]).astype(np.int8)
np.savez_compressed(
    f"/tmp/r14dl/static{DIM}.npz",
    vocab=np.array([w for w, _ in inv]),
    vecs=q,
    scale=sc.astype(np.float16),
)
print("saved", q.shape)
