"""--resume: a run SIGKILLed mid-way, then resumed, yields exactly the records of an
uninterrupted run (JSON lines, SQLite, PostgreSQL), with no duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import need_pg_dsn
from vn_welfare_extract.cli import main
from vn_welfare_extract.io import read_done_ids
from vn_welfare_extract.tables import TABLES

# Runs the CLI with every extraction slowed down, so the test can kill it mid-way.
SLOW_DRIVER = """
import sys, time
from vn_welfare_extract import api
from vn_welfare_extract.cli import main
orig = api.Extractor.extract
def slow(self, text, **kw):
    time.sleep(float(sys.argv[1]))
    return orig(self, text, **kw)
api.Extractor.extract = slow
sys.exit(main(sys.argv[2:]))
"""


def kill_midway(args: list[str], progress: Callable[[], int], at_least: int = 10, total: int = 100) -> int:
    """Start a slowed run, SIGKILL it (the whole process group) once ``progress()`` reaches
    ``at_least``; return the progress seen after the kill (strictly between 0 and ``total``)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_DRIVER, "0.05", *args, "-q", "--workers", "2"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    try:
        while progress() < at_least:
            assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read() if proc.stderr else ''!r}"
            assert time.monotonic() < deadline, "the run made no progress"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    seen = progress()
    assert 0 < seen < total, seen
    return seen


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_resume_after_sigkill_jsonl(bench_slice: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref.jsonl"
    assert main([str(bench_slice), "-o", str(ref), "-q", "--workers", "2"]) in (0, 1)
    out = tmp_path / "out.jsonl"
    kill_midway([str(bench_slice), "-o", str(out)], lambda: lines(out))
    assert main([str(bench_slice), "-o", str(out), "-q", "--resume", "--workers", "2"]) in (0, 1)
    got = out.read_text(encoding="utf-8").splitlines()
    want = ref.read_text(encoding="utf-8").splitlines()
    assert len(got) == len({json.loads(x)["doc_id"] for x in got}) == 100  # no duplicates
    assert sorted(got) == sorted(want)


def test_a_torn_last_line_is_dropped_and_redone(bench_slice: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref.jsonl"
    assert main([str(bench_slice), "-o", str(ref), "-q", "--workers", "1"]) in (0, 1)
    data = ref.read_bytes().split(b"\n")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"\n".join(data[:30]) + b"\n" + data[30][: len(data[30]) // 2])
    assert len(read_done_ids(str(out), repair=False)) == 30
    assert main([str(bench_slice), "-o", str(out), "-q", "--resume", "--workers", "1"]) in (0, 1)
    assert out.read_bytes() == ref.read_bytes()  # input order kept: the same file, byte for byte


def dump(query: Callable[[str], list[tuple[Any, ...]]]) -> dict[str, list[tuple[str, ...]]]:
    """Every table's rows (without load timestamps), as sorted tuples of strings."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for t in TABLES:
        cols = [c for c, ty in t.columns if ty != "ts"]
        rows = query(f"SELECT {', '.join(cols)} FROM {t.name}")
        out[t.name] = sorted(tuple(json.dumps(v, sort_keys=True, default=str) for v in r) for r in rows)
    return out


def sqlite_query(path: Path) -> Callable[[str], list[tuple[Any, ...]]]:
    def q(sql: str) -> list[tuple[Any, ...]]:
        if not path.exists():
            return [(0,)]
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.OperationalError:  # schema not created yet
            return [(0,)]
        finally:
            conn.close()

    return q


def test_resume_after_sigkill_sqlite(bench_slice: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref.sqlite"
    assert main([str(bench_slice), "--db", str(ref), "-q", "--workers", "2"]) in (0, 1)
    db = tmp_path / "out.sqlite"
    q = sqlite_query(db)
    kill_midway([str(bench_slice), "--db", str(db), "--batch-size", "5"], lambda: int(q("SELECT COUNT(*) FROM documents")[0][0]))
    assert main([str(bench_slice), "--db", str(db), "-q", "--resume", "--workers", "2"]) in (0, 1)
    assert q("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM documents")[0] == (100, 100)
    assert dump(q) == dump(sqlite_query(ref))


@contextmanager
def pg_schema() -> Iterator[str]:
    base = need_pg_dsn()  # skips (before importing psycopg) when PostgreSQL or psycopg is absent
    import psycopg

    name = "r_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


def pg_query(dsn: str) -> Callable[[str], list[tuple[Any, ...]]]:
    import psycopg

    def q(sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(dsn) as conn:
            try:
                return conn.execute(sql).fetchall()
            except psycopg.errors.UndefinedTable:
                return [(0,)]

    return q


@pytest.mark.postgres
def test_resume_after_sigkill_postgres(bench_slice: Path) -> None:
    with pg_schema() as ref, pg_schema() as dsn:
        assert main([str(bench_slice), "--db", ref, "-q", "--workers", "2"]) in (0, 1)
        q = pg_query(dsn)
        kill_midway([str(bench_slice), "--db", dsn, "--batch-size", "5"], lambda: int(q("SELECT COUNT(*) FROM documents")[0][0]))
        assert main([str(bench_slice), "--db", dsn, "-q", "--resume", "--workers", "2"]) in (0, 1)
        assert q("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM documents")[0] == (100, 100)
        assert dump(q) == dump(pg_query(ref))


# ------------------------------------------------------------------ orphans, the resume command, concurrent loads


def _children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(d))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2 :].split()[0] != "Z"  # a zombie has exited


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_parent_is_killed_and_resume_still_matches(bench_slice: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref.jsonl"
    assert main([str(bench_slice), "-o", str(ref), "-q", "--workers", "2"]) in (0, 1)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_DRIVER, "0.2", str(bench_slice), "-o", str(out), "-q", "--workers", "2"],  # ~10 s in all
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while lines(out) < 10:
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended or stalled before the kill"
            time.sleep(0.02)
        workers = _children(proc.pid)
        assert len(workers) >= 2, workers
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: the workers must notice by themselves
        proc.wait(30)
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = [w for w in workers if _alive(w)]
        assert survivors == [], f"workers still alive 5 s after their parent was killed: {survivors}"
    finally:
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    assert 0 < lines(out) < 100
    assert main([str(bench_slice), "-o", str(out), "-q", "--resume", "--workers", "2"]) in (0, 1)
    got = out.read_text(encoding="utf-8").splitlines()
    assert len(got) == len({json.loads(x)["doc_id"] for x in got}) == 100
    assert sorted(got) == sorted(ref.read_text(encoding="utf-8").splitlines())


def test_an_interrupted_run_prints_the_exact_resume_command(bench_slice: Path, tmp_path: Path) -> None:
    import shlex

    ref = tmp_path / "ref.jsonl"
    assert main([str(bench_slice), "-o", str(ref), "-q", "--workers", "1"]) in (0, 1)
    out = tmp_path / "out.jsonl"
    args = [str(bench_slice), "-o", str(out), "--no-progress", "--workers", "2"]
    # ~15 s in all, the first lines after a chunk (16 documents) and a flush: time to interrupt it mid-way
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DRIVER, "0.3", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while lines(out) < 1:
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended or stalled before the interrupt"
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)  # as Ctrl-C (SIGINT is ignored in a background job of a non-interactive shell)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "INTERRUPTED" in err
    cmd = err.split("interrupted: resume with\n", 1)[1].splitlines()[0].strip()
    assert cmd == shlex.join(["vn-welfare-extract", *args, "--resume"])
    argv = shlex.split(cmd)[1:]
    assert main(argv) in (0, 1)
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(ref.read_text(encoding="utf-8").splitlines())


def _table_counts(query: Callable[[str], list[tuple[Any, ...]]]) -> dict[str, int]:
    return {t.name: int(query(f"SELECT COUNT(*) FROM {t.name}")[0][0]) for t in TABLES}


def _overlapping_halves(src: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Articles 0-69 and 30-99 of the slice: 40 articles in both."""
    rows = src.read_bytes().splitlines(keepends=True)
    a, b = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    a.write_bytes(b"".join(rows[:70]))
    b.write_bytes(b"".join(rows[30:]))
    return a, b


def _load_concurrently(halves: tuple[Path, Path], target: str) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-m", "vn_welfare_extract.cli", str(h), "--db", target, "-q", "--workers", "1", "--batch-size", "7"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for h in halves
    ]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err  # the slice has no failing document; 1 would also be a crash's traceback


@pytest.fixture(scope="module")
def single_run_counts(bench_slice: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    ref = tmp_path_factory.mktemp("single") / "ref.sqlite"
    assert main([str(bench_slice), "--db", str(ref), "-q", "--workers", "2"]) in (0, 1)
    return _table_counts(sqlite_query(ref))


def test_two_concurrent_loads_into_one_sqlite_file_equal_one_run(bench_slice: Path, tmp_path: Path, single_run_counts: dict[str, int]) -> None:
    db = tmp_path / "shared.sqlite"
    _load_concurrently(_overlapping_halves(bench_slice, tmp_path), str(db))
    assert _table_counts(sqlite_query(db)) == single_run_counts


@pytest.mark.postgres
def test_two_concurrent_loads_into_one_postgres_database_equal_one_run(
    bench_slice: Path, tmp_path: Path, single_run_counts: dict[str, int], pg_dsn: str
) -> None:
    _load_concurrently(_overlapping_halves(bench_slice, tmp_path), pg_dsn)
    assert _table_counts(pg_query(pg_dsn)) == single_run_counts
