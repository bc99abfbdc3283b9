"""Folding for comparison: the one rule matching and evaluation share."""

from __future__ import annotations

import pytest

from trichxuat.textnorm import fold


@pytest.mark.parametrize(
    "a,b",
    [("hoà bình", "Hòa Bình"), ("thuỷ lợi", "THỦY LỢI"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"), ("Lao động – Thương binh", "lao động - thương binh"), ("  Sở   Tài chính ", "sở tài chính")],
)
def test_equal_after_folding(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("word", ["kế hoạch", "hoàn thành", "quý", "toán", "khuyết"])
def test_closed_syllables_keep_their_mark(word):
    assert fold(word) == word
