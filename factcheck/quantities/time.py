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
from functools import cache, lru_cache
from itertools import pairwise
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


def precision(when: date) -> Precision:
    """How precisely ``when`` was written: "year", "month" or "day" (a plain date is a day)."""
    return when.precision if isinstance(when, Moment) else "day"


def as_written(when: date) -> str:
    """``when`` as precisely as it was written: "1987", "1987-03" or "1987-03-05" (ISO 8601)."""
    return when.isoformat()


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


When = date | Quantity
"""A time: a date at its precision (a :class:`Moment`, or a document's day), or a date that names no year."""


def when_stated(q: Quantity, fallback: date | None = None) -> date | Quantity | None:
    """The time a date names: a :class:`Moment` (:func:`moment_of`), or the date itself where it names no
    year and nothing gives one ("By April"), still a month that is not January."""
    when = moment_of(q, fallback)
    return when if when is not None or not q.month else q


def at_same_time(a: date | Quantity, b: date | Quantity) -> bool:
    """Whether two times can be one (:func:`same_time`); a date without its year compared on what it names:
    April is not 20 January 2017, whatever the year."""
    if isinstance(a, date) and isinstance(b, date):
        return same_time(a, b)
    (m1, d1), (m2, d2) = _month_day(a), _month_day(b)
    return all(u is None or v is None or u == v for u, v in ((m1, m2), (d1, d2)))


def _month_day(when: date | Quantity) -> tuple[int | None, int | None]:
    """The month and day a time names, None for what it does not."""
    if isinstance(when, Quantity):
        return when.month, when.day
    precision = when.precision if isinstance(when, Moment) else "day"
    return (None if precision == "year" else when.month), (when.day if precision == "day" else None)


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
    lowered = text.lower()
    if not any(who in lowered for who in language.eras):
        return  # most texts name no era: no need to run the pattern
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
    return list(pairwise(bounds))


def figure_times(text: str, found: list[Quantity], language: Language = ENGLISH) -> dict[int, Quantity]:
    """For each figure (by its index in ``found``), the date it is stated for in its own sentence: a date in
    its clause, else the nearest before it, else the nearest after it. Figures of a sentence without a
    date get none (their heading's or document's time applies); versions get none."""
    dates = [q for q in found if q.is_date and (q.year or q.month)]
    if not dates:
        return {}
    clauses = _clauses(text)
    out: dict[int, Quantity] = {}
    for i, q in enumerate(found):
        if q.is_date or q.is_version:
            continue  # a version's date is what is said of it ("2.7 - 2019-03-14"), not the time it holds for
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


def dated_figures(
    text: str, found: list[Quantity], fallback: date | None, language: Language = ENGLISH
) -> dict[Quantity, When]:
    """Each figure of ``text`` that its own words date (:func:`figure_times`), with that time."""
    out: dict[Quantity, When] = {}
    for i, d in figure_times(text, found, language).items():
        when = when_stated(d, fallback)
        if when is not None:
            out[found[i]] = when
    return out


def claim_times(claim_qs: list[Quantity], fallback: date | None = None) -> list[When]:
    """The times a claim names (its dates), at their precision."""
    return [w for q in claim_qs if q.is_date and (w := when_stated(q, fallback)) is not None]


def for_times(
    times: list[When], text: str, found: list[Quantity], fallback: date | None, language: Language = ENGLISH
) -> list[Quantity]:
    """The figures of ``text`` that can be for one of ``times`` (all of them when ``times`` is empty): a figure
    its own words date for another time is left out ("In 2023 it had 44" is no figure for 2019)."""
    if not times or not any(q.is_date for q in found):
        return found
    dated = dated_figures(text, found, fallback, language)
    return [q for q in found if q not in dated or any(at_same_time(t, dated[q]) for t in times)]


# ------------------------------------------------------------------ replaced values and tense


@cache
def _cue_pattern(language: Language) -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(language.former_cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{cues})(?![\w-])", re.IGNORECASE)


_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
TEXTS_KEPT = 1 << 14  # sentence texts whose tense and replaced-state cues are kept: each is asked per claim


@lru_cache(maxsize=TEXTS_KEPT)
def superseded(text: str, language: Language = ENGLISH) -> str | None:
    """The words saying a value or state is no longer so ("previously", "used to", "no longer"), if the text
    has them."""
    m = _cue_pattern(language).search(text)
    return m.group(0) if m else None


def after_turn(text: str, cue: str, language: Language = ENGLISH) -> tuple[str, str]:
    """A sentence saying a state is over, cut in two: the old state (from ``cue`` to the word that turns,
    "but", "now") and the new one after it ("used to use all refs, | but now it uses only those it
    advertised"); the new one is empty where the sentence names none."""
    start = text.lower().find(cue.lower())
    start = 0 if start < 0 else start
    for m in _WORDS.finditer(text, start + len(cue)):
        if m.group(0).lower() in language.turn_words:
            return text[start : m.start()], text[m.start() :]
    return text[start:], ""


def changed_from(before: str, language: Language = ENGLISH) -> bool:
    """Whether the words before a figure say it is what something changed from: "cut from $40", "up from
    port 8080", "went from about 3", not a range ("ranges from", "anywhere from")."""
    reach = language.change_reach
    words = [w.lower() for w in _WORDS.findall(before)][-reach - 1 :]
    if language.change_from not in words[-reach:]:
        return False
    lead = words[: len(words) - 1 - words[::-1].index(language.change_from)]
    if any(w in language.range_words for w in lead):
        return False
    return any(w in language.change_words for w in lead)


def mark_former(text: str, found: list[Quantity], language: Language = ENGLISH) -> list[Quantity]:
    """The figures a later statement replaced marked ``former``: the X of "cut from X to Y", "up from X";
    a figure in a clause that says it is no longer so ("previously $40", "used to hold 30")."""
    cue = _cue_pattern(language)
    if not found or (language.change_from not in text.lower() and not cue.search(text)):
        return found  # most sentences: nothing changed from anything
    clauses = _clauses(text)
    out = []
    for q in found:
        clause = next((a for a, b in clauses if a <= q.start < b), 0)
        before = text[clause : q.start]
        since = max([clause, *(x.end for x in found if x.end <= q.start)])  # "from $40 to $25": not the $25
        former = not q.is_date and (changed_from(text[since : q.start], language) or cue.search(before) is not None)
        out.append(replace(q, former=True) if former else q)
    return out


@lru_cache(maxsize=TEXTS_KEPT)
def is_past(text: str, language: Language = ENGLISH) -> bool:
    """Whether a statement speaks of the past ("the fee was $40", "the fleet ran 44 buses"), not of now: a
    past word and no word of the present."""
    words = _WORDS.findall(text)
    lower = [w.lower() for w in words]
    if any(w in language.present_cues for w in lower):
        return False
    return any(w in language.past_cues or w in language.irregular_past for w in lower) or any(
        w.islower() and len(w) > 4 and w.endswith(language.past_suffix)
        for w in words  # not "United"
    )
