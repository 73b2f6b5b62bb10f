"""Growth: each hostile input at 1x and 8x its (quick) size; the time ratio must stay near
linear. Ratios, not absolute times: 8x the input may take up to 20x the time (noise and
n log n allowed); a quadratic step takes 64x. The full table: ``python bench/hostile_growth.py``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "hostile_growth", Path(__file__).resolve().parent.parent / "bench" / "hostile_growth.py"
)
assert _SPEC and _SPEC.loader
growth = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(growth)

MAX_RATIO = 20


@pytest.mark.parametrize("case", list(growth.CASES))
def test_time_grows_near_linearly(case: str) -> None:
    ratios = []
    for _ in range(3):  # a noisy machine gets two more tries; quadratic fails all three
        (_, small), (_, large) = growth.growth(case, quick=True, factors=(1, 8))
        ratios.append(large / max(small, 1e-4))
        if ratios[-1] <= MAX_RATIO:
            return
    pytest.fail(f"{case}: 8x the input took {min(ratios):.0f}x the time")
