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
        ABBREVIATIONS.get(w, w) for w in _TOKEN.findall(text.lower())
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def tokens(text: str) -> list[str]:
    """Stemmed content words."""
    return [stem(w) for w in words(text)]
