"""One organisation alias that only a user lexicon knows, and an article written for it: the
alias names the body, the official's post and the issuer of a decision (issue 13: user
lexicons reach the CLI, the batch workers, Dask, Spark, ``show`` and spaCy)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ALIAS = "Ban ĐBXH Hòa Vang"
CANONICAL = "Ban Đảm bảo xã hội huyện Hòa Vang"
TEXT = (
    "Ngày 3-4, ông Lê Văn Thạch, Trưởng Ban ĐBXH Hòa Vang, cho biết Quyết định số 27/QĐ-BĐBXH "
    "của Ban ĐBXH Hòa Vang hỗ trợ 300 hộ nghèo, mỗi hộ 2 triệu đồng."
)
ARTICLE = {"id": "lex-1", "published": "2024-04-05", "text": TEXT}


def write_lexicon(folder: Path, kind: str) -> Path:
    """The lexicon as a TSV or a JSON file."""
    if kind == "json":
        path = folder / "lexicon.json"
        path.write_text(json.dumps({"organizations": {ALIAS: CANONICAL}}, ensure_ascii=False), encoding="utf-8")
    else:
        path = folder / "lexicon.tsv"
        path.write_text(f"# my bodies\norganization\t{ALIAS}\t{CANONICAL}\n", encoding="utf-8")
    return path


def normalised_everywhere(rec: dict[str, Any]) -> bool:
    """The alias comes out as the canonical name in the organisation, the post and the issuer."""
    orgs = [o["name"] for o in rec["organizations"]]
    posts = [t["organization"] for o in rec["officials"] for t in o["titles"]]
    issuers = [p["issuer"] for p in rec["policies"]]
    return orgs == [CANONICAL] and posts == [CANONICAL] and issuers == [CANONICAL]
