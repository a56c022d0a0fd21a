"""PostgreSQL loader: psycopg 3, each batch COPYed into temporary staging tables, then
upserted into the real tables in one transaction (parameterised: data never enters SQL text).

PostgreSQL ``text`` and ``jsonb`` cannot hold the NUL character (U+0000). Such a character is
stored as the six characters ``\\u0000`` (in JSON columns too), the document's ``warnings``
gain a ``nul_escaped`` entry, and the sink logs a warning once per run; nothing else changes.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any

from ..io.sinks import Rows
from ..tables import BY_NAME, SCHEMA_VERSION, TABLES, VERSION_TABLE_SQL, SchemaError, pending
from . import CHILD_NAMES, DatabaseSink, upsert_sql

log = logging.getLogger("vn_welfare_extract.db")

NUL_ESCAPE = "\\u0000"
_LOCK_KEY = 0x76_77_65_5F_73_63  # pg_advisory_xact_lock key for schema changes ("vwe_sc")


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ValueError(
            "PostgreSQL output needs psycopg 3: pip install 'vn_welfare_extract[postgres]' (or 'psycopg[binary]')"
        ) from e
    return psycopg


def ensure_schema(conn: Any) -> int:
    """Create or migrate the schema under an advisory lock; returns the version found before."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute(VERSION_TABLE_SQL["postgres"])
        current = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
        if current > SCHEMA_VERSION:
            raise SchemaError(
                f"the database has schema version {current}, newer than this tool's {SCHEMA_VERSION}: upgrade vn_welfare_extract"
            )
        for version, statements in pending("postgres", current):
            for st in statements:
                conn.execute(st)
            conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (%s, %s)", (version, datetime.now(timezone.utc)))
    return current


def _unnul(v: Any) -> Any:
    if isinstance(v, str):
        return v.replace("\x00", NUL_ESCAPE)
    if isinstance(v, list):
        return [_unnul(x) for x in v]
    if isinstance(v, dict):
        return {_unnul(k): _unnul(x) for k, x in v.items()}
    return v


class PostgresSink(DatabaseSink):
    name = "postgresql"

    def __init__(self, dsn: str, resume: bool = False, batch_docs: int = 500, flush_every: float = 2.0) -> None:
        super().__init__(resume, batch_docs, flush_every)
        psycopg = _psycopg()
        try:
            self.conn = psycopg.connect(dsn, autocommit=True)
        except psycopg.Error as e:
            raise ValueError(f"cannot connect to PostgreSQL: {e}") from e
        self.name = "postgresql"
        ensure_schema(self.conn)
        for t in TABLES:
            self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS stage_{t.name} (LIKE {t.name}) ON COMMIT DELETE ROWS")
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS stage_reloaded (doc_id TEXT PRIMARY KEY) ON COMMIT DELETE ROWS")
        self._json_cols = {t.name: [i for i, (_, ty) in enumerate(t.columns) if ty == "json"] for t in TABLES}
        self.nul_escaped = 0
        if resume:
            with self.conn.cursor() as cur:
                cur.execute("SELECT doc_id, status FROM documents")
                for doc_id, status in cur:
                    self._done.add(doc_id)
                    if status == "error":
                        self._failed.add(doc_id)

    def _sanitize(self, table: str, rows: list[tuple[Any, ...]], nul_docs: set[str]) -> list[tuple[Any, ...]]:
        """Escape NUL characters (text) and ``\\u0000`` escapes (JSON text) in rows that have them."""
        jcols = self._json_cols[table]
        didx = BY_NAME[table].column_names.index("doc_id")
        out: list[tuple[Any, ...]] = []
        for row in rows:
            bad = False
            for i, v in enumerate(row):
                if isinstance(v, str) and ("\x00" in v or (i in jcols and NUL_ESCAPE in v)):
                    bad = True
                    break
            if not bad:
                out.append(row)
                continue
            fixed = list(row)
            for i, v in enumerate(row):
                if not isinstance(v, str):
                    continue
                if i in jcols and NUL_ESCAPE in v:
                    fixed[i] = json.dumps(_unnul(json.loads(v)), ensure_ascii=False)
                elif "\x00" in v:
                    fixed[i] = v.replace("\x00", NUL_ESCAPE)
            nul_docs.add(str(row[didx]).replace("\x00", NUL_ESCAPE))
            out.append(tuple(fixed))
        return out

    def _load(self, doc_ids: list[str], rows: Rows) -> None:
        nul_docs: set[str] = set()
        clean = {table: self._sanitize(table, trows, nul_docs) for table, trows in rows.items()}
        if nul_docs:
            self._mark_nul(clean, nul_docs)
        with self.conn.transaction(), self.conn.cursor() as cur:
            for table, trows in clean.items():
                cols = ", ".join(BY_NAME[table].column_names)
                with cur.copy(f"COPY stage_{table} ({cols}) FROM STDIN") as cp:
                    for row in trows:
                        cp.write_row(row)
            # A re-load replaces the document's rows as a whole.
            cur.execute(
                "INSERT INTO stage_reloaded SELECT d.doc_id FROM documents d JOIN stage_documents s ON s.doc_id = d.doc_id"
            )
            for table in CHILD_NAMES:
                cur.execute(f"DELETE FROM {table} c USING stage_reloaded r WHERE c.doc_id = r.doc_id")
            for table in ("documents", *CHILD_NAMES):
                if table in clean:
                    cur.execute(upsert_sql(table, f"stage_{table}", "postgres"))
            self._update_registry(cur, "postgres", [d.replace("\x00", NUL_ESCAPE) for d in doc_ids], clean)

    def _mark_nul(self, rows: Rows, nul_docs: set[str]) -> None:
        self.nul_escaped += len(nul_docs)
        if self.nul_escaped == len(nul_docs):
            log.warning("PostgreSQL cannot store NUL characters: stored as %r (documents' warnings say nul_escaped)", NUL_ESCAPE)
        docs = rows.get("documents", [])
        wi = BY_NAME["documents"].column_names.index("warnings")
        for k, row in enumerate(docs):
            if row[0] in nul_docs:
                warnings = json.loads(row[wi]) if row[wi] else []
                warnings.append({"code": "nul_escaped", "message": f"NUL characters stored as {NUL_ESCAPE} (PostgreSQL text cannot hold them)", "start": None, "end": None})
                docs[k] = (*row[:wi], json.dumps(warnings, ensure_ascii=False), *row[wi + 1 :])

    def _close(self) -> None:
        self.conn.close()
