"""locations: provinces, districts and communes, with every mention (SPEC §6).

Rules (names in ``Location.rule``):
- ``province``: one of the 63 pre-2025 provinces, with or without its unit word (``tỉnh Long An``,
  ``TP.HCM``, ``Long An``), also inside a body's name (``UBND tỉnh Long An``); GSO code and the
  2025 successor (``Long An`` -> ``Tây Ninh``). A bare name that reads as part of a person's
  name (``Chánh án Nguyễn Hòa Bình``, ``bà Huế``) is not a place.
- ``district``: a known district after its unit word (``huyện Yên Định``, ``thành phố Thanh Hóa``,
  ``quận 1``); parent from the chain (``…, tỉnh Thanh Hóa``) or from the provinces the article
  names (``huyện đảo Lý Sơn`` is a huyện); districts were abolished in 2025, so no successor.
  ``district_list``: the further names of a list after one unit word (``các huyện Hương Khê,
  Hương Sơn và Vũ Quang``), each a known district of the first one's province (a thị xã too),
  never a name of another province.
- ``commune``: ``xã``/``phường``/``thị trấn`` plus a capitalised name or a number; parent from the chain.
  A commune of ``data/communes.tsv`` (10,599 pre-2025 units) gets its GSO code, its district as
  parent and its 2025 successor(s) when its name resolves to one unit (rule ``commune_code``:
  by the chain, else the article's districts, else its provinces); a name shared by several
  units the article does not tell apart stays without code, with its text; a name no unit of
  the dataset has (``thị trấn Insein``, a township abroad) is ``commune_unknown``.
- ``country``: a country (``Lào``, ``Ấn Độ``, ``Hoa Kỳ`` -> ``Mỹ``) with its ISO 3166-1 code, so
  foreign figures get a place; ``city``: a major foreign city (``Tokyo``), its country as parent.
  ``sea``: an ocean or sea (``Thái Bình Dương``, so that Thái Bình province is not read inside it).

The mention is the name without a separate unit word (``tỉnh Long An`` -> ``Long An``); an
alias that carries its unit (``TP.HCM``) is a mention as a whole.
"""

from __future__ import annotations

from collections import Counter

from ..gazetteer import PlaceHit, gazetteer, place_hits
from ..model import Location, Mention, Record
from ..resources import Resources
from ..text import Doc


def _display(name: str, unit: str) -> str:
    """``1`` after ``quận`` -> ``Quận 1``: a numbered unit is named with its unit word."""
    return f"{unit[:1].upper()}{unit[1:]} {name}" if name[:1].isdigit() else name


class LocationsComponent:
    name = "locations"

    def __init__(self, res: Resources) -> None:
        self.lex = res.lexicons

    def __call__(self, doc: Doc, rec: Record) -> None:
        hits = [h for h in place_hits(doc) if h.name is not None]
        province_counts = Counter(h.province.name for h in hits if h.province is not None and h.level == "province")
        districts = {h.name for h in hits if h.level == "district" and h.name is not None}
        items: dict[tuple[str, str, str | None], Location] = {}
        for h in hits:
            loc = self._location(h, province_counts)
            if loc.level == "commune" and not loc.name[:1].isdigit():
                c = gazetteer().resolve_commune(h.unit, h.name or "", h.parent, districts, province_counts)
                if c is not None:
                    loc = Location(loc.name, "commune", [], c.code, c.successor_2025 or None, c.district, rule="commune_code")
                elif not gazetteer().knows_commune(h.name or ""):
                    loc.rule = "commune_unknown"  # no unit of the dataset has this name (``thị trấn Insein`` abroad)
            k = (loc.level, loc.name, loc.parent)
            item = items.get(k)
            if item is None:
                item = items[k] = loc
            text, s, e = doc.surface(h.name_start, h.end)
            item.mentions.append(Mention(text, s, e))
        # ``xã Đạo Lý`` alone joins ``xã Đạo Lý, huyện Lý Nhân`` when that is the only such unit.
        for (level, name, parent), item in list(items.items()):
            if parent is not None:
                continue
            homes = [v for (lv, nm, pa), v in items.items() if lv == level and nm == name and pa is not None]
            if len(homes) == 1:
                homes[0].mentions.extend(item.mentions)
                homes[0].mentions.sort(key=lambda m: m.start)
                del items[(level, name, parent)]
        rec.locations.extend(sorted(items.values(), key=lambda x: x.mentions[0].start))

    @staticmethod
    def _location(h: PlaceHit, province_counts: Counter[str]) -> Location:
        assert h.name is not None
        if h.foreign is not None:
            f = h.foreign
            return Location(f.name, f.level, [], f.code or None, None, f.parent or None, rule=f.level)
        if h.level == "province" and h.province is not None:
            p = h.province
            return Location(p.name, "province", [], p.code, p.successor_2025, None, rule="province")
        if h.level == "district":
            cands = h.districts
            if len(cands) > 1:
                # A name shared by districts of several provinces: the one whose province the article names most.
                best = max(cands, key=lambda d: province_counts.get(d.province, 0))
                if province_counts.get(best.province, 0) > 0:
                    cands = (best,)
            parent = cands[0].province if len(cands) == 1 else h.parent
            return Location(_display(h.name, h.unit), "district", [], None, None, parent, rule=h.rule or "district")
        return Location(_display(h.name, h.unit), h.level, [], None, None, h.parent, rule=h.level)
