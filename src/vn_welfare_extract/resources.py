"""Everything an ``Extractor`` compiles once and its pipeline steps share read-only.

A step never builds a matcher of its own from module globals: what depends on the user's
lexicons (the organisation-name matcher above all, used for organisations, officials' posts
and policy issuers alike) is built here, once per ``Extractor``, and passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicons import Lexicons
from .orgnames import OrgMatcher, shipped_matcher


@dataclass(frozen=True)
class Resources:
    """``lexicons``: the user's entries; ``orgs``: the organisation-name matcher built from the
    shipped lexicon plus ``lexicons.organizations``."""

    lexicons: Lexicons
    orgs: OrgMatcher

    @classmethod
    def build(cls, lexicons: Lexicons | None = None) -> Resources:
        lex = lexicons or Lexicons()
        orgs = OrgMatcher(lex.organizations) if lex.organizations else shipped_matcher()
        return cls(lex, orgs)


__all__ = ["Resources"]
