"""Wall and CPU time of the coverage audit over the whole bench archive (issue 19's budget:
< 60 s with 2 workers).

    .venv/bin/python benchmarks/audit_time.py [--archive ../shared/bench/articles.jsonl.gz] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vn_welfare_extract.audit import main as audit_main  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=ROOT.parent / "shared" / "bench" / "articles.jsonl.gz")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.monotonic(), os.times()
        rc = audit_main([str(a.archive), "--workers", str(a.workers), "--json", os.path.join(tmp, "r.json"), "-q"])
        wall, c1 = time.monotonic() - t0, os.times()
    cpu = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"audit of {a.archive.name}, {a.workers} workers: wall {wall:.1f} s, CPU {cpu:.1f} s, "
          f"peak worker RSS {peak:.0f} MB, load {os.getloadavg()[0]:.1f} (target: wall < 60 s)")
    return rc


if __name__ == "__main__":
    sys.exit(main())
