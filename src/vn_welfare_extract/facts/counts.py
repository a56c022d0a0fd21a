"""counts: person and household counts (SPEC §4) — ``trên 435.000 người``, ``5.500 hộ nghèo``,
``hơn 1,2 triệu lao động``, ``hai người``, ``1.250 lượt người``, ``3 ca mắc mới``.

A count is a quantity from ``numbers.doc_quantities`` followed by a person or household noun
from ``count_units.tsv`` (longest match), unless a longer phrase of ``non_person_units.tsv``
starts there (``con số``, ``hộ chiếu``). Goods, organisations, percentages, ages and money never
match because their nouns are not in the table; numbers inside an amount are skipped.
``group`` is the noun phrase from the unit up to a clause boundary. Rules: ``count.unit``
(a number + noun) and ``count.vague`` (``hàng trăm người``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

import regex

from ..lexicons import load_table
from ..model import CountItem, Record
from ..numbers import Quantity, doc_quantities, qualifier_before, to_int, trie_pattern
from ..resources import Resources
from ..text import Doc


def _alt(words: list[str]) -> str:
    return "|".join(sorted((regex.escape(w) for w in set(words)), key=len, reverse=True))


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
# ``từ X người trở lên``: X or more.
_AND_UP_RE = regex.compile(r"[ ]+trở lên(?!\p{L})", regex.I)
# A number right after these is not a count of the noun that follows (``lần thứ 2 người``…).
_BLOCK_BEFORE_RE = regex.compile(r"(?<!\p{L})(?:thứ|lần|lúc|ngày|tháng|Điều|khoản|mục|BN|bệnh nhân số)[ ]\Z", regex.I)
# ``một`` is mostly the article "a" (``là một chiến sĩ``, ``có một gia đình hạnh phúc``): a count
# only after a verb of finding or counting (``ghi nhận thêm một ca``, ``chỉ một người``), before a
# casualty or case word (``một người tử vong``), or after ``có``/``và`` in a list with other
# numbers (``2 người lớn và một trẻ em``). ``cứ 10 người thì có một người`` is a ratio.
_ONE_AFTER_RE = regex.compile(
    r"(?<!\p{L})(?:ghi nhận|phát hiện|thêm|gồm|chỉ|chỉ có|còn|mất|cứu|tiếp nhận|xác định|đón|mắc|nhiễm|"
    r"ít nhất|tối thiểu|có thêm|cứu sống|(?:ghi nhận|phát hiện|xác định|trong đó|trong số đó)[ ]có)[ ]\Z",
    regex.I,
)
_ONE_LIST_RE = regex.compile(r"(?<!\p{L})(?:có|và)[ ]\Z", regex.I)
_ONE_VERB_RE = regex.compile(r"(?<!\p{L})(?:có|và|khiến|làm|gồm)[ ]\Z", regex.I)
_CLAUSE_START_RE = regex.compile(r"(?:\A|[,;:(\n.!?\-])[ ]*\Z")
_ONE_RATIO_RE = regex.compile(r"(?<!\p{L})(?:thì|lại|sẽ)[ ]có[ ]\Z", regex.I)
# A casualty (``một người tử vong``) or a case (``một trường hợp dương tính``) within three words
# after the number.
_CASUALTY_RE = regex.compile(
    r"[ ]+(?:\p{L}+[ ]){0,3}?(?:(?P<death>tử vong|chết|thiệt mạng|tử nạn|bị thương|trọng thương|mất tích|"
    r"nguy kịch|đuối nước)|mắc|nhiễm|dương tính)(?!\p{L})",
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
    r"gia súc|gia cầm|thú|vật nuôi|chim|ong|đàn|mực|gián|sâu|giun|ếch|rùa|ốc|nhện|muỗi|ruồi|bướm|cóc)(?!\p{L})", regex.I)
_KIN_AFTER_CON_RE = regex.compile(
    r"[ ](?:gái|trai|nhỏ|ruột|nuôi|riêng|chung|đẻ|dâu|rể|thơ|cưng|sơ sinh|mồ côi|song sinh|sinh đôi)(?!\p{L})", regex.I
)


class CountsComponent:
    name = "counts"

    def __init__(self, res: Resources) -> None:
        self.lex = res.lexicons
        units = {r["surface"].lower(): r["unit"] for r in load_table("count_units")}
        self._unit_of = units
        non = [r["surface"] for r in load_table("non_person_units")]
        # The unit noun: after the number, a space may be missing (``48.676hội viên``).
        # ``2 caCovid-19``: a capital may follow with a missing space; ``/`` may not (``người/km2``)
        # (checked in ``_unit_at``). ``re`` with a factored pattern: this runs after every number.
        self._unit_re = re.compile(r" ?(?P<u>" + trie_pattern(units) + r")", re.I)
        self._non_re = regex.compile(r"[ ]?(?:" + _alt(non) + r")(?!\p{L})", regex.I)

    def __call__(self, doc: Doc, rec: Record) -> None:
        text = doc.text
        money = sorted((doc.norm_index(a.start), doc.norm_index(a.end)) for a in rec.amounts)
        money_starts = [s for s, _ in money]
        qs = doc_quantities(doc)
        for qi, q in enumerate(qs):
            if q.start < doc.header_end:
                continue
            m = self._unit_at(text, q.end)
            if m is None:
                continue
            k = bisect_left(money_starts, q.end) - 1  # the last amount starting before q ends
            if k >= 0 and money[k][1] > q.start:
                continue
            non = self._non_re.match(text, q.end)
            if non is not None and non.end() > m.end():
                continue
            if _BLOCK_BEFORE_RE.search(text, max(0, q.start - 20), q.start):
                continue
            unit = self._unit_of[m.group("u").lower()]
            if not self._plausible(doc, qs, qi, m.end(), unit):
                continue
            num = q.number
            approx, start = num.approx, q.start
            qual = qualifier_before(text, q.start)
            end = m.end()
            if qual is not None:
                up = _AND_UP_RE.match(text, end)
                if qual.approx == "from" and up is not None and num.end_value is None:
                    start, end, approx = qual.start, up.end(), "at_least"  # từ 18 người trở lên
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
            group = self._group(text, m.start("u"))
            surface, s0, e0 = doc.surface(start, end)
            value = to_int(num.value)
            if value >= IMPLAUSIBLE:
                doc.warn("implausible_count", f"count {value} in {surface!r} exceeds the world's population", s0, e0)
            rec.counts.append(
                CountItem(
                    text=surface, start=s0, end=e0, value=value, unit=unit, approx=approx,
                    group=group if group and group.lower() != unit.lower() else None,
                    end_value=None if num.end_value is None else to_int(num.end_value),
                    rule="count.vague" if num.approx == "about" else "count.unit",
                )
            )

    def _unit_at(self, text: str, pos: int) -> re.Match[str] | None:
        m = self._unit_re.match(text, pos)
        if m is None:
            return None
        after = text[m.end():m.end() + 2]
        if after[:1].islower() or after.lstrip(" ")[:1] == "/":
            return None
        return m

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

    @staticmethod
    def _one_counts(text: str, qs: list[Quantity], qi: int, unit_end: int) -> bool:
        """Is ``một`` at ``qs[qi]`` a count rather than the article "a"?"""
        start = qs[qi].start
        lo = max(0, start - 20)
        if _ONE_RATIO_RE.search(text, lo, start):
            return False
        if _ONE_AFTER_RE.search(text, lo, start):
            return True
        cas = _CASUALTY_RE.match(text, qs[qi].end)  # over the unit: ``một người tử vong``
        if cas is not None:
            # ``khiến một người tử vong``, ``…thiệt mạng, một người bị thương``; not ``thi thể
            # một bệnh nhân chết``
            if _ONE_VERB_RE.search(text, lo, start):
                return True
            if cas.group("death") and _CLAUSE_START_RE.search(text, lo, start):
                return True
        if not _ONE_LIST_RE.search(text, lo, start):
            return False
        # a list of counts: another number (not ``một``) close before or after
        for k in (qi - 1, qi + 1):
            if 0 <= k < len(qs):
                o = qs[k]
                near = start - o.end if k < qi else o.start - unit_end
                if 0 <= near <= _ONE_LIST_WINDOW and text[o.start:o.end].lower() != "một":
                    return True
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
