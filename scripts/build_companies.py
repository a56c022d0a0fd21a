#!/usr/bin/env python3
"""Build ``data/listed_companies.tsv`` (Vietnam's listed companies by ticker) from public listing data.

Source (offline): ``data/symbols.json`` of ``vnstock-js`` (https://github.com/ttqteo/vnstock-js,
Apache-2.0, © ttqteo): the symbol directory of the Vietnamese exchanges (HOSE = ``HSX``, HNX,
UPCOM) with each symbol's registered company name in Vietnamese. Fetch it without installing::

    git clone --depth 1 https://github.com/ttqteo/vnstock-js /tmp/vnstock-js

    .venv/bin/python scripts/build_companies.py /tmp/vnstock-js/data/symbols.json

The hand-reviewed rows of ``companies.tsv`` win: a listed company whose ticker or name one of them
covers gets that row's canonical name and kind and no aliases (the hand row holds them). Delisted
symbols, bonds, funds and warrants are left out.

What each built row holds:
- canonical: the registered name as listed, spaces folded, ``Công ty Cổ phần`` spelt so, and a
  trailing legal form after a dash dropped (``Tổng Công ty X - CTCP`` -> ``Tổng Công ty X``);
- kind: ``bank`` for ``Ngân hàng …``, else ``company``;
- aliases: the same name with its legal form abbreviated as the press writes it (``Công ty Cổ phần X``
  -> ``CTCP X``, ``Công ty CP X``; ``Ngân hàng Thương mại Cổ phần X`` -> ``Ngân hàng TMCP X``) and
  without a trailing legal form (``Tổng Công ty X - CTCP`` -> ``Tổng Công ty X``).
Tickers are NOT aliases: they match only written in capitals after a stock cue (``orgnames``), so
``TOP``, ``HOT`` or ``CAN`` never match ordinary words. The file is kept out of the alias trie (1,800
more names would add seconds to compiling every ``Extractor``); ``orgnames`` looks names up in a dict.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "vn_welfare_extract" / "data"
HAND = DATA / "companies.tsv"
OUT = DATA / "listed_companies.tsv"
HEADER = """\
# Vietnam's listed companies (HOSE, HNX, UPCOM): ticker, registered name, kind and the forms the press
# writes the name in, so a company named in full (`CTCP Thép Nam Kim`) or by ticker after a stock cue
# (`cổ phiếu NKG`, `(HOSE: NKG)`) normalises to its registered name. Generated: do not edit by hand.
# source: vnstock-js (https://github.com/ttqteo/vnstock-js, Apache-2.0, (c) ttqteo) data/symbols.json, the
# exchanges' symbol directory (commit 36c2e37, 2026-04-03); built by scripts/build_companies.py. A ticker or
# name that a hand-reviewed row of companies.tsv covers takes that row's canonical name (the hand row wins).
# canonical: the registered name as listed (legal form spelt `Công ty Cổ phần`; a trailing `- CTCP` dropped, kept
# as an alias, since the press writes `Tổng Công ty X`); kind: bank | company (or the
# hand row's kind); aliases: |-separated, never the ticker (tickers match only in capitals after a stock cue).
"""
_TICKER_RE = re.compile(r"[A-Z][A-Z0-9]{2}")
_HEAD_CASE_RE = re.compile(r"^Công [Tt]y [Cc]ổ [Pp]hần ")
EXCHANGES = {"HSX", "HNX", "UPCOM"}
# A trailing legal form after a dash: ``Tổng Công ty X - CTCP``, ``Tập đoàn X - Công ty CP``.
_SUFFIX_RE = re.compile(r"\s*-\s*(?:CTCP|Công ty Cổ phần|Công ty CP|Công ty cổ phần)$")
_SUFFIXES = ("CTCP", "Công ty Cổ phần", "Công ty CP")
_CTCP_HEADS = ("Công ty Cổ phần ", "Công ty cổ phần ", "Công ty CP ", "CTCP ")
_BANK_HEAD = "Ngân hàng Thương mại Cổ phần "
# Not companies a post's body names: fund certificates, warrants, bonds listed beside shares.
_NOT_COMPANY_RE = re.compile(r"(?i)^(?:Quỹ|Chứng quyền|Trái phiếu|Hợp đồng tương lai)|\bETF\b|Futures")


def key(s: str) -> str:
    """Comparison key: case folded, spaces folded, a trailing legal form dropped."""
    return " ".join(_SUFFIX_RE.sub("", s).casefold().split())


def variants(name: str) -> list[str]:
    """The forms the press writes a registered name in (the name itself first)."""
    bare = _SUFFIX_RE.sub("", name)
    # ``Tổng Công ty X - CTCP``: the press writes ``Tổng Công ty X``, the name the record keeps.
    out = [bare, name, *(f"{bare} - {form}" for form in _SUFFIXES)] if bare != name and len(bare.split()) >= 4 else [name]
    for head in _CTCP_HEADS:
        if name.startswith(head):
            rest = name[len(head):]
            if rest.startswith("- "):  # ``Công ty Cổ phần - Tổng công ty X``: the trading name follows
                out.append(rest[2:])
            else:
                out += [f"Công ty Cổ phần {rest}", f"CTCP {rest}", f"Công ty CP {rest}"]
            break
    if name.startswith(_BANK_HEAD):
        out.append("Ngân hàng TMCP " + name[len(_BANK_HEAD):])
    kept: dict[str, str] = {}
    for v in out:
        kept.setdefault(v.casefold(), v)
    return list(kept.values())


def main(source: Path) -> None:
    hand: dict[str, tuple[str, str]] = {}  # key of a hand-reviewed alias -> (canonical, kind)
    for row in _rows(HAND):
        for a in (row[0], *row[2].split("|")):
            if a.strip():
                hand[key(a)] = (row[0], row[1])
    rows: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    by_hand = 0
    for item in json.loads(source.read_text(encoding="utf-8")):
        ticker = str(item.get("symbol") or "").strip()
        name = _legal_head(" ".join(str(item.get("companyName") or "").split()))
        if item.get("exchange") not in EXCHANGES or not _TICKER_RE.fullmatch(ticker) or not name or _NOT_COMPANY_RE.search(name):
            continue
        forms = variants(name)
        known = hand.get(key(ticker)) or next((hand[key(f)] for f in forms if key(f) in hand), None)
        if known is not None:
            rows.append((ticker, known[0], known[1], ""))  # the hand row names it (and wins)
            by_hand += 1
            continue
        forms = [f for f in forms if key(f) not in seen]
        seen.update(key(f) for f in forms)
        if forms:
            rows.append((ticker, forms[0], "bank" if name.startswith("Ngân hàng") else "company", "|".join(forms[1:])))
    rows.sort()
    OUT.write_text(HEADER + "ticker\tcanonical\tkind\taliases\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} listed companies, {by_hand} of them named by hand-reviewed rows", file=sys.stderr)


def _rows(path: Path) -> list[list[str]]:
    out: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            out.append([*line.split("\t"), "", ""][:3])
    return [r for r in out if r[0] != "canonical"]


def _legal_head(name: str) -> str:
    """``Công Ty Cổ Phần X``, ``Công ty cổ phần X`` -> ``Công ty Cổ phần X`` (the registered spelling)."""
    return _HEAD_CASE_RE.sub("Công ty Cổ phần ", name, count=1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_companies.py PATH/TO/vnstock-js/data/symbols.json")
    main(Path(sys.argv[1]))
