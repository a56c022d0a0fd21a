"""Loads the reviewed data files in ``data/`` once.

Every data file is UTF-8 TSV with a header row, preceded by ``#`` comment lines; one of them
must be ``# source: …`` (where the entries come from). Lookup keys go through ``wordlists.fold``
so that NFD input, old-style tone marks and case do not matter.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .wordlists import nonempty


class LexiconError(ValueError):
    """A data file or a user-supplied lexicon entry is malformed."""


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>.tsv`` as dicts keyed by the header's column names."""
    path = resources.files("vn_welfare_extract").joinpath("data").joinpath(f"{name}.tsv")
    text = path.read_text(encoding="utf-8")
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    has_source = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            has_source = has_source or line[1:].strip().lower().startswith("source:")
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        row = {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(header)}
        first = row[header[0]]
        if not first:
            # An empty key would make a pattern match everything.
            raise LexiconError(f"data/{name}.tsv:{lineno}: empty first column")
        rows.append(row)
    if not has_source:
        raise LexiconError(f"data/{name}.tsv has no '# source:' line")
    return tuple(rows)


@cache
def _word_lists() -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for row in load_table("word_lists"):
        (word,) = nonempty(f"data/word_lists.tsv list {row['list']!r}", [row["word"]], LexiconError)
        lists.setdefault(row["list"], []).append(word)
    return {name: tuple(words) for name, words in lists.items()}


def word_list(name: str) -> tuple[str, ...]:
    """The entries of list ``name`` of ``data/word_lists.tsv`` (the rules' small word lists), in
    file order; an unknown name raises ``LexiconError`` with the valid ones."""
    lists = _word_lists()
    if name not in lists:
        raise LexiconError(f"no word list {name!r} in data/word_lists.tsv; lists: {', '.join(sorted(lists))}")
    return lists[name]


@dataclass(frozen=True)
class Lexicons:
    """User-supplied entries added to the shipped ones.

    - ``titles``: extra post names (``"Giám đốc điều hành"``).
    - ``organizations``: extra bodies, alias -> canonical name
      (``{"Sở LĐ-TB&XH Long An": "Sở Lao động - Thương binh và Xã hội tỉnh Long An"}``).
    - ``document_kinds``: extra document kinds, alias -> canonical kind (``{"Quy định": "Quy định"}``).
    """

    titles: tuple[str, ...] = ()
    organizations: Mapping[str, str] = field(default_factory=dict)
    document_kinds: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        titles: Iterable[str] | None = None,
        organizations: Mapping[str, str] | Iterable[str] | None = None,
        document_kinds: Mapping[str, str] | Iterable[str] | None = None,
    ) -> Lexicons:
        t = tuple(nonempty("titles", titles or (), LexiconError))
        return cls(t, _as_map("organizations", organizations), _as_map("document_kinds", document_kinds))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Lexicons:
        """A user lexicon file (``--lexicon FILE``), by its name: ``.json`` or else TSV.

        JSON: ``{"titles": [...], "organizations": {alias: canonical} or [...],
        "document_kinds": {alias: canonical} or [...]}`` (every key optional).
        TSV (UTF-8, ``#`` comment lines, no header): ``kind<TAB>entry[<TAB>canonical]`` with
        ``kind`` one of ``title``, ``organization``, ``document_kind`` (plural forms accepted);
        the canonical name defaults to the entry. Raises ``LexiconError`` naming the line."""
        name = os.fspath(path)
        try:
            with open(name, encoding="utf-8-sig") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            raise LexiconError(f"cannot read lexicon {name}: {e}") from e
        if name.lower().endswith(".json"):
            return cls._from_json(name, text)
        return cls._from_tsv(name, text)

    @classmethod
    def _from_json(cls, name: str, text: str) -> Lexicons:
        try:
            obj = json.loads(text)
        except ValueError as e:
            raise LexiconError(f"lexicon {name} is not JSON: {e}") from e
        if not isinstance(obj, dict) or set(obj) - set(LEXICON_KINDS):
            raise LexiconError(f"lexicon {name}: expected an object with the keys {', '.join(LEXICON_KINDS)}")
        return cls.build(obj.get("titles"), obj.get("organizations"), obj.get("document_kinds"))

    @classmethod
    def _from_tsv(cls, name: str, text: str) -> Lexicons:
        got: dict[str, dict[str, str]] = {k: {} for k in LEXICON_KINDS}
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            kind = _KIND_ALIASES.get(cells[0].lower())
            if kind is None or len(cells) < 2 or not cells[1] or len(cells) > 3:
                raise LexiconError(
                    f"{name}:{lineno}: expected kind<TAB>entry[<TAB>canonical] with kind title, organization or document_kind"
                )
            got[kind][cells[1]] = cells[2] if len(cells) == 3 and cells[2] else cells[1]
        return cls.build(tuple(got["titles"]), got["organizations"], got["document_kinds"])

    def config(self) -> dict[str, Any]:
        """The entries as ``Extractor`` keyword arguments (plain, picklable, comparable)."""
        return {"titles": self.titles, "organizations": dict(self.organizations), "document_kinds": dict(self.document_kinds)}


LEXICON_KINDS = ("titles", "organizations", "document_kinds")
_KIND_ALIASES = {
    "title": "titles", "titles": "titles",
    "organization": "organizations", "organizations": "organizations", "org": "organizations",
    "document_kind": "document_kinds", "document_kinds": "document_kinds",
}


def _as_map(what: str, entries: Mapping[str, str] | Iterable[str] | None) -> dict[str, str]:
    if entries is None:
        return {}
    if isinstance(entries, Mapping):
        out = {}
        for k, v in entries.items():
            (k2,) = nonempty(what, [k], LexiconError)
            (v2,) = nonempty(what, [v], LexiconError)
            out[k2] = v2
        return out
    return {e: e for e in nonempty(what, entries, LexiconError)}


__all__ = ["LEXICON_KINDS", "Lexicons", "LexiconError", "load_table", "word_list"]
