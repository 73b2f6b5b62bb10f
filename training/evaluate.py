"""Held-out figures of the shipped model alone (no rules): int8 ONNX through onnxruntime, as at run time.

Usage:
    python training/evaluate.py [--model factcheck/judges/model/data] [--json out.json]

Sets (none trained on; issue 20 contract):
  healthver   HealthVer dev folds 3 and 4 (bench/score_verdicts.py folds, group = claim text):
              claim against its passage; SUPPORTS / REFUTES / NEI.
  nst         WiCE non-supported-tokens dev: each sub-claim as written against its supporting
              lines (not entailed: neither) and its twin with the unsupported tokens deleted
              (supported).
  wice        WiCE dev, all 319 claims with gold lines: claim against its gold lines; supported
              against partially / not supported (both "not entailed": neither). Also split by
              the contract's folds: 0-2 (may tune; the epoch to ship is chosen on them), 3-4.
  perturbed   FactCC-style perturbations (training/prepare.py's) of sentences of the WiCE nst
              *dev* pages: per kind, how often the model says the label meant.
The model's label is its argmax; ``p>=t`` rows say supported only when p(supported) >= t.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import yaml
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prepare import (
    DEFAULT_DATA,
    REPO,
    Pair,
    folds,
    healthver_pairs,
    pair,
    perturbed_pairs,
    read_lines,
    supported_twin,
)

LABELS = ("supported", "refuted", "neither")
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)


class Model:
    """The shipped int8 model and tokenizer, encoding pairs the way training/train.py does."""

    def __init__(self, folder: Path, threads: int = 2) -> None:
        meta = json.loads((folder / "judge.json").read_text())
        self.max_length = int(meta["max_length"])
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.sess = ort.InferenceSession(str(folder / "judge.onnx"), opts, providers=["CPUExecutionProvider"])

    def encode_one(self, claim: str, evidence: str) -> Any:
        self.tok.enable_truncation(self.max_length, strategy="only_second")
        try:
            return self.tok.encode(claim, evidence)
        except Exception:  # the claim alone is over the length: cut it as well
            self.tok.enable_truncation(self.max_length, strategy="longest_first")
            return self.tok.encode(claim, evidence)

    def probabilities(self, pairs: list[Pair], batch: int = 16) -> np.ndarray:
        encs = [self.encode_one(p["claim"], p["evidence"]) for p in pairs]
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))
        for at in range(0, len(order), batch):
            idx = order[at : at + batch]
            width = max(len(encs[i].ids) for i in idx)
            feed = {
                name: np.array([getattr(encs[i], attr) + [0] * (width - len(encs[i].ids)) for i in idx], dtype=np.int64)
                for name, attr in (
                    ("input_ids", "ids"),
                    ("attention_mask", "attention_mask"),
                    ("token_type_ids", "type_ids"),
                )
            }
            logits = self.sess.run(["logits"], feed)[0]
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            out[idx] = e / e.sum(axis=1, keepdims=True)
        return out


def scores(gold: list[str], probs: np.ndarray) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold labels present, per-label P/R, confusion, supported at thresholds."""
    pred = [LABELS[k] for k in probs.argmax(axis=1)]
    present = [lab for lab in LABELS if lab in gold]
    per: dict[str, dict[str, float]] = {}
    for lab in present:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        said, real = pred.count(lab), gold.count(lab)
        prec, rec = (tp / said if said else 0.0), tp / real
        per[lab] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}
    confusion = Counter(f"{g}->{p}" for g, p in zip(gold, pred, strict=True))
    at: dict[str, dict[str, float]] = {}
    for t in THRESHOLDS:
        said_s = [bool(probs[i, 0] >= t) for i in range(len(gold))]
        tp = sum(s and g == "supported" for s, g in zip(said_s, gold, strict=True))
        n_said, n_real = sum(said_s), gold.count("supported")
        at[f"p>={t}"] = {
            "said": n_said,
            "precision": tp / n_said if n_said else 0.0,
            "recall": tp / n_real if n_real else 0.0,
        }
    not_supported = [i for i, g in enumerate(gold) if g != "supported"]
    return {
        "n": len(gold),
        "gold": dict(Counter(gold)),
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold),
        "macro_f1": sum(v["f1"] for v in per.values()) / len(per),
        "per_label": per,
        "false_supported": sum(pred[i] == "supported" for i in not_supported) / len(not_supported)
        if not_supported
        else 0.0,
        "confusion": dict(sorted(confusion.items())),
        "supported_at": at,
    }


def with_gold_lines(base: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any], str]]:
    """Each claim of a WiCE-layout set that has gold lines, by id: the claim, its gold and those lines' text."""
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    claims = yaml.safe_load((base / "claims.yaml").read_text(encoding="utf-8"))["claims"]
    for claim in sorted(claims, key=lambda c: c["id"]):
        g = gold[claim["id"]]
        if g["lines"]:
            lines = read_lines(base / "docs" / g["doc"])
            yield claim, g, " ".join(lines[n - 1].strip() for n in sorted(g["lines"]))


def nst_dev_pairs(data: Path) -> list[Pair]:
    out = []
    for claim, g, evidence in with_gold_lines(data / "wice-nst-dev"):
        out.append(pair(claim["text"], evidence, "neither", "wice-nst-dev", claim["id"], "sub-claim as written"))
        twin = supported_twin(claim["text"], g["tokens"], g["unsupported"])
        if len(twin.split()) >= 3:
            out.append(pair(twin, evidence, "supported", "wice-nst-dev", claim["id"], "unsupported tokens deleted"))
    return out


def wice_dev_pairs(data: Path) -> list[Pair]:
    out = []
    for claim, g, evidence in with_gold_lines(data / "wice-dev"):
        label = "supported" if g["label"] == "supported" else "neither"
        out.append(pair(claim["text"], evidence, label, "wice-dev", claim["id"], g["label"]))
    return out


def wice_folds(pairs: list[Pair], probs: np.ndarray) -> dict[str, Any]:
    """WiCE dev split as the contract says (5 folds by id, seed 0): folds 0-2 may tune (the epoch to
    ship was chosen on them), folds 3-4 are reported."""
    parts = folds([p["id"] for p in pairs], 5, seed=0)
    out = {}
    for label, numbers in (("wice dev folds 0-2 (tuning side)", (0, 1, 2)), ("wice dev folds 3-4", (3, 4))):
        chosen = {cid for n in numbers for cid in parts[n]}
        idx = [i for i, p in enumerate(pairs) if p["id"] in chosen]
        out[label] = scores([pairs[i]["label"] for i in idx], probs[idx])
    return out


def perturbed_dev(data: Path, model: Model, limit: int = 0) -> dict[str, Any]:
    """Per perturbation kind on held-out pages: how often the meant label, and supported, is said."""
    pairs = list(perturbed_pairs(data, random.Random(3), folder="wice-nst-dev", per_page=6))[: limit or None]
    probs = model.probabilities(pairs)
    kinds: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        kinds.setdefault(f"{p['label']}: {p['how'].split(' (')[0]}", []).append(i)
    table = {}
    for kind, idx in sorted(kinds.items()):
        meant = LABELS.index(kind.split(":")[0])
        table[kind] = {
            "n": len(idx),
            "meant_label": float(np.mean([probs[i].argmax() == meant for i in idx])),
            "said_supported": float(np.mean([probs[i].argmax() == 0 for i in idx])),
        }
    return {"overall": scores([p["label"] for p in pairs], probs), "kinds": table}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=REPO / "factcheck" / "judges" / "model" / "data")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--dump", type=Path, help="write every scored pair with its probabilities here (JSONL)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs of each set (a smoke run)")
    args = parser.parse_args(argv)
    model = Model(args.model)
    results: dict[str, Any] = {"model_sha256": json.loads((args.model / "judge.json").read_text())["sha256"]}
    sets = {
        "healthver folds 3,4": list(healthver_pairs(args.data, (3, 4))),
        "wice-nst dev": nst_dev_pairs(args.data),
        "wice dev (gold lines)": wice_dev_pairs(args.data),
    }
    dumped: list[dict[str, Any]] = []
    for name, every in sets.items():
        pairs = every[: args.limit or None]
        t = time.perf_counter()
        probs = model.probabilities(pairs)
        results[name] = scores([p["label"] for p in pairs], probs)
        rows = zip(pairs, probs, strict=True)
        dumped += [{**p, "set": name, "p": [round(float(x), 4) for x in row]} for p, row in rows]
        results[name]["seconds"] = round(time.perf_counter() - t, 1)
        print(f"{name}: {json.dumps(results[name])}", file=sys.stderr)
        if name.startswith("wice dev"):
            results.update(wice_folds(pairs, probs))
    results["perturbed wice-nst dev pages"] = perturbed_dev(args.data, model, args.limit)
    if args.dump:
        args.dump.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dumped), encoding="utf-8")
    text = json.dumps(results, indent=2)
    if args.json:
        args.json.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
