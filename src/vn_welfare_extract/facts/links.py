"""facts: records that tie amounts, counts, policies, places, officials and dates together
where ONE sentence states the link (SPEC §7).

Types:
- ``support``: aid to people — beneficiaries (counts), the total amount, a per-person rate,
  what was given (``nhu yếu phẩm``), the policy, the place and the date;
- ``budget``: an amount allocated or spent by a body for a purpose, with no beneficiary count;
- ``statement``: an official said something — who, in what capacity, when;
- ``case_count``: people affected (infected, dead, injured, orphaned, unemployed …), with place
  and date.

Linking never crosses a sentence, except through an explicit back-reference (``tỉnh này``,
``số tiền trên``). The article's place and date fill a fact's gaps only when the article names a
single place (or a single date value); otherwise they stay null. Each fact keeps the ids of the
items it links (``links``), readable linked values, its sentence span and its rule name.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import regex

from ..lexicons import Lexicons, load_table
from ..model import AmountItem, CountItem, DateItem, Fact, Official, Policy, Record
from ..text import Doc

# Count units that name people affected by an event (a case_count needs one of these).
_CASE_UNITS = {"người", "ca", "trẻ em", "bệnh nhân", "trường hợp", "lao động", "công nhân", "học sinh", "nạn nhân"}


@dataclass
class _Sentence:
    start: int  # original offsets
    end: int
    nstart: int  # normalised offsets
    nend: int
    amounts: list[AmountItem] = field(default_factory=list)
    counts: list[CountItem] = field(default_factory=list)
    dates: list[DateItem] = field(default_factory=list)
    places: list[tuple[int, Any]] = field(default_factory=list)  # (mention start, Location)
    policies: list[Policy] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)


class FactsComponent:
    name = "facts"

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in load_table("fact_cues"):
            by_kind[row["kind"]].append((row["cue"].lower(), row.get("value", "")))
        self._values: dict[str, dict[str, str]] = {k: dict(v) for k, v in by_kind.items()}
        # One alternation per kind, longest cue first, whole words only.
        self._res = {
            k: regex.compile(
                r"(?<!\w)(?:" + "|".join(regex.escape(c) for c, _ in sorted(v, key=lambda x: -len(x[0]))) + r")(?!\w)"
            )
            for k, v in by_kind.items()
        }

    def _cues(self, kind: str, text: str) -> list[tuple[int, str]]:
        return [(m.start(), m.group()) for m in self._res[kind].finditer(text)] if kind in self._res else []

    def __call__(self, doc: Doc, rec: Record) -> None:
        sents = self._sentences(doc, rec)
        if not sents:
            return
        default_place = _single_place(rec)
        default_date = _single_date(rec)
        place_mentions = sorted((m.start, loc) for loc in rec.locations for m in loc.mentions)
        for s in sents:
            low = doc.text[s.nstart : s.nend].lower()
            place = s.places[0][1] if s.places else None
            place_rule = "in_sentence"
            if place is None and self._cues("place_ref", low):
                before = [loc for st, loc in place_mentions if st < s.start]
                place = before[-1] if before else None
                place_rule = "back_reference"
            if place is None and default_place is not None:
                place, place_rule = default_place, "article_default"
            date = next((d for d in s.dates if d.role == "as_of"), s.dates[0] if s.dates else None)
            if date is None and default_date is not None:
                date = default_date
            made_support = False
            if (s.counts or s.amounts) and self._cues("support", low):
                rec.facts.append(self._support(doc, s, low, place, date, place_rule))
                made_support = True
            if not made_support and s.amounts and not s.counts and self._cues("budget", low):
                rec.facts.append(self._budget(doc, s, place, date, rec))
            if s.counts:
                for c in s.counts:
                    what = self._case_what(c, s, low)
                    if what and c.unit in _CASE_UNITS:
                        rec.facts.append(self._case(doc, s, c, what, place, date))
            if s.officials and self._cues("statement", low):
                rec.facts.append(self._statement(doc, s, date))

    # -- building blocks -------------------------------------------------------------------
    def _sentences(self, doc: Doc, rec: Record) -> list[_Sentence]:
        sents = [_Sentence(*doc.span(a, b), a, b) for a, b in doc.sentences]
        starts = [s.start for s in sents]

        def at(pos: int) -> _Sentence | None:
            k = bisect_right(starts, pos) - 1
            return sents[k] if k >= 0 and pos < sents[k].end else None

        for a in rec.amounts:
            if (s := at(a.start)) is not None:
                s.amounts.append(a)
        for c in rec.counts:
            if (s := at(c.start)) is not None:
                s.counts.append(c)
        for d in rec.dates:
            if (s := at(d.start)) is not None:
                s.dates.append(d)
        for loc in rec.locations:
            for m in loc.mentions:
                if (s := at(m.start)) is not None:
                    s.places.append((m.start, loc))
        for p in rec.policies:
            for m in p.mentions:
                if (s := at(m.start)) is not None and p not in s.policies:
                    s.policies.append(p)
        for o in rec.officials:
            for m in o.mentions:
                if (s := at(m.start)) is not None and o not in s.officials:
                    s.officials.append(o)
        for s in sents:
            s.places.sort(key=lambda x: x[0])
        return sents

    def _base(self, doc: Doc, s: _Sentence, kind: str, rule: str) -> Fact:
        return Fact(kind, doc.original[s.start : s.end], s.start, s.end, rule=rule)

    @staticmethod
    def _place_date(f: Fact, place: Any, date: DateItem | None) -> None:
        f.values["location"] = place.name if place is not None else None
        if place is not None:
            f.links["location"] = place.id
        if date is not None:
            f.values["as_of" if date.role == "as_of" else "date"] = date.value
            f.links["date"] = date.id

    def _support(self, doc: Doc, s: _Sentence, low: str, place: Any, date: DateItem | None, place_rule: str) -> Fact:
        f = self._base(doc, s, "support", f"support.sentence.{place_rule}")
        self._place_date(f, place, date)
        aids = self._cues("aid", low)
        if aids:
            f.values["what"] = self._values["aid"].get(aids[0][1], aids[0][1])
        counts = [c for c in s.counts if self._case_what(c, s, low) is None] or s.counts
        f.values["beneficiaries"] = [c.value for c in counts]
        f.links["beneficiaries"] = [c.id for c in counts]
        totals = [a for a in s.amounts if a.per is None]
        rates = [a for a in s.amounts if a.per is not None]
        if totals:
            f.values["amount"] = totals[0].value
            f.values["currency"] = totals[0].currency
            f.values["approx"] = totals[0].approx
            f.links["amount"] = totals[0].id
        if rates:
            f.values["rate"] = rates[0].value
            f.values["rate_per"] = rates[0].per
            f.links["rate"] = rates[0].id
            if not totals:
                f.values["currency"] = rates[0].currency
        if s.policies:
            p = s.policies[0]
            f.values["policy"] = p.code or " ".join(x for x in (p.kind, p.number or p.title or "") if x)
            f.links["policy"] = p.id
        return f

    def _budget(self, doc: Doc, s: _Sentence, place: Any, date: DateItem | None, rec: Record) -> Fact:
        f = self._base(doc, s, "budget", "budget.sentence")
        self._place_date(f, place, date)
        a = next((x for x in s.amounts if x.per is None), s.amounts[0])
        f.values.update(amount=a.value, currency=a.currency, approx=a.approx)
        f.links["amount"] = a.id
        orgs = [o for o in rec.organizations if any(s.start <= m.start < s.end for m in o.mentions)]
        if orgs:
            f.values["body"] = orgs[0].name
            f.links["body"] = orgs[0].id
        purpose = regex.search(r"(?<!\w)(?:để|nhằm|cho việc|phục vụ)\s+([^,.;]{3,120})", doc.text[s.nstart : s.nend])
        if purpose:
            f.values["purpose"] = purpose.group(1).strip()
        if s.policies:
            f.links["policy"] = s.policies[0].id
        return f

    def _case_what(self, c: CountItem, s: _Sentence, low: str) -> str | None:
        """The case cue that qualifies a count: inside its group, or the nearest in its clause."""
        cues = self._cues("case", low)
        if not cues:
            return None
        values = self._values["case"]
        if c.group:
            g = c.group.lower()
            for _, cue in cues:
                if cue in g:
                    return values.get(cue) or cue
        rel = c.start - s.start
        near = [(abs(pos - rel), cue) for pos, cue in cues if abs(pos - rel) <= 60]
        if near:
            return values.get(min(near)[1]) or min(near)[1]
        return None

    def _case(self, doc: Doc, s: _Sentence, c: CountItem, what: str, place: Any, date: DateItem | None) -> Fact:
        f = self._base(doc, s, "case_count", "case_count.sentence")
        self._place_date(f, place, date)
        f.values.update(what=what, count=c.value, approx=c.approx, unit=c.unit, group=c.group)
        f.links["count"] = c.id
        return f

    def _statement(self, doc: Doc, s: _Sentence, date: DateItem | None) -> Fact:
        f = self._base(doc, s, "statement", "statement.sentence")
        o = s.officials[0]
        f.values["official"] = o.name
        if o.titles:
            t = o.titles[0]
            f.values["capacity"] = t.title + (f" {t.organization}" if t.organization else "")
        f.links["official"] = o.id
        if date is not None:
            f.values["as_of" if date.role == "as_of" else "date"] = date.value
            f.links["date"] = date.id
        return f


def _single_place(rec: Record) -> Any:
    names = {loc.name for loc in rec.locations}
    return rec.locations[0] if len(names) == 1 else None


def _single_date(rec: Record) -> DateItem | None:
    values = {d.value for d in rec.dates if d.value is not None}
    return rec.dates[0] if len(values) == 1 and rec.dates[0].value is not None else None
