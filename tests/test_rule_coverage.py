"""Rule coverage: every rule name the code can write in an item's ``rule`` (the registry
``facts.RULES``) fires in at least one passing case row, and no unregistered name fires, neither
in the case rows nor on a sample of real articles (``../shared/bench``)."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import SHARED, need_shared
from vn_welfare_extract.api import TYPES, default_extractor
from vn_welfare_extract.facts import RULES, rule_atoms
from vn_welfare_extract.model import Record

CASES = Path(__file__).parent / "cases"
BENCH_SAMPLE = 150  # articles, from the start of the archive


def _fired(rec: Record, where: str, into: dict[str, dict[str, str]]) -> None:
    d = rec.to_dict()
    for kind in RULES:
        for item in d[kind]:
            for atom in rule_atoms(kind, item.get("rule", "")):
                into[kind].setdefault(atom, where)


def _case_rules() -> dict[str, dict[str, str]]:
    """type -> rule name -> the first passing case row (``file:line``) where it fires."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    ex = default_extractor()
    for f in sorted(CASES.glob("*.jsonl")):
        for lineno, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            row = json.loads(line)
            if row.get("xfail"):
                continue  # a rule shown only by a known failure has no example yet
            _fired(ex.extract(row["text"], published=row.get("published")), f"{f.name}:{lineno}", out)
    return out


def test_every_rule_fires_in_a_case_row() -> None:
    assert set(RULES) == set(TYPES), "facts.RULES has one entry per pipeline type"
    fired = _case_rules()
    never = {kind: sorted(names - fired[kind].keys()) for kind, names in RULES.items() if names - fired[kind].keys()}
    assert not never, f"registered rules no case row shows (add a row, or remove a dead rule): {never}"
    unknown = {kind: {n: w for n, w in got.items() if n not in RULES[kind]} for kind, got in fired.items()}
    unknown = {k: v for k, v in unknown.items() if v}
    assert not unknown, f"rule names missing from facts.RULES (name: first case row): {unknown}"


def test_real_articles_fire_only_registered_rules() -> None:
    path = need_shared(SHARED / "bench" / "articles.jsonl.gz")
    fired: dict[str, dict[str, str]] = defaultdict(dict)
    ex = default_extractor()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for _, line in zip(range(BENCH_SAMPLE), f, strict=False):
            a = json.loads(line)
            _fired(ex.extract(a["text"], published=a.get("published")), a["id"], fired)
    unknown = {kind: {n: w for n, w in got.items() if n not in RULES[kind]} for kind, got in fired.items()}
    assert not {k: v for k, v in unknown.items() if v}, f"rule names missing from facts.RULES (name: article): {unknown}"


@pytest.mark.parametrize(
    ("kind", "rule", "atoms"),
    [
        ("officials", "prenominal+apposition", ["prenominal", "apposition"]),
        ("facts", "budget.clause|place=none|date=as_of", ["budget.clause", "place=none", "date=as_of"]),
        ("dates", "range_since_my", ["range", "since", "my"]),
        ("dates", "relday_explicit", ["relday_explicit"]),
        ("counts", "count.unit", ["count.unit"]),
    ],
)
def test_rule_atoms(kind: str, rule: str, atoms: list[str]) -> None:
    assert rule_atoms(kind, rule) == atoms
