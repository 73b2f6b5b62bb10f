"""Score factcheck's verdicts against a labelled catalogue (each claim's 'expect').

Usage: python bench/score_labelled.py [bench/labelled-claims.yaml]

Prints a confusion matrix, accuracy and per-verdict precision and recall.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from factcheck import project
from factcheck.catalogue import VERDICTS

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else HERE / "labelled-claims.yaml"
    report = project.verify(project.Locations(path, cache=False))  # nothing written beside ../shared
    pairs = [(r.expected, r.verdict) for r in report.results]
    confusion = Counter(pairs)
    print(f"labelled set: {path} ({len(pairs)} claims)")
    print("expected \\ got " + "".join(f"{v:>14}" for v in VERDICTS))
    for e in VERDICTS:
        print(f"{e:<15}" + "".join(f"{confusion.get((e, g), 0):>14}" for g in VERDICTS))
    correct = sum(1 for e, g in pairs if e == g)
    print(f"\naccuracy {correct}/{len(pairs)} = {correct / len(pairs):.3f}")
    for v in VERDICTS:
        tp = confusion.get((v, v), 0)
        got = sum(1 for _, g in pairs if g == v)
        exp = sum(1 for e, _ in pairs if e == v)
        if exp or got:
            p = tp / got if got else 0.0
            r = tp / exp if exp else 0.0
            print(f"{v:<13} precision {p:.3f} ({tp}/{got})  recall {r:.3f} ({tp}/{exp})")
    wrong = [r for r in report.results if not r.ok]
    if wrong:
        print("\nmisjudged:")
        for r in wrong:
            best = r.evidence[0] if r.evidence else None
            where = f"{best.doc}:{best.line} ({best.stance} {best.score:.0f})" if best else "no evidence"
            print(f"  {r.claim.id}: expected {r.expected}, got {r.verdict}; best {where}")
            print(f"      {r.claim.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
