"""Numbers written as words: "sixty-seven", "two dozen", "one hundred and five".

News prose spells out small and round numbers; they count as much as digits do.
"""

from __future__ import annotations

import re

from factcheck.lang.en import SCALES, SMALL, TENS

NUMBER_WORD = "|".join(sorted(list(SMALL) + list(TENS), key=len, reverse=True))
"""One number word as a regex alternation, longest first so "seventeen" is not read as "seven"."""

NUMBER_WORDS = re.compile(
    rf"\b(?:(?:a|{NUMBER_WORD})(?:[\s-]+(?:{NUMBER_WORD}|hundred|thousand|million|billion|dozen"
    rf"|and(?=[\s-]+(?:{NUMBER_WORD}))))*)\b",
    re.IGNORECASE,
)
"""A run of number words: "a hundred", "two dozen", "one hundred and five"."""


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


def word_value(token: str) -> float | None:
    """A token written in digits or words: "5" or "five"."""
    if token.isdigit():
        return float(token)
    return parse_number_words(token)
