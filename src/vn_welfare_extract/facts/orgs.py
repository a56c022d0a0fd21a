"""organizations: stub until its issue lands."""

from __future__ import annotations

from ..lexicons import Lexicons
from ..model import Record
from ..text import Doc


def canonical_org(surface: str) -> str:
    """The canonical, expanded name of an organisation as written (``UBND tỉnh Long An`` ->
    ``Ủy ban nhân dân tỉnh Long An``). Stub: returns the input with spaces folded."""
    return " ".join(surface.split())


class OrganizationsComponent:
    name = "organizations"

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex

    def __call__(self, doc: Doc, rec: Record) -> None:
        return None
