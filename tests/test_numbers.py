"""The Vietnamese number reader: examples, per-article separator style, and property tests."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_welfare_extract.numbers import (
    doc_style,
    parse_digits,
    parse_number,
    qualifier_before,
    read_int,
    scan,
    spell,
    thousands_style,
    to_int,
)
from vn_welfare_extract.text import Doc


@pytest.mark.parametrize(
    "text, style, value",
    [
        ("435.000", "dot", 435000),
        ("435,000", "comma", 435000),
        ("1,2 triệu", "dot", 1_200_000),
        ("1.2 triệu", "comma", 1_200_000),
        ("1.5 triệu", "dot", 1_500_000),  # a lone dot that cannot group: a decimal mark
        ("6.360,1", "dot", 6360),
        ("1.779,7", "dot", 1780),  # rounded half up
        ("0,9", "dot", 1),
        ("05 triệu", "dot", 5_000_000),
        ("357 tỉ", "dot", 357 * 10**9),
        ("1.000 tỷ", "dot", 10**12),
        ("3 tỷ 500 triệu", "dot", 3_500_000_000),
        ("2 triệu 500 nghìn", "dot", 2_500_000),
        ("128 nghìn tỷ", "dot", 128 * 10**12),
        ("450 ngàn", "dot", 450_000),
        ("hai mươi lăm", "dot", 25),
        ("hai mươi mốt", "dot", 21),
        ("ba mươi tư", "dot", 34),
        ("mười lăm", "dot", 15),
        ("một trăm linh năm", "dot", 105),
        ("một trăm lẻ năm", "dot", 105),
        ("hai triệu rưỡi", "dot", 2_500_000),
        ("trăm rưỡi", "dot", 150),
        ("nửa triệu", "dot", 500_000),
        ("hai chục", "dot", 20),
        ("ba vạn", "dot", 30_000),
        ("một nghìn không trăm linh năm", "dot", 1005),
        ("Hai", "dot", 2),
    ],
)
def test_read_int(text: str, style: str, value: int) -> None:
    assert read_int(text, style) == value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, value, end_value, approx",
    [
        ("hàng trăm", 100, None, "about"),
        ("hàng chục nghìn", 10_000, None, "about"),
        ("hàng trăm tỷ", 100 * 10**9, None, "about"),
        ("vài chục", 10, None, "about"),
        ("một vài triệu", 10**6, None, "about"),
        ("mấy trăm", 100, None, "about"),
        ("chục tỷ", 10 * 10**9, None, "about"),
        ("2 mấy tỷ", 2 * 10**9, None, "about"),
        ("đôi ba trăm triệu", 200 * 10**6, 300 * 10**6, "range"),
        ("ba bốn trăm", 300, 400, "range"),
        ("hai ba", 2, 3, "range"),
    ],
)
def test_vague(text: str, value: int, end_value: int | None, approx: str) -> None:
    n = parse_number(text)
    assert n is not None
    assert to_int(n.value) == value
    assert (None if n.end_value is None else to_int(n.end_value)) == end_value
    assert n.approx == approx


@pytest.mark.parametrize(
    "text",
    ["năm 2021", "hai mươi năm", "mười năm", "hai trăm năm", "abc", "1.2.3", "mốt", "tư", "linh", "hàng", "vài", "", "triệu triệu"],
)
def test_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def test_parse_digits_styles() -> None:
    assert parse_digits("435.000", "dot") == 435000
    assert parse_digits("435,000", "dot") == Fraction(435)  # a dot-style article: comma is decimal
    assert parse_digits("435,000", "comma") == 435000
    assert parse_digits("1,25", "comma") == Fraction(5, 4)
    assert parse_digits("12.34.5", "dot") is None


def test_thousands_style_per_article() -> None:
    assert thousands_style("Hỗ trợ 435.000 người với 357 tỉ đồng.") == "dot"
    assert thousands_style("Hỗ trợ 435,000 người; 12,500 hộ và 1,250,000 đồng.") == "comma"
    assert thousands_style("Không có số nào.") == "dot"
    doc = Doc.from_text("Hỗ trợ 435,000 người và 12,500 hộ.")
    assert doc_style(doc) == "comma"
    assert doc.cache["numbers.style"] == "comma"


def test_scan_ranges_share_scale() -> None:
    qs = scan("từ 1-3 triệu đồng, 8 - 9 triệu, từ 7 đến 12 triệu và 55,45 - 55,8 triệu")
    got = [(q.value, q.end_value) for q in qs]
    assert got == [
        (1_000_000, 3_000_000),
        (8_000_000, 9_000_000),
        (7_000_000, 12_000_000),
        (55_450_000, 55_800_000),
    ]


def test_scan_skips_codes_and_dates() -> None:
    text = "Covid-19, BN2899, Quyết định 23/2021/QĐ-TTg, ngày 8/10"
    assert scan(text) == []


def test_scan_glued_tokens() -> None:
    text = "trên 192tỷđồng và là300 triệu"
    assert [q.value for q in scan(text)] == [192 * 10**9, 300 * 10**6]


def test_qualifier_before() -> None:
    text = "khoảng hơn 100 người, ít nhất là 230 tỷ, trên dưới 50"
    q1 = qualifier_before(text, text.index("100"))
    assert q1 is not None and q1.approx == "over" and q1.start == 0
    q2 = qualifier_before(text, text.index("230"))
    assert q2 is not None and q2.approx == "at_least"
    q3 = qualifier_before(text, text.index("50"))
    assert q3 is not None and q3.approx == "about"
    assert qualifier_before("chơn 5", 5) is None


def test_spell_examples() -> None:
    assert spell(0) == "không"
    assert spell(105) == "một trăm linh năm"
    assert spell(25) == "hai mươi lăm"
    assert spell(21) == "hai mươi mốt"
    assert spell(1005) == "một nghìn không trăm linh năm"
    assert spell(3_500_000_000) == "ba tỷ năm trăm triệu"
    with pytest.raises(ValueError):
        spell(-1)


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_digits_round_trip_dot(n: int) -> None:
    assert parse_digits(_group(n, "."), "dot") == n
    assert read_int(_group(n, "."), "dot") == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_digits_round_trip_comma(n: int) -> None:
    assert parse_digits(_group(n, ","), "comma") == n
    assert read_int(_group(n, ","), "comma") == n


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=10**15 - 1))
def test_words_round_trip(n: int) -> None:
    assert read_int(spell(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["nghìn", "triệu", "tỷ"]))
def test_digits_with_scale(n: int, scale: str) -> None:
    mult = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}[scale]
    assert read_int(f"{n} {scale}") == n * mult


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=999))
def test_compound_amounts(big: int, small: int) -> None:
    text = f"{big} tỷ {small} triệu" if small else f"{big} tỷ"
    assert read_int(text) == big * 10**9 + small * 10**6


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for q in scan(text):
        assert 0 <= q.start < q.end <= len(text)
        assert isinstance(q.value, int)
    parse_number(text)
    thousands_style(text)


_VN = st.sampled_from(
    ["một", "hai", "ba", "năm", "mười", "mươi", "lăm", "mốt", "tư", "trăm", "nghìn", "triệu", "tỷ", "linh", "không",
     "rưỡi", "nửa", "hàng", "vài", "mấy", "đôi", "chục", "1.000", "2,5", "-", "đến", "người", "đồng", " ", "12"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VN, max_size=12))
def test_number_word_soup_never_raises(words: list[str]) -> None:
    text = " ".join(words)
    for q in scan(text):
        assert q.value >= 0
        assert q.end_value is None or q.end_value > q.value


def test_list_of_group_sizes_is_one_range() -> None:
    """``nhóm 3 - 5 - 7 người``: one range from the first size to the last (SPEC Edge conventions)."""
    assert [(q.value, q.end_value) for q in scan("nhóm 3 - 5 - 7 người")] == [(3, 7)]
    assert [(q.value, q.end_value) for q in scan("7 - 5 - 3")] == [(7, None), (5, None), (3, None)]


def test_range_whose_ends_round_alike_is_no_range() -> None:
    """``2,5 - 3`` would read as 3..3 once rounded: two numbers, never an empty range."""
    assert all(q.end_value is None for q in scan("2,5 - 3"))
