"""A record (``Record.to_dict()``) -> rows per table, in the column order of ``schema.TABLES``.

Rows hold only ``str``, ``int`` and ``None`` (JSON columns as JSON text), so they pickle cheaply
from the worker processes to the loader. Integers past 64 bits are kept exactly, as text.
"""

from __future__ import annotations

import json
from typing import Any

from ..io.docs import InputDoc
from ..io.sinks import Rows

_I64 = 2**63


def _num(v: Any) -> Any:
    if isinstance(v, int) and not isinstance(v, bool) and not -_I64 <= v < _I64:
        return str(v)
    return v


def _js(v: Any) -> str | None:
    if v is None:
        return None
    return json.dumps(v, ensure_ascii=False)


def _first_str(values: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for n in names:
        v = values.get(n)
        if isinstance(v, str):
            return v
        if isinstance(v, list) and v and isinstance(v[0], str):
            return v[0]
    return None


def document_row(doc: InputDoc, rec: dict[str, Any] | None, status: str, processed_at: str, store_text: bool) -> tuple[Any, ...]:
    rec = rec or {}
    return (
        doc.doc_id,
        rec.get("published", doc.published),
        doc.url,
        doc.title,
        doc.source,
        status,
        len(doc.text) if doc.text is not None else None,
        doc.nbytes,
        rec.get("library_version"),
        rec.get("schema_version"),
        _js(rec.get("warnings") or []),
        doc.text if store_text else None,
        processed_at,
        doc.crawled,
    )


def record_rows(doc: InputDoc, rec: dict[str, Any], processed_at: str, store_text: bool = False) -> Rows:
    """Every row one successfully extracted document gives."""
    did = doc.doc_id
    rows: Rows = {"documents": [document_row(doc, rec, "ok", processed_at, store_text)]}
    rows["dates"] = [
        (d["id"], did, d["text"], d["start"], d["end"], d.get("value"), d.get("end_value"), d.get("grain"),
         d.get("role"), _js(d.get("unresolved")), d.get("rule"), d.get("time"))
        for d in rec.get("dates", ())
    ]
    rows["amounts"] = [
        (a["id"], did, a["text"], a["start"], a["end"], _num(a.get("value")), _num(a.get("end_value")),
         a.get("currency"), a.get("approx"), a.get("per"), a.get("rule"), a.get("value_exact"), a.get("end_value_exact"))
        for a in rec.get("amounts", ())
    ]
    rows["counts"] = [
        (c["id"], did, c["text"], c["start"], c["end"], _num(c.get("value")), _num(c.get("end_value")), c.get("unit"),
         c.get("group"), c.get("approx"), c.get("rule"))
        for c in rec.get("counts", ())
    ]
    officials = rec.get("officials", ())
    rows["officials"] = [
        (o["id"], did, o.get("name"), o.get("gender"), len(o.get("mentions") or ()), _js(o.get("organization_ids") or []),
         o.get("rule"))
        for o in officials
    ]
    rows["official_titles"] = [
        (o["id"], i, did, t.get("title"), t.get("organization"))
        for o in officials
        for i, t in enumerate(o.get("titles") or ())
    ]
    rows["official_mentions"] = [
        (o["id"], m["start"], did, m["text"], m["end"]) for o in officials for m in o.get("mentions") or ()
    ]
    policies = rec.get("policies", ())
    rows["policies"] = [
        (p["id"], did, p.get("kind"), p.get("number"), _num(p.get("year")), p.get("code"), p.get("issuer"),
         p.get("issued_on"), p.get("subject"), p.get("title"), len(p.get("mentions") or ()), p.get("rule"))
        for p in policies
    ]
    rows["policy_mentions"] = [
        (p["id"], m["start"], did, m["text"], m["end"]) for p in policies for m in p.get("mentions") or ()
    ]
    rows["locations"] = [
        (x["id"], did, x.get("name"), x.get("level"), x.get("code"), x.get("parent"), x.get("successor_2025"),
         len(x.get("mentions") or ()), _js(x.get("mentions") or []), x.get("rule"))
        for x in rec.get("locations", ())
    ]
    rows["organizations"] = [
        (x["id"], did, x.get("name"), x.get("kind"), x.get("location"), len(x.get("mentions") or ()),
         _js(x.get("mentions") or []), x.get("rule"))
        for x in rec.get("organizations", ())
    ]
    provinces = _provinces(rec.get("locations", ()))
    rows["facts"] = [_fact_row(f, did, provinces) for f in rec.get("facts", ())]
    for table in ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations", "facts"):
        rows[table] = _unique_ids(rows[table])
    return rows


def _unique_ids(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Two items of one list with the same id (e.g. two facts of one sentence) both keep a row:
    the second becomes ``<id>~2`` (deterministic, so re-loads still upsert the same rows)."""
    seen: dict[str, int] = {}
    out = rows
    for k, row in enumerate(rows):
        n = seen.get(row[0], 0) + 1
        seen[row[0]] = n
        if n > 1:
            if out is rows:
                out = list(rows)
            out[k] = (f"{row[0]}~{n}", *row[1:])
    return out


_FACT_FIXED = {"id", "type", "rule", "links", "sentence"}


def _provinces(locations: Any) -> dict[str, str]:
    """Location id -> the name of its province: a province itself, a district's parent, a
    commune's parent when that is a province, or the province of its parent district."""
    districts = {x.get("name"): x.get("parent") for x in locations if x.get("level") == "district" and x.get("parent")}
    province_names = {x.get("name") for x in locations if x.get("level") == "province"}
    out: dict[str, str] = {}
    for x in locations:
        level, parent = x.get("level"), x.get("parent")
        if level == "province":
            prov = x.get("name")
        elif level == "district":
            prov = parent
        elif parent in province_names:
            prov = parent
        else:
            prov = districts.get(parent)
        if isinstance(prov, str) and prov:
            out[x["id"]] = prov
    return out


def _fact_row(f: dict[str, Any], did: str, provinces: dict[str, str]) -> tuple[Any, ...]:
    values = {k: v for k, v in f.items() if k not in _FACT_FIXED}
    sent = f.get("sentence") or {}
    amount = values.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool):
        amount = None
    return (
        f["id"],
        did,
        f.get("type"),
        sent.get("text"),
        sent.get("start"),
        sent.get("end"),
        _num(amount),
        _first_str(values, ("location", "province", "place")),
        _first_str(values, ("as_of", "date", "when")),
        _js(values),
        _js(f.get("links") or {}),
        f.get("rule"),
        values.get("per") if amount is not None else None,
        _fact_province(f, provinces),
    )


def _fact_province(f: dict[str, Any], provinces: dict[str, str]) -> str | None:
    loc = (f.get("links") or {}).get("location")
    if isinstance(loc, list):
        loc = loc[0] if loc else None
    return provinces.get(loc) if isinstance(loc, str) else None


def error_rows(doc: InputDoc, code: str, message: str, processed_at: str, library_version: str, schema_version: str) -> Rows:
    """A failed document: its ``documents`` row (status ``error``) and its ``errors`` row."""
    rec = {"library_version": library_version, "schema_version": schema_version,
           "warnings": [{"code": code, "message": message, "start": None, "end": None}]}
    return {
        "documents": [document_row(doc, rec, "error", processed_at, False)],
        "errors": [(doc.doc_id, code, message, doc.source, processed_at)],
    }
