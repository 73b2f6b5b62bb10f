"""An index on disk: ``.npy`` files and one JSON of word lists, memory-mapped back.

Decides the saved index's files (:data:`FORMAT`): each array of :class:`~factcheck.retrieval.postings.Arrays`
as a one-dimensional ``.npy`` file, the word lists and each scorer's scalars in ``words.json``
(whose first bytes name the format and the key, read without loading the rest), and what the
store was told the index is made of in ``made_of.json``. A save writes a new folder and swaps it
in, so a reader sees a whole index or none; a load maps the arrays read-only (a plain array over
the mapping, whose pages :func:`let_go` can give back while an update reads it once) and checks
that their shapes fit. It belongs to the retrieval side, beside the model it writes: the cache
says where and when (:mod:`factcheck.cache.index`), and nothing here knows of the cache.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import re
import shutil
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.retrieval.postings import Arrays, Scorer

FORMAT = 3  # of a saved index; bump when the files change shape


_LISTS = ("vocabulary", "surface_words", "surface_stems", "lowercase")


def save(arrays: Arrays, folder: Path, key: str, made_of: Any = None) -> None:
    """The index as .npy files and one JSON of word lists, in a folder that appears whole or not at all.

    ``made_of``: what the store needs to know later of the documents it was made from (JSON), if anything.
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
        with open(folder / "words.json", encoding="utf-8") as fh:
            head = fh.read(200)
    except OSError:
        return None
    found = re.match(r'\{"format":(\d+),"key":"([0-9a-f]+)"', head)
    return found.group(2) if found and int(found.group(1)) == FORMAT else None


def saved_items(folder: Path) -> int | None:
    """How many sentences the index saved in ``folder`` holds; None when there is none (or it cannot be read)."""
    try:
        meta = json.loads((folder / "words.json").read_text(encoding="utf-8"))
        return int(meta["items"][0])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def load(folder: Path) -> Arrays:
    """The index saved in ``folder``, its arrays memory-mapped; ValueError (or OSError) when it is not whole."""
    meta: dict[str, Any] = json.loads((folder / "words.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError("saved by another version")
    flat = {p.stem: _mapped(p) for p in folder.glob("*.npy")}
    scorers = []
    for prefix, items, (context, k1) in zip("sd", meta["items"], meta["weights"], strict=True):
        given: dict[str, Any] = {f.name: flat[f"{prefix}_{f.name}"] for f in fields(Scorer) if f.name not in _SCALARS}
        scorers.append(Scorer(**given, items=int(items), context=float(context), k1=float(k1)))
    arrays = Arrays(
        meta["vocabulary"],
        scorers[0],
        scorers[1],
        flat["doc_of"],
        flat["sentence_of"],
        meta["surface_words"],
        meta["surface_stems"],
        flat["surface_counts"],
        meta["lowercase"],
        flat["lowercase_counts"],
    )
    _check(arrays)
    return arrays


def _mapped(path: Path) -> np.ndarray:
    """A saved one-dimensional array, memory-mapped read-only: a plain array whose base is the mapping (not an
    ``np.memmap``, whose indexing costs a Python call per slice), so :func:`let_go` can drop its pages."""
    with open(path, "rb") as fh:
        version = np.lib.format.read_magic(fh)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _, dtype = read_header(fh)  # one-dimensional: the order does not matter
        if len(shape) != 1 or dtype.hasobject:
            raise ValueError(f"{path.name}: not an array of numbers")
        offset = fh.tell()
        if shape[0] == 0:
            return np.zeros(0, dtype)
        mapping = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return np.frombuffer(mapping, dtype=dtype, count=shape[0], offset=offset)


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
    """What :func:`save` was told the index in ``folder`` is made of; None when it was told nothing or is unreadable."""
    try:
        return json.loads((folder / "made_of.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _check(a: Arrays) -> None:
    """The shapes fit together (a truncated or mixed-up folder is not searched)."""
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
