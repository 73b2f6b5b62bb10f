"""When a statement was true: a date or era in its own words, else its document's date.

Figures change over time, so two statements disagree only if they speak of the same time.
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date
from functools import cache
from typing import Any, Literal

from factcheck.lang import ENGLISH, Language
from factcheck.quantities.model import Quantity

Precision = Literal["year", "month", "day"]


class Dated(date):
    """A date written less precisely than a day ("1987", "March 2020"): the day the verdicts and the
    conflicts compare (a year its 28 December, a month its 28th), and how precisely it was written, so a
    report says "1987" rather than invent a day. It compares, orders and hashes as that day."""

    __slots__ = ("_precision",)
    _precision: Precision

    def __new__(cls, year: int, month: int, day: int, precision: Precision = "day") -> Dated:
        made = super().__new__(cls, year, month, day)
        made._precision = precision
        return made

    @property
    def precision(self) -> Precision:
        """A day made by arithmetic on one (``+ timedelta``) is precise to the day."""
        found: Precision = getattr(self, "_precision", "day")
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.year, self.month, self.day, self.precision))


def precision(when: date) -> Precision:
    """How precisely ``when`` was written: "year", "month" or "day" (a plain date is a day)."""
    return when.precision if isinstance(when, Dated) else "day"


def as_written(when: date) -> str:
    """``when`` as precisely as it was written: "1987", "1987-03" or "1987-03-05" (ISO 8601)."""
    wanted = precision(when)
    if wanted == "year":
        return f"{when.year:04d}"
    if wanted == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return when.isoformat()


@cache
def _era_pattern(language: Language) -> re.Pattern[str]:
    """An era named in the text: "at the end of the Obama administration"."""
    return re.compile(language.patterns.era.format(eras="|".join(language.eras)), re.IGNORECASE)


def _era(text: str, language: Language) -> tuple[date, str] | None:
    """The date an era names ("at the end of the Obama administration") and its words, if the text names one."""
    m = _era_pattern(language).search(text)
    if not m:
        return None
    start, end = language.eras[m.group("who").lower()]
    when = end if m.group("edge").lower() in language.era_ending_edges else start
    return when, m.group(0).strip()


def statement_time(
    text: str,
    found: list[Quantity],
    fallback: date | None,
    fallback_text: str | None,
    language: Language = ENGLISH,
) -> tuple[date | None, str | None, bool]:
    """When a statement was true: its own words first, then its document's date."""
    era = _era(text, language)
    if era:
        return era[0], era[1], True
    dates = [q for q in found if q.is_date]
    if dates:
        q = dates[0]
        year = q.year or (fallback.year if fallback and q.month else None)
        return _day(year, q.month, q.day), q.text, True
    return fallback, fallback_text, False


def _day(year: int | None, month: int | None, day: int | None) -> date | None:
    """The date a written date names: a month alone means late in it (the 28th, as before), a
    year alone its December, each a :class:`Dated` that keeps how precisely it was written; the day
    as written where it exists (March 31 is not March 28); None for what no calendar holds
    ("2014-19-19", February 30)."""
    if year is None or not MINYEAR <= year <= MAXYEAR or not 1 <= (month or 12) <= 12:
        return None
    if day is None:
        return Dated(year, month or 12, 28, "month" if month else "year")
    month = month or 12
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)
