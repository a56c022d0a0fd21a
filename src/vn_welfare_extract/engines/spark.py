"""Spark: a DataFrame of articles -> a DataFrame of records, or one DataFrame per table.

    from vn_welfare_extract.engines import spark as vwe_spark

    articles = spark.read.json("s3://bucket/archive/*.jsonl.gz")     # columns id, text, published, ...
    records = vwe_spark.extract_records(articles)                     # schema: record_schema()
    tables = vwe_spark.extract_tables(articles)                       # {"amounts": DataFrame, ...}
    vwe_spark.write_parquet(articles, "s3://bucket/out/")             # out/<table>/part-*.parquet

Both run ``mapInArrow``: each executor's Python worker builds one ``Extractor`` on its first
batch and reuses it for every later task (keep ``spark.python.worker.reuse`` on, the default).
The input columns are read by the batch command's field names (``io.readers.FieldMap``: text
``text``/``content``/``body``, id ``id``/``doc_id``, ``published``/``date``/``published_at``,
``url``/``link``, ``title``); pass ``fields=FieldMap(text=("body",))`` for others. Only those
columns are sent to Python.

``record_schema()`` is the record (``Record.to_dict()``) as a Spark schema, derived from the
Arrow one (``engines.record_arrow_schema``, itself derived from ``model.py``): item lists are
arrays of structs, amounts and counts ``DECIMAL(38,0)``, a fact's values and links JSON strings,
``error`` set for failed articles. ``record_from_row(row.asDict(True))`` gives the record dict
back. ``table_schema(name)`` is a relational table (``tables``) as a Spark schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, cast

try:
    import pyarrow as pa
    from pyspark import StorageLevel
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import StructType
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ImportError("the Spark integration needs pyspark and pyarrow: pip install 'vn_welfare_extract[spark]'") from e

from ..io.parquet import arrow_schema, row_dicts
from ..io.readers import FieldMap
from ..lexicons import Lexicons
from ..tables import TABLES
from . import LexiconLike, as_lexicon, extract_docs, record_arrow_schema, record_to_row, warc_file_articles

__all__ = ["WARC_ARTICLES_SCHEMA", "extract_records", "extract_tables", "read_warc", "record_schema", "table_schema", "tables_arrow_schema", "unpersist_tables", "write_parquet"]


def record_schema() -> StructType:
    """The record as a Spark schema (from ``record_arrow_schema()``)."""
    return from_arrow_schema(record_arrow_schema())


def table_schema(table: str) -> StructType:
    """One relational table (``tables``) as a Spark schema (from ``io.parquet.arrow_schema``)."""
    return from_arrow_schema(arrow_schema(table))


def tables_arrow_schema() -> pa.Schema:
    """One row per article: for every table, the list of its rows (a struct per row)."""
    return pa.schema([pa.field(t.name, pa.list_(pa.struct(list(arrow_schema(t))))) for t in TABLES])


def _input_columns(df: DataFrame, fm: FieldMap) -> list[str]:
    wanted = set(fm.text + fm.id + fm.published + fm.url + fm.title + ("crawled",))  # crawled: WARC pages
    cols = [c for c in df.columns if c in wanted]
    if not any(c in fm.text for c in cols):
        raise ValueError(f"no text column in {df.columns}: expected one of {', '.join(fm.text)} (pass fields=FieldMap(text=(...,)))")
    return cols


def extract_records(
    df: DataFrame, *, types: Sequence[str] | None = None, fields: FieldMap | None = None, lexicon: LexiconLike = None
) -> DataFrame:
    """One record row per article, schema ``record_schema()``, in the partitions of ``df``.
    ``lexicon``: a ``Lexicons`` or the path of a lexicon file (read on the driver)."""
    fm = fields or FieldMap()
    t = None if types is None else tuple(types)
    lex = as_lexicon(lexicon)
    schema = record_arrow_schema()

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in batches:
            out = extract_docs(b.to_pylist(), t, fm, rows=False, lexicon=lex)
            yield pa.RecordBatch.from_pylist([record_to_row(d) for d, _ in out], schema=schema)

    return df.select(*_input_columns(df, fm)).mapInArrow(run, record_schema())


WARC_ARTICLES_SCHEMA = "id string, url string, title string, published string, crawled string, text string"


def read_warc(spark: Any, paths: Sequence[str]) -> DataFrame:
    """A DataFrame of articles (``WARC_ARTICLES_SCHEMA``) from WARC / WARC.gz files every
    executor can read, one task per file: trafilatura runs on the executors (see ``io.warc``)."""
    names = ["id", "url", "title", "published", "crawled", "text"]
    rdd = spark.sparkContext.parallelize(list(paths), max(1, len(paths)))
    rows = rdd.flatMap(lambda p: [tuple(a[n] for n in names) for a in warc_file_articles(p)])
    return cast(DataFrame, spark.createDataFrame(rows, WARC_ARTICLES_SCHEMA))


def _bundles(df: DataFrame, types: tuple[str, ...] | None, fm: FieldMap, store_text: bool, lex: Lexicons | None) -> DataFrame:
    schema = tables_arrow_schema()
    names = [t.name for t in TABLES]

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in batches:
            out = extract_docs(b.to_pylist(), types, fm, rows=True, store_text=store_text, lexicon=lex)
            rows = []
            for _, r in out:
                r = r or {}
                rows.append({name: row_dicts(name, r.get(name, ())) for name in names})
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return df.select(*_input_columns(df, fm)).mapInArrow(run, from_arrow_schema(schema))


def extract_tables(
    df: DataFrame,
    *,
    types: Sequence[str] | None = None,
    fields: FieldMap | None = None,
    store_text: bool = False,
    persist: bool = True,
    lexicon: LexiconLike = None,
) -> dict[str, DataFrame]:
    """One DataFrame per table of the relational schema, with its columns (``table_schema``).
    All come from one extraction pass, persisted (memory and disk) unless ``persist=False``
    (then every table action re-runs the extraction). ``unpersist_tables(tables)`` frees it."""
    fm = fields or FieldMap()
    t = None if types is None else tuple(types)
    b = _bundles(df, t, fm, store_text, as_lexicon(lexicon))
    if persist:
        b = b.persist(StorageLevel.MEMORY_AND_DISK)
    out = {name.name: b.select(F.explode(name.name).alias("r")).select("r.*") for name in TABLES}
    _BUNDLES[id(out["documents"])] = b
    return out


_BUNDLES: dict[int, DataFrame] = {}


def unpersist_tables(tables: dict[str, DataFrame]) -> None:
    """Free the persisted extraction behind the tables of ``extract_tables``."""
    b = _BUNDLES.pop(id(tables.get("documents")), None)
    if b is not None:
        b.unpersist()


def write_parquet(
    df: DataFrame,
    path: str,
    *,
    types: Sequence[str] | None = None,
    fields: FieldMap | None = None,
    store_text: bool = False,
    mode: str = "overwrite",
    lexicon: LexiconLike = None,
) -> dict[str, int]:
    """Write every table to ``path/<table>/`` (Spark's part files; DuckDB reads
    ``path/<table>/*.parquet``). Returns the rows written per table."""
    tables = extract_tables(df, types=types, fields=fields, store_text=store_text, persist=True, lexicon=lexicon)
    counts: dict[str, int] = {}
    try:
        for name, tdf in tables.items():
            tdf.write.mode(mode).parquet(f"{path.rstrip('/')}/{name}")
            counts[name] = tdf.count()
    finally:
        unpersist_tables(tables)
    return counts
