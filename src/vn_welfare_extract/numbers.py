"""The one Vietnamese number reader: digits, scale words, number words and vague magnitudes.

Every fact type reads numbers through this module; it imports nothing from ``facts/``.

Public API
----------
- :func:`thousands_style` / :func:`doc_style` decide, per article, whether ``.`` or ``,``
  groups thousands (``435.000`` vs ``435,000``); ``doc_style`` caches the answer in ``doc.cache``.
- :func:`parse_digits` reads one digit token (``435.000``, ``1,2``, ``6.360,1``) as a ``Fraction``.
- :func:`parse_number` reads a whole numeral phrase (``3 tỷ 500 triệu``, ``hai mươi lăm``,
  ``một trăm linh năm``, ``hàng trăm``, ``đôi ba trăm``) into a :class:`Number`.
- :func:`scan` finds every numeral phrase of a text (ranges ``8-9 triệu`` and
  ``từ 1 đến 2 triệu`` joined; a list of group sizes ``3 - 5 - 7`` is one range 3..7), as
  :class:`Quantity` spans; :func:`doc_quantities` caches it.
- :func:`spell` writes an ``int`` in canonical Vietnamese words (the inverse of ``parse_number``).
- :func:`qualifier_before` reads ``trên``/``khoảng hơn``/``ít nhất là`` … before a number
  (``data/approx_qualifiers.tsv``).
- :func:`to_int` rounds a ``Fraction`` half up: values are exact ints, never floats.

Scale words: ``chục`` 10, ``trăm`` 100, ``nghìn``/``ngàn`` 10^3, ``vạn`` 10^4, ``triệu`` 10^6,
``tỷ``/``tỉ`` 10^9; a larger scale after a smaller one multiplies what came before
(``128 nghìn tỷ`` = 128 * 10^12), a smaller one adds a new group (``3 tỷ 500 triệu``).
"""

from __future__ import annotations

import re as _re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, Literal, Protocol

import regex

from .lexicons import load_table
from .wordlists import alternation, trie_pattern

Style = Literal["dot", "comma"]

# --- digits -----------------------------------------------------------------------------------

_GROUPED = {
    "dot": regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"),  # 435.000 / 6.360,1
    "comma": regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"),  # 435,000 / 6,360.1
}
_PLAIN = regex.compile(r"\d+(?:([.,])\d+)?")  # 1068 / 1,2 / 1.5


def parse_digits(token: str, style: Style = "dot") -> Fraction | None:
    """One digit token -> exact value, or None when it is not a well-formed number.

    ``style="dot"`` (Vietnamese): ``.`` groups thousands, ``,`` is the decimal mark;
    ``style="comma"``: the reverse. A single separator that cannot group thousands
    (``1.5``, ``1,25``) is read as a decimal mark whichever the style.
    """
    group, dec = (".", ",") if style == "dot" else (",", ".")
    if _GROUPED[style].fullmatch(token):
        whole, _, frac = token.partition(dec)
        return Fraction(int(whole.replace(group, "")) * 10 ** len(frac) + int(frac or "0"), 10 ** len(frac))
    m = _PLAIN.fullmatch(token)
    if not m:
        return None
    if m.group(1) is None:
        return Fraction(int(token))
    whole, frac = token.split(m.group(1))
    return Fraction(int(whole) * 10 ** len(frac) + int(frac), 10 ** len(frac))


def to_int(value: Fraction) -> int:
    """Round half up to an int (``0,9`` -> 1, ``1.779,7`` -> 1780)."""
    return int((value * 2 + 1) // 2)


def exact_decimal(value: Fraction) -> str | None:
    """The exact decimal string of a value with a fractional part (``74,81`` -> ``"74.81"``),
    None for a whole number. Values read from text have a finite decimal expansion; one that
    does not (never produced by ``parse_number``) is cut at 12 places."""
    if value.denominator == 1:
        return None
    sign = "-" if value < 0 else ""
    num, den = abs(value.numerator), value.denominator
    whole, rest = divmod(num, den)
    digits: list[str] = []
    while rest and len(digits) < 12:
        rest *= 10
        d, rest = divmod(rest, den)
        digits.append(str(d))
    return f"{sign}{whole}." + "".join(digits)


# --- per-article thousands separator ------------------------------------------------------------

# Evidence for each style, read off the digit tokens: a grouped number (435.000 / 435,000,
# optionally with a decimal part), or a short decimal right before a scale word or % (1,2 triệu
# in a dot article; 1.2 triệu in a comma article). Dates like 6.10.2021 are evidence of neither.
_DOT_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SHORT_DECIMAL = regex.compile(r"\d+([.,])\d{1,2}")
_SCALE_OR_PERCENT = regex.compile(r" ?(?:triệu|tỷ|tỉ|nghìn|ngàn|%)", regex.I)


def _style_of_tokens(text: str, toks: list[tuple[int, int, str]]) -> Style:
    dot = comma = 0
    for _, e, t in toks:
        if not t[0].isdigit() or ("." not in t and "," not in t):
            continue
        if _DOT_GROUPED.fullmatch(t):
            dot += 1
        elif _COMMA_GROUPED.fullmatch(t):
            comma += 1
        else:
            m = _SHORT_DECIMAL.fullmatch(t)
            if m and _SCALE_OR_PERCENT.match(text, e):
                if m.group(1) == ",":
                    dot += 1
                else:
                    comma += 1
    return "comma" if comma > dot else "dot"


def thousands_style(text: str) -> Style:
    """``"comma"`` when the text groups thousands with ``,`` more often than with ``.``, else ``"dot"``."""
    return _style_of_tokens(text, _tokens(text))


class _HasCache(Protocol):
    """What ``doc_style``/``doc_quantities`` need of a ``text.Doc``."""

    text: str
    cache: dict[str, Any]


def doc_style(doc: _HasCache) -> Style:
    """The thousands style of ``doc.text``, computed once and kept in ``doc.cache``."""
    got: Style | None = doc.cache.get("numbers.style")
    if got is None:
        got = doc.cache["numbers.style"] = _style_of_tokens(doc.text, _doc_tokens(doc))
    return got


def _doc_tokens(doc: _HasCache) -> list[tuple[int, int, str]]:
    got: list[tuple[int, int, str]] | None = doc.cache.get("numbers.tokens")
    if got is None:
        got = doc.cache["numbers.tokens"] = _tokens(doc.text)
    return got


# --- words ---------------------------------------------------------------------------------------

DIGIT_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
# Forms used only after ``mươi``/``mười``: hai mươi mốt (21), hai mươi tư (24), mười lăm (15).
TAIL_WORDS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
BIG_SCALES = {"nghìn": 1000, "ngàn": 1000, "vạn": 10_000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
SMALL_SCALES = {"trăm": 100, "chục": 10}
VAGUE_WORDS = {"hàng", "vài", "mấy", "dăm", "đôi"}
_OTHER_WORDS = {"mười", "mươi", "linh", "lẻ", "không", "rưỡi", "rưởi", "nửa"}
NUMBER_WORDS = frozenset(DIGIT_WORDS) | frozenset(TAIL_WORDS) | frozenset(BIG_SCALES) | frozenset(SMALL_SCALES) | VAGUE_WORDS | _OTHER_WORDS


# A digit token: not glued to a capital on its left (BN2899, F1), nor to a code (68/NQ, Covid-19,
# a date's 8/10 or 23/2021), but ``là300`` with a missing space is read, and so is ``4.330`` in a
# ratio ``2.235/4.330``; never followed by /digit. Linear: lookarounds are fixed-width.
_DIGIT_RE = regex.compile(
    r"(?<![\p{Lu}\p{Lt}\d_])(?<![\p{L}\d][.,])(?:(?<![\p{L}\d]/)|(?=\d{1,3}\.\d{3}(?!\d)))(?<!\p{L}-)"
    r"\d+(?:[.,]\d+)*(?![.,]?\d)(?!/\d)"
)
# A number word (lower-case or capitalised), not followed by a letter except a glued ``đ``
# (``192tỷđồng``). The left edge is checked in ``_tokens``. Python's ``re`` with a factored
# pattern is ~5x faster here than an alternation in ``regex``: this scan runs over every article.
_WORD_RE = _re.compile(
    trie_pattern(set(NUMBER_WORDS) | {w[0].upper() + w[1:] for w in NUMBER_WORDS}) + r"(?![^\W\d_đ])"
)


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Number tokens of ``text[start:end]`` in order: ``(start, end, lower-cased token)``."""
    end = len(text) if end is None else end
    out = [(m.start(), m.end(), m.group()) for m in _DIGIT_RE.finditer(text, start, end)]
    for m in _WORD_RE.finditer(text, start, end):
        s = m.start()
        if s > 0 and text[s - 1].isalpha():
            continue
        out.append((s, m.end(), m.group().lower()))
    out.sort()
    return out


def _runs(toks: list[tuple[int, int, str]], text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Group tokens separated by at most two spaces (or glued: ``192tỷ``) into runs."""
    run: list[tuple[int, int, str]] = []
    for t in toks:
        if run and not (t[0] - run[-1][1] <= 2 and text[run[-1][1]:t[0]].strip(" ") == ""):
            yield run
            run = []
        run.append(t)
    if run:
        yield run


@dataclass(frozen=True, slots=True)
class Number:
    """A numeral phrase's reading.

    ``value``/``end_value`` are exact; ``approx`` is ``"about"`` for vague magnitudes
    (``hàng trăm``, ``vài chục``, a bare ``chục``) and ``"range"`` for ``đôi ba``-style pairs;
    ``scaled`` is True when the phrase ends in a scale word (``triệu``, ``tỷ``…);
    ``trail`` is the multiplier of the last literal (``1 triệu`` -> 10^6), used to share a scale
    across a range (``8-9 triệu``); ``words`` is True when written in words only.
    """

    value: Fraction
    end_value: Fraction | None = None
    approx: str | None = None
    scaled: bool = False
    trail: int = 1
    words: bool = False


@dataclass(slots=True)
class _State:
    total: Fraction = Fraction(0)  # closed groups
    cur: Fraction = Fraction(0)  # the open group
    has: bool = False  # any numeric content yet
    last: str = ""  # tag of the last token
    last_big: int = 0  # last big scale applied (0 = none)
    digit: int = 0  # last digit word, for mươi
    pending: bool = False  # a group opened after a big scale that no scale has closed yet
    approx: str | None = None
    trail: int = 1  # big scales applied to the open group
    only_words: bool = True
    pair: tuple[int, int] | None = None  # đôi ba / hai ba: a range of single digits
    pmult: int = 1  # every scale after the pair

    def final(self) -> bool:
        return self.has and not self.pending and self.last not in ("linh", "không", "vague", "nửa")

    def value(self) -> Number:
        scaled = self.last in ("big", "trăm", "chục", "rưỡi")
        if self.pair is not None:
            a, b = self.pair
            return Number(Fraction(a * self.pmult), Fraction(b * self.pmult), "range", scaled, self.pmult, self.only_words)
        return Number(self.total + self.cur, None, self.approx, scaled, self.trail, self.only_words)


def parse_tokens(tokens: list[str], style: Style = "dot") -> tuple[Number, int] | None:
    """Read the longest numeral prefix of ``tokens`` (lower-cased words or digit strings).

    Returns the reading and how many tokens it used, or None when no prefix is a number.
    """
    st = _State()
    best: tuple[Number, int] | None = None
    n = len(tokens)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else ""
        if not _step(st, tok, nxt, style):
            break
        if st.final():
            best = (st.value(), i + 1)
    return best


@lru_cache(maxsize=16384)
def _parse_cached(tokens: tuple[str, ...], style: Style) -> tuple[Number, int] | None:
    """``parse_tokens`` memoised: most runs are a lone ``một``, ``năm`` or a year."""
    return parse_tokens(list(tokens), style)


def _literal(st: _State, v: Fraction) -> bool:
    """Start the open group with the literal ``v`` (at the start or after a big scale)."""
    if st.last == "":
        st.cur, st.has, st.trail = v, True, 1
        return True
    if st.last in ("big", "không"):
        st.pending = True  # 3 tỷ 500 ...: only a following scale makes it part of the phrase
        st.cur, st.trail = v, 1
        return True
    return False


def _step(st: _State, tok: str, nxt: str, style: Style) -> bool:
    """Apply one token; False when it cannot continue the phrase."""
    if st.pair is not None:  # after đôi ba / hai ba only scales may follow
        s = SMALL_SCALES.get(tok) or BIG_SCALES.get(tok)
        if s is None:
            return False
        st.pmult *= s
        st.last = "big" if tok in BIG_SCALES else tok
        return True
    if tok[0].isdigit():
        v = parse_digits(tok, style)
        if v is None or st.last not in ("", "big") or (st.last == "big" and nxt not in BIG_SCALES and nxt not in SMALL_SCALES):
            return False
        st.only_words = False
        if not _literal(st, v):
            return False
        st.last = "num"
        return True
    if tok in DIGIT_WORDS or tok in TAIL_WORDS:
        return _digit_word(st, tok, nxt)
    if tok == "mươi":
        if st.last != "digit" or st.digit < 2:
            return False
        st.cur += st.digit * 9
        st.last = "mươi"
        return True
    if tok == "mười":
        if st.last == "trăm":
            st.cur += 10
        elif st.last == "" or (st.last == "big" and nxt in BIG_SCALES):
            _literal(st, Fraction(10))
        else:
            return False
        st.last = "mười"
        return True
    if tok in ("linh", "lẻ"):
        if st.last in ("trăm", "big") and nxt in DIGIT_WORDS:
            st.last = "linh"
            return True
        return False
    if tok == "không":
        if st.last == "big" and nxt == "trăm":
            _literal(st, Fraction(0))
            st.last = "không"
            return True
        return False
    if tok in SMALL_SCALES:
        return _small_scale(st, tok)
    if tok in BIG_SCALES:
        return _big_scale(st, BIG_SCALES[tok])
    if tok in ("rưỡi", "rưởi"):
        if st.last == "big":
            st.total += Fraction(st.last_big, 2)
        elif st.last in ("trăm", "chục"):
            st.cur += Fraction(SMALL_SCALES[st.last], 2)
        else:
            return False
        st.last = "rưỡi"
        return True
    if tok == "nửa":
        if st.last != "":
            return False
        st.last = "nửa"
        return True
    if tok in VAGUE_WORDS:
        return _vague(st, tok, nxt)
    return False


def _digit_word(st: _State, tok: str, nxt: str) -> bool:
    tail_only = tok in TAIL_WORDS
    d = TAIL_WORDS[tok] if tail_only else DIGIT_WORDS[tok]
    if st.last == "mươi":
        if tok == "năm":  # hai mươi năm: twenty years
            return False
        st.cur += d
        st.last = "unit"
        return True
    if st.last == "mười":
        if tok in ("năm", "mốt"):  # mười năm: ten years
            return False
        st.cur += d
        st.last = "unit"
        return True
    if tail_only:
        return False
    if st.last == "linh":
        st.cur += d
        st.last = "unit"
        return True
    if st.last == "trăm":
        if nxt != "mươi":  # hai trăm năm: two hundred years
            return False
        st.cur += d
    elif st.last == "vague" and tok == "ba":
        if st.digit == -2:  # đôi ba: two or three
            st.pair, st.has = (2, 3), True
            st.last = "digit"
        return True  # vài ba, dăm ba: still a few
    elif st.last == "digit" and st.total == 0 and st.cur == st.digit and d == st.digit + 1:
        st.pair = (st.digit, d)  # hai ba người, ba bốn trăm: a range
        st.last = "digit"
        return True
    elif st.last == "big":
        if nxt not in ("trăm", "mươi") and nxt not in BIG_SCALES:
            return False
        _literal(st, Fraction(d))
    elif st.last == "":
        _literal(st, Fraction(d))
    else:
        return False
    st.digit = d
    st.last = "digit"
    return True


def _small_scale(st: _State, tok: str) -> bool:
    s = SMALL_SCALES[tok]
    if st.last in ("digit", "không") or (st.last == "num" and st.cur < 10):
        st.cur *= s
        if tok == "trăm":
            st.pending = False  # 3 tỷ năm trăm ...: a full group
    elif st.last in ("", "vague"):
        st.approx = "about"  # a bare chục / trăm, hàng trăm: a magnitude
        st.cur, st.has, st.trail = Fraction(s), True, 1
    else:
        return False
    st.last = tok
    return True


def _big_scale(st: _State, s: int) -> bool:
    if st.last in ("", "vague", "nửa"):
        if st.last == "nửa":
            st.cur = Fraction(1, 2)
        else:
            st.cur = Fraction(1)
            st.approx = "about"  # triệu người, hàng triệu: a magnitude
        st.has, st.trail = True, 1
    elif st.last in ("rưỡi", "linh", "không"):
        return False
    if st.last == "big":  # nghìn tỷ: a compound scale
        if s <= st.last_big:
            return False
        st.total *= s
        st.trail *= s
    elif st.last_big and s > st.last_big:  # hai nghìn năm trăm tỷ
        st.total = (st.total + st.cur) * s
        st.trail = s
    elif st.last_big and s == st.last_big:
        return False
    else:
        st.total += st.cur * s
        st.trail = s
    st.cur = Fraction(0)
    st.last_big = s
    st.pending = False
    st.last = "big"
    return True


def _vague(st: _State, tok: str, nxt: str) -> bool:
    if tok == "mấy" and st.last in ("num", "digit") and nxt in BIG_SCALES:
        st.approx = "about"  # 2 mấy tỷ
        return True
    if st.last == "" or (st.last == "digit" and st.cur == 1 and tok == "vài"):  # một vài
        if tok == "hàng" and nxt not in SMALL_SCALES and nxt not in BIG_SCALES:
            return False
        st.cur, st.has = Fraction(0), False
        st.approx = "about"
        st.last = "vague"
        st.digit = -2 if tok == "đôi" else -1
        return True
    return False


def parse_number(text: str, style: Style = "dot") -> Number | None:
    """Read a whole numeral phrase (``3 tỷ 500 triệu``, ``hai mươi lăm``, ``hàng trăm``).

    None when ``text`` is not entirely one number (``năm 2021``, ``abc``, ``1.2.3``).
    """
    toks = [t for _, _, t in _tokens(text)]
    if not toks or "".join(toks) != "".join(text.lower().split()):
        return None
    got = parse_tokens(toks, style)
    if got is None or got[1] != len(toks):
        return None
    return got[0]


def read_int(text: str, style: Style = "dot") -> int | None:
    """``parse_number`` rounded to an int (None when not a number)."""
    n = parse_number(text, style)
    return None if n is None else to_int(n.value)


# --- scanning ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    """A numeral phrase (or range of two) at ``[start, end)`` of the scanned text."""

    start: int
    end: int
    number: Number

    @property
    def value(self) -> int:
        return to_int(self.number.value)

    @property
    def end_value(self) -> int | None:
        ev = self.number.end_value
        return None if ev is None else to_int(ev)


# Between the two ends of a range: ``8-9``, ``8 - 9``, ``8 đến 9``, ``8 tới 9``, ``8 ~ 9``.
_RANGE_SEP_RE = regex.compile(r"[ ]?[-~][ ]?|[ ](?:đến|tới|-)[ ]", regex.I)


_MAX_PHRASE = 40
# Between the members of a list of group sizes (``3 - 5 - 7``): a dash only.
_LIST_SEP_RE = regex.compile(r"[ ]?[-–][ ]?")


def _phrases(text: str, all_toks: list[tuple[int, int, str]], style: Style) -> Iterator[tuple[int, int, Number]]:
    for toks in _runs(all_toks, text):
        words = tuple(t[2] for t in toks)
        k = 0
        while k < len(toks):
            # a numeral phrase is never longer than _MAX_PHRASE tokens: a bounded window keeps a
            # long run of number words linear
            got = _parse_cached(words[k:k + _MAX_PHRASE], style)
            if got is None:
                k += 1
                continue
            num, used = got
            yield toks[k][0], toks[k + used - 1][1], num
            k += used


def scan(text: str, style: Style = "dot") -> list[Quantity]:
    """Every numeral phrase of ``text``; two joined by a range separator become one range
    (``8-9 triệu`` -> 8..9 million: a bare first end shares the second's scale)."""
    return _scan_tokens(text, _tokens(text), style)


def _scan_tokens(text: str, toks: list[tuple[int, int, str]], style: Style) -> list[Quantity]:
    raw = list(_phrases(text, toks, style))
    out: list[Quantity] = []
    i = 0
    while i < len(raw):
        s, e, num = raw[i]
        if i + 1 < len(raw):
            s2, e2, num2 = raw[i + 1]
            m = _RANGE_SEP_RE.fullmatch(text, e, s2) if 0 < s2 - e <= 5 else None  # a separator is 1-5 characters
            if m and num.end_value is None and num2.end_value is None:
                lo = _range_start(text[s:e], num, text[s2:e2], num2)
                if lo is not None and to_int(lo) < to_int(num2.value):  # 2,5 - 3 rounds to 3..3: no range
                    hi, j = num2.value, i + 2
                    # a list of group sizes ``3 - 5 - 7 người``: one range from the first to the last
                    while j < len(raw) and not num2.scaled and _LIST_SEP_RE.fullmatch(text, raw[j - 1][1], raw[j][0]):
                        nxt = raw[j][2]
                        if nxt.end_value is not None or nxt.scaled or nxt.value <= hi:
                            break
                        hi, e2, j = nxt.value, raw[j][1], j + 1
                    rng = Number(lo, hi, "range", num2.scaled, num2.trail, num.words and num2.words)
                    out.append(Quantity(s, e2, rng))
                    i = j
                    continue
        out.append(Quantity(s, e, num))
        i += 1
    return out


_PLAIN_INT_RE = regex.compile(r"\d+")
_YEAR_RE = regex.compile(r"(?:19|20)\d\d")
_THOUSANDS_RE = regex.compile(r"\d{1,3}(?:[.,]000)+|[1-9]\d{0,2}000")
# A range whose end is more than this many times its start is two numbers, not a range
# (``năm tài chính 2022 - 1,5 tỷ``).
MAX_RANGE_RATIO = 1000


def _range_start(tok1: str, num: Number, tok2: str, num2: Number) -> Fraction | None:
    """The start value of the range ``tok1 - tok2``, or None when the two are not a range.

    A bare first end shares the second's scale (``8-9 triệu``) or its trailing thousands
    (``250-280.000`` -> 250.000..280.000); a year (``2022 - 1,5 tỷ``) never starts a range
    of scaled numbers; an end more than ``MAX_RANGE_RATIO`` times the start is no range.
    """
    lo = num.value
    plain = not num.scaled and _PLAIN_INT_RE.fullmatch(tok1) is not None
    if plain and num2.scaled and num2.trail > 1 and _YEAR_RE.fullmatch(tok1):
        return None
    if not num.scaled and num2.scaled and num2.trail > 1:
        lo = lo * num2.trail
        if lo > num2.value:
            lo = num.value
    elif plain and not num2.scaled and _THOUSANDS_RE.fullmatch(tok2) and lo * 1000 < num2.value <= lo * 10_000:
        lo = lo * 1000
    if lo > 0 and num2.value > lo * MAX_RANGE_RATIO:
        return None
    return lo


def doc_quantities(doc: _HasCache) -> list[Quantity]:
    """``scan(doc.text, doc_style(doc))``, computed once per document and kept in ``doc.cache``."""
    got: list[Quantity] | None = doc.cache.get("numbers.quantities")
    if got is None:
        got = _scan_tokens(doc.text, _doc_tokens(doc), doc_style(doc))
        doc.cache["numbers.quantities"] = got
    return got


# --- qualifiers --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Qualifier:
    """Words before a number that qualify it: ``trên``, ``khoảng hơn``, ``ít nhất là``.

    ``approx`` is the SPEC value of the word nearest the number (``over``, ``under``, ``about``,
    ``at_least``, ``at_most``) or ``cap`` (``lên tới``: at_most only for a cap) or ``from`` (``từ``).
    """

    start: int
    approx: str


_QUALIFIERS = {r["surface"].lower(): r["approx"] for r in load_table("approx_qualifiers")}
_QUAL_ALT = alternation(_QUALIFIERS)
# Words between a qualifier and its number that do not stop it applying (``hơn con số 87 tỷ``,
# ``dưới mức 5 triệu``).
_QUAL_FILLERS = ("con số", "mức", "ngưỡng", "mốc")
# One or more qualifier words ending right before the number, each optionally followed by "là",
# the last optionally followed by a filler.
_QUAL_RE = regex.compile(
    r"(?:(?<!\p{L})(?:" + _QUAL_ALT + r")[ ]+(?:là[ ]+)?)+(?:(?:" + alternation(_QUAL_FILLERS) + r")[ ]+)?\Z", regex.I
)
_QUAL_WORD_RE = regex.compile(r"(?<!\p{L})(?:" + _QUAL_ALT + r")(?!\p{L})", regex.I)


def qualifier_before(text: str, pos: int) -> Qualifier | None:
    """The qualifier ending at ``pos`` (just before a number), if any."""
    m = _QUAL_RE.search(text, max(0, pos - 40), pos)
    if m is None:
        return None
    words = [w.group().lower() for w in _QUAL_WORD_RE.finditer(text, m.start(), pos)]
    return Qualifier(m.start(), _QUALIFIERS[words[-1]])


# --- spelling -------------------------------------------------------------------------------------

_UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _spell_below_1000(n: int, full: bool) -> list[str]:
    """0 < n < 1000; ``full``: a non-leading group, read with ``không trăm``/``linh``."""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out: list[str] = []
    if h or full:
        out += [_UNITS[h], "trăm"]
    if t == 0:
        if u:
            out += (["linh"] if out else []) + [_UNITS[u]]
    elif t == 1:
        out.append("mười")
        if u:
            out.append("lăm" if u == 5 else _UNITS[u])
    else:
        out += [_UNITS[t], "mươi"]
        if u:
            out.append({1: "mốt", 4: "tư", 5: "lăm"}.get(u, _UNITS[u]))
    return out


def spell(n: int) -> str:
    """``n`` (0 <= n < 10^18) in canonical Vietnamese words: 105 -> ``một trăm linh năm``,
    25 -> ``hai mươi lăm``, 3_500_000_000 -> ``ba tỷ năm trăm triệu``."""
    if n < 0 or n >= 10**18:
        raise ValueError(f"spell() takes 0 <= n < 10**18, got {n}")
    if n == 0:
        return "không"
    words: list[str] = []
    billions, rest = divmod(n, 10**9)
    if billions:
        words += spell(billions).split() + ["tỷ"]
    groups = [(rest // 10**6, "triệu"), (rest // 1000 % 1000, "nghìn"), (rest % 1000, "")]
    for g, name in groups:
        if g:
            words += _spell_below_1000(g, full=bool(words))
            if name:
                words.append(name)
    return " ".join(words)


__all__ = [
    "Number",
    "Quantity",
    "Qualifier",
    "qualifier_before",
    "Style",
    "doc_quantities",
    "doc_style",
    "exact_decimal",
    "parse_digits",
    "parse_number",
    "parse_tokens",
    "read_int",
    "scan",
    "spell",
    "thousands_style",
    "to_int",
]
