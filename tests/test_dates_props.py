"""Property tests for the date parser (facts/dates.py).

- Explicit dates round-trip: for any valid (y, m, d), the forms ``d/m/y``, ``dd/mm/y``,
  ``ngày d tháng m năm y`` and ``d-m-y`` give exactly that day.
- Any text, however hostile, never raises, and every item's offsets hold in the original.
- Every entry of ``data/date_holidays.tsv`` resolves.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_welfare_extract import Extractor
from vn_welfare_extract.lexicons import load_table

_EX = Extractor(types=["dates"])

dates_st = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
FORMS = (
    "{d}/{m}/{y}",
    "{d:02d}/{m:02d}/{y}",
    "ngày {d} tháng {m} năm {y}",
    "{d}-{m}-{y}",
    "ngày {d:02d}.{m:02d}.{y}",
)


@settings(max_examples=200, deadline=None)
@given(day=dates_st, form=st.sampled_from(FORMS), published=st.sampled_from([None, "2021-10-09", "2021-10", "2021"]))
def test_explicit_dates_round_trip(day: date, form: str, published: str | None) -> None:
    surface = form.format(d=day.day, m=day.month, y=day.year)
    text = f"Theo báo cáo, {surface}, tỉnh đã tổ chức hội nghị."
    rec = _EX.extract(text, published=published)
    assert len(rec.dates) == 1, [(d.text, d.value) for d in rec.dates]
    item = rec.dates[0]
    assert item.value == day.isoformat()
    assert item.grain == "day"
    assert surface in item.text
    assert text[item.start : item.end] == item.text


@settings(max_examples=100, deadline=None)
@given(day=dates_st)
def test_nfd_input_keeps_original_offsets(day: date) -> None:
    text = unicodedata.normalize("NFD", f"Hội nghị tổng kết diễn ra ngày {day.day} tháng {day.month} năm {day.year}.")
    rec = _EX.extract(text, published="2021-10-09")
    assert [d.value for d in rec.dates] == [day.isoformat()]
    item = rec.dates[0]
    assert text[item.start : item.end] == item.text
    assert unicodedata.normalize("NFC", item.text) == f"ngày {day.day} tháng {day.month} năm {day.year}"


# Text built from the pieces dates are made of, so that the parser's paths are exercised.
_PIECES = st.sampled_from(
    [
        "ngày", "Ngày", "tháng", "năm", "quý", "III", "tuần", "hôm", "qua", "nay", "mai", "sáng", "chiều",
        "đến", "tới", "từ", "tính", "hết", "cuối", "đầu", "nửa", "cùng", "kỳ", "cách", "đây", "trước", "sau",
        "mùa", "hè", "Tết", "Nguyên", "đán", "giai", "đoạn", "SN", "sinh", "số", "-", "/", ".", ",", "(", ")",
        " ", "  ", "\n", "2021", "1976", "8", "10", "31", "02", "29", "13", "0", "12,5%", "68/NQ-CP",
        "\u0301", "\u200b", "\u2013", "ngay", "thang", "lũy", "kế", "đến nay", "trở lại đây",
    ]
)
_HOSTILE = st.one_of(
    st.text(max_size=200),
    st.lists(_PIECES, max_size=60).map(" ".join),
    st.lists(_PIECES, max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(text=_HOSTILE, published=st.sampled_from([None, "2021-10-09", "2021-10", "2021", "2022-01-05"]))
def test_arbitrary_text_never_raises_and_offsets_hold(text: str, published: str | None) -> None:
    rec = _EX.extract(text, published=published)
    assert not [w for w in rec.warnings if w.code == "component_error"]
    for item in rec.dates:
        assert text[item.start : item.end] == item.text
        assert item.grain in ("day", "week", "month", "quarter", "half", "season", "year", "unresolved")
        assert (item.value is None) == (item.grain == "unresolved")
    for w in rec.warnings:
        if w.start is not None and w.end is not None:
            assert 0 <= w.start <= w.end <= len(text)


def test_impossible_date_warns_with_original_offsets() -> None:
    text = unicodedata.normalize("NFD", "Hồ sơ ghi ") + "ngày 31/02/2021 là sai."
    rec = _EX.extract(text, published="2021-10-09")
    (item,) = rec.dates
    assert item.value is None
    warns = [w for w in rec.warnings if w.code == "impossible_date"]
    assert len(warns) == 1
    w = warns[0]
    assert w.start is not None and w.end is not None
    assert text[w.start : w.end] == "ngày 31/02/2021" == item.text


def _holiday_rows() -> list[tuple[str, str, str]]:
    return [(r["name"], r["year"], r["date"]) for r in load_table("date_holidays")]


@pytest.mark.parametrize(("name", "year", "when"), _holiday_rows())
def test_every_holiday_entry_resolves(name: str, year: str, when: str) -> None:
    canonical = {r["name"]: r for r in load_table("date_holidays") if r["year"] != "alias"}
    if year == "alias":
        y, expected = "2021", next(r["date"] for r in load_table("date_holidays") if r["name"] == when and r["year"] == "2021")
    elif year == "*":
        y, expected = "2021", f"2021-{when}"
    else:
        y, expected = year, when
    assert name in canonical or year == "alias"
    text = f"Dịp {name} {y}, tỉnh tổ chức nhiều hoạt động."
    rec = _EX.extract(text, published="2021-10-09")
    assert [(d.text, d.value) for d in rec.dates] == [(f"{name} {y}", expected)]
