"""A language's word vectors: a static table, one unit vector per stem, read once with numpy.

The table (``data/en-vectors.npz`` for English) is distilled by ``training/distill_vectors.py``
from a sentence encoder, each word embedded alone, so no model runs here: a lookup and a dot
product. It holds ``stems`` (the keys, the language's stems, one UTF-8 string joined by newlines),
``vectors`` (int8, one row a stem), ``scales`` (float16, a row's scale) and ``meta`` (JSON: where
it comes from); rows are made unit length again when read. The alignment
asks it how alike two words are (:func:`factcheck.alignment.Window.alike`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class WordVectors:
    """Stems and their unit vectors (float32 rows)."""

    rows: dict[str, int]
    vectors: Matrix

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def vector(self, stem: str) -> Matrix | None:
        """The stem's unit vector, or None when the table has no such stem."""
        row = self.rows.get(stem)
        return None if row is None else self.vectors[row]

    def known(self, stems: Iterable[str]) -> tuple[list[str], Matrix]:
        """The stems the table holds, in the order given, and their vectors (one row each)."""
        found = [s for s in stems if s in self.rows]
        return found, self.vectors[[self.rows[s] for s in found]]

    def cosine(self, a: str, b: str) -> float | None:
        """How alike two stems are (-1 to 1), or None when the table lacks one."""
        x, y = self.vector(a), self.vector(b)
        return None if x is None or y is None else float(x @ y)


@cache
def word_vectors(name: str) -> WordVectors:
    """The table in the data file ``name`` (under ``factcheck/lang/data``), read once per process."""
    source = resources.files("factcheck.lang").joinpath("data").joinpath(name)
    with resources.as_file(source) as path, np.load(path, allow_pickle=False) as table:
        stems = table["stems"].tobytes().decode("utf-8").split("\n")
        vectors = table["vectors"].astype(np.float32) * table["scales"].astype(np.float32)[:, None]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return WordVectors({s: i for i, s in enumerate(stems)}, vectors)
