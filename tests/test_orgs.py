"""``canonical_org`` and the organisation/place data files: every entry is exercised here."""

from __future__ import annotations

import pytest
import regex

from vn_welfare_extract import Extractor
from vn_welfare_extract.lexicons import load_table
from vn_welfare_extract.orgnames import canonical_org


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("UBND tỉnh Long An", "Ủy ban nhân dân tỉnh Long An"),
        ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
        ("Bộ LĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
        ("Bộ Lao động, Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
        ("Bộ Lao động, Thương bình và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
        ("Sở Lao động, Thương binh và Xã hội tỉnh Long An", "Sở Lao động - Thương binh và Xã hội tỉnh Long An"),
        ("Sở LĐTBXH tỉnh Long An", "Sở Lao động - Thương binh và Xã hội tỉnh Long An"),
        ("Tổ Công tác đặc biệt của Bộ Lao động, Thương binh và Xã hội", "Tổ Công tác đặc biệt của Bộ Lao động - Thương binh và Xã hội"),
        ("UBND TP.HCM", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("UBND TP Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("Sở Y tế Hà Nội", "Sở Y tế thành phố Hà Nội"),
        ("Sở GTVT Nghệ An", "Sở Giao thông vận tải tỉnh Nghệ An"),
        ("HĐND tỉnh Thừa Thiên Huế", "Hội đồng nhân dân tỉnh Thừa Thiên Huế"),
        ("UBND thị trấn Quán Lào, huyện Yên Định, tỉnh Thanh Hóa", "Ủy ban nhân dân thị trấn Quán Lào, huyện Yên Định, tỉnh Thanh Hóa"),
        ("UBND xã Quảng Hòa (huyện Đắk G'Long, tỉnh Đắk Nông)", "Ủy ban nhân dân xã Quảng Hòa, huyện Đắk G'Long, tỉnh Đắk Nông"),
        ("Tỉnh ủy Thanh Hóa", "Tỉnh ủy Thanh Hóa"),
        ("Thành ủy TP HCM", "Thành ủy Thành phố Hồ Chí Minh"),
        ("Thành ủy Huế", "Thành ủy Huế"),
        ("Chính phủ", "Chính phủ"),
        ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
        ("Ủy ban Pháp luật Quốc hội", "Ủy ban Pháp luật của Quốc hội"),
        ("Thứ trưởng Bộ LĐTBXH", "Thứ trưởng Bộ Lao động - Thương binh và Xã hội"),
        ("Chủ tịch UBND tỉnh Hải Dương", "Chủ tịch Ủy ban nhân dân tỉnh Hải Dương"),
        ("Bộ Giáo dục và Đào tão", "Bộ Giáo dục và Đào tạo"),
        ("Bộ Tài chánh", "Bộ Tài chính"),
        # never guessed: unknown bodies and short names stay as written (spaces folded)
        ("Bộ Nội vu", "Bộ Nội vu"),
        ("Công ty  TNHH Minh Phát", "Công ty TNHH Minh Phát"),
        ("Sở Khoa học Vũ trụ", "Sở Khoa học Vũ trụ"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("", ""),
    ],
)
def test_canonical_org(surface: str, canonical: str) -> None:
    assert canonical_org(surface) == canonical


def test_canonical_org_fills_the_province() -> None:
    assert canonical_org("UBND tỉnh", province="Long An") == "Ủy ban nhân dân tỉnh Long An"
    assert canonical_org("Sở Y tế", province="Long An") == "Sở Y tế tỉnh Long An"


def test_canonical_org_is_idempotent() -> None:
    for row in load_table("organizations"):
        assert canonical_org(canonical_org(row["canonical"])) == canonical_org(row["canonical"])


@pytest.mark.parametrize("row", load_table("organizations"), ids=lambda r: r["canonical"])
def test_every_known_alias(row: dict[str, str]) -> None:
    for alias in [row["canonical"], *[a for a in row["aliases"].split("|") if a]]:
        assert canonical_org(alias) == row["canonical"], alias


@pytest.mark.parametrize("row", load_table("org_generic"), ids=lambda r: r["head"])
def test_every_generic_alias(row: dict[str, str]) -> None:
    for alias in [row["head"], *[a for a in row["aliases"].split("|") if a]]:
        if row["kind"] == "sector":
            assert canonical_org(f"Sở {alias} tỉnh Long An") == f"Sở {row['head']} tỉnh Long An", alias
        elif row["kind"] == "unit":
            assert canonical_org(f"{alias} của Bộ Y tế") == f"{alias} của Bộ Y tế", alias
        elif row["head"] in ("Sở", "Phòng"):
            assert canonical_org(f"{alias} Y tế") == f"{row['head']} Y tế", alias
        elif regex.search(r"(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|đoàn)$", row["head"]):
            # named after the unit: the place follows without its unit word
            assert canonical_org(f"{alias} huyện Củ Chi") == f"{row['head']} Củ Chi", alias
        else:
            assert canonical_org(f"{alias} huyện Củ Chi") == f"{row['head']} huyện Củ Chi", alias


def test_every_province_alias() -> None:
    ex = Extractor(types=["locations"])
    for row in load_table("provinces"):
        for alias in [row["name"], *[a for a in row["aliases"].split("|") if a]]:
            rec = ex.extract(f"Đoàn công tác đã đến {alias} vào tuần trước.")
            names = [(loc.name, loc.code, loc.successor_2025) for loc in rec.locations]
            assert names == [(row["name"], row["code"], row["successor_2025"])], alias


def test_every_district() -> None:
    ex = Extractor(types=["locations"])
    rows = load_table("districts")
    text = "\n".join(f"Người dân {r['unit']} {r['name']}, tỉnh {r['province']} đã nhận quà." for r in rows)
    rec = ex.extract(text)
    districts = {(loc.name.removeprefix("Quận ").removeprefix("Huyện "), loc.parent) for loc in rec.locations if loc.level == "district"}
    missing = [(r["name"], r["province"]) for r in rows if (r["name"], r["province"]) not in districts]
    assert not missing


def test_user_lexicon_organisations() -> None:
    ex = Extractor(types=["organizations"], organizations={"Quỹ Vì người nghèo TP": "Quỹ Vì người nghèo Thành phố Hồ Chí Minh"})
    rec = ex.extract("Quỹ Vì người nghèo TP đã trao 300 suất quà.")
    assert [o.name for o in rec.organizations] == ["Quỹ Vì người nghèo Thành phố Hồ Chí Minh"]


def test_user_organisation_reaches_organisations_posts_and_issuers() -> None:
    """One matcher per Extractor: a user's alias is normalised in the organisation list, in an
    official's post and in a policy's issuer alike (the issuer used a module-global matcher
    without the user's lexicon before)."""
    from vn_welfare_extract import Extractor

    text = (
        "Ông Trần Minh Khoa, Chánh Văn phòng Bộ ABC, cho biết Quyết định 15 của Bộ ABC "
        "đã được áp dụng từ đầu tháng."
    )
    rec = Extractor(organizations={"Bộ ABC": "Bộ Tài nguyên ABC"}).extract(text, published="2024-03-02")
    assert "Bộ Tài nguyên ABC" in [o.name for o in rec.organizations]
    (official,) = rec.officials
    assert [(t.title, t.organization) for t in official.titles] == [("Chánh Văn phòng", "Bộ Tài nguyên ABC")]
    (policy,) = rec.policies
    assert policy.issuer == "Bộ Tài nguyên ABC"


def test_extractors_do_not_share_user_organisations() -> None:
    from vn_welfare_extract import Extractor

    text = "Quyết định 15 của Bộ ABC có hiệu lực."
    assert Extractor(organizations={"Bộ ABC": "Bộ Tài nguyên ABC"}).extract(text).policies[0].issuer == "Bộ Tài nguyên ABC"
    assert Extractor().extract(text).policies[0].issuer == "Bộ ABC"
