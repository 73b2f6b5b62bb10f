"""Versions in prose: "2.4.12", "version 2.6", "the 2.4 series", "CMake 3.18 or newer".

A version is no decimal: 3.10 comes after 3.9, and 3.1 is not 3.10. It is read as its own kind of
figure, with the product it belongs to where the text names one ("CMake") and the bound written after
it ("or newer": the minimum). The words are a :class:`~factcheck.lang.Language`'s (English by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from factcheck import lang
from factcheck.lang import ENGLISH, Language
from factcheck.quantities.model import Hedge, Quantity
from factcheck.quantities.time import changed_from


@dataclass(frozen=True)
class Found:
    """One version in the text: where, its numbers dotted, the product named before it, the bound after it."""

    start: int
    end: int
    number: str
    product: str | None
    hedge: Hedge


@dataclass(frozen=True)
class _Patterns:
    dotted: re.Pattern[str]
    keyword: re.Pattern[str]
    series: re.Pattern[str]
    named: re.Pattern[str]
    package: re.Pattern[str]
    heading: re.Pattern[str]
    bound: re.Pattern[str]
    since: re.Pattern[str]
    least: re.Pattern[str]  # a minimum written before: "at least kernel 4.9", "glibc >= 2.28"
    bounded: re.Pattern[str]  # a dotted figure with a bound, before or after it, is a version: "2.28 or newer"
    whole: re.Pattern[str]  # a whole number with a bound mark before or a bound after: "GCC 12 or newer", ">= 11"
    lettered: re.Pattern[str]  # a release identifier ending in a letter: "2022f", "1.1.1k"


_PLAIN_DOTTED = re.compile(r"\d+\.\d+(?:\.\d+)*")


def as_version(q: Quantity) -> Quantity:
    """A plain dotted count ("9.0" in "coreutils 9.0") read as the version it may be, where the other side of a
    comparison names versions; any other quantity as it is, a factor too ("a 1.25x speedup")."""
    factor = q.phrase.split(" ", 1)[0].lower() in lang.get(q.language).factor_words
    if q.kind == "count" and q.hedge == "exact" and not factor and _PLAIN_DOTTED.fullmatch(q.text):
        return replace(q, kind="version", version=q.text, value=float(q.text.split(".")[0]))
    return q


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(language: Language) -> _Patterns:
    t = language.patterns
    bounds = _alternatives((*language.version_later, *language.version_earlier))
    least = _alternatives(language.version_least)
    words = _alternatives(tuple(w for w in language.version_least if w[:1].isalpha()))  # "at least": a name follows
    marks = _alternatives(tuple(w for w in language.version_least if not w[:1].isalpha()))  # ">=": the number
    return _Patterns(
        re.compile(t.version_dotted.format()),
        re.compile(t.version_keyword.format(keywords=_alternatives(language.version_keywords)), re.IGNORECASE),
        re.compile(t.version_series.format(series=_alternatives(language.version_series)), re.IGNORECASE),
        re.compile(t.version_named.format()),
        re.compile(t.version_package.format()),
        re.compile(t.version_heading.format()),
        re.compile(rf"\s*({bounds})(?![\w])", re.IGNORECASE),
        re.compile(
            rf"(?<![\w])(?:{_alternatives(language.version_since)})\s+(?:[A-Za-z][\w+#.-]*\s+)?$", re.IGNORECASE
        ),
        re.compile(rf"(?:(?<![\w])|(?<=[\s(]))(?:{least})\s*(?:[A-Za-z][\w+#-]*\s+)?$", re.IGNORECASE),
        re.compile(
            rf"(?:(?:{marks})\s*|(?<![\w])(?:{words})\s+[A-Za-z][\w+#-]*\s+)(?P<num>\d+\.\d+(?:\.\d+)*)(?![\w]|\.\d|\s?%)"
            rf"|(?<![\w.])(?P<num2>\d+\.\d+(?:\.\d+)*)(?=\s*(?:{bounds})(?![\w]))",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?:{marks})\s*(?P<num>\d+)(?![\w.,]|\s?%)|(?<![\w.,])(?P<num2>\d+)(?=\s*(?:{bounds})(?![\w]))",
            re.IGNORECASE,
        ),
        re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)*[a-z])(?![\w]|\.\d)"),
    )


def _lettered(text: str, p: _Patterns, language: Language) -> list[tuple[int, int, str, bool]]:
    """Release identifiers ending in a letter ("tzdata 2022f", "release 2022g", "OpenSSL 1.1.1k"): after a version
    keyword, any letter; after a product's name, a dotted one, a year's with its letter ("tzdata 2022g"), or one
    whose letter is no unit or scale ("500g" of flour is grams, "40k" thousands: the letters a figure's unit may
    be are the language's ``digit_letter_name`` mask's exceptions); and then one of the same form as another
    found ("from tzdata 2022f ... to 2022g")."""
    found, shapes, rest = [], set(), []
    name = _digit_letter_name(language)
    for m in p.lettered.finditer(text):
        start, number = m.start("num"), m.group("num")
        words = re.findall(r"[A-Za-z][\w.]*", _clause_before(text, start))
        keyword = bool(words) and words[-1].lower() in language.version_keywords
        scale = number[-1] in language.scale_abbreviations  # "40k tickets": thousands
        lone = name.fullmatch(number) is None and not _YEAR_LIKE.fullmatch(number[:-1])
        unit = "." not in number and (scale or lone)
        if keyword or (not unit and _product_before(text, start, language, bounded=True) is not None):
            found.append((start, m.end("num"), number, False))
            shapes.add(_DIGIT.sub("9", number[:-1]))
        else:
            rest.append((start, m.end("num"), number, False))
    return found + [f for f in rest if _DIGIT.sub("9", f[2][:-1]) in shapes]


_DIGIT = re.compile(r"\d")


@cache
def _digit_letter_name(language: Language) -> re.Pattern[str]:
    return re.compile(language.patterns.digit_letter_name.format())


def _product_before(text: str, start: int, language: Language, bounded: bool = False) -> str | None:
    """The product a version belongs to: the capitalised name just before it ("CMake 3.18", "Python version
    3.10") or joined to it ("coreutils-9.0"), not a sentence's opening word, a stopword or a part of a
    document ("Figure 3.2"); where the version has a bound, a name in lower case too ("glibc >= 2.28",
    "at least kernel 4.9", "gcc 10.1 or later")."""
    before = _clause_before(text, start)
    joined = re.search(r"([A-Za-z][\w+]*)-$", before)
    if joined:
        return joined.group(1).lower()
    words = list(re.finditer(r"[A-Za-z][\w+#]*", before))
    for m in reversed(words[-2:]):
        word = m.group(0)
        lower = word.lower()
        if lower in language.version_keywords:
            continue
        if not word[0].isupper() and before[: m.start()].rstrip().endswith("("):
            continue  # "Automake (use 1.11.3 or later)": an aside's opening word, the product before it
        if (
            len(word) > 1
            and (word[0].isupper() or bounded)
            and lower not in language.stopwords
            and lower not in language.not_products
            and lower not in {w for bound in language.version_least for w in bound.split()}
            and lower not in language.hedges
        ):
            return lower  # not "E" of "E.19. Release 15.2"
        return None
    return None


def _clause_before(text: str, start: int) -> str:
    """The 40 characters before a version, from the start of its clause: a table row's cells are clauses
    ("Architectures: x64; Versions: >= 10.15": x64 is no product of 10.15)."""
    before = text[max(0, start - 40) : start]
    return before[before.rfind(";") + 1 :]


def _labelled(text: str, start: int, language: Language) -> bool:
    """Whether the word just before a version is a version keyword as a label: "Versions: >= 11"."""
    words = re.findall(r"[A-Za-z][\w.]*", _clause_before(text, start))
    return bool(words) and words[-1].lower() in language.version_keywords


def _named(text: str, start: int, language: Language) -> bool:
    """Whether the word just before a whole number names a product: a capital in it ("GCC 12", "macOS 11", "Java
    8"), where "aged 12 or older" has none; not a stopword, a month, a hedge or a part of a document ("Tier 1");
    and a plain capitalised word that opens the text, a clause or a cell ("Age 18 or above") only with a capital
    inside it."""
    clause = _clause_before(text, start)
    words = list(re.finditer(r"[A-Za-z][\w+#.]*", clause))
    if not words:
        return False
    word = words[-1].group(0).rstrip(".")
    lower = word.lower()
    if lower in language.stopwords or lower in language.not_products or lower in language.months:
        return False
    if lower in language.hedges or not any(ch.isupper() for ch in word):
        return False
    lead = re.split(r"[,;:(]|[.!?]\s", clause)[-1]
    opens = re.fullmatch(r"\W*", lead[: lead.rfind(word)]) is not None and (
        len(lead) < len(clause) or len(clause) < 40 or text[: start - len(clause)].rstrip().endswith(";")
    )
    return not opens or any(ch.isupper() for ch in word[1:])


_YEAR_LIKE = re.compile(r"(?:1[6-9]|20)\d\d")


def _whole(text: str, p: _Patterns, language: Language) -> list[tuple[int, int, str, bool]]:
    """Whole numbers that are versions: a bound says so, and a capitalised product's name or a version label
    stands before ("GCC 12 or newer", "macOS >= 11", "Versions: >= 11"); never a year."""
    found = []
    for m in p.whole.finditer(text):
        group = "num" if m.group("num") else "num2"
        start = m.start(group)
        if _YEAR_LIKE.fullmatch(m.group(group)) or _scaled(text, m.end(group), language):
            continue
        head, at = _before_bound(text, start, language)
        if _named(head, at, language) or _labelled(head, at, language):
            found.append((start, m.end(group), m.group(group), True))
    return found


def _before_bound(text: str, start: int, language: Language) -> tuple[str, int]:
    """The text before a version and its bound mark (">= 11": what stands before the ">=")."""
    before = text[:start].rstrip()
    for mark in (w for w in language.version_least if not w[:1].isalpha()):
        if before.endswith(mark):
            before = before[: -len(mark)]
    return before, len(before)


def may_hold_versions(text: str, language: Language = ENGLISH) -> bool:
    """Whether a text (masked of addresses) may state a version: a dotted figure, a whole number with a bound, or
    an identifier ending in a letter ("2022f")."""
    p = _patterns(language)
    return _DOTTED_MARK.search(text) is not None or any(rx.search(text) for rx in (p.whole, p.lettered))


_DOTTED_MARK = re.compile(r"\d[./]\d")


def _bound_after(text: str, end: int, p: _Patterns, language: Language) -> tuple[Hedge, int]:
    """ "or newer" (a minimum) or "or earlier" (a maximum) written after a version, and where it ends."""
    m = p.bound.match(text, end)
    if not m:
        return "exact", end
    words = " ".join(m.group(1).lower().split())
    return ("at_least" if words in language.version_later else "at_most"), m.end()


def _names_a_product(m: re.Match[str], text: str, language: Language) -> bool:
    """A capitalised word before a dotted number names a product: not a part of a document, a stopword, a
    hedge or a month ("Figure 3.2", "Nearly 2.5 million"); nor an adverb or a past tense opening a sentence
    ("Roughly", "Estimated"); and the number is no scaled figure ("2.5 million")."""
    name = m.group("name")
    lower = name.lower()
    if lower in language.not_products or lower in language.stopwords or lower in language.months:
        return False
    if lower in language.hedges or lower.endswith((language.past_suffix, language.adverb_suffix)):
        return False
    return not _scaled(text, m.end(), language)


def _scaled(text: str, end: int, language: Language) -> bool:
    """Whether a scale word follows the number: "2.5 million" is a figure, not a version."""
    rest = text[end : end + 16].lower().split()
    return bool(rest) and rest[0].strip(",.;:") in language.scales


def find_versions(text: str, language: Language = ENGLISH, heading: bool = False) -> list[Found]:
    """Every version in ``text`` (already masked of addresses and codes), in order, none overlapping. In a
    ``heading``, a number that opens it is a version too ("2.6 (2018-11-02)": a changelog's section)."""
    p = _patterns(language)
    taken = bytearray(len(text))
    out: list[Found] = []
    candidates: list[tuple[int, int, str, bool]] = []
    for rx in (p.keyword, p.dotted, p.package, p.named, p.series, *((p.heading,) if heading else ())):
        for m in rx.finditer(text):
            if rx is p.named and not _names_a_product(m, text, language):
                continue
            if rx is p.heading and _scaled(text, m.end(), language):
                continue
            if rx is p.keyword and "." not in m.group("num"):
                continue  # "release 2", "version 2": a count as often as a version
            candidates.append((m.start() if rx is p.keyword else m.start("num"), m.end("num"), m.group("num"), False))
    for m in p.bounded.finditer(text):  # only a bound says these are versions: with a product's name
        group = "num" if m.group("num") else "num2"
        if not _scaled(text, m.end(group), language):
            candidates.append((m.start(group), m.end(group), m.group(group), True))
    lettered = _lettered(text, p, language)
    candidates += _whole(text, p, language) + lettered
    for start, end, number, named in candidates:
        if taken.find(1, start, end) != -1:
            continue
        hedge, stop = _bound_after(text, end, p, language)
        least = p.least.search(text[max(0, start - 40) : start]) if hedge == "exact" else None
        bounded = hedge != "exact" or least is not None or number[-1].isalpha()  # "tzdata 2022f": a product
        product = _product_before(text, start, language, bounded=bounded)
        if named and product is None and not _labelled(*_before_bound(text, start, language), language):
            continue  # "was >= 2.5", "2.5 or more": a figure's bound
        since = p.since.search(text[max(0, start - 40) : start]) if hedge == "exact" else None
        if since is not None and changed_from(text[max(0, start - 40) : start], language):
            since = None  # "moved from tzdata 2022f to 2022g": the old value (marked former), not a minimum
        if since is not None or least is not None:  # "since Python 3.8.6": from it on; "glibc >= 2.28"
            hedge, start = "at_least", max(0, start - 40) + (since or least).start()  # type: ignore[union-attr]
        taken[start:stop] = b"\x01" * (stop - start)
        out.append(Found(start, stop, number, product, hedge))
    out += _listed_after(text, out, taken, p, language)
    return sorted(out, key=lambda f: f.start)


@cache
def _list_item(language: Language) -> re.Pattern[str]:
    """A dotted number that continues a list after a version: ", 3.9", ", and 3.12", " or 3.10"."""
    joins = _alternatives(tuple(language.conjunctions))
    return re.compile(
        rf"(?:\s*,\s*(?:(?:{joins})\s+)?|\s+(?:{joins})\s+)(?P<num>\d+\.\d+(?:\.\d+)*)(?![\w]|\.\d|\s?%)",
        re.IGNORECASE,
    )


def _listed_after(text: str, found: list[Found], taken: bytearray, p: _Patterns, language: Language) -> list[Found]:
    """The dotted numbers listed after a version are versions of its product: "Python 3.8, 3.9, 3.10, and 3.12"
    names five Pythons, not the Python 3.8 and the counts 3.9 and 3.1; each with its own bound ("3.11 or
    later"). A number of another depth than the first ("ICL 11.10.051, and 1.74"), a scaled figure ("2.5
    million") or a factor ("1.74 times") ends the list."""
    out: list[Found] = []
    rx = _list_item(language)
    for f in (f for f in found if "." in f.number):
        at = f.end
        while (m := rx.match(text, at)) and taken.find(1, m.start("num"), m.end("num")) == -1:
            if m.group("num").count(".") != f.number.count(".") or _scaled(text, m.end("num"), language):
                break  # "ICL 11.10.051, and 1.74 times": another figure, not the list's next release
            after = text[m.end("num") :].split(maxsplit=1)
            if after and after[0].strip(",.;:").lower() in language.factor_words:
                break
            hedge, stop = _bound_after(text, m.end("num"), p, language)
            taken[m.start("num") : stop] = b"\x01" * (stop - m.start("num"))
            out.append(Found(m.start("num"), stop, m.group("num"), f.product, hedge))
            at = stop
    return out
