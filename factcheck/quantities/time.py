"""When a statement was true: a date or era in its own words, else its heading's, else its document's date.

Figures change over time, so two statements disagree only if they speak of the same time. A date is
kept at the precision it is written (:class:`Moment`: "in 1987" is a year, never a day of it), and a
value a later one replaced ("cut from $40 to $25", "previously", "no longer") is read as replaced.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import MAXYEAR, MINYEAR, date
from functools import cache
from typing import Any

from factcheck.lang import ENGLISH, Language
from factcheck.quantities.model import Precision, Quantity


class Moment(date):
    """A date as precise as it is written: a year, a month of a year, or a day.

    As a ``date`` it stands where the old reading put it (a year: its 28 December; a month: its 28th), so
    timelines sort as before; but it prints at its precision (``isoformat()``: "1987", "1987-03",
    "1987-03-14"), equals only a Moment of the same precision, and :func:`later` and :func:`same_time`
    compare it as the stretch of days it names: 1987 is neither before nor after March 1987.
    """

    precision: Precision

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> Moment:
        shown = month or 12
        self = super().__new__(cls, year, shown, day or min(28, calendar.monthrange(year, shown)[1]))
        self.precision = "day" if day is not None and month else "month" if month else "year"
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Moment, self.fields())

    def fields(self) -> tuple[int, int | None, int | None]:
        """(year, month, day) as written: None for what is not."""
        return (
            self.year,
            self.month if self.precision != "year" else None,
            self.day if self.precision == "day" else None,
        )

    def first(self) -> date:
        """The first day of the stretch it names."""
        year, month, day = self.fields()
        return date(year, month or 1, day or 1)

    def last(self) -> date:
        """The last day of the stretch it names."""
        year, month, day = self.fields()
        month = month or 12
        return date(year, month, day or calendar.monthrange(year, month)[1])

    def isoformat(self) -> str:
        year, month, day = self.fields()
        return "-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate((year, month, day)) if n is not None)

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Moment({', '.join(str(n) for n in self.fields() if n is not None)})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Moment):
            return self.fields() == other.fields()
        if isinstance(other, date):
            return self.precision == "day" and date(self.year, self.month, self.day) == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.fields()) if self.precision != "day" else date.__hash__(self)


def span(when: date) -> tuple[date, date]:
    """The first and last day a date names: a Moment its stretch, a plain date itself."""
    return (when.first(), when.last()) if isinstance(when, Moment) else (when, when)


def later(a: date, b: date) -> bool | None:
    """Whether ``a`` is after ``b`` (False: before); None when the stretches they name overlap (1987 and
    March 1987), so neither is the later."""
    (a_first, a_last), (b_first, b_last) = span(a), span(b)
    if a_first > b_last:
        return True
    if a_last < b_first:
        return False
    return None if (a_first, a_last) != (b_first, b_last) else False


def same_time(a: date, b: date) -> bool:
    """Whether two dates can name the same time: their stretches overlap (1987 and March 1987 can)."""
    (a_first, a_last), (b_first, b_last) = span(a), span(b)
    return a_first <= b_last and b_first <= a_last


def moment_of(q: Quantity, fallback: date | None = None) -> date | None:
    """The time a written date names, at its precision: a month without its year takes the fallback's year;
    None for what no calendar holds ("2014-19-19", February 30) or a month with no year at all."""
    year = q.year or (fallback.year if fallback and q.month else None)
    if year is None or not MINYEAR <= year <= MAXYEAR or not 1 <= (q.month or 12) <= 12:
        return None
    if q.day is not None and q.month and not 1 <= q.day <= calendar.monthrange(year, q.month)[1]:
        return None
    return Moment(year, q.month, q.day if q.month else None)


@cache
def _era_pattern(language: Language) -> re.Pattern[str]:
    """An era named in the text: "at the end of the Obama administration", "when Obama left office"."""
    return re.compile(language.patterns.era.format(eras="|".join(language.eras)), re.IGNORECASE)


def eras(text: str, language: Language = ENGLISH) -> Iterable[tuple[int, int, date]]:
    """Each era the text names: (start, end, the day its edge falls on)."""
    for m in _era_pattern(language).finditer(text):
        who = (m.group("who") or m.group("who2")).lower()
        edge = (m.group("edge") or m.group("edge2")).lower()
        start, end = language.eras[who]
        yield m.start(), m.end(), end if edge in language.era_ending_edges else start


def _era(text: str, language: Language) -> tuple[date, str] | None:
    """The date an era names ("at the end of the Obama administration") and its words, if the text names one."""
    for start, end, when in eras(text, language):
        return when, text[start:end].strip()
    return None


def statement_time(
    text: str,
    found: list[Quantity],
    fallback: date | None,
    fallback_text: str | None,
    language: Language = ENGLISH,
) -> tuple[date | None, str | None, bool]:
    """When a statement was true: its own words first (an era, else its first date, at its precision), then
    the fallback (its heading's or its document's date)."""
    era = _era(text, language)
    if era:
        return era[0], era[1], True
    for q in found:
        if q.is_date:
            return moment_of(q, fallback), q.text, True
    return fallback, fallback_text, False


# ------------------------------------------------------------------ the time of each figure


def _clauses(text: str) -> list[tuple[int, int]]:
    """The stretches between commas, semicolons and dashes: "In 2019 it had 30, and in 2023 44"."""
    bounds = [0, *(m.end() for m in re.finditer(r"[,;:()]|\s[–—-]\s", text)), len(text) + 1]
    return list(zip(bounds, bounds[1:], strict=False))


def figure_times(text: str, found: list[Quantity], language: Language = ENGLISH) -> dict[int, Quantity]:
    """For each figure (by its index in ``found``), the date it is stated for in its own sentence: a date in
    its clause, else the nearest before it, else the nearest after it. Figures of a sentence without a
    date get none (their heading's or document's time applies)."""
    dates = [q for q in found if q.is_date and q.year]
    if not dates:
        return {}
    clauses = _clauses(text)
    out: dict[int, Quantity] = {}
    for i, q in enumerate(found):
        if q.is_date:
            continue
        clause = next(((a, b) for a, b in clauses if a <= q.start < b), (0, len(text)))
        inside = [d for d in dates if clause[0] <= d.start < clause[1]]
        before = [d for d in dates if d.end <= q.start]
        after = [d for d in dates if d.start >= q.end]
        if inside:
            out[i] = min(inside, key=lambda d: abs(d.start - q.start))
        elif before:
            out[i] = before[-1]
        elif after:
            out[i] = after[0]
    return out


# ------------------------------------------------------------------ replaced values and tense


@cache
def _cue_pattern(language: Language) -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(language.former_cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{cues})(?![\w-])", re.IGNORECASE)


_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def superseded(text: str, language: Language = ENGLISH) -> str | None:
    """The words saying a value or state is no longer so ("previously", "used to", "no longer"), if the text
    has them."""
    m = _cue_pattern(language).search(text)
    return m.group(0) if m else None


def changed_from(before: str, language: Language = ENGLISH) -> bool:
    """Whether the words before a figure end in "from" after a change ("cut from", "up from", "went from
    about"), not a range ("ranges from", "anywhere from")."""
    words = [w.lower() for w in _WORDS.findall(before)][-6:]
    if words and words[-1] in language.hedges:
        words.pop()  # "from about $40"
    if not words or words[-1] != "from":
        return False
    lead = words[:-1]
    if any(w in language.range_words for w in lead):
        return False
    return any(w in language.change_words for w in lead)


def mark_former(text: str, found: list[Quantity], language: Language = ENGLISH) -> list[Quantity]:
    """The figures a later statement replaced marked ``former``: the X of "cut from X to Y", "up from X";
    a figure in a clause that says it is no longer so ("previously $40", "used to hold 30")."""
    if not found:
        return found
    clauses = _clauses(text)
    cue = _cue_pattern(language)
    out = []
    for q in found:
        clause = next((a for a, b in clauses if a <= q.start < b), 0)
        before = text[clause : q.start]
        former = not q.is_date and (changed_from(before, language) or cue.search(before) is not None)
        out.append(replace(q, former=True) if former else q)
    return out


def is_past(text: str, language: Language = ENGLISH) -> bool:
    """Whether a statement speaks of the past ("the fee was $40", "the fleet ran 44 buses"), not of now: a
    past word and no word of the present."""
    words = [w.lower() for w in _WORDS.findall(text)]
    if any(w in language.present_cues for w in words):
        return False
    return any(
        w in language.past_cues or w in language.irregular_past or (len(w) > 4 and w.endswith(language.past_suffix))
        for w in words
    )
