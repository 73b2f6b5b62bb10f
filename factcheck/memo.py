"""Verdicts remembered between runs: a claim judged before, against the same index, is not judged again.

A claim's result depends on its text, the documents it may cite, the documents searched
(their content and how they were indexed), the settings, how many sentences are shown,
and this package's code; the key of a remembered result is a digest of all of them, so
any change to one of them judges the claim afresh. In CI, where the claim file changes
and the archive does not, a run judges only the claims that changed.

Results are kept as JSON's values (lists, mappings, strings, numbers): each dataclass of a
result is written as its registered name and its fields, and read back through the same
registry, every field checked for its annotated type and its range, nesting at most
:data:`MAX_DEPTH` deep: a kept file names no class, and a value it could not have held is
refused (the claim judged again), never passed on to a renderer. Each sentence is kept once and
referred to by its place (:meth:`Memo.to_keep`), as results share the corpus's sentences: a file
a sixth the size, read faster. JSON holds no shared references, so what it holds is as large as
the file: no reference bomb.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from factcheck.alignment import Alignment, Part, Span
from factcheck.catalogue import VERDICTS, Claim
from factcheck.corpus import Sentence
from factcheck.quantities import Quantity
from factcheck.quantities.time import Moment, precision
from factcheck.verdicts import ClaimResult, Evidence

FORMAT = 2  # of a kept result; 2: JSON's values
MAX_KEPT = 100_000  # results kept at most (the most recently used): a catalogue's worth
MAX_DEPTH = 12  # lists and mappings a kept result nests at most (a result nests 6: claim, evidence, quantity...)
_TYPES: dict[str, type[Any]] = {t.__name__: t for t in (Evidence, Sentence, Quantity, Alignment, Part, Span)}
_FIELDS: dict[type[Any], tuple[str, ...]] = {t: tuple(f.name for f in dataclasses.fields(t)) for t in _TYPES.values()}


class Memo:
    """One run's remembered results: those kept by earlier runs, and those judged now."""

    def __init__(self, scope: str, kept: dict[str, Any], shared: list[Any] | None = None):
        self.scope = scope
        self.kept = kept
        self.shared = shared or []  # the sentences kept results refer to (see to_keep)
        self.used: dict[str, Any] = {}
        self.recalled = 0
        self._sentences: dict[int, Sentence] = {}

    def get(self, claim: Claim) -> ClaimResult | None:
        key = claim_key(self.scope, claim)
        found = self.kept.get(key)
        if found is None:
            return None
        try:
            result = recall(found, claim, self._sentence)
        except (ValueError, TypeError, KeyError, IndexError):
            return None  # judged again, and kept anew
        self.used[key] = found
        self.recalled += 1
        return result

    def _sentence(self, at: Any) -> Sentence:
        """The shared sentence ``at`` refers to, decoded (and checked) once: results share it, as the
        results of a run that judged them share the corpus's sentences."""
        found = self._sentences.get(at) if type(at) is int else None
        if found is None:
            if type(at) is not int or not 0 <= at < len(self.shared):
                raise ValueError("a reference to no kept sentence")
            found = decode(self.shared[at], MAX_DEPTH - 1)  # a sentence's fields: no deeper, no reference
            if not isinstance(found, Sentence):
                raise ValueError("a shared value that is not a sentence")
            self._sentences[at] = found
        return found

    def put(self, claim: Claim, result: ClaimResult) -> None:
        self.used[claim_key(self.scope, claim)] = remember(result)

    def to_keep(self) -> dict[str, Any]:
        """What to keep: results used this run last (most recent), after the others, at most :data:`MAX_KEPT`,
        each sentence in them written once (``shared``) and referred to by its place (``{"^": n}``): a
        sentence is shown by many claims, and stands in the window of its neighbours."""
        merged = {k: v for k, v in self.kept.items() if k not in self.used} | self.used
        table: list[Any] = []
        places: dict[tuple[Any, ...], int] = {}
        verdicts = {}
        for key, value in list(merged.items())[-MAX_KEPT:]:
            try:
                verdicts[key] = _pack(value, self.shared, table, places)
            except (ValueError, TypeError, KeyError, IndexError):
                continue  # a kept result that refers to no sentence: not kept
        return {"shared": table, "verdicts": verdicts}


SHARED = "^"  # {"^": n}: the n-th shared sentence


def _pack(value: Any, before: list[Any], table: list[Any], places: dict[tuple[Any, ...], int], depth: int = 0) -> Any:
    """A result with each sentence put in ``table`` (once) and referred to; references to ``before`` (the
    shared sentences it was read with) followed; ValueError past :data:`MAX_DEPTH`."""
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, list):
        return [_pack(v, before, table, places, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    ((name, kept),) = value.items()
    if name == SHARED:
        if type(kept) is not int or not 0 <= kept < len(before) or not isinstance(before[kept], dict):
            raise ValueError("a reference to no kept sentence")
        value = before[kept]
        ((name, kept),) = value.items()
    if name != "Sentence":
        return {name: _pack(kept, before, table, places, depth + 1)}
    at = places.setdefault(tuple(kept), len(table))
    if at == len(table):
        table.append(value)
    return {SHARED: at}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of this package's code and data: any change to how a claim is judged forgets every verdict."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".txt", ".npz")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def claim_key(scope: str, claim: Claim) -> str:
    """The key of a claim's result: ``scope`` (code, documents, settings, evidence shown) and what judge reads."""
    documents = "\0".join(claim.documents) if claim.documents is not None else "*"
    return hashlib.sha256(f"{scope}\0{claim.text}\0{documents}".encode()).hexdigest()


def encode(value: Any) -> Any:
    """A result as JSON's values: a dataclass as ``{name: [fields...]}``, a date as ``{"date": iso}`` (a year
    or a month as ``{"date": [iso, precision]}``), lists as lists."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    fields = _FIELDS.get(type(value))
    if fields is not None:
        return {type(value).__name__: [encode(getattr(value, name)) for name in fields]}
    if isinstance(value, Moment) and value.precision != "day":  # a date written as a year or a month keeps that
        return {"date": [date.isoformat(value), precision(value)]}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    raise TypeError(f"cannot keep a {type(value).__name__} in a result")


def decode(value: Any, depth: int = 0, shared: Callable[[Any], Sentence] | None = None) -> Any:
    """The inverse of :func:`encode`, each field checked for its type and range; ValueError for anything it
    could not have written (a wrong type, a value out of range, nesting past :data:`MAX_DEPTH`).
    ``shared``: the sentence a reference (``{"^": n}``, :meth:`Memo.to_keep`) stands for."""
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, list):
        return [decode(v, depth + 1, shared) for v in value]
    if isinstance(value, dict):
        if len(value) != 1:
            raise ValueError("not a kept result")
        ((name, kept),) = value.items()
        if name == "date" and isinstance(kept, str):
            return date.fromisoformat(kept)
        if name == "date" and isinstance(kept, list) and len(kept) == 2 and kept[1] in ("year", "month"):
            day = date.fromisoformat(str(kept[0]))
            return Moment(day.year, day.month if kept[1] == "month" else None)
        if name == SHARED and shared is not None:
            return shared(kept)
        cls = _TYPES.get(name)
        if cls is None or not isinstance(kept, list) or len(kept) != len(_FIELDS[cls]):
            raise ValueError(f"{name!r} is not a result type, or kept with other fields")
        given = {n: decode(v, depth + 1, shared) for n, v in zip(_FIELDS[cls], kept, strict=True)}
        if not all(fits(given[n]) for n, fits in _checks(cls)) or not _RANGES[cls](given):
            raise ValueError(f"a {cls.__name__} kept with values it cannot hold")
        return cls(**given)
    if value is None or isinstance(value, (str, int, bool)) or (isinstance(value, float) and math.isfinite(value)):
        return value
    raise ValueError(f"a {type(value).__name__} in a kept result")


Check = Callable[[Any], bool]


def _checks(cls: type[Any]) -> list[tuple[str, Check]]:
    """Each field of a result type with the check of its annotated type, made once."""
    found = _CHECKS.get(cls)
    if found is None:
        found = _CHECKS[cls] = [(name, _check(hint)) for name, hint in get_type_hints(cls).items()]
    return found


_CHECKS: dict[type[Any], list[tuple[str, Check]]] = {}


def _check(hint: Any) -> Check:
    """Whether a value is of the annotated type: the field types results use (scalars, Literal, optional,
    list, date, a registered dataclass); a float finite, an int not a bool."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        return lambda v: isinstance(v, str) and v in args
    if origin in (Union, UnionType):
        parts = [_check(h) for h in args]
        return lambda v: any(p(v) for p in parts)
    if origin is list:
        item = _check(args[0])
        return lambda v: isinstance(v, list) and all(map(item, v))
    if hint is type(None):
        return lambda v: v is None
    if hint is int:
        return lambda v: type(v) is int
    if hint is float:  # JSON reads 2.0 back as a float and 2 as an int, as they were kept
        return lambda v: type(v) is int or (type(v) is float and math.isfinite(v))
    if hint in (bool, str, date) or hint in _FIELDS:
        return lambda v: isinstance(v, hint)
    return lambda v: False


_EVIDENCE, _SPANS = _check(list[Evidence]), _check(list[Span])


def _positions(given: dict[str, Any], *names: str) -> bool:
    """The named fields are positions: None or at least 0."""
    return all(given[n] is None or given[n] >= 0 for n in names)


_RANGES: dict[type[Any], Callable[[dict[str, Any]], bool]] = {
    Evidence: lambda g: True,
    Sentence: lambda g: _positions(g, "index", "line", "column") and (g["page"] is None or g["page"] >= 1),
    Quantity: lambda g: (
        0 <= g["start"] <= g["end"]
        and (g["month"] is None or 1 <= g["month"] <= 12)
        and (g["day"] is None or 1 <= g["day"] <= 31)
    ),
    Alignment: lambda g: len(g["parts"]) == len(g["backed"]),
    Part: lambda g: 0 <= g["start"] <= g["end"],
    Span: lambda g: 0 <= g["start"] <= g["end"],
}


def remember(result: ClaimResult) -> Any:
    """The result without its claim (the catalogue gives it back: its id or note may change, not its verdict)."""
    return [result.verdict, encode(result.evidence), encode(result.unsupported), encode(result.alignment)]


def recall(kept: Any, claim: Claim, shared: Callable[[Any], Sentence] | None = None) -> ClaimResult:
    """A kept result for ``claim``; ValueError (or TypeError) when it is not one :func:`remember` made.
    ``shared``: the sentence each reference stands for."""
    if not isinstance(kept, list) or len(kept) != 4:
        raise ValueError("not a kept result")
    verdict, evidence, unsupported, alignment = kept
    result = ClaimResult(
        claim, verdict, decode(evidence, 0, shared), decode(unsupported, 0, shared), decode(alignment, 0, shared)
    )
    fits = verdict in VERDICTS and _EVIDENCE(result.evidence) and _SPANS(result.unsupported)
    if not fits or not isinstance(result.alignment, (Alignment, type(None))):
        raise ValueError("not a kept result")
    return result
