"""organizations: state bodies with expanded, normalised names (SPEC §6).

Rules (names in ``Organization.rule``):
- ``known``: a central body from ``data/organizations.tsv`` under any of its spellings
  (``Bộ LĐ-TB&XH``, ``Bộ Lao động, Thương binh và Xã hội`` -> ``Bộ Lao động - Thương binh và Xã hội``),
  or a bank, state group or listed company from ``data/companies.tsv`` by brand or ticker
  (``Vietcombank`` -> ``Ngân hàng Thương mại Cổ phần Ngoại thương Việt Nam``); a brand inside another
  company's name is not that company (``Công ty Hàng tiêu dùng Masan``).
- ``listed``: a listed company (``data/listed_companies.tsv``, built from the exchanges' symbol
  directory) named in full under any of its legal-form spellings (``CTCP Thép Nam Kim``, ``Công ty CP
  Thép Nam Kim`` -> ``Công ty Cổ phần Thép Nam Kim``), only where the name ends (``Công ty Cổ phần
  Thép Nam Kim Phương Nam`` is another company and stays unnamed).
- ``ticker``: a listed company by its ticker, only in capitals right after a stock cue (``cổ phiếu
  NKG``, ``mã chứng khoán: NKG``, ``(HOSE: NKG)``), so ``TOP``, ``HOT`` or ``SEA Games`` stay words.
- ``local``: a generic body from ``data/org_generic.tsv`` plus the place after it
  (``UBND tỉnh Long An`` -> ``Ủy ban nhân dân tỉnh Long An``; ``Sở LĐ-TB&XH TP.HCM`` ->
  ``Sở Lao động - Thương binh và Xã hội Thành phố Hồ Chí Minh``); ``UBND tỉnh`` with no name
  takes the province the article is about when one clearly dominates, and so does a ``Tỉnh ủy``/
  ``Thành ủy`` (or its ``Ủy ban Kiểm tra``, ``Ban Thường vụ``) named with no place.
- ``department``: ``Sở``/``Phòng`` + a sector (the ministries' fields plus ``org_generic.tsv``
  sectors), with or without a place.
- ``group``: a working group of a body (``Tổ Công tác đặc biệt của Bộ …``); the body is an
  organisation of its own too (overlaps allowed).
- ``fuzzy``: a one-letter typo of a known name of 12+ characters, repaired with the ``regex``
  module's fuzzy matching (``Thương bình`` -> ``Thương binh``); only substitutions of a letter,
  only against known names, so an unknown body is never renamed into a known one.

``Thủ tướng Chính phủ`` is the body that issues decisions; before a person's name
(``Thủ tướng Chính phủ Phạm Minh Chính``) or after ``Phó`` it is a title and only ``Chính phủ``
is the organisation. The matcher itself is ``orgnames.OrgMatcher``, built once per ``Extractor``
(``resources.Resources.orgs``); ``OrgMatcher.canonical`` rewrites any surface string the same way,
and spells out the abbreviations of ``data/org_abbreviations.tsv`` (``TMCP``, ``ĐH``, ``TP.HCM``,
``Q.11``) and a trailing ``của <province>`` in the text no known body covers.
"""

from __future__ import annotations

from ..gazetteer import place_hits
from ..model import Mention, Organization, Record
from ..orgnames import dominant_province
from ..resources import Resources
from ..text import Doc


class OrganizationsComponent:
    name = "organizations"

    def __init__(self, res: Resources) -> None:
        self.lex = res.lexicons
        self.matcher = res.orgs

    def __call__(self, doc: Doc, rec: Record) -> None:
        dominant = dominant_province(place_hits(doc))
        items: dict[str, Organization] = {}
        seen: set[tuple[int, int]] = set()
        for f in self.matcher.find(doc.text, doc.header_end, len(doc.text), dominant, plain=doc.plain):
            if (f.start, f.end) in seen:
                continue
            seen.add((f.start, f.end))
            item = items.get(f.name)
            if item is None:
                item = items[f.name] = Organization(f.name, [], f.kind, f.location, rule=f.rule)
            text, s, e = doc.surface(f.start, f.end)
            item.mentions.append(Mention(text, s, e))
        rec.organizations.extend(sorted(items.values(), key=lambda o: o.mentions[0].start))
