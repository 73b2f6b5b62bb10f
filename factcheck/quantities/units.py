"""The words around a figure: the hedge before it ("more than") and the noun it counts after it.

Two statements are compared only when they count the same thing, so the counted noun is
reduced to a light singular with synonyms folded ("organizations" and "groups" agree).
The words are a :class:`~factcheck.lang.Language`'s (English by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TypeGuard, get_args

from factcheck.lang import ENGLISH, Language
from factcheck.quantities.model import Hedge

_HEDGE_WINDOW = 25  # characters before a figure searched for its hedge

_UNIT_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+\([a-z]\)")
_GAP = re.compile(r"[\s\-]*")
_UNIT_SPAN = 120  # characters after a figure read for its noun phrase
_UNIT_WORDS = 7  # words at most in that phrase


def _is_hedge(name: str) -> TypeGuard[Hedge]:
    return name in get_args(Hedge)


@dataclass(frozen=True)
class _Hedges:
    """A language's hedges: the pattern ending just before a figure, and the Hedge each names."""

    pattern: re.Pattern[str]
    names: dict[str, Hedge]


@cache
def _hedges(language: Language) -> _Hedges:
    """The hedge words of the language, each checked to name a known ``Hedge``."""
    table: dict[str, Hedge] = {}
    for words, name in language.hedges.items():
        if not _is_hedge(name):
            raise ValueError(f"hedge {words!r} names an unknown hedge {name!r}")
        table[words] = name
    alternatives = "|".join(re.escape(h) for h in sorted(language.hedges, key=len, reverse=True))
    return _Hedges(re.compile(r"(?:^|(?<=[\s(]))(" + alternatives + r")\s*$", re.IGNORECASE), table)


def hedge_before(text: str, start: int, language: Language = ENGLISH) -> tuple[Hedge, int]:
    """The hedge written just before ``text[start]`` and where it starts; ("exact", start) if none."""
    hedges = _hedges(language)
    window = text[max(0, start - _HEDGE_WINDOW) : start]
    m = hedges.pattern.search(window)
    if not m:
        return "exact", start
    return hedges.names[m.group(1).lower()], start - (len(window) - m.start(1))


def singular(word: str, language: Language = ENGLISH) -> str:
    """A light singular, enough to match "agencies" with "agency"; synonyms folded together."""
    w = language.singular(word)
    return language.unit_synonyms.get(w, w)


_JOINED = re.compile(r"-([A-Za-z]+)\b(?!-)")


def unit_after(text: str, end: int, language: Language = ENGLISH) -> tuple[str | None, str]:
    """The head noun of what a number counts, and its phrase: "138 state and local ... agencies". A noun joined
    to the figure by a hyphen is its unit, whatever follows: "a 23-byte header" is 23 bytes, as "23 bytes" is."""
    joined = _JOINED.match(text, end)
    if joined and joined.group(1).lower() not in language.unit_stop:
        return singular(joined.group(1).lower(), language), joined.group(1)
    return _head_of(_phrase_words(text[end : end + _UNIT_SPAN], language), language)


_NEXT_TWO = re.compile(r"\s*([A-Za-z][A-Za-z'’\-]*)\s+([A-Za-z]+)")


def verb_after(text: str, end: int, language: Language = ENGLISH) -> bool:
    """Whether the word right after a figure of zero or one is a verb with its object ("to 0 restores the
    previous default", "1 means a single worker"): a word ending in "s" after one (or a value of 0) is no plural
    noun it counts, when a determiner follows it. After larger figures the same shape is a noun ("the 54
    agencies the ACLU targeted"), so this is asked only of zero and one."""
    m = _NEXT_TWO.match(text, end)
    return m is not None and m.group(1).lower().endswith("s") and m.group(2).lower() in language.determiners


def _phrase_words(rest: str, language: Language) -> list[str]:
    """The words of the noun phrase at the start of ``rest``; "" stands for an "and"/"or" inside it."""
    words: list[str] = []
    pos = 0
    skipping = True  # "of the", "all their": leading words that are not yet the phrase
    while len(words) < _UNIT_WORDS:
        m = _GAP.match(rest, pos)
        pos = m.end() if m else pos
        w = _UNIT_WORD.match(rest, pos)
        if not w:
            break
        word = w.group(0)
        lower = word.lower()
        pos = w.end()
        if skipping and lower in language.skip_after:
            continue
        skipping = False
        if lower in language.conjunctions:
            words.append("")  # a coordination: the phrase goes on
            continue
        if _ends_phrase(lower, words, language):
            break
        words.append(word)  # a possessive ("immigrants' rights") goes on like any word
    return words


def _ends_phrase(lower: str, words: list[str], language: Language) -> bool:
    """Whether ``lower`` is past the noun phrase: a function word, a month, a hedge, a verb after the noun, or
    an adverb after a plural noun ("four parallel jobs usually takes": jobs, not "takes"; an adverb before
    the noun, "3 newly built houses", is inside the phrase)."""
    if lower in language.unit_stop or lower in language.months or lower in language.hedges:
        return True
    if lower.endswith(language.adverb_endings) and any(w and language.is_plural(w.lower()) for w in words):
        return True
    # "sheriffs participating in": the noun came first.
    return bool([w for w in words if w]) and lower.endswith(language.verb_endings) and len(lower) > 4


def _head_of(words: list[str], language: Language) -> tuple[str | None, str]:
    """The counted noun among the phrase's words (singular) and the phrase up to it."""
    words = [w for w in words if w and not re.match(r"\d", w)]
    if not words:
        return None, ""
    # Counts above one count plural nouns: "agencies take part" counts agencies, not "take".
    plural = [w for w in words if language.is_plural(w.lower())]
    head = plural[-1] if plural else words[-1]
    return singular(head, language), " ".join(words[: words.index(head) + 1])


@cache
def _per(language: Language) -> re.Pattern[str]:
    return re.compile(language.patterns.per.format(), re.IGNORECASE)


_PER_SPAN = 60  # characters after a figure read for "a day", "per year"


def per_unit(text: str, q_end: int, language: Language = ENGLISH) -> str | None:
    """What a figure is counted per, when it is a rate: "3.4 million litres a day" is per day."""
    m = _per(language).match(text[q_end : q_end + _PER_SPAN])
    if not m:
        return None
    per = (m.group("per") or m.group("slash") or "").lower()
    return language.per_units.get(per, per)
