"""``InputDoc``: one document as a reader hands it on (the leaf every reader and sink shares,
so ``readers`` and ``warc`` need not import each other)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class InputDoc:
    """One document read from the inputs. ``text`` is None when ``error`` is set."""

    doc_id: str
    text: str | None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str = ""
    nbytes: int = 0  # raw input bytes of this document (for MB/s)
    pos: int = 0  # raw bytes of the inputs consumed so far (for the ETA); set by ``iter_documents``
    error: tuple[str, str] | None = None  # (code, message)
    crawled: str | None = None  # WARC-Date of a crawled page (io.warc)
    decoded: tuple[tuple[str, str], ...] = ()  # (warning code, message) of how the bytes were decoded or repaired
    fields: tuple[str, ...] | None = None  # a record's field names when none of them is a text field


__all__ = ["InputDoc"]
