"""Parquet output: the Arrow schema is the relational one, DuckDB/pandas read it as is, the
counts equal the JSON lines output on the bench slice, resume after a crash, the install hint."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import need_module, table_counts, write_jsonl
from vn_welfare_extract.cli import EXIT_NOTHING_READ, main
from vn_welfare_extract.tables import SCHEMA_VERSION, TABLES

pa = need_module("pyarrow", "parquet")
pq = need_module("pyarrow.parquet", "parquet")
parquet = importlib.import_module("vn_welfare_extract.io.parquet")

ARTICLES = [
    {"id": "p1", "published": "2022-03-14", "text": "Sáng 12-3, tỉnh Nghệ An trao 1.200 suất quà, trị giá 600 triệu đồng, cho hộ nghèo."},
    {"id": "p2", "published": "2021-09-21", "text": "Tính đến ngày 20-9, thành phố đã chi hơn 2.000 tỉ đồng hỗ trợ cho 1,5 triệu lao động tự do."},
    {"id": "p3", "published": "2023-01-05", "text": "Năm 2022, huyện đã xây dựng 45 căn nhà đại đoàn kết cho hộ nghèo."},
    {"id": "p4", "published": "2020-05-02", "text": "Ngày 1-5, Ủy ban nhân dân tỉnh Quảng Trị hỗ trợ 300 triệu đồng cho 120 hộ dân."},
    {"id": "p5", "published": "2024-07-30", "text": "Quỹ Vì người nghèo đã trao 50 suất học bổng, mỗi suất 2 triệu đồng."},
]


def duck_count(duckdb: Any, out: Path, table: str) -> int:
    rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out / table}/*.parquet')").fetchall()
    return int(rows[0][0])


# ------------------------------------------------------------------ the schema


def test_arrow_schema_is_the_relational_schema() -> None:
    schemas = parquet.arrow_schemas()
    assert list(schemas) == [t.name for t in TABLES]
    for t in TABLES:
        s = schemas[t.name]
        assert tuple(s.names) == t.column_names
        for name, ty in t.columns:
            f = s.field(name)
            assert f.type == parquet.ARROW_TYPES[ty]
            assert f.nullable == (name not in t.key)
            assert f.metadata[b"vwe.type"] == ty.encode()
        assert s.metadata[b"vwe.table"] == t.name.encode()


def test_num_columns_are_exact_decimals() -> None:
    big = 10**30
    tbl = parquet.rows_to_table(
        "amounts",
        [
            ("a1", "d", "x", 0, 1, 600_000_000, None, "VND", None, None, "r", None, None),
            ("a2", "d", "x", 0, 1, str(big), None, "VND", None, None, "r", None, None),  # db.rows keeps >64-bit ints as text
            ("a3", "d", "x", 0, 1, 10**40, None, "VND", None, None, "r", None, None),  # more than 38 digits: null
            ("a4", "d", "x", 0, 1, 75, 80, "USD", None, None, "r", "74.81", "80.5"),  # exact decimals as text
        ],
    )
    assert tbl.column("value").type == pa.decimal128(38, 0)
    assert [None if v is None else int(v) for v in tbl.column("value").to_pylist()] == [600_000_000, big, None, 75]
    assert tbl.column("value_exact").type == pa.string() and tbl.column("end_value_exact").type == pa.string()
    assert tbl.column("value_exact").to_pylist() == [None, None, None, "74.81"]
    assert tbl.column("end_value_exact").to_pylist() == [None, None, None, "80.5"]


def test_arrow_schemas_follow_the_relational_schema_v3() -> None:
    schemas = parquet.arrow_schemas()
    assert schemas["amounts"].names[-2:] == ["value_exact", "end_value_exact"]
    assert schemas["documents"].field("crawled").type == pa.string() and schemas["documents"].field("crawled").nullable
    assert schemas["amounts"].metadata[b"vwe.schema_version"] == str(SCHEMA_VERSION).encode()
    assert schemas["dates"].names[-1] == "time" and schemas["dates"].field("time").type == pa.string()
    assert schemas["facts"].names[-2:] == ["per", "province"]


# ------------------------------------------------------------------ the bench slice


def test_bench_slice_parquet_counts_equal_jsonl(bench_slice_200: Path, tmp_path: Path) -> None:
    duckdb = need_module("duckdb", "test")
    pd = need_module("pandas", "test")
    out, jl = tmp_path / "pq", tmp_path / "out.jsonl"
    code = main(["run", str(bench_slice_200), "-o", str(jl), "--parquet", str(out), "-q", "--workers", "2"])
    assert code == 0
    recs = [json.loads(line) for line in jl.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 200
    expected = table_counts(recs)
    assert set(expected) == {t.name for t in TABLES}
    got = {t.name: duck_count(duckdb, out, t.name) for t in TABLES}
    assert got == expected
    assert expected["amounts"] > 0 and expected["facts"] > 0
    # the values, not only the counts: every amount of the JSON lines is in the table
    want = sorted((a["id"], a["value"]) for r in recs for a in r["amounts"])
    rows = duckdb.sql(f"SELECT id, value FROM read_parquet('{out}/amounts/*.parquet')").fetchall()
    assert sorted((i.split("~")[0], None if v is None else int(v)) for i, v in rows) == want
    # the documents join to their items in DuckDB, and pandas reads a table folder as is
    joined = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{out}/facts/*.parquet') f "
        f"JOIN read_parquet('{out}/documents/*.parquet') d USING (doc_id)"
    ).fetchall()[0][0]
    assert joined == expected["facts"]
    df = pd.read_parquet(out / "dates")
    assert list(df.columns) == list(dict(TABLES[1].columns)) and len(df) == expected["dates"]
    for t in TABLES:  # every file carries the schema, even an empty table
        for f in (out / t.name).glob("*.parquet"):
            assert pq.read_schema(f).remove_metadata() == parquet.arrow_schema(t.name).remove_metadata()


def test_parquet_only_writes_no_json_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2])
    assert main(["run", str(src), "--parquet", str(tmp_path / "pq"), "-q", "-j", "1"]) == 0
    assert capsys.readouterr().out == ""
    docs = pq.read_table(tmp_path / "pq" / "documents")
    assert sorted(docs.column("doc_id").to_pylist()) == ["p1", "p2"]


def test_error_rows_and_store_text(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(ARTICLES[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "pq"
    assert main(["run", str(src), "--parquet", str(out), "--store-text", "-q", "-j", "1"]) == 1
    docs = pq.read_table(out / "documents").to_pylist()
    assert {d["doc_id"]: d["status"] for d in docs} == {"p1": "ok", "a.jsonl:2": "error"}
    assert next(d for d in docs if d["doc_id"] == "p1")["body"] == ARTICLES[0]["text"]
    assert pq.read_table(out / "errors").column("code").to_pylist() == ["bad_json"]


def test_empty_run_leaves_readable_empty_tables(tmp_path: Path) -> None:
    duckdb = need_module("duckdb", "test")
    src = tmp_path / "empty.jsonl"
    src.write_text("", encoding="utf-8")
    out = tmp_path / "pq"
    assert main(["run", str(src), "--parquet", str(out), "-q", "-j", "1"]) == EXIT_NOTHING_READ  # said, not silent
    assert all(duck_count(duckdb, out, t.name) == 0 for t in TABLES)


# ------------------------------------------------------------------ overwrite and resume


def _ids(out: Path) -> list[str]:
    return sorted(pq.read_table(out / "documents").column("doc_id").to_pylist())


def test_rerun_overwrites_and_resume_after_a_crash(tmp_path: Path) -> None:
    from vn_welfare_extract.batch import BatchOptions, run_batch

    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    out = tmp_path / "pq"
    sink = parquet.ParquetSink(out, file_docs=2)
    run_batch([str(src)], [sink], BatchOptions(workers=1, chunk_docs=1))
    assert _ids(out) == ["p1", "p2", "p3", "p4", "p5"]
    assert len(list((out / "documents").glob("part-*.parquet"))) == 3  # 2 + 2 + 1 documents
    # a second run without resume replaces the files (no duplicates)
    run_batch([str(src)], [parquet.ParquetSink(out, file_docs=2)], BatchOptions(workers=1, chunk_docs=1))
    assert _ids(out) == ["p1", "p2", "p3", "p4", "p5"]

    # a crash while writing the last file set: its documents part was never renamed into place
    last = sorted((out / "documents").glob("part-*.parquet"))[-1]
    last.unlink()
    (out / "amounts" / f".{last.stem}.parquet.tmp").write_bytes(b"torn")
    sink = parquet.ParquetSink(out, resume=True, file_docs=2)
    assert sink.done_ids() == {"p1", "p2", "p3", "p4"}
    assert not (out / "amounts" / f"{last.name}").exists()  # the orphan of the unfinished set is gone
    assert not list((out / "amounts").glob(".*.tmp"))
    summary = run_batch([str(src)], [sink], BatchOptions(workers=1, resume=True))
    assert summary.skipped == 4 and summary.documents == 1
    assert _ids(out) == ["p1", "p2", "p3", "p4", "p5"]
    amounts = pq.read_table(out / "amounts").column("id").to_pylist()
    assert len(amounts) == len(set(amounts))


def test_resume_with_the_command(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:3])
    out = tmp_path / "pq"
    assert main(["run", str(src), "--parquet", str(out), "-q", "-j", "1"]) == 0
    write_jsonl(src, ARTICLES)
    assert main(["run", str(src), "--parquet", str(out), "--resume", "-q", "-j", "1"]) == 0
    assert _ids(out) == ["p1", "p2", "p3", "p4", "p5"]


def test_parquet_path_that_is_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    f = tmp_path / "not_a_dir"
    f.write_text("x")
    assert main(["run", str(src), "--parquet", str(f), "-q"]) == 2
    assert "folder" in capsys.readouterr().err


def test_missing_pyarrow_raises_with_the_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.delitem(sys.modules, "vn_welfare_extract.io.parquet")
    with pytest.raises(ImportError, match=r"pip install 'vn_welfare_extract\[parquet\]'"):
        importlib.import_module("vn_welfare_extract.io.parquet")
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    assert main(["run", str(src), "--parquet", str(tmp_path / "pq"), "-q"]) == 2
    assert "vn_welfare_extract[parquet]" in capsys.readouterr().err
