"""Where things are: the catalogue file, the documents folder, and what the user named.

The library (:mod:`factcheck.api`) works on a Catalogue and a Corpus in memory; this
module finds and reads them from the command line's view of the world (``--claims``,
``--docs``, the catalogue's ``documents:``, the default folder), so the hints of its
errors may speak of those options.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from factcheck import api
from factcheck.api import Progress
from factcheck.catalogue import Catalogue, load_catalogue
from factcheck.changes import changed_claims
from factcheck.corpus import Corpus, find_files
from factcheck.corpus.readers import suffixes
from factcheck.errors import FactcheckError
from factcheck.fetch import FetchError, Limits
from factcheck.fetch import fetch as fetch_url
from factcheck.files import write_atomic
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.settings import Settings
from factcheck.snapshots import Entry, Lock, lock_path, read_lock, snapshot_documents

DEFAULT_CATALOGUE = Path("claims.yaml")
Reading = Callable[[int, int, int], None]  # documents read, documents in all, sentences so far (the cache's builds)


@dataclass(frozen=True)
class Locations:
    """What the user named: a catalogue (None: ./claims.yaml if present), a documents folder,
    and the folder to use, beside the catalogue, when neither names one."""

    claims: Path | None = None
    docs: Path | None = None
    default_docs: str = "seeds"
    cache: bool = True  # read the documents through the cache (factcheck.cache); --no-cache: False


# Reads a documents folder: (folder, catalogue, where, settings, allow_empty, reading) -> Corpus
LoadFolder = Callable[[Path, "Catalogue | None", Locations, "Settings | None", bool, "Reading | None"], Corpus]


def documents_folder(catalogue: Catalogue | None, where: Locations) -> Path:
    """--docs wins; then the catalogue's ``documents:``; then the default folder beside the catalogue."""
    if where.docs is not None:
        return where.docs
    if catalogue is not None and catalogue.documents is not None:
        return catalogue.path.parent / catalogue.documents
    return (catalogue.path.parent if catalogue else Path(".")) / where.default_docs


def _check_folder(root: Path, catalogue: Catalogue | None, where: Locations) -> None:
    """A missing folder is reported where it was named: the catalogue's line, or the path itself."""
    if root.is_dir():
        return
    line = catalogue.documents_line if catalogue is not None and where.docs is None else None
    what = "documents folder not found" if not root.exists() else "documents path is not a folder"
    named = where.docs is not None or (catalogue is not None and catalogue.documents is not None)
    if not named:
        what += f" (the default, {where.default_docs}/ beside the catalogue)"
    raise FactcheckError(
        what,
        str(catalogue.path) if line and catalogue else str(root),
        line,
        hint="set 'documents: FOLDER' in the catalogue, or pass --docs FOLDER; "
        "'factcheck init FOLDER' starts a catalogue of your own",
    )


def read_catalogue(where: Locations) -> Catalogue:
    path = where.claims or DEFAULT_CATALOGUE
    if not path.exists():
        raise FactcheckError(
            "catalogue not found", str(path), hint="pass --claims FILE, or run 'factcheck init' to create claims.yaml"
        )
    if path.is_dir():
        raise FactcheckError("catalogue is a folder, not a file", str(path), hint="pass --claims FILE")
    return load_catalogue(path)


def read_optional_catalogue(where: Locations) -> Catalogue | None:
    """The named catalogue, else ./claims.yaml when there is one, else none."""
    if where.claims is None and not DEFAULT_CATALOGUE.is_file():
        return None
    return read_catalogue(where)


def _load_folder(
    root: Path,
    catalogue: Catalogue | None,
    where: Locations,
    settings: Settings | None,
    allow_empty: bool = False,
    reading: Reading | None = None,
) -> Corpus:
    """The documents folder, through the cache beside the catalogue unless ``where.cache`` is off."""
    from factcheck.cache.folder import cache_folder
    from factcheck.cache.load import load_afresh, load_cached

    context = (settings or Settings()).retrieval.context
    if not where.cache:
        return load_afresh(root, context, allow_empty, reading)
    return load_cached(root, cache_folder(catalogue.path if catalogue else None), context, allow_empty, reading)


def read_corpus(
    catalogue: Catalogue | None,
    where: Locations,
    settings: Settings | None = None,
    reading: Reading | None = None,
    load: LoadFolder | None = None,
) -> Corpus:
    """The documents folder, and the snapshots of the URLs the catalogue cites (never the network).

    ``load`` reads the folder (default: here, through the cache; a cluster's: on its workers).
    """
    load = load or _load_folder
    root = documents_folder(catalogue, where)
    urls = list(dict.fromkeys(u for u, _, _ in catalogue.urls())) if catalogue is not None else []
    if not urls:
        _check_folder(root, catalogue, where)
        return load(root, catalogue, where, settings, False, reading)
    assert catalogue is not None
    documents, warnings = snapshot_documents(read_lock(lock_path(catalogue.path)), urls)
    if not root.is_dir() and documents:
        return Corpus(root, documents, warnings)
    _check_folder(root, catalogue, where)
    corpus = load(root, catalogue, where, settings, bool(documents), reading)
    corpus.documents.extend(documents)
    corpus.warnings.extend(warnings)
    return corpus


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
) -> VerifyReport:
    """``factcheck verify``: every claim (or, with ``changed``, those a git change touched).

    ``cluster``: a Dask scheduler's address; the documents are read and searched on its workers.
    """
    if cluster is not None:
        from factcheck import cluster as on_cluster

        return on_cluster.verify(
            cluster, where, settings, top=top, changed=changed, since=since, progress=progress, note=note
        )
    catalogue = read_catalogue(where)
    corpus = read_corpus(catalogue, where, settings, reading)
    catalogue.resolve_sources([d.path for d in corpus.documents])
    changes = changed_claims(catalogue, corpus.root, since) if changed else None
    report = api.verify(
        catalogue, corpus, settings, top=top, only=changes.changed if changes else None, progress=progress
    )
    report.changes = changes
    return report


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
        from factcheck import cluster as on_cluster

        return on_cluster.conflicts(cluster, where, settings, note=note)
    catalogue = read_optional_catalogue(where)
    return api.conflicts(read_corpus(catalogue, where, settings), catalogue=catalogue, settings=settings)


def lint(where: Locations) -> LintReport:
    """``factcheck lint``: the catalogue and the names of the documents, not their text."""
    catalogue = read_catalogue(where)
    root = documents_folder(catalogue, where)
    _check_folder(root, catalogue, where)
    files = [p.relative_to(root).as_posix() for p in find_files(root)]
    files += [u for u in read_lock(lock_path(catalogue.path)).entries if catalogue.urls()]
    if not files:
        raise FactcheckError(
            f"no documents found ({', '.join(suffixes())})", str(root), hint="put the source documents there"
        )
    return api.lint(catalogue, files, root)


@dataclass
class FetchReport:
    """What ``factcheck fetch`` did: a line per URL on stdout, one per failure on stderr."""

    lines: list[str]
    errors: list[str]

    @property
    def return_code(self) -> int:
        return 1 if self.errors else 0


def fetch(where: Locations, limits: Limits, *, check: bool = False, refresh: bool = False) -> FetchReport:
    """``factcheck fetch``: snapshot each cited URL once; with ``check``, compare the live pages instead."""
    catalogue = read_catalogue(where)
    lock = read_lock(lock_path(catalogue.path))
    report = FetchReport([], [])
    for url in dict.fromkeys(u for u, _, _ in catalogue.urls()):
        entry = lock.entries.get(url)
        if check:
            _check_one(url, entry, limits, report)
        elif entry is not None and not refresh and (lock.folder / entry.file).is_file():
            report.lines.append(f"kept     {url} (snapshot of {entry.fetched[:10]})")
        else:
            _fetch_one(url, lock, limits, report)
    if not check and any(line.startswith("fetched") for line in report.lines):
        lock.save()
    return report


def _fetch_one(url: str, lock: Lock, limits: Limits, report: FetchReport) -> None:
    try:
        got = fetch_url(url, limits)
    except FetchError as exc:
        kept = " (snapshot kept)" if url in lock.entries else ""
        report.errors.append(f"{url}: {exc}{kept}")
        return
    target = lock.snapshot_path(url, got.content_type)
    write_atomic(target, got.body)
    when = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    lock.entries[url] = Entry(
        url,
        got.final_url,
        when,
        got.content_type,
        got.status,
        got.sha256,
        len(got.body),
        target.relative_to(lock.folder).as_posix(),
    )
    report.lines.append(
        f"fetched  {url} -> {lock.entries[url].file} ({got.status}, {got.content_type}, {len(got.body)} bytes)"
    )


def _check_one(url: str, entry: Entry | None, limits: Limits, report: FetchReport) -> None:
    if entry is None:
        report.errors.append(f"{url}: no snapshot; run 'factcheck fetch'")
        return
    try:
        got = fetch_url(url, limits)
    except FetchError as exc:
        report.errors.append(f"{url}: {exc}")
        return
    if got.sha256 != entry.sha256:
        report.errors.append(
            f"{url}: changed since its snapshot of {entry.fetched[:10]} "
            f"(sha256 {entry.sha256[:12]} -> {got.sha256[:12]}); run 'factcheck fetch --refresh'"
        )
    else:
        report.lines.append(f"same     {url} (snapshot of {entry.fetched[:10]})")
