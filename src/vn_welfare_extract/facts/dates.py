"""dates: calendar expressions, resolved against the publication date (SPEC §1).

One combined regex finds *atoms* in ``doc.text`` (left to right, each alternative greedy, so the
longest reading at a position wins): ``ngày 8-10``, ``tháng 9/2021``, ``quý III/2021``,
``6 tháng đầu năm``, ``hôm qua``, ``đến nay`` … A second, linear pass joins neighbouring atoms
(``từ 27/4 - 15/5``, ``từ 7/4 tới nay``, ``ngày mùng 3 và 5/4/2021``), lends an explicit year to
a neighbour that lacks one, resolves relative and anaphoric expressions (``cùng ngày``,
``cùng kỳ năm ngoái``) and decides the role (``tính đến ngày 6-10`` is ``as_of``).

Resolution (``_Ref``): a missing year is the publication year, or the year before when a day
would fall more than 62 days after publication (a month-only date: more than 6 months after the
publication month). A relative expression finer than what ``published`` knows stays
unresolved: ``value=None``, ``grain="unresolved"``, ``unresolved`` = the missing parts.
An impossible date (``31/02/2021``) keeps ``value=None`` and adds a warning.

Calendar conventions the SPEC leaves open (our choices):
- ``âm lịch`` (or ``ÂL``) right after a day or month marks a LUNAR date: it is kept as an item but
  never resolved to a solar ISO value (``value=None``, ``grain="unresolved"``,
  ``unresolved=["lunar"]``); ``ngày 10/3 âm lịch`` is not March 10.
- ``hàng năm``/``hằng năm``/``mỗi năm`` after a day or month without a year marks a recurring
  period (``tháng 5 hàng năm``), not a dated event: no item.
- An anniversary pair, the same day and month in two different years written as a range
  (``30/4/1975-30/4/2021``), is two dates, not a range.

Second edition (SPEC "Additions"):
- Clock times ride on their day (``lúc 14h30 ngày 8-10``, ``9 giờ tối nay``, ``ngày 8-10, lúc
  9h20``, ``từ 8h06 đến 8h38 ngày 30/4`` keeps the first time) in ``time`` (``HH:MM[:SS]``;
  ``chiều``/``tối`` add 12 below 12, ``trưa`` below 3, ``đêm``/``khuya`` from 6 to 11). A bare clock
  time is its own item on the last day named in its paragraph, else the publication day. Not
  clock times: durations (``trong 1h30``, ``là 2 giờ 15 phút``), ``8 giờ`` without ``lúc`` or a
  part of the day, scores (``tỷ số 3:1``), and times in a sentence about a routine (``Mỗi ngày``,
  ``mở cửa``).
- Weekdays: with their date they are one item and pick its year; alone (``hôm thứ Năm``) the
  last such day on or before publication, ``tới`` the next one after it, ``vừa rồi``/``trước``
  the last one before it, ``tuần sau``/``tuần này`` that day of the ISO week. A bare
  ``thứ hai`` is an ordinal unless capitalised, prefixed (``hôm``, ``chiều``, ``vào``) or
  followed by its date.
- Windows (``5 ngày tới``, ``6 tháng qua``) are ranges of whole units next to the publication
  unit; one unit (``1 tháng tới``) is that unit alone. ``N năm sau đó`` counts from the last
  date named. ``từ đầu năm 2021 đến nay`` runs from the period's first day to publication.
- Lists give one item per member (``các ngày 4, 11 và 18/10``; ``các quý I, II và III``), but two
  neighbouring quarters joined by ``và`` without a second ``quý`` (``quý 1 và 2 năm 2023``) stay
  one range, as do elided day ranges (``từ 3 đến 7-11``, ``12 - 16 tháng 9``).
- Story time: ``đầu năm``/``năm trước`` resolve against the last explicit past year named in the
  same paragraph; ``cùng kỳ`` against the period named in its sentence (a day there too), else
  the period named most often; a bare ``cùng kỳ`` with no period before it is no item.
- Two-digit years (``5/6/19``) take the century that puts them at most a year after
  publication; ``thập niên 80`` without a century likewise (``của thế kỷ trước`` → 1980s).
  ``năm học này`` is the school year from September holding the publication date.
- ``resolve_partial_date`` / ``resolve_year`` are the one resolver of a day/month written
  without a year, for any module to call.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

import regex

from ..lexicons import load_table
from ..model import DateItem, Record
from ..resources import Resources
from ..text import Doc, PubDate
from ..timeref import resolve_partial_date, resolve_year
from ..wordlists import alternation, fold

__all__ = ["DatesComponent", "resolve_partial_date", "resolve_year"]

# ---------------------------------------------------------------------------------------------
# Pattern pieces. The text is NFC with odd spaces folded to ' '; matching is case-insensitive.
_W = r"[ ]+"  # at least one space (never a newline: a date does not run across lines)
_W0 = r"[ ]*"
_DD = r"(?:0?[1-9]|[12]\d|3[01])"  # day of month
_MM = r"(?:0?[1-9]|1[0-2])"  # month number
_YY = r"(?:1[0-9]\d\d|20\d\d)"  # a year after a year word (`năm 1010` … `năm 2099`)
_YB = r"(?:19\d\d|20\d\d)"  # a bare year
_NOT_NUM = r"(?![\d]|[.,]\d|/\d|/\p{L}|-\p{L})"  # the number ends here and no code follows
# After a day or month: ``âm lịch`` (a lunar date) and/or ``hàng năm`` (a recurring period).
_CALENDAR_RE = regex.compile(
    r"(?:[ ]*\(?[ ]*(?:(?P<lunar>âm[ ]+lịch|ÂL)|dương[ ]+lịch)(?![\p{L}])\)?)?(?:[ ]*,?[ ]*(?P<rec>hàng[ ]+năm|hằng[ ]+năm|mỗi[ ]+năm)(?![\p{L}]))?",
    regex.IGNORECASE,
)
# Parts of the day before a date (`sáng 8-10`, `rạng sáng ngày 1/5`).
_PART = r"(?:rạng" + _W + r"sáng|sáng" + _W + r"sớm|chiều" + _W + r"tối|sáng|chiều|trưa|tối|đêm|khuya)"
# Position inside a month or year (`đầu tháng 8`, `cuối năm 2020`); the value keeps the grain.
_MOD = r"(?:đầu|cuối|giữa|trung" + _W + r"tuần|thượng" + _W + r"tuần|hạ" + _W + r"tuần)"
_YREL = r"(?:nay|ngoái|trước|sau|tới|kế" + _W + r"tiếp|tiếp" + _W + r"theo|vừa" + _W + r"qua|qua)"
# A year after a month or quarter: `/2021`, `-2021`, ` năm 2021`, ` năm ngoái`.
_YEARPART = (
    rf"(?:{_W0}[/.-]{_W0}(?P<y>{_YY})(?!\d)|{_W0},?{_W}n[ăa]m{_W0}(?P<y>{_YY})(?!\d)"
    rf"|{_W}của{_W}năm{_W0}(?P<y>{_YY})(?!\d)|{_W}năm{_W}(?P<yrel>{_YREL})(?!\p{{L}})"
    rf"|{_W0},{_W}(?P<y>{_YB})(?=[ ]*(?:[,.;:)!?\n]|$)))"  # `tháng 6, 2019,` (the year closes its phrase)
)
_NUMW = (
    r"(?:\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười(?:" + _W + r"(?:một|hai|ba|bốn|lăm|sáu|bảy|tám|chín))?)"
)
_CANCHI = (
    r"(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)" + _W + r"(?:Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)"
)
_B = r"(?<![\p{L}\d])"  # a word starts here
_E = r"(?![\p{L}\d])"  # a word ends here
_DAYPRE = rf"(?:(?P<part>{_PART}){_W})?(?:(?P<dw>ngày|ngay|hôm|mồng|mùng)(?:{_W}(?:mồng|mùng))?{_W0})?"
# `sáng nay (21/4)`, `hôm qua 20/4`: an explicit date after a relative one confirms it.
_TRAIL = (
    rf"(?:{_W0}\({_W0}(?:ngày{_W})?(?P<td>{_DD})(?P<tsep>[/-])(?P<tm>{_MM})(?:(?P=tsep)(?P<ty>{_YY}))?{_W0}\)"
    rf"|{_W0},?{_W}(?:ngày{_W})?(?P<td>{_DD})(?P<tsep>[/-])(?P<tm>{_MM})(?:(?P=tsep)(?P<ty>{_YY}))?(?![\d/-]))"
)
# A clock time before the date it belongs to (`18 giờ ngày 11-8`, `lúc 7h30 sáng 5/3`).
_TIME = (
    r"(?:lúc" + _W + r")?(?:\d{1,2}" + _W0 + r"(?:h|giờ)(?:" + _W0 + r"\d{1,2}(?:" + _W0 + r"phút)?)?|\d{1,2}:\d{2})"
)
# A clock time (`8:15`, `09:41:07`, `14h30`, `7g50`, `8 giờ 25 phút`, `4 giờ rưỡi`, `12 giờ kém 10`).
_CLOCK = (
    r"(?P<ch>[01]?\d|2[0-3])(?:[:](?P<cm>[0-5]\d)(?:[:](?P<cs>[0-5]\d))?(?![\d:])"
    r"|[ ]?(?:h|giờ|g(?=[ ]?\d))(?:[ ]?(?P<cm>[0-5]?\d)(?!\d|[.,/]\d)(?:[ ]?(?:phút|p)(?!\p{L})|['’′])?|(?P<half>[ ]+rưỡi)"
    r"|[ ]+kém[ ]+(?P<kem>[0-5]?\d)(?:[ ]?phút)?)?(?![\p{L}\d]))"
)
# A clock time with the part of the day after it (`4 giờ chiều`), not inside a number or a range.
_CLOCK_PART = (
    rf"(?<![\d:.,/]|\d[-–]){_CLOCK}"
    rf"(?:{_W}(?P<tp>{_PART})(?!\p{{L}}|{_W}(?:nay|qua|mai|hôm|ngày|ngay|cùng|mồng|mùng|thứ|chủ|\d)))?"
)
# Spelled-out months (`tháng tám`, `tháng mười hai`) and quarters (`quý hai`).
_MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
_MONTHW = r"(?:giêng|mười[ ]+một|mười[ ]+hai|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|chạp)(?!\p{L})"
_QUARTER_WORDS = {"một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4}
_QQ = r"(?:IV|I{1,3}|[1-4]|(?<=[ ])(?:một|hai|ba|bốn|tư)(?!\p{L}))"  # a quarter: III, 3, ba
_WEEKDAYS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3, "sáu": 4, "6": 4, "bảy": 5, "7": 5, "chủ nhật": 6}
_WEEK_OFFSETS = {
    "này": 0, "qua": 0, "vừa qua": 0, "vừa rồi": 0, "rồi": -1, "trước": -1, "tới": 1, "sau": 1, "kế tiếp": 1, "tiếp theo": 1,
}
_QUANT = r"(?:\d|các|những|mấy|vài|nhiều|hàng|mỗi|từng|hằng|chục|trăm|nghìn|ngàn|triệu|tỷ|tỉ|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
# `đợt hai tháng 3`, `lần 2 tháng 5/2021`: an ordinal's number before `tháng` does not count months
_ORD_HEAD = r"(?:đợt|lần|kỳ|khóa|khoá|phiên|vòng|thứ|giai[ ]+đoạn)[ ]+"

# Where an alternative of the combined pattern can start (see ``_trigger``): a digit that can
# open a date, or a word together with enough of what follows it to be worth a full match.
_TRIGGERS = (
    r"\d{1,2}[ ]?[-/.][ ]?\d|\d{1,3}[ ]+(?:năm|tháng|tuần|ngày|thập)|(?:1[0-9]|20)\d\d(?!\d)|\d{1,2}(?::[0-5]\d|[ ]?(?:h|giờ|g[ ]?\d))",
    r"mùa[ ]+(?:du[ ]+lịch[ ]+|cao[ ]+điểm[ ]+)?(?:xuân|hè|hạ|thu|đông)",
    r"từ[ ]+(?:nay|bây[ ]+giờ)",
    r"(?:(?:tính|cho)[ ]+)?(?:đến|tới)[ ]+(?:tận[ ]+)?(?:nay|bây|hiện|thời|giờ)",
    r"từ[ ]+(?:trước|xưa|ngày[ ]+xưa)[ ]+(?:đến|tới)|từ[ ]+(?:ngày[ ]+|lúc[ ]+)?\d{1,2}(?:[ ]?(?:h|giờ)(?:[ ]?\d\d)?|:\d\d)?[ ]*(?:đến|tới|-|–)",
    r"bữa[ ]+(?:nay|qua|kia)|thập[ ]+(?:niên|kỷ|kỉ)|những[ ]+năm[ ]+\d",
    r"trở[ ]+lại[ ]+đây",
    r"cùng[ ]+(?:k|ngày|năm)",
    r"(?:thứ[ ]+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ[ ]+nhật)(?!\w)",
    r"cách[ ]+đây",
    r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?:[ ]+(?:một|hai|ba|bốn|lăm|sáu|bảy|tám|chín))?[ ]+(?:năm|tháng|tuần|ngày|thập)",
    r"nửa[ ]+(?:đầu|cuối|sau)|(?:lũy|luỹ)[ ]+kế|tính[ ]+chung",
    r"(?:đầu|cuối|giữa|hết|trung[ ]+tuần|thượng[ ]+tuần|hạ[ ]+tuần)[ ]+(?:tháng|thang|năm|quý|tuần|\d)",
    r"quý|tháng|thang|tuần|năm|ngày|ngay|hôm|mồng|mùng|giai[ ]+đoạn|niên[ ]+kh",
    r"(?:rạng[ ]+sáng|sáng[ ]+sớm|chiều[ ]+tối|sáng|chiều|trưa|tối|đêm|khuya)[ ]+(?:ngày|ngay|hôm|nay|qua|mai|cùng|mồng|mùng|thứ|chủ|\d)",
    r"sinh(?:[ ]+năm)?[ ]*\d|sn[ ]*\d",
)
# Every word trigger above starts with one of these letters (the scan only stops at them).
_TRIGGER_LETTERS = "bcghklmnqrstđ"
_NUMBER_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
    "mười một": 11, "mười hai": 12, "mười ba": 13, "mười bốn": 14, "mười lăm": 15, "mười sáu": 16,
    "mười bảy": 17, "mười tám": 18, "mười chín": 19,
}
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SEASONS = {"xuân": "SP", "hè": "SU", "hạ": "SU", "thu": "AU", "đông": "WI"}
_YREL_OFFSETS = {"nay": 0, "ngoái": -1, "trước": -1, "sau": 1, "tới": 1, "kế tiếp": 1, "tiếp theo": 1, "vừa qua": -1, "qua": -1}

# Count and money nouns: a bare 4-digit number before one of them is a quantity, not a year.
_UNITS = (
    r"người|hộ|ca|lượt|trẻ|em|học[ ]sinh|sinh[ ]viên|công[ ]nhân|lao[ ]động|bệnh[ ]nhân|thí[ ]sinh|giáo[ ]viên|"
    r"đồng|đ|tỷ|tỉ|triệu|nghìn|ngàn|trăm|usd|vnd|vnđ|km|m|m2|m3|ha|tấn|tạ|kg|g|con|chiếc|căn|cái|xe|suất|phần|"
    r"điểm|doanh[ ]nghiệp|trường|xã|hồ[ ]sơ|đơn|mẫu|liều|lít|học[ ]viên|thành[ ]viên|cán[ ]bộ|hội[ ]viên|"
    r"cơ[ ]sở|dự[ ]án|vụ|lần(?![ ]lượt)|phòng|giường|bộ|cuốn|trang|ký[ ]tự|mét|cây|ngày|tháng|giờ|phút|năm|tuổi"
)


def _alt(name: str, body: str) -> str:
    """One named alternative: the ``k_<name>`` group tells which one matched."""
    return f"(?P<k_{name}>{body})"


class _Rule(NamedTuple):
    """One rule (Duckling's ``Rule{name, pattern, prod}``): its name (the item's ``rule``), its
    pattern (an alternative of the combined regex) and the builder that turns a match into
    atoms (None: no date). ``digit``: the pattern can open with a digit."""

    name: str
    pattern: str
    build: Callable[[DatesComponent, _Atom, _Groups, str], _Atom | list[_Atom] | None]
    digit: bool = False


@dataclass(slots=True)
class _Atom:
    """One matched expression before resolution (normalised offsets)."""

    s: int
    e: int
    kind: str  # the rule name
    grain: str  # day, week, month, quarter, half, season, year, asof, since, fromnow
    y: int | None = None
    m: int | None = None
    d: int | None = None
    q: int | None = None  # quarter, half (1/2), or season code index
    season: str | None = None
    end: tuple[int | None, int | None, int | None, int | None] | None = None  # (y, m, d, q) of a range end
    yrel: int | None = None  # relative year (năm nay = 0, năm ngoái = -1)
    rel: int | None = None  # relative offset in units of ``grain`` (hôm qua = -1 day)
    anaphor: int | None = None  # ``cùng ngày`` = 0, ``hôm sau`` = +1: relative to the previous day
    mod: str | None = None
    explicit_year: bool = False
    role: str = "event"
    unresolved: list[str] | None = None
    invalid: str | None = None
    extra: dict[str, int] = field(default_factory=dict)
    key: str | None = None  # the holiday's lookup key
    part: str | None = None  # the part of the day written with it (`chiều 7/10`)
    time: str | None = None  # the clock time on that day (`14:30`)


class _Ref:
    """The publication date as a reference; each method returns None when it is too coarse."""

    def __init__(self, pub: PubDate | None) -> None:
        self.pub = pub

    def missing(self, need: str) -> list[str] | None:
        """What ``published`` lacks for a reference at grain ``need`` (None if nothing)."""
        p = self.pub
        order = ["year", "month", "day"]
        have = 0 if p is None else (3 if p.day else (2 if p.month else 1))
        want = order.index(need) + 1
        return order[have:want] or None if have < want else None

    def year_for(self, m: int, d: int | None) -> int | None:
        """The year of a day or month written without one."""
        return resolve_year(m, d, self.pub)


_Period = tuple[int, str, str, "str | None"]  # (sentence start, value, grain, end value)


def _iso_day(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _iso_week(day: date) -> str:
    iy, iw, _ = day.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


class _Groups:
    """``m.group(name)`` on demand: ``groupdict()`` of the ~100 groups costs more than the match."""

    __slots__ = ("m",)

    def __init__(self, m: regex.Match[str]) -> None:
        self.m = m

    def get(self, name: str) -> str | None:
        return self.m.group(name)  # type: ignore[no-any-return]

    def __getitem__(self, name: str) -> str:
        """A group the matched alternative always fills ("" if it did not)."""
        return self.m.group(name) or ""


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s)
    return _NUMBER_WORDS.get(s)


class DatesComponent:
    name = "dates"

    def __init__(self, res: Resources) -> None:
        self.lex = res.lexicons
        self._holidays, hol_names = _load_holidays()
        hol_names = list(dict.fromkeys(hol_names))  # one per spelling (the table repeats them per year)
        hol = alternation(hol_names)
        yr_after = rf"(?:{_W}(?:năm{_W0})?(?P<y>{_YY})(?!\d)|{_W}năm{_W}(?P<yrel>{_YREL})(?!\p{{L}}))"
        rules = [
            # Tết Nguyên đán 2021, dịp Quốc khánh năm nay (only with a year)
            _Rule("holiday", rf"(?P<hol>{hol})(?:{_W}{_CANCHI})?{yr_after}", DatesComponent._b_holiday),
            # mùa hè năm nay, mùa đông 2021, mùa đông này (only with a year or `này`)
            _Rule(
                "season",
                rf"mùa{_W}(?:(?:du{_W}lịch|cao{_W}điểm){_W})?(?P<season>xuân|hè|hạ|thu|đông)(?:{yr_after}|{_W}(?P<srel>này|tới|sau|trước|vừa{_W}qua)(?!\p{{L}}))",
                DatesComponent._b_season,
            ),
            # từ nay đến cuối năm 2021: joined with the next atom
            _Rule("fromnow", rf"từ{_W}(?:nay|bây{_W}giờ){_W}(?:đến|tới){_W}", DatesComponent._b_marker),
            # đến nay, tính đến nay, tới giờ, đến thời điểm này: the publication date
            _Rule(
                "asof",
                rf"(?:(?:tính|cho){_W})?(?:đến|tới){_W}(?:tận{_W})?(?:nay|bây{_W}giờ|hiện{_W}tại|thời{_W}điểm{_W}"
                rf"(?:này|hiện{_W}tại|hiện{_W}nay|bây{_W}giờ)|giờ(?!{_W}(?:\d|G\b|làm|học|ăn|ngủ|đi|về|phút|trưa|chiều|tối|sáng|đêm|cao{_W}điểm|mở|đóng|nghỉ|tan|hành{_W}chính)(?!\p{{L}})))(?!\p{{L}})",
                DatesComponent._b_asof,
            ),
            # (từ 22/4) trở lại đây: only as the end of a range
            _Rule("since", rf"trở{_W}lại{_W}đây{_E}", DatesComponent._b_marker),
            # cùng kỳ năm 2020, cùng kỳ năm ngoái
            _Rule(
                "cungky",
                rf"cùng{_W}k[ỳìy](?:{_W0}năm{_W0}(?P<y>{_YY})(?!\d)|{_W0}năm{_W}(?P<yrel>ngoái|trước|vừa{_W}qua|qua)(?!\p{{L}})|{_W}(?P<y>{_YB})(?!\d)"
                rf"|(?!\p{{L}}|{_W0}\d|{_W}(?:họp|thi|này|đó|hạn|báo|đại|năm|những|các|nhiều|mấy)(?!\p{{L}})))",
                DatesComponent._b_cungky,
            ),
            # cách đây 9 năm, hai năm trước, 3 tháng trước đây
            _Rule(
                "ago",
                rf"cách{_W}đây{_W}(?:(?:khoảng|gần|hơn|chừng|đúng|tròn|ngót|trên){_W})?(?P<n>{_NUMW}){_W}(?P<u>năm|tháng|tuần|ngày){_E}"
                rf"|(?<![\d.,]){_B}(?P<n>{_NUMW}){_W}(?P<u>năm|tháng|tuần|ngày){_W}(?:về{_W})?trước(?:{_W}đây)?(?!\p{{L}}|{_W}(?:khi|đó|nữa|hạn|thời|mắt|tiên))",
                DatesComponent._b_ago, digit=True,
            ),
            # Một tháng sau đó, 2 ngày sau: counted from the date named before
            _Rule(
                "after",
                rf"(?<![\d.,]|tháng[ ]|quý[ ]|ngày[ ]|thứ[ ]|số[ ]){_B}(?P<n>{_NUMW}){_W}(?P<u>năm|tháng|tuần|ngày){_W}sau(?:{_W}đó(?!\p{{L}})|(?={_W0}[,.;:]))",
                DatesComponent._after, digit=True,
            ),
            # 5 ngày tới, 6 tháng qua, 3 năm vừa rồi, 12 tháng gần đây: a window next to publication
            _Rule(
                "window",
                rf"(?<![\d.,]|\d{_W0}[-–]{_W0}){_B}(?P<n>{_NUMW}){_W}(?P<u>năm|tháng|tuần|ngày|thập{_W}(?:kỷ|kỉ|niên)){_W}(?P<dir>qua|vừa{_W}qua|vừa{_W}rồi|gần{_W}đây|gần{_W}nhất|"
                rf"trở{_W}lại{_W}đây|tới|sắp{_W}tới|tới{_W}đây|tiếp{_W}theo|kế{_W}tiếp)(?!\p{{L}}|{_W}(?:nữa|đó|khi))"
                # `gần 4 tháng nay`, `trong 3 năm nay`: only after a span word or at a clause start
                rf"|(?={_NUMW}{_W}(?:năm|tháng|tuần|ngày){_W}nay(?!\p{{L}}))"  # (checked first: the lookbehind is slow)
                rf"(?<=(?:(?<!\p{{L}})(?:trong|gần|suốt|cả|khoảng|chừng|ngót|ròng{_W}rã)|^|[.,;:!?\n])[ ]*)(?<![\d.,])(?P<n>{_NUMW}){_W}(?P<u>năm|tháng|tuần|ngày){_W}(?P<dir>nay)"
                rf"(?!\p{{L}}|{_W}(?:nữa|đó|khi))",
                DatesComponent._window, digit=True,
            ),
            # 6 tháng đầu năm 2021, 3 tháng cuối năm, nửa đầu năm 2023, 9 tháng của năm 2020, lũy kế 9 tháng
            _Rule(
                "months",
                rf"(?<![\d.,]){_B}(?:(?P<n>{_NUMW}){_W}tháng{_W}(?P<pos>đầu|cuối){_W}năm"
                rf"|nửa{_W}(?P<pos>đầu|cuối|sau){_W}(?:của{_W})?năm)"
                rf"(?:{_W0}(?P<y>{_YY})(?!\d)|{_W}(?P<yrel>{_YREL})(?!\p{{L}}))?"
                rf"|(?<![\d.,]){_B}(?P<n>\d{{1,2}}|ba|sáu|chín|mười){_W}tháng{_W}(?:(?:đầu|của){_W})?năm{_W0}(?P<y>{_YY})(?!\d)"
                rf"|(?:lũy{_W}kế|luỹ{_W}kế|tính{_W}chung){_W}(?P<n>\d{{1,2}}|ba|sáu|chín|mười){_W}tháng"
                rf"(?:{_W}(?:(?:đầu|của){_W})?năm(?:{_W0}(?P<y>{_YY})(?!\d)|{_W}(?P<yrel>nay|ngoái|trước)(?!\p{{L}})))?{_E}",
                DatesComponent._b_months, digit=True,
            ),
            # các quý I, II và III năm 2020, quý II và quý IV: one item per quarter
            _Rule(
                "quarterlist",
                rf"(?:(?:các|những){_W})?quý{_W0}(?P<ql>{_QQ}(?:{_W0}(?:,|và){_W0}(?:quý{_W0})?{_QQ})+)(?![\p{{L}}\d])(?:{_YEARPART})?",
                DatesComponent._quarter_list,
            ),
            # quý III/2021, quý 3, quý hai, quý 1 - 2 năm 2023, quý đầu năm 2023
            _Rule(
                "quarter",
                rf"(?:(?P<mod>{_MOD}){_W})?quý{_W0}(?P<q>{_QQ})(?:{_W0}(?:-|đến|tới){_W0}(?:quý{_W0})?(?P<q2>{_QQ}))?(?![\p{{L}}\d])"
                rf"(?:{_YEARPART}|{_W}(?P<this>này|vừa{_W}qua|vừa{_W}rồi)(?!\p{{L}}))?"
                rf"|(?:(?P<mod>{_MOD}){_W})?quý{_W}(?P<qpos>đầu|cuối)(?:{_W}(?:tiên|cùng))?{_W}(?:của{_W})?năm(?:{_W0}(?P<y>{_YY})(?!\d)|{_W}(?P<yrel>{_YREL})(?!\p{{L}}))?",
                DatesComponent._b_quarter,
            ),
            # quý này, quý hiện nay, quý sau, quý trước
            _Rule(
                "quarterrel",
                rf"(?:(?P<mod>{_MOD}){_W})?(?<!{_QUANT}[ ]|cao[ ]|đá[ ]|loại[ ]|tôn[ ]|trân[ ]|phẩm[ ])quý{_W}(?P<qrel>này|hiện{_W}nay|hiện{_W}tại|tới|sau|tiếp{_W}theo|kế{_W}tiếp|trước|vừa{_W}qua|vừa{_W}rồi)"
                rf"(?!\p{{L}}|{_W}(?:đó|nữa))",
                DatesComponent._quarterrel,
            ),
            # từ 7h đến 9h30, từ 6-7h sáng: a range of clock times is one clock item at its first time
            _Rule(
                "clock_range",
                rf"(?:(?:kể|bắt{_W}đầu){_W})?từ{_W}(?:lúc{_W})?(?P<ch>[01]?\d|2[0-3])(?:[ ]?(?:h|giờ)(?:[ ]?(?P<cm>[0-5]\d))?|:(?P<cm>[0-5]\d))?"
                rf"{_W0}(?:-|–|đến|tới){_W0}(?:lúc{_W})?(?:[01]?\d|2[0-3])(?:[ ]?(?:h|giờ)(?:[ ]?[0-5]\d(?:[ ]?phút)?)?|:[0-5]\d)(?![\p{{L}}\d]|[.,:/]\d)"
                rf"(?:{_W}(?P<tp>{_PART})(?!\p{{L}}))?",
                DatesComponent._clock_range,
            ),
            # các ngày 4, 11 và 18/10: one item per day
            _Rule(
                "daylist",
                rf"(?:ngày|mồng|mùng|hôm|sáng|chiều|tối|trưa|đêm){_W}(?P<dl>{_DD}(?:{_W0}(?:,|và|;){_W0}{_DD})+){_W0}(?:,|và|;){_W0}(?P<d>{_DD})(?P<sep>[/-])(?P<m>{_MM})"
                rf"(?:(?P=sep)(?P<y>{_YY}))?{_NOT_NUM}",
                DatesComponent._day_list,
            ),
            # từ 3 đến 7-11, 12 - 16 tháng 9: the month is written once, on the last day
            _Rule(
                "elided",
                rf"từ{_W}(?:ngày{_W})?(?P<d>{_DD}){_W0}(?:đến|tới|-|–){_W0}(?:ngày{_W})?(?P<d2>{_DD})(?P<sep>[/-])(?P<m>{_MM})"
                rf"(?:(?P=sep)(?P<y>{_YY}))?{_NOT_NUM}"
                rf"|(?<![\d.,]){_DAYPRE}(?P<d>{_DD}){_W0}(?:-|–|đến|tới){_W0}(?P<d2>{_DD}){_W}tháng{_W0}(?P<m>{_MM})(?:{_YEARPART})?(?!\d)",
                DatesComponent._day, digit=True,
            ),
            # 27-28/4, ngày 27-28/3/2021 (two days of one month)
            _Rule(
                "ddm",
                rf"(?<![\d.,/]){_DAYPRE}(?P<d>{_DD}){_W0}-{_W0}(?P<d2>{_DD})/(?P<m>{_MM})(?:/(?P<y>{_YY}))?{_NOT_NUM}",
                DatesComponent._day, digit=True,
            ),
            # ngày 8 tháng 10 (năm 2021), mồng 3 tháng 3, 14 tháng 5 năm 2018
            _Rule(
                "dtm",
                rf"{_DAYPRE}(?=[0-9])(?<![\d.,]|{_ORD_HEAD}){_B}(?P<d>{_DD}){_W}tháng{_W0}(?:(?P<m>{_MM})|(?<=(?:ngày|mồng|mùng)[ ]+\d{{1,2}}[ ]+tháng[ ]+)(?P<mw>{_MONTHW}))(?:{_YEARPART})?(?!\d)",
                DatesComponent._day, digit=True,
            ),
            # 8/10, ngày 8-10, 08/10/2021, 8-10-2021, chiều 7/10
            _Rule(
                "dmy",
                rf"{_DAYPRE}(?=[0-9])(?<![\d.,/])(?P<d>{_DD})(?P<sep>[/.-])(?P<m>{_MM})(?:(?P=sep)(?P<y>{_YY})|/(?P<yy>\d\d))?{_NOT_NUM}",
                DatesComponent._day, digit=True,
            ),
            # tháng 9, tháng 9/2021, tháng 9 năm 2021, cuối tháng 3/2021, tháng 3-4/2021, tháng 4 này
            _Rule(
                "month",
                rf"(?:(?P<mod>{_MOD}){_W})?(?=th[áa]ng)(?<!(?<!{_ORD_HEAD}|\d){_QUANT}[ ])(?<!(?<!{_ORD_HEAD}|\d)\d+[ ]?)th[áa]ng{_W0}(?P<m>{_MM})"
                rf"(?:{_W0}(?:-|và|đến|tới){_W0}(?:tháng{_W0})?(?P<m2>{_MM}))?(?![\d.,]\d|\d)"
                rf"(?:{_YEARPART}|{_W}(?P<this>này)(?!\p{{L}}))?(?!\d|{_W}(?:lần|tuổi|người|ngày|đồng|triệu|tỷ|tỉ)(?!\p{{L}}))",
                DatesComponent._b_month,
            ),
            # tháng tám, tháng mười hai năm 2019, cuối tháng Năm
            _Rule(
                "monthword",
                rf"(?:(?P<mod>{_MOD}){_W})?(?=tháng)(?<!(?<!{_ORD_HEAD}){_QUANT}[ ]|\d[ ]?)tháng{_W}(?P<mw>{_MONTHW})(?:{_YEARPART}|{_W}(?P<this>này)(?!\p{{L}}))?"
                rf"(?!{_W0}\d|{_W}(?:lần|lượt|đợt|kỳ|buổi|ngày|tuần|tháng|năm|người|tuổi|triệu|tỷ|tỉ|đồng|chục|trăm|nghìn|ngàn|một|hai|ba|bốn|sáu|bảy|tám|chín|mười)(?!\p{{L}}))",
                DatesComponent._monthword,
            ),
            # tháng này, tháng trước, tháng tới, tháng tiếp theo, đầu tháng này
            _Rule(
                "monthrel",
                rf"(?:(?P<mod>{_MOD}){_W})?(?=tháng)(?<!{_QUANT}[ ])tháng{_W}(?P<mrel>này|trước|tới|sau|vừa{_W}qua|vừa{_W}rồi|tiếp{_W}theo|kế{_W}tiếp)(?!\p{{L}}|{_W}(?:đó|nữa))"
                rf"|(?<=từ[ ])(?P<mod>đầu){_W}tháng(?={_W}(?:đến|tới){_W}nay(?!\p{{L}}))",  # (từ) đầu tháng (đến nay)
                DatesComponent._b_monthrel,
            ),
            # 9/2021 (month/year without `tháng`)
            _Rule("my", rf"(?=[0-9])(?<![\d.,/])(?<!số[ ])(?P<m>{_MM})/(?P<y>{_YB}){_NOT_NUM}(?!-)", DatesComponent._b_my, digit=True),
            # thứ Hai tuần sau, chủ nhật tuần này, thứ sáu của tuần sau: a day of a week relative to the publication;
            # hôm thứ Năm, chiều thứ bảy, thứ Năm tới, thứ năm vừa rồi: the nearest such day
            _Rule(
                "weekday",
                rf"(?:(?P<part>{_PART}|hôm|vào){_W})?(?:thứ{_W}(?P<wd>hai|ba|tư|năm|sáu|bảy|[2-7])|(?P<wd>chủ{_W}nhật))(?!\p{{L}}|\d)"
                rf"(?:(?:{_W0},)?{_W}(?:của{_W})?tuần{_W}(?P<wrel>này|qua|vừa{_W}qua|vừa{_W}rồi|rồi|trước|tới|sau|kế{_W}tiếp|tiếp{_W}theo)(?!\p{{L}}|{_W}(?:đó|nữa))"
                rf"|{_W}(?P<wnext>tới|sắp{_W}tới|vừa{_W}rồi|vừa{_W}qua|trước|này)(?!\p{{L}}|{_W}(?:đó|nữa|từ|đây|với|được|khi)(?!\p{{L}})))?",
                DatesComponent._weekday,
            ),
            # tuần thứ hai của tháng 10, tuần cuối cùng của tháng 6
            _Rule(
                "monthweek",
                rf"tuần{_W}(?:thứ{_W})?(?P<wn>đầu{_W}tiên|đầu|cuối{_W}cùng|cuối|nhất|hai|ba|tư|[1-5])(?!\p{{L}}|\d){_W}(?:của{_W})?tháng{_W0}(?P<m>{_MM})(?:{_YEARPART})?(?!\d)",
                DatesComponent._monthweek,
            ),
            # tuần này, tuần qua, tuần trước, đầu tuần tới, cuối tuần rồi
            _Rule(
                "week",
                rf"(?:(?P<mod>đầu|cuối|giữa){_W})?(?=tuần)(?<!{_QUANT}[ ])tuần{_W}(?P<wrel>này|qua|vừa{_W}qua|vừa{_W}rồi|rồi|trước|tới|sau|kế{_W}tiếp|tiếp{_W}theo)(?!\p{{L}}|{_W}(?:đó|nữa))",
                DatesComponent._b_week,
            ),
            # `ngày mai tươi sáng hơn hôm qua`, `nụ cười ngày mai`, `từ trước đến nay`: not dates
            _Rule(
                "figurative",
                rf"(?<=(?:nụ{_W}cười|ước{_W}mơ|mơ{_W}ước|tương{_W}lai|thế{_W}hệ|chủ{_W}nhân|hành{_W}trang|vì|niềm{_W}tin|"
                rf"hy{_W}vọng|hi{_W}vọng|khát{_W}vọng){_W})ngày{_W}mai(?!\p{{L}})"
                rf"|ngày{_W}mai{_W}(?:tươi{_W}sáng|tốt{_W}đẹp|tươi{_W}đẹp|rạng{_W}rỡ|hạnh{_W}phúc|bình{_W}yên|tươi{_W}sáng)(?!\p{{L}})"
                rf"(?:[^.!?\n]{{0,30}}?hơn{_W}hôm{_W}(?:qua|nay)(?!\p{{L}}))?"
                rf"|từ{_W}(?:trước|xưa|ngày{_W}xưa){_W}(?:đến|tới){_W}(?:nay|giờ|bây{_W}giờ)(?!\p{{L}})"
                # `thành công như ngày hôm nay`, `có được ngày hôm nay`: the present state, not a day
                rf"|(?=(?:ngày{_W})?hôm{_W}nay)(?<=(?<!\p{{L}})(?:như|có{_W}được){_W})(?:ngày{_W})?hôm{_W}nay(?!\p{{L}}|{_W0}\(|{_W0},?{_W}(?:ngày{_W})?\d)"
                # `việc hôm nay chớ để ngày mai`: a saying
                rf"|(?:ngày{_W})?hôm{_W}nay(?:{_W0},?{_W}(?:chớ|đừng|không|để|qua|sang|đến|tới|lại))+{_W}ngày{_W}mai(?!\p{{L}})",
                DatesComponent._b_nothing,
            ),
            # hôm qua, hôm nay, ngày mai, sáng nay, chiều qua, ngày hôm qua (30/4)
            _Rule(
                "relday",
                rf"(?:(?P<part>{_PART}){_W})?(?:ngày{_W})?(?=hôm|bữa)(?<!{_QUANT}[ ])(?:hôm|bữa){_W}(?P<rd>nay|qua|kia|trước|sau|đó|ấy)(?!\p{{L}}|{_W}nữa)(?:{_TRAIL})?"
                rf"|(?:(?P<part>{_PART}){_W})?ngày{_W}(?P<rd>mai)(?!\p{{L}})(?:{_TRAIL})?"
                rf"|(?<!ánh[ ]|chiếu[ ]|[^\p{{L}}\d]\d{{1,2}}[ ]|^\d{{1,2}}[ ]|hai[ ]|hướng[ ]|nhiều[ ]|các[ ])(?P<part>{_PART}){_W}(?P<rd>nay|qua|mai)(?!\p{{L}})(?:{_TRAIL})?",
                DatesComponent._b_relday,
            ),
            # cùng năm đó, cùng năm: the year of the previous dated item
            _Rule("sameyear", rf"(?<!sinh[ ]|bằng[ ]|đẻ[ ])cùng{_W}năm(?:{_W}(?:đó|ấy))?(?!\p{{L}}|{_W0}\d|{_W}(?:học|tài|sinh|tuổi|nay|ngoái|trước|sau|với|của)(?!\p{{L}}))", DatesComponent._b_sameyear),
            # cùng ngày, sáng cùng ngày: the day of the previous date
            _Rule("sameday", rf"(?:(?P<part>{_PART}){_W})?cùng{_W}ngày(?!\p{{L}}|{_W0}\d)", DatesComponent._b_sameday),
            # ngày cuối cùng của tháng 6, ngày đầu tiên của tháng 9/2021: a day, not the month
            _Rule(
                "monthday",
                rf"ngày{_W}(?P<dpos>đầu{_W}tiên|cuối{_W}cùng){_W}(?:của{_W})?tháng{_W0}(?P<m>{_MM})(?:{_YEARPART})?(?!\d)",
                DatesComponent._monthday,
            ),
            # ngày 22, ngày mùng 3 (a day without its month)
            _Rule(
                "dday",
                rf"(?=ngày|mồng|mùng)(?<![\d.,][ ]?|mỗi[ ]|hằng[ ]|hàng[ ]|từng[ ])(?:ngày(?:{_W}(?:mồng|mùng))?|mồng|mùng){_W}(?P<d>{_DD})"
                rf"(?=[,.;:)!?]|{_W0}$|{_W}(?:và|nhưng|thì|hoặc|là){_E}|{_W}(?:đến|tới){_W}(?:ngày{_W})?{_DD}[/-]{_MM}(?!\d))",
                DatesComponent._day,
            ),
            # năm học này, năm học vừa qua: the school year (from September) holding or before publication
            _Rule(
                "schoolyear",
                rf"năm{_W}học{_W}(?P<sy>này|hiện{_W}nay|hiện{_W}tại|vừa{_W}qua|vừa{_W}rồi|trước|tới|sau)(?!\p{{L}}|{_W}(?:đó|nữa))",
                DatesComponent._schoolyear,
            ),
            # thập niên 80 của thế kỷ trước, những năm 1990, thập kỷ 70
            _Rule(
                "decade",
                rf"(?:thập{_W}(?:niên|kỷ|kỉ)|những{_W}năm){_W}(?P<dec>(?:19|20)?\d0)(?!\d|[.,/]\d|{_W}(?:tuổi|người|đồng|triệu|tỷ|tỉ)(?!\p{{L}}))"
                rf"(?:{_W0},?{_W0}(?:của{_W})?thế{_W}k[ỷỉ]{_W}(?P<cent>trước|XXI|XX|21|20|này|qua)(?!\p{{L}}|\d))?",
                DatesComponent._decade,
            ),
            # giai đoạn 2021-2025, năm học 2019-2020, 2016 - 2020
            _Rule(
                "yrange",
                rf"(?:(?P<yw>giai{_W}đoạn|năm{_W}học|niên{_W}kh[óo]a|năm{_W}tài{_W}chính|năm){_W0})?(?=[12])(?<![\d.,/]){_B}(?P<y>{_YB}){_W0}-{_W0}(?P<y2>{_YB})(?![\d.,/]\d|\d)",
                DatesComponent._b_yrange, digit=True,
            ),
            # năm 2021, cuối năm 2020, năm học 2020, SN 1994, sinh năm 1976, năm nay 2020, 2021 (bare)
            _Rule(
                "year",
                rf"(?:(?P<mod>{_MOD}){_W})?(?:(?P<yw>năm{_W}học|năm{_W}tài{_W}chính|niên{_W}kh[óo]a|năm(?:{_W}nay)?|SN|sinh(?:{_W}năm)?){_W0})?"
                rf"(?=[12])(?<![\d.,/-]|số[ ]|BN[ ]?|mã[ ]|#)(?P<y>{_YY})(?![\d]|[.,]\d|/\d|/\p{{L}}|-\p{{L}}|{_W0}%|{_W0}-{_W0}\d)",
                DatesComponent._year, digit=True,
            ),
            # Lúc 9h20, 16:05, 4 giờ rưỡi chiều: a clock time (last: a date that starts here wins)
            _Rule("clock", _CLOCK_PART, DatesComponent._clock, digit=True),
            # năm nay, năm ngoái, đầu năm, cuối năm nay, đầu năm sau
            _Rule(
                "yearrel",
                # năm qua, năm vừa qua (no count before it): the past year
                rf"(?=năm)(?<!(?:{_QUANT}|bao|nửa|bấy|của|hơn|đầu|cuối|giữa)[ ])năm{_W}(?P<ypast>vừa{_W}qua|vừa{_W}rồi|qua)(?!\p{{L}}|{_W}(?:đó|nữa|khi))|"
                rf"(?:(?P<mod>{_MOD}){_W})?(?=năm)(?<!{_QUANT}[ ]|của[ ]|hơn[ ]|bao[ ]|nửa[ ]|bấy[ ])năm(?:{_W}(?P<yrel>{_YREL}))?(?!\p{{L}}|{_W0}\d|{_W}(?:đó|nữa|khi|học|tài))",
                DatesComponent._b_yearrel,
            ),
        ]
        self._builders = {r.name: r.build for r in rules}
        self._re = regex.compile(_B + "(?:" + "|".join(_alt(r.name, r.pattern) for r in rules) + ")", regex.IGNORECASE)
        # At a digit only the rules that can open with a digit are tried (same order, a third of them).
        digit_alts = "|".join(_alt(r.name, r.pattern) for r in rules if r.digit)
        self._re_digit = regex.compile(_B + "(?:" + digit_alts + ")", regex.IGNORECASE)
        # Speed: the combined pattern is tried only where a word that can open a date starts
        # (a digit or one of these words); a stdlib scan finds those places fast.
        # The scan runs case-sensitively over a lower-cased copy (ten times faster than IGNORECASE).
        hol_words = alternation(n.lower() for n in hol_names)
        words = "|".join((*_TRIGGERS[1:], hol_words))
        # Positions where a digit trigger starts after no word character, dot or comma, or a word
        # trigger after no word character. The scan consumes the first character (a digit or one
        # of the letters that start a trigger word): a pattern that opens with a character class
        # lets the engine skip to candidates in C, and the checks run as one lookbehind there.
        # (The same positions as the zero-width ``(?<![\w.,])(?=T0)|(?<!\w)(?=T1)``, which the
        # engine cannot skip through; the IGNORECASE fallback keeps that form.)
        first = "[\\d" + "".join(sorted(set(_TRIGGER_LETTERS) | {n.lower()[0] for n in hol_names})) + "]"
        self._trigger = re.compile(
            first + r"(?<!\w.)(?<=(?:(?<![.,])(?=\d)(?=" + _TRIGGERS[0] + r")|(?=" + words + "))" + first + ")"
        )
        self._trigger_ci = re.compile(
            r"(?<![\w.,])(?=" + _TRIGGERS[0] + r")|(?<!\w)(?=" + words + r")", re.IGNORECASE
        )
        # (rule, group) of each alternative, the most frequent first (the one that matched is looked up).
        self._kinds = sorted(
            ((n[2:], i) for n, i in self._re.groupindex.items() if n.startswith("k_")), key=lambda k: _FREQUENT.get(k[0], 99)
        )
        self._kinds_digit = sorted(
            ((n[2:], i) for n, i in self._re_digit.groupindex.items() if n.startswith("k_")), key=lambda k: _FREQUENT.get(k[0], 99)
        )
        self._units_re = regex.compile(rf"{_W}(?:{_UNITS})(?!\p{{L}})", regex.IGNORECASE)
        # Before a bare d/m: house numbers, ratios and scores, not dates.
        self._bare_dm_before = regex.compile(
            rf"(?:số|nhà|ngõ|hẻm|kiệt|ngách|tổ|lô|phòng|căn|km|đường|phố|công{_W}viên|cầu|quảng{_W}trường|chợ|bến|vòng|quốc{_W}lộ|QL|tỉnh{_W}lộ|tỷ{_W}số|tỉ{_W}số|tỷ{_W}lệ|tỉ{_W}lệ|chiếm|đạt|được|điểm|khoảng|gần|hơn|trên|dưới|top|hạng|thứ|lớp|kết{_W}quả|đánh{_W}giá)[ ]*:?[ ]*$",
            regex.IGNORECASE,
        )
        # After a bare d/m: punctuation, a function word or a capital; `5/5 hạng mục` is a ratio.
        self._bare_dm_after = regex.compile(
            rf"[ ]*(?:[,.;:!?)\"'\n-]|$)|[ ]+\p{{Lu}}|(?i:{_W}(?:và|của|tại|ở|với|đến|tới|vừa|qua|này|năm|đã|sẽ|là|"
            rf"thì|khi|có|được|trong|theo|nhằm|để|do|về|cho|mới|lúc|hoặc|nhưng|rồi|trước|sau|hay|hôm|cùng|đúng|vào|"
            rf"từ|lại|cũng|vẫn|chưa|không|đều|nay|tiếp|tăng|giảm|diễn|xảy|kéo|trở)(?!\p{{L}}))"
        )
        # Before a bare d/m: words that announce a date whatever follows.
        self._bare_dm_ctx = regex.compile(
            rf"(?:phiên|lễ|dịp|từ|đến|tới|trước|sau|hôm|kỷ{_W}niệm|\(|-)[ ]*$", regex.IGNORECASE
        )
        self._bare_year_before = regex.compile(
            rf"(?:khoảng|gần|hơn|trên|dưới|xấp{_W}xỉ|lên|còn|số|mã|BN|top|hạng|thứ|đạt|tổng|Euro|kỷ{_W}lục){_W0}$",
            regex.IGNORECASE,
        )
        self._phone_after = regex.compile(r"[ ]\d{3}")
        # After a bare d/m: a number or people noun makes it a ratio (`1/6 triệu trẻ`, `6/8 người`).
        self._ratio_after = regex.compile(rf"{_W}(?:{_UNITS})(?!\p{{L}})(?<!ngày|tháng|năm|giờ|phút)", regex.IGNORECASE)
        # Before a bare d-m: words after which a date is expected (`từ 2-9`, `trước 30-11`, `(21-6)`).
        self._dash_ctx = regex.compile(r"(?:(?<!\p{L})(?:từ|đến|tới|trước|sau|hôm|nay|qua|lễ|dịp|phiên)|\()[ ]*$", regex.IGNORECASE)
        # `Từ 2-9 đến 10-9`: the second member of a range that a bare day-month opened.
        self._dash_range_before = regex.compile(
            rf"(?<!\p{{L}})(?:từ|ngày){_W}{_DD}[-/]{_MM}(?:[-/]{_YY})?{_W0}(?:đến|tới|-|–){_W0}$", regex.IGNORECASE
        )
        # A score, not a day-month: `Trận đấu kết thúc (2-1)`, `thắng 2-1`, `chung cuộc 4-2`
        # (a sports word earlier in the clause, or a score word right after).
        self._score_clause = regex.compile(
            rf"(?<!\p{{L}})(?:t[ỷỉ]{_W}số|(?<!(?:chiến|đại|toàn|thần|khải){_W})thắng|thua|hòa|hoà|chung{_W}cuộc|hiệp{_W}(?:một|hai|1|2|phụ)"
            rf"|trận{_W}(?:đấu|cầu|chung{_W}kết|bán{_W}kết|tứ{_W}kết|giao{_W}hữu|lượt{_W}(?:đi|về))|ghi{_W}bàn|bàn{_W}thắng|loạt{_W}sút|penalty)"
            rf"(?!\p{{L}})[^.!?;\n]{{0,48}}$",
            regex.IGNORECASE,
        )
        self._score_after = regex.compile(
            rf"\)?{_W0}(?:nghiêng{_W}về|cho{_W}đội|bàn|trên{_W}sân|sau{_W}(?:90|120){_W}phút|ở{_W}hiệp)(?!\p{{L}})", regex.IGNORECASE
        )
        # `Các tổ 4, 11 và 18/10`: the last member of a list of numbers whose head is not a date word.
        self._numlist_before = regex.compile(
            rf"(?<!(?:ngày|mồng|mùng|hôm|sáng|chiều|tối|trưa|đêm|khuya|từ){_W}(?:\d{{1,2}}{_W0},{_W0})*)(?<![\d.,/])\d{{1,3}}"
            rf"(?:{_W0},{_W0}\d{{1,3}})*{_W0}(?:,|và|hoặc|;){_W0}$",
            regex.IGNORECASE,
        )
        self._line_start = regex.compile(r"(?:^|\n)[ ]*(?:[-•*+][ ]*)?$")
        # `thứ hai, ngày 20/7`, `thứ Hai (8-10)`: a weekday followed by its date.
        self._wd_date_after = regex.compile(rf"{_W0}[,(]?{_W0}(?:ngày{_W})?\d{{1,2}}{_W0}(?:[/-]|tháng)", regex.IGNORECASE)
        self._ordinal_before = regex.compile(
            rf"(?:lần|người|vị{_W}trí|hạng|đợt|khóa|kỳ|phần|điều|mục|bước|đứng|xếp|con|lớp|giải|số|năm|tháng|tuần|quý|ngày|đời){_W}$",
            regex.IGNORECASE,
        )
        self._quarter_member = regex.compile(r"(?<![\p{L}\d])(?:IV|I{1,3}|[1-4]|một|hai|ba|bốn|tư)(?![\p{L}\d])", regex.IGNORECASE)
        self._day_member = regex.compile(r"\d{1,2}")
        self._quarter_word_before = regex.compile(rf"quý{_W0}$", regex.IGNORECASE)
        self._wd_gap = regex.compile(rf"{_W0}[,(]?{_W0}")
        self._rule_text_before = regex.compile(rf"(?:kê{_W}khai|căn{_W}cứ|quyết{_W}toán)(?:{_W}\p{{L}}+){{0,4}}{_W}$", regex.IGNORECASE)
        asof_tail = r"[ ]+(?:tận[ ]+)?(?:thời[ ]+điểm[ ]+(?:này|hiện[ ]+tại|hiện[ ]+nay)|nay|bây[ ]+giờ)(?!\w)"
        self._glued_asof_res = [re.compile(w + asof_tail) for w in ("đến", "tới")]  # a literal start scans fast
        # Clock times: before their day (`lúc 14h30 ngày 8-10`, `8:15 sáng ngày 3/5`), after it
        # (`ngày 8-10, lúc 9h20`), and alone (`Lúc 9h20, …`).
        clock = _CLOCK_PART
        self._clock_before = regex.compile(
            rf"(?:(?:vào{_W})?lúc{_W})?(?:(?:khoảng|hơn|gần|đúng){_W})?{clock}(?:(?<=\d)(?<!giờ[ ]?\d{{1,2}}){_W}giờ)?{_W0},?{_W0}$", regex.IGNORECASE
        )
        self._clock_after = regex.compile(
            rf"{_W0},?{_W0}(?:vào{_W})?lúc{_W}(?:(?:khoảng|hơn|gần|đúng){_W})?{clock}", regex.IGNORECASE
        )
        self._clock_from = regex.compile(
            rf"(?:(?:(?:kể|bắt{_W}đầu){_W})?từ{_W}(?:lúc{_W})?|(?:vào{_W})?lúc{_W})?{clock}{_W0}(?:đến|tới|-|–){_W0}(?:lúc{_W})?$",
            regex.IGNORECASE
        )
        self._luc_before = regex.compile(rf"(?<!\p{{L}})(?:vào{_W})?lúc{_W}(?:(?:khoảng|hơn|gần|đúng){_W})?$", regex.IGNORECASE)
        self._duration_before = regex.compile(
            rf"(?<!\p{{L}})(?:trong|mất|kéo{_W}dài|suốt|thêm|còn|vòng|tốn|trung{_W}bình|tổng{_W}cộng|hơn|gần|sau|mỗi|chừng){_W}$",
            regex.IGNORECASE,
        )
        self._span_before = regex.compile(rf"(?<!\p{{L}})(?:trong|suốt|mất|kéo{_W}dài|vòng|cách{_W}ly|chờ){_W}(?:(?:hơn|gần|khoảng){_W})?$", regex.IGNORECASE)
        self._every_before = regex.compile(rf"(?<!\p{{L}})(?:mỗi|hàng|hằng|các|những)(?:{_W}(?:buổi|ngày))?{_W}$", regex.IGNORECASE)
        self._compared_before = regex.compile(rf"(?<!\p{{L}})(?:so{_W}với|hơn|bằng|từ|đến|tới)(?:{_W}\p{{L}}+)?{_W}$", regex.IGNORECASE)
        self._hour_h_ctx = regex.compile(
            rf"(?<!(?:kéo{_W}dài|mất|trong|suốt|sau|chờ|tốn|thêm|còn|vòng|hơn|gần|khoảng|chừng)(?:{_W}(?:khoảng|chừng|gần|hơn))?{_W})"
            rf"(?:(?<!\p{{L}})(?:vào|đến|tới|đúng|khoảng|chừng|trước|tầm)|(?:^|[.!?;:\n])[ ]*)(?:{_W}|$)$",
            regex.IGNORECASE,
        )
        # A sentence that turns to the present (`Hiện, …`, `Năm nay …`) ends the year the text had fixed.
        self._scale_before = regex.compile(rf"(?:t[ỷỉ]{_W}(?:lệ|số)|bản{_W}đồ|quy{_W}hoạch|chiếm){_W0}$", regex.IGNORECASE)
        self._date_next = regex.compile(
            rf"{_W0},?{_W0}(?:(?:{_PART}){_W})?(?:(?:ngày|hôm|mồng|mùng){_W}\d|\d{{1,2}}{_W0}[/-]{_W0}\d)", regex.IGNORECASE
        )
        self._ram_before = regex.compile(rf"(?<!\p{{L}})rằm{_W}$", regex.IGNORECASE)
        self._recurring_before = regex.compile(
            rf"(?<!\p{{L}})(?:mỗi|hằng|hàng)(?:{_W}(?:dịp|độ|khi|kỳ|năm|mùa))?{_W0},?{_W}(?:(?:vào|từ|khoảng|trong|dịp|những{_W}ngày|các{_W}ngày){_W})*$",
            regex.IGNORECASE,
        )
        self._future_before = regex.compile(
            rf"(?<!\p{{L}})(?:sẽ|sắp|dự{_W}kiến|dự{_W}định|kế{_W}hoạch|chậm{_W}nhất|hạn{_W}chót|thời{_W}hạn)(?!\p{{L}})", regex.IGNORECASE
        )
        self._present_turn = regex.compile(
            rf"(?:^|[.!?;\n])[ ]*[\"“]?(?:hiện(?:{_W}(?:nay|tại|giờ))?|năm{_W}nay|bây{_W}giờ|tới{_W}đây|sắp{_W}tới|thời{_W}gian{_W}tới)(?!\p{{L}})",
            regex.IGNORECASE | regex.MULTILINE,
        )
        self._hour_h_clause = regex.compile(rf"(?:^|[.!?;:\n])[ ]*(?:hơn|gần){_W}$", regex.IGNORECASE | regex.MULTILINE)
        self._clock_ctx = regex.compile(rf"(?<!\p{{L}})(?:vào|đến|tới|từ|đúng){_W}$", regex.IGNORECASE)
        self._score_before = regex.compile(rf"(?:t[ỷỉ]{_W}(?:số|lệ)|thắng|thua|hòa|hoà|kết{_W}quả){_W0}$", regex.IGNORECASE)
        self._routine = regex.compile(
            rf"(?<!\p{{L}})(?:(?:mỗi|hàng|hằng){_W}(?:ngày|sáng|tối|đêm|buổi|tuần)|(?:ngày|hôm){_W}nào|thường{_W}xuyên|mở{_W}cửa|giờ{_W}làm{_W}việc)(?!\p{{L}})",
            regex.IGNORECASE,
        )
        self._from_re = regex.compile(rf"(?:(?:kể|bắt{_W}đầu){_W})?từ{_W}(?:{_TIME}{_W})?$", regex.IGNORECASE)
        self._range_gap = regex.compile(
            rf"{_W0}(?:-|–|đến|tới|cho{_W}đến)(?:{_W}(?:hết|trước|cuối))?(?:{_W}{_TIME})?{_W0}", regex.IGNORECASE
        )
        # `ngày 5 và 6-10`, `ngày 17 đến 20-10`: a day-month right after a day of a list or range.
        self._day_before = regex.compile(
            rf"(?<![\p{{L}}])(?:ngày|mồng|mùng|hôm)(?:{_W}(?:mồng|mùng))?{_W}{_DD}(?:{_W0},|{_W}(?:và|đến|tới)){_W}$", regex.IGNORECASE
        )
        self._list_gap = regex.compile(rf"{_W0}(?:,|và|hoặc|;){_W0}", regex.IGNORECASE)
        # `tính đến ngày 6-10`, `tính đến hết`, `đến 8h sáng ngày 30/4`: a state at that date.
        self._asof_before = regex.compile(
            rf"(?P<tinh>(?:tính|cho){_W})?(?:đến|tới){_W}(?P<het>(?:hết|cuối){_W})?(?:thời{_W}điểm{_W})?"
            rf"(?:(?:lúc{_W})?\d{{1,2}}{_W0}(?:h|giờ)(?:{_W0}\d{{1,2}}(?:{_W0}phút)?)?{_W})?(?:ngày{_W})?$",
            regex.IGNORECASE,
        )

    # -- scanning ------------------------------------------------------------------------------
    def __call__(self, doc: Doc, rec: Record) -> None:
        text = doc.text
        atoms: list[_Atom] = []
        last = doc.header_end
        match, match_digit = self._re.match, self._re_digit.match
        low = doc.lower
        trig = self._trigger if len(low) == len(text) else self._trigger_ci
        for t in trig.finditer(low if trig is self._trigger else text, doc.header_end):
            p = t.start()
            if p < last:
                continue
            m = match_digit(text, p) if text[p].isdigit() else match(text, p)
            if m is None:
                continue
            last = m.end()
            a = self._atom(m, text)
            if isinstance(a, list):
                atoms.extend(a)
            elif a is not None:
                atoms.append(a)
        if len(low) == len(text):
            atoms.extend(self._glued_asof(low, doc.header_end))
        if atoms:
            atoms.sort(key=lambda x: x.s)
            for a in atoms:
                if "yy" in a.extra:
                    a.y, a.explicit_year = _century(a.extra["yy"], doc.published), True
            atoms = self._combine(atoms, text)
            atoms = self._weekday_dates(atoms, text, doc.published)
            self._clock_times(atoms, text)
            atoms = self._settle_clocks(atoms, doc)
        if not atoms:
            return
        self._sentence_years(atoms, doc)
        ref = _Ref(doc.published)
        prev_value: tuple[str | None, str] = (None, "")
        periods: list[_Period] = []  # the days, months, quarters and halves named so far
        para_day: tuple[int, str | None] = (-1, None)  # (paragraph start, last day named in it)
        # (paragraph start, year, its sentence start, opens its sentence) of the year the text has fixed
        story: tuple[int, int, int, bool] | None = None
        last_year = 0  # the year of the last item with an explicit year (`Cùng năm đó`)
        last_dated: tuple[str, str] | None = None  # (value, grain) of the last day, month or year named
        prev_rel: tuple[_Atom, DateItem] | None = None  # the last item, when a relative day (`từ đêm qua …`)
        for a in atoms:
            if a.grain in ("since", "fromnow"):
                continue
            para = text.rfind("\n", 0, a.s) + 1
            value: str | None
            end_value: str | None
            unresolved: list[str] | None
            if a.kind == "after":
                after = self._after_value(a, last_dated)
                if after is None:
                    continue  # nothing named before it to count from
                value, grain, end_value, unresolved = after, a.grain, None, None
            elif a.kind == "sameyear":
                if not last_year:
                    continue  # `cùng năm` with no year before it: nothing to point at
                value, grain, end_value, unresolved = f"{last_year:04d}", "year", None, None
            elif a.kind in _CLOCK_KINDS:
                value, grain, end_value, unresolved = self._clock_day(para_day if para_day[0] == para else None, ref)
            elif a.grain == "cungky":
                if "bare" in a.extra and not any(p[2] not in ("day", "year") or p[0] == doc.sentence_at(a.s)[0] for p in periods):
                    continue
                value, grain, end_value, unresolved = self._cungky(a, ref, periods, doc.sentence_at(a.s)[0])
            else:
                if "needs_day" in a.extra and prev_value[0] is None:
                    continue  # `đi bắt từ tối hôm trước`: no day named before it, a habit, not a date
                if (
                    a.y is None and a.yrel is None and a.rel is None and a.m is not None and a.grain in ("day", "month")
                    and ref.pub is not None and (ref.year_for(a.m, a.d) or ref.pub.year) < ref.pub.year
                    and self._future_before.search(text, doc.sentence_at(a.s)[0], a.s)
                ):
                    a.y = ref.pub.year  # `sẽ tổ chức … vào ngày 9/7` (published in April): this year's, not last year's
                if (
                    story is not None and story[0] == para and "story" in a.extra and a.y is None and a.extra["story"] <= 0
                    and (story[3] or story[2] == doc.sentence_at(a.s)[0])
                    and not self._present_turn.search(text, story[2] + 1, a.s)
                ):
                    a.y = story[1] + a.extra["story"]  # `Năm 2021 … đầu năm`, `… so với năm trước`
                value, grain, end_value, unresolved = self._resolve(a, ref, prev_value)
            if a.explicit_year and a.y is not None:
                last_year = a.y
            if a.explicit_year and a.y is not None and a.end is None and a.grain in ("year", "half", "quarter", "month"):
                sent = doc.sentence_at(a.s)[0]
                if (ref.pub is None or a.y <= ref.pub.year) and not self._compared_before.search(text, max(sent, a.s - 14), a.s):
                    # a past year the text narrates: it opens its sentence (`Năm 2021, …`), or it
                    # holds for its own sentence; not a year compared with (`so với cuối năm 2020`)
                    story = (para, a.y, sent, a.s - sent <= 12)
            if value is not None and grain == "day" and a.kind not in _CLOCK_KINDS:
                para_day = (para, value)
            if value is not None and grain in ("day", "month", "year") and end_value is None:
                last_dated = (value, grain)
            if (
                prev_rel is not None and a.kind == "relday" and grain == "day" and value is not None and rec.dates
                and rec.dates[-1] is prev_rel[1] and (prev_rel[1].value or "") < value
                and self._range_gap.fullmatch(text, prev_rel[0].e, a.s)
                and (fm := self._from_re.search(text, max(0, prev_rel[0].s - 28), prev_rel[0].s)) is not None
            ):
                # `từ đêm qua đến sáng nay`: one range of relative days
                item = prev_rel[1]
                item.text, item.start, item.end = doc.surface(fm.start(), a.e)
                item.end_value, item.rule, prev_rel = value, "range_relday", None
                continue
            surf, s, e = doc.surface(a.s, a.e)
            if a.invalid:
                doc.warn("impossible_date", f"{surf!r} is not a calendar date ({a.invalid})", s, e)
            rec.dates.append(
                DateItem(surf, s, e, value, grain, a.role, end_value, a.kind, unresolved=unresolved, time=a.time)
            )
            prev_rel = (a, rec.dates[-1]) if a.kind == "relday" and grain == "day" and a.time is None else None
            if value is not None and a.anaphor is None and grain == "day":
                prev_value = (value, grain)  # `cùng ngày`: the last DAY named (not `tuần trước`)
            if value is not None and a.anaphor is None:
                if grain in ("day", "month", "quarter", "half") and a.grain != "cungky" and a.kind not in _CLOCK_KINDS:
                    periods.append((doc.sentence_at(a.s)[0], value, grain, end_value))
                elif grain == "year" and a.explicit_year and end_value is None:
                    periods.append((doc.sentence_at(a.s)[0], value, grain, None))  # `cùng kỳ` of its own sentence only

    # -- clock times, weekdays with their dates, glued as-of phrases ----------------------------
    def _glued_asof(self, low: str, start: int) -> list[_Atom]:
        """`chính sáchđến thời điểm này`: an as-of phrase glued to the previous word (a lost space)."""
        out = []
        for m in (m for r in self._glued_asof_res for m in r.finditer(low, start)):
            if not (m.start() > 0 and low[m.start() - 1].isalpha()):
                continue  # a normal as-of phrase (found by the main pattern)
            out.append(_Atom(m.start(), m.end(), "asof_glued", "asof", role="as_of"))
        return out

    def _clock_times(self, atoms: list[_Atom], text: str) -> None:
        """`lúc 14h30 ngày 8-10`, `9 giờ tối nay`, `ngày 8-10, lúc 9h20`: the time rides on its day."""
        for a in atoms:
            if a.grain != "day" or a.end is not None and a.kind.startswith("range_"):
                continue
            m = self._clock_before.search(text, max(0, a.s - 40), a.s) if _DIGIT.search(text, max(0, a.s - 16), a.s) else None
            if m is not None:
                t = _clock_value(m, m.group("tp") or a.part)
                if t is not None:
                    a.time, a.s = t, m.start()
                    r = self._clock_from.search(text, max(0, a.s - 40), a.s)
                    if r is not None:  # `từ 8h06 đến 8h38 ngày 30/4`: the day, from its first time
                        t = _clock_value(r, r.group("tp") or a.part)
                        if t is not None:
                            a.time, a.s, a.role = t, r.start(), "event"
                    continue
            # endpos: `regex` looks for the required `lúc` up to endpos before matching (to the text's end otherwise)
            m = self._clock_after.match(text, a.e, a.e + 120)
            if m is not None and not self._date_next.match(text, m.end()):  # `tối 21/4, lúc 8h30 sáng 8/4`: the next date's
                t = _clock_value(m, m.group("tp") or a.part)
                if t is not None:
                    a.time, a.e = t, m.end()

    def _clock(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        """`Lúc 9h20, …`: a clock time outside a date item is an item of its own (its day is settled
        in ``__call__``); not a duration (`trong 1h30`, `là 2 giờ 15 phút`) or a score (`tỷ số 3:1`)."""
        m, p = g.m, a.s
        luc = self._luc_before.search(text, max(0, p - 20), p)
        # `Hơn 9h, trời vẫn mưa`: a clause that opens with the time (not `mất hơn 9h`)
        opens = text.startswith(",", a.e) and self._hour_h_clause.search(text, max(0, p - 8), p) is not None
        if not (luc or g.get("tp") or g.get("cm") or g.get("half") or g.get("kem")):
            # `8 giờ`: a clock time only after `lúc` or with a part of the day; a whole hour in `h`
            # after `đến`/`khoảng`/`trước` … (`Đến 16h, …`, `Khoảng 22h, …`) or opening its clause (`9h, …`)
            if not (m.group().lower().endswith("h") and (opens or self._hour_h_ctx.search(text, max(0, p - 32), p))):
                return None
        if not (luc or g.get("tp") or opens):
            if self._duration_before.search(text, max(0, p - 16), p):
                return None  # `trong 1h30`, `mất 2 giờ 15 phút`: durations
            if "giờ" in m.group().lower() and not self._clock_ctx.search(text, max(0, p - 8), p):
                return None  # `là 2 giờ 15 phút`: spelled with `giờ`, a clock time needs `lúc`, `vào`, `đến` …
        if g.get("cm") and ":" in m.group() and self._score_before.search(text, max(0, p - 16), p):
            return None
        t = _clock_value(m, g.get("tp"))
        if t is None:
            return None
        return _Atom(luc.start() if luc else p, a.e, "clock", "clock", time=t)

    def _clock_range(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        """`từ 7h đến 9h30`, `từ 6-7h sáng`: the first time of the range (the part of the day written
        once, at the end, holds for both); not a span of hours (`mất từ 2 đến 3 giờ`)."""
        if self._duration_before.search(text, max(0, a.s - 16), a.s) or self._units_re.match(text, a.e):
            return None
        t = _clock_value(g.m, g.get("tp"))
        if t is None:
            return None
        return _Atom(a.s, a.e, "clock_range", "clock", time=t)

    def _settle_clocks(self, atoms: list[_Atom], doc: Doc) -> list[_Atom]:
        """Bare clock times: drop those a date item took (`lúc 14h30 ngày 8-10`) and daily
        routines (`Mỗi ngày … lúc 4 giờ sáng`)."""
        taken = [(a.s, a.e) for a in atoms if a.kind not in _CLOCK_KINDS]
        out = []
        j = 0
        for a in atoms:
            if a.kind not in _CLOCK_KINDS:
                out.append(a)
                continue
            while j < len(taken) and taken[j][1] <= a.s:
                j += 1
            if j < len(taken) and taken[j][0] < a.e:
                continue  # inside a date item
            ss, se = doc.sentence_at(a.s)
            if self._routine.search(doc.text, ss, se):
                continue  # a routine, not a dated event
            out.append(a)
        return out

    def _weekday_dates(self, atoms: list[_Atom], text: str, pub: PubDate | None) -> list[_Atom]:
        """`thứ Hai (8-10)`, `thứ bảy ngày 14 tháng 8`, `ngày 20/7 (thứ Ba)`: one item with the
        date; the weekday picks the year when the date has none."""

        def join(a: _Atom, b: _Atom) -> _Atom | None:
            if a.kind == "weekday" and "near" in a.extra and b.grain == "day" and b.kind in _DAY_KINDS:
                wd, day, gap = a, replace(b, s=a.s, part=b.part or a.part), self._wd_gap.fullmatch(text, a.e, b.s)
            elif b.kind == "weekday" and "near" in b.extra and a.grain == "day" and a.kind in _DAY_KINDS:
                wd, day, gap = b, replace(a, e=b.e), self._wd_gap.fullmatch(text, a.e, b.s)
            else:
                return None
            if gap is None:
                return None
            if "(" in gap.group() and text.startswith(")", day.e):
                day.e += 1  # `thứ Hai (8-10)`, `ngày 20/7 (thứ Ba)`
            self._weekday_year(day, wd.extra["wd"], pub)
            return day

        out: list[_Atom] = []
        i = 0
        while i < len(atoms):
            joined = join(atoms[i], atoms[i + 1]) if i + 1 < len(atoms) else None
            out.append(joined or atoms[i])
            i += 2 if joined is not None else 1
        return out

    @staticmethod
    def _weekday_year(a: _Atom, wd: int, pub: PubDate | None) -> None:
        if a.y is not None or a.yrel is not None or a.m is None or a.d is None or pub is None or a.end is not None:
            return
        ref = _Ref(pub)
        y0 = ref.year_for(a.m, a.d) or pub.year
        for y in (y0, y0 + 1, y0 - 1):
            try:
                if date(y, a.m, a.d).weekday() == wd:
                    a.y = y
                    return
            except ValueError:
                continue

    def _sentence_years(self, atoms: list[_Atom], doc: Doc) -> None:
        """`Đầu tháng 10/2021 (dịp … 4/10)`: a date without a year takes the explicit year of an
        earlier date of the same month in the same sentence."""
        explicit = {a.m for a in atoms if a.explicit_year and a.m is not None}
        if not explicit:
            return
        seen: dict[tuple[int, int], int] = {}
        for a in atoms:
            if a.m not in explicit:
                continue
            sent = doc.sentence_at(a.s)[0]
            if a.explicit_year and a.y is not None:
                seen[(sent, a.m)] = a.y
            elif a.y is None and a.yrel is None and a.rel is None and a.grain in ("day", "month"):
                y = seen.get((sent, a.m))
                if y is not None:
                    a.y = y

    def _atom(self, m: regex.Match[str], text: str) -> _Atom | list[_Atom] | None:
        """The atom(s) of one match: the fields every rule shares, then the rule's builder."""
        kinds = self._kinds_digit if m.re is self._re_digit else self._kinds
        kind = next(k for k, i in kinds if m.start(i) >= 0)
        s, e = m.span()
        g = _Groups(m)
        a = _Atom(s, e, kind, "day")
        if g.get("part"):
            a.part = " ".join(g["part"].lower().split())
        if g.get("mod"):
            a.mod = " ".join(g["mod"].lower().split())
        y = int(g["y"]) if g.get("y") else None
        if y is not None:
            a.y, a.explicit_year = y, True
        if g.get("yrel"):
            a.yrel = _YREL_OFFSETS[" ".join(g["yrel"].lower().split())]
        return self._builders[kind](self, a, g, text)

    # -- builders: one per rule (see the rule table in ``__init__``) ----------------------------
    def _b_nothing(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        return None  # consumed: `ngày mai tươi sáng`, `từ trước đến nay` are not dates

    def _b_holiday(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        return self._holiday(a, g["hol"])

    def _b_season(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain, a.season = "season", _SEASONS[g["season"].lower()]
        if g.get("srel"):
            a.yrel = {"này": 0, "tới": 1, "sau": 1, "trước": -1, "vừa qua": -1}[" ".join(g["srel"].lower().split())]
        return a

    def _b_marker(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = a.kind  # `từ nay đến`, `trở lại đây`: joined with a neighbour in ``_combine``
        return a

    def _b_asof(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain, a.role = "asof", "as_of"
        return a

    def _b_cungky(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = "cungky"
        if a.y is None and a.yrel is None:
            a.yrel = -1
            if a.e - a.s <= 8:
                a.extra = {"bare": 1}  # `so với cùng kỳ`: only with a period named before it
        return a

    def _b_ago(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        n = _count_of_units(a, g, 200)
        if n is None:
            return None
        a.rel = -n
        return a

    def _b_months(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        return self._months(a, g)

    def _b_quarter(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = "quarter"
        if g.get("qpos"):
            a.q = 1 if g["qpos"].lower() == "đầu" else 4
        else:
            a.q = _quarter_number(g["q"])
            if g.get("q2"):
                q2 = _quarter_number(g["q2"])
                if q2 <= a.q:
                    return None
                a.end = (None, None, None, q2)
        if g.get("this"):
            a.yrel = 0
        return a

    def _b_month(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain, a.m = "month", int(g["m"])
        if g.get("m2"):
            m2 = int(g["m2"])
            if m2 <= a.m:
                return None
            a.end = (None, m2, None, None)
        if g.get("this"):
            a.yrel = 0
        return a

    def _b_monthrel(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = "month"
        if not g.get("mrel"):
            a.yrel, a.extra = 0, {"thismonth": 1}  # `từ đầu tháng đến nay`: this month, absolute for the range
            return a
        w = " ".join(g["mrel"].lower().split())
        a.rel = {"này": 0, "trước": -1, "vừa qua": -1, "vừa rồi": -1}.get(w, 1)  # tới, sau, tiếp theo
        return a

    def _b_my(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        if self._scale_before.search(text, max(0, a.s - 24), a.s):
            return None  # `quy hoạch tỷ lệ 1/2000`: a map scale, not January 2000
        a.grain, a.m = "month", int(g["m"])
        return a

    def _b_week(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = "week"
        a.rel = _WEEK_OFFSETS[" ".join(g["wrel"].lower().split())]
        return a

    def _b_relday(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        if g.get("td"):
            a.d, a.m = int(g["td"]), int(g["tm"])
            if g.get("ty"):
                a.y, a.explicit_year = int(g["ty"]), True
            a.kind = "relday_explicit"
            return a
        w = g["rd"].lower()
        if w in ("trước", "sau", "đó", "ấy"):  # `hôm sau`, `chiều hôm sau`, `trưa hôm ấy`: from the previous day named
            a.anaphor = {"trước": -1, "sau": 1}.get(w, 0)
            a.extra = {"needs_day": 1}  # with no day named before: a habit or a story, not a date
            return a
        a.rel = {"nay": 0, "qua": -1, "kia": -2, "mai": 1}[w]
        return a

    def _b_sameday(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.anaphor = 0
        return a

    def _b_sameyear(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = "year"
        a.extra = {"sameyear": 1}
        return a

    def _b_yrange(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        y, y2 = a.y or 0, int(g["y2"])
        if not y < y2 <= y + 100:
            return None
        a.grain, a.end = "year", (y2, None, None, None)
        return a

    def _b_yearrel(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        if g.get("ypast"):
            # `năm qua`: the year before publication; late in the year (a year-end review) the year itself
            a.grain, a.yrel, a.extra = "year", -1, {"ypast": 1}
            return a
        if a.yrel is None and a.mod is None:
            return None
        if a.mod == "hết" and a.yrel is None:
            return None
        w = " ".join((g.get("yrel") or "").lower().split())
        if w in ("trước", "sau", "tiếp theo") and self._rule_text_before.search(text, max(0, a.s - 40), a.s):
            return None  # `kê khai doanh thu năm trước`: a rule's reference year, not a date
        if w in ("trước", "sau", "tiếp theo") or (not w and a.mod):
            a.extra = {"story": a.yrel or 0}  # relative to the year the text has fixed, if any
        a.grain = "year"
        if a.yrel is None:
            a.yrel = 0
        return a

    def _weekday(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        if self._every_before.search(text, max(0, a.s - 14), a.s):
            return None  # `mỗi buổi sáng thứ 2`: every Monday, not a date
        a.grain = "day"
        a.rel = 0  # relative: never joined into a range; resolved in ``_resolve``
        wd = _WEEKDAYS[" ".join(g["wd"].lower().split())]
        if g.get("wrel"):
            a.extra = {"wd": wd, "wk": _WEEK_OFFSETS[" ".join(g["wrel"].lower().split())]}
            return a
        if g.get("wnext"):
            w = " ".join(g["wnext"].lower().split())
            if g["wd"][0].isdigit() and a.part is None and g.get("part") is None:
                return None  # `ca nhiễm thứ 4 này`: an ordinal
            if self._ordinal_before.search(text, max(0, a.s - 12), a.s):
                return None
            if w == "này":
                a.extra = {"wd": wd, "wk": 0}
            else:
                a.extra = {"wd": wd, "near": 1 if w in ("tới", "sắp tới") else -1}
            return a
        if a.part is None and g.get("part") is None:
            # A bare `thứ hai` is mostly an ordinal (`lần thứ hai`): a weekday only when written
            # as a name (`thứ Năm`) or followed by its date (`thứ hai, ngày 20/7`).
            word = g["wd"]
            sunday = word[:3].lower() == "chủ"  # `cả ngày chủ nhật`: never an ordinal
            if not (word[0].isupper() or sunday) and not self._wd_date_after.match(text, a.e):
                return None
            if not sunday and self._ordinal_before.search(text, max(0, a.s - 12), a.s):
                return None
        if a.part in ("hôm", "vào"):
            a.part = None
        a.extra = {"wd": wd, "near": 0}
        return a

    def _window(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        n = _count_of_units(a, g, 100)
        if n is None:
            return None
        past = " ".join(g["dir"].lower().split()) in ("qua", "vừa qua", "vừa rồi", "gần đây", "gần nhất", "trở lại đây", "nay")
        a.rel = -n if past else n
        a.extra = {"window": 1}
        return a

    def _after(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        n = _count_of_units(a, g, 100)
        if n is None or self._span_before.search(text, max(0, a.s - 16), a.s):
            return None  # `trong 4 năm sau đó`: a span of time, not a point
        a.extra = {"after": n}
        return a

    @staticmethod
    def _after_value(a: _Atom, last: tuple[str, str] | None) -> str | None:
        """`Tháng 6 năm ngoái … Một tháng sau đó` -> 2020-07: the date named before, moved on."""
        if last is None:
            return None
        v, grain = last
        n = a.extra["after"]
        y = int(v[:4])
        if a.grain == "year":
            return f"{y + n:04d}"
        if a.grain == "month" and grain in ("month", "day"):
            yy, mm = _add_months(y, int(v[5:7]), n)
            return f"{yy:04d}-{mm:02d}"
        if grain != "day":
            return None
        d = date.fromisoformat(v)
        if a.grain == "week":
            return _iso_week(d + timedelta(weeks=n))
        return (d + timedelta(days=n)).isoformat()

    def _quarter_list(self, a: _Atom, g: _Groups, text: str) -> list[_Atom] | None:
        """`các quý I, II và III năm 2020`: one quarter item per member, sharing the year."""
        m = g.m
        s0, e0 = m.span("ql")
        members = list(self._quarter_member.finditer(text, s0, e0))
        qs = [_quarter_number(x.group()) for x in members]
        if len(qs) < 2 or qs != sorted(set(qs)):
            return None
        if len(qs) == 2 and qs[1] == qs[0] + 1 and "quý" not in text[s0:e0].lower():
            a.grain, a.q, a.end = "quarter", qs[0], (a.y, None, None, qs[1])
            a.kind = "quarter"  # `quý 1 và 2 năm 2023`: two neighbouring quarters, one span
            return [a]
        out = []
        for i, (x, q) in enumerate(zip(members, qs, strict=True)):
            s = a.s if i == 0 else x.start()
            q_word = self._quarter_word_before.search(text, max(s0, s - 8), s)
            if q_word is not None and i > 0:
                s = q_word.start()  # `quý II và quý IV`: the member keeps its own `quý`
            e = a.e if i == len(members) - 1 else x.end()
            out.append(replace(a, s=s, e=e, grain="quarter", q=q, kind="quarterlist", extra={}))
        return out

    def _quarterrel(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = "quarter"
        w = " ".join(g["qrel"].lower().split())
        a.rel = {"này": 0, "hiện nay": 0, "hiện tại": 0, "trước": -1, "vừa qua": -1, "vừa rồi": -1}.get(w, 1)
        return a

    def _day_list(self, a: _Atom, g: _Groups, text: str) -> list[_Atom] | None:
        """`các ngày 4, 11 và 18/10`: one day item per member, with the month of the last."""
        m = g.m
        last = self._day(replace(a, kind="dmy"), g, text, listed=True)
        if last is None:
            return None
        s0, e0 = m.span("dl")
        members = list(self._day_member.finditer(text, s0, e0))
        out: list[_Atom] = []
        prev = 0
        for i, x in enumerate(members):
            d = int(x.group())
            if d <= prev or d >= (last.d or 0):
                return None
            prev = d
            out.append(replace(last, s=a.s if i == 0 else x.start(), e=x.end(), d=d, kind="daylist", extra={}))
        out.append(replace(last, s=m.start("d"), kind="daylist"))
        for x in out:
            try:
                date(x.y or 2000, x.m or 1, x.d or 1)
            except ValueError:
                x.invalid = f"day {x.d} of month {x.m}"
        return out

    def _monthword(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        word = " ".join(g["mw"].lower().split())
        if word in ("một", "năm") and not (g["mw"][0].isupper() or a.y or a.yrel is not None or g.get("this") or a.mod):
            return None  # `tháng năm` is `months and years`; `tháng Năm`, `tháng năm 2019` are May
        a.grain, a.m = "month", _MONTH_WORDS[word]
        if word in ("giêng", "chạp"):
            a.unresolved = ["lunar"]  # tháng Giêng, tháng Chạp: months of the lunar calendar
        if g.get("this"):
            a.yrel = 0
        return a

    def _monthweek(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        w = " ".join(g["wn"].lower().split())
        n = {"đầu": 1, "đầu tiên": 1, "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "cuối": 9, "cuối cùng": 9}.get(w) or int(w)
        a.grain, a.m, a.extra = "week", int(g["m"]), {"wn": n}
        return a

    def _monthday(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain, a.m = "day", int(g["m"])
        a.d = 1
        if g["dpos"].lower().startswith("cuối"):
            a.extra = {"lastday": 1}
            a.d = 28  # the year decides (see ``_resolve``)
        return a

    def _schoolyear(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        w = " ".join(g["sy"].lower().split())
        a.grain = "year"
        a.extra = {"school": {"vừa qua": -1, "vừa rồi": -1, "trước": -1, "tới": 1, "sau": 1}.get(w, 0)}
        return a

    def _decade(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        dec = g["dec"]
        a.grain = "year"
        if len(dec) == 4:
            a.y = int(dec)
        else:
            cent = (g.get("cent") or "").lower()
            if cent in ("trước", "xx", "20", "qua"):
                a.y = 1900 + int(dec)
            elif cent in ("xxi", "21", "này"):
                a.y = 2000 + int(dec)
            else:
                a.extra = {"dec2": int(dec)}  # the century of the publication decides
                a.y = 1900 + int(dec)
        a.end = (a.y + 9, None, None, None)
        a.explicit_year = True
        return a

    def _holiday(self, a: _Atom, name: str) -> _Atom | None:
        key = fold(name)
        if key not in self._holidays:
            return None
        a.grain, a.key = "day", key
        return a

    def _months(self, a: _Atom, g: _Groups) -> _Atom | None:
        n = _num(g.get("n")) if g.get("n") else 6
        pos = (g.get("pos") or "đầu").lower()
        if n is None or not 1 <= n <= 12:
            return None
        if n == 12:
            a.grain = "year"
            return a
        first, last = (1, n) if pos == "đầu" else (13 - n, 12)
        if pos in ("sau", "cuối") and g.get("n") is None:
            first, last = 7, 12
        if (first, last) in ((1, 6), (7, 12)):
            a.grain, a.q = "half", 1 if first == 1 else 2
        elif (last - first) == 2 and first % 3 == 1:
            a.grain, a.q = "quarter", (first - 1) // 3 + 1
        elif first == last:
            a.grain, a.m = "month", first  # `một tháng đầu năm`: January
        else:
            a.grain, a.m, a.end = "month", first, (None, last, None, None)
        return a

    def _day(self, a: _Atom, g: _Groups, text: str, listed: bool = False) -> _Atom | None:
        a.grain = "day"
        d = int(g["d"] or 0)
        a.d = d
        if a.kind == "dday":
            a.m = None
            return a
        a.m = int(g["m"]) if g.get("m") else _MONTH_WORDS[" ".join(g["mw"].lower().split())]
        has_pre = bool(g.get("dw") or g.get("part"))
        if a.kind == "dtm" and not has_pre and a.y is None:
            return None  # `3 tháng 9 ngày` is a duration
        if a.kind == "dtm" and g.get("mw") and not g.get("dw"):
            return None  # `9 tháng năm`: months and years, unless `ngày 9 tháng năm`
        if g.get("yy"):
            a.extra = {"yy": int(g["yy"])}  # `5/6/19`: the century comes from the publication
        if a.kind == "dmy" and g["sep"] == "." and a.y is None:
            return None  # 8.5 is a decimal
        if a.kind == "dmy" and not has_pre and a.y is None and not listed:
            sep = g["sep"]
            if a.d == 24 and a.m == 7:
                return None  # 24/7: round the clock
            if self._ratio_after.match(text, a.e) or self._bare_dm_before.search(text, max(0, a.s - 16), a.s):
                return None  # `1/6 triệu trẻ`, `6/8 người`, `tỷ lệ 1/5`: ratios, not dates
            if self._numlist_before.search(text, max(0, a.s - 40), a.s):
                return None  # `Các tổ 4, 11 và 18/10`: numbered things, not days (`các ngày 4, 11 và 18/10` is a daylist)
            if sep == "-" and (self._score_clause.search(text, max(0, a.s - 64), a.s) or self._score_after.match(text, a.e)):
                return None  # `Trận đấu kết thúc (2-1)`, `thắng 2-1`: a score
            line_start = self._line_start.search(text, max(0, a.s - 4), a.s) is not None and text.startswith(":", a.e)
            if sep == "-" and self._units_re.match(text, a.e):
                return None  # `sau 3-5 năm`: a range of counts
            # `ngày 5 và 6-10`, `ngày 3, 4/10`, `Từ 2-9 đến 10-9`: after a day, a day
            after_day = self._day_before.search(text, max(0, a.s - 24), a.s) or self._dash_range_before.search(
                text, max(0, a.s - 24), a.s
            )
            if sep == "-" and not line_start and not after_day:
                # 2-1 is a score, 8-10 a range of numbers; a date only where a date is expected:
                # `Từ 2-9 đến 10-9`, `trước 30-11`, `(21-6)`, `ngày 5 và 6-10`, `14-2: …` at a line start
                if not self._dash_ctx.search(text, max(0, a.s - 12), a.s) or not self._bare_dm_after.match(text, a.e):
                    return None
            elif not line_start and not after_day:
                if not self._bare_dm_ctx.search(text, max(0, a.s - 12), a.s) and not self._bare_dm_after.match(text, a.e):
                    return None
        if a.kind == "elided":
            if not (g.get("dw") or g.get("part") or text[a.s : a.s + 2].lower() == "từ") and self._units_re.match(text, a.e):
                return None  # `kéo dài 2 - 3 tháng 1 lần`
            d2 = int(g["d2"] or 0)
            if d2 <= d:
                return None
            a.end = (None, a.m, d2, None)
        if a.kind == "ddm":
            d2 = int(g["d2"] or 0)
            if d2 <= d:
                return None
            a.end = (None, a.m, d2, None)
        try:
            date(a.y or 2000, a.m, d)  # 2000 is a leap year: 29/2 without a year is possible
        except ValueError:
            a.invalid = f"day {d} of month {a.m}"
        if a.y is not None:
            try:
                date(a.y, a.m, d)
            except ValueError:
                a.invalid = f"day {d} of month {a.m} in {a.y}"
        return a

    def _year(self, a: _Atom, g: _Groups, text: str) -> _Atom | None:
        a.grain = "year"
        yw = (g.get("yw") or "").lower()
        assert a.y is not None
        if not yw:
            if not 1900 <= a.y <= 2099:
                return None
            if a.mod is None:
                if self._units_re.match(text, a.e):
                    return None
                if self._bare_year_before.search(text, max(0, a.s - 14), a.s):
                    return None
                if self._phone_after.match(text, a.e):
                    return None  # `tổng đài 1900 9068`: a phone number
        return a

    # -- joining neighbours --------------------------------------------------------------------
    def _combine(self, atoms: list[_Atom], text: str) -> list[_Atom]:
        out: list[_Atom] = []
        i = 0
        n = len(atoms)
        while i < n:
            a = atoms[i]
            b = atoms[i + 1] if i + 1 < n else None
            if b is not None and a.grain == "fromnow":
                if b.grain in ("day", "month", "quarter", "year") and b.s == a.e:
                    out.append(self._from_now(a, b))
                    i += 2
                    continue
            if (
                b is not None
                and a.kind == b.kind == "yrange"
                and a.end is not None
                and b.end is not None
                and (a.y or 0) < (b.y or 0)
                and self._range_gap.fullmatch(text, a.e, b.s)
            ):
                # `từ năm học 2014 - 2015 đến hết năm học 2018 - 2019`: one range of school years
                fm = self._from_re.search(text, max(0, a.s - 28), a.s)
                out.append(replace(a, s=fm.start() if fm else a.s, e=b.e, end=b.end, kind="range_yrange"))
                i += 2
                continue
            if (
                b is not None
                and a.grain in ("day", "month", "quarter", "year")
                and a.end is None
                and a.rel is None
                and a.anaphor is None
            ):
                gap_m = self._range_gap.fullmatch(text, a.e, b.s)
                if gap_m is not None and b.grain in ("asof", "since") and self._from_re.search(text, max(0, a.s - 28), a.s):
                    out.append(self._since(a, b, text))
                    i += 2
                    continue
                if (
                    b.grain in ("since", "asof")
                    and not text[a.e : b.s].strip()
                    and (b.grain == "since" or text[b.s : b.s + 3].lower() in ("đến", "tới"))
                    and self._from_re.search(text, max(0, a.s - 28), a.s)
                ):
                    out.append(self._since(a, b, text))
                    i += 2
                    continue
                if (
                    gap_m is not None and a.grain == "month" and b.grain == "year" and b.mod in ("cuối", "hết")
                    and b.end is None and b.rel is None and (b.y is not None or b.yrel is not None)
                ):
                    b = replace(b, grain="month", m=12)  # `Từ tháng 10/2019 đến cuối năm 2020`: to December
                if (
                    gap_m is not None and a.grain == "year" and b.grain == "month" and a.mod in (None, "đầu")
                    and a.y is not None and b.y is not None and a.y < b.y and b.end is None and b.rel is None
                    and self._from_re.search(text, max(0, a.s - 28), a.s)
                ):
                    a = replace(a, grain="month", m=1, kind="month")  # `từ năm 2016 đến hết tháng 11/2020`: from January
                if (
                    gap_m is not None
                    and b.grain == a.grain
                    and b.end is None
                    and b.rel is None
                    and a.kind not in ("ago",)
                    and (a.kind != "dday" or b.m is not None)
                ):
                    r = self._range(a, b, text)
                    if r is not None:
                        out.append(r)
                        i += 2
                        continue
                list_m = self._list_gap.fullmatch(text, a.e, b.s)
                if (
                    list_m is not None
                    and a.kind == "dday"
                    and a.m is None
                    and b.kind == "dmy"
                    and b.d == (a.d or 0) + 1
                    and "và" in list_m.group().lower()
                ):
                    r = self._range(a, b, text)  # `ngày 15 và 16-5`: two consecutive days, one span
                    if r is not None:
                        out.append(r)
                        i += 2
                        continue
                if list_m is not None and b.grain == a.grain and b.rel is None:
                    self._lend_year(a, b)
            if a.kind == "dday" and a.m is None:
                a.unresolved = ["month"]
            out.append(a)
            i += 1
        kept: list[_Atom] = []
        for a in out:
            if a.grain in ("day", "month"):
                cal = _CALENDAR_RE.match(text, a.e)
                if cal is not None and cal.group("rec") and not a.explicit_year and a.yrel is None:
                    continue  # ``tháng 5 hàng năm``: a recurring period, not a dated event
                if not a.explicit_year and a.yrel is None and a.rel is None and self._recurring_before.search(text, max(0, a.s - 32), a.s):
                    continue  # ``mỗi dịp tháng Tư``, ``Hằng năm từ tháng 2 tới tháng 4``: recurring, not dated
                if cal is not None and cal.group("lunar"):
                    a.unresolved = ["lunar"]  # ``ngày 10/3 âm lịch``: never a solar date
                if a.grain == "month" and a.end is None and (r := self._ram_before.search(text, max(0, a.s - 8), a.s)):
                    # `rằm tháng Ba`: the 15th of a lunar month
                    a.s, a.grain, a.d, a.unresolved, a.kind = r.start(), "day", 15, ["lunar"], "lunar_full_moon"
            kept.append(a)
        out = kept
        for a in out:
            if a.end is not None and not a.kind.startswith(("range_", "since_", "fromnow_", "decade")):
                fm = self._from_re.search(text, max(0, a.s - 28), a.s)
                if fm is not None:
                    a.s = fm.start()  # `từ tháng 3 đến tháng 5/2021`: the range keeps its `từ`
            self._set_role(a, text)
        return out

    def _lend_year(self, a: _Atom, b: _Atom) -> None:
        """`ngày mùng 3 và 5/4/2021`: the first of a list takes the month and year of the next."""
        if a.kind == "dday" and a.m is None and b.m is not None:
            a.m = b.m
            a.y, a.explicit_year = b.y, b.explicit_year
            if a.d is not None and b.d is not None and a.d > b.d:
                a.m = None  # `ngày 22 và 5/4`: not the same month
            return
        if a.y is None and a.yrel is None and b.explicit_year and a.grain in ("day", "month", "quarter"):
            if (a.m or 0, a.d or 0, a.q or 0) <= (b.m or 0, b.d or 0, b.q or 0):
                a.y = b.y

    def _range(self, a: _Atom, b: _Atom, text: str) -> _Atom | None:
        ya, yb = a.y, b.y
        if (
            a.explicit_year and b.explicit_year and a.d is not None and (a.m, a.d) == (b.m, b.d) and ya != yb
            and not text[a.e : b.s].strip(" -") and self._from_re.search(text, max(0, a.s - 28), a.s) is None
        ):
            return None  # ``(30/4/1975-30/4/2021)``: an anniversary, two dates (``từ … đến …`` is a range)
        ka = (a.m or 0, a.d or 0, a.q or 0)
        kb = (b.m or 0, b.d or 0, b.q or 0)
        if a.kind == "dday":
            if b.m is None:
                return None
            a = replace(a, m=b.m)
            ka = (a.m or 0, a.d or 0, 0)
            if ka >= kb:
                return None
        if a.grain == "year":
            if ya is None or yb is None or not ya < yb:
                return None
        elif ya is None and yb is not None and a.yrel is None:
            ya = yb if ka <= kb else yb - 1
        elif yb is None and ya is not None and b.yrel is None:
            yb = ya if ka <= kb else ya + 1
        elif ya is not None and yb is not None and (ya, ka) > (yb, kb):
            return None
        elif ya is None and yb is None and ka > kb:
            return None
        start = a.s
        fm = self._from_re.search(text, max(0, a.s - 28), a.s)
        if fm is not None:
            start = fm.start()
        out = replace(a, s=start, e=b.e, y=ya, end=(yb, b.m, b.d, b.q), kind=f"range_{a.kind}")
        out.explicit_year = a.explicit_year or b.explicit_year
        out.invalid = a.invalid or b.invalid
        if b.yrel is not None and out.yrel is None:
            out.yrel = b.yrel
        return out

    def _since(self, a: _Atom, b: _Atom, text: str) -> _Atom:
        fm = self._from_re.search(text, max(0, a.s - 28), a.s)
        start = fm.start() if fm is not None else a.s
        out = replace(a, s=start, e=b.e, kind=f"since_{a.kind}", role="as_of")
        out.extra = {**a.extra, "to_pub": 1}
        return out

    def _from_now(self, a: _Atom, b: _Atom) -> _Atom:
        out = replace(b, s=a.s, kind=f"fromnow_{b.kind}")
        out.extra = {**b.extra, "from_pub": 1}
        return out

    def _set_role(self, a: _Atom, text: str) -> None:
        if a.grain in ("asof",) or a.extra.get("to_pub"):
            a.role = "as_of"
            return
        if a.end is not None or a.extra.get("from_pub"):
            return
        m = self._asof_before.search(text, max(0, a.s - 48), a.s)
        if m is None:
            return
        before = text[m.start() - 3 : m.start()].lower() if m.start() >= 3 else ""
        if "từ" in before.split():
            return
        if m.group("tinh") or m.group("het") or a.grain == "day" or a.mod in ("cuối", "hết"):
            a.role = "as_of"

    # -- resolution ----------------------------------------------------------------------------
    def _resolve(
        self, a: _Atom, ref: _Ref, prev: tuple[str | None, str]
    ) -> tuple[str | None, str, str | None, list[str] | None]:
        if a.invalid:
            return None, "unresolved", None, ["valid_date"]
        if a.unresolved:
            return None, "unresolved", None, a.unresolved
        pub = ref.pub
        if a.grain == "asof":
            if pub is None:
                return None, "unresolved", None, ["year", "month", "day"]
            return pub.iso(), pub.grain, None, None
        if a.anaphor is not None:
            pv, pg = prev
            if pv is not None and pg == "day":
                dd = date.fromisoformat(pv) + timedelta(days=a.anaphor)
                return dd.isoformat(), "day", None, None
            if a.anaphor == 0:
                return None, "unresolved", None, ["antecedent"]
            a = replace(a, rel=a.anaphor, anaphor=None)
        if a.kind == "weekday":
            missing = ref.missing("day")
            pd = pub.as_date() if pub is not None else None
            if missing or pd is None:
                return None, "unresolved", None, missing or ["year", "month", "day"]
            wd = a.extra["wd"]
            if "near" in a.extra:
                back = (pd.weekday() - wd) % 7  # the last such day on or before publication
                near = a.extra["near"]
                if near > 0:
                    return (pd + timedelta(days=(wd - pd.weekday() - 1) % 7 + 1)).isoformat(), "day", None, None
                if near < 0 and back == 0:
                    back = 7
                return (pd - timedelta(days=back)).isoformat(), "day", None, None
            monday = pd - timedelta(days=pd.weekday()) + timedelta(weeks=a.extra["wk"])
            return (monday + timedelta(days=wd)).isoformat(), "day", None, None
        if "window" in a.extra:
            return self._window_value(a, ref)
        if "school" in a.extra:
            missing = ref.missing("month")
            if missing or pub is None or pub.month is None:
                return None, "unresolved", None, missing or ["month"]
            y0 = (pub.year if pub.month >= 9 else pub.year - 1) + a.extra["school"]
            return f"{y0:04d}", "year", f"{y0 + 1:04d}", None
        if "dec2" in a.extra and pub is not None:
            y0 = pub.year // 100 * 100 + a.extra["dec2"]
            if y0 > pub.year:
                y0 -= 100
            return f"{y0:04d}", "year", f"{y0 + 9:04d}", None
        if a.rel is not None:
            return self._relative(a, ref)
        if a.kind == "holiday":
            return self._resolve_holiday(a, ref)
        # Absolute expressions; fill the year.
        y = a.y
        if y is None and a.yrel is not None:
            if pub is None:
                return None, "unresolved", None, ["year"]
            y = pub.year + a.yrel + (1 if "ypast" in a.extra and (pub.month or 0) >= 11 else 0)
        if y is None:
            if pub is None:
                return None, "unresolved", None, ["year"]
            if a.grain == "day":
                y = ref.year_for(a.m or 1, a.d)
            elif a.grain == "month":
                y = ref.year_for(a.m or 1, None)
            elif a.grain == "quarter":
                y = ref.year_for(((a.q or 1) - 1) * 3 + 1, None)
            else:
                y = pub.year
            assert y is not None
        if "thismonth" in a.extra and pub is not None:
            if pub.month is None:
                return None, "unresolved", None, ["month"]
            a = replace(a, m=pub.month)
        if "lastday" in a.extra:
            a = replace(a, d=calendar.monthrange(y, a.m or 1)[1])
        if "wn" in a.extra:
            return self._month_week(a, y), "week", None, None
        value = self._iso(a.grain, y, a.m, a.d, a.q, a.season)
        end_value = None
        if a.end is not None:
            ey, em, ed, eq = a.end
            if ey is None:
                ey = y
                if (em or 0, ed or 0, eq or 0) < (a.m or 0, a.d or 0, a.q or 0):
                    ey = y + 1
            end_value = self._iso(a.grain, ey, em, ed, eq, a.season)
            if a.grain == "day" and (em is None or ed is None):
                end_value = None
        if a.extra.get("from_pub"):
            # `từ nay đến cuối năm 2021`: from the publication (at the end's grain) to the end.
            if pub is None:
                return None, "unresolved", None, ["year", "month", "day"]
            end_value = value
            grain = a.grain
            if grain == "year" and a.mod in ("cuối", "hết") and pub.month:
                grain, end_value = "month", f"{y:04d}-12"
            start = self._pub_at(pub, grain)
            if start is None:
                return None, "unresolved", None, ref.missing(grain)
            return start, grain, end_value, None
        if a.extra.get("to_pub"):
            if pub is None:
                return None, "unresolved", None, ["year", "month", "day"]
            end_value = self._pub_at(pub, a.grain) or pub.iso()
            if a.mod == "đầu" and a.grain in ("month", "quarter", "year") and a.end is None and pub.day:
                # `từ đầu năm 2021 đến nay`: from the period's first day to the publication day
                first = {"month": (a.m or 1), "quarter": 3 * (a.q or 1) - 2, "year": 1}[a.grain]
                return _iso_day(y, first, 1), "day", pub.iso(), None
        return value, a.grain, end_value, None

    @staticmethod
    def _month_week(a: _Atom, y: int) -> str:
        """`tuần thứ hai của tháng 10`: the ISO week holding day 8 (the n-th week holds day 7n-6;
        the last week holds the month's last day)."""
        m = a.m or 1
        n = a.extra["wn"]
        last = calendar.monthrange(y, m)[1]
        day = last if n > 5 else min(7 * n - 6, last)
        return _iso_week(date(y, m, day))

    @staticmethod
    def _clock_day(
        prev: tuple[int, str | None] | None, ref: _Ref
    ) -> tuple[str | None, str, str | None, list[str] | None]:
        """The day of a bare clock time: the last day named in its paragraph, else publication."""
        if prev is not None and prev[1] is not None:
            return prev[1], "day", None, None
        missing = ref.missing("day")
        if missing or ref.pub is None:
            return None, "unresolved", None, missing or ["year", "month", "day"]
        return ref.pub.iso(), "day", None, None

    @staticmethod
    def _pub_at(pub: PubDate, grain: str) -> str | None:
        if grain == "day":
            return pub.iso() if pub.day else None
        if grain == "month":
            return f"{pub.year:04d}-{pub.month:02d}" if pub.month else None
        if grain == "quarter":
            return f"{pub.year:04d}-Q{(pub.month - 1) // 3 + 1}" if pub.month else None
        if grain == "year":
            return f"{pub.year:04d}"
        return None

    @staticmethod
    def _iso(grain: str, y: int, m: int | None, d: int | None, q: int | None, season: str | None) -> str:
        if grain == "day":
            return _iso_day(y, m or 1, d or 1)
        if grain == "month":
            return f"{y:04d}-{(m or 1):02d}"
        if grain == "quarter":
            return f"{y:04d}-Q{q or 1}"
        if grain == "half":
            return f"{y:04d}-H{q or 1}"
        if grain == "season":
            return f"{y:04d}-{season}"
        return f"{y:04d}"

    def _window_value(self, a: _Atom, ref: _Ref) -> tuple[str | None, str, str | None, list[str] | None]:
        """`5 ngày tới` -> the 5 days after publication; `6 tháng qua` -> the 6 whole months before
        the publication month (a window of one unit is that unit alone)."""
        k = a.rel or 0
        one = replace(a, rel=-1 if k < 0 else 1, extra={})
        far = replace(a, rel=k, extra={})
        v1, g1, _, u1 = self._relative(one, ref)
        v2, _, _, _ = self._relative(far, ref)
        if v1 is None or v2 is None:
            return v1, g1, None, u1
        if abs(k) == 1:
            return v1, g1, None, None
        return (v2, g1, v1, None) if k < 0 else (v1, g1, v2, None)

    def _relative(self, a: _Atom, ref: _Ref) -> tuple[str | None, str, str | None, list[str] | None]:
        pub = ref.pub
        k = a.rel or 0
        need = {"day": "day", "week": "day", "month": "month", "quarter": "month", "year": "year"}[a.grain]
        missing = ref.missing(need)
        if missing or pub is None:
            return None, "unresolved", None, missing or ["year"]
        if a.grain == "day":
            pd = pub.as_date()
            assert pd is not None
            return (pd + timedelta(days=k)).isoformat(), "day", None, None
        if a.grain == "week":
            pd = pub.as_date()
            assert pd is not None
            return _iso_week(pd + timedelta(weeks=k)), "week", None, None
        if a.grain == "month":
            assert pub.month is not None
            yy, mm = _add_months(pub.year, pub.month, k)
            return f"{yy:04d}-{mm:02d}", "month", None, None
        if a.grain == "quarter":
            assert pub.month is not None
            yy, mm = _add_months(pub.year, (pub.month - 1) // 3 * 3 + 1, 3 * k)
            return f"{yy:04d}-Q{(mm - 1) // 3 + 1}", "quarter", None, None
        return f"{pub.year + k:04d}", "year", None, None

    def _cungky(
        self, a: _Atom, ref: _Ref, periods: list[_Period], sent: int
    ) -> tuple[str | None, str, str | None, list[str] | None]:
        """`cùng kỳ năm 2020`: the period the article is about (a month, quarter or half named in
        the same sentence, else the one named most often so far) moved to that year."""
        period: tuple[str, str, str | None] | None = None
        for ps, pv, pg, pe in reversed(periods):
            if ps == sent and pg != "year":
                period = (pv, pg, pe)
                break
        if period is None:  # `năm 2002 … và 2009 … so với cùng kỳ`: the year of its sentence, else as below
            period = next(((pv, pg, pe) for ps, pv, pg, pe in reversed(periods) if ps == sent), None)
        wide = [x for x in periods if x[2] not in ("day", "year")]  # a day or year is the period only in its own sentence
        if period is None and wide:
            counts: dict[tuple[str, str, str | None], int] = {}
            for _, pv, pg, pe in wide:
                counts[(pv, pg, pe)] = counts.get((pv, pg, pe), 0) + 1
            best = max(counts.values())
            period = next((pv, pg, pe) for _, pv, pg, pe in reversed(wide) if counts[(pv, pg, pe)] == best)
        if a.y is not None:
            y = a.y
        elif period is not None:
            y = int(period[0][:4]) + (a.yrel or -1)
        elif ref.pub is not None:
            y = ref.pub.year + (a.yrel or -1)
        else:
            return None, "unresolved", None, ["year"]
        if period is not None:
            pv, pg, pe = period
            shift = y - int(pv[:4])  # `9 tháng của năm 2020 … so với cùng kỳ`: the same months of 2019
            end = f"{int(pe[:4]) + shift:04d}{pe[4:]}" if pe else None
            return f"{y:04d}{pv[4:]}", pg, end, None
        return f"{y:04d}", "year", None, None

    def _resolve_holiday(self, a: _Atom, ref: _Ref) -> tuple[str | None, str, str | None, list[str] | None]:
        key = a.key or ""
        y = a.y
        if y is None:
            if ref.pub is None:
                return None, "unresolved", None, ["year"]
            y = ref.pub.year + (a.yrel or 0)
        table = self._holidays.get(key, {})
        if "*" in table:
            return f"{y:04d}-{table['*']}", "day", None, None
        if str(y) in table:
            return table[str(y)], "day", None, None
        return f"{y:04d}", "year", None, None


def _clock_value(m: regex.Match[str], part: str | None) -> str | None:
    """``HH:MM`` (24-hour) of a clock-time match; `chiều`/`tối` add 12 hours below 12."""
    h = int(m.group("ch"))
    mi = int(m.group("cm") or 0)
    if m.group("half"):
        mi = 30
    if m.group("kem"):
        k = int(m.group("kem"))
        if not 0 < k < 60:
            return None
        h, mi = h - 1, 60 - k  # `12 giờ kém 10`: 11:50
    p = " ".join(part.lower().split()) if part else ""
    if p in ("chiều", "tối", "chiều tối") and h < 12:
        h += 12
    elif p == "trưa" and h <= 2:
        h += 12
    elif p in ("đêm", "khuya") and 6 <= h < 12:
        h += 12
    if not 0 <= h <= 23:
        return None
    sec = m.group("cs")
    return f"{h:02d}:{mi:02d}" + (f":{sec}" if sec else "")


def _century(yy: int, pub: PubDate | None) -> int:
    """The year of a two-digit year (`5/6/19`): the latest one not after the publication year + 1."""
    if pub is None:
        return 2000 + yy if yy < 50 else 1900 + yy
    y = pub.year // 100 * 100 + yy
    return y - 100 if y > pub.year + 1 else y


def _count_of_units(a: _Atom, g: _Groups, most: int) -> int | None:
    """`5 năm`, `hai tuần`: the count (1 … ``most``, else None); the unit becomes the grain."""
    n = _num(g["n"])
    if n is None or not 1 <= n <= most:
        return None
    u = g["u"].lower()
    if u.startswith("thập"):  # `ba thập kỷ qua`: decades count in years
        a.grain = "year"
        return n * 10 if n * 10 <= most else None
    a.grain = {"năm": "year", "tháng": "month", "tuần": "week", "ngày": "day"}[u]
    return n


def _quarter_number(s: str) -> int:
    w = s.lower()
    return _ROMAN_VALUES.get(w) or _QUARTER_WORDS[w]


_DIGIT = re.compile(r"\d")
_FREQUENT = {k: i for i, k in enumerate(("year", "dmy", "yearrel", "month", "relday", "dtm", "quarter", "asof", "monthrel"))}
# Items that are a calendar day a weekday can name (`thứ Hai (8-10)`).
_CLOCK_KINDS = ("clock", "clock_range")  # bare clock times: their day is settled in ``__call__``
_DAY_KINDS = ("dmy", "dtm", "relday_explicit", "monthday")

def _load_holidays() -> tuple[dict[str, dict[str, str]], list[str]]:
    """``fold(name) -> {year or '*': date}``, and every surface name for the pattern."""
    out: dict[str, dict[str, str]] = {}
    aliases: dict[str, str] = {}
    names: list[str] = []
    for row in load_table("date_holidays"):
        name, year, when = row["name"], row["year"], row["date"]
        names.append(name)
        if year == "alias":
            aliases[fold(name)] = fold(when)
        else:
            out.setdefault(fold(name), {})[year] = when
    for alias, target in aliases.items():
        out[alias] = out[target]
    return out, names
