"""The coverage audit (``audit.py``): each family lists a planted miss and not a covered item,
the aggregation and the JSON shape, the HTML page, the resolver's drop hook and the CLI.

Family tests build the record by hand (which spans are "covered"), so they test the audit, not
what today's extractor happens to find; archive tests run the real extractor and only rely on
candidates no fact type covers (a phone number, a length in km)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import write_jsonl
from vn_welfare_extract.api import Extractor
from vn_welfare_extract.audit import (
    FAMILIES,
    Audit,
    Findings,
    audit_archive,
    find_candidates,
    main,
    render_html,
    render_markdown,
)
from vn_welfare_extract.model import (
    AmountItem,
    CountItem,
    DateItem,
    Mention,
    Official,
    Organization,
    Policy,
    Record,
    Title,
)
from vn_welfare_extract.resolve import Dropped, resolve


def rec(**lists: Any) -> Record:
    return Record(doc_id="t", published="2024-05-10", library_version="test", **lists)


def span(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def cands(text: str, r: Record, family: str, dropped: list[Dropped] | None = None) -> list[tuple[str, str]]:
    """(group, text) of one family's candidates."""
    f = find_candidates(text, r, dropped or [])
    for c in f.candidates:
        assert text[c[2] : c[3]] == c[4]  # offsets are into the original text
        assert c[4].replace("\n", " ") in c[5]  # the context holds the candidate
    return [(c[1], c[4]) for c in f.candidates if c[0] == family]


def date(text: str, part: str) -> DateItem:
    s, e = span(text, part)
    return DateItem(part, s, e, None, "day")


def mention(text: str, part: str) -> list[Mention]:
    s, e = span(text, part)
    return [Mention(part, s, e)]


# ---------------------------------------------------------------- families


def test_numbers_are_grouped_by_the_next_words_or_the_previous_word() -> None:
    text = "Khoa có 42 giảng viên, 17 phòng học và 35 hộ nghèo được giúp. Số thí sinh dự thi: 1.245."
    s, e = span(text, "35 hộ nghèo")
    got = cands(text, rec(counts=[CountItem("35 hộ nghèo", s, e, 35, "hộ")]), "numbers")
    assert ("N giảng viên", "42") in got and ("N phòng học", "17") in got
    assert ("thi: N", "1.245") in got
    assert all(t != "35" for _, t in got)  # inside a count: covered


def test_numbers_skip_codes_glued_digits_and_list_phones_once() -> None:
    text = "Biến thể COVID-19 và đội U23 tới; gọi 0912 345 678 hoặc 1900 54 54 26 ngay."
    got = cands(text, rec(), "numbers")
    assert got == [("phone number", "0912 345 678"), ("phone number", "1900 54 54 26")]


def test_date_like_tokens_outside_dates() -> None:
    text = "Lễ mở lúc 14h30 thứ Hai, kéo dài 24-7, bế mạc hôm nay; đội về thứ ba. Hội thảo ngày 3/5 đã xong."
    got = cands(text, rec(dates=[date(text, "ngày 3/5")]), "dates")
    assert ("NhN", "14h30") in got and ("thứ Day", "thứ Hai") in got and ("N-N", "24-7") in got
    assert ("hôm nay", "hôm nay") in got
    assert all("3/5" not in t for _, t in got)  # covered by the date item
    assert all(t != "thứ ba" for _, t in got)  # lowercase: "third", not Tuesday


def test_ordinal_thu_n_is_not_a_weekday_but_before_a_date_it_is() -> None:
    text = "Đây là lần thứ 2 đoàn về xã. Họ trở lại thứ 6, 17/5."
    got = cands(text, rec(), "dates")
    assert ("thứ N", "thứ 6") in got and all(t != "thứ 2" for _, t in got)


def test_money_words_near_a_number_outside_amounts() -> None:
    text = "Hợp tác xã bán 3 triệu hộp sữa, thu 40 USD mỗi thùng và 2 tỷ đồng; 4 triệu người xem; áp dụng 5K."
    amount = AmountItem("2 tỷ đồng", *span(text, "2 tỷ đồng"), value=2_000_000_000)
    count = CountItem("4 triệu người", *span(text, "4 triệu người"), value=4_000_000, unit="người")
    got = cands(text, rec(amounts=[amount], counts=[count]), "money")
    assert ("N triệu hộp sữa", "3 triệu") in got and ("N USD", "40 USD") in got
    assert all(t not in ("2 tỷ đồng", "4 triệu") for _, t in got)  # an amount; a count claims a bare triệu
    assert all("5K" not in t for _, t in got)


def test_document_kinds_with_a_number_or_a_title_outside_policies() -> None:
    text = "Ủy ban gửi văn bản số 4417 và Đề án Phát triển nghề gốm; Nghị định 15/2024/NĐ-CP vẫn giữ, luật sư nói."
    s, e = span(text, "Nghị định 15/2024/NĐ-CP")
    policy = Policy("Nghị định", "15/2024/NĐ-CP", [Mention(text[s:e], s, e)])
    got = cands(text, rec(policies=[policy]), "policies")
    assert ("Công văn + số N", "văn bản số 4417") in got and ("Đề án + Title", "Đề án Phát") in got
    assert all("Nghị định" not in t for _, t in got)
    assert all("luật" not in t.lower() for _, t in got)


def test_names_next_to_a_post_outside_officials() -> None:
    text = (
        "Ban kiểm soát có thành viên mới là bà Hà Thị Lựu. Ông Đinh Văn Khoa, Giám đốc hợp tác xã, phát biểu. "
        "Chủ tịch xã Lò Văn Pằng dự lễ tại Trường THCS Lê Quý Đôn cùng Hiệu trưởng."
    )
    official = Official("Lò Văn Pằng", mention(text, "Lò Văn Pằng"), [Title("Chủ tịch", "Ủy ban nhân dân xã")])
    school = Organization("Trường THCS Lê Quý Đôn", mention(text, "Trường THCS Lê Quý Đôn"))
    got = cands(text, rec(officials=[official], organizations=[school]), "officials")
    assert ("Thành viên … Name", "Hà Thị Lựu") in got and ("Name, Giám đốc", "Đinh Văn Khoa") in got
    assert all(t not in ("Lò Văn Pằng", "Lê Quý Đôn") for _, t in got)


def test_posts_with_an_empty_organisation() -> None:
    text = "Tổng thống Marco Vell tiếp Chủ tịch UBND tỉnh Trần Quốc Nam."
    a = Official("Marco Vell", mention(text, "Marco Vell"), [Title("Tổng thống", None)])
    b = Official("Trần Quốc Nam", mention(text, "Trần Quốc Nam"), [Title("Chủ tịch", "Ủy ban nhân dân tỉnh")])
    assert cands(text, rec(officials=[a, b]), "posts_no_org") == [("Tổng thống", "Marco Vell")]


def test_the_resolver_reports_what_it_drops_by_rule_and_only_when_asked() -> None:
    text = "Theo Luật Đất đai năm 2024, ngày 3/5 xã trả 2 tỷ đồng cho 2 tỷ đồng."
    def build() -> Record:
        return rec(
            policies=[Policy("Luật", None, mention(text, "Luật Đất đai năm 2024"), title="Đất đai")],
            dates=[date(text, "năm 2024"), date(text, "ngày 3/5"), date(text, "3/5")],
            amounts=[AmountItem("2 tỷ đồng", *span(text, "2 tỷ đồng"), value=2_000_000_000, rule="amount")],
            counts=[CountItem("2 tỷ", *span(text, "2 tỷ"), value=2, unit="tỷ", rule="bare")],
        )
    plain, hooked = build(), build()
    resolve(plain, text)
    dropped: list[Dropped] = []
    resolve(hooked, text, dropped)
    assert plain.to_dict() == hooked.to_dict()  # the hook never changes the record
    assert sorted((d.rule, d.kind, d.item.text) for d in dropped) == [
        ("amount_over_count", "counts", "2 tỷ"),
        ("inside_policy", "dates", "năm 2024"),
        ("overlap_longer", "dates", "3/5"),
    ]
    got = cands(text, hooked, "dropped", dropped)
    assert ("counts:bare (amount_over_count)", "2 tỷ") in got and ("dates:? (inside_policy)", "năm 2024") in got


def test_extractor_passes_the_drop_list_through_and_keeps_the_record() -> None:
    text = "Theo Luật Đất đai năm 2024, người dân được cấp sổ."
    ex = Extractor()
    dropped: list[Dropped] = []
    assert ex.extract(text, doc_id="d", dropped=dropped).to_dict() == ex.extract(text, doc_id="d").to_dict()
    assert all(isinstance(d, Dropped) and text[d.item.start : d.item.end] == d.item.text for d in dropped)


# ---------------------------------------------------------------- aggregation and reports


def test_aggregation_counts_documents_share_and_examples() -> None:
    a = Audit(examples=2, outliers=5)
    c = ("numbers", "N km", 3, 5, "37", "dài 37 km")
    a.add("d1", Findings(200, (1, 0, 0, 0, 0, 0, 0, 0), [c, c]))
    a.add("d2", Findings(200, (2, 0, 0, 0, 0, 0, 0, 0), [c]))
    a.add("d3", Findings(200, (0, 0, 0, 0, 0, 0, 0, 0), []))
    r = a.report(10)
    g = r["families"]["numbers"]["groups"][0]
    assert (g["group"], g["count"], g["documents"], g["share"]) == ("N km", 3, 2, round(2 / 3, 4))
    assert [x["doc_id"] for x in g["examples"]] == ["d1", "d2"]  # one example per document
    assert r["density"]["median_per_1000_words"]["dates"] == 5.0
    assert [o["doc_id"] for o in r["density"]["outliers"]] == ["d1", "d2"]


def _check_shape(r: dict[str, Any]) -> None:
    assert r["audit_version"] == 1
    assert set(r) == {"audit_version", "archive", "top", "families", "density"}
    assert set(r["archive"]) == {"inputs", "documents", "ok", "errors", "words", "seconds", "workers", "peak_worker_rss_mb"}
    assert list(r["families"]) == list(FAMILIES)
    for f in r["families"].values():
        assert set(f) == {"description", "candidates", "documents", "share", "groups_total", "groups"}
        for g in f["groups"]:
            assert set(g) == {"family", "group", "count", "documents", "share", "examples"}
            for x in g["examples"]:
                assert set(x) == {"doc_id", "start", "end", "text", "context"}
    for t in r["top"]:
        assert set(t) == {"family", "group", "count", "documents", "share"}
    assert set(r["density"]) == {"items", "per_1000_words", "median_per_1000_words", "documents_with_none", "outliers"}
    for o in r["density"]["outliers"]:
        assert set(o) == {"doc_id", "words", "uncovered_per_1000_words", "uncovered", "per_1000_words", "low", "missing"}


DOCS = [
    {"id": "k1", "published": "2024-05-10", "text": "Cây cầu mới dài 37 km. Gọi 0912 345 678 để hỏi."},
    {"id": "k2", "published": "2024-05-11", "text": "Tuyến đường dài 12 km, rộng 9 m, nối hai xã."},
    {"id": "k3", "published": "2024-05-12", "text": "Ngày 3-5, xã trao quà cho 120 hộ nghèo, mỗi hộ 500.000 đồng."},
]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_archive_audit_with_the_batch_runner(tmp_path: Path, workers: int) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", DOCS)
    r = audit_archive([str(src)], workers=workers, top=50)
    _check_shape(r)
    assert (r["archive"]["documents"], r["archive"]["ok"], r["archive"]["errors"]) == (3, 3, 0)
    groups = {g["group"]: g for g in r["families"]["numbers"]["groups"]}
    km = groups["N km"]
    assert (km["count"], km["documents"]) == (2, 2)
    ex = km["examples"][0]
    assert ex["doc_id"] == "k1" and DOCS[0]["text"][ex["start"] : ex["end"]] == "37"
    assert groups["phone number"]["examples"][0]["text"] == "0912 345 678"
    listed = {(x["doc_id"], x["start"]) for f in r["families"].values() for g in f["groups"] for x in g["examples"]}
    assert not any(d == "k3" for d, _ in listed)  # every number there is inside an item


def test_a_failed_document_is_an_error_not_a_crash(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(DOCS[0], ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    r = audit_archive([str(src)], workers=1)
    assert (r["archive"]["documents"], r["archive"]["ok"], r["archive"]["errors"]) == (2, 1, 1)


def test_html_is_self_contained_and_has_a_table_per_family(tmp_path: Path) -> None:
    r = audit_archive([str(write_jsonl(tmp_path / "a.jsonl", DOCS))], workers=1)
    page = render_html(r)
    assert "<script" not in page and "http" not in page and "@import" not in page
    for fam in FAMILIES:
        assert f"<h2>{fam}:" in page
    assert page.count('data-family="') == sum(1 for f in r["families"].values() if f["groups"])
    assert 'class="bar"' in page and "<mark>37</mark>" in page
    assert "| numbers | `N km` | 2 | 2 |" in render_markdown(r)


def test_cli_writes_json_html_and_the_top_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vn_welfare_extract.cli import main as cli_main

    src = write_jsonl(tmp_path / "a.jsonl", DOCS)
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    args = ["audit", str(src), "--top", "5", "--json", str(out_json), "--html", str(out_html), "--workers", "2", "--progress-interval", "0"]
    assert cli_main(args) == 0
    out, err = capsys.readouterr()
    assert "| # | family | group |" in out and "docs/s" in err  # the table on stdout, progress on stderr
    r = json.loads(out_json.read_text(encoding="utf-8"))
    _check_shape(r)
    assert len(r["top"]) <= 5
    assert out_html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main([str(tmp_path / "missing.jsonl"), "-q"]) == 2
    assert main([str(src), "--workers", "0"]) == 2


def test_a_bench_slice_audits_with_two_workers(bench_slice_200: Path, tmp_path: Path) -> None:
    """Real articles through the 2-worker path; the whole archive's time is measured by
    ``benchmarks/audit_time.py``, not here."""
    assert main([str(bench_slice_200), "--workers", "2", "--json", str(tmp_path / "r.json"), "-q"]) == 0
    r = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    _check_shape(r)
    assert r["archive"]["ok"] == 200 and r["archive"]["errors"] == 0
    assert r["top"], "real news always leaves some candidates uncovered"


@pytest.mark.parametrize("text", ["", "   \n", "İİİ lúc 14h30 dài 37 km", "\u0000\ufffd 12", "Nguyễn Văn"])
def test_odd_texts_keep_offsets_and_never_raise(text: str) -> None:
    f = find_candidates(text, rec())
    for c in f.candidates:
        assert text[c[2] : c[3]] == c[4]
    if "14h30" in text:  # İ lower-cases to two characters: the scan still maps onto the original
        assert ("dates", "NhN", "14h30") in [(c[0], c[1], c[4]) for c in f.candidates]
