"""Verdicts remembered between runs: a claim judged before, against the same index, is not judged again.

A claim's result depends on its text, the documents it may cite, the documents searched
(their content and how they were indexed), the settings, how many sentences are shown,
and this package's code; the key of a remembered result is a digest of all of them, so
any change to one of them judges the claim afresh. In CI, where the claim file changes
and the archive does not, a run judges only the claims that changed.

Results are kept as plain values (tuples, strings, numbers): each dataclass of a result
is written as its registered name and its fields, and read back through the same
registry, so the cache's loader can go on refusing every class.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.alignment import Alignment, Part, Span
from factcheck.catalogue import VERDICTS, Claim
from factcheck.corpus import Sentence
from factcheck.quantities import Quantity
from factcheck.quantities.time import Moment
from factcheck.verdicts import ClaimResult, Evidence

FORMAT = 1
MAX_KEPT = 100_000  # results kept at most (the most recently used): a catalogue's worth
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
    """A result as plain values: dataclasses as (name, fields...), dates as ("date", iso) or, at their written
    precision, ("moment", year, month, day); lists as lists."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    fields = _FIELDS.get(type(value))
    if fields is not None:
        return ("@" + type(value).__name__, *(encode(getattr(value, name)) for name in fields))
    if isinstance(value, Moment):
        return ("moment", *value.fields())  # a year is kept a year
    if isinstance(value, date):
        return ("date", value.isoformat())
    raise TypeError(f"cannot keep a {type(value).__name__} in a result")


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`; ValueError for anything it could not have written."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, tuple):
        if len(value) == 2 and value[0] == "date":
            return date.fromisoformat(value[1])
        if len(value) == 4 and value[0] == "moment":
            return Moment(*value[1:])
        if not value or not isinstance(value[0], str) or not value[0].startswith("@"):
            raise ValueError("not a kept result")
        cls = _TYPES.get(value[0][1:])
        if cls is None:
            raise ValueError(f"{value[0][1:]} is not a result type")
        names = [f.name for f in dataclasses.fields(cls)]
        if len(names) != len(value) - 1:
            raise ValueError(f"{cls.__name__} kept with other fields")
        return cls(**{n: decode(v) for n, v in zip(names, value[1:], strict=True)})
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValueError(f"a {type(value).__name__} in a kept result")


def remember(result: ClaimResult) -> Any:
    """The result without its claim (the catalogue gives it back: its id or note may change, not its verdict)."""
    return (result.verdict, encode(result.evidence), encode(result.unsupported), encode(result.alignment))


def recall(kept: Any, claim: Claim) -> ClaimResult:
    verdict, evidence, unsupported, alignment = kept
    result = ClaimResult(claim, verdict, decode(evidence), decode(unsupported), decode(alignment))
    fits = verdict in VERDICTS and all(isinstance(e, Evidence) for e in result.evidence)
    if not fits or not isinstance(result.alignment, (Alignment, type(None))):
        raise ValueError("not a kept result")
    return result
