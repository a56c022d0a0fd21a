"""Hand check of policies: run the library over ``../shared/bench/articles.jsonl.gz`` and draw a
fixed-seed sample of policies, each with the sentence of its first mention, to judge by hand.

    PYTHONPATH=src python benchmarks/policy_handcheck.py OUT.jsonl [SEED]   (docs/accuracy.md, "Policies")
"""

import gzip
import json
import random
import sys

from vn_welfare_extract import Extractor

ex = Extractor(types=["policies"])
out = open(sys.argv[1], "w")
for line in gzip.open("/work/shared/bench/articles.jsonl.gz", "rt"):
    a = json.loads(line)
    t = a["text"]
    rec = ex.extract(t, published=a.get("published"), doc_id=a["id"])
    for p in rec.policies:
        m = p.mentions[0]
        s = max(t.rfind("\n", 0, m.start), t.rfind(". ", 0, m.start)) + 1
        e = t.find("\n", m.end)
        e = len(t) if e < 0 else e
        ctx = t[max(s, m.start - 250): min(e, m.end + 200)]
        out.write(json.dumps({"id": a["id"], "pub": a.get("published"), "kind": p.kind, "number": p.number, "title": p.title,
                              "year": p.year, "code": p.code, "issuer": p.issuer, "issued_on": p.issued_on, "rule": p.rule,
                              "mentions": [x.text for x in p.mentions], "ctx": ctx}, ensure_ascii=False) + "\n")
out.close()
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 4).shuffle(rows)
for i, r in enumerate(rows[:60]):
    print(f"#{i} {r['id']} | {r['kind']} | n={r['number']} | t={r['title']} | c={r['code']} | iss={r['issuer']}")
    print("    ", r["ctx"].replace("\n", " "))
