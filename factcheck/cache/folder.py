"""Where the cache is, what it names the files in it, how it writes them, and the marks that make it its own.

Decides the folder: ``$FACTCHECK_CACHE_DIR`` (:func:`factcheck.environment.cache_dir`), else
``.factcheck/`` beside the catalogue, else in the current folder. A new folder gets a
``.gitignore`` of everything and a ``CACHEDIR.TAG``, so that git and backup tools leave it
alone; ``cache clear`` removes those two only when they still begin as written here
(:data:`OURS`). Every file is written through a temporary file and a rename, without fsync:
a reader sees a whole file or the one before, and a lost one is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

from factcheck import environment
from factcheck.files import write_atomic

FOLDER = ".factcheck"
ENV = environment.CACHE_DIR

ENTRIES = "entries"  # a folder: entries/<first two hex digits>/<key>.pkl
MANIFEST = "manifest.json"
INDEX = "index"  # a folder (factcheck.retrieval.saved)
VERDICTS = "verdicts.pkl"
LOCK = "lock"

_MARKS = {
    ".gitignore": "# made by factcheck: the cache is never committed\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck's cache (https://bford.info/cachedir/)\n",
}
OURS = {".gitignore": b"# made by factcheck", "CACHEDIR.TAG": b"Signature: 8a477f597d28d172789f06886806bc55"}


def cache_folder(catalogue: Path | None) -> Path:
    """$FACTCHECK_CACHE_DIR, else ``.factcheck/`` beside the catalogue, else in the current folder."""
    named = environment.cache_dir()
    if named is not None:
        return named
    return (catalogue.parent if catalogue is not None else Path(".")) / FOLDER


def prepare(folder: Path) -> None:
    """The folder, its .gitignore (everything in it) and CACHEDIR.TAG; OSError when it cannot be made."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in _MARKS.items():
        if not (folder / name).exists():
            write(folder / name, text.encode())


def write(path: Path, data: bytes) -> None:
    """Atomically, without fsync: a lost entry is rebuilt."""
    write_atomic(path, data, sync=False)
