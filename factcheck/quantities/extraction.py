"""extract(): every quantity in a sentence, read by small passes in a fixed order.

General number libraries misread news prose ("287(g)" as 287, "April 2022" as the count
2022, "67%" as a year), so this is a small dedicated extractor. Things that look like
figures but are not (codes, phone numbers, clock times) are masked out first. Then each
pass reads one kind of figure; a span taken by an earlier pass is not read again, so the
ORDER OF ``PASSES`` DECIDES WHICH READING WINS: dates before counts, ratios and percents
before the bare numbers inside them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.lang.en import (
    COUNTED_NOT_YEAR,
    DENOMINATORS,
    HALF_CUES,
    HEDGES,
    MONTH_CUES,
    MONTHS,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    PARTIAL_MARKERS,
    SCALE_ABBREVIATIONS,
    SCALES,
    SMALL,
    STOPWORDS,
    VAGUE,
)
from factcheck.limits import MAX_NUMBERS_PER_SENTENCE
from factcheck.quantities.model import Hedge, Kind, Quantity
from factcheck.quantities.numbers import NUMBER_WORD, NUMBER_WORDS, parse_number_words, word_value
from factcheck.quantities.units import hedge_before, unit_after

# ------------------------------------------------------------------ masks

# Units and scales written straight after a figure: a measurement, not a name ("40GHz", "1KB", "10k").
MEASURE_SUFFIXES = "|".join(
    (
        "[kMG]?Hz",
        "[KMGTP]i?B",
        "[kKMG]b",
        "[km]?g",
        "[kcm]?m",
        "[mk]?l",
        "[kMG]Wh?",
        "mph",
        "kph",
        "bn",
        "mn",
    )
)

MASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("section numbers: 287(g), 501(c)", re.compile(r"\b\d+\([a-zA-Z0-9]{1,3}\)")),
    # (?<!…): tried only where a name starts; from inside a long run of letters, digits or dots each
    # start rescanned the run looking for the "@" (quadratic: 24,000 zeros took 5 s)
    ("e-mail addresses", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("URLs", re.compile(r"\bhttps?://\S+|\bwww\.\S+")),
    ("phone numbers", re.compile(r"(?:\+?1[\s.-])?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")),
    ("clock times: 10:30, 10:30 a.m.", re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)),
    (
        "clock times with a dot and a zone: 10.54 EDT, 2.35pm",
        re.compile(r"\b\d{1,2}\.\d{2}\s?(?:[AaPp]\.?[Mm]\.?|[A-Z]{2}T|GMT|UTC)(?![\w])"),
    ),
    ("hours: 9 a.m.", re.compile(r"\b\d{1,2}\s*[ap]\.m\.", re.IGNORECASE)),
    ("numbered items: No. 5, #3", re.compile(r"\b(?:No\.|#)\s?\d+\b")),
    ("slashed figures: 7/29, 1/10th Bn, 24/7", re.compile(r"\b\d+(?:/\d+)+(?:st|nd|rd|th)?\b")),
    ("codes: H.R. numbers, I-95, COVID-19", re.compile(r"\b[A-Z]{1,4}-?\d+[A-Za-z]*\b")),
    (
        "digit-letter names: 4K, 3D, 5G (not €3m, 40GHz, 1KB, 10k: figures with a unit or scale)",
        re.compile(r"(?<![$€£.\d])\b\d+(?!(?:" + MEASURE_SUFFIXES + r")\b)[A-Za-z]+\d*\b(?<!\d(?:st|nd|rd|th))"),
    ),
    (
        "hyphenated names: COVID-19, SARS-CoV-2, Su-30, MiG-29",
        re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-\d+[A-Za-z]*\b"),
    ),
    ("letter-digit names: G7, RFC8878, A320", re.compile(r"\b[A-Za-z]+\d+[A-Za-z\d]*\b")),
    (
        "versions: 1.12.0, v2.1, version 3.9",
        re.compile(r"\b\d+\.\d+\.\d+(?:\.\d+)*\b|\b(?:v|ver\.?|version|release)\s?\d+(?:\.\d+)+\b", re.I),
    ),
    ("year ranges: the -19 of 2018-19", re.compile(r"(?<=\b(?:19|20)\d\d)[–-]\d{2}\b(?![–-]\d)")),
    (
        "a capitalised number word in a name: Two Sigma, Three Mile Island",
        re.compile(
            r"(?<=[a-z,;] )(?:" + "|".join(w.capitalize() for w in SMALL if w != "zero") + r")\s+(?=[A-Z][a-z])"
        ),
    ),
)
"""What looks like a figure but is not, blanked (same length) before any pass reads the text."""


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


# A number right after a capitalised word inside a sentence belongs to a name: Boeing 737, Windows 10,
# Python 3.9, Route 66, Fortune 500. Not a year ("World Cup 2018" keeps its date), not after a month
# or a capitalised small word, and not in a title-cased headline, where every word is capitalised.
_NAME_NUMBER = re.compile(
    r"(?<=[\w,;:)] )(?!(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\b)(?P<name>[A-Z][a-z][A-Za-z]*)"
    r"\s(?P<number>\d+(?:\.\d+)*)\b(?!\s?%)"
)
_TITLE_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")


def _title_cased(text: str) -> bool:
    """A headline in title case: most words of four letters or more capitalised."""
    words = _TITLE_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _blank_name_numbers(text: str) -> str:
    if _title_cased(text):
        return text
    out = list(text)
    for m in _NAME_NUMBER.finditer(text):
        number = m.group("number")
        if m.group("name").lower() in STOPWORDS or m.group("name").lower() in HEDGES or _YEAR_LIKE.fullmatch(number):
            continue
        out[m.start("number") : m.end("number")] = " " * len(number)
    return "".join(out)


_YEAR_LIKE = re.compile(r"(?:1[6-9]|20)\d\d")


def mask(text: str) -> str:
    """``text`` with every ``MASKS`` match (and names' numbers) blanked, so offsets stay those of ``text``."""
    for _, rx in MASKS:
        text = rx.sub(_blank, text)
    return _blank_name_numbers(text)


# ------------------------------------------------------------------ patterns

_YEAR_DIGITS = r"(?:1[6-9]|20)\d{2}"
_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_DATE_MDY = re.compile(
    rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{_YEAR_DIGITS})\b)?",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})\.?(?:,?\s+(?P<year>{_YEAR_DIGITS}))?\b",
    re.IGNORECASE,
)
_DATE_MY = re.compile(
    rf"\b(?P<month>{'|'.join(_FULL_MONTHS)}|{_MONTH_ALT}\.)\s+(?:of\s+)?(?P<year>{_YEAR_DIGITS})\b", re.IGNORECASE
)
_DATE_M = re.compile(rf"\b(?P<month>{'|'.join(_FULL_MONTHS)})\b", re.IGNORECASE)
_MONTH_CUES = re.compile(rf"\b({'|'.join(MONTH_CUES)})\s*-?$", re.I)
_CUE_REACH = max(len(w) for w in MONTH_CUES) + 2  # the longest cue word, the character before it, and one spare
_YEAR = re.compile(rf"(?<![\d$€£.,])\b(?P<year>{_YEAR_DIGITS})\b(?!\s?(?:%|percent|per cent))(?![.,]\d)")
_COUNT_NOT_YEAR = re.compile(rf"\s+(?:of\s+)?(?:{'|'.join(COUNTED_NOT_YEAR)})\b")

_ONE_IN = re.compile(rf"\b(?P<a>\d+|{NUMBER_WORD}) (?:in|out of) (?P<b>\d+|{NUMBER_WORD})\b", re.IGNORECASE)
_DIGITS = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<scale>\s?(?:hundred|thousand|million|billion|trillion|[mbk]n?)\b)?"
    r"(?!(?<=1)st\b|(?<=2)nd\b|(?<=3)rd\b|th\b|\d)",  # not an ordinal: "61st", "8th"
    re.IGNORECASE,
)
# Matched at a position (no slice of the rest of the line per figure: that was quadratic on a long line).
_PERCENT_TAIL = re.compile(r"\s?(?:%|percent\b|per\s?cent\b|percentage points?\b|pct\b)", re.IGNORECASE)
_FRACTION = re.compile(
    rf"\b(?P<num>a|an|one|{NUMBER_WORD})[\s-]+(?P<den>{'|'.join(DENOMINATORS)})\b|\b(?P<half>half)\b",
    re.IGNORECASE,
)
_HALF_CUE = re.compile(rf"({'|'.join(HALF_CUES)})\s+$")
_ONE_PRONOUN_BEFORE = re.compile(rf"({'|'.join(ONE_PRONOUN_BEFORE)})\s+$")
_ONE_PRONOUN_AFTER = re.compile(rf"\s+({'|'.join(ONE_PRONOUN_AFTER)})\b")
_POSSESSIVE = re.compile(r"[’']s\b")
_WORD_FOLLOWS = re.compile(r"\s+\S")
_A_SINGLE = re.compile(r"\ba single\b", re.IGNORECASE)
_VAGUE = re.compile(rf"\b({'|'.join(VAGUE)})\b(?=\s+of\b)", re.IGNORECASE)
_PARTIAL = re.compile(rf"\s+(?:{'|'.join(PARTIAL_MARKERS)})\b", re.IGNORECASE)

_MONTHS_CAPITALISED = "|".join(m.capitalize() for m in MONTHS)  # capitalised: not the verb "may"
_ANY_NUMBER = re.compile(
    rf"\d|\b(?i:{NUMBER_WORD}|half|thirds?|quarters?|dozens?|hundreds|thousands|millions|scores|single)\b"
    rf"|\b(?:{_MONTHS_CAPITALISED})\b",
)


# ------------------------------------------------------------------ state


class Scan:
    """One sentence being read: the text, its masked copy, the quantities found, the characters taken."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = mask(text)
        self.found: list[Quantity] = []
        # One flag per character, set once a quantity takes it: whether a span is free costs its
        # own length, however many figures the line holds (a list of spans scanned per match was
        # quadratic), and stays exact even where taken spans overlap or touch.
        self._taken = bytearray(len(text))

    def free(self, start: int, end: int) -> bool:
        """Whether no quantity found so far took any character of ``[start, end)``."""
        return self._taken.find(1, start, end) == -1

    def add(
        self,
        kind: Kind,
        value: float,
        start: int,
        end: int,
        *,
        hedged: bool = True,
        counted: bool = True,
        hedge: Hedge | None = None,
        month: int | None = None,
        day: int | None = None,
        year: int | None = None,
        lo: float | None = None,
        hi: float | None = None,
    ) -> None:
        """Record the quantity at ``[start, end)`` with the hedge before it and the noun after it; take its span.

        ``hedged``/``counted``: look for a hedge before / a counted noun after. ``hedge`` overrides
        the hedge found, but the words of the one found still start the quantity's text.
        """
        found_hedge, text_start = hedge_before(self.masked, start) if hedged else ("exact", start)
        partial = kind == "count" and bool(_PARTIAL.match(self.masked[end : end + 14]))
        head, phrase = unit_after(self.masked, end) if counted else (None, "")
        self.found.append(
            Quantity(
                kind,
                value,
                self.text[text_start:end],
                text_start,
                end,
                hedge or found_hedge,
                head,
                month=month,
                day=day,
                year=year,
                lo=lo,
                hi=hi,
                partial=partial,
                phrase=phrase,
            )
        )
        self._taken[start:end] = b"\x01" * (end - start)


# ------------------------------------------------------------------ passes: dates


def _date_fields(m: re.Match[str], masked: str) -> tuple[int | None, int | None, int | None] | None:
    """(month, day, year) of a written date, or None where the match is not a date after all."""
    gd = m.groupdict()
    month = gd.get("month")
    mnum = int(month) if month and month.isdigit() else MONTHS.get((month or "").lower().rstrip("."))
    if month and (mnum is None or not 1 <= mnum <= 12):
        return None  # "2014-19-19" is no date
    if m.re is _DATE_MDY and (month or "").lower() == "may" and not gd.get("year") and masked[m.start()].islower():
        return None  # "may 5 agencies": a verb
    year = int(gd["year"]) if gd.get("year") else None
    day = int(gd["day"]) if gd.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    return mnum, day, year


def full_dates(scan: Scan) -> None:
    """Dates with a day or a year: "2022-04-05", "April 5, 2022", "5 April", "April 2022"."""
    for rx in (_ISO_DATE, _DATE_MDY, _DATE_DMY, _DATE_MY):
        for m in rx.finditer(scan.masked):
            if not scan.free(m.start(), m.end()):
                continue
            fields = _date_fields(m, scan.masked)
            if fields is None:
                continue
            month, day, year = fields
            scan.add(
                "date",
                float(year or 0),
                m.start(),
                m.end(),
                hedged=False,
                counted=False,
                month=month,
                day=day,
                year=year,
            )


def _month_cue_before(masked: str, start: int) -> bool:
    """Whether a cue ("in", "by", "mid-") ends just before ``start``: "in May" is the month.

    The same answer as searching ``_MONTH_CUES`` in all of ``masked[:start]``, without rereading
    the whole line for every "May": skip the hyphen and spaces the pattern allows before
    ``start``, and the cue word (with the character before it) lies within ``_CUE_REACH``.
    """
    word_end = start
    if word_end > 0 and masked[word_end - 1] == "-":
        word_end -= 1
    while word_end > 0 and masked[word_end - 1].isspace():
        word_end -= 1
    return _MONTH_CUES.search(masked[max(0, word_end - _CUE_REACH) : start]) is not None


def month_names(scan: Scan) -> None:
    """A month named alone, capitalised: "By April, there were"; "May" only after a cue ("in May")."""
    for m in _DATE_M.finditer(scan.masked):
        if not scan.free(m.start(), m.end()):
            continue
        word = m.group("month")
        if word.lower() == "may" and not (word[0].isupper() and _month_cue_before(scan.masked, m.start())):
            continue
        if word[0].islower():
            continue
        scan.add("date", 0.0, m.start(), m.end(), hedged=False, counted=False, month=MONTHS[word.lower()])


def years(scan: Scan) -> None:
    """A four-digit year alone: "the 2020 election"; not "2000 people"."""
    for m in _YEAR.finditer(scan.masked):
        if not scan.free(m.start(), m.end()):
            continue
        if _COUNT_NOT_YEAR.match(scan.masked[m.end() : m.end() + 24].lower()):
            continue  # a count that happens to look like a year
        y = int(m.group("year"))
        scan.add("date", float(y), m.start(), m.end(), hedged=False, counted=False, year=y)


# ------------------------------------------------------------------ passes: shares


def ratios(scan: Scan) -> None:
    """Ratios spelled out: "one in five", "3 out of 10"."""
    for m in _ONE_IN.finditer(scan.masked):
        a, b = word_value(m.group("a").lower()), word_value(m.group("b").lower())
        if a and b and a < b and scan.free(m.start(), m.end()):
            scan.add("fraction", a / b, m.start(), m.end())


def digit_percents(scan: Scan) -> None:
    """Percents in digits: "67%", "41.3 percent", "5 percentage points"."""
    for m in _DIGITS.finditer(scan.masked):
        tail = _PERCENT_TAIL.match(scan.masked, m.end())
        if tail and not m.group("scale") and not m.group("cur") and scan.free(m.start(), m.end()):
            start, sign = _signed(scan.masked, m.start("num"))
            scan.add("percent", sign * float(m.group("num").replace(",", "")), start, tail.end())


def _signed(masked: str, start: int) -> tuple[int, float]:
    """A minus sign written against a figure ("Change: -3%", "(−1.5%)"): where the figure starts, and its sign."""
    if start >= 1 and masked[start - 1] in "-−–" and (start == 1 or masked[start - 2] in " \t(:;,[="):
        return start - 1, -1.0
    return start, 1.0


def word_percents(scan: Scan) -> None:
    """Percents in words: "sixty-seven percent"."""
    for m in NUMBER_WORDS.finditer(scan.masked):
        tail = _PERCENT_TAIL.match(scan.masked, m.end())
        if tail and scan.free(m.start(), m.end()):
            value = parse_number_words(m.group(0))
            if value is not None:
                scan.add("percent", value, m.start(), tail.end())


def _half_start(masked: str, m: re.Match[str]) -> int | None:
    """Where a share "half" starts ("a half" from the "a"), or None for "half-hearted", "second half"."""
    before = masked[max(0, m.start() - 12) : m.start()].lower()
    after = masked[m.end() : m.end() + 6].lower()
    if not (after.startswith(" of") or _HALF_CUE.search(before)):
        return None
    if before.endswith("a "):
        return m.start() - 2
    if before.endswith("one "):
        return m.start() - 4
    return m.start()


def fractions(scan: Scan) -> None:
    """Fractions in words: "a third", "two-thirds", "more than half"."""
    for m in _FRACTION.finditer(scan.masked):
        if not scan.free(m.start(), m.end()):
            continue
        if m.group("half"):
            start = _half_start(scan.masked, m)
            if start is not None:
                scan.add("fraction", 0.5, start, m.end())
            continue
        den = DENOMINATORS[m.group("den").lower()]
        num_word = m.group("num").lower()
        num = 1.0 if num_word in ("a", "an") else word_value(num_word)
        if num is None or num >= den:
            continue
        scan.add("fraction", num / den, m.start(), m.end())


# ------------------------------------------------------------------ passes: counts


def digit_counts(scan: Scan) -> None:
    """Counts and money in digits: "1,200 officers", "$5 million", "€3m"."""
    for m in _DIGITS.finditer(scan.masked):
        start = m.start() if m.group("cur") else m.start("num")
        if not scan.free(start, m.end()):
            continue
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        factor = SCALES.get(scale) or SCALE_ABBREVIATIONS.get(scale, 1.0)
        scan.add("money" if m.group("cur") else "count", value * factor, start, m.end())


def _one_is_a_pronoun(masked: str, start: int, end: int) -> bool:
    """Whether "one" here is a pronoun, not a count: "no one", "one of", "one's", "the one"."""
    before = masked[max(0, start - 8) : start].lower()
    after = masked[end : end + 10].lower()
    return bool(
        _ONE_PRONOUN_BEFORE.search(before)
        or _ONE_PRONOUN_AFTER.match(after)
        or _POSSESSIVE.match(after)
        or not _WORD_FOLLOWS.match(after)
    )


def word_counts(scan: Scan) -> None:
    """Counts in words: "two dozen", "one", "sixty"."""
    for m in NUMBER_WORDS.finditer(scan.masked):
        start, end = m.start(), m.end()
        phrase = m.group(0)
        lower = phrase.lower()
        if lower in ("a", "an") or not scan.free(start, end):
            continue
        if lower == "one" and _one_is_a_pronoun(scan.masked, start, end):
            continue
        value = parse_number_words(phrase)
        if value is not None:
            scan.add("count", value, start, end)


def a_single(scan: Scan) -> None:
    """ "a single": one."""
    for m in _A_SINGLE.finditer(scan.masked):
        if scan.free(m.start(), m.end()):
            scan.add("count", 1.0, m.start(), m.end())


def vague_counts(scan: Scan) -> None:
    """Vague counts: "dozens of", "hundreds of", each with the range it allows."""
    for m in _VAGUE.finditer(scan.masked):
        if scan.free(m.start(), m.end()):
            lo, hi = VAGUE[m.group(1).lower()]
            scan.add("count", lo, m.start(), m.end(), hedge="vague", lo=lo, hi=hi)


# ------------------------------------------------------------------ driver

Pass = Callable[[Scan], None]

PASSES: tuple[Pass, ...] = (
    full_dates,  # dates first, so that "April 2022" never becomes the count 2022
    month_names,
    years,
    ratios,  # "one in five" before the counts "one" and "five"
    digit_percents,
    word_percents,
    fractions,
    digit_counts,
    word_counts,
    a_single,
    vague_counts,
)
"""The passes in the order they read; an earlier pass's reading wins over a later one's."""


def extract(text: str, limit: int | None = MAX_NUMBERS_PER_SENTENCE) -> list[Quantity]:
    """Every quantity stated in ``text``, in order of appearance; the first ``limit`` (None: all).

    Linear in the text; the limit bounds what later steps compare, pair by pair, per sentence.
    """
    if not _ANY_NUMBER.search(text):
        return []  # most sentences of a long corpus: no digit, no number word, no month
    scan = Scan(text)
    for read in PASSES:
        read(scan)
    return sorted(scan.found, key=lambda q: q.start)[:limit]
