"""Quantities in news text: counts, percents, fractions, money, and dates kept apart.

General number libraries misread news prose ("287(g)" as 287, "April 2022" as the
count 2022, "67%" as a year), so this is a small dedicated extractor. Each quantity
records its hedge ("more than", "nearly"), the words as written, its offsets, and the
thing it counts ("agencies"), so two statements can be compared with the latitude
their wording allows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from factcheck.lang.en import (
    ADMINISTRATIONS, DENOMINATORS, HEDGES, MONTHS, SCALES, SKIP_AFTER, SMALL, TENS, UNIT_STOP, UNIT_SYNONYMS, VAGUE,
)

_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]

_HEDGE_RE = re.compile(
    r"(?:^|(?<=[\s(]))(" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)

# ------------------------------------------------------------------ dataclass


@dataclass(frozen=True)
class Quantity:
    """A number as stated: its kind, value, hedge, the words, and what it counts."""

    kind: str  # count | percent | fraction | money | date
    value: float  # percent 67 for 67%; fraction 0.667; date: the year
    text: str  # the words as written, hedge included ("nearly two-thirds")
    start: int
    end: int
    hedge: str = "exact"  # exact | approx | nearly | more | less | at_least | at_most | vague
    unit: str | None = None  # singular head noun of what is counted ("agency")
    month: int | None = None  # dates only
    day: int | None = None
    year: int | None = None
    lo: float | None = None  # explicit range, for vague words ("dozens")
    hi: float | None = None
    partial: bool = False  # "100 other groups": only part of the whole, so no upper bound
    phrase: str = ""  # the noun phrase counted, as written ("state and local law enforcement agencies")

    @property
    def is_date(self) -> bool:
        return self.kind == "date"

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
            # Rounding of a written figure: 67% is 66.5..67.5; "two-thirds" is a rounded word.
            tol = 0.005 if self.kind == "percent" else 0.02
            if self.kind == "percent" and "." in self.text:
                decimals = len(self.text.split(".")[1].split()[0].rstrip("%"))
                tol = 0.5 * 10 ** -(decimals + 2)
            approx, nearly = 0.05, 0.08
            top = 1.0
        else:
            tol = _rounding(self)
            approx, nearly = 0.1 * abs(v), 0.12 * abs(v)
            top = math.inf
        lo, hi = self._bounds(v, tol, approx, nearly, top)
        return (lo, top) if self.partial else (lo, hi)

    def _bounds(self, v: float, tol: float, approx: float, nearly: float, top: float) -> tuple[float, float]:
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


def _rounding(q: Quantity) -> float:
    """How far a written count may sit from the truth because of rounding."""
    text = q.text.lower()
    m = re.search(r"\d+\.(\d+)", text)
    if m:
        scale = 1.0
        for word, factor in SCALES.items():
            if word in text:
                scale = factor
        return 0.5 * 10 ** -len(m.group(1)) * scale
    if any(w in text for w in ("million", "billion", "trillion", "thousand")):
        return q.value * 0.05
    return 0.0


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two statements can both be true of the same thing."""
    if a.is_date or b.is_date:
        if not (a.is_date and b.is_date):
            return False
        return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))
    if a.share != b.share or (a.kind == "money") != (b.kind == "money"):
        return False
    alo, ahi = a.interval()
    blo, bhi = b.interval()
    return alo <= bhi + 1e-12 and blo <= ahi + 1e-12


def distinctive(q: Quantity) -> bool:
    """A figure specific enough to identify its subject by itself: 54 or 138, not 1 or 100."""
    if q.hedge != "exact" or q.kind != "count":
        return q.kind == "percent" and q.hedge == "exact" and q.value not in (50, 100)
    v = q.value
    return v > 12 and not (v % 100 == 0 or (v >= 1000 and v % 1000 == 0))


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing (so a mismatch means something)."""
    if a.is_date or b.is_date:
        return a.is_date and b.is_date
    return a.share == b.share and (a.kind == "money") == (b.kind == "money")


# ------------------------------------------------------------------ extraction

_MASKS = [
    re.compile(r"\b\d+\([a-zA-Z0-9]{1,3}\)"),  # 287(g), 501(c)
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail
    re.compile(r"\bhttps?://\S+|\bwww\.\S+"),  # URLs
    re.compile(r"(?:\+?1[\s.-])?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"),  # phone numbers
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE),  # clock times
    re.compile(r"\b\d{1,2}\s*[ap]\.m\.", re.IGNORECASE),  # 9 a.m.
    re.compile(r"\b(?:No\.|#)\s?\d+\b"),  # No. 5, #3
    re.compile(r"\b\d+(?:/\d+)+(?:st|nd|rd|th)?\b"),  # slashed: 7/29, 1/10th Bn, 24/7 — not a count
    re.compile(r"\b[A-Z]{1,4}-?\d+[A-Za-z]*\b"),  # codes: H.R. numbers, I-95, COVID-19
    re.compile(r"(?<![$€£.\d])\b\d+[A-Za-z]+\d*\b(?<!\d(?:st|nd|rd|th))"),  # 4K, 3D, 5G; not €3m
]

_NUMWORD = "|".join(sorted(list(SMALL) + list(TENS), key=len, reverse=True))
_NUMBER_WORDS = re.compile(
    rf"\b(?:(?:a|{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}|hundred|thousand|million|billion|dozen|and(?=[\s-]+(?:{_NUMWORD}))))*)\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<scale>\s?(?:hundred|thousand|million|billion|trillion|[mbk]n?)\b)?"
    r"(?!(?<=1)st\b|(?<=2)nd\b|(?<=3)rd\b|th\b|\d)",  # not an ordinal: "61st", "8th"
    re.IGNORECASE,
)
_PERCENT_TAIL = re.compile(r"^\s?(?:%|percent\b|per\s?cent\b|percentage points?\b|pct\b)", re.IGNORECASE)
_FRACTION = re.compile(
    rf"\b(?P<num>a|an|one|{_NUMWORD})[\s-]+(?P<den>{'|'.join(DENOMINATORS)})\b|\b(?P<half>half)\b",
    re.IGNORECASE,
)
_ONE_IN = re.compile(rf"\b(?P<a>\d+|{_NUMWORD}) (?:in|out of) (?P<b>\d+|{_NUMWORD})\b", re.IGNORECASE)
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_MDY = re.compile(
    rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:1[6-9]|20)\d{{2}})\b)?",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})\.?(?:,?\s+(?P<year>(?:1[6-9]|20)\d{{2}}))?\b",
    re.IGNORECASE,
)
_DATE_MY = re.compile(rf"\b(?P<month>{'|'.join(_FULL_MONTHS)}|{_MONTH_ALT}\.)\s+(?:of\s+)?(?P<year>(?:1[6-9]|20)\d{{2}})\b", re.IGNORECASE)
_DATE_M = re.compile(rf"\b(?P<month>{'|'.join(_FULL_MONTHS)})\b", re.IGNORECASE)
_MONTH_CUES = re.compile(r"\b(in|by|since|until|till|from|of|during|last|next|early|late|mid|through|before|after|this)\s*-?$", re.I)
_YEAR = re.compile(r"(?<![\d$€£.,])\b(?P<year>(?:1[6-9]|20)\d{2})\b(?!\s?(?:%|percent|per cent))(?![.,]\d)")
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")

_UNIT_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+\([a-z]\)")




def singular(word: str) -> str:
    """A light singular, enough to match "agencies" with "agency"; synonyms folded together."""
    w = word.lower().strip("'’").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    return UNIT_SYNONYMS.get(w, w)


def _unit_after(text: str, end: int) -> tuple[str | None, str]:
    """The head noun of what a number counts, and its phrase: "138 state and local ... agencies"."""
    rest = text[end:end + 120]
    words: list[str] = []
    pos = 0
    skipping = True
    while len(words) < 7:
        m = re.match(r"[\s\-]*", rest[pos:])
        pos += m.end() if m else 0
        w = _UNIT_WORD.match(rest, pos)
        if not w:
            break
        word = w.group(0)
        lower = word.lower()
        pos = w.end()
        if skipping and lower in SKIP_AFTER:
            continue
        skipping = False
        if lower in ("and", "or"):
            words.append("")  # a coordination: the phrase goes on
            continue
        if lower in UNIT_STOP or lower in MONTHS or lower in HEDGES:
            break
        if [w for w in words if w] and lower.endswith(("ing", "ed")) and len(lower) > 4:
            break  # "sheriffs participating in": the noun came first
        words.append(word)
        if word.endswith(("'", "’")):  # immigrants' rights: a possessive goes on
            continue
    words = [w for w in words if w and not re.match(r"\d", w)]
    if not words:
        return None, ""
    # Counts above one count plural nouns: "agencies take part" counts agencies, not "take".
    plural = [w for w in words if w.lower().endswith("s") and not w.lower().endswith(("ss", "us", "is"))]
    head = plural[-1] if plural else words[-1]
    return singular(head), " ".join(words[: words.index(head) + 1])


def _hedge_before(text: str, start: int) -> tuple[str, int]:
    window = text[max(0, start - 25):start]
    m = _HEDGE_RE.search(window)
    if not m:
        return "exact", start
    return HEDGES[m.group(1).lower()], start - (len(window) - m.start(1))


def parse_number_words(phrase: str) -> float | None:
    """ "two dozen" -> 24, "one hundred and five" -> 105, "sixty-seven" -> 67."""
    total = 0.0
    current = 0.0
    seen = False
    for tok in re.split(r"[\s-]+", phrase.lower()):
        if tok == "and" or not tok:
            continue
        if tok == "a":
            current = max(current, 1.0)
            continue
        if tok in SMALL:
            current += SMALL[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok == "dozen":
            current = max(current, 1.0) * 12
            seen = True
        elif tok == "hundred":
            current = max(current, 1.0) * 100
            seen = True
        elif tok in SCALES:
            total += max(current, 1.0) * SCALES[tok]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _word_value(token: str) -> float | None:
    if token.isdigit():
        return float(token)
    return parse_number_words(token)


def _free(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    return all(e <= a or s >= b for a, b in taken)


_ANY_NUMBER = re.compile(
    rf"\d|\b(?i:{_NUMWORD}|half|thirds?|quarters?|dozens?|hundreds|thousands|millions|scores|single)\b"
    rf"|\b(?:{'|'.join(m.capitalize() for m in MONTHS)})\b",  # months capitalised: not the verb "may"
)


def extract(text: str) -> list[Quantity]:
    """Every quantity stated in ``text``, in order of appearance."""
    if not _ANY_NUMBER.search(text):
        return []  # most sentences of a long corpus: no digit, no number word, no month
    masked = text
    for rx in _MASKS:
        masked = rx.sub(lambda m: " " * len(m.group(0)), masked)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value: float, s: int, e: int, hedge_ok: bool = True, unit: bool = True, **extra: object) -> None:
        hedge, hs = _hedge_before(masked, s) if hedge_ok else ("exact", s)
        if "hedge" in extra:
            hedge = str(extra.pop("hedge"))
        partial = bool(re.match(r"\s+(?:other|more|additional|further)\b", masked[e:e + 14], re.IGNORECASE))
        head, phrase = _unit_after(masked, e) if unit else (None, "")
        found.append(
            Quantity(
                kind, value, text[hs:e], hs, e, hedge, head,
                partial=partial and kind == "count", phrase=phrase,
                **extra,  # type: ignore[arg-type]
            )
        )
        taken.append((s, e))

    # Dates first, so that "April 2022" never becomes the count 2022.
    for rx in (_ISO_DATE, _DATE_MDY, _DATE_DMY, _DATE_MY):
        for m in rx.finditer(masked):
            if not _free(taken, m.start(), m.end()):
                continue
            gd = m.groupdict()
            month = gd.get("month")
            mnum = int(month) if month and month.isdigit() else MONTHS.get((month or "").lower().rstrip("."))
            if month and mnum is None:
                continue
            if rx is _DATE_MDY and (month or "").lower() == "may" and not gd.get("year") and masked[m.start()].islower():
                continue  # "may 5 agencies": a verb
            year = int(gd["year"]) if gd.get("year") else None
            day = int(gd["day"]) if gd.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            add("date", float(year or 0), m.start(), m.end(), hedge_ok=False, unit=False, month=mnum, day=day, year=year)
    for m in _DATE_M.finditer(masked):
        if not _free(taken, m.start(), m.end()):
            continue
        word = m.group("month")
        if word.lower() == "may" and not (word[0].isupper() and _MONTH_CUES.search(masked[: m.start()])):
            continue
        if word[0].islower():
            continue
        add("date", 0.0, m.start(), m.end(), hedge_ok=False, unit=False, month=MONTHS[word.lower()])
    for m in _YEAR.finditer(masked):
        if not _free(taken, m.start(), m.end()):
            continue
        after = masked[m.end():m.end() + 24].lower()
        if re.match(r"\s+(?:of\s+)?(?:people|agencies|organizations|groups|officers|members|cases|residents|times|dollars)\b", after):
            continue  # a count that happens to look like a year
        y = int(m.group("year"))
        add("date", float(y), m.start(), m.end(), hedge_ok=False, unit=False, year=y)

    # Ratios spelled out: "one in five".
    for m in _ONE_IN.finditer(masked):
        a, b = _word_value(m.group("a").lower()), _word_value(m.group("b").lower())
        if a and b and a < b and _free(taken, m.start(), m.end()):
            add("fraction", a / b, m.start(), m.end())

    # Percents, digits or words.
    for m in _DIGITS.finditer(masked):
        percent_tail = _PERCENT_TAIL.match(masked[m.end():])
        if percent_tail and not m.group("scale") and not m.group("cur") and _free(taken, m.start(), m.end()):
            add("percent", float(m.group("num").replace(",", "")), m.start("num"), m.end() + percent_tail.end())
    for m in _NUMBER_WORDS.finditer(masked):
        word_tail = _PERCENT_TAIL.match(masked[m.end():])
        if word_tail and _free(taken, m.start(), m.end()):
            value = parse_number_words(m.group(0))
            if value is not None:
                add("percent", value, m.start(), m.end() + word_tail.end())

    # Fractions: "a third", "two-thirds", "half".
    for m in _FRACTION.finditer(masked):
        if not _free(taken, m.start(), m.end()):
            continue
        if m.group("half"):
            before = masked[max(0, m.start() - 12):m.start()].lower()
            after = masked[m.end():m.end() + 6].lower()
            if not (after.startswith(" of") or re.search(r"(than|about|nearly|almost|over|roughly|just|a|one)\s+$", before)):
                continue  # "half-hearted", "on behalf", "second half"
            s = m.start()
            if before.endswith("a ") or before.endswith("one "):
                s -= 2 if before.endswith("a ") else 4
            add("fraction", 0.5, s, m.end())
            continue
        den = DENOMINATORS[m.group("den").lower()]
        num_word = m.group("num").lower()
        num = 1.0 if num_word in ("a", "an") else _word_value(num_word)
        if num is None or num >= den:
            continue
        add("fraction", num / den, m.start(), m.end())

    # Counts and money in digits.
    for m in _DIGITS.finditer(masked):
        s, e = m.start("num") if not m.group("cur") else m.start(), m.end()
        if not _free(taken, s, e):
            continue
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        factor = SCALES.get(scale) or {"m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "k": 1e3}.get(scale, 1.0)
        if m.group("cur"):
            add("money", value * factor, s, e)
        else:
            add("count", value * factor, s, e)

    # Counts in words: "two dozen", "one", "sixty".
    for m in _NUMBER_WORDS.finditer(masked):
        s, e = m.start(), m.end()
        phrase = m.group(0)
        if phrase.lower() in ("a", "an") or not _free(taken, s, e):
            continue
        lower = phrase.lower()
        if lower in ("one",):
            before = masked[max(0, s - 8):s].lower()
            after = masked[e:e + 10].lower()
            if re.search(r"(no|any|some|every|the|this|that|which|each|only)\s+$", before) or re.match(
                r"\s+(of|another|other|way|day|thing|by)\b", after
            ) or re.match(r"[’']s\b", after) or not re.match(r"\s+\S", after):
                continue
        value = parse_number_words(phrase)
        if value is None:
            continue
        add("count", value, s, e)

    # "a single": one.
    for m in re.finditer(r"\ba single\b", masked, re.IGNORECASE):
        if _free(taken, m.start(), m.end()):
            add("count", 1.0, m.start(), m.end())

    # Vague counts: "dozens of", "hundreds of".
    for m in re.finditer(r"\b(dozens|scores|hundreds|thousands|millions)\b(?=\s+of\b)", masked, re.IGNORECASE):
        if _free(taken, m.start(), m.end()):
            lo, hi = VAGUE[m.group(1).lower()]
            add("count", lo, m.start(), m.end(), hedge="vague", lo=lo, hi=hi)

    found.sort(key=lambda q: q.start)
    return found


def describe(q: Quantity) -> str:
    """A short human rendering of the value: '67%', '0.667', 'April 2022'."""
    if q.is_date:
        parts = []
        if q.month:
            parts.append([k for k, v in MONTHS.items() if v == q.month and len(k) > 3][0].capitalize() if q.month != 5 else "May")
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


# ------------------------------------------------------------------------- time

_ERA = re.compile(
    r"\b(?:at|by|near|toward|towards)?\s*the\s+(?P<edge>end|start|beginning|close|outset)\s+of\s+the\s+"
    r"(?P<who>" + "|".join(ADMINISTRATIONS) + r")\s+administration\b",
    re.IGNORECASE,
)

def _era(text: str) -> tuple[date, str] | None:
    m = _ERA.search(text)
    if not m:
        return None
    start, end = ADMINISTRATIONS[m.group("who").lower()]
    when = end if m.group("edge").lower() in ("end", "close") else start
    return when, m.group(0).strip()


def statement_time(text: str, found: list[Quantity], fallback: date | None, fallback_text: str | None
                   ) -> tuple[date | None, str | None, bool]:
    """When a statement was true: its own words first, then its document's date."""
    era = _era(text)
    if era:
        return era[0], era[1], True
    dates = [q for q in found if q.is_date]
    if dates:
        q = dates[0]
        year = q.year or (fallback.year if fallback and q.month else None)
        when = date(year, q.month or 12, min(q.day or 28, 28)) if year else None
        return when, q.text, True
    return fallback, fallback_text, False
