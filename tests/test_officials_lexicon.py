"""Every entry of ``data/titles.tsv`` and ``data/family_names.tsv`` is exercised by an example."""

from __future__ import annotations

from typing import Any

import pytest

from vn_welfare_extract.lexicons import load_table

TITLES = load_table("titles")
FAMILIES = [r["family"] for r in load_table("family_names")]


@pytest.mark.parametrize("row", TITLES, ids=lambda r: r["title"])
def test_title_entry(row: dict[str, str], extractor: Any) -> None:
    text = f"Ông Nguyễn Văn An, {row['title']} Sở Y tế tỉnh Nam Định, cho biết tỉnh đã chi trả xong."
    officials = extractor.extract(text).officials
    if row["kind"] in ("rank", "honor"):  # never a post
        assert officials == [], officials
    else:
        assert [o.name for o in officials] == ["Nguyễn Văn An"]
        assert officials[0].titles[0].title == row["canonical"]


@pytest.mark.parametrize("family", FAMILIES)
def test_family_entry(family: str, extractor: Any) -> None:
    text = f"Giám đốc Sở Y tế {family} Văn An cho biết tỉnh đã chi trả xong."
    officials = extractor.extract(text).officials
    assert [o.name for o in officials] == [f"{family} Văn An"]
