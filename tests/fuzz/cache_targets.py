"""The cache loader's fuzz target: every file of the cache, unsealed or sealed with the run's key, read back.

The seal (``factcheck.cache.seal``) keeps a file this machine did not write from being parsed at
all; behind it each reader must still hold, in case of a bug of ours: so the target seals what
it is given with the loaders' own key, and feeds it to the manifest's, the verdicts', an entry's
and the saved index's reader. Each must return what it read, or say it is damaged (ValueError,
OSError; an entry: None, told to the run's log), never raise anything else, never hang, and a
remembered verdict that does not decode must be judged again (``Memo.get`` gives None), never
reach the report. Inputs: valid files of each kind with one part replaced by any JSON value (or
any plain value, for pickles), and random bytes.
"""

from __future__ import annotations

import contextlib
import io
import json
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import strategies as st

from factcheck import api
from factcheck.cache import manifest, verdicts
from factcheck.cache.entries import FORMAT, Entries, build_entry, dumps, purpose
from factcheck.cache.seal import Seal
from factcheck.cache.stats import Log
from factcheck.catalogue import VERDICTS, parse_catalogue
from factcheck.corpus import Sentence, load_corpus
from factcheck.memo import Memo, recall
from factcheck.retrieval import postings, saved
from factcheck.retrieval.parts import document_terms

SEAL = Seal.ephemeral()
KINDS = ("manifest", "verdicts", "entry", "index words", "index array")
TEXT = "The program had 142 partner agencies in 2019.\nThe city opened 3 new libraries last year.\n"
CLAIMS = "claims:\n  - id: a\n    text: The program had 150 partner agencies in 2019.\n  - id: b\n    text: 3 new libraries.\n"
KEY = "ab" + "0" * 62


@cache
def templates() -> dict[str, Any]:
    """A valid file of each kind, as values (JSON's, or an entry's tuple), made once."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_text(TEXT, encoding="utf-8")
        corpus = load_corpus(Path(tmp))
    catalogue = parse_catalogue(Path("claims.yaml"), CLAIMS)
    memo = Memo("scope", {})
    for result in api.verify(catalogue, corpus).results:
        memo.put(result.claim, result)
    row = [len(TEXT), 1, "0" * 64, "text", [1, 2], ["document", None, None, [], 2]]
    arrays = postings.build([document_terms(d, 0.3) for d in corpus.documents], 1.2, 0.75)
    with tempfile.TemporaryDirectory() as tmp:
        saved.save(arrays, Path(tmp) / "index", "0" * 8)
        words = json.loads((Path(tmp) / "index" / "words.json").read_bytes())
    return {
        "manifest": {"format": FORMAT, "written": 2, "files": {"/x/a.txt": row}, "last_run": {}},
        "verdicts": {"format": 2, **memo.to_keep()},
        "entry": build_entry("a.txt", TEXT.encode(), 0.3),
        "arrays": arrays,
        "index words": words,
    }


_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8), st.sampled_from(["^", "Sentence"])
)
json_values = st.recursive(
    _leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=20,
)
plain_values = st.recursive(
    _leaves | st.binary(max_size=16),
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple),
    max_leaves=20,
)


def _nodes(value: Any) -> int:
    if isinstance(value, (list, tuple)):
        return 1 + sum(_nodes(v) for v in value)
    if isinstance(value, dict):
        return 1 + sum(_nodes(v) for v in value.values())
    return 1


def replaced(value: Any, at: int, new: Any) -> Any:
    """``value`` with its ``at``-th node (pre-order, modulo the count) replaced by ``new``."""
    count = [at % _nodes(value)]

    def walk(node: Any) -> Any:
        if count[0] == 0:
            count[0] = -1
            return new
        count[0] -= 1
        if isinstance(node, (list, tuple)):
            return type(node)(walk(v) for v in node)
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        return node

    return walk(value)


@st.composite
def cache_files(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """A kind of cache file, its bytes (a valid one with a part replaced, or random), and whether to seal it."""
    kind = draw(st.sampled_from(KINDS))
    sealed = draw(st.integers(0, 9)) > 0  # mostly sealed: past the seal, to the readers behind it
    if draw(st.integers(0, 9)) == 0:
        return kind, draw(st.binary(max_size=2000)), sealed
    at = draw(st.integers(0, 10**6))
    if kind == "entry":
        entry = replaced(templates()["entry"], at, draw(plain_values))
        try:
            return kind, dumps(entry), sealed  # as the cache writes an entry: two pickles
        except (TypeError, IndexError, KeyError):
            return kind, pickle.dumps(entry), sealed
    if kind == "index array":
        dtype = draw(st.sampled_from(["i1", "u1", "i4", "u4", "i8", "f8", ">f8", "f4", "c16", "?", "U2"]))
        values = draw(st.lists(st.integers(-(2**40), 2**40), max_size=40))
        with np.errstate(invalid="ignore"):
            array = np.array(values, dtype=np.float64).astype(dtype, casting="unsafe")
        return kind, _npy(array), sealed
    template = templates()[kind]
    return kind, json.dumps(replaced(template, at, draw(json_values))).encode(), sealed


def _npy(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


def cache_files_read_or_say_why(given: tuple[str, bytes, bool]) -> None:
    """Each reader returns what it read or says the file is damaged; nothing else escapes, nothing hangs.
    ``given``: a kind of file, its bytes, and whether to seal them (:func:`cache_files`)."""
    kind, data, sealed = given
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if kind == "manifest":
            _write(folder / "manifest.json", manifest.PURPOSE, data, sealed)
            with contextlib.suppress(OSError, ValueError):
                manifest.load(folder / "manifest.json", SEAL)
        elif kind == "verdicts":
            _write(folder / "verdicts.json", verdicts.PURPOSE, data, sealed)
            _recall_all(folder / "verdicts.json")
        elif kind == "entry":
            _read_entry(folder, data, sealed)
        else:
            _read_index(folder, kind, data, sealed)


def _write(path: Path, what: str, data: bytes, sealed: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SEAL.seal(what, data) if sealed else data)


def _recall_all(path: Path) -> None:
    """Every kept result recalled as a claim would be, then kept again: judged anew (None) or a result."""
    try:
        kept, shared = verdicts.load(path, SEAL)
    except (OSError, ValueError):
        return
    memo = Memo("scope", kept, shared)
    claim = parse_catalogue(Path("claims.yaml"), CLAIMS).claims[0]
    for found in kept.values():
        try:  # as Memo.get recalls a claim's result: what it cannot is judged again
            result = recall(found, claim, memo._sentence)
        except (ValueError, TypeError, KeyError, IndexError):
            continue
        assert result.verdict in VERDICTS and all(isinstance(e.sentence, Sentence) for e in result.evidence)
    json.dumps(memo.to_keep())  # kept again: never raises


def _read_entry(folder: Path, data: bytes, sealed: bool) -> None:
    entries = Entries(folder, Log(), SEAL)
    path = entries.path(KEY)
    path.parent.mkdir(parents=True)
    path.write_bytes(SEAL.seal(purpose(KEY), data) if sealed else data)
    entries.head(KEY)
    entries.bad.clear()
    entries.parts(KEY)
    entries.bad.clear()
    entries.document(KEY, "a.txt")


def _read_index(folder: Path, kind: str, data: bytes, sealed: bool) -> None:
    index = folder / "index"
    saved.save(templates()["arrays"], index, "0" * 8, {"documents": []}, SEAL)
    if kind == "index words":
        (index / "words.json").write_bytes(data)
    else:
        names = sorted(saved.array_names())
        (index / f"{names[len(data) % len(names)]}.npy").write_bytes(data)
    if sealed:
        (index / saved.SEAL).write_bytes(SEAL.stamp(saved.PURPOSE, saved._stream(saved._open_all(index))))
    with contextlib.suppress(OSError, ValueError):
        saved.load_saved(index, SEAL)
