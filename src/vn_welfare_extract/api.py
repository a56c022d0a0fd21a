"""``Extractor``, ``extract`` and ``extract_many``: text in, record out."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from time import perf_counter
from typing import Any, Protocol

from ._version import __version__
from .encodings import decode_bytes, detect_text, garbage_ratio
from .facts.counts import CountsComponent
from .facts.dates import DatesComponent
from .facts.links import FactsComponent
from .facts.money import AmountsComponent
from .facts.officials import OfficialsComponent
from .facts.orgs import OrganizationsComponent
from .facts.places import LocationsComponent
from .facts.policies import PoliciesComponent
from .lexicons import Lexicons
from .model import Record, make_id
from .resolve import Dropped, resolve
from .resources import Resources
from .text import SENTENCE_SPLITTERS, Doc, PubDate, parse_published

log = logging.getLogger("vn_welfare_extract")


class Component(Protocol):
    name: str

    def __call__(self, doc: Doc, rec: Record) -> None: ...


# The pipeline, in order: (type, step, what the step reads from earlier steps). Every step is
# built once per Extractor from its ``Resources`` and appends to ``rec.<type>``; ``resolve``
# (which type wins a contested span) runs once before the facts step, which links items by id.
PIPELINE: tuple[tuple[str, type[Any], tuple[str, ...]], ...] = (
    ("policies", PoliciesComponent, ()),
    ("dates", DatesComponent, ()),
    ("amounts", AmountsComponent, ()),
    ("counts", CountsComponent, ()),
    ("organizations", OrganizationsComponent, ()),
    ("locations", LocationsComponent, ()),
    ("officials", OfficialsComponent, ("organizations", "locations")),
    ("facts", FactsComponent, ("dates", "amounts", "counts", "officials", "policies", "locations", "organizations")),
)
TYPES: tuple[str, ...] = tuple(t for t, _, _ in PIPELINE)

# The longest article ``extract`` reads whole; longer input is cut there with a warning.
DEFAULT_MAX_CHARS = 20_000_000


@dataclass(frozen=True)
class Article:
    """One input document for ``extract_many``."""

    text: str
    doc_id: str | None = None
    published: Any = None
    url: str | None = None
    title: str | None = None


ArticleLike = str | Article | Mapping[str, Any]


class Extractor:
    """Compiles its resources once; reuse it. Safe to share between threads: ``extract``
    keeps all per-article state in its own ``Doc`` and ``Record``.

    ``types``: which fact types to run (default: all of ``TYPES``). Facts need the others.
    ``titles`` / ``organizations`` / ``document_kinds``: user lexicon entries added to the
    shipped ones (see ``Lexicons``).
    ``max_chars``: longer input is cut there, with a ``truncated`` warning.
    ``sentences``: the sentence splitter facts link within — ``"rules"`` (default; the text
    layer's splitter, ~20x faster) or ``"underthesea"`` (``sent_tokenize`` per paragraph,
    realigned to the original offsets).
    """

    def __init__(
        self,
        types: Iterable[str] | None = None,
        *,
        titles: Iterable[str] | None = None,
        organizations: Mapping[str, str] | Iterable[str] | None = None,
        document_kinds: Mapping[str, str] | Iterable[str] | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        sentences: str = "rules",
    ) -> None:
        wanted = tuple(TYPES if types is None else types)
        unknown = [t for t in wanted if t not in TYPES]
        if unknown:
            raise ValueError(f"unknown fact type(s) {unknown}; valid types: {', '.join(TYPES)}")
        self.types = tuple(t for t in TYPES if t in wanted)
        self.lexicons = Lexicons.build(titles, organizations, document_kinds)
        self.resources = Resources.build(self.lexicons)
        self.max_chars = max_chars
        if sentences not in SENTENCE_SPLITTERS:
            raise ValueError(f"unknown sentence splitter {sentences!r}; valid: {', '.join(SENTENCE_SPLITTERS)}")
        self.sentences = sentences
        # Seconds spent per pipeline step, summed over calls, when set to a dict (profiling:
        # ``benchmarks/throughput.py --profile``); ``None`` (the default) measures nothing.
        self.timings: dict[str, float] | None = None
        self._components: list[Component] = []
        for name, step, _reads in PIPELINE:
            if name in self.types:
                self._components.append(step(self.resources))

    def extract(
        self,
        text: str | bytes,
        *,
        published: str | date | None = None,
        doc_id: str | None = None,
        url: str | None = None,
        title: str | None = None,
        dropped: list[Dropped] | None = None,
    ) -> Record:
        """One article -> one record. Never raises for content: problems become warnings.

        ``dropped``: an audit hook; when a list is given, the items the resolver removed are
        appended to it (``resolve.Dropped``). The record is the same either way."""
        rec = Record(doc_id=doc_id, published=None, library_version=__version__, url=url, title=title)
        pub: PubDate | None = None
        if published is not None and published != "":
            try:
                pub = parse_published(published)
            except ValueError as e:
                rec.warnings.append(_warning("bad_published", str(e)))
        text = self._coerce(text, rec)
        if not text.strip():
            rec.warnings.append(_warning("empty_text", "the article has no text"))
            rec.published = pub.iso() if pub else None
            return rec
        if garbage_ratio(text) > 0.25:
            if not any(w.code == "binary_input" for w in rec.warnings):
                rec.warnings.append(_warning("binary_input", "the input looks like binary data, not text"))
            rec.warnings.append(_warning("skipped", "nothing extracted from binary input"))
            rec.published = pub.iso() if pub else None
            return rec
        timings = self.timings
        t = perf_counter() if timings is not None else 0.0
        try:
            doc = Doc.from_text(text, pub, doc_id, splitter=self.sentences)
        except Exception as e:  # the text layer must not lose the batch either
            log.exception("text layer failed on doc %s", doc_id)
            rec.warnings.append(_warning("text_error", f"{type(e).__name__}: {e}"))
            rec.published = pub.iso() if pub else None
            return rec
        if doc.published is None:
            doc.warn("no_published", "no publication date: dates without a year stay unresolved")
        rec.published = doc.published.iso() if doc.published else None
        if timings is not None:
            t = _lap(timings, "text", t)
        for comp in self._components:
            if comp.name == "facts":  # facts link items by id: settle and name the items first
                _safe_resolve(rec, doc, dropped)
                _assign_ids(rec, doc_id)
                if timings is not None:
                    t = _lap(timings, "resolve", t)
            try:
                comp(doc, rec)
            except Exception as e:  # a bug in one component must not lose the article
                log.exception("component %s failed on doc %s", comp.name, doc_id)
                doc.warn("component_error", f"{comp.name}: {type(e).__name__}: {e}")
            if timings is not None:
                t = _lap(timings, comp.name, t)
        if "facts" in self.types:
            _assign_fact_ids(rec, doc_id)
        else:
            _safe_resolve(rec, doc, dropped)
            _assign_ids(rec, doc_id)
            if timings is not None:
                t = _lap(timings, "resolve", t)
        rec.warnings[:0] = doc.warnings
        return rec

    def _coerce(self, text: str | bytes, rec: Record) -> str:
        """Bytes are decoded by ``encodings.decode_bytes`` (UTF-8, else legacy Vietnamese
        encodings and mojibake repair, each with a warning; offsets then refer to the decoded
        text, ``decode_bytes(data)[0]``). A ``str`` is used as given: offsets refer to it;
        suspected mojibake or legacy encoding only adds a ``suspected_*`` warning."""
        if isinstance(text, (bytearray, memoryview)):
            text = bytes(text)
        if isinstance(text, bytes):
            text, warnings = decode_bytes(text, errors="replace")
            rec.warnings.extend(warnings)
        elif isinstance(text, str):
            rec.warnings.extend(detect_text(text))
        else:
            raise TypeError(f"extract() takes str or bytes, got {type(text).__name__}")
        if len(text) > self.max_chars:
            rec.warnings.append(
                _warning("truncated", f"article of {len(text)} characters cut at max_chars={self.max_chars}", self.max_chars, len(text))
            )
            text = text[: self.max_chars]
        return text

    def extract_many(self, articles: Iterable[ArticleLike], workers: int | None = 1, chunksize: int = 8) -> Iterator[Record]:
        """Records in input order. ``workers`` > 1 runs a process pool (one Extractor per
        process); ``None`` means all cores."""
        n = (os.cpu_count() or 1) if workers is None else workers
        if n <= 1:
            for a in articles:
                yield self._extract_article(to_article(a))
            return
        import multiprocessing as mp

        ctx = mp.get_context("spawn" if os.name == "nt" else "fork")
        with ctx.Pool(n, initializer=_init_worker, initargs=(self._config(),)) as pool:
            yield from pool.imap(_worker_extract, (to_article(a) for a in articles), chunksize)

    def _extract_article(self, a: Article) -> Record:
        return self.extract(a.text, published=a.published, doc_id=a.doc_id, url=a.url, title=a.title)

    def _config(self) -> dict[str, Any]:
        lex = self.lexicons
        return {
            "types": self.types,
            "titles": lex.titles,
            "organizations": dict(lex.organizations),
            "document_kinds": dict(lex.document_kinds),
            "max_chars": self.max_chars,
            "sentences": self.sentences,
        }


def to_article(a: ArticleLike) -> Article:
    if isinstance(a, Article):
        return a
    if isinstance(a, str):
        return Article(a)
    if isinstance(a, Mapping):
        return Article(
            text=a.get("text") or "",
            doc_id=a.get("doc_id", a.get("id")),
            published=a.get("published"),
            url=a.get("url"),
            title=a.get("title"),
        )
    raise TypeError(f"an article is a str, an Article or a mapping with 'text'; got {type(a).__name__}")


_WORKER: Extractor | None = None


def _init_worker(config: dict[str, Any]) -> None:
    global _WORKER
    _WORKER = Extractor(**config)


def _worker_extract(a: Article) -> Record:
    assert _WORKER is not None
    return _WORKER._extract_article(a)


def _lap(timings: dict[str, float], step: str, since: float) -> float:
    now = perf_counter()
    timings[step] = timings.get(step, 0.0) + now - since
    return now


def _warning(code: str, message: str, start: int | None = None, end: int | None = None) -> Any:
    from .model import Warning

    return Warning(code, message, start, end)


def _safe_resolve(rec: Record, doc: Doc, dropped: list[Dropped] | None = None) -> None:
    try:
        resolve(rec, doc.original, dropped)
    except Exception as e:  # same rule as for components: warn, keep the article
        log.exception("resolve failed on doc %s", doc.doc_id)
        doc.warn("component_error", f"resolve: {type(e).__name__}: {e}")


def _assign_ids(rec: Record, doc_id: str | None) -> None:
    for kind in ("dates", "counts", "amounts"):
        for it in getattr(rec, kind):
            it.id = make_id(doc_id, kind, it.start, it.end)
    for kind in ("officials", "policies", "locations", "organizations"):
        for it in getattr(rec, kind):
            m = it.mentions[0] if it.mentions else None
            it.id = make_id(doc_id, kind, m.start if m else 0, m.end if m else 0)


def _assign_fact_ids(rec: Record, doc_id: str | None) -> None:
    """Several facts may share a sentence: their type and rank within it keep the ids apart."""
    seen: dict[tuple[str, int, int], int] = {}
    for f in rec.facts:
        key = (f.type, f.start, f.end)
        n = seen[key] = seen.get(key, -1) + 1
        f.id = make_id(doc_id, f"facts.{f.type}.{n}", f.start, f.end)


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(
    text: str | bytes,
    *,
    published: str | date | None = None,
    doc_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Record:
    """Extract one article with the shared default ``Extractor``."""
    return default_extractor().extract(text, published=published, doc_id=doc_id, url=url, title=title)


def extract_many(articles: Iterable[ArticleLike], workers: int | None = 1, chunksize: int = 8) -> Iterator[Record]:
    """Extract many articles (str, ``Article`` or dicts with text/id/published/url/title)."""
    return default_extractor().extract_many(articles, workers=workers, chunksize=chunksize)


__all__: Sequence[str] = ("Extractor", "Article", "extract", "extract_many", "TYPES")
