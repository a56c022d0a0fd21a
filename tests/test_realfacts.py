"""The hand-checked facts of the real development articles (tests/realfacts) and how eval uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, need_shared
from vn_welfare_extract.evaluate import FACT_FIELDS, add_facts, default_realfacts, load_facts, main

REALFACTS = ROOT / "tests" / "realfacts"
DEV = SHARED / "dev"
TYPES = {"support", "budget", "statement", "case_count"}


def test_realfacts_shape() -> None:
    facts = load_facts(REALFACTS)
    assert len(facts) >= 68
    for did, fl in facts.items():
        for f in fl:
            assert f["type"] in TYPES, did
            assert set(f) <= {"type", "sentence", *FACT_FIELDS}, (did, f)  # values and offsets only, no text
            s = f["sentence"]
            assert 0 <= s["start"] < s["end"], did
            anchor = {"support": ("beneficiaries", "amount"), "budget": ("amount",), "statement": ("official",),
                      "case_count": ("count",)}[f["type"]]
            assert any(f.get(k) not in (None, []) for k in anchor), (did, f)


def test_realfacts_offsets_fit_the_articles() -> None:
    arts = {json.loads(x)["id"]: json.loads(x) for x in need_shared(DEV / "articles.jsonl").read_text(encoding="utf-8").splitlines() if x}
    facts = load_facts(REALFACTS)
    assert set(facts) == set(arts)
    for did, fl in facts.items():
        for f in fl:
            assert f["sentence"]["end"] <= len(arts[did]["text"]), did


def test_default_realfacts_is_the_project_directory() -> None:
    assert default_realfacts() == REALFACTS


def test_add_facts_only_fills_records_without_facts() -> None:
    gold = {"a": {"facts": [{"type": "budget", "amount": 1}]}, "b": {}, "c": {}}
    assert add_facts(gold, {"a": [], "b": [{"type": "budget", "amount": 2}]}) == 1
    assert gold["a"]["facts"] == [{"type": "budget", "amount": 1}]
    assert gold["b"]["facts"] == [{"type": "budget", "amount": 2}]
    assert "facts" not in gold["c"]


def test_eval_on_dev_prints_a_facts_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_shared(DEV)
    js = tmp_path / "scores.json"
    assert main([str(DEV), "--json", str(js)]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("facts ") for line in out.splitlines())
    facts = json.loads(js.read_text(encoding="utf-8"))["sets"]["dev"]["facts"]
    assert facts["gold"] == sum(len(v) for v in load_facts(REALFACTS).values())
    assert main([str(DEV), "--facts", "none"]) == 0
    assert not any(line.startswith("facts ") for line in capsys.readouterr().out.splitlines())
