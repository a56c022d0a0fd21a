"""The organisation-name matcher: the alias trie of every known body and the parser that turns
a surface string into a body's canonical name. Compiled once per ``Extractor`` (``Resources``)
and shared by the steps that name bodies: organisations, officials' posts and policy issuers, so
a user's ``organizations`` lexicon reaches all three.

The rules it applies are listed in ``facts/orgs.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import regex

from .gazetteer import NAME_WORDS, PlaceHit, Province, gazetteer
from .lexicons import load_table, word_list
from .text import PLAIN_UPPER, normalize
from .wordlists import alternation, space_fold, trie_pattern

_MIN_FUZZY = 12
# Party and youth committees named after their unit take the place's bare name (``Tỉnh ủy Thanh Hóa``).
# Words that end a group's descriptor (``Đoàn công tác do Thứ trưởng …`` is not a group name).
_NOT_DESCRIPTORS = frozenset(word_list("orgnames.not_descriptors"))
_NAMED_BY_UNIT_RE = regex.compile(r"(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|đoàn)$")  # shortest known name (key) that fuzzy repair may touch


# Kinds of data/companies.tsv, and what may stand before a company's brand when the brand is
# rewritten to the registered name: nothing, or its board (``HĐQT Sacombank``).
_COMPANY_KINDS = frozenset({"company", "bank", "state_group"})
_BOARD_BEFORE_RE = regex.compile(r"(?i:[ ]*(?:(?:HĐQT|Hội đồng quản trị|HĐTV|Hội đồng thành viên|Ban Kiểm soát|Ban Tổng Giám đốc|Ban Điều hành)(?:[ ]+của)?[ ]+)?)")
# A company's name running up to a position (a brand found there is part of that name).
_INSIDE_COMPANY_RE = regex.compile(r"(?:Công ty|Tổng công ty|Tổng Công ty|CTCP|Cty)(?P<words>(?:[ ](?!của|và|với|tại)[\p{L}\p{N}&.-]+){0,6})[ ]$")
# Legal-form words between ``Công ty`` and a brand that keep the brand the company (``Công ty Cổ phần FPT``).
_LEGAL_WORDS = frozenset(word_list("orgnames.legal_words"))
# ``… của Hà Nội`` ending a body's name.
_OF_PROVINCE_RE = regex.compile(r"[ ]+của[ ]+(?P<p>\p{Lu}[\p{L} ]{1,25}?)[ ]*$")
# The province unit whose party or youth committee a ``Tỉnh ủy``/``Thành ủy`` is.
_UNIT_OF_COMMITTEE = {"Tỉnh": "tỉnh", "Thành": "thành phố"}
_DASH_RE = regex.compile(r" ?[-,] ?")
# How an alias's spacing may vary in text: spaces as runs, ``-`` also as ``,``, ``&`` with spaces.
_ORG_SPACING = {" ": "[ ]+", "-": "[ ]*[-,][ ]*", "&": "[ ]*&[ ]*"}
_AMP_RE = regex.compile(r" ?& ?")
_PHO_BEFORE_RE = regex.compile(r"(?i)phó[ ]+$")
# Listed companies (data/listed_companies.tsv), looked up in a dict rather than compiled into the alias
# trie: a registered name starts at one of these heads and runs word by word (rule listed); a ticker
# counts only in capitals right after a stock cue (rule ticker): ``cổ phiếu NKG``, ``mã CK: NKG``,
# ``(HOSE: NKG)``; ``TOP``, ``Hot`` or ``can`` elsewhere are words.
# (Both start with literal words, so the engine scans for them fast; the caller checks the word
# boundary before the match.)
_LISTED_HEAD_RE = regex.compile(r"(?:Tổng [Cc]ông ty|Công ty|CTCP|Ngân hàng|Tập đoàn)(?![\p{L}\p{N}])")
_LISTED_WORD_RE = regex.compile(r"[ ]+(?:[-&]|[\p{L}\p{N}](?:[\p{L}\p{N}.&'-]*[\p{L}\p{N}])?)")
# A capitalised word or a number after a name: the name runs on (``Công ty Cổ phần Sông Hồng 9``).
_NAME_GOES_ON_RE = regex.compile(r"[ ]+[\p{Lu}\p{N}]")
_TICKER_CUE_RE = regex.compile(
    r"(?:(?:[Mm]ã(?:[ ]+(?:cổ phiếu|chứng khoán|CK))?|[Cc]ổ phiếu)[ ]*:?[ ]*"
    r"|\((?:HOSE|HSX|HNX|UPCoM|UPCOM|[Mm]ã(?:[ ]+(?:CK|chứng khoán|cổ phiếu))?)[ ]*:[ ]*)"
    r"(?P<t>[A-Z][A-Z0-9]{2})(?![\p{L}\p{N}])"
)


def okey(s: str) -> str:
    """Lookup key of an organisation alias: normalised, case-folded, spaces folded, ``,`` and
    `` - `` the same, spaces around ``&`` dropped."""
    return text_okey(normalize(s)[0])


def text_okey(s: str) -> str:
    """``okey`` for text that is already normalised (a span of ``Doc.text``)."""
    return str(_AMP_RE.sub("&", _DASH_RE.sub("-", space_fold(s))))


def _matches(at: re.Pattern[str], full: re.Pattern[str], text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """``full.finditer(text, start, stop)``, with ``full`` tried only where ``at`` (one character
    wide, the same conditions) finds it can match: a scan the engine runs several times faster."""
    reach = start
    for c in at.finditer(text, start, stop):
        p = c.start()
        if p >= reach and (m := full.match(text, p, stop)) is not None:
            yield m
            reach = m.end()


@dataclass(frozen=True, slots=True)
class _Entry:
    canonical: str
    kind: str | None
    role: str  # known | local | department | unit
    alone: bool  # a body even without a place after it


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    name: str
    kind: str | None
    location: str | None
    rule: str


class OrgMatcher:
    """The compiled alias trie and its parser. ``extra``: the user's aliases (alias -> canonical)."""

    def __init__(self, extra: Mapping[str, str] | None = None) -> None:
        self.gaz = gazetteer()
        self.entries: dict[str, list[_Entry]] = {}
        ministries: list[tuple[str, list[str]]] = []
        for row in (*load_table("organizations"), *load_table("companies")):
            canon = normalize(row["canonical"])[0]
            aliases = [canon, *[a for a in row["aliases"].split("|") if a.strip()]]
            for a in aliases:
                self._add(a, _Entry(canon, row["kind"], "known", True))
            if row["kind"] == "ministry" and canon.startswith("Bộ "):
                ministries.append((canon[3:], [a[3:] for a in aliases if a.startswith("Bộ ")]))
        sectors = list(ministries)
        heads: list[_Entry] = []
        for row in load_table("org_generic"):
            canon = normalize(row["head"])[0]
            aliases = [canon, *[a for a in row["aliases"].split("|") if a.strip()]]
            kind = row["kind"]
            if kind == "sector":
                sectors.append((canon, aliases))
                continue
            if canon in ("Sở", "Phòng"):
                heads.append(_Entry(canon, kind, "department", True))
                continue
            role = "unit" if kind == "unit" else "local"
            for a in aliases:
                self._add(a, _Entry(canon, kind, role, row["alone"] == "yes"))
        for head in heads:
            for sector, aliases in sectors:
                for a in aliases:
                    self._add(f"{head.canonical} {a}", _Entry(f"{head.canonical} {sector}", head.kind, "department", True))
        for alias, canon in (extra or {}).items():
            self._add(alias, _Entry(normalize(canon)[0], None, "known", True))
        keys = sorted(self.entries)
        pat = trie_pattern(keys, _ORG_SPACING)
        # Case-insensitive after a capital first letter (the lookahead lets the engine skip fast).
        self.head_re = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?=\p{{Lu}})(?i:{pat})(?![\p{{L}}\p{{N}}])")
        # Prefilter: the first words of all aliases (a cheap scan); the trie runs only where one starts.
        firsts = sorted({regex.split(r"[ &-]", k, maxsplit=1)[0] for k in keys}, key=len, reverse=True)
        self.first_re = regex.compile(
            r"(?<![\p{L}\p{N}])(?=\p{Lu})(?i:" + alternation(firsts) + r")(?![\p{L}\p{N}])"
        )
        # The same for plain text (``Doc.plain``) with the stdlib engine, twice as fast: the
        # lookahead on a capital rejects most positions before the lookbehind, and the words are
        # a trie (longest first on each path, as in the sorted list).
        self.first_plain_re = re.compile(rf"(?=[{PLAIN_UPPER}])(?<![^\W_])(?i:{trie_pattern(firsts)})(?![^\W_])")
        # Where it can match, for ``_matches``: the capital is consumed (the engine skips to capitals).
        self.first_plain_at_re = re.compile(
            rf"[{PLAIN_UPPER}](?<![^\W_].)(?<=(?=(?i:{trie_pattern(firsts)})(?![^\W_]))[{PLAIN_UPPER}])"
        )
        long_keys = [k for k in keys if len(k) >= _MIN_FUZZY]
        fpat = trie_pattern(long_keys, _ORG_SPACING)
        # Fuzzy: one substituted letter anywhere in a long known name, best match.
        self.fuzzy_re = regex.compile(rf"(?i)(?b)(?:{fpat}){{s<=1}}(?![\p{{L}}\p{{N}}])")
        self.fuzzy_by_first: dict[str, list[str]] = {}
        for k in long_keys:
            self.fuzzy_by_first.setdefault(k.split(" ", 1)[0], []).append(k)
        self.fuzzy_start_re = regex.compile(
            r"(?<![\p{L}\p{N}])(?:" + "|".join(sorted({regex.escape(k.split(" ", 1)[0].title()) for k in long_keys}, key=len, reverse=True)) + r")[ ]+\p{Lu}"
        )
        fuzzy_firsts = sorted({k.split(" ", 1)[0].title() for k in long_keys}, key=len, reverse=True)
        fuzzy_initials = "[" + re.escape("".join(sorted({w[0] for w in fuzzy_firsts}))) + "]"
        fuzzy_words = "(?:" + "|".join(re.escape(w) for w in fuzzy_firsts) + rf")[ ]+[{PLAIN_UPPER}]"
        self.fuzzy_start_plain_re = re.compile(rf"(?={fuzzy_initials})(?<![^\W_]){fuzzy_words}")
        self.fuzzy_start_plain_at_re = re.compile(rf"{fuzzy_initials}(?<![^\W_].)(?<=(?={fuzzy_words}){fuzzy_initials})")
        # Abbreviations inside a name that no known body covers (``TMCP``, ``ĐH``, ``TP.HCM``), and a
        # numbered district or ward (``Q.11`` -> ``quận 11``).
        self.abbr = {row["abbr"]: row["expansion"] for row in load_table("org_abbreviations")}
        self.abbr_re = regex.compile(
            r"(?<![\p{L}\p{N}.])(?:(?P<a>" + "|".join(regex.escape(a) for a in sorted(self.abbr, key=len, reverse=True))
            + r")|(?P<u>[QP])\.[ ]?(?P<n>\d{1,2}))(?![\p{L}\p{N}])"
        )
        self.word_re = regex.compile(r"[ ]+(?P<w>[\p{L}]+)")
        self.link_re = regex.compile(r"[ ]+(?P<link>của|thuộc)(?![\p{L}])", regex.I)
        self.person_after_re = regex.compile(r"[ ]+(\p{Lu}\p{Ll}*)(?:[ ]+\p{Lu}\p{Ll}*)+")
        # Listed companies: name key -> (canonical, kind), ticker -> (canonical, kind).
        self.listed: dict[str, tuple[str, str]] = {}
        self.listed_prefix: set[str] = set()  # keys of every name's first words: the walk stops outside them
        self.tickers: dict[str, tuple[str, str]] = {}
        for row in load_table("listed_companies"):
            got = (normalize(row["canonical"])[0], row["kind"])
            self.tickers[row["ticker"]] = got
            for a in (row["canonical"], *row["aliases"].split("|")):
                if a.strip():
                    n = normalize(a)[0]
                    self.listed.setdefault(text_okey(n), got)
                    self._listed_prefixes(n)
        # ``canonical`` by (surface, province): the posts of every article name the same bodies.
        self._canonical_memo: dict[tuple[str, str | None], str] = {}

    def _add(self, alias: str, entry: _Entry) -> None:
        """One alias, and the same with ``&`` written for ``và`` (``Bộ Khoa học & Công nghệ``)."""
        k = okey(alias)
        if not k:
            raise ValueError(f"empty organisation alias for {entry.canonical!r}")
        for key in (k, k.replace(" và ", "&")) if " và " in k else (k,):
            lst = self.entries.setdefault(key, [])
            if entry not in lst:
                lst.append(entry)

    # -- parsing ------------------------------------------------------------------------------
    def parse_at(self, text: str, m: regex.Match[str], dominant: Province | None, depth: int = 0) -> _Found | None:
        """The organisation whose head alias is ``m`` (``None`` when it is not one here)."""
        s, e = m.span()
        written = m.group()
        if not (written[:1].isupper() or written[:1].isdigit()):
            return None  # ``các bộ, ngành``: a common noun
        entries = self.entries[text_okey(written)]
        known = next((x for x in entries if x.role == "known"), None)
        if known is not None and known.kind == "office":
            before = text[max(0, s - 4):s]
            if _PHO_BEFORE_RE.search(before) or self._person_after(text, e):
                return None  # a title: ``Phó Thủ tướng Chính phủ``, ``Thủ tướng Chính phủ Phạm Minh Chính``
        for entry in entries:
            if entry.role in ("local", "department"):
                got = self._with_place(text, s, e, entry, dominant)
                if got is not None:
                    return got
        if dominant is not None:
            for entry in entries:
                # ``Bí thư Tỉnh ủy`` in an article about Tuyên Quang: ``Tỉnh ủy Tuyên Quang``.
                unit = _NAMED_BY_UNIT_RE.search(entry.canonical) if entry.role == "local" else None
                if unit is not None and _UNIT_OF_COMMITTEE.get(unit.group().split(" ", 1)[0]) == dominant.unit:
                    return _Found(s, e, f"{entry.canonical} {dominant.name}", entry.kind, dominant.name, "local")
        if known is not None:
            return _Found(s, e, known.canonical, known.kind, None, "known")
        for entry in entries:
            if entry.role in ("unit",) or (entry.role == "local" and entry.kind == "party"):
                got = self._group(text, s, e, entry, dominant, depth)
                if got is not None:
                    return got
        for entry in entries:
            if entry.role == "department" and entry.alone:
                if entry.canonical.startswith("Sở ") and dominant is not None:
                    return _Found(s, e, f"{entry.canonical} {dominant.phrase()}", entry.kind, dominant.name, "department")
                return _Found(s, e, entry.canonical, entry.kind, None, "department")
        return None

    def _person_after(self, text: str, pos: int) -> bool:
        a = self.person_after_re.match(text, pos)
        return a is not None and a.group(1) in NAME_WORDS

    def _with_place(self, text: str, s: int, e: int, entry: _Entry, dominant: Province | None) -> _Found | None:
        chain: list[PlaceHit] = self.gaz.match_chain(text, e)
        if not chain:
            return None
        first = chain[0]
        if first.name is None:  # ``UBND tỉnh``: the article's province, when one dominates
            if dominant is not None and first.unit == dominant.unit:
                return _Found(s, first.end, f"{entry.canonical} {dominant.phrase()}", entry.kind, dominant.name, _rule(entry))
            if first.unit in ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn"):
                return _Found(s, first.end, f"{entry.canonical} {first.unit}", entry.kind, None, _rule(entry))
            return None
        phrases = [h.phrase() for h in chain]
        if _NAMED_BY_UNIT_RE.search(entry.canonical):
            # ``Tỉnh ủy Thanh Hóa``, ``Huyện đoàn Quan Sơn``: the unit is already in the body's name;
            # ``Thành ủy Huế`` is the city's committee, named as written.
            p = first.province if first.level == "province" else None
            city_in_province = p is not None and p.unit == "tỉnh" and entry.canonical.startswith("Thành")
            phrases[0] = p.name if p is not None and not city_in_province else " ".join(text[first.name_start:first.end].split())
        name = entry.canonical + " " + ", ".join(phrases)
        loc = first.province.name if first.province is not None and first.level == "province" else first.name
        end = chain[-1].end
        if "(" in text[e:end] and ")" not in text[e:end] and text[end:end + 1] == ")":
            end += 1  # ``UBND quận Bắc Từ Liêm (Hà Nội)``: keep the bracket pair whole
        return _Found(s, end, name, entry.kind, loc, _rule(entry))

    def _group(self, text: str, s: int, e: int, entry: _Entry, dominant: Province | None, depth: int) -> _Found | None:
        """``Tổ Công tác đặc biệt của Bộ …``: head, up to 4 words, ``của``/``thuộc``, a body."""
        if depth > 1:
            return None
        pos = e
        for _ in range(5):
            link = self.link_re.match(text, pos)
            after = link.end() if link else pos
            sp = after
            while sp < len(text) and text[sp] == " ":
                sp += 1
            if sp > after:
                m = self.head_re.match(text, sp)
                if m is not None:
                    inner = self.parse_at(text, m, dominant, depth + 1)
                    if inner is not None:
                        lead = " ".join(text[s:pos].split())
                        joint = f" {link.group('link').lower()} " if link else " "
                        return _Found(s, inner.end, lead + joint + inner.name, entry.kind, inner.location, "group")
            if link:
                return None
            w = self.word_re.match(text, pos)
            if w is None or not w.group("w").islower() or w.group("w") in _NOT_DESCRIPTORS:
                return None
            pos = w.end()
        return None

    def fuzzy_at(self, text: str, pos: int) -> tuple[int, str] | None:
        """A known name with one substituted letter starting at ``pos``: (end, alias key)."""
        m = self.fuzzy_re.match(text, pos)
        if m is None or sum(m.fuzzy_counts) == 0:
            return None
        if m.fuzzy_changes[0] and not text[m.fuzzy_changes[0][0]].isalpha():
            return None
        k = text_okey(m.group())
        for cand in self.fuzzy_by_first.get(k.split(" ", 1)[0], ()):
            if len(cand) == len(k) and sum(a != b for a, b in zip(cand, k, strict=True)) == 1:
                return m.end(), cand
        return None

    def find(self, text: str, start: int, stop: int, dominant: Province | None, plain: bool = False) -> list[_Found]:
        """Every organisation in ``text[start:stop]`` (overlaps only for groups and their body).
        ``plain``: the caller knows ``plain_text(text)`` (faster prefilters, same result)."""
        out: list[_Found] = []
        pos = start
        firsts = _matches(self.first_plain_at_re, self.first_plain_re, text, start, stop) if plain else self.first_re.finditer(text, start, stop)
        for c in firsts:
            if c.start() < pos:
                continue
            m = self.head_re.match(text, c.start(), stop)
            if m is None:
                continue
            got = self.parse_at(text, m, dominant)
            if got is None:
                continue
            inside = _INSIDE_COMPANY_RE.search(text, max(start, got.start - 60), got.start) if got.kind in _COMPANY_KINDS else None
            if inside is not None and not _LEGAL_WORDS.issuperset(inside.group("words").split()):
                continue  # ``Công ty Hàng tiêu dùng Masan``: a brand inside another company's name
            out.append(got)
            # A group's body is found on its own: resume right after the group's head.
            pos = m.end() if got.rule == "group" else got.end
        out.extend(self._listed(text, start, stop, out))
        # Skip fuzzy starts inside a found body. Starts come in text order, so one sweep over the
        # found spans sorted by start, keeping the furthest end reached, answers "inside any?"
        # in O(1) per start (an all-against-all check was quadratic on long texts).
        covered = sorted((f.start, f.end) for f in out)
        i = 0
        reach = -1
        fuzzy_starts = (
            _matches(self.fuzzy_start_plain_at_re, self.fuzzy_start_plain_re, text, start, stop)
            if plain else self.fuzzy_start_re.finditer(text, start, stop)
        )
        for c in fuzzy_starts:
            p = c.start()
            while i < len(covered) and covered[i][0] <= p:
                reach = max(reach, covered[i][1])
                i += 1
            if p < reach:
                continue
            hit = self.fuzzy_at(text, c.start())
            if hit is None:
                continue
            end, k = hit
            entry = next((x for x in self.entries[k] if x.role in ("known", "department")), None)
            if entry is None:
                continue
            found = _Found(c.start(), end, entry.canonical, entry.kind, None, "fuzzy")
            placed = self._with_place(text, c.start(), end, entry, dominant) if entry.role == "department" else None
            if placed is not None:
                placed.rule = "fuzzy"
                found = placed
            out.append(found)
            reach = max(reach, found.end)
        out.sort(key=lambda f: (f.start, -f.end))
        return out

    def _listed_prefixes(self, name: str) -> None:
        """Record the keys of ``name``'s first words, walked as ``_listed`` walks text."""
        m = _LISTED_HEAD_RE.match(name)
        pos = m.end() if m is not None else len(name)
        while (w := _LISTED_WORD_RE.match(name, pos)) is not None:
            pos = w.end()
            self.listed_prefix.add(text_okey(name[:pos]))

    def _listed(self, text: str, start: int, stop: int, found: list[_Found]) -> list[_Found]:
        """Listed companies named in full (rule listed) or by ticker after a stock cue (rule
        ticker) in ``text[start:stop]``, outside the bodies ``found`` already."""
        hits: list[_Found] = []
        for m in _LISTED_HEAD_RE.finditer(text, start, stop):
            if m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            pos, best = m.end(), None
            while (w := _LISTED_WORD_RE.match(text, pos, stop)) is not None:
                pos = w.end()
                k = text_okey(text[m.start():pos])
                if k not in self.listed_prefix:
                    break
                got = self.listed.get(k)
                if got is not None:
                    best = (pos, got)
            if best is not None and _NAME_GOES_ON_RE.match(text, best[0], stop) is None:
                hits.append(_Found(m.start(), best[0], best[1][0], best[1][1], None, "listed"))
        for t in _TICKER_CUE_RE.finditer(text, start, stop):
            if t.start() > 0 and text[t.start() - 1].isalnum():
                continue
            got = self.tickers.get(t.group("t"))
            if got is not None:
                hits.append(_Found(t.start("t"), t.end("t"), got[0], got[1], None, "ticker"))
        if not hits or not found:
            return hits
        # Overlap with a found body: among the bodies starting before the hit's end, the furthest
        # end reached (a prefix maximum, so each hit costs one bisection).
        spans = sorted((f.start, f.end) for f in found)
        starts = [s for s, _ in spans]
        reach = list(accumulate((e for _, e in spans), max))
        out = []
        for h in hits:
            i = bisect_left(starts, h.end)
            if i == 0 or reach[i - 1] <= h.start:
                out.append(h)
        return out

    def canonical(self, surface: str, province: str | None = None) -> str:
        """Every recognised body inside ``surface`` rewritten to its canonical name."""
        memo = self._canonical_memo
        got = memo.get((surface, province))
        if got is None:
            if len(memo) >= _CANONICAL_MEMO_SIZE:
                memo.clear()
            got = memo[(surface, province)] = self._canonical(surface, province)
        return got

    def _canonical(self, surface: str, province: str | None) -> str:
        text = " ".join(normalize(surface)[0].split())
        dominant = self.gaz.provinces.get(province) if province else None
        found = [f for f in self.find(text, 0, len(text), dominant)]
        parts: list[str] = []
        pos = 0
        for f in sorted(found, key=lambda f: (f.start, -f.end)):
            if f.start < pos:
                continue
            if f.kind in _COMPANY_KINDS and not _BOARD_BEFORE_RE.fullmatch(text, pos, f.start):
                continue  # ``Công ty Hàng tiêu dùng Masan``: a brand inside another company's name stays
            parts.append(_without_head(self._expand(text[pos:f.start]), f.name))
            parts.append(f.name)
            pos = f.end
        parts.append(self._expand(text[pos:]))
        return "".join(parts).strip()

    def _expand(self, s: str) -> str:
        """Abbreviations in text that names no known body, spelt out (``ĐH`` -> ``Đại học``); a
        trailing ``của <province>`` is the province's phrase (``… của Hà Nội`` -> ``… thành phố Hà Nội``)."""
        if not s.strip():
            return s
        s = str(self.abbr_re.sub(self._abbr_repl, s))
        m = _OF_PROVINCE_RE.search(s)
        if m is not None:
            p = self.gaz.provinces.get(m.group("p"))
            if p is not None:
                s = s[: m.start()] + " " + p.phrase()
        return s

    def _abbr_repl(self, m: regex.Match[str]) -> str:
        a: str | None = m.group("a")
        if a:
            return self.abbr[a]
        return ("quận " if m.group("u") == "Q" else "phường ") + str(m.group("n"))


# Entries ``OrgMatcher.canonical`` keeps (a few hundred bytes each; emptied when full).
_CANONICAL_MEMO_SIZE = 20_000


def _without_head(before: str, name: str) -> str:
    """``before`` without the head words it repeats from the body's full name that follows (rule
    head_once): ``Trung tâm CDC`` -> ``Trung tâm Kiểm soát bệnh tật``, not ``Trung tâm Trung tâm …``."""
    words = before.split()
    folded = name.casefold()
    for n in (3, 2, 1):
        if len(words) >= n and folded.startswith(" ".join(words[-n:]).casefold() + " "):
            cut = before.rstrip()
            for w in reversed(words[-n:]):
                cut = cut[: len(cut) - len(w)].rstrip()
            return cut + " " if cut else ""
    return before


def dominant_province(hits: list[PlaceHit]) -> Province | None:
    """The province an article is about: the most-mentioned one, if it has at least twice the
    mentions of the next (shared by the organisations and the officials' posts)."""
    counts = Counter(h.province for h in hits if h.province is not None and h.level == "province")
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _rule(entry: _Entry) -> str:
    return "department" if entry.role == "department" else "local"


@lru_cache(maxsize=1)
def shipped_matcher() -> OrgMatcher:
    """The matcher of the shipped lexicon alone (read-only, so every ``Extractor`` without user
    organisations shares it)."""
    return OrgMatcher()


def canonical_org(surface: str, province: str | None = None) -> str:
    """The canonical, expanded name of an organisation as written: ``UBND tỉnh Long An`` ->
    ``Ủy ban nhân dân tỉnh Long An``; ``Bộ LĐ-TB&XH`` -> ``Bộ Lao động - Thương binh và Xã hội``;
    ``Bộ Lao động, Thương bình và Xã hội`` -> ``Bộ Lao động - Thương binh và Xã hội``. Every known
    body inside the string is rewritten (``Thứ trưởng Bộ LĐTBXH`` -> ``Thứ trưởng Bộ Lao động -
    Thương binh và Xã hội``); unknown text is kept as written, spaces folded. ``province``
    (a province name such as ``Long An``) fills ``UBND tỉnh`` when no name follows."""
    return shipped_matcher().canonical(surface, province)


