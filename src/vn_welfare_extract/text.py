"""The text layer: normalise once, keep an offset map back to the original string.

Fact modules search ``Doc.text`` (the normalised copy) and turn their normalised spans into
original offsets with :meth:`Doc.span`; an item's text is always cut from ``Doc.original``.

Normalisation (see ``normalize``):
- NFC per grapheme cluster (NFD input composes; length may change, the map keeps track);
- zero-width characters and soft hyphens are dropped (the map keeps track);
- same-length rewrites: odd spaces -> ' ', curly quotes -> straight, en/em dashes -> '-',
  control characters -> ' ', the Icelandic eth ``Ð`` -> ``Đ``;
- old-style tone placement ``hoà``/``thuỷ`` -> ``hòa``/``thủy`` (same length).
"""

from __future__ import annotations

import re as _re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import regex

from .model import Warning

# Removed outright: zero-width space/joiners, BOM, soft hyphen, word joiner.
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_RE = _re.compile(f"[{_DROP}]")

_SAME_LENGTH = {
    **{ord(c): " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4"},
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    ord("\u00d0"): "\u0110",
    ord("\u00f0"): "\u0111",
    ord("\u2026"): ".",  # the ellipsis character: one char for one char
    ord("\r"): "\n",
}
# Other C0/C1 control characters become spaces (newline is kept).
for _c in list(range(0x00, 0x09)) + list(range(0x0E, 0x20)) + [0x7F] + list(range(0x80, 0xA0)):
    _SAME_LENGTH.setdefault(_c, " ")

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _build_tone_moves() -> dict[str, str]:
    """``oà`` -> ``òa`` (and ``oe``, ``uy``) in both cases, for syllables with no final letter."""
    out: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    old = f + unicodedata.normalize("NFC", s + tone)
                    new = unicodedata.normalize("NFC", f + tone) + s
                    out[old] = new
    return out


_TONE_MOVES = _build_tone_moves()
# Old-style tone on the second vowel of oa/oe/uy, at the end of a syllable, not after q
# (``quý`` is correct as written) and not when another vowel or consonant follows.
_TONE_RE = regex.compile(
    r"(?<![qQ])(?:" + "|".join(sorted(map(regex.escape, _TONE_MOVES), key=len, reverse=True)) + r")(?!\p{L})"
)
_CLUSTER_RE = regex.compile(r"\P{M}\p{M}*|\p{M}+")

_HEADER_RE = _re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s)")


def normalize(original: str) -> tuple[str, list[int] | None, list[int] | None]:
    """Return ``(text, starts, ends)``; ``starts``/``ends`` are None when offsets are identical.

    ``starts[i]``/``ends[i]`` are the original offsets covered by normalised character ``i``.
    """
    needs_map = (not unicodedata.is_normalized("NFC", original)) or _DROP_RE.search(original) is not None
    if not needs_map:
        text = original.translate(_SAME_LENGTH)
        starts = ends = None
    else:
        pieces: list[str] = []
        starts = []
        ends = []
        for m in _CLUSTER_RE.finditer(original):
            cl = m.group()
            s, e = m.span()
            if cl in _DROP or all(c in _DROP for c in cl):
                continue
            nfc = unicodedata.normalize("NFC", cl)
            for ch in nfc:
                pieces.append(ch)
                starts.append(s)
                ends.append(e)
        text = "".join(pieces).translate(_SAME_LENGTH)
    text = _TONE_RE.sub(lambda m: _TONE_MOVES[m.group()], text)
    return text, starts, ends


def fold(s: str) -> str:
    """A lookup key for lexicons: normalised (as the text layer does), lower-cased, spaces folded."""
    t, _, _ = normalize(s)
    return " ".join(t.lower().split())


@dataclass(slots=True)
class PubDate:
    """The article's publication date at whatever precision is known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def grain(self) -> str:
        return "day" if self.day else ("month" if self.month else "year")

    def iso(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day and self.month else None


_PUB_RE = _re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")


def parse_published(value: Any) -> PubDate:
    """Accept ``date``, ``datetime`` or an ISO string (``2021``, ``2021-10``, ``2021-10-09``,
    ``2021-10-09T08:00:00+07:00``). Raises ``ValueError`` with the accepted forms otherwise."""
    if isinstance(value, datetime):
        return PubDate(value.year, value.month, value.day)
    if isinstance(value, date):
        return PubDate(value.year, value.month, value.day)
    if isinstance(value, str):
        m = _PUB_RE.match(value)
        if m:
            y = int(m.group(1))
            mo = int(m.group(2)) if m.group(2) else None
            d = int(m.group(3)) if m.group(3) else None
            if mo is not None and not 1 <= mo <= 12:
                raise ValueError(f"published month out of range: {value!r}")
            if d is not None and mo is not None:
                date(y, mo, d)  # raises ValueError on 2021-02-31
            return PubDate(y, mo, d)
    raise ValueError(
        f"published must be a date, a datetime or an ISO string such as '2021', '2021-10' or "
        f"'2021-10-09'; got {value!r}"
    )


@dataclass
class Doc:
    """One article: the original string, its normalised copy and the map between them."""

    original: str
    text: str
    starts: list[int] | None
    ends: list[int] | None
    published: PubDate | None = None
    doc_id: str | None = None
    header_end: int = 0  # normalised offset where the body starts (after a ` date YYYY-MM` header)
    warnings: list[Warning] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_text(cls, original: str, published: PubDate | None = None, doc_id: str | None = None) -> Doc:
        text, starts, ends = normalize(original)
        doc = cls(original, text, starts, ends, published, doc_id)
        m = _HEADER_RE.match(text)
        if m:
            doc.header_end = m.end()
            if doc.published is None:
                try:
                    doc.published = parse_published(m.group(1))
                except ValueError:
                    doc.warn("bad_header_date", f"unreadable date header {m.group(1)!r}", 0, m.end())
            # The header is metadata, not a date mention: blank it in the searched copy.
            doc.text = " " * m.end() + text[m.end():]
        return doc

    # -- offsets ---------------------------------------------------------------------------
    def orig_start(self, i: int) -> int:
        if self.starts is None:
            return i
        if i >= len(self.starts):
            return len(self.original)
        return self.starts[i]

    def orig_end(self, i: int) -> int:
        """Original end offset for a normalised end offset ``i`` (exclusive)."""
        if self.ends is None:
            return i
        if i <= 0:
            return 0
        return self.ends[min(i, len(self.ends)) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised ``[start, end)`` -> original ``[start, end)``."""
        s = self.orig_start(start)
        e = self.orig_end(end) if end > start else s
        return s, e

    def surface(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text and offsets of a normalised span."""
        s, e = self.span(start, end)
        return self.original[s:e], s, e

    def norm_index(self, orig: int) -> int:
        """Normalised offset of an original offset (the first normalised char at or after it)."""
        if self.starts is None:
            return orig
        return bisect_right(self.starts, orig - 1)

    def warn(self, code: str, message: str, start: int | None = None, end: int | None = None) -> None:
        """Record a warning; ``start``/``end`` are ORIGINAL offsets."""
        self.warnings.append(Warning(code, message, start, end))

    # -- segmentation (lazy) -----------------------------------------------------------------
    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in the NORMALISED text, computed once on first use."""
        got = self.cache.get("sentences")
        if got is None:
            got = split_sentences(self.text, self.header_end)
            self.cache["sentences"] = got
        return got  # type: ignore[no-any-return]

    def sentence_at(self, i: int) -> tuple[int, int]:
        """The sentence span holding normalised offset ``i``."""
        sents = self.sentences
        starts = self.cache.get("sentence_starts")
        if starts is None:
            starts = [s for s, _ in sents]
            self.cache["sentence_starts"] = starts
        k = bisect_right(starts, i) - 1
        if k < 0:
            return (0, sents[0][1] if sents else len(self.text))
        return sents[k]

    @property
    def words(self) -> list[tuple[int, int]]:
        """Word spans (underthesea word segmentation, realigned) in the NORMALISED text.

        Slow (~0.1 MB/s): only components that need words call it, and only once per doc."""
        got = self.cache.get("words")
        if got is None:
            got = segment_words(self.text, self.sentences)
            self.cache["words"] = got
        return got  # type: ignore[no-any-return]


def align(text: str, pieces: list[str], start: int = 0) -> list[tuple[int, int]]:
    """Realign tokenizer output to ``text``: each piece's ``[start, end)`` in ``text``.

    Tokenizers drop or collapse whitespace and may rewrite characters (underthesea turns
    ``Hoà`` into ``Hòa``); we walk both strings, skipping whitespace, and match non-space
    characters one for one, so a rewritten character still advances by one.
    """
    out: list[tuple[int, int]] = []
    pos = start
    n = len(text)
    for piece in pieces:
        chars = [c for c in piece if not c.isspace()]
        while pos < n and text[pos].isspace():
            pos += 1
        s = pos
        k = 0
        while pos < n and k < len(chars):
            if text[pos].isspace():
                pos += 1
                continue
            pos += 1
            k += 1
        out.append((s, pos))
    return out


# Sentence ends: . ! ? … followed by space and an upper-case letter, a quote or a digit;
# or a newline. Written to be linear (no nested quantifiers).
_SENT_END_RE = regex.compile(r"(?<=[.!?])[\"')\]]*[ ]+(?=[\"'(\[]?[\p{Lu}\d])|\n+")


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:]``: split at newlines, then at sentence-final punctuation.

    A rule-based splitter (the same decisions as underthesea's ``sent_tokenize`` on news text,
    which runs ~20x slower); spans exclude surrounding whitespace.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _SENT_END_RE.finditer(text, start):
        _add_span(text, pos, m.start(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def segment_words(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """underthesea's word segmentation, realigned to ``text``."""
    from underthesea import word_tokenize

    out: list[tuple[int, int]] = []
    for s, e in sentences:
        toks = word_tokenize(text[s:e])
        out.extend((a + s, b + s) for a, b in align(text[s:e], toks))
    return out
