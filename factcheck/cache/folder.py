"""Where the cache is, what it names the files in it, how it reads and writes them, and what makes it its own.

Decides the folder: ``$FACTCHECK_CACHE_DIR`` (:func:`factcheck.environment.cache_dir`), else
``.factcheck/`` beside the catalogue, else in the current folder. A new (or empty) folder gets a
``.gitignore`` of everything and a ``CACHEDIR.TAG`` naming factcheck, so that git and backup tools
leave it alone; that tag is also what marks a folder as a factcheck cache (:func:`is_ours`). The
cache writes, rewrites and removes files only in a folder so marked, and never through a
symbolic link: :func:`prepare` refuses (:class:`Refused`) a folder that is a link, an existing
folder with other files and no tag (``$FACTCHECK_CACHE_DIR`` naming a folder of the user's), and a
cache with a link anywhere in it (:func:`link_inside`); files are read without following a link
(:func:`read`: ``O_NOFOLLOW``, a regular file, at most a bound). ``cache clear`` removes the tags
only when they still begin as written here (:data:`OURS`). Every file is written through a
temporary file and a rename, without fsync: a reader sees a whole file or the one before, and a
lost one is rebuilt.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from factcheck import environment
from factcheck.files import write_atomic

FOLDER = ".factcheck"
ENV = environment.CACHE_DIR

ENTRIES = "entries"  # a folder: entries/<first two hex digits>/<key>.pkl
MANIFEST = "manifest.json"
INDEX = "index"  # a folder (factcheck.retrieval.saved)
VERDICTS = "verdicts.json"
OLD_VERDICTS = "verdicts.pkl"  # an earlier version's: cleared, never read
LOCK = "lock"
TAG = "CACHEDIR.TAG"

_MARKS = {
    ".gitignore": "# made by factcheck: the cache is never committed\n*\n",
    TAG: "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck's cache (https://bford.info/cachedir/)\n",
}
OURS = {".gitignore": b"# made by factcheck", TAG: b"Signature: 8a477f597d28d172789f06886806bc55"}
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class Refused(Exception):
    """A folder the cache will not use or clear (the run goes on without the cache): where, why, what to do."""

    def __init__(self, path: Path, reason: str, hint: str):
        super().__init__(f"{path}: {reason} ({hint})")
        self.path, self.reason, self.hint = path, reason, hint


def cache_folder(catalogue: Path | None) -> Path:
    """$FACTCHECK_CACHE_DIR, else ``.factcheck/`` beside the catalogue, else in the current folder."""
    named = environment.cache_dir()
    if named is not None:
        return named
    return (catalogue.parent if catalogue is not None else Path(".")) / FOLDER


def is_ours(folder: Path) -> bool:
    """The folder holds the ``CACHEDIR.TAG`` factcheck writes (a regular file, not a link): a factcheck cache."""
    try:
        return read(folder / TAG, 4096).decode("utf-8", "replace") == _MARKS[TAG]
    except OSError:
        return False


def check(folder: Path) -> None:
    """:class:`Refused` unless ``folder`` is a factcheck cache with no link in it (or no folder at all);
    OSError when it cannot be looked at."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise Refused(folder, "the cache folder is a symbolic link, not followed", "remove the link")
    if not stat.S_ISDIR(st.st_mode):
        raise OSError(errno.ENOTDIR, "not a folder")
    if not is_ours(folder) and not _empty(folder):
        raise Refused(
            folder,
            "not a factcheck cache (no CACHEDIR.TAG of factcheck's), and not empty",
            f"a folder of yours? point {ENV} at a new or empty one",
        )
    link = link_inside(folder)
    if link is not None:
        what = "a symbolic link" if os.path.islink(link) else "neither a file nor a folder"
        raise Refused(link, f"{what} inside the cache, not followed", "remove it")


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as found:
        return next(found, None) is None


def prepare(folder: Path) -> None:
    """The folder, its .gitignore (everything in it) and CACHEDIR.TAG; :class:`Refused` when it is not the
    cache's to write (:func:`check`); OSError when it cannot be made."""
    check(folder)
    if not os.path.lexists(folder):
        folder.mkdir(parents=True, exist_ok=True)
        check(folder)  # made meanwhile by another, or by us: nothing to scan
    for name, text in _MARKS.items():
        if not os.path.lexists(folder / name):
            write(folder / name, text.encode())


def link_inside(folder: Path) -> Path | None:
    """The first symbolic link (or anything else that is neither a file nor a folder: a FIFO, a device)
    where the cache keeps its files: the folder, ``entries/`` and its subfolders, ``index/`` and the
    index's temporary folders."""
    pending = [folder]
    while pending:
        here = pending.pop()
        with os.scandir(here) as found:
            for item in found:
                if item.is_symlink() or not (item.is_dir(follow_symlinks=False) or item.is_file()):
                    return Path(item.path)
                if item.is_dir(follow_symlinks=False) and _walked(folder, Path(item.path)):
                    pending.append(Path(item.path))
    return None


def _walked(folder: Path, sub: Path) -> bool:
    """The cache's own folders: entries and its subfolders, the index and its temporary folders."""
    rel = sub.relative_to(folder).parts
    return rel[0] in (ENTRIES, INDEX) or rel[0].startswith((".tmp-", ".old-"))


def read(path: Path, limit: int) -> bytes:
    """A file of the cache: never through a link (``O_NOFOLLOW``), a regular file of at most ``limit`` bytes
    (a FIFO or a device is not waited on); OSError (FileNotFoundError when there is none) otherwise."""
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if st.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit // 2**20} MiB" if limit >= 2**20 else "too large")
        data = fh.read(st.st_size + 1)  # not limit + 1: that is what read() would allocate
    if len(data) > limit:
        raise OSError(errno.EFBIG, "grew while read")
    return data


def write(path: Path, data: bytes) -> None:
    """Atomically, without fsync (a lost entry is rebuilt), never through a link: the rename replaces a link
    at ``path`` itself, and a folder on the way that is a link is refused (OSError)."""
    parent = path.parent
    if os.path.lexists(parent) and os.path.islink(parent):
        raise OSError(errno.ELOOP, f"{parent} is a symbolic link")
    write_atomic(path, data, sync=False)
