"""Independent origins: copies and light rewrites of one text count once.

Identical normalised texts are one article already (with several appearances). A wire story
reprinted with a new first line, a trimmed ending or a few words changed is a different
article; here it joins the origin of the earliest article it was rewritten from.

Near-duplicates are found with MinHash over three-word shingles of the body without its
boilerplate (features.body_shingles) and banded LSH: 32 bands of 4 values, so pairs with a
Jaccard similarity near 0.4 or above usually share a bucket; each candidate is then checked
against THRESHOLD on the estimated similarity. Two articles from one site share captions and
sign-offs, which the shingles leave out; what remains must overlap by half to be one text.
"""

from __future__ import annotations

import hashlib

import numpy as np
import sqlalchemy as sa

from .features import NUM_PERM, similarity

BANDS = 32
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.5


def buckets(signature: np.ndarray) -> list[str]:
    """The LSH bucket of each band of a signature."""
    out = []
    for band in range(BANDS):
        values = signature[band * ROWS : (band + 1) * ROWS].astype("<u4").tobytes()
        out.append(f"{band}:{hashlib.blake2b(values, digest_size=8).hexdigest()}")
    return out


def encode(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def decode(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4")


def match(store, conn: sa.Connection, signature: np.ndarray | None) -> str | None:
    """The placed article this text is a copy or light rewrite of (the most similar one above
    THRESHOLD), or None."""
    if signature is None:
        return None
    b, s = store.table("origin_buckets"), store.table("origin_signatures")
    found = conn.execute(
        sa.select(s.c.article_id, s.c.signature)
        .where(s.c.article_id.in_(sa.select(b.c.article_id).where(b.c.bucket.in_(buckets(signature)))))
        .order_by(s.c.article_id)
    ).all()
    best, best_score = None, THRESHOLD
    for row in found:
        score = similarity(signature, decode(row.signature))
        if score >= best_score:
            best, best_score = row.article_id, score
    return best


def index(store, conn: sa.Connection, article_id: str, signature: np.ndarray | None) -> None:
    """Make an article findable as the source of later copies."""
    if signature is None:
        return
    conn.execute(store.table("origin_signatures").insert().values(article_id=article_id, signature=encode(signature)))
    conn.execute(
        store.table("origin_buckets").insert(),
        [{"bucket": key, "article_id": article_id} for key in buckets(signature)],
    )


def relabel(store, conn: sa.Connection, old: str, new: str) -> None:
    """An earlier copy arrived late: it becomes the original of the whole origin."""
    placed = store.table("story_articles")
    conn.execute(placed.update().where(placed.c.origin_id == old).values(origin_id=new))
