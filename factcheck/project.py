"""The commands on one machine: find the files (:mod:`factcheck.locations`), build the run's context,
and hand them to the library (:mod:`factcheck.api`), or, with a cluster's address, to
:mod:`factcheck.cluster`.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck import api
from factcheck.api import Progress
from factcheck.baseline import Expectation, write_expectations
from factcheck.changes import changed_claims
from factcheck.context import RunContext
from factcheck.corpus import find_files
from factcheck.corpus.readers import suffixes
from factcheck.errors import FactcheckError
from factcheck.fetching import FetchReport, fetch
from factcheck.locations import (
    DEFAULT_CATALOGUE,
    Locations,
    Reading,
    check_folder,
    documents_folder,
    read_catalogue,
    read_corpus,
    read_optional_catalogue,
)
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.selection import Selection, narrowed
from factcheck.settings import Settings
from factcheck.snapshots import lock_path, read_lock

__all__ = [
    "DEFAULT_CATALOGUE",
    "FetchReport",
    "Locations",
    "Selection",
    "baseline",
    "conflicts",
    "fetch",
    "lint",
    "read_catalogue",
    "read_corpus",
    "verify",
]


def verify(
    where: Locations,
    settings: Settings | None = None,
    *,
    top: int = 3,
    changed: bool = False,
    since: str | None = None,
    progress: Progress | None = None,
    reading: Reading | None = None,
    cluster: str | None = None,
    note: Callable[[str], None] | None = None,
    select: Selection | None = None,
) -> VerifyReport:
    """``factcheck verify``: every claim (or, with ``changed``, those a git change can affect; with
    ``select``, those ``--only`` and ``-k`` choose).

    ``cluster``: a Dask scheduler's address; the documents are read and searched on its workers.
    """
    if cluster is not None:
        from factcheck import cluster as on_cluster  # Dask: only when asked for

        return on_cluster.verify(
            cluster, where, settings, top=top, changed=changed, since=since, progress=progress, note=note, select=select
        )
    catalogue = read_catalogue(where)
    chosen = select.chosen(catalogue) if select else None  # before reading: a bad -k is told at once
    read = read_corpus(catalogue, where, settings, reading)
    catalogue.resolve_sources([d.path for d in read.corpus.documents])
    changes = changed_claims(catalogue, read.corpus.root, since) if changed else None
    context = RunContext.of(settings, store=read.store)
    only = narrowed(changes.changed if changes else None, chosen)
    report = api.verify(catalogue, read.corpus, top=top, only=only, progress=progress, context=context)
    report.changes = changes
    return report


def baseline(
    where: Locations,
    settings: Settings | None = None,
    *,
    select: Selection | None = None,
    progress: Progress | None = None,
    reading: Reading | None = None,
) -> tuple[VerifyReport, list[Expectation]]:
    """``factcheck baseline``: verify, then write each claim's verdict today as its ``expect``."""
    report = verify(where, settings, select=select, progress=progress, reading=reading)
    verdicts = {r.claim.id: r.verdict for r in report.results}
    return report, write_expectations(report.catalogue, verdicts)


def conflicts(
    where: Locations,
    settings: Settings | None = None,
    cluster: str | None = None,
    note: Callable[[str], None] | None = None,
) -> ConflictReport:
    """``factcheck conflicts``: with no catalogue named and no ./claims.yaml, the documents alone.

    ``cluster``: a Dask scheduler's address; the documents are read on its workers.
    """
    if cluster is not None:
        from factcheck import cluster as on_cluster  # Dask: only when asked for

        return on_cluster.conflicts(cluster, where, settings, note=note)
    catalogue = read_optional_catalogue(where)
    read = read_corpus(catalogue, where, settings)
    return api.conflicts(read.corpus, catalogue=catalogue, context=RunContext.of(settings, store=read.store))


def lint(where: Locations) -> LintReport:
    """``factcheck lint``: the catalogue and the names of the documents, not their text."""
    catalogue = read_catalogue(where)
    root = documents_folder(catalogue, where)
    check_folder(root, catalogue, where)
    files = [p.relative_to(root).as_posix() for p in find_files(root)]
    files += [u for u in read_lock(lock_path(catalogue.path)).entries if catalogue.urls()]
    if not files:
        raise FactcheckError(
            f"no documents found ({', '.join(suffixes())})", str(root), hint="put the source documents there"
        )
    return api.lint(catalogue, files, root)
