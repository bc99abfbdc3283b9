"""A short fuzzing run in CI: mutated corpus documents through every stage. The long run is
``python -m tests.fuzz.run --seconds 600`` (its figures are in the closing notes)."""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import TARGETS, make_input, run_one

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))


@pytest.mark.parametrize("target", list(TARGETS))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(seed=st.integers(0, 2**32 - 1))
def test_fuzz(target, seed):
    run_one(target, make_input(target, random.Random(seed)))
