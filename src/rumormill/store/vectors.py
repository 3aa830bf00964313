"""Claim vectors: made when claims are stored, and searched by an exact scan in memory.

The store keeps each claim's sentence embedding (rumormill.embed) in `claim_vectors` as float16
bytes (migration m0007). "Claims like this" compares a query's vector with every stored claim's:
an exact scan, not an approximate index. It needs no database extension, so SQLite and
PostgreSQL answer alike (the project's Python cannot load SQLite extensions such as sqlite-vec,
and pgvector is not on every server), and its cost is measured rather than tuned: one float32
matrix-vector product, about 30 ms for 300k claims on one core (benchmarks/like.py). The matrix is
read once per process and then only topped up with the rows added since; it takes 1.5 KB of
memory a claim.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import numpy as np
import sqlalchemy as sa

from .. import embed
from ..model import Analysis

STORED = np.dtype("<f2")  # the bytes in the database: little-endian float16
PAGE = 5000  # vectors per round trip when the matrix is read
# claims per article that `ingest` embeds as it stores (the most check-worthy first); the rest get
# theirs once the batch is linked. Embedding runs at about 100 claims per CPU second, and one
# article in twenty has more than 60 claims: embedding them all held its linking past a second.
AT_STORE = 24


def pack(vectors: np.ndarray) -> list[bytes]:
    """One row of bytes per vector, as the store keeps them."""
    return [row.tobytes() for row in np.asarray(vectors, dtype=np.float32).astype(STORED)]


def unpack(blobs: list[bytes]) -> np.ndarray:
    """The float32 matrix of stored vectors (rows renormalised: float16 rounding moves the length)."""
    if not blobs:
        return np.zeros((0, embed.DIMS), dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype=STORED).reshape(len(blobs), embed.DIMS).astype(np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return matrix


def claim_texts(analysis: Analysis, limit: int | None = None) -> list[tuple[str, str]]:
    """(claim id, the text to embed) of each claim, as the claims table stores them; with `limit`,
    that many of the most check-worthy (the claims that threads and fact-checkers look at)."""
    claims = analysis.claims
    if limit is not None and len(claims) > limit:
        claims = sorted(claims, key=lambda c: -c.check_worthy)[:limit]
    return [(claim.id, claim.text) for claim in claims]


def encode_analyses(analyses: Iterable[Analysis], limit: int | None = None) -> dict[str, tuple[list[str], np.ndarray]]:
    """Each article's (claim ids, their vectors), in one batched pass; `limit` claims an article
    at most. Empty when the embeddings are not installed: claims are then stored without vectors,
    and `rumormill embed` adds them later."""
    analyses = list(analyses)
    if not analyses or not embed.available():
        return {}
    chosen = [claim_texts(a, limit) for a in analyses]
    vectors = embed.encode([text for pairs in chosen for _, text in pairs])
    out, start = {}, 0
    for analysis, pairs in zip(analyses, chosen, strict=True):
        out[analysis.article.id] = ([claim_id for claim_id, _ in pairs], vectors[start : start + len(pairs)])
        start += len(pairs)
    return out


def insert(conn: sa.Connection, claims: sa.Table, table: sa.Table, article_id: str, embedded) -> int:
    """Store one article's claim vectors, `(claim ids, vectors)` from `encode_analyses` (its claims
    are inserted already); returns how many."""
    if embedded is None:
        return 0
    ids, vectors = embedded
    if not ids or len(vectors) != len(ids):
        return 0
    pks = dict(conn.execute(sa.select(claims.c.id, claims.c.pk).where(claims.c.article_id == article_id)).all())
    rows = [
        {"claim_pk": pks[claim_id], "model": embed.MODEL, "vector": blob}
        for claim_id, blob in zip(ids, pack(vectors), strict=True)
        if claim_id in pks
    ]
    if rows:
        conn.execute(table.insert(), rows)
    return len(rows)


class VectorIndex:
    """The claim vectors of one store, in memory, for an exact scan.

    `refresh` reads only the rows written since the last call (by their write order, `seq`): one
    range read of the primary key, empty when nothing changed. Rows deleted since (an article
    re-analysed: its claims, and so their vectors, are replaced) are not looked for on every
    query; a ranked key whose claim is gone is dropped when the hits are read, and `forget` takes
    it out of the scan. Capacity doubles as rows arrive, so topping up does not copy the matrix
    each time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pks = np.zeros(0, dtype=np.int64)  # the claims' keys; -1 once forgotten
        self.matrix = np.zeros((0, embed.DIMS), dtype=np.float32)
        self.size = 0
        self.last = 0  # the last `seq` read

    def refresh(self, conn: sa.Connection, table: sa.Table) -> None:
        with self.lock:
            while True:
                rows = conn.execute(
                    sa.select(table.c.seq, table.c.claim_pk, table.c.vector)
                    .where(table.c.seq > self.last, table.c.model == embed.MODEL)
                    .order_by(table.c.seq)
                    .limit(PAGE)
                ).all()
                if not rows:
                    return
                self._append(np.array([r.claim_pk for r in rows], dtype=np.int64), unpack([r.vector for r in rows]))
                self.last = int(rows[-1].seq)

    def _append(self, pks: np.ndarray, vectors: np.ndarray) -> None:
        need = self.size + len(pks)
        if need > len(self.pks):
            capacity = max(need, 2 * len(self.pks), 1024)
            grown_pks = np.zeros(capacity, dtype=np.int64)
            grown = np.zeros((capacity, embed.DIMS), dtype=np.float32)
            grown_pks[: self.size] = self.pks[: self.size]
            grown[: self.size] = self.matrix[: self.size]
            self.pks, self.matrix = grown_pks, grown
        self.pks[self.size : need] = pks
        self.matrix[self.size : need] = vectors
        self.size = need

    def forget(self, pks: list[int]) -> None:
        """Take claims that are gone out of the scan."""
        if pks:
            with self.lock:
                self.pks[: self.size][np.isin(self.pks[: self.size], pks)] = -1

    def scores(self, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the claim keys, the cosine of `vector` with each one's vector): one matrix-vector
        product. Forgotten claims score minus infinity."""
        with self.lock:
            pks = self.pks[: self.size].copy()
            scores = self.matrix[: self.size] @ np.asarray(vector, dtype=np.float32)
        scores[pks < 0] = -np.inf
        return pks, scores

    @staticmethod
    def top(
        scored: tuple[np.ndarray, np.ndarray], k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The `k` best of `scored` (from `scores`), best first, as (claim key, similarity); only
        keys in `allowed` when it is given."""
        pks, scores = scored
        if allowed is not None:
            scores = np.where(np.isin(pks, allowed), scores, -np.inf)
        k = min(k, len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(pks[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]

    def nearest(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` claim keys most similar to `vector` (cosine), best first, with their similarity;
        only keys in `allowed` when it is given."""
        return self.top(self.scores(vector), k, allowed)
