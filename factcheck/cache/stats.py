"""What a run found in the cache and what it says of it: its figures and its warnings.

Decides how damage is told: an entry, the manifest, the index or the remembered verdicts that
cannot be read is counted and named in one warning (its reason cut short), and then rebuilt; a
run never fails for its cache. The figures are kept in the manifest as the last run's, for
``cache info``. Every part of the cache tells the same :class:`Log`, which holds no part of the
cache: the corpus takes its warnings over (:func:`factcheck.cache.load.load_cached`), so what is
told later (an index not saved, by its thread) is reported with the rest. Files sealed with another
key (:mod:`.seal`: a cache made on another machine, or before the key was replaced) are all
rebuilt, and told once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factcheck.cache.limits import DAMAGE_REASON_CHARS
from factcheck.cache.seal import Untrusted


@dataclass
class Stats:
    """What the last run found: documents hit (read from the cache), missed (parsed), damaged entries."""

    documents: int = 0
    hits: int = 0
    misses: int = 0
    hashed: int = 0  # files whose bytes were read to learn their hash (new, touched or renamed)
    damaged: int = 0
    sentences: int = 0
    seconds: float = 0.0


@dataclass
class Log:
    """One run's figures and warnings."""

    stats: Stats = field(default_factory=Stats)
    warnings: list[str] = field(default_factory=list)
    foreign: int = 0  # files sealed with another key (told once: a cache made elsewhere is all so)

    def damaged(self, path: Path, exc: BaseException, what: str = "cache entry", then: str = "rebuilt") -> None:
        self.stats.damaged += 1
        if isinstance(exc, Untrusted) and exc.foreign:
            self.foreign += 1
            if self.foreign == 1:
                self.warnings.append(f"{path}: {exc}; this and every other file of the cache so sealed {then}")
            return
        reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
        self.warnings.append(f"{path}: {what} damaged ({reason[:DAMAGE_REASON_CHARS]}); {then}")
