"""Scoring as the spec fixes it, and the accuracy the project promises on its bundled gold."""

from __future__ import annotations

from trichxuat.evaluate import evaluate, score

from .conftest import CORPORA


def test_seed_accuracy_meets_the_foundation_targets():
    report = evaluate(CORPORA / "seeds")
    assert report.documents == 5 and report.errors == []
    assert report.header_accuracy() >= 0.97
    assert report.scores["recipients"].f1 >= 0.95
    assert report.scores["genre"].accuracy == 1.0


def test_header_accuracy_on_the_thuvienphapluat_excerpts():
    report = evaluate(CORPORA / "tvpl-excerpts")
    assert report.documents == 40 and report.errors == []
    assert report.header_accuracy() >= 0.95
    assert report.scores["number.raw"].accuracy == 1.0


def test_comparison_folds_case_dashes_and_tone_placement():
    gold = {"title": "Kế hoạch thuỷ lợi – hoà bình", "issuer": {"name": "Ủy ban nhân dân tỉnh Hòa Bình"}}
    pred = {"title": "KẾ HOẠCH THỦY LỢI - HÒA BÌNH", "issuer": {"name": "Uỷ ban nhân dân tỉnh Hoà Bình"}}
    s = score([("d", gold, pred)])
    assert s["title"].accuracy == 1.0 and s["issuer.name"].accuracy == 1.0


def test_recipients_match_one_to_one_above_the_threshold():
    gold = {"recipients": [{"name": "Sở Tài chính"}, {"name": "Sở Tư pháp"}]}
    pred = {"recipients": [{"name": "Sở Tài chính"}, {"name": "Sở Tài chính"}, {"name": "Văn phòng"}]}
    s = score([("d", gold, pred)])["recipients"]
    assert (s.tp, s.fp, s.fn) == (1, 2, 1)


def test_fields_absent_from_gold_are_not_scored():
    s = score([("d", {"title": "X"}, {"title": "X", "period": {"start_year": 1, "end_year": 2}})])
    assert s["period"].total == 0 and s["title"].total == 1
