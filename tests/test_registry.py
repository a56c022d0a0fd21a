"""The archive-level registry (``registry.py``) on hand-made records: same name different people,
post changes over time, abbreviations, incremental merges, idempotent reloads, stable ids; then
the loaders (SQLite, PostgreSQL, Parquet, Dask) on a bench slice give the same registry."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import need_module
from vn_welfare_extract import registry
from vn_welfare_extract.cli import main
from vn_welfare_extract.tables import BY_NAME, REGISTRY_TABLES

NAMES = [t.name for t in REGISTRY_TABLES]


def _m(text: str, start: int = 0) -> dict[str, Any]:
    return {"text": text, "start": start, "end": start + len(text)}


def rec(doc_id: str, published: str, officials: list[tuple[str, list[tuple[str, str | None]]]] = (),  # type: ignore[assignment]
        orgs: list[tuple[str, str | None]] = (), places: list[str] = (), policies: list[dict[str, Any]] = (),  # type: ignore[assignment]
        amounts: list[dict[str, Any]] = (), facts: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    """A record dict: officials as (name, [(title, organisation)]), organisations as (name,
    location), provinces by name; ids made from the doc id and the position."""
    return {
        "doc_id": doc_id, "published": published, "schema_version": "1.0", "library_version": "test",
        "dates": [], "counts": [], "warnings": [],
        "officials": [
            {"id": f"off_{doc_id}_{i}", "name": n, "mentions": [_m(n)], "gender": None, "rule": "t", "organization_ids": [],
             "titles": [{"title": t, "organization": o} for t, o in ts]}
            for i, (n, ts) in enumerate(officials)
        ],
        "organizations": [
            {"id": f"org_{doc_id}_{i}", "name": n, "kind": None, "location": loc, "mentions": [_m(n)], "rule": "t"}
            for i, (n, loc) in enumerate(orgs)
        ],
        "locations": [
            {"id": f"loc_{doc_id}_{i}", "name": p, "level": "province", "code": None, "parent": None, "successor_2025": None,
             "mentions": [_m(p)], "rule": "t"}
            for i, p in enumerate(places)
        ],
        "policies": list(policies), "amounts": list(amounts), "facts": list(facts),
    }


def by_name(tables: dict[str, list[tuple[Any, ...]]], table: str) -> list[dict[str, Any]]:
    cols = BY_NAME[table].column_names
    return [dict(zip(cols, r, strict=True)) for r in tables[table]]


def persons_named(tables: dict[str, list[tuple[Any, ...]]], name: str) -> list[dict[str, Any]]:
    return [p for p in by_name(tables, "persons") if p["name"] == name]


def posts_of(tables: dict[str, list[tuple[Any, ...]]], person_id: str) -> list[tuple[str, str | None, str | None, str | None]]:
    rows = [p for p in by_name(tables, "person_posts") if p["person_id"] == person_id]
    return sorted((p["title"], p["organization"], p["first_seen"], p["last_seen"]) for p in rows)


def test_same_name_in_different_provinces_stays_two_people() -> None:
    recs = [
        rec("a1", "2022-03-01", [("Đoàn Văn Lượng", [("Chủ tịch", "Ủy ban nhân dân tỉnh Long An")])]),
        rec("a2", "2022-03-02", [("Đoàn Văn Lượng", [("Giám đốc", "Sở Y tế tỉnh Cà Mau")])]),
        rec("a3", "2022-05-09", [("Đoàn Văn Lượng", [("Bí thư", "Tỉnh ủy Long An")])]),
        # a body that needs a place and has none is no body; the one same-name Giám đốc is in
        # Cà Mau, and this article is about Bạc Liêu: kept apart from both
        rec("a4", "2022-06-01", [("Đoàn Văn Lượng", [("Giám đốc", "Sở Y tế")])], places=["Bạc Liêu"]),
    ]
    t = registry.build(recs)
    people = persons_named(t, "Đoàn Văn Lượng")
    assert len(people) == 3
    by_docs = sorted(p["n_docs"] for p in people)
    assert by_docs == [1, 1, 2]
    long_an = next(p for p in people if p["n_docs"] == 2)
    assert json.loads(long_an["provinces"]) == ["Long An"]
    reasons = {m["doc_id"]: m["reason"] for m in by_name(t, "person_mentions")}
    assert reasons["a1"] == reasons["a3"] == "same name + same province: Long An"
    assert "kept apart" in reasons["a4"]
    # the same post without a body: not the Cà Mau Giám đốc either, unless the article names Cà Mau
    t2 = registry.build([*recs[:3], rec("a5", "2022-06-02", [("Đoàn Văn Lượng", [("Giám đốc", "Sở Y tế")])])])
    m = {x["doc_id"]: (x["person_id"], x["reason"]) for x in by_name(t2, "person_mentions")}
    assert m["a5"][0] != m["a2"][0]


def test_a_post_change_over_time_is_one_person_with_dated_posts() -> None:
    recs = [
        rec("b1", "2019-06-01", [("Lưu Quang Thái", [("Phó Thủ tướng", "Chính phủ")])]),
        rec("b2", "2021-04-10", [("Lưu Quang Thái", [("Thủ tướng", "Chính phủ")])]),
        rec("b3", "2021-09-01", [("Lưu Quang Thái", [("Thủ tướng", "Chính phủ")])]),
        rec("b4", "2023-02-01", [("Lưu Quang Thái", [("Chủ tịch nước", "Nước Cộng hòa xã hội chủ nghĩa Việt Nam")])]),
        # a foreign prime minister of the same (transliterated) name is not him
        rec("b5", "2021-04-11", [("Lưu Quang Thái", [("Thủ tướng", "Singapore")])]),
    ]
    t = registry.build(recs)
    people = persons_named(t, "Lưu Quang Thái")
    assert len(people) == 2
    him = max(people, key=lambda p: p["n_docs"])
    assert (him["n_docs"], him["first_seen"], him["last_seen"]) == (4, "2019-06-01", "2023-02-01")
    assert posts_of(t, him["person_id"]) == [
        ("Chủ tịch nước", "Nước Cộng hòa xã hội chủ nghĩa Việt Nam", "2023-02-01", "2023-02-01"),
        ("Phó Thủ tướng", "Chính phủ", "2019-06-01", "2019-06-01"),
        ("Thủ tướng", "Chính phủ", "2021-04-10", "2021-09-01"),
    ]


def test_a_minister_who_becomes_deputy_prime_minister_is_bridged_by_a_mention_with_both_posts() -> None:
    recs = [
        rec("c1", "2018-01-01", [("Hà Thanh Tùng", [("Bộ trưởng", "Bộ Tài chính")])]),
        rec("c2", "2020-01-01", [("Hà Thanh Tùng", [("Phó Thủ tướng", "Chính phủ"), ("Bộ trưởng", "Bộ Tài chính")])]),
        rec("c3", "2021-01-01", [("Hà Thanh Tùng", [("Phó Thủ tướng", "Chính phủ")])]),
    ]
    t = registry.build(recs)
    assert [p["n_docs"] for p in persons_named(t, "Hà Thanh Tùng")] == [3]
    # without the bridge: posts in national state bodies years apart are one career
    t2 = registry.build([recs[0], recs[2]])
    assert [p["n_docs"] for p in persons_named(t2, "Hà Thanh Tùng")] == [2]
    assert any("a career" in m["reason"] or "rare name" in m["reason"] for m in by_name(t2, "person_mentions"))


def test_abbreviation_and_full_name_are_one_body() -> None:
    recs = [
        rec("d1", "2022-01-05", [("Tạ Thị Mơ", [("Chủ tịch", "UBND tỉnh Bến Tre")])], orgs=[("UBND tỉnh Bến Tre", "Bến Tre")]),
        rec("d2", "2022-02-05", [("Tạ Thị Mơ", [("Chủ tịch", "Ủy ban nhân dân tỉnh Bến Tre")])],
            orgs=[("Ủy ban nhân dân tỉnh Bến Tre", "Bến Tre"), ("Bộ LĐ-TB&XH", None)]),
        rec("d3", "2022-03-05", orgs=[("Bộ Lao động - Thương binh và Xã hội", None), ("Hội", None)]),
    ]
    t = registry.build(recs)
    bodies = {b["name"]: b for b in by_name(t, "bodies")}
    assert set(bodies) == {"Ủy ban nhân dân tỉnh Bến Tre", "Bộ Lao động - Thương binh và Xã hội"}  # "Hội" is not one body
    ub = bodies["Ủy ban nhân dân tỉnh Bến Tre"]
    assert (ub["n_docs"], ub["province"]) == (2, "Bến Tre")
    assert set(json.loads(ub["variants"])) == {"UBND tỉnh Bến Tre", "Ủy ban nhân dân tỉnh Bến Tre"}
    assert bodies["Bộ Lao động - Thương binh và Xã hội"]["n_docs"] == 2
    [mo] = persons_named(t, "Tạ Thị Mơ")
    assert posts_of(t, mo["person_id"]) == [("Chủ tịch", "Ủy ban nhân dân tỉnh Bến Tre", "2022-01-05", "2022-02-05")]
    assert {p["body_id"] for p in by_name(t, "person_posts")} == {ub["body_id"]}


def test_a_mention_without_posts_joins_the_one_person_its_article_points_to() -> None:
    recs = [
        rec("e1", "2022-01-01", [("Kha Văn Sĩ", [("Giám đốc", "Sở Tài chính tỉnh Sóc Trăng")])]),
        rec("e2", "2022-01-02", [("Kha Văn Sĩ", [("Giám đốc", "Sở Tài chính tỉnh Hậu Giang")])]),
        rec("e3", "2022-01-03", [("Kha Văn Sĩ", [])], places=["Sóc Trăng"]),
        rec("e4", "2022-01-04", [("Kha Văn Sĩ", [])], places=["Sóc Trăng", "Hậu Giang"]),  # two fit: apart
        rec("e5", "2022-01-05", [("Kha Văn Sĩ", [])]),  # nothing to compare: apart
    ]
    t = registry.build(recs)
    reasons = {m["doc_id"]: (m["person_id"], m["reason"]) for m in by_name(t, "person_mentions")}
    assert reasons["e3"] == (reasons["e1"][0], "same name + no post, article mentions province Sóc Trăng")
    assert reasons["e4"][1] == "no post, 2 same-name persons fit: kept apart"
    assert reasons["e5"][1] == "no post to compare: kept apart"
    assert len({p for p, _ in reasons.values()}) == 4


def test_a_singular_post_without_a_body_joins_the_one_person_who_held_it() -> None:
    recs = [
        rec("k1", "2022-01-01", [("Lâm Chí Hào", [("Thủ tướng", "Singapore")])]),
        rec("k2", "2022-01-02", [("Lâm Chí Hào", [("Thủ tướng", None)])]),
        rec("k3", "2022-01-03", [("Lâm Chí Hào", [("Giám đốc", None)])]),  # a post many hold: apart
        rec("k4", "2022-01-04", [("Ông Bá Kiến", [("Tổng thống", None)])]),
        rec("k5", "2022-01-05", [("Ông Bá Kiến", [("Tổng thống", None)])]),
    ]
    t = registry.build(recs)
    m = {x["doc_id"]: (x["person_id"], x["reason"]) for x in by_name(t, "person_mentions")}
    assert m["k2"] == (m["k1"][0], "same name + same post thủ tướng, no body named")
    assert m["k3"][0] != m["k1"][0]
    assert m["k4"] == (m["k5"][0], "same name + same post tổng thống, no body named")
    # any post, when the one holder is tied to no province (a company)
    t2 = registry.build([
        rec("q1", "2022-01-01", [("Hứa Vĩnh Khang", [("Chủ tịch Hội đồng quản trị", "Ngân hàng Phương Nam Xanh")])]),
        rec("q2", "2022-02-01", [("Hứa Vĩnh Khang", [("Chủ tịch Hội đồng quản trị", None)])], places=["Cần Thơ"]),
    ])
    m = {x["doc_id"]: (x["person_id"], x["reason"]) for x in by_name(t2, "person_mentions")}
    assert m["q2"] == (m["q1"][0], "same name + same post chủ tịch hội đồng quản trị, no body named")


def law_rec(doc_id: str, published: str, code: str | None, year: int | None, issuer: str | None,
            amount: int | None = None, per: str | None = None, link: bool = True) -> dict[str, Any]:
    text = "Theo Quyết định 23, tỉnh chi tiền cho hộ nghèo."
    pol = {"id": f"pol_{doc_id}", "kind": "Quyết định", "number": "23", "year": year, "code": code, "issuer": issuer,
           "issued_on": None, "subject": None, "title": None, "rule": "t", "mentions": [_m("Quyết định 23", 5)]}
    amounts, links = [], {}
    if amount is not None:
        amounts = [{"id": f"amo_{doc_id}", "text": "x", "start": 30, "end": 31, "value": amount, "currency": "VND", "per": per}]
        links["amount"] = f"amo_{doc_id}"
    if link:
        links["policy"] = f"pol_{doc_id}"
    fact = {"id": f"fac_{doc_id}", "type": "support", "rule": "t", "amount": amount, "location": "Nghệ An",
            "links": links, "sentence": {"text": text, "start": 0, "end": len(text)}}
    return rec(doc_id, published, policies=[pol], amounts=amounts, facts=[fact])


def test_legal_documents_merge_by_code_and_fuller_details_and_keep_the_money() -> None:
    recs = [
        law_rec("f1", "2021-05-03", "23/2021/QĐ-TTg", 2021, "Thủ tướng Chính phủ", 2_000_000_000),
        law_rec("f2", "2021-06-07", None, 2021, None, 500_000, per="người/tháng"),  # a rate
        law_rec("f3", "2021-06-20", None, None, None, 1_000_000_000, link=False),  # cited in the sentence only
        law_rec("f4", "2021-07-01", None, 2019, None),  # another year: another document
    ]
    t = registry.build(recs)
    docs = by_name(t, "legal_documents")
    assert len(docs) == 2
    qd = next(d for d in docs if d["code"])
    assert (qd["n_docs"], qd["first_cited"], qd["last_cited"], qd["n_facts"], qd["year"]) == (3, "2021-05-03", "2021-06-20", 3, 2021)
    facts = sorted((f["doc_id"], f["via"], f["amount"], f["per"], f["province"], f["month"])
                   for f in by_name(t, "legal_document_facts") if f["legal_doc_id"] == qd["legal_doc_id"])
    assert facts == [
        ("f1", "link", 2_000_000_000, None, "Nghệ An", "2021-05"),
        ("f2", "link", 500_000, "người/tháng", "Nghệ An", "2021-06"),
        ("f3", "sentence", 1_000_000_000, None, "Nghệ An", "2021-06"),
    ]
    money = sum(f[2] for f in facts if f[3] is None)  # rates excluded
    assert money == 3_000_000_000
    reasons = {c["doc_id"]: c["reason"] for c in by_name(t, "legal_document_citations")}
    assert reasons["f2"] == reasons["f3"] == "fewer details, compatible with the one fuller citation"
    # with a second full document of that kind and number, the bare citation fits both: apart
    t2 = registry.build([*recs, law_rec("f5", "2021-08-01", None, 2019, "Ủy ban nhân dân tỉnh Nghệ An")])
    reasons = {c["doc_id"]: c["reason"] for c in by_name(t2, "legal_document_citations")}
    assert reasons["f3"] == "cited by kind and number; 2 fuller documents fit: kept apart"


ARCHIVE = [
    rec("g1", "2022-01-01", [("Mạc Đình Vũ", [("Chủ tịch", "Ủy ban nhân dân tỉnh Phú Yên")])], orgs=[("UBND tỉnh Phú Yên", "Phú Yên")]),
    rec("g2", "2022-02-01", [("Mạc Đình Vũ", [("Bí thư", "Tỉnh ủy Phú Yên")])]),
    rec("g3", "2022-03-01", [("Mạc Đình Vũ", [("Giám đốc", "Sở Nội vụ tỉnh Gia Lai")])]),
    law_rec("g4", "2022-04-01", "23/2021/QĐ-TTg", 2021, "Thủ tướng Chính phủ", 1_000_000),
    law_rec("g5", "2022-05-01", None, 2021, None, 2_000_000),
    rec("g6", "2022-06-01", [("Mạc Đình Vũ", [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Phú Yên"), ("Giám đốc", "Sở Nội vụ tỉnh Gia Lai")])]),
]


def _update(store: registry.MemoryStore, recs: list[dict[str, Any]]) -> None:
    rows = registry.rows_from_records(recs)
    registry.update(store, [r["doc_id"] for r in recs], registry.evidence(rows))


def test_incremental_batches_equal_one_build_and_reloads_change_nothing() -> None:
    whole = registry.MemoryStore(registry.build(ARCHIVE)).sorted_tables()
    store = registry.MemoryStore()
    _update(store, ARCHIVE[:3])
    before = store.sorted_tables()
    assert len([p for p in by_name(before, "persons") if p["name"] == "Mạc Đình Vũ"]) == 2
    _update(store, ARCHIVE[3:])  # g6 bridges Phú Yên and Gia Lai: the two persons become one
    assert store.sorted_tables() == whole
    assert len([p for p in by_name(whole, "persons") if p["name"] == "Mạc Đình Vũ"]) == 1
    _update(store, ARCHIVE[1:4])  # a re-load changes nothing
    assert store.sorted_tables() == whole
    _update(store, ARCHIVE)
    assert store.sorted_tables() == whole
    # a re-loaded article that now says less loses its evidence, and only that
    changed = rec("g6", "2022-06-01", [])
    _update(store, [changed])
    assert store.sorted_tables() == registry.MemoryStore(registry.build([*ARCHIVE[:5], changed])).sorted_tables()


def test_ids_come_from_content_not_order() -> None:
    a = registry.MemoryStore(registry.build(ARCHIVE)).sorted_tables()
    b = registry.MemoryStore(registry.build(list(reversed(ARCHIVE)))).sorted_tables()
    assert a == b
    # the id of a person does not move when unrelated articles arrive
    small = registry.build(ARCHIVE[:2])
    more = registry.build([*ARCHIVE[:2], rec("h1", "2023-01-01", [("Ông Khác Tên", [("Giám đốc", "Sở Y tế tỉnh Cà Mau")])])])
    assert persons_named(small, "Mạc Đình Vũ")[0]["person_id"] == persons_named(more, "Mạc Đình Vũ")[0]["person_id"]
    assert {b_["body_id"] for b_ in by_name(small, "bodies")} < {b_["body_id"] for b_ in by_name(more, "bodies")}


# ------------------------------------------------------------------ loaders on a bench slice


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {n: conn.execute(f"SELECT COUNT(*) FROM {n}").fetchone()[0] for n in NAMES}


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sqlite_registry_equals_the_python_build_and_survives_reloads(bench_slice: Path, tmp_path: Path) -> None:
    db, jl = tmp_path / "r.sqlite", tmp_path / "r.jsonl"
    assert main(["run", str(bench_slice), "--db", str(db), "-o", str(jl), "-q", "--workers", "1", "--batch-size", "7"]) == 0
    expected = {n: len(rs) for n, rs in registry.build(_records(jl)).items()}
    assert _sqlite_counts(db) == expected and expected["persons"] > 0 and expected["bodies"] > 0
    with sqlite3.connect(db) as conn:
        first = {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in NAMES}
    assert main(["run", str(bench_slice), "--db", str(db), "-q", "--workers", "1"]) == 0  # re-load everything
    assert main(["run", str(bench_slice), "--db", str(db), "-q", "--resume"]) == 0
    with sqlite3.connect(db) as conn:
        assert {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in NAMES} == first
    off = tmp_path / "off.sqlite"
    assert main(["run", str(bench_slice), "--db", str(off), "-q", "--no-registry"]) == 0
    assert set(_sqlite_counts(off).values()) == {0}


def test_sqlite_and_postgres_give_the_same_registry(bench_slice: Path, tmp_path: Path, pg_dsn: str) -> None:
    import psycopg

    db = tmp_path / "s.sqlite"
    assert main(["run", str(bench_slice), "--db", str(db), "-q", "--workers", "2"]) == 0
    assert main(["run", str(bench_slice), "--db", pg_dsn, "-q", "--workers", "2", "--batch-size", "13"]) == 0
    with psycopg.connect(pg_dsn) as conn:
        pg = {n: conn.execute(f"SELECT COUNT(*) FROM {n}").fetchone()[0] for n in NAMES}  # type: ignore[index]
        pg_ids = sorted(r[0] for r in conn.execute("SELECT person_id FROM persons"))
    assert pg == _sqlite_counts(db) and pg["persons"] > 0
    with sqlite3.connect(db) as conn:
        assert pg_ids == sorted(r[0] for r in conn.execute("SELECT person_id FROM persons"))


def test_parquet_registry_equals_sqlite_and_dask(bench_slice: Path, tmp_path: Path) -> None:
    pq = need_module("pyarrow.parquet", "parquet")
    out, db = tmp_path / "pq", tmp_path / "p.sqlite"
    assert main(["run", str(bench_slice), "--parquet", str(out), "--db", str(db), "-q", "--workers", "2"]) == 0
    counts = {n: pq.read_table(out / n / "registry.parquet").num_rows for n in NAMES}
    assert counts == _sqlite_counts(db)
    ids = sorted(pq.read_table(out / "persons" / "registry.parquet").column("person_id").to_pylist())
    distributed = need_module("distributed", "dask")
    from vn_welfare_extract import dask as vwe_dask

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        tables = vwe_dask.registry_tables(out)
        assert list(tables) == NAMES
        persons = tables["persons"].compute()
        assert sorted(persons["person_id"].tolist()) == ids
        assert list(persons.columns) == list(BY_NAME["persons"].column_names)
        (out / "persons" / "registry.parquet").unlink()
        assert vwe_dask.write_registry(out) == counts
        assert sorted(pq.read_table(out / "persons" / "registry.parquet").column("person_id").to_pylist()) == ids
    finally:
        client.close()
        cluster.close()


@pytest.mark.parametrize("table", NAMES)
def test_registry_tables_are_in_the_schema(table: str) -> None:
    from vn_welfare_extract.tables import schema_sql

    assert f"CREATE TABLE IF NOT EXISTS {table} (" in schema_sql("sqlite")
    assert f"CREATE TABLE IF NOT EXISTS {table} (" in schema_sql("postgres")


# --- second-pass rules: same-name persons a careful reader joins (and those it keeps apart) ---


def _people(recs: list[dict[str, Any]], name: str) -> tuple[list[int], list[str]]:
    """Sorted article counts of the persons of ``name`` and the reasons of its mentions."""
    t = registry.build(recs)
    return (sorted(p["n_docs"] for p in persons_named(t, name)),
            sorted(m["reason"] for m in by_name(t, "person_mentions") if m["name"] == name))


def test_one_body_under_two_spellings_joins_and_different_bodies_do_not() -> None:
    n, why = _people([
        rec("s1", "2021-04-01", [("Lương Thế Khiêm", [("Cục trưởng", "Cục Quản lý khám, chữa bệnh")])]),
        rec("s2", "2021-05-01", [("Lương Thế Khiêm", [("Cục trưởng", "Cục khám chữa bệnh")])]),
    ], "Lương Thế Khiêm")
    assert n == [2] and any("one body under two spellings" in w for w in why)
    n, _ = _people([
        rec("s1", "2021-04-01", [("Mạc Đình Hưng", [("Giám đốc", "BV108")])]),  # a short form glued to its number
        rec("s2", "2021-05-01", [("Mạc Đình Hưng", [("Giám đốc", "Bệnh viện Trung ương Quân đội 108")])]),
    ], "Mạc Đình Hưng")
    assert n == [2]
    n, _ = _people([  # common name, two different departments: no evidence
        rec("s1", "2021-04-01", [("Nguyễn Văn Hùng", [("Cục trưởng", "Cục Quản lý khám, chữa bệnh")])]),
        rec("s2", "2021-05-01", [("Nguyễn Văn Hùng", [("Cục trưởng", "Cục An toàn thực phẩm")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_a_brand_and_its_group_are_one_enterprise() -> None:
    n, why = _people([
        rec("g1", "2021-04-01", [("Nguyễn Văn Hùng", [("Phó Chủ tịch HĐQT", "Sao Khuê Land")])]),
        rec("g2", "2021-04-05", [("Nguyễn Văn Hùng", [("Phó Chủ tịch HĐQT", "Sao Khuê Group")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [2] and any("sao khuê land / sao khuê group" in w or "sao khuê group / sao khuê land" in w for w in why)
    n, _ = _people([
        rec("g1", "2021-04-01", [("Nguyễn Văn Hùng", [("Phó Chủ tịch HĐQT", "Sao Khuê Land")])]),
        rec("g2", "2021-04-05", [("Nguyễn Văn Hùng", [("Phó Chủ tịch HĐQT", "Bình Minh Group")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_one_singular_national_post_under_two_names_and_two_posts_at_once() -> None:
    n, why = _people([
        rec("f1", "2021-04-01", [("Ana Quispe", [("Ngoại trưởng", "Peru")])]),
        rec("f2", "2021-04-20", [("Ana Quispe", [("Bộ trưởng", "Bộ Ngoại giao Peru")])]),
    ], "Ana Quispe")
    assert n == [2] and any("same singular post" in w for w in why)
    n, _ = _people([  # a country is not the same body as its ministry: its prime minister is another post
        rec("f1", "2021-04-01", [("Ana Quispe", [("Thủ tướng", "Peru")])]),
        rec("f2", "2021-04-20", [("Ana Quispe", [("Bộ trưởng", "Bộ Ngoại giao Peru")])]),
    ], "Ana Quispe")
    assert n == [1, 1]
    n, _ = _people([  # two ministries of one country in the same month: two people
        rec("f1", "2021-04-01", [("Ana Quispe", [("Bộ trưởng", "Bộ Quốc phòng Peru")])]),
        rec("f2", "2021-04-20", [("Ana Quispe", [("Bộ trưởng", "Bộ Ngoại giao Peru")])]),
    ], "Ana Quispe")
    assert n == [1, 1]


def test_a_committee_is_a_unit_of_the_federation_its_article_names() -> None:
    fed = [("Liên đoàn Bóng rổ Việt Nam", None)]
    n, why = _people([
        rec("u1", "2020-11-01", [("Nguyễn Văn Hùng", [("Trưởng ban", "Ban trọng tài")])], orgs=fed),
        rec("u2", "2018-12-01", [("Nguyễn Văn Hùng", [("Thành viên", "ban chấp hành")])], orgs=fed),
    ], "Nguyễn Văn Hùng")
    assert n == [2] and any("a unit of the body its articles name" in w for w in why)
    n, _ = _people([  # a committee member of a federation vs a hospital surgeon of the same common name
        rec("u1", "2021-04-01", [("Nguyễn Văn Hùng", [("Trưởng khoa", "Khoa Ngoại, Bệnh viện Thanh Nhàn")])]),
        rec("u2", "2018-12-01", [("Nguyễn Văn Hùng", [("Thành viên", "ban chấp hành")])], orgs=fed),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_a_small_field_joins_a_common_name_but_not_across_fields() -> None:
    fed = [("Liên đoàn Bóng rổ Việt Nam", None)]
    n, why = _people([
        rec("k1", "2021-04-30", [("Trần Văn Hải", [("Chủ tịch", "CLB")])]),
        rec("k2", "2018-12-01", [("Trần Văn Hải", [("Thành viên", "ban chấp hành")])], orgs=fed),
    ], "Trần Văn Hải")
    assert n == [2] and any("small field: sport" in w for w in why)
    feds = [("Liên đoàn Bóng rổ Việt Nam", None), ("Liên đoàn Cầu lông Việt Nam", None)]
    n, _ = _people([  # two federations' chairmen, and a committee member in an article naming both: which one?
        rec("k1", "2021-04-30", [("Trần Văn Hải", [("Chủ tịch", "Liên đoàn Bóng rổ Việt Nam")])]),
        rec("k2", "2021-04-30", [("Trần Văn Hải", [("Chủ tịch", "Liên đoàn Cầu lông Việt Nam")])]),
        rec("k3", "2018-12-01", [("Trần Văn Hải", [("Thành viên", "ban chấp hành")])], orgs=feds),
    ], "Trần Văn Hải")
    assert n == [1, 1, 1]
    n, _ = _people([
        rec("k1", "2021-04-30", [("Trần Văn Hải", [("Chủ tịch", "Công ty Thủy sản Sao Mai")])]),
        rec("k2", "2018-12-01", [("Trần Văn Hải", [("Thành viên", "ban chấp hành")])], orgs=fed),
    ], "Trần Văn Hải")
    assert n == [1, 1]


def test_a_post_without_body_takes_the_field_of_its_articles_other_posts() -> None:
    fed = [("Liên đoàn Bóng rổ Việt Nam", None)]
    member = rec("h2", "2018-12-01", [("Trần Văn Hải", [("Thành viên", "ban chấp hành")])], orgs=fed)
    # "Chủ tịch" alone, in an article whose other official chairs a club: the field is sport
    n, why = _people([
        rec("h1", "2021-04-30", [("Trần Văn Hải", [("Chủ tịch", None)]), ("Lò Văn Pả", [("Chủ tịch", "CLB Sơn La")])]),
        member,
    ], "Trần Văn Hải")
    assert n == [2] and any("small field: sport" in w for w in why)
    n, _ = _people([  # ... and a company: no field of sport, kept apart
        rec("h1", "2021-04-30", [("Trần Văn Hải", [("Chủ tịch", None)]), ("Lò Văn Pả", [("Chủ tịch", "Công ty Thủy sản Sao Mai")])]),
        member,
    ], "Trần Văn Hải")
    assert n == [1, 1]


def test_a_rare_name_joins_posts_in_one_field_a_common_name_does_not() -> None:
    recs = [
        rec("r1", "2021-04-22", [("Khúc Thừa Mẫn", [("Chủ tịch HĐQT", "Ngân hàng Sao Việt")])]),
        rec("r2", "2021-04-26", [("Khúc Thừa Mẫn", [("Tổng Giám đốc", "Tập đoàn Hoa Lư Group")])]),
    ]
    n, why = _people(recs, "Khúc Thừa Mẫn")
    assert n == [2] and any("same rare name + posts in one field: business" in w for w in why)
    common = [rec(r["doc_id"], r["published"], [("Nguyễn Văn Hùng", [(t["title"], t["organization"]) for t in r["officials"][0]["titles"]])])
              for r in recs]
    assert _people(common, "Nguyễn Văn Hùng")[0] == [1, 1]
    n, _ = _people([  # a company chairman and a general of the same rare name: two fields, two people
        rec("r1", "2020-11-01", [("Khúc Thừa Mẫn", [("Chủ tịch", "Hoa Lư Group")])]),
        rec("r2", "2023-10-19", [("Khúc Thừa Mẫn", [("Phó Chủ nhiệm", "Tổng cục Chính trị Quân đội nhân dân Việt Nam")])]),
    ], "Khúc Thừa Mẫn")
    assert n == [1, 1]


def test_national_posts_years_apart_are_a_career_at_the_same_time_two_people() -> None:
    n, why = _people([
        rec("c1", "2021-04-28", [("Nguyễn Văn Hùng", [("Phó Chủ nhiệm", "Tổng cục Chính trị Quân đội nhân dân Việt Nam")])]),
        rec("c2", "2023-05-27", [("Nguyễn Văn Hùng", [("Phó Chủ tịch", "Quốc hội")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [2] and any("a career" in w for w in why)
    n, _ = _people([
        rec("c1", "2021-04-16", [("Nguyễn Văn Hùng", [("Vụ trưởng", "Vụ Đào tạo, Bộ Lao động - Thương binh và Xã hội")])]),
        rec("c2", "2021-04-30", [("Nguyễn Văn Hùng", [("Phó Tham mưu trưởng", "Quân khu 4")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_different_provinces_veto_every_second_pass_rule() -> None:
    n, _ = _people([
        rec("p1", "2021-04-01", [("Khúc Thừa Mẫn", [("Giám đốc", "Sở Y tế tỉnh Cà Mau")])]),
        rec("p2", "2021-04-02", [("Khúc Thừa Mẫn", [("Giám đốc", "Bệnh viện Đa khoa tỉnh Long An")])]),
    ], "Khúc Thừa Mẫn")
    assert n == [1, 1]


def test_another_officials_post_glued_to_a_body_is_not_evidence() -> None:
    t = registry.build([
        rec("n1", "2021-04-22", [("Đinh Khắc Vũ", [("Bộ trưởng", "Bộ Y tế"), ("Bộ trưởng", "Bộ Tài chính Lê Minh Thư")]),
                                  ("Lê Minh Thư", [("Bộ trưởng", "Bộ Tài chính")])]),
        rec("n2", "2021-04-21", [("Đinh Khắc Vũ", [("Bộ trưởng", "Bộ Y tế")])]),
    ])
    m = {(x["doc_id"], x["name"]): x for x in by_name(t, "person_mentions")}
    assert json.loads(m[("n1", "Đinh Khắc Vũ")]["posts"]) == [["Bộ trưởng", "Bộ Y tế", m[("n2", "Đinh Khắc Vũ")]["evidence"] and
                                                             json.loads(m[("n2", "Đinh Khắc Vũ")]["posts"])[0][2]]]
    assert [p["n_docs"] for p in persons_named(t, "Đinh Khắc Vũ")] == [2]
    # a body that merely ends with a family name (a school named after a hero) is kept
    t = registry.build([rec("n3", "2021-04-22", [("Đinh Khắc Vũ", [("Hiệu trưởng", "Trường THCS Hoàng Hoa Thám")])])])
    assert json.loads(by_name(t, "person_mentions")[0]["posts"])[0][1] == "Trường THCS Hoàng Hoa Thám"


def test_a_body_of_a_bare_level_takes_its_articles_province_and_viet_nam_is_implied() -> None:
    n, _ = _people([
        rec("v1", "2021-04-30", [("Trần Văn Hải", [("Phó Chủ tịch", "UBND tỉnh Hà Nam")])]),
        rec("v2", "2021-05-01", [("Trần Văn Hải", [("Phó Trưởng ban", "Ban Chỉ đạo tỉnh")])], places=["Hà Nam"]),
    ], "Trần Văn Hải")
    assert n == [2]
    n, _ = _people([
        rec("v1", "2021-04-30", [("Trần Văn Hải", [("Phó Chủ tịch", "UBND tỉnh Hà Nam")])]),
        rec("v2", "2021-05-01", [("Trần Văn Hải", [("Phó Trưởng ban", "Ban Chỉ đạo tỉnh")])], places=["Nam Định"]),
    ], "Trần Văn Hải")
    assert n == [1, 1]
    assert registry.body_info("Bộ Quốc phòng Việt Nam")[0] == registry.body_info("Bộ Quốc phòng")[0]  # type: ignore[index]


def test_a_foreign_name_is_one_person_unless_its_posts_differ() -> None:
    n, why = _people([
        rec("x1", "2021-04-19", [("Marco Bellini", [("Phó Chủ tịch", None)])]),
        rec("x2", "2021-04-20", [("Marco Bellini", [("Chủ tịch", "Juventus")])]),
    ], "Marco Bellini")
    assert n == [2] and any("same foreign name" in w for w in why)
    n, _ = _people([  # a club chairman and a hospital director of one foreign name: two fields
        rec("x1", "2021-04-19", [("Marco Bellini", [("Giám đốc", "Bệnh viện Gemelli")])]),
        rec("x2", "2021-04-20", [("Marco Bellini", [("Chủ tịch", "Công ty Bellini Group")])]),
    ], "Marco Bellini")
    assert n == [1, 1]


def test_former_and_acting_titles_are_the_post_and_a_state_post_needs_a_state() -> None:
    # "Cựu Tổng thống" is the man who held "Tổng thống"; "Tổng thống" of a school is a misread
    # body, dropped, so it does not make a second president of the same name
    n, _ = _people([
        rec("t1", "2020-11-01", [("Tom Harlan", [("Tổng thống", "Mỹ")])]),
        rec("t2", "2021-04-22", [("Tom Harlan", [("Cựu Tổng thống", None)])]),
        rec("t3", "2021-04-25", [("Tom Harlan", [("Tổng thống", "Trường Y tế Công cộng thuộc Đại học Brown")])]),
    ], "Tom Harlan")
    assert n == [3]
    t = registry.build([rec("t3", "2021-04-25", [("Tom Harlan", [("Tổng thống", "Trường Y tế Công cộng thuộc Đại học Brown")])])])
    assert json.loads(by_name(t, "person_mentions")[0]["posts"]) == [["Tổng thống", None, None]]
    t = registry.build([rec("t4", "2021-04-25", [("Tom Harlan", [("Tổng thống", "Pháp")])])])
    assert json.loads(by_name(t, "person_mentions")[0]["evidence"]) == ["org:pháp"]


def test_a_body_that_is_a_piece_of_the_name_is_no_body() -> None:
    t = registry.build([rec("b1", "2021-03-26", [("Nguyễn Trường Sơn", [("Giám đốc", "Trường Sơn")])])])
    assert json.loads(by_name(t, "person_mentions")[0]["posts"]) == [["Giám đốc", None, None]]


def test_a_national_career_is_only_in_central_bodies() -> None:
    n, _ = _people([  # a national department 2021, a project board 2023: not a national career
        rec("c1", "2021-03-28", [("Nguyễn Văn Hùng", [("Cục trưởng", "Cục An toàn thực phẩm")])]),
        rec("c2", "2023-12-26", [("Nguyễn Văn Hùng", [("Phó Giám đốc", "Ban quản lý dự án cao tốc Cam Lâm - Vĩnh Hảo")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_a_post_less_person_fitting_several_units_of_one_field_joins_them() -> None:
    # a committee member, a board member of a league company and a "Chủ tịch" in a sports
    # article: no two of them hold different specific bodies, so they are one person
    fed = [("Liên đoàn Bóng rổ Việt Nam", None)]
    n, _ = _people([
        rec("m1", "2018-12-08", [("Trần Văn Hải", [("Thành viên", "Ban chấp hành Liên đoàn Bóng rổ Việt Nam")])], orgs=fed),
        rec("m2", "2021-04-22", [("Trần Văn Hải", [("Ủy viên", "Hội đồng quản trị Công ty Cổ phần bóng rổ chuyên nghiệp")])]),
        rec("m3", "2021-04-30", [("Trần Văn Hải", [("Chủ tịch", None)]), ("Lò Văn Pả", [("Chủ tịch", "CLB Sơn La")])]),
    ], "Trần Văn Hải")
    assert n == [3]
