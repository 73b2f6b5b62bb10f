"""Corpora for growth measurements: synthetic statements, real prose repeated, and an archive.

Synthetic sentences each state one figure of a few counted nouns (so the conflict
buckets are large, as in real text), about subjects drawn from a Zipf-like vocabulary of
made-up words (a few words common, most rare), some dated, some not. Everything is
seeded: the same size gives the same text.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

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


PACKAGES = ("python3.11-doc", "postgresql-doc-15", "git-doc", "debian-handbook")  # apt-get install them
DEBIAN_DOCS = (
    Path("/usr/share/doc/python3.11-doc/html"),
    Path("/usr/share/doc/postgresql-doc-15/html"),
    Path("/usr/share/doc/git-doc"),
    Path("/usr/share/doc/debian-handbook/html/en-US"),
)
POOL = Path.home() / ".cache" / "factcheck-bench" / "debian-pool"


def debian_pool(pool: Path = POOL) -> list[Path]:
    """Debian's documentation pages as text, a sentence per paragraph (as WiCE's pages are), made once.

    Read with factcheck's own web page reader, so factcheck and the BM25 baseline index the same
    sentences. Raises when none of the packages is installed (the apt-get line above).
    """
    if not any(root.is_dir() for root in DEBIAN_DOCS):
        raise SystemExit(
            "no Debian documentation: apt-get install python3.11-doc postgresql-doc-15 git-doc debian-handbook"
        )
    done = pool / ".complete"
    if not done.exists():
        from factcheck.corpus import parse_document

        pool.mkdir(parents=True, exist_ok=True)
        for root in DEBIAN_DOCS:
            for page in sorted(root.rglob("*.html")) if root.is_dir() else []:
                if page.stat().st_size > 2_000_000:
                    continue
                doc = parse_document(page.name, page.read_bytes())
                text = [s.text for s in doc.sentences if s.evidence]
                if len(text) >= 5:
                    name = f"{root.parts[4]}-{page.relative_to(root).as_posix().replace('/', '_')}"
                    (pool / f"{name[:150]}.txt").write_text("\n\n".join(text) + "\n", encoding="utf-8")
        done.touch()
    return sorted(pool.glob("*.txt"))


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").split("\n") if line.strip())


def archive(folder: Path, sentences: int, pool: Path = POOL) -> int:
    """The WiCE dev pages once (so its claims stay findable), then Debian's documentation up to
    ``sentences`` sentences, repeated under new names (``r<k>-``) once it runs out. Returns the count."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for page in sorted(p for p in WICE_DOCS.iterdir() if p.is_file()):
        (folder / f"wice-{page.name}").write_bytes(page.read_bytes())
        total += _lines(page)
    pages = [(p, _lines(p)) for p in debian_pool(pool)]
    round_ = 0
    while total < sentences:
        for page, count in pages:
            if total >= sentences:
                break
            (folder / f"r{round_}-{page.name}").write_bytes(page.read_bytes())
            total += count
        round_ += 1
    return total


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


def in_child(script: str, args: list[str], env: dict[str, str] | None = None) -> Any:
    """``script --one ARGS`` in a fresh process (so peak memory is that run's): the JSON of its last line."""
    done = subprocess.run(
        [sys.executable, script, "--one", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
