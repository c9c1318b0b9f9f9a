"""Table definitions (SQLAlchemy Core), shared by SQLite and PostgreSQL."""

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

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
