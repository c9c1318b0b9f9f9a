"""Every table of the store (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Each table is created by one numbered migration (``migrations.py``), never anywhere else.
"""

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

migrations_table = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("source", String(200)),
    Column("published", String(10)),
    Column("language", String(16)),
    Column("path", Text),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("raw_text", Text, nullable=False),
    Column("offset_map", Text, nullable=False),
    Column("meta", Text, nullable=False),
    Column("analysis", Text, nullable=False),
    Column("pipeline", String(500)),
    Column("schema_version", Integer, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
)

annotations = Table(
    "annotations",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("ann_id", String(40), primary_key=True),
    Column("layer", String(64), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("label", Text, nullable=False),
    Column("attrs", Text, nullable=False),
)

ARTICLE_INDEXES = [
    Index("ix_articles_source_published", articles.c.source, articles.c.published),
    Index("ix_annotations_layer_label", annotations.c.layer, annotations.c.label),
]

# -- the corpus index (migrations 3 and 4; written by narrascope.corpus.index through store/corpus.py) --
# corpus_state: one row per indexed article (its updated_at when indexed, date window, MinHash
# signature, repeated passages, near-duplicate cluster); corpus_keys: its passage and quote
# fingerprints, indexed by (kind, key) so reuse queries are SQL group-bys. corpus_events (a flat
# copy of the event layer, written and never read) is defined only so migration 4 replays;
# migration 9 drops it: events are stored once, as the event layer.

corpus_state = Table(
    "corpus_state",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("updated_at", String(40), nullable=False),
    Column("date_from", String(10)),
    Column("date_to", String(10)),
    Column("estimated", Integer, nullable=False, default=0),
    Column("minhash", LargeBinary, nullable=False),
    Column("repeats", Text, nullable=False),
    Column("cluster", String(32)),
)

corpus_keys = Table(
    "corpus_keys",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(4), nullable=False),
    Column("key", BigInteger, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("data", Text),
    Index("ix_corpus_keys_kind_key", "kind", "key"),
    Index("ix_corpus_keys_article", "article_id"),
)


corpus_events = Table(
    "corpus_events",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("type", String(40), nullable=False),
    Column("date_from", String(10)),
    Column("date_to", String(10)),
    Column("precise", Integer, nullable=False),
    Column("estimated", Integer, nullable=False),
    Column("participants", Text, nullable=False),
    Column("actors", Text, nullable=False),
    Column("parties", Text, nullable=False),
    Column("place", Text),
    Column("place_keys", Text, nullable=False),
    Column("text", Text),
    Index("ix_corpus_events_article", "article_id"),
)

# -- web analysis jobs (migration 6; store/jobs.py) --

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created", String(40), nullable=False),
    Column("finished", String(40)),
    Column("error", Text),
    Column("inputs", Integer, nullable=False),
    Column("outcomes", Text, nullable=False),
)

# -- the collect ledger (migration 7; store/ledger.py) --

collected = Table(
    "collected",
    metadata,
    Column("url", Text, primary_key=True),
    Column("final_url", Text),
    Column("canonical_url", Text),
    Column("source", String(200)),
    Column("status", String(16), nullable=False),
    Column("article_id", String(32)),
    Column("published", String(10)),
    Column("fetched_at", String(40)),
    Column("redirects", Text, nullable=False),
    Column("reason", Text, nullable=False),
)
Index("ix_collected_final", collected.c.final_url)
Index("ix_collected_canonical", collected.c.canonical_url)

# -- article claims of running analyses (migration 8; store/claims.py) --

claims = Table(
    "claims",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("owner", String(300), nullable=False),
    Column("claimed_at", String(40), nullable=False),
)
