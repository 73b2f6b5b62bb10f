"""Words as factcheck reads them (retrieval, subjects): lowercased, stopwords out, stemmed, titles spelled out.

Each function reads in a :class:`~factcheck.lang.Language` (English by default): its
stopwords, abbreviations and Snowball stemmer, one stemmer per Language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

import Stemmer

from factcheck.lang import ENGLISH, Language

_TOKEN = re.compile(r"[a-z0-9]+(?:\([a-z]\))?")
STEMS_KEPT = 200_000  # distinct words whose stem each language's stemmer keeps


@cache
def _stemmer(language: Language) -> Callable[[str], str]:
    snowball = Stemmer.Stemmer(language.stemmer)

    @lru_cache(maxsize=STEMS_KEPT)
    def stem(word: str) -> str:
        stemmed: str = snowball.stemWord(word)
        return stemmed

    return stem


_english_stem = _stemmer(ENGLISH)


def stemmer(language: Language = ENGLISH) -> Callable[[str], str]:
    """The language's stemmer, one per Language: a word's stem, the last ``STEMS_KEPT`` words' kept."""
    return _english_stem if language is ENGLISH else _stemmer(language)


def stem(word: str, language: Language = ENGLISH) -> str:
    """The stem of one word (several: take :func:`stemmer` once)."""
    return (_english_stem if language is ENGLISH else _stemmer(language))(word)


def words(text: str, language: Language = ENGLISH) -> list[str]:
    """Lowercased content words, stopwords out; "287(g)" kept whole; titles spelled out."""
    stopwords, abbreviations = language.stopwords, language.abbreviations
    found = _TOKEN.findall(text.lower())
    return [abbreviations.get(w, w) for w in found if w not in stopwords and (len(w) > 1 or w.isdigit())]


def tokens(text: str, language: Language = ENGLISH) -> list[str]:
    """Stemmed content words."""
    stem_of = stemmer(language)
    return [stem_of(w) for w in words(text, language)]


SURFACE_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?(?:\([a-z]\))?")


def surface_words(text: str, language: Language = ENGLISH) -> list[str]:
    """Every word as written, lowercased, any script ("Hernández" whole), titles spelled out; for alignment."""
    abbreviations = language.abbreviations
    out = []
    for m in SURFACE_TOKEN.finditer(text):
        lower = m.group(0).lower()
        out.append(abbreviations.get(lower, lower))
    return out


@cache
def _capitalised_run(language: Language) -> re.Pattern[str]:
    """A run of capitalised words, with the small words a name keeps inside it ("of", "and")."""
    joiners = "|".join(re.escape(w) for w in language.acronym_joiners)
    return re.compile(r"(?:[A-Z][\w’'-]*(?:\s+(?:" + joiners + r")\s+|\s+)?)+")


def acronyms(text: str, language: Language = ENGLISH) -> set[str]:
    """Initials of runs of capitalised words: "Immigration and Customs Enforcement" gives "ice" (and "icee")."""
    joiners = language.acronym_joiners
    out = set()
    for m in _capitalised_run(language).finditer(text):
        words_in = m.group(0).split()
        if len(words_in) < 2:
            continue
        out.add("".join(w[0] for w in words_in if w.lower() not in joiners).lower())
        out.add("".join(w[0] for w in words_in).lower())
    return out
