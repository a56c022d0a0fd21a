"""WARC input: a crawl written here with warcio's writer, from Vietnamese HTML pages written for
the test, yields the articles' facts with offsets into the extracted main text; the page URL,
crawl date and the page's own date are kept; non-article records are skipped."""

from __future__ import annotations

import importlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import need_module
from vn_welfare_extract.batch import extract_warc
from vn_welfare_extract.cli import main

need_module("warcio", "warc")
need_module("trafilatura", "warc")
warc = importlib.import_module("vn_welfare_extract.io.warc")

CRAWLED = "2024-05-06T07:08:09Z"

PAGE_DATED = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Nghệ An trao quà cho hộ nghèo - Báo Miền Trung</title>
<meta property="article:published_time" content="2023-02-14T08:30:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a> | <a href="/xa-hoi">Xã hội</a> | <a href="/kinh-te">Kinh tế</a></nav>
<div class="sidebar"><h3>Tin đọc nhiều</h3><ul><li><a href="/a">Giá xăng giảm 500 đồng</a></li></ul></div>
<article>
<h1>Nghệ An trao quà cho hộ nghèo</h1>
<p>Sáng 12-2, Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An đã trao 1.200 suất quà, trị giá 600 triệu đồng, cho các hộ nghèo trên địa bàn huyện Quỳ Hợp.</p>
<p>Ông Nguyễn Văn Bình, Giám đốc Sở cho biết, năm 2022 tỉnh đã hỗ trợ hơn 2.000 hộ thoát nghèo với tổng kinh phí 45 tỉ đồng từ ngân sách địa phương.</p>
<p>Dự kiến đến cuối năm 2023, toàn tỉnh sẽ xây mới 500 căn nhà đại đoàn kết cho hộ nghèo, hộ cận nghèo có hoàn cảnh khó khăn.</p>
</article>
<footer>Bản quyền thuộc về Báo Miền Trung. Điện thoại: 0238 000 000</footer>
</body></html>"""

PAGE_UNDATED = """<!DOCTYPE html>
<html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Quảng Trị hỗ trợ người dân vùng lũ</title></head><body>
<main><div class="content">
<h1>Quảng Trị hỗ trợ người dân vùng lũ</h1>
<p>Ủy ban nhân dân tỉnh Quảng Trị vừa quyết định hỗ trợ 3 tỉ đồng cho 1.500 hộ dân bị ảnh hưởng bởi mưa lũ trong năm 2022.</p>
<p>Mỗi hộ có nhà bị sập đổ hoàn toàn được hỗ trợ 40 triệu đồng để sớm ổn định cuộc sống, theo đề xuất của Sở Tài chính tỉnh.</p>
</div></main>
</body></html>"""

PAGE_EMPTY = "<html><head><title>Trống</title></head><body><script>var x = 1;</script><img src='/a.png'></body></html>"


def _http(status: str, content_type: str, body: bytes) -> Any:
    from warcio.statusandheaders import StatusAndHeaders

    return StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")


def make_warc(path: Path, gzip: bool = True) -> Path:
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8") -> None:
            rec = w.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=_http(status, ctype, body),
                warc_headers_dict={"WARC-Date": CRAWLED},
            )
            w.write_record(rec)

        req = w.create_warc_record("https://baomientrung.example/xa-hoi/trao-qua.html", "request",
                                   payload=io.BytesIO(b"GET /xa-hoi/trao-qua.html HTTP/1.1\r\n\r\n"))
        w.write_record(req)
        response("https://baomientrung.example/xa-hoi/trao-qua.html", PAGE_DATED.encode("utf-8"))
        response("https://baomientrung.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), ctype="image/png")
        response("https://baomientrung.example/cu.html", b"", status="301 Moved Permanently")
        response("https://baomientrung.example/mat.html", b"<html><body>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y</body></html>", status="404 Not Found")
        # no charset in the HTTP header: the page's own <meta> (or detection) decides
        response("https://quangtri.example/tin/ho-tro-vung-lu", PAGE_UNDATED.encode("utf-8"), ctype="text/html")
        response("https://quangtri.example/tin/trong", PAGE_EMPTY.encode("utf-8"))
    return path


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    return make_warc(tmp_path / "crawl.warc.gz")


def test_pages_main_text_and_metadata(crawl: Path) -> None:
    pages = list(warc.iter_pages(crawl))
    assert [p.url for p in pages] == [
        "https://baomientrung.example/xa-hoi/trao-qua.html",
        "https://quangtri.example/tin/ho-tro-vung-lu",
        "https://quangtri.example/tin/trong",
    ]  # request, warcinfo, image, redirect and 404 records are not documents
    dated, undated, empty = pages
    assert dated.doc_id == dated.url and dated.crawled == CRAWLED
    assert dated.published == "2023-02-14"  # the page's own date, not the crawl date
    assert dated.title is not None and dated.title.startswith("Nghệ An trao quà")
    assert dated.text is not None
    assert "600 triệu đồng" in dated.text and "Trang chủ" not in dated.text and "Bản quyền" not in dated.text
    # no date markup: published stays None (the "năm 2022" of the text is not the page's date)
    assert undated.published is None and undated.crawled == CRAWLED
    assert undated.text is not None and "40 triệu đồng" in undated.text
    assert empty.text is None and empty.error is not None and empty.error[0] == "no_text"


def test_facts_have_offsets_into_the_extracted_text(crawl: Path) -> None:
    got = {p.url: (p, rec) for p, rec in extract_warc(crawl)}
    assert len(got) == 2
    for page, rec in got.values():
        text = page.text
        assert text is not None and rec.doc_id == page.url and rec.url == page.url
        for it in [*rec.dates, *rec.amounts, *rec.counts]:
            assert text[it.start : it.end] == it.text
        for ent in [*rec.officials, *rec.policies, *rec.locations, *rec.organizations]:
            for m in ent.mentions:
                assert text[m.start : m.end] == m.text
        for f in rec.facts:
            assert text[f.start : f.end] == f.text
    page, rec = got["https://baomientrung.example/xa-hoi/trao-qua.html"]
    assert rec.published == "2023-02-14"
    assert 600_000_000 in [a.value for a in rec.amounts]
    assert 45_000_000_000 in [a.value for a in rec.amounts]
    assert "2023-02-12" in [d.value for d in rec.dates]  # "Sáng 12-2" resolved with the page's date
    assert (2000, "hộ") in [(c.value, c.unit) for c in rec.counts]
    assert "Nghệ An" in [loc.name for loc in rec.locations]
    assert rec.facts
    page, rec = got["https://quangtri.example/tin/ho-tro-vung-lu"]
    assert rec.published is None
    assert sorted(a.value for a in rec.amounts if a.value) == [40_000_000, 3_000_000_000]


def test_command_reads_warc_by_name(crawl: Path, tmp_path: Path) -> None:
    need_module("pyarrow", "parquet")
    import pyarrow.parquet as pq

    out, pqdir = tmp_path / "out.jsonl", tmp_path / "pq"
    code = main(["run", str(crawl), "-o", str(out), "--parquet", str(pqdir), "--store-text", "-q", "-j", "1"])
    assert code == 1  # the page without main text is an error row
    recs = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(recs) == {
        "https://baomientrung.example/xa-hoi/trao-qua.html",
        "https://quangtri.example/tin/ho-tro-vung-lu",
        "https://quangtri.example/tin/trong",
    }
    assert recs["https://quangtri.example/tin/trong"]["error"]["code"] == "no_text"
    dated = recs["https://baomientrung.example/xa-hoi/trao-qua.html"]
    assert dated["published"] == "2023-02-14" and dated["url"] == dated["doc_id"]
    assert dated["amounts"] and dated["facts"]
    # the stored body is the extracted text the offsets index
    bodies = {d["doc_id"]: d for d in pq.read_table(pqdir / "documents").to_pylist()}
    body = bodies[dated["doc_id"]]["body"]
    assert bodies[dated["doc_id"]]["source"].startswith(str(crawl) + "@")
    for a in dated["amounts"]:
        assert body[a["start"] : a["end"]] == a["text"]


def test_plain_warc_and_format_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = make_warc(tmp_path / "crawl.warc", gzip=False)
    renamed = tmp_path / "crawl.dat"
    renamed.write_bytes(plain.read_bytes())
    assert main(["run", str(plain), "-q", "-j", "1", "--types", "amounts"]) == 1
    first = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["run", str(renamed), "--format", "warc", "-q", "-j", "1", "--types", "amounts"]) == 1
    second = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(first) == 3 and [(r["doc_id"], r["amounts"]) for r in second] == [(r["doc_id"], r["amounts"]) for r in first]
    assert first[0]["amounts"]


def test_damaged_warc_is_an_error_row_not_a_crash(crawl: Path, tmp_path: Path) -> None:
    data = crawl.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    pages = list(warc.iter_pages(cut))
    assert pages and pages[0].text is not None
    assert pages[-1].error is None or pages[-1].error[0] == "bad_archive"
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"\x00\x01not-a-WARC-file" * 10)
    pages = list(warc.iter_pages(garbage))
    assert len(pages) == 1 and pages[0].error is not None and pages[0].error[0] == "bad_archive"


def test_missing_extra_raises_with_the_install_hint(monkeypatch: pytest.MonkeyPatch, crawl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "warcio", None)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    monkeypatch.delitem(sys.modules, "vn_welfare_extract.io.warc")
    with pytest.raises(ImportError, match=r"pip install 'vn_welfare_extract\[warc\]'"):
        importlib.import_module("vn_welfare_extract.io.warc")
    assert main(["run", str(crawl), "-q"]) == 2  # a usage error before any work
    assert "vn_welfare_extract[warc]" in capsys.readouterr().err


def test_crawl_date_reaches_json_lines_sqlite_and_parquet(crawl: Path, tmp_path: Path) -> None:
    need_module("pyarrow", "parquet")
    import sqlite3

    import jsonschema
    import pyarrow.parquet as pq

    from vn_welfare_extract.schema import record_schema

    out, pqdir, db = tmp_path / "out.jsonl", tmp_path / "pq", tmp_path / "out.sqlite"
    assert main(["run", str(crawl), "-o", str(out), "--parquet", str(pqdir), "--db", str(db), "-q", "-j", "1"]) == 1
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 3 and all(r["crawled"] == CRAWLED for r in recs)  # the error record too
    validator = jsonschema.Draft202012Validator(record_schema())
    for r in recs:
        if "error" not in r:
            assert not list(validator.iter_errors(r))
            assert list(r)[list(r).index("crawled") + 1] == "dates"  # after url/title, before the items
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT crawled FROM documents").fetchall() == [(CRAWLED,)]
    assert set(pq.read_table(pqdir / "documents").column("crawled").to_pylist()) == {CRAWLED}


def test_crawl_date_in_the_engine_records(crawl: Path) -> None:
    need_module("pyarrow", "parquet")
    import pyarrow as pa

    from vn_welfare_extract.engines import (
        extract_docs,
        record_arrow_schema,
        record_from_row,
        record_to_row,
        warc_file_articles,
    )

    got = extract_docs(warc_file_articles(str(crawl)))
    assert len(got) == 3
    for rec, rows in got:
        assert rec["crawled"] == CRAWLED
        assert rows is not None and rows["documents"][0][-1] == CRAWLED
    recs = [rec for rec, _ in got]
    back = pa.RecordBatch.from_pylist([record_to_row(r) for r in recs], schema=record_arrow_schema()).to_pylist()
    assert [record_from_row(r)["crawled"] for r in back] == [CRAWLED] * 3
    assert [record_from_row(r) for r in back if r["error"] is None] == [r for r in recs if "error" not in r]


def test_no_crawled_key_without_a_crawl_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.jsonl"
    rows = [{"id": "plain", "text": "Năm 2022, xã trao 40 suất quà."},
            {"id": "given", "crawled": CRAWLED, "text": "Năm 2022, xã trao 40 suất quà."}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["run", str(src), "-q", "-j", "1"]) == 0
    plain, given = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert "crawled" not in plain and given["crawled"] == CRAWLED
