"""The text layer: normalisation keeps an offset map; both sentence splitters give spans of the text."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from vn_welfare_extract import Extractor
from vn_welfare_extract.text import Doc, normalize, split_sentences, split_sentences_underthesea

TEXT = (
    'Ông Phạm Tấn Hoà cho biết: "Tỉnh đã hỗ trợ 5.500 hộ nghèo." Bà Lan nói thêm.\n'
    "Sáng 8-10, UBND tỉnh họp. Số 3.5 triệu là sai! Hôm nay trời đẹp\n\nDòng mới"
)


@pytest.mark.parametrize("split", [split_sentences, split_sentences_underthesea])
def test_sentence_spans_cover_the_text(split: Any) -> None:
    spans = split(TEXT)
    assert spans == sorted(spans)
    assert all(TEXT[s:e] == TEXT[s:e].strip() and e > s for s, e in spans)
    # every non-space character is in exactly one sentence
    inside = [i for s, e in spans for i in range(s, e)]
    assert len(inside) == len(set(inside))
    assert {i for i, c in enumerate(TEXT) if not c.isspace()} <= set(inside)
    assert any(TEXT[s:e] == "Dòng mới" for s, e in spans)  # newlines always end a sentence


def test_rule_splitter_keeps_closing_quote() -> None:
    spans = split_sentences(TEXT)
    assert TEXT[spans[0][0] : spans[0][1]].endswith('hộ nghèo."')


@pytest.mark.parametrize(("text", "n"), [
    ("Công an đã tạm giữ T.V.K. (SN 1988, trú tại xã Hòa Lợi) để điều tra. Vụ việc đang xử lý.", 2),  # initials, then their bracket
    ("Bệnh nhân là bà H. (71 tuổi) ở thôn Đông. Bà đã ổn định.", 2),
    ("Đội tuyển thắng 3-0 tối qua. (Ảnh: Hải Nam) Trận sau diễn ra ở Huế.", 2),  # a word, not initials: the bracket starts anew
])
def test_rule_splitter_keeps_initials(text: str, n: int) -> None:
    assert len(split_sentences(text)) == n


def test_normalize_maps_nfd_and_old_tone_marks_back() -> None:
    original = unicodedata.normalize("NFD", "Thuỷ và Hoà\u200b ở Long An")
    doc = Doc.from_text(original)
    assert "Thủy" in doc.text and "Hòa" in doc.text and "\u200b" not in doc.text
    i = doc.text.index("Long An")
    t, s, e = doc.surface(i, i + len("Long An"))
    assert original[s:e] == t == "Long An"
    assert normalize("quý")[0] == "quý"  # qu + y: the tone stays where it is


def test_extractor_sentence_option(seed: tuple[str, dict[str, Any]]) -> None:
    text, _ = seed
    keys = ("dates", "amounts", "counts", "officials", "policies")
    a = Extractor().extract(text).to_dict()
    b = Extractor(sentences="underthesea").extract(text).to_dict()
    assert {k: a[k] for k in keys} == {k: b[k] for k in keys}
    assert [f["type"] for f in b["facts"] if f["type"] == "support"] == ["support", "support"]
    with pytest.raises(ValueError, match="valid"):
        Extractor(sentences="nltk")
