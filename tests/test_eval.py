"""The eval command: same numbers as the shared scorer, failure listing, facts scoring, corpus build."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SHARED, need_shared
from vn_welfare_extract.evaluate import TYPES, load_gold, main, norm, score

SCORE_PY = SHARED / "eval" / "score.py"
DEV = SHARED / "dev"
CORPUS = ROOT / "corpus"


def _perturb(gold: dict[str, dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Predictions made from gold with every kind of error the scorer distinguishes: dropped,
    shifted, wrong-valued, duplicated and invented items; officials with other titles or tone
    placement; policies with other issuers, years, zero-padded numbers; a missing record."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for i, (gid, g) in enumerate(sorted(gold.items())):
        if i % 11 == 5:
            continue  # no prediction for this article
        p: dict[str, Any] = {("id" if i % 7 == 3 else "doc_id"): gid}
        for kind in ("dates", "amounts", "counts"):
            items = []
            for it in copy.deepcopy(g.get(kind) or []):
                r = rng.random()
                if r < 0.12:
                    continue
                if r < 0.25:
                    it["value"] = "1999" if kind == "dates" else (it.get("value") or 0) + 7
                elif r < 0.32:
                    it["start"] += 1
                    it["end"] += 4
                elif r < 0.38 and kind == "dates":
                    it["end_value"] = "2000"
                elif r < 0.42 and kind == "amounts":
                    it["currency"] = rng.choice(["USD", "vnđ", "đồng", None])
                items.append(it)
                if rng.random() < 0.08:  # an overlapping duplicate
                    d = dict(it)
                    d["start"] = it["start"] + 1
                    items.append(d)
            if rng.random() < 0.3:
                items.append({"text": "x", "start": 3, "end": 9, "value": 5})
            rng.shuffle(items)
            p[kind] = items
        offs = []
        for o in copy.deepcopy(g.get("officials") or []):
            r = rng.random()
            if r < 0.12:
                continue
            if r < 0.3:
                o["titles"] = rng.choice([[], [{"title": "Giám đốc Sở"}], ["Phó Chủ tịch, Bí thư"], [{"title": None}]])
            elif r < 0.4:
                o["name"] = o["name"].replace("Hòa", "Hoà").upper()
            offs.append(o)
            if rng.random() < 0.07:
                offs.append(o)
        if rng.random() < 0.4:
            offs.append({"name": "Nguyễn Văn Không", "titles": [{"title": "Chủ tịch"}]})
        offs.append({"name": "", "titles": []})
        p["officials"] = offs
        pols = []
        for x in copy.deepcopy(g.get("policies") or []):
            r = rng.random()
            if r < 0.12:
                continue
            if r < 0.25:
                x["issuer"] = "Bộ Tài chính"
            elif r < 0.32:
                x["year"] = 1990
            elif r < 0.4 and x.get("number"):
                x["number"] = "0" + str(x["number"])
            elif r < 0.45:
                x["year"] = None
            pols.append(x)
        if rng.random() < 0.3:
            pols.append({"kind": "Luật", "number": None, "title": "Luật Đất đai năm 2013"})
        p["policies"] = pols
        out.append(p)
    return out


def _write(tmp: Path, preds: list[dict[str, Any]]) -> Path:
    f = tmp / "pred.jsonl"
    f.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    return f


def _shared_scores(gold_dir: Path, pred: Path, tmp: Path) -> dict[str, Any]:
    out = tmp / "shared.json"
    subprocess.run([sys.executable, str(SCORE_PY), str(gold_dir), str(pred), "--json", str(out)],
                   check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _our_scores(gold_dir: Path, pred: Path, tmp: Path) -> dict[str, Any]:
    out = tmp / "ours.json"
    assert main([str(gold_dir), "--pred", str(pred), "--json", str(out)]) == 0
    sets = json.loads(out.read_text(encoding="utf-8"))["sets"]
    assert len(sets) == 1
    return next(iter(sets.values()))


def _assert_same(shared: dict[str, Any], ours: dict[str, Any]) -> None:
    assert ours["docs"] == shared["docs"]
    assert ours["missing_predictions"] == shared["missing_predictions"]
    for k in (*TYPES, "posts"):  # posts: name + title + organisation, the shared scorer's sixth line
        for f in ("gold", "pred", "span_tp", "value_tp"):
            assert ours[k][f] == shared[k][f], (k, f)
        assert ours[k]["span"] == pytest.approx(shared[k]["span"])
        assert ours[k]["value"] == pytest.approx(shared[k]["value"])
    assert ours["headline_value_f1"] == pytest.approx(shared["headline_value_f1"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_numbers_as_shared_scorer_on_dev(seed: int, tmp_path: Path) -> None:
    need_shared(SCORE_PY)
    gold_dir = need_shared(DEV / "gold")
    pred = _write(tmp_path, _perturb(load_gold(gold_dir), seed))
    _assert_same(_shared_scores(gold_dir, pred, tmp_path), _our_scores(DEV, pred, tmp_path))


def test_same_numbers_as_shared_scorer_on_corpus(tmp_path: Path) -> None:
    need_shared(SCORE_PY)
    pred = _write(tmp_path, _perturb(load_gold(CORPUS / "gold"), 7))
    _assert_same(_shared_scores(CORPUS / "gold", pred, tmp_path), _our_scores(CORPUS, pred, tmp_path))


def test_same_numbers_as_shared_scorer_on_extractor_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_shared(SCORE_PY)
    need_shared(DEV)
    out, js = tmp_path / "dev_pred.jsonl", tmp_path / "ours.json"
    assert main([str(DEV), "--out", str(out), "--json", str(js)]) == 0
    ours = json.loads(js.read_text(encoding="utf-8"))["sets"]["dev"]
    _assert_same(_shared_scores(DEV / "gold", out, tmp_path), ours)
    assert "headline (mean value-F1 over 5 types)" in capsys.readouterr().out


def test_perfect_and_empty_predictions() -> None:
    gold = load_gold(CORPUS / "gold")
    perfect = score(gold, gold)
    for k in TYPES:
        assert perfect.tallies[k].value() == (1.0, 1.0, 1.0), k
    assert perfect.facts.value() == (1.0, 1.0, 1.0)
    assert not perfect.failures
    empty = score(gold, {})
    assert empty.missing_predictions == len(gold)
    assert {f.kind for f in empty.failures} == {"MISSED"}
    assert empty.headline == 0.0


def _gold_doc() -> dict[str, Any]:
    return {
        "dates": [{"text": "ngày 6-10", "start": 10, "end": 19, "value": "2021-10-06"}],
        "amounts": [{"text": "357 tỉ đồng", "start": 40, "end": 51, "value": 357000000000, "currency": "VND"}],
        "counts": [{"text": "5.500 hộ", "start": 60, "end": 68, "value": 5500}],
        "officials": [{"name": "Phạm Tấn Hòa", "titles": [{"title": "Phó Chủ tịch"}]}],
        "policies": [{"kind": "Nghị quyết", "number": "68", "issuer": "Chính phủ"}],
        "facts": [
            {"type": "support", "location": "Long An", "as_of": "2021-10-06", "beneficiaries": [5500], "amount": 357000000000},
            {"type": "case_count", "location": "Long An", "count": 12},
        ],
    }


def test_failures_by_kind_and_facts() -> None:
    g = _gold_doc()
    p = {
        "dates": [{"text": "6-10", "start": 15, "end": 19, "value": "2020-10-06", "rule": "dmy"}],  # wrong value
        "amounts": [],  # missed
        "counts": [{"text": "5.500 hộ", "start": 60, "end": 68, "value": 5500},
                   {"text": "12 xe", "start": 90, "end": 95, "value": 12}],  # one spurious
        "officials": [{"name": "Phạm Tấn Hoà", "titles": [{"title": "Phó Chủ tịch UBND tỉnh"}]}],  # tone folded, qualifier ok
        "policies": [{"kind": "nghị quyết", "number": "068", "issuer": "Quốc hội"}],  # wrong issuer
        "facts": [
            {"type": "support", "location": "Long An", "as_of": "2021-10-06", "beneficiaries": [5500], "amount": 1},
            {"type": "case_count", "location": "long an", "count": 12, "links": {}},
            {"type": "statement", "official": "Phạm Tấn Hòa"},
        ],
    }
    rep = score({"d1": g}, {"d1": p})
    kinds = {(f.type, f.kind) for f in rep.failures}
    assert kinds == {("dates", "WRONG"), ("amounts", "MISSED"), ("counts", "SPURIOUS"), ("policies", "WRONG"),
                     ("facts", "WRONG"), ("facts", "SPURIOUS")}
    assert rep.tallies["officials"].value_tp == 1
    assert rep.tallies["counts"].span() == (0.5, 1.0, pytest.approx(2 / 3))
    assert (rep.facts.gold, rep.facts.pred, rep.facts.span_tp, rep.facts.value_tp) == (2, 3, 2, 1)
    wrong = next(f for f in rep.failures if f.type == "facts" and f.kind == "WRONG")
    assert wrong.gold_value == {"amount": 357000000000} and wrong.pred_value == {"amount": 1}


def test_facts_not_scored_without_gold_facts() -> None:
    g = _gold_doc()
    del g["facts"]
    rep = score({"d1": g}, {"d1": {"facts": [{"type": "support", "amount": 5}]}})
    assert rep.facts_docs == 0 and rep.facts.pred == 0
    assert "facts" not in rep.value_f1()
    assert rep.to_dict()["facts"] is None


def test_policy_field_of_a_fact_matches_by_number() -> None:
    g = {"facts": [{"type": "support", "amount": 5, "policy": "Nghị quyết 68"}]}
    assert score({"d": g}, {"d": {"facts": [{"type": "support", "amount": 5, "policy": "68/NQ-CP"}]}}).facts.value_tp == 1
    assert score({"d": g}, {"d": {"facts": [{"type": "support", "amount": 5, "policy": "116/NQ-CP"}]}}).facts.value_tp == 0


def test_norm_folds_tone_placement_case_and_punctuation() -> None:
    assert norm("Phạm Tấn Hoà") == norm("PHẠM TẤN HÒA")
    assert norm("Bộ Lao động, Thương binh và Xã hội") == norm("Bộ Lao động - Thương binh và Xã hội")
    assert norm(None) == ""


def test_cli_show_lists_failures_by_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    preds = _perturb(load_gold(CORPUS / "gold"), 3)
    pred = _write(tmp_path, preds)
    assert main([str(CORPUS), "--pred", str(pred), "--show", "2"]) == 0
    out = capsys.readouterr().out
    assert "missed (in gold, not found)" in out and "wrong value" in out and "spurious" in out
    assert "… " in out  # context from the article text
    assert main([str(CORPUS), "--pred", str(pred), "--show", "50", "--kind", "officials"]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("  vn-")]
    assert lines and all(" officials " in ln for ln in lines)


def test_cli_default_corpus_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred = _write(tmp_path, [])
    assert main(["--pred", str(pred)]) == 0
    assert "corpus: " in capsys.readouterr().out
    assert main([str(tmp_path / "nowhere")]) == 2
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "a.json").write_text(json.dumps({"doc_id": "a", "dates": []}), encoding="utf-8")
    assert main([str(tmp_path / "g")]) == 2  # gold without articles and no --pred
    assert main([str(tmp_path / "g"), "--pred", str(pred)]) == 0


def test_module_entry_point(tmp_path: Path) -> None:
    pred = _write(tmp_path, [])
    r = subprocess.run([sys.executable, "-m", "vn_welfare_extract.evaluate", str(CORPUS), "--pred", str(pred)],
                       capture_output=True, text=True, check=True)
    assert "headline" in r.stdout


@pytest.mark.parametrize("root", ["corpus", "corpus/heldout"])
def test_corpus_is_built_from_its_sources(root: str) -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_corpus.py"), "--check", "--root", str(ROOT / root)],
        capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stderr


def test_corpus_offsets_and_shape() -> None:
    arts = {json.loads(x)["id"]: json.loads(x) for x in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
    gold = load_gold(CORPUS / "gold")
    assert set(arts) == set(gold) and len(gold) >= 12
    for gid, g in gold.items():
        text = arts[gid]["text"]
        for kind in ("dates", "amounts", "counts"):
            for it in g[kind]:
                assert text[it["start"] : it["end"]] == it["text"], (gid, it)
        for kind in ("officials", "policies"):
            for o in g[kind]:
                assert o["mentions"], (gid, o)
                for m in o["mentions"]:
                    assert text[m["start"] : m["end"]] == m["text"], (gid, m)
    import unicodedata

    assert any(not unicodedata.is_normalized("NFC", a["text"]) for a in arts.values()), "one article is in NFD"
