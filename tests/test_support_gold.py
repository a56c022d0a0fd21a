"""Organisations and locations gold of the corpus (``corpus/support/<id>.json``) and their scoring:
an entity is found when a predicted one shares a mention, right when the names agree (and, for a
place, the level and the code the gold gives). The floors for them belong in ``tests/gates.json``
(``test_gates`` enforces every floor listed there)."""

from __future__ import annotations

import json

from conftest import ROOT
from vn_welfare_extract.evaluate import SUPPORT_TYPES, Report, open_gold_set, score_doc

SUPPORT = ROOT / "corpus" / "support"


def test_every_corpus_article_has_support_gold_with_exact_offsets() -> None:
    arts = {json.loads(line)["id"]: json.loads(line)["text"] for line in (ROOT / "corpus" / "articles.jsonl").open(encoding="utf-8")}
    files = sorted(SUPPORT.glob("*.json"))
    assert {f.stem for f in files} == set(arts)
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        text = arts[d["doc_id"]]
        for kind in SUPPORT_TYPES:
            for ent in d[kind]:
                assert ent["name"] and ent["mentions"], (f.name, ent)
                for m in ent["mentions"]:
                    assert text[m["start"] : m["end"]] == m["text"], (f.name, m)
            for ent in d["locations"]:
                assert ent["level"] in ("country", "city", "sea", "province", "district", "commune"), (f.name, ent)


def test_the_corpus_gold_set_carries_the_support_lists() -> None:
    gs = open_gold_set(ROOT / "corpus")
    assert all(g.get("organizations") is not None and g.get("locations") is not None for g in gs.gold.values())


def _m(s: int, e: int) -> dict[str, object]:
    return {"text": "x" * (e - s), "start": s, "end": e}


def test_support_scoring_found_right_missed_spurious() -> None:
    gold = {
        "organizations": [{"name": "Sở Y tế tỉnh Bình Dương", "mentions": [_m(0, 10), _m(50, 56)]},
                          {"name": "Bộ Tài chính", "mentions": [_m(80, 92)]}],
        "locations": [{"name": "Bình Dương", "level": "province", "code": "74", "mentions": [_m(20, 30)]},
                      {"name": "Ia Pa", "level": "district", "code": None, "mentions": [_m(100, 105)]}],
    }
    pred = {
        "organizations": [{"name": "Sở Y tế", "mentions": [_m(50, 56)]},  # found, wrong name
                          {"name": "Sở  y tế tỉnh Bình  Dương", "mentions": [_m(0, 10)]},  # found, right (norm)
                          {"name": "Chính phủ", "mentions": [_m(200, 209)]}],  # spurious
        "locations": [{"name": "Bình Dương", "level": "province", "code": "74", "mentions": [_m(21, 29)]}],
    }
    rep = Report("t")
    score_doc("d", gold, pred, rep)
    orgs, locs = rep.support["organizations"], rep.support["locations"]
    assert (orgs.gold, orgs.pred, orgs.span_tp, orgs.value_tp) == (2, 3, 1, 1)
    assert (locs.gold, locs.pred, locs.span_tp, locs.value_tp) == (2, 1, 1, 1)
    assert sorted((f.type, f.kind) for f in rep.failures) == [
        ("locations", "MISSED"), ("organizations", "MISSED"), ("organizations", "SPURIOUS"), ("organizations", "SPURIOUS"),
    ]
    assert set(rep.value_f1()) >= set(SUPPORT_TYPES)
    empty = Report("e")
    score_doc("d", {}, pred, empty)  # gold without the lists: not scored, not in the scores
    assert not set(empty.value_f1()) & set(SUPPORT_TYPES)
