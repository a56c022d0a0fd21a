"""Loads the reviewed data files in ``data/`` once.

Every data file is UTF-8 TSV with a header row, preceded by ``#`` comment lines; one of them
must be ``# source: …`` (where the entries come from). Lookup keys go through ``text.fold``
so that NFD input, old-style tone marks and case do not matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .text import fold


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
        t = tuple(_nonempty("titles", titles or ()))
        return cls(t, _as_map("organizations", organizations), _as_map("document_kinds", document_kinds))


def _nonempty(what: str, entries: Iterable[str]) -> Iterable[str]:
    for e in entries:
        if not isinstance(e, str) or not e.strip():
            raise LexiconError(f"{what}: every entry must be a non-empty string, got {e!r}")
        yield e.strip()


def _as_map(what: str, entries: Mapping[str, str] | Iterable[str] | None) -> dict[str, str]:
    if entries is None:
        return {}
    if isinstance(entries, Mapping):
        out = {}
        for k, v in entries.items():
            (k2,) = _nonempty(what, [k])
            (v2,) = _nonempty(what, [v])
            out[k2] = v2
        return out
    return {e: e for e in _nonempty(what, entries)}


__all__ = ["Lexicons", "LexiconError", "load_table", "fold"]
