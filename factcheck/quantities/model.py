"""The quantity model: a number as stated, and the values its wording allows.

A figure in prose is not a point: "67%" is 66.5..67.5, "nearly 100" is a little under 100,
"more than 100 other groups" has no upper bound. ``Quantity.interval`` turns the wording
into that range, so comparisons elsewhere are plain interval overlaps.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from factcheck import lang

Kind = Literal["count", "percent", "fraction", "money", "date", "version"]
"""What a figure measures. Shares (percent, fraction) compare with each other; money, dates and versions
("3.18", "2.4.12") with their own kind: a version is no decimal (3.10 comes after 3.9)."""

Hedge = Literal["exact", "approx", "nearly", "more", "less", "at_least", "at_most", "vague", "range"]
"""How the wording bounds the figure: "about" is approx, "more than" is more, "dozens of" is vague,
"between 10% and 60%" a range (its ``lo`` and ``hi``)."""

Precision = Literal["year", "month", "day"]
"""How much of a date is written: "in 1987" is a year, never a day of it."""


@cache
def _round_words(language: lang.Language) -> tuple[str, ...]:
    """The scale words of round figures ("1.2 million", "two thousand"): from a thousand up."""
    return tuple(w for w, factor in language.scales.items() if factor >= 1000)


@cache
def _month_names(language: lang.Language) -> dict[int, str]:
    """Month numbers to the name describe() prints: the first full name for each month (not "Sept")."""
    names: dict[int, str] = {}
    for name, number in language.months.items():
        if name not in language.month_abbreviations:
            names.setdefault(number, name.capitalize())
    return names


_VERSION_PART = re.compile(r"\d+|[a-z]")


@dataclass(frozen=True)
class Quantity:
    """A number as stated: its kind, value, hedge, the words, and what it counts."""

    kind: Kind
    value: float  # percent 67 for 67%; fraction 0.667; date: the year
    text: str  # the words as written, hedge included ("nearly two-thirds")
    start: int
    end: int
    hedge: Hedge = "exact"
    unit: str | None = None  # singular head noun of what is counted ("agency")
    month: int | None = None  # dates only
    day: int | None = None
    year: int | None = None
    lo: float | None = None  # explicit range, for vague words ("dozens")
    hi: float | None = None
    partial: bool = False  # "100 other groups": only part of the whole, so no upper bound
    phrase: str = ""  # the noun phrase counted, as written ("state and local law enforcement agencies")
    language: str = lang.ENGLISH.name  # the name of the language its words were read in (lang.get)
    version: str | None = None  # versions only: the numbers as written, dotted ("2.4.12"); see version_key()
    former: bool = False  # a value a later one replaced: the $40 of "the fee was cut from $40 to $25"
    average: bool = False  # an average ("25% on average"): a statistic no range of values contradicts

    @property
    def is_date(self) -> bool:
        return self.kind == "date"

    @property
    def is_version(self) -> bool:
        return self.kind == "version"

    @property
    def precision(self) -> Precision | None:
        """How much of a date is written ("1987": year; "March 1987": month); None for a figure or a bare month."""
        if not self.is_date or self.year is None:
            return None
        return "day" if self.day is not None and self.month is not None else "month" if self.month else "year"

    def version_key(self) -> tuple[int, ...]:
        """A version's numbers in order: (3, 10) comes after (3, 9); a closing letter is one more number ("2022f"
        is (2022, 6), before "2022g"); empty for any other kind."""
        if not self.version:
            return ()
        return tuple(int(n) if n.isdigit() else ord(n) - ord("a") + 1 for n in _VERSION_PART.findall(self.version))

    @property
    def share(self) -> bool:
        """Percents and fractions are both shares of a whole and compare with each other."""
        return self.kind in ("percent", "fraction")

    def normalised(self) -> float:
        """The value on a common scale: shares as 0..1, everything else as is."""
        if self.kind == "percent":
            return self.value / 100.0
        return self.value

    def interval(self) -> tuple[float, float]:
        """The values this statement allows, its wording understood."""
        if self.lo is not None and self.hi is not None:
            return self.lo, self.hi
        v = self.normalised()
        if self.share:
            tol = _share_rounding(self)
            approx, nearly = 0.05, 0.08
            top = 1.0
        else:
            tol = _count_rounding(self)
            approx, nearly = 0.1 * abs(v), 0.12 * abs(v)
            top = math.inf
        lo, hi = self._bounds(v, tol, approx, nearly, top)
        return (lo, top) if self.partial else (lo, hi)

    def _bounds(self, v: float, tol: float, approx: float, nearly: float, top: float) -> tuple[float, float]:
        """The interval the hedge allows around ``v``: ``tol`` for rounding, ``approx``/``nearly`` for the hedges."""
        h = self.hedge
        if h == "approx":
            return v - approx - tol, v + approx + tol
        if h == "nearly":
            return v - nearly - tol, v + tol
        if h == "more":
            return v + tol * 0.01 + 1e-9, top
        if h == "at_least":
            return v - tol, top
        if h == "less":
            return 0.0, v - 1e-9
        if h == "at_most":
            return 0.0, v + tol
        return v - tol, v + tol


def _share_rounding(q: Quantity) -> float:
    """How far a written share may sit from the truth: 67% is 66.5..67.5; "two-thirds" is a rounded word."""
    tol = 0.005 if q.kind == "percent" else 0.02
    if q.kind == "percent" and "." in q.text:
        decimals = len(q.text.split(".")[1].split()[0].rstrip("%"))
        tol = 0.5 * 10.0 ** -(decimals + 2)
    return tol


def _count_rounding(q: Quantity) -> float:
    """How far a written count may sit from the truth because of rounding: "1.2 million", "3 billion"."""
    text = q.text.lower()
    language = lang.get(q.language)
    m = re.search(r"\d+\.(\d+)", text)
    if m:
        scale = 1.0
        for word, factor in language.scales.items():
            if word in text:
                scale = factor
        return 0.5 * 10.0 ** -len(m.group(1)) * scale
    if any(w in text for w in _round_words(language)):
        return q.value * 0.05
    return 0.0


def describe(q: Quantity) -> str:
    """A short human rendering of the value: '67%', '0.667', 'April 2022', '3.18'."""
    if q.is_version:
        return q.version or q.text
    if q.is_date:
        parts = []
        if q.month:
            parts.append(_month_names(lang.get(q.language))[q.month])
        if q.day:
            parts.append(str(q.day))
        if q.year:
            parts.append(str(q.year))
        return " ".join(parts)
    if q.kind == "percent":
        return f"{q.value:g}%"
    if q.kind == "fraction":
        return f"{q.value:.3f}"
    return f"{q.value:,.0f}" if q.value == int(q.value) else f"{q.value:,}"
