"""Hostile input: ``extract`` never raises for content, offsets always hold, problems are warnings.

Every case runs through ``check_record`` (item and mention offsets against the text the offsets
refer to, warning spans in range, JSON-serialisable record). Legacy-encoded inputs are made
here with ``encodings.encode_legacy`` from sentences written for these tests.
"""

from __future__ import annotations

import json
import random
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from vn_welfare_extract import Extractor, Record
from vn_welfare_extract.api import default_extractor
from vn_welfare_extract.encodings import (
    DecodeError,
    decode_bytes,
    decode_legacy,
    detect_text,
    encode_legacy,
    repair_text,
)
from vn_welfare_extract.text import Doc

# Sentences in the style of government news, written for these tests.
ARTICLE = (
    " date 2021-10\n"
    "Sáng 12-10, Bộ Lao động - Thương binh và Xã hội tổ chức hội nghị trực tuyến về chính sách hỗ trợ "
    "người lao động gặp khó khăn do đại dịch Covid-19 theo Nghị quyết 68/NQ-CP của Chính phủ.\n"
    "Phát biểu tại hội nghị, Thứ trưởng Nguyễn Văn Hùng cho biết, tính đến ngày 10-10, cả nước đã hỗ trợ "
    "cho hơn 2,5 triệu lao động với tổng kinh phí trên 4.350 tỷ đồng.\n"
    "Tại tỉnh Bình Dương, UBND tỉnh đã chi 125 tỷ đồng hỗ trợ 1,5 triệu đồng/người cho 83.000 lao động "
    "tạm hoãn hợp đồng từ tháng 7/2021.\n"
    "Ông Trần Quốc Hoà, Phó Chủ tịch UBND thành phố Hà Nội, cho biết thành phố sẽ tiếp tục rà soát để "
    "không ai bị bỏ lại phía sau.\n"
)
SENTENCE = (
    "Ngày 8-10-2021, Thủ tướng Chính phủ ký Quyết định 23/2021/QĐ-TTg hỗ trợ 1,5 triệu đồng/người "
    "cho 120.000 lao động tại tỉnh Long An."
)
PUB = "2021-10-15"

SPAN_LISTS = ("dates", "counts", "amounts")
ENTITY_LISTS = ("officials", "policies", "locations", "organizations")


def check_record(rec: Record, text: str) -> None:
    """Offsets of every item and mention refer to ``text``; no two items of one type share a
    span; the record serialises."""
    for kind in SPAN_LISTS:
        spans: set[tuple[int, int]] = set()
        for it in getattr(rec, kind):
            assert 0 <= it.start <= it.end <= len(text), (kind, it)
            assert text[it.start:it.end] == it.text, (kind, it)
            assert (it.start, it.end) not in spans, ("two items of one type on one span", kind, it)
            spans.add((it.start, it.end))
    for kind in ENTITY_LISTS:
        owner: dict[tuple[int, int], int] = {}
        for n, it in enumerate(getattr(rec, kind)):
            for m in it.mentions:
                assert 0 <= m.start <= m.end <= len(text), (kind, m)
                assert text[m.start:m.end] == m.text, (kind, m)
                assert owner.setdefault((m.start, m.end), n) == n, ("one span, two items of one type", kind, m)
    for f in rec.facts:
        assert text[f.start:f.end] == f.text, f
    for w in rec.warnings:
        assert isinstance(w.code, str) and w.code
        if w.start is not None and w.end is not None:
            assert 0 <= w.start <= w.end, w
    json.loads(json.dumps(rec.to_dict(), ensure_ascii=True))


ex = default_extractor  # the library's shared Extractor, built once


def run(text: str | bytes, published: Any = PUB, **kw: Any) -> tuple[Record, str]:
    rec = ex().extract(text, published=published, **kw)
    ref = decode_bytes(text)[0] if isinstance(text, bytes) else text
    check_record(rec, ref)
    return rec, ref


def codes(rec: Record) -> set[str]:
    return {w.code for w in rec.warnings}


def _rand_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


# -- 1. inputs that must simply not break anything ----------------------------------------------
# (id, input, warning codes that must be present)
SIMPLE: list[tuple[str, str | bytes, set[str]]] = [
    ("empty", "", {"empty_text"}),
    ("empty_bytes", b"", {"empty_text"}),
    ("space", " ", {"empty_text"}),
    ("whitespace_mix", " \n\t\r\n  \u3000\u00a0\u2003", {"empty_text"}),
    ("newlines_only", "\n" * 10_000, {"empty_text"}),
    ("zero_width_only", "\u200b\u200c\u200d\ufeff\u2060" * 50, set()),
    ("soft_hyphens_in_words", "Hỗ\u00ad trợ 5 triệu\u00ad đồng cho 20 hộ\u00ad nghèo.", set()),
    ("zero_width_inside_number", "hỗ trợ 1\u200b.500 người và 3\u200b tỷ đồng", set()),
    ("nul_string", "\x00" * 500, {"binary_input"}),
    ("control_chars_str", "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 100, {"binary_input"}),
    ("controls_inside_text", "Ngày\x01 8-10,\x07 tỉnh\x1b chi\x00 5 tỷ\x7f đồng cho\x85 hộ nghèo.", set()),
    ("c1_controls", "Hỗ trợ\x80 3 triệu\x9f đồng\x8d cho\x90 người lao động.", set()),
    ("random_bytes", _rand_bytes(4000, 1), {"undecodable"}),
    ("random_bytes_2", _rand_bytes(50_000, 2), {"undecodable"}),
    ("bom_lookalike_garbage", b"\xff\xfe\x00garbage", {"undecodable"}),
    ("png_header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _rand_bytes(2000, 3), {"undecodable"}),
    ("pdf_like", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + _rand_bytes(3000, 4), set()),
    ("gzip_bytes", b"\x1f\x8b\x08\x00" + _rand_bytes(3000, 5), {"undecodable"}),
    ("utf8_truncated_mid_char", SENTENCE.encode("utf-8")[:-1] + "ệ".encode()[:2], {"undecodable"}),
    ("lone_surrogate", "Hỗ trợ \ud800 5 triệu đồng cho \udfff 20 người.", set()),
    ("noncharacters", "\uffff\ufffe\U0010ffff Hỗ trợ 5 triệu đồng \U000e0001", set()),
    ("private_use", "\ue000\ue001 tỉnh Long An \U000f0000 chi 2 tỷ đồng", set()),
    ("replacement_chars", "H\ufffd tr\ufffd 5 tri\ufffdu \ufffd\ufffdng", set()),
    ("emoji", "🎉 Hỗ trợ 🔥 5 triệu đồng 💰 cho 1.200 hộ nghèo 👨‍👩‍👧‍👦 tại tỉnh Long An 🇻🇳.", set()),
    ("emoji_modifiers", "👍🏽👍🏿 Thủ tướng 🙏🏻 yêu cầu hỗ trợ 2 triệu đồng/người.", set()),
    ("emoji_only", "😀" * 5000, set()),
    ("zalgo", "H" + "\u0301\u0300\u0323\u0309" * 60 + "à Nội chi 5 tỷ đồng", set()),
    ("leading_combining", "\u0301\u0323\u0300Ngày 8-10, tỉnh chi 5 tỷ đồng.", set()),
    ("nfd_sentence", unicodedata.normalize("NFD", SENTENCE), set()),
    ("nfd_article", unicodedata.normalize("NFD", ARTICLE), set()),
    ("old_tone_placement", "Ông Nguyễn Văn Hoà và bà Lê Thị Thuỷ nhận hỗ trợ 3 triệu đồng tại Khánh Hoà.", set()),
    ("rtl_override", "\u202eHỗ trợ 5 triệu đồng\u202c cho \u200f20 hộ nghèo\u200e.", set()),
    ("line_separators", "Ngày 8-10\u2028tỉnh chi\u2029 5 tỷ đồng\u0085cho hộ nghèo.", set()),
    ("crlf", SENTENCE.replace(" ", "\r\n"), set()),
    ("cr_only", ARTICLE.replace("\n", "\r"), set()),
    ("tabs_formfeed", SENTENCE.replace(" ", "\t\x0c\x0b"), set()),
    ("mixed_scripts", "中华人民共和国 Hỗ trợ 5 triệu đồng مرحبا بالعالم สวัสดี 20 người Привет", set()),
    ("punctuation_only", ".,;:!?-–—…\"'()[]{}" * 2000, set()),
    ("dots", "." * 200_000, set()),
    ("dashes", "-" * 200_000, set()),
    ("slashes_digits", "1/" * 20_000, set()),
    ("dash_digits", "1-" * 20_000, set()),
    ("dotted_number_chain", "1" + ".000" * 20_000 + " đồng", set()),
    ("comma_number_chain", "1" + ",5" * 20_000 + " triệu đồng", set()),
    ("digit_token", "9" * 200_000, set()),
    ("digit_token_money", "Hỗ trợ " + "9" * 100_000 + " tỷ đồng.", set()),
    ("long_word_token", "a" * 1_000_000, set()),
    ("long_vn_token", "đồng" * 100_000, set()),
    ("repeated_title", "Thủ tướng " * 5_000, set()),
    ("repeated_policy_kind", "Nghị định " * 5_000, set()),
    ("repeated_caps_words", "Nguyễn Văn " * 5_000 + "cho biết.", set()),
    ("repeated_org", "Bộ Lao động - Thương binh và Xã hội, " * 1_000, set()),
    ("repeated_province", "tỉnh Long An, " * 4_000, set()),
    ("repeated_number_words", "một trăm hai mươi ba nghìn " * 300 + "đồng", set()),
    ("repeated_money", "5 triệu đồng, " * 2_000, set()),
    ("uppercase_run", "ABCDEFGHIK" * 50_000, set()),
    ("sql_injection", "Robert'); DROP TABLE records;-- hỗ trợ 5 triệu đồng' OR '1'='1", set()),
    ("sql_comment_union", "1 UNION SELECT * FROM pg_catalog.pg_tables; -- tỉnh Long An /* chi 2 tỷ đồng */", set()),
    ("format_strings", "%s %d %n {0} {} ${jndi:ldap://x} {{7*7}} \\x00 \\u0000 ../../etc/passwd", set()),
    ("naughty_words", "null None undefined NaN Infinity -0 true false nil 0x0 1e309 -1e309", set()),
    ("backslashes", "\\" * 10_000 + " 5 triệu đồng", set()),
]


@pytest.mark.parametrize(("text", "want"), [pytest.param(t, w, id=i) for i, t, w in SIMPLE])
def test_hostile_input(text: str | bytes, want: set[str]) -> None:
    t0 = time.perf_counter()
    rec, _ = run(text)
    assert want <= codes(rec), (want, [(w.code, w.message) for w in rec.warnings])
    assert time.perf_counter() - t0 < 60


@pytest.mark.slow
def test_one_million_char_line() -> None:
    line = " ".join(SENTENCE for _ in range(1_000_000 // len(SENTENCE) + 1))[:1_000_000]
    assert "\n" not in line and len(line) == 1_000_000
    rec, _ = run(line)
    assert "component_error" not in codes(rec), [w.message for w in rec.warnings if w.code == "component_error"]


@pytest.mark.slow
def test_long_document() -> None:
    doc = ARTICLE * (1_000_000 // len(ARTICLE))
    rec, _ = run(doc)
    assert "component_error" not in codes(rec)


# Cost must grow linearly: 4x the input may take at most 8x the time (2x slack).
# Known superlinear spots (other modules; see benchmarks/scaling.py) stay as strict xfails.
LINEAR = [
    pytest.param(lambda n: "5 triệu đồng, 20 người, " * (n // 24), id="repeated_money_counts"),
    pytest.param(lambda n: "một trăm hai mươi ba nghìn " * (n // 27), id="number_word_run"),
    pytest.param(lambda n: (SENTENCE + " ") * (n // (len(SENTENCE) + 1)), id="one_long_line"),
    pytest.param(lambda n: "1-" * (n // 2), id="dash_digits"),
    pytest.param(lambda n: "<p>" * (n // 3), id="open_tags"),
    pytest.param(lambda n: "Ho\u0300a " * (n // 6), id="nfd_words"),
    pytest.param(lambda n: "&amp;" * (n // 5), id="entities"),
]


def _cost(text: str) -> float:
    """CPU seconds of this process (not wall time: other processes on the machine must not make
    a linear extractor look quadratic), best of three."""
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        ex().extract(text, published=PUB)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("make", LINEAR)
def test_cost_is_linear(make: Callable[[int], str]) -> None:
    small, big = make(8_000), make(32_000)
    t_small, t_big = _cost(small), _cost(big)
    assert t_big <= 8 * max(t_small, 0.01), f"{t_small:.3f}s for {len(small)} chars, {t_big:.3f}s for {len(big)}"


def test_max_chars_truncates_with_warning() -> None:
    small = Extractor(max_chars=500)
    text = ARTICLE * 10
    rec = small.extract(text, published=PUB)
    check_record(rec, text)
    assert "truncated" in codes(rec)
    assert all(it.end <= 500 for k in SPAN_LISTS for it in getattr(rec, k))


# -- 2. HTML ------------------------------------------------------------------------------------
HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Hỗ trợ người lao động</title>"
    "<style>p { margin: 0 } /* 9 tỷ đồng */</style>"
    "<script>var s = '<p>Chi 7 tỷ đồng cho 500 người</p>'; if (a < b && c > d) {}</script></head>"
    "<body><!-- 8 tỷ đồng bị ẩn --><div class=\"content\"><h1>Long An hỗ trợ người lao động</h1>"
    "<p>Ng&agrave;y 8-10, UBND t&#7881;nh Long An đã chi <strong>125&nbsp;tỷ đồng</strong> "
    "hỗ trợ cho 83.000 lao động.</p><p>Ông <a href=\"/nguoi/tran-quoc-hoa?a=1&amp;b=2\">Trần Quốc Hòa</a>, "
    "Phó Chủ tịch UBND tỉnh, cho biết&hellip;</p><ul><li>Mục 1</li><li>Mục 2</li></ul></div></body></html>"
)


def _in_hidden(page: str, start: int) -> bool:
    for open_, close in (("<script", "</script>"), ("<style", "</style>"), ("<!--", "-->")):
        a = page.find(open_)
        while a != -1:
            b = page.find(close, a)
            b = len(page) if b == -1 else b + len(close)
            if a <= start < b:
                return True
            a = page.find(open_, b)
    return False


def test_html_page() -> None:
    rec, _ = run(HTML_PAGE)
    assert "html_input" in codes(rec)
    for kind in SPAN_LISTS:
        for it in getattr(rec, kind):
            assert not _in_hidden(HTML_PAGE, it.start), it
            assert "<" not in it.text[:1] and "script" not in it.text, it


def test_html_fragment_masks_tags_keeps_offsets() -> None:
    frag = "<p>Tỉnh chi <b>5 tỷ đồng</b> cho 20 hộ.</p>"
    doc = Doc.from_text(frag)
    assert len(doc.text) == len(frag)  # no entities: masking is same-length
    assert "<" not in doc.text and "5 tỷ đồng" in doc.text
    assert doc.text.index("5 tỷ đồng") == frag.index("5 tỷ đồng")
    assert any(w.code == "html_input" for w in doc.warnings)
    run(frag)


def test_html_block_tags_split_sentences() -> None:
    doc = Doc.from_text("<p>Câu thứ nhất</p><p>Câu thứ hai</p>")
    assert [doc.surface(s, e)[0] for s, e in doc.sentences] == ["Câu thứ nhất", "Câu thứ hai"]


def test_html_entities_decoded_and_mapped() -> None:
    s = "<p>H&agrave; N&#7897;i chi 5&nbsp;tri&#x1EC7;u &#273;&#7891;ng</p>"
    doc = Doc.from_text(s)
    assert "Hà Nội chi 5 triệu đồng" in doc.text
    i = doc.text.index("triệu")
    assert doc.surface(i, i + len("triệu"))[0] == "tri&#x1EC7;u"
    run(s)


def test_entities_without_tags() -> None:
    s = "Bộ LĐ-TB&amp;XH chi 5&nbsp;triệu đồng"
    doc = Doc.from_text(s)
    assert "LĐ-TB&XH" in doc.text and "5 triệu đồng" in doc.text
    assert any(w.code == "html_entities" for w in doc.warnings)
    run(s)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('Hỗ trợ 5 triệu đồng')</script>",
        "<!-- chưa đóng: hỗ trợ 5 triệu đồng cho 20 người",
        "<p>" * 20_000,
        "<a href='" + "x" * 100_000 + "'>Hà Nội</a>",
        "<" * 50_000 + "5 triệu đồng" + ">" * 50_000,
        "&amp;" * 50_000,
        "&#99999999; &#xD800; &#0; &bogus; &#x110000; Hà Nội",
        "<p>&lt;p&gt;Hỗ trợ 3 triệu đồng&lt;/p&gt;</p>",
    ],
    ids=["script_only", "unclosed_comment", "many_open_tags", "huge_attribute", "angle_floods", "entity_flood",
         "bad_entities", "escaped_markup"],
)
def test_html_hostile(text: str) -> None:
    rec, _ = run(text)
    if "script" in text or "<!--" in text:
        assert not rec.amounts and not rec.counts


@pytest.mark.parametrize("text", ["a < b > c", "Giá <5 triệu đồng và >3 triệu đồng", "x<y và y>z", "1 < 2"])
def test_angle_brackets_are_not_html(text: str) -> None:
    rec, _ = run(text)
    assert "html_input" not in codes(rec)


# -- 3. legacy encodings and mojibake -----------------------------------------------------------
VN_SENTENCE = (
    "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương hỗ trợ người lao động gặp khó khăn do "
    "đại dịch; ông Nguyễn Văn Đức, Phó Chủ tịch UBND tỉnh Quảng Ngãi, cho biết đã chi 12 tỷ đồng "
    "cho 3.500 hộ nghèo, ưu tiên trẻ em, người cao tuổi và người khuyết tật."
)


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258", "viqr"])
def test_legacy_bytes_are_detected_and_decoded(enc: str) -> None:
    data = encode_legacy(VN_SENTENCE, enc)
    text, warnings = decode_bytes(data)
    assert text.lower() == VN_SENTENCE.lower() if enc == "tcvn3" else text == VN_SENTENCE
    want = "repaired_viqr" if enc == "viqr" else f"decoded_{enc}"
    assert [w.code for w in warnings] == [want]
    rec, ref = run(data)
    assert want in codes(rec) and ref == text


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_legacy_text_in_str_is_flagged_not_rewritten(enc: str) -> None:
    seen = encode_legacy(VN_SENTENCE, enc).decode("cp1252", errors="replace")
    assert [w.code for w in detect_text(seen)] == [f"suspected_{enc}"]
    rec, _ = run(seen)  # offsets refer to the string as given
    assert f"suspected_{enc}" in codes(rec)
    fixed = repair_text(seen)
    assert fixed is not None and fixed[0].lower() == VN_SENTENCE.lower()
    assert fixed[1][0].code == f"repaired_{enc}"


@pytest.mark.parametrize("reader", ["cp1252", "latin-1"])
def test_mojibake_str(reader: str) -> None:
    seen = VN_SENTENCE.encode("utf-8").decode(reader, errors="replace")
    assert [w.code for w in detect_text(seen)] == ["suspected_mojibake"]
    fixed = repair_text(seen)
    assert fixed is not None and fixed[1][0].code == "repaired_mojibake"
    if reader == "latin-1":  # Latin-1 keeps every byte: a perfect repair
        assert fixed[0] == VN_SENTENCE
    run(seen)


def test_mojibake_bytes_repaired() -> None:
    data = VN_SENTENCE.encode("utf-8").decode("latin-1").encode("utf-8")
    text, warnings = decode_bytes(data)
    assert text == VN_SENTENCE and [w.code for w in warnings] == ["repaired_mojibake"]
    rec, _ = run(data)
    assert "repaired_mojibake" in codes(rec)


def test_double_mojibake() -> None:
    once = VN_SENTENCE.encode("utf-8").decode("latin-1")
    twice = once.encode("utf-8").decode("latin-1")
    fixed = repair_text(twice)
    assert fixed is not None and fixed[0] == VN_SENTENCE


@pytest.mark.parametrize(
    "text",
    [VN_SENTENCE, ARTICLE, "Giá 25°C, «Tết» và ±5% là ký hiệu hợp lệ.", "Café crème brûlée à la française.",
     "Hà Nội – Huế — TP.HCM “Đà Nẵng”", "ASCII only: Viet Nam, Ha Noi, Lao dong."],
)
def test_clean_text_is_not_repaired(text: str) -> None:
    assert repair_text(text) is None and detect_text(text) == []


@pytest.mark.parametrize(("enc", "prefix"), [("utf-8-sig", b""), ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""),
                                             ("utf-32", b"")])
def test_unicode_transfer_encodings(enc: str, prefix: bytes) -> None:
    data = prefix + VN_SENTENCE.encode(enc)
    text, _ = decode_bytes(data)
    assert text == VN_SENTENCE
    run(data)


def test_strict_decoding_error_is_clear() -> None:
    french = "Café crème brûlée, déjà vu, à la française.".encode("latin-1")
    with pytest.raises(DecodeError, match=r"not UTF-8: invalid byte 0xE9 at offset 3"):
        decode_bytes(french, errors="strict")
    text, warnings = decode_bytes(french)
    assert "\ufffd" in text and warnings[0].code == "undecodable"
    with pytest.raises(ValueError, match="errors must be"):
        decode_bytes(b"x", errors="ignore")


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258"])
def test_every_vietnamese_letter_round_trips(enc: str) -> None:
    letters = sorted(
        {unicodedata.normalize("NFC", b + m + t) for b, m in (("a", ""), ("a", "\u0306"), ("a", "\u0302"), ("e", ""),
                                                           ("e", "\u0302"), ("i", ""), ("o", ""), ("o", "\u0302"),
                                                           ("o", "\u031b"), ("u", ""), ("u", "\u031b"), ("y", ""))
         for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")} | {"đ"}
    )
    lower = " ".join(letters)
    upper = lower.upper()
    assert decode_legacy(encode_legacy(lower, enc), enc) == lower
    got_upper = decode_legacy(encode_legacy(upper, enc), enc)
    # TCVN3 has no upper-case toned letters: they come back lower-case (the .VnTimeH convention)
    assert (got_upper.lower() == lower) if enc == "tcvn3" else (got_upper == upper)


def test_viqr_letters_round_trip() -> None:
    # VIQR is ambiguous: a word-final ``?`` or ``.`` before a capital or the end reads as
    # punctuation (``o+? DDa`` stays ``ơ? Đà``), so the words here avoid that position.
    words = "Vi\u1ec7t Nam \u0111\u01b0\u1ee3c ng\u01b0\u1eddi l\u00e0m vi\u1ec7c \u1edf \u0111\u00e2y, \u0110\u00e0 N\u1eb5ng v\u00e0 Hu\u1ebf"
    assert decode_legacy(encode_legacy(words, "viqr"), "viqr") == words


def test_unknown_legacy_encoding_is_loud() -> None:
    with pytest.raises(ValueError, match="valid: tcvn3"):
        encode_legacy("x", "koi8-r")


# -- 4. impossible dates and absurd numbers (dates / amounts modules) ----------------------------

def _overlaps(w: Any, s: int, e: int) -> bool:
    return w.start is not None and w.end is not None and w.start < e and s < w.end


def _valid_iso(v: str) -> bool:
    import datetime as dt

    parts = v.split("-")
    try:
        if len(parts) == 3 and parts[1].isdigit():
            dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        elif len(parts) == 2 and parts[1].isdigit():
            return 1 <= int(parts[1]) <= 12
    except ValueError:
        return False
    return True


IMPOSSIBLE_DATES = [
    "Ngày 31/02/2021, tỉnh chi 5 tỷ đồng.",
    "Từ ngày 30-2-2020, người lao động được hỗ trợ.",
    "Ngày 29/02/2021 (năm không nhuận), UBND tỉnh họp.",
    "Hạn chót là ngày 32/13/2021.",
    "Ngày 31 tháng 4 năm 2021, Bộ ban hành hướng dẫn.",
    "Ngày 00/00/0000 không phải là ngày.",
    "Từ tháng 13/2021, mức hỗ trợ tăng.",
]


@pytest.mark.parametrize("text", IMPOSSIBLE_DATES)
def test_impossible_dates_never_silently_wrong(text: str) -> None:
    rec, _ = run(text)
    for d in rec.dates:
        for v in (d.value, d.end_value):
            if v is not None:
                assert _valid_iso(v), f"invalid date value {v!r} for {d.text!r}"
        if d.value is not None:
            assert not any(x in d.text for x in ("31/02", "30-2", "29/02/2021", "32/13", "31 tháng 4", "00/00",
                                                 "tháng 13")) or any(_overlaps(w, d.start, d.end) for w in rec.warnings), (
                f"date {d.text!r} -> {d.value} with no warning")


def test_valid_leap_day_is_a_date() -> None:
    rec, _ = run("Ngày 29/02/2020, tỉnh chi 5 tỷ đồng.")
    assert any(d.value == "2020-02-29" for d in rec.dates)


ABSURD = [
    "Hỗ trợ 999999999999999999999 tỷ đồng cho người dân.",
    "Tổng kinh phí 1.000.000.000.000.000.000.000 đồng.",
    "Chi 10^30 đồng và 9e99 tỷ đồng.",
    "Có 99999999999999999999999 người được hỗ trợ.",
]


@pytest.mark.parametrize("text", ABSURD)
def test_absurd_numbers_never_silently_wrong(text: str) -> None:
    rec, _ = run(text)
    for it in [*rec.amounts, *rec.counts]:
        if it.value is not None and it.value >= 10**18:
            assert any(_overlaps(w, it.start, it.end) for w in rec.warnings), (
                f"absurd value {it.value} for {it.text!r} with no warning")


# -- 5. metadata: ids, published, doc ids -------------------------------------------------------
@pytest.mark.parametrize(
    "doc_id",
    ["x'; DROP TABLE records; --", 'quote"double', "nul\x00byte", "new\nline", "đ/ệ\\unicode", "", "a" * 10_000],
)
def test_hostile_doc_ids_kept_verbatim(doc_id: str) -> None:
    rec, _ = run(SENTENCE, doc_id=doc_id)
    assert rec.doc_id == doc_id
    again = ex().extract(SENTENCE, published=PUB, doc_id=doc_id)
    assert [i.id for i in again.dates] == [i.id for i in rec.dates]


@pytest.mark.parametrize("published", ["2021-02-31", "yesterday", "", "0000", "2021-13", 12345, "9999-12-31"])
def test_hostile_published(published: Any) -> None:
    rec, _ = run(SENTENCE, published=published)
    if published in ("2021-02-31", "yesterday", "2021-13", 12345):
        assert "bad_published" in codes(rec)


def test_bad_header_date() -> None:
    rec, _ = run(" date 2021-13\nNgày 8-10, tỉnh chi 5 tỷ đồng.", published=None)
    assert "bad_header_date" in codes(rec)


def test_wrong_types_are_configuration_errors() -> None:
    bad: Callable[..., Any] = ex().extract
    with pytest.raises(TypeError):
        bad(None)
    with pytest.raises(TypeError):
        bad(["list"])


def test_bytearray_and_memoryview_inputs() -> None:
    data = SENTENCE.encode("utf-8")
    for obj in (bytearray(data), memoryview(data)):
        rec = ex().extract(obj, published=PUB)  # type: ignore[arg-type]
        check_record(rec, SENTENCE)
