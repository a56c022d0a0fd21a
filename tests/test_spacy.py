"""spaCy integration: exact spans, original text kept, items on the Doc, multiprocessing."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from vn_welfare_extract import extract, load_spacy  # noqa: E402
from vn_welfare_extract.spacy_pipe import SPAN_KEY, record_spans, tokenize_spans  # noqa: E402

SAMPLE = (
    "Sáng 8-10, Phó Chủ tịch UBND tỉnh Long An Phạm Tấn Hòa cho biết, tính đến ngày 6-10, tỉnh đã hỗ trợ "
    "cho trên 435.000 người với tổng kinh phí trên 357 tỉ đồng theo Nghị quyết 68/NQ-CP."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_spacy()


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE,
        unicodedata.normalize("NFD", SAMPLE),
        SAMPLE.replace(" ", "  "),
        SAMPLE.replace(", ", ",\n\n"),
        "Ông Phạm Tấn Hoà  nói:\t\"Tỉnh hỗ trợ 5.500 hộ nghèo.\"\n",
        "  \n  ",
        "",
        "Hòa và Hoà\u200b là hai cách viết.",
    ],
)
def test_tokenizer_keeps_text(nlp: Any, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


def test_tokens_split_at_item_edges() -> None:
    text = "Hỗ trợ trên 435.000 người."
    spans = tokenize_spans(text, [7, 25])
    starts = {s for s, _ in spans}
    ends = {e for _, e in spans}
    assert 7 in starts and 25 in ends


def test_component_spans_equal_record_items(nlp: Any, seed: tuple[str, dict[str, Any]]) -> None:
    text, expected = seed
    doc = nlp(text)
    rec = extract(text).to_dict()
    want = sorted((s, e, label) for s, e, label, _ in record_spans(rec))
    got = sorted((sp.start_char, sp.end_char, sp.label_) for sp in doc.spans[SPAN_KEY])
    assert got == want
    # every item of the expected record is an exact span
    have = {(sp.start_char, sp.end_char) for sp in doc.spans[SPAN_KEY]}
    for kind in ("dates", "amounts", "counts"):
        for it in expected[kind]:
            assert (it["start"], it["end"]) in have, it
    for kind in ("officials", "policies", "locations", "organizations"):
        for it in expected[kind]:
            for m in it["mentions"]:
                assert (m["start"], m["end"]) in have, m
    assert doc._.record["doc_id"] is None
    ents = list(doc.ents)
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:], strict=False))
    values = {sp.text: sp._.value for sp in doc.spans[SPAN_KEY] if sp.label_ == "MONEY"}
    assert values.get("trên 357 tỉ đồng") == 357_000_000_000


def test_add_pipe_by_name_after_install() -> None:
    nlp = spacy.blank("xx")
    nlp.add_pipe("vn_welfare_extract")
    doc = nlp("Ngày 8-10 tỉnh hỗ trợ trên 435.000 người.")
    assert SPAN_KEY in doc.spans


def test_multiprocess_equals_single(nlp: Any) -> None:
    texts = [SAMPLE, SAMPLE.replace("435.000", "12.000"), "Không có gì.", SAMPLE.upper()]
    one = [[(s.start_char, s.end_char, s.label_) for s in d.spans[SPAN_KEY]] for d in nlp.pipe(texts)]
    two = [[(s.start_char, s.end_char, s.label_) for s in d.spans[SPAN_KEY]] for d in nlp.pipe(texts, n_process=2)]
    assert one == two


# ------------------------------------------------------------------ publication date and user lexicon (issue 13)

DATED = "Sáng 8-10, tỉnh Long An đã hỗ trợ cho trên 435.000 người."


def _date_values(doc: Any) -> list[tuple[str, Any]]:
    return [(s.text, s._.value) for s in doc.spans[SPAN_KEY] if s.label_ == "DATE"]


def test_publication_date_from_a_doc_extension_set_before_the_pipe(nlp: Any) -> None:
    assert _date_values(nlp(DATED)) == [("Sáng 8-10", None)]  # no year without a publication date
    doc = nlp.make_doc(DATED)
    doc._.published = "2021-10-09"
    doc = nlp(doc)
    assert _date_values(doc) == [("Sáng 8-10", "2021-10-08")]
    assert doc._.record["published"] == "2021-10-09"


def test_publication_date_from_the_pipe_context(nlp: Any) -> None:
    texts = [(DATED, {"published": "2021-10-09"}), (DATED, {"published": "2022-10-20"}), (DATED, None)]
    got = [(_date_values(doc), ctx) for doc, ctx in nlp.pipe(texts, as_tuples=True)]
    assert got == [
        ([("Sáng 8-10", "2021-10-08")], {"published": "2021-10-09"}),
        ([("Sáng 8-10", "2022-10-08")], {"published": "2022-10-20"}),
        ([("Sáng 8-10", None)], None),
    ]


def test_a_user_lexicon_reaches_the_component(tmp_path: Any) -> None:
    from lexicon_case import ALIAS, CANONICAL, TEXT, write_lexicon

    path = write_lexicon(tmp_path, "tsv")
    doc = load_spacy(lexicon=str(path))(TEXT)
    orgs = [s._.value for s in doc.spans[SPAN_KEY] if s.label_ == "ORG"]
    assert CANONICAL in orgs and ALIAS not in orgs
    rec = doc._.record
    assert rec["policies"][0]["issuer"] == CANONICAL
    assert rec["officials"][0]["titles"][0]["organization"] == CANONICAL
