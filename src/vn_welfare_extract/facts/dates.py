"""dates: stub until its issue lands."""

from __future__ import annotations

from ..lexicons import Lexicons
from ..model import Record
from ..text import Doc


class DatesComponent:
    name = "dates"

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex

    def __call__(self, doc: Doc, rec: Record) -> None:
        return None
