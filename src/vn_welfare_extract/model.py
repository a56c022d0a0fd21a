"""The record and its items.

Every item keeps its surface text and its ``[start, end)`` offsets into the ORIGINAL input
string (Python ``str`` indices), so ``input[start:end] == item.text`` always holds.
Values are normalised per ``SPEC.md``; money is an ``int`` of currency units, never a float.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

SCHEMA_VERSION = "1.1"


def make_id(doc_id: str | None, kind: str, start: int, end: int) -> str:
    """A stable item id: the same doc id, type and span always give the same id."""
    raw = f"{doc_id or ''}\x1f{kind}\x1f{start}\x1f{end}".encode()
    return kind[:3] + "_" + hashlib.blake2b(raw, digest_size=8).hexdigest()


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Warning:
    """Something the library noticed about the input or a value; never fatal."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class DateItem:
    text: str
    start: int
    end: int
    value: str | None
    grain: str  # day, week, month, quarter, half, season, year, unresolved
    role: str | None = "event"  # event | as_of | None
    end_value: str | None = None
    rule: str = ""
    id: str = ""
    unresolved: list[str] | None = None
    time: str | None = None  # the clock time on that day, 24-hour ``HH:MM`` or ``HH:MM:SS``


@dataclass(slots=True)
class AmountItem:
    text: str
    start: int
    end: int
    value: int | None
    currency: str = "VND"
    approx: str | None = None
    per: str | None = None
    end_value: int | None = None
    rule: str = ""
    id: str = ""
    # The exact decimal value when it has a fractional part (``74,81 USD`` -> ``"74.81"``;
    # ``value`` keeps the rounded int), else None; likewise for ``end_value``.
    value_exact: str | None = None
    end_value_exact: str | None = None


@dataclass(slots=True)
class CountItem:
    text: str
    start: int
    end: int
    value: int | None
    unit: str
    approx: str | None = None
    group: str | None = None
    end_value: int | None = None
    rule: str = ""
    id: str = ""


@dataclass(slots=True)
class Title:
    title: str
    organization: str | None = None


@dataclass(slots=True)
class Official:
    name: str
    mentions: list[Mention]
    titles: list[Title] = field(default_factory=list)
    gender: str | None = None
    rule: str = ""
    id: str = ""
    organization_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Policy:
    kind: str
    number: str | None
    mentions: list[Mention]
    year: int | None = None
    code: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    subject: str | None = None
    title: str | None = None
    rule: str = ""
    id: str = ""


@dataclass(slots=True)
class Location:
    name: str
    level: str  # province, district, commune, country, city (a major foreign city), sea
    mentions: list[Mention]
    code: str | None = None
    successor_2025: str | None = None
    parent: str | None = None
    rule: str = ""
    id: str = ""


@dataclass(slots=True)
class Organization:
    name: str
    mentions: list[Mention]
    kind: str | None = None
    location: str | None = None
    rule: str = ""
    id: str = ""


@dataclass(slots=True)
class Fact:
    type: str  # support, budget, statement, case_count
    text: str  # the sentence that states it
    start: int
    end: int
    links: dict[str, Any] = field(default_factory=dict)  # role -> item id or list of ids
    values: dict[str, Any] = field(default_factory=dict)  # readable linked values
    rule: str = ""
    id: str = ""


ITEM_LISTS = ("dates", "officials", "policies", "counts", "amounts", "locations", "organizations", "facts")


# Values ``plain`` returns as they are, and one converter per type it has met (``_converter``).
_ATOMS = frozenset({str, int, float, bool, type(None)})
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def plain(obj: Any) -> Any:
    """``dataclasses.asdict`` for the record's items, without its deep copies (the items hold
    only str/int/None, lists, dicts and other items): the same dict, several times faster."""
    cls = type(obj)
    if cls in _ATOMS:
        return obj
    conv = _CONVERTERS.get(cls)
    if conv is None:
        conv = _CONVERTERS[cls] = _converter(cls)
    return conv(obj)


def _converter(cls: type) -> Callable[[Any], Any]:
    """How ``plain`` turns a ``cls`` into plain data (fields read at once by ``attrgetter``)."""
    atoms = _ATOMS
    if cls is list:
        return lambda o: [x if type(x) in atoms else plain(x) for x in o]
    if cls is dict:
        return lambda o: {k: (v if type(v) in atoms else plain(v)) for k, v in o.items()}
    if cls is tuple:
        return lambda o: tuple(x if type(x) in atoms else plain(x) for x in o)
    if not hasattr(cls, "__dataclass_fields__"):
        return lambda o: o
    names = tuple(f.name for f in fields(cls))
    if len(names) == 1:
        (name,) = names
        return lambda o: {name: plain(getattr(o, name))}
    get = attrgetter(*names)
    return lambda o: {n: (v if type(v) in atoms else plain(v)) for n, v in zip(names, get(o), strict=True)}


@dataclass(slots=True)
class Record:
    """One article's extraction: ``to_dict()`` gives the SPEC shape."""

    doc_id: str | None
    published: str | None
    library_version: str
    dates: list[DateItem] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    counts: list[CountItem] = field(default_factory=list)
    amounts: list[AmountItem] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    url: str | None = None
    title: str | None = None
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "published": self.published,
            "schema_version": self.schema_version,
            "library_version": self.library_version,
        }
        if self.url is not None:
            out["url"] = self.url
        if self.title is not None:
            out["title"] = self.title
        for name in ITEM_LISTS:
            out[name] = [_fact_dict(x) if isinstance(x, Fact) else plain(x) for x in getattr(self, name)]
        out["warnings"] = [plain(w) for w in self.warnings]
        return out

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("check_circular", False)  # plain data, no cycles: a little faster
        return json.dumps(self.to_dict(), **kwargs)

    def items(self) -> list[Any]:
        """Every span-bearing item (dates, counts, amounts) plus entity items, in list order."""
        out: list[Any] = []
        for name in ITEM_LISTS:
            out.extend(getattr(self, name))
        return out


def _fact_dict(f: Fact) -> dict[str, Any]:
    d: dict[str, Any] = {"id": f.id, "type": f.type, "rule": f.rule}
    d.update(f.values)
    d["links"] = f.links
    d["sentence"] = {"text": f.text, "start": f.start, "end": f.end}
    return d


def field_names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


# Span labels per item list (spaCy entity labels and the review page's colours use them).
LABELS = {
    "dates": "DATE",
    "amounts": "MONEY",
    "counts": "COUNT",
    "officials": "OFFICIAL",
    "organizations": "ORG",
    "locations": "LOC",
    "policies": "LAW",
}


def record_spans(d: dict[str, Any]) -> list[tuple[int, int, str, Any]]:
    """``(start, end, label, value)`` for every item and every mention of a record dict: the
    value is the normalised value (dates, amounts, counts), the name (officials, organisations,
    places) or the code / kind + number (policies)."""
    out: list[tuple[int, int, str, Any]] = []
    for kind in ("dates", "amounts", "counts"):
        for it in d[kind]:
            value = it["value"]
            if kind == "dates" and value is not None and it.get("time"):
                value = f"{value}T{it['time']}"  # a clock time on its day: ISO 8601 date and time
            out.append((it["start"], it["end"], LABELS[kind], value))
    for kind in ("officials", "organizations", "locations"):
        for it in d[kind]:
            for mm in it["mentions"]:
                out.append((mm["start"], mm["end"], LABELS[kind], it["name"]))
    for it in d["policies"]:
        value = it.get("code") or " ".join(x for x in (it["kind"], it.get("number") or it.get("title") or "") if x)
        for mm in it["mentions"]:
            out.append((mm["start"], mm["end"], "LAW", value))
    return out
