"""policies: references to legal and administrative documents (SPEC §3).

A reference starts at a document kind word (``data/document_kinds.tsv``) and is read in steps,
each a small anchored pattern run from where the previous one stopped:

1. the number or code after the kind: ``68``, ``số 15/2020/NĐ-CP``, ``29-NQ/TW``, ``52/2013``,
   ``64/CP``; or, for named documents, a title (``Luật Bảo hiểm xã hội 2014``, ``data/laws.tsv``
   or a capitalised word + lower-case words) or a Party congress resolution;
2. ``năm 2014`` right after the number (the document's year; inside the mention);
3. the tail, OUTSIDE the mention so that its date stays a date item: ``ngày 1/7/2021``
   (-> ``issued_on``), ``của <issuer>`` (``data/issuers.tsv``), ``về <subject>``.

Bare codes with a document type (``126/NQ-CP``) are references too. The issuer also comes from
an issuer named just before the kind (``UBND tỉnh Hà Nam vừa ban hành Quyết định …``), from the
code suffix (``QĐ-TTg``) or from the kind itself (a Nghị định is the Government's). Local bodies
without a place (``UBND tỉnh``, the ``UBND`` in a code) take the article's place.
Mentions of the same kind and number (or title) join one document when year, code and issuer
agree; a code is completed only when the convention settles it (``_complete_code``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import regex

from ..gazetteer import SURNAMES, gazetteer, trie_regex
from ..gazetteer import key as place_key
from ..lexicons import load_table
from ..model import Mention, Policy, Record
from ..resources import Resources
from ..text import Doc, fold

# Words that make "<kind> <number>" a quantity, not a document (``kế hoạch 5 năm``,
# ``hướng dẫn 3 bước``, ``quyết định 2 người``).
_UNIT_WORDS = (
    "người|hộ|ca|trường hợp|lượt|tỷ|tỉ|triệu|nghìn|ngàn|trăm|đồng|USD|tuổi|tuần|giờ|phút|"
    "lần|bước|điểm|km|m|ha|tấn|kg|suất|đơn vị|doanh nghiệp|nội dung|nhiệm vụ|giải pháp|mục tiêu|"
    "tiêu chí|chỉ tiêu|điều|khoản|trang|nhóm|lĩnh vực|dự án|chương|cơ sở|tỉnh|huyện|xã|trường|"
    "học sinh|lao động|công nhân|trẻ|phần trăm|mức|loại|gói|"
    # ``ngày``/``tháng``/``năm`` are units unless a date or year follows (``số 125 ngày 25/3``).
    r"(?:ngày|tháng|năm)(?!\s+(?:mùng\s+|mồng\s+)?\d)"
)
_PARTY_ISSUERS = frozenset({"Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương"})
_UNIT_WORDS_PLACE = r"tỉnh|Tỉnh|thành phố|Thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn"
# A place name: HCM, Bà Rịa - Vũng Tàu, or one to three capitalised syllables (Thừa Thiên Huế).
_PLACE = r"(?:TPHCM|HCM|Bà Rịa\s*-\s*Vũng Tàu|\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*){0,2})(?![\p{L}\d])"
# One code segment: upper-case letters, digits or & (NQ, QH14, LĐTB&XH); lower-case letters only
# between upper-case ones (GDTrH) or as the official last letter (TTg, QĐi, CTr), so that a word
# glued on after a lost space (``TT-BGDĐTsẽ``) is not read as part of the code.
_SEG = r"\p{Lu}[\p{Lu}\d&]*(?:[a-z]{1,2}[\p{Lu}\d&]+)*[gir]?"
_SEGS = rf"{_SEG}(?:-[ ]?{_SEG})*"  # NQ-CP, UBND-THKH, BNV- CCVC (a stray space after the hyphen)

# A company's own resolution or decision (board, shareholders' meeting) is not a state or Party
# document (SPEC §3 lists the legal documents of the state and the Party): a document without a
# state issuer whose sentence names a company body is dropped; a code suffix naming one drops it too.
_CORPORATE_RE = regex.compile(
    r"(?<![\p{L}])(?:HĐQT|ĐHĐCĐ|ĐHCĐ|[Hh]ội đồng quản trị|[Đđ]ại hội đồng cổ đông|cổ đông|[Cc]ông ty cổ phần|CTCP)(?![\p{L}])"
)
# A body's name by its head word, for issuers the issuer table does not hold
# (``Cục Hộ tịch, quốc tịch, chứng thực``, ``Tòa án nhân dân tối cao``); read with ``OrgMatcher.canonical``.
_ORG_HEADS = (
    r"(?:Tòa án|Viện kiểm sát|Tổng cục|Cục|Vụ|Sở|Bộ|Ban|Ủy ban|Văn phòng|Học viện|Viện|Hội đồng|"
    r"Ngân hàng Nhà nước|Kiểm toán Nhà nước|Bảo hiểm xã hội|Thanh tra|Đại học|Trường)"
)
_OF_ORG_RE = regex.compile(rf"(?P<org>{_ORG_HEADS}(?:[ ]+(?:\p{{Lu}}[\p{{L}}&.-]*|và(?=[ ]+\p{{Lu}})|nhân dân|tối cao|(?:tỉnh|thành phố|phố|quận|huyện)(?=[ ]+\p{{Lu}}))){{1,8}})(?![\p{{L}}\d])")
_BEFORE_ORG_RE = regex.compile(
    rf"(?<![\p{{L}}])(?P<org>{_ORG_HEADS}[ ]+\p{{Lu}}[\p{{L}}&.-]*(?:[ ]+[\p{{L}}&.-]+|,[ ]*\p{{Ll}}+){{0,9}}?)"
    r"[ ]+(?:(?:đã|vừa|mới|cũng)[ ]+)*(?:ký ban hành|ban hành|có)[ ]+$"
)
# Words that end a subject: a clause verb after the document's object (``… diễn ra mới đây``).
_SUBJ_STOP_RE = regex.compile(
    r"(?:,[ ]*(?=\p{Lu})|[ ]+(?=(?:diễn ra|đã|sẽ|vừa|cho biết|nhấn mạnh|nêu rõ|có hiệu lực|được ban hành|ban hành ngày)(?![\p{L}]))|"
    r"(?<=năm[ ](?:19|20)\d\d),(?![ ]*tầm nhìn))"
)

# Issuer priorities (higher wins when one document's mentions disagree).
_P_OF, _P_BEFORE, _P_CODE, _P_KIND, _P_CONTEXT = 5, 4, 3, 2, 1

# Quốc hội terms (khóa): the year a term starts (its first session, in July) -> its number.
_QH_TERMS = ((2002, 11), (2007, 12), (2011, 13), (2016, 14), (2021, 15), (2026, 16))


@dataclass(slots=True)
class _Kind:
    kind: str
    abbr: str
    form: str  # number | title | code
    issuer: str


@dataclass(slots=True)
class _Issuer:
    name: str
    local: str  # "" | unit | name


@dataclass(slots=True)
class _Hit:
    kind: str
    start: int  # normalised span of the mention
    end: int
    rule: str
    number: str | None = None
    title: str | None = None
    code_year: int | None = None
    year: int | None = None
    code: str | None = None  # normalised code when written in full
    code_full: bool = False
    issued_on: str | None = None
    subject: str | None = None
    issuers: list[tuple[int, str]] = field(default_factory=list)  # (priority, name)


@dataclass(slots=True)
class _Group:
    hits: list[_Hit]

    @property
    def first(self) -> _Hit:
        return self.hits[0]

    def value(self, attr: str) -> str | int | None:
        for h in self.hits:
            v = getattr(h, attr)
            if v is not None:
                return v  # type: ignore[no-any-return]
        return None

    def issuer(self) -> str | None:
        best: tuple[int, str] | None = None
        for h in self.hits:
            for cand in h.issuers:
                if best is None or cand[0] > best[0]:
                    best = cand
        return best[1] if best else None


class PoliciesComponent:
    name = "policies"

    def __init__(self, res: Resources) -> None:
        self.lex = lex = res.lexicons
        self.orgs = res.orgs
        # -- document kinds -------------------------------------------------------------------
        self.kinds: dict[str, _Kind] = {}
        self.abbr_kind: dict[str, str] = {}
        self.kind_abbr: dict[str, str] = {}
        for row in load_table("document_kinds"):
            k = _Kind(row["kind"], row["abbr"], row["form"], row["issuer"])
            self.kinds[fold(row["word"])] = k
            if row["abbr"] and row["word"] == row["kind"]:
                self.abbr_kind[row["abbr"]] = row["kind"]
                self.kind_abbr[row["kind"]] = row["abbr"]
        for alias, canon in lex.document_kinds.items():
            base = self.kinds.get(fold(canon))
            self.kinds.setdefault(
                fold(alias), _Kind(canon, base.abbr if base else "", base.form if base else "number", base.issuer if base else "")
            )
        # A kind word, whole (not inside ``Nghị quyếtxx``); case-insensitive (title kinds are checked
        # for a capital after). A trie: one alternation of 20 words runs several times slower.
        self.kind_re = regex.compile(
            r"(?<![\p{L}\d])(?:" + trie_regex(self.kinds, space=r"\s+") + r")(?![\p{L}\d])",
            regex.IGNORECASE,
        )
        # The same on ``Doc.fast_lower`` with the stdlib engine (several times faster); each hit is
        # then matched again with ``kind_re`` on the text for its groups and case.
        # The lookahead on the first letters rejects most positions before the lookbehind runs.
        initials = re.escape("".join(sorted({k[0] for k in self.kinds})))
        self.kind_low_re = re.compile(
            rf"(?=[{initials}])(?<![^\W_])(?:" + trie_regex(self.kinds, space=r"\s+") + r")(?![^\W_])"
        )
        # -- issuers ---------------------------------------------------------------------------
        self.code_issuer: dict[str, _Issuer] = {}  # upper-cased code segment -> issuer
        self.code_spelling: dict[str, str] = {}  # upper-cased -> as officially written (TTG -> TTg)
        self.issuer_code: dict[str, str] = {}
        self.name_issuer: dict[str, _Issuer] = {}
        self.cities: set[str] = set()
        for row in load_table("issuers"):
            if row["type"] == "code":
                self.code_issuer.setdefault(_code_key(row["key"]), _Issuer(row["issuer"], row["local"]))
                self.code_spelling.setdefault(row["key"].upper(), row["key"])
                self.issuer_code.setdefault(row["issuer"], row["key"])
            elif row["type"] == "name":
                self.name_issuer[row["key"]] = _Issuer(row["issuer"], row["local"])
            elif row["type"] == "city":
                self.cities.add(row["key"])
        names = sorted(self.name_issuer, key=len, reverse=True)
        alts = "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in names)
        # An issuer name, then (for local bodies) an optional unit word and place name:
        # ``UBND tỉnh Thừa Thiên Huế``, ``UBND TP.HCM``, ``Sở Y tế Hà Nội``, ``Chủ tịch UBND tỉnh``.
        self.issuer_re = regex.compile(
            rf"(?P<name>{alts})(?![\p{{L}}\d])"
            rf"(?:[ ]+(?P<unit>{_UNIT_WORDS_PLACE})(?![\p{{L}}\d]))?"
            rf"(?:(?:[ ]+|(?<=\.))(?P<place>{_PLACE}))?"
        )
        # An issuer right before the kind: ``UBND tỉnh Hà Nam vừa có quyết định``,
        # ``Thủ tướng Chính phủ chỉ đạo tại Thông báo``, ``chỉ đạo của Ban Thường vụ Tỉnh ủy tại``.
        self.before_re = regex.compile(
            r"(?:(?<![\p{L}\d/])(?:[Nn]gày\s+)?(?P<bd>\d{1,2})[/-](?P<bm>\d{1,2})(?:[/-](?P<by>(?:19|20)\d{2}))?\s*,?\s+)?"
            rf"(?:(?<![\p{{L}}])của\s+)?(?P<iss>{alts})(?![\p{{L}}\d])"
            rf"(?:[ ]+(?P<unit>{_UNIT_WORDS_PLACE})(?![\p{{L}}\d]))?"
            rf"(?:(?:[ ]+|(?<=\.))(?P<place>{_PLACE}))?"
            r"(?:\s*-\s*[\p{L} ]{3,30},)?"  # ``Chủ tịch UBND tỉnh Hưng Yên - Đỗ Quốc Văn,``
            r"\s+(?:(?:đã|vừa|mới|cũng|đều)\s+)*"
            r"(?P<verb>ký ban hành|ban hành|có|ký|ra|chỉ đạo tại|phê duyệt tại|phê duyệt theo|tại)\s+$"
        )
        # Places named in the article, for local bodies written without one.
        # ``Tỉnh ủy Nghệ An`` names its province too (the unit then follows from the city list).
        self.place_re = regex.compile(
            rf"(?<![\p{{L}}])(?P<unit>tỉnh(?![ ]ủy)|thành phố|Thành phố|TP\.?|(?P<party>[Tt]ỉnh ủy|[Tt]hành ủy))\s*(?P<place>{_PLACE})"
        )
        # -- named documents -------------------------------------------------------------------
        self.titles: dict[str, dict[str, tuple[str, str]]] = {}  # kind -> folded tail -> (title, issuer)
        for row in load_table("laws"):
            spellings = [row["title"]] + [a for a in row["alias"].split("|") if a.strip()]
            for sp in spellings:
                for w in sorted(self.kinds, key=len, reverse=True):
                    kd = self.kinds[w]
                    if kd.form == "title" and fold(sp).startswith(w + " "):
                        self.titles.setdefault(kd.kind, {})[fold(sp)[len(w) + 1 :]] = (row["title"], row["issuer"])
                        break
        self.title_res: dict[str, regex.Pattern[str]] = {}
        for kind, tails in self.titles.items():
            alt = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in sorted(tails, key=len, reverse=True))
            self.title_res[kind] = regex.compile(rf"\s+(?P<t>{alt})(?![\p{{L}}\d])", regex.IGNORECASE)
        # Title fallback: a capitalised word then lower-case words (``Luật Ngân sách nhà nước``).
        self.title_re = regex.compile(r"[ ]+(?P<t>\p{Lu}\p{Ll}*(?:[ ]\p{Ll}+){0,7})(?![\p{L}\d])")
        # Words that end a title read by the fallback (verbs, particles, prepositions).
        self.title_stop = frozenset(
            "và của về có được là đã sẽ thì mà này nay quy số năm tại theo cho với để trong khi sửa mới cũ hiện "
            "các những đối hướng nêu trên dưới ban lại muốn sắp tới đang vừa cũng không chưa phải cần nên sau "
            "trước bị như hay hoặc nhưng vẫn đều rất chỉ còn thay dự qua ra áp nói yêu nhằm đó kia ấy gì nào "
            "thế sự vì do nếu".split()
        )
        # A foreign or international law is not a Vietnamese document (``Hiến pháp Mỹ``,
        # ``Công ước Liên hợp quốc về Luật Biển``).
        self.foreign_re = regex.compile(
            r"[ ]+(?:Mỹ|Hoa Kỳ|Hungary|Trung Quốc|Nhật Bản|Hàn Quốc|Pháp|Đức|Anh|Nga|Singapore|Thái Lan|Lào|"
            r"Campuchia|Ấn Độ|Úc|Canada|Philippines|Indonesia|Malaysia|Đài Loan|châu Âu|EU)(?![\p{L}])"
        )
        self.convention_re = regex.compile(r"Công ước[^.;\n]{0,40}$", regex.IGNORECASE)
        # ``Nghị quyết Đại hội XIII của Đảng``; ``Nghị quyết Đại hội XIII Đảng bộ tỉnh …``.
        self.congress_re = regex.compile(
            r"\s+Đại\s+hội(?:\s+(?:đại biểu toàn quốc|Đảng toàn quốc|Đảng))?(?:\s+lần\s+thứ)?\s+(?P<r>[XVIL]{1,6})(?![\p{L}\d])"
            r"(?:(?P<party>\s+của\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?)|\s+(?P<bo>Đảng\s+bộ[^,.;:\n()\"]{1,60}))?"
        )
        # -- numbers and codes -----------------------------------------------------------------
        # ``số`` (optionally ``số:``) before the number.
        self.so_re = regex.compile(r"\s+(?:(?:hỏa tốc|khẩn)\s+)?(?:số\s*:?\s*)?", regex.IGNORECASE)
        # The number and its code: 15/2020/NĐ-CP | 52/2013 | 68/NQ-CP | 64/CP | 29-NQ/TW | 68.
        self.code_re = regex.compile(
            rf"(?P<num>\d{{1,6}}[a-zđ]?)(?![\d])(?![.,]\d)"
            rf"(?:/(?P<year>(?:19|20)\d{{2}})(?![\d])(?:/(?P<ysegs>{_SEGS}))?"
            rf"|/(?P<segs>{_SEGS})"
            rf"|-(?P<ptype>{_SEG})/(?P<psegs>{_SEGS}))?"
            r"(?![\p{Lu}\d/])"  # a lower-case letter may follow: ``TT-BGDĐTsẽ`` (a space lost)
        )
        types = "|".join(sorted((regex.escape(a) for a in self.abbr_kind), key=len, reverse=True))
        # A code with a known document type and no kind word before it: ``và 126/NQ-CP``.
        self.bare_re = regex.compile(
            rf"(?<![\p{{L}}\d/.-])(?P<so>số\s+)?(?P<c>\d{{1,6}}(?:/(?:19|20)\d{{2}})?/(?:{types})-{_SEGS}"
            rf"|\d{{1,6}}-(?:{types})/{_SEGS})(?![\p{{Lu}}\d/])"
        )
        self.unit_re = regex.compile(rf"\s*(?:%|(?:{_UNIT_WORDS})(?![\p{{L}}\d]))", regex.IGNORECASE)
        # ``năm 2014`` / ``2008`` after a number or title (not ``2008-2010``, ``2014/15``, ``2014,5``).
        # After a lower-case kind and a bare number, a document reference goes on with one of these
        # (``quyết định 175, theo …``, ``kết luận 49 của Bộ Chính trị``) ...
        self.after_ok_re = regex.compile(
            r"\s*(?:[^\p{L}\d\s]|$|(?:của|về|ngày|năm|do|được|đã|đang|và|hoặc|thì|là|có|quy|ban|hướng|phê|đối|"
            r"với|cho|tại|trong|khi|nêu|này|thu|sửa|bổ|nói|vẫn|cũng|sẽ)(?![\p{L}\d]))"
        )
        # ... or comes after a cue (``theo quyết định 13``, ``ban hành quyết định 153``).
        self.cue_re = regex.compile(
            r"(?<![\p{L}])(?:theo|tại|của|thực hiện|căn cứ|ban hành|có|ký|áp dụng|triển khai)\s+$", regex.IGNORECASE
        )
        self.year_re = regex.compile(r"[ ]+(?:năm[ ]+)?(?P<y>(?:19|20)\d{2})(?![\d/-]|[.,]\d|\s*-\s*\d)")
        self.nam_year_re = regex.compile(r"[ ]+năm[ ]+(?P<y>(?:19|20)\d{2})(?![\d/-]|[.,]\d)")
        # The tail: ``ngày 1/7/2021``, ``ngày 14 tháng 5 năm 2018``, ``ban hành ngày 29/4``.
        self.date_re = regex.compile(
            r"\s*,?\s*(?:(?:được\s+)?(?:ban\s+hành|ký)\s+)?(?:vào\s+)?ngày\s+(?:mùng\s+|mồng\s+)?(?P<d>\d{1,2})"
            r"(?:\s*[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:(?:\s*[/.-]\s*|\s+năm\s+)(?P<y>(?:19|20)\d{2}))?(?![\d/])",
            regex.IGNORECASE,
        )
        self.of_re = regex.compile(r"\s*,?\s*(?:do\s+|của\s+)")
        self.khoa_re = regex.compile(r"\s+khóa\s+[XVIL]+(?![\p{L}])")
        self.subject_re = regex.compile(
            r"\s*,?\s*(?P<s>(?:về|quy\s+định|hướng\s+dẫn|phê\s+duyệt|sửa\s+đổi)\s+[^\n;]+)", regex.IGNORECASE
        )

    # ------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc, rec: Record) -> None:
        text = doc.text
        hits: list[_Hit] = []
        for m in self._kinds_in(doc):
            hit = self._read(doc, m)
            if hit is not None:
                hits.append(hit)
        taken = [(h.start, h.end) for h in hits]
        for m in self.bare_re.finditer(text, doc.header_end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            hit = self._read_bare(doc, m)
            if hit is not None:
                hits.append(hit)
        if not hits:
            return
        hits.sort(key=lambda h: h.start)
        starts = [h.start for h in hits]
        for i, h in enumerate(hits):
            self._tail(doc, h, starts[i + 1] if i + 1 < len(starts) else len(text))
        _share_issuers(doc, hits)
        for g in self._group(hits):
            if self._corporate(doc, g):
                continue
            rec.policies.append(self._policy(doc, g))

    @staticmethod
    def _corporate(doc: Doc, g: _Group) -> bool:
        """A company body's own resolution or decision (``Nghị quyết số 156`` of a bank's board)."""
        for h in g.hits:
            if h.code and _CORPORATE_RE.search(h.code):
                return True
        if g.issuer() is not None or g.first.kind not in ("Nghị quyết", "Quyết định", "Thông báo", "Kế hoạch"):
            return False
        for h in g.hits:
            s, e = doc.sentence_at(h.start)
            if _CORPORATE_RE.search(doc.text, s, min(e, s + 600)):
                return True
        return False

    def _kinds_in(self, doc: Doc) -> Iterator[regex.Match[str]]:
        """``kind_re.finditer`` over the body, found with the fast scan when it is exact."""
        low = doc.fast_lower
        if low is None:
            yield from self.kind_re.finditer(doc.text, doc.header_end)
            return
        match = self.kind_re.match
        for c in self.kind_low_re.finditer(low, doc.header_end):
            m = match(doc.text, c.start())
            if m is not None:  # always, on plain text
                yield m

    # -- step 1: kind + number/code or title --------------------------------------------------
    def _read(self, doc: Doc, m: regex.Match[str]) -> _Hit | None:
        text = doc.text
        kd = self.kinds.get(fold(m.group()))
        if kd is None:
            return None
        if kd.form == "title" and not m.group()[0].isupper():
            return None  # ``luật`` (the law in general), ``pháp lệnh`` as a common noun
        so = self.so_re.match(text, m.end())
        has_so = so is not None and "s" in so.group().lower()
        c = self.code_re.match(text, so.end()) if so is not None and so.end() > m.end() else None
        if c is not None:
            hit = self._numbered(doc, kd, m.start(), c, has_so, m.group()[0].islower())
            if hit is not None:
                return hit
        if kd.form == "title":
            return self._titled(doc, kd, m)
        if kd.kind == "Nghị quyết":
            return self._congress(m)
        return None

    def _numbered(self, doc: Doc, kd: _Kind, start: int, c: regex.Match[str], has_so: bool, lower: bool) -> _Hit | None:
        text = doc.text
        num = c.group("num")
        has_code = any(c.group(g) for g in ("ysegs", "segs", "ptype"))
        if kd.form == "code" and not has_code:
            return None
        if kd.form == "title" and not (has_so or has_code):
            return None  # ``Luật 2`` is not a law's number; ``Luật số 58/2014/QH13`` is
        end = c.end()
        if not has_code and not c.group("year"):
            if not has_so and num.isdigit() and 1900 <= int(num) <= 2099:
                return None  # ``Kế hoạch 2021``: a year, not a number
            y = self.nam_year_re.match(text, end)
            if y is not None:
                hit_year: int | None = int(y.group("y"))
                end = y.end()
            else:
                hit_year = None
                if self.unit_re.match(text, end):
                    return None  # ``kế hoạch 5 năm``, ``quyết định 2 người``
                if lower and not has_so and not self.after_ok_re.match(text, end) and not self.cue_re.search(text, max(0, start - 20), start):
                    return None  # ``Séc thông báo 18 nhà ngoại giao``: the verb, not a document
        else:
            hit_year = None
        kind = kd.kind
        if kd.form == "code":  # ``văn bản số 88/TB-VPCP`` is a Thông báo
            t = c.group("ptype") or _segs(c.group("ysegs") or c.group("segs") or "")[0]
            kind = self.abbr_kind.get(t, kind)
        hit = _Hit(kind, start, end, "kind_code" if has_code else "kind_number", number=num)
        if c.group("year"):
            hit.code_year = int(c.group("year"))
        hit.year = hit.code_year or hit_year
        self._read_code(doc, hit, kd, c)
        if kd.issuer:
            hit.issuers.append((_P_KIND, kd.issuer))
        return hit

    def _read_code(self, doc: Doc, hit: _Hit, kd: _Kind, c: regex.Match[str]) -> None:
        """Fill ``code`` and the code's issuer from the parts of a written code."""
        num = c.group("num")
        ptype = c.group("ptype")
        if ptype:  # party form 29-NQ/TW
            segs = self._segs(c.group("psegs"))
            hit.code = f"{num}-{ptype}/{'-'.join(segs)}"
            hit.code_full = True
            self._code_issuer(doc, hit, segs[:1])
            return
        raw = c.group("ysegs") or c.group("segs")
        if not raw:
            return
        segs = self._segs(raw)
        if segs[0] in self.abbr_kind:
            issuers = segs[1:]
        elif _code_key(segs[0]) in self.code_issuer:
            issuers = segs[:1]  # 2502/UBND-THKH: issuer then department; 64/CP
        elif kd.abbr and len(segs) > 1 and kd.abbr.endswith(segs[0]):
            segs[0] = kd.abbr  # a dropped letter: 99/2013/Đ-CP
            issuers = segs[1:]
        else:
            issuers = segs[1:] if len(segs) > 1 else segs
        year = c.group("year")
        if not issuers and segs[0] in self.abbr_kind:
            return  # ``116/2020/NĐ``: no issuer written, completed like an uncoded reference
        hit.code = f"{num}/{year + '/' if year else ''}{'-'.join(segs)}"
        hit.code_full = True
        self._code_issuer(doc, hit, issuers)

    def _segs(self, raw: str) -> list[str]:
        """Code segments as officially spelled (``TTG`` -> ``TTg``, ``TƯ`` -> ``TW``)."""
        return [self.code_spelling.get(s.upper(), s) for s in _segs(raw)]

    def _code_issuer(self, doc: Doc, hit: _Hit, segs: list[str]) -> None:
        names: list[str] = []
        for s in segs:
            iss = self.code_issuer.get(_code_key(s))
            if iss is None:
                if names:
                    break
                continue
            name = iss.name
            if iss.local:
                place = self._context_place(doc, hit.start, _provincial(iss))
                if place is None:
                    continue
                name = self._localise(iss, place[0], place[1])
            names.append(name)
            if hit.kind not in ("Thông tư liên tịch", "Nghị quyết liên tịch"):
                break
        if names:
            hit.issuers.append((_P_CODE, ", ".join(names)))

    def _titled(self, doc: Doc, kd: _Kind, m: regex.Match[str]) -> _Hit | None:
        text = doc.text
        word = " ".join(m.group().split())
        issuer = kd.issuer
        t = self.title_res[kd.kind].match(text, m.end()) if kd.kind in self.title_res else None
        if t is not None:
            title, extra = self.titles[kd.kind][fold(t.group("t"))]
            issuer = extra or issuer
            end = t.end()
            rule = "law_table"
        elif kd.kind == "Hiến pháp":
            title, end, rule = "Hiến pháp", m.end(), "constitution"
        elif kd.kind == "Điều lệ":
            return None  # charters only from the table: ``Điều lệ công ty`` is a company's
        else:
            f = self.title_re.match(text, m.end())
            if f is None:
                return None
            words = f.group("t").split(" ")
            keep = words[:1]
            for w in words[1:]:
                if w.lower() in self.title_stop:
                    break
                keep.append(w)
            if len(keep) > 6:
                return None
            end = f.start("t") + len(" ".join(keep))
            if len(keep) == 1 and regex.match(r"[ ]+\p{Lu}", text[end : end + 3]):
                return None  # ``Luật Việt Nam``: law in general, not a named law
            title = f"{word} {keep[0][0].upper()}{keep[0][1:]}" + "".join(" " + w for w in keep[1:])
            rule = "title_pattern"
        if self.foreign_re.match(text, end) or self.convention_re.search(text, max(0, m.start() - 45), m.start()):
            return None
        hit = _Hit(kd.kind, m.start(), end, rule, title=title)
        y = self.year_re.match(text, end)
        if y is not None:
            hit.year = int(y.group("y"))
            hit.end = y.end()
        if issuer:
            hit.issuers.append((_P_KIND, issuer))
        return hit

    def _congress(self, m: regex.Match[str]) -> _Hit | None:
        c = self.congress_re.match(m.string, m.end())
        if c is None:
            return None
        r = c.group("r")
        bo = c.group("bo")
        if bo:
            bo = regex.split(r"\s+(?:và|của|về|đã|được|tại|trong|cho)\s", bo)[0].rstrip()
            title = f"Nghị quyết Đại hội {r} {' '.join(bo.split())}"
            issuer = f"Đại hội {r} {' '.join(bo.split())}"
            end = c.start("bo") + len(bo)
        else:
            title = f"Nghị quyết Đại hội {r} của Đảng"
            issuer = f"Đại hội đại biểu toàn quốc lần thứ {r} của Đảng Cộng sản Việt Nam"
            end = c.end()
        hit = _Hit("Nghị quyết", m.start(), end, "congress_resolution", title=title)
        hit.issuers.append((_P_OF, issuer))
        return hit

    def _read_bare(self, doc: Doc, m: regex.Match[str]) -> _Hit | None:
        c = self.code_re.match(m.group("c"))
        if c is None or c.end() != len(m.group("c")):
            return None
        ptype = c.group("ptype")
        abbr = ptype or _segs(c.group("ysegs") or c.group("segs") or "")[0]
        kind = self.abbr_kind.get(abbr)
        if kind is None:
            return None
        kd = self.kinds[fold(kind)]
        hit = _Hit(kind, m.start(), m.end(), "bare_code", number=c.group("num"))
        if c.group("year"):
            hit.code_year = hit.year = int(c.group("year"))
        self._read_code(doc, hit, kd, c)
        if kd.issuer:
            hit.issuers.append((_P_KIND, kd.issuer))
        return hit

    # -- step 3: the tail (date, issuer, subject) and the issuer named before ------------------
    def _tail(self, doc: Doc, h: _Hit, next_start: int) -> None:
        text = doc.text
        pos = h.end
        d = self.date_re.match(text, pos)
        if d is not None:
            h.issued_on = self._date(doc, d, h)
            pos = d.end()
            if h.year is None and h.issued_on:
                h.year = int(h.issued_on[:4])
        o = self.of_re.match(text, pos)
        if o is not None:
            i = self.issuer_re.match(text, o.end())
            if i is None:
                g = _OF_ORG_RE.match(text, o.end())
                if g is not None:  # ``của Tòa án nhân dân tối cao``, ``của Cục Hộ tịch …``
                    h.issuers.append((_P_OF, self.orgs.canonical(g.group("org"))))
                    pos = g.end()
            if i is not None:
                name, complete = self._issuer_from(doc, i, h.start)
                if name:
                    h.issuers.append((_P_OF if complete else _P_CONTEXT, name))
                pos = i.end()
                k = self.khoa_re.match(text, pos)
                if k is not None:
                    pos = k.end()
        if d is None:
            d = self.date_re.match(text, pos)  # ``… của Chính phủ ngày 1/7/2021``
            if d is not None:
                h.issued_on = self._date(doc, d, h)
                pos = d.end()
                if h.year is None and h.issued_on:
                    h.year = int(h.issued_on[:4])
        s = self.subject_re.match(text, pos)
        if s is not None and s.start("s") < next_start:
            _, sent_end = doc.sentence_at(s.start("s"))
            stop = min(s.end("s"), sent_end, next_start)
            subj = text[s.start("s") : stop]
            q = regex.match(r'về\s+(?:việc\s+)?"[^"\n]{1,300}"', subj)
            if q is not None:  # a quoted title: up to its closing quote
                subj = q.group()
            subj = regex.split(r":|\s+\((?![\p{Lu}\d&-]+\))", subj)[0]
            cut = _SUBJ_STOP_RE.search(subj, 3)
            if cut is not None:
                subj = subj[: cut.start()]
            if regex.match(r"(?i:sửa đổi|bổ sung)[\s,]*(?:bổ sung[\s,]*)?(?:năm\s+)?\d{4}", subj):
                subj = ""  # ``Bộ luật Hình sự năm 2015 sửa đổi, bổ sung năm 2017``: an amendment, no subject
            subj = regex.sub(r"(?:[\s,]+(?:và|cùng|hoặc))?[\s,.:]*$", "", subj)
            if subj:
                h.subject = " ".join(doc.surface(s.start("s"), s.start("s") + len(subj))[0].split())
        # An issuer named just before the kind, in the same sentence.
        sent_start, _ = doc.sentence_at(h.start)
        lo = max(sent_start, h.start - 140)
        window = text[lo : h.start]
        b = self.before_re.search(window)
        if b is None:
            g = _BEFORE_ORG_RE.search(window)
            if g is not None:  # ``Cục Hộ tịch … đã có Công văn số …``
                h.issuers.append((_P_BEFORE, self.orgs.canonical(g.group("org"))))
        if b is not None:
            name, complete = self._issuer_from(doc, b, h.start, group="iss")
            if name:
                h.issuers.append((_P_BEFORE if complete else _P_CONTEXT, name))
            if b.group("bd") and h.issued_on is None and b.group("verb") in ("ký ban hành", "ban hành", "ký", "có"):
                # ``Ngày 31/10/2019, Sở TN-MT có Công văn số …``: the day it was issued.
                h.issued_on = self._date(doc, b, h, "b")
                if h.year is None and h.issued_on:
                    h.year = int(h.issued_on[:4])

    def _issuer_from(self, doc: Doc, m: regex.Match[str], at: int, group: str = "name") -> tuple[str | None, bool]:
        """The issuer of an issuer match (our reading; ``OrgMatcher.canonical`` is applied when the
        policy is built), and whether it named its place."""
        iss = self.name_issuer.get(" ".join(m.group(group).split()))
        if iss is None:
            return None, False
        if not iss.local:
            return iss.name, True
        unit, place = m.group("unit"), m.group("place")
        if place and _is_place(place):
            return self._localise(iss, _unit(unit, place, self.cities), _place(place)), True
        ctx = self._context_place(doc, at, _provincial(iss))
        if ctx is None:
            return None, False
        return self._localise(iss, ctx[0], ctx[1]), False

    def _localise(self, iss: _Issuer, unit: str, place: str) -> str:
        if iss.local == "name":
            return f"{iss.name} {place}"
        return f"{iss.name} {unit} {place}"

    def _context_place(self, doc: Doc, at: int, province: bool = False) -> tuple[str, str] | None:
        """The place of a local body written without one: the last place named earlier in its
        sentence, else the place the article names most often. A provincial body (``Tỉnh ủy``,
        ``/TU``) takes only a province (``thành phố Quy Nhơn`` is a city inside one)."""
        places = doc.cache.get("policy_places")
        if places is None:
            places = [
                (
                    m.start(),
                    _unit(None if m.group("party") else m.group("unit"), m.group("place"), self.cities),
                    _place(m.group("place")),
                )
                for m in self.place_re.finditer(doc.text, doc.header_end)
                if _is_place(m.group("place"))
            ]
            doc.cache["policy_places"] = places
        if province:
            g = gazetteer()
            places = [p for p in places if place_key(p[2]) in g.by_alias]
        if not places:
            return None
        s, _ = doc.sentence_at(at)
        near = [p for p in places if s <= p[0] < at]
        if near:
            return near[-1][1], near[-1][2]
        counts = Counter((u, p) for _, u, p in places)
        best = max(counts.values())
        for _, u, p in places:
            if counts[(u, p)] == best:
                return u, p
        return None

    def _date(self, doc: Doc, d: regex.Match[str], h: _Hit, p: str = "") -> str | None:
        day, month = int(d.group(p + "d")), int(d.group(p + "m"))
        if d.group(p + "y"):
            year = int(d.group(p + "y"))
        elif h.code_year:
            year = h.code_year
        elif doc.published is not None:
            year = doc.published.year
            pub = doc.published
            if pub.month is not None and (month - pub.month) * 31 + day - (pub.day or 1) > 62:
                year -= 1
        else:
            return None
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            s, e = doc.span(d.start(p + "d"), d.end(p + "m"))
            doc.warn("impossible_date", f"document date {day}/{month}/{year} does not exist", s, e)
            return None

    # -- joining mentions ------------------------------------------------------------------------
    def _group(self, hits: list[_Hit]) -> list[_Group]:
        groups: list[_Group] = []
        for h in hits:
            key = self._key(h)
            target = None
            for g in reversed(groups):
                if self._key(g.first) == key and self._compatible(g, h):
                    target = g
                    break
            if target is None:
                groups.append(_Group([h]))
            else:
                target.hits.append(h)
        return groups

    @staticmethod
    def _key(h: _Hit) -> tuple[str, str]:
        return (h.kind, h.number if h.number is not None else fold(h.title or ""))

    @staticmethod
    def _compatible(g: _Group, h: _Hit) -> bool:
        y = g.value("year")
        if y is not None and h.year is not None and y != h.year:
            return False
        c = g.value("code")
        if c is not None and h.code is not None and c != h.code:
            return False
        gi = g.issuer()
        hi = max(h.issuers)[1] if h.issuers else None
        return gi is None or hi is None or fold(gi) == fold(hi) or max(h.issuers)[0] <= _P_KIND

    def _policy(self, doc: Doc, g: _Group) -> Policy:
        mentions = []
        for h in g.hits:
            t, s, e = doc.surface(h.start, h.end)
            mentions.append(Mention(t, s, e))
        first = g.first
        year = g.value("year")
        issuer = g.issuer()
        issued = g.value("issued_on")
        code = self._complete_code(g, issuer, issued if isinstance(issued, str) else None)
        return Policy(
            kind=first.kind,
            number=first.number,
            mentions=mentions,
            year=year if isinstance(year, int) else None,
            code=code,
            issuer=self.orgs.canonical(issuer) if issuer else None,
            issued_on=issued if isinstance(issued, str) else None,
            subject=_str(g.value("subject")),
            title=first.title,
            rule=first.rule,
        )

    def _complete_code(self, g: _Group, issuer: str | None, issued: str | None) -> str | None:
        """The written code, or the one the convention settles (SPEC §3, Edge conventions)."""
        written = _str(g.value("code"))
        if written is not None:
            return written
        first = g.first
        n = first.number
        if n is None:
            return None
        kind = first.kind
        cy = g.value("code_year")
        abbr = self.kind_abbr.get(kind, "")
        if kind == "Nghị quyết" and issuer == "Chính phủ":
            return f"{n}/NQ-CP"  # Government resolutions carry no year
        if kind == "Chỉ thị" and issuer == "Thủ tướng Chính phủ":
            return f"{n}/CT-TTg"
        if kind == "Nghị định" and cy:
            return f"{n}/{cy}/NĐ-CP"
        if kind == "Quyết định" and issuer == "Thủ tướng Chính phủ" and cy:
            return f"{n}/{cy}/QĐ-TTg"  # a decision written with its year is normative
        if kind in ("Thông tư", "Thông tư liên tịch") and cy and issuer in self.issuer_code:
            return f"{n}/{cy}/{abbr}-{self.issuer_code[issuer]}"
        if kind == "Nghị quyết" and issuer == "Quốc hội":
            term = _qh_term(cy if isinstance(cy, int) else None, issued)
            if term and cy:
                return f"{n}/{cy}/QH{term}"
        if issuer in _PARTY_ISSUERS and abbr in ("NQ", "CT", "KL", "TB", "HD"):
            return f"{n}-{abbr}/TW"
        return None


def _share_issuers(doc: Doc, hits: list[_Hit]) -> None:
    """``Chỉ thị 16 của Thủ tướng Chính phủ và Chỉ thị 15``: a reference without an issuer takes
    the one stated for the nearest reference of the same kind in its sentence."""
    for h in hits:
        if h.issuers:
            continue
        s, e = doc.sentence_at(h.start)
        best: tuple[int, str] | None = None
        dist = 0
        for o in hits:
            if o is h or o.kind != h.kind or not (s <= o.start < e) or not o.issuers:
                continue
            top = max(o.issuers)
            if top[0] >= _P_CODE and (best is None or abs(o.start - h.start) < dist):
                best, dist = top, abs(o.start - h.start)
        if best is not None:
            h.issuers.append((_P_CONTEXT, best[1]))


def _segs(raw: str) -> list[str]:
    return [s.strip().replace("TƯ", "TW") for s in raw.split("-") if s.strip()]


def _code_key(seg: str) -> str:
    """``QH14`` -> ``QH``: a term number is not part of the issuer; case does not matter."""
    return (seg.rstrip("0123456789") or seg).upper()


def _str(v: str | int | None) -> str | None:
    return v if isinstance(v, str) else None


def _unit(unit: str | None, place: str, cities: set[str]) -> str:
    if unit:
        u = unit.lower().rstrip(".")
        return "thành phố" if u in ("tp", "thành phố") else u
    return "thành phố" if _place(place) in cities else "tỉnh"


def _provincial(iss: _Issuer) -> bool:
    """A body that only a province has (``Tỉnh ủy``; a centrally-run city has a ``Thành ủy``)."""
    return iss.local == "name" and "Tỉnh ủy" in iss.name


def _is_place(place: str) -> bool:
    """Not a person's name after a title (``Chủ tịch UBND tỉnh Nguyễn Ngọc Tuấn``): a name
    starting with a family name must be a known province or district (``Hà Nam``)."""
    if place.split(" ", 1)[0] not in SURNAMES:
        return True
    g = gazetteer()
    k = place_key(place)
    return k in g.by_alias or k in g.unit_only or k in g.district_names


def _place(place: str) -> str:
    p = " ".join(place.split())
    if p in ("HCM", "TPHCM"):
        return "Hồ Chí Minh"
    return " - ".join(part.strip() for part in p.split("-"))


def _qh_term(year: int | None, issued: str | None) -> int | None:
    """The Quốc hội term (khóa) in office in ``year``; None in an election year without a month."""
    if year is None:
        return None
    month = int(issued[5:7]) if issued and issued[:4] == str(year) else None
    term = None
    for start, n in _QH_TERMS:
        if year > start or (year == start and month is not None and month >= 7):
            term = n
        elif year == start and month is None:
            return None
    return term
