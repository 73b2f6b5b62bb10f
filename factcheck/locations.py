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
from factcheck.context import Store
from factcheck.corpus import Corpus
from factcheck.errors import FactcheckError
from factcheck.settings import Settings
from factcheck.snapshots import lock_path, read_lock, snapshot_documents

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


@dataclass
class Documents:
    """The documents read, and the store that read them (the cache), which keeps their index and verdicts."""

    corpus: Corpus
    store: Store | None = None


# Reads a documents folder: (folder, catalogue, where, settings, allow_empty, reading) -> Documents
LoadFolder = Callable[[Path, "Catalogue | None", Locations, "Settings | None", bool, "Reading | None"], Documents]


def documents_folder(catalogue: Catalogue | None, where: Locations) -> Path:
    """--docs wins; then the catalogue's ``documents:``; then the default folder beside the catalogue."""
    if where.docs is not None:
        return where.docs
    if catalogue is not None and catalogue.documents is not None:
        return catalogue.path.parent / catalogue.documents
    return (catalogue.path.parent if catalogue else Path(".")) / where.default_docs


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

    ``load`` reads the folder (default: here, through the cache; a cluster's: on its workers).
    """
    load = load or _load_folder
    root = documents_folder(catalogue, where)
    urls = list(dict.fromkeys(u for u, _, _ in catalogue.urls())) if catalogue is not None else []
    if not urls:
        check_folder(root, catalogue, where)
        return load(root, catalogue, where, settings, False, reading)
    assert catalogue is not None
    documents, warnings = snapshot_documents(read_lock(lock_path(catalogue.path)), urls)
    if not root.is_dir() and documents:
        return Documents(Corpus(root, documents, warnings))
    check_folder(root, catalogue, where)
    read = load(root, catalogue, where, settings, bool(documents), reading)
    read.corpus.documents.extend(documents)
    read.corpus.warnings.extend(warnings)
    return read
