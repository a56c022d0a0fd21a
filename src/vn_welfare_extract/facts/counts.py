"""counts: person and household counts (SPEC §4 and its second edition) — ``trên 435.000 người``,
``5.500 hộ nghèo``, ``hơn 1,2 triệu lao động``, ``hai người``, ``1.250 lượt người``, ``3 ca mắc mới``.

A count is a quantity from ``numbers.doc_quantities`` with a people noun. The people-noun
recogniser (``unit_at``) takes the longest of: a noun of ``count_units.tsv`` (several hundred,
reviewed by domain), a post of ``titles.tsv`` (``12 phó chủ tịch``), or a two-syllable noun built
with ``-viên``/``-sinh``/``-nhân``/``-dân`` (``14 quan viên``); ``cựu``/``nguyên``/``lượt`` may
stand between number and noun; a longer phrase of ``non_person_units.tsv`` starting there
(``con số``, ``khẩu trang``, ``nguyên nhân``) means no count, and so does a ``/`` after the noun
(``30 học sinh/lớp``: a rate). A number inside an amount is left to ``resolve`` (the amount wins). Ratios (``cứ 4 người … 1
người``, ``6 trên 10 trẻ``, ``1 giáo viên phụ trách 5 học sinh``), averages (``trung bình``,
``1,8 con``) and ranks (``Top 20``) are not counts. ``group`` is the noun phrase from the unit
up to a clause boundary. Rules (the item's ``rule``):

- ``count.unit`` (a lexicon noun), ``count.post``, ``count.suffix``, ``count.former`` (``cựu``);
- ``count.vague`` (``hàng trăm người``); ``count.one`` (``một`` that counts: ``Một học sinh được
  cấp cứu``, not ``mời một người bạn``); ``count.group_sizes`` (``nhóm 3 - 5 - 7 người``: one range);
- ``count.label`` (the noun in a label before the number: ``Số học sinh dự thi: 1.245``,
  ``Tử vong: 12``); ``count.parts`` (``4 người (3 nam, 1 nữ)``, ``gồm Sở Y tế (4), Sở Tài chính (5)``);
- ``count.partitive`` (``46 trong số hơn 120 công nhân``: the 46); ``count.fraction``
  (``5/12 người``: the 5; ``1/5 hộ`` is a proportion).

Qualifiers come from ``numbers.qualifier_before`` (negated comparisons invert: ``không hơn`` →
``at_most``, ``không dưới`` → ``at_least``); ``từ X người trở lên/trở xuống`` → at_least/at_most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ..lexicons import load_table, word_list
from ..model import CountItem, Record
from ..numbers import Quantity, doc_quantities, qualifier_before, to_int
from ..resources import Resources
from ..text import Doc
from ..wordlists import alternation, trie_pattern

# Where a group's noun phrase ends: punctuation (a comma unless ``, hay``/``, hoặc`` continues
# the phrase), a dash between spaces, a digit, or a word that opens a new clause or item.
_GROUP_END_RE = regex.compile(
    r"[.;:!?()\[\]\"\n]|,(?![ ](?:hay|hoặc)[ ])|[ ]-[ ]|(?<=[ ])\d|(?<=[ ])(?:và|với|cùng|để|nhằm|gồm|bao gồm|trong đó|"
    r"là|nhưng|thì|trên địa bàn|đã|đang|sẽ|cũng|vẫn|đều|nên|còn|mà|khiến|hiện|vừa|thuộc diện)(?!\p{L})",
    regex.I,
)
# Function words not worth ending a group on.
_GROUP_TRIM_RE = regex.compile(r"(?:[ ,]+(?:trong|tại|của|ở|các|những|là|có|cho|từ|về|với|do|được|bị|và|hay|hoặc|trên|hơn|khoảng|gần|hàng|"
    r"dưới|tới|đến|lên|số|tổng|tổng số|với|cùng|mỗi))+[ ,]*\Z", regex.I)
_MAX_GROUP = 160
_WORD_RE = regex.compile(r"\p{L}+")
# Counts at or above this keep their value but carry a warning (more people than on Earth).
IMPLAUSIBLE = 10**10
# ``từ X người trở lên``: X or more; ``trở xuống``: X or fewer.
_AND_UP_RE = regex.compile(r"[ ]+trở (lên|xuống)(?!\p{L})", regex.I)
# A number right after these is not a count of the noun that follows (``lần thứ 2 người``…), nor
# is a rank (``Top 20 thợ``, ``hạng 3``).
_BLOCK_BEFORE_RE = regex.compile(
    r"(?<!\p{L})(?:thứ|lần|lúc|ngày|tháng|Điều|khoản|mục|BN|bệnh nhân số|top|tốp|hạng|xếp hạng|xếp thứ|đứng thứ)[ ]\Z", regex.I
)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A people noun found for a number: its span in the normalised text, the normalised unit and
    the rule that recognised it."""

    start: int
    end: int
    unit: str
    rule: str


# Posts in titles.tsv that are no people noun after a number.
_POST_SKIP = frozenset({"phụ trách", "đại diện", "thành viên"})
# ``cựu``/``nguyên`` (former) or ``lượt`` (visits) between the number and the people noun.
_PREFIX_RE = regex.compile(r"[ ]?(?P<w>cựu|nguyên|lượt)[ ]", regex.I)
# A noun formed with a people suffix (``kiểm lâm viên``, ``nghiên cứu sinh``, ``doanh nhân``,
# ``cư dân``, ``mỹ nhân``): a two-syllable word, one lower-case syllable before ``viên``/``sinh``/
# ``nhân``/``dân``, not followed by another such syllable (``đội sinh viên``); longer nouns are in the
# lexicon. The exclusions of non_person_units.tsv (``nguyên nhân``, ``vệ sinh``, ``công viên``,
# ``tuyển sinh``) are checked after.
_SUFFIX_RE = regex.compile(r"[ ]?(?P<u>\p{Ll}+[ ](?:viên|sinh|nhân|dân))(?!\p{L})(?![ ](?:viên|sinh|nhân|dân)(?!\p{L}))")
# What may follow a noun whose reading is in doubt (a ``-sinh``/``-nhân``/``-dân`` word, ``con``):
# punctuation, the end, a capital (``10 mỹ nhân Hàn``) or a word that starts the rest of the clause;
# a lower-case noun there (``lá nhân tạo``, ``hệ sinh thái``, ``con trăn``) makes it another word.
_CLAUSE_WORD_AFTER_RE = regex.compile(
    r"[ ]*(?:[,.;:!?)(\"\n]|\Z)|[ ]\p{Lu}|[ ](?:và|hoặc|của|tại|ở|này|đó|nói trên|trên|được|bị|đã|đang|sẽ|có|là|cùng|với|"
    r"cho|trong|thuộc|đến|từ|như|nhưng|mà|thì|khác|còn lại|tham gia|đều|vẫn|cũng|khi|gồm|để|nào|ấy|đầu tiên|"
    r"mới|tiêu biểu|xuất sắc)(?!\p{L})",
)
# Syllables that never start or continue a suffix-formed people noun (function words, time words,
# containers, places).
_SUFFIX_STOP = frozenset(word_list("counts.suffix_stop"))
# ``120 lượt tham quan``: a bare ``lượt`` counts visits by people only before a verb of visiting
# or taking part (``2 lượt tiêm``, ``3 lượt trận`` are rounds, not people).
_VISITS_RE = regex.compile(
    r"[ ]?(?P<u>lượt)(?=[ ](?:tham gia|tham quan|khám|khám bệnh|đến|ghé thăm|thăm|dự|đăng ký|truy cập trực tiếp|xuất cảnh|nhập cảnh)(?!\p{L}))",
    regex.I,
)
# A partitive: ``46 trong số hơn 120 công nhân`` (the first number counts the second's noun).
_PARTITIVE_RE = regex.compile(r"[ ]+(?:trong số|trong tổng số|trên tổng số|trong)[ ]+", regex.I)
# A number whose noun stands in a label before it ends its phrase: nothing but punctuation, the
# end, ``và``/``so với``/``tăng``/``giảm`` or a bracket follows.
_LABEL_AFTER_RE = regex.compile(r"[ ]*(?:[,.;)\n]|\Z|[ ]?\(|(?:và|so với|tăng|giảm|trong đó)(?!\p{L}))", regex.I)
# ``Số học sinh dự thi: 1.245``, ``với số người là 248``, ``tổng số lao động đạt 3.000``: ``số`` +
# a people noun + up to 60 characters of description + ``:``/``là``/``đạt``/``lên tới`` right before
# the number (with an optional qualifier).
_LABEL_RE = regex.compile(
    r"(?<!\p{L})(?P<so>(?:tổng[ ])?số)(?=[ ]\p{L})[^\d\n.;:!?()]{1,70}?(?:[ ]*:[ ]*|[ ](?:là|đạt|lên tới|lên đến|khoảng|chỉ|còn)[ ])"
    r"(?:(?:trên|hơn|khoảng|gần|dưới|chưa đến|ít nhất|tối đa|là)[ ])*\Z",
    regex.I,
)
# A table-like casualty label at a line or clause start: ``Tử vong: 12``, ``Bị thương: 4``.
_TABLE_LABEL_RE = regex.compile(
    r"(?:\A|(?<=[\n;]))[ ]*(?P<lab>tử vong|bị thương|mất tích|thiệt mạng|nhập viện|xuất viện|khỏi bệnh|mắc mới|nhiễm mới|"
    r"số người chết|số người tử vong)[ ]*:[ ]*\Z",
    regex.I,
)
# ``4 người (3 nam, 1 nữ)``: a bracket of parts by sex right after the people noun.
_SEX_PARTS_RE = regex.compile(
    r"[ ]?\((?:[ ]*(?:và[ ])?\d+[ ](?:nam|nữ)(?:[ ]giới)?[ ]*[,;]?)+\)", regex.I
)
_SEX_PART_RE = regex.compile(r"(?P<n>\d+)[ ](?P<u>nam|nữ)(?!\p{L})", regex.I)
# ``Đoàn 9 người gồm Sở Y tế (4), Sở Tài chính (5)``: after ``gồm``, a bare number in brackets
# right after a name is that body's share of the count.
_PARTS_CUE_RE = regex.compile(r"[^.;:\n]{0,40}?(?<!\p{L})(?:gồm|bao gồm|trong đó)(?!\p{L})", regex.I)
_PARTS_WINDOW = 300  # how far after ``gồm`` the bracketed parts may run
_BARE_PART_RE = regex.compile(r"(?<=\p{L})[ ]?\((?P<n>\d{1,6})\)")
# ``5/12 người dương tính``: a fraction of people counts its numerator (never a date: see
# _DATE_BEFORE_RE); the number reader skips such tokens, so they are read here.
_FRACTION_RE = regex.compile(
    r"(?<![\d/.,\p{L}])(?P<a>\d{1,3}(?:\.\d{3})*)[ ]?/[ ]?(?P<b>\d{1,3}(?:\.\d{3})*)(?![\d/,]|\.\d)"
)
# A fraction whose denominator is at most this, or a power of ten, is a proportion.
_RATIO_MAX_DEN = 5
_DATE_BEFORE_RE = regex.compile(r"(?<!\p{L})(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|từ|đến|tới|mồng|mùng|thứ \p{L}+|năm|tháng)[ ,]*\Z", regex.I)
# Separators of a list of group sizes (``nhóm 3 - 5 - 7 người``).
_LIST_SEP_RE = regex.compile(r"[ ]?[-–][ ]?")
# ``một`` is mostly the article "a" (``là một chiến sĩ``, ``có một gia đình hạnh phúc``): a count
# only after a verb of finding or counting (``ghi nhận thêm một ca``, ``chỉ một người``), before a
# casualty or case word (``một người tử vong``), or after ``có``/``và`` in a list with other
# numbers (``2 người lớn và một trẻ em``). ``cứ 10 người thì có một người`` is a ratio.
_ONE_AFTER_RE = regex.compile(
    r"(?<!\p{L})(?:ghi nhận|phát hiện|(?P<more>thêm|có thêm)|gồm|chỉ|chỉ có|còn|mất|cứu|tiếp nhận|xác định|đón|mắc|nhiễm|"
    r"ít nhất|tối thiểu|cứu sống|(?:ghi nhận|phát hiện|xác định|trong đó|trong số đó)[ ]có)[ ]\Z",
    regex.I,
)
# ``thêm một`` counts a case (``ghi nhận thêm một ca``), not a newcomer (``có thêm một người mới``).
_CASE_UNIT_RE = regex.compile(r"[ ](?:ca|trường hợp|bệnh nhân|F0|F1|người mắc|người nhiễm)(?!\p{L})", regex.I)
_ONE_LIST_RE = regex.compile(r"(?:(?<!\p{L})(?:có|và)|,)[ ]\Z", regex.I)
_ONE_VERB_RE = regex.compile(r"(?<!\p{L})(?:có|và|khiến|làm|gồm)[ ]\Z", regex.I)
_CLAUSE_START_RE = regex.compile(r"(?:\A|[,;:(\n.!?\-])[ ]*\Z")
_ONE_RATIO_RE = regex.compile(r"(?<!\p{L})(?:thì|lại|sẽ)[ ]có[ ]\Z", regex.I)
# A casualty or an event that befalls the person (``một người tử vong``, ``Một học sinh được cấp
# cứu``, ``một người bị bắt``) or a case (``một trường hợp dương tính``) within three words
# after the number.
_CASUALTY_RE = regex.compile(
    r"[ ]+(?:\p{L}+[ ]){0,3}?(?:(?P<death>tử vong|chết|thiệt mạng|tử nạn|bị thương|trọng thương|mất tích|"
    r"nguy kịch|đuối nước|(?:được|phải)[ ](?:đưa đi[ ])?cấp cứu|nhập viện|bị bỏng|ngộ độc|bị bắt|bị tạm giữ|bị khởi tố|"
    r"được giải cứu|được cứu sống)|mắc|nhiễm|dương tính)(?!\p{L})",
    regex.I,
)
# The window around ``một`` where another number makes it part of a list of counts.
_ONE_LIST_WINDOW = 40
# ``năm`` is mostly "year" (``mỗi năm vợ chồng``, ``mọi năm người dân``, ``sau 15 năm bệnh nhân``):
# not a count after these.
_FIVE_BLOCK_RE = regex.compile(
    r"(?:(?<!\p{L})(?:mỗi|hằng|hàng|cả|nhiều|các|những|mọi|đầu|cuối|giữa|sang|trong|của|qua|này|năm|một|hai|ba|"
    r"vài|mấy)|\d)[ ]\Z",
    regex.I,
)
# ``ca`` is a case near a word of disease (``3 ca mắc mới``, in the sentence or shortly before it);
# otherwise a work shift when its sentence speaks of work (``thi công 3 ca``, ``chia thành 2 ca
# mỗi ngày``); with neither, a case (``Nha Trang có 38 ca, Diên Khánh 11 ca``).
_CASE_CUE_RE = regex.compile(
    r"Covid|SARS|(?<!\p{L})(?:mắc|nhiễm|dương tính|tử vong|bệnh|F0|F1|mới|cách ly|lây|khỏi|xét nghiệm|điều trị|"
    r"dịch|nhập cảnh|cộng đồng|ngộ độc|sốt|cúm|bạch hầu|sởi|tay chân miệng|trường hợp|BN)(?!\p{L})",
    regex.I,
)
_CASE_CUE_BEFORE = 300
_SHIFT_CUE_RE = regex.compile(
    r"(?<!\p{L})(?:thi công|làm việc|sản xuất|trực|kíp|luân phiên|tăng ca|đổi ca|ngày đêm|cả ngày|mỗi ngày|"
    r"kết thúc|bắt đầu|chia thành|chia làm|công nhân|nhà máy|công trường|vận hành|phục vụ)(?!\p{L})",
    regex.I,
)
# ``con`` counts children, not livestock: not in a sentence about animals, unless a word of
# kinship follows (``hai con gái và 3 con chó``: the daughters count).
_ANIMAL_RE = regex.compile(r"(?<!\p{L})(?:bò|lợn|heo|gà|vịt|ngan|ngỗng|trâu|dê|cừu|ngựa|chó|mèo|cá|tôm|cua|rắn|chuột|khỉ|voi|hổ|sư tử|gấu|"
    r"gia súc|gia cầm|thú|vật nuôi|chim|ong|đàn|mực|gián|sâu|giun|ếch|rùa|ốc|nhện|muỗi|ruồi|bướm|cóc|trăn|hươu|nai|sóc|"
    r"thỏ|vượn|cá sấu|đà điểu|lạc đà|tê giác|hà mã|báo|cú|đại bàng|cò|vẹt|bồ câu|sói|cáo|linh dương|hải cẩu|cá voi|"
    r"cá heo|kỳ nhông|thằn lằn|tắc kè|ngao|sò|ghẹ|lươn|chạch|dơi|nhím|tê tê|rết|bọ)(?!\p{L})", regex.I)
_KIN_AFTER_CON_RE = regex.compile(
    r"[ ](?:gái|trai|nhỏ|ruột|nuôi|riêng|chung|đẻ|dâu|rể|thơ|cưng|sơ sinh|mồ côi|song sinh|sinh đôi)(?!\p{L})", regex.I
)


# Ratios, averages and rates are not head counts: ``cứ 4 người … có 1 người``, ``6 trên 10 trẻ``,
# ``trung bình 30 học sinh``; a rate written with ``/`` (``30 học sinh/lớp``) is refused in ``unit_at``.
_RATIO_CU_RE = regex.compile(r"(?<!\p{L})cứ[ ](?:mỗi[ ])?(?:\d|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)", regex.I)
_RATIO_WINDOW = 150  # how far back in the sentence ``cứ N`` makes a ratio (bounded: linear cost)
_RATIO_NUMERATOR_RE = regex.compile(r"[ ]+(?:trên|/)[ ]+\d", regex.I)
_RATIO_DENOMINATOR_RE = regex.compile(r"\d[ ]+trên[ ]+\Z", regex.I)
_AVERAGE_RE = regex.compile(r"(?<!\p{L})(?:trung bình|bình quân)(?!\p{L})", regex.I)
_AVERAGE_WINDOW = 60
# ``1 giáo viên phụ trách 5 học sinh``, ``một bác sĩ trên 1.000 dân``: one person per N people.
_PER_ONE_VERBS = r"(?:phụ trách|chăm sóc|quản lý|kèm|trên|cho mỗi)"
_PER_ONE_BEFORE_RE = regex.compile(r"(?<![\p{L}\d.,])(?:1|một)[ ](?:\p{L}+[ ]){1,3}" + _PER_ONE_VERBS + r"[ ]\Z", regex.I)
_PER_ONE_AFTER_RE = regex.compile(r"[ ]" + _PER_ONE_VERBS + r"[ ]\d", regex.I)


def _not_a_count(doc: Doc, qs: list[Quantity], qi: int, u: _Unit) -> bool:
    """Is quantity ``qs[qi]`` (people noun ``u``) part of a ratio, an average or a rate?"""
    text = doc.text
    q = qs[qi]
    s, _ = doc.sentence_at(q.start)
    if _RATIO_CU_RE.search(text, max(s, q.start - _RATIO_WINDOW), q.end):
        return True
    if u.start > q.end + 2 and _RATIO_NUMERATOR_RE.match(text, q.end):
        return True
    if _RATIO_DENOMINATOR_RE.search(text, max(s, q.start - 20), q.start):
        return True
    if _AVERAGE_RE.search(text, max(s, q.start - _AVERAGE_WINDOW), q.start):
        return True
    if _PER_ONE_BEFORE_RE.search(text, max(s, q.start - 50), q.start):
        return True  # ``1 giáo viên phụ trách 5 học sinh``: the 5 is a ratio
    if text[q.start:q.end].lower() in ("1", "một") and _PER_ONE_AFTER_RE.match(text, u.end):
        return True  # … and so is the 1
    return False


class CountsComponent:
    name = "counts"

    def __init__(self, res: Resources) -> None:
        self.lex = res.lexicons
        units = {r["surface"].lower(): r["unit"] or r["surface"] for r in load_table("count_units")}
        # Post nouns counted like people (``12 phó chủ tịch``, ``3 thứ trưởng``): titles.tsv's
        # spelled-out posts, ranks and professions, with an optional ``phó``; abbreviations
        # (``GS``, ``HĐQT``) and ``Phụ trách`` are left out.
        posts: dict[str, str] = {}
        for r in load_table("titles"):
            t = r["title"]
            if "." in t or t.lower() in _POST_SKIP or any(w.isupper() and len(w) > 1 for w in t.split()):
                continue
            for form in (t, "Phó " + t):
                posts.setdefault(form.lower(), form.lower())
        for k in list(posts):  # ``đại biểu Quốc hội`` stays ``đại biểu`` (count_units.tsv)
            if any(k == u or k.startswith(u + " ") for u in units):
                del posts[k]
        self._unit_of = units
        self._post_of = posts
        non = [r["surface"] for r in load_table("non_person_units")]
        # The unit noun: after the number, a space may be missing (``48.676hội viên``).
        # ``2 caCovid-19``: a capital may follow with a missing space; ``/`` may not (``người/km2``)
        # (checked in ``_unit_at``). ``re`` with a factored pattern: this runs after every number.
        self._unit_re = re.compile(r" ?(?P<u>" + trie_pattern(units) + r")", re.I)
        self._post_re = re.compile(r" ?(?P<u>" + trie_pattern(posts) + r")", re.I)
        self._non_re = regex.compile(r"[ ]?(?:" + alternation(non) + r")(?!\p{L})", regex.I)

    def __call__(self, doc: Doc, rec: Record) -> None:
        text = doc.text
        qs = doc_quantities(doc)
        for qi, q in enumerate(qs):
            if q.start < doc.header_end:
                continue
            u = self.unit_at(text, q.end)
            rule = None
            if u is None:
                u, rule = self._unit_elsewhere(doc, qs, qi)
                if u is None:
                    continue
            if _BLOCK_BEFORE_RE.search(text, max(0, q.start - 20), q.start) or _not_a_count(doc, qs, qi, u):
                continue
            if rule is None and not self._plausible(doc, qs, qi, u.end, u.unit):
                continue
            if u.rule in ("count.post", "count.suffix") and (q.number.value == 1 or text[q.start:q.end].lower() == "năm"):
                continue  # ``một Phó chủ tịch``, ``năm Chủ tịch ASEAN`` (the year): not counts
            item = self._item(doc, q, u, rule)
            if item is not None:
                rec.counts.append(item)
                self._parts(doc, q, u, item, rec)
        for m in _FRACTION_RE.finditer(text, doc.header_end):
            u = self.unit_at(text, m.end())
            if u is None or _DATE_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
                continue
            num, den = int(m.group("a").replace(".", "")), int(m.group("b").replace(".", ""))
            if not 0 < num <= den or den <= _RATIO_MAX_DEN or str(den).strip("0") == "1":
                continue  # 1/5 hộ, 9/10 người, 1/1.000 trẻ: a proportion, not a head count
            surface, s0, e0 = doc.surface(m.start(), m.end("a"))
            rec.counts.append(CountItem(text=surface, start=s0, end=e0, value=num, unit=u.unit, approx=None,
                                        group=self._group_of(text, u), end_value=None, rule="count.fraction"))
        rec.counts.sort(key=lambda c: c.start)

    def _item(self, doc: Doc, q: Quantity, u: _Unit, rule: str | None) -> CountItem | None:
        """The count item of quantity ``q`` whose people noun is ``u`` (``rule``: how the noun was found
        when it is not right after the number)."""
        text = doc.text
        num = q.number
        if num.value.denominator != 1 and not num.scaled:
            return None  # 1,8 con, 782,1 ca: an average, never a head count
        approx, start = num.approx, q.start
        qual = qualifier_before(text, q.start)
        if rule == "count.label" and qual is not None and regex.search(r"(?<!\p{L})là(?!\p{L})|:", text[qual.start:q.start]):
            qual = None  # ``số trường hợp tiếp xúc gần là 14``: ``gần`` belongs to the label
        end = u.end if rule is None else q.end
        if qual is not None:
            up = _AND_UP_RE.match(text, end)
            if qual.approx == "from" and up is not None and num.end_value is None:
                start, end = qual.start, up.end()  # từ 18 người trở lên / trở xuống
                approx = "at_most" if up.group(1).lower() == "xuống" else "at_least"
            elif qual.approx == "from":
                if num.end_value is not None:
                    start = qual.start
            elif qual.approx == "cap":
                pass  # lên tới a total reached: no approx (SPEC Edge conventions)
            else:
                start = qual.start
                if num.end_value is None:
                    approx = qual.approx
        if num.end_value is not None:
            approx = "range"
        surface, s0, e0 = doc.surface(start, end)
        value = to_int(num.value)
        if value >= IMPLAUSIBLE:
            doc.warn("implausible_count", f"count {value} in {surface!r} exceeds the world's population", s0, e0)
        if rule is None:
            rule = u.rule
            if num.approx == "about":
                rule = "count.vague"
            elif num.end_value is not None and _LIST_SEP_RE.search(text, q.start, q.end) and len(_LIST_SEP_RE.findall(text, q.start, q.end)) > 1:
                rule = "count.group_sizes"
            elif u.start > q.end and u.rule == "count.unit" and text[q.end:u.start].strip().lower().startswith("cựu"):
                rule = "count.former"
            elif text[q.start:q.end].lower() == "một":
                rule = "count.one"
        return CountItem(
            text=surface, start=s0, end=e0, value=value, unit=u.unit, approx=approx,
            group=self._group_of(text, u),
            end_value=None if num.end_value is None else to_int(num.end_value),
            rule=rule,
        )

    def _group_of(self, text: str, u: _Unit) -> str | None:
        group = self._group(text, u.start)
        return group if group and group.lower() != u.unit.lower() else None

    def unit_at(self, text: str, pos: int) -> _Unit | None:
        """The people noun right after ``pos`` (after a number): the longest of a lexicon noun, a
        post noun and a suffix-formed noun, optionally after ``cựu``/``nguyên`` or ``lượt``;
        None for a non-person phrase (``con số``, ``khẩu trang``) or a rate (``người/km2``)."""
        best: tuple[int, int, str, str] | None = None
        pre = _PREFIX_RE.match(text, pos)
        starts = [pos] if pre is None else [pos, pre.end()]
        for p in starts:
            for rx, table, rule in ((self._unit_re, self._unit_of, "count.unit"), (self._post_re, self._post_of, "count.post")):
                m = rx.match(text, p)
                if m is not None and (best is None or m.end() > best[1]):
                    best = (m.start("u"), m.end(), table[m.group("u").lower()], rule)
            m2 = None if best is not None else _SUFFIX_RE.match(text, p)
            if m2 is not None and (m2.group("u").endswith("viên") or _CLAUSE_WORD_AFTER_RE.match(text, m2.end())) and not any(
                w.lower() in _SUFFIX_STOP for w in m2.group("u").split()[:-1]
            ):
                best = (m2.start("u"), m2.end(), m2.group("u").lower(), "count.suffix")
            if best is not None:
                break
        if best is None:
            v = _VISITS_RE.match(text, pos)
            return None if v is None else _Unit(v.start("u"), v.end("u"), "lượt", "count.unit")
        u_start, end, unit, rule = best
        if pre is not None and u_start >= pre.end():
            word = pre.group("w").lower()
            if word == "nguyên" and rule != "count.post":
                return None  # nguyên nhân, nguyên liệu: only ``nguyên giám đốc`` is a former post
            if word == "lượt":
                unit = "lượt " + unit if not unit.startswith("lượt") else unit
        after = text[end:end + 2]
        if after[:1].islower() or after.lstrip(" ")[:1] == "/":
            return None
        non = self._non_re.match(text, pos)
        if non is not None and non.end() >= end:
            return None
        return _Unit(u_start, end, unit, rule)

    def _unit_elsewhere(self, doc: Doc, qs: list[Quantity], qi: int) -> tuple[_Unit | None, str | None]:
        """A people noun that is not right after the number: a partitive (``46 trong số hơn 120
        công nhân``) or a label before it (``Số học sinh dự thi: 1.245``, ``Tử vong: 12``)."""
        text = doc.text
        q = qs[qi]
        if qi + 1 < len(qs):
            m = _PARTITIVE_RE.match(text, q.end)
            if m is not None and q.number.value > 1:  # ``một trong ba nhà khoa học``: "one of", no count
                q2 = qs[qi + 1]
                rest = text[m.end():q2.start]
                if (m.end() == q2.start or qualifier_before(text, q2.start) is not None and len(rest) < 20) and q2.number.value > q.number.value:
                    u = self.unit_at(text, q2.end)
                    if u is not None:
                        return u, "count.partitive"
        if not _LABEL_AFTER_RE.match(text, q.end):
            return None, None
        s, _ = doc.sentence_at(q.start)
        lo = max(s, q.start - 90)
        lab = _TABLE_LABEL_RE.search(text, lo, q.start)
        if lab is not None:
            return _Unit(lab.start("lab"), lab.end("lab"), "người", "count.label"), "count.label"
        lab = _LABEL_RE.search(text, lo, q.start)
        if lab is not None:
            u = self.unit_at(text, lab.end("so"))
            if u is not None and u.end <= lab.end():
                return u, "count.label"
        return None, None

    def _parts(self, doc: Doc, q: Quantity, u: _Unit, item: CountItem, rec: Record) -> None:
        """Parts of a count given in brackets: ``4 người (3 nam, 1 nữ)``, ``Đoàn 9 người gồm Sở Y tế
        (4), Sở Tài chính (5)``. Kept only when the parts add up to no more than the whole."""
        text = doc.text
        found: list[tuple[int, int, int, str]] = []
        br = _SEX_PARTS_RE.match(text, u.end)
        if br is not None:
            found = [(m.start(), m.end(), int(m.group("n")), m.group("u").lower())
                     for m in _SEX_PART_RE.finditer(text, br.start(), br.end())]
        else:
            g = _PARTS_CUE_RE.match(text, u.end)
            if g is not None:
                _, e = doc.sentence_at(q.start)
                e = min(e, g.end() + _PARTS_WINDOW)
                found = [(m.start("n"), m.end("n"), int(m.group("n")), item.unit) for m in _BARE_PART_RE.finditer(text, g.end(), e)]
        if len(found) < 2 or item.value is None or sum(f[2] for f in found) > item.value:
            return
        for s, e, v, unit in found:
            surface, s0, e0 = doc.surface(s, e)
            rec.counts.append(CountItem(text=surface, start=s0, end=e0, value=v, unit=unit, approx=None,
                                        group=None, end_value=None, rule="count.parts"))

    def _plausible(self, doc: Doc, qs: list[Quantity], qi: int, unit_end: int, unit: str) -> bool:
        """Context checks for the ambiguous words ``một`` (a), ``năm`` (year), ``ca`` (a shift)
        and ``con`` (an animal); ``unit_end`` is where the unit noun ends."""
        text = doc.text
        q = qs[qi]
        start, end = q.start, q.end
        word = text[start:end].lower()
        if word == "một" and not self._one_counts(text, qs, qi, unit_end):
            return False
        if word == "năm" and _FIVE_BLOCK_RE.search(text, max(0, start - 20), start):
            return False
        if unit == "ca":
            s, e = doc.sentence_at(start)
            if not _CASE_CUE_RE.search(text, max(0, min(s, start - _CASE_CUE_BEFORE)), e) and _SHIFT_CUE_RE.search(text, s, e):
                return False
        if unit == "con" and not _KIN_AFTER_CON_RE.match(text, unit_end):
            s, e = doc.sentence_at(start)
            if _ANIMAL_RE.search(text, s, e):
                return False
        return True

    def _one_counts(self, text: str, qs: list[Quantity], qi: int, unit_end: int) -> bool:
        """Is ``một`` at ``qs[qi]`` a count rather than the article "a"?"""
        start = qs[qi].start
        lo = max(0, start - 20)
        if _ONE_RATIO_RE.search(text, lo, start):
            return False
        after = _ONE_AFTER_RE.search(text, lo, start)
        if after is not None and (after.group("more") is None or _CASE_UNIT_RE.match(text, qs[qi].end)):
            return True
        cas = _CASUALTY_RE.match(text, qs[qi].end)  # over the unit: ``một người tử vong``
        if cas is not None:
            # ``khiến một người tử vong``, ``…thiệt mạng, một người bị thương``; not ``thi thể
            # một bệnh nhân chết``
            if _ONE_VERB_RE.search(text, lo, start):
                return True
            if cas.group("death") and _CLAUSE_START_RE.search(text, lo, start):
                return True
        lst = _ONE_LIST_RE.search(text, lo, start)
        if lst is None:
            return False
        # a list of counts: another number (not ``một``) close before or after, that counts
        # people too; other ``một`` counts may stand between (``28 hành khách, một tài xế và một phụ xe``)
        for step in (-1,) if lst.group().startswith(",") else (-1, 1):  # after a comma: only a list before
            k, edge = qi + step, start if step < 0 else unit_end
            while 0 <= k < len(qs):
                o = qs[k]
                near = edge - o.end if step < 0 else o.start - edge
                u = self.unit_at(text, o.end)
                if not 0 <= near <= _ONE_LIST_WINDOW or u is None:
                    break
                if text[o.start:o.end].lower() != "một":
                    return True  # ``36 hành khách, một tài xế``: the neighbour is a count too
                k, edge = k + step, o.start if step < 0 else u.end
        return False

    def _group(self, text: str, start: int) -> str | None:
        """The noun phrase from the unit to the next clause boundary (normalised text)."""
        limit = min(len(text), start + _MAX_GROUP)
        # the unit itself never ends the group (``trên``, ``hơn`` are boundaries only after it)
        first = _WORD_RE.match(text, start, limit)
        pos = first.end() if first else start
        m = _GROUP_END_RE.search(text, pos, limit)
        end = m.start() if m else limit
        phrase = text[start:end]
        phrase = _GROUP_TRIM_RE.sub("", phrase).strip(" ,")
        return " ".join(phrase.split()) or None
