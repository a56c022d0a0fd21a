"""vn_welfare_extract: Vietnamese government and social-policy news -> source-linked records.

>>> from vn_welfare_extract import extract
>>> rec = extract("Ngày 8-10, tỉnh hỗ trợ trên 435.000 người.", published="2021-10-09")
>>> [(d.text, d.value) for d in rec.dates]
[('Ngày 8-10', '2021-10-08')]
"""

import logging

from ._version import __version__
from .api import TYPES, Article, Extractor, extract, extract_many  # noqa: E402
from .model import SCHEMA_VERSION, Record  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Article", "Extractor", "Record", "TYPES", "SCHEMA_VERSION", "__version__", "extract", "extract_many"]


def load_spacy(types: list[str] | None = None, lexicon: str | None = None) -> "object":
    """A spaCy pipeline (our Vietnamese tokenizer + the ``vn_welfare_extract`` component);
    spaCy is imported only when this is called. ``lexicon``: the path of a user lexicon file.
    See ``vn_welfare_extract.spacy_pipe`` (also for the publication date per document)."""
    from .spacy_pipe import load_spacy as _load

    return _load(types, lexicon)


__all__.append("load_spacy")
