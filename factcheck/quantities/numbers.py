"""Numbers written as words: "sixty-seven", "two dozen", "one hundred and five".

News prose spells out small and round numbers; they count as much as digits do.
"""

from __future__ import annotations

import re
from functools import cache

from factcheck.lang import ENGLISH, Language

_SEPARATOR = re.compile(r"[\s-]+")


@cache
def number_word(language: Language) -> str:
    """One number word as a regex alternation, longest first so "seventeen" is not read as "seven"."""
    return "|".join(sorted(list(language.small) + list(language.tens), key=len, reverse=True))


@cache
def number_words(language: Language) -> re.Pattern[str]:
    """A run of number words: "a hundred", "two dozen", "one hundred and five"."""
    return re.compile(language.patterns.number_words.format(number_word=number_word(language)), re.IGNORECASE)


def parse_number_words(phrase: str, language: Language = ENGLISH) -> float | None:
    """ "two dozen" -> 24, "one hundred and five" -> 105, "sixty-seven" -> 67."""
    total = 0.0
    current = 0.0
    seen = False
    small, tens, multipliers, scales = language.small, language.tens, language.multipliers, language.scales
    for tok in _SEPARATOR.split(phrase.lower()):
        if tok in language.number_joiners or not tok:
            continue
        if tok == language.number_article:
            current = max(current, 1.0)
            continue
        if tok in small:
            current += small[tok]
        elif tok in tens:
            current += tens[tok]
        elif tok in multipliers:
            current = max(current, 1.0) * multipliers[tok]
        elif tok in scales:
            total += max(current, 1.0) * scales[tok]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def word_value(token: str, language: Language = ENGLISH) -> float | None:
    """A token written in digits or words: "5" or "five"."""
    if token.isdigit():
        return float(token)
    return parse_number_words(token, language)
