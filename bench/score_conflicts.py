"""Score the conflict detector on labelled statement pairs (bench/conflict-pairs.yaml).

Usage: python bench/score_conflicts.py [pairs.yaml] [--docs seeds]

Each pair is judged as factcheck conflicts judges two statements, with the seed
corpus as the background for word weights: conflict, consistent or different subject.
Prints precision and recall for 'conflict' (what the command reports) and the confusion.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from factcheck.analysis import Analysis
from factcheck.catalogue import Catalogue, Claim
from factcheck.corpus import load_corpus
from factcheck.disagreements import (
    CONFLICT,
    Statement,
    claim_statements,
    comparable_pair,
    disagree,
    document_statements,
    prepare,
)
from factcheck.settings import ConflictSettings as Settings

HERE = Path(__file__).resolve().parent
LABELS = ("conflict", "consistent", "different")
Pair = dict[str, Any]  # id, a, b, label
Confusion = Counter[tuple[str, str]]  # (label, judged) -> pairs
ANALYSIS: Analysis


def statements(text: str, tag: str) -> list[Statement]:
    cat = Catalogue([Claim(tag, text, 1, 1)], Path(tag))
    return claim_statements(cat, ANALYSIS)


def relation(a: list[Statement], b: list[Statement], context: list[Statement], settings: Settings | None = None) -> str:
    """How two texts' statements relate: "conflict", "consistent" or "different" (subject).

    The harness's own rule over the library's pair judgement: the corpus's statements and
    the pair's are prepared together (word weights, parts) by the same ``prepare`` that
    ``find_conflicts`` runs, then every statement of ``a`` is compared with every one of ``b``.
    """
    settings = settings or Settings()
    prepare(context + a + b, settings)
    pairs = [(x, y) for x in a for y in b if comparable_pair(x, y, settings)]
    if any(disagree(x, y) for x, y in pairs):
        return CONFLICT
    return "consistent" if pairs else "different"


def score(pairs: list[Pair], docs: Path, settings: Settings | None = None) -> tuple[Confusion, list[tuple[Pair, str]]]:
    global ANALYSIS
    ANALYSIS = Analysis(load_corpus(docs))
    context = document_statements(ANALYSIS)
    confusion: Confusion = Counter()
    wrong = []
    for p in pairs:
        got = relation(statements(p["a"], "a"), statements(p["b"], "b"), context, settings)
        confusion[(p["label"], got)] += 1
        if got != p["label"]:
            wrong.append((p, got))
    return confusion, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pairs", nargs="?", type=Path, default=HERE / "conflict-pairs.yaml")
    parser.add_argument("--docs", type=Path, default=HERE.parent / "seeds")
    args = parser.parse_args()
    pairs = yaml.safe_load(args.pairs.read_text(encoding="utf-8"))["pairs"]
    confusion, wrong = score(pairs, args.docs)
    counts = ", ".join(f"{sum(1 for p in pairs if p['label'] == lab)} {lab}" for lab in LABELS)
    print(f"{len(pairs)} labelled pairs: " + counts)
    print("label \\ got   " + "".join(f"{g:>12}" for g in LABELS))
    for lab in LABELS:
        print(f"{lab:<13}" + "".join(f"{confusion.get((lab, g), 0):>12}" for g in LABELS))
    tp = confusion.get(("conflict", "conflict"), 0)
    flagged = sum(v for (lab, g), v in confusion.items() if g == "conflict")
    actual = sum(v for (lab, g), v in confusion.items() if lab == "conflict")
    precision = tp / flagged if flagged else 0.0
    recall = tp / actual if actual else 0.0
    print(f"\nconflict precision {precision:.3f} ({tp}/{flagged})  recall {recall:.3f} ({tp}/{actual})")
    correct = sum(v for (lab, g), v in confusion.items() if lab == g)
    print(f"three-way accuracy {correct}/{len(pairs)} = {correct / len(pairs):.3f}")
    for p, got in wrong:
        print(f"  {p['id']}: labelled {p['label']}, judged {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
