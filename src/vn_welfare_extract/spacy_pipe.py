"""spaCy integration: a Vietnamese tokenizer that keeps the original text, and a pipeline
component that puts every extracted item on the ``Doc``.

>>> import vn_welfare_extract
>>> nlp = vn_welfare_extract.load_spacy()                       # doctest: +SKIP
>>> doc = nlp("Ngày 8-10, tỉnh hỗ trợ trên 435.000 người.")      # doctest: +SKIP
>>> [(s.text, s.label_, s._.value) for s in doc.spans["vn_welfare"]]  # doctest: +SKIP

- ``doc.text == text`` always (whitespace, NFD, ``Hoà``/``Hòa`` kept as written).
- Tokens are underthesea's words, realigned to the original string, and split at every item
  boundary, so every item is an exact span.
- ``doc.spans["vn_welfare"]``: every item (overlaps allowed); ``doc.ents``: a non-overlapping
  selection (longest first); ``span._.value``: the normalised value; ``doc._.record``: the
  record as a dict (``Record.to_dict()``).

Labels: DATE, MONEY, COUNT, OFFICIAL (each mention of an official), ORG, LOC, LAW (each
mention of a policy or legal document).

**Publication date** (resolves ``sáng 8-10`` to a full date), per document, either way:

>>> doc = nlp.make_doc("Sáng 8-10, tỉnh hỗ trợ 435.000 người.")   # doctest: +SKIP
>>> doc._.published = "2021-10-09"                                 # set before the pipe
>>> doc = nlp(doc)                                                  # doctest: +SKIP
>>> texts = [("Sáng 8-10, tỉnh hỗ trợ 435.000 người.", {"published": "2021-10-09"})]
>>> for doc, ctx in nlp.pipe(texts, as_tuples=True):               # doctest: +SKIP
...     print([(s.text, s._.value) for s in doc.spans["vn_welfare"] if s.label_ == "DATE"])
[('Sáng 8-10', '2021-10-08')]

The context may be a mapping or an object with a ``published`` attribute; ``doc._.published``
is then set from it. **User lexicon**: ``load_spacy(lexicon="my-lexicon.tsv")``, or
``nlp.add_pipe("vn_welfare_extract", config={"lexicon": "my-lexicon.tsv"})`` (the format of
``--lexicon``, ``Lexicons.load``; give the tokenizer the same ``lexicon`` in its config).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from .api import Extractor
from .model import LABELS as LABELS  # re-exported: the documented entity labels
from .model import record_spans
from .text import Doc as TextDoc
from .text import segment_words

SPAN_KEY = "vn_welfare"
_RECORD_KEY = "vn_welfare_record"

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)
if not Doc.has_extension("record"):
    Doc.set_extension("record", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def tokenize_spans(text: str, boundaries: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Token spans of ``text``: underthesea words (realigned to the original), split at
    ``boundaries``; any non-space character they miss becomes a token of its own."""
    doc = TextDoc.from_text(text)
    words = [doc.span(s, e) for s, e in segment_words(doc.text, doc.sentences)] if text.strip() else []
    cuts = sorted(set(boundaries))
    spans: list[tuple[int, int]] = []
    covered = 0
    import bisect

    for s, e in words:
        if s < covered:
            s = covered
        if e <= s:
            continue
        _gap_tokens(text, covered, s, spans)
        lo = bisect.bisect_right(cuts, s)
        hi = bisect.bisect_left(cuts, e)
        pos = s
        for c in cuts[lo:hi]:
            _strip_add(text, pos, c, spans)
            pos = c
        _strip_add(text, pos, e, spans)
        covered = e
    _gap_tokens(text, covered, len(text), spans)
    return spans


def _strip_add(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        return
    # a word that underthesea glued across whitespace other than single spaces is split there
    piece_start = s
    i = s
    while i < e:
        if text[i].isspace() and (text[i] != " " or (i + 1 < e and text[i + 1].isspace())):
            if i > piece_start:
                out.append((piece_start, i))
            while i < e and text[i].isspace():
                i += 1
            piece_start = i
            continue
        i += 1
    if e > piece_start:
        out.append((piece_start, e))


def _gap_tokens(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    i = s
    while i < e:
        while i < e and text[i].isspace():
            i += 1
        j = i
        while j < e and not text[j].isspace():
            j += 1
        if j > i:
            out.append((i, j))
        i = j


def make_doc(vocab: Vocab, text: str, spans: list[tuple[int, int]]) -> Doc:
    """A spaCy Doc whose text is exactly ``text``; whitespace between tokens other than one
    trailing space becomes whitespace tokens, as spaCy's own tokenizer does."""
    words: list[str] = []
    spaces: list[bool] = []

    def gap(ws: str) -> None:  # one space trails the previous token; the rest is a token
        if ws and words and ws[0] == " ":
            spaces[-1] = True
            ws = ws[1:]
        if ws:
            words.append(ws)
            spaces.append(False)

    pos = 0
    for s, e in spans:
        gap(text[pos:s])
        words.append(text[s:e])
        spaces.append(False)
        pos = e
    gap(text[pos:])
    return Doc(vocab, words=words, spaces=spaces)


class _LazyExtractor:
    """One Extractor per object, built on first use (after a fork in ``n_process`` workers)."""

    types: list[str] | None
    lexicon: str | None = None  # the path of a user lexicon file (``Lexicons.load``)
    _extractor: Extractor | None = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from .lexicons import Lexicons

            config = Lexicons.load(self.lexicon).config() if self.lexicon else {}
            self._extractor = Extractor(self.types, **config)
        return self._extractor


class VietnameseTokenizer(_LazyExtractor):
    """underthesea word segmentation realigned to the original text, split at item edges.

    It runs the extractor once and keeps the record on the Doc, so the component need not
    run it again."""

    def __init__(self, vocab: Vocab, types: list[str] | None = None, lexicon: str | None = None) -> None:
        self.vocab = vocab
        self.types = types
        self.lexicon = lexicon

    def __call__(self, text: str) -> Doc:
        rec = self.extractor.extract(text).to_dict()
        cuts = [x for s, e, _, _ in record_spans(rec) for x in (s, e)]
        doc = make_doc(self.vocab, text, tokenize_spans(text, cuts))
        doc.user_data[_RECORD_KEY] = rec
        return doc

    def __reduce__(self) -> Any:
        return (VietnameseTokenizer, (self.vocab, self.types, self.lexicon))

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> VietnameseTokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> VietnameseTokenizer:
        return self


def create_tokenizer(types: list[str] | None = None, lexicon: str | None = None) -> Any:
    def factory(nlp: Language) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab, types, lexicon)

    return factory


registry.tokenizers.register("vn_welfare_extract.VietnameseTokenizer.v1", func=create_tokenizer)


class VnWelfareComponent(_LazyExtractor):
    """Puts the record's items on the Doc (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, types: list[str] | None = None, lexicon: str | None = None) -> None:
        self.name = name
        self.types = types
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        rec = doc.user_data.pop(_RECORD_KEY, None)
        published = _published(doc)
        if rec is None or published is not None:  # the tokenizer's record has no publication date
            rec = self.extractor.extract(doc.text, published=published).to_dict()
        group: list[Span] = []
        for s, e, label, value in record_spans(rec):
            span = doc.char_span(s, e, label=label)
            if span is None:  # another tokenizer: the item's edges fall inside tokens
                span = doc.char_span(s, e, label=label, alignment_mode="expand")
                if span is None:
                    continue
            span._.value = value
            group.append(span)
        group.sort(key=lambda sp: (sp.start_char, sp.end_char))
        doc.spans[SPAN_KEY] = group
        doc.ents = filter_spans(group)
        doc._.record = rec
        return doc


def _published(doc: Doc) -> Any:
    """The document's publication date: ``doc._.published``, else the ``published`` of the
    context given with ``nlp.pipe(..., as_tuples=True)`` (a mapping or an object)."""
    if doc._.published is not None:
        return doc._.published
    ctx = getattr(doc, "_context", None)
    pub = ctx.get("published") if isinstance(ctx, Mapping) else getattr(ctx, "published", None)
    if pub is not None:
        doc._.published = pub
    return pub


@Language.factory("vn_welfare_extract", default_config={"types": None, "lexicon": None})
def make_component(nlp: Language, name: str, types: list[str] | None, lexicon: str | None) -> VnWelfareComponent:
    return VnWelfareComponent(nlp, name, types, lexicon)


def load_spacy(types: list[str] | None = None, lexicon: str | None = None) -> Language:
    """A ready pipeline: our tokenizer (no pyvi needed) and the ``vn_welfare_extract`` component.
    ``lexicon``: the path of a user lexicon file (the format of ``--lexicon``)."""
    import spacy

    tok = {"@tokenizers": "vn_welfare_extract.VietnameseTokenizer.v1", "types": types, "lexicon": lexicon}
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": tok}})
    nlp.add_pipe("vn_welfare_extract", config={"types": types, "lexicon": lexicon})
    return nlp
