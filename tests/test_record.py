"""The record contract: the seed article, the JSON Schema, stable ids, offsets, the public API."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any

import jsonschema
import pytest

import vn_welfare_extract
from conftest import SHARED, need_shared
from vn_welfare_extract import TYPES, Extractor, Record, extract, extract_many
from vn_welfare_extract.schema import record_schema

VALIDATOR = jsonschema.Draft202012Validator(record_schema())

SAMPLE = (
    "Sáng 8-10, Phó Chủ tịch UBND tỉnh Long An Phạm Tấn Hòa cho biết, tính đến ngày 6-10, tỉnh đã hỗ trợ "
    "cho trên 435.000 người với tổng kinh phí trên 357 tỉ đồng theo Nghị quyết 68/NQ-CP."
)


def check_offsets(text: str, d: dict[str, Any]) -> None:
    for kind in ("dates", "amounts", "counts"):
        for it in d[kind]:
            assert text[it["start"]:it["end"]] == it["text"], (kind, it)
    for kind in ("officials", "policies", "locations", "organizations"):
        for it in d[kind]:
            for m in it["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"], (kind, m)
    for f in d["facts"]:
        s = f["sentence"]
        assert text[s["start"]:s["end"]] == s["text"]


def valid(d: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(d), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _spec_view(kind: str, items: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    out = []
    for it in items:
        v = {k: it.get(k) for k in keys}
        if "mentions" in v:
            v["mentions"] = [{"text": m["text"], "start": m["start"], "end": m["end"]} for m in it["mentions"]]
        out.append(v)
    return out


@pytest.mark.parametrize(
    "kind,keys",
    [
        ("dates", ["text", "start", "end", "value", "grain", "role"]),
        ("amounts", ["text", "start", "end", "value", "currency", "approx", "per"]),
        ("counts", ["text", "start", "end", "value", "approx", "unit", "group"]),
        ("officials", ["name", "gender", "titles", "mentions"]),
        ("policies", ["kind", "number", "year", "code", "issuer", "mentions"]),
        ("locations", ["name", "level", "successor_2025", "mentions"]),
        ("organizations", ["name", "mentions"]),
    ],
)
def test_seed_matches_expected(seed: tuple[str, dict[str, Any]], kind: str, keys: list[str]) -> None:
    text, expected = seed
    got = extract(text, doc_id=expected["doc_id"]).to_dict()
    assert got["published"] == expected["published"]  # from the ` date 2021-10` header
    order = (lambda x: x["mentions"][0]["start"]) if kind in ("officials", "policies", "locations") else None
    want = _spec_view(kind, expected[kind], keys)
    have = _spec_view(kind, got[kind], keys)
    if kind == "organizations":  # the expected record lists organisations in no particular order
        want.sort(key=lambda x: x["mentions"][0]["start"])
        have.sort(key=lambda x: x["mentions"][0]["start"])
    elif order:
        have.sort(key=lambda x: x["mentions"][0]["start"])
        want.sort(key=lambda x: x["mentions"][0]["start"])
    assert have == want


def test_seed_record_is_valid_and_offsets_hold(seed: tuple[str, dict[str, Any]]) -> None:
    text, expected = seed
    d = extract(text, doc_id=expected["doc_id"]).to_dict()
    valid(d)
    check_offsets(text, d)
    assert d["schema_version"] == vn_welfare_extract.SCHEMA_VERSION
    assert d["library_version"] == vn_welfare_extract.__version__


def test_dev_records_valid_with_offsets() -> None:
    path = need_shared(SHARED / "dev" / "articles.jsonl")
    ex = Extractor()
    for line in path.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        d = ex.extract(art["text"], published=art["published"], doc_id=art["id"]).to_dict()
        valid(d)
        check_offsets(art["text"], d)


def test_ids_are_stable_and_unique() -> None:
    a = extract(SAMPLE, published="2021-10-09", doc_id="x1").to_dict()
    b = extract(SAMPLE, published="2021-10-09", doc_id="x1").to_dict()
    c = extract(SAMPLE, published="2021-10-09", doc_id="x2").to_dict()
    ids = [it["id"] for k in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts") for it in a[k]]
    assert ids, "the sample must produce items"
    assert len(ids) == len(set(ids))
    assert ids == [it["id"] for k in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts") for it in b[k]]
    assert not set(ids) & {it["id"] for it in c["dates"] + c["amounts"] + c["counts"]}
    for k in ("dates", "amounts", "counts"):
        for it in a[k]:
            assert it["rule"], f"{k} item without a rule name: {it}"


@pytest.mark.parametrize("published", ["2021-10-09", date(2021, 10, 9), datetime(2021, 10, 9, 8, 30), "2021-10-09T08:30:00+07:00"])
def test_published_forms(published: Any) -> None:
    r = extract("Ngày 8-10, tỉnh làm việc.", published=published)
    assert r.published == "2021-10-09"
    assert not [w for w in r.warnings if w.code == "bad_published"]


def test_bad_published_is_a_warning_not_a_crash() -> None:
    r = extract("Ngày 8-10, tỉnh làm việc.", published="hôm qua")
    assert r.published is None
    assert any(w.code == "bad_published" for w in r.warnings)
    assert all(d.value is None for d in r.dates)  # never a guessed year


def test_empty_and_bytes() -> None:
    assert extract("").to_dict()["warnings"][0]["code"] == "empty_text"
    assert extract("   \n ").dates == []
    r = extract(SAMPLE.encode("utf-8"), published="2021-10-09")
    assert isinstance(r, Record) and r.amounts
    bad = extract(b"\xff\xfe\x00garbage", published="2021-10-09")
    assert any(w.code == "undecodable" for w in bad.warnings)


def test_config_errors_are_loud() -> None:
    with pytest.raises(ValueError, match="valid types"):
        Extractor(types=["dates", "weather"])
    with pytest.raises(TypeError):
        extract(12345)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Extractor(titles=[""])


def test_types_select_components() -> None:
    ex = Extractor(types=["dates"])
    d = ex.extract(SAMPLE, published="2021-10-09").to_dict()
    assert d["dates"] and not d["amounts"] and not d["counts"]
    assert set(TYPES) >= {"dates", "amounts", "counts", "officials", "policies"}


def test_thread_safe_shared_extractor() -> None:
    ex = Extractor()
    texts = [SAMPLE.replace("435.000", f"{i}.000") for i in range(1, 40)]
    want = [ex.extract(t, published="2021-10-09").to_json() for t in texts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: ex.extract(t, published="2021-10-09").to_json(), texts))
    assert got == want


def test_extract_many_workers_equal() -> None:
    arts = [{"id": f"d{i}", "text": SAMPLE, "published": "2021-10-09"} for i in range(6)]
    one = [r.to_json() for r in extract_many(arts, workers=1)]
    two = [r.to_json() for r in extract_many(arts, workers=2)]
    assert one == two
    assert [json.loads(x)["doc_id"] for x in one] == [f"d{i}" for i in range(6)]


def test_logging_has_null_handler() -> None:
    lg = logging.getLogger("vn_welfare_extract")
    assert any(isinstance(h, logging.NullHandler) for h in lg.handlers)


def test_clock_time_is_in_the_record_schema_and_span_values() -> None:
    from vn_welfare_extract.model import record_spans

    d = extract("Lúc 14h30 ngày 8-10-2021, tỉnh trao 30 suất quà.").to_dict()
    valid(d)
    assert [(x["text"], x["value"], x["time"]) for x in d["dates"]] == [("Lúc 14h30 ngày 8-10-2021", "2021-10-08", "14:30")]
    assert [v for _, _, label, v in record_spans(d) if label == "DATE"] == ["2021-10-08T14:30"]
    d["dates"][0]["time"] = "24:00"
    assert list(VALIDATOR.iter_errors(d))  # not a 24-hour clock time
