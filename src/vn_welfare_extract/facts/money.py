"""amounts: money amounts (SPEC §5) — ``trên 357 tỉ đồng``, ``1,2 triệu đồng/người``,
``3 tỷ 500 triệu đồng``, ``200.000đ``, ``hàng trăm tỷ đồng``, ``từ 1 đến 2 triệu đồng``, ``10 triệu USD``.

Numbers come from ``numbers.doc_quantities`` (one scan per article, shared with counts). An
amount is a quantity followed by a currency word (``currencies.tsv``; ``đồng`` starting another
word — ``đồng bào``, ``hai đồng phạm``, ``một đồng xu``, a coin — is not the currency), or a
quantity ending in a scale word (``26.000 tỷ``) right after a money cue (``kinh phí``,
``doanh thu``, ``trị giá`` …) and followed by no noun. Values are ints; a fractional amount
(``74,81 USD``) also gives its exact decimal in ``value_exact``. Rules (the item's ``rule``):

- ``money.currency``: number + currency word (one table of every spelling, ``currencies.tsv``);
- ``money.range2``: ``185.300 đồng - 189.300 đồng``, ``từ 7.000.000 đồng đến 8.000.000 đồng``;
- ``money.between``: ``giữa 3.000 và 8.000 đồng`` (a range);
- ``money.thousand_k``: ``15k đồng``, ``25K`` (thousands of VND; a bare ``K`` only in a money context);
- ``money.prefix``: the code or symbol first: ``VND5000``, ``VN$2500``, ``USD 5 triệu``, ``$12``,
  ``VND300-VND900``;
- ``money.bare_scale``: a scaled number with no currency in a money context (currency VND).

Every amount followed by a rate denominator (``/người/tháng``, ``/m3``, ``mỗi tháng``, ``cho mỗi
trẻ em``) carries it in ``per``: such an amount is a rate, never a total. Qualifiers invert when
negated (``không hơn``/``không cao hơn``/``thấp hơn``/``kém hơn`` → ``at_most``; ``không dưới``/
``không thấp hơn`` → ``at_least``); ``từ X đồng trở xuống`` → ``at_most``.
"""

from __future__ import annotations

import re
from fractions import Fraction

import regex

from ..lexicons import load_table, word_list
from ..model import AmountItem, Record
from ..numbers import (
    BIG_SCALES,
    Number,
    Quantity,
    doc_quantities,
    doc_style,
    exact_decimal,
    parse_number,
    qualifier_before,
    to_int,
)
from ..resources import Resources
from ..text import Doc
from ..wordlists import alternation, trie_pattern

# Words that may follow a number+unit as a rate denominator (``đồng/kg``, ``mỗi tháng``).
_PER_WORDS = word_list("money.per_words")
_PER_ALT = alternation(_PER_WORDS)
_UNIT_AFTER_SLASH = r"(?:" + _PER_ALT + r")(?!\p{L})|\p{L}[\p{L}\d²³]*"  # any unit after a slash: /m3, /km2

# Words that never make a bare scaled number money when they follow it: a noun after the
# number means it counts something else (``3 triệu liều``). Allowed followers: punctuation,
# end of text, or one of these function words; ``năm``/``tháng``/``ngày`` only before a date
# (``200 tỷ năm 2021``), never as a duration (``65 triệu năm trước``, ``vài nghìn năm``).
_BARE_FOLLOW_RE = regex.compile(
    r"[ ]*(?:[,.;:!?)\]\"'/\n]|$|(?:và|hoặc|cho|để|từ|với|của|trong|mỗi|một|là|thì|nhưng|so|tương đương|"
    r"bằng|trở lên|nữa|rồi|mà|đã|sẽ|được|vào|khi|do|nên|tại|ở|sau|trước|theo|nhằm|đến|tới|thuộc|còn|"
    r"tăng|giảm|trên|dưới)(?!\p{L})|(?:năm|tháng|ngày)[ ]\d)",
    regex.I,
)
# A bare ``26.000 tỷ`` is money only after a money word shortly before it in its sentence
# (``kinh phí``, ``doanh thu``, ``trị giá`` …, or an amount with a currency): the nearest cue
# decides, and a cue of people or goods (``dân số``, ``thuê bao``, ``tấn``) says it is not money.
_BARE_CUE_WINDOW = 80
_BARE_CUE_RE = regex.compile(
    r"(?<!\p{L})(?:(?P<money>tiền|kinh phí|ngân sách|vốn|lương|thu nhập|chi phí|học phí|doanh thu|doanh số|"
    r"lợi nhuận|trị giá|giá trị|đầu tư|thuế|phí|quỹ|ủng hộ|tài trợ|chi trả|giải ngân|nộp|"
    r"bồi thường|phạt|tổng mức|kim ngạch|vốn hóa|tài sản|GDP|tín dụng|"
    r"thưởng|trợ cấp|hỗ trợ|số tiền|khoản|tạm ứng|tiết kiệm|USD|VNĐ|VND|(?<=\d|\d |tỷ |tỉ |triệu |nghìn |ngàn )đồng|"
    r"giá|lãi|lỗ|vay|nợ|mua|bán|trả|góp|"
    # short words that are also given names (Thu Hoài, Kim Chi) count only in lower case
    r"(?-i:chi|thu))"
    r"|(?P<other>dân số|dân|người|thuê bao|khách|tấn|lượt|sản lượng|công suất|diện tích|số lượng|lao động|"
    r"học sinh|liều|km|ha|m2|sản phẩm|đơn vị|tài khoản|hộ|ca|số ca|ca mắc|lượt xem))(?!\p{L})",
    regex.I,
)
# With no cue in the window, an amount with a currency ending this close before still makes a
# bare scaled number money (``… 1.200 tỷ đồng để giải tỏa. Bờ bắc cũng cần 2.600 tỷ``).
_BARE_AFTER_MONEY = 200
# A currency word that starts another word is not the currency: đồng bào, đô thị, Yên Bái …
# (checked only after an unscaled number: ``10.990 tỷ đồng bằng nguồn vốn`` is money).
_NOT_CURRENCY = {
    "đồng": word_list("money.dong_noun_heads"),
    "đô": ("thị", "đốc", "vật", "hộ"),
    "yên": ("tâm", "bình", "bái", "ổn", "lặng", "ấm", "vui", "thế", "lạc", "mô", "thành", "định", "dũng"),
    "kíp": ("trực", "mổ", "nổ", "bác sĩ", "y", "cấp cứu", "phẫu thuật", "làm việc", "công tác"),
    "bạt": ("ngàn", "mạng", "núi"),
}
# After ``đồng`` these start a noun even after a scale word (``hàng triệu đồng bào``,
# ``5 triệu đồng xu``: coins are counted, not an amount of VND).
_NEVER_CURRENCY = {
    "đồng": word_list("money.dong_nouns_after_scale"),
}
# A currency word after a number written in words that is followed by a noun starts that noun
# (``một kíp bác sĩ``, ``hai đồng phạm``), unless the noun is one of these function words
# (``hai đồng một mớ``, ``năm đồng cho mỗi``).
_WORD_NUMBER_NOT_CUR_RE = regex.compile(
    r"[ ](?!(?:và|hoặc|cho|một|mỗi|là|thì|nhưng|mà|để|của|từ|với|trong|nữa|thôi|cũng|đã|sẽ|được|bị|còn|"
    r"rồi|khi|nên|so|tiền|trở)(?!\p{L}))\p{Ll}",
)
_COIN_RE = regex.compile(r"[ ]tiền(?!\p{L})", regex.I)
_AMBIGUOUS_CURRENCY = frozenset(word_list("money.ambiguous_currencies"))
# A cap: ``lên tới`` is at_most only after one of these in the same sentence.
_CAP_CUE_RE = regex.compile(r"(?<!\p{L})(?:phạt|xử phạt|mức|tối đa|có thể|hạn mức|vay|được hưởng|được hỗ trợ)(?!\p{L})", regex.I)

# Amounts at or above this (10^16 VND is ~100 times Viet Nam's GDP) keep their value but carry
# a warning: the text is garbled or a unit is wrong.
IMPLAUSIBLE = 10**16
# ``từ X trở lên``: X or more; ``từ X trở xuống``: X or less.
_AND_UP_RE = regex.compile(r"[ ]+trở (lên|xuống)(?!\p{L})", regex.I)
# ``15k đồng``, ``25K``: a thousand (a digit number only, glued ``k``/``K`` then no letter).
_THOUSAND_K_RE = re.compile(r"[kK](?![^\W\d_])")
# A currency code or symbol right before a digit number: ``VND5000``, ``VN$2500``, ``USD 5 triệu``,
# ``$5``, ``VND300-VND900`` (the number is read with numbers.parse_number, scale words included).
_SCALE_WORDS = r"(?:[ ](?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L}))*"
_PREFIX_NUM = r"\d+(?:[.,]\d+)*" + _SCALE_WORDS
# ``giữa 3.000 và 8.000 đồng``: a range; ``giữa`` before the first number, ``và`` between.
_BETWEEN_RE = regex.compile(r"(?<!\p{L})giữa[ ]\Z", regex.I)
_BETWEEN_AND_RE = regex.compile(r"[ ](?:đồng[ ])?và[ ]", regex.I)
# Cheap test before the prefix scan: a capital (the end of a code) right before a digit (linear: no
# run of capitals is consumed, ``ABCD…`` stays cheap).
_PREFIX_HINT_RE = regex.compile(r"\p{Lu}\$?[ ]?\d")
# ``Năm 2025 USD mạnh lên``, ``trong năm 2023 đồng USD``: a year after ``năm``, not an amount
# (``mỗi năm 2000 USD`` is a rate per year, and ``năm 2.000 USD`` has a thousands dot).
_YEAR_BEFORE_RE = regex.compile(r"(?<!(?:mỗi|một|hằng|hàng|/)[ ]?)(?<!\p{L})năm[ ]\Z", regex.I)
_FOUR_DIGITS_RE = re.compile(r"(?:19|20)\d\d\Z")
_DIGITS_RE = re.compile(r"\d+")


class AmountsComponent:
    name = "amounts"

    def __init__(self, res: Resources) -> None:
        self.lex = res.lexicons
        rows = load_table("currencies")
        cur = {r["surface"]: r["currency"] for r in rows}
        self._currency = {k.lower(): v for k, v in cur.items()}
        before = [r["surface"] for r in rows if r["position"] == "both"]
        # A code or symbol before the number (``VND5000``, ``USD 5 triệu``, ``VND300-VND900``), not
        # the currency of an amount just before it (``5 tỷ USD 2 năm``), not inside a word.
        code = r"(?:" + alternation(before) + r")"
        self._prefix_re = regex.compile(
            r"(?<![\p{L}\d$])(?<!\d[ ]?)(?<!(?:nghìn|ngàn|triệu|tỷ|tỉ)[ ])(?P<cur>" + code + r")[ ]?(?P<num>" + _PREFIX_NUM + r")"
            r"(?:[ ]?[-–][ ]?(?:" + code + r")?[ ]?(?P<num2>" + _PREFIX_NUM + r"))?(?![ ]?%)(?![\p{L}\d])",
            regex.I,
        )
        self._prefix_len = max(len(w) for w in before)  # the longest code or symbol
        # A currency word right after a number (``200.000đ``, ``192tỷđồng`` glued; ``đ/người``).
        self._cur_re = re.compile(r" {0,2}(?P<cur>" + trie_pattern(cur) + r")(?![^\W\d_])", re.I)
        self._not_cur = {
            k: regex.compile(r"[ ](?:" + alternation(list(v)) + r")(?!\p{L})", regex.I) for k, v in _NOT_CURRENCY.items()
        }
        self._never_cur = {
            k: regex.compile(r"[ ](?:" + alternation(list(v)) + r")(?!\p{L})", regex.I) for k, v in _NEVER_CURRENCY.items()
        }
        # Per: ``/người``, ``/người/tháng``, `` mỗi tháng``, `` một người``, `` cho mỗi phụ huynh``.
        self._per_re = regex.compile(
            r"[ ]?/[ ]?(?P<p1>" + _UNIT_AFTER_SLASH + r")(?:[ ]?/[ ]?(?P<p2>" + _UNIT_AFTER_SLASH + r"))?"
            r"|[ ](?:cho[ ])?(?:mỗi|một|1|trên|/)[ ](?P<p3>" + _PER_ALT + r")(?!\p{L})",
            regex.I,
        )
        # A second money term of a range: `` - 189.300 đồng``, `` đến 8.000.000 đồng``.
        self._range2_re = regex.compile(r"[ ]?-[ ]?|[ ](?:đến|tới)[ ]", regex.I)

    def __call__(self, doc: Doc, rec: Record) -> None:
        prefixed = self._prefixed(doc)
        taken = [(it.start, it.end) for it, _, _ in prefixed]
        for it, _, _ in prefixed:
            rec.amounts.append(it)
        qs = [q for q in doc_quantities(doc) if q.start >= doc.header_end]
        blocked = [(s, e) for _, s, e in prefixed]  # in order, not overlapping
        b = 0
        last_money_end = -(10**9)  # normalised end of the last amount with a currency
        i = 0
        while i < len(qs):
            while b < len(blocked) and blocked[b][1] <= qs[i].start:
                b += 1
            if b < len(blocked) and blocked[b][0] <= qs[i].start:
                i += 1  # inside a prefixed amount (``USD 5 triệu``)
                continue
            item, used, end = self._read(doc, qs, i, last_money_end)
            if item is not None:
                if item.value is not None and item.value >= IMPLAUSIBLE:
                    doc.warn("implausible_amount", f"amount {item.value} in {item.text!r} is beyond any budget", item.start, item.end)
                rec.amounts.append(item)
                if item.rule != "money.bare_scale":
                    last_money_end = end
            i += used
        if taken:
            rec.amounts.sort(key=lambda a: a.start)

    def _prefixed(self, doc: Doc) -> list[tuple[AmountItem, int, int]]:
        """Amounts whose currency code or symbol comes first: ``VND5000``, ``VN$2500``,
        ``USD 5 triệu``, ``VND300-VND900`` (rule ``money.prefix``), with their normalised span."""
        text = doc.text
        out: list[tuple[AmountItem, int, int]] = []
        if not any(c in text for c in "$€£¥₩") and not _PREFIX_HINT_RE.search(text):
            return out
        style = doc_style(doc)
        for m in self._prefix_matches(text, doc.header_end):
            num = parse_number(m.group("num"), style)
            if num is None or not (_BARE_FOLLOW_RE.match(text, m.end()) or self._per_re.match(text, m.end())):
                continue  # ``tỷ giá USD 2 tuần qua``: a noun after the number, no amount
            value, end_value, approx = num.value, None, num.approx
            if m.group("num2"):
                num2 = parse_number(m.group("num2"), style)
                if num2 is None or num2.value <= value:
                    continue
                end_value, approx = num2.value, "range"
            currency = self._currency[m.group("cur").lower()]
            item, end = self._build(doc, m.start(), m.end(), value, end_value, approx, currency, "money.prefix")
            out.append((item, m.start(), end))
        return out

    def _prefix_matches(self, text: str, start: int) -> list[regex.Match[str]]:
        """``_prefix_re.finditer(text, start)``, tried only where it can start (speed: its
        lookbehinds make the engine try every position): a code or symbol, at most
        ``_prefix_len`` long, ends right before a digit run or one space before it."""
        cands: set[int] = set()
        for d in _DIGITS_RE.finditer(text, start):
            e = d.start() - 1 if text[d.start() - 1 : d.start()] == " " else d.start()
            cands.update(range(max(start, e - self._prefix_len), e))
        out: list[regex.Match[str]] = []
        reach = start
        for p in sorted(cands):
            if p >= reach and (m := self._prefix_re.match(text, p)) is not None:
                out.append(m)
                reach = m.end()
        return out

    def _currency_at(self, text: str, pos: int, num: Number) -> tuple[str, int] | None:
        """The currency code and end of a currency word right after ``pos`` (after a scale word,
        ``đồng`` is mostly money: ``10.990 tỷ đồng bằng nguồn vốn``, but not ``triệu đồng bào``).
        A number in words only is not money before a noun (``hai đồng phạm``, ``một kíp trực``);
        nor is a small one before ``tiền`` (``rổ 6 đồng tiền``, but ``500.000 đồng tiền mặt``)."""
        m = self._cur_re.match(text, pos)
        if m is None:
            return None
        word = m.group("cur").lower()
        nv = self._never_cur.get(word)
        if nv is not None and nv.match(text, m.end()):
            return None
        if not num.scaled:
            nc = self._not_cur.get(word)
            if nc is not None and nc.match(text, m.end()):
                return None
            if num.words and word in _AMBIGUOUS_CURRENCY and _WORD_NUMBER_NOT_CUR_RE.match(text, m.end()):
                return None
            if num.value < 1000 and word == "đồng" and _COIN_RE.match(text, m.end()):
                return None
        return self._currency[word], m.end()

    def _read(self, doc: Doc, qs: list[Quantity], i: int, last_money_end: int) -> tuple[AmountItem | None, int, int]:
        text = doc.text
        q = qs[i]
        num = q.number
        value, end_value, approx = num.value, num.end_value, num.approx
        used = 1
        rule = "money.currency"
        start, pos = q.start, q.end
        if _FOUR_DIGITS_RE.match(text, q.start, q.end) and _YEAR_BEFORE_RE.search(text, max(0, q.start - 12), q.start):
            return None, 1, 0
        if not num.scaled and not num.words and _THOUSAND_K_RE.match(text, pos):
            value, pos, rule = value * 1000, pos + 1, "money.thousand_k"  # 15k đồng, 25K
            end_value = None if end_value is None else end_value * 1000
        cur = self._currency_at(text, pos, num)
        between = _BETWEEN_RE.search(text, max(0, q.start - 8), q.start) if cur is None and i + 1 < len(qs) else None
        if between is not None:
            # giữa 3.000 và 8.000 đồng: a range written with giữa … và
            q2 = qs[i + 1]
            and_m = _BETWEEN_AND_RE.match(text, pos)
            cur2 = self._currency_at(text, q2.end, q2.number)
            if and_m is not None and and_m.end() == q2.start and cur2 is not None and q2.number.value > value:
                item, end = self._build(doc, between.start(), cur2[1], value, q2.number.value, "range", cur2[0], "money.between")
                return item, 2, end
        if cur is not None:
            currency, end = cur
            # 185.300 đồng - 189.300 đồng: a range with the currency written twice
            if end_value is None and i + 1 < len(qs):
                r = self._range2_re.match(text, end)
                q2 = qs[i + 1]
                if r is not None and r.end() == q2.start and q2.number.end_value is None:
                    cur2 = self._currency_at(text, q2.end, q2.number)
                    if cur2 is not None and cur2[0] == currency and q2.number.value > value:
                        end_value, approx, end, used, rule = q2.number.value, "range", cur2[1], 2, "money.range2"
        elif rule == "money.thousand_k" and (self._per_re.match(text, pos) or self._bare_ok(doc, Quantity(q.start, pos, num), last_money_end)):
            currency, end = "VND", pos
        elif rule != "money.thousand_k" and num.scaled and num.trail >= 1000 and text[q.start:q.end].lower() not in BIG_SCALES and self._bare_ok(doc, q, last_money_end):
            currency, end, rule = "VND", q.end, "money.bare_scale"
        else:
            return None, 1, 0
        item, end = self._build(doc, start, end, value, end_value, approx, currency, rule)
        return item, used, end

    def _build(self, doc: Doc, start: int, end: int, value: Fraction, end_value: Fraction | None, approx: str | None,
               currency: str, rule: str) -> tuple[AmountItem, int]:
        """The amount item from ``start`` to ``end`` (normalised), with its rate denominator
        (``/người/tháng``, ``mỗi tháng``: every amount with one gets ``per``) and its qualifier
        (``trên``, ``không quá``, ``từ … trở lên``); returns it with its normalised end."""
        text = doc.text
        per = None
        pm = self._per_re.match(text, end)
        if pm is not None:
            if pm.group("p3"):
                per = pm.group("p3").lower()
            else:
                per = pm.group("p1").lower() + (("/" + pm.group("p2").lower()) if pm.group("p2") else "")
            end = pm.end()
        first = start
        qual = qualifier_before(text, start)
        up = _AND_UP_RE.match(text, end)
        if qual is not None:
            if qual.approx == "from" and up is not None and end_value is None:
                first, end = qual.start, up.end()  # từ 500.000 đồng trở lên / trở xuống
                approx = "at_most" if up.group(1).lower() == "xuống" else "at_least"
            elif qual.approx == "from":
                if end_value is not None:
                    first = qual.start
            elif qual.approx == "cap":
                sent_s, _ = doc.sentence_at(start)
                if _CAP_CUE_RE.search(text, sent_s, qual.start):
                    first, approx = qual.start, "at_most"
            else:
                first = qual.start
                if end_value is None:
                    approx = qual.approx
        elif up is not None and end_value is None:
            end = up.end()  # 500.000 đồng trở lên
            approx = "at_most" if up.group(1).lower() == "xuống" else "at_least"
        if end_value is not None:
            approx = "range"
        surface, s0, e0 = doc.surface(first, end)
        item = AmountItem(
            text=surface, start=s0, end=e0, value=to_int(value), currency=currency, approx=approx, per=per,
            end_value=None if end_value is None else to_int(end_value), rule=rule,
            value_exact=exact_decimal(value), end_value_exact=None if end_value is None else exact_decimal(end_value),
        )
        return item, end

    def _bare_ok(self, doc: Doc, q: Quantity, last_money_end: int) -> bool:
        """A scaled number with no currency is money when nothing countable follows it and the
        nearest cue shortly before it in its sentence is a money word (with no cue at all: when
        an amount with a currency ends shortly before it)."""
        text = doc.text
        if not _BARE_FOLLOW_RE.match(text, q.end):
            return False
        s, _ = doc.sentence_at(q.start)
        last = None
        for m in _BARE_CUE_RE.finditer(text, max(s, q.start - _BARE_CUE_WINDOW), q.start):
            last = m
        if last is None:
            return q.start - last_money_end < _BARE_AFTER_MONEY
        return last.group("money") is not None
