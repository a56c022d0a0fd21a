from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TXT = SHARED / "seed" / "000_024eeff49fb4e721.txt"
SEED_EXPECTED = SHARED / "seed" / "000_024eeff49fb4e721.expected.json"
IN_CI = os.environ.get("CI", "").lower() == "true"


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """A JSON lines archive of ``rows`` (UTF-8, one object per line)."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def need_shared(path: Path) -> Path:
    """Skip when ../shared is absent (a user's clone); under CI=true it must be there."""
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing under CI=true")
        pytest.skip(f"{path} not present (../shared is beside the checkout only in development and CI)")
    return path


def need_binary(name: str, hint: str) -> str:
    """Skip when a Debian-installed program is absent, except under CI=true."""
    p = shutil.which(name)
    if p is None:
        if IN_CI:
            pytest.fail(f"{name} is required under CI=true ({hint})")
        pytest.skip(f"{name} not installed ({hint})")
    return p


@pytest.fixture(scope="session")
def seed() -> tuple[str, dict[str, Any]]:
    text = need_shared(SEED_TXT).read_text(encoding="utf-8")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return text, expected


@pytest.fixture(scope="session")
def extractor() -> Any:
    from vn_welfare_extract import Extractor

    return Extractor()


# --- PostgreSQL (batch/db tests) -------------------------------------------------------------
BENCH_ARCHIVE = SHARED / "bench" / "articles.jsonl.gz"


def need_pg_dsn() -> str:
    """The DSN of a test PostgreSQL (``eval "$(bash .ci/postgres.sh)"`` starts a throwaway one).
    Skips without ``VWE_TEST_PG_DSN`` or psycopg, except under CI=true, where it fails."""
    dsn = os.environ.get("VWE_TEST_PG_DSN", "")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("psycopg is required under CI=true (pip install -e '.[test]')")
        pytest.skip("psycopg not installed (pip install 'psycopg[binary]')")
    if not dsn:
        if IN_CI:
            pytest.fail("VWE_TEST_PG_DSN is not set under CI=true (.ci/run starts a cluster with .ci/postgres.sh)")
        pytest.skip('VWE_TEST_PG_DSN not set (eval "$(bash .ci/postgres.sh)" starts a throwaway PostgreSQL)')
    return dsn


@pytest.fixture
def pg_dsn() -> Any:
    """A DSN whose search_path is a fresh schema, dropped afterwards: tests never see each other's rows."""
    import uuid

    base = need_pg_dsn()  # skips (before importing psycopg) when PostgreSQL or psycopg is absent
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


def _bench_head(tmp_path_factory: pytest.TempPathFactory, n: int) -> Path:
    """The first ``n`` articles of ../shared/bench/articles.jsonl.gz, as a temporary .jsonl file."""
    import gzip

    src = need_shared(BENCH_ARCHIVE)
    out = tmp_path_factory.mktemp(f"bench{n}") / f"slice{n}.jsonl"
    with gzip.open(src, "rb") as f, open(out, "wb") as g:
        for i, line in enumerate(f):
            if i >= n:
                break
            g.write(line)
    return out


def table_counts(recs: list[dict[str, Any]]) -> dict[str, int]:
    """Rows per relational table that a list of JSON-lines records must give."""
    out = {
        "documents": len(recs),
        "errors": sum(1 for r in recs if "error" in r),
        "official_titles": sum(len(o["titles"]) for r in recs for o in r["officials"]),
        "official_mentions": sum(len(o["mentions"]) for r in recs for o in r["officials"]),
        "policy_mentions": sum(len(p["mentions"]) for r in recs for p in r["policies"]),
    }
    for t in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts"):
        out[t] = sum(len(r[t]) for r in recs)
    return out


@pytest.fixture(scope="session")
def bench_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 100 bench articles as a .jsonl file."""
    return _bench_head(tmp_path_factory, 100)


# --- engines (Parquet, WARC, Dask, Spark) ----------------------------------------------------


def need_module(name: str, extra: str) -> Any:
    """Import an optional extra's module at the top of a test file. Without it the whole file
    skips with the install hint; under CI=true (the ``test`` extra installs every engine) the
    file fails, and the rest of the suite still runs (``pytest_configure`` below)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as e:
        if IN_CI:
            pytest.fail(f"{name} is required under CI=true (pip install -e '.[test]', extra {extra}): {e}", pytrace=False)
        pytest.skip(f"{name} not installed (pip install 'vn_welfare_extract[{extra}]'): {e}", allow_module_level=True)


def pytest_configure(config: pytest.Config) -> None:
    # Under CI a missing engine fails its own file at collection; the other files must still run
    # (and the run still fails), not stop at "errors during collection".
    if IN_CI:
        config.option.continue_on_collection_errors = True


@pytest.fixture(scope="session")
def bench_slice_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 200 bench articles as a .jsonl file."""
    return _bench_head(tmp_path_factory, 200)


@pytest.fixture(scope="session")
def bench_records_200(bench_slice_200: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The single-process records of ``bench_slice_200`` (the batch runner, one worker), in order."""
    from vn_welfare_extract.batch import BatchOptions, run_batch
    from vn_welfare_extract.io import JsonlSink

    out = tmp_path_factory.mktemp("bench200-serial") / "records.jsonl"
    run_batch([str(bench_slice_200)], [JsonlSink(str(out))], BatchOptions(workers=1))
    with open(out, encoding="utf-8") as f:
        return [json.loads(line) for line in f]
