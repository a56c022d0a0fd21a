"""Accuracy gates: per-type value-F1 floors on corpus/ and (when present) ../shared/dev.

The floors live in ``tests/gates.json`` and only move up (``scripts/raise_gates.py``). A drop
below a floor fails with the set, the type and the size of the drop.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SHARED, need_shared
from vn_welfare_extract import Extractor
from vn_welfare_extract.evaluate import check_floors, evaluate, load_facts, raised_floors

GATES = json.loads((ROOT / "tests" / "gates.json").read_text(encoding="utf-8"))
FLOORS: dict[str, dict[str, float]] = GATES["floors"]
SETS = {"corpus": ROOT / "corpus", "dev": SHARED / "dev"}


def _scores(path: Path, extractor: Any) -> dict[str, float]:
    facts = load_facts(ROOT / "tests" / "realfacts")  # the dev articles' facts gold (the corpus has its own)
    (rep,), _ = evaluate([path], extractor=extractor, facts=facts)
    return rep.value_f1()


@pytest.fixture(scope="module")
def real_scores(extractor: Any) -> dict[str, dict[str, float]]:
    out = {"corpus": _scores(SETS["corpus"], extractor)}
    if SETS["dev"].exists():
        out["dev"] = _scores(SETS["dev"], extractor)
    return out


@pytest.mark.parametrize("name", ["corpus", "dev"])
def test_value_f1_at_or_above_floors(name: str, real_scores: dict[str, dict[str, float]]) -> None:
    if name == "dev":
        need_shared(SETS["dev"])
    problems = check_floors(name, real_scores[name], FLOORS.get(name, {}))
    assert not problems, "accuracy gate failed:\n" + "\n".join(problems)


def test_floors_cover_every_type() -> None:
    for name in ("corpus", "dev"):
        assert set(FLOORS[name]) >= {"dates", "amounts", "counts", "officials", "policies"}, name
    assert "facts" in FLOORS["corpus"]
    assert all(0.0 <= v <= 1.0 for fl in FLOORS.values() for v in fl.values())


class _Dropping:
    """Wraps a component and throws away everything it found."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name

    def __call__(self, doc: Any, rec: Any) -> None:
        self.inner(doc, rec)
        getattr(rec, self.name).clear()


def test_gates_fail_a_broken_extractor(real_scores: dict[str, dict[str, float]]) -> None:
    floors = FLOORS["corpus"]
    kind = max((k for k in floors if k != "facts"), key=lambda k: floors[k])
    if floors[kind] <= 0:
        pytest.skip("no corpus floor above 0 yet")
    broken = Extractor()
    broken._components = [_Dropping(c) if c.name == kind else c for c in broken._components]
    problems = check_floors("corpus", _scores(SETS["corpus"], broken), floors)
    assert any(p.startswith(f"corpus {kind}: ") and "drop" in p for p in problems), problems
    # the same gates pass the real extractor
    assert not check_floors("corpus", real_scores["corpus"], floors)


def test_floor_messages_name_the_type_and_the_drop() -> None:
    msgs = check_floors("dev", {"dates": 0.80, "amounts": 0.95}, {"dates": 0.90, "amounts": 0.95, "counts": 0.5})
    assert msgs == [
        "dev dates: value-F1 0.800 is below its floor 0.900 (drop 0.100)",
        "dev counts: no score (floor 0.500)",
    ]


def test_floors_only_move_up() -> None:
    new = raised_floors({"dates": 0.95, "amounts": 0.40, "facts": 0.005}, {"dates": 0.90, "amounts": 0.60})
    assert new == {"dates": 0.94, "amounts": 0.60, "facts": 0.0}
