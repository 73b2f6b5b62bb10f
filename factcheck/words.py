"""Words as factcheck reads them (retrieval, subjects): lowercased, stopwords out, stemmed, titles spelled out."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from factcheck.lang.en import ABBREVIATIONS, STEMMER_LANGUAGE, STOPWORDS

_TOKEN = re.compile(r"[a-z0-9]+(?:\([a-z]\))?")
_stemmer = Stemmer.Stemmer(STEMMER_LANGUAGE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    stemmed: str = _stemmer.stemWord(word)
    return stemmed


def words(text: str) -> list[str]:
    """Lowercased content words, stopwords out; "287(g)" kept whole; titles spelled out."""
    return [
        ABBREVIATIONS.get(w, w)
        for w in _TOKEN.findall(text.lower())
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def tokens(text: str) -> list[str]:
    """Stemmed content words."""
    return [stem(w) for w in words(text)]


SURFACE_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?(?:\([a-z]\))?")


def surface_words(text: str) -> list[str]:
    """Every word as written, lowercased, any script ("Hernández" whole), titles spelled out; for alignment."""
    out = []
    for m in SURFACE_TOKEN.finditer(text):
        lower = m.group(0).lower()
        out.append(ABBREVIATIONS.get(lower, lower))
    return out


_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w’'-]*(?:\s+(?:of|and|for|the|on|de|&)\s+|\s+)?)+")
_JOINERS = {"of", "and", "for", "the", "on", "de", "&"}


def acronyms(text: str) -> set[str]:
    """Initials of runs of capitalised words: "Immigration and Customs Enforcement" gives "ice" (and "icee")."""
    out = set()
    for m in _CAPITALISED_RUN.finditer(text):
        words_in = m.group(0).split()
        if len(words_in) < 2:
            continue
        out.add("".join(w[0] for w in words_in if w.lower() not in _JOINERS).lower())
        out.add("".join(w[0] for w in words_in).lower())
    return out
