"""Linked facts (facts/links.py): the seed's support facts, link integrity, the one-sentence
rule and the article-default rule for place and date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vn_welfare_extract.api import default_extractor
from vn_welfare_extract.lexicons import load_table
from vn_welfare_extract.model import Record

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_024eeff49fb4e721.txt"
CASES = Path(__file__).parent / "cases" / "facts.jsonl"

# Role -> the record list its id points into.
ROLE_LIST = {
    "location": "locations",
    "date": "dates",
    "beneficiaries": "counts",
    "count": "counts",
    "amount": "amounts",
    "rate": "amounts",
    "policy": "policies",
    "official": "officials",
    "body": "organizations",
}
# Role -> the rule marks that allow it to come from outside the sentence.
OUTSIDE_OK = {
    "location": ("place=back_reference", "place=province_reference", "place=article_default", "place=subject_country", "place=main_province"),
    "date": ("date=back_reference", "date=article_default"),
    "policy": ("policy=back_reference",),
    "amount": ("amount=back_reference",),
}

ex = default_extractor  # the library's shared Extractor, built once


def _case_texts() -> list[tuple[str, str | None]]:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("//"):
            row = json.loads(line)
            out.append((row["text"], row.get("published")))
    return out


def _records() -> list[Record]:
    recs = [ex().extract(t, published=p) for t, p in _case_texts()]
    articles = ROOT / "corpus" / "articles.jsonl"
    if articles.exists():
        for line in articles.read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            recs.append(ex().extract(a["text"], published=a.get("published"), doc_id=a["id"]))
    if SEED.exists():
        recs.append(ex().extract(SEED.read_text(encoding="utf-8"), doc_id="seed"))
    return recs


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return _records()


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not beside the checkout")
def test_seed_support_facts() -> None:
    rec = ex().extract(SEED.read_text(encoding="utf-8"), doc_id="seed")
    support = [f for f in rec.to_dict()["facts"] if f["type"] == "support"]
    want = [
        {"location": "Long An", "as_of": "2021-10-06", "beneficiaries": [435000], "amount": 357000000000, "approx": "over"},
        {"location": "Long An", "what": "nhu yếu phẩm", "beneficiaries": [5500, 153000], "amount": 235000000000,
         "approx": "over"},
    ]
    for w in want:
        assert any(all(f.get(k) == v for k, v in w.items()) for f in support), (w, support)
    # The sentence that states the link is kept, with original offsets.
    text = SEED.read_text(encoding="utf-8")
    for f in support:
        s = f["sentence"]
        assert text[s["start"] : s["end"]] == s["text"]


def _ids(rec: Record, name: str) -> set[str]:
    return {x.id for x in getattr(rec, name)}


def test_links_point_to_existing_items_of_the_right_list(records: list[Record]) -> None:
    n = 0
    for rec in records:
        for f in rec.facts:
            assert f.id, f
            for role, ref in f.links.items():
                lst = ROLE_LIST[role]
                ids = ref if isinstance(ref, list) else [ref]
                for i in ids:
                    assert i and i in _ids(rec, lst), (rec.doc_id, f.type, role, i)
                    n += 1
    assert n > 100


def _spans(rec: Record, name: str, item_id: str) -> list[tuple[int, int]]:
    for x in getattr(rec, name):
        if x.id == item_id:
            if hasattr(x, "mentions"):
                return [(m.start, m.end) for m in x.mentions]
            return [(x.start, x.end)]
    return []


def test_no_link_crosses_a_sentence_without_an_explicit_reference(records: list[Record]) -> None:
    for rec in records:
        for f in rec.facts:
            for role, ref in f.links.items():
                if any(mark in f.rule for mark in OUTSIDE_OK.get(role, ())):
                    continue
                for i in ref if isinstance(ref, list) else [ref]:
                    spans = _spans(rec, ROLE_LIST[role], i)
                    assert any(f.start <= s and e <= f.end for s, e in spans), (rec.doc_id, f.type, role, f.rule, f.text)


def _support(text: str, published: str = "2022-03-15") -> dict[str, Any]:
    facts = [f for f in ex().extract(text, published=published).to_dict()["facts"] if f["type"] == "support"]
    assert len(facts) == 1, facts
    return facts[0]


def test_article_default_place_only_when_the_article_names_one_place() -> None:
    one = _support("Tỉnh Hà Tĩnh có nhiều hộ gặp khó khăn.\n\nĐã có 4.200 hộ được hỗ trợ 500.000 đồng/người.")
    assert one["location"] == "Hà Tĩnh" and "place=article_default" in one["rule"]
    two = _support("Tỉnh Hà Tĩnh và tỉnh Quảng Bình có nhiều hộ gặp khó khăn.\n\nĐã có 4.200 hộ được hỗ trợ 500.000 đồng/người.")
    assert two["location"] is None and "location" not in two["links"]


def test_article_default_date_only_when_the_article_has_one_date() -> None:
    one = _support("Hội nghị diễn ra ngày 8-3.\n\nĐã có 4.200 hộ được hỗ trợ 500.000 đồng/người.")
    assert one["as_of"] == "2022-03-08" and "date=article_default" in one["rule"]
    two = _support("Hội nghị diễn ra ngày 8-3.\n\nNgày 10-3, đoàn làm việc tiếp.\n\nĐã có 4.200 hộ được hỗ trợ 500.000 đồng/người.")
    assert two["as_of"] is None and "date" not in two["links"]


def test_every_cue_is_exercised_by_a_case_row() -> None:
    texts = " ".join(t.lower() for t, _ in _case_texts())
    missing = [r["cue"] for r in load_table("fact_cues") if r["cue"].lower() not in texts]
    assert not missing, missing


def test_long_unpunctuated_text_is_read_in_linear_time() -> None:
    # One 700 KB "sentence" of counts and amounts: skipped as a whole, not scanned pairwise.
    text = ", ".join(f"{i} người được hỗ trợ 1 triệu đồng" for i in range(1, 20000))
    rec = ex().extract(text)
    assert rec.facts == []
    # Many ordinary sentences: one fact each.
    text = " ".join(f"Xã đã hỗ trợ {i} hộ nghèo." for i in range(1, 2001))
    rec = ex().extract(text)
    assert len([f for f in rec.facts if f.type == "support"]) == 2000
