"""An index on disk: ``.npy`` files and one JSON of word lists, memory-mapped back.

Decides the saved index's files (:data:`FORMAT`): each array of :class:`~factcheck.retrieval.postings.Arrays`
as a one-dimensional ``.npy`` file, the word lists and each scorer's scalars in ``words.json``
(whose first bytes name the format and the key, read without loading the rest), what the
store was told the index is made of in ``made_of.json``, and, when the store gives a
:class:`Sealer`, a ``seal`` over all of them (names, lengths and bytes, in order). A save writes a
new folder and swaps it in, so a reader sees a whole index or none; a load opens each file once
without following a link, verifies the seal over those very bytes (the pages let go of as they
are hashed), maps the arrays read-only (a plain array over the mapping, whose pages
:func:`let_go` can give back while an update reads it once), and checks their types, that their
shapes fit and that their values are in range (postings' items and starts, finite weights), so
that no search ever indexes out of bounds or scores with a NaN. It belongs to the retrieval side,
beside the model it writes: the cache says where and when, and with what seal
(:mod:`factcheck.cache.index`), and nothing here knows of the cache.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import math
import mmap
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from factcheck.retrieval.postings import Arrays, Scorer

FORMAT = 4  # of a saved index; bump when the files change shape
SEAL = "seal"  # the file of the seal over the others
PURPOSE = "index"  # what the seal is bound to
_HASHED = 16 * 2**20  # bytes hashed before their pages are let go of
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
Buffer = bytes | bytearray | memoryview | mmap.mmap


class Sealer(Protocol):
    """What seals a saved index (the cache's key): a seal of a stream of bytes, and its check."""

    def stamp(self, purpose: str, chunks: Iterable[Buffer]) -> bytes: ...

    def verify(self, purpose: str, chunks: Iterable[Buffer], tag: Buffer) -> None: ...


_LISTS = ("vocabulary", "surface_words", "surface_stems", "lowercase")


def save(arrays: Arrays, folder: Path, key: str, made_of: Any = None, sealer: Sealer | None = None) -> None:
    """The index as .npy files and one JSON of word lists, in a folder that appears whole or not at all.

    ``made_of``: what the store needs to know later of the documents it was made from (JSON), if anything;
    ``sealer``: what seals the files (then :func:`load` is given it to check them).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for name, value in _flat_arrays(arrays).items():
            np.save(tmp / f"{name}.npy", value, allow_pickle=False)
        words = {name: getattr(arrays, name) for name in _LISTS}
        scorers = (arrays.sentences, arrays.documents)
        meta = {
            "format": FORMAT,
            "key": key,
            "items": [x.items for x in scorers],
            "weights": [[x.context, x.k1] for x in scorers],  # floats: JSON keeps every bit
            **words,
        }
        (tmp / "words.json").write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
        if made_of is not None:
            (tmp / "made_of.json").write_text(json.dumps(made_of, separators=(",", ":")), encoding="utf-8")
        if sealer is not None:
            (tmp / SEAL).write_bytes(sealer.stamp(PURPOSE, _stream(_open_all(tmp))))
        old = folder.with_name(f".old-{os.getpid()}")
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


_SCALARS = ("items", "context", "k1")  # of a Scorer: kept in words.json, not as arrays


def _flat_arrays(arrays: Arrays) -> dict[str, np.ndarray]:
    out = {
        "doc_of": arrays.doc_of,
        "sentence_of": arrays.sentence_of,
        "surface_counts": arrays.surface_counts,
        "lowercase_counts": arrays.lowercase_counts,
    }
    for prefix, scorer in (("s", arrays.sentences), ("d", arrays.documents)):
        for f in fields(Scorer):
            if f.name not in _SCALARS:
                out[f"{prefix}_{f.name}"] = getattr(scorer, f.name)
    return out


def saved_key(folder: Path) -> str | None:
    """The key the index in ``folder`` was saved under, without loading it; None when there is none."""
    try:
        fd, _ = _open(folder / "words.json")
        with os.fdopen(fd, "rb") as fh:
            head = fh.read(200).decode("utf-8", "replace")
    except OSError:
        return None
    found = re.match(r'\{"format":(\d+),"key":"([0-9a-f]+)"', head)
    return found.group(2) if found and int(found.group(1)) == FORMAT else None


def saved_items(folder: Path, sealer: Sealer | None = None) -> int | None:
    """How many sentences the index saved in ``folder`` holds; None when there is none, or it cannot be read,
    or (``sealer`` given) it is not sealed by it or holds values out of range."""
    try:
        if sealer is not None:
            return load(folder, sealer).sentences.items
        return int(_json(_read(folder / "words.json"))["items"][0])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def array_names() -> list[str]:
    """The names of a saved index's ``.npy`` files (without the suffix), as :func:`_flat_arrays` makes them."""
    scorer = [f.name for f in fields(Scorer) if f.name not in _SCALARS]
    return ["doc_of", "sentence_of", "surface_counts", "lowercase_counts", *(f"{p}_{n}" for p in "sd" for n in scorer)]


def load(folder: Path, sealer: Sealer | None = None) -> Arrays:
    """The index saved in ``folder``, its arrays memory-mapped; ValueError (or OSError) when it is not whole,
    not sealed by ``sealer`` (when given), or holds values out of range."""
    return load_saved(folder, sealer)[0]


def load_saved(folder: Path, sealer: Sealer | None = None) -> tuple[Arrays, Any]:
    """The index saved in ``folder`` and what it was made of (None when it was told nothing), read from the
    same bytes the seal is checked over; ValueError (or OSError) as :func:`load`."""
    files = _open_all(folder)
    if sealer is not None:
        sealer.verify(PURPOSE, _stream(files), _read(folder / SEAL) or b"")
    meta = _json(files["words.json"])
    told = _json(files["made_of.json"]) if files["made_of.json"] is not None else None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ValueError("saved by another version")
    flat = {name: _array(name, files[f"{name}.npy"]) for name in array_names()}
    arrays = _arrays(meta, flat)
    _check(arrays)
    return arrays, told


def _arrays(meta: dict[str, Any], flat: dict[str, np.ndarray]) -> Arrays:
    """The index from its word lists and scalars (checked for type) and its arrays."""
    lists: list[list[str]] = [meta.get(name) for name in _LISTS]  # type: ignore[misc]
    if not all(isinstance(x, list) and all(isinstance(w, str) for w in x) for x in lists):
        raise ValueError("word lists are not lists of words")
    items, weights = meta.get("items"), meta.get("weights")
    if not (isinstance(items, list) and len(items) == 2 and isinstance(weights, list) and len(weights) == 2):
        raise ValueError("not an index's scalars")
    numbers = [items, *weights]
    scorers = []
    for prefix, items, weights in zip("sd", numbers[0], numbers[1:], strict=True):
        if not _whole(items) or not (isinstance(weights, list) and len(weights) == 2 and all(map(_real, weights))):
            raise ValueError("not an index's scalars")
        given: dict[str, Any] = {f.name: flat[f"{prefix}_{f.name}"] for f in fields(Scorer) if f.name not in _SCALARS}
        scorers.append(Scorer(**given, items=items, context=float(weights[0]), k1=float(weights[1])))
    vocabulary, surface_words, surface_stems, lowercase = lists
    return Arrays(
        vocabulary,
        scorers[0],
        scorers[1],
        flat["doc_of"],
        flat["sentence_of"],
        surface_words,
        surface_stems,
        flat["surface_counts"],
        lowercase,
        flat["lowercase_counts"],
    )


def _whole(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def _real(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _open_all(folder: Path) -> dict[str, Buffer | None]:
    """Every file of a saved index, opened once (never through a link): arrays mapped, the rest read; None for
    a ``made_of.json`` there is none of. FileNotFoundError when another is missing."""
    files: dict[str, Buffer | None] = {f"{name}.npy": _mapping(folder / f"{name}.npy") for name in array_names()}
    files["words.json"] = _read(folder / "words.json")
    files["made_of.json"] = _read(folder / "made_of.json")
    if files["words.json"] is None:
        raise FileNotFoundError(errno.ENOENT, "no words.json", str(folder))
    return files


def _stream(files: dict[str, Buffer | None]) -> Iterator[Buffer]:
    """The files as the seal covers them: each one's name, length and bytes, in order of name; a mapping's
    pages let go of as they are hashed (they are read again from the file when a search wants them)."""
    for name in sorted(files):
        data = files[name]
        if data is None:
            yield name.encode() + b"\0absent\0"
            continue
        yield name.encode() + b"\0" + len(data).to_bytes(8, "little")
        view = memoryview(data)
        for lo in range(0, len(view), _HASHED):
            yield view[lo : lo + _HASHED]
            if isinstance(data, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
                with contextlib.suppress(OSError, ValueError):
                    data.madvise(mmap.MADV_DONTNEED, lo, min(_HASHED, len(view) - lo))
        view.release()


def _open(path: Path) -> tuple[int, int]:
    """A file opened without following a link, and its size; OSError when it is not a regular file."""
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, f"{path.name}: not a regular file")
    return fd, st.st_size


def _read(path: Path) -> bytes | None:
    """A small file's bytes (never through a link); None when there is none."""
    try:
        fd, size = _open(path)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        return fh.read(size)


def _mapping(path: Path) -> mmap.mmap | bytes:
    """A saved array's file, mapped read-only (empty: no mapping)."""
    fd, size = _open(path)
    try:
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ) if size else b""
    finally:
        os.close(fd)


def _json(data: Buffer | None) -> Any:
    try:
        return json.loads(bytes(data or b""))
    except RecursionError:
        raise ValueError("nested too deeply") from None


# the kinds of each array: i signed, u unsigned, f floating (native byte order, at most 8 bytes)
_KINDS = {
    "ids": "iu",
    "own": "u",
    "near": "u",
    "starts": "i",
    "df": "i",
    "idf": "f",
    "unseen": "f",
    "norm": "f",
    "lengths": "f",
    "doc_of": "i",
    "sentence_of": "i",
    "surface_counts": "i",
    "lowercase_counts": "i",
}


def _array(name: str, data: Buffer | None) -> np.ndarray:
    """A saved one-dimensional array of numbers of its kind: a plain array over the mapping (not an
    ``np.memmap``, whose indexing costs a Python call per slice), so :func:`let_go` can drop its pages."""
    head = io.BytesIO(bytes(memoryview(data or b"")[: 2**16]))
    version = np.lib.format.read_magic(head)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, _, dtype = read_header(head)  # one-dimensional: the order does not matter
    kind = _KINDS[name.split("_", 1)[1] if name[:2] in ("s_", "d_") else name]
    if len(shape) != 1 or dtype.kind not in kind or not dtype.isnative or dtype.itemsize > 8:
        raise ValueError(f"{name}.npy: not an array of the numbers it holds")
    if shape[0] == 0:
        return np.zeros(0, dtype)
    return np.frombuffer(data, dtype=dtype, count=shape[0], offset=head.tell())  # type: ignore[arg-type,unused-ignore]  # numpy stubs differ by version


def let_go(array: np.ndarray, lo: int, hi: int) -> None:
    """Drop the pages of ``array[lo:hi]`` from this process, when it is a saved array mapped by :func:`_mapped`
    (they are read from the file again if touched again): an update reads the whole saved index once, and
    would otherwise hold all of it beside the index it makes."""
    base = array.base
    mapping = base.obj if isinstance(base, memoryview) else base  # np.frombuffer keeps a view of the mapping
    if not isinstance(mapping, mmap.mmap) or array.flags.writeable or not hasattr(mmap, "MADV_DONTNEED") or hi <= lo:
        return  # only a read-only mapping of a file, whose pages the file gives back: never data held nowhere else
    start = array.ctypes.data - np.frombuffer(mapping, np.uint8).ctypes.data + lo * array.itemsize
    end = start + (hi - lo) * array.itemsize
    first = start - start % mmap.PAGESIZE
    with contextlib.suppress(OSError, ValueError):  # only memory is at stake
        mapping.madvise(mmap.MADV_DONTNEED, first, end - first)


def made_of(folder: Path) -> Any:
    """What :func:`save` was told the index in ``folder`` is made of, unchecked (the cache keeps the entries it
    names from being pruned, nothing more); None when it was told nothing or is unreadable."""
    try:
        return _json(_read(folder / "made_of.json"))
    except (OSError, ValueError):
        return None


def _check(a: Arrays) -> None:
    """The shapes fit together and the values are in range (a truncated, mixed-up or forged folder is not
    searched): every posting's item among the items, starts from 0 to the postings never going back,
    weights finite, counts not negative, items in their documents' order. Read a chunk at a time, each
    chunk's pages let go of after (a run that searches a few terms keeps only their postings' pages)."""
    _check_shapes(a)
    for scorer in (a.sentences, a.documents):
        if scorer.starts[0] != 0 or not _holds(scorer.starts, _ascending):
            raise ValueError("postings' starts go back")
        if not _holds(scorer.ids, partial(_within, low=0, high=scorer.items - 1)):
            raise ValueError("postings name items there are not")
        if not all(_holds(x, _finite) for x in (scorer.idf, scorer.unseen, scorer.norm, scorer.lengths)):
            raise ValueError("weights are not finite")
        if not _holds(scorer.lengths, _counts) or not _holds(scorer.df, partial(_within, low=0, high=scorer.items)):
            raise ValueError("counts out of range")
    in_documents = partial(_within, low=0, high=a.documents.items - 1)
    if not _holds(a.doc_of, in_documents) or not _holds(a.doc_of, _ascending):
        raise ValueError("items name documents there are not, or out of order")
    if not all(_holds(x, _counts) for x in (a.sentence_of, a.surface_counts, a.lowercase_counts)):
        raise ValueError("counts out of range")


_CHECKED = 1 << 22  # elements of an array checked before their pages are let go of


def _holds(array: np.ndarray, test: Callable[[np.ndarray], bool]) -> bool:
    """Whether ``test`` holds of each chunk of ``array`` (chunks overlap by one element, for order)."""
    for lo in range(0, max(len(array), 1), _CHECKED):
        hi = min(len(array), lo + _CHECKED + 1)
        held = test(array[lo:hi])
        let_go(array, lo, hi)
        if not held:
            return False
    return True


def _ascending(chunk: np.ndarray) -> bool:
    return bool(np.all(chunk[1:] >= chunk[:-1]))


def _within(chunk: np.ndarray, low: int, high: int) -> bool:
    return chunk.size == 0 or (int(chunk.min()) >= low and int(chunk.max()) <= high)


def _finite(chunk: np.ndarray) -> bool:
    return bool(np.isfinite(chunk).all())


def _counts(chunk: np.ndarray) -> bool:
    return chunk.size == 0 or bool(chunk.min() >= 0)


def _check_shapes(a: Arrays) -> None:
    """The shapes fit together."""
    terms = len(a.vocabulary)
    for scorer in (a.sentences, a.documents):
        if len(scorer.starts) != terms + 1 or len(scorer.idf) != terms or len(scorer.df) != terms:
            raise ValueError("postings do not fit the vocabulary")
        if not len(scorer.ids) == len(scorer.own) == len(scorer.near) or not scorer.items == len(scorer.lengths) == len(
            scorer.norm
        ):
            raise ValueError("postings do not fit their counts")
        if scorer.starts[-1] != len(scorer.ids) or scorer.unseen.shape != (1,):
            raise ValueError("postings do not fit their starts")
    if len(a.doc_of) != a.sentences.items or len(a.sentence_of) != a.sentences.items:
        raise ValueError("items do not fit their documents")
    if not len(a.surface_words) == len(a.surface_stems) == len(a.surface_counts):
        raise ValueError("words do not fit their stems")
    if len(a.lowercase) != len(a.lowercase_counts):
        raise ValueError("words do not fit their counts")
