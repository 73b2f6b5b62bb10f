"""Corpora for growth measurements: synthetic statements, and real prose repeated.

Synthetic sentences each state one figure of a few counted nouns (so the conflict
buckets are large, as in real text), about subjects drawn from a Zipf-like vocabulary of
made-up words (a few words common, most rare), some dated, some not. Everything is
seeded: the same size gives the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

UNITS = ["agencies", "officers", "people", "schools", "cases", "vehicles", "contracts", "workers"]
MONTHS = ["January", "March", "April", "June", "September", "December"]
WICE_DOCS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "wice-dev" / "docs"
WICE_CLAIMS = WICE_DOCS.parent / "claims.yaml"
_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "tor", "bel", "su", "gar", "fen"]


def _vocabulary(size: int, rng: random.Random) -> list[str]:
    out: set[str] = set()
    while len(out) < size:
        out.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(out)


class Synthetic:
    """Sentences "The <words> reported <n> <unit> [in <Month> <year>]." over a fixed vocabulary."""

    def __init__(self, seed: int = 7, vocabulary: int = 4000):
        self.rng = random.Random(seed)
        self.words = _vocabulary(vocabulary, self.rng)
        self.weights = [1.0 / (rank + 1) for rank in range(len(self.words))]

    def sentence(self) -> str:
        rng = self.rng
        subject = " ".join(rng.choices(self.words, self.weights, k=rng.randint(2, 5)))
        n = rng.randint(13, 9000)
        when = f" in {rng.choice(MONTHS)} {rng.randint(2001, 2023)}" if rng.random() < 0.3 else ""
        return f"The {subject} program reported {n} {rng.choice(UNITS)}{when}."

    def sentences(self, n: int) -> list[str]:
        return [self.sentence() for _ in range(n)]


def one_document(folder: Path, n: int) -> None:
    """One document of ``n`` sentences, each a statement."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.txt").write_text("\n".join(Synthetic().sentences(n)) + "\n")


def one_line_files(folder: Path, n: int) -> None:
    """``n`` documents of one sentence each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(Synthetic().sentences(n)):
        (folder / f"f{i:06d}.txt").write_text(text + "\n")


def claims_file(path: Path, n: int, seed: int = 11) -> None:
    """A catalogue of ``n`` claims, each stating one figure."""
    sentences = Synthetic(seed=seed).sentences(n)
    path.write_text(yaml.safe_dump({"claims": [{"id": f"c{i}", "text": t} for i, t in enumerate(sentences)]}))


def repeated_prose(folder: Path, times: int, source: Path = WICE_DOCS, headed: bool = False) -> None:
    """The WiCE dev pages ``times`` over, each copy under a new name; ``headed``: each copy opens with a
    line of its own, so no two are the same article (a story syndicated under other headers)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted(p for p in source.iterdir() if p.is_file())
    for t in range(times):
        for page in pages:
            head = f"Republished as copy {t} of {page.stem}.\n\n".encode() if headed else b""
            (folder / f"r{t}-{page.name}").write_bytes(head + page.read_bytes())


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def page_sentences(docs: Path) -> tuple[list[str], list[tuple[str, int]]]:
    """Every non-blank line of the pages (WiCE holds one sentence a paragraph, sentence i on line
    2i+1), and where each stands: what the BM25 baseline indexes."""
    sentences: list[str] = []
    where: list[tuple[str, int]] = []
    for path in sorted(docs.glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if line.strip():
                sentences.append(line)
                where.append((path.name, n))
    return sentences, where
