"""SQLite loader (standard library ``sqlite3``; WAL journal; parameterised statements only)."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone

from ..io.sinks import Rows
from ..tables import SCHEMA_VERSION, VERSION_TABLE_SQL, SchemaError, pending
from . import CHILD_NAMES, DatabaseSink, upsert_sql


def ensure_schema(conn: sqlite3.Connection) -> int:
    """Create or migrate the schema; returns the version found before (0 for a new database).

    The version is read inside the write transaction (``BEGIN IMMEDIATE``), so two loaders
    opening the same new file at once cannot both create it: the second waits, then finds
    the schema there (as PostgreSQL's advisory lock does in ``db.postgres``)."""
    conn.execute(VERSION_TABLE_SQL["sqlite"])
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
        current = int(row[0])
        if current > SCHEMA_VERSION:
            raise SchemaError(
                f"the database has schema version {current}, newer than this tool's {SCHEMA_VERSION}: upgrade vn_welfare_extract"
            )
        for version, statements in pending("sqlite", current):
            for st in statements:
                conn.execute(st)
            conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (version, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return current


def _set_wal(conn: sqlite3.Connection, wait: float = 60.0) -> None:
    """``PRAGMA journal_mode=WAL``, retried while another connection holds the file: switching
    the journal mode of a new file does not wait on the busy timeout (two loaders starting
    together on one new file got "database is locked")."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class SqliteSink(DatabaseSink):
    name = "sqlite"

    def __init__(self, path: str, resume: bool = False, batch_docs: int = 500, flush_every: float = 2.0) -> None:
        super().__init__(resume, batch_docs, flush_every)
        self.path = path
        self.name = f"sqlite:{path}"
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=60)
        except sqlite3.Error as e:
            raise ValueError(f"cannot open SQLite database {path}: {e}") from e
        _set_wal(self.conn)
        self.conn.execute("PRAGMA synchronous=NORMAL")
        ensure_schema(self.conn)
        self._upserts = {t: upsert_sql(t, "?", "sqlite") for t in ("documents", *CHILD_NAMES)}
        if resume:
            for doc_id, status in self.conn.execute("SELECT doc_id, status FROM documents"):
                self._done.add(doc_id)
                if status == "error":
                    self._failed.add(doc_id)

    def _load(self, doc_ids: list[str], rows: Rows) -> None:
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            existing: list[tuple[str]] = []
            for i in range(0, len(doc_ids), 500):
                part = doc_ids[i : i + 500]
                marks = ",".join("?" * len(part))
                existing.extend(cur.execute(f"SELECT doc_id FROM documents WHERE doc_id IN ({marks})", part).fetchall())
            if existing:  # a re-load replaces the document's rows as a whole
                for table in CHILD_NAMES:
                    cur.executemany(f"DELETE FROM {table} WHERE doc_id = ?", existing)
            for table, trows in rows.items():
                cur.executemany(self._upserts[table], trows)
            self._update_registry(cur, "sqlite", doc_ids, rows)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _close(self) -> None:
        self.conn.close()
