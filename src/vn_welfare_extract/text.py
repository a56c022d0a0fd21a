"""The text layer: normalise once, keep an offset map back to the original string.

Fact modules search ``Doc.text`` (the normalised copy) and turn their normalised spans into
original offsets with :meth:`Doc.span`; an item's text is always cut from ``Doc.original``.

Normalisation (see ``normalize``):
- NFC per grapheme cluster (NFD input composes; length may change, the map keeps track);
- zero-width characters and soft hyphens are dropped (the map keeps track);
- same-length rewrites: odd spaces -> ' ', curly quotes -> straight, en/em dashes -> '-',
  control characters -> ' ', the Icelandic eth ``Ð`` -> ``Đ``;
- old-style tone placement ``hoà``/``thuỷ`` -> ``hòa``/``thủy`` (same length);
- lone surrogates -> ' ' (same length);
- HTML input (``Doc.from_text`` detects it, warning ``html_input``): tags, comments and
  ``<script>``/``<style>`` content become spaces of the same length (block tags such as ``<p>``,
  ``<br>``, ``<li>`` start with a newline, so they end sentences); character references
  (``&amp;``, ``&#7879;``, ``&nbsp;``) become the character they name, mapped to the whole
  reference in the original. Item offsets always point into the original, markup included.
"""

from __future__ import annotations

import html as _html
import re as _re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Sequence
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
# Lone surrogates (from ``surrogateescape`` decoding) cannot be written as UTF-8: blank them.
for _c in range(0xD800, 0xE000):
    _SAME_LENGTH[_c] = " "

# -- HTML -------------------------------------------------------------------------------------
# Detection: a known tag name, a comment or a doctype (``a < b`` and ``<5 triệu`` are not HTML).
_HTML_HINT_RE = regex.compile(
    r"<(?:/?(?:p|br|div|span|a|b|i|u|s|q|em|strong|h[1-6]|ul|ol|li|table|tr|td|th|tbody|thead|tfoot|img|html|head"
    r"|body|script|style|meta|link|title|section|article|header|footer|nav|blockquote|figure|figcaption|font"
    r"|center|hr|iframe|noscript|sup|sub|small|big|pre|code|label|form|input|button|select|option|textarea|svg"
    r"|source|video|audio|picture|main|aside|time|abbr|cite|dd|dl|dt|caption|wbr|strike|ins|del|mark|template)"
    r"(?=[\s/>])|!--|!doctype)",
    regex.IGNORECASE,
)
# A character reference: named (``&amp;``), decimal (``&#7879;``) or hex (``&#x1EC7;``).
_ENTITY_RE = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What is masked, each alternative linear (a bounded or single-class scan from one ``<``):
# comments; script/style/noscript/template with their content; doctype/CDATA-ish ``<!…>``;
# any tag ``<name attrs>`` with attributes up to 4000 chars.
_HTML_MASK_RE = regex.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<hidden>script|style|noscript|template)\b[^>]*+>.*?(?:</(?P=hidden)\s*>|\Z)"
    r"|<![^<>]{0,4000}>"
    r"|</?(?P<name>[A-Za-z][A-Za-z0-9:-]{0,30})(?:[\s/][^<>]{0,4000})?>",
    regex.IGNORECASE | regex.DOTALL,
)
_BLOCK_TAGS = frozenset(
    "p br div li ul ol h1 h2 h3 h4 h5 h6 tr table thead tbody tfoot section article header footer nav blockquote "
    "figure figcaption hr title pre dd dl dt caption main aside form body html head".split()
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds HTML markup (a known tag, a comment or a doctype)."""
    return _HTML_HINT_RE.search(text) is not None


def has_entities(text: str) -> bool:
    """True when ``text`` holds HTML character references such as ``&amp;`` or ``&#7879;``."""
    return _ENTITY_RE.search(text) is not None


def _mask_tag(m: regex.Match[str]) -> str:
    n: int = m.end() - m.start()
    name = m.group("name")
    if name is not None and name.lower() in _BLOCK_TAGS:
        return "\n" + " " * (n - 1)
    return " " * n


def mask_html(text: str) -> str:
    """Tags, comments and script/style content replaced by spaces of the same length."""
    return str(_HTML_MASK_RE.sub(_mask_tag, text))

# The five tone marks as combining characters: grave, acute, tilde, hook above, dot below.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _build_tone_moves() -> dict[str, str]:
    """``oà`` -> ``òa`` (and ``oe``, ``uy``) in both cases, for syllables with no final letter."""
    out: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in TONE_MARKS:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    old = f + unicodedata.normalize("NFC", s + tone)
                    new = unicodedata.normalize("NFC", f + tone) + s
                    out[old] = new
    return out


_TONE_MOVES = _build_tone_moves()
# Old-style tone on the second vowel of oa/oe/uy, at the end of a syllable, not after q
# (``quý`` is correct as written) and not when another vowel or consonant follows.
# Old-style tone on the second vowel of oa/oe/uy at the end of a syllable: one char class
# (stdlib ``re`` scans it fastest); the "not after q" check (``quý`` is right as written) is
# done in the callback, since a lookbehind at every position costs more than the rare check.
_TONE_RE = _re.compile("[oOuU][" + "".join(sorted({k[1] for k in _TONE_MOVES})) + r"](?!\w)")
# Characters rewritten one for one (``_SAME_LENGTH``): found with one scan, then replaced with
# ``str.replace`` per distinct character present (``str.translate`` with a dict is ~6x slower).
_SAME_RE = _re.compile(
    "["
    + "".join(_re.escape(chr(k)) for k in sorted(_SAME_LENGTH) if not 0xD800 <= k < 0xE000)
    + "\ud800-\udfff]"
)


def _same_length(text: str) -> str:
    for ch in set(_SAME_RE.findall(text)):
        text = text.replace(ch, _SAME_LENGTH[ord(ch)])
    return text


def _move_tones(text: str) -> str:
    def fix(m: _re.Match[str]) -> str:
        g = m.group()
        if m.start() > 0 and text[m.start() - 1] in "qQ":
            return g
        return _TONE_MOVES.get(g, g)

    return _TONE_RE.sub(fix, text)
_CLUSTER_RE = regex.compile(r"\P{M}\p{M}*|\p{M}+")

_HEADER_RE = _re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s)")


# Spans that change length: zero-width characters (dropped), a base with combining marks
# (NFC), a lone mark; in HTML mode also character references (decoded).
_EVENT_RE = regex.compile(f"[{_DROP}]+|\\P{{M}}\\p{{M}}+|\\p{{M}}+")
_EVENT_HTML_RE = regex.compile(_ENTITY_RE.pattern + f"|[{_DROP}]+|\\P{{M}}\\p{{M}}+|\\p{{M}}+")


def normalize(original: str, *, html: bool = False) -> tuple[str, Sequence[int] | None, Sequence[int] | None]:
    """Return ``(text, starts, ends)``; ``starts``/``ends`` are None when offsets are identical.

    ``starts[i]``/``ends[i]`` are the original offsets covered by normalised character ``i``.
    ``html=True`` masks markup (same length) and decodes character references (mapped).
    """
    src = mask_html(original) if html else original
    needs_map = (
        (not unicodedata.is_normalized("NFC", src))
        or _DROP_RE.search(src) is not None
        or (html and _ENTITY_RE.search(src) is not None)
    )
    starts: array[int] | None = None
    ends: array[int] | None = None
    if not needs_map:
        text = _same_length(src)
    else:
        text, starts, ends = _mapped(src, _EVENT_HTML_RE if html else _EVENT_RE)
        text = _same_length(text)
    text = _move_tones(text)
    return text, starts, ends


def _mapped(src: str, events: regex.Pattern[str]) -> tuple[str, array[int], array[int]]:
    """Rewrite the length-changing spans of ``src``; untouched runs are copied in bulk."""
    pieces: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")

    def keep(a: int, b: int) -> None:
        run = src[a:b]
        if unicodedata.is_normalized("NFC", run):
            pieces.append(run)
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
            return
        for i in range(a, b):  # NFC singletons (e.g. the Ohm sign): one char at a time
            for ch in unicodedata.normalize("NFC", src[i]):
                pieces.append(ch)
                starts.append(i)
                ends.append(i + 1)

    pos = 0
    for m in events.finditer(src):
        a, b = m.span()
        if a > pos:
            keep(pos, a)
        g = m.group()
        if g[0] == "&" and len(g) > 1:
            rep = _html.unescape(g)
            if rep == g:  # an unknown name: keep it as written
                keep(a, b)
                pos = b
                continue
            rep = unicodedata.normalize("NFC", "".join(c for c in rep if c not in _DROP))
        elif g[0] in _DROP:
            rep = ""
        else:
            rep = unicodedata.normalize("NFC", g)
        for ch in rep:
            pieces.append(ch)
            starts.append(a)
            ends.append(b)
        pos = b
    if pos < len(src):
        keep(pos, len(src))
    return "".join(pieces), starts, ends


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


def _plain_class(upper: bool = False) -> str:
    r"""Characters on which a case-sensitive ``re`` scan of the lower-cased text agrees with an
    IGNORECASE ``regex`` scan of the text: Latin, Greek and Cyrillic blocks, combining marks,
    punctuation, currency and common symbols, minus those whose lower case is not their case fold (``ß``, ``ſ``, ``İ``),
    numbers that are not digits (``²``, ``½``: ``\w`` in ``re``, not ``\p{L}\d``) and the
    separators that ``str.isspace`` counts as space and ``regex`` does not."""
    ranges = ((0x0, 0x4FF), (0x1E00, 0x1FFF), (0x2000, 0x22FF), (0x2500, 0x27BF), (0xFE00, 0xFE0F))
    out: list[str] = []
    for a, b in ranges:
        for i in range(a, b + 1):
            c = chr(i)
            if unicodedata.category(c) == "Cn":
                continue  # unassigned here, maybe assigned in the ``regex`` module's newer tables
            low = c.lower()
            if len(low) != 1 or low != c.casefold() or (c.isalnum() and not (c.isalpha() or c.isdecimal())):
                continue
            if 0x1C <= i <= 0x1F or (upper and unicodedata.category(c) != "Lu"):
                continue
            out.append(_re.escape(c))
    return "".join(out)


_NOT_PLAIN_RE = _re.compile(f"[^{_plain_class()}]")
# The upper-case letters among them: ``[{PLAIN_UPPER}]`` in ``re`` is ``\p{Lu}`` on plain text.
PLAIN_UPPER = _plain_class(upper=True)
PLAIN_UPPER_SET = frozenset(_re.findall(f"[{PLAIN_UPPER}]", "".join(map(chr, range(0x2800)))))


def plain_text(text: str) -> bool:
    """True when ``text`` has only characters of the fast scanning path (see ``Doc.fast_lower``)."""
    return _NOT_PLAIN_RE.search(text) is None


@dataclass
class Doc:
    """One article: the original string, its normalised copy and the map between them."""

    original: str
    text: str
    starts: Sequence[int] | None
    ends: Sequence[int] | None
    published: PubDate | None = None
    doc_id: str | None = None
    header_end: int = 0  # normalised offset where the body starts (after a ` date YYYY-MM` header)
    warnings: list[Warning] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)
    splitter: str = "rules"  # sentence splitter: "rules" (fast) or "underthesea"

    @classmethod
    def from_text(
        cls, original: str, published: PubDate | None = None, doc_id: str | None = None, splitter: str = "rules"
    ) -> Doc:
        is_html = looks_like_html(original)
        entities = not is_html and has_entities(original)
        text, starts, ends = normalize(original, html=is_html or entities)
        doc = cls(original, text, starts, ends, published, doc_id, splitter=splitter)
        if is_html:
            doc.warn("html_input", "HTML input: tags masked and character references decoded; offsets point into the HTML")
        elif entities:
            doc.warn("html_entities", "HTML character references (&amp;, &#...;) decoded; offsets point into the input")
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

    # -- shared scans (lazy) -----------------------------------------------------------------
    @property
    def lower(self) -> str:
        """``text.lower()``, computed once (its length may differ from ``text`` for rare letters)."""
        got: str | None = self.cache.get("lower")
        if got is None:
            got = self.cache["lower"] = self.text.lower()
        return got

    @property
    def fast_lower(self) -> str | None:
        r"""The lower-cased text when the fast scanning path is exact, else None.

        Components may search this copy with a case-sensitive stdlib ``re`` pattern, ``[^\W_]``
        standing for ``regex``'s ``[\p{L}\p{N}]``, instead of an IGNORECASE ``regex`` pattern on
        ``text`` (several times slower). That gives the same matches when every character is
        one for which the two engines agree (``plain_text``): Latin scripts, Vietnamese,
        punctuation; otherwise None and the component uses its ``regex`` pattern."""
        if "fast_lower" not in self.cache:
            low = self.lower
            self.cache["fast_lower"] = low if len(low) == len(self.text) and self.plain else None
        got: str | None = self.cache["fast_lower"]
        return got

    @property
    def plain(self) -> bool:
        r"""``plain_text(self.text)``, computed once: stdlib ``re`` scans with ``[^\W_]`` and
        ``[{PLAIN_UPPER}]`` give what ``regex`` gives with ``[\p{L}\p{N}]`` and ``\p{Lu}``."""
        got: bool | None = self.cache.get("plain")
        if got is None:
            got = self.cache["plain"] = plain_text(self.text)
        return got

    # -- segmentation (lazy) -----------------------------------------------------------------
    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in the NORMALISED text, computed once on first use."""
        got = self.cache.get("sentences")
        if got is None:
            split = SENTENCE_SPLITTERS[self.splitter]
            got = split(self.text, self.header_end)
            self.cache["sentences"] = got
        return got

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
        return got


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
# Sentence ends: . ! ? followed by closing quotes/brackets and spaces, when the next character
# is an upper-case letter, a digit or an opening quote (checked in Python: cheaper than a
# lookahead with \p{Lu}); or a run of newlines. Linear: one char class, no nesting.
# (Written ``[.!?\n](?:…)``, the same matches as ``[.!?]["')\]]*[ ]+|\n+``: a pattern that opens
# with a character class lets the engine skip straight to the candidates.)
_SENT_END_RE = _re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<!\n)[\"')\]]*[ ]+)")
# Abbreviations whose period never ends a sentence (``TP. Hồ Chí Minh``, ``PGS. TS Lê Văn A``).
_NO_END_ABBR_RE = _re.compile(r"(?<![^\W\d_])(?:TP|Tp|TX|Q|P|TT|GS|PGS|TS|ThS|BS|ĐH|St|Th)\.$")

# Initials (``N.V.Đ.``): a person named by initials, whose bracket (``(SN 1993, …)``) does not start a sentence.
_INITIALS_RE = _re.compile(r"(?<!\w)(?:\w\.){1,3}$")


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:]``: split at newlines, then at sentence-final punctuation.

    A rule-based splitter (the same decisions as underthesea's ``sent_tokenize`` on news text,
    which runs ~20x slower); spans exclude surrounding whitespace.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    n = len(text)
    for m in _SENT_END_RE.finditer(text, start):
        e = m.end()
        if text[m.start()] != "\n":
            nxt = text[e] if e < n else ""
            if nxt in "\"'([" and e + 1 < n:
                nxt = text[e + 1]
            if not (nxt.isupper() or nxt.isdigit()):
                continue
            if text[m.start()] == "." and _NO_END_ABBR_RE.search(text, max(0, m.start() - 3), m.start() + 1):
                continue
            if text[e : e + 1] == "(" and text[m.start()] == "." and _initials(text, m.start()):
                continue  # ``anh N.V.Đ. (SN 1993, …)``: initials, then their bracket
        _add_span(text, pos, e, spans)  # trailing spaces/newlines are stripped there
        pos = e
    _add_span(text, pos, n, spans)
    return spans


def _initials(text: str, dot: int) -> bool:
    """1-3 capital letters, each with its dot, ending at ``dot`` (``N.V.Đ.``, ``H.``)."""
    m = _INITIALS_RE.search(text, max(0, dot - 6), dot + 1)
    return m is not None and m.group().replace(".", "").isupper()


def split_sentences_underthesea(text: str, start: int = 0) -> list[tuple[int, int]]:
    """underthesea's ``sent_tokenize`` per paragraph (newlines always end a sentence), realigned
    to ``text`` with ``align`` (underthesea may rewrite characters and drops whitespace)."""
    from underthesea import sent_tokenize

    spans: list[tuple[int, int]] = []
    for ps, pe in _paragraphs(text, start):
        for a, b in align(text[ps:pe], sent_tokenize(text[ps:pe])):
            _add_span(text, a + ps, b + ps, spans)
    return spans


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _re.finditer(r"\n+", text[start:]):
        _add_span(text, pos, m.start() + start, out)
        pos = m.end() + start
    _add_span(text, pos, len(text), out)
    return out


SENTENCE_SPLITTERS = {"rules": split_sentences, "underthesea": split_sentences_underthesea}


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
