"""Database loaders: SQLite (the embedded default) and PostgreSQL (psycopg 3, COPY).

``open_database(target)`` takes ``sqlite:///path.db``, a path ending in ``.db``/``.sqlite``/
``.sqlite3``, or ``postgresql://...`` and returns a sink for the batch. The loader creates the
schema (``schema.py``) on first use and migrates older ones. Loads are idempotent: a document's
rows are replaced as a whole (its old child rows deleted, every row upserted by its stable id)
in one transaction together with its ``documents`` row, which is the resume ledger.

The archive-level registry (``registry.py``: persons, bodies, legal documents across articles)
is updated in the same transaction as each batch (``registry=False`` turns it off): the batch's
evidence replaces that of its documents and the names, bodies and documents it touches are
resolved again, so a later run or ``--resume`` merges into the registry and a re-load changes
nothing.
"""

from __future__ import annotations

import time
from typing import Any

from ..io.sinks import DocResult, Rows
from ..tables import BY_NAME, CHILDREN, SCHEMA_VERSION, TABLES, SchemaError, schema_sql

__all__ = ["open_database", "DatabaseSink", "SchemaError", "schema_sql", "SCHEMA_VERSION", "is_database_target"]

SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def is_database_target(target: str) -> bool:
    t = target.lower()
    return t.startswith(("sqlite:", "postgresql:", "postgres:")) or t.endswith(SQLITE_SUFFIXES)


def open_database(
    target: str, resume: bool = False, batch_docs: int = 500, flush_every: float = 2.0, registry: bool = True
) -> DatabaseSink:
    """A sink for ``target``; raises ``ValueError`` (bad target, missing driver) or
    ``SchemaError`` (a database newer than this tool). ``registry``: also keep the registry
    tables up to date (``registry.py``)."""
    sink = _open_database(target, resume, batch_docs, flush_every)
    sink.registry = registry
    return sink


def _open_database(target: str, resume: bool, batch_docs: int, flush_every: float) -> DatabaseSink:
    t = target.strip()
    low = t.lower()
    if low.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresSink

        return PostgresSink(t, resume=resume, batch_docs=batch_docs, flush_every=flush_every)
    if low.startswith("sqlite:"):
        path = t[len("sqlite:") :]
        if path.startswith("///"):
            path = path[3:]  # sqlite:///rel.db -> rel.db ; sqlite:////abs.db -> /abs.db
        elif path.startswith("//"):
            path = path[2:]
        if not path:
            raise ValueError("sqlite URL without a path: use sqlite:///file.db")
        from .sqlite import SqliteSink

        return SqliteSink(path, resume=resume, batch_docs=batch_docs, flush_every=flush_every)
    if low.endswith(SQLITE_SUFFIXES):
        from .sqlite import SqliteSink

        return SqliteSink(t, resume=resume, batch_docs=batch_docs, flush_every=flush_every)
    raise ValueError(f"unknown database {target!r}: use sqlite:///file.db, file.sqlite or postgresql://user@host/db")


class DatabaseSink:
    """Buffers results and loads them in transactions of up to ``batch_docs`` documents (or
    every ``flush_every`` seconds). Subclasses implement ``_load(doc_ids, rows)``."""

    wants_json = False
    wants_rows = True
    name = "database"
    registry = True  # update the registry tables in each batch's transaction

    def __init__(self, resume: bool, batch_docs: int, flush_every: float) -> None:
        self.resume = resume
        self.batch_docs = batch_docs
        self.flush_every = flush_every
        self._buf: list[DocResult] = []
        self._last = time.monotonic()
        self._done: set[str] = set()
        self._failed: set[str] = set()  # documents whose row has status 'error' (set with _done on resume)
        self.warnings: list[str] = []

    def done_ids(self) -> set[str]:
        return self._done

    def failed_ids(self) -> set[str]:
        return self._failed

    def retry(self, ids: set[str]) -> None:
        """Load ``ids`` again: their new rows replace the error rows as a whole (see ``_load``)."""
        self._done -= ids
        self._failed -= ids

    def write(self, results: list[DocResult]) -> None:
        if self._done:
            results = [r for r in results if r.doc_id not in self._done]
        self._buf.extend(results)
        if len(self._buf) >= self.batch_docs or time.monotonic() - self._last >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        self._last = time.monotonic()
        if not self._buf:
            return
        buf, self._buf = self._buf, []
        doc_ids, rows = merge_rows(buf)
        self._load(doc_ids, rows)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._close()

    def _load(self, doc_ids: list[str], rows: Rows) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _update_registry(self, cursor: Any, engine: str, doc_ids: list[str], rows: Rows) -> None:
        """Merge this batch into the registry tables, inside the caller's transaction.

        Two loaders may run at once (SQLite's ``BEGIN IMMEDIATE`` already makes writers take
        turns); in PostgreSQL a transaction-scoped advisory lock does the same for the registry,
        whose rows are read, merged and written back: without it two batches naming one body
        both insert it."""
        if self.registry:
            from .. import registry

            if engine == "postgres":
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (REGISTRY_LOCK,))
            registry.update(registry.SqlStore(cursor, engine), doc_ids, registry.evidence(rows))

    def _close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


# The PostgreSQL advisory lock key the registry update holds (any fixed 64-bit number: "vwereg").
REGISTRY_LOCK = 0x767765726567


def merge_rows(results: list[DocResult]) -> tuple[list[str], Rows]:
    """One batch's rows per table. A doc id seen twice keeps its last result; rows with the same
    key keep the last one (an upsert may not touch a row twice in one statement)."""
    last: dict[str, DocResult] = {}
    for r in results:
        if r.rows is not None:
            last[r.doc_id] = r
    merged: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {t.name: {} for t in TABLES}
    keypos = {t.name: [t.column_names.index(k) for k in t.key] for t in TABLES}
    for r in last.values():
        assert r.rows is not None
        for table, rows in r.rows.items():
            kp = keypos[table]
            dst = merged[table]
            for row in rows:
                dst[tuple(row[i] for i in kp)] = row
    return list(last), {t: list(d.values()) for t, d in merged.items() if d}


def upsert_sql(table: str, placeholder: str, engine: str) -> str:
    t = BY_NAME[table]
    cols = ", ".join(t.column_names)
    updates = ", ".join(f"{c} = excluded.{c}" for c in t.column_names if c not in t.key)
    key = ", ".join(t.key)
    if engine == "postgres":
        return f"INSERT INTO {t.name} ({cols}) SELECT {cols} FROM {placeholder} ON CONFLICT ({key}) DO UPDATE SET {updates}"
    marks = ", ".join(placeholder for _ in t.column_names)
    return f"INSERT INTO {t.name} ({cols}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {updates}"


CHILD_NAMES = tuple(t.name for t in CHILDREN)
