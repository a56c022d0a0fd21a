"""Word-list matching: the one place that turns a list of words into a regex and a word into its
lookup key.

Patterns (plain strings, valid in both ``re`` and ``regex``; the caller adds bounds and flags):

- ``trie_pattern(words)``: the words factored as a prefix trie (``chủ (?:nhiệm|tịch)``). A
  backtracking engine rejects a position on its first character instead of trying every word,
  ~10x faster than a flat list on long lists. At each branch the longer word is tried first.
- ``words_re(words)``: the trie compiled (stdlib ``re``) to match whole words only.
- ``alternation(words)``: a flat longest-first alternation, for short lists and for lists matched
  case-insensitively whose entries differ in case (a trie branches on ``B`` before ``b``, so under
  ``IGNORECASE`` it could stop at a shorter word).

Both take ``sub``: what a character of an entry matches instead of itself (``SPACES``: a space
matches a run of spaces; ``WHITESPACE``: any white space, line breaks too; ``HYPHENS``: ``Bà Rịa -
Vũng Tàu`` matches ``Bà Rịa-Vũng Tàu``; ``SPACES_HYPHENS``: both).
Both raise on an empty entry (the guard: an empty word would match everywhere) and give ``NEVER``
for an empty list.

Keys (what two spellings of one word share):

- ``fold``: normalised as the text layer does (NFC, one placement of each tone mark), case-folded,
  spaces folded: the key of every lexicon lookup.
- ``space_fold``: the same for text that is already normalised (a span of ``Doc.text``).
- ``untone`` / ``UNTONE_TABLE``: without the five tone marks (``TONE_MARKS``); the breve,
  circumflex and horn are letters and stay (``Thương bình`` = ``Thương binh``, ``ă`` != ``a``).
- ``nonempty``: the guard for user-supplied entries.

The shipped lists live in ``data/``: the lexicons (``lexicons.load_table``) and the rules' small
word lists (``data/word_lists.tsv``, ``lexicons.word_list(name)``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .text import TONE_MARKS, normalize

# A pattern that matches nothing: what an empty word list compiles to.
NEVER = "(?!)"
# ``sub`` maps: a space in an entry matches a run of spaces; a hyphen may have spaces around it.
SPACES: Mapping[str, str] = {" ": "[ ]+"}
WHITESPACE: Mapping[str, str] = {" ": r"\s+"}  # any white space, line breaks too
HYPHENS: Mapping[str, str] = {"-": "[ ]*-[ ]*"}
SPACES_HYPHENS: Mapping[str, str] = {**SPACES, **HYPHENS}


def untone(s: str) -> str:
    """``s`` without tone marks, NFC (``Hòa`` -> ``Hoa``, ``Đắk`` -> ``Đăk``)."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s) if c not in TONE_MARKS))


def _untone_map() -> dict[int, str]:
    out: dict[int, str] = {}
    for c in map(chr, [*range(0xC0, 0x250), *range(0x1EA0, 0x1F00)]):
        bare = untone(c)
        if c.islower() and len(bare) == 1 and bare != c:
            out[ord(c)] = bare
    return out


_UNTONE = _untone_map()
# Lower-case letters -> the same letter without its tone mark (``ị`` -> ``i``, ``ở`` -> ``ơ``), for
# ``str.translate``: one character for one, so offsets are kept. A list indexed by code point (looked
# up about twice as fast as a dict; past its end a character stays as it is).
UNTONE_TABLE: list[str | int] = [_UNTONE.get(i, i) for i in range(max(_UNTONE) + 1)]


def space_fold(s: str) -> str:
    """Case-folded, runs of white space -> one space, trimmed (for already normalised text)."""
    return " ".join(s.casefold().split())


def fold(s: str) -> str:
    """A lookup key for lexicons: normalised (as the text layer does), case-folded, spaces folded."""
    return space_fold(normalize(s)[0])


def nonempty(what: str, entries: Iterable[Any], error: type[ValueError] = ValueError) -> Iterator[str]:
    """The entries, trimmed; raises ``error`` naming ``what`` on one that is not a non-empty string."""
    for e in entries:
        if not isinstance(e, str) or not e.strip():
            raise error(f"{what}: every entry must be a non-empty string, got {e!r}")
        yield e.strip()


def trie_pattern(words: Iterable[str], sub: Mapping[str, str] | None = None) -> str:
    """A regex matching exactly one of ``words``, factored as a prefix trie, longer words first
    (greedy ``?``). A character in ``sub`` matches its pattern there instead of itself."""
    trie: dict[str, Any] = {}
    for w in words:
        if not w:
            raise ValueError("empty entry in a word list")
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    subs = sub or {}

    def emit(node: dict[str, Any]) -> str:
        alts = [(subs.get(ch) or re.escape(ch)) + emit(nxt) for ch, nxt in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) if trie else NEVER


def words_re(words: Iterable[str], sub: Mapping[str, str] | None = None, flags: int = 0) -> re.Pattern[str]:
    """Any of ``words`` as a whole word (not inside a longer one), as a trie for the stdlib ``re``."""
    return re.compile(r"(?<!\w)(?:" + trie_pattern(words, sub) + r")(?!\w)", flags)


def alternation(words: Iterable[str], sub: Mapping[str, str] | None = None) -> str:
    """A flat alternation of ``words``, longest first (a word wins over its prefixes). A character
    in ``sub`` matches its pattern there instead of itself."""
    uniq = set(words)
    if "" in uniq:
        raise ValueError("empty entry in a word list")
    if not uniq:
        return NEVER
    subs = sub or {}
    return "|".join(
        "".join(subs.get(ch) or re.escape(ch) for ch in w) for w in sorted(uniq, key=lambda w: (-len(w), w))
    )


__all__ = [
    "HYPHENS", "NEVER", "SPACES", "SPACES_HYPHENS", "TONE_MARKS", "UNTONE_TABLE", "WHITESPACE", "alternation", "fold", "nonempty", "space_fold",
    "trie_pattern", "untone", "words_re",
]
