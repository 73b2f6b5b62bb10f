"""Language data: word lists as Python (``en.py``) and as data files (``data/en-*.txt``).

Data files hold one entry per line, ``#`` comments, and are read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("factcheck.lang").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def word_set(name: str) -> frozenset[str]:
    """Every word of a list file (several may share a line)."""
    return frozenset(w for ln in _lines(name) for w in ln.split())


@cache
def phrases(name: str) -> tuple[str, ...]:
    """One entry (a word or a phrase) per line, longest first."""
    return tuple(sorted(set(_lines(name)), key=len, reverse=True))


@cache
def groups(name: str) -> tuple[tuple[str, ...], ...]:
    """One group of words per line (synonyms; antonym pairs)."""
    return tuple(tuple(ln.split()) for ln in _lines(name))
