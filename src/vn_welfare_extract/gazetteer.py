"""Administrative places: the province and district tables and one matcher over them.

Shared by ``facts/places.py`` (every place mention) and ``facts/orgs.py`` (the place that
follows a body: ``UBND tỉnh Long An``). Loaded once per process (``gazetteer()``), read-only.

A place phrase is an optional unit word plus a name::

    tỉnh Long An | TP.HCM | thành phố Thanh Hóa | huyện Yên Định | xã Quảng Hòa | phường 7 | Long An

- Provinces (63 pre-2025 units, ``data/provinces.tsv``) match with or without a unit word; a bare
  name is refused where it reads as part of a person's name (``Nguyễn Hòa Bình``, ``bà Huế``).
- Districts (``data/districts.tsv``) match only after their unit word (``huyện``, ``quận``,
  ``thị xã``, ``thành phố``/``TP``); ``thành phố Thanh Hóa`` is the district-level city, not the
  province. Communes (``xã``, ``phường``, ``thị trấn``) match any capitalised name after the
  unit word (there is no commune table).
- Chains ``thị trấn Quán Lào, huyện Yên Định, tỉnh Thanh Hóa`` read as one phrase whose parts
  give each other their parents (``match_chain``).
- Countries, major foreign cities and seas (``data/countries.tsv``) match as bare names in the
  same scan (``Lào``, ``Ấn Độ``, ``Tokyo``): level ``country`` / ``city`` / ``sea``. A name
  matches whole words and the longest name wins (rule ``longer_name``): ``Thái Bình Dương`` (the
  Pacific) is a sea, not Thái Bình province; ``Lào Cai`` is the province, not Laos. Names that
  are also personal names or common words (``Đức``, ``Nga``, ``Mỹ``, ``Ý``) need a word that
  introduces a place before them (``tại Đức``, ``Tổng thống Mỹ``; rule ``country_context``).
  Foreign places never join a chain of Vietnamese units and never follow a body's name
  (``match_chain``).
"""

from __future__ import annotations

import re as _re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from .lexicons import load_table, word_list
from .text import PLAIN_UPPER, Doc, normalize
from .wordlists import HYPHENS, SPACES_HYPHENS, alternation, space_fold, trie_pattern

# Family names and the commonest middle names: a capitalised word from this set right before a
# bare place name makes it part of a person's name (``Nguyễn Hòa Bình``, ``Trần Thị Hà Nam``).
SURNAMES = frozenset(word_list("gazetteer.surnames"))
NAME_WORDS = SURNAMES | frozenset(word_list("gazetteer.name_words"))
# Kin words and pronouns before a bare place name: ``bà Huế``, ``anh Hải Dương``.
_KIN_RE = regex.compile(r"(?i)(?:^|[^\p{L}])(?:ông|bà|anh|chị|em|cô|chú|bác|cháu|cụ|vợ|chồng|con|mẹ|bố|cha|thầy|nữ sinh|nam sinh|bệnh nhân|BN)[ ]+$")
_CAP_WORD_BEFORE_RE = regex.compile(r"(\p{Lu}\p{Ll}*)[ ]+$")
_CAP_WORD_AFTER_RE = regex.compile(r"[ ]+(\p{Lu}\p{Ll}*)(?![\p{L}\p{N}])")

# Unit words as written -> canonical (lower-case) unit.
UNITS: dict[str, str] = {
    "tỉnh": "tỉnh", "thành phố": "thành phố", "tp": "thành phố", "huyện": "huyện", "quận": "quận",
    "thị xã": "thị xã", "tx": "thị xã", "xã": "xã", "phường": "phường", "thị trấn": "thị trấn",
    "q": "quận", "huyện đảo": "huyện",
}
_UNIT_WRITTEN = (
    "tỉnh Tỉnh thành_phố Thành_phố TP Tp tp huyện Huyện quận Quận thị_xã Thị_xã TX xã Xã phường "
    "Phường thị_trấn Thị_trấn Q huyện_đảo Huyện_đảo"
).split()
_DISTRICT_UNITS = frozenset({"huyện", "quận", "thị xã", "thành phố"})
_COMMUNE_UNITS = frozenset({"xã", "phường", "thị trấn"})
LEVEL_OF_UNIT = {"tỉnh": "province", **{u: "district" for u in _DISTRICT_UNITS}, **{u: "commune" for u in _COMMUNE_UNITS}}
_RANK = {"commune": 0, "district": 1, "province": 2, "city": 3, "country": 4, "sea": 5}
FOREIGN_LEVELS = frozenset({"country", "city", "sea"})
# Country names that are also personal names or common words: a place only after one of these words.
_COUNTRY_CONTEXT = frozenset(word_list("gazetteer.country_context"))
_WORD_BEFORE_RE = regex.compile(r"(\p{L}+)[ ]+$")
# An ambiguous country name opening a clause is a country when a reporting verb follows (``Nhật có 408
# bệnh nhân``, ``Pháp ghi nhận …``; rule ``country_context``).
_LEAD_RE = regex.compile(r"(?:^|[.;:(\n]|[.;:(\n,][ ]+)$")
_COUNTRY_VERB_RE = regex.compile(r"[ ]+(?:có|ghi nhận|công bố|tuyên bố|đã|đang|sẽ|cho tới nay|hiện)(?![\p{L}])")
# Words that look like a commune's name after ``Xã``/``Phường`` but are not (``và Xã Hội``).
_WORD_RE = regex.compile(r"[^ ]+")
_CAP_WORDS_RE = regex.compile(r"(?:[ ]+\p{Lu}[\p{L}']*){1,3}")
_ANY_WORDS_RE = regex.compile(r"(?:[ ]+\p{L}+){1,3}")
# Between the names of a list after one unit word: ``, `` or `` và ``.
_LIST_SEP_RE = regex.compile(r"(?:[ ]*,|[ ]+và)[ ]+(?=\p{Lu})")
_NOT_NAMES = frozenset({"hội", "viên", "đoàn"})


@dataclass(frozen=True, slots=True)
class Province:
    name: str  # pre-2025 short official name: ``Long An``, ``Thành phố Hồ Chí Minh``
    code: str  # GSO code
    unit: str  # tỉnh | thành phố
    successor_2025: str

    def phrase(self) -> str:
        """The name as it follows a body: ``tỉnh Long An``, ``thành phố Hà Nội``, ``Thành phố Hồ Chí Minh``."""
        return self.name if self.name.startswith("Thành phố") else f"{self.unit} {self.name}"


@dataclass(frozen=True, slots=True)
class District:
    name: str
    unit: str  # huyện | quận | thị xã | thành phố
    province: str  # the pre-2025 province's name


@dataclass(frozen=True, slots=True)
class Commune:
    name: str  # without the unit word: ``Đạo Lý``
    unit: str  # xã | phường | thị trấn
    code: str  # GSO 5-digit code
    district: str  # pre-2025 district name (``Lý Nhân``)
    province: str  # pre-2025 province name (``Hà Nam``)
    successor_2025: str  # the 2025 ward(s) it became part of, `` | ``-separated; "" when unknown


@dataclass(frozen=True, slots=True)
class Foreign:
    name: str  # ``Lào``, ``Ấn Độ``, ``Tokyo``, ``Thái Bình Dương``
    level: str  # country | city | sea
    code: str  # ISO 3166-1 alpha-2 (of the country, for a city); "" for a sea
    parent: str  # a city's country, else ""
    ambiguous: bool  # also a personal name or a common word: needs ``_COUNTRY_CONTEXT`` before it


@dataclass(slots=True)
class PlaceHit:
    """One place phrase in a text (offsets into that text)."""

    start: int  # the phrase, unit word included
    end: int
    name_start: int  # the mention: the name without a separate unit word (``Long An``; ``TP.HCM`` whole)
    level: str  # province | district | commune
    unit: str  # canonical unit word; "" for a bare name
    name: str | None  # canonical name; None for a bare unit word (``UBND tỉnh`` = the article's province)
    province: Province | None = None
    districts: tuple[District, ...] = ()  # candidates when a district name exists in several provinces
    parent: str | None = None
    foreign: Foreign | None = None  # a country, foreign city or sea
    rule: str | None = None  # a rule that found it other than its level's (``district_list``)

    @property
    def district(self) -> District | None:
        return self.districts[0] if len(self.districts) == 1 else None

    def phrase(self) -> str:
        """Canonical phrase: ``tỉnh Long An``, ``Thành phố Hồ Chí Minh``, ``huyện Yên Định``."""
        if self.province is not None and self.level == "province":
            return self.province.phrase()
        unit = self.unit or ("huyện" if self.level == "district" else "")
        if self.name is None:
            return unit
        return f"{unit} {self.name}".strip()


def _norm(s: str) -> str:
    return normalize(s)[0]


def key(s: str) -> str:
    """Lookup key: normalised, case-folded, spaces folded, spaces around hyphens dropped."""
    return text_key(_norm(s))


def text_key(s: str) -> str:
    """``key`` for text that is already normalised (a span of ``Doc.text``): the hot path."""
    s = space_fold(s)
    return s.replace(" - ", "-").replace(" -", "-").replace("- ", "-")


class Gazetteer:
    """The place tables and the compiled matcher."""

    def __init__(self) -> None:
        self.provinces: dict[str, Province] = {}
        self.by_alias: dict[str, Province] = {}  # bare aliases (and aliases carrying their unit)
        self.unit_only: dict[str, Province] = {}  # names valid only after a unit word (``Hồ Chí Minh``)
        self.alias_has_unit: set[str] = set()
        for row in load_table("provinces"):
            p = Province(_norm(row["name"]), row["code"], row["unit"], _norm(row["successor_2025"]))
            self.provinces[p.name] = p
            aliases = [p.name, *[a for a in row["aliases"].split("|") if a.strip()]]
            if p.name.startswith("Thành phố "):
                self.unit_only[key(p.name[len("Thành phố "):])] = p
            for a in aliases:
                self.by_alias[key(a)] = p
                if regex.match(r"(?i)(?:thành phố|tp|thủ đô)(?![\p{L}])", _norm(a)):
                    self.alias_has_unit.add(key(a))
        self.districts: dict[tuple[str, str], list[District]] = {}  # (unit, key(name)) -> candidates
        self.district_names: dict[str, list[District]] = {}  # key(name) -> candidates, any unit
        for row in load_table("districts"):
            d = District(_norm(row["name"]), row["unit"], _norm(row["province"]))
            self.districts.setdefault((d.unit, key(d.name)), []).append(d)
            self.district_names.setdefault(key(d.name), []).append(d)
        # (unit, key(name)) -> the communes of that name (``data/communes.tsv``); resolved per
        # article by ``resolve_commune``.
        self.communes: dict[tuple[str, str], list[Commune]] = {}
        for row in load_table("communes"):
            c = Commune(row["name"], row["unit"], row["code"], row["district"], row["province"], row["successor_2025"])
            self.communes.setdefault((c.unit, key(c.name)), []).append(c)
        self.foreign: dict[str, Foreign] = {}  # key(alias) -> country, city or sea
        ambiguous = frozenset(word_list("gazetteer.ambiguous_countries"))
        for row in load_table("countries"):
            names = [row["name"], *[a for a in row["aliases"].split("|") if a.strip()]]
            for a in names:
                f = Foreign(_norm(row["name"]), row["level"], row["code"], _norm(row["parent"]), a in ambiguous)
                self.foreign.setdefault(key(a), f)
        province_aliases = {_norm(a) for r in load_table("provinces") for a in [r["name"], *r["aliases"].split("|")] if a.strip()}
        foreign_names = {_norm(a) for r in load_table("countries") for a in [r["name"], *r["aliases"].split("|")] if a.strip()}
        aliases = sorted(province_aliases | foreign_names)
        units = alternation(u.replace("_", " ") for u in _UNIT_WRITTEN)
        prov = trie_pattern(sorted(province_aliases), SPACES_HYPHENS)
        bare = trie_pattern(aliases, SPACES_HYPHENS)  # one trie: the longest name wins (``Thái Bình Dương`` over ``Thái Bình``)
        name = r"(?:\d{1,2}|\p{Lu}[\p{L}']*(?:(?:[ ]+|[ ]*-[ ]*)(?:\p{Lu}[\p{L}']*|\d{1,2}(?![\p{L}\p{N}]))){0,4})"
        # One place phrase: a unit word then a known province or any capitalised run (checked in
        # code against the tables), or a bare known province alias or foreign name.
        self.place_re = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}])(?=[\p{{Lu}}thqxp])(?:(?P<unit>{units})(?:(?<=TP|Tp|tp|TX|Q)\.[ ]*|[ ]+)(?:(?P<prov>{prov})(?![\p{{L}}\p{{N}}])|(?P<gen>{name}))"
            rf"|(?P<unit2>{units})(?![\p{{L}}\p{{N}}.])|(?P<bare>{bare})(?![\p{{L}}\p{{N}}]))"
        )
        # Where a Vietnamese alias's first word starts, or a whole foreign name (their first
        # words, ``Trung``, ``Đại``, ``Các``, are too common to test the full pattern at each).
        firsts = {a.split(" ", 1)[0].split("-", 1)[0].split(".", 1)[0] for a in aliases if a not in foreign_names}
        firsts |= {a for a in foreign_names if " " not in a and "-" not in a} | {
            a for a in foreign_names if (" " in a or "-" in a) and "." not in a
        }
        # Prefilter: where an alias's first word or a unit word before a name starts (a cheap scan).
        self.first_re = regex.compile(
            r"(?<![\p{L}\p{N}])(?:" + trie_pattern(firsts, HYPHENS) + ")"
            + rf"|(?<![\p{{L}}\p{{N}}])(?:{units})(?=\.?[ ]*[\p{{Lu}}\d])"
        )
        # The same for plain text (``Doc.plain``) with the stdlib engine, twice as fast: the
        # lookahead on the words' first letters rejects most positions before the lookbehind.
        unit_words = [u.replace("_", " ") for u in sorted(_UNIT_WRITTEN, key=len, reverse=True)]
        initials = "".join(sorted({w[0] for w in [*firsts, *unit_words]}))
        self.first_plain_re = _re.compile(
            f"(?=[{_re.escape(initials)}])(?<![^\\W_])(?:(?:"
            + trie_pattern(firsts, HYPHENS)
            + ")|(?:" + alternation(unit_words) + rf")(?=\.?[ ]*[{PLAIN_UPPER}\d]))"
        )
        self.bare_re = regex.compile(rf"(?P<bare>{bare})(?![\p{{L}}\p{{N}}])")
        # Between the parts of a chain: ``, `` or `` - `` or a space.
        self.chain_sep_re = regex.compile(r"[ ]*(?:,|-|\()?[ ]*")

    # -- one phrase ---------------------------------------------------------------------------
    def _hit(self, text: str, m: regex.Match[str], allow_bare_unit: bool) -> PlaceHit | None:
        hit = self._hit1(text, m, allow_bare_unit)
        if hit is None and m.group("unit") is not None:
            # ``TP.HCM``: not ``TP`` + a name, but a whole alias.
            b = self.bare_re.match(text, m.start())
            if b is not None:
                return self._hit1(text, b, allow_bare_unit)
        return hit

    def _hit1(self, text: str, m: regex.Match[str], allow_bare_unit: bool) -> PlaceHit | None:
        groups = m.groupdict()
        if groups.get("unit2") is not None:
            if not allow_bare_unit:
                return None
            u = UNITS[text_key(m.group("unit2"))]
            return PlaceHit(m.start(), m.end(), m.end(), LEVEL_OF_UNIT.get(u, "province"), u, None)
        if groups.get("bare") is not None:
            k = text_key(m.group("bare"))
            f = self.foreign.get(k)
            if f is not None and k not in self.by_alias:
                return self._foreign_hit(text, m, f)
            p = self.by_alias[k]
            if k not in self.alias_has_unit and self._person_context(text, m.start(), m.end()):
                return None
            return PlaceHit(m.start(), m.end(), m.start(), "province", "", p.name, p)
        u = UNITS[text_key(m.group("unit"))]
        if m.group("unit") == "Q" and (text[m.end("unit")] != "." or not (m.group("gen") or "")[:1].isdigit()):
            return None  # ``Q.11`` is quận 11; ``Q.`` before a name is an initial (``anh Q. Minh``)
        name_start = m.start("prov") if m.group("prov") is not None else m.start("gen")
        if m.group("prov") is not None:
            p = self.by_alias[text_key(m.group("prov"))]
            if u in _DISTRICT_UNITS and p.unit == "tỉnh" or u in _COMMUNE_UNITS:
                # ``thành phố Thanh Hóa``: the city inside the province of the same name.
                more = _CAP_WORDS_RE.match(text, m.end("prov"))  # ``huyện Điện Biên Đông``
                return self._lower_unit(text, m.start(), name_start, more.end() if more else m.end("prov"), u)
            if u == "thành phố" and p.unit == "thành phố" and text_key(m.group("prov")) in self.alias_has_unit:
                name_start = m.start()
            return PlaceHit(m.start(), m.end("prov"), name_start, "province", u, p.name, p)
        end = m.end("gen")
        if u in ("tỉnh", "thành phố"):
            # ``tỉnh Bạc liêu``: after these unit words a known name may be written in any case.
            more = _ANY_WORDS_RE.match(text, end)
            if more is not None:
                end = more.end()
        return self._lower_unit(text, m.start(), name_start, end, u)

    def _lower_unit(self, text: str, start: int, name_start: int, end: int, unit: str) -> PlaceHit | None:
        """A unit word plus a capitalised run: the longest known prefix of the run, or (communes,
        huyện, quận) a run cut before a family name."""
        words = list(_WORD_RE.finditer(text[name_start:end]))
        for n in range(len(words), 0, -1):
            e = name_start + words[n - 1].end()
            k = text_key(text[name_start:e])
            if unit == "thành phố" and k in self.unit_only:
                p = self.unit_only[k]
                return PlaceHit(start, e, start, "province", unit, p.name, p)
            if unit == "tỉnh" and k in self.by_alias:  # ``tỉnh Bạc liêu``: odd case after the unit word
                p = self.by_alias[k]
                return PlaceHit(start, e, name_start, "province", unit, p.name, p)
            if unit in _DISTRICT_UNITS:
                cands = self.districts.get((unit, k)) or (self.districts.get(("thị xã", k)) if unit == "thành phố" else None)
                if cands:
                    return PlaceHit(start, e, name_start, "district", unit, cands[0].name, None, tuple(cands))
        if unit in ("thành phố", "tỉnh") or not words:
            return None  # foreign and unknown cities are not guessed
        n = 1
        # At most three syllables; a family name that opens a further capitalised run starts a
        # person's name (``xã Tân Phú Nguyễn Văn A``), not the commune's.
        while n < min(len(words), 3) and not (words[n].group() in SURNAMES and n + 1 < len(words)):
            n += 1
        e = name_start + words[n - 1].end()
        name = text[name_start:e]
        if text_key(name) in _NOT_NAMES:
            return None
        return PlaceHit(start, e, name_start, LEVEL_OF_UNIT[unit], unit, name)

    def knows_commune(self, name: str) -> bool:
        """Whether any commune, ward or township of ``data/communes.tsv`` has this name."""
        k = key(name)
        return any((u, k) in self.communes for u in _COMMUNE_UNITS)

    def resolve_commune(
        self, unit: str, name: str, parent: str | None, districts: Iterable[str], provinces: Iterable[str]
    ) -> Commune | None:
        """The one commune a mention names (rule ``commune_code``): narrowed by its address chain
        (``xã Đạo Lý, huyện Lý Nhân``), else by the districts, else the provinces the article
        names; None while several remain (a common name stays unresolved with its text)."""
        cands = self.communes.get((unit, key(name)), [])
        if not cands:
            return None
        if parent is not None:
            k = key(parent)
            cands = [c for c in cands if key(c.district) == k or key(c.province) == k]
        else:
            for pool in (set(map(key, districts)), set(map(key, provinces))):
                narrowed = [c for c in cands if key(c.district) in pool or key(c.province) in pool]
                if narrowed:
                    cands = narrowed
                    break
        return cands[0] if len(cands) == 1 else None

    def _foreign_hit(self, text: str, m: regex.Match[str], f: Foreign) -> PlaceHit | None:
        """A country, foreign city or sea (a sea needs no context: its name is long)."""
        s, e = m.start(), m.end()
        if f.level != "sea":
            if f.ambiguous:
                w = _WORD_BEFORE_RE.search(text, max(0, s - 20), s)
                lead = _LEAD_RE.search(text, max(0, s - 3), s) is not None or s == 0
                if (w is None or w.group(1).casefold() not in _COUNTRY_CONTEXT) and not (
                    lead and _COUNTRY_VERB_RE.match(text, e)
                ):
                    return None
            elif self._person_context(text, s, e):
                return None
        return PlaceHit(s, e, s, f.level, "", f.name, None, parent=f.parent or None, foreign=f)

    def _person_context(self, text: str, start: int, end: int) -> bool:
        """A bare place name that reads as (part of) a person's name."""
        before = text[max(0, start - 30):start]
        if _KIN_RE.search(before):
            return True
        m = _CAP_WORD_BEFORE_RE.search(before)
        if m and m.group(1) in NAME_WORDS:
            return True
        a = _CAP_WORD_AFTER_RE.match(text, end)
        # ``Sài Gòn Thương Tín``, ``Hà Nội Mới``: a longer proper name (a person's name may follow a body).
        return a is not None and a.group(1) not in NAME_WORDS

    # -- scanning -----------------------------------------------------------------------------
    def scan(self, text: str, start: int = 0, end: int | None = None, plain: bool = False) -> list[PlaceHit]:
        """Every place phrase in ``text[start:end]``, in order, parents filled from chains.
        ``plain``: the caller knows ``plain_text(text)`` (a faster prefilter, same result)."""
        out: list[PlaceHit] = []
        pos = start
        stop = len(text) if end is None else end
        first = self.first_plain_re if plain else self.first_re
        for c in first.finditer(text, start, stop):
            if c.start() < pos:
                continue
            m = self.place_re.match(text, c.start(), stop)
            if m is None:
                continue
            hit = self._hit(text, m, allow_bare_unit=False)
            if hit is None:
                continue
            chain = self._extend(text, hit, stop)
            if len(chain) == 1 and hit.level == "district" and hit.unit != "thành phố":
                chain.extend(self._district_list(text, hit, stop))
            out.extend(chain)
            pos = chain[-1].end
        return out

    def _district_list(self, text: str, first: PlaceHit, stop: int) -> list[PlaceHit]:
        """``huyện Krông Pa, Ia Pa, Kông Chro``, ``các huyện An Phú, Tân Châu và Tri Tôn``: one unit
        word before a list; each further name is a district of the first one's province (any
        district unit: a list of huyện may hold a thị xã), the longest known name first (rule
        ``district_list``)."""
        provinces = {d.province for d in first.districts}
        out: list[PlaceHit] = []
        last = first
        while True:
            sep = _LIST_SEP_RE.match(text, last.end, stop)
            if sep is None:
                break
            run = _CAP_WORDS_RE.match(text, sep.end() - 1, stop) if text[sep.end() - 1] == " " else None
            if run is None:
                break
            words = list(_WORD_RE.finditer(text, sep.end(), run.end()))
            hit = None
            for n in range(len(words), 0, -1):
                e = words[n - 1].end()
                k = text_key(text[sep.end() : e])
                cands = tuple(d for u in _DISTRICT_UNITS for d in self.districts.get((u, k), ()) if d.province in provinces)
                if cands:
                    hit = PlaceHit(sep.end(), e, sep.end(), "district", cands[0].unit, cands[0].name, None, cands,
                                   rule="district_list")
                    break
            if hit is None:
                break
            out.append(hit)
            last = hit
        return out

    def match_chain(self, text: str, pos: int, end: int | None = None) -> list[PlaceHit]:
        """The place phrase (or chain) starting right at ``pos`` after spaces, else ``[]``.
        A bare unit word (``tỉnh``) counts: its ``name`` is None."""
        stop = len(text) if end is None else end
        p = pos
        while p < stop and text[p] == " ":
            p += 1
        m = self.place_re.match(text, p, stop)
        if m is None:
            return []
        hit = self._hit(text, m, allow_bare_unit=True)
        if hit is not None and hit.foreign is not None:
            return []  # ``Đại sứ quán Mỹ``: a body's place is a Vietnamese unit
        if hit is None or hit.name is None:
            return [hit] if hit is not None else []
        return self._extend(text, hit, stop)

    def _extend(self, text: str, first: PlaceHit, stop: int) -> list[PlaceHit]:
        """Follow a chain of ever larger units: ``xã A, huyện B, tỉnh C``."""
        chain = [first]
        while True:
            last = chain[-1]
            sep = self.chain_sep_re.match(text, last.end, stop)
            if sep is None or sep.end() == last.end:
                break
            m = self.place_re.match(text, sep.end(), stop)
            if m is None or m.group("unit2") is not None:
                break
            if m.group("bare") is not None and not sep.group().strip():
                break  # ``huyện Đức Hòa Long An`` without a comma: not read as a chain
            nxt = self._hit(text, m, allow_bare_unit=False)
            if nxt is None or _RANK[nxt.level] <= _RANK[last.level]:
                break
            if (nxt.foreign is None) != (last.foreign is None) or nxt.level == "sea":
                break  # ``Tokyo, Nhật Bản`` chains; ``Hà Nội, Nhật Bản`` does not
            chain.append(nxt)
        for lower, upper in zip(chain, chain[1:], strict=False):
            lower.parent = upper.name
            if upper.foreign is not None:
                continue
            if upper.level == "province" and lower.districts:
                narrowed = tuple(d for d in lower.districts if d.province == upper.name)
                if narrowed:
                    lower.districts = narrowed
        return chain


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    return Gazetteer()


def place_hits(doc: Doc) -> list[PlaceHit]:
    """The document's place phrases, scanned once and cached on the doc (orgs and places share it)."""
    got: list[PlaceHit] | None = doc.cache.get("place_hits")
    if got is None:
        got = gazetteer().scan(doc.text, doc.header_end, plain=doc.plain)
        doc.cache["place_hits"] = got
    return got
