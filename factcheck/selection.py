"""Which claims a run checks: ``--only ID`` (repeatable) and ``-k EXPR``, as pytest's ``-k``.

``EXPR`` is words joined by ``and``, ``or``, ``not`` and parentheses; a word matches a claim
whose id or text contains it, ignoring case (``-k "agencies and not 2017"``). A selection
that names an unknown id, or matches no claim, is bad input: a run that checks nothing
would pass, silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process

from factcheck.catalogue import Catalogue, Claim
from factcheck.errors import FactcheckError

_TOKENS = re.compile(r"\s*(\(|\)|[^\s()]+)")
_OPERATORS = {"and", "or", "not"}


class _Expression:
    """A parsed ``-k`` expression: recursive descent over its words (or, then and, then not)."""

    def __init__(self, text: str):
        self.text = text
        self.words = [m.group(1) for m in _TOKENS.finditer(text)]
        self.at = 0
        if not self.words:
            raise self._error("is empty")

    def _error(self, what: str) -> FactcheckError:
        return FactcheckError(
            f"-k '{self.text}' {what}",
            hint='words joined by and, or, not and parentheses: -k "agencies and not 2017"',
        )

    def parse(self, claim: Claim) -> bool:
        self.at = 0
        value = self._or(claim)
        if self.at != len(self.words):
            raise self._error(f"has '{self.words[self.at]}' where an operator should be")
        return value

    def _next(self) -> str | None:
        return self.words[self.at] if self.at < len(self.words) else None

    def _or(self, claim: Claim) -> bool:
        value = self._and(claim)
        while self._next() == "or":
            self.at += 1
            value = self._and(claim) or value
        return value

    def _and(self, claim: Claim) -> bool:
        value = self._not(claim)
        while self._next() == "and":
            self.at += 1
            value = self._not(claim) and value
        return value

    def _not(self, claim: Claim) -> bool:
        word = self._next()
        if word is None or word == ")" or word in {"and", "or"}:
            raise self._error("ends too early" if word is None else f"has '{word}' where a word should be")
        self.at += 1
        if word == "not":
            return not self._not(claim)
        if word == "(":
            value = self._or(claim)
            if self._next() != ")":
                raise self._error("opens a parenthesis it does not close")
            self.at += 1
            return value
        return word.lower() in claim.id.lower() or word.lower() in claim.text.lower()


@dataclass(frozen=True)
class Selection:
    """``--only`` ids and a ``-k`` expression; empty: every claim."""

    ids: tuple[str, ...] = ()
    keyword: str | None = None

    def __bool__(self) -> bool:
        return bool(self.ids) or self.keyword is not None

    def chosen(self, catalogue: Catalogue) -> set[str] | None:
        """The ids of the claims selected (None: every claim); bad input when none is, or an id is unknown."""
        if not self:
            return None
        known = {c.id for c in catalogue.claims}
        for wanted in self.ids:
            if wanted not in known:
                best = process.extractOne(wanted, sorted(known), score_cutoff=60)
                raise FactcheckError(
                    f"--only '{wanted}': no claim has this id",
                    str(catalogue.path),
                    hint=f"did you mean '{best[0]}'?" if best else "name the id of a claim in the catalogue",
                )
        chosen = set(self.ids) if self.ids else set(known)
        if self.keyword is not None:
            expression = _Expression(self.keyword)
            chosen = {c.id for c in catalogue.claims if c.id in chosen and expression.parse(c)}
        if not chosen:
            raise FactcheckError(
                f"-k '{self.keyword}' matches no claim" + (" among the --only ids" if self.ids else ""),
                str(catalogue.path),
                hint="a word matches a claim whose id or text contains it, ignoring case",
            )
        return chosen


def narrowed(only: set[str] | None, chosen: set[str] | None) -> set[str] | None:
    """Both limits at once (``--changed`` and a selection); None: every claim."""
    if only is None:
        return chosen
    return only if chosen is None else only & chosen
