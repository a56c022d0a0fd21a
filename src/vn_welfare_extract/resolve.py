"""Settles overlaps between fact types once every component has run.

- The numbers inside a document reference are never dates, counts or amounts: a numeric item
  overlapping a policy mention is dropped (policy mentions span kind + number/code only, so a
  date in ``ngày 1/7/2021 của Chính phủ`` after the code survives).
- A count and an amount on the same span: the amount wins (it has a currency).
- Within one type, overlapping items: the longer span wins (ties: the earlier one).
"""

from __future__ import annotations

from typing import Any

from .model import Record


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _dedupe(items: list[Any]) -> list[Any]:
    """Keep the longest of overlapping items; output sorted by start."""
    kept: list[Any] = []
    for it in sorted(items, key=lambda x: (-(x.end - x.start), x.start)):
        if not any(it.start < k.end and k.start < it.end for k in kept):
            kept.append(it)
    kept.sort(key=lambda x: (x.start, x.end))
    return kept


def resolve(rec: Record) -> None:
    policy_spans = [(m.start, m.end) for p in rec.policies for m in p.mentions]
    if policy_spans:
        rec.dates = [d for d in rec.dates if not _overlaps((d.start, d.end), policy_spans)]
        rec.counts = [c for c in rec.counts if not _overlaps((c.start, c.end), policy_spans)]
        rec.amounts = [a for a in rec.amounts if not _overlaps((a.start, a.end), policy_spans)]
    amount_spans = [(a.start, a.end) for a in rec.amounts]
    if amount_spans:
        rec.counts = [c for c in rec.counts if not _overlaps((c.start, c.end), amount_spans)]
    rec.dates = _dedupe(rec.dates)
    rec.counts = _dedupe(rec.counts)
    rec.amounts = _dedupe(rec.amounts)
