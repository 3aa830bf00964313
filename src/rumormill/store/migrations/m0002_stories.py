"""Stories and origins: where each article was placed, and the compact indexes placement reads.

Placing a new article reads only these rows for its candidates, never their Analyses:
`story_keys` finds candidate stories by a shared name or rare term near a date, `stories`
keeps each story's summary and term vector (JSON), `term_df` the document frequencies the
term weights need, and `origin_buckets` / `origin_signatures` the MinHash LSH index that finds
copies and light rewrites of a text.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

_ARTICLE = sa.String(64)
# the first migration's table, named here only so that foreign keys can point at it
sa.Table("articles", metadata, sa.Column("id", _ARTICLE, primary_key=True))
_STORY = sa.String(16)

story_articles = sa.Table(
    "story_articles",
    metadata,
    sa.Column("article_id", _ARTICLE, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", _STORY, nullable=False),
    # the article id of this text's original: the earliest copy or light rewrite of it
    sa.Column("origin_id", _ARTICLE, nullable=False),
    sa.Column("published", sa.String(10)),
    sa.Column("outlet", sa.Text),
    sa.Column("placed_at", sa.String(40), nullable=False),
)
sa.Index("ix_story_articles_story", story_articles.c.story_id, story_articles.c.published)
sa.Index("ix_story_articles_origin", story_articles.c.origin_id)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", _STORY, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("first_seen", sa.String(10)),
    sa.Column("last_seen", sa.String(10)),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("origins", sa.Integer, nullable=False),
    sa.Column("outlets", sa.Integer, nullable=False),
    sa.Column("entities", sa.Text, nullable=False),  # JSON list: the names it is most about
    sa.Column("vector", sa.Text, nullable=False),  # JSON {"terms": {...}, "entities": {...}}
    sa.Column("updated_at", sa.String(40), nullable=False),
)
sa.Index("ix_stories_last_seen", stories.c.last_seen)

# One row per (blocking key, story): "e:<name>" or "t:<term>", with the story's latest date
# for that key, so candidates come from an index range on (key, date).
story_keys = sa.Table(
    "story_keys",
    metadata,
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("story_id", _STORY, nullable=False),
    sa.Column("published", sa.String(10)),
    sa.PrimaryKeyConstraint("key", "story_id"),
)
sa.Index("ix_story_keys_key_date", story_keys.c.key, story_keys.c.published)
sa.Index("ix_story_keys_story", story_keys.c.story_id)

# Document frequencies of the keys over placed articles; the row with key "#" counts them.
term_df = sa.Table(
    "term_df",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("df", sa.Integer, nullable=False),
)

origin_signatures = sa.Table(
    "origin_signatures",
    metadata,
    sa.Column("article_id", _ARTICLE, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # MinHash values, uint32 little-endian
)

origin_buckets = sa.Table(
    "origin_buckets",
    metadata,
    sa.Column("bucket", sa.String(40), nullable=False),  # "<band>:<hash of the band's values>"
    sa.Column("article_id", _ARTICLE, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.PrimaryKeyConstraint("bucket", "article_id"),
)
sa.Index("ix_origin_buckets_article", origin_buckets.c.article_id)


def upgrade(conn: sa.Connection) -> None:
    mine = [story_articles, stories, story_keys, term_df, origin_signatures, origin_buckets]
    metadata.create_all(conn, tables=mine)
