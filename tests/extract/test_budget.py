"""Budget: total, items and sources of real plans; the checks, on edited copies of a real plan."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.budget import classify

from ..conftest import CORPORA, FIXTURES, SEED


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


# --- issue #17: budgets of estimates and capital plans, sources stated anywhere ---------------------

DAK_LAK = CORPORA / "docs" / "daklak-0134-kh-ubnd-2025-quan-trac-moi-truong-thuy-san.md"
TTG_2623 = CORPORA / "docs" / "ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.md"
LUONG_MINH = CORPORA / "docs" / "luongminh-kh-mttq-2025-kiem-tra-giam-sat-bau-cu.htm"


def test_the_periods_total_not_a_years_and_its_items():
    """ "III. DỰ TOÁN KINH PHÍ THỰC HIỆN:" / "1. Dự toán … 01 năm: 1.500.000.000 đồng." / "2. Dự toán … từ năm
    2026-2030: 1.500.000.000 đồng/năm x 05 năm = 7.500.000.000 đồng. Trong đó:" / "- Thu và phân tích mẫu:" /
    "6.821.646.215 đồng." …: the largest labelled total, the amount after "=", the items under it (a
    label and its amount on two lines), never a rate per year."""
    b = extract(DAK_LAK).budget
    assert b.total.amount == 7_500_000_000
    assert [i.amount for i in b.items] == [6_821_646_215, 250_000_000, 108_600_000, 319_753_785]
    assert b.items[0].label == "Thu và phân tích mẫu"
    assert sum(i.amount for i in b.items) == b.total.amount


def test_a_source_on_its_headings_line():
    """ "4. Kinh phí thực hiện: Kinh phí phục vụ công tác kiểm tra, giám sát … theo quy định tài chính hiện
    hành và dự toán kinh phí bầu cử của xã Lương Minh." """
    (source,) = extract(LUONG_MINH).budget.sources
    assert source.kind == "state_budget" and source.text.startswith("Kinh phí phục vụ công tác kiểm tra, giám sát")


def test_a_units_duty_in_the_budget_section_is_not_a_source():
    """KINH PHÍ THỰC HIỆN of TTg 2623: "1. Kinh phí … được bố trí từ nguồn ngân sách nhà nước …" is a source;
    "2. Đối với các nhiệm vụ …, các bộ, cơ quan … chủ động bố trí …", "3. Bộ Tài chính chủ trì …", "5. Ủy ban
    nhân dân các tỉnh … tổng hợp, trình …" are tasks."""
    sources = extract(TTG_2623).budget.sources
    assert [s.kind for s in sources] == ["state_budget", "mobilized"]  # its gold: the closing "và các nguồn … hợp pháp khác" apart
    assert sources[0].text.startswith("Kinh phí bảo đảm thực hiện Kế hoạch này được bố trí từ nguồn ngân sách nhà nước")
    assert sources[0].text.endswith("Luật Ngân sách nhà nước")
    assert sources[1].text == "các nguồn kinh phí hợp pháp khác theo quy định của pháp luật."


def test_sources_in_a_plan_without_a_budget_section():
    """The sentence of a real plan (Thanh Hóa 235/KH-UBND, 2025) set as an item of TỔ CHỨC THỰC HIỆN, the
    way plans without a KINH PHÍ section state it; a unit's duty beside it is not a source."""
    text = (
        "KẾ HOẠCH\nQuan trắc, cảnh báo môi trường nuôi trồng thủy sản năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nông nghiệp và Môi trường chủ trì tổ chức thực hiện Kế hoạch; bố trí kinh phí từ nguồn sự nghiệp môi trường.\n"
        "2. Kinh phí thực hiện Kế hoạch quan trắc, cảnh báo môi trường nuôi trồng thủy sản năm 2026 được bố trí từ nguồn kinh phí "
        "sự nghiệp môi trường trong dự toán ngân sách tỉnh và huy động từ các nguồn hợp pháp khác.\n"
    )
    sources = extract(text).budget.sources
    assert [s.kind for s in sources] == ["state_budget", "mobilized"]
    assert sources[0].level == "province"


@pytest.mark.parametrize(
    "figure, amount",
    [("12.500 tỷ đồng", 12_500_000_000_000), ("2.345,678 tỷ đồng", 2_345_678_000_000), ("1.234,5 triệu đồng", 1_234_500_000),
     ("5 tỷ 300 triệu đồng", 5_300_000_000)],
)
def test_amounts_in_ty_and_trieu_with_decimal_commas(figure, amount):
    from trichxuat.numbers import find_money

    assert [m.amount for m in find_money(figure)] == [amount]


def test_a_table_whose_unit_row_scales_its_figures():
    """A capital plan's table: "Đơn vị: triệu đồng" above it; bare figures are millions."""
    text = (
        "KẾ HOẠCH\nĐầu tư công năm 2025\n\nI. KẾ HOẠCH VỐN\nĐơn vị: triệu đồng\n\n"
        "| TT | Danh mục dự án | Kế hoạch vốn |\n|---|---|---|\n| 1 | Đường giao thông xã A | 12.500 |\n"
        "| 2 | Trường mầm non B | 2.345,5 |\n| | Tổng cộng | 14.845,5 |\n"
    )
    b = extract(text).budget
    assert b.total.amount == 14_845_500_000
    assert [i.amount for i in b.items] == [12_500_000_000, 2_345_500_000]


def test_a_table_total_that_disagrees_with_the_text_is_warned():
    text = (
        "KẾ HOẠCH\nTổ chức tập huấn năm 2024\n\nI. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 180.000.000 đồng.\n\n"
        "| TT | Nội dung | Kinh phí (đồng) |\n|---|---|---|\n| 1 | Tiểu dự án giảm nghèo về thông tin | 99.000.000 |\n"
        "| 2 | Tiểu dự án truyền thông về giảm nghèo đa chiều | 71.429.000 |\n| | Tổng cộng | 170.429.000 |\n"
    )
    r = extract(text)
    assert r.budget.total.amount == 180_000_000
    (w,) = [w for w in r.warnings if w.code == "budget_table_total_mismatch"]
    assert "180.000.000" in w.message and "170.429.000" in w.message


def test_a_source_on_the_line_of_the_total_is_read():
    # Cửa Lò sub-project plan as a crawl: "Kinh phí thực hiện từ nguồn vốn sự nghiệp, nguồn Ngân sách
    # Trung ương … của UBND tỉnh Nghệ An. Tổng kinh phí thực hiện: 170.429.000 (Bằng chữ: …)" on one line
    r = extract(CORPORA / "renderings" / "cualo-kh-ubnd-2024-tieu-du-an-1.crawl.txt")
    assert [(s.kind, s.level) for s in r.budget.sources] == [("state_budget", "central")]
    assert r.budget.total.amount == 170_429_000


def test_a_budget_sections_principles_are_not_sources():
    """Bắc Ninh 144/KH-UBND (2025, wild archive), "Bảo đảm kinh phí": "Kinh phí là điều kiện thực thi, là cam
    kết hành động …" and "Kinh phí đầu tư tập trung cho hạ tầng …" say what the money is for, not where it
    comes from; "… quỹ khoa học công nghệ … nguồn lực ngoài ngân sách" is money from outside the budget."""
    sources = extract(FIXTURES / "wild" / "tnt-ad5aff6c13929815.md").budget.sources
    assert not any(s.text.startswith(("Kinh phí là điều kiện", "Kinh phí đầu tư tập trung", "Thúc đẩy vai trò")) for s in sources)
    funds = [s for s in sources if "quỹ" in s.text]
    assert len(funds) == 1 and funds[0].kind == "mobilized" and funds[0].text.startswith("Tận dụng các quỹ khoa học")


def test_a_budget_sections_sources_without_a_kinds_words_are_kept():
    """Đắk Lắk 0130/KH-UBND (2025, wild archive), one source per line: "Nguồn dự phòng phòng chống thiên tai
    và dịch bệnh.", "Hỗ trợ từ trung ương, tổ chức quốc tế" name where money comes from, in no kind's words."""
    texts = [s.text for s in extract(FIXTURES / "wild" / "tnt-a49ef8a0da1f62dd.md").budget.sources]
    assert "Nguồn dự phòng phòng chống thiên tai và dịch bệnh." in texts
    assert "Hỗ trợ từ trung ương, tổ chức quốc tế" in texts


def test_the_sources_under_a_sub_heading_are_its_items():
    """Hà Tĩnh 624/KH-UBND (2025, wild archive), "IV. KINH PHÍ THỰC HIỆN": "1. Nguồn kinh phí" heads "a) Ngân
    sách địa phương: Nguồn chi thường xuyên …; vốn … lồng ghép …" and "b) Nguồn xã hội hóa …", a source each
    (the label before the colon names the kind); "2. Việc lập … theo quy định của Luật Ngân sách nhà nước" says
    how the money is planned, citing a law, and is no source."""
    sources = extract(FIXTURES / "wild" / "tnt-69db23c781b2e9aa.md").budget.sources
    assert [(s.kind, s.text[:40]) for s in sources] == [
        ("state_budget", "Ngân sách địa phương: Nguồn chi thường x"), ("mobilized", "Nguồn xã hội hóa và các nguồn kinh phí t")]
    # Đắk Lắk 0129/KH-UBND (2025, wild archive): "1. Kinh phí:" over two bullets, a source each
    sources = extract(FIXTURES / "wild" / "tnt-62f25a030c183151.md").budget.sources
    assert [(s.kind, s.text[:30]) for s in sources][:2] == [
        ("state_budget", "Ngân sách tỉnh và kinh phí hỗ "), ("mobilized", "Nguồn xã hội hóa từ Mặt trận T")]


def test_a_funding_bullet_ends_at_its_paragraph():
    # Đắk Lắk 0130/KH-UBND (2025, wild archive): the last bullet of the KINH PHÍ section, then the plan's closing
    # paragraph; the source is the bullet's words, not the closing's (which ran it into "mobilized … Khắc phục …")
    from trichxuat.api import extract_text

    r = extract_text("KẾ HOẠCH\nKhắc phục môi trường sau lụt bão\n\nI. NHIỆM VỤ\n\n1. Sở Y tế chủ trì triển khai kế hoạch.\n\n"
                     "II. KINH PHÍ THỰC HIỆN\n\n- Từ ngân sách tỉnh, ngân\nsách địa phương theo phân cấp.\n\n"
                     "- Hỗ trợ từ trung ương, tổ\nchức quốc tế và các nguồn hợp pháp khác.\n\n"
                     "Khắc phục môi trường, xử\nlý dịch bệnh mùa mưa bão là nhiệm vụ cấp bách. Đề nghị các sở, ban, ngành khẩn\n"
                     "trương thực hiện; kịp thời báo cáo UBND tỉnh./.\n", fmt="markdown")
    assert [(s.kind, s.text) for s in r.budget.sources][-1] == ("mobilized", "các nguồn hợp pháp khác.")


def test_a_labelled_amount_a_pdf_put_on_the_next_line_is_a_total_not_an_item():
    # Đắk Lắk 0134/KH-UBND printed to PDF: "1. Dự toán kinh phí … 01 năm:" / "1.500.000.000 đồng. Trong đó:" (the
    # year's estimate, whose items are rates) is a labelled total below the period's, not an item of it
    md = extract(CORPORA / "docs" / "daklak-0134-kh-ubnd-2025-quan-trac-moi-truong-thuy-san.md").budget
    pdf = extract(CORPORA / "renderings" / "daklak-0134-kh-ubnd-2025-quan-trac-moi-truong-thuy-san.printed.pdf").budget
    assert pdf.total.amount == md.total.amount == 7_500_000_000
    assert [i.amount for i in pdf.items] == [i.amount for i in md.items] == [6_821_646_215, 250_000_000, 108_600_000, 319_753_785]
