"""Engine adapters (Dask, Spark): the core they share with the batch command.

The adapters are thin: a partition of articles goes through ``extract_docs`` (one ``Extractor``
per process, built once, ``get_extractor``), which gives for every article its record dict
(``batch.record_dict``: ``Record.to_dict()`` plus ``crawled`` when the input has a crawl date;
or the batch's error record) and its relational rows (``db.rows``). The
record's Arrow schema (``record_arrow_schema``) is derived from the dataclasses of ``model.py``;
the per-table schemas come from ``io.parquet`` (derived from ``tables``).

Articles may be ``str``, ``api.Article`` or mappings with the batch command's field names
(text: ``text``/``content``/``body``; id: ``id``/``doc_id``; ``published``/``date``/
``published_at``; ``url``/``link``; ``title``; see ``io.readers.FieldMap``). Missing values
(``None``, NaN, ``pd.NA``) count as absent; dates and timestamps become ISO dates. An article
without an id gets ``doc:<hash of its text>`` (the same on every engine and every run).

``lexicon``: a user lexicon (``lexicons.Lexicons``, or the path of a ``--lexicon`` file, read
once on the driver by ``as_lexicon``) sent with the tasks; each worker builds its ``Extractor``
with it (``get_extractor``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import os
import types as _types
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Union

try:
    import pyarrow as pa
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ImportError("the engine adapters need pyarrow: pip install 'vn_welfare_extract[parquet]'") from e

from ..api import Article, Extractor
from ..batch import error_record, record_dict
from ..db.rows import error_rows, record_rows
from ..io.docs import InputDoc
from ..io.readers import FieldMap, from_mapping
from ..io.sinks import Rows
from ..lexicons import Lexicons
from ..model import (
    ITEM_LISTS,
    SCHEMA_VERSION,
    AmountItem,
    CountItem,
    DateItem,
    Fact,
    Location,
    Official,
    Organization,
    Policy,
    Warning,
)

__all__ = [
    "ENGINE_EXTRAS",
    "LexiconLike",
    "as_lexicon",
    "extract_docs",
    "get_extractor",
    "install_hint",
    "record_arrow_schema",
    "record_from_row",
    "record_to_row",
    "to_input_doc",
    "warc_file_articles",
]

log = logging.getLogger("vn_welfare_extract.engines")

ENGINE_EXTRAS = {"dask": "dask", "spark": "spark", "parquet": "parquet", "warc": "warc"}


def install_hint(extra: str, what: str) -> str:
    return f"{what}: pip install 'vn_welfare_extract[{extra}]'"


# ---------------------------------------------------------------- one Extractor per process

LexiconLike = Union[Lexicons, str, "os.PathLike[str]", None]
_EXTRACTORS: dict[tuple[tuple[str, ...] | None, str], Extractor] = {}


def as_lexicon(lexicon: LexiconLike) -> Lexicons | None:
    """A ``Lexicons`` (as given) or the path of a lexicon file (read here, on the driver)."""
    if lexicon is None or isinstance(lexicon, Lexicons):
        return lexicon
    return Lexicons.load(lexicon)


def get_extractor(types: Sequence[str] | None = None, lexicon: Lexicons | None = None) -> Extractor:
    """The process's ``Extractor`` for ``types`` and ``lexicon`` (built on first use, then reused
    by every task of this worker / executor process)."""
    t = None if types is None else tuple(types)
    config = (lexicon or Lexicons()).config()
    key = (t, json.dumps(config, sort_keys=True, ensure_ascii=False))
    ex = _EXTRACTORS.get(key)
    if ex is None:
        ex = _EXTRACTORS[key] = Extractor(t, **config)
    return ex


# ---------------------------------------------------------------- articles in


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return type(v).__name__ in ("NAType", "NaTType")


def _clean_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def _fallback_id(text: Any) -> str:
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else repr(text).encode()
    return "doc:" + hashlib.blake2b(raw, digest_size=8).hexdigest()


def to_input_doc(obj: Any, fields: FieldMap | None = None, source: str = "") -> InputDoc:
    """A ``str``, ``Article`` or mapping -> the batch's ``InputDoc`` (an error doc when it has
    no usable text, exactly as the batch readers do)."""
    fm = fields or FieldMap()
    if isinstance(obj, str):
        return InputDoc(_fallback_id(obj), obj, source=source, nbytes=len(obj.encode("utf-8", "surrogatepass")))
    if isinstance(obj, Article):
        pub = None if obj.published is None else str(_clean_value(obj.published))
        doc_id = obj.doc_id or _fallback_id(obj.text)
        return InputDoc(doc_id, obj.text, published=pub, url=obj.url, title=obj.title, source=source,
                        nbytes=len(obj.text.encode("utf-8", "surrogatepass")))
    if isinstance(obj, Mapping):
        clean = {str(k): _clean_value(v) for k, v in obj.items() if not _missing(v)}
        text = next((clean[n] for n in fm.text if n in clean), None)
        doc = from_mapping(clean, _fallback_id(text), source, 0, fm)
        if doc.text is not None:
            doc.nbytes = len(doc.text.encode("utf-8", "surrogatepass"))
        return doc
    return InputDoc(_fallback_id(repr(obj)), None, source=source,
                    error=("bad_record", f"an article is a str, an Article or a mapping; got {type(obj).__name__}"))


def extract_docs(
    articles: Iterable[Any],
    types: Sequence[str] | None = None,
    fields: FieldMap | None = None,
    rows: bool = True,
    store_text: bool = False,
    processed_at: str | None = None,
    lexicon: Lexicons | None = None,
) -> list[tuple[dict[str, Any], Rows | None]]:
    """``(record dict, rows)`` for every article, in order. A failing article gives the batch's
    error record (``error`` key) and error rows; nothing is dropped. No per-document timeout
    here (signals belong to the engine's main thread): use the engine's own task timeouts."""
    ex = get_extractor(types, lexicon)
    now = processed_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    out: list[tuple[dict[str, Any], Rows | None]] = []
    for obj in articles:
        doc = to_input_doc(obj, fields)
        if doc.error is not None or doc.text is None:
            code, msg = doc.error or ("no_text", "no text")
            out.append(_error(doc, code, msg, rows, now))
            continue
        try:
            rec = ex.extract(doc.text, published=doc.published, doc_id=doc.doc_id, url=doc.url, title=doc.title)
            d = record_dict(rec, doc)
            out.append((d, record_rows(doc, d, now, store_text) if rows else None))
        except Exception as e:  # any bug on any input: an error record, never a lost partition
            log.debug("document %s failed", doc.doc_id, exc_info=True)
            out.append(_error(doc, "exception", f"{type(e).__name__}: {e}", rows, now))
    return out


def _error(doc: InputDoc, code: str, msg: str, rows: bool, now: str) -> tuple[dict[str, Any], Rows | None]:
    from .._version import __version__

    r = error_rows(doc, code, msg, now, __version__, SCHEMA_VERSION) if rows else None
    return error_record(doc, code, msg), r


def warc_file_articles(path: str, extensive_dates: bool = False) -> list[dict[str, Any]]:
    """The pages of one WARC file as article mappings (``id``, ``url``, ``title``,
    ``published``, ``crawled``, ``text``; ``text`` is None for a page without main text, which
    the extraction turns into a ``no_text`` error record). Runs trafilatura where it is called:
    on the workers, when the engines map it over a collection of file paths."""
    from ..io.warc import iter_pages

    return [
        {"id": p.doc_id, "url": p.url, "title": p.title, "published": p.published, "crawled": p.crawled, "text": p.text}
        for p in iter_pages(path, extensive_dates=extensive_dates)
    ]


# ---------------------------------------------------------------- the record as Arrow

NUM = pa.decimal128(38, 0)
_MAX_NUM = 10**38
# Integer fields that hold amounts and counts (``num`` in the relational schema).
_NUM_FIELDS = {(AmountItem, "value"), (AmountItem, "end_value"), (CountItem, "value"), (CountItem, "end_value")}
_ITEM_CLASSES: dict[str, type] = {
    "dates": DateItem,
    "officials": Official,
    "policies": Policy,
    "counts": CountItem,
    "amounts": AmountItem,
    "locations": Location,
    "organizations": Organization,
}
_FACT_FIXED = ("id", "type", "rule", "links", "sentence")


def _arrow_type(tp: Any, owner: type | None = None, name: str = "") -> pa.DataType:
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if origin in (Union, _types.UnionType):
        return _arrow_type(args[0], owner, name)
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if origin is dict or tp is dict or tp is Any:
        return pa.string()  # JSON text
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _struct(tp)
    if tp is bool:
        return pa.bool_()
    if tp is int:
        return NUM if (owner, name) in _NUM_FIELDS else pa.int64()
    if tp is str:
        return pa.string()
    raise TypeError(f"no Arrow type for {tp!r} ({owner.__name__ if owner else '?'}.{name})")


def _struct(cls: type) -> pa.StructType:
    hints = typing.get_type_hints(cls)
    return pa.struct([pa.field(f.name, _arrow_type(hints[f.name], cls, f.name)) for f in dataclasses.fields(cls)])


def _fact_struct() -> pa.StructType:
    hints = typing.get_type_hints(Fact)
    sentence = pa.struct([pa.field(n, _arrow_type(hints[n])) for n in ("text", "start", "end")])
    return pa.struct([
        pa.field("id", pa.string()),
        pa.field("type", pa.string()),
        pa.field("rule", pa.string()),
        pa.field("values", pa.string()),  # JSON: the fact's readable values (amount, location, ...)
        pa.field("links", pa.string()),  # JSON: role -> item id(s)
        pa.field("sentence", sentence),
    ])


_RECORD_SCHEMA: pa.Schema | None = None
# Top-level string fields of a record; ``url``, ``title`` and ``crawled`` (the crawl date of a
# WARC page, ``batch.record_dict``) are present only when the input has them.
_TOP = ("doc_id", "published", "schema_version", "library_version", "url", "title", "crawled")
_OPTIONAL_TOP = ("url", "title", "crawled")


def record_arrow_schema() -> pa.Schema:
    """One row per article: the record of ``Record.to_dict()`` as Arrow. Item lists are lists of
    structs with the items' fields; a fact's free-form values and its links are JSON text;
    amounts and counts are ``decimal128(38, 0)``; ``error`` is set for failed articles."""
    global _RECORD_SCHEMA
    if _RECORD_SCHEMA is None:
        fields = [pa.field(n, pa.string()) for n in _TOP]
        for name in ITEM_LISTS:
            item = _fact_struct() if name == "facts" else _struct(_ITEM_CLASSES[name])
            fields.append(pa.field(name, pa.list_(item)))
        fields.append(pa.field("warnings", pa.list_(_struct(Warning))))
        fields.append(pa.field("error", pa.struct([pa.field(n, pa.string()) for n in ("code", "message", "source")])))
        _RECORD_SCHEMA = pa.schema(fields, metadata={"vwe.record_schema_version": SCHEMA_VERSION})
    return _RECORD_SCHEMA


def _clamp(v: Any) -> Any:
    return v if v is None or -_MAX_NUM < v < _MAX_NUM else None


def record_to_row(d: Mapping[str, Any]) -> dict[str, Any]:
    """A record dict -> a row of ``record_arrow_schema`` (``pa.RecordBatch.from_pylist``)."""
    row: dict[str, Any] = {n: d.get(n) for n in _TOP}
    for name in ITEM_LISTS:
        items = d.get(name) or []
        if name == "facts":
            row[name] = [
                {
                    "id": f.get("id"),
                    "type": f.get("type"),
                    "rule": f.get("rule"),
                    "values": json.dumps({k: v for k, v in f.items() if k not in _FACT_FIXED}, ensure_ascii=False),
                    "links": json.dumps(f.get("links") or {}, ensure_ascii=False),
                    "sentence": f.get("sentence"),
                }
                for f in items
            ]
        elif name in ("amounts", "counts"):
            row[name] = [{**x, "value": _clamp(x.get("value")), "end_value": _clamp(x.get("end_value"))} for x in items]
        else:
            row[name] = list(items)
    row["warnings"] = list(d.get("warnings") or [])
    row["error"] = d.get("error")
    return row


def _int(v: Any) -> Any:
    return int(v) if isinstance(v, Decimal) else v


def record_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of ``record_to_row``: a row read back (``to_pylist``, a Spark ``Row.asDict(True)``)
    -> the record dict of ``Record.to_dict()`` (plus ``error`` for failed articles)."""
    d: dict[str, Any] = {n: row.get(n) for n in ("doc_id", "published", "schema_version", "library_version")}
    for n in _OPTIONAL_TOP:
        if row.get(n) is not None:
            d[n] = row[n]
    for name in ITEM_LISTS:
        items = row.get(name) or []
        if name == "facts":
            out = []
            for f in items:
                fd: dict[str, Any] = {"id": f["id"], "type": f["type"], "rule": f["rule"]}
                fd.update(json.loads(f["values"]) if f.get("values") else {})
                fd["links"] = json.loads(f["links"]) if f.get("links") else {}
                fd["sentence"] = dict(f["sentence"]) if f.get("sentence") is not None else None
                out.append(fd)
            d[name] = out
        elif name in ("amounts", "counts"):
            d[name] = [{**_plain(x), "value": _int(x.get("value")), "end_value": _int(x.get("end_value"))} for x in items]
        else:
            d[name] = [_plain(x) for x in items]
    d["warnings"] = [_plain(w) for w in row.get("warnings") or []]
    if row.get("error") is not None:
        d["error"] = _plain(row["error"])
    return d


def _plain(x: Any) -> Any:
    """Spark ``Row`` / Arrow struct values -> plain dicts and lists, recursively."""
    if hasattr(x, "asDict"):
        x = x.asDict(True)
    if isinstance(x, Mapping):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x
