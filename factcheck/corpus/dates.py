"""A document's own date: "Posted: Jun. 15, 2023", or a lone dateline.

The month names and date labels are a :class:`~factcheck.lang.Language`'s (English by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from factcheck.lang import ENGLISH, Language


@dataclass(frozen=True)
class _Patterns:
    full_date: re.Pattern[str]  # "Jun. 15, 2023"
    label: re.Pattern[str]  # "Posted:" at a line's start


@cache
def _patterns(language: Language) -> _Patterns:
    months = "|".join(sorted(language.months, key=len, reverse=True))
    return _Patterns(
        re.compile(language.patterns.document_date.format(months=months), re.IGNORECASE),
        re.compile(r"^\s*(" + "|".join(language.date_labels) + r")\b", re.IGNORECASE),
    )


def _parse_full_date(m: re.Match[str], language: Language) -> date | None:
    try:
        return date(int(m.group("year")), language.months[m.group("month").lower()], int(m.group("day")))
    except ValueError:
        return None


def document_date(text: str, language: Language = ENGLISH) -> tuple[date | None, str | None]:
    """The document's own date: a labelled one ("Posted: Jun. 15, 2023") or a lone dateline.

    A column of several standalone dates near the top is a sidebar of other articles,
    not the document's date, so it is ignored.
    """
    p = _patterns(language)
    lines = [ln.strip() for ln in text.splitlines()[:40]]
    labelled = []
    standalone = []
    for i, ln in enumerate(lines):
        m = p.full_date.search(ln)
        if not m:
            continue
        prev = lines[i - 1] if i else ""
        if p.label.match(ln) or (p.label.match(prev) and m.start() == 0):
            labelled.append(m)
        elif m.group(0) == ln.rstrip(".").strip():
            standalone.append(m)
    for m in labelled:
        d = _parse_full_date(m, language)
        if d:
            return d, m.group(0)
    if len(standalone) == 1:
        d = _parse_full_date(standalone[0], language)
        if d:
            return d, standalone[0].group(0)
    return None, None
