"""The cache's seal: an HMAC-SHA256 over every file it writes, keyed by a secret of this user on this machine.

Decides which of the cache's files a run may believe. Every file the cache writes (an entry, the
manifest, the remembered verdicts, and the saved index: its arrays, word lists and what it was made
of, under one seal) carries ``HMAC-SHA256(key, purpose, content)``, where the purpose names the
file's role and, for an entry, its name (the digest of the content and code it was made from). A
run reads a file only after its seal verifies; one that does not (edited, planted, copied from
another machine or renamed) is not trusted: it is reported as damaged and rebuilt, as a file
that cannot be read always was.

The key is 32 random bytes (:func:`os.urandom`) made the first time, kept in the user's own
cache folder (:func:`factcheck.environment.key_folder`: ``$XDG_CACHE_HOME/factcheck/key``, else
``~/.cache/factcheck/key``), in a folder only the user may write (0700), in a file only the user may
read (0600), never inside the project: a key folder inside the documents' or the cache's folder or
the git repository either stands in is refused (``XDG_CACHE_HOME`` set to a folder of the
checkout, as a CI job might to cache it, would let a pull request commit the key). Where no such
key can be kept (no home, a read-only home, a key file others may read, a key folder inside the
project), the run goes on without the cache: every document read afresh, as ``--no-cache`` reads
them, with one warning saying why, and nothing kept.

Why it holds. Whoever writes the repository (a pull request run in CI) controls every byte of every
file committed, ``.factcheck/`` included (names and contents; a checkout gives them new mtimes),
and may copy any file factcheck ever wrote on *their* machine. They cannot read this user's key (it
is not in the repository; the run never prints it, and names only its folder), so they cannot
compute the seal of content of their choosing: HMAC-SHA256 is a pseudorandom function, so without
the key a tag can only be guessed (one chance in 2**256 a try), and the key itself, 256 random
bits, cannot be guessed either. A file sealed on their own machine carries their key's id and does
not verify here. A file this machine sealed cannot reach them (``.factcheck/`` is ignored by git
and never leaves the runner); and because the purpose names the file, one sealed file moved under
another name (an entry of one document served for another) does not verify either. Each seal covers
the whole file, so nothing unsealed is parsed: a pickle, a deeply nested JSON or an array is read
only when this machine wrote it, and every reader still checks what it reads (the unpickler refuses
every class, the verdicts are JSON of checked types and depth, the index's values are checked for
range) in case of a bug of ours.

What it does not stop: anyone who can read the key or write the cache folder as this user while
a run goes (they can run code as the user anyway), a job that runs code of the pull request's
own (installs it, runs its scripts) with the key's folder in reach; an attacker on the same machine racing the
run between a check and a use (the threat here is the repository's content, which is fixed
before the run starts). A cache restored in CI from another run's storage (``actions/cache``)
was sealed with that run's key: it is rebuilt unless the key folder is restored with it, and
then it is only as trustworthy as whoever could write that storage.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import mmap
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from factcheck import environment

KEY_NAME = "key"
KEY_BYTES = 32
MAGIC = b"FCSEAL1\0"  # the first bytes of every sealed file: the seal's format
_ID_BYTES = 8  # the key's id: which key sealed a file (another machine's, or this one's)
_TAG_BYTES = 32
HEADER = len(MAGIC) + _ID_BYTES + _TAG_BYTES
Buffer = bytes | bytearray | memoryview | mmap.mmap  # as retrieval.saved.Buffer


class Untrusted(ValueError):
    """A file of the cache whose seal does not verify. ``foreign``: sealed with another key."""

    def __init__(self, message: str, foreign: bool = False):
        super().__init__(message)
        self.foreign = foreign


class NoKey(Exception):
    """No key can be kept where only this user may read it, outside the project: why, in one line."""


class Seal:
    """A key, and what it seals; an ephemeral one (``--no-cache``'s folder) lives as long as the run."""

    def __init__(self, secret: bytes):
        if len(secret) != KEY_BYTES:
            raise ValueError("a key is 32 bytes")
        self._secret = secret
        self.id = hashlib.sha256(b"factcheck key id\0" + secret).digest()[:_ID_BYTES]

    @classmethod
    def ephemeral(cls) -> Seal:
        return cls(os.urandom(KEY_BYTES))

    def __repr__(self) -> str:  # never the secret
        return f"Seal({self.id.hex()})"

    def tag(self, purpose: str, chunks: Iterable[Buffer]) -> bytes:
        """HMAC-SHA256 of the purpose and the chunks, in order."""
        mac = hmac.new(self._secret, purpose.encode() + b"\0", hashlib.sha256)
        for chunk in chunks:
            mac.update(chunk)
        return mac.digest()

    def seal(self, purpose: str, data: Buffer) -> bytes:
        """``data`` with its seal in front: what the cache writes."""
        return MAGIC + self.id + self.tag(purpose, [data]) + bytes(data)

    def open(self, purpose: str, blob: Buffer) -> memoryview:
        """The data of a sealed file; :class:`Untrusted` when its seal is not this key's for this purpose."""
        view = memoryview(blob)
        if len(view) < HEADER or view[: len(MAGIC)] != MAGIC:
            raise Untrusted("not sealed by factcheck")
        if view[len(MAGIC) : len(MAGIC) + _ID_BYTES] != self.id:
            raise Untrusted("sealed with another key (another machine's or user's)", foreign=True)
        data = view[HEADER:]
        if not hmac.compare_digest(view[len(MAGIC) + _ID_BYTES : HEADER], self.tag(purpose, [data])):
            raise Untrusted("its seal does not verify: edited or planted")
        return data

    def verify(self, purpose: str, chunks: Iterable[Buffer], tag: Buffer) -> None:
        """:class:`Untrusted` unless ``tag`` is this key's seal of the chunks (a sealed folder: the index)."""
        if len(tag) != HEADER or bytes(tag[: len(MAGIC)]) != MAGIC:
            raise Untrusted("not sealed by factcheck")
        if bytes(tag[len(MAGIC) : len(MAGIC) + _ID_BYTES]) != self.id:
            raise Untrusted("sealed with another key (another machine's or user's)", foreign=True)
        if not hmac.compare_digest(bytes(tag[len(MAGIC) + _ID_BYTES :]), self.tag(purpose, chunks)):
            raise Untrusted("its seal does not verify: edited or planted")

    def stamp(self, purpose: str, chunks: Iterable[Buffer]) -> bytes:
        """The seal of the chunks, as :meth:`verify` reads it back."""
        return MAGIC + self.id + self.tag(purpose, chunks)


# ---------------------------------------------------------------- this user's key

_loaded: dict[Path, Seal] = {}


def key_path() -> Path | None:
    """Where this user's key is kept; None when the environment names no folder of the user's own."""
    folder = environment.key_folder()
    return None if folder is None else folder / KEY_NAME


def project(*places: Path) -> list[Path]:
    """Where the key must not be kept: the places given (the documents' folder, the cache's), and the git
    repository each stands in (the nearest folder above it with a ``.git``)."""
    out = list(places)
    for place in places:
        here = Path(os.path.abspath(place))
        for above in (here, *here.parents):
            if os.path.lexists(above / ".git"):
                out.append(above)
                break
    return out


def machine_seal(project: Iterable[Path]) -> Seal:
    """This user's key, made the first time; :class:`NoKey` when it cannot be kept safely outside ``project``."""
    path = key_path()
    if path is None:
        raise NoKey("no folder of the user's own to keep the cache's key in ($XDG_CACHE_HOME and $HOME unset)")
    folder = Path(os.path.realpath(path.parent))
    for place in project:
        inside = Path(os.path.realpath(place))
        if folder == inside or inside in folder.parents:
            where = f"{place}; set {environment.XDG_CACHE_HOME} elsewhere"
            raise NoKey(f"{path.parent}: the cache's key would be kept inside the project ({where})")
    if folder in _loaded:
        return _loaded[folder]
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _check_owned(folder, "folder", 0o022)
        found = _read_key(folder / KEY_NAME)
        if found is None:
            found = _make_key(folder / KEY_NAME)
    except OSError as exc:
        raise NoKey(f"{path}: cannot keep the cache's key there ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise NoKey(f"{path}: {exc}") from None
    _loaded[folder] = Seal(found)
    return _loaded[folder]


def _check_owned(path: Path, what: str, forbidden: int) -> None:
    """ValueError unless ``path`` is this user's and no one else may do what ``forbidden`` names."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise ValueError(f"the key's {what} is a symbolic link")
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise ValueError(f"the key's {what} belongs to another user")
    if st.st_mode & forbidden:
        raise ValueError(f"others may {'read' if forbidden == 0o077 else 'write'} the key's {what}; remove it")


def _read_key(path: Path) -> bytes | None:
    """The key kept at ``path``; None when there is none yet; ValueError when it is not one this user alone
    may read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if os.path.islink(path):
            raise ValueError("the key is a symbolic link; remove it") from None
        raise exc
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size != KEY_BYTES:
            raise ValueError("not a key of factcheck's (32 bytes); remove it and a new one is made")
        _check_owned(path, "file", 0o077)
        return fh.read(KEY_BYTES)


def _make_key(path: Path) -> bytes:
    """A new key at ``path``, readable by this user only; the one another run made meanwhile, if any."""
    tmp = path.with_name(f".{KEY_NAME}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(KEY_BYTES))
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another run made one first: that one is the key
            os.link(tmp, path)  # appears whole, or not at all
    finally:
        tmp.unlink(missing_ok=True)
    found = _read_key(path)
    if found is None:
        raise OSError(f"{path} vanished")
    return found
