"""Languages: the words and patterns factcheck reads text with, one :class:`Language` value each.

``ENGLISH`` (built in ``en.py`` from its lists and the data files under ``data/``) is the one
shipped and every function's default. Another language is a ``Language`` value registered
here before use; ``get`` finds one by name (a Quantity keeps the name of the language that read
it, and its interval and description read that language's words).
"""

from __future__ import annotations

from factcheck.errors import FactcheckError
from factcheck.lang.base import Language, Patterns
from factcheck.lang.en import ENGLISH

__all__ = ["ENGLISH", "Language", "Patterns", "get", "names", "register", "registered"]

_REGISTERED: dict[str, Language] = {ENGLISH.name: ENGLISH}


def register(language: Language) -> Language:
    """Make ``language`` known by its name (again is a no-op); another language of the same name is an error."""
    known = _REGISTERED.setdefault(language.name, language)
    if known is not language:
        raise FactcheckError(f"a language named {language.name!r} is registered already")
    return language


def get(name: str) -> Language:
    """The language registered under ``name``."""
    try:
        return _REGISTERED[name]
    except KeyError:
        raise FactcheckError(f"unknown language {name!r} (known: {', '.join(names())})") from None


def registered(language: Language) -> Language:
    """``language``, if it is the one registered under its name (a Quantity is read back by name)."""
    if get(language.name) is not language:
        raise FactcheckError(
            f"another language is registered as {language.name!r}", hint="register each under a name of its own"
        )
    return language


def names() -> list[str]:
    """The registered languages' names, sorted."""
    return sorted(_REGISTERED)
