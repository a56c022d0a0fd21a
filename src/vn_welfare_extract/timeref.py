"""Dates written without a year, resolved against a reference date (the publication).

The one resolver of partial dates (SPEC §1): the dates module and the policies' issue dates
both call it, so one span never gets two values.
"""

from __future__ import annotations

import calendar
from datetime import date

from .text import PubDate


def resolve_year(month: int, day: int | None, reference: PubDate | date | None, *, forward: bool = True) -> int | None:
    """The year of a day/month (or a month alone, ``day=None``) written without one, against a
    reference date (the publication, at any precision): the reference year, or the year before
    when a day would fall more than 62 days after the reference (a month: more than 6 months
    after the reference month), or the year after for a day just past the turn of the year
    (reference 2021-12-30, ``2/1`` -> 2022). ``forward=False`` for what lies before the
    article by nature (a document's issue date: reference 2021-12-30, ``2/1`` -> 2021).
    None without a reference."""
    p = PubDate(reference.year, reference.month, reference.day) if isinstance(reference, date) else reference
    if p is None:
        return None
    y = p.year
    if p.month is None:
        return y
    if day is not None:
        ref = p.as_date() or date(p.year, p.month, calendar.monthrange(p.year, p.month)[1])
        try:
            cand = date(y, month, day)
        except ValueError:
            return y
        if (cand - ref).days > 62:
            return y - 1
        if forward and (ref - cand).days > 300:
            try:
                if (date(y + 1, month, day) - ref).days <= 62:
                    return y + 1  # published 2021-12-30, `ngày 2/1` -> 2022-01-02
            except ValueError:
                pass
        return y
    if month - p.month > 6:
        return y - 1
    return y


def resolve_partial_date(
    day: int | None, month: int, year: int | None = None, reference: PubDate | date | None = None, *, forward: bool = True
) -> str | None:
    """ISO value of a partial date resolved against ``reference`` (SPEC §1): ``(8, 10, None,
    date(2021, 10, 9))`` -> ``"2021-10-08"``; ``(None, 9, None, …)`` -> ``"2021-09"``. An explicit
    ``year`` is kept. None when the date is impossible (31/2) or the year cannot be settled.
    The one resolver: the dates module and policies' issue dates (``forward=False``) use it."""
    y = year if year is not None else resolve_year(month, day, reference, forward=forward)
    if y is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{y:04d}-{month:02d}"
    try:
        return date(y, month, day).isoformat()
    except ValueError:
        return None


__all__ = ["resolve_partial_date", "resolve_year"]
