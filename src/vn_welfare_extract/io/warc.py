"""WARC / WARC.gz input: crawled HTML pages -> main text -> articles (warcio + trafilatura).

Every ``response`` (or ``resource``) record holding an HTML page with HTTP status 2xx becomes
one document; other records (requests, metadata, revisits, images, scripts, redirects, 404s)
are not documents and are skipped. For each page:

- the HTML is decoded with the charset of its ``Content-Type`` header, else trafilatura's
  detection (UTF-8 first, then the declared/guessed encoding);
- the main text is ``trafilatura.extract(html)`` (no comments, tables kept, no network, no
  deduplication across pages, so a page's text never depends on the pages before it). **Item
  offsets refer to this extracted text**, which is the document's text (``--store-text`` keeps
  it in ``documents.body``; ``WarcPage.text`` in the library);
- ``url`` is ``WARC-Target-URI`` and is also the doc id (the ``WARC-Record-ID`` when there is no
  URI); ``crawled`` is ``WARC-Date``; ``title`` the page's title;
- ``published`` is the page's own publication date found by ``trafilatura.extract_metadata``
  in its markup (``article:published_time``, JSON-LD, ``<time>`` ...), else ``None``. The crawl
  date is never used as the publication date. The extensive search of dates in the visible text
  is off by default: it takes "năm 2022" in a sentence for the page's date.

A page without main text is an error document (``no_text``); a damaged archive ends its file
with a ``bad_archive`` error document. ``iter_pages`` is the library entry point;
``read_warc`` feeds the batch reader (``--format warc``, or files named ``.warc``/``.warc.gz``).
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

try:
    import trafilatura
    from trafilatura.utils import decode_file
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ImportError(
        "WARC input needs warcio and trafilatura: pip install 'vn_welfare_extract[warc]'"
    ) from e

from .docs import InputDoc

__all__ = ["WarcPage", "decode_html", "html_to_text", "iter_pages", "read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_DOC_RECORDS = ("response", "resource")


@dataclass(slots=True)
class WarcPage:
    """One HTML page of a WARC file. ``text`` is the extracted main text (None with ``error``)."""

    doc_id: str
    url: str | None
    crawled: str | None  # WARC-Date, ISO 8601
    published: str | None  # the page's own date (YYYY-MM-DD), never the crawl date
    title: str | None
    text: str | None
    record_id: str | None = None
    offset: int = 0  # the record's offset in the (compressed) file
    nbytes: int = 0  # the HTML payload's size in bytes
    error: tuple[str, str] | None = None



def decode_html(payload: bytes, content_type: str | None = None) -> str:
    """HTML bytes -> str: the header's charset when it is a known codec and decodes cleanly,
    else trafilatura's detection (UTF-8, declared/guessed encodings, then replacement)."""
    m = _CHARSET_RE.search(content_type or "")
    if m is not None:
        try:
            codecs.lookup(m.group(1))
            return payload.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_file(payload)


def html_to_text(html: str, url: str | None = None, extensive_dates: bool = False) -> tuple[str | None, str | None, str | None]:
    """``(main text, published YYYY-MM-DD or None, title or None)`` of one HTML page."""
    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=True, deduplicate=False, with_metadata=False
    )
    meta = trafilatura.extract_metadata(
        html, default_url=url, date_config={"original_date": True, "extensive_search": extensive_dates}
    )
    published = getattr(meta, "date", None) if meta is not None else None
    title = getattr(meta, "title", None) if meta is not None else None
    return (text or None), (published or None), (title or None)


def _is_html(content_type: str | None) -> bool:
    ct = (content_type or "").split(";", 1)[0].strip().lower()
    return ct in _HTML_TYPES


def iter_pages(source: str | os.PathLike[str] | IO[bytes], name: str | None = None, extensive_dates: bool = False) -> Iterator[WarcPage]:
    """Every HTML page of a WARC or WARC.gz file (a path or a binary stream), in file order."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            yield from iter_pages(f, name or os.fspath(source), extensive_dates)
        return
    label = name or getattr(source, "name", "warc")
    try:
        it = ArchiveIterator(source)
        for record in it:
            page = _page(record, it, extensive_dates)
            if page is not None:
                yield page
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, IndexError, TypeError) as e:
        # a truncated or corrupt file: warcio fails in various ways (AttributeError on a cut header)
        short = os.path.basename(str(label))
        yield WarcPage(f"{short}:error", None, None, None, None, None, error=("bad_archive", f"WARC file is damaged: {e}"))


def _page(record: Any, it: Any, extensive_dates: bool) -> WarcPage | None:
    if record.rec_type not in _DOC_RECORDS:
        return None
    headers = record.rec_headers
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    if not _is_html(content_type):
        return None
    url = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID")
    crawled = headers.get_header("WARC-Date")
    payload = record.content_stream().read()
    offset = it.get_record_offset()
    doc_id = url or record_id or f"record@{offset}"
    page = WarcPage(doc_id, url, crawled, None, None, None, record_id, offset, len(payload))
    html = decode_html(payload, content_type)
    try:
        page.text, page.published, page.title = html_to_text(html, url, extensive_dates)
    except Exception as e:  # a page trafilatura cannot read is an error row, never a lost run
        page.error = ("bad_html", f"main text extraction failed: {type(e).__name__}: {e}")
        return page
    if page.text is None or not page.text.strip():
        page.text = None
        page.error = ("no_text", "no main text found in the HTML page")
    return page


def read_warc(raw: IO[bytes], name: str) -> Iterator[InputDoc]:
    """The batch reader: pages -> ``InputDoc`` (source ``<file>@<record offset>``)."""
    for p in iter_pages(raw, name):
        src = f"{name}@{p.offset}" if p.url is not None or p.record_id is not None else name
        yield InputDoc(
            p.doc_id,
            p.text,
            published=p.published,
            url=p.url,
            title=p.title,
            source=src,
            nbytes=p.nbytes,
            error=p.error,
            crawled=p.crawled,
        )
