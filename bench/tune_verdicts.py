"""Held-out figures for the verdict settings tuned on WiCE dev (cross-validation).

Usage: python bench/tune_verdicts.py [--data ../shared/bench/wice-dev] [--folds 5]

Three verdict settings were chosen by looking at WiCE dev: how many plain words a claim may leave
unfound (``max_unbacked_words`` when its figures agree, ``max_unbacked_words_text`` when it has
none) and how close its best sentence must be (``support_window``). Figures measured on the same
claims they were tuned on flatter them, so this script runs every candidate setting once over the 349 cited claims, then
for each of K folds picks, on the other folds, the setting with the most recall among those whose
``supported`` precision reaches 0.85 (else the most precise: a wrong ``supported`` is the costly
error), and scores it on the held-out fold.
The held-out verdicts of all folds together give the figures reported in the README.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score_verdicts import folds  # noqa: E402

from factcheck import project  # noqa: E402
from factcheck.settings import Settings  # noqa: E402

GRID = {"max_unbacked_words": [0, 1], "max_unbacked_words_text": [0, 1], "support_window": [45.0, 60.0, 70.0]}
PRECISION_FLOOR = 0.85  # the target: among settings that reach it on the training folds, the most recall


def verdicts_for(values: dict[str, float], data: Path) -> dict[str, str]:
    settings = Settings().updated("verdicts", values)
    where = project.Locations(data / "claims-cited.yaml", data / "docs", cache=False)  # nothing written in ../shared
    report = project.verify(where, settings)
    return {r.claim.id: r.verdict for r in report.results}


def counts(verdicts: dict[str, str], gold: dict[str, str], ids: list[str]) -> tuple[int, int, int]:
    """(correct supported, said supported, gold supported) over ``ids``."""
    said = [i for i in ids if verdicts[i] == "supported"]
    return sum(gold[i] == "supported" for i in said), len(said), sum(gold[i] == "supported" for i in ids)


def precision_first(tp: int, said: int, gold: int) -> tuple[bool, float, float]:
    """Settings that keep ``supported`` precise enough first; among them the most recall, else the most precise."""
    p = tp / said if said else 0.0
    r = tp / gold if gold else 0.0
    return (p >= PRECISION_FLOOR, r if p >= PRECISION_FLOOR else p, p)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "bench" / "wice-dev")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    gold = {k: v["label"] for k, v in json.loads((args.data / "gold.json").read_text()).items()}
    grid = [dict(zip(GRID, combo, strict=True)) for combo in itertools.product(*GRID.values())]
    runs = {json.dumps(values): verdicts_for(values, args.data) for values in grid}
    ids = sorted(gold)
    held: dict[str, str] = {}
    for k, test in enumerate(folds(ids, args.folds)):
        train = [i for i in ids if i not in set(test)]
        best = max(runs, key=lambda key: precision_first(*counts(runs[key], gold, train)))
        print(f"fold {k}: chose {best} on {len(train)} claims; scored on {len(test)}")
        held.update({i: runs[best][i] for i in test})
    for key, verdicts in runs.items():
        tp, said, total = counts(verdicts, gold, ids)
        print(f"all claims, {key}: supported precision {tp / max(1, said):.3f} ({tp}/{said}) recall {tp / total:.3f}")
    tp, said, total = counts(held, gold, ids)
    print(
        f"held out ({args.folds}-fold): supported precision {tp / max(1, said):.3f} ({tp}/{said}) "
        f"recall {tp / total:.3f} ({tp}/{total})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
