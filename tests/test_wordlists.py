"""The shared word-list module: both pattern builders match the same words the same way, the
empty-entry guard, and the folding keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from vn_welfare_extract.lexicons import LexiconError, load_table, word_list
from vn_welfare_extract.wordlists import (
    HYPHENS,
    NEVER,
    SPACES,
    UNTONE_TABLE,
    alternation,
    fold,
    nonempty,
    trie_pattern,
    untone,
    words_re,
)

WORDS = ["chủ tịch", "chủ nhiệm", "chủ", "phó chủ tịch", "giám đốc", "giám", "c++", "a.b", "Bà Rịa-Vũng Tàu"]


@pytest.mark.parametrize("build", [trie_pattern, alternation])
def test_longest_word_wins(build: Callable[..., str]) -> None:
    pat = re.compile(build(WORDS))
    assert pat.match("chủ tịch nước").group() == "chủ tịch"
    assert pat.match("chủ đầu tư").group() == "chủ"
    assert pat.match("c++ code").group() == "c++"  # metacharacters are literal
    assert pat.match("axb") is None


@pytest.mark.parametrize("build", [trie_pattern, alternation])
def test_sub_widens_a_character(build: Callable[..., str]) -> None:
    assert re.fullmatch(build(WORDS, SPACES), "chủ   tịch")
    assert not re.fullmatch(build(WORDS), "chủ   tịch")
    assert re.fullmatch(trie_pattern(WORDS, HYPHENS), "Bà Rịa - Vũng Tàu")


@pytest.mark.parametrize("build", [trie_pattern, alternation])
def test_empty_entry_raises_and_empty_list_matches_nothing(build: Callable[..., str]) -> None:
    with pytest.raises(ValueError, match="empty entry"):
        build(["ban", ""])
    assert build([]) == NEVER
    assert re.search(build([]), "any text") is None
    assert regex.search(build([]), "any text") is None


@given(st.lists(st.text(alphabet="abắ .-", min_size=1, max_size=5), min_size=1, max_size=8), st.text(alphabet="abắ .-x", max_size=12))
def test_trie_and_alternation_agree(words: list[str], text: str) -> None:
    """A trie is only a faster shape of the longest-first alternation."""
    t, a = re.compile(trie_pattern(words)), re.compile(alternation(words))
    assert [m.span() for m in t.finditer(text)] == [m.span() for m in a.finditer(text)]


def test_words_re_matches_whole_words_only() -> None:
    r = words_re(["hỗ trợ", "hộ"])
    assert [m.group() for m in r.finditer("hộ nghèo được hỗ trợ, hội")] == ["hộ", "hỗ trợ"]
    assert words_re(["hộ"], flags=re.IGNORECASE).search("Hộ nghèo")


def test_folding_keys() -> None:
    assert fold("  Chủ  Tịch\u00a0UBND ") == "chủ tịch ubnd"
    assert fold("Thuỷ Hoà") == fold("Thủy Hòa")  # old- and new-style tone placement
    assert untone("Đắk Lắk Hòa") == "Đăk Lăk Hoa"  # breve, circumflex, horn stay letters
    low = "chủ tich ủy ban"
    assert low.translate(UNTONE_TABLE) == "chu tich uy ban"
    assert len(low.translate(UNTONE_TABLE)) == len(low)


def test_nonempty_guard_names_the_list() -> None:
    assert list(nonempty("titles", [" Trưởng ban "])) == ["Trưởng ban"]
    with pytest.raises(LexiconError, match="titles"):
        list(nonempty("titles", ["ok", "  "], LexiconError))


def test_every_word_list_of_the_data_file_is_used_and_guarded() -> None:
    """``data/word_lists.tsv`` holds the rules' small lists: each is asked for by name somewhere in
    the code (no orphan list), and an unknown name is an error naming the valid ones."""
    src = Path(__file__).parents[1] / "src" / "vn_welfare_extract"
    code = "".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py"))
    names = {row["list"] for row in load_table("word_lists")}
    assert {n for n in names if f'word_list("{n}")' not in code} == set()
    assert all(word_list(n) for n in names)
    with pytest.raises(LexiconError, match="gazetteer.surnames"):
        word_list("no.such_list")
