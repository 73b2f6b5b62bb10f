"""training/prepare.py (issue 20): the neural judge's training pairs are reproducible and never
include a held-out pair. Needs the benchmark data in ../shared/bench; no torch."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "bench"
pytestmark = pytest.mark.skipif(
    not (DATA / "wice-nst-train").is_dir() or not (DATA / "healthver-dev").is_dir(),
    reason="needs ../shared/bench (wice-nst-train, healthver-dev)",
)


@pytest.fixture(scope="module")
def prepare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("training_prepare", REPO / "training" / "prepare.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["training_prepare"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_bytes_other_seed_other_pairs(prepare: ModuleType, tmp_path: Path) -> None:
    def made(seed: int) -> list[dict[str, str]]:
        return list(prepare.perturbed_pairs(DATA, random.Random(seed), per_page=3))

    first, again, other = made(20), made(20), made(21)
    assert prepare.write(first, tmp_path / "a.jsonl") == prepare.write(again, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert first != other
    kinds = {(p["label"], p["how"].split(" (")[0]) for p in first}
    assert {("refuted", "flip negation"), ("refuted", "swap name"), ("supported", "copy")} <= kinds
    assert {("neither", "claim sentence removed from window"), ("neither", "window from another page")} <= kinds


def test_every_pair_has_provenance_and_a_contract_label(prepare: ModuleType) -> None:
    pairs = [*prepare.nst_pairs(DATA), *prepare.healthver_pairs(DATA)]
    assert {p["label"] for p in pairs} == {"supported", "refuted", "neither"}
    for p in pairs:
        assert set(p) == {"claim", "evidence", "label", "source", "id", "how"}
        assert p["claim"].strip() and p["evidence"].strip() and p["id"]
        assert "\n" not in p["evidence"] and "  " not in p["evidence"]  # sentences joined by one space


def test_healthver_pairs_come_from_folds_0_1_2_only(prepare: ModuleType) -> None:
    _, parts = prepare.healthver_folds(DATA)
    held_out = set(parts[3]) | set(parts[4])
    trained = {p["id"] for p in prepare.healthver_pairs(DATA)}
    assert trained == set(parts[0]) | set(parts[1]) | set(parts[2])
    assert not trained & held_out
    texts = {c["id"]: c["text"] for c in healthver_claims()}
    assert not {texts[i] for i in trained} & {texts[i] for i in held_out}  # no claim on both sides


def healthver_claims() -> list[dict[str, str]]:
    return list(yaml.safe_load((DATA / "healthver-dev" / "claims.yaml").read_text(encoding="utf-8"))["claims"])


def test_supported_twin_cuts_the_marked_tokens_by_span(prepare: ModuleType) -> None:
    gold = json.loads((DATA / "wice-nst-train" / "gold.json").read_text(encoding="utf-8"))
    text = "Raza made his debut for Pakistan against Zimbabwe on 24 October 1996."
    assert prepare.supported_twin(text, gold["train30769-0"]["tokens"], gold["train30769-0"]["unsupported"]) == (
        "Raza made his debut for Pakistan against Zimbabwe."
    )
