"""extract(): every quantity in a sentence, read by small passes in a fixed order.

General number libraries misread news prose ("287(g)" as 287, "April 2022" as the count
2022, "67%" as a year), so this is a small dedicated extractor. Things that look like
figures but are not (codes, phone numbers, clock times) are masked out first. Then each
pass reads one kind of figure; a span taken by an earlier pass is not read again, so the
ORDER OF ``PASSES`` DECIDES WHICH READING WINS: dates before counts, ratios and percents
before the bare numbers inside them.

The words and the patterns in them are a :class:`~factcheck.lang.Language`'s (English by
default): :func:`masks` and :func:`patterns` compile them once per Language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from factcheck.lang import ENGLISH, Language
from factcheck.limits import MAX_NUMBERS_PER_SENTENCE
from factcheck.quantities.model import Hedge, Kind, Quantity
from factcheck.quantities.numbers import number_word, number_words, parse_number_words, word_value
from factcheck.quantities.time import changed_from, eras, mark_former
from factcheck.quantities.units import hedge_before, unit_after, verb_after
from factcheck.quantities.versions import find_versions, may_hold_versions

# ------------------------------------------------------------------ masks

# Masks in no language's words, compiled once; the language's own are compiled per Language (masks()).
_SECTION = re.compile(r"\b\d+\([a-zA-Z0-9]{1,3}\)")
# (?<!…): tried only where a name starts; from inside a long run of letters, digits or dots each
# start rescanned the run looking for the "@" (quadratic: 24,000 zeros took 5 s)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_PHONE = re.compile(r"(?:\+?1[\s.-])?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_SCIENTIFIC = re.compile(r"(?<![\w.])[+-]?\d+(?:\.\d+)?[eE][+-]?\d+\b")
_CODE = re.compile(r"\b[A-Z]{1,4}-?\d+[A-Za-z]*\b")
_HYPHENATED = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-\d+[A-Za-z]*\b")
_LETTER_DIGIT = re.compile(r"\b[A-Za-z]+\d+[A-Za-z\d]*\b")
_YEAR_RANGE = re.compile(r"(?<=\b(?:19|20)\d\d)[–-]\d{2}\b(?![–-]\d)")

Masks = tuple[tuple[str, re.Pattern[str]], ...]


@cache
def early_masks(language: Language = ENGLISH) -> Masks:
    """Addresses, numbers of things and clock times: no figure of any kind, versions included."""
    p = language.patterns
    return (
        ("section numbers: 287(g), 501(c)", _SECTION),
        ("e-mail addresses", _EMAIL),
        ("URLs", _URL),
        ("phone numbers", _PHONE),
        ("clock times: 10:30, 10:30 a.m.", re.compile(p.clock_time.format(), re.IGNORECASE)),
        ("clock times with a dot and a zone: 10.54 EDT, 2.35pm", re.compile(p.clock_time_zone.format())),
        ("hours: 9 a.m.", re.compile(p.hour.format(), re.IGNORECASE)),
        ("numbered items: No. 5, #3", re.compile(p.numbered_item.format())),
        ("scientific notation: 1E-37, 6.02e23 (a magnitude, not the count 37)", _SCIENTIFIC),
    )


@cache
def masks(language: Language = ENGLISH) -> Masks:
    """What looks like a figure but is not, blanked (same length) before any pass reads the text, in this order.

    Versions are blanked too (no count pass may read "1.12.0" or "version 3.9"); the versions pass reads them
    from the text blanked of the early masks only (:func:`early_masks`)."""
    p = language.patterns
    capitalised = "|".join(w.capitalize() for w, value in language.small.items() if value)
    return (
        *early_masks(language),
        ("slashed figures: 7/29, 1/10th Bn, 24/7", re.compile(p.slashed.format())),
        ("codes: H.R. numbers, I-95, COVID-19", _CODE),
        (
            "digit-letter names: 4K, 3D, 5G (not €3m, 40GHz, 1KB, 10k: figures with a unit or scale)",
            re.compile(p.digit_letter_name.format()),
        ),
        ("hyphenated names: COVID-19, SARS-CoV-2, Su-30, MiG-29", _HYPHENATED),
        ("letter-digit names: G7, RFC8878, A320", _LETTER_DIGIT),
        ("versions: 1.12.0, v2.1, version 3.9", re.compile(p.version.format(), re.IGNORECASE)),
        ("year ranges: the -19 of 2018-19", _YEAR_RANGE),
        (
            "a capitalised number word in a name: Two Sigma, Three Mile Island",
            re.compile(r"(?<=[a-z,;] )(?:" + capitalised + r")\s+(?=[A-Z][a-z])"),
        ),
    )


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


# A number right after a capitalised word inside a sentence belongs to a name: Boeing 737, Windows 10,
# Python 3.9, Route 66, Fortune 500. Not a year ("World Cup 2018" keeps its date), not after a month
# or a capitalised small word, and not in a title-cased headline, where every word is capitalised.
@cache
def _name_number(language: Language) -> re.Pattern[str]:
    months = "|".join(m.capitalize() for m in language.months)
    return re.compile(
        r"(?<=[\w,;:)] )(?!(?:" + months + r")\b)(?P<name>[A-Z][a-z][A-Za-z]*)\s(?P<number>\d+(?:\.\d+)*)\b(?!\s?%)"
    )


_TITLE_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")


def _title_cased(text: str) -> bool:
    """A headline in title case: most words of four letters or more capitalised."""
    words = _TITLE_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _blank_name_numbers(text: str, language: Language) -> str:
    if _title_cased(text):
        return text
    out = list(text)
    for m in _name_number(language).finditer(text):
        number = m.group("number")
        name = m.group("name").lower()
        if name in language.stopwords or name in language.hedges or _YEAR_LIKE.fullmatch(number):
            continue
        out[m.start("number") : m.end("number")] = " " * len(number)
    return "".join(out)


_YEAR_LIKE = re.compile(r"(?:1[6-9]|20)\d\d")


def mask(text: str, language: Language = ENGLISH) -> str:
    """``text`` with every mask's match (and names' numbers) blanked, so offsets stay those of ``text``."""
    return mask_late(mask_early(text, language), language)


def mask_early(text: str, language: Language = ENGLISH) -> str:
    """``text`` blanked of the early masks only (addresses, clock times): what the versions pass reads."""
    for _, rx in early_masks(language):
        text = rx.sub(_blank, text)
    return text


def mask_late(early: str, language: Language = ENGLISH) -> str:
    """The text :func:`mask_early` blanked, blanked of every other mask (and names' numbers) too."""
    for _, rx in masks(language)[len(early_masks(language)) :]:
        early = rx.sub(_blank, early)
    return _blank_name_numbers(early, language)


# ------------------------------------------------------------------ patterns

_YEAR_DIGITS = r"(?:1[6-9]|20)\d{2}"
_DOTTED_FIGURE = re.compile(r"\d[./]\d")  # what every version and every numeric date holds
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_WORD_FOLLOWS = re.compile(r"\s+\S")


@dataclass(frozen=True)
class Compiled:
    """The passes' patterns in one language, compiled once (:func:`patterns`)."""

    date_mdy: re.Pattern[str]
    date_dmy: re.Pattern[str]
    date_my: re.Pattern[str]
    date_m: re.Pattern[str]
    date_dotted: re.Pattern[str]
    date_slashed: re.Pattern[str]
    range: re.Pattern[str]
    measure: re.Pattern[str]
    average: re.Pattern[str]
    dash_or_to: re.Pattern[str]  # a dash or "to" between two figures: "6-7", "three to six"
    month_cues: re.Pattern[str]
    cue_reach: int  # the longest cue word, the character before it, and one spare
    year: re.Pattern[str]
    count_not_year: re.Pattern[str]
    ratio: re.Pattern[str]
    digits: re.Pattern[str]
    percent_tail: re.Pattern[str]  # matched at a position (a slice of the rest of the line per figure was quadratic)
    number_words: re.Pattern[str]
    fraction: re.Pattern[str]
    half_cue: re.Pattern[str]
    half_after: re.Pattern[str]
    one_pronoun_before: re.Pattern[str]
    one_pronoun_after: re.Pattern[str]
    possessive: re.Pattern[str]
    single: re.Pattern[str]
    vague: re.Pattern[str]
    partial: re.Pattern[str]
    any_number: re.Pattern[str]


def _longest_first(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def patterns(language: Language = ENGLISH) -> Compiled:
    """The passes' patterns in ``language``: its templates filled with its lists, compiled."""
    t = language.patterns
    months = "|".join(sorted(language.months, key=len, reverse=True))
    full_months = "|".join(m for m in language.months if m not in language.month_abbreviations)
    word = number_word(language)
    i = re.IGNORECASE
    return Compiled(
        date_mdy=re.compile(t.date_mdy.format(months=months, year=_YEAR_DIGITS), i),
        date_dmy=re.compile(t.date_dmy.format(months=months, year=_YEAR_DIGITS), i),
        date_my=re.compile(t.date_my.format(full_months=full_months, months=months, year=_YEAR_DIGITS), i),
        date_m=re.compile(rf"\b(?P<month>{full_months})\b", i),
        date_dotted=re.compile(t.date_dotted.format()),
        date_slashed=re.compile(t.date_slashed.format()),
        range=re.compile(t.range.format(number_word=word), i),
        average=re.compile(rf"(?<![\w-])(?:{_longest_first(language.average_cues)})(?![\w-])", i),
        dash_or_to=re.compile(
            rf"(?:\d|\b(?:{word})\b)\s*(?:[–—-]|\b(?:{_longest_first(tuple(language.range_alone))})\b)\s*[\d$€£]"
            rf"|\b(?:{word})\s+(?:{_longest_first(tuple(language.range_alone))})\s+(?:{word})\b",
            i,
        ),
        measure=re.compile(
            t.measure.format(symbols="|".join(re.escape(u) for u in sorted(language.measures, key=len, reverse=True)))
        ),
        month_cues=re.compile(rf"\b({'|'.join(language.month_cues)})\s*-?$", i),
        cue_reach=max(len(w) for w in language.month_cues) + 2,
        year=re.compile(t.year.format(year=_YEAR_DIGITS)),
        count_not_year=re.compile(t.count_not_year.format(counted="|".join(language.counted_not_year))),
        ratio=re.compile(t.ratio.format(number_word=word), i),
        digits=re.compile(t.digits.format(scales="|".join(language.scales)), i),
        percent_tail=re.compile(t.percent_tail.format(), i),
        number_words=number_words(language),
        fraction=re.compile(t.fraction.format(number_word=word, denominators="|".join(language.denominators)), i),
        half_cue=re.compile(rf"({'|'.join(language.half_cues)})\s+$"),
        half_after=re.compile(t.half_after.format()),
        one_pronoun_before=re.compile(rf"({'|'.join(language.one_pronoun_before)})\s+$"),
        one_pronoun_after=re.compile(rf"\s+({'|'.join(language.one_pronoun_after)})\b"),
        possessive=re.compile(t.possessive.format()),
        single=re.compile(t.single.format(), i),
        vague=re.compile(t.vague.format(vague="|".join(language.vague)), i),
        partial=re.compile(rf"\s+(?:{'|'.join(language.partial_markers)})\b", i),
        any_number=re.compile(
            t.any_number.format(number_word=word, months_capitalised="|".join(m.capitalize() for m in language.months))
        ),
    )


# ------------------------------------------------------------------ state


class Scan:
    """One sentence being read: the text, its masked copy, the quantities found, the characters taken."""

    def __init__(self, text: str, language: Language = ENGLISH, heading: bool = False) -> None:
        self.text = text
        self.heading = heading  # a heading's text: a number that opens it is a version ("2.6 (2018-11-02)")
        self.language = language
        self.p = patterns(language)
        self.early = mask_early(text, language)  # what the versions and numeric dates passes read
        self.masked = mask_late(self.early, language)
        self.dotted = _DOTTED_FIGURE.search(self.early) is not None  # "2.4.12", "14.03.2019", "3/14/2019"
        self.found: list[Quantity] = []
        # One flag per character, set once a quantity takes it: whether a span is free costs its
        # own length, however many figures the line holds (a list of spans scanned per match was
        # quadratic), and stays exact even where taken spans overlap or touch.
        self._taken = bytearray(len(text))

    def free(self, start: int, end: int) -> bool:
        """Whether no quantity found so far took any character of ``[start, end)``."""
        return self._taken.find(1, start, end) == -1

    def _noun_after(self, kind: Kind, value: float, end: int) -> tuple[str | None, str]:
        """The noun a figure ending at ``end`` counts and its phrase; none for a zero or one before a verb and its
        object ("to 0 restores the previous default": a value, see :func:`verb_after`)."""
        if kind == "count" and value in (0.0, 1.0) and verb_after(self.masked, end, self.language):
            return None, ""
        return unit_after(self.masked, end, self.language)

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
        unit: str | None = None,
        version: str | None = None,
    ) -> None:
        """Record the quantity at ``[start, end)`` with the hedge before it and the noun after it; take its span.

        ``hedged``/``counted``: look for a hedge before / a counted noun after. ``hedge`` overrides
        the hedge found, but the words of the one found still start the quantity's text. ``unit``:
        what it measures, when the figure's own symbol says ("1GB": bytes) or a product its version's.
        """
        found_hedge, text_start = hedge_before(self.masked, start, self.language) if hedged else ("exact", start)
        partial = kind == "count" and bool(self.p.partial.match(self.masked[end : end + 14]))
        head, phrase = self._noun_after(kind, value, end) if counted else (unit, "")
        head, factor = self.language.measures.get(head or "", (head, 1.0))  # "one gibibyte": in bytes
        value, lo, hi = value * factor, lo and lo * factor, hi and hi * factor
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
                language=self.language.name,
                version=version,
            )
        )
        self._taken[start:end] = b"\x01" * (end - start)


# ------------------------------------------------------------------ passes: dates


def _date_fields(m: re.Match[str], scan: Scan) -> tuple[int | None, int | None, int | None] | None:
    """(month, day, year) of a written date, or None where the match is not a date after all."""
    gd = m.groupdict()
    month = gd.get("month")
    lower = (month or "").lower()
    mnum = int(month) if month and month.isdigit() else scan.language.months.get(lower.rstrip("."))
    if month and (mnum is None or not 1 <= mnum <= 12):
        return None  # "2014-19-19" is no date
    ambiguous = lower in scan.language.ambiguous_months
    if m.re is scan.p.date_mdy and ambiguous and not gd.get("year") and scan.masked[m.start()].islower():
        return None  # "may 5 agencies": a verb
    year = int(gd["year"]) if gd.get("year") else None
    day = int(gd["day"]) if gd.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    return mnum, day, year


def full_dates(scan: Scan) -> None:
    """Dates with a day or a year: "2022-04-05", "April 5, 2022", "5 April", "April 2022"."""
    for rx in (_ISO_DATE, scan.p.date_mdy, scan.p.date_dmy, scan.p.date_my):
        for m in rx.finditer(scan.masked):
            if not scan.free(m.start(), m.end()):
                continue
            fields = _date_fields(m, scan)
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


def numeric_dates(scan: Scan) -> None:
    """Dates in figures with dots or slashes: "14.03.2019", "2019/03/14", "3/14/2019". Day and month told apart
    only where one of them cannot be a month; else the year alone (a year is a year)."""
    if not scan.dotted:
        return
    for m in scan.p.date_dotted.finditer(scan.early):
        day, month, year = int(m.group("day")), int(m.group("month")), int(m.group("year"))
        if 1 <= day <= 31 and 1 <= month <= 12 and scan.free(m.start(), m.end()):
            scan.add(
                "date", float(year), m.start(), m.end(), hedged=False, counted=False, month=month, day=day, year=year
            )
    for m in scan.p.date_slashed.finditer(scan.early):
        fields = _slashed_fields(m.group("a"), m.group("b"), m.group("c"))
        if fields is not None and scan.free(m.start(), m.end()):
            written_month, written_day, written_year = fields
            scan.add(
                "date",
                float(written_year),
                m.start(),
                m.end(),
                hedged=False,
                counted=False,
                month=written_month,
                day=written_day,
                year=written_year,
            )


def _slashed_fields(a: str, b: str, c: str) -> tuple[int | None, int | None, int] | None:
    """(month, day, year) of "2019/03/14", "14/3/2019" or "3/14/2019"; "3/4/2019" says only its year."""
    if len(a) == 4 and _YEAR_LIKE.fullmatch(a) and 1 <= int(b) <= 12 and 1 <= int(c) <= 31:
        return int(b), int(c), int(a)
    if len(c) != 4 or not _YEAR_LIKE.fullmatch(c) or len(a) > 2:
        return None
    first, second = int(a), int(b)
    if not (1 <= first <= 31 and 1 <= second <= 31):
        return None
    if first > 12 >= second:
        return second, first, int(c)
    if second > 12 >= first:
        return first, second, int(c)
    return (None, None, int(c)) if first <= 12 and second <= 12 else None


def era_dates(scan: Scan) -> None:
    """An era named in the text is a date: "at the end of the Obama administration", "when Obama left office"."""
    for start, end, when in eras(scan.text, scan.language):
        if scan.free(start, end):
            scan.add(
                "date",
                float(when.year),
                start,
                end,
                hedged=False,
                counted=False,
                month=when.month,
                day=when.day,
                year=when.year,
            )


def _month_cue_before(masked: str, start: int, p: Compiled) -> bool:
    """Whether a cue ("in", "by", "mid-") ends just before ``start``: "in May" is the month.

    The same answer as searching ``p.month_cues`` in all of ``masked[:start]``, without rereading
    the whole line for every "May": skip the hyphen and spaces the pattern allows before
    ``start``, and the cue word (with the character before it) lies within ``p.cue_reach``.
    """
    word_end = start
    if word_end > 0 and masked[word_end - 1] == "-":
        word_end -= 1
    while word_end > 0 and masked[word_end - 1].isspace():
        word_end -= 1
    return p.month_cues.search(masked[max(0, word_end - p.cue_reach) : start]) is not None


def month_names(scan: Scan) -> None:
    """A month named alone, capitalised: "By April, there were"; "May" only after a cue ("in May")."""
    language = scan.language
    for m in scan.p.date_m.finditer(scan.masked):
        if not scan.free(m.start(), m.end()):
            continue
        word = m.group("month")
        if word.lower() in language.ambiguous_months and not (
            word[0].isupper() and _month_cue_before(scan.masked, m.start(), scan.p)
        ):
            continue
        if word[0].islower():
            continue
        scan.add("date", 0.0, m.start(), m.end(), hedged=False, counted=False, month=language.months[word.lower()])


def years(scan: Scan) -> None:
    """A four-digit year alone: "the 2020 election"; not "2000 people"."""
    for m in scan.p.year.finditer(scan.masked):
        if not scan.free(m.start(), m.end()):
            continue
        if scan.p.count_not_year.match(scan.masked[m.end() : m.end() + 24].lower()):
            continue  # a count that happens to look like a year
        y = int(m.group("year"))
        scan.add("date", float(y), m.start(), m.end(), hedged=False, counted=False, year=y)


# ------------------------------------------------------------------ passes: versions, ranges, measures


def versions(scan: Scan) -> None:
    """Versions: "2.4.12", "version 2.6", "the 2.4 series", "CMake 3.18 or newer" (its product and bound), "GCC 12
    or newer" (a whole number, where a bound and a product's name say it is a version)."""
    if not scan.dotted and not may_hold_versions(scan.early, scan.language):
        return
    for f in find_versions(scan.early, scan.language, scan.heading):
        if scan.free(f.start, f.end):
            scan.add(
                "version",
                float(re.match(r"\d+", f.number).group(0)),  # type: ignore[union-attr]
                f.start,
                f.end,
                hedged=f.hedge == "exact",  # "3.18 or newer", "since 3.8.6": the version's own bound, read already
                counted=False,
                hedge=None if f.hedge == "exact" else f.hedge,
                unit=f.product,
                version=f.number,
            )


def _figure(text: str) -> float:
    return float(text.replace(",", ""))


def ranges(scan: Scan) -> None:
    """Ranges: "between 10% and 60%", "from $5 to $9", "10–60%", "6-7 CPU cycles", "three to six versions": one
    figure allowing every value between. "Cut from $40 to $25" is a change, not a range (see ``mark_former``)."""
    if not _may_hold_range(scan):
        return
    for m in scan.p.range.finditer(scan.masked):
        lead, join = (m.group("lead") or "").lower(), m.group("join").lower()
        a, b = _range_end(m.group("a"), scan), _range_end(m.group("b"), scan)
        if a is not None and m.group("neg"):
            a = -a  # "between -99000 and 99000": a negative end
        if b is not None and m.group("negb"):
            b = -b
        tail = scan.p.percent_tail.match(scan.masked, m.end())
        percent = bool(tail or m.group("pa"))
        if a is None or b is None or not a < b or not _is_range(scan, m, lead, join, percent):
            continue
        start = m.start("lead") if lead else m.start()
        end = tail.end() if tail else m.end()
        if not scan.free(start, end):
            continue
        if percent:
            scan.add("percent", a, start, end, hedged=False, hedge="range", lo=(a - 0.5) / 100, hi=(b + 0.5) / 100)
        else:
            kind: Kind = "money" if m.group("cur") else "count"
            scan.add(kind, a, start, end, hedged=False, hedge="range", lo=a, hi=b)


def _range_end(text: str, scan: Scan) -> float | None:
    """One end of a range: "6.8", "999,999,999", "six"."""
    return _figure(text) if text[0].isdigit() else word_value(text.lower(), scan.language)


def _may_hold_range(scan: Scan) -> bool:
    """Whether the text has what every range needs: a word that opens one ("between", "from"), a percent,
    a currency sign, or a dash or "to" between two figures. Most sentences have none, and are not read for
    ranges."""
    lowered = scan.masked.lower()
    return (
        any(c in scan.masked for c in "%$€£")
        or any(lead in lowered for lead in scan.language.range_joiners)
        or (scan.p.dash_or_to.search(scan.masked) is not None)
    )


def _is_range(scan: Scan, m: re.Match[str], lead: str, join: str, percent: bool) -> bool:
    """Whether the two figures are a range: "between … and", "from … to" (not after a change: "cut from"); or
    "to" or a dash between shares, money, or figures of a named thing ("6-7 CPU cycles", "18 to 24 months");
    and no scale word after the second ("10 to 20 million" is read as before)."""
    digits = scan.p.digits.match(scan.masked, m.start("b"))
    if digits is not None and digits.group("scale"):
        return False
    if changed_from(scan.masked[max(0, m.start() - 60) : m.start("a")], scan.language):
        return False
    language = scan.language
    if lead:
        return language.range_joiners.get(lead) == join or not join.isalpha()  # "between 10-60%"
    if join in language.range_joiners.values() and join not in language.range_alone:
        return False  # "10 and 20" without "between"
    named = unit_after(scan.masked, m.end(), language)[0] is not None
    digits_only = m.group("a")[0].isdigit() and m.group("b")[0].isdigit()
    return percent or bool(m.group("cur")) or (named and (digits_only or join in language.range_alone))


@cache
def _glued_thousands(language: Language) -> re.Pattern[str]:
    letters = "".join(sorted({w for w, f in language.scale_abbreviations.items() if f == 1e3 and len(w) == 1}))
    return re.compile(rf"(?<![\w.,$€£])(?P<num>\d+(?:\.\d+)?)[{letters}{letters.upper()}]\b(?!-)")


def glued_thousands(scan: Scan) -> None:
    """A "k" glued to a figure is thousands where the words say a count: a hedge before it or a plural noun
    after it ("roughly 10K records", "40k users"); else it names a thing ("a 4K display", "the 5K run")."""
    if not scan.language.scale_abbreviations:
        return
    for m in _glued_thousands(scan.language).finditer(scan.early):
        if not scan.free(m.start(), m.end()):
            continue
        hedged = hedge_before(scan.masked, m.start(), scan.language)[0] != "exact"
        noun = _phrase_head(scan, m.end())
        if hedged or (noun is not None and scan.language.is_plural(noun)):
            scan.add("count", _figure(m.group("num")) * 1000, m.start(), m.end())


def _phrase_head(scan: Scan, end: int) -> str | None:
    """The first word after a figure, lowercased: the noun it may count."""
    m = re.match(r"\s+([A-Za-z]+)", scan.masked[end : end + 40])
    return m.group(1).lower() if m else None


def measures(scan: Scan) -> None:
    """Figures with a unit symbol: "1GB" is a gigabyte (1e9 bytes), not the count 1; "2.4 GHz", "5 kg"."""
    for m in scan.p.measure.finditer(scan.early):
        if scan.free(m.start("num"), m.end()):
            unit, factor = scan.language.measures[m.group("unit")]
            scan.add("count", _figure(m.group("num")) * factor, m.start("num"), m.end(), counted=False, unit=unit)


_CLAUSE_BREAK = re.compile(r"[,;:()]")


def averages(scan: Scan) -> None:
    """Figures stated as an average ("25% on average", "an average of 3 days"), in the clause of the cue: a
    statistic of its own, which a range of values ("between 10% and 60%") neither backs nor contradicts."""
    if not scan.p.average.search(scan.masked):
        return
    marked = []
    for q in scan.found:
        start = max([0, *(m.end() for m in _CLAUSE_BREAK.finditer(scan.masked, 0, q.start))])
        stop = next((m.start() for m in _CLAUSE_BREAK.finditer(scan.masked, q.end)), len(scan.masked))
        stated = not q.is_date and scan.p.average.search(scan.masked, start, stop) is not None
        marked.append(replace(q, average=True) if stated else q)
    scan.found = marked


def formers(scan: Scan) -> None:
    """Last: the figures a later statement replaced ("cut from $40 to $25": the $40) marked ``former``."""
    scan.found = mark_former(scan.text, scan.found, scan.language)


# ------------------------------------------------------------------ passes: shares


def ratios(scan: Scan) -> None:
    """Ratios spelled out: "one in five", "3 out of 10"."""
    for m in scan.p.ratio.finditer(scan.masked):
        a, b = word_value(m.group("a").lower(), scan.language), word_value(m.group("b").lower(), scan.language)
        if a and b and a < b and scan.free(m.start(), m.end()):
            scan.add("fraction", a / b, m.start(), m.end())


def digit_percents(scan: Scan) -> None:
    """Percents in digits: "67%", "41.3 percent", "5 percentage points"."""
    for m in scan.p.digits.finditer(scan.masked):
        tail = scan.p.percent_tail.match(scan.masked, m.end())
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
    for m in scan.p.number_words.finditer(scan.masked):
        tail = scan.p.percent_tail.match(scan.masked, m.end())
        if tail and scan.free(m.start(), m.end()):
            value = parse_number_words(m.group(0), scan.language)
            if value is not None:
                scan.add("percent", value, m.start(), tail.end())


def _half_start(scan: Scan, m: re.Match[str]) -> int | None:
    """Where a share "half" starts ("a half" from the "a"), or None for "half-hearted", "second half"."""
    before = scan.masked[max(0, m.start() - 12) : m.start()].lower()
    after = scan.masked[m.end() : m.end() + 6].lower()
    if not (scan.p.half_after.match(after) or scan.p.half_cue.search(before)):
        return None
    for lead in scan.language.half_lead:
        if before.endswith(lead + " "):
            return m.start() - len(lead) - 1
    return m.start()


def fractions(scan: Scan) -> None:
    """Fractions in words: "a third", "two-thirds", "more than half"."""
    for m in scan.p.fraction.finditer(scan.masked):
        if not scan.free(m.start(), m.end()):
            continue
        if m.group("half"):
            start = _half_start(scan, m)
            if start is not None:
                scan.add("fraction", 0.5, start, m.end())
            continue
        den = scan.language.denominators[m.group("den").lower()]
        num_word = m.group("num").lower()
        num = 1.0 if num_word in scan.language.articles else word_value(num_word, scan.language)
        if num is None or num >= den:
            continue
        scan.add("fraction", num / den, m.start(), m.end())


# ------------------------------------------------------------------ passes: counts


def digit_counts(scan: Scan) -> None:
    """Counts and money in digits: "1,200 officers", "$5 million", "€3m"."""
    scales, abbreviations = scan.language.scales, scan.language.scale_abbreviations
    for m in scan.p.digits.finditer(scan.masked):
        start = m.start() if m.group("cur") else m.start("num")
        if not scan.free(start, m.end()):
            continue
        sign = 1.0
        if not m.group("cur"):
            start, sign = _signed(scan.masked, start)  # "for example -2 would round": minus two
        value = sign * float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        factor = scales.get(scale) or abbreviations.get(scale, 1.0)
        scan.add("money" if m.group("cur") else "count", value * factor, start, m.end())


def _one_is_a_pronoun(scan: Scan, start: int, end: int) -> bool:
    """Whether "one" here is a pronoun, not a count: "no one", "one of", "one's", "the one"."""
    before = scan.masked[max(0, start - 8) : start].lower()
    after = scan.masked[end : end + 10].lower()
    return bool(
        scan.p.one_pronoun_before.search(before)
        or scan.p.one_pronoun_after.match(after)
        or scan.p.possessive.match(after)
        or not _WORD_FOLLOWS.match(after)
    )


def word_counts(scan: Scan) -> None:
    """Counts in words: "two dozen", "one", "sixty"."""
    language = scan.language
    for m in scan.p.number_words.finditer(scan.masked):
        start, end = m.start(), m.end()
        phrase = m.group(0)
        lower = phrase.lower()
        if lower in language.articles or not scan.free(start, end):
            continue
        if lower == language.one and _one_is_a_pronoun(scan, start, end):
            continue
        value = parse_number_words(phrase, language)
        if value is not None:
            scan.add("count", value, start, end)


def a_single(scan: Scan) -> None:
    """ "a single": one."""
    for m in scan.p.single.finditer(scan.masked):
        if scan.free(m.start(), m.end()):
            scan.add("count", 1.0, m.start(), m.end())


def vague_counts(scan: Scan) -> None:
    """Vague counts: "dozens of", "hundreds of", each with the range it allows."""
    for m in scan.p.vague.finditer(scan.masked):
        if scan.free(m.start(), m.end()):
            lo, hi = scan.language.vague[m.group(1).lower()]
            scan.add("count", lo, m.start(), m.end(), hedge="vague", lo=lo, hi=hi)


# ------------------------------------------------------------------ driver

Pass = Callable[[Scan], None]

PASSES: tuple[Pass, ...] = (
    full_dates,  # dates first, so that "April 2022" never becomes the count 2022
    numeric_dates,
    era_dates,
    month_names,
    years,
    versions,  # before any count: "3.10" is no decimal
    ranges,  # "between 10% and 60%" before the percents in it
    ratios,  # "one in five" before the counts "one" and "five"
    measures,  # "1GB" before the count 1
    glued_thousands,  # "10K records" (masked as a name like "4K") before the counts
    digit_percents,
    word_percents,
    fractions,
    digit_counts,
    word_counts,
    a_single,
    vague_counts,
    averages,  # then: they read the figures all the others found
    formers,
)
"""The passes in the order they read; an earlier pass's reading wins over a later one's."""


def extract(
    text: str, limit: int | None = MAX_NUMBERS_PER_SENTENCE, language: Language = ENGLISH, heading: bool = False
) -> list[Quantity]:
    """Every quantity stated in ``text``, in order of appearance; the first ``limit`` (None: all).

    Read in ``language``; a ``heading``'s opening number is a version ("## 2.6 (2018-11-02)"). Linear in
    the text; the limit bounds what later steps compare, pair by pair, per sentence.
    """
    if not patterns(language).any_number.search(text):
        return []  # most sentences of a long corpus: no digit, no number word, no month
    scan = Scan(text, language, heading)
    for read in PASSES:
        read(scan)
    return sorted(scan.found, key=lambda q: q.start)[:limit]
