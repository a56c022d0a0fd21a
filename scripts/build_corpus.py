#!/usr/bin/env python3
"""Build corpus/articles.jsonl and corpus/gold/<id>.json from the annotated sources corpus/src/*.txt.

    python scripts/build_corpus.py            # (re)write the built files
    python scripts/build_corpus.py --check    # exit 1 when the built files are stale or a source is bad

A source file is a header, a line ``---``, then the article body with inline markup::

    id: vn-001
    published: 2021-10-09
    title: Long An hỗ trợ người lao động
    nfd: true                                   # optional: the built text is in NFD
    @official dung {"name": "Lê Tấn Dũng", "gender": "male", "titles": [{"title": "Thứ trưởng", "organization": "..."}]}
    @policy nq68 {"kind": "Nghị quyết", "number": "68", "year": null, "code": "68/NQ-CP", "issuer": "Chính phủ"}
    @fact {"type": "support", "location": "Long An", "beneficiaries": [435000], "amount": 357000000000}
    ---
    [[d|Ngày 8-10|2021-10-08|day|event]], Thứ trưởng [[o=dung|Lê Tấn Dũng]] ... [[p=nq68|Nghị quyết 68]] ...
    ... [[c|trên 435.000 người|435000|người|approx=over|group=người thuộc các nhóm đối tượng]]
    ... [[a|trên 357 tỉ đồng|357000000000|approx=over]] ...

Inline items (positional fields after the surface text, then ``key=value`` options; ``-`` is null):

- ``[[d|SURFACE|VALUE|GRAIN|ROLE]]`` a date; options ``end=`` (range end value).
- ``[[a|SURFACE|VALUE]]`` a money amount; options ``approx=``, ``per=``, ``cur=`` (default VND), ``end=``.
- ``[[c|SURFACE|VALUE|UNIT]]`` a person count; options ``approx=``, ``group=``, ``end=``.
- ``[[o=KEY|SURFACE]]`` a mention of the official declared as ``@official KEY {...}``.
- ``[[p=KEY|SURFACE]]`` a mention of the document declared as ``@policy KEY {...}``.

Offsets are computed while the markup is stripped, so they are right by construction; the script
re-checks ``text[start:end] == item.text`` for every item, and that every fact's numbers are
annotated items of the article.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

# One inline item: `[[tag|field|field...]]`; fields hold no `|` or `]`.
MARK_RE = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]]*?)\]\]")
HEADER_RE = re.compile(r"^(\w+):\s*(.*)$")
DECL_RE = re.compile(r"^@(official|policy)\s+(\S+)\s+(\{.*\})\s*$")
FACT_RE = re.compile(r"^@fact\s+(\{.*\})\s*$")


class SourceError(ValueError):
    pass


def _null(v: str) -> str | None:
    return None if v in ("-", "", "null") else v


def _int(v: str | None, where: str) -> int | None:
    if v is None:
        return None
    try:
        return int(v)
    except ValueError:
        raise SourceError(f"{where}: {v!r} is not an integer") from None


def parse_source(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """One source file -> (article, gold record)."""
    raw = path.read_text(encoding="utf-8")
    raw = unicodedata.normalize("NFC", raw)
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise SourceError(f"{path}: no '---' line between header and body")
    meta: dict[str, str] = {}
    officials: dict[str, dict[str, Any]] = {}
    policies: dict[str, dict[str, Any]] = {}
    facts: list[dict[str, Any]] = []
    for lineno, line in enumerate(head.splitlines(), 1):
        where = f"{path.name}:{lineno}"
        if not line.strip() or line.startswith("#"):
            continue
        if m := DECL_RE.match(line):
            kind, key, js = m.groups()
            obj = json.loads(js)
            obj["mentions"] = []
            (officials if kind == "official" else policies)[key] = obj
        elif m := FACT_RE.match(line):
            facts.append(json.loads(m.group(1)))
        elif m := HEADER_RE.match(line):
            meta[m.group(1)] = m.group(2).strip()
        else:
            raise SourceError(f"{where}: cannot read header line {line!r}")
    for k in ("id", "published"):
        if k not in meta:
            raise SourceError(f"{path}: header lacks {k}:")
    doc_id = meta["id"]
    nfd = meta.get("nfd", "false").lower() in ("true", "yes", "1")
    body = body.strip("\n")

    pieces: list[str] = []
    pos = 0  # length of the built text so far
    dates: list[dict[str, Any]] = []
    amounts: list[dict[str, Any]] = []
    counts: list[dict[str, Any]] = []

    def add_text(s: str) -> tuple[str, int, int]:
        nonlocal pos
        if nfd:
            s = unicodedata.normalize("NFD", s)
        start = pos
        pieces.append(s)
        pos += len(s)
        return s, start, pos

    last = 0
    for m in MARK_RE.finditer(body):
        add_text(body[last : m.start()])
        last = m.end()
        tag = m.group(1)
        fields = m.group(2).split("|")
        where = f"{path.name}: [[{tag}|{m.group(2)}]]"
        surface = fields[0]
        pos_fields = [f for f in fields[1:] if "=" not in f]
        opts = dict(f.split("=", 1) for f in fields[1:] if "=" in f)
        if not surface.strip() or surface != surface.strip():
            raise SourceError(f"{where}: empty surface or surrounding spaces")
        text, s, e = add_text(surface)
        if tag == "d":
            if len(pos_fields) != 3:
                raise SourceError(f"{where}: a date takes VALUE|GRAIN|ROLE")
            value, grain, role = (_null(x) for x in pos_fields)
            dates.append({"text": text, "start": s, "end": e, "value": value, "grain": grain, "role": role,
                          "end_value": _null(opts.pop("end", "-"))})
        elif tag == "a":
            if len(pos_fields) != 1:
                raise SourceError(f"{where}: an amount takes VALUE")
            amounts.append({"text": text, "start": s, "end": e, "value": _int(_null(pos_fields[0]), where),
                            "currency": opts.pop("cur", "VND"), "approx": _null(opts.pop("approx", "-")),
                            "per": _null(opts.pop("per", "-")), "end_value": _int(_null(opts.pop("end", "-")), where)})
        elif tag == "c":
            if len(pos_fields) != 2:
                raise SourceError(f"{where}: a count takes VALUE|UNIT")
            counts.append({"text": text, "start": s, "end": e, "value": _int(_null(pos_fields[0]), where),
                           "approx": _null(opts.pop("approx", "-")), "unit": pos_fields[1],
                           "group": _null(opts.pop("group", "-")), "end_value": _int(_null(opts.pop("end", "-")), where)})
        elif tag.startswith(("o=", "p=")):
            key = tag[2:]
            table = officials if tag[0] == "o" else policies
            if key not in table:
                raise SourceError(f"{where}: no @{'official' if tag[0] == 'o' else 'policy'} {key} declared")
            if pos_fields:
                raise SourceError(f"{where}: a mention takes only its surface")
            table[key]["mentions"].append({"text": text, "start": s, "end": e})
        else:
            raise SourceError(f"{where}: unknown tag {tag!r}")
        if opts:
            raise SourceError(f"{where}: unknown option(s) {sorted(opts)}")
    add_text(body[last:])
    if "[[" in body[last:] or "]]" in body[last:]:
        raise SourceError(f"{path}: unbalanced markup near the end")
    text = "".join(pieces)
    if nfd and text != unicodedata.normalize("NFD", "".join(unicodedata.normalize("NFC", p) for p in pieces)):
        raise SourceError(f"{path}: NFD pieces do not join to the NFD text")

    for key, o in {**officials, **policies}.items():
        if not o["mentions"]:
            raise SourceError(f"{path}: {key} is declared but never mentioned")
    offs = sorted(officials.values(), key=lambda o: o["mentions"][0]["start"])
    pols = sorted(policies.values(), key=lambda o: o["mentions"][0]["start"])
    for o in offs:
        o["name"] = unicodedata.normalize("NFC", o["name"])
    gold: dict[str, Any] = {
        "doc_id": doc_id,
        "published": meta["published"],
        "dates": dates,
        "amounts": amounts,
        "counts": counts,
        "officials": offs,
        "policies": pols,
        "facts": facts,
    }
    check_gold(path, text, gold)
    article = {"id": doc_id, "published": meta["published"], "title": meta.get("title") or None, "text": text}
    return article, gold


def _items(gold: dict[str, Any]) -> list[dict[str, Any]]:
    out = [*gold["dates"], *gold["amounts"], *gold["counts"]]
    for kind in ("officials", "policies"):
        for o in gold[kind]:
            out.extend(o["mentions"])
    return out


def check_gold(path: Path, text: str, gold: dict[str, Any]) -> None:
    """Offsets exact; every fact's numbers and dates are annotated items of the article."""
    for it in _items(gold):
        if text[it["start"] : it["end"]] != it["text"]:
            raise SourceError(f"{path}: offsets of {it['text']!r} are wrong")
    amounts = {a["value"] for a in gold["amounts"]}
    counts = {c["value"] for c in gold["counts"]}
    dates = {d["value"] for d in gold["dates"]}
    names = {o["name"] for o in gold["officials"]}
    for f in gold["facts"]:
        if f.get("type") not in ("support", "budget", "statement", "case_count"):
            raise SourceError(f"{path}: fact type {f.get('type')!r}")
        if f.get("amount") is not None and f["amount"] not in amounts:
            raise SourceError(f"{path}: fact amount {f['amount']} is not an annotated amount")
        for n in [*(f.get("beneficiaries") or []), *([f["count"]] if f.get("count") is not None else [])]:
            if n not in counts:
                raise SourceError(f"{path}: fact number {n} is not an annotated count")
        if f.get("as_of") is not None and f["as_of"] not in dates:
            raise SourceError(f"{path}: fact as_of {f['as_of']} is not an annotated date")
        if f.get("official") is not None and f["official"] not in names:
            raise SourceError(f"{path}: fact official {f['official']} is not an annotated official")


def build(src_dir: Path = CORPUS / "src") -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    articles: list[dict[str, Any]] = []
    golds: dict[str, dict[str, Any]] = {}
    for path in sorted(src_dir.glob("*.txt")):
        art, gold = parse_source(path)
        if art["id"] in golds:
            raise SourceError(f"{path}: duplicate id {art['id']}")
        articles.append(art)
        golds[art["id"]] = gold
    return articles, golds


def rendered(articles: list[dict[str, Any]], golds: dict[str, dict[str, Any]], root: Path = CORPUS) -> dict[Path, str]:
    out = {root / "articles.jsonl": "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)}
    for gid, g in golds.items():
        out[root / "gold" / f"{gid}.json"] = json.dumps(g, ensure_ascii=False, indent=1) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the built files are up to date")
    ap.add_argument("--root", type=Path, default=CORPUS,
                    help="the gold folder to build: ROOT/src/*.txt -> ROOT/articles.jsonl + ROOT/gold/ (default: corpus/; "
                    "the held-out set is corpus/heldout/)")
    a = ap.parse_args(argv)
    root: Path = a.root.resolve()
    try:
        articles, golds = build(root / "src")
    except (SourceError, json.JSONDecodeError) as e:
        print(f"build_corpus: {e}", file=sys.stderr)
        return 1
    files = rendered(articles, golds, root)
    stale_gold = {p for p in (root / "gold").glob("*.json")} - set(files)
    if a.check:
        bad = [str(p) for p, s in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != s]
        bad += [f"{p} (no source)" for p in sorted(stale_gold)]
        if bad:
            print("build_corpus: stale, run scripts/build_corpus.py: " + ", ".join(bad), file=sys.stderr)
            return 1
        print(f"corpus up to date: {len(articles)} articles")
        return 0
    (root / "gold").mkdir(parents=True, exist_ok=True)
    for p in stale_gold:
        p.unlink()
    for p, s in files.items():
        p.write_text(s, encoding="utf-8")
    n = {k: sum(len(g[k]) for g in golds.values()) for k in ("dates", "amounts", "counts", "officials", "policies", "facts")}
    print(f"{len(articles)} articles; " + ", ".join(f"{v} {k}" for k, v in n.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
