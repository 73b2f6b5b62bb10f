"""The shipped model, loaded once per process on first use: onnxruntime and the tokenizer, never a network.

The files live in the package (``data/``): ``judge.onnx`` (int8), ``tokenizer.json`` (the base model's
lower-casing WordPiece) and ``judge.json`` (its labels, its length and the sha256 of ``judge.onnx``).
onnxruntime and tokenizers are the ``judge`` extra: without them, asking for this judge is the one-line
error that says how to install them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.errors import FactcheckError

DISTRIBUTION = "factcheck-claims"  # factcheck.DISTRIBUTION, which this layer cannot import (the package imports it)
INSTALL_HINT = f"pip install '{DISTRIBUTION}[judge]'"
NEEDED = ("onnxruntime", "tokenizers")  # the judge extra
LABELS = ("supported", "refuted", "neither")  # the order of the model's logits (judge.json says it too)
THREADS = 2  # onnxruntime's threads within one call: the 2 cores CI and the measurements ran on


def data_folder() -> Path:
    """The package's ``data/`` folder, where the model's three files are installed."""
    return Path(str(resources.files("factcheck.judges.model") / "data"))


def check_installed() -> None:
    """The one-line error, before any document is read, when the judge extra is not installed."""
    for module in NEEDED:
        if importlib.util.find_spec(module) is None:
            raise FactcheckError(f"judge 'model' needs {module}, which is not installed", hint=INSTALL_HINT)


@cache
def _digest(path: Path, size: int, mtime: int) -> str:
    del size, mtime  # part of the key: a file replaced in place is hashed again
    sha = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def model_digest(folder: Path | None = None) -> str:
    """The sha256 of ``judge.onnx``: part of the judge's identity, so new weights forget old verdicts."""
    path = (folder or data_folder()) / "judge.onnx"
    try:
        stat = path.stat()
    except OSError as exc:
        raise FactcheckError(
            f"the model judge's weights are missing: {exc.strerror}", str(path), hint="reinstall " + DISTRIBUTION
        ) from None
    return _digest(path, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Card:
    """What ``judge.json`` says the model is."""

    labels: tuple[str, ...]
    max_length: int
    sha256: str

    @classmethod
    def read(cls, folder: Path) -> Card:
        path = folder / "judge.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            card = cls(tuple(raw["labels"]), int(raw["max_length"]), str(raw["sha256"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise FactcheckError(
                f"cannot read the model's card: {exc}", str(path), hint="reinstall " + DISTRIBUTION
            ) from None
        if card.labels != LABELS:
            raise FactcheckError(f"the model's labels are {list(card.labels)}, not {list(LABELS)}", str(path))
        return card


class Model:
    """One process's inference session and tokenizer (a forked worker loads its own: sessions are not fork-safe)."""

    def __init__(self, session: Any, tokenizer: Any, card: Card):
        self.session, self.tokenizer, self.card = session, tokenizer, card
        self.pid = os.getpid()

    @classmethod
    def load(cls, folder: Path | None = None) -> Model:
        """The session from ``judge.onnx`` once its digest matches the card's; the tokenizer from its file."""
        folder = folder or data_folder()
        card = Card.read(folder)
        if model_digest(folder) != card.sha256:
            raise FactcheckError(
                "the model's weights do not match its card (sha256)",
                str(folder / "judge.onnx"),
                hint="reinstall " + DISTRIBUTION,
            )
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise FactcheckError(f"judge 'model' cannot import {exc.name}: {exc}", hint=INSTALL_HINT) from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads, options.inter_op_num_threads = THREADS, 1
        options.log_severity_level = 3  # errors only: its warnings are not the user's to act on
        # Threads that wait for work sleep instead of spinning: on 2 shared cores (two forked workers, or other
        # jobs) spinning took the cores the other thread needed: 95 ms a pair with it, 60 without (loaded machine).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(str(folder / "judge.onnx"), options, providers=["CPUExecutionProvider"])
        return cls(session, Tokenizer.from_file(str(folder / "tokenizer.json")), card)

    def in_this_process(self) -> bool:
        return self.pid == os.getpid()

    def lengths(self, texts: Sequence[str]) -> list[int]:
        """Each text's length in the model's tokens, without [CLS] and [SEP]."""
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        return [len(e.ids) for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """P(supported, refuted, neither) per (claim, evidence) pair, the batch tokenised at once.

        Encoded as the model was trained: ``[CLS] claim [SEP] evidence [SEP]``, the evidence cut to fit
        ``max_length``. Each pair is run alone: the int8 model quantises its activations with one scale
        for the whole input, so pairs run together would change each other's probabilities (0.90 alone,
        0.96 beside another pair), and a claim's verdict would depend on the claims beside it."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        self.tokenizer.enable_truncation(self.card.max_length, strategy="only_second")
        self.tokenizer.no_padding()
        rows = []
        for e in self.tokenizer.encode_batch(list(pairs)):
            feed = {
                "input_ids": np.array([e.ids], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids], dtype=np.int64),
            }
            rows.append(self.session.run(["logits"], feed)[0][0])
        logits: np.ndarray[Any, np.dtype[np.float32]] = np.array(rows, dtype=np.float32)
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        # newer numpy stubs type the quotient float64: say float32 outright, on every version
        probabilities: np.ndarray[Any, np.dtype[np.float32]] = np.asarray(
            shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float32
        )
        return probabilities


_LOADED: dict[tuple[str, str], Model] = {}  # this process's models by folder and weights: loaded once a process
_INHERITED: list[Model] = []  # models a forked worker inherited from its parent: kept, never used, never freed


def loaded(folder: Path) -> Model:
    """The model in ``folder``, loaded once per process and weights (a forked worker loads its own: a
    session's threads stay in the parent, and freeing its copy here would wait for them forever)."""
    key = (str(folder), model_digest(folder))
    model = _LOADED.get(key)
    if model is not None and not model.in_this_process():
        _INHERITED.append(model)
        model = None
    if model is None:
        model = _LOADED[key] = Model.load(folder)
    return model
