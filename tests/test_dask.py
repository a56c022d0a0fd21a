"""The Dask integration on a distributed LocalCluster of 2 worker processes: the same records as
the single-process path on the first 200 bench articles, per-table dataframes with the
relational columns, Parquet output DuckDB reads, error records, the install hint."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import need_module, table_counts
from vn_welfare_extract.tables import TABLES

dask = need_module("dask", "dask")
dbag = need_module("dask.bag", "dask")
dd = need_module("dask.dataframe", "dask")
distributed = need_module("distributed", "dask")
pd = need_module("pandas", "dask")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(scope="module")
def articles(bench_slice_200: Path) -> list[dict[str, Any]]:
    with open(bench_slice_200, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


expected_counts = table_counts


def test_bag_records_equal_the_single_process_records(client: Any, articles: list[dict[str, Any]], bench_records_200: list[dict[str, Any]]) -> None:
    from vn_welfare_extract import dask as vwe_dask

    bag = dbag.from_sequence(articles, npartitions=8)
    recs = vwe_dask.extract_records(bag).compute()
    assert len(recs) == 200
    assert [r["doc_id"] for r in recs] == [r["doc_id"] for r in bench_records_200]
    # item ids and values, type by type, then the whole records
    for t in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts"):
        assert [[(x["id"], json.dumps(x, sort_keys=True)) for x in r[t]] for r in recs] == [
            [(x["id"], json.dumps(x, sort_keys=True)) for x in r[t]] for r in bench_records_200
        ], t
    assert recs == bench_records_200
    assert sum(len(r["amounts"]) for r in recs) > 0
    workers = client.run(lambda: sys.modules["vn_welfare_extract.engines"]._EXTRACTORS.__len__())
    assert len(workers) == 2 and all(n == 1 for n in workers.values())  # one Extractor per worker process


def test_dataframe_tables_have_the_relational_columns(client: Any, articles: list[dict[str, Any]], bench_records_200: list[dict[str, Any]]) -> None:
    from vn_welfare_extract import dask as vwe_dask

    ddf = dd.from_pandas(pd.DataFrame(articles), npartitions=4)
    tables = vwe_dask.extract_tables(ddf)
    assert list(tables) == [t.name for t in TABLES]
    frames = dict(zip(tables, dask.compute(*tables.values()), strict=True))  # one extraction pass for all
    for t in TABLES:
        assert tuple(frames[t.name].columns) == t.column_names
        assert list(frames[t.name].dtypes) == list(vwe_dask.table_meta(t.name).dtypes)
    assert {k: len(v) for k, v in frames.items()} == expected_counts(bench_records_200)
    want = sorted((a["id"], a["value"]) for r in bench_records_200 for a in r["amounts"])
    got = sorted((i.split("~")[0], None if pd.isna(v) else int(v)) for i, v in zip(frames["amounts"]["id"], frames["amounts"]["value"], strict=True))
    assert got == want
    # the records from a dataframe are the same too
    assert vwe_dask.extract_records(ddf).compute() == bench_records_200


def test_write_parquet_reads_back_in_duckdb(client: Any, articles: list[dict[str, Any]], bench_records_200: list[dict[str, Any]], tmp_path: Path) -> None:
    from vn_welfare_extract import dask as vwe_dask

    duckdb = need_module("duckdb", "test")
    out = tmp_path / "pq"
    totals = vwe_dask.write_parquet(dbag.from_sequence(articles[:60], npartitions=3), out)
    want = expected_counts(bench_records_200[:60])
    assert totals == want
    for name, n in want.items():
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out / name}/*.parquet')").fetchall()[0][0] == n


def test_bad_articles_become_error_records(client: Any) -> None:
    from vn_welfare_extract import dask as vwe_dask

    items = [
        {"id": "ok", "published": "2022-03-14", "text": "Ngày 12-3, tỉnh trao 300 suất quà trị giá 90 triệu đồng."},
        {"id": "no-text", "title": "Không có nội dung"},
        "Năm 2022, huyện xây 45 căn nhà đại đoàn kết.",
        42,
    ]
    recs = vwe_dask.extract_records(dbag.from_sequence(items, npartitions=2)).compute()
    assert [r.get("error", {}).get("code") for r in recs] == [None, "no_text", None, "bad_record"]
    assert recs[0]["amounts"][0]["value"] == 90_000_000
    assert recs[2]["doc_id"].startswith("doc:")  # no id: a hash of the text, the same on every engine
    frame = pd.DataFrame([{"id": "a", "text": "Hỗ trợ 2 triệu đồng.", "published": pd.Timestamp("2021-05-01")},
                          {"id": "b", "text": None, "published": pd.NaT}])
    recs = vwe_dask.extract_records(dd.from_pandas(frame, npartitions=1)).compute()
    assert recs[0]["published"] == "2021-05-01" and recs[1]["error"]["code"] == "no_text"


def test_not_a_collection_is_a_type_error() -> None:
    from vn_welfare_extract import dask as vwe_dask

    with pytest.raises(TypeError, match="dask Bag or DataFrame"):
        vwe_dask.extract_records([{"text": "x"}])


def test_missing_dask_raises_with_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    monkeypatch.delitem(sys.modules, "vn_welfare_extract.engines.dask")
    monkeypatch.delitem(sys.modules, "vn_welfare_extract.dask", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'vn_welfare_extract\[dask\]'"):
        importlib.import_module("vn_welfare_extract.dask")


def test_warc_files_on_the_workers(client: Any, tmp_path: Path) -> None:
    from test_warc import make_warc
    from vn_welfare_extract import dask as vwe_dask
    from vn_welfare_extract.batch import extract_warc

    need_module("warcio", "warc")
    files = [str(make_warc(tmp_path / "a.warc.gz")), str(make_warc(tmp_path / "b.warc", gzip=False))]
    arts = vwe_dask.read_warc(files)
    recs = vwe_dask.extract_records(arts).compute()
    assert len(recs) == 6 and sum(1 for r in recs if "error" in r) == 2  # 2 files x (2 pages + 1 without text)
    local = [{**rec.to_dict(), "crawled": page.crawled} for page, rec in extract_warc(files[0])]  # + the crawl date
    assert [r for r in recs[:3] if "error" not in r] == local


def test_a_lexicon_file_reaches_the_dask_workers(client: Any, tmp_path: Path) -> None:
    from lexicon_case import ARTICLE, normalised_everywhere, write_lexicon
    from vn_welfare_extract import dask as vwe_dask

    bag = dbag.from_sequence([dict(ARTICLE, id=f"lex-{i}") for i in range(4)], npartitions=2)
    assert not any(normalised_everywhere(r) for r in vwe_dask.extract_records(bag).compute())
    recs = vwe_dask.extract_records(bag, lexicon=str(write_lexicon(tmp_path, "tsv"))).compute()
    assert [normalised_everywhere(r) for r in recs] == [True] * 4
    tables = vwe_dask.extract_tables(bag, lexicon=str(write_lexicon(tmp_path, "json")))
    issuers = tables["policies"]["issuer"].compute().tolist()
    assert issuers == ["Ban Đảm bảo xã hội huyện Hòa Vang"] * 4
