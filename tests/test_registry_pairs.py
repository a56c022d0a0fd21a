"""Same-name pairs on hand-made records (issue 21, round 3): a body the extractor ran on into its
sentence, a national deputy promoted to head another body, a place's name read as a person's,
a foreign name with and without its accents; and the different people that must stay apart."""

from __future__ import annotations

import json
import runpy
import sqlite3
import sys
from pathlib import Path

import pytest

from test_registry import _people, by_name, persons_named, rec
from vn_welfare_extract import registry
from vn_welfare_extract.tables import REGISTRY_TABLES, table_sql


def test_a_body_run_on_into_its_sentence_is_the_body_it_starts_with() -> None:
    n, why = _people([
        rec("r1", "2022-06-01", [("Nguyễn Văn Hùng", [("Giám đốc", "Bệnh viện Mắt Sao Mai Trung ương")])]),
        rec("r2", "2022-06-09", [("Nguyễn Văn Hùng", [("Giám đốc", "Bệnh viện Mắt Sao Mai kêu gọi mọi người")])]),
        rec("r3", "2022-06-19", [("Nguyễn Văn Hùng", [("Giám đốc", "Bệnh viện mắt Sao mai cho hay, năm nay")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [3] and any("run on into its sentence: Bệnh viện Mắt Sao Mai" in w for w in why)
    n, _ = _people([  # the shared name ends in a lowercase word: two schools, two people
        rec("r1", "2022-06-01", [("Nguyễn Văn Hùng", [("Hiệu trưởng", "Trường Cao đẳng Kinh tế đối ngoại")])]),
        rec("r2", "2022-06-09", [("Nguyễn Văn Hùng", [("Hiệu trưởng", "Trường Cao đẳng Kinh tế công nghiệp")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]
    n, _ = _people([  # both go on with a number: two companies of one group, two people
        rec("r1", "2022-06-01", [("Nguyễn Văn Hùng", [("Giám đốc", "Công ty Sông Lam 7")])]),
        rec("r2", "2022-06-09", [("Nguyễn Văn Hùng", [("Giám đốc", "Công ty Sông Lam 12")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_a_run_on_body_joins_only_through_a_name_that_is_one_body() -> None:
    n, _ = _people([  # a district name in several provinces: which health centre?
        rec("r1", "2022-06-01", [("Nguyễn Văn Hùng", [("Giám đốc", "Trung tâm Y tế huyện Châu Thành")])]),
        rec("r2", "2022-06-09", [("Nguyễn Văn Hùng", [("Giám đốc", "Trung tâm Y tế huyện Châu Thành kêu gọi người dân")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_a_run_on_body_does_not_join_across_provinces() -> None:
    n, _ = _people([
        rec("r1", "2022-06-01", [("Nguyễn Văn Hùng", [("Giám đốc", "Bệnh viện Mắt Sao Mai tỉnh Bến Tre")])]),
        rec("r2", "2022-06-09", [("Nguyễn Văn Hùng", [("Giám đốc", "Bệnh viện Mắt Sao Mai tỉnh Nghệ An")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_a_national_deputy_promoted_to_head_another_body_is_one_person() -> None:
    n, why = _people([
        rec("q1", "2022-03-01", [("Nguyễn Thị Hằng", [("Phó Trưởng ban", "Ban Dân vận Trung ương")])]),
        rec("q2", "2022-03-10", [("Nguyễn Thị Hằng", [("Phó Trưởng ban", "Ban Dân vận Trung ương")])]),
        rec("q3", "2022-03-24", [("Nguyễn Thị Hằng", [("Trưởng ban", "Ban Công tác đại biểu")])]),
    ], "Nguyễn Thị Hằng")
    assert n == [3] and any("promoted to head another body: trưởng ban" in w for w in why)


def test_a_deputy_and_a_head_seen_at_once_or_in_reverse_are_two_people() -> None:
    n, _ = _people([  # the deputy is seen again after the head: two holders at once
        rec("q1", "2022-03-01", [("Nguyễn Văn Hùng", [("Phó Trưởng ban", "Ban Dân vận Trung ương")])]),
        rec("q2", "2022-03-24", [("Nguyễn Văn Hùng", [("Trưởng ban", "Ban Công tác đại biểu")])]),
        rec("q3", "2022-04-15", [("Nguyễn Văn Hùng", [("Phó Trưởng ban", "Ban Dân vận Trung ương")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 2]
    n, _ = _people([  # the head first, the deputy after: no promotion
        rec("q1", "2022-03-01", [("Nguyễn Văn Hùng", [("Trưởng ban", "Ban Công tác đại biểu")])]),
        rec("q2", "2022-03-24", [("Nguyễn Văn Hùng", [("Phó Trưởng ban", "Ban Dân vận Trung ương")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]
    n, _ = _people([  # nor is the head of a project board
        rec("q1", "2022-03-01", [("Nguyễn Văn Hùng", [("Phó Trưởng ban", "Ban Dân vận Trung ương")])]),
        rec("q2", "2022-03-24", [("Nguyễn Văn Hùng", [("Trưởng ban", "Ban quản lý dự án đường sắt đô thị")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]
    n, _ = _people([  # a provincial head is no national promotion
        rec("q1", "2022-03-01", [("Nguyễn Văn Hùng", [("Phó Trưởng ban", "Ban Dân vận Trung ương")])]),
        rec("q2", "2022-03-24", [("Nguyễn Văn Hùng", [("Trưởng ban", "Ban Dân vận Tỉnh ủy Thái Bình")])]),
    ], "Nguyễn Văn Hùng")
    assert n == [1, 1]


def test_a_place_name_read_as_a_person_is_flagged_not_registered() -> None:
    t = registry.build([
        rec("x1", "2022-05-02", [("Lê Lợi", [("Hiệu trưởng", "Trường THPT Lê Lợi")]), ("Đỗ Minh Khoa", [("Hiệu trưởng", None)])],
            orgs=[("Trường THPT Lê Lợi", "Thanh Hóa")]),
        # a commune's name that ends no body of its article: a person
        rec("x2", "2022-05-03", [("Hoàng Nam", [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Bình")])]),
        # a full name inside a body of its article (a school named after a person): a person
        rec("x3", "2022-05-04", [("Nguyễn Văn Trỗi", [("Giáo viên", None)])], orgs=[("Trường THCS Nguyễn Văn Trỗi", "Cà Mau")]),
    ])
    flagged = [m for m in by_name(t, "person_mentions") if m["person_id"] is None]
    assert [m["name"] for m in flagged] == ["Lê Lợi"]
    # a known company's or a country's name is never a person's, with or without a body around it
    t2 = registry.build([rec("x4", "2022-05-05", [("Hòa Phát", [("Chủ tịch", None)]), ("Hàn Quốc", [("Đại sứ", None)]),
                                                  ("Trần Hòa Phát", [("Chủ tịch", None)])])])
    why = {m["name"]: m["reason"] for m in by_name(t2, "person_mentions") if m["person_id"] is None}
    assert why == {"Hòa Phát": "not a person: the name of a known body or place",
                   "Hàn Quốc": "not a person: the name of a known body or place"}
    assert flagged[0]["reason"].startswith("not a person: a place's name")
    assert not persons_named(t, "Lê Lợi")
    assert len(persons_named(t, "Hoàng Nam")) == 1 and len(persons_named(t, "Nguyễn Văn Trỗi")) == 1


def test_a_foreign_name_loses_its_accents_a_vietnamese_name_keeps_its_tones() -> None:
    assert registry.name_key("Mateo Gómez") == registry.name_key("Mateo Gomez") == "mateo gomez"
    assert registry.name_key("Lê Văn Thành") != registry.name_key("Lê Văn Thanh")
    assert registry.name_key("Kpă Thuyên") == "kpă thuyên"  # a breve: Vietnamese spelling, marks kept
    t = registry.build([
        rec("g1", "2021-04-19", [("Mateo Gómez", [("Chủ tịch", "CLB Atlético Sur")])]),
        rec("g2", "2021-04-20", [("Mateo Gomez", [("Chủ tịch", "CLB Atlético Sur")])]),
    ])
    assert [p["n_docs"] for p in by_name(t, "persons")] == [2]


def test_a_singular_post_whose_body_runs_on_vetoes_no_join() -> None:
    n, why = _people([
        rec("v1", "2021-04-01", [("Ana Quispe", [("Ngoại trưởng", "Peru")])]),
        rec("v2", "2021-04-20", [("Ana Quispe", [("Bộ trưởng", "Bộ Ngoại giao Peru trong chuyến thăm chính thức")])]),
    ], "Ana Quispe")
    assert n == [2] and any("foreign name" in w for w in why)
    n, _ = _people([  # two ministries of one country in one month still veto the join
        rec("v1", "2021-04-01", [("Ana Quispe", [("Bộ trưởng", "Bộ Quốc phòng Peru")])]),
        rec("v2", "2021-04-20", [("Ana Quispe", [("Bộ trưởng", "Bộ Ngoại giao Peru trong chuyến thăm chính thức")])]),
    ], "Ana Quispe")
    assert n == [1, 1]


def test_a_flagged_mention_survives_incremental_updates_in_sqlite() -> None:
    archive = [
        rec("y1", "2022-05-02", [("Lê Lợi", [("Hiệu trưởng", "Trường THPT Lê Lợi")])], orgs=[("Trường THPT Lê Lợi", "Thanh Hóa")]),
        rec("y2", "2022-05-03", [("Lê Lợi", [("Giám đốc", "Sở Tài chính tỉnh Thanh Hóa")])]),
        rec("y3", "2022-05-04", [("Lê Lợi", [("Giám đốc", "Sở Tài chính tỉnh Thanh Hóa")])]),
    ]
    whole = registry.MemoryStore(registry.build(archive)).sorted_tables()
    assert [p["n_docs"] for p in by_name(whole, "persons")] == [2]
    with sqlite3.connect(":memory:") as conn:
        for t in REGISTRY_TABLES:
            for sql in table_sql(t, "sqlite"):
                conn.execute(sql)
        cur = conn.cursor()
        store = registry.SqlStore(cur, "sqlite")
        for batch in (archive[:1], archive[1:], archive):  # the last one re-loads everything
            ev = registry.evidence(registry.rows_from_records(batch))
            registry.update(store, [r["doc_id"] for r in batch], ev)
        got = {t: store.select(t, "name_key", ["lê lợi"]) for t in ("persons", "person_mentions")}
    assert registry.MemoryStore(got).sorted_tables()["persons"] == whole["persons"]
    assert registry.MemoryStore(got).sorted_tables()["person_mentions"] == whole["person_mentions"]
    assert [m["person_id"] is None for m in by_name(whole, "person_mentions")] == [True, False, False]


def test_the_pair_listing_prints_every_same_name_near_name_and_flagged_row(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    archive = [
        rec("z1", "2022-05-02", [("Nguyễn Văn Hùng", [("Giám đốc", "Sở Y tế tỉnh Bến Tre")])]),
        rec("z2", "2022-05-03", [("Nguyễn Văn Hùng", [("Giám đốc", "Sở Y tế tỉnh Nghệ An")])]),
        rec("z3", "2022-05-04", [("Nguyễn Văn Hưng", [("Giám đốc", "Sở Y tế tỉnh Nghệ An")])]),
        rec("z4", "2022-05-05", [("Lê Lợi", [("Hiệu trưởng", "Trường THPT Lê Lợi")])]),
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in archive), encoding="utf-8")
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "registry_pairs.py"
    argv = sys.argv
    sys.argv = [str(script), str(path), "--merged", "5"]
    try:
        runpy.run_path(str(script), run_name="__main__")
    finally:
        sys.argv = argv
    out = capsys.readouterr().out
    assert "1 names kept as 2 or more persons: 1 same-name pairs" in out and "SAME 1: nguyễn văn hùng" in out
    assert "NEAR 1: nguyễn văn hùng / nguyễn văn hưng" in out
    assert "1 mentions flagged as no person" in out and "z4 'Lê Lợi': not a person" in out
    assert "0 persons named in 2 or more articles" in out
