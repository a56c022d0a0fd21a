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
from functools import lru_cache

import regex

from ..gazetteer import SURNAMES, gazetteer
from ..gazetteer import key as place_key
from ..lexicons import load_table, word_list
from ..model import Mention, Policy, Record
from ..resources import Resources
from ..text import Doc
from ..timeref import resolve_year
from ..wordlists import HYPHENS, WHITESPACE, alternation, fold, trie_pattern

# Words that make "<kind> <number>" a quantity, not a document (``kế hoạch 5 năm``,
# ``hướng dẫn 3 bước``, ``quyết định 2 người``).
_UNIT_WORDS = (
    "người|hộ|ca|trường hợp|lượt|tỷ|tỉ|triệu|nghìn|ngàn|trăm|đồng|USD|tuổi|tuần|giờ|phút|"
    "lần|bước|điểm|km|m|ha|tấn|kg|suất|đơn vị|doanh nghiệp|nội dung|nhiệm vụ|giải pháp|mục tiêu|"
    "tiêu chí|chỉ tiêu|điều|khoản|trang|nhóm|lĩnh vực|dự án|chương|cơ sở|tỉnh|huyện|xã|trường|"
    "học sinh|lao động|công nhân|trẻ|phần trăm|mức|loại|gói|buổi|tiết|môn|đợt|vòng|bài|lớp|h|"
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
    r"(?:Cơ quan (?:Cảnh sát điều tra|CSĐT|An ninh điều tra|ANĐT)(?:[ ]*-[ ]*|[ ]+)Công an|Tòa án|Viện kiểm sát|Tổng cục|Cục|Vụ|Sở|Bộ|Ban|Ủy ban|Văn phòng|Học viện|Viện|Hội đồng|Hội(?![ ]nghị)|Liên đoàn|Công an|"
    r"Ngân hàng Nhà nước|Kiểm toán Nhà nước|Bảo hiểm xã hội|Thanh tra|Đại học|Trường)"
)
_OF_ORG_RE = regex.compile(rf"(?P<org>{_ORG_HEADS}(?:[ ]+(?:Công[ ]an|\p{{Lu}}[\p{{L}}&.-]*|và(?=[ ]+\p{{Lu}})|nhân dân|tối cao|(?:tỉnh|thành phố|phố|quận|huyện)(?=[ ]+\p{{Lu}}))){{1,8}})(?![\p{{L}}\d])")
_BEFORE_ORG_RE = regex.compile(
    rf"(?<![\p{{L}}])(?<!thuộc[ ])(?P<org>{_ORG_HEADS}[ ]+\p{{Lu}}[\p{{L}}&.-]*(?:[ ]+[\p{{L}}\d&.-]+|,[ ]*\p{{Ll}}+){{0,9}}?)"
    r"[ ]+(?:(?:đã|vừa|mới|cũng|báo cáo)[ ]+)*(?P<verb>ký ban hành|ban hành|có|xây dựng|gửi|công bố)[ ]+$"
)
# Words that end a subject: a clause verb after the document's object (``… diễn ra mới đây``).
_SUBJ_STOP_RE = regex.compile(
    r"(?:,[ ]*(?=\p{Lu})|[ ]+(?=(?:diễn ra|đã|sẽ|vừa|cho biết|nhấn mạnh|nêu rõ|có hiệu lực|được ban hành|ban hành ngày)(?![\p{L}]))|"
    r"(?<=năm[ ](?:19|20)\d\d),(?![ ]*tầm nhìn))"
)

# The head of a body before its name (``của cục trưởng Cục Thi hành án dân sự Đà Nẵng``).
_HEAD_POST_RE = regex.compile(
    r"(?:[Cc]ục trưởng|[Tt]ổng cục trưởng|[Vv]ụ trưởng|[Gg]iám đốc|[Vv]iện trưởng|[Cc]hánh án|[Cc]hánh [Tt]hanh tra|[Tt]rưởng ban|[Cc]hi cục trưởng)[ ]+(?=\p{Lu})"
)
# ``tỉnh này``, ``thành phố này``, ``địa phương này``: the place the story named last.
_THIS_PLACE_RE = regex.compile(r"(?<![\p{L}])(?:[Tt]ỉnh|[Tt]hành phố|[Đđ]ịa phương|[Hh]uyện)[ ]+này(?![\p{L}])")

# The term after a plenum's number (``Nghị quyết Trung ương 7 khóa XII``), in a folded title.
_TERM_RE = regex.compile(r" khóa \S+$")

# Kinds whose issuer is the body that announces them (``Thanh tra Bộ … công bố Kết luận thanh tra
# số 112``); a decision announced (``Bộ Nội vụ công bố Quyết định của Thủ tướng``) is another body's.
_ANNOUNCED = frozenset({"Kết luận"})

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
    foreign: bool = False  # a law of another country: no Vietnamese issuer
    alias_of: _Hit | None = None  # ``(gọi tắt là Đề án 2107)``: another name of that reference
    year_at: int | None = None  # where a ``năm 2018`` after the number starts (``_event_years``)
    short: bool = False  # only a later mention of a document named in full before (``Nghị quyết Trung ương 7``)


@dataclass(slots=True)
class _Group:
    hits: list[_Hit]
    # While mentions are grouped (``_group``): the terms the hits' titles name and the best issuer so
    # far, kept as hits join, so joining a mention does not re-read every earlier one.
    terms: set[str] = field(default_factory=set)
    best: tuple[int, str] | None = None

    def add(self, h: _Hit) -> None:
        self.hits.append(h)
        self._note(h)

    def _note(self, h: _Hit) -> None:
        t = _term(h.title)
        if t is not None:
            self.terms.add(t)
        for cand in h.issuers:
            if self.best is None or cand[0] > self.best[0]:
                self.best = cand

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
            r"(?<![\p{L}\d])(?:" + trie_pattern(self.kinds, {**WHITESPACE, **HYPHENS}) + r")(?![\p{L}])",
            regex.IGNORECASE,
        )
        # The same on ``Doc.fast_lower`` with the stdlib engine (several times faster); each hit is
        # then matched again with ``kind_re`` on the text for its groups and case.
        # The lookahead on the first letters rejects most positions before the lookbehind runs.
        initials = re.escape("".join(sorted({k[0] for k in self.kinds})))
        self.kind_low_re = re.compile(
            rf"(?=[{initials}])(?<![^\W_])(?:" + trie_pattern(self.kinds, {**WHITESPACE, **HYPHENS}) + r")(?![^\W\d_])"
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
                self.code_spelling.setdefault(_spelling_key(row["key"]), row["key"])
                self.issuer_code.setdefault(row["issuer"], row["key"])
            elif row["type"] == "name":
                self.name_issuer[row["key"]] = _Issuer(row["issuer"], row["local"])
            elif row["type"] == "city":
                self.cities.add(row["key"])
        alts = alternation(self.name_issuer, WHITESPACE)
        # An issuer name, then (for local bodies) an optional unit word and place name:
        # ``UBND tỉnh Thừa Thiên Huế``, ``UBND TP.HCM``, ``Sở Y tế Hà Nội``, ``Chủ tịch UBND tỉnh``.
        self.issuer_re = regex.compile(
            rf"(?P<name>{alts})(?![\p{{L}}\d])"
            rf"(?:[ ]+(?P<unit>{_UNIT_WORDS_PLACE})(?![\p{{L}}\d]))?"
            rf"(?:(?:[ ]+|(?<=\.))(?P<place>{_PLACE}))?"
        )
        surnames = alternation(SURNAMES)
        # An issuer right before the kind: ``UBND tỉnh Hà Nam vừa có quyết định``,
        # ``Thủ tướng Chính phủ chỉ đạo tại Thông báo``, ``chỉ đạo của Ban Thường vụ Tỉnh ủy tại``.
        self.before_re = regex.compile(
            r"(?:(?<![\p{L}\d/])(?:[Nn]gày\s+)?(?P<bd>\d{1,2})[/-](?P<bm>\d{1,2})(?:[/-](?P<by>(?:19|20)\d{2}))?\s*,?\s+"
            r"|(?<![\p{L}\d/])(?:[Nn]gày\s+)?(?P<cd>\d{1,2})\.(?P<cm>\d{1,2})\.(?P<cy>(?:19|20)\d{2})\s*,?\s+)?"  # 16.4.2021
            # ``Thanh tra Bộ Y tế``, ``Văn phòng UBND tỉnh X``: the inspectorate or office of a body
            rf"(?:(?<![\p{{L}}])của\s+)?(?<!thuộc\s)(?P<sub>(?:Thanh tra|Văn phòng)\s+)?(?P<iss>{alts})(?![\p{{L}}\d])"
            rf"(?:[ ]+(?P<unit>{_UNIT_WORDS_PLACE})(?![\p{{L}}\d]))?"
            rf"(?:(?:[ ]+|(?<=\.))(?P<place>{_PLACE}))?"
            r"(?:\s*-\s*[\p{L} ]{3,30},)?"  # ``Chủ tịch UBND tỉnh Hưng Yên - Đỗ Quốc Văn,``
            # the signer's name after the post: ``Bộ trưởng Bộ Y tế Nguyễn Thanh Long đã ký``
            rf"(?:[ ]+(?:{surnames})(?:[ ]+\p{{Lu}}\p{{Ll}}*){{1,3}}(?=,?\s+(?:đã|vừa|mới|cũng)?\s*(?:ký|ban hành)))?"
            r",?\s+(?:(?:đã|vừa|mới|cũng|đều|báo cáo)\s+)*"  # ``Chủ tịch UBND tỉnh X, đã ký``
            r"(?P<verb>ký ban hành|ban hành|có|ký|ra|chỉ đạo tại|phê duyệt tại|phê duyệt theo|tại|xây dựng|gửi|công bố|thông qua)\s+$"
        )
        # Places named in the article, for local bodies written without one.
        # ``Tỉnh ủy Nghệ An`` names its province too (the unit then follows from the city list).
        self.place_re = regex.compile(
            rf"(?<![\p{{L}}])(?P<unit>[Tt]ỉnh(?![ ]ủy)|thành phố|Thành phố|TP\.?|(?P<party>[Tt]ỉnh ủy|[Tt]hành ủy))\s*(?P<place>{_PLACE})"
        )
        # The kind written without a number (``vừa ban hành quyết định hỗ trợ …``), per number kind.
        self.unnumbered_res = {
            k.kind: regex.compile(rf"(?<![\p{{L}}]){regex.escape(k.kind)}(?![\p{{L}}])(?!\s+(?:số\s*)?\d)", regex.IGNORECASE)
            for k in self.kinds.values()
            if k.form == "number" and " " in k.kind
        }
        # -- named documents -------------------------------------------------------------------
        self.titles: dict[str, dict[str, tuple[str, str]]] = {}  # kind -> folded tail -> (title, issuer)
        for row in load_table("laws"):
            spellings = [row["title"]] + [a for a in row["alias"].split("|") if a.strip()]
            # A body inside a title may be abbreviated (``Luật Hoạt động giám sát của Quốc hội và HĐND``).
            spellings += [_abbreviated(sp) for sp in spellings if _abbreviated(sp) != sp]
            for sp in spellings:
                for w in sorted(self.kinds, key=len, reverse=True):
                    kd = self.kinds[w]
                    if kd.form == "title" and fold(sp).startswith(w + " "):
                        self.titles.setdefault(kd.kind, {})[fold(sp)[len(w) + 1 :]] = (row["title"], row["issuer"])
                        break
        # The same titles without ``và`` and punctuation, for a title written loosely.
        self.loose_titles = {k: {_loose(t): v for t, v in tails.items()} for k, tails in self.titles.items()}
        self.title_res: dict[str, regex.Pattern[str]] = {}
        for kind, tails in self.titles.items():
            # A comma inside a title may be left out (``Luật Phòng chống tác hại của rượu bia``).
            alt = alternation(tails, {**WHITESPACE, ",": ",?"})
            self.title_res[kind] = regex.compile(rf"\s+(?P<t>{alt})(?![\p{{L}}\d])", regex.IGNORECASE)
        # Title fallback: a capitalised word then lower-case words (``Luật Ngân sách nhà nước``).
        self.title_re = regex.compile(r"[ ]+(?P<t>\p{Lu}\p{Ll}*(?:[ ]\p{Ll}+){0,7})(?![\p{L}\d])")
        # Words that end a title read by the fallback (verbs, particles, prepositions).
        self.title_stop = frozenset(word_list("policies.title_stop_words"))
        # A foreign or international law is not a Vietnamese document (``Hiến pháp Mỹ``,
        # ``Công ước Liên hợp quốc về Luật Biển``).
        self.foreign_re = regex.compile(
            r"[ ]+(?:Mỹ|Hoa Kỳ|Hungary|Trung Quốc|Nhật Bản|Hàn Quốc|Pháp|Đức|Anh|Nga|Singapore|Thái Lan|Lào|"
            r"Campuchia|Ấn Độ|Úc|Canada|Philippines|Indonesia|Malaysia|Đài Loan|châu Âu|EU)(?![\p{L}])"
        )
        self.convention_re = regex.compile(r"Công ước[^.;\n]{0,40}$", regex.IGNORECASE)
        # Countries, for a law in a sentence about another country (the last one named before it).
        self.country_re = regex.compile(
            r"(?<![\p{L}])(?:Việt Nam|Mỹ|Hoa Kỳ|Hungary|Trung Quốc|Nhật Bản|Hàn Quốc|Triều Tiên|Pháp|Đức|Nga|"
            r"Singapore|Thái Lan|Lào|Campuchia|Myanmar|Ấn Độ|Úc|Australia|Canada|Philippines|Indonesia|"
            r"Malaysia|Brunei|Đài Loan|Ukraine|Israel|Iran|Italy|Tây Ban Nha|Brazil)(?![\p{L}])"
            r"(?![ ]+\p{Lu})"  # not a Vietnamese place (``Lào Cai``, ``Mỹ Đình``, ``Đức Trọng``)
        )
        # Another country or Europe named anywhere (an article with nothing Vietnamese in it).
        self.abroad_re = regex.compile(self.country_re.pattern + r"|(?<![\p{L}])(?:châu Âu|EU|Liên minh châu Âu)(?![\p{L}])")
        # ``của Trung Quốc``, ``của nước Nhật Bản`` after a named law.
        self.of_country_re = regex.compile(r"(?:nước\s+)?(?P<c>" + self.country_re.pattern + ")")
        # ``Luật sửa đổi, bổ sung một số điều của`` + the law amended (the title runs on to its end).
        # ``luật`` as part of another word, and the words that cite a law written in lower case.
        self.not_law_re = regex.compile(r"(?<![\p{L}])(?:[Kk]ỷ|[Pp]háp|[Qq]uy|[Đđ]ịnh|[Hh]iến|[Gg]iới)\s+$")
        self.lower_cue_re = regex.compile(
            r"(?<![\p{L}])(?:[Tt]heo|của|tại|vi phạm|trong|về|với|quy định|[Đđ]iều\s+\d+[a-z]?|khoản\s+\d+|dự thảo|"
            r"sửa đổi|sửa|thi hành|áp dụng|đúng|[Cc]ăn cứ|hiểu|nắm|tuân thủ|chấp hành|ban hành|thông qua)\s*,?\s+$"
        )
        # Words only a Vietnamese story uses (its bodies and cities).
        self.home_re = regex.compile(r"(?<![\p{L}])(?:UBND|HĐND|Hà Nội|TP\.?\s?HCM|Quốc hội Việt Nam|Chính phủ Việt Nam|nước ta)(?![\p{L}])")
        self.amend_re = regex.compile(
            r"\s+(?P<a>sửa\s+đổi(?:\s*,\s*|\s+và\s+|\s+)bổ\s+sung|sửa\s+đổi|bổ\s+sung)(?:\s+một\s+số\s+điều)?"
            r"(?:\s+của)?(?:\s+các)?\s+(?=(?:Luật|Bộ luật|Pháp lệnh)\s)"
        )
        self.list_re = regex.compile(r"\s*,\s*(?=(?:Luật|Bộ luật)\s)|\s+và\s+(?=(?:Luật|Bộ luật)\s)")
        self.part_re = regex.compile(r"\s*,(?=\s)|\s+và(?=\s)")
        self.law_no_re = regex.compile(r"\s*,?\s+số\s+")
        # A reference that opens its sentence (``Tại …``), the rest of its clause, and the verb
        # that follows the clause's subject.
        self.lead_re = regex.compile(r"\s*[\"“(-]?\s*(?:[Tt]ại|[Tt]heo|[Tt]rong|[Qq]ua)\s+")
        self.clause_re = regex.compile(r"[^,.;:\n]{0,140}?,\s*")
        self.subject_org_re = regex.compile(rf"(?P<org>{_ORG_HEADS}(?:[ ]+[\p{{L}}\d&.-]+){{1,10}}?)(?=[ ]+(?:đã|vừa|cũng|mới)?[ ]*(?:chỉ đạo|yêu cầu|đề nghị|cho biết|giao|quyết định|nêu rõ|khẳng định|xác định|thông báo|hướng dẫn|quy định|đồng ý|cho phép|kiến nghị)(?![\p{{L}}]))")
        self.said_re = regex.compile(
            r"\s+(?:(?:đã|vừa|cũng|mới)\s+)*(?:chỉ\s+đạo|yêu\s+cầu|đề\s+nghị|cho\s+biết|giao|quyết\s+định|nêu\s+rõ|"
            r"khẳng\s+định|xác\s+định|thông\s+báo|hướng\s+dẫn|quy\s+định|đồng\s+ý|cho\s+phép|kiến\s+nghị)(?![\p{L}])"
        )
        # The words that give a reference another name: ``(sau đây gọi tắt là Đề án 2107)``.
        self.alias_re = regex.compile(
            r"[(,]\s*(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi\s+tắt\s+là|còn\s+gọi\s+là|gọi\s+là|viết\s+tắt\s+là)\s*[\"“]?$",
            regex.IGNORECASE,
        )
        # ``luật sư``, ``luật pháp``, ``luật chơi``: words that make ``luật`` something else than a law.
        self.not_law_words = frozenset(word_list("policies.not_law_words"))
        # A foreign law's title translated in lower case, up to the punctuation that closes it.
        self.lower_title_re = regex.compile(r"[ ]+(?P<t>\p{Ll}+(?:[ ][\p{L}\d-]+){1,9}?)(?=\s*(?:[,.;:)\"”]|$))")
        # One more lower-case word of a law title after a table title (``Luật giáo dục nghề``).
        self.rename_re = regex.compile(r"[ ](\p{Ll}+)(?![\p{L}\d])")
        self.title_prefixes = frozenset(
            " ".join(t.split()[:n]) for tails in self.titles.values() for t in tails for n in range(2, len(t.split()))
        )
        # ``Nghị quyết Đại hội XIII của Đảng``; ``Nghị quyết Đại hội XIII Đảng bộ tỉnh …``.
        # ``Nghị quyết Đại hội XX của Đảng bộ tỉnh Bình Định``, ``… Đại hội Đảng bộ tỉnh lần thứ XX``.
        self.congress_re = regex.compile(
            r"\s+Đại\s+hội(?:\s+(?:đại biểu toàn quốc|Đảng toàn quốc|Đảng))?(?:\s+lần\s+thứ)?\s+(?P<r>[XVIL]{1,6})(?![\p{L}\d])"
            r"(?:(?P<party>\s+của\s+Đảng(?![ ]+bộ)(?:\s+Cộng\s+sản\s+Việt\s+Nam)?)|\s+(?P<of>của\s+)?(?P<bo>Đảng\s+bộ[^,.;:\n()\"]{1,60}))?"
            r"|\s+Đại\s+hội\s+(?:đại\s+biểu\s+)?(?P<bo2>Đảng\s+bộ[^,.;:\n()\"]{1,60}?)\s+lần\s+thứ\s+(?P<r2>[XVIL]{1,6})(?![\p{L}\d])"
            # ``Nghị quyết Đại hội Đảng bộ TP Cần Thơ nhiệm kỳ 2020-2025``: the congress by its term
            r"|\s+Đại\s+hội\s+(?:đại\s+biểu\s+)?(?P<bo3>Đảng\s+bộ[^,.;:\n()\"]{1,60}?)\s*,?\s+nhiệm\s+kỳ\s*(?P<term>(?:19|20)\d\d\s*-\s*(?:19|20)\d\d)(?![\d])"
        )
        # ``Nghị quyết Trung ương 8 khóa XIII``, ``Nghị quyết Hội nghị Trung ương 4 (khóa XII)``: a plenum's
        # resolution, named by the plenum and the Central Committee's term.
        self.plenum_re = regex.compile(
            r"\s+(?:Hội\s+nghị\s+)?(?:lần\s+thứ\s+)?Trung\s+ương\s+(?P<n>\d{1,2})(?![\d/])"
            r"(?:\s*[,(]?\s*khóa\s+(?P<k>[XVIL]{1,6}|\d{1,2})(?![\p{L}\d])\)?)?"
        )
        # -- numbers and codes -----------------------------------------------------------------
        # ``số`` (optionally ``số:``) before the number.
        # ``số`` before the number, after an urgency word or a qualifier of the kind
        # (``Thông báo kết luận số 12``, ``Kế hoạch hành động số 45``, ``Kết luận thanh tra số 18``).
        self.so_re = regex.compile(
            r"(?:\s+|(?=\d))(?:(?:hỏa tốc|khẩn)\s+)?(?:(?:kết luận|chuyên đề|hành động|liên tịch|liên ngành|thanh tra|kiểm tra|giám sát|kiểm toán|kỷ luật|xử phạt)\s+(?=số))?(?:số\s*:?\s*)?",
            regex.IGNORECASE,
        )
        # ``văn bản số 81 thông báo kết luận …``: a letter that says it is a Thông báo.
        self.notice_re = regex.compile(r"\s+(?:thông\s+báo\s+(?:kết\s+luận|ý\s+kiến)|truyền\s+đạt\s+kết\s+luận)(?![\p{L}])")
        # A number that looks like a year is a number when a full issue date or the Security Council
        # follows (``Nghị quyết 2024 ngày 14/12/2011``, ``Nghị quyết 1990 của Hội đồng Bảo an``).
        self.dated_re = regex.compile(
            r"\s*,?\s+(?:ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d|của\s+Hội\s+đồng\s+Bảo\s+an)(?![\p{L}\d])"
        )
        # One to five lower-case words naming what kind of such document it is, then ``số`` + digit.
        self.qualified_re = regex.compile(r"\s+(?P<q>\p{Ll}+(?:\s+\p{Ll}+){0,4}?)\s+số\s*:?\s*(?=\d)")
        # ``của`` + a known issuer + ``số`` between a kind and its number (``nghị quyết của Hội đồng
        # Bảo an số 822``).
        self.of_number_re = regex.compile(r"\s+của\s+")
        self.so_number_re = regex.compile(r"\s*,?\s+số\s*:?\s*(?=\d)")
        # A further number of the same kind: ``Nghị quyết 42, 154 và 68 của Chính phủ``.
        self.more_re = regex.compile(r"\s*(?:,|và|hoặc)\s*(?:số\s+)?(?=\d)")
        types = alternation(self.abbr_kind)
        keys = alternation(self.code_spelling.values())
        # Segments after the slash; a space may stand for the hyphen between the document type
        # and a known issuer (``2150/ QĐ BYT``), and a space may pad the hyphen (``NĐ - CP``).
        segs = rf"(?:(?:{types})[ /](?=(?:{keys})(?![\p{{L}}\d])))?{_SEG}(?:[ ]?-[ ]?{_SEG})*"
        # The number and its code: 15/2020/NĐ-CP | 52/2013 | 68/NQ-CP | 64/CP | 29-NQ/TW | 68;
        # a stray space around the slash is read too (``15 /2022/NĐ-CP``, ``2150/ QĐ``).
        # Not a number with ``+`` (``chương trình 9+``: a name, not a numbered programme).
        self.code_re = regex.compile(
            rf"(?P<num>\d{{1,6}}(?:[a-gi-zđ](?![\p{{L}}]))?)(?![\d+])(?![.,]\d)"  # 15a; not 24h (a time)
            rf"(?:[ ]?/[ ]?(?P<year>(?:19|20)\d{{2}})(?![\d])(?:/(?P<ysegs>{segs}))?"
            rf"|[ ]?/[ ]?(?P<segs>{segs})"
            rf"|-(?P<ptype>{_SEG})/(?P<psegs>{_SEGS}))?"
            r"(?![\p{Lu}\d/+])"  # a lower-case letter may follow: ``TT-BGDĐTsẽ`` (a space lost)
        )
        # A code with a known document type and no kind word before it: ``và 126/NQ-CP``.
        self.bare_re = regex.compile(
            rf"(?<![\p{{L}}\d/.-])(?P<so>số\s+)?(?P<c>\d{{1,6}}(?:[ ]?/(?:19|20)\d{{2}})?[ ]?/[ ]?(?:{types})(?:[ ]?-[ ]?|[ ](?=(?:{keys})(?![\p{{L}}\d]))){_SEGS}"
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
        # ``của``/``do`` + issuer; ``được`` + issuer + ``ban hành`` (``Quyết định 20 được UBND tỉnh X ban hành``).
        self.of_re = regex.compile(
            r"\s*,?\s*(?:(?:do|của)\s+(?:Hội\s+nghị\s+(?:lần\s+thứ\s+\S+\s+)?(?=Ban\s+Chấp))?|(?:đã\s+)?được\s+(?=[^.;\n]{3,60}?\s(?:ký\s+)?(?:ban\s+hành|phê\s+duyệt|ký)(?![\p{L}])))"
        )
        self.khoa_re = regex.compile(r"\s+khóa\s+[XVIL]+(?![\p{L}])")
        self.subject_re = regex.compile(
            r"\s*,?\s*(?P<s>(?:về|quy\s+định|hướng\s+dẫn|phê\s+duyệt|sửa\s+đổi)\s+[^\n;]+)", regex.IGNORECASE
        )

    # ------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc, rec: Record) -> None:
        text = doc.text
        hits: list[_Hit] = []
        reach = 0
        for m in self._kinds_in(doc):
            if m.start() < reach:
                continue  # inside the previous reference (``Luật sửa đổi … của Luật Dược``)
            for hit in self._read(doc, m):
                hits.append(hit)
                reach = max(reach, hit.end)
        taken = sorted((h.start, h.end) for h in hits)
        j = 0  # bare matches come in text order: skip the references that end before this one
        for m in self.bare_re.finditer(text, doc.header_end):
            while j < len(taken) and taken[j][1] <= m.start():
                j += 1
            if _overlaps_any(taken, j, m.start(), m.end()):
                continue
            bare = self._read_bare(doc, m)
            if bare is not None:
                hits.append(bare)
        if not hits:
            return
        hits.sort(key=lambda h: h.start)
        starts = [h.start for h in hits]
        for i, h in enumerate(hits):
            self._tail(doc, h, starts[i + 1] if i + 1 < len(starts) else len(text))
        _event_years(hits)
        for a, b in zip(hits, hits[1:], strict=False):
            gap = text[a.end : b.start]
            if len(gap) <= 160 and "\n" not in gap and self.alias_re.search(gap):
                b.alias_of = a  # ``Quyết định 2107/QĐ-TTg … (gọi tắt là Đề án 2107)``
            elif a.number is not None and a.title is None and b.kind == a.kind and b.title and regex.fullmatch(r"\s*,\s*", gap):
                b.alias_of = a  # ``Luật số 34, Luật sửa đổi, bổ sung một số điều của …``
            elif a.title and a.number is None and b.kind == a.kind and b.number and not b.title and regex.fullmatch(r"\s*\(\s*", gap):
                b.alias_of = a  # ``Luật sửa đổi … của Luật Giáo dục đại học (Luật số 34)``
        for h in hits:
            if not h.issuers and not h.foreign and h.number is not None:
                self._announced_issuer(doc, h)
            elif h.code and h.issuers and max(h.issuers)[1].startswith("Ban Thường vụ "):
                self._committee_issuer(doc, h, max(h.issuers)[1])
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
    def _read(self, doc: Doc, m: regex.Match[str]) -> list[_Hit]:
        text = doc.text
        kd = self.kinds.get(fold(m.group()))
        if kd is None:
            return []
        if kd.abbr and fold(m.group()) == fold(kd.abbr) and not (m.group().isupper() and text[m.end() : m.end() + 1] == " "):
            return []  # ``NQ 68`` only, not ``nq`` nor the ``QĐ`` inside a code
        if kd.form == "title" and not m.group()[0].isupper():
            # ``luật`` (the law in general), ``pháp lệnh`` as a common noun; a named law written
            # in lower case (``luật đất đai``) is read from the table only.
            return self._titled(doc, kd, m, table_only=True)
        so = self.so_re.match(text, m.end())
        if kd.form == "number" and (so is None or "s" not in so.group().lower()):
            q = self.qualified_re.match(text, m.end())
            if q is not None and not any(w in self.title_stop for w in q.group("q").split()):
                so = q  # ``quyết định thi hành án chủ động số 11``: the kind of decision, then its number
        has_so = so is not None and "s" in so.group().lower()
        glued = text[m.end() : m.end() + 1].isdigit()  # ``Nghị quyết68``: a space lost
        c = self.code_re.match(text, so.end()) if so is not None and (so.end() > m.end() or glued) else None
        of = None
        if c is None and kd.form == "number":
            # ``nghị quyết của Hội đồng Bảo an số 822``, ``Quyết định của UBND tỉnh X số 12``: a known
            # issuer between the kind and its number
            of = self.of_number_re.match(text, m.end())
            if of is not None:
                i = self.issuer_re.match(text, of.end())
                so = self.so_number_re.match(text, i.end()) if i is not None else None
                c = self.code_re.match(text, so.end()) if so is not None and i is not None else None
                of = i if c is not None else None
        if c is not None:
            hit = self._numbered(doc, kd, m.start(), c, has_so or of is not None, m.group()[0].islower())
            if hit is not None:
                more = self._more_numbers(doc, kd, hit)
                if of is not None:
                    name, complete = self._issuer_from(doc, of, m.start())
                    for h in (hit, *more):
                        h.rule = "kind_issuer_number" if h is hit else h.rule
                        if name:
                            h.issuers.append((_P_OF if complete else _P_CONTEXT, name))
                return [hit, *more]
        if kd.form == "title":
            return self._titled(doc, kd, m)
        if kd.kind == "Nghị quyết":
            hit = self._congress(doc, m) or self._plenum(doc, m)
            return [hit] if hit is not None else []
        return []

    def _numbered(self, doc: Doc, kd: _Kind, start: int, c: regex.Match[str], has_so: bool, lower: bool) -> _Hit | None:
        text = doc.text
        num = c.group("num")
        has_code = any(c.group(g) for g in ("ysegs", "segs", "ptype"))
        if kd.form == "code" and not has_code:
            if self.notice_re.match(text, c.end()) is None:
                return None  # ``văn bản số 3370 của Bộ GTVT``: the text does not say which kind
            kd = self.kinds[fold("Thông báo")]  # ``văn bản số 81 thông báo kết luận của …``
        if kd.form == "title" and not (has_so or has_code):
            return None  # ``Luật 2`` is not a law's number; ``Luật số 58/2014/QH13`` is
        end = c.end()
        if not has_code and not c.group("year"):
            if not has_so and num.isdigit() and 1900 <= int(num) <= 2099 and not self.dated_re.match(text, end):
                return None  # ``Kế hoạch 2021``: a year, not a number
            y = self.nam_year_re.match(text, end)
            year_at = None
            if y is not None:
                hit_year: int | None = int(y.group("y"))
                year_at = end
                end = y.end()
            else:
                hit_year = None
                if self.unit_re.match(text, end):
                    return None  # ``kế hoạch 5 năm``, ``quyết định 2 người``
                if lower and not has_so and not self.after_ok_re.match(text, end) and not self.cue_re.search(text, max(0, start - 20), start):
                    return None  # ``Séc thông báo 18 nhà ngoại giao``: the verb, not a document
        else:
            hit_year = year_at = None
        kind = kd.kind
        if kd.form == "code":  # ``văn bản số 88/TB-VPCP`` is a Thông báo
            t = c.group("ptype") or _segs(c.group("ysegs") or c.group("segs") or "")[0]
            kind = self.abbr_kind.get(t, kind)
        hit = _Hit(kind, start, end, "kind_code" if has_code else "kind_number", number=num)
        if c.group("year"):
            hit.code_year = int(c.group("year"))
        hit.year = hit.code_year or hit_year
        hit.year_at = year_at
        self._read_code(doc, hit, kd, c)
        if kd.issuer:
            hit.issuers.append((_P_KIND, kd.issuer))
        return hit

    def _more_numbers(self, doc: Doc, kd: _Kind, hit: _Hit) -> list[_Hit]:
        """The further numbers of a list after one kind word (``Chỉ thị 15, 16 và 19``), each a
        reference of that kind; a number with its own document type is left to ``bare_re``."""
        text = doc.text
        out: list[_Hit] = []
        pos = hit.end
        while kd.form == "number":
            sep = self.more_re.match(text, pos)
            c = self.code_re.match(text, sep.end()) if sep is not None else None
            if c is None or c.group("ysegs") or c.group("segs") or c.group("ptype"):
                break
            if not self.after_ok_re.match(text, c.end()):
                break  # ``Nghị định 52 và 4 thông tư``: a count of other things
            more = self._numbered(doc, kd, c.start(), c, False, False)
            if more is None:
                break
            more.rule = "kind_number_list"
            out.append(more)
            pos = more.end
        return out

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
        return [self.code_spelling.get(_spelling_key(s), s) for s in _segs(raw)]

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

    def _titled(self, doc: Doc, kd: _Kind, m: regex.Match[str], table_only: bool = False) -> list[_Hit]:
        """A named document: its title, an optional year and ``số <code>``, then the further laws
        of a list (``Luật Đất đai, Nhà ở và Luật Kinh doanh bất động sản``)."""
        text = doc.text
        word = " ".join(m.group().split())
        word = word[0].upper() + word[1:]
        a = self.amend_re.match(text, m.end()) if not table_only else None
        if a is not None:  # ``Luật sửa đổi, bổ sung một số điều của Luật Dược``: one document
            inner = self.kind_re.match(text, a.end())
            ikd = self.kinds.get(fold(inner.group())) if inner is not None else None
            read = self._title_at(doc, ikd, inner) if inner is not None and ikd is not None and ikd.form == "title" else None
            if read is not None:
                end = read[1]
                while True:  # ``… của Luật Đầu tư công, Luật Đầu tư và Luật Nhà ở``
                    sep = self.list_re.match(text, end)
                    more = self.kind_re.match(text, sep.end()) if sep is not None else None
                    mkd = self.kinds.get(fold(more.group())) if more is not None else None
                    nxt = self._title_at(doc, mkd, more) if more is not None and mkd is not None and mkd.form == "title" else None
                    if nxt is None:
                        break
                    end = nxt[1]
                title = f"{word} " + " ".join(text[a.start("a") : end].split())
                hit = _Hit(kd.kind, m.start(), end, "law_amendment", title=title)
                if kd.issuer:
                    hit.issuers.append((_P_KIND, kd.issuer))
                return [self._law_tail(doc, hit)]
        read = self._title_at(doc, kd, m, table_only)
        if read is None and not table_only:
            return self._foreign_lower(doc, kd, m)
        if read is None or (table_only and not self._lower_law(text, m.start(), m.end(), read[1])):
            return []
        if table_only and not text[m.end() : read[1]].lstrip()[:1].isupper() and not self._home_article(doc):
            return []  # ``các nguyên tắc của luật cạnh tranh`` in a story with nothing Vietnamese: the idea, not our law
        title, end, rule, issuer = read
        if self.convention_re.search(text, max(0, m.start() - 45), m.start()):
            return []  # ``Công ước Liên hợp quốc về Luật Biển``: part of a convention's name
        abroad = self.foreign_re.match(text, end)
        if abroad is not None:
            # ``Hiến pháp Mỹ``: another country's law is still a document referred to (SPEC §3, one
            # item per document), named with its country and given no Vietnamese issuer.
            hit = _Hit(kd.kind, m.start(), abroad.end(), "foreign_law", title=f"{title} {abroad.group().strip()}")
            hit.foreign = True
            return [self._law_tail(doc, hit)]
        hit = _Hit(kd.kind, m.start(), end, rule, title=title)
        if issuer:
            hit.issuers.append((_P_KIND, issuer))
        hits = [self._law_tail(doc, hit)]
        # A list of laws sharing one kind word: each further part counts when it is a known law
        # (``Luật Công chức, Viên chức`` is two; ``Luật Cán bộ, công chức`` is one table title).
        tails = self.title_res.get(kd.kind)
        pos = hits[-1].end
        while tails is not None:
            sep = self.part_re.match(text, pos)
            t = tails.match(text, sep.end()) if sep is not None else None
            if sep is None or t is None or not t.group("t")[0].isupper():
                break
            ptitle, pissuer = self._table_title(kd.kind, t.group("t"))
            part = _Hit(kd.kind, t.start("t"), t.end(), "law_list", title=ptitle)
            part.issuers.append((_P_KIND, pissuer or kd.issuer))
            hits.append(self._law_tail(doc, part))
            pos = hits[-1].end
        return hits

    def _foreign_lower(self, doc: Doc, kd: _Kind, m: regex.Match[str]) -> list[_Hit]:
        """``… điều 11 của Luật phòng chống Covid-19 và các bệnh truyền nhiễm khác, …`` in a story
        about another country: a foreign law's title translated in lower case, read to the
        punctuation that closes it (2-10 words, none a verb or particle but ``và``/``các``/``của``)
        only where the law is abroad (its sentence, paragraph or article is another country's)."""
        if kd.kind not in ("Luật", "Bộ luật") or not m.group()[0].isupper():
            return []
        f = self.lower_title_re.match(doc.text, m.end())
        if f is None:
            return []
        words = f.group("t").split()
        if words[0] in self.not_law_words or words[0] in self.title_stop or any(w in self.title_stop and w not in ("và", "các", "của") for w in words):
            return []
        word = " ".join(m.group().split())
        hit = _Hit(kd.kind, m.start(), f.end(), "foreign_law", title=f"{word} {f.group('t')}")
        if not self._abroad(doc, hit):
            return []
        hit.foreign = True
        return [hit]

    def _lower_law(self, text: str, start: int, name_start: int, end: int) -> bool:
        """A named law written in lower case (``luật đất đai``) is that law only where a law is
        cited: a capitalised name (``luật Đất đai``), a cue before (``theo``, ``vi phạm``) or a year
        after; not inside another word (``kỷ luật viên chức``, ``pháp luật``) nor as the general
        idea (``không cần luật cạnh tranh``)."""
        if self.not_law_re.search(text, max(0, start - 12), start):
            return False
        if text[name_start:end].lstrip()[:1].isupper():
            return True
        return bool(self.lower_cue_re.search(text, max(0, start - 25), start) or self.year_re.match(text, end))

    def _title_at(
        self, doc: Doc, kd: _Kind, m: regex.Match[str], table_only: bool = False
    ) -> tuple[str, int, str, str] | None:
        """(title, end, rule, issuer) of the name after a title kind word, or None."""
        text = doc.text
        word = " ".join(m.group().split())
        word = word[0].upper() + word[1:]
        issuer = kd.issuer
        t = self.title_res[kd.kind].match(text, m.end()) if kd.kind in self.title_res else None
        if t is not None:
            title, extra = self._table_title(kd.kind, t.group("t"))
            issuer = extra or issuer
            end = t.end()
            rule = "law_table"
            tail = fold(t.group("t"))
            x = self.rename_re.match(text, end)
            while x is not None and f"{tail} {fold(x.group(1))}" in self.title_prefixes:
                # ``đổi tên … thành Luật giáo dục nghề``: a shortened or new name of its own
                # (words that begin a longer law's title), not the shorter Luật Giáo dục
                tail = f"{tail} {fold(x.group(1))}"
                title = f"{title} {x.group(1)}"
                end = x.end()
                rule = "title_pattern"
                x = self.rename_re.match(text, end)
            return title, end, rule, issuer
        if table_only:
            return None
        if kd.kind == "Hiến pháp":
            return "Hiến pháp", m.end(), "constitution", issuer
        if kd.kind == "Điều lệ":
            return None  # charters only from the table: ``Điều lệ công ty`` is a company's
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
        known = self.loose_titles.get(kd.kind, {}).get(_loose(" ".join(keep)))
        if known is not None:  # ``Luật Khoa học công nghệ``: the table's Luật Khoa học và Công nghệ
            return known[0], end, "law_table", known[1] or issuer
        title = f"{word} {keep[0][0].upper()}{keep[0][1:]}" + "".join(" " + w for w in keep[1:])
        return title, end, "title_pattern", issuer

    def _table_title(self, kind: str, tail: str) -> tuple[str, str]:
        """(title, issuer) of a table title as written, with or without its commas."""
        found = self.titles[kind].get(fold(tail))
        return found if found is not None else self.loose_titles[kind][_loose(tail)]

    def _law_tail(self, doc: Doc, hit: _Hit) -> _Hit:
        """The year (``Luật Giáo dục 2019``) and number (``Luật Điện ảnh số 05/2022/QH15``) after a
        title; a law in a sentence about another country takes no Vietnamese issuer."""
        text = doc.text
        y = self.year_re.match(text, hit.end)
        if y is not None:
            hit.year = int(y.group("y"))
            hit.end = y.end()
        n = self.law_no_re.match(text, hit.end)
        c = self.code_re.match(text, n.end()) if n is not None else None
        if c is not None and (c.group("year") or c.group("segs")):
            hit.number = c.group("num")
            hit.end = c.end()
            if c.group("year"):
                hit.code_year = hit.year = int(c.group("year"))
            kd = self.kinds[fold(hit.kind)]
            self._read_code(doc, hit, kd, c)
        if self._abroad(doc, hit):
            hit.issuers.clear()
            hit.foreign = True
        return hit

    def _abroad(self, doc: Doc, hit: _Hit) -> bool:
        """The last country named before a law in its sentence is a foreign one
        (``Malaysia … điều tra theo Luật Ngư nghiệp 1985``): not a Quốc hội law."""
        if hit.code:
            return False
        s, _ = doc.sentence_at(hit.start)
        named = [c.group() for c in self.country_re.finditer(doc.text, s, hit.start)]
        if not named:
            return self._foreign_paragraph(doc, s, hit.end) or self._foreign_article(doc)
        # A title the law table does not know, in a sentence naming another country, is that country's.
        return named[-1] != "Việt Nam" or (hit.rule not in ("law_table", "constitution") and any(n != "Việt Nam" for n in named))

    def _foreign_paragraph(self, doc: Doc, s: int, end: int) -> bool:
        """A law in a sentence naming no country, in a paragraph about another country (before the
        law it names one country twice, never Việt Nam nor a Vietnamese body): that country's law."""
        text = doc.text
        p = max(text.rfind("\n", max(0, s - 1500), s) + 1, doc.header_end, s - 1500)
        named = Counter(c.group() for c in self.country_re.finditer(text, p, s))
        return (
            "Việt Nam" not in named
            and any(n >= 2 for n in named.values())
            and not self.home_re.search(text, p, doc.sentence_at(end)[1])
        )

    def _home_article(self, doc: Doc) -> bool:
        """The article names Việt Nam or a Vietnamese body or city, or no other country or Europe."""
        cached = doc.cache.get("policy_home")
        if cached is None:
            text = doc.text
            cached = bool(self.home_re.search(text) or "Việt Nam" in text or not self.abroad_re.search(text))
            doc.cache["policy_home"] = cached
        return bool(cached)

    def _foreign_article(self, doc: Doc) -> bool:
        """An article about another country: it names one country at least twice and never
        Việt Nam (a Phnom Penh court applying ``Bộ luật Hình sự``)."""
        cached = doc.cache.get("policy_foreign")
        if cached is None:
            counts = Counter(c.group() for c in self.country_re.finditer(doc.text, doc.header_end))
            cached = (
                counts["Việt Nam"] == 0
                and any(n >= 3 for k, n in counts.items() if k != "Việt Nam")
                and not self.home_re.search(doc.text, doc.header_end)
            )
            doc.cache["policy_foreign"] = cached
        return bool(cached)

    def _congress(self, doc: Doc, m: regex.Match[str]) -> _Hit | None:
        c = self.congress_re.match(m.string, m.end())
        if c is None:
            return None
        r = c.group("r") or c.group("r2")
        bo = c.group("bo")
        if c.group("bo3"):  # ``Đại hội Đảng bộ TP Cần Thơ nhiệm kỳ 2020-2025``
            bo3 = " ".join(c.group("bo3").split())
            term = "".join(c.group("term").split())
            title = f"Nghị quyết Đại hội {bo3} nhiệm kỳ {term}"
            issuer = self._party_body(doc, regex.sub(r"\bTP\.?(?=\s)", "thành phố", bo3), m.start())
            end = c.end()
        elif c.group("bo2"):  # ``Đại hội Đảng bộ tỉnh Bình Định lần thứ XX``: the Đảng bộ issues it
            body = self._party_body(doc, c.group("bo2"), m.start())
            title = f"Nghị quyết Đại hội {' '.join(c.group('bo2').split())} lần thứ {r}"
            issuer = body
            end = c.end()
        elif bo:
            bo = regex.split(r"\s+(?:và|của|về|đã|được|tại|trong|cho|đề ra|nêu|xác định)\s", bo)[0].rstrip()
            end = c.start("bo") + len(bo)
            if c.group("of"):  # ``Đại hội XX của Đảng bộ tỉnh Bình Định``
                title = f"Nghị quyết Đại hội {r} của {' '.join(bo.split())}"
                issuer = self._party_body(doc, bo, m.start())
            else:
                title = f"Nghị quyết Đại hội {r} {' '.join(bo.split())}"
                issuer = f"Đại hội {r} {' '.join(bo.split())}"
        else:
            title = f"Nghị quyết Đại hội {r} của Đảng"
            issuer = f"Đại hội đại biểu toàn quốc lần thứ {r} của Đảng Cộng sản Việt Nam"
            end = c.end()
        hit = _Hit("Nghị quyết", m.start(), end, "congress_resolution", title=title)
        hit.issuers.append((_P_OF, issuer))
        return hit

    def _plenum(self, doc: Doc, m: regex.Match[str]) -> _Hit | None:
        """``Nghị quyết Trung ương 8 khóa XIII``: issued by the Central Committee (rule ``plenum_resolution``);
        without its term (``Nghị quyết Trung ương 7``) only a later mention of one named in full."""
        c = self.plenum_re.match(m.string, m.end())
        if c is None or (c.group("k") is None and self.unit_re.match(m.string, c.end("n"))):
            return None  # ``Nghị quyết Trung ương 2 lần``: a count
        title = "Nghị quyết " + " ".join(regex.sub(r"[(),]", " ", m.string[c.start() : c.end()]).split())
        hit = _Hit("Nghị quyết", m.start(), c.end(), "plenum_resolution", title=title, short=c.group("k") is None)
        hit.issuers.append((_P_OF, "Ban Chấp hành Trung ương"))
        return hit

    def _party_body(self, doc: Doc, bo: str, at: int) -> str:
        """``Đảng bộ tỉnh Bình Định``; ``Đảng bộ tỉnh`` alone takes the article's province."""
        body = " ".join(bo.split())
        if body in ("Đảng bộ tỉnh", "Đảng bộ thành phố"):
            ctx = self._context_place(doc, at, province=body.endswith("tỉnh"))
            if ctx is not None:
                body = f"Đảng bộ {ctx[0]} {ctx[1]}"
        return body

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
        d = self._issue_date(text, pos, h)
        if d is not None:
            h.issued_on = self._date(doc, d, h)
            pos = d.end()
            if h.year is None and h.issued_on:
                h.year = int(h.issued_on[:4])
        o = self.of_re.match(text, pos)
        if o is not None and h.title is not None:
            abroad = self.of_country_re.match(text, o.end())
            if abroad is not None and abroad.group("c") != "Việt Nam":
                h.issuers.clear()  # ``Luật An ninh quốc gia của Trung Quốc``: that country's law
                h.foreign = True
                o = None
        if o is not None:
            i = self.issuer_re.match(text, o.end())
            if i is None:
                head = _HEAD_POST_RE.match(text, o.end())
                if head is not None:  # ``của cục trưởng Cục Thi hành án dân sự Đà Nẵng``: the head signs for the body
                    i = self.issuer_re.match(text, head.end())
                    body = self.orgs.find(text, head.end(), min(len(text), head.end() + 120), None)
                    if i is None and body and body[0].start == head.end():
                        h.issuers.append((_P_OF, body[0].name))
                        pos = body[0].end
                g = _OF_ORG_RE.match(text, o.end()) if head is None else None
                if g is not None:  # ``của Tòa án nhân dân tối cao``, ``của Cục Hộ tịch …``
                    h.issuers.append((_P_OF, self.orgs.canonical(g.group("org"))))
                    pos = g.end()
            if i is not None:
                name, complete = self._issuer_from(doc, i, h.start)
                place = i.group("place")
                if name and place and place != "Việt Nam" and self.country_re.fullmatch(place):
                    name = f"{name} {place}"  # ``của Quốc hội Malaysia``: a foreign body
                    h.foreign = True
                if name:
                    h.issuers.append((_P_OF if complete else _P_CONTEXT, name))
                pos = i.end()
                k = self.khoa_re.match(text, pos)
                if k is not None:
                    pos = k.end()
        if d is None:
            d = self._issue_date(text, pos, h)  # ``… của Chính phủ ngày 1/7/2021``
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
        if self.lead_re.fullmatch(text, sent_start, h.start):
            self._subject_issuer(doc, h)
        lo = max(sent_start, h.start - 140)
        window = text[lo : h.start]
        b = self.before_re.search(window)
        if b is not None and b.group("verb") == "công bố" and h.kind not in _ANNOUNCED:
            b = None  # ``Bộ Nội vụ công bố Quyết định của Thủ tướng``: announced, not issued
        if b is None:
            g = _BEFORE_ORG_RE.search(window)
            if g is not None and g.group("verb") == "công bố" and h.kind not in _ANNOUNCED:
                g = None
            if g is not None:  # ``Cục Hộ tịch … đã có Công văn số …``
                h.issuers.append((_P_BEFORE, self.orgs.canonical(g.group("org"))))
        if b is not None:
            name, complete = self._issuer_from(doc, b, h.start, group="iss")
            if name and b.group("sub"):
                name = " ".join([*b.group("sub").split(), name])
            place = b.group("place")
            if name and place and place != "Việt Nam" and self.country_re.fullmatch(place):
                name = f"{name} {place}"  # ``Quốc hội Hàn Quốc thông qua Luật …``: a foreign body
                h.foreign = True
            if (
                name
                and name.startswith("Chủ tịch ")
                and b.group("verb") in ("ký", "ký ban hành")
                and not any(p >= _P_CODE and n.startswith("Chủ tịch ") for p, n in h.issuers)
            ):  # (unless the code says the chairman issues it: ``05/CĐ-CTUBND``)
                name = name[len("Chủ tịch ") :]  # the signer's body issues it (SPEC, second edition)
            if name:
                h.issuers.append((_P_BEFORE if complete else _P_CONTEXT, name))
            dp = "b" if b.group("bd") else "c" if b.group("cd") else ""
            if dp and h.issued_on is None and b.group("verb") in ("ký ban hành", "ban hành", "ký", "có"):
                # ``Ngày 31/10/2019, Sở TN-MT có Công văn số …``: the day it was issued.
                h.issued_on = self._date(doc, b, h, dp)
                if h.year is None and h.issued_on:
                    h.year = int(h.issued_on[:4])

    def _announced_issuer(self, doc: Doc, h: _Hit) -> None:
        """``UBND tỉnh Bình Định vừa ban hành quyết định hỗ trợ … . Theo Quyết định số 1234, …``: a
        numbered reference with no issuer of its own takes the one that issued the same kind of
        document, unnumbered, in the sentence before."""
        kind_re = self.unnumbered_res.get(h.kind)
        s, _ = doc.sentence_at(h.start)
        if kind_re is None or s == 0:
            return
        ps, pe = doc.sentence_at(s - 1)
        k = kind_re.search(doc.text, ps, min(pe, s))
        if k is None:
            return
        b = self.before_re.search(doc.text[max(ps, k.start() - 140) : k.start()])
        if b is None or b.group("verb") not in ("ký ban hành", "ban hành", "ký", "ra", "thông qua", "có"):
            return
        name, complete = self._issuer_from(doc, b, h.start, group="iss")
        if name and complete:
            h.issuers.append((_P_CONTEXT, name))

    def _committee_issuer(self, doc: Doc, h: _Hit, standing: str) -> None:
        """``10 Chương trình công tác của Thành ủy Hà Nội …, Chương trình số 03-CTr/TU``: a ``/TU``
        code is read as the Ban Thường vụ's, but when the same kind, unnumbered, is called the
        committee's own (``của Thành ủy Hà Nội``, ``Thành ủy Hà Nội ban hành … chương trình``) in
        the reference's sentence or the one before, the committee is the issuer."""
        kind_re = self.unnumbered_res.get(h.kind)
        if kind_re is None:
            return
        committee = standing[len("Ban Thường vụ ") :]
        text = doc.text
        s, _ = doc.sentence_at(h.start)
        ps = doc.sentence_at(s - 1)[0] if s > 0 else s
        for k in kind_re.finditer(text, ps, h.start):
            near = text[max(ps, k.start() - 80) : min(h.start, k.end() + 60)]
            at = near.find(committee)
            if at >= 0 and not near[:at].rstrip().endswith("Thường vụ"):
                h.issuers.append((_P_BEFORE, committee))
                return

    def _issue_date(self, text: str, pos: int, h: _Hit) -> regex.Match[str] | None:
        """The date after a reference; after a comma, not for a named law without its number
        (``theo Điều 142 Bộ luật Hình sự, ngày 18/5``: the day of the trial)."""
        d = self.date_re.match(text, pos)
        if d is not None and h.code is None and h.number is None and "," in text[pos : d.start("d")]:
            return None
        return d

    def _subject_issuer(self, doc: Doc, h: _Hit) -> None:
        """``Tại Văn bản số 2803/UBND-VX vừa ban hành, UBND thành phố Hải Phòng chỉ đạo …``: the
        subject of the clause a leading reference opens is its issuer."""
        text = doc.text
        c = self.clause_re.match(text, h.end)
        if c is None:
            return
        i = self.issuer_re.match(text, c.end())
        if i is not None:
            name, complete = self._issuer_from(doc, i, h.start)
            end = i.end()
        else:
            g = self.subject_org_re.match(text, c.end())  # the verb ends the name
            if g is None:
                return
            name, complete, end = self.orgs.canonical(g.group("org")), True, g.end()
        if name and complete and self.said_re.match(text, end):
            h.issuers.append((_P_BEFORE, name))

    def _issuer_from(self, doc: Doc, m: regex.Match[str], at: int, group: str = "name") -> tuple[str | None, bool]:
        """The issuer of an issuer match (our reading; ``OrgMatcher.canonical`` is applied when the
        policy is built), and whether it named its place."""
        key = " ".join(m.group(group).split())
        iss = self.name_issuer.get(key)
        if iss is None:
            return None, False
        if key == "Trung ương" and (m.group("place") or (group == "iss" and "của" not in m.group())):
            return None, False  # ``Trung ương Đoàn``, ``Hội đồng … Trung ương ban hành``: another body
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
            if unit == "thành phố" and "Tỉnh ủy" in iss.name:
                return f"{iss.name.replace('Tỉnh ủy', 'Thành ủy')} {place}"  # /TU of Hà Nội: its Thành ủy
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
        if _THIS_PLACE_RE.search(doc.text, s, at):
            # ``Tỉnh này đã xuất … theo Quyết định số 1873/QĐ-UBND``: the place named last before
            earlier = [p for p in places if p[0] < s]
            if earlier:
                return earlier[-1][1], earlier[-1][2]
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
            year = resolve_year(month, day, doc.published, forward=False) or doc.published.year
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
        """Mentions of one document: the same kind and number (or title) with no disagreement on
        year, code or issuer; an alias (``Đề án 2107``) joins its document, and so do its later
        mentions."""
        groups: list[_Group] = []
        of_hit: dict[int, _Group] = {}
        for h in hits:
            key = self._key(h)
            target = of_hit.get(id(h.alias_of)) if h.alias_of is not None else None
            if target is None:
                for g in reversed(groups):
                    if any(self._key(x) == key for x in g.hits) and self._compatible(g, h):
                        target = g
                        break
            if target is None and h.short:
                continue
            if target is None:
                target = _Group([h])
                target._note(h)
                groups.append(target)
            else:
                target.add(h)
            of_hit[id(h)] = target
        return groups

    @staticmethod
    def _key(h: _Hit) -> tuple[str, str]:
        """Kind and number, or kind and title without punctuation and ``và`` (``Luật Phòng, chống
        ma túy`` = ``Luật Phòng chống ma túy``)."""
        if h.number is not None:
            return (h.kind, h.number.lstrip("0") or "0")
        return (h.kind, _TERM_RE.sub("", _loose(h.title or "")))  # ``Nghị quyết Trung ương 7`` = ``… 7 khóa XII``

    @staticmethod
    def _compatible(g: _Group, h: _Hit) -> bool:
        y = g.value("year")
        if y is not None and h.year is not None and y != h.year:
            return False
        t = _term(h.title)
        if len(g.terms | {t} if t is not None else g.terms) > 1:
            return False  # two plenums of one number in different terms
        c = _str(g.value("code"))
        if c is not None and h.code is not None and _yearless(c) != _yearless(h.code):
            return False
        gi = g.best[1] if g.best is not None else None  # ``g.issuer()``, kept as hits join
        hi = max(h.issuers)[1] if h.issuers else None
        if gi is None or hi is None or max(h.issuers)[0] <= _P_KIND:
            return True
        a, b = fold(gi), fold(hi)
        return a in b or b in a  # ``Chính phủ`` ~ ``Thủ tướng Chính phủ``: the same document named loosely

    def _policy(self, doc: Doc, g: _Group) -> Policy:
        mentions = []
        for h in g.hits:
            t, s, e = doc.surface(h.start, h.end)
            mentions.append(Mention(t, s, e))
        first = g.first
        year = g.value("year")
        issuer = g.issuer()
        if first.kind == "Nghị định" and issuer == "Thủ tướng Chính phủ":
            issuer = "Chính phủ"  # the Prime Minister signs a decree for the Government
        issued = g.value("issued_on")
        code = self._complete_code(g, issuer, issued if isinstance(issued, str) else None)
        return Policy(
            kind=first.kind,
            number=_str(g.value("number")),  # ``Luật sửa đổi … (Luật số 34)``: the number of its alias
            mentions=mentions,
            year=year if isinstance(year, int) else None,
            code=code,
            issuer=self.orgs.canonical(issuer) if issuer else None,
            issued_on=issued if isinstance(issued, str) else None,
            subject=_str(g.value("subject")),
            title=_str(g.value("title")),
            rule=first.rule,
        )

    def _complete_code(self, g: _Group, issuer: str | None, issued: str | None) -> str | None:
        """The written code, or the one the convention settles (SPEC §3, Edge conventions)."""
        codes = [h.code for h in g.hits if h.code]
        if codes:
            return max(codes, key=len)  # ``15/2022/NĐ-CP`` over a later ``15/NĐ-CP``
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


def _event_years(hits: list[_Hit]) -> None:
    """``Nghị quyết 45/NQ-CP ngày 12/6/2015 … Hội nghị tổng kết Nghị quyết 45 năm 2018``: a short
    mention's trailing ``năm 2018`` is not its year when an earlier mention of the same document
    has another one; it is the event's date, left outside the mention."""
    seen: dict[tuple[str, str], int] = {}
    for h in hits:
        key = PoliciesComponent._key(h)
        earlier = seen.get(key)
        if h.year_at is not None and earlier is not None and earlier != h.year:
            h.end, h.year, h.year_at = h.year_at, None, None
        if h.year is not None:
            seen.setdefault(key, h.year)


def _share_issuers(doc: Doc, hits: list[_Hit]) -> None:
    """``Chỉ thị 16 của Thủ tướng Chính phủ và Chỉ thị 15``: a reference without an issuer takes
    the one stated for the nearest reference of the same kind in its sentence."""
    for h in hits:
        if h.issuers or h.foreign:
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
    """Code segments split at hyphens (``QĐ-BYT``) or at the space left for one (``QĐ BYT``)."""
    return [s.replace("TƯ", "TW") for s in regex.split(r"[\s/-]+", raw) if s]


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _term_no(term: str) -> int | str:
    """`` khóa XIII`` and `` khóa 13`` are one term (13)."""
    t = term.split()[-1].upper()
    if t.isdigit():
        return int(t)
    if not t or any(ch not in _ROMAN for ch in t):
        return t
    vals = [_ROMAN[ch] for ch in t]
    return sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))


_TITLE_BODIES = (("Hội đồng nhân dân", "HĐND"), ("Ủy ban nhân dân", "UBND"))


def _abbreviated(title: str) -> str:
    """A law title with its bodies written as their usual abbreviations."""
    for full, short in _TITLE_BODIES:
        title = title.replace(full, short)
    return title


@lru_cache(maxsize=4096)
def _loose(title: str) -> str:
    """A title key without ``và`` and punctuation: ``khoa học và công nghệ`` = ``khoa học công nghệ``
    (cached: mention grouping asks for the same titles again and again)."""
    return " ".join(w for w in regex.sub(r"[^\w ]+", " ", fold(title)).split() if w != "và")


def _overlaps_any(spans: list[tuple[int, int]], j: int, start: int, end: int) -> bool:
    """Whether ``start``–``end`` overlaps a span of ``spans`` (sorted by start) from index ``j`` on."""
    while j < len(spans) and spans[j][0] < end:
        if start < spans[j][1]:
            return True
        j += 1
    return False


@lru_cache(maxsize=4096)
def _term(title: str | None) -> str | None:
    """The Party term a title names (``khóa XIII``; ``khóa 13`` is the same term), if any."""
    t = _TERM_RE.search(_loose(title or ""))
    return str(_term_no(t.group())) if t is not None else None


def _yearless(code: str) -> str:
    """``15/2022/NĐ-CP`` -> ``15/NĐ-CP``: the same code written without its year."""
    return str(regex.sub(r"/(?:19|20)\d\d/", "/", code))


def _spelling_key(seg: str) -> str:
    return seg.replace("&", "").upper()


def _code_key(seg: str) -> str:
    """``QH14`` -> ``QH``: a term number is not part of the issuer (a unit code keeps its digits:
    ``C06``); ``&`` and case do not matter (``BGD&ĐT`` = ``BGDĐT``)."""
    seg = _spelling_key(seg)
    base = seg.rstrip("0123456789")
    return base if len(base) >= 2 else seg


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
