"""Claim vectors: each stored claim's sentence embedding, for "claims like this".

One row per claim, with the claim's own key, and gone with it (a re-analysed article's claims
are deleted and inserted again, and their vectors with them). The vector is stored as 384
little-endian float16 values (768 bytes: half of float32, and a cosine off by about 1e-3, which
does not reorder neighbours that matter); `model` names what made it, so vectors of another model
are recognised and made again. Both databases keep the same bytes: the exact scan that reads them
needs no extension (pgvector and sqlite-vec are not assumed).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
# the foreign key's target, created by m0001; declared here only so the key resolves
sa.Table("claims", metadata, sa.Column("pk", sa.Integer, primary_key=True))

claim_vectors = sa.Table(
    "claim_vectors",
    metadata,
    # the order rows were written in: a reader that holds the vectors in memory asks only for the
    # rows past the last one it read, whichever claims they belong to (new ones, or old ones given
    # their vectors later)
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_pk", sa.Integer, sa.ForeignKey("claims.pk", ondelete="CASCADE"), nullable=False, unique=True),
    sa.Column("model", sa.String(40), nullable=False),
    sa.Column("vector", sa.LargeBinary, nullable=False),
)


def upgrade(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[claim_vectors])
