"""Time per MB from 1 KB to 10 MB articles: extraction cost must grow linearly with length.

Articles are built by concatenating the seed/bench articles (``../shared``) or, without them,
the project's own example text. For each size the whole pipeline and each component are timed;
the report flags any stage whose time per MB at the largest size is more than 2x its time per MB
at the smallest measured size (a superlinear pattern: catastrophic backtracking or a quadratic
loop).

    .venv/bin/python benchmarks/scaling.py [--max-mb 10] [--sizes 1e3,1e4,...] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any

from vn_welfare_extract import Extractor
from vn_welfare_extract.model import Record
from vn_welfare_extract.resolve import resolve
from vn_welfare_extract.text import Doc, PubDate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

FALLBACK = (
    "Sáng 12-10, Bộ Lao động - Thương binh và Xã hội tổ chức hội nghị trực tuyến về chính sách hỗ trợ "
    "người lao động gặp khó khăn do đại dịch Covid-19 theo Nghị quyết 68/NQ-CP của Chính phủ.\n"
    "Phát biểu tại hội nghị, Thứ trưởng Nguyễn Văn Hùng cho biết, tính đến ngày 10-10, cả nước đã hỗ trợ "
    "cho hơn 2,5 triệu lao động với tổng kinh phí trên 4.350 tỷ đồng.\n"
    "Tại tỉnh Bình Dương, UBND tỉnh đã chi 125 tỷ đồng hỗ trợ 1,5 triệu đồng/người cho 83.000 lao động.\n"
)


def source_texts(limit: int = 400) -> list[str]:
    out: list[str] = []
    bench = SHARED / "bench" / "articles.jsonl.gz"
    if bench.exists():
        with gzip.open(bench, "rt", encoding="utf-8") as f:
            for line in f:
                out.append(json.loads(line)["text"])
                if len(out) >= limit:
                    break
    for p in sorted((SHARED / "seed").glob("*.txt")) if (SHARED / "seed").exists() else []:
        out.append(p.read_text(encoding="utf-8"))
    return out or [FALLBACK]


def build(texts: list[str], size: int) -> str:
    parts: list[str] = []
    n = 0
    i = 0
    while n < size:
        t = texts[i % len(texts)]
        parts.append(t)
        n += len(t.encode("utf-8")) + 2
        i += 1
    s = "\n\n".join(parts)
    # cut on a character boundary near the byte size
    return s.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def time_stages(ex: Extractor, text: str) -> dict[str, float]:
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    doc = Doc.from_text(text, PubDate(2021, 10, 15))
    _ = doc.sentences
    t["text_layer"] = time.perf_counter() - t0
    rec = Record(doc_id=None, published="2021-10-15", library_version="bench")
    for comp in ex._components:
        if comp.name == "facts":
            resolve(rec, doc.original)
        t0 = time.perf_counter()
        try:
            comp(doc, rec)
        except Exception as e:  # report, keep measuring the others
            print(f"  ! {comp.name}: {type(e).__name__}: {e}", file=sys.stderr)
        t[comp.name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ex.extract(text, published="2021-10-15")
    t["total"] = time.perf_counter() - t0
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-mb", type=float, default=10.0)
    ap.add_argument("--sizes", default="")
    ap.add_argument("--json", default="")
    ap.add_argument("--budget", type=float, default=600.0, help="stop growing sizes once one run takes longer (s)")
    args = ap.parse_args(argv)
    sizes = [int(float(s)) for s in args.sizes.split(",")] if args.sizes else [
        s for s in (1_000, 10_000, 100_000, 1_000_000, 3_000_000, 10_000_000) if s <= args.max_mb * 1_000_000
    ]
    ex = Extractor()
    texts = source_texts()
    # warm-up (lazy lexicons, regex caches)
    ex.extract(build(texts, 20_000), published="2021-10-15")
    rows: list[dict[str, Any]] = []
    for size in sizes:
        text = build(texts, size)
        mb = len(text.encode("utf-8")) / 1e6
        reps = max(1, int(200_000 // max(size, 1)))  # repeat small sizes to get stable timings
        acc: dict[str, float] = {}
        for _ in range(reps):
            for k, v in time_stages(ex, text).items():
                acc[k] = acc.get(k, 0.0) + v / reps
        per_mb = {k: v / mb for k, v in acc.items()}
        rows.append({"bytes": size, "mb": mb, "seconds": acc, "s_per_mb": per_mb})
        print(f"{size:>10,d} B  total {acc['total']:8.3f} s  {per_mb['total']:7.2f} s/MB  "
              + "  ".join(f"{k} {v:.2f}" for k, v in per_mb.items() if k != "total"), flush=True)
        if acc["total"] > args.budget:
            print(f"  (stopping: one run took {acc['total']:.0f} s > budget {args.budget:.0f} s)")
            break
    # Flatness: compare time per MB at each size to the best time per MB from 10 KB up
    # (1 KB runs are dominated by fixed per-call cost).
    base_rows = [r for r in rows if r["bytes"] >= 10_000] or rows
    verdict = 0
    print("\nflatness (time per MB / best time per MB, limit 2.0):")
    for stage in rows[0]["s_per_mb"]:
        best = min(r["s_per_mb"][stage] for r in base_rows)
        worst = max(base_rows, key=lambda r: r["s_per_mb"][stage])
        ratio = worst["s_per_mb"][stage] / best if best > 0 else 1.0
        floor = worst["seconds"][stage] < 0.05  # too small to judge
        flag = "ok" if ratio <= 2.0 or floor else "SUPERLINEAR"
        if flag != "ok":
            verdict = 1
        print(f"  {stage:15s} {ratio:6.2f}x  (worst at {worst['bytes']:,d} B)  {flag}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return verdict


if __name__ == "__main__":
    raise SystemExit(main())
