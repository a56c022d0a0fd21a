"""Example tables as data: every row of ``tests/cases/<type>.jsonl`` is one test (id ``file:line``).

A row::

    {"text": "...", "published": "2021-10-09", "items": [{"text": "Ngày 8-10", "value": "2021-10-08"}],
     "type": "dates", "exact": true, "xfail": "reason"}

- ``type`` defaults to the file's stem (``dates``, ``amounts``, ``counts``, ``officials``,
  ``policies``, ``organizations``, ``locations``, ``facts``).
- ``items`` lists the expected items of that type in document order; only the keys given are
  compared. ``mentions`` may be given as a list of surface strings. ``[]`` is a negative row:
  nothing of that type may be found.
- ``exact`` (default true): no other items of that type may be found; false: the expected
  items must be among those found (in order).
- ``xfail``: a known failure, kept as a strict xfail with its reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vn_welfare_extract.api import default_extractor

CASES = Path(__file__).parent / "cases"


def _rows() -> list[Any]:
    out = []
    for f in sorted(CASES.glob("*.jsonl")):
        for lineno, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            row = json.loads(line)
            row.setdefault("type", f.stem)
            marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
            out.append(pytest.param(row, id=f"{f.name}:{lineno}", marks=marks))
    return out


_extractor = default_extractor  # the library's shared Extractor, built once


def item_matches(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    for k, v in expected.items():
        got = actual.get(k)
        if k == "mentions" and v and isinstance(v[0], str):
            got = [m["text"] for m in got or []]
        elif k == "titles" and isinstance(v, list):
            got = [{kk: t.get(kk) for kk in (v[i] if i < len(v) else {})} for i, t in enumerate(got or [])]
            if len(got) != len(v):
                return False
        if got != v:
            return False
    return True


def check_row(row: dict[str, Any]) -> None:
    rec = _extractor().extract(row["text"], published=row.get("published"), doc_id=row.get("doc_id"))
    crashed = [w.message for w in rec.warnings if w.code == "component_error"]
    assert not crashed, f"a component failed on this row (api.py keeps the article and warns): {crashed}"
    d = rec.to_dict()
    got = d[row["type"]]
    text = row["text"]
    for item in got:  # offsets are sacred, in every row
        for m in item.get("mentions", [item]) if row["type"] != "facts" else []:
            assert text[m["start"]:m["end"]] == m["text"]
    want = row["items"]
    shown = json.dumps(got, ensure_ascii=False, indent=1)
    if row.get("exact", True):
        assert len(got) == len(want), f"expected {len(want)} {row['type']}, got {len(got)}:\n{shown}"
        for e, a in zip(want, got, strict=True):
            assert item_matches(e, a), f"expected {e}\ngot {shown}"
    else:
        pos = 0
        for e in want:
            while pos < len(got) and not item_matches(e, got[pos]):
                pos += 1
            assert pos < len(got), f"expected {e} among:\n{shown}"
            pos += 1


@pytest.mark.parametrize("row", _rows())
def test_case(row: dict[str, Any]) -> None:
    check_row(row)
