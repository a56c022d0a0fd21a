"""Decoding bytes and repairing mis-decoded text: UTF-8, legacy Vietnamese encodings, mojibake.

Old Vietnamese sites and documents use encodings that predate Unicode:

- **TCVN3** (ABC, TCVN 5712 VN3): one byte per letter; lower-case toned letters in 0xA1-0xFF
  (``B¶o Th¾ng`` = ``Bảo Thắng``). It has no upper-case toned letters (the ``.VnTimeH`` fonts
  draw the lower-case codes as capitals), so decoded text can be lower-case where the page
  showed capitals. Table: ``data/tcvn3.tsv``.
- **VNI Windows**: a base letter plus a modifier byte (``Vieät Nam`` = ``Việt Nam``).
  Table: ``data/vni.tsv``.
- **VIQR**: 7-bit ASCII with marks after the vowel (``Vie^.t Nam``; ``dd`` = ``đ``).
- **Windows-1258**: precomposed ``ă â ê ô ơ ư đ`` plus *combining* tone marks; decoded text is
  normalised to NFC.
- **Mojibake**: UTF-8 read as Windows-1252 or Latin-1 (``Viá»‡t`` = ``Việt``), and the same
  for legacy-encoded text that was turned into Unicode through Windows-1252 (an old page in a
  ``.VnTime`` font served as UTF-8).

Public API:

- :func:`decode_bytes` — bytes to text for the command-line readers and ``extract(bytes)``:
  UTF-8 (BOM stripped; UTF-16/32 with a BOM), else the best-scoring legacy decoder, each choice
  reported as a warning. ``errors="strict"`` raises :class:`DecodeError` (a ``ValueError``
  with the offending byte offset) when nothing fits; ``errors="replace"`` decodes as UTF-8 with
  U+FFFD and warns ``undecodable``.
- :func:`repair_text` — repairs a ``str`` (mojibake, legacy encoding read as Windows-1252,
  VIQR). Returns ``None`` when nothing needs repair.
- :func:`detect_text` — cheap check used by ``extract(str)``: warns ``suspected_<kind>``
  without changing the text.

**Offsets.** ``extract(str)`` never rewrites the caller's string: offsets always refer to it;
a suspected mojibake/legacy text only gets a ``suspected_*`` warning, and the caller opts in by
calling ``repair_text`` and extracting from the repaired string. ``extract(bytes)`` decodes
with ``decode_bytes`` (repair included); offsets then refer to the *decoded* text, which
``decode_bytes(data)[0]`` returns again (decoding is deterministic), and a ``decoded_*`` or
``repaired_*`` warning says so.

Warning codes (``WARNING_CODES``): ``decoded_utf16``, ``decoded_utf32``, ``decoded_tcvn3``,
``decoded_vni``, ``decoded_cp1258``, ``decoded_viqr``, ``repaired_mojibake``,
``repaired_tcvn3``, ``repaired_vni``, ``repaired_viqr``, ``undecodable``, ``binary_input``,
``suspected_mojibake``, ``suspected_tcvn3``, ``suspected_vni``, ``suspected_viqr``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from pathlib import Path

import regex

from .model import Warning
from .text import plain_text
from .wordlists import TONE_MARKS, alternation

WARNING_CODES: tuple[str, ...] = (
    "decoded_utf16",
    "decoded_utf32",
    "decoded_tcvn3",
    "decoded_vni",
    "decoded_cp1258",
    "decoded_viqr",
    "repaired_mojibake",
    "repaired_tcvn3",
    "repaired_vni",
    "repaired_viqr",
    "undecodable",
    "binary_input",
    "suspected_mojibake",
    "suspected_tcvn3",
    "suspected_vni",
    "suspected_viqr",
)

LEGACY_ENCODINGS: tuple[str, ...] = ("tcvn3", "vni", "viqr", "cp1258")

# Detection looks at this many leading characters/bytes; decoding always covers everything.
_SAMPLE = 200_000
_DETECT_SAMPLE = 20_000  # what extract(str) looks at: cheap enough for every article


class DecodeError(ValueError):
    """Bytes that are neither UTF-8 nor a recognisable legacy Vietnamese encoding."""


# -- Windows-1252 with Latin-1 fallback: the byte <-> char view every legacy path goes through --

def _cp1252_table() -> str:
    chars = []
    for b in range(256):
        try:
            chars.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(b))  # 0x81 0x8D 0x8F 0x90 0x9D: what a Latin-1 reader shows
    return "".join(chars)


_CP1252 = _cp1252_table()
# char -> byte, both for the cp1252 glyph and for the raw C1 control of the same byte
_CHAR_TO_BYTE: dict[str, int] = {c: b for b, c in enumerate(_CP1252)}
for _b in range(0x80, 0xA0):
    _CHAR_TO_BYTE.setdefault(chr(_b), _b)
_BYTE_CLASS = "".join(regex.escape(c) for c in _CHAR_TO_BYTE)


def _cp1252_decode(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _CP1252)[0]


def _cp1252_encode(text: str) -> bytes | None:
    try:
        return bytes(_CHAR_TO_BYTE[c] for c in text)
    except KeyError:
        return None


# -- tables ---------------------------------------------------------------------------------

def _data_lines(name: str) -> list[list[str]]:
    from importlib import resources

    raw = resources.files("vn_welfare_extract").joinpath("data").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    return rows[1:]  # drop the header


@cache
def _tcvn3_decode_table() -> str:
    table = list(_CP1252)
    for byte, cp, *_ in _data_lines("tcvn3"):
        table[int(byte, 16)] = chr(int(cp, 16))
    return "".join(table)


@cache
def _tcvn3_encode_map() -> dict[str, int]:
    out: dict[str, int] = {}
    for byte, cp, *_ in _data_lines("tcvn3"):
        c = chr(int(cp, 16))
        if not unicodedata.combining(c):
            out.setdefault(c, int(byte, 16))
    return out


@cache
def _vni_map() -> dict[str, str]:
    """Unicode letter -> VNI sequence (as Windows-1252 characters)."""
    return {ch: _cp1252_decode(bytes.fromhex(hx)) for ch, hx, *_ in _data_lines("vni")}


@cache
def _vni_decode_re() -> tuple[regex.Pattern[str], dict[str, str]]:
    rev = {v: k for k, v in _vni_map().items() if v != k}
    # Longest sequences first: "ôù" (ớ) before "ô" (ơ).
    return regex.compile(alternation(rev)), rev


# -- encoders (used by the tests and the fuzzer to make real legacy-encoded input) ----------

_VIQR_MARK = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}
_VIQR_TONE = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode Unicode Vietnamese as ``tcvn3``, ``vni``, ``viqr`` or ``cp1258``.

    Characters outside the target repertoire become ``?``. TCVN3 has no upper-case toned
    letters: they are written with the lower-case code (what ``.VnTimeH`` fonts display as
    capitals). Windows-1258 writes tones as combining marks, as Windows does.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        enc = _tcvn3_encode_map()
        out = bytearray()
        for c in text:
            b = enc.get(c, enc.get(c.lower()))
            if b is None:
                low = _CHAR_TO_BYTE.get(c, 0x3F)
                b = low if low < 0xA1 else 0x3F  # TCVN3 reuses 0xA1-0xFF for letters
            out.append(b)
        return bytes(out)
    if encoding == "vni":
        vm = _vni_map()
        parts = []
        for c in text:
            v = vm.get(c)
            if v is None:
                v = c if (c in _CHAR_TO_BYTE and ord(c) < 0x80) else "?"
            parts.append(v)
        return "".join(parts).encode("cp1252")
    if encoding == "viqr":
        parts = []
        for c in text:
            if c in "đĐ":
                parts.append("dd" if c == "đ" else "DD")
                continue
            d = unicodedata.normalize("NFD", c)
            if ord(d[0]) >= 0x80:
                parts.append("?")
                continue
            base = d[0]
            marks = "".join(_VIQR_MARK.get(m, "") for m in d[1:])
            tones = "".join(_VIQR_TONE.get(m, "") for m in d[1:])
            parts.append(base + marks + tones)
        return "".join(parts).encode("ascii")
    if encoding == "cp1258":
        out = bytearray()
        for c in text:
            try:
                out += c.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
            d = unicodedata.normalize("NFD", c)
            # keep ă â ê ô ơ ư precomposed, tone as a combining mark
            base = unicodedata.normalize("NFC", "".join(m for m in d if m not in _VIQR_TONE))
            tone = "".join(m for m in d if m in _VIQR_TONE)
            try:
                out += base.encode("cp1258") + tone.encode("cp1258")
            except UnicodeEncodeError:
                out += b"?"
        return bytes(out)
    raise ValueError(f"unknown legacy encoding {encoding!r}; valid: {', '.join(LEGACY_ENCODINGS)}")


# -- decoders -------------------------------------------------------------------------------

def _decode_tcvn3_str(s: str) -> str:
    """TCVN3 text that went through Windows-1252 (each char stands for one byte)."""
    table = _tcvn3_decode_table()
    out = []
    for c in s:
        b = _CHAR_TO_BYTE.get(c)
        out.append(table[b] if b is not None and b >= 0x80 else c)
    return unicodedata.normalize("NFC", "".join(out))


def _decode_vni_str(s: str) -> str:
    pat, rev = _vni_decode_re()
    return str(pat.sub(lambda m: rev[m.group()], s))


_VIQR_RE = regex.compile(
    # a vowel, an optional vowel mark that suits it, an optional tone. The tones ` ~ ' always
    # count; ? and . count inside a word or before a lower-case word / a comma (else they are
    # punctuation). ``dd`` is đ only at the start of a syllable.
    r"([aeiouyAEIOUY])"
    r"(?:(?<=[aeoAEO])\^|(?<=[aA])\(|(?<=[ouOU])[+*])?"
    r"(?:[`~']|[?.](?=[A-Za-z]|[ \t]+[a-zđ]|[ \t]*[,;:]))?"
    r"|(?<![A-Za-z])(?:dd|DD|Dd)(?=[aeiouyAEIOUY])"
)


def _viqr_sub(m: regex.Match[str]) -> str:
    s = m.group()
    if s in ("dd", "DD", "Dd"):
        return "đ" if s == "dd" else "Đ"
    out = s[0]
    for ch in s[1:]:
        out += {"^": "\u0302", "(": "\u0306", "+": "\u031b", "*": "\u031b", "'": "\u0301", "`": "\u0300",
                "?": "\u0309", "~": "\u0303", ".": "\u0323"}[ch]
    return unicodedata.normalize("NFC", out)


def _decode_viqr_str(s: str) -> str:
    return str(_VIQR_RE.sub(_viqr_sub, s))


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode bytes in one named legacy encoding (``tcvn3``, ``vni``, ``viqr``, ``cp1258``)."""
    if encoding == "tcvn3":
        return unicodedata.normalize("NFC", codecs.charmap_decode(data, "strict", _tcvn3_decode_table())[0])
    if encoding == "vni":
        return _decode_vni_str(_cp1252_decode(data))
    if encoding == "viqr":
        return _decode_viqr_str(data.decode("ascii", errors="replace"))
    if encoding == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    raise ValueError(f"unknown legacy encoding {encoding!r}; valid: {', '.join(LEGACY_ENCODINGS)}")


# -- scoring: how Vietnamese does a text look? ------------------------------------------------

_VN_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzđ"
    + "".join(
        unicodedata.normalize("NFC", b + m + t)
        for b, m in (("a", ""), ("a", "\u0306"), ("a", "\u0302"), ("e", ""), ("e", "\u0302"), ("i", ""), ("o", ""),
                     ("o", "\u0302"), ("o", "\u031b"), ("u", ""), ("u", "\u031b"), ("y", ""))
        for t in ("", *TONE_MARKS)
    )
)
_SYLLABLE_RE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|nh|ng|[cmnpt])?"
)
_PUNCT = "\"'()[]{}<>,.;:!?-–—…“”‘’«»/\\*_`~|+=&%#@$^"
_BAD_CHARS_RE = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd\p{Co}\p{Cs}\p{Cn}]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # the same on ``plain_text``


def _syllable_ok(tok: str) -> bool:
    low = tok.lower()
    if not all(c in _VN_LETTERS for c in low):
        return False
    d = unicodedata.normalize("NFD", low)
    if sum(1 for c in d if c in TONE_MARKS) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONE_MARKS))
    return _SYLLABLE_RE.fullmatch(bare) is not None


def vietnamese_score(text: str) -> int:
    """Positive for well-formed Vietnamese with diacritics, negative for garbage.

    +1 per non-ASCII token that is a valid Vietnamese syllable, -2 per non-ASCII token that is
    not, -3 per token holding a control character or U+FFFD. ASCII tokens count 0.
    """
    score = 0
    for raw in text[:50_000].split():
        tok = raw.strip(_PUNCT)
        if not tok or tok.isascii():
            continue
        if _BAD_CHARS_RE.search(tok):
            score -= 3
        elif _syllable_ok(tok):
            score += 1
        else:
            score -= 2
    return score


# -- repairing a str --------------------------------------------------------------------------

# UTF-8 byte sequences seen through Windows-1252/Latin-1: a lead char then continuation chars.
def _chars_for(lo: int, hi: int) -> str:
    return "".join(regex.escape(c) for c, b in _CHAR_TO_BYTE.items() if lo <= b <= hi)


_CONT = f"[{_chars_for(0x80, 0xBF)}]"
_MOJIBAKE_RE = regex.compile(
    f"(?:[{_chars_for(0xC2, 0xDF)}]{_CONT}|[{_chars_for(0xE0, 0xEF)}]{_CONT}{{2}}|[{_chars_for(0xF0, 0xF4)}]{_CONT}{{3}})+"
)
# Cheap pre-checks (one C-speed scan each) before any scoring.
_MOJIBAKE_HINT_RE = regex.compile(r"[ÃÄÅÆáâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_LEGACY_HINT_RE = regex.compile(r"[\xa1-\xbf\xd7\xd8\xde\xe4-\xe8\xeb\xee\xef\xf1\xf6\xf7\xf8\xfb\xfc\xfe\xff]")
_VIQR_HINT_RE = regex.compile(r"[aeoAEO]\^|[aA]\(|[ouOU]\+|(?<![A-Za-z])(?:dd|DD)[aeiouy]")
_LEGACY_RUN_RE = regex.compile(f"[{_BYTE_CLASS}]+")
# The hints again for the stdlib engine (plain character classes: the same matches, scanned
# several times faster); ``detect_text`` runs them on every article.
_MOJIBAKE_HINT_FAST_RE = re.compile(_MOJIBAKE_HINT_RE.pattern)
_LEGACY_HINT_FAST_RE = re.compile(_LEGACY_HINT_RE.pattern)


def _fix_mojibake(text: str) -> tuple[str, int]:
    n = 0

    def sub(m: regex.Match[str]) -> str:
        nonlocal n
        seen: str = m.group()
        raw = _cp1252_encode(seen)
        if raw is None:
            return seen
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            return seen
        n += 1
        return fixed

    out = text
    for _ in range(2):  # double mojibake happens (UTF-8 -> cp1252 -> UTF-8 -> cp1252)
        before = n
        out = _MOJIBAKE_RE.sub(sub, out)
        if n == before:
            break
    return out, n


def _candidates(text: str) -> list[tuple[str, str]]:
    """(kind, repaired) pairs worth scoring for ``text``."""
    out: list[tuple[str, str]] = []
    sample = text[:_SAMPLE]
    if _MOJIBAKE_HINT_FAST_RE.search(sample):
        fixed, n = _fix_mojibake(text)
        if n:
            out.append(("mojibake", fixed))
    hints = len(_LEGACY_HINT_FAST_RE.findall(sample))
    if hints >= 3 and hints * 200 >= len(sample):  # legacy text has one on most words
        out.append(("tcvn3", _LEGACY_RUN_RE.sub(lambda m: _decode_tcvn3_str(m.group()), text)))
        out.append(("vni", _decode_vni_str(text)))
    if text.isascii() and len(_VIQR_HINT_RE.findall(sample)) >= 3:
        out.append(("viqr", _decode_viqr_str(text)))
    return out


def _best_repair(text: str) -> tuple[str, str] | None:
    cands = _candidates(text)
    if not cands:
        return None
    base = vietnamese_score(text)
    best: tuple[str, str] | None = None
    best_score = base
    for kind, fixed in cands:
        s = vietnamese_score(fixed)
        if s > best_score:
            best, best_score = (kind, fixed), s
    # A repair must win clearly: at least two more good syllables than the text as given.
    if best is None or best_score < base + 2 or best[1] == text:
        return None
    return best


def repair_text(text: str) -> tuple[str, list[Warning]] | None:
    """Repair mojibake / legacy-encoded / VIQR text held in a ``str``; ``None`` if it looks fine.

    The repaired string has different offsets from ``text``: extract from the repaired string.
    """
    got = _best_repair(text)
    if got is None:
        return None
    kind, fixed = got
    msg = {
        "mojibake": "UTF-8 text had been read as Windows-1252/Latin-1 (mojibake); repaired",
        "tcvn3": "text in the TCVN3 (ABC) encoding read as Windows-1252; converted to Unicode (TCVN3 has no upper-case toned letters)",
        "vni": "text in the VNI Windows encoding read as Windows-1252; converted to Unicode",
        "viqr": "VIQR (ASCII Vietnamese) text; converted to Unicode",
    }[kind]
    return fixed, [Warning(f"repaired_{kind}", msg + "; offsets refer to the repaired text")]


def detect_text(text: str) -> list[Warning]:
    """Warnings for a ``str`` that looks mis-decoded; the text itself is not changed."""
    got = _best_repair(text[:_DETECT_SAMPLE])
    if got is None:
        return []
    kind = got[0]
    return [
        Warning(
            f"suspected_{kind}",
            f"the text looks like {kind if kind != 'mojibake' else 'mojibake (UTF-8 read as Windows-1252)'}; "
            "extraction ran on it as given. Repair it with vn_welfare_extract.encodings.repair_text() "
            "and extract from the repaired text.",
        )
    ]


# -- bytes ----------------------------------------------------------------------------------

def garbage_ratio(text: str) -> float:
    """Share of characters that are controls, U+FFFD, private-use, surrogates or unassigned."""
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    if plain_text(sample):  # assigned, not private, not surrogates: only the controls can count
        return len(_CONTROL_RE.findall(sample)) / len(sample)
    return len(_BAD_CHARS_RE.findall(sample)) / len(sample)


def _latin_text(text: str) -> bool:
    """Most characters Latin (Vietnamese included), spaces, digits or punctuation."""
    sample = text[:4096]
    if not sample:
        return True
    ok = sum(1 for c in sample if c < "\u0250" or "\u1e00" <= c <= "\u1eff" or "\u2000" <= c <= "\u206f")
    return ok >= 0.8 * len(sample)


def _utf16_guess(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, errors: str = "replace", repair: bool = True) -> tuple[str, list[Warning]]:
    """Bytes -> (text, warnings).

    Order: BOM (UTF-8/16/32); UTF-8; UTF-16 without BOM; the best of TCVN3, VNI and
    Windows-1258 by :func:`vietnamese_score`; else ``errors="strict"`` raises
    :class:`DecodeError` and ``errors="replace"`` decodes UTF-8 with U+FFFD (``undecodable``).
    Valid UTF-8 is then checked for mojibake, legacy text and VIQR when ``repair`` is true.
    A mostly unreadable result adds ``binary_input``.
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
    warnings: list[Warning] = []
    text: str | None = None
    for bom, enc, code in (
        (codecs.BOM_UTF32_LE, "utf-32", "decoded_utf32"),
        (codecs.BOM_UTF32_BE, "utf-32", "decoded_utf32"),
        (codecs.BOM_UTF8, "utf-8-sig", ""),
        (codecs.BOM_UTF16_LE, "utf-16", "decoded_utf16"),
        (codecs.BOM_UTF16_BE, "utf-16", "decoded_utf16"),
    ):
        if data.startswith(bom):
            got = data.decode(enc, errors="replace")
            if code and not _latin_text(got):
                break  # bytes that merely start like a BOM: treat as unknown bytes below
            text = got
            if code:
                warnings.append(Warning(code, f"input decoded as {enc.upper()} (byte order mark)"))
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            first_error = e
            text = _decode_non_utf8(data, first_error, errors, warnings)
    if repair and not any(w.code.startswith("decoded_") and w.code != "decoded_utf16" for w in warnings):
        fixed = repair_text(text)
        if fixed is not None:
            text = fixed[0]
            warnings.extend(fixed[1])
    if garbage_ratio(text) > 0.25:
        warnings.append(Warning("binary_input", "the input looks like binary data, not text"))
    return text, warnings


def _decode_non_utf8(data: bytes, err: UnicodeDecodeError, errors: str, warnings: list[Warning]) -> str:
    guess = _utf16_guess(data)
    if guess is not None:
        got = data.decode(guess, errors="replace")
        if _latin_text(got):
            warnings.append(Warning("decoded_utf16", f"input decoded as {guess.upper()} (no byte order mark)"))
            return got
    sample = data[:_SAMPLE]
    utf8 = sample.decode("utf-8", errors="replace")
    best_kind, best_score = "", vietnamese_score(utf8)
    for kind in ("tcvn3", "vni", "cp1258"):
        s = vietnamese_score(decode_legacy(sample, kind))
        if s > best_score:
            best_kind, best_score = kind, s
    if best_kind and best_score > 0:
        names = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI Windows", "cp1258": "Windows-1258"}
        warnings.append(Warning(f"decoded_{best_kind}", f"input is not UTF-8; decoded as {names[best_kind]}"))
        return decode_legacy(data, best_kind)
    where = f"invalid byte 0x{data[err.start]:02X} at offset {err.start} ({err.reason})"
    if errors == "strict":
        raise DecodeError(
            f"input is not UTF-8: {where}; the legacy Vietnamese encodings TCVN3, VNI, VIQR and "
            "Windows-1258 were tried and none fits. Convert the file to UTF-8 (e.g. iconv) first."
        )
    bad = utf8.count("\ufffd") if len(data) <= _SAMPLE else data.decode("utf-8", errors="replace").count("\ufffd")
    warnings.append(Warning("undecodable", f"input is not valid UTF-8: {where}; {bad} bad sequence(s) replaced by U+FFFD"))
    return data.decode("utf-8", errors="replace")


def read_text_file(path: str | Path, *, errors: str = "replace") -> tuple[str, list[Warning]]:
    """Read a file with :func:`decode_bytes`."""
    return decode_bytes(Path(path).read_bytes(), errors=errors)


__all__ = (
    "WARNING_CODES",
    "LEGACY_ENCODINGS",
    "DecodeError",
    "decode_bytes",
    "decode_legacy",
    "encode_legacy",
    "repair_text",
    "detect_text",
    "read_text_file",
    "vietnamese_score",
    "garbage_ratio",
)
