"""Past one machine: ``verify`` and ``conflicts`` on a Dask cluster (``--cluster tcp://HOST:8786``).

The corpus is cut into one shard per worker process, each a run of documents in reading order;
each worker reads, splits and indexes its shard and keeps it (:mod:`.shard`, no Dask there). The
client (:mod:`.session`, the only module importing Dask, lazily) keeps a skeleton of the corpus
(:mod:`.load`), asks the shards for what it needs and merges the answers so that the report is
the local run's, to the byte (:mod:`.search`, :mod:`.group` say how).

The documents are not shipped: the folder must be at the same path on the client and on every
worker (a shared filesystem); a worker that cannot see a file is an error naming it.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck import locations
from factcheck.api import Progress
from factcheck.changes import changed_claims
from factcheck.cluster.load import Sharded, read_sharded
from factcheck.cluster.session import Session
from factcheck.context import RunContext
from factcheck.reports import ConflictReport, VerifyReport
from factcheck.selection import Selection, narrowed
from factcheck.settings import Settings

Note = Callable[[str], None]  # a line for the user (stderr), not part of the report


def _placement(address: str, sharded: Sharded) -> str:
    where = ", ".join(f"{host}: {n}" for host, n in sorted(sharded.placement().items()))
    return (
        f"cluster {address}: {len(sharded.corpus.documents)} documents in {len(sharded.shards)} shards "
        f"on {len(sharded.placement())} workers ({where})"
    )


def verify(
    address: str,
    where: locations.Locations,
    settings: Settings | None = None,
    *,
    top: int = 3,
    changed: bool = False,
    since: str | None = None,
    progress: Progress | None = None,
    note: Note | None = None,
    select: Selection | None = None,
) -> VerifyReport:
    """``project.verify`` with the documents read, indexed and searched on the cluster's workers."""
    from factcheck.cluster.search import verify_sharded

    context = RunContext.of(settings)
    settings = context.settings
    catalogue = locations.read_catalogue(where)
    chosen = select.chosen(catalogue) if select else None
    with Session.connect(address) as session:
        sharded = read_sharded(session, catalogue, where, settings, settings.retrieval.context)
        if note:
            note(_placement(address, sharded))
        catalogue.resolve_sources([d.path for d in sharded.corpus.documents])
        changes = changed_claims(catalogue, sharded.corpus.root, since) if changed else None
        only = narrowed(changes.changed if changes else None, chosen)
        report = verify_sharded(session, catalogue, sharded, context, top=top, only=only, progress=progress)
    report.changes = changes
    return report


def conflicts(
    address: str, where: locations.Locations, settings: Settings | None = None, *, note: Note | None = None
) -> ConflictReport:
    """``project.conflicts`` with the documents read and their statements extracted on the cluster's workers."""
    from factcheck.cluster.group import conflicts_sharded

    context = RunContext.of(settings)
    settings = context.settings
    catalogue = locations.read_optional_catalogue(where)
    with Session.connect(address) as session:
        sharded = read_sharded(session, catalogue, where, settings, None)
        if note:
            note(_placement(address, sharded))
        if catalogue is not None:
            catalogue.resolve_sources([d.path for d in sharded.corpus.documents])
        return conflicts_sharded(session, sharded, catalogue, context)
