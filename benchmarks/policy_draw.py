"""Whole-article policy check: draw bench articles that mention documents, run the library on them
and, given a hand-made gold file, score the policies by value (``../shared/eval/score.py`` rules:
kind + number or title, years agreeing when both are known, issuer when the gold gives one).

    PYTHONPATH=src python benchmarks/policy_draw.py SEED N OUT.json [--exclude DRAW.json]... [--wide] [--prefix unc-world] [--gold GOLD.json]

OUT.json lists, per drawn article, the policies found; the gold file (kept outside the repository,
it quotes real titles) has the same shape with ``policies`` instead of ``pred``
(docs/accuracy.md, "Policies").
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

import regex

from vn_welfare_extract import Extractor

BENCH = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "articles.jsonl.gz"
# An article "mentions documents" when a kind word has a number or a capitalised law name follows,
# or a code with a document type appears.
MENTIONS = regex.compile(
    r"(?:\b(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh)\s+\p{Lu}|(?i:\b(?:nghị quyết|nghị định|quyết định|chỉ thị|thông tư|"
    r"công điện|công văn|kế hoạch|thông báo|hướng dẫn|kết luận|chương trình|đề án|văn bản)\s+(?:số\s+)?\d)|\b\d+/(?:\d{4}/)?\p{Lu}+)"
)
# The wide pool (``--wide``): any capitalised kind word, a law written in lower case, or a code —
# documents named without a number and foreign laws, which MENTIONS under-samples.
WIDE = regex.compile(
    r"\b(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư|Công điện|Công văn|"
    r"Kế hoạch|Thông báo|Hướng dẫn|Kết luận|Chương trình|Đề án|Điều lệ)\b|\bluật\s+\p{L}|\b\d+/(?:\d{4}/)?\p{Lu}+"
)
FIELDS = ("kind", "number", "title", "year", "code", "issuer", "issued_on", "rule")


def draw(seed: int, n: int, exclude: set[str], wide: bool = False, prefix: str = "") -> list[dict[str, Any]]:
    with gzip.open(BENCH, "rt", encoding="utf-8") as f:
        arts = [json.loads(line) for line in f]
    pool = WIDE if wide else MENTIONS
    cands = [a for a in arts if a["id"].startswith(prefix) and pool.search(a["text"])]
    random.Random(seed).shuffle(cands)
    ex = Extractor(types=["policies"])
    out = []
    for a in [a for a in cands if a["id"] not in exclude][:n]:
        rec = ex.extract(a["text"], published=a.get("published"), doc_id=a["id"])
        pred = [{**{k: getattr(p, k) for k in FIELDS}, "mentions": [m.text for m in p.mentions]} for p in rec.policies]
        out.append({"id": a["id"], "pub": a.get("published"), "pred": pred})
    return out


def score(gold: list[dict[str, Any]], drawn: list[dict[str, Any]]) -> None:
    sys.path.insert(0, str(BENCH.parents[1] / "eval"))
    from score import norm, policy_key  # type: ignore[import-not-found]

    pred = {r["id"]: r["pred"] for r in drawn}
    n_gold = n_pred = right = 0
    for g in gold:
        pl = pred.get(g["id"], [])
        n_gold += len(g["policies"])
        n_pred += len(pl)
        used: set[int] = set()
        for x in g["policies"]:
            k, gy = policy_key(x), x.get("year")
            cand = [
                j for j, y in enumerate(pl)
                if j not in used and policy_key(y) == k and (gy is None or y.get("year") is None or str(gy) == str(y.get("year")))
            ]
            if not cand:
                print("  MISSED", g["id"], k)
                continue
            used.add(cand[0])
            if norm(x.get("issuer")) in ("", norm(pl[cand[0]].get("issuer"))):
                right += 1
            else:
                print("  WRONG", g["id"], k, x.get("issuer"), "/", pl[cand[0]].get("issuer"))
        for j, y in enumerate(pl):
            if j not in used:
                print("  SPURIOUS", g["id"], policy_key(y))
    p = right / n_pred if n_pred else 1.0
    r = right / n_gold if n_gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"gold {n_gold}  found {n_pred}  right {right}  value P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seed", type=int)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--exclude", action="append", default=[], help="a previous draw whose articles are left out (repeatable)")
    ap.add_argument("--wide", action="store_true", help="draw from every article naming a document kind (WIDE)")
    ap.add_argument("--prefix", default="", help="only articles whose id starts so (a category: unc-world)")
    ap.add_argument("--gold", help="hand-made gold for this draw")
    args = ap.parse_args()
    exclude = {r["id"] for path in args.exclude for r in json.loads(Path(path).read_text())}
    drawn = draw(args.seed, args.n, exclude, args.wide, args.prefix)
    Path(args.out).write_text(json.dumps(drawn, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.gold:
        score(json.loads(Path(args.gold).read_text(encoding="utf-8")), drawn)


if __name__ == "__main__":
    main()
