"""The currency table (data/currencies.tsv) is one table with every spelling of each name."""

from __future__ import annotations

import re

from vn_welfare_extract.lexicons import load_table

ROWS = load_table("currencies")
SURFACES = {r["surface"].lower(): r["currency"] for r in ROWS}


def test_codes_and_positions_are_well_formed() -> None:
    for r in ROWS:
        assert re.fullmatch(r"[A-Z]{3}", r["currency"]), r
        assert r["position"] in ("after", "both"), r


def test_no_surface_twice() -> None:
    assert len(SURFACES) == len(ROWS)


def test_every_dollar_name_in_every_spelling() -> None:
    """``đô la X``, ``đôla X`` and ``đô-la X`` name the same currency (``đôla Singapore`` was USD)."""
    for s, code in SURFACES.items():
        for head in ("đô la", "đôla", "đô-la"):
            if s.startswith(head):
                rest = s[len(head):]
                for other in ("đô la", "đôla", "đô-la"):
                    assert SURFACES.get(other + rest) == code, (s, other + rest)
