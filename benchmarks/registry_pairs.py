#!/usr/bin/env python3
"""List the registry's persons for the hand checks of docs/accuracy.md ("Registry merges").

    .venv/bin/python benchmarks/registry_pairs.py RECORDS.jsonl [--merged 50 --seed draw4]

``RECORDS.jsonl`` is the batch command's output on an archive (``vn-welfare-extract -j 2 -o
RECORDS.jsonl ../shared/bench/articles.jsonl.gz``). The registry is built from it
(``registry.build``) and three lists are printed, each line with the person id, the number of
articles and every mention's date, document, posts and the reason the registry gave:

- **same-name pairs**: every pair of persons whose name keys are equal (``registry.name_key``:
  NFC, one spelling of each tone mark, case and spaces folded, accents of a foreign name
  dropped). These are the pairs the registry keeps apart; the check asks whether each pair is
  really two people. All of them are listed, so the tally is the whole population, not a draw.
- **near-name pairs**: persons whose name keys differ but are equal once every diacritic,
  space, hyphen and apostrophe is dropped (``Huỳnh Thanh Đạt`` / ``Huỳnh Thành Đạt``): a
  misspelt name, or two people. Listed for the reader; the registry never compares them.
- **glued-name pairs**: a name key that ends with another person's whole foreign name key
  (``Delhi Arvind Kejriwal`` / ``Arvind Kejriwal``): a place or a word the extractor glued to a
  name, so one person kept as two under two names. Listed for the reader.
- **not people**: mentions the registry flags as no person (``person_id`` null).
- with ``--merged N``: the first ``N`` persons named in 2 or more articles, ordered by
  ``blake2b(person_id + seed)``, for the merge check (a new seed is a fresh draw).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from itertools import combinations
from typing import Any

from vn_welfare_extract import registry
from vn_welfare_extract.tables import BY_NAME

_LOOSE = re.compile(r"[\s\-'’.]+")


def loose_key(name_key: str) -> str:
    """A name key without any diacritic, space, hyphen or apostrophe (``đ`` -> ``d``)."""
    s = unicodedata.normalize("NFD", name_key.replace("đ", "d"))
    return _LOOSE.sub("", "".join(ch for ch in s if not unicodedata.combining(ch)))


def _rows(tables: dict[str, list[tuple[Any, ...]]], table: str) -> list[dict[str, Any]]:
    cols = BY_NAME[table].column_names
    return [dict(zip(cols, r, strict=True)) for r in tables[table]]


def _describe(person: dict[str, Any], mentions: list[dict[str, Any]]) -> str:
    lines = [f"  {person['person_id']} {person['name']!r}: {person['n_docs']} article(s), provinces {person['provinces']}"]
    for m in sorted(mentions, key=lambda m: (m["published"] or "", m["doc_id"])):
        posts = "; ".join(f"{t} / {o}" if o else str(t) for t, o, _ in json.loads(m["posts"]) or ()) or "(no post)"
        lines.append(f"    {m['published']} {m['doc_id']}: {posts}  [{m['reason']}]")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("records", help="JSON lines of record dicts (the batch command's output)")
    ap.add_argument("--merged", type=int, default=0, help="also draw N persons named in 2 or more articles")
    ap.add_argument("--seed", default="draw4", help="the draw's seed (any text)")
    a = ap.parse_args()
    with open(a.records, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    tables = registry.build(records)
    persons = _rows(tables, "persons")
    mentions: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for m in _rows(tables, "person_mentions"):
        mentions[m["person_id"]].append(m)
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in persons:
        by_key[p["name_key"]].append(p)

    same = [(k, x, y) for k, ps in sorted(by_key.items()) for x, y in combinations(sorted(ps, key=lambda p: p["person_id"]), 2)]
    split = sum(len(ps) > 1 for ps in by_key.values())
    print(f"{len(records)} records, {sum(len(v) for v in mentions.values())} official mentions, {len(persons)} persons; "
          f"{split} names kept as 2 or more persons: {len(same)} same-name pairs")
    for n, (k, x, y) in enumerate(same, 1):
        print(f"\nSAME {n}: {k}")
        print(_describe(x, mentions[x["person_id"]]))
        print(_describe(y, mentions[y["person_id"]]))

    loose: dict[str, list[str]] = defaultdict(list)
    for k in sorted(by_key):
        loose[loose_key(k)].append(k)
    near = [(x, y) for ks in loose.values() for x, y in combinations(ks, 2)]
    print(f"\n{len(near)} near-name pairs (name keys equal without diacritics and spacing)")
    for n, (kx, ky) in enumerate(near, 1):
        print(f"\nNEAR {n}: {kx} / {ky}")
        for p in (*by_key[kx], *by_key[ky]):
            print(_describe(p, mentions[p["person_id"]]))

    keys = set(by_key)
    glued = [(k, tail) for k in sorted(keys) for n in range(2, len(k.split()))
             if (tail := " ".join(k.split()[-n:])) in keys and registry._is_foreign(tail)]
    print(f"\n{len(glued)} glued-name pairs (a name key that ends with another person's foreign name key)")
    for n, (k, tail) in enumerate(glued, 1):
        print(f"\nGLUED {n}: {k} / {tail}")
        for p in (*by_key[k], *by_key[tail]):
            print(_describe(p, mentions[p["person_id"]]))

    flagged = mentions.get(None, [])
    print(f"\n{len(flagged)} mentions flagged as no person")
    for m in sorted(flagged, key=lambda m: (m["name_key"], m["doc_id"])):
        print(f"  {m['doc_id']} {m['name']!r}: {m['reason']}")

    if a.merged:
        pool = [p for p in persons if p["n_docs"] >= 2]
        pool.sort(key=lambda p: hashlib.blake2b((p["person_id"] + a.seed).encode(), digest_size=8).hexdigest())
        print(f"\n{len(pool)} persons named in 2 or more articles; the first {min(a.merged, len(pool))} by seed {a.seed!r}")
        for n, p in enumerate(pool[: a.merged], 1):
            print(f"\nMERGED {n}:")
            print(_describe(p, mentions[p["person_id"]]))


if __name__ == "__main__":
    main()
