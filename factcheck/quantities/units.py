"""The words around a figure: the hedge before it ("more than") and the noun it counts after it.

Two statements are compared only when they count the same thing, so the counted noun is
reduced to a light singular with synonyms folded ("organizations" and "groups" agree).
"""

from __future__ import annotations

import re
from typing import TypeGuard, get_args

from factcheck.lang.en import HEDGES, MONTHS, SKIP_AFTER, UNIT_STOP, UNIT_SYNONYMS
from factcheck.quantities.model import Hedge

_HEDGE_RE = re.compile(
    r"(?:^|(?<=[\s(]))(" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)
_HEDGE_WINDOW = 25  # characters before a figure searched for its hedge

_UNIT_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+\([a-z]\)")
_GAP = re.compile(r"[\s\-]*")
_UNIT_SPAN = 120  # characters after a figure read for its noun phrase
_UNIT_WORDS = 7  # words at most in that phrase


def _is_hedge(name: str) -> TypeGuard[Hedge]:
    return name in get_args(Hedge)


def _hedge_names() -> dict[str, Hedge]:
    """The hedge words of the language, each checked to name a known ``Hedge``."""
    table: dict[str, Hedge] = {}
    for words, name in HEDGES.items():
        if not _is_hedge(name):
            raise ValueError(f"hedge {words!r} names an unknown hedge {name!r}")
        table[words] = name
    return table


_HEDGE_OF = _hedge_names()


def hedge_before(text: str, start: int) -> tuple[Hedge, int]:
    """The hedge written just before ``text[start]`` and where it starts; ("exact", start) if none."""
    window = text[max(0, start - _HEDGE_WINDOW) : start]
    m = _HEDGE_RE.search(window)
    if not m:
        return "exact", start
    return _HEDGE_OF[m.group(1).lower()], start - (len(window) - m.start(1))


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


def unit_after(text: str, end: int) -> tuple[str | None, str]:
    """The head noun of what a number counts, and its phrase: "138 state and local ... agencies"."""
    return _head_of(_phrase_words(text[end : end + _UNIT_SPAN]))


def _phrase_words(rest: str) -> list[str]:
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
        if skipping and lower in SKIP_AFTER:
            continue
        skipping = False
        if lower in ("and", "or"):
            words.append("")  # a coordination: the phrase goes on
            continue
        if _ends_phrase(lower, words):
            break
        words.append(word)  # a possessive ("immigrants' rights") goes on like any word
    return words


def _ends_phrase(lower: str, words: list[str]) -> bool:
    """Whether ``lower`` is past the noun phrase: a function word, a month, a hedge, or a verb after the noun."""
    if lower in UNIT_STOP or lower in MONTHS or lower in HEDGES:
        return True
    # "sheriffs participating in": the noun came first.
    return bool([w for w in words if w]) and lower.endswith(("ing", "ed")) and len(lower) > 4


def _head_of(words: list[str]) -> tuple[str | None, str]:
    """The counted noun among the phrase's words (singular) and the phrase up to it."""
    words = [w for w in words if w and not re.match(r"\d", w)]
    if not words:
        return None, ""
    # Counts above one count plural nouns: "agencies take part" counts agencies, not "take".
    plural = [w for w in words if w.lower().endswith("s") and not w.lower().endswith(("ss", "us", "is"))]
    head = plural[-1] if plural else words[-1]
    return singular(head), " ".join(words[: words.index(head) + 1])


_PER = re.compile(
    r"^\s*(?:[A-Za-z][\w'’-]*\s+){0,3}?(?:a|an|per|each|every)\s+(?P<per>second|minute|hour|day|night|week|month|"
    r"quarter|year|annum|person|head|capita)s?\b(?!\s+(?:ago|earlier|later|before|after))"
    r"|^\s*[A-Za-z]*\s?/\s?(?P<slash>s|sec|min|h|hr|day|d|wk|mo|yr|year)\b",
    re.IGNORECASE,
)
_PER_SPAN = 60  # characters after a figure read for "a day", "per year"


def per_unit(text: str, q_end: int) -> str | None:
    """What a figure is counted per, when it is a rate: "3.4 million litres a day" is per day."""
    m = _PER.match(text[q_end : q_end + _PER_SPAN])
    if not m:
        return None
    per = (m.group("per") or m.group("slash") or "").lower()
    return {
        "annum": "year",
        "yr": "year",
        "d": "day",
        "h": "hour",
        "hr": "hour",
        "sec": "second",
        "s": "second",
        "min": "minute",
        "wk": "week",
        "mo": "month",
        "head": "person",
        "capita": "person",
    }.get(per, per)
