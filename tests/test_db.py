"""Database loaders: same counts as JSON lines, idempotent re-loads, hostile strings stored
verbatim (parameterised writes), schema versioning, and the documented example SQL."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vn_welfare_extract import extract
from vn_welfare_extract.cli import main
from vn_welfare_extract.tables import (
    BY_NAME,
    CHILDREN,
    SCHEMA_VERSION,
    TABLES,
    VERSION_TABLE_SQL,
    migrations,
    schema_sql,
    tables_at,
)

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ["sqlite", "postgres"]


def jsonl_counts(path: Path) -> dict[str, int]:
    """The rows each table should hold, computed from JSON lines records."""
    c = {t.name: 0 for t in TABLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        c["documents"] += 1
        if "error" in r:
            c["errors"] += 1
            continue
        for k in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts"):
            c[k] += len(r[k])
        c["official_titles"] += sum(len(o.get("titles") or []) for o in r["officials"])
        c["official_mentions"] += sum(len(o["mentions"]) for o in r["officials"])
        c["policy_mentions"] += sum(len(p["mentions"]) for p in r["policies"])
    return c


class DB:
    """A tiny query helper over either engine."""

    def __init__(self, engine: str, target: str) -> None:
        self.engine = engine
        self.target = target

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.engine == "sqlite":
            with sqlite3.connect(self.target) as conn:
                return conn.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(self.target) as conn:
            cur = conn.execute(sql.replace("?", "%s"), params)
            return cur.fetchall() if cur.description is not None else []

    def columns(self, table: str) -> list[str]:
        if self.engine == "sqlite":
            return [r[1] for r in self.query(f"PRAGMA table_info({table})")]
        return [r[0] for r in self.query(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
            " ORDER BY ordinal_position", (table,))]

    def counts(self) -> dict[str, int]:
        return {t.name: self.query(f"SELECT COUNT(*) FROM {t.name}")[0][0] for t in TABLES}


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> DB:
    if request.param == "sqlite":
        return DB("sqlite", str(tmp_path / "out.sqlite"))
    return DB("postgres", request.getfixturevalue("pg_dsn"))


def load(db: DB, *inputs: str, extra: tuple[str, ...] = ()) -> int:
    return main([*inputs, "--db", db.target, "-q", *extra])


def test_database_holds_the_same_counts_as_json_lines(db: DB, bench_slice: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main([str(bench_slice), "-o", str(out), "--workers", "2", "-q"]) in (0, 1)
    expected = jsonl_counts(out)
    assert expected["documents"] == 100 and expected["dates"] > 0
    assert load(db, str(bench_slice), extra=("--workers", "2")) in (0, 1)
    assert db.counts() == expected


def test_reloading_upserts_and_replaces_a_documents_rows(db: DB, tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    rows = [
        {"id": "d1", "published": "2022-05-02", "text": "Ngày 1-5, tỉnh Quảng Nam trao 300 suất quà, mỗi suất 500.000 đồng, cho hộ nghèo."},
        {"id": "d2", "published": "2022-05-02", "text": "Năm 2021, huyện đã hỗ trợ 1.250 hộ nghèo với tổng kinh phí 12 tỉ đồng."},
    ]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert load(db, str(src)) == 0
    first = db.counts()
    assert load(db, str(src)) == 0
    assert load(db, str(src), extra=("--resume",)) == 0
    assert db.counts() == first
    # d1 now says less: its old rows go, nothing is duplicated.
    rows[0]["text"] = "Tỉnh Quảng Nam trao quà cho hộ nghèo."
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert load(db, str(src)) == 0
    assert db.query("SELECT COUNT(*) FROM amounts WHERE doc_id = ?", ("d1",))[0][0] == 0
    # d1 now has no amount: its rows are gone; d2's are untouched.
    d2_amounts = len(extract(rows[1]["text"], published=rows[1]["published"], doc_id="d2").amounts)
    assert d2_amounts > 0
    assert db.query("SELECT COUNT(*) FROM amounts WHERE doc_id = ?", ("d2",))[0][0] == d2_amounts
    assert db.counts()["amounts"] == d2_amounts
    assert db.query("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM documents")[0] == (2, 2)


HOSTILE_IDS = ["x'); DROP TABLE documents; --", 'say "hi"', "back\\slash", "nul\x00inside", "Robert'); DELETE FROM dates;--"]


def test_hostile_strings_are_stored_verbatim(db: DB, tmp_path: Path) -> None:
    src = tmp_path / "h.jsonl"
    docs = [
        {"id": did, "title": "'; DROP TABLE facts; --", "text": f"Năm 2022, xã trao 40 suất quà {did!r} cho hộ nghèo; '); DELETE FROM documents; --"}
        for did in HOSTILE_IDS
    ]
    docs.append({"id": "nul-text", "text": "Năm 2022\x00, xã trao 40 suất quà \\u0000 cho hộ nghèo."})
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    assert load(db, str(src), extra=("--store-text",)) == 0
    got = dict(db.query("SELECT doc_id, title FROM documents"))
    for did in HOSTILE_IDS:
        stored = did if db.engine == "sqlite" else did.replace("\x00", "\\u0000")
        assert stored in got, did
        assert got[stored] == "'; DROP TABLE facts; --"
    assert db.counts()["documents"] == len(docs)
    body = db.query("SELECT body, warnings FROM documents WHERE doc_id = ?", ("nul-text",))[0]
    warnings = body[1] if isinstance(body[1], list) else json.loads(body[1])
    if db.engine == "sqlite":
        assert body[0] == docs[-1]["text"]
        assert "nul_escaped" not in json.dumps(warnings)
    else:  # PostgreSQL text cannot hold NUL: an escaped form plus a warning
        assert body[0] == str(docs[-1]["text"]).replace("\x00", "\\u0000")
        assert any(w["code"] == "nul_escaped" for w in warnings)


def test_schema_is_versioned_and_a_newer_database_is_refused(db: DB, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "v", "text": "Năm 2022, xã trao 5 suất quà."}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load(db, str(src)) == 0
    assert load(db, str(src)) == 0
    assert [r[0] for r in db.query("SELECT version FROM schema_version")] == [SCHEMA_VERSION]
    db.query("INSERT INTO schema_version (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)", (SCHEMA_VERSION + 1,))
    if db.engine == "postgres":  # psycopg's context manager commits; sqlite3's too
        pass
    capsys.readouterr()
    assert load(db, str(src)) == 2
    assert "newer than this tool" in capsys.readouterr().err


def _doc_queries() -> list[str]:
    text = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, flags=re.S)


def test_the_documented_queries_run(db: DB, tmp_path: Path) -> None:
    queries = _doc_queries()
    assert len(queries) >= 3
    src = tmp_path / "a.jsonl"
    rows = [
        {"id": "q1", "published": "2021-10-09", "text": "Ngày 8-10, tỉnh Long An đã hỗ trợ trên 435.000 người với tổng kinh phí trên 357 tỉ đồng."},
        {"id": "q2", "published": "2021-11-02", "text": "Tính đến ngày 1-11, tỉnh Đồng Tháp đã chi 120 tỉ đồng hỗ trợ 80.000 lao động tự do."},
    ]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert load(db, str(src)) == 0
    for q in queries:
        db.query(q)


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_schema_ddl_has_every_table_and_index(engine: str) -> None:
    ddl = schema_sql(engine)
    for t in TABLES:
        assert f"CREATE TABLE IF NOT EXISTS {t.name} (" in ddl
    for t in CHILDREN:
        if t.key != ("doc_id",):  # errors: the primary key is the index
            assert f"ON {t.name} (doc_id)" in ddl
    assert ("JSONB" in ddl) == (engine == "postgres")


def test_sqlite_url_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vn_welfare_extract.db import open_database

    monkeypatch.chdir(tmp_path)
    opened: list[Callable[[], None]] = []
    for target in ("sqlite:///rel.db", f"sqlite:///{tmp_path}/abs.db", "plain.sqlite", "other.sqlite3"):
        sink = open_database(target)
        opened.append(sink.close)
    for close in opened:
        close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".db", ".sqlite", ".sqlite3")) == [
        "abs.db", "other.sqlite3", "plain.sqlite", "rel.db"]
    with pytest.raises(ValueError, match="unknown database"):
        open_database("mysql://x")


def test_a_version_1_database_is_migrated_in_place(db: DB, tmp_path: Path) -> None:
    v1_steps = [st for v, sts in migrations(db.engine) if v == 1 for st in sts]
    for st in [VERSION_TABLE_SQL[db.engine], *v1_steps]:
        db.query(st)
    db.query("INSERT INTO schema_version (version, applied_at) VALUES (1, '2025-01-01T00:00:00+00:00')")
    db.query("INSERT INTO documents (doc_id, status, warnings) VALUES ('old', 'ok', '[]')")
    db.query("INSERT INTO amounts (id, doc_id, text, start_char, end_char, value, currency) "
             "VALUES ('a-old', 'old', '5 tỉ đồng', 0, 9, 5000000000, 'VND')")
    assert "value_exact" not in db.columns("amounts") and "crawled" not in db.columns("documents")
    src = tmp_path / "a.jsonl"
    text = "Năm 2022, tỉnh hỗ trợ mỗi hộ 74,81 USD cho 30 hộ nghèo."
    src.write_text(json.dumps({"id": "new", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load(db, str(src)) == 0
    assert [r[0] for r in db.query("SELECT version FROM schema_version ORDER BY version")] == [1, 2, 3] == [*range(1, SCHEMA_VERSION + 1)]
    for t in TABLES:  # the migrated database has the columns, in the order, of a new one
        assert db.columns(t.name) == list(t.column_names), t.name
    assert [t.column_names for t in tables_at(1)] != [t.column_names for t in TABLES]
    assert db.query("SELECT doc_id, status, crawled FROM documents ORDER BY doc_id") == [("new", "ok", None), ("old", "ok", None)]
    old = db.query("SELECT value, currency, value_exact FROM amounts WHERE id = 'a-old'")
    assert [(int(v), c, x) for v, c, x in old] == [(5_000_000_000, "VND", None)]
    new = db.query("SELECT text, value, value_exact, end_value_exact FROM amounts WHERE doc_id = 'new'")
    assert [(t, int(v), x, e) for t, v, x, e in new] == [("74,81 USD", 75, "74.81", None)]
    assert load(db, str(src)) == 0  # a second run finds nothing to migrate
    assert [r[0] for r in db.query("SELECT version FROM schema_version ORDER BY version")] == [1, 2, 3]


def test_migration_steps_from_zero_give_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "steps.sqlite"
    with sqlite3.connect(path) as conn:
        for _, statements in migrations("sqlite"):
            for st in statements:
                conn.execute(st)
    fresh = tmp_path / "fresh.sqlite"
    with sqlite3.connect(fresh) as conn:
        conn.executescript(schema_sql("sqlite"))
    for t in TABLES:
        with sqlite3.connect(path) as a, sqlite3.connect(fresh) as b:
            cols_a = [r[1:3] for r in a.execute(f"PRAGMA table_info({t.name})")]
            cols_b = [r[1:3] for r in b.execute(f"PRAGMA table_info({t.name})")]
        assert cols_a == cols_b, t.name


def test_a_version_2_database_gets_the_dates_time_column(db: DB, tmp_path: Path) -> None:
    steps = [st for v, sts in migrations(db.engine) if v <= 2 for st in sts]
    for st in [VERSION_TABLE_SQL[db.engine], *steps]:
        db.query(st)
    db.query("INSERT INTO schema_version (version, applied_at) VALUES (2, '2025-01-01T00:00:00+00:00')")
    assert "time" not in db.columns("dates")
    src = tmp_path / "a.jsonl"
    text = "Lúc 14h30 ngày 8-10-2021, tỉnh trao 30 suất quà."
    src.write_text(json.dumps({"id": "t", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load(db, str(src)) == 0
    assert db.columns("dates") == list(BY_NAME["dates"].column_names)
    assert db.query("SELECT value, time FROM dates WHERE doc_id = 't'") == [("2021-10-08", "14:30")]


def _per_province_query() -> str:
    (q,) = [q for q in _doc_queries() if "per province per month" in q or "total_vnd" in q]
    return q


def test_the_support_per_province_example_sums_totals_of_provinces(db: DB, tmp_path: Path) -> None:
    """A rate (so much per person) is not a total, and a city inside a province is not a province."""
    src = tmp_path / "a.jsonl"
    rows = [
        {"id": "r1", "published": "2021-03-06", "text": "Ngày 5-3, tỉnh Khánh Hòa đã chi 2.100 tỉ đồng hỗ trợ cho 90.000 lao động tự do."},
        {"id": "r2", "published": "2021-03-07", "text": "Ngày 6-3, tỉnh Khánh Hòa hỗ trợ 1,5 triệu đồng/người cho 2.000 lao động tự do."},
        {"id": "r3", "published": "2021-03-08", "text": "Ngày 7-3, UBND thành phố Nha Trang, tỉnh Khánh Hòa đã chi 30 tỉ đồng hỗ trợ cho 4.000 hộ nghèo."},
    ]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert load(db, str(src)) == 0
    facts = db.query("SELECT doc_id, location, province, per, amount FROM facts WHERE amount IS NOT NULL ORDER BY doc_id")
    assert [(d, loc, prov, per, int(a)) for d, loc, prov, per, a in facts] == [
        ("r1", "Khánh Hòa", "Khánh Hòa", None, 2_100_000_000_000),
        ("r2", "Khánh Hòa", "Khánh Hòa", "người", 1_500_000),
        ("r3", "Nha Trang", "Khánh Hòa", None, 30_000_000_000),
    ]
    got = [(p, m, int(t), int(n)) for p, m, t, n in db.query(_per_province_query())]
    assert got == [("Khánh Hòa", "2021-03", 2_130_000_000_000, 2)]
    levels = dict(db.query("SELECT name, level FROM locations WHERE doc_id = 'r3'"))
    assert levels == {"Nha Trang": "district", "Khánh Hòa": "province"}


OPENER = """
import os, sys, time
from vn_welfare_extract.db import open_database
go, paths = sys.argv[1], sys.argv[2:]
while not os.path.exists(go):
    time.sleep(0.001)
for p in paths:
    open_database(p).close()
"""


def test_loaders_creating_one_new_sqlite_file_at_once_do_not_collide(tmp_path: Path) -> None:
    """Two batch runs starting together on a new SQLite file: one creates the schema, the other
    waits and finds it (the version is read inside the write transaction)."""
    import subprocess
    import sys

    go = tmp_path / "go"
    paths = [str(tmp_path / f"new{i}.sqlite") for i in range(20)]
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(go), *paths], stderr=subprocess.PIPE, text=True) for _ in range(4)]
    time.sleep(1.0)  # all four imported and waiting
    go.write_text("", encoding="utf-8")
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, "\n".join(errs)
    for path in paths:
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
