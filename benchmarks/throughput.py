"""Throughput of the batch extraction against underthesea, on the bench archive.

    .venv/bin/python benchmarks/throughput.py [--archive ../shared/bench/articles.jsonl.gz]
        [--limit N] [--sample 100] [--ner-sample 30] [--json out.json]

Measures, in one run:
- full extraction (every fact type, the JSON line of each record) through the batch runner with
  1 and 2 worker processes: docs/s, MB/s (UTF-8 bytes of article text) and the peak RSS of a
  worker process;
- underthesea ``word_tokenize`` and ``ner`` on a sample of the same articles (the first
  ``--sample`` / ``--ner-sample`` articles: they run at about 0.1 MB/s, the whole archive would
  take minutes; the per-MB rate is what is compared);
and prints the ratios and a markdown table. Targets: extraction >= 10x underthesea word
segmentation on one core, >= 1.8x from 1 to 2 workers, <= 300 MB per worker.

The 1-worker run and underthesea also report their CPU seconds and MB per CPU second: on a
machine shared with other jobs wall time counts the waits for a core, CPU time does not, so the
one-core ratio is also given on CPU time (the 2-worker speed-up needs a free second core and is
only meaningful on an idle machine).

``--profile`` adds a per-stage table: one in-process Extractor over the same articles with
``Extractor.timings`` on, seconds and share per pipeline step (text layer, each fact type,
resolve) plus the JSON serialisation of the record.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vn_welfare_extract.batch import BatchOptions, run_batch  # noqa: E402
from vn_welfare_extract.io import DocResult  # noqa: E402

DEFAULT_ARCHIVE = ROOT.parent / "shared" / "bench" / "articles.jsonl.gz"


class NullSink:
    """Takes the JSON lines and drops them (the work of producing them is measured)."""

    wants_json = True
    wants_rows = False
    name = "null"

    def done_ids(self) -> set[str]:
        return set()

    def write(self, results: list[DocResult]) -> None:
        pass

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def load(archive: Path, limit: int | None) -> list[dict[str, Any]]:
    out = []
    with gzip.open(archive, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def _cpu() -> float:
    """CPU seconds of this process (the 1-worker batch runs in it)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def ours(path: str, workers: int, mb: float) -> dict[str, Any]:
    c0 = _cpu()
    s = run_batch([path], [NullSink()], BatchOptions(workers=workers, timeout=0, max_chars=0))
    cpu = _cpu() - c0 if workers == 1 else None  # the pool's workers are not reaped: not counted
    return {
        "what": f"vn_welfare_extract, {workers} worker(s)",
        "docs": s.documents,
        "errors": s.errors,
        "seconds": s.seconds,
        "docs_per_s": s.documents / s.seconds,
        "mb_per_s": mb / s.seconds,
        "cpu_seconds": cpu,
        "mb_per_cpu_s": mb / cpu if cpu else None,
        "peak_rss_mb": s.peak_worker_rss_mb,
    }


def underthesea_rate(fn_name: str, texts: list[str]) -> dict[str, Any]:
    import underthesea

    fn = getattr(underthesea, fn_name)
    fn("Khởi động mô hình.")  # load the model outside the timing
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0, c0 = time.perf_counter(), _cpu()
    for t in texts:
        fn(t)
    sec, cpu = time.perf_counter() - t0, _cpu() - c0
    return {
        "what": f"underthesea {fn_name} (sample of {len(texts)})",
        "docs": len(texts),
        "errors": 0,
        "seconds": sec,
        "docs_per_s": len(texts) / sec,
        "mb_per_s": mb / sec,
        "cpu_seconds": cpu,
        "mb_per_cpu_s": mb / cpu,
        "peak_rss_mb": None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--sample", type=int, default=100, help="articles for underthesea word_tokenize")
    ap.add_argument("--ner-sample", type=int, default=5, help="articles for underthesea ner")
    ap.add_argument("--json", type=Path, help="write the measurements as JSON")
    ap.add_argument("--profile", action="store_true", help="also print seconds per pipeline stage (one process)")
    args = ap.parse_args(argv)
    if not args.archive.exists():
        print(f"archive not found: {args.archive}", file=sys.stderr)
        return 2
    docs = load(args.archive, args.limit)
    texts = [str(d.get("text") or "") for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(docs)} articles, {mb:.2f} MB of text, {os.cpu_count()} cores", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "articles.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        rows = [ours(path, 1, mb), ours(path, 2, mb)]
    rows.append(underthesea_rate("word_tokenize", texts[: args.sample]))
    rows.append(underthesea_rate("ner", texts[: args.ner_sample]))
    one, two, seg, ner = rows
    ratios = {
        "extraction_vs_word_tokenize": one["mb_per_s"] / seg["mb_per_s"],
        "extraction_vs_word_tokenize_cpu": one["mb_per_cpu_s"] / seg["mb_per_cpu_s"],
        "extraction_vs_ner": one["mb_per_s"] / ner["mb_per_s"],
        "speedup_2_workers": two["mb_per_s"] / one["mb_per_s"],
        "peak_rss_mb_per_worker": max(one["peak_rss_mb"], two["peak_rss_mb"]),
    }
    print("| run | docs | errors | seconds | docs/s | MB/s | CPU s | MB per CPU s | peak RSS/worker (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        rss = f"{r['peak_rss_mb']:.0f}" if r["peak_rss_mb"] is not None else "-"
        cpu = f"{r['cpu_seconds']:.1f} | {r['mb_per_cpu_s']:.3f}" if r["cpu_seconds"] else "- | -"
        print(f"| {r['what']} | {r['docs']} | {r['errors']} | {r['seconds']:.1f} | {r['docs_per_s']:.1f} | {r['mb_per_s']:.3f} | {cpu} | {rss} |")
    print()
    checks = [
        ("full extraction / underthesea word_tokenize (1 process each)", ratios["extraction_vs_word_tokenize"], ">= 10", ratios["extraction_vs_word_tokenize"] >= 10),
        ("the same on CPU time", ratios["extraction_vs_word_tokenize_cpu"], ">= 10", ratios["extraction_vs_word_tokenize_cpu"] >= 10),
        ("full extraction / underthesea ner", ratios["extraction_vs_ner"], "", True),
        ("2 workers / 1 worker", ratios["speedup_2_workers"], ">= 1.8", ratios["speedup_2_workers"] >= 1.8),
        ("peak RSS per worker (MB)", ratios["peak_rss_mb_per_worker"], "<= 300", ratios["peak_rss_mb_per_worker"] <= 300),
    ]
    print("| ratio | value | target | met |")
    print("|---|---:|---|---|")
    for name, value, target, ok in checks:
        print(f"| {name} | {value:.2f} | {target} | {'yes' if ok else 'NO'} |" if target else f"| {name} | {value:.2f} | | |")
    stages = profile(docs, mb) if args.profile else None
    if args.json:
        args.json.write_text(json.dumps({"runs": rows, "ratios": ratios, "stages": stages}, indent=1), encoding="utf-8")
    return 0


def profile(docs: list[dict[str, Any]], mb: float) -> dict[str, float]:
    """Seconds per pipeline stage over ``docs`` in this process, printed as a markdown table."""
    from vn_welfare_extract import Extractor

    ex = Extractor()
    ex.extract("Ngày 8-10, tỉnh hỗ trợ 5 tỷ đồng.", published="2021-10-09")  # compile outside the timing
    ex.timings = {}
    ser = 0.0
    c0 = time.process_time()
    for d in docs:
        rec = ex.extract(str(d.get("text") or ""), published=d.get("published"), doc_id=d.get("id"))
        t0 = time.perf_counter()
        rec.to_json()
        ser += time.perf_counter() - t0
    cpu = time.process_time() - c0
    stages = dict(ex.timings, serialise=ser)
    total = sum(stages.values())
    print()
    print(f"Per stage, one process, {len(docs)} articles, {mb:.2f} MB: {total:.2f} s, {mb / total:.2f} MB/s ({cpu:.2f} CPU s, {mb / cpu:.2f} MB per CPU s)")
    print("| stage | seconds | share | MB/s alone |")
    print("|---|---:|---:|---:|")
    for name, sec in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {sec:.2f} | {100 * sec / total:.1f}% | {mb / sec:.1f} |")
    return stages


if __name__ == "__main__":
    sys.exit(main())
