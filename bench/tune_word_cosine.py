"""Tune ``word_cosine`` (a claim word backed by a like word of the evidence) on the sets allowed for it.

Usage: python bench/tune_word_cosine.py [--data ../shared/bench] [--grid 0.8 0.75 ...] [--out rows.json]

Two tuning sets, never the ones reported as held out (WiCE dev folds 3 and 4, WiCE nst dev,
HealthVer, bench/realdocs):

- **WiCE dev cited, folds 0, 1, 2** (``score_verdicts.folds``: 5 folds by id, seed 0): the catalogue
  and documents read once, judged once per threshold (and "off"); `supported` precision and recall
  on those folds, and each claim the matcher turned `supported` with the words it matched.
- **WiCE nst train**, word by word: every like word the matcher finds for an unbacked plain word of a
  sub-claim (the best one, its cosine recorded), against the gold mark of that claim token. A match
  for a token the annotators marked unsupported is wrong: the page does not say it. Precision of the
  matches at each threshold. (Judged in this process, ``FACTCHECK_WORKERS=1``, with
  ``Window.alike`` wrapped to record its best candidate: a measurement, not a code path.)

Chosen: the lowest threshold whose match precision on nst train is at least ``--floor`` (0.85, the
rules' own `supported` precision target) and whose WiCE folds 0-2 `supported` precision is not
below the matcher off.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ["FACTCHECK_WORKERS"] = "1"  # the nst pass records matches in this process

from score_verdicts import folds  # noqa: E402

from factcheck import alignment, api, locations  # noqa: E402
from factcheck.context import RunContext  # noqa: E402
from factcheck.judges import rules  # noqa: E402
from factcheck.reports import VerifyReport  # noqa: E402
from factcheck.settings import Settings  # noqa: E402
from factcheck.words import stemmer  # noqa: E402

TUNING_FOLDS = (0, 1, 2)
OFF = 2.0  # a cosine never reached: the matcher off
Match = tuple[str, int, int, str, str, float]  # claim id, start, end, claim word, like word, cosine


def judged(where: locations.Locations, cosines: list[float]) -> dict[float, VerifyReport]:
    """Each threshold's report over the same catalogue and documents, read once."""
    catalogue = locations.read_catalogue(where)
    read = locations.read_corpus(catalogue, where, Settings(), None)
    catalogue.resolve_sources([d.path for d in read.corpus.documents])
    reports = {}
    for cosine in cosines:
        settings = Settings().updated("verdicts", {"word_cosine": cosine})
        reports[cosine] = api.verify(catalogue, read.corpus, top=3, context=RunContext.of(settings, store=read.store))
        print(f"judged at {cosine}", file=sys.stderr, flush=True)
    return reports


def scored(report: VerifyReport, gold: dict[str, str], ids: set[str]) -> dict[str, Any]:
    said = [r for r in report.results if r.claim.id in ids and r.verdict == "supported"]
    tp = sum(gold[r.claim.id] == "supported" for r in said)
    n_gold = sum(gold[i] == "supported" for i in ids)
    return {"P": round(tp / len(said), 3) if said else None, "R": round(tp / n_gold, 3), "tp": tp, "said": len(said)}


def wice_rows(base: Path, grid: list[float]) -> list[dict[str, Any]]:
    gold = {k: v["label"] for k, v in json.loads((base / "gold.json").read_text()).items()}
    where = locations.Locations(base / "claims-cited.yaml", base / "docs", cache=False)  # nothing written in ../shared
    parts = folds([c.id for c in locations.read_catalogue(where).claims], 5)
    ids = {i for f in TUNING_FOLDS for i in parts[f]}
    reports = judged(where, [OFF, *grid])
    before = {r.claim.id: r.verdict for r in reports[OFF].results}
    rows = []
    for cosine, report in reports.items():
        row = {"word_cosine": cosine, **scored(report, gold, ids)}
        row["turned_supported"] = [
            {"id": r.claim.id, "gold": gold[r.claim.id], "was": before[r.claim.id], "alike": r.alignment.alike}
            for r in report.results
            if r.claim.id in ids and r.verdict == "supported" != before[r.claim.id] and r.alignment
        ]
        rows.append(row)
    return rows


def recorded_matches(base: Path) -> list[Match]:
    """Every best like word the matcher weighs on nst train (at any cosine), once per claim token."""
    found: dict[tuple[str, int], Match] = {}
    claim = [""]
    real_alike, real_judge = alignment.Window.alike, rules.judge_case
    stem = stemmer()

    def alike(self: alignment.Window, part: alignment.Part, thresholds: Any = alignment._DEFAULTS) -> str | None:
        best = real_alike(self, part, dataclasses.replace(thresholds, word_cosine=-1.0))
        vectors = alignment._vectors(self.language)
        if best is not None and vectors is not None:
            cosine = vectors.cosine(part.stem, stem(best)) or 0.0
            found.setdefault((claim[0], part.start), (claim[0], part.start, part.end, part.text, best, cosine))
        return real_alike(self, part, thresholds)

    def judge_case(case: Any, *args: Any) -> Any:
        claim[0] = case.claim.id
        return real_judge(case, *args)

    alignment.Window.alike = alike  # type: ignore[method-assign]
    rules.judge_case = judge_case  # type: ignore[assignment]
    try:
        judged(locations.Locations(base / "claims.yaml", base / "docs", cache=False), [0.0])
    finally:
        alignment.Window.alike, rules.judge_case = real_alike, real_judge  # type: ignore[method-assign]
    return list(found.values())


def wrong(match: Match, gold: dict[str, Any]) -> bool:
    """Whether the matched claim word covers a token the annotators marked unsupported."""
    cid, start, end = match[:3]
    tokens, marked = gold[cid]["tokens"], set(gold[cid]["unsupported"])
    return any(i in marked for i, (_, a, b) in enumerate(tokens) if a < end and start < b)


def nst_rows(base: Path, grid: list[float]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    gold = json.loads((base / "gold.json").read_text())
    matches = sorted(recorded_matches(base), key=lambda m: -m[5])
    seen = [{"word": m[3], "like": m[4], "cosine": round(m[5], 3), "wrong": wrong(m, gold)} for m in matches]
    rows = []
    for cosine in grid:
        kept = [m for m in seen if m["cosine"] >= cosine]
        right = sum(not m["wrong"] for m in kept)
        rows.append({"word_cosine": cosine, "matches": len(kept), "right": right, "P": _ratio(right, len(kept))})
    return rows, seen


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def chosen(wice: list[dict[str, Any]], nst: list[dict[str, Any]], floor: float) -> float | None:
    """The lowest threshold precise enough on both sets."""
    off = next(r["P"] for r in wice if r["word_cosine"] == OFF) or 0.0
    wice_ok = {r["word_cosine"] for r in wice if (r["P"] or 0) >= off}
    fit = [r["word_cosine"] for r in nst if r["P"] is not None and r["P"] >= floor and r["word_cosine"] in wice_ok]
    return min(fit) if fit else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "bench")
    parser.add_argument("--grid", type=float, nargs="+", default=[0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5])
    parser.add_argument("--floor", type=float, default=0.85)
    parser.add_argument("--out", type=Path, help="every row as JSON, with the claims turned supported and the matches")
    args = parser.parse_args()
    wice = wice_rows(args.data / "wice-dev", args.grid)
    nst, matches = nst_rows(args.data / "wice-nst-train", args.grid)
    print("word_cosine  WiCE dev folds 0-2 supported P / R (tp/said)   nst train matches right/all (P)")
    for row in wice:
        other = next((n for n in nst if n["word_cosine"] == row["word_cosine"]), None)
        name = "off" if row["word_cosine"] == OFF else f"{row['word_cosine']:.2f}"
        words = f"{other['right']}/{other['matches']} ({other['P']})" if other else "-"
        print(f"{name:>11}  {row['P']} / {row['R']} ({row['tp']}/{row['said']}){'':18}{words}")
    best = chosen(wice, nst, args.floor)
    print(f"chosen (nst train match precision >= {args.floor}, WiCE folds 0-2 not less precise): {best}")
    if args.out:
        args.out.write_text(json.dumps({"wice": wice, "nst": nst, "matches": matches}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
