"""Where things are: the catalogue file, the documents folder, and what the user named.

The library (:mod:`factcheck.api`) works on a Catalogue and a Corpus in memory; this
module finds and reads them from the command line's view of the world (``--claims``,
``--docs``, the catalogue's ``documents:``, the default folder), so the hints of its
errors may speak of those options. Both :mod:`factcheck.project` (one machine) and
:mod:`factcheck.cluster` read through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factcheck.catalogue import Catalogue, load_catalogue
from factcheck.confine import ALLOW_OPTION, Project, way_out
from factcheck.context import Store
from factcheck.corpus import Corpus, find_files
from factcheck.corpus.model import Document
from factcheck.corpus.walk import LOOP, is_loop
from factcheck.errors import FactcheckError
from factcheck.sanitize import visible
from factcheck.settings import Settings
from factcheck.snapshots import Lock, is_url, lock_path, read_lock, snapshot_documents

DEFAULT_CATALOGUE = Path("claims.yaml")
Reading = Callable[[int, int, int], None]  # documents read, documents in all, sentences so far (the cache's builds)


@dataclass(frozen=True)
class Locations:
    """What the user named: a catalogue (None: ./claims.yaml if present), a documents folder,
    and the folder to use, beside the catalogue, when neither names one.

    ``docs`` is the user's own word (``--docs``), so it may lie anywhere; what the catalogue or
    the lock file names must lie inside the project (:mod:`factcheck.confine`) unless
    ``allow_outside`` (``--allow-outside``).
    """

    claims: Path | None = None
    docs: Path | None = None
    default_docs: str = "seeds"
    cache: bool = True  # read the documents through the cache (factcheck.cache); --no-cache: False
    allow_outside: bool = False  # --allow-outside: committed files may name paths outside the project


@dataclass
class Documents:
    """The documents read, and the store that read them (the cache), which keeps their index and verdicts."""

    corpus: Corpus
    store: Store | None = None


# Reads a documents folder: (folder, catalogue, where, settings, allow_empty, reading) -> Documents
LoadFolder = Callable[[Path, "Catalogue | None", Locations, "Settings | None", bool, "Reading | None"], Documents]


def project_of(catalogue: Catalogue | None, where: Locations) -> Project:
    """The project the run stays in: the catalogue's (with none, the working folder's)."""
    return Project.of(catalogue.path if catalogue is not None else DEFAULT_CATALOGUE, where.allow_outside)


def documents_folder(catalogue: Catalogue | None, where: Locations) -> Path:
    """--docs wins; then the catalogue's ``documents:``; then the default folder beside the catalogue.

    Only ``--docs`` may lead out of the project: the others are a committed file's word.
    """
    if where.docs is not None:
        return where.docs
    if catalogue is not None and catalogue.documents is not None:
        folder = catalogue.path.parent / catalogue.documents
        named, line = f"documents folder '{catalogue.documents}'", catalogue.documents_line
    else:
        folder = (catalogue.path.parent if catalogue else Path(".")) / where.default_docs
        named, line = f"default documents folder {where.default_docs}/", None
    refused = project_of(catalogue, where).refusal(folder)
    if refused is not None:
        raise FactcheckError(
            f"the {named} is {refused}",
            str(catalogue.path) if catalogue is not None else str(folder),
            line,
            hint=way_out(refused, "fix the folder's name", f"or pass --docs {folder} (or {ALLOW_OPTION}) to read it"),
        )
    return folder


def check_folder(root: Path, catalogue: Catalogue | None, where: Locations) -> None:
    """A missing folder is reported where it was named: the catalogue's line, or the path itself."""
    if root.is_dir():
        return
    line = catalogue.documents_line if catalogue is not None and where.docs is None else None
    named_here = f" '{root.as_posix()}'" if line else ""  # at the catalogue's 'documents:' line: which folder
    what = (
        f"documents folder{named_here} not found"
        if not root.exists()
        else f"documents path{named_here} is not a folder"
    )
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
    """The catalogue named (or ./claims.yaml); a link to a file outside its project is refused."""
    path = where.claims or DEFAULT_CATALOGUE
    if path.is_symlink():
        refused = LOOP if is_loop(path) else Project.of(path, where.allow_outside).refusal(path)
        if refused is not None:
            raise FactcheckError(
                f"the catalogue is {refused}", str(path), hint=way_out(refused, "name the file itself")
            )
    if not path.exists():
        raise FactcheckError(
            "catalogue not found", str(path), hint="pass --claims FILE, or run 'factcheck init' to create claims.yaml"
        )
    if path.is_dir():
        raise FactcheckError("catalogue is a folder, not a file", str(path), hint="pass --claims FILE")
    return load_catalogue(path)


def read_catalogue_lock(catalogue: Catalogue, where: Locations) -> Lock:
    """The lock file beside the catalogue, its snapshot files inside the catalogue's project."""
    return read_lock(lock_path(catalogue.path), project_of(catalogue, where))


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
) -> Documents:
    """The documents folder, through the cache beside the catalogue unless ``where.cache`` is off."""
    from factcheck.cache import cache_folder, load_afresh, load_cached  # numpy and the cache: only when reading

    context = (settings or Settings()).retrieval.context
    if not where.cache:
        return Documents(*load_afresh(root, context, allow_empty, reading))
    folder = cache_folder(catalogue.path if catalogue else None)
    return Documents(*load_cached(root, folder, context, allow_empty, reading))


def read_corpus(
    catalogue: Catalogue | None,
    where: Locations,
    settings: Settings | None = None,
    reading: Reading | None = None,
    load: LoadFolder | None = None,
) -> Documents:
    """The documents folder, and the snapshots of the URLs the catalogue cites (never the network).

    Every source is checked before a document is read: a wrong one is said at once, not after
    the whole folder has been read. ``load`` reads the folder (default: here, through the cache;
    a cluster's: on its workers).
    """
    load = load or _load_folder
    root = documents_folder(catalogue, where)
    lock = read_catalogue_lock(catalogue, where) if catalogue is not None and catalogue.urls() else None
    if catalogue is not None:
        _check_sources(catalogue, root, lock)
    documents = _snapshots(catalogue, lock) if catalogue is not None and lock is not None else []
    if not root.is_dir() and documents:
        return Documents(Corpus(root, documents, []))
    check_folder(root, catalogue, where)
    read = load(root, catalogue, where, settings, bool(documents), reading)
    read.corpus.documents.extend(documents)
    return read


def _check_sources(catalogue: Catalogue, root: Path, lock: Lock | None) -> None:
    """The catalogue's sources against the names under the folder (a walk, no reading) and the lock."""
    paths = any(not is_url(s) for claim in catalogue.claims for s in claim.sources or [])
    names = [visible(p.relative_to(root).as_posix()) for p in find_files(root)] if paths and root.is_dir() else None
    catalogue.check_sources(names, lock.entries if lock is not None else {})


def _snapshots(catalogue: Catalogue, lock: Lock) -> list[Document]:
    """The cited URLs' snapshots; one that cannot be read is bad input, as ``fetch`` would download it again."""
    urls = list(dict.fromkeys(u for u, _, _ in catalogue.urls()))
    documents, unusable = snapshot_documents(lock, urls)
    for url, claim, line in catalogue.urls():
        if url in unusable:
            raise FactcheckError(
                f"source '{url}' of claim '{claim.id}': {unusable[url]}",
                str(catalogue.path),
                line or None,
                hint="run 'factcheck fetch' to download it again",
            )
    return documents
