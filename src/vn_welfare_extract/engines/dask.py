"""Dask: a bag or dataframe of articles -> records and per-table dataframes.

    import dask.bag as db
    from vn_welfare_extract import dask as vwe_dask

    articles = db.read_text("archive-*.jsonl.gz").map(json.loads)   # or a dask DataFrame
    records = vwe_dask.extract_records(articles)                      # bag of record dicts
    tables = vwe_dask.extract_tables(articles)                        # {"amounts": dd.DataFrame, ...}
    vwe_dask.write_parquet(articles, "out/")                          # the layout of --parquet
    registry = vwe_dask.registry_tables("out/")                       # {"persons": dd.DataFrame, ...}
    vwe_dask.write_registry("out/")                                   # out/persons/registry.parquet ...

Every partition is extracted by one ``Extractor`` per worker process (``engines.get_extractor``),
with the same code as the batch command, so the records are the same as a single-process run.
The per-table dataframes have the columns of the relational schema (``tables``) with the
Arrow types of ``io.parquet`` (pandas ``ArrowDtype`` columns). They all come from the same
extraction tasks: compute them together (``dask.compute(*tables.values())``) or persist them,
else each table re-runs the extraction. ``registry_tables`` builds the archive-level registry
(``registry.py``) from a Parquet output folder: each file set's evidence is read on a worker,
shuffled by name / body / document group and resolved per group, so the tables equal those of
``--parquet`` (same ids) for archives beyond one machine. Use a cluster of processes (``LocalCluster(processes=True)``
or ``dask-scheduler``/``dask-worker``): extraction is pure Python and holds the GIL.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

try:
    import dask.bag as dbag
    import dask.base
    import dask.dataframe as dd
    import pandas as pd
    import pyarrow as pa
    from dask.delayed import Delayed, delayed
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ImportError("the Dask integration needs dask[dataframe]: pip install 'vn_welfare_extract[dask]'") from e

from .. import registry as reg
from ..io.parquet import PART_RE, arrow_schema, read_rows, rows_to_table, rows_to_tables, write_tables
from ..io.parquet import write_registry as _write_registry
from ..io.readers import FieldMap
from ..lexicons import Lexicons
from ..tables import TABLES
from . import LexiconLike, as_lexicon, extract_docs, warc_file_articles

__all__ = [
    "extract_records",
    "extract_tables",
    "read_warc",
    "registry_tables",
    "table_meta",
    "write_parquet",
    "write_registry",
]


def _as_bag(articles: Any) -> dbag.Bag:
    if isinstance(articles, dbag.Bag):
        return articles
    if isinstance(articles, dd.DataFrame):
        frame: Any = articles  # dask is untyped: call through Any
        return cast(dbag.Bag, frame.to_bag(index=False, format="dict"))
    raise TypeError(f"expected a dask Bag or DataFrame of articles, got {type(articles).__name__}")


def _records(part: Sequence[Any], types: Sequence[str] | None, fields: FieldMap | None, lexicon: Lexicons | None = None) -> list[dict[str, Any]]:
    return [d for d, _ in extract_docs(part, types, fields, rows=False, lexicon=lexicon)]


def extract_records(
    articles: Any, *, types: Sequence[str] | None = None, fields: FieldMap | None = None, lexicon: LexiconLike = None
) -> dbag.Bag:
    """A bag of record dicts (``Record.to_dict()``; a failed article gives the batch's error
    record with an ``error`` key), in the order of ``articles``. ``lexicon``: a ``Lexicons`` or
    the path of a lexicon file (read here, sent to the workers)."""
    bag: Any = _as_bag(articles)
    t = None if types is None else tuple(types)
    return cast(dbag.Bag, bag.map_partitions(_records, t, fields, as_lexicon(lexicon)))


def read_warc(paths: Sequence[str], npartitions: int | None = None) -> dbag.Bag:
    """A bag of articles from WARC / WARC.gz files (a path every worker can read): the main text
    of each HTML page by trafilatura (see ``io.warc``), run on the workers, so HTML extraction is
    parallel too. Feed it to ``extract_records`` / ``extract_tables`` / ``write_parquet``."""
    make: Any = dbag.from_sequence
    files: Any = make(list(paths), npartitions=npartitions or max(1, len(paths)))
    return cast(dbag.Bag, files.map(warc_file_articles).flatten())


def _to_pandas(tbl: pa.Table) -> pd.DataFrame:
    return tbl.to_pandas(types_mapper=pd.ArrowDtype)


def table_meta(table: str) -> pd.DataFrame:
    """The empty pandas frame of one table (column names and ``ArrowDtype`` types)."""
    return _to_pandas(arrow_schema(table).empty_table())


def _frames(
    part: Sequence[Any], types: tuple[str, ...] | None, fields: FieldMap | None, store_text: bool, lexicon: Lexicons | None = None
) -> dict[str, pd.DataFrame]:
    rows = [r for _, r in extract_docs(part, types, fields, rows=True, store_text=store_text, lexicon=lexicon) if r is not None]
    return {name: _to_pandas(tbl) for name, tbl in rows_to_tables(rows).items()}


def _partitions(articles: Any) -> list[Delayed]:
    bag: Any = _as_bag(articles)
    return list(bag.to_delayed())


def extract_tables(
    articles: Any,
    *,
    types: Sequence[str] | None = None,
    fields: FieldMap | None = None,
    store_text: bool = False,
    lexicon: LexiconLike = None,
) -> dict[str, dd.DataFrame]:
    """One dask DataFrame per table of the relational schema (``documents``, ``dates``, ...,
    ``facts``, ``errors``), one partition per input partition."""
    t = None if types is None else tuple(types)
    lex = as_lexicon(lexicon)
    parts = [delayed(_frames, pure=True)(p, t, fields, store_text, lex) for p in _partitions(articles)]
    out: dict[str, dd.DataFrame] = {}
    for table in TABLES:
        pieces = [delayed(operator.getitem, pure=True)(p, table.name) for p in parts]
        out[table.name] = dd.from_delayed(pieces, meta=table_meta(table.name), verify_meta=False)
    return out


def _write(
    part: Sequence[Any], out_dir: str, name: str, types: tuple[str, ...] | None, fields: FieldMap | None, store_text: bool,
    lexicon: Lexicons | None = None,
) -> dict[str, int]:
    rows = [r for _, r in extract_docs(part, types, fields, rows=True, store_text=store_text, lexicon=lexicon) if r is not None]
    tables = rows_to_tables(rows)
    write_tables(tables, out_dir, name)
    return {k: v.num_rows for k, v in tables.items()}


def write_parquet(
    articles: Any,
    out_dir: str | os.PathLike[str],
    *,
    types: Sequence[str] | None = None,
    fields: FieldMap | None = None,
    store_text: bool = False,
    compute: bool = True,
    lexicon: LexiconLike = None,
) -> Any:
    """Write every table as Parquet, one file per input partition and table, in the layout of
    ``--parquet`` (``out_dir/<table>/part-<n>.parquet``; see ``io.parquet``). ``out_dir`` must be
    a folder every worker can write (a shared filesystem). Existing ``part-*.parquet`` files of
    the table folders are removed first. Returns the rows written per table (or, with
    ``compute=False``, the delayed per-partition counts)."""
    base = Path(out_dir)
    base.mkdir(parents=True, exist_ok=True)
    for t in TABLES:
        d = base / t.name
        if d.is_dir():
            for p in d.iterdir():
                if PART_RE.match(p.name):
                    p.unlink()
    t_ = None if types is None else tuple(types)
    lex = as_lexicon(lexicon)
    # part-<run>-<n>: the run token is "dask" plus a digit so the name matches io.parquet's pattern
    tasks = [
        delayed(_write)(p, str(base), f"part-dask0-{i:05d}", t_, fields, store_text, lex)
        for i, p in enumerate(_partitions(articles))
    ]
    if not compute:
        return tasks
    totals: dict[str, int] = {t.name: 0 for t in TABLES}
    run: Any = dask.base.compute
    for counts in run(*tasks):
        for k, v in counts.items():
            totals[k] += v
    return totals


def _part_evidence(out_dir: str, part: str) -> list[tuple[str, str, Any]]:
    return reg.keyed_evidence(reg.evidence(read_rows(out_dir, reg.EVIDENCE_TABLES, part=part)))


def _group_rows(group: tuple[Any, list[tuple[str, str, Any]]]) -> list[tuple[str, Any]]:
    return reg.resolve_group(item for _, _, item in group[1])


def _frame(rows: Sequence[tuple[str, Any]], table: str) -> pd.DataFrame:
    return _to_pandas(rows_to_table(table, [r for t, r in rows if t == table]))


def registry_tables(parquet_dir: str | os.PathLike[str], npartitions: int | None = None) -> dict[str, dd.DataFrame]:
    """The registry tables (``persons``, ``person_posts``, ``person_mentions``, ``bodies``,
    ``body_mentions``, ``legal_documents``, ``legal_document_citations``,
    ``legal_document_facts``; see ``registry.py`` and docs/registry.md) of a Parquet output folder
    (``--parquet DIR`` or ``write_parquet``), one dask DataFrame each, with the columns of
    ``tables.REGISTRY_TABLES``. Every file set's evidence is read by a worker (``parquet_dir``
    must be readable by all), grouped by person name, body and legal document group (a shuffle)
    and resolved per group, so the rows and ids equal a single-process build. The tables share
    one graph: compute them together (``dask.compute(*tables.values())``) or persist them."""
    base = str(Path(parquet_dir))
    docs = Path(base) / "documents"
    parts = sorted(p.name[: -len(".parquet")] for p in docs.iterdir() if PART_RE.match(p.name)) if docs.is_dir() else []
    make: Any = dbag.from_sequence
    names: Any = make(parts or [""], npartitions=npartitions or max(1, len(parts)))
    keyed: Any = names.map(lambda part: _part_evidence(base, part) if part else []).flatten()
    resolved: Any = keyed.groupby(lambda x: (x[0], x[1])).map(_group_rows).flatten()
    pieces = list(resolved.to_delayed())
    out: dict[str, dd.DataFrame] = {}
    for name in reg.REGISTRY_NAMES:
        frames = [delayed(_frame, pure=True)(p, name) for p in pieces]
        out[name] = dd.from_delayed(frames, meta=table_meta(name), verify_meta=False)
    return out


def write_registry(parquet_dir: str | os.PathLike[str], npartitions: int | None = None) -> dict[str, int]:
    """Compute ``registry_tables(parquet_dir)`` and write them into the folder as the Parquet sink
    does (``<table>/registry.parquet``); returns the rows per table. The result is collected on
    the client (the registry is small beside the per-article tables)."""
    tables = registry_tables(parquet_dir, npartitions)
    run: Any = dask.base.compute
    frames = run(*tables.values())
    rows = {name: list(frame.itertuples(index=False, name=None)) for name, frame in zip(tables, frames, strict=True)}
    clean = {name: [tuple(_plain(v) for v in r) for r in rs] for name, rs in rows.items()}
    _write_registry(parquet_dir, clean)
    return {name: len(rs) for name, rs in clean.items()}


def _plain(v: Any) -> Any:
    """A pandas cell as a row value: missing -> None, decimal -> int."""
    if isinstance(v, Decimal):
        return int(v)
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return v
