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
refused (the claim judged again), never passed on to a renderer.
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
from factcheck.verdicts import ClaimResult, Evidence

FORMAT = 2  # of a kept result; 2: JSON's values
MAX_KEPT = 100_000  # results kept at most (the most recently used): a catalogue's worth
MAX_DEPTH = 12  # lists and mappings a kept result nests at most (a result nests 6: claim, evidence, quantity...)
_TYPES: dict[str, type[Any]] = {t.__name__: t for t in (Evidence, Sentence, Quantity, Alignment, Part, Span)}
_FIELDS: dict[type[Any], tuple[str, ...]] = {t: tuple(f.name for f in dataclasses.fields(t)) for t in _TYPES.values()}


class Memo:
    """One run's remembered results: those kept by earlier runs, and those judged now."""

    def __init__(self, scope: str, kept: dict[str, Any]):
        self.scope = scope
        self.kept = kept
        self.used: dict[str, Any] = {}
        self.recalled = 0

    def get(self, claim: Claim) -> ClaimResult | None:
        key = claim_key(self.scope, claim)
        found = self.kept.get(key)
        if found is None:
            return None
        try:
            result = recall(found, claim)
        except (ValueError, TypeError, KeyError, IndexError):
            return None  # judged again, and kept anew
        self.used[key] = found
        self.recalled += 1
        return result

    def put(self, claim: Claim, result: ClaimResult) -> None:
        self.used[claim_key(self.scope, claim)] = remember(result)

    def to_keep(self) -> dict[str, Any]:
        """Results used this run last (most recent), after the others, at most :data:`MAX_KEPT`."""
        merged = {k: v for k, v in self.kept.items() if k not in self.used} | self.used
        return dict(list(merged.items())[-MAX_KEPT:])


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of this package's code and data: any change to how a claim is judged forgets every verdict."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".txt")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def claim_key(scope: str, claim: Claim) -> str:
    """The key of a claim's result: ``scope`` (code, documents, settings, evidence shown) and what judge reads."""
    documents = "\0".join(claim.documents) if claim.documents is not None else "*"
    return hashlib.sha256(f"{scope}\0{claim.text}\0{documents}".encode()).hexdigest()


def encode(value: Any) -> Any:
    """A result as JSON's values: a dataclass as ``{name: [fields...]}``, a date as ``{"date": iso}``, lists as
    lists."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    fields = _FIELDS.get(type(value))
    if fields is not None:
        return {type(value).__name__: [encode(getattr(value, name)) for name in fields]}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    raise TypeError(f"cannot keep a {type(value).__name__} in a result")


def decode(value: Any, depth: int = 0) -> Any:
    """The inverse of :func:`encode`, each field checked for its type and range; ValueError for anything it
    could not have written (a wrong type, a value out of range, nesting past :data:`MAX_DEPTH`)."""
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, list):
        return [decode(v, depth + 1) for v in value]
    if isinstance(value, dict):
        if len(value) != 1:
            raise ValueError("not a kept result")
        ((name, kept),) = value.items()
        if name == "date" and isinstance(kept, str):
            return date.fromisoformat(kept)
        cls = _TYPES.get(name)
        if cls is None or not isinstance(kept, list) or len(kept) != len(_FIELDS[cls]):
            raise ValueError(f"{name!r} is not a result type, or kept with other fields")
        given = {n: decode(v, depth + 1) for n, v in zip(_FIELDS[cls], kept, strict=True)}
        hints = _hints(cls)
        if not all(_fits(given[n], hints[n]) for n in given) or not _RANGES[cls](given):
            raise ValueError(f"a {cls.__name__} kept with values it cannot hold")
        return cls(**given)
    if value is None or isinstance(value, (str, int, bool)) or (isinstance(value, float) and math.isfinite(value)):
        return value
    raise ValueError(f"a {type(value).__name__} in a kept result")


def depth_within(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON's ``value`` nests at most ``limit`` lists and mappings deep (walked without recursion)."""
    pending = [(value, 0)]
    while pending:
        here, depth = pending.pop()
        if isinstance(here, (list, dict)):
            if depth >= limit:
                return False
            pending.extend((v, depth + 1) for v in (here.values() if isinstance(here, dict) else here))
    return True


def _hints(cls: type[Any]) -> dict[str, Any]:
    return _HINTS.setdefault(cls, get_type_hints(cls))


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the annotated type: the field types results use (scalars, Literal, optional,
    list, date, a registered dataclass); a float finite."""
    origin = get_origin(hint)
    if origin is Literal:
        return isinstance(value, str) and value in get_args(hint)
    if origin in (Union, UnionType):
        return any(_fits(value, h) for h in get_args(hint))
    if origin is list:
        return isinstance(value, list) and all(_fits(v, get_args(hint)[0]) for v in value)
    if hint is type(None) or hint is bool or hint is str or hint is date:
        return value is None if hint is type(None) else isinstance(value, hint)
    if hint is int or hint is float:  # JSON reads 2.0 back as a float and 2 as an int, as they were kept
        numeric = isinstance(value, int) or (hint is float and isinstance(value, float))
        return numeric and not isinstance(value, bool) and math.isfinite(value)
    return isinstance(hint, type) and hint in _FIELDS and isinstance(value, hint)


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


def recall(kept: Any, claim: Claim) -> ClaimResult:
    """A kept result for ``claim``; ValueError (or TypeError) when it is not one :func:`remember` made."""
    if not isinstance(kept, list) or len(kept) != 4:
        raise ValueError("not a kept result")
    verdict, evidence, unsupported, alignment = kept
    result = ClaimResult(claim, verdict, decode(evidence), decode(unsupported), decode(alignment))
    fits = verdict in VERDICTS and _fits(result.evidence, list[Evidence]) and _fits(result.unsupported, list[Span])
    if not fits or not isinstance(result.alignment, (Alignment, type(None))):
        raise ValueError("not a kept result")
    return result
