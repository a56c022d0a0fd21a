"""Property tests: arbitrary text and mutated articles never raise and never break offsets.

Fixed example budgets (``settings(max_examples=..., deadline=None)``, derandomised) keep CI
fast and reproducible; ``benchmarks/fuzz.py`` runs the same properties much longer.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_hostile import ARTICLE, SENTENCE, VN_SENTENCE, check_record
from vn_welfare_extract import Extractor
from vn_welfare_extract.encodings import decode_bytes, decode_legacy, encode_legacy
from vn_welfare_extract.text import Doc

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_024eeff49fb4e721.txt"
BASES = [ARTICLE, SENTENCE + "\n" + VN_SENTENCE] + ([SEED.read_text(encoding="utf-8")[:6000]] if SEED.exists() else [])

FAST = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
SLOWER = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

_EX = Extractor()

VN_CHARS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
VN_ALPHABET = VN_CHARS + VN_CHARS.upper() + "0123456789 .,-/:;()%\"'\n"
HOSTILE_SNIPPETS = [
    "<p>", "</p>", "<br/>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#7879;", "&nbsp;", "&bogus;",
    "\u200b", "\ufeff", "\u00ad", "\u0301", "\u0323", "\x00", "\x1b", "\r\n", "\u2028", "🎉", "\ud800",
    "31/02/2021", "999999999999999999999 tỷ đồng", "1.000.000.000", "ngày 8-10", "Thủ tướng ", "Nghị định 68/NQ-CP",
    "tỉnh Long An", "UBND", "5 triệu đồng/người", "'; DROP TABLE x; --", " ", "\n\n", "9" * 50,
]

texts = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=VN_ALPHABET, max_size=600),
    st.lists(st.one_of(st.sampled_from(HOSTILE_SNIPPETS), st.text(alphabet=VN_ALPHABET, max_size=30)),
             max_size=40).map("".join),
)


@FAST
@given(texts)
def test_arbitrary_text(text: str) -> None:
    check_record(_EX.extract(text, published="2021-10-15"), text)


@FAST
@given(texts)
def test_text_layer_map_is_monotone(text: str) -> None:
    doc = Doc.from_text(text)
    n = len(doc.text)
    prev = 0
    for i in range(n):
        s, e = doc.span(i, i + 1)
        assert 0 <= s <= e <= len(text) and s >= prev
        prev = s
    for s, e in doc.sentences:
        t, a, b = doc.surface(s, e)
        assert text[a:b] == t


@FAST
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    rec = _EX.extract(data, published="2021-10-15")
    check_record(rec, decode_bytes(data)[0])


def _encoding_swap(text: str, a: int, b: int, enc: str) -> str:
    """A span of the article as a legacy-encoded page would show it through Windows-1252."""
    if enc == "mojibake":
        seen = text[a:b].encode("utf-8").decode("latin-1")
    elif enc == "nfd":
        seen = unicodedata.normalize("NFD", text[a:b])
    else:
        seen = encode_legacy(text[a:b], enc).decode("cp1252", errors="replace")
    return text[:a] + seen + text[b:]


@st.composite
def mutated_articles(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "swap", "duplicate", "html"]))
        n = len(text)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 200)))
        if op == "insert":
            ins = draw(st.one_of(st.sampled_from(HOSTILE_SNIPPETS), st.text(max_size=20)))
            text = text[:a] + ins + text[a:]
        elif op == "delete":
            text = text[:a] + text[b:]
        elif op == "swap":
            enc = draw(st.sampled_from(["tcvn3", "vni", "cp1258", "mojibake", "nfd"]))
            text = _encoding_swap(text, a, b, enc)
        elif op == "duplicate":
            text = text[:b] + text[a:b] + text[b:]
        else:
            text = text[:a] + "<p><b>" + text[a:b] + "</b></p>" + text[b:]
    return text


@SLOWER
@given(mutated_articles())
def test_mutated_articles(text: str) -> None:
    check_record(_EX.extract(text, published="2021-10-15"), text)


@SLOWER
@given(mutated_articles(), st.sampled_from(["utf-8", "utf-16", "tcvn3", "vni", "cp1258", "viqr"]))
def test_mutated_articles_as_bytes(text: str, enc: str) -> None:
    data = text.encode(enc, errors="surrogatepass") if enc.startswith("utf") else encode_legacy(text, enc)
    check_record(_EX.extract(data, published="2021-10-15"), decode_bytes(data)[0])


@FAST
@given(st.text(alphabet=VN_CHARS + VN_CHARS.upper() + " ,", max_size=200), st.sampled_from(["tcvn3", "vni", "cp1258"]))
def test_legacy_round_trip(text: str, enc: str) -> None:
    got = decode_legacy(encode_legacy(text, enc), enc)
    assert (got.lower() == text.lower()) if enc == "tcvn3" else (got == text)
