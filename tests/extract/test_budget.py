"""Budget: total, items and sources of real plans; the checks, on edited copies of a real plan."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.budget import classify

from ..conftest import CORPORA, SEED


def test_total_words_and_items_of_a_real_plan(seed_records):
    b = seed_records["cualo"].budget
    assert (b.total.amount, b.total.text, b.total.words_amount) == (170_429_000, "170.429.000", 170_429_000)
    assert b.total.words == "Một trăm bảy mươi triệu, bốn trăm hai mươi chín ngàn đồng"
    assert [(i.label, i.amount) for i in b.items] == [
        ("Tiểu dự án giảm nghèo về thông tin", 99_000_000),
        ("Tiểu dự án truyền thông về giảm nghèo đa chiều", 71_429_000),
    ]
    assert not {w.code for w in seed_records["cualo"].warnings} & {"budget_words_mismatch", "budget_items_do_not_sum"}


def test_sources_with_kinds_levels_and_the_allocating_decision(seed_records):
    (source,) = seed_records["cualo"].budget.sources
    assert (source.kind, source.level, source.reference) == ("state_budget", "central", "1153/QĐ-UBND")
    assert [(s.kind, s.reference) for s in seed_records["backan"].budget.sources] == [
        ("state_budget", "2338/QĐ-UBND"), ("integrated", None), ("mobilized", None)]
    assert [s.kind for s in seed_records["tuyphuoc"].budget.sources] == ["program", "integrated", "mobilized"]


def test_one_sentence_that_names_two_sources():
    r = extract(CORPORA / "renderings" / "laocai-ubnd-kh-chi-thi-11-khoang-san-2026-DRAFT.docx.md")
    assert [(s.kind, s.text) for s in r.budget.sources] == [
        ("state_budget", "Nguồn kinh phí thực hiện Kế hoạch được bố trí từ ngân sách nhà nước"),
        ("mobilized", "huy động từ các nguồn hợp pháp khác theo quy định của pháp luật."),
    ]


@pytest.mark.parametrize(
    "text,kind",
    [("Lồng ghép nguồn vốn thực hiện các Chương trình mục tiêu quốc gia", "integrated"),
     ("Các nguồn huy động hợp pháp khác theo quy định của pháp luật.", "mobilized"),
     ("Kinh phí hỗ trợ từ Chương trình giai đoạn 2021-2025.", "program"),
     ("Ngân sách nhà nước bố trí từ nguồn kinh phí Dự án 6", "state_budget"),
     ("Kinh phí thực hiện trong dự toán được giao hằng năm của các cơ quan, đơn vị", "unit_budget"),
     ("Nguồn xã hội hóa", "mobilized"),
     # Hà Nội 173/KH-UBND (2026), IV. KINH PHÍ: funds allotted by the city's budget decision
     ("Chủ động cân đối, bố trí kinh phí thực hiện Kế hoạch từ nguồn kinh phí đã giao tại Quyết định số 5969/QĐ-UBND "
      "ngày 28/11/2025 của UBND Thành phố; nguồn thu để lại và các nguồn kinh phí hợp pháp khác.", "state_budget")],
)
def test_funding_source_kinds(text, kind):
    assert classify(text)[0] == kind


def _edited(tmp_path, old, new):
    text = SEED["cualo"].read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return extract(path)


def test_words_that_disagree_with_figures_are_warned(tmp_path):
    r = _edited(tmp_path, "(Bằng chữ: Một trăm bảy mươi triệu,", "(Bằng chữ: Một trăm bảy mươi mốt triệu,")
    assert r.budget.total.amount == 170_429_000 and r.budget.total.words_amount == 171_429_000
    (w,) = [w for w in r.warnings if w.code == "budget_words_mismatch"]
    assert "170.429.000 in figures but 171.429.000 in words" in w.message
    assert "budget_items_do_not_sum" not in {w.code for w in r.warnings}


def test_items_that_do_not_sum_are_warned_with_the_difference(tmp_path):
    r = _edited(tmp_path, "**99.000.000đ** (Bằng chữ: chín mươi chín triệu đồng)", "**90.000.000đ** (Bằng chữ: chín mươi triệu đồng)")
    (w,) = [w for w in r.warnings if w.code == "budget_items_do_not_sum"]
    assert "(difference 9.000.000)" in w.message
    assert "budget_words_mismatch" not in {w.code for w in r.warnings}


def test_a_budget_table():
    text = (
        "KẾ HOẠCH\nTổ chức tập huấn năm 2024\n\nI. KINH PHÍ THỰC HIỆN\n"
        "| TT | Nội dung | Kinh phí (đồng) |\n|---|---|---|\n| 1 | Tiểu dự án giảm nghèo về thông tin | 99.000.000 |\n"
        "| 2 | Tiểu dự án truyền thông về giảm nghèo đa chiều | 71.429.000 |\n| | Tổng cộng | 170.429.000 |\n"
    )
    b = extract(text).budget
    assert b.total.amount == 170_429_000
    assert [(i.label, i.amount) for i in b.items] == [("Tiểu dự án giảm nghèo về thông tin", 99_000_000), ("Tiểu dự án truyền thông về giảm nghèo đa chiều", 71_429_000)]
