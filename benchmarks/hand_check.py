#!/usr/bin/env python3
"""Draw items of one type at random from the library's output on a corpus, for a hand check.

    .venv/bin/python benchmarks/hand_check.py [ARTICLES.jsonl.gz] [--kind counts] [--n 100] [--seed 1616]

Prints one numbered line per drawn item: the article id, the value (and end_value, approx,
unit or currency), the rule, and the text around the span with the span in [[...]]. The draw
is fixed by the seed, so a tally (docs/accuracy.md) can be redone and checked by anyone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Iterator
from typing import Any

from vn_welfare_extract import extract

_CONTEXT = 110


def _items(path: str, kind: str) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            text = art["text"]
            rec = extract(text, published=art.get("published"), doc_id=art.get("id")).to_dict()
            for it in rec[kind]:
                s, e = it["start"], it["end"]
                ctx = text[max(0, s - _CONTEXT):s] + "[[" + text[s:e] + "]]" + text[e:e + _CONTEXT]
                yield {"doc": art.get("id"), "item": it, "ctx": " ".join(ctx.split())}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("articles", nargs="?", default="../shared/bench/articles.jsonl.gz")
    ap.add_argument("--kind", default="counts")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1616)
    a = ap.parse_args()
    pool = list(_items(a.articles, a.kind))
    drawn = random.Random(a.seed).sample(pool, min(a.n, len(pool)))
    print(f"{len(pool)} {a.kind} in {a.articles}; {len(drawn)} drawn with seed {a.seed}")
    for k, d in enumerate(drawn):
        it = d["item"]
        what = it.get("unit") or it.get("currency")
        print(k, d["doc"], it.get("value"), it.get("end_value"), it.get("approx"), what, it.get("rule"), "|", d["ctx"])


if __name__ == "__main__":
    main()
