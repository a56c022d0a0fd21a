"""The relational schema, defined once and rendered for SQLite and PostgreSQL.

``TABLES`` lists every table with its columns (name, portable type), primary key and indexes;
``schema_sql(engine)`` renders the DDL and ``migrations(engine)`` the steps from one schema
version to the next. The loaders (``pending``) create a new database at the current version in
one step and migrate an older one in place, applying each pending step in a transaction and
recording it in ``schema_version``; a database newer than the tool is refused.

Versions: 1 the first schema; 2 adds ``amounts.value_exact`` / ``amounts.end_value_exact``
(exact decimals as text, e.g. ``"74.81"``) and ``documents.crawled`` (WARC-Date of a crawled
page); 3 adds ``dates.time`` (the clock time on the item's day, ``"08:15"``), ``facts.per`` (the
unit of a rate, ``1,5 triệu đồng/người`` -> ``người``; null for a total, so ``WHERE per IS NULL``
keeps totals only), ``facts.province`` (the province of the fact's place: the place itself, or
the province a district or commune lies in) and the archive-level registry tables
(``REGISTRY_TABLES``, built by ``registry.py``: ``persons``, ``person_posts``,
``person_mentions``, ``bodies``, ``body_mentions``, ``legal_documents``,
``legal_document_citations``, ``legal_document_facts``). A column added by a migration is appended at the end of its table in ``TABLES`` (so a
migrated database and a new one have the same column order) and listed in ``ADDED_COLUMNS``.

Portable types: ``text``; ``int`` (offsets, years; BIGINT in PostgreSQL); ``num`` (amounts and
counts: NUMERIC in PostgreSQL, INTEGER in SQLite, values past 64 bits kept exactly as text);
``json`` (TEXT in SQLite, JSONB in PostgreSQL); ``ts`` (TEXT ISO-8601 in SQLite, TIMESTAMPTZ).
Offsets are ``start_char``/``end_char`` (Python ``str`` indices into the document's text).
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 3


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)


_SPAN = (("text", "text"), ("start_char", "int"), ("end_char", "int"))

DOCUMENTS = Table(
    "documents",
    (
        ("doc_id", "text"),
        ("published", "text"),
        ("url", "text"),
        ("title", "text"),
        ("source", "text"),
        ("status", "text"),  # ok | error
        ("n_chars", "int"),
        ("n_bytes", "int"),
        ("library_version", "text"),
        ("schema_version", "text"),
        ("warnings", "json"),
        ("body", "text"),  # the article text, only with --store-text
        ("processed_at", "ts"),
        ("crawled", "text"),  # v2: WARC-Date of a crawled page (ISO 8601), else null
    ),
    ("doc_id",),
    (("published",), ("status",)),
)

# Child tables: every one has doc_id; a document's rows are replaced as a whole on re-load.
CHILDREN: tuple[Table, ...] = (
    Table(
        "dates",
        (("id", "text"), ("doc_id", "text"), *_SPAN, ("value", "text"), ("end_value", "text"), ("grain", "text"),
         ("role", "text"), ("unresolved", "json"), ("rule", "text"),
         ("time", "text")),  # v3: the clock time on that day, "08:15"
        ("id",),
        (("doc_id",), ("value",), ("grain",)),
    ),
    Table(
        "amounts",
        (("id", "text"), ("doc_id", "text"), *_SPAN, ("value", "num"), ("end_value", "num"), ("currency", "text"),
         ("approx", "text"), ("per", "text"), ("rule", "text"),
         ("value_exact", "text"), ("end_value_exact", "text")),  # v2: exact decimals, "74.81"
        ("id",),
        (("doc_id",), ("value",)),
    ),
    Table(
        "counts",
        (("id", "text"), ("doc_id", "text"), *_SPAN, ("value", "num"), ("end_value", "num"), ("unit", "text"),
         ("group_name", "text"), ("approx", "text"), ("rule", "text")),
        ("id",),
        (("doc_id",), ("value",), ("unit",)),
    ),
    Table(
        "officials",
        (("id", "text"), ("doc_id", "text"), ("name", "text"), ("gender", "text"), ("n_mentions", "int"),
         ("organization_ids", "json"), ("rule", "text")),
        ("id",),
        (("doc_id",), ("name",)),
    ),
    Table(
        "official_titles",
        (("official_id", "text"), ("ord", "int"), ("doc_id", "text"), ("title", "text"), ("organization", "text")),
        ("official_id", "ord"),
        (("doc_id",), ("title",)),
    ),
    Table(
        "official_mentions",
        (("official_id", "text"), ("start_char", "int"), ("doc_id", "text"), ("text", "text"), ("end_char", "int")),
        ("official_id", "start_char"),
        (("doc_id",),),
    ),
    Table(
        "policies",
        (("id", "text"), ("doc_id", "text"), ("kind", "text"), ("number", "text"), ("year", "int"), ("code", "text"),
         ("issuer", "text"), ("issued_on", "text"), ("subject", "text"), ("title", "text"), ("n_mentions", "int"),
         ("rule", "text")),
        ("id",),
        (("doc_id",), ("kind", "number"), ("code",)),
    ),
    Table(
        "policy_mentions",
        (("policy_id", "text"), ("start_char", "int"), ("doc_id", "text"), ("text", "text"), ("end_char", "int")),
        ("policy_id", "start_char"),
        (("doc_id",),),
    ),
    Table(
        "locations",
        (("id", "text"), ("doc_id", "text"), ("name", "text"), ("level", "text"), ("code", "text"), ("parent", "text"),
         ("successor_2025", "text"), ("n_mentions", "int"), ("mentions", "json"), ("rule", "text")),
        ("id",),
        (("doc_id",), ("name",), ("level",)),
    ),
    Table(
        "organizations",
        (("id", "text"), ("doc_id", "text"), ("name", "text"), ("kind", "text"), ("location", "text"),
         ("n_mentions", "int"), ("mentions", "json"), ("rule", "text")),
        ("id",),
        (("doc_id",), ("name",)),
    ),
    Table(
        "facts",
        (("id", "text"), ("doc_id", "text"), ("type", "text"), ("sentence", "text"), ("start_char", "int"),
         ("end_char", "int"), ("amount", "num"), ("location", "text"), ("date", "text"), ("fact_values", "json"),
         ("links", "json"), ("rule", "text"),
         ("per", "text"), ("province", "text")),  # v3: a rate's unit (null: a total), the place's province
        ("id",),
        (("doc_id",), ("type",), ("date",), ("location",)),
    ),
    Table(
        "errors",
        (("doc_id", "text"), ("code", "text"), ("message", "text"), ("source", "text"), ("at", "ts")),
        ("doc_id",),
        (("code",),),
    ),
)

TABLES: tuple[Table, ...] = (DOCUMENTS, *CHILDREN)

# The archive-level registry (``registry.py``): one row per person, body and legal document
# across articles, and the per-article evidence it was resolved from. Not per-document tables:
# the loaders update them per batch (``registry.update``), never through the staging of TABLES.
REGISTRY_TABLES: tuple[Table, ...] = (
    Table(
        "persons",
        (("person_id", "text"), ("name", "text"), ("name_key", "text"), ("gender", "text"), ("n_docs", "int"),
         ("n_mentions", "int"), ("first_seen", "text"), ("last_seen", "text"), ("provinces", "json"),
         ("merge_reasons", "json")),
        ("person_id",),
        (("name_key",),),
    ),
    Table(
        "person_posts",
        (("person_id", "text"), ("post_key", "text"), ("title", "text"), ("organization", "text"), ("body_id", "text"),
         ("first_seen", "text"), ("last_seen", "text"), ("n_docs", "int")),
        ("person_id", "post_key"),
        (("body_id",), ("title",)),
    ),
    Table(
        "person_mentions",
        (("doc_id", "text"), ("official_id", "text"), ("person_id", "text"), ("name_key", "text"), ("name", "text"),
         ("gender", "text"), ("published", "text"), ("reason", "text"), ("evidence", "json"), ("posts", "json"),
         ("places", "json")),
        ("doc_id", "official_id"),
        (("person_id",), ("name_key",)),
    ),
    Table(
        "bodies",
        (("body_id", "text"), ("body_key", "text"), ("name", "text"), ("kind", "text"), ("province", "text"),
         ("n_docs", "int"), ("first_seen", "text"), ("last_seen", "text"), ("variants", "json")),
        ("body_id",),
        (("body_key",), ("province",)),
    ),
    Table(
        "body_mentions",
        (("doc_id", "text"), ("ref_id", "text"), ("body_id", "text"), ("body_key", "text"), ("name", "text"),
         ("written", "text"), ("kind", "text"), ("province", "text"), ("published", "text"), ("source", "text")),
        ("doc_id", "ref_id"),
        (("body_id",), ("body_key",)),
    ),
    Table(
        "legal_documents",
        (("legal_doc_id", "text"), ("doc_key", "text"), ("group_key", "text"), ("basis", "text"), ("kind", "text"),
         ("number", "text"), ("year", "int"), ("code", "text"), ("issuer", "text"), ("title", "text"),
         ("first_cited", "text"), ("last_cited", "text"), ("n_docs", "int"), ("n_facts", "int")),
        ("legal_doc_id",),
        (("group_key",), ("code",)),
    ),
    Table(
        "legal_document_citations",
        (("doc_id", "text"), ("policy_id", "text"), ("legal_doc_id", "text"), ("group_key", "text"), ("doc_key", "text"),
         ("reason", "text"), ("kind", "text"), ("number", "text"), ("year", "int"), ("code", "text"), ("issuer", "text"),
         ("title", "text"), ("published", "text")),
        ("doc_id", "policy_id"),
        (("legal_doc_id",), ("group_key",)),
    ),
    Table(
        "legal_document_facts",
        (("doc_id", "text"), ("fact_id", "text"), ("policy_id", "text"), ("legal_doc_id", "text"), ("group_key", "text"),
         ("type", "text"), ("via", "text"), ("amount", "num"), ("currency", "text"), ("per", "text"),
         ("province", "text"), ("month", "text"), ("published", "text")),
        ("doc_id", "fact_id", "policy_id"),
        (("legal_doc_id",), ("group_key",), ("province", "month")),
    ),
)
ALL_TABLES: tuple[Table, ...] = (*TABLES, *REGISTRY_TABLES)
BY_NAME = {t.name: t for t in ALL_TABLES}

_TYPES = {
    "sqlite": {"text": "TEXT", "int": "INTEGER", "num": "INTEGER", "json": "TEXT", "ts": "TEXT"},
    "postgres": {"text": "TEXT", "int": "BIGINT", "num": "NUMERIC", "json": "JSONB", "ts": "TIMESTAMPTZ"},
}
ENGINES = tuple(_TYPES)


def table_sql(t: Table, engine: str) -> list[str]:
    types = _TYPES[engine]
    cols = [f"    {c} {types[ty]}" + (" NOT NULL" if c in t.key else "") for c, ty in t.columns]
    cols.append(f"    PRIMARY KEY ({', '.join(t.key)})")
    out = [f"CREATE TABLE IF NOT EXISTS {t.name} (\n" + ",\n".join(cols) + "\n);"]
    for ix in t.indexes:
        out.append(f"CREATE INDEX IF NOT EXISTS ix_{t.name}_{'_'.join(ix)} ON {t.name} ({', '.join(ix)});")
    return out


def schema_sql(engine: str) -> str:
    """The full DDL of the current schema version for ``engine`` (``sqlite`` or ``postgres``)."""
    if engine not in _TYPES:
        raise ValueError(f"unknown engine {engine!r}; valid: {', '.join(ENGINES)}")
    parts: list[str] = [f"-- vn_welfare_extract schema version {SCHEMA_VERSION} ({engine})"]
    for t in ALL_TABLES:
        parts.extend(table_sql(t, engine))
    return "\n".join(parts) + "\n"


# Columns added by each migration step: version -> ((table, column, portable type), ...).
# A step is never edited; a later schema change appends a version here (or, for a change that
# is not a column addition, an explicit step in ``migrations``).
ADDED_COLUMNS: dict[int, tuple[tuple[str, str, str], ...]] = {
    2: (
        ("amounts", "value_exact", "text"),
        ("amounts", "end_value_exact", "text"),
        ("documents", "crawled", "text"),
    ),
    3: (
        ("dates", "time", "text"),
        ("facts", "per", "text"),
        ("facts", "province", "text"),
    ),
}


# Tables added by each migration step: version -> tables (created whole, with their indexes).
ADDED_TABLES: dict[int, tuple[Table, ...]] = {3: REGISTRY_TABLES}


def tables_at(version: int) -> tuple[Table, ...]:
    """The tables of an earlier schema ``version``: ``TABLES`` without the columns added later."""
    later = {(t, c) for v, cols in ADDED_COLUMNS.items() if v > version for t, c, _ in cols}
    return tuple(
        Table(t.name, tuple(col for col in t.columns if (t.name, col[0]) not in later), t.key, t.indexes) for t in TABLES
    )


def _table_steps(engine: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for version, tables in ADDED_TABLES.items():
        for t in tables:
            out.setdefault(version, []).extend(table_sql(t, engine))
    return out


def migrations(engine: str) -> list[tuple[int, list[str]]]:
    """``[(version, statements)]``: applying them in order from 0 gives the current schema
    (version 1 creates the first tables, every later step alters them)."""
    types = _TYPES[engine]
    v1: list[str] = []
    for t in tables_at(1):
        v1.extend(table_sql(t, engine))
    steps = [(1, v1)]
    created = _table_steps(engine)
    for version in sorted(set(ADDED_COLUMNS) | set(created)):
        alter = [f"ALTER TABLE {t} ADD COLUMN {c} {types[ty]}" for t, c, ty in ADDED_COLUMNS.get(version, ())]
        steps.append((version, alter + created.get(version, [])))
    return steps


def pending(engine: str, current: int) -> list[tuple[int, list[str]]]:
    """The steps a database at schema version ``current`` needs: a new database (0) gets the
    current schema in one step, recorded as ``SCHEMA_VERSION``; an older one the later steps."""
    if current == 0:
        statements: list[str] = []
        for t in ALL_TABLES:
            statements.extend(table_sql(t, engine))
        return [(SCHEMA_VERSION, statements)]
    return [(v, st) for v, st in migrations(engine) if v > current]


VERSION_TABLE_SQL = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    "postgres": "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
}


class SchemaError(RuntimeError):
    """The database holds a schema this tool cannot use (exit code 2)."""
