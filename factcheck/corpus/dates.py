"""A document's own date: "Posted: Jun. 15, 2023", or a lone dateline."""

from __future__ import annotations

import re
from datetime import date

from factcheck.lang.en import MONTHS

_FULL_DATE = re.compile(
    r"\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(r"^\s*(posted|published|updated|date|dated|for immediate release|released)\b", re.I)


def _parse_full_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
    except ValueError:
        return None


def document_date(text: str) -> tuple[date | None, str | None]:
    """The document's own date: a labelled one ("Posted: Jun. 15, 2023") or a lone dateline.

    A column of several standalone dates near the top is a sidebar of other articles,
    not the document's date, so it is ignored.
    """
    lines = [ln.strip() for ln in text.splitlines()[:40]]
    labelled = []
    standalone = []
    for i, ln in enumerate(lines):
        m = _FULL_DATE.search(ln)
        if not m:
            continue
        prev = lines[i - 1] if i else ""
        if _DATE_LABEL.match(ln) or (_DATE_LABEL.match(prev) and m.start() == 0):
            labelled.append(m)
        elif m.group(0) == ln.rstrip(".").strip():
            standalone.append(m)
    for m in labelled:
        d = _parse_full_date(m)
        if d:
            return d, m.group(0)
    if len(standalone) == 1:
        d = _parse_full_date(standalone[0])
        if d:
            return d, standalone[0].group(0)
    return None, None
