"""The Spark integration on local[2] (PySpark with the machine's Java 17): mapInArrow with the
record schema gives the same records as the single-process path on the first 200 bench
articles; per-table DataFrames with the relational columns; one Extractor per Python worker."""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import need_binary, need_module
from vn_welfare_extract.tables import TABLES

need_module("pyspark", "spark")
pa = need_module("pyarrow", "spark")

INPUT_SCHEMA = "id string, published string, title string, url string, text string"


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local[2] session for the module (JVM start-up is the slow part)."""
    need_binary("java", "PySpark needs a Java runtime: apt-get install openjdk-17-jre-headless")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers import vn_welfare_extract from this venv
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("vn_welfare_extract-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "50")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def articles_df(spark: Any, bench_slice_200: Path) -> Any:
    with open(bench_slice_200, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    cols = [c.split()[0] for c in INPUT_SCHEMA.split(", ")]
    return spark.createDataFrame([tuple(r.get(c) for c in cols) for r in rows], schema=INPUT_SCHEMA).repartition(4)


def test_records_equal_the_single_process_records(spark: Any, articles_df: Any, bench_records_200: list[dict[str, Any]]) -> None:
    from vn_welfare_extract.engines import record_from_row
    from vn_welfare_extract.engines import spark as vwe_spark

    out = vwe_spark.extract_records(articles_df)
    assert out.schema == vwe_spark.record_schema()
    recs = sorted((record_from_row(r) for r in out.toArrow().to_pylist()), key=lambda r: r["doc_id"])
    want = sorted(bench_records_200, key=lambda r: r["doc_id"])
    assert [r["doc_id"] for r in recs] == [r["doc_id"] for r in want]
    for t in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts"):
        assert [[(x["id"], json.dumps(x, sort_keys=True)) for x in r[t]] for r in recs] == [
            [(x["id"], json.dumps(x, sort_keys=True)) for x in r[t]] for r in want
        ], t
    assert recs == want
    # SQL on the nested record: amounts are exact decimals
    total = out.selectExpr("inline(amounts)").selectExpr("sum(value) AS s").collect()[0]["s"]
    assert int(total) == sum(a["value"] or 0 for r in want for a in r["amounts"])


def test_tables_have_the_relational_columns(spark: Any, articles_df: Any, bench_records_200: list[dict[str, Any]]) -> None:
    from vn_welfare_extract.engines import spark as vwe_spark

    first = [r["doc_id"] for r in bench_records_200[:80]]
    tables = vwe_spark.extract_tables(articles_df.where(articles_df.id.isin(first)))
    try:
        assert list(tables) == [t.name for t in TABLES]
        for t in TABLES:
            assert tuple(tables[t.name].columns) == t.column_names
        want = {t: 0 for t in tables}
        recs = bench_records_200[:80]
        want["documents"] = len(recs)
        for t in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts"):
            want[t] = sum(len(r[t]) for r in recs)
        want["official_titles"] = sum(len(o["titles"]) for r in recs for o in r["officials"])
        want["official_mentions"] = sum(len(o["mentions"]) for r in recs for o in r["officials"])
        want["policy_mentions"] = sum(len(p["mentions"]) for r in recs for p in r["policies"])
        assert {k: v.count() for k, v in tables.items()} == want
    finally:
        vwe_spark.unpersist_tables(tables)


def test_one_extractor_per_python_worker(spark: Any) -> None:
    """Tasks reuse their Python worker process and its Extractor (built once per process)."""

    def probe(batches: Iterator[Any]) -> Iterator[Any]:
        from vn_welfare_extract import engines

        for b in batches:
            ex = engines.get_extractor()
            out = engines.extract_docs([{"id": "x", "text": "Hỗ trợ 2 triệu đồng."}] * b.num_rows, rows=False)
            yield pa.RecordBatch.from_pylist(
                [{"pid": os.getpid(), "ex": id(ex), "n": len(engines._EXTRACTORS), "amounts": len(out[0][0]["amounts"])}]
            )

    rows = spark.range(0, 16, numPartitions=8).mapInArrow(probe, "pid long, ex long, n long, amounts long").collect()
    assert len(rows) == 8 and all(r["n"] == 1 and r["amounts"] == 1 for r in rows)
    per_pid: dict[int, set[int]] = {}
    for r in rows:
        per_pid.setdefault(r["pid"], set()).add(r["ex"])
    assert all(len(ids) == 1 for ids in per_pid.values())
    assert len(per_pid) < len(rows)  # 8 tasks on fewer processes: the workers (and their Extractor) were reused


def test_bad_rows_become_error_records(spark: Any) -> None:
    from vn_welfare_extract.engines import record_from_row
    from vn_welfare_extract.engines import spark as vwe_spark

    df = spark.createDataFrame(
        [("a", "2022-03-14", "Ngày 12-3, tỉnh trao 300 suất quà trị giá 90 triệu đồng."), ("b", None, None)],
        schema="id string, published string, body string",
    )
    from vn_welfare_extract.io import FieldMap

    rows = vwe_spark.extract_records(df, fields=FieldMap(text=("body",))).toArrow().to_pylist()
    recs = {r["doc_id"]: record_from_row(r) for r in rows}
    assert recs["a"]["amounts"][0]["value"] == 90_000_000 and "error" not in recs["a"]
    assert recs["b"]["error"]["code"] == "no_text"
    with pytest.raises(ValueError, match="no text column"):
        vwe_spark.extract_records(df.select("id", "published"))


def test_missing_pyspark_raises_with_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.delitem(sys.modules, "vn_welfare_extract.engines.spark", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'vn_welfare_extract\[spark\]'"):
        importlib.import_module("vn_welfare_extract.engines.spark")


def test_warc_files_on_the_executors(spark: Any, tmp_path: Path) -> None:
    from test_warc import make_warc
    from vn_welfare_extract.batch import extract_warc
    from vn_welfare_extract.engines import record_from_row
    from vn_welfare_extract.engines import spark as vwe_spark

    need_module("warcio", "warc")
    path = str(make_warc(tmp_path / "a.warc.gz"))
    arts = vwe_spark.read_warc(spark, [path])
    assert arts.columns == ["id", "url", "title", "published", "crawled", "text"]
    recs = {r["doc_id"]: record_from_row(r) for r in vwe_spark.extract_records(arts).toArrow().to_pylist()}
    for page, rec in extract_warc(path):
        assert recs[page.doc_id] == {**rec.to_dict(), "crawled": page.crawled}  # + the crawl date
    assert sum(1 for r in recs.values() if "error" in r) == 1


def test_a_lexicon_file_reaches_the_spark_workers(spark: Any, tmp_path: Path) -> None:
    from lexicon_case import ARTICLE, CANONICAL, normalised_everywhere, write_lexicon
    from vn_welfare_extract.engines import record_from_row
    from vn_welfare_extract.engines import spark as vwe_spark

    rows = [(f"lex-{i}", ARTICLE["published"], None, None, ARTICLE["text"]) for i in range(4)]
    df = spark.createDataFrame(rows, schema=INPUT_SCHEMA).repartition(2)
    plain = [record_from_row(r) for r in vwe_spark.extract_records(df).toArrow().to_pylist()]
    assert not any(normalised_everywhere(r) for r in plain)
    out = vwe_spark.extract_records(df, lexicon=str(write_lexicon(tmp_path, "tsv")))
    recs = [record_from_row(r) for r in out.toArrow().to_pylist()]
    assert [normalised_everywhere(r) for r in recs] == [True] * 4
    tables = vwe_spark.extract_tables(df, lexicon=str(write_lexicon(tmp_path, "json")))
    try:
        assert [r["issuer"] for r in tables["policies"].collect()] == [CANONICAL] * 4
    finally:
        vwe_spark.unpersist_tables(tables)
