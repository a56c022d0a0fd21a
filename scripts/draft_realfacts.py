#!/usr/bin/env python3
"""Draft facts for hand annotation of real articles, and build tests/realfacts from the result.

    PYTHONPATH=src python scripts/draft_realfacts.py ../shared/dev OUT_DIR
    PYTHONPATH=src python scripts/draft_realfacts.py --build ANNOTATED.txt ../shared/dev tests/realfacts

Runs the extractor over ``DIR/articles.jsonl`` and writes, for review:
- ``OUT_DIR/draft.txt``: one line per predicted fact, grouped by article (``## <id>``):
  ``TYPE field=value ... @<sentence start>`` (spaces in values as ``_``); the annotator edits
  these lines (drops wrong facts, fixes fields, adds missed facts with an offset inside their
  sentence);
- ``OUT_DIR/review.txt``: every fact with its sentence, and every count or amount outside a fact
  sentence with its context, so missed facts can be found by reading.
Neither file belongs in the project (they quote the articles); only the reviewed facts do, as
``tests/realfacts/<id>.json`` (values and sentence offsets, no text): ``--build`` reads the
reviewed lines and writes one file per article, the fact's sentence found from its ``@offset``
with the library's own sentence splitter.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

KEYS = {"official": "official", "amount": "amount", "ben": "beneficiaries", "count": "count", "loc": "location",
        "as_of": "as_of", "policy": "policy", "approx": "approx"}
ORDER = ("type", "official", "amount", "beneficiaries", "count", "location", "as_of", "policy", "approx", "sentence")
FIELDS = (("official", "official"), ("amount", "amount"), ("beneficiaries", "ben"), ("count", "count"),
          ("location", "loc"), ("as_of", "as_of"), ("policy", "policy"), ("approx", "approx"))


def _fmt(v: Any) -> str:
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return str(v).replace(" ", "_")


def _fact(line: str, sents: list[tuple[int, int]]) -> dict[str, Any]:
    parts = line.split()
    f: dict[str, Any] = {"type": parts[0]}
    if f["type"] not in ("support", "budget", "statement", "case_count"):
        raise ValueError(f"unknown fact type: {line}")
    pos = -1
    for p in parts[1:]:
        if p.startswith("@"):
            pos = int(p[1:])
            continue
        k, v = p.split("=", 1)
        key = KEYS[k]
        if key in ("amount", "count"):
            f[key] = int(v)
        elif key == "beneficiaries":
            f[key] = [int(x) for x in v.split(",")]
        elif key == "location" and "," in v:  # a fact in several places: all of them
            f[key] = [x.replace("_", " ") for x in v.split(",")]
        else:
            f[key] = v if key == "approx" else v.replace("_", " ")
    sent = next(((s, e) for s, e in sents if s <= pos < e), None)
    if sent is None:
        raise ValueError(f"offset outside every sentence: {line}")
    f["sentence"] = {"start": sent[0], "end": sent[1]}
    return {k: f[k] for k in ORDER if k in f}


def build(annotated: Path, src: Path, out: Path) -> int:
    from vn_welfare_extract.evaluate import load_jsonl
    from vn_welfare_extract.text import Doc

    arts = {str(a["id"]): a for a in load_jsonl(src / "articles.jsonl")}
    lines: dict[str, list[str]] = {}
    cur = ""
    for raw in annotated.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            cur = line[3:]
            lines[cur] = []
        elif line:
            lines[cur].append(line)
    if set(lines) != set(arts):
        raise ValueError(f"articles without annotation or unknown: {sorted(set(lines) ^ set(arts))}")
    out.mkdir(parents=True, exist_ok=True)
    for did, ls in lines.items():
        doc = Doc.from_text(arts[did]["text"])
        sents = [doc.span(s, e) for s, e in doc.sentences]
        rec = {"doc_id": did, "published": arts[did].get("published"), "facts": [_fact(x, sents) for x in ls]}
        with open(out / f"{did}.json", "w", encoding="utf-8") as fh:
            json.dump(rec, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    from vn_welfare_extract.evaluate import load_jsonl, predict

    args = sys.argv[1:] if argv is None else argv
    if len(args) == 4 and args[0] == "--build":
        return build(Path(args[1]), Path(args[2]), Path(args[3]))
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    src, out = Path(args[0]), Path(args[1])
    out.mkdir(parents=True, exist_ok=True)
    arts = load_jsonl(src / "articles.jsonl")
    preds = predict(arts)
    with open(out / "draft.txt", "w", encoding="utf-8") as d, open(out / "review.txt", "w", encoding="utf-8") as r:
        for a in arts:
            p, t = preds[str(a["id"])], a["text"]
            d.write(f"## {a['id']}\n")
            r.write(f"\n######## {a['id']} published={a.get('published')}\n")
            spans: dict[tuple[int, int], list[str]] = {}
            for f in p["facts"]:
                parts = [f["type"], *(f"{k}={_fmt(f[n])}" for n, k in FIELDS if f.get(n) not in (None, [], ""))]
                s = f["sentence"]
                line = " ".join(parts) + f" @{s['start']}"
                d.write(line + "\n")
                spans.setdefault((s["start"], s["end"]), []).append(line)
            for (s, e), lines in sorted(spans.items()):
                r.write(f"\n[{s}:{e}] {t[s:e]}\n" + "".join(f"   {x}\n" for x in lines))
            for it in sorted(p["counts"] + p["amounts"], key=lambda x: x["start"]):
                s = it["start"]
                if not any(a0 <= s < b0 for a0, b0 in spans):
                    ctx = (t[max(0, s - 120) : s] + "[" + it["text"] + "]" + t[it["end"] : it["end"] + 80]).replace("\n", " ")
                    r.write(f"   ~ {it['value']} @{s}: {ctx}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
