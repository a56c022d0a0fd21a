"""The batch runner and its readers: every input format, error rows, order, workers, crashes."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import write_jsonl
from vn_welfare_extract import api
from vn_welfare_extract.batch import BatchOptions, Progress, Summary, run_batch
from vn_welfare_extract.io import DocResult, FieldMap, InputError, JsonlSink, expand_inputs, iter_documents

ARTICLES = [
    {"id": "a1", "published": "2022-03-14", "title": "Trao quà", "text": "Sáng 12-3, Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An trao 1.200 suất quà, trị giá 600 triệu đồng, cho hộ nghèo."},
    {"id": "a2", "published": "2021-09", "text": "Tính đến ngày 20-9, thành phố đã chi hơn 2.000 tỉ đồng hỗ trợ cho 1,5 triệu lao động tự do."},
    {"id": "a3", "published": "2023-01-05", "text": "Năm 2022, huyện đã xây dựng 45 căn nhà đại đoàn kết cho hộ nghèo."},
]


class Collect:
    """A sink that keeps results in memory."""

    wants_json = True
    wants_rows = False
    name = "memory"

    def __init__(self, rows: bool = False) -> None:
        self.results: list[DocResult] = []
        self.wants_rows = rows
        self.closed = False

    def done_ids(self) -> set[str]:
        return set()

    def write(self, results: list[DocResult]) -> None:
        self.results.extend(results)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def run(inputs: list[str], **kw: Any) -> tuple[list[DocResult], Summary]:
    sink = Collect()
    fmt = kw.pop("fmt", None)
    fields = kw.pop("fields", None)
    kw.setdefault("workers", 1)
    s = run_batch(inputs, [sink], BatchOptions(**kw), fmt=fmt, fields=fields)
    assert sink.closed
    return sink.results, s


# ------------------------------------------------------------------ readers


def test_txt_keeps_the_date_header_for_the_library(tmp_path: Path) -> None:
    p = tmp_path / "000_abc.txt"
    p.write_text(" date 2021-10 Ngày 8-10, tỉnh trao 300 suất quà cho hộ nghèo.", encoding="utf-8")
    res, s = run([str(p)])
    assert s.ok == 1 and res[0].doc_id == "000_abc"
    rec = json.loads(res[0].line or "")
    assert rec["doc_id"] == "000_abc" and rec["published"] == "2021-10"
    text = p.read_text(encoding="utf-8")
    for d in rec["dates"]:
        assert text[d["start"] : d["end"]] == d["text"]


@pytest.mark.parametrize("kind", ["jsonl", "jsonl.gz", "json", "json-dict", "csv", "tar.gz", "folder", "glob"])
def test_every_format_gives_the_same_documents(tmp_path: Path, kind: str) -> None:
    if kind == "jsonl":
        inputs = [str(write_jsonl(tmp_path / "a.jsonl", ARTICLES))]
    elif kind == "jsonl.gz":
        p = tmp_path / "a.jsonl.gz"
        with gzip.open(p, "wt", encoding="utf-8") as f:
            for r in ARTICLES:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        inputs = [str(p)]
    elif kind == "json":
        p = tmp_path / "a.json"
        p.write_text(json.dumps(ARTICLES, ensure_ascii=False), encoding="utf-8")
        inputs = [str(p)]
    elif kind == "json-dict":
        p = tmp_path / "a.json"
        p.write_text(json.dumps({"articles": ARTICLES}, ensure_ascii=False), encoding="utf-8")
        inputs = [str(p)]
    elif kind == "csv":
        p = tmp_path / "a.csv"
        with open(p, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["id", "published", "title", "text"])
            w.writeheader()
            for r in ARTICLES:
                w.writerow({k: r.get(k, "") for k in ("id", "published", "title", "text")})
        inputs = [str(p)]
    elif kind == "tar.gz":
        p = tmp_path / "a.tar.gz"
        with tarfile.open(p, "w:gz") as tf:
            for r in ARTICLES:
                data = str(r["text"]).encode()
                ti = tarfile.TarInfo(f"news/{r['id']}.txt")
                ti.size = len(data)
                tf.addfile(ti, io.BytesIO(data))
        inputs = [str(p)]
    else:
        d = tmp_path / "in" / "sub"
        d.mkdir(parents=True)
        for r in ARTICLES:
            (d / f"{r['id']}.txt").write_text(str(r["text"]), encoding="utf-8")
        (d / "notes.md").write_text("not an article", encoding="utf-8")
        (d / ".hidden.txt").write_text("skipped", encoding="utf-8")
        inputs = [str(tmp_path / "in")] if kind == "folder" else [str(tmp_path / "in" / "**" / "*.txt")]
    res, s = run(inputs)
    assert s.errors == 0 and s.ok == 3
    ids = [r.doc_id for r in res]
    if kind == "tar.gz":
        assert ids == ["news/a1", "news/a2", "news/a3"]
    elif kind == "folder":
        assert ids == ["sub/a1", "sub/a2", "sub/a3"]
    elif kind == "glob":
        assert ids == ["a1", "a2", "a3"]
    else:
        assert ids == ["a1", "a2", "a3"]
        recs = [json.loads(r.line or "") for r in res]
        assert recs[0]["title"] == "Trao quà" and recs[0]["published"] == "2022-03-14"


def test_field_names_are_configurable(tmp_path: Path) -> None:
    rows = [{"key": r["id"], "noi_dung": r["text"], "ngay": r.get("published"), "link": "https://example.invalid/" + str(r["id"])} for r in ARTICLES]
    p = write_jsonl(tmp_path / "x.jsonl", rows)
    fm = FieldMap(text=("noi_dung",), id=("key",), published=("ngay",), url=("link",))
    res, s = run([str(p)], fields=fm)
    assert s.ok == 3 and [r.doc_id for r in res] == ["a1", "a2", "a3"]
    rec = json.loads(res[0].line or "")
    assert rec["url"] == "https://example.invalid/a1" and rec["published"] == "2022-03-14"


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ARTICLES).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    res, s = run(["-"])
    assert [r.doc_id for r in res] == ["a1", "a2", "a3"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Năm 2022, xã trao 50 suất quà.".encode())))
    res, s = run(["-"])
    assert s.ok == 1 and res[0].doc_id == "stdin"


def test_missing_inputs_and_unknown_formats_are_configuration_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        expand_inputs([str(tmp_path / "nope.jsonl")])
    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.jsonl")])
    (tmp_path / "x.bin").write_bytes(b"\x00")
    with pytest.raises(InputError, match="format"):
        expand_inputs([str(tmp_path / "x.bin")])
    with pytest.raises(InputError, match="unknown format"):
        expand_inputs([str(tmp_path / "x.bin")], "xml")


# ------------------------------------------------------------------ nothing lost


def test_bad_documents_become_error_rows_and_the_run_goes_on(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    with open(p, "wb") as f:
        f.write(json.dumps(ARTICLES[0], ensure_ascii=False).encode() + b"\n")
        f.write(b'{"id": "latin1", "text": "Ng\xe0y 8-10"}\n')  # not UTF-8
        f.write(b"{not json\n")
        f.write(b'{"id": "notext", "body_missing": 1}\n')
        f.write(b"[1, 2]\n")
        f.write(json.dumps({"id": "big", "text": "Năm 2022. " * 50}, ensure_ascii=False).encode() + b"\n")
        f.write(json.dumps({"id": "lone", "text": "Năm 2022 \ud800 xã trao 5 suất quà."}).encode() + b"\n")
        f.write(json.dumps(ARTICLES[1], ensure_ascii=False).encode() + b"\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    res, s = run([str(p), str(tmp_path / "bad.txt")], max_chars=200)
    got = {r.doc_id: (r.error[0] if r.error else "ok") for r in res}
    assert got == {
        "a1": "ok",
        "latin1": "undecodable",
        "mixed.jsonl:3": "bad_json",
        "notext": "no_text",
        "mixed.jsonl:5": "bad_record",
        "big": "too_large",
        "lone": "ok",  # a lone surrogate escape becomes U+FFFD, offsets unchanged
        "a2": "ok",
        "bad": "undecodable",
    }
    assert s.errors == 6 and s.ok == 3 and s.error_codes["undecodable"] == 2
    err = json.loads(next(r.line for r in res if r.doc_id == "big") or "")
    assert err["error"]["code"] == "too_large" and err["dates"] == [] and err["warnings"][0]["code"] == "too_large"


def test_undecodable_csv_rows(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes("id,text\nok,Năm 2022 xã trao 5 suất quà.\n".encode() + b"bad,Ng\xe0y 8-10\n")
    res, s = run([str(p)])
    assert [(r.doc_id, r.ok) for r in res] == [("ok", True), ("bad", False)]
    assert res[1].error is not None and res[1].error[0] == "undecodable"


def _slow_or_failing(self: Any, text: Any, **kw: Any) -> Any:
    if kw.get("doc_id") == "a2":
        time.sleep(5)
    if kw.get("doc_id") == "a3":
        raise RuntimeError("boom")
    return _ORIG(self, text, **kw)


_ORIG = api.Extractor.extract


@pytest.mark.parametrize("workers", [1, 2])
def test_timeouts_and_exceptions_are_error_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    monkeypatch.setattr(api.Extractor, "extract", _slow_or_failing)
    p = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    t0 = time.monotonic()
    res, s = run([str(p)], workers=workers, timeout=0.5, chunk_docs=1)
    assert time.monotonic() - t0 < 4.5
    assert [(r.doc_id, r.error[0] if r.error else "ok") for r in res] == [("a1", "ok"), ("a2", "timeout"), ("a3", "exception")]
    assert res[2].error is not None and "boom" in res[2].error[1]


def _crashing(self: Any, text: Any, **kw: Any) -> Any:
    if kw.get("doc_id") == "c5":
        os._exit(7)  # a worker dying hard (segfault, OOM killer)
    return _ORIG(self, text, **kw)


def test_a_crashing_worker_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.Extractor, "extract", _crashing)
    rows = [{"id": f"c{i}", "text": f"Năm 2022, xã trao {i + 1} suất quà cho hộ nghèo."} for i in range(12)]
    p = write_jsonl(tmp_path / "c.jsonl", rows)
    res, s = run([str(p)], workers=2, chunk_docs=2)
    assert [r.doc_id for r in res] == [f"c{i}" for i in range(12)]
    assert [r.doc_id for r in res if not r.ok] == ["c5"]
    assert res[5].error is not None and res[5].error[0] == "worker_crashed"


def test_parallel_output_is_in_input_order_and_equals_serial(tmp_path: Path) -> None:
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(20) for r in ARTICLES]
    p = write_jsonl(tmp_path / "many.jsonl", rows)
    serial, s1 = run([str(p)], workers=1)
    par, s2 = run([str(p)], workers=2, chunk_docs=3, window=2)
    assert [r.doc_id for r in par] == [r["id"] for r in rows]
    assert [r.line for r in par] == [r.line for r in serial]
    assert s1.items == s2.items and s2.documents == 60


def test_reader_positions_grow_for_the_eta(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    docs = list(iter_documents([str(p)]))
    assert [d.pos for d in docs] == sorted(d.pos for d in docs)
    assert docs[-1].pos == p.stat().st_size


def test_progress_without_a_terminal_prints_lines_not_redraws(tmp_path: Path) -> None:
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(5) for r in ARTICLES]
    p = write_jsonl(tmp_path / "a.jsonl", rows)
    err = io.StringIO()
    prog = Progress(p.stat().st_size, enabled=True, interval=0.0, stream=err)
    run_batch([str(p)], [Collect()], BatchOptions(workers=1, chunk_docs=2), progress=prog)
    lines = err.getvalue().splitlines()
    assert lines and "\r" not in err.getvalue()
    assert "docs/s" in lines[-1] and "MB/s" in lines[-1] and "ETA" in lines[-1]


def test_jsonl_sink_to_file_has_one_line_per_document(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    out = tmp_path / "out.jsonl"
    s = run_batch([str(p)], [JsonlSink(str(out))], BatchOptions(workers=1))
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in recs] == ["a1", "a2", "a3"]
    assert sum(len(r[k]) for r in recs for k in s.items) == sum(s.items.values())


def test_batch_workers_receive_the_user_lexicon(tmp_path: Path) -> None:
    from lexicon_case import ARTICLE, normalised_everywhere, write_lexicon
    from vn_welfare_extract.lexicons import Lexicons

    rows = [dict(ARTICLE, id=f"lex-{i}") for i in range(6)]
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    lex = Lexicons.load(write_lexicon(tmp_path, "json"))
    for lexicon, want in ((None, False), (lex, True)):
        results, s = run([str(src)], workers=2, chunk_docs=1, lexicon=lexicon)
        assert s.ok == 6
        recs = [json.loads(r.line or "") for r in results]
        assert [normalised_everywhere(r) for r in recs] == [want] * 6
