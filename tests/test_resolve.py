"""Cross-type decisions in ``resolve.py`` that single-type case tables cannot show."""

from __future__ import annotations

from vn_welfare_extract import extract
from vn_welfare_extract.timeref import resolve_partial_date, resolve_year


def test_an_issue_date_is_one_value_in_dates_and_in_the_policy() -> None:
    """Published 2021-12-30: ``ngày 2/1`` after a decision is its (past) issue date, 2021-01-02,
    in both lists; before, the dates list said 2022-01-02 and the policy 2021-01-02."""
    text = "Theo Quyết định 15/QĐ-UBND ngày 2/1 của UBND tỉnh Hậu Giang, mỗi hộ được hỗ trợ."
    rec = extract(text, published="2021-12-30")
    (policy,) = rec.policies
    day = next(d for d in rec.dates if d.text.endswith("2/1"))
    assert policy.issued_on == day.value == "2021-01-02"


def test_an_event_day_after_the_turn_of_the_year_stays_ahead() -> None:
    rec = extract("Ngày 2/1, tỉnh sẽ tổ chức lễ ra quân.", published="2021-12-30")
    assert [d.value for d in rec.dates] == ["2022-01-02"]


def test_the_code_year_wins_for_an_issue_date() -> None:
    rec = extract("Nghị định 15/2020/NĐ-CP ngày 3/2 quy định mức phạt.", published="2021-12-30")
    assert rec.policies[0].issued_on == "2020-02-03"
    assert [d.value for d in rec.dates if d.text.endswith("3/2")] == ["2020-02-03"]


def test_the_shared_resolver() -> None:
    assert resolve_year(1, 2, resolve_ref()) == 2022
    assert resolve_year(1, 2, resolve_ref(), forward=False) == 2021
    assert resolve_partial_date(28, 12, None, resolve_ref("2022-01-05")) == "2021-12-28"
    assert resolve_partial_date(31, 2, None, resolve_ref()) is None
    assert resolve_partial_date(8, 10, 2019, resolve_ref()) == "2019-10-08"


def resolve_ref(iso: str = "2021-12-30"):  # type: ignore[no-untyped-def]
    from vn_welfare_extract.text import parse_published

    return parse_published(iso)
