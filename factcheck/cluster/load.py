"""The corpus as the client holds it on a cluster: every document's path, date and warnings, no sentences.

The client lists the folder (it must see it, as the workers do: a shared filesystem), cuts the
files into one contiguous run per worker (by bytes), and has each worker read, split and index
its run. It keeps a skeleton corpus (what ``load_corpus`` would return, without the sentences),
built by ``load_corpus`` itself, so warnings, errors and document order are a local run's.
Snapshots of cited URLs are read here, as in a local run, and shipped to a worker as one more shard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from factcheck.catalogue import Catalogue
from factcheck.cluster import shard
from factcheck.cluster.session import Session
from factcheck.corpus import Corpus, Document, Unreadable, load_corpus
from factcheck.errors import FactcheckError
from factcheck.locations import Documents, Locations, Reading, read_corpus
from factcheck.settings import Settings

SHARED_HINT = "with --cluster the documents folder must be at the same path on the client and every worker"


@dataclass
class Sharded:
    """The skeleton corpus, and the shards (futures, in reading order) that hold the documents."""

    corpus: Corpus
    shards: list[Any] = field(default_factory=list)
    summaries: list[shard.Summary] = field(default_factory=list)

    def placement(self) -> dict[str, int]:
        """Documents per worker process (host:pid), as the shards report them."""
        out: dict[str, int] = {}
        for s in self.summaries:
            out[s.host] = out.get(s.host, 0) + sum(isinstance(f, Document) for f in s.files)
        return out


def runs(sizes: list[int], n: int) -> list[tuple[int, int]]:
    """At most ``n`` contiguous, non-empty runs of the files, of about equal bytes each."""
    total = sum(sizes) or 1
    n = max(1, min(n, len(sizes)))
    bounds = [0]
    done = 0
    for i, size in enumerate(sizes):
        done += size
        if len(bounds) < n and done * n >= total * len(bounds) and i + 1 < len(sizes):
            bounds.append(i + 1)
    bounds.append(len(sizes))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Loader:
    """``locations.read_corpus``'s folder reader, on the workers; remembers the shards it made."""

    def __init__(self, session: Session, context: float | None):
        self.session = session
        self.context = context  # the neighbour weight, when verify will index the shards
        self.sharded = Sharded(Corpus(Path("."), []))
        self.stubs: set[int] = set()  # ids of the documents the workers read (the rest are snapshots)

    def load_folder(
        self,
        root: Path,
        catalogue: Catalogue | None,
        where: Locations,
        settings: Settings | None,
        allow_empty: bool,
        reading: Reading | None,
    ) -> Documents:
        return Documents(load_corpus(root, allow_empty, read=self.read))

    def read(self, root: Path, files: list[Path]) -> list[Document | Unreadable]:
        """Each file read on a worker: the document's stub, or why it was skipped."""
        rels = [p.relative_to(root).as_posix() for p in files]
        folder = str(root.absolute())
        cut = runs([_size(p) for p in files], len(self.session.workers))
        first = len(self.sharded.shards)
        numbers = range(first, first + len(cut))
        made = [
            self.session.on(i, shard.read_files, i, folder, rels[a:b], self.context)
            for i, (a, b) in zip(numbers, cut, strict=True)
        ]
        self._add(list(zip(numbers, made, strict=True)), root)
        out: list[Document | Unreadable] = []
        for summary in self.sharded.summaries[first:]:
            out.extend(Unreadable(f) if isinstance(f, str) else f for f in summary.files)
        self.stubs.update(id(d) for d in out)
        return out

    def add_documents(self, documents: list[Document]) -> None:
        """Documents read here (snapshots) as one more shard, on the next worker."""
        number = len(self.sharded.shards)
        self._add([(number, self.session.on(number, shard.of_documents, number, documents, self.context))], None)

    def _add(self, made: list[tuple[int, Any]], root: Path | None) -> None:
        """The shards' summaries (the one reply each sends about its reading); an error if a worker saw no file."""
        summaries: list[shard.Summary] = self.session.gather([self.session.on(i, shard.summary, f) for i, f in made])
        for summary in summaries:
            if summary.missing is not None:
                worker = self.session.workers[summary.number % len(self.session.workers)]
                raise FactcheckError(
                    f"the Dask worker {worker} cannot see {summary.missing}", str(root), hint=SHARED_HINT
                )
        self.sharded.shards.extend(f for _, f in made)
        self.sharded.summaries.extend(summaries)


def read_sharded(
    session: Session, catalogue: Catalogue | None, where: Locations, settings: Settings | None, context: float | None
) -> Sharded:
    """The folder read on the workers (and the cited URLs' snapshots shipped to one): the client keeps a skeleton."""
    loader = _Loader(session, context)
    corpus = read_corpus(catalogue, where, settings, load=loader.load_folder).corpus
    snapshots = [d for d in corpus.documents if id(d) not in loader.stubs]
    if snapshots:
        loader.add_documents(snapshots)
        corpus.documents = [shard.stub(d) if id(d) not in loader.stubs else d for d in corpus.documents]
    loader.sharded.corpus = corpus
    return loader.sharded
