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


def test_a_document_year_is_not_an_event_date() -> None:
    """``resolve`` decides it (rule ``document_year``): the dates step reads no policies."""
    for text in ("Theo Luật Đất đai, năm 2013 nhà nước giao đất cho hộ gia đình.",
                 "Quyết định 649/QĐ-UBND 2014 quy định mức hỗ trợ cho hộ nghèo."):
        assert extract(text, published="2021-05-01").dates == []
    rec = extract("Căn cứ Nghị định 20/2021/NĐ-CP, năm 2022 tỉnh chi 5 tỷ đồng.", published="2021-05-01")
    assert [d.value for d in rec.dates] == ["2022"]  # the policy's year is 2021: 2022 is an event's


def test_steps_read_no_other_type_except_what_the_pipeline_names() -> None:
    """Dates without policies and counts without amounts give the same record: the decisions
    between types are resolve's."""
    from vn_welfare_extract import Extractor

    text = ("Theo Luật Đất đai, năm 2013 nhà nước giao đất. Huyện chi 200 triệu đồng cho 35 hộ, "
            "Quyết định 649/QĐ-UBND 2014 hỗ trợ 2 triệu người.")
    whole = Extractor().extract(text, published="2021-05-01")
    alone = Extractor(types=["dates", "counts"]).extract(text, published="2021-05-01")
    assert [d.text for d in alone.dates] == ["năm 2013", "2014"]  # no policies: nothing decides
    assert [d.text for d in whole.dates] == []
    assert [c.text for c in whole.counts] == [c.text for c in alone.counts] == ["35 hộ", "2 triệu người"]
