"""The full bench archive through every sink: JSON lines, SQLite and (with a DSN) PostgreSQL.

    .venv/bin/python benchmarks/bench_full.py [--archive ../shared/bench/articles.jsonl.gz]
        [--workers N] [--pg postgresql://...]   (default: $VWE_TEST_PG_DSN; none: PostgreSQL skipped)

Checks that every article is processed, that no document crashed (no ``exception`` or
``worker_crashed`` error rows) and that the three outputs hold the same number of rows per
type; prints a markdown table of the counts and the time each load took. Exit 0 when all holds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vn_welfare_extract.cli import main as cli  # noqa: E402
from vn_welfare_extract.tables import TABLES  # noqa: E402

DEFAULT_ARCHIVE = ROOT.parent / "shared" / "bench" / "articles.jsonl.gz"
LISTS = ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts")


def jsonl_counts(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    c = {t.name: 0 for t in TABLES}
    codes: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            c["documents"] += 1
            if "error" in r:
                c["errors"] += 1
                codes[r["error"]["code"]] = codes.get(r["error"]["code"], 0) + 1
                continue
            for k in LISTS:
                c[k] += len(r[k])
            c["official_titles"] += sum(len(o.get("titles") or []) for o in r["officials"])
            c["official_mentions"] += sum(len(o["mentions"]) for o in r["officials"])
            c["policy_mentions"] += sum(len(p["mentions"]) for p in r["policies"])
    return c, codes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--workers", default=None)
    ap.add_argument("--pg", default=os.environ.get("VWE_TEST_PG_DSN"))
    args = ap.parse_args(argv)
    with gzip.open(args.archive, "rb") as f:
        total = sum(1 for line in f if line.strip())
    common = [str(args.archive), "-q"] + (["--workers", str(args.workers)] if args.workers else [])
    results: dict[str, dict[str, int]] = {}
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        t0 = time.monotonic()
        rc = cli([*common, "-o", str(out)])
        times["jsonl"] = time.monotonic() - t0
        results["jsonl"], codes = jsonl_counts(out)
        db = Path(tmp) / "out.sqlite"
        t0 = time.monotonic()
        cli([*common, "--db", str(db)])
        times["sqlite"] = time.monotonic() - t0
        with sqlite3.connect(db) as conn:
            results["sqlite"] = {t.name: conn.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0] for t in TABLES}
        if args.pg:
            import psycopg

            schema = f"bench_{os.getpid()}"
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA {schema}")
            dsn = f"{args.pg}{'&' if '?' in args.pg else '?'}options=-csearch_path%3D{schema}"
            try:
                t0 = time.monotonic()
                cli([*common, "--db", dsn])
                times["postgres"] = time.monotonic() - t0
                with psycopg.connect(dsn) as conn:
                    results["postgres"] = {t.name: conn.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0] for t in TABLES}
            finally:
                with psycopg.connect(args.pg, autocommit=True) as conn:
                    conn.execute(f"DROP SCHEMA {schema} CASCADE")
    sinks = list(results)
    print("| table | " + " | ".join(sinks) + " |")
    print("|---|" + "---:|" * len(sinks))
    for t in TABLES:
        print(f"| {t.name} | " + " | ".join(str(results[s][t.name]) for s in sinks) + " |")
    print("| seconds | " + " | ".join(f"{times[s]:.1f}" for s in sinks) + " |")
    same = all(results[s] == results["jsonl"] for s in sinks)
    crashes = codes.get("exception", 0) + codes.get("worker_crashed", 0)
    complete = results["jsonl"]["documents"] == total
    print(f"\narticles {total}; processed {results['jsonl']['documents']}; error rows {codes or 'none'}; exit code {rc}")
    print(f"every article processed: {complete}; zero crashes: {crashes == 0}; same counts in {', '.join(sinks)}: {same}")
    if not args.pg:
        print("(PostgreSQL skipped: no --pg / VWE_TEST_PG_DSN)")
    return 0 if (same and complete and crashes == 0) else 1


if __name__ == "__main__":
    sys.exit(main())
