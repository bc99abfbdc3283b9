"""National target programmes and quantitative targets."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.targets import parse_targets

from ..conftest import CORPORA, FIXTURES


def test_programmes_with_project_and_subproject(seed_records):
    (p,) = seed_records["cualo"].programs  # "Tiểu dự án 1 thuộc Dự án 6 … thuộc Chương trình MTQG giảm nghèo bền vững"
    assert (p.name, p.project, p.subproject) == ("Chương trình mục tiêu quốc gia giảm nghèo bền vững", "Dự án 6", "Tiểu dự án 1")
    names = [(p.name, p.project) for p in seed_records["backan"].programs]
    assert names == [
        ("Chương trình mục tiêu quốc gia giảm nghèo bền vững", "Dự án 6"),
        ("Chương trình mục tiêu quốc gia xây dựng nông thôn mới", None),
        ("Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi", None),
    ]


def test_an_unlisted_programme_is_kept_as_written_with_a_warning():
    r = extract("KẾ HOẠCH\nThực hiện năm 2026\n\nI. NỘI DUNG\n- Triển khai Chương trình mục tiêu quốc gia chăm sóc sức khỏe người cao tuổi giai đoạn 2026-2030.\n")
    assert [p.name for p in r.programs] == ["Chương trình mục tiêu quốc gia chăm sóc sức khỏe người cao tuổi"]
    assert "program_unknown" in {w.code for w in r.warnings}


def test_abbreviated_programme_names():
    r = extract("KẾ HOẠCH\nThử\n\nI. NỘI DUNG\n- Lồng ghép với Chương trình MTQG về xây dựng nông thôn mới và CTMTQG DTTS&MN.\n")
    assert [p.name for p in r.programs] == [
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
    ]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("100% cán bộ làm công tác thông tin cơ sở được tập huấn", [(100, "%", "=", "cán bộ làm công tác thông tin cơ sở")]),
        ("ít nhất 02 lớp tập huấn cho cán bộ năm 2025", [(2, "lớp", ">=", "lớp tập huấn cho cán bộ")]),
        ("trên 80% hộ nghèo có điện sinh hoạt", [(80, "%", ">", "hộ nghèo")]),
        ("giảm tỷ lệ hộ nghèo 1,5%/năm", [(1.5, "%/năm", "=", "tỷ lệ hộ nghèo")]),
        ("phấn đấu 90% hộ gia đình trở lên được tiếp cận thông tin", [(90, "%", ">=", "hộ gia đình")]),
        ("100% xã có đài truyền thanh và 80% thôn có loa", [(100, "%", "=", "xã"), (80, "%", "=", "thôn")]),
        # Bắc Ninh 144/KH-UBND: the share of what, named before its verb
        ("- Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 40%.", [(40, "%", ">=", "doanh nghiệp có hoạt động đổi mới sáng tạo")]),
        # the share named before a verb of change: "giảm còn", "giảm xuống" is no subject
        ("Phấn đấu đến năm 2030, tỷ lệ hộ nghèo giảm còn dưới 1,5%", [(1.5, "%", "<", "hộ nghèo")]),
        ("- Tỷ lệ trẻ suy dinh dưỡng giảm xuống 10%", [(10, "%", "=", "trẻ suy dinh dưỡng")]),
        # Đồng Nai 179/KH-UBND and Bắc Ninh 144/KH-UBND (2025, wild archive): a numbered item, a share ("tỷ trọng"),
        # "phấn đấu đạt"
        ("(2) Tỷ lệ doanh nghiệp ứng dụng thương mại điện tử phấn đấu đạt trên 70%;", [(70, "%", ">", "doanh nghiệp ứng dụng thương mại điện tử")]),
        ("(4) Tỷ trọng thương mại điện tử trong tổng mức bán lẻ đạt tối thiểu 20%;", [(20, "%", ">=", "thương mại điện tử trong tổng mức bán lẻ")]),
        ("- Tỷ trọng kinh phí từ xã hội trên kinh phí chi cho nghiên cứu phát triển (R&D) đạt 60%.",
         [(60, "%", "=", "kinh phí từ xã hội trên kinh phí chi cho nghiên cứu phát triển (R&D)")]),

        # a range whose sign is written once, after its upper end (thuvienphapluat excerpts 167/2022, 1514/2023 on road
        # safety; Sơn La 2954/QĐ-UBND): one target, read at its lower end, as "5% ÷ 10%" is
        ("3. Tiếp tục phấn đấu giảm tai nạn giao thông từ 5 - 10% cả 3 tiêu chí số vụ, số người chết, bị thương.",
         [(5, "%", ">=", "cả 3 tiêu chí số vụ, số người chết, bị thương")]),
        ("Tiếp tục phấn đấu giảm từ 5% ÷ 10% trên cả 3 tiêu chí", [(5, "%", ">=", None)]),
        ("tăng bình quân hàng năm trong giai đoạn này đạt 10 - 13%/năm.", [(10, "%/năm", "=", "bình quân hàng năm trong giai đoạn này đạt")]),
    ],
)
def test_parse_targets(sentence, expected):
    assert [(t["value"], t["unit"], t["comparator"], t["subject"]) for t in parse_targets(sentence)] == expected


def test_targets_of_real_plans(seed_records):
    targets = seed_records["cualo"].targets
    assert [(t.value, t.unit, t.subject) for t in targets] == [
        (100, "%", "cán bộ làm công tác thông tin cơ sở"), (100, "%", "phường"), (100, "%", "hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo")]
    assert targets[1].text.startswith("100% phường có hệ thống loa truyền thanh")


def test_a_range_in_a_target_list_of_a_word_file():
    # Lào Cai's Sở Công Thương plan on Đề án 08: "tỷ lệ lấp đầy đạt 60-70%" among its targets
    record = extract(CORPORA / "docs" / "laocai-sct-kh-sct-2026-de-an-08-draft.docx")
    (t,) = [t for t in record.targets if "lấp đầy đạt 60" in t.text and t.unit == "%"]
    assert (t.value, t.subject) == (60, "lấp đầy") and t.text.endswith("tỷ lệ lấp đầy đạt 60-70%.")
    # (the share named in a clause after ";" or after "phấn đấu")
    assert {t.subject for t in record.targets if t.value in (80, 33.59)} == {"lấp đầy bình quân", "ngành Công nghiệp trong GRDP đến năm 2030"}


def test_the_year_of_a_target():
    (t,) = parse_targets("Phấn đấu đến năm 2025 có 95% hộ gia đình được xem truyền hình")
    assert (t["value"], t["year"]) == (95, 2025)


LAM_DONG_MA_TUY = "lamdong-kh-ubnd-2025-phong-chong-ma-tuy-DRAFT.docx"
LAM_DONG_THI_DUA = "lamdong-kh-ubnd-2026-thi-dua-cchc-DRAFT.docx"


def test_a_list_headed_chi_tieu_and_nothing_restated_elsewhere():
    """ "II. CHỈ TIÊU CHỦ YẾU THỰC HIỆN ĐẾN NĂM 2030": its items are the targets (with "Trên 80%", "tăng
    trên 3%"); the same figures restated in a task ("Triển khai ngay … phấn đấu …") are not targets again."""

    targets = extract(CORPORA / "docs" / LAM_DONG_MA_TUY).targets
    assert [(t.value, t.unit) for t in targets][:2] == [(50, "%"), (20, "%")]
    assert (80, "%", ">") in [(t.value, t.unit, t.comparator) for t in targets]
    assert not [t for t in targets if t.text.startswith("Triển khai ngay")]
    assert len(targets) == 17


def test_a_count_target_with_a_unit_of_places():

    targets = extract(CORPORA / "docs" / LAM_DONG_THI_DUA).targets
    assert (15, "tỉnh, thành phố", 2026) in [(t.value, t.unit, t.year) for t in targets]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Thành lập mới khoảng trên 120 ha rừng phòng hộ", [(120, "ha", ">")]),
        ("Hình thành 02 mô hình điểm về chuyển đổi số", [(2, "mô hình", "=")]),
        ("Đến năm 2030, 100% xã có nhà văn hóa", [(100, "%", "=")]),
        ("Hoàn thành di dời 01 nhà máy ra khỏi khu dân cư", [(1, "nhà máy", "=")]),
        # Đồng Nai 552/KH-UBND (2025, wild archive): dots group thousands, as in amounts; a comma is the decimal point
        ("Tổ chức đào tạo, bồi dưỡng 3.000 lượt nhân lực về ứng dụng công nghệ", [(3000, "lượt", "=")]),
        ("Phấn đấu trồng mới 1.250,5 ha rừng", [(1250.5, "ha", "=")]),
        # counts of the wild archive's plans (Đồng Tháp 552, Đồng Nai 179, 2025)
        ("Hình thành ít nhất 02 vùng nuôi thủy sản thông minh đạt tiêu chuẩn quốc tế", [(2, "vùng", ">=")]),
        ("Phát triển và triển khai tối thiểu 01 sàn giao dịch dữ liệu", [(1, "sàn giao dịch", ">=")]),
        ("Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP", [(30, "lần", "=")]),
    ],
)
def test_target_verbs_of_issue_17(sentence, expected):
    assert [(t["value"], t["unit"], t["comparator"]) for t in parse_targets(sentence)] == expected


def test_a_plan_carrying_out_one_programme_names_its_projects():
    # Lâm Đồng plan whose title names the drug-prevention programme: its tasks cite "Dự án 1: …",
    # "Tiểu dự án 2: … (thuộc Dự án 7: …)" without repeating the programme's name
    r = extract(CORPORA / "docs" / "lamdong-kh-ubnd-2025-phong-chong-ma-tuy-DRAFT.docx")
    assert {p.name for p in r.programs} == {"Chương trình mục tiêu quốc gia phòng, chống ma túy"}
    entries = {(p.project, p.subproject) for p in r.programs}
    assert ("Dự án 1", None) in entries and ("Dự án 7", "Tiểu dự án 2") in entries and ("Dự án 3", "Tiểu dự án 1") in entries
    assert ("Dự án 7", None) not in entries  # named only as the parent of its sub-projects
    assert len(entries) == len(r.programs) == 13


def test_a_goals_section_that_lists_its_targets_under_its_own_subheadings():
    # Bắc Ninh 144/KH-UBND: "II. MỤC TIÊU" / "1. Phát triển kinh tế số đến năm 2030" / "- Kinh tế số chiếm 45% GRDP tỉnh."
    r = extract(CORPORA / "trace" / "children" / "tnt-ad5aff6c13929815.md")
    assert len(r.targets) >= 15
    assert (r.targets[0].value, r.targets[0].unit, r.targets[0].subject) == (45, "%", "GRDP tỉnh")


def test_what_is_now_is_not_a_target():
    # sentences of two plans of the wild archive (Hà Nội 310/KH-UBND, Cà Mau 0204/KH-UBND, 2025) inside their
    # target lists: the present state ("Hiện nay, …", "Đến nay, … 629/731 trường") beside what is aimed at
    r = extract("KẾ HOẠCH\nPhát triển hạ tầng 5G\n\nI. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
                "- Hiện nay, tổng số trạm thu phát sóng thông tin di động tại các khu công nghiệp là 180 trạm.\n"
                "- Đến nay, toàn tỉnh có 629/731 trường công lập đạt chuẩn quốc gia, đạt tỷ lệ 86,1%.\n"
                "- 100% các khu công nghệ cao, khu công nghiệp có tối thiểu 1 trạm phát sóng 5G.\n")
    assert [(t.value, t.unit) for t in r.targets] == [(100, "%"), (1, "trạm")]


def test_a_list_headed_muc_tieu_chu_yeu_whose_items_open_with_their_figure():
    # Bắc Ninh's plan on law-making staff 2026-2030 (wild archive, Markdown): "**II. MỤC TIÊU" / "CHỦ YẾU**",
    # bold item numbers "**1. **100% …", and a range of years wrapped before its dash ("giai đoạn 2026" / "- 2030")
    from trichxuat.api import extract_text

    r = extract_text("**KẾ HOẠCH**\n\nNâng cao năng lực cho đội ngũ cán bộ\n\n**I. MỤC ĐÍCH, YÊU CẦU**\n\nMục đích.\n\n"
                "**II. MỤC TIÊU\nCHỦ YẾU**\n\n**1. **100% đội ngũ cán bộ, công\nchức xây dựng chính sách có trình độ đại học Luật.\n\n"
                "**4. **Trong giai đoạn 2026\n- 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ từ nguồn thu hút.\n\n"
                "**III. NHIỆM VỤ,\nGIẢI PHÁP**\n\n**1. **Tổ chức tập huấn cho 100% cán bộ.\n", fmt="markdown")
    assert [(t.value, t.comparator) for t in r.targets] == [(100, "="), (10, ">=")]
    assert r.targets[1].text.startswith("Trong giai đoạn 2026 - 2030 phấn đấu")
    assert [o.kind for o in r.objectives if o.kind == "specific_goal"] == ["specific_goal"] * 2


@pytest.mark.parametrize("heading", ["Mục tiêu cụ thể đến năm 2030", "Mục tiêu cụ thể giai đoạn 2026 - 2030", "Các mục tiêu cụ thể",
                                     "Mục tiêu cụ thể năm 2026:"])
def test_an_objective_heading_with_the_time_it_is_set_for(heading):
    r = extract(f"KẾ HOẠCH\nPhát triển du lịch\n\nI. MỤC TIÊU\n1. {heading}\n- Đón 2 triệu lượt khách.\n\nII. NHIỆM VỤ\n1. Quảng bá.\n")
    assert [o.kind for o in r.objectives] == ["specific_goal"]


def test_a_count_of_a_unit_the_table_does_not_know_in_a_target_list():
    # Bắc Ninh 144/KH-UBND (2025, wild archive), "Mục tiêu cụ thể": "Đến năm 2030, tỉnh Bắc Ninh có ít nhất 20 tập dữ
    # liệu mở …": a count whose unit ("tập") no table lists, read with the word underthesea segments after it
    from trichxuat.extract.targets import count_targets

    targets = extract(FIXTURES / "wild" / "tnt-ad5aff6c13929815.md").targets
    found = [t for t in targets if t.unit == "tập"]
    assert [(t.value, t.comparator, t.year) for t in found] == [(20, ">=", 2030)]
    # the plan's own parts counted, a rank, a time, a document's number and a year are no counts
    for text in ("Phát triển kinh tế số đến năm 2030 (16 mục tiêu)", "Việt Nam thuộc nhóm 4 nước dẫn đầu ASEAN",
                 "Phấn đấu 3 năm liên tục không để xảy ra cháy rừng", "Thực hiện Nghị quyết số 35 của Tỉnh ủy", "Đến 2030 hoàn thành"):
        assert count_targets(text) == [], text
    assert [(t["value"], t["unit"]) for t in count_targets("Phấn đấu trồng 500.000 cây xanh phân tán")] == [(500000, "cây xanh")]


def test_the_rows_of_a_target_table():
    # Nghị quyết 03/NQ-CP (2025), "DANH MỤC CÁC CHỈ TIÊU CỤ THỂ": TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì, group
    # rows "I | Đến năm 2030" / "II | Đến năm 2045" setting the year
    targets = extract(CORPORA / "trace" / "cp-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md").targets
    tep = [t for t in targets if t.subject and t.subject.startswith("Tỉ lệ đóng góp của năng suất nhân tố tổng hợp")]
    assert [(t.value, t.unit, t.comparator, t.year) for t in tep] == [(55, "%", ">=", 2030)]
    assert (10, "doanh nghiệp", ">=", 2045) in [(t.value, t.unit, t.comparator, t.year) for t in targets if t.subject and t.subject.startswith("Số doanh nghiệp công nghệ số")]
    # Sơn La 2954/QĐ-UBND (2025, wild archive), Phụ lục 01: TT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 | GIAI ĐOẠN 2026 - 2030 over
    # "Năm 2026 | … | Năm 2030": the target is the last year's, not the estimate of 2025; "1 | Cà Phê" names what is measured
    targets = extract(FIXTURES / "wild" / "tnt-f1e0981425ec38be.md").targets
    coffee = [(t.subject, t.value, t.unit, t.year) for t in targets if t.subject and t.subject.startswith("Cà Phê")]
    assert coffee == [("Cà Phê – Diện tích", 30000, "ha", 2030), ("Cà Phê – Sản lượng cà phê nhân", 54468, "tấn", 2030)]
