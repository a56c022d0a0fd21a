"""Settles overlaps between fact types once every component has run.

- The numbers inside a document reference are never dates, counts or amounts: a numeric item
  overlapping a policy mention is dropped (policy mentions span kind + number/code only, so a
  date in ``ngày 1/7/2021 của Chính phủ`` after the code survives).
- A document's year is not an event date: a bare year right after a policy mention (only
  spaces and commas between: ``Luật Đất đai, năm 2013``, ``Quyết định 649/QĐ-UBND 2014``) is
  dropped, unless the policy's own year is known and differs (``Nghị định 20/2021/NĐ-CP, năm
  2022 tỉnh chi …``: 2022 is when the spending happens).
- A count and an amount on the same span: the amount wins (it has a currency); the counts step
  reads every number, this step drops those inside an amount.
- Within one type, overlapping items: the longer span wins (ties: the earlier one).
- A document's issue date is one value: a day item right after a policy mention that is that
  policy's ``issued_on`` written without its year takes the policy's year (the policy knows
  it from its code, or resolves it as a past date: published 2021-12-30, ``Quyết định 15 ngày
  2/1`` was issued on 2021-01-02, not on 2022-01-02).

Every step is O(n log n): spans are sorted once and swept, never compared all against all.

Audit hook: ``resolve(rec, dropped=[])`` also appends a ``Dropped`` (the step's rule name, the
item list, the item) for every item a step removes. The normal path (``dropped=None``) does no
extra work. Rule names: ``inside_policy``, ``document_year``, ``amount_over_count``,
``overlap_longer``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, TypeVar

from .model import DateItem, Record

T = TypeVar("T")


@dataclass(slots=True)
class Dropped:
    """An item a resolver step removed (reported only when ``resolve`` is given a list)."""

    rule: str  # inside_policy | document_year | amount_over_count | overlap_longer
    kind: str  # the item list: dates, counts, amounts
    item: Any


class _Blocker:
    """Answers "does [s, e) overlap any blocking span?" in O(log n) after an O(n log n) build."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if e <= s:
                continue
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def hits(self, s: int, e: int) -> bool:
        # the first merged span ending after s is the only candidate (merged spans are disjoint)
        k = bisect_left(self.ends, s + 1)
        return k < len(self.starts) and self.starts[k] < e


def _keep_clear(items: list[T], blocker: _Blocker, dropped: list[Dropped] | None = None, rule: str = "", kind: str = "") -> list[T]:
    if dropped is None:
        return [it for it in items if not blocker.hits(it.start, it.end)]  # type: ignore[attr-defined]
    kept: list[T] = []
    for it in items:
        if blocker.hits(it.start, it.end):  # type: ignore[attr-defined]
            dropped.append(Dropped(rule, kind, it))
        else:
            kept.append(it)
    return kept


def _dedupe(items: list[Any], dropped: list[Dropped] | None = None, kind: str = "") -> list[Any]:
    """Keep the longest of overlapping items; output sorted by start.

    Longest first, each accepted item is checked against the accepted ones kept in a sorted
    list of disjoint spans (bisect), so the whole pass is O(n log n)."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Any] = []
    for it in sorted(items, key=lambda x: (-(x.end - x.start), x.start)):
        k = bisect_left(starts, it.start)
        if (k > 0 and ends[k - 1] > it.start) or (k < len(starts) and starts[k] < it.end):
            if dropped is not None:
                dropped.append(Dropped("overlap_longer", kind, it))
            continue
        starts.insert(k, it.start)
        ends.insert(k, it.end)
        kept.append(it)
    kept.sort(key=lambda x: (x.start, x.end))
    return kept


def resolve(rec: Record, text: str, dropped: list[Dropped] | None = None) -> None:
    """Settle overlaps in place (``text``: the article the offsets point into); with a
    ``dropped`` list, report every removed item there."""
    policy_spans = [(m.start, m.end) for p in rec.policies for m in p.mentions]
    if policy_spans:
        blocker = _Blocker(policy_spans)
        rec.dates = _keep_clear(rec.dates, blocker, dropped, "inside_policy", "dates")
        rec.dates = _drop_document_years(rec, text, dropped)
        rec.counts = _keep_clear(rec.counts, blocker, dropped, "inside_policy", "counts")
        rec.amounts = _keep_clear(rec.amounts, blocker, dropped, "inside_policy", "amounts")
    if rec.amounts and rec.counts:
        rec.counts = _keep_clear(rec.counts, _Blocker([(a.start, a.end) for a in rec.amounts]), dropped, "amount_over_count", "counts")
    rec.dates = _dedupe(rec.dates, dropped, "dates")
    _issue_dates_agree(rec)
    rec.counts = _dedupe(rec.counts, dropped, "counts")
    rec.amounts = _dedupe(rec.amounts, dropped, "amounts")


# What may stand between a policy mention and its year (``Luật Đất đai, năm 2013``).
_YEAR_GAP = " ,\u00a0\t"


def _drop_document_years(rec: Record, text: str, dropped: list[Dropped] | None) -> list[DateItem]:
    """The dates without those that are a policy's year (see the module's docstring)."""
    policy_year = {m.end: p.year for p in rec.policies for m in p.mentions}
    kept: list[DateItem] = []
    for d in rec.dates:
        if d.rule == "year" and d.grain == "year" and d.end_value is None and d.value:
            j = d.start
            while j > 0 and text[j - 1] in _YEAR_GAP:
                j -= 1
            if j in policy_year and policy_year[j] in (None, int(d.value)):
                if dropped is not None:
                    dropped.append(Dropped("document_year", "dates", d))
                continue
        kept.append(d)
    return kept


# How far after a policy mention its issue date may start (``Quyết định số 15/QĐ-UBND ngày 2/1``,
# ``Nghị định 15 của Chính phủ ban hành ngày 2/1``).
_ISSUE_DATE_REACH = 48


def _issue_dates_agree(rec: Record) -> None:
    """Day items that are a policy's issue date take the policy's value (same month and day,
    starting just after one of its mentions). ``rec.dates`` is sorted by start here."""
    if not rec.dates:
        return
    starts = [d.start for d in rec.dates]
    for p in rec.policies:
        issued = p.issued_on
        if not issued or len(issued) != 10:
            continue
        for m in p.mentions:
            k = bisect_left(starts, m.end)
            while k < len(starts) and starts[k] < m.end + _ISSUE_DATE_REACH:
                d = rec.dates[k]
                if d.grain == "day" and d.value and d.value != issued and d.value[4:] == issued[4:]:
                    d.value = issued
                k += 1
