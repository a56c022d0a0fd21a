"""Parquet output: one table per fact type plus ``documents`` and ``errors``, the same tables and
columns as the relational schema (``tables.TABLES``), rows from ``db.rows``.

The Arrow schema is derived from ``tables`` (never a second copy):

| portable type | Arrow type | notes |
|---|---|---|
| ``text`` | ``string`` | |
| ``int`` | ``int64`` | offsets, years, mention counts |
| ``num`` | ``decimal128(38, 0)`` | amounts and counts, exact (PostgreSQL NUMERIC); a value of more than 38 digits is null |
| ``json`` | ``string`` | JSON text, field metadata ``vwe.type = json`` |
| ``ts`` | ``timestamp[us, tz=UTC]`` | |

Key columns are non-nullable. Every file carries ``vwe.table``, ``vwe.schema_version`` (the
relational one) and ``vwe.library_version`` in its schema metadata.

Layout of an output folder (``ParquetSink(DIR)``, ``vn-welfare-extract --parquet DIR``)::

    DIR/documents/part-<run>-<n>.parquet
    DIR/dates/part-<run>-<n>.parquet
    ...                                   one folder per table, every table in every file set
    DIR/errors/part-<run>-<n>.parquet

``pandas.read_parquet("DIR/amounts")``, ``pyarrow.dataset.dataset("DIR/amounts")`` and DuckDB's
``read_parquet('DIR/amounts/*.parquet')`` read a table as is. A file set (one part per table) is
written every ``file_docs`` documents and at the end; its files are written under hidden
temporary names and renamed, ``documents`` last, so a part in ``documents`` means the file set is
complete. ``resume`` skips the documents of complete file sets and removes leftovers of a
file set cut off by a crash (those documents are redone).

The registry (``registry.py``: ``persons``, ``bodies``, ``legal_documents`` ... across articles)
is rebuilt from the whole folder when the sink closes (``registry=False`` skips it) and written
as ``DIR/<registry table>/registry.parquet`` (one file per table, replaced atomically). Ids come
from content, so a later run or ``--resume`` gives the same ids for the same persons, bodies and
documents. ``engines.dask.registry_tables`` builds the same tables from a folder too large for
one machine.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ImportError(
        "Parquet output needs pyarrow: pip install 'vn_welfare_extract[parquet]'"
    ) from e

from .._version import __version__
from ..tables import BY_NAME, REGISTRY_TABLES, SCHEMA_VERSION, TABLES, Table
from .sinks import DocResult, Rows

__all__ = [
    "ARROW_TYPES",
    "ParquetSink",
    "arrow_schema",
    "arrow_schemas",
    "empty_tables",
    "json_columns",
    "read_rows",
    "write_registry",
    "row_dicts",
    "rows_to_table",
    "rows_to_tables",
    "write_tables",
]

NUM_TYPE = pa.decimal128(38, 0)
TS_TYPE = pa.timestamp("us", tz="UTC")
# Portable column type (tables) -> Arrow type.
ARROW_TYPES: dict[str, pa.DataType] = {
    "text": pa.string(),
    "int": pa.int64(),
    "num": NUM_TYPE,
    "json": pa.string(),
    "ts": TS_TYPE,
}
_MAX_NUM = 10**38
PART_RE = re.compile(r"^part-(?P<set>[0-9a-z]+-[0-9]{5})\.parquet$")


def arrow_schema(table: str | Table) -> pa.Schema:
    """The Arrow schema of one relational table (``tables``), columns in the same order."""
    t = BY_NAME[table] if isinstance(table, str) else table
    fields = [
        pa.field(name, ARROW_TYPES[ty], nullable=name not in t.key, metadata={"vwe.type": ty})
        for name, ty in t.columns
    ]
    meta = {
        "vwe.table": t.name,
        "vwe.schema_version": str(SCHEMA_VERSION),
        "vwe.library_version": __version__,
    }
    return pa.schema(fields, metadata=meta)


def arrow_schemas() -> dict[str, pa.Schema]:
    """Every table's Arrow schema, in the order of ``tables.TABLES``."""
    return {t.name: arrow_schema(t) for t in TABLES}


def _num(v: Any) -> Decimal | int | None:
    if v is None:
        return None
    if isinstance(v, str):  # db.rows keeps integers past 64 bits as text
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError(f"a num column holds an integer, got {type(v).__name__}")
    return v if -_MAX_NUM < v < _MAX_NUM else None


def _ts(v: Any) -> datetime | None:
    if v is None or isinstance(v, datetime):
        return v
    d = datetime.fromisoformat(str(v))
    return d if d.tzinfo is not None else d.replace(tzinfo=timezone.utc)


def _column(values: Sequence[Any], ty: str) -> pa.Array:
    if ty == "num":
        values = [_num(v) for v in values]
    elif ty == "ts":
        values = [_ts(v) for v in values]
    return pa.array(values, type=ARROW_TYPES[ty])


def row_dicts(table: str, rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """Rows of one table as dicts of Arrow-ready values (``num`` as ints that fit, ``ts`` as
    datetimes), for nesting in other Arrow data (the Spark adapter)."""
    cols = BY_NAME[table].columns
    conv = [(name, _num if ty == "num" else _ts if ty == "ts" else None) for name, ty in cols]
    return [{n: (f(v) if f is not None else v) for (n, f), v in zip(conv, row, strict=True)} for row in rows]


def rows_to_table(table: str, rows: Sequence[Sequence[Any]]) -> pa.Table:
    """Rows of one table (tuples in ``tables`` column order, as ``db.rows`` makes them)."""
    t = BY_NAME[table]
    schema = arrow_schema(t)
    if not rows:
        return schema.empty_table()
    cols = list(zip(*rows, strict=True))
    if len(cols) != len(t.columns):
        raise ValueError(f"{table}: rows have {len(cols)} columns, the schema {len(t.columns)}")
    arrays = [_column(c, ty) for c, (_, ty) in zip(cols, t.columns, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def rows_to_tables(rows: Iterable[Rows]) -> dict[str, pa.Table]:
    """Many documents' rows -> one Arrow table per relational table (every table, maybe empty)."""
    merged: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in TABLES}
    for r in rows:
        for name, rs in r.items():
            merged[name].extend(rs)
    return {name: rows_to_table(name, rs) for name, rs in merged.items()}


def empty_tables() -> dict[str, pa.Table]:
    return {name: s.empty_table() for name, s in arrow_schemas().items()}


def write_tables(tables: Mapping[str, pa.Table], out_dir: str | os.PathLike[str], part: str) -> list[str]:
    """Write one file set: ``out_dir/<table>/<part>.parquet`` for every table of the schema
    (tables missing from ``tables`` are written empty). Each file is written under a hidden
    temporary name and renamed; ``documents`` is renamed last. Returns the paths written."""
    base = Path(out_dir)
    names = [t.name for t in TABLES if t.name != "documents"] + ["documents"]
    staged: list[tuple[Path, Path]] = []
    for name in names:
        d = base / name
        d.mkdir(parents=True, exist_ok=True)
        tbl = tables.get(name)
        if tbl is None:
            tbl = arrow_schema(name).empty_table()
        final = d / f"{part}.parquet"
        tmp = d / f".{part}.parquet.tmp"
        pq.write_table(tbl, tmp, compression="zstd")
        staged.append((tmp, final))
    for tmp, final in staged:
        os.replace(tmp, final)
    return [str(f) for _, f in staged]


class ParquetSink:
    """The batch sink for ``--parquet DIR``: buffers rows and writes a file set (one Parquet file
    per table) every ``file_docs`` documents and on close. Memory holds at most ``file_docs``
    documents' rows. Without ``resume`` the ``part-*.parquet`` files already in the table folders
    are removed first (like ``-o`` overwriting a file); other files are left alone."""

    wants_json = False
    wants_rows = True

    def __init__(
        self, out_dir: str | os.PathLike[str], resume: bool = False, file_docs: int = 20_000, registry: bool = True
    ) -> None:
        self.registry = registry
        self.dir = Path(out_dir)
        self.name = str(self.dir)
        if self.dir.exists() and not self.dir.is_dir():
            raise ValueError(f"--parquet needs a folder, {self.dir} is a file")
        self.file_docs = max(1, file_docs)
        self.run = time.strftime("%Y%m%d%H%M%S", time.gmtime()) + secrets.token_hex(2)
        self._seq = 0
        self._buf: list[Rows] = []
        self._done: set[str] = set()
        self.dir.mkdir(parents=True, exist_ok=True)
        if resume:
            self._done = self._recover()
        else:
            self._clear()

    def _parts(self, table: str) -> list[Path]:
        d = self.dir / table
        return sorted(p for p in d.iterdir() if PART_RE.match(p.name)) if d.is_dir() else []

    def _clear(self) -> None:
        for t in TABLES:
            d = self.dir / t.name
            if not d.is_dir():
                continue
            for p in d.iterdir():
                if PART_RE.match(p.name) or (p.name.startswith(".part-") and p.name.endswith(".parquet.tmp")):
                    p.unlink()

    def _recover(self) -> set[str]:
        """Doc ids of the complete file sets; leftovers of an unfinished set are removed."""
        complete = {p.name for p in self._parts("documents")}
        for t in TABLES:
            d = self.dir / t.name
            if not d.is_dir():
                continue
            for p in d.iterdir():
                stray_tmp = p.name.startswith(".part-") and p.name.endswith(".parquet.tmp")
                if stray_tmp or (PART_RE.match(p.name) and p.name not in complete):
                    p.unlink()
        done: set[str] = set()
        for p in self._parts("documents"):
            col = pq.read_table(p, columns=["doc_id"]).column("doc_id")
            done.update(x for x in col.to_pylist() if isinstance(x, str))
        return done

    def done_ids(self) -> set[str]:
        return self._done

    def write(self, results: list[DocResult]) -> None:
        for r in results:
            if r.rows is not None and r.doc_id not in self._done:
                self._buf.append(r.rows)
        if len(self._buf) >= self.file_docs:
            self.flush()

    def flush(self) -> None:
        if not self._buf:
            return
        buf, self._buf = self._buf, []
        self._seq += 1
        write_tables(rows_to_tables(buf), self.dir, f"part-{self.run}-{self._seq:05d}")

    def close(self) -> None:
        if self._seq == 0 and not self._buf and not self._parts("documents"):
            # an empty run still leaves readable (empty) tables
            self._seq += 1
            write_tables(empty_tables(), self.dir, f"part-{self.run}-{self._seq:05d}")
        else:
            self.flush()
        if self.registry:
            from .. import registry

            write_registry(self.dir, registry.resolve(registry.evidence(read_rows(self.dir, registry.EVIDENCE_TABLES))))


def json_columns(table: str) -> list[str]:
    """The JSON columns of ``table`` (JSON text: ``json.loads`` them after reading)."""
    return [c for c, ty in BY_NAME[table].columns if ty == "json"]


def _from_arrow(v: Any, ty: str) -> Any:
    if v is None:
        return None
    if ty == "num":
        return int(v)
    if ty == "ts":
        return v.isoformat()
    return v


def read_rows(
    out_dir: str | os.PathLike[str], tables: Sequence[str] | None = None, part: str | None = None
) -> Rows:
    """Rows (tuples in ``tables`` column order, as ``db.rows`` makes them) of the tables of an
    output folder: every complete file set, or only the file set ``part`` (``part-<run>-<n>``)."""
    base = Path(out_dir)
    out: Rows = {}
    for name in tables or [t.name for t in TABLES]:
        t = BY_NAME[name]
        d = base / name
        files = sorted(p for p in d.iterdir() if PART_RE.match(p.name)) if d.is_dir() else []
        if part is not None:
            files = [p for p in files if p.name == f"{part}.parquet"]
        rows: list[tuple[Any, ...]] = []
        for f in files:
            cols = pq.read_table(f, columns=list(t.column_names)).to_pydict()
            data = [[_from_arrow(v, ty) for v in cols[c]] for c, ty in t.columns]
            rows.extend(zip(*data, strict=True))
        out[name] = rows
    return out


def write_registry(out_dir: str | os.PathLike[str], tables: Mapping[str, Sequence[tuple[Any, ...]]]) -> list[str]:
    """Write the registry tables as ``out_dir/<table>/registry.parquet`` (each replaced
    atomically); tables missing from ``tables`` are written empty."""
    base = Path(out_dir)
    written: list[str] = []
    for t in REGISTRY_TABLES:
        d = base / t.name
        d.mkdir(parents=True, exist_ok=True)
        tmp, final = d / ".registry.parquet.tmp", d / "registry.parquet"
        pq.write_table(rows_to_table(t.name, list(tables.get(t.name, ()))), tmp, compression="zstd")
        os.replace(tmp, final)
        written.append(str(final))
    return written
