"""A longer fuzz run of the property tests: arbitrary text, arbitrary bytes, mutated articles.

    .venv/bin/python benchmarks/fuzz.py [--examples 5000] [--seed 0]

Uses the strategies and checks of ``tests/test_properties.py`` with a much larger budget and a
random seed (CI runs them derandomised with a small budget). Prints the failing input and exits
1 on the first failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_properties as tp  # noqa: E402
from vn_welfare_extract.encodings import decode_bytes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args(argv)
    cfg = settings(max_examples=args.examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    ex = tp._EX

    @seed(args.seed)
    @cfg
    @given(st.one_of(tp.texts, tp.mutated_articles()))
    def fuzz_text(text: str) -> None:
        tp.check_record(ex.extract(text, published="2021-10-15"), text)

    @seed(args.seed)
    @cfg
    @given(st.one_of(st.binary(max_size=4000), tp.mutated_articles().map(lambda t: t.encode("utf-8", "surrogatepass"))))
    def fuzz_bytes(data: bytes) -> None:
        tp.check_record(ex.extract(data, published="2021-10-15"), decode_bytes(data)[0])

    print(f"seed {args.seed}, {args.examples} examples per property")
    for fn in (fuzz_text, fuzz_bytes, tp.test_text_layer_map_is_monotone.hypothesis.inner_test):  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        name = getattr(fn, "__name__", "property")
        try:
            if name == "test_text_layer_map_is_monotone":
                seed(args.seed)(cfg(given(tp.texts)(fn)))()
            else:
                fn()
        except Exception as e:  # report and stop
            print(f"FAIL {name}: {type(e).__name__}: {e}")
            return 1
        print(f"ok   {name} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
