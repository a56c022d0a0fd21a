#!/usr/bin/env python3
"""Raise the accuracy floors in tests/gates.json to the current scores minus a margin.

    python scripts/raise_gates.py [--margin 0.01] [--dry-run]

Scores the extractor on corpus/ and, when it is beside the checkout, on ../shared/dev; each
per-type value-F1 floor becomes max(old floor, score - margin). Floors never go down: lowering
one is an explicit, explained edit of tests/gates.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GATES = ROOT / "tests" / "gates.json"
SETS = {"corpus": ROOT / "corpus", "dev": ROOT.parent / "shared" / "dev"}


def main(argv: list[str] | None = None) -> int:
    from vn_welfare_extract.evaluate import evaluate, load_facts, raised_floors

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--margin", type=float, default=None, help="default: the margin stored in gates.json (0.01)")
    ap.add_argument("--dry-run", action="store_true", help="print the new floors, write nothing")
    a = ap.parse_args(argv)
    gates = json.loads(GATES.read_text(encoding="utf-8")) if GATES.is_file() else {"margin": 0.01, "floors": {}}
    margin = a.margin if a.margin is not None else float(gates.get("margin", 0.01))
    floors = gates.setdefault("floors", {})
    for name, path in SETS.items():
        if not path.is_dir():
            print(f"{name}: {path} not present, floors kept")
            continue
        (rep,), _ = evaluate([path], facts=load_facts(ROOT / "tests" / "realfacts"))
        scores = rep.value_f1()
        old = floors.get(name, {})
        new = raised_floors(scores, old, margin)
        for k in new:
            mark = "" if new[k] == old.get(k) else f"  (was {old.get(k, 0.0):.3f})"
            print(f"{name:7} {k:10} score {scores.get(k, float('nan')):.3f}  floor {new[k]:.3f}{mark}")
        floors[name] = new
    if not a.dry_run:
        GATES.write_text(json.dumps(gates, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {GATES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
