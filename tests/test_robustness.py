"""Arbitrary text never raises from extract: it returns a record, with warnings where due."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trichxuat import extract

from .conftest import SEED

VIETNAMESE = st.sampled_from(
    ["KẾ HOẠCH", "Số: /KH-UBND", "Căn cứ", "ngày", "tháng", "năm 2024", "Nơi nhận:", "- Lưu: VT.", "TM.", "KT. CHỦ TỊCH",
     "I.", "1.", "a)", "-", "|", "---", "**", "\n", "\n\n", "  ", "ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN", "Ð", "\u0301", "\r\n"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text):
    record = extract(text)
    assert record.genre in ("plan", "decision", "news_report", "other")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(VIETNAMESE, st.text(max_size=12)), max_size=60).map("".join))
def test_plan_like_fragments_never_raise(text):
    record = extract(text)
    if record.genre == "other" and record.number.raw is None:
        assert record.warnings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_cut_and_spliced_real_plans_never_raise(data):
    text = SEED[data.draw(st.sampled_from(sorted(SEED)))].read_text(encoding="utf-8")
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    record = extract(text[:a] + data.draw(st.text(max_size=30)) + text[b:])
    assert record.id
