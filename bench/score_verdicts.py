"""Score factcheck's verdicts on public labelled sets, through the CLI's JSON only.

Usage:
    python bench/score_verdicts.py                        # all sets, all claims
    python bench/score_verdicts.py --set healthver        # one set
    python bench/score_verdicts.py --folds 5 --fold 2     # score only held-out fold 2 (0-based)
    python bench/score_verdicts.py --out bench/results/verdicts.json
    python bench/score_verdicts.py --repo /tmp/fc-head    # score the factcheck/ of another checkout
    python bench/score_verdicts.py --judge model          # verify --judge model (the judge extra)

Each set runs ``python -m factcheck verify --claims C --docs D --format json --top 5`` once
(exit codes 0 and 1 are normal, 2 is an error) and scores the JSON on stdout against gold labels:

  wice       WiCE dev, each claim against its cited page: gold label (supported /
             partially_supported / not_supported) x verdict, `supported` precision and recall,
             and how `partial` lines up with partially_supported.
  nst        WiCE non-supported tokens: token precision / recall / F1 of "unsupported"
             (a gold token is predicted when its span overlaps one of the claim's
             `unsupported` spans; punctuation tokens left out), next to the README baseline
             (a token is unsupported when its lowercased form is not among the page's
             lowercased \\w+ words: P 0.525, R 0.479, F1 0.501).
  healthver  HealthVer dev pairs: supported -> SUPPORTS, contradicted -> REFUTES, else NEI;
             accuracy, macro-F1, `supported` precision, REFUTES recall, false-supported rate.
  labelled   bench/labelled-claims.yaml (each claim's `expect:`): accuracy, per-verdict P/R.
  realdocs   bench/realdocs/claims.yaml (issue 19's development set over public documents, each
             claim's `expect:` and the classes its `# class:` comment names): as labelled, plus
             the false `supported` and right/wrong/false-supported per class. Run with --no-cache.
  heldout    bench/heldout/claims.yaml (issue 19's held-out set: other projects' documents, nobody
             tunes on it), scored exactly as realdocs.

Data is read from ../shared/bench relative to the repository (override with --data). A set
whose folder is missing is skipped. Tables go to stdout, progress to stderr.

Cross-validation bookkeeping: ``folds(ids, k, seed)`` splits claim ids into k folds by the
sha1 of each id's group key (the id itself; for healthver the claim text, so that all
pairs of one claim share a fold; for nst the parent WiCE claim). ``--fold I`` scores only
fold I, the held-out part; factcheck still runs on the whole catalogue.

``--repo DIR`` runs factcheck from another checkout (e.g. a ``git archive`` export of a commit),
so two code versions can be scored on the same data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench"
LABELLED = REPO / "bench" / "labelled-claims.yaml"
REALDOCS = REPO / "bench" / "realdocs" / "claims.yaml"
HELDOUT = REPO / "bench" / "heldout" / "claims.yaml"
SETS = ("wice", "nst", "healthver", "labelled", "realdocs", "heldout")
VERDICT_ORDER = ("supported", "partial", "contradicted", "disputed", "unverified")
ALWAYS_SHOWN = ("supported", "contradicted", "disputed", "unverified")
MISSING = "(missing)"
WORD = re.compile(r"\w+")

Claim = dict[str, Any]


# --- helpers -------------------------------------------------------------------------------


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def pr(tp: int, said: int, gold: int) -> dict[str, Any]:
    p, r = ratio(tp, said), ratio(tp, gold)
    return {"tp": tp, "said": said, "gold": gold, "precision": p, "recall": r, "f1": f1(p, r)}


def pr_line(name: str, m: Mapping[str, Any], width: int = 14) -> str:
    return (
        f"  {name:<{width}} precision {fmt(m['precision'])} ({m['tp']}/{m['said']})"
        f"  recall {fmt(m['recall'])} ({m['tp']}/{m['gold']})  F1 {fmt(m['f1'])}"
    )


def folds(ids: Iterable[str], k: int, seed: int = 0, group: Mapping[str, str] | None = None) -> list[list[str]]:
    """Split ids into k folds, deterministically: groups sorted by sha1(seed:key), dealt round-robin.

    ``group`` maps an id to its group key (default: the id itself); ids sharing a key share a fold.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    keys: dict[str, list[str]] = {}
    for cid in ids:
        keys.setdefault(group.get(cid, cid) if group else cid, []).append(cid)
    order = sorted(keys, key=lambda key: hashlib.sha1(f"{seed}:{key}".encode()).hexdigest())
    out: list[list[str]] = [[] for _ in range(k)]
    for i, key in enumerate(order):
        out[i % k].extend(keys[key])
    return [sorted(f) for f in out]


def select(ids: list[str], k: int, fold: int | None, group: Mapping[str, str] | None = None) -> tuple[list[str], str]:
    """The ids to score and a note saying which ones they are."""
    if fold is None:
        return ids, f"scored: all {len(ids)} claims"
    chosen = set(folds(ids, k, group=group)[fold])
    kept = [cid for cid in ids if cid in chosen]
    how = "by sha1 of id" if group is None else "by sha1 of group key"
    return kept, f"scored: held-out fold {fold} of {k} (0-based, {how}, seed 0): {len(kept)} of {len(ids)} claims"


def load_catalogue(path: Path) -> list[Claim]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["claims"])


def verdict_columns(verdicts: Iterable[str]) -> list[str]:
    seen = set(verdicts)
    cols = [v for v in VERDICT_ORDER if v in ALWAYS_SHOWN or v in seen]
    return cols + sorted(seen - set(cols))


def matrix(pairs: Sequence[tuple[str, str]], rows: Sequence[str], cols: Sequence[str]) -> dict[str, dict[str, int]]:
    c = Counter(pairs)
    return {r: {col: c.get((r, col), 0) for col in cols} for r in rows}


def matrix_lines(m: Mapping[str, Mapping[str, int]], corner: str) -> list[str]:
    cols = list(next(iter(m.values())).keys()) if m else []
    w0 = max([len(corner)] + [len(r) for r in m]) + 2
    w = max([8] + [len(c) + 2 for c in cols])
    lines = [f"  {corner:<{w0}}" + "".join(f"{c:>{w}}" for c in cols) + f"{'total':>{w}}"]
    for r, row in m.items():
        lines.append(f"  {r:<{w0}}" + "".join(f"{row[c]:>{w}}" for c in cols) + f"{sum(row.values()):>{w}}")
    totals = [sum(row[c] for row in m.values()) for c in cols]
    lines.append(f"  {'total':<{w0}}" + "".join(f"{t:>{w}}" for t in totals) + f"{sum(totals):>{w}}")
    return lines


# --- running factcheck -----------------------------------------------------------------------


class FactcheckError(RuntimeError):
    pass


def judged(args: argparse.Namespace) -> tuple[str, ...]:
    """The verify options naming the judge: none for the rules (so an older checkout given as --repo runs)."""
    return () if args.judge == "rules" else ("--judge", args.judge)


def run_verify(
    name: str, claims: Path, docs: Path | None, top: int, repo: Path = REPO, extra: Sequence[str] = ()
) -> tuple[dict[str, Claim], float]:
    """Run ``factcheck verify`` as a subprocess in ``repo`` (``-m`` imports repo/factcheck first).

    Returns its JSON claims by id, and the wall time.
    """
    cmd = [sys.executable, "-m", "factcheck", "verify", "--claims", str(claims), "--format", "json", "--top", str(top)]
    cmd += list(extra)
    if docs is not None:
        cmd += ["--docs", str(docs)]
    log(f"[{name}] {' '.join(cmd[1:])}")
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=repo, check=False)
    secs = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise FactcheckError(f"exit code {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise FactcheckError(f"stdout is not JSON ({exc}); stderr: {proc.stderr.strip()[-1000:]}") from exc
    log(f"[{name}] factcheck verify: {len(data.get('claims', []))} claims in {secs:.1f} s (exit {proc.returncode})")
    return {c["id"]: c for c in data.get("claims", [])}, secs


def verdicts_of(out: Mapping[str, Claim], ids: Sequence[str], name: str) -> dict[str, str]:
    missing = [cid for cid in ids if cid not in out]
    if missing:
        log(f"[{name}] warning: {len(missing)} claims missing from factcheck's output, e.g. {missing[:3]}")
    return {cid: out[cid]["verdict"] if cid in out else MISSING for cid in ids}


@dataclass
class Result:
    """One set's figures (for --out) and its printed lines."""

    figures: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


# --- wice ------------------------------------------------------------------------------------

WICE_LABELS = ("supported", "partially_supported", "not_supported")


def score_wice(data: Path, args: argparse.Namespace) -> Result:
    base = data / "wice-dev"
    gold = json.loads((base / "gold.json").read_text())
    catalogue = base / "claims-cited.yaml"
    ids = [c["id"] for c in load_catalogue(catalogue)]
    out, secs = run_verify("wice", catalogue, base / "docs", args.top, args.repo, judged(args))
    ids, note = select(ids, args.folds, args.fold)
    got = verdicts_of(out, ids, "wice")
    pairs = [(gold[cid]["label"], got[cid]) for cid in ids]
    m = matrix(pairs, WICE_LABELS, verdict_columns(got.values()))
    n_gold = Counter(g for g, _ in pairs)
    sup = pr(
        sum(1 for g, v in pairs if v == "supported" and g == "supported"),
        sum(1 for _, v in pairs if v == "supported"),
        n_gold["supported"],
    )
    part = pr(
        sum(1 for g, v in pairs if v == "partial" and g == "partially_supported"),
        sum(1 for _, v in pairs if v == "partial"),
        n_gold["partially_supported"],
    )
    backed = ("supported", "partially_supported")
    some = pr(
        sum(1 for g, v in pairs if v in ("supported", "partial") and g in backed),
        sum(1 for _, v in pairs if v in ("supported", "partial")),
        sum(n_gold[b] for b in backed),
    )
    r = Result(
        {
            "claims": len(ids),
            "note": note,
            "confusion": m,
            "supported": sup,
            "partial": part,
            "supported_or_partial": some,
            "verdicts": got,
            "factcheck_seconds": secs,
        }
    )
    r.lines += [f"WiCE dev, cited document ({catalogue.name}): {len(ids)} claims", f"  {note}"]
    r.lines += matrix_lines(m, "gold \\ verdict")
    r.lines.append(pr_line("supported", sup) + "   (README @1cd23d1: P 0.60 = 48/80, R 0.42 = 48/115)")
    if part["said"]:
        r.lines.append(pr_line("partial", part) + "   (gold partially_supported)")
    else:
        r.lines.append(f"  {'partial':<14} never said (gold partially_supported: {part['gold']})")
    r.lines.append(pr_line("sup|partial", some) + "   (vs gold supported|partially_supported)")
    return r


# --- wice-nst --------------------------------------------------------------------------------


def is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def overlaps(start: int, end: int, spans: Iterable[Mapping[str, Any]]) -> bool:
    return any(start < int(s["end"]) and int(s["start"]) < end for s in spans)


def token_counts(pred: Iterable[tuple[bool, bool]]) -> dict[str, Any]:
    """(predicted, gold) pairs -> precision / recall / F1 counts."""
    tp = fp = fn = 0
    for p, g in pred:
        tp += p and g
        fp += p and not g
        fn += g and not p
    return pr(tp, tp + fp, tp + fn)


def page_words(doc: Path) -> set[str]:
    return set(WORD.findall(doc.read_text(encoding="utf-8").lower()))


def nst_pairs(
    ids: Sequence[str], gold: Mapping[str, Any], predicted: Mapping[str, Sequence[Mapping[str, Any]]]
) -> list[tuple[bool, bool]]:
    """(predicted unsupported, gold unsupported) per word token; predicted[cid] is the claim's span list."""
    pairs: list[tuple[bool, bool]] = []
    for cid in ids:
        g = gold[cid]
        uns = set(g["unsupported"])
        spans = predicted.get(cid) or []
        for i, (tok, start, end) in enumerate(g["tokens"]):
            if is_word(tok):
                pairs.append((overlaps(start, end, spans), i in uns))
    return pairs


def nst_baseline(ids: Sequence[str], gold: Mapping[str, Any], docs: Path) -> list[tuple[bool, bool]]:
    pairs: list[tuple[bool, bool]] = []
    for cid in ids:
        g = gold[cid]
        words = page_words(docs / g["doc"])
        uns = set(g["unsupported"])
        pairs += [(tok.lower() not in words, i in uns) for i, (tok, _, _) in enumerate(g["tokens"]) if is_word(tok)]
    return pairs


def score_nst(data: Path, args: argparse.Namespace) -> Result:
    base = data / "wice-nst-dev"
    gold = json.loads((base / "gold.json").read_text())
    catalogue = base / "claims.yaml"
    claims = load_catalogue(catalogue)
    texts = {c["id"]: c["text"] for c in claims}
    out, secs = run_verify("nst", catalogue, base / "docs", args.top, args.repo, judged(args))
    group = {cid: cid.rsplit("-", 1)[0] for cid in texts}  # sub-claims of one WiCE claim share a fold
    ids, note = select(list(texts), args.folds, args.fold, group)
    got = verdicts_of(out, ids, "nst")
    shifted = [cid for cid in ids if cid in out and out[cid].get("text") != texts[cid]]
    if shifted:
        log(f"[nst] warning: {len(shifted)} claim texts differ from claims.yaml; span offsets may not line up")
    spans = {cid: list(out.get(cid, {}).get("unsupported") or []) for cid in ids}
    fc = token_counts(nst_pairs(ids, gold, spans))
    t0 = time.perf_counter()
    bl = token_counts(nst_baseline(ids, gold, base / "docs"))
    bl_secs = time.perf_counter() - t0
    with_spans = sum(1 for s in spans.values() if s)
    n_tok = sum(1 for cid in ids for tok, _, _ in gold[cid]["tokens"] if is_word(tok))
    r = Result(
        {
            "claims": len(ids),
            "note": note,
            "word_tokens": n_tok,
            "factcheck": fc,
            "baseline_absent_word": bl,
            "claims_with_spans": with_spans,
            "verdict_counts": dict(Counter(got.values())),
            "spans": {cid: s for cid, s in spans.items() if s},
            "factcheck_seconds": secs,
            "baseline_seconds": bl_secs,
        }
    )
    r.lines += [
        (f"WiCE non-supported tokens dev: {len(ids)} sub-claims, {n_tok} word tokens ({fc['gold']} gold unsupported)"),
        f"  {note}",
    ]
    r.lines.append(
        f"  factcheck gave `unsupported` spans for {with_spans} of {len(ids)} claims; "
        f"verdicts {dict(Counter(got.values()))}"
    )
    r.lines.append(pr_line("factcheck", fc, 22))
    r.lines.append(pr_line("absent-word baseline", bl, 22) + "   (README: P 0.525, R 0.479, F1 0.501)")
    return r


# --- healthver -------------------------------------------------------------------------------

HV_LABELS = ("SUPPORTS", "REFUTES", "NEI")


def hv_class(verdict: str) -> str:
    return {"supported": "SUPPORTS", "contradicted": "REFUTES"}.get(verdict, "NEI")


def score_healthver(data: Path, args: argparse.Namespace) -> Result:
    base = data / "healthver-dev"
    gold = json.loads((base / "gold.json").read_text())["claims"]
    catalogue = base / "claims.yaml"
    claims = load_catalogue(catalogue)
    out, secs = run_verify("healthver", catalogue, base / "docs", args.top, args.repo, judged(args))
    group = {c["id"]: c["text"] for c in claims}  # all pairs of one claim share a fold
    ids, note = select([c["id"] for c in claims], args.folds, args.fold, group)
    got = verdicts_of(out, ids, "healthver")
    raw = [(gold[cid]["label"], got[cid]) for cid in ids]
    mapped = [(g, hv_class(v)) for g, v in raw]
    m_raw = matrix(raw, HV_LABELS, verdict_columns(got.values()))
    m_cls = matrix(mapped, HV_LABELS, HV_LABELS)
    per = {
        c: pr(m_cls[c][c], sum(1 for _, p in mapped if p == c), sum(1 for g, _ in mapped if g == c)) for c in HV_LABELS
    }
    correct = sum(m_cls[c][c] for c in HV_LABELS)
    macro = sum(per[c]["f1"] or 0.0 for c in HV_LABELS) / len(HV_LABELS)
    not_sup = [v for g, v in raw if g != "SUPPORTS"]
    false_sup = sum(1 for v in not_sup if v == "supported")
    said_sup = sum(1 for _, v in raw if v == "supported")
    right_sup = sum(1 for g, v in raw if v == "supported" and g == "SUPPORTS")
    refutes = [v for g, v in raw if g == "REFUTES"]
    ref_hit = sum(1 for v in refutes if v == "contradicted")
    r = Result(
        {
            "claims": len(ids),
            "note": note,
            "confusion": m_raw,
            "confusion_classes": m_cls,
            "accuracy": ratio(correct, len(ids)),
            "macro_f1": macro,
            "per_class": per,
            "supported_said": said_sup,
            "supported_right": right_sup,
            "supported_precision": ratio(right_sup, said_sup),
            "refutes_contradicted": ref_hit,
            "refutes": len(refutes),
            "refutes_recall": ratio(ref_hit, len(refutes)),
            "false_supported": false_sup,
            "refutes_or_nei": len(not_sup),
            "false_supported_rate": ratio(false_sup, len(not_sup)),
            "verdicts": got,
            "factcheck_seconds": secs,
        }
    )
    r.lines += [f"HealthVer dev: {len(ids)} claim-passage pairs", f"  {note}"]
    r.lines += matrix_lines(m_raw, "gold \\ verdict")
    r.lines.append(
        f"  accuracy {fmt(ratio(correct, len(ids)))} ({correct}/{len(ids)})  macro-F1 {fmt(macro)}"
        "   (README @1cd23d1: 0.522, 0.256)"
    )
    for c in HV_LABELS:
        r.lines.append(pr_line(c, per[c], 10))
    r.lines.append(
        f"  supported said {said_sup}, right {right_sup} (precision {fmt(ratio(right_sup, said_sup))});"
        f" REFUTES called contradicted {ref_hit}/{len(refutes)} (recall {fmt(ratio(ref_hit, len(refutes)))})"
    )
    r.lines.append(
        f"  false supported {false_sup}/{len(not_sup)} = {fmt(ratio(false_sup, len(not_sup)))}"
        "   (README: said 64 right 21; 2/391; 43/1384)"
    )
    return r


# --- labelled and realdocs: catalogues with `expect:` ---------------------------------------


def _shown(path: Path) -> Path:
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


@dataclass
class Expected:
    """A catalogue's claims against their `expect:`: the ids scored, gold and factcheck's verdicts."""

    ids: list[str]
    expect: dict[str, str]
    got: dict[str, str]
    texts: dict[str, str]
    note: str
    secs: float


def run_expected(name: str, path: Path, args: argparse.Namespace, extra: Sequence[str] = ()) -> Expected:
    claims = load_catalogue(path)
    expect = {c["id"]: str(c.get("expect", "")) for c in claims}
    out, secs = run_verify(name, path, None, args.top, args.repo, (*extra, *judged(args)))
    ids, note = select([c["id"] for c in claims], args.folds, args.fold)
    texts = {c["id"]: str(c.get("text", "")) for c in claims}
    return Expected(ids, expect, verdicts_of(out, ids, name), texts, note, secs)


def expected_figures(e: Expected) -> tuple[dict[str, Any], list[str]]:
    """Confusion matrix, accuracy, per-verdict precision and recall, the misjudged; and their lines."""
    pairs = [(e.expect[cid], e.got[cid]) for cid in e.ids]
    cols = verdict_columns(list(e.got.values()) + [x for x, _ in pairs])
    rows = [v for v in cols if any(x == v for x, _ in pairs)]
    m = matrix(pairs, rows, cols)
    correct = sum(1 for x, g in pairs if x == g)
    per = {
        v: pr(
            sum(1 for x, g in pairs if x == g == v),
            sum(1 for _, g in pairs if g == v),
            sum(1 for x, _ in pairs if x == v),
        )
        for v in cols
    }
    per = {v: x for v, x in per.items() if x["said"] or x["gold"]}
    wrong = [
        {"id": cid, "expect": e.expect[cid], "verdict": e.got[cid]} for cid in e.ids if e.expect[cid] != e.got[cid]
    ]
    figures = {
        "claims": len(e.ids),
        "note": e.note,
        "confusion": m,
        "accuracy": ratio(correct, len(e.ids)),
        "per_verdict": per,
        "misjudged": wrong,
        "factcheck_seconds": e.secs,
    }
    lines = matrix_lines(m, "expect \\ verdict")
    lines.append(f"  accuracy {fmt(ratio(correct, len(e.ids)))} ({correct}/{len(e.ids)})")
    lines += [pr_line(v, x) for v, x in per.items()]
    return figures, lines


def score_labelled(data: Path, args: argparse.Namespace) -> Result:
    del data
    e = run_expected("labelled", args.labelled, args)
    figures, table = expected_figures(e)
    r = Result(figures)
    r.lines += [f"labelled set ({_shown(args.labelled)}): {len(e.ids)} claims", f"  {e.note}", *table]
    if figures["misjudged"]:
        r.lines.append(
            "  misjudged: " + ", ".join(f"{w['id']} ({w['expect']}->{w['verdict']})" for w in figures["misjudged"])
        )
    return r


# The classes of bench/realdocs/claims.yaml, in the order its header names them (issue 19's list).
CLASS_ORDER = (
    "figure-beside", "bound", "version", "range-average", "unit", "figure",
    "date-format", "date-line", "year", "time-scoped", "superseded",
    "half-true", "version-heading", "number-only",
    "html-aside", "html-table", "md-markup", "md-table", "md-code", "md-footnote", "docx-footnote", "docx-table",
    "pdf-page",
    "paraphrase", "denial", "absent", "disputed",
)  # fmt: skip
CLASS_COMMENT = re.compile(r"^\s*#\s*class:\s*([^|]*)")
CLAIM_ID = re.compile(r"^\s*-\s*id:\s*(\S+)")


def claim_classes(path: Path) -> dict[str, list[str]]:
    """Each claim's classes, read from the `# class: a, b | decides: ...` comment just above its `- id:`."""
    out: dict[str, list[str]] = {}
    pending: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := CLASS_COMMENT.match(line):
            pending = [c.strip() for c in m.group(1).split(",") if c.strip()]
        elif m := CLAIM_ID.match(line):
            out[m.group(1)] = pending
            pending = []
    return out


def is_false_supported(expect: str, got: str) -> bool:
    return got == "supported" and expect != "supported"


def class_rows(e: Expected, classes: Mapping[str, Sequence[str]]) -> dict[str, dict[str, Any]]:
    """Per class: claims, right, wrong, false `supported`, and the misjudged (a claim counts in each of its classes)."""
    rows: dict[str, dict[str, Any]] = {}
    for cid in e.ids:
        for cls in classes.get(cid) or ["(no class)"]:
            row = rows.setdefault(cls, {"claims": 0, "right": 0, "wrong": 0, "false_supported": 0, "misjudged": []})
            row["claims"] += 1
            if e.got[cid] == e.expect[cid]:
                row["right"] += 1
            else:
                row["wrong"] += 1
                row["misjudged"].append(cid)
            row["false_supported"] += is_false_supported(e.expect[cid], e.got[cid])
    order = [c for c in CLASS_ORDER if c in rows] + sorted(set(rows) - set(CLASS_ORDER))
    return {c: rows[c] for c in order}


def class_lines(rows: Mapping[str, Mapping[str, Any]]) -> list[str]:
    lines = [f"  {'class':<16}{'claims':>7}{'right':>7}{'wrong':>7}{'false sup':>11}"]
    for cls, row in rows.items():
        lines.append(f"  {cls:<16}{row['claims']:>7}{row['right']:>7}{row['wrong']:>7}{row['false_supported']:>11}")
    return lines


def score_realdocs(data: Path, args: argparse.Namespace, name: str = "realdocs") -> Result:
    """bench/realdocs/claims.yaml (or `name`'s): as labelled, plus false `supported` and right/wrong per class."""
    del data
    path = getattr(args, name)
    e = run_expected(name, path, args, ("--no-cache",))
    figures, table = expected_figures(e)
    classes = claim_classes(path)
    rows = class_rows(e, classes)
    false_sup = [cid for cid in e.ids if is_false_supported(e.expect[cid], e.got[cid])]
    figures.update(per_class=rows, false_supported=false_sup)
    r = Result(figures)
    r.lines += [f"real-documents set ({_shown(path)}): {len(e.ids)} claims", f"  {e.note}", *table]
    r.lines.append(
        f"  false supported: {len(false_sup)}"
        + (f" ({', '.join(false_sup)})" if false_sup else "")
        + "   (issue 19 target: at least 0.900 right and no false supported)"
    )
    r.lines += ["  per class (a claim counts in each class it names):", *class_lines(rows), "  misjudged:"]
    r.lines += [
        f"    {w['id']}: expected {w['expect']}, got {w['verdict']} [{', '.join(classes.get(w['id'], []))}]"
        f"\n        {e.texts[w['id']]}"
        for w in figures["misjudged"]
    ]
    return r


def score_heldout(data: Path, args: argparse.Namespace) -> Result:
    """bench/heldout/claims.yaml, issue 19's held-out set: scored exactly as realdocs."""
    return score_realdocs(data, args, "heldout")


# --- main ------------------------------------------------------------------------------------

SCORERS = {
    "wice": score_wice,
    "nst": score_nst,
    "healthver": score_healthver,
    "labelled": score_labelled,
    "realdocs": score_realdocs,
    "heldout": score_heldout,
}
FOLDERS = {"wice": "wice-dev", "nst": "wice-nst-dev", "healthver": "healthver-dev"}


def set_missing(name: str, data: Path, args: argparse.Namespace) -> str | None:
    """Why the set cannot run, or None."""
    if name in ("labelled", "realdocs", "heldout"):
        path = getattr(args, name)
        return None if path.is_file() else f"{path} not found"
    folder = data / FOLDERS[name]
    return (
        None if (folder / "gold.json").is_file() and (folder / "docs").is_dir() else f"{folder} missing or incomplete"
    )


def git_state(repo: Path) -> dict[str, Any]:
    def git(*a: str) -> str:
        p = subprocess.run(["git", *a], capture_output=True, text=True, cwd=repo, check=False)
        return p.stdout.strip()

    return {
        "repo": str(repo),
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "dirty_factcheck": bool(git("status", "--porcelain", "factcheck")),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", choices=(*SETS, "all"), default="all", help="which set to score (default: all)")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"benchmark data folder (default: {DEFAULT_DATA})")
    p.add_argument(
        "--labelled", type=Path, default=LABELLED, help="labelled catalogue (default: bench/labelled-claims.yaml)"
    )
    p.add_argument(
        "--realdocs",
        type=Path,
        default=REALDOCS,
        help="real-documents catalogue (default: bench/realdocs/claims.yaml)",
    )
    p.add_argument(
        "--heldout",
        type=Path,
        default=HELDOUT,
        help="held-out real-documents catalogue (default: bench/heldout/claims.yaml)",
    )
    p.add_argument(
        "--repo",
        type=Path,
        default=REPO,
        help="run factcheck from this checkout (its factcheck/ is imported first; default: this repository)",
    )
    p.add_argument("--top", type=int, default=5, help="evidence sentences per claim (default: 5)")
    p.add_argument("--judge", default="rules", help="the judge verify runs with: rules (default) or model (issue 20's)")
    p.add_argument("--folds", type=int, default=5, help="number of cross-validation folds (default: 5)")
    p.add_argument("--fold", type=int, default=None, help="score only this held-out fold, 0..K-1 (default: all claims)")
    p.add_argument("--out", type=Path, help="also write every figure as JSON here")
    p.add_argument("--label", default="", help="free text stored in the JSON (e.g. which code was scored)")
    args = p.parse_args(argv)
    if args.folds < 1:
        p.error("--folds must be at least 1")
    if args.fold is not None and not 0 <= args.fold < args.folds:
        p.error(f"--fold must be in 0..{args.folds - 1}")
    args.labelled = args.labelled.resolve()
    args.realdocs = args.realdocs.resolve()
    args.heldout = args.heldout.resolve()
    args.repo = args.repo.resolve()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    names = SETS if args.set == "all" else (args.set,)
    report: dict[str, Any] = {
        "command": " ".join(["bench/score_verdicts.py", *(argv or sys.argv[1:])]),
        "git": git_state(args.repo),
        "label": args.label,
        "top": args.top,
        "judge": args.judge,
        "folds": args.folds,
        "fold": args.fold,
        "sets": {},
    }
    failed = False
    for name in names:
        why = set_missing(name, args.data, args)
        if why:
            print(f"== {name}: skipped ({why})\n", flush=True)
            report["sets"][name] = {"skipped": why}
            continue
        start = time.perf_counter()
        try:
            res = SCORERS[name](args.data, args)
        except FactcheckError as exc:
            print(f"== {name}: factcheck failed: {exc}\n", flush=True)
            report["sets"][name] = {"error": str(exc)}
            failed = True
            continue
        wall = time.perf_counter() - start
        res.figures["wall_seconds"] = wall
        print(f"== {name}  (wall {wall:.1f} s, factcheck verify {res.figures['factcheck_seconds']:.1f} s)")
        print("\n".join(res.lines) + "\n", flush=True)
        report["sets"][name] = res.figures
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        log(f"figures written to {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
