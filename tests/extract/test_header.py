"""Header extractors, table-driven from lines of the real corpus."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.header import (
    parse_number,
    parse_place_date,
    restore_sentence_case,
)

from ..conftest import CORPORA, FIXTURES

NUMBERS = [
    # (line as printed, raw, number, year, type code, issuer code) — sources in the comments
    ("Số: 182/KH-UBND", "182/KH-UBND", "182", None, "KH", "UBND"),  # seed Bắc Kạn
    ("Số:173    /KH-UBND", "173/KH-UBND", "173", None, "KH", "UBND"),  # Hà Nội PDF, number typed into a blank
    ("Số: 5872 /KH-UBND", "5872 /KH-UBND", "5872", None, "KH", "UBND"),  # as printed, one space kept (spec: whitespace collapsed)
    ("Số: / KH- LTR", "/ KH- LTR", None, None, "KH", "LTR"),  # a school's draft, Lâm Đồng 2012
    ("Số: /KH-UBND", "/KH-UBND", None, None, "KH", "UBND"),  # seed Tuy Phước, draft
    ("Số:      /KH-SCT", "/KH-SCT", None, None, "KH", "SCT"),  # Lào Cai DOCX, pre-signing
    ("Số: 27-KH/HU", "27-KH/HU", "27", None, "KH", "HU"),  # party style, cited in Tuy Phước
    ("Số: 06/2022/TT-BTTTT", "06/2022/TT-BTTTT", "06", 2022, "TT", "BTTTT"),  # normative, with year
    ("Số: 327/KH-UBATGTQG", "327/KH-UBATGTQG", "327", None, "KH", "UBATGTQG"),  # tvpl excerpt
    ("Số: 1105/KH-ĐKT", "1105/KH-ĐKT", "1105", None, "KH", "ĐKT"),  # Lào Cai inspection team
]


@pytest.mark.parametrize("line,raw,number,year,type_code,issuer_code", NUMBERS)
def test_parse_number(line, raw, number, year, type_code, issuer_code):
    n = parse_number(line)
    assert (n.raw, n.number, n.year, n.type_code, n.issuer_code) == (raw, number, year, type_code, issuer_code)


DATES = [
    ("Bắc Kạn, ngày 22 tháng 3 năm 2024", "Bắc Kạn", "2024-03-22", 2024, 3, 22),
    ("Tuy Phước, ngày tháng 9 năm 2022", "Tuy Phước", None, 2022, 9, None),
    ("Lào Cai, ngày    tháng   năm 2026", "Lào Cai", None, 2026, None, None),
    ("Kiên Giang , ngày 19 tháng 01 năm 2021", "Kiên Giang", "2021-01-19", 2021, 1, 19),
    ("An Giang , ngày 28 tháng 4 năm 20 23", "An Giang", "2023-04-28", 2023, 4, 28),  # tvpl copy damage
    ("Hà Nội, ngày 28 tháng 4 năm 2026", "Hà Nội", "2026-04-28", 2026, 4, 28),
    ("TP. Hồ Chí Minh, ngày 05 tháng Giêng năm 2024", "Hồ Chí Minh", "2024-01-05", 2024, 1, 5),
    # a page that gave each line of a crawl its own paragraph ("Bắc" / "" / "Kạn, ngày …", Bắc Kạn 488, 2021)
    ("Bắc\n\nKạn, ngày 03 tháng 8 năm 2021", "Bắc Kạn", "2021-08-03", 2021, 8, 3),
]


@pytest.mark.parametrize("line,place,iso,year,month,day", DATES)
def test_parse_place_date(line, place, iso, year, month, day):
    d = parse_place_date(line)
    assert (d.place, d.date, d.year, d.month, d.day) == (place, iso, year, month, day)


def test_impossible_dates_keep_year_and_month_only():
    d = parse_place_date("Hà Nội, ngày 31 tháng 2 năm 2024")
    assert (d.date, d.day, d.month, d.year) == (None, None, 2, 2024)


@pytest.mark.parametrize(
    "title,expected",
    [
        (
            "TRUYỀN THÔNG VỀ CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG NĂM 2024 TRÊN ĐỊA BÀN TỈNH BẮC KẠN",
            "Truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024 trên địa bàn tỉnh Bắc Kạn",
        ),
        ("BẢO ĐẢM TRẬT TỰ AN TOÀN GIAO THÔNG NĂM 2021 TRÊN ĐỊA BÀN TỈNH KIÊN\nGIANG", "Bảo đảm trật tự an toàn giao thông năm 2021 trên địa bàn tỉnh Kiên Giang"),
        (
            "Thực hiện Tiểu dự án 1 thuộc Dự án 6 truyền thông và giảm nghèo Về thông tin thuộc Chương trình MTQG giảm nghèo bền vững Trên địa bàn thị xã Cửa Lò năm 2024",
            "Thực hiện Tiểu dự án 1 thuộc Dự án 6 truyền thông và giảm nghèo về thông tin thuộc Chương trình MTQG giảm nghèo bền vững trên địa bàn thị xã Cửa Lò năm 2024",
        ),
        # wild decisions and plans (2025): an abbreviation that has a vowel keeps its capitals; a term
        # inside a longer word does not take one ("pháp luật"); a law's title does
        ("VỀ VIỆC BÃI BỎ CÁC VĂN BẢN QUY PHẠM PHÁP LUẬT DO UBND TỈNH QUẢNG BÌNH", "Về việc bãi bỏ các văn bản quy phạm pháp luật do UBND tỉnh Quảng Bình"),
        ("TRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM", "Triển khai thi hành Luật Việc làm"),
        ("NÂNG CAO CHẤT LƯỢNG ĐẢNG VIÊN VÀ TỔ CHỨC ĐẢNG", "Nâng cao chất lượng đảng viên và tổ chức Đảng"),
        # a cited number keeps its mixed-case code; a person's name after a position keeps its capitals;
        # foreign terms and regions (wild titles, 2025)
        ("THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ", "Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ"),
        ("Ý KIẾN CHỈ ĐẠO CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ BÙI THANH SƠN TẠI CÁC BUỔI LÀM VIỆC", "Ý kiến chỉ đạo của Phó Thủ tướng Chính phủ Bùi Thanh Sơn tại các buổi làm việc"),
        ("KỶ NIỆM 120 NĂM NGÀY SINH ĐỒNG CHÍ LÊ DUẨN", "Kỷ niệm 120 năm ngày sinh đồng chí Lê Duẩn"),
        ("PHÁT TRIỂN HẠ TẦNG 5G, IOT TẠI KHU VỰC TRUNG BỘ", "Phát triển hạ tầng 5G, IoT tại khu vực Trung Bộ"),
        ("CÔNG TÁC CHỦ TỊCH GIAO", "Công tác chủ tịch giao"),
        ("BÁO CÁO CỦA ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH BÀ RỊA - VŨNG TÀU", "Báo cáo của Đoàn Đại biểu Quốc hội tỉnh Bà Rịa - Vũng Tàu"),
        # a body's name is not re-cased by a shorter name inside it; a cited type before its number;
        # a place before a closing quote (thuvienphapluat titles, 2024-2025)
        # a Roman numeral after "lần thứ" / "khóa", a ministry's name, a law's name not in laws.yaml (wild, 2025)
        ("NGHỊ QUYẾT ĐẠI HỘI LẦN THỨ XIII CỦA ĐẢNG; ĐẠI BIỂU QUỐC HỘI KHÓA XVI", "Nghị quyết đại hội lần thứ XIII của Đảng; đại biểu Quốc hội khóa XVI"),
        ("QUYẾT ĐỊNH SỐ 3103/QĐ-BTC NGÀY 05 THÁNG 9 NĂM 2025 CỦA BỘ TÀI CHÍNH", "Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính"),
        ("MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG THỦ DÂN SỰ VÀ LUẬT SỬA ĐỔI", "Một số điều của Luật Phòng thủ dân sự và Luật sửa đổi"),
        ("NGHỊ QUYẾT SỐ 1313/NQ-UBTVQH15 CỦA ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Nghị quyết số 1313/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội"),
        ("THỰC HIỆN BÁO CÁO SỐ 115/BC-ĐĐBQH VỀ “GIÁM SÁT TRÊN ĐỊA BÀN TỈNH BÀ RỊA - VŨNG TÀU”", "Thực hiện Báo cáo số 115/BC-ĐĐBQH về “giám sát trên địa bàn tỉnh Bà Rịa - Vũng Tàu”"),
        ("CỦA TỈNH BÀ RỊA-VŨNG TÀU", "Của tỉnh Bà Rịa-Vũng Tàu"),
    ],
)
def test_restore_sentence_case(title, expected):
    assert restore_sentence_case(title) == expected


def test_header_fields_of_the_seeds(seed_records):
    r = seed_records["backan"]
    assert (r.genre, r.document_type.code, r.number.raw, r.issued.date, r.issued.place) == ("plan", "KH", "182/KH-UBND", "2024-03-22", "Bắc Kạn")
    r = seed_records["tuyphuoc"]
    assert (r.number.raw, r.number.number, r.issued.year, r.issued.month, r.issued.day) == ("/KH-UBND", None, 2022, 9, None)
    assert {w.code for w in r.warnings} >= {"number_blank", "date_partial"}


def test_a_news_report_is_recognised_and_its_plan_described(seed_records):
    r = seed_records["bacgiang"]
    assert r.genre == "news_report"
    assert (r.document_type.name, r.number.raw, r.issued.date) == ("Kế hoạch", None, None)
    assert r.title == "Truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững tỉnh Bắc Giang năm 2023"
    assert "news_report" in {w.code for w in r.warnings}


def test_a_text_that_is_not_a_plan_is_other_with_a_warning():
    from trichxuat import extract

    r = extract("The quarterly report covers revenue, hiring and the new office in Da Nang.\nNothing else.")
    assert r.genre == "other"
    assert "not_a_plan" in {w.code for w in r.warnings}
    assert r.issuer.name is None and r.number.raw is None


def test_the_type_of_a_page_with_no_type_name_line_from_its_attribute_panel(tmp_path):
    """A letter (Công văn) has no type-name line and no type code in its number: the portal's panel says
    what it is. An edited copy of the Bắc Kạn portal page: type line gone, number without a type code."""
    from trichxuat import extract

    from ..conftest import SEED

    text = SEED["backan"].read_text(encoding="utf-8")
    text = text.replace("\nKẾ HOẠCH\n", "\n", 1).replace("Số: 182/KH-UBND", "Số: 182/UBND-VXNV", 1)
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    r = extract(path)
    assert (r.document_type.name, r.document_type.code) == ("Kế hoạch", "KH")
    (w,) = [w for w in r.warnings if w.code == "header_from_portal_metadata"]
    assert "type Kế hoạch" in w.message


def test_a_number_pdftotext_put_on_two_lines_is_joined_with_a_warning():
    # Hà Nội festival plan, pdftotext without -layout: "Số:173" above the motto, "/KH-UBND" below it
    r = extract(CORPORA / "renderings" / "hanoi-173-kh-ubnd-2026-festival.pdftotext.txt")
    assert (r.number.raw, r.number.number, r.number.type_code) == ("173/KH-UBND", "173", "KH")
    assert "number_split" in {w.code for w in r.warnings}


def test_a_blank_number_pdftotext_put_on_two_lines():
    # Lâm Đồng CCHC plan, LibreOffice PDF as plain pdftotext: "Số:" alone, "/KH-UBND" two lines below
    r = extract(CORPORA / "renderings" / "lamdong-kh-ubnd-2026-tuyen-truyen-cchc-draft.lo-pdftotext.txt")
    assert (r.number.raw, r.number.number) == ("/KH-UBND", None)
    assert {"number_split", "number_blank"} <= {w.code for w in r.warnings}


def test_a_motto_run_into_the_place_line_is_no_place():
    # Lào Cai 1105/KH-ĐKT as some PDF readers give it: the motto's second line and the place-date line as one
    d = parse_place_date("Độc lập - Tự do - Hạnh Phúc Lào Cai, ngày 10 tháng 3 năm 2026")
    assert (d.place, d.date) == ("Lào Cai", "2026-03-10")


def test_a_head_whose_lines_lost_their_first_letter(tmp_path):
    """Đắk Lắk 0134/KH-UBND as a copy that dropped each head block's first letter (the sweep's
    --lost-initials rendering): "Y BAN NHÂN DÂN", "ỘNG HÒA XÃ HỘI …", "ố: 0134/KH-UBND", "ắk Lắk, ngày …",
    "Ế HOẠCH". Each anchor is still read, and what had to be restored says so."""
    import sys

    sys.path.insert(0, str(CORPORA / "renderings"))
    from sweep import lost_initials

    from trichxuat.ingest import read_source

    source = CORPORA / "docs" / "daklak-0134-kh-ubnd-2025-quan-trac-moi-truong-thuy-san.md"
    damaged = lost_initials(read_source(source).text)
    assert "Y BAN NHÂN DÂN" in damaged and "ố: 0134/KH-UBND" in damaged and "ắk Lắk, ngày" in damaged and "Ế HOẠCH" in damaged
    path = tmp_path / "daklak-0134.initials.md"
    path.write_text(damaged, encoding="utf-8")
    r = extract(path)
    assert (r.genre, r.document_type.code, r.number.raw) == ("plan", "KH", "0134/KH-UBND")
    assert (r.issued.date, r.issued.place) == ("2025-11-25", "Đắk Lắk")
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == ("Ủy ban nhân dân tỉnh Đắk Lắk", "province", "Đắk Lắk")
    codes = {w.code for w in r.warnings}
    assert {"issuer_initial_restored", "place_initial_restored", "type_name_initial_restored"} <= codes


def test_a_name_that_lost_its_first_letter_is_restored_only_when_one_name_fits():
    from trichxuat.extract.issuer import restore_lost_initial
    from trichxuat.gazetteer import gazetteer

    assert restore_lost_initial("Y BAN NHÂN DÂN TỈNH NGHỆ AN") == "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"
    assert restore_lost_initial("ỘI ĐỒNG NHÂN DÂN HUYỆN X") == "HỘI ĐỒNG NHÂN DÂN HUYỆN X"
    # a short head tells itself by what its letter left ("Ộ" is "Bộ", "Ở" is "Sở") only before a department's field
    assert restore_lost_initial("Ộ Y TẾ") == "BỘ Y TẾ" and restore_lost_initial("Ở TÀI CHÍNH TỈNH LÀO CAI") == "SỞ TÀI CHÍNH TỈNH LÀO CAI"
    assert restore_lost_initial("Ộ TRƯỞNG") is None and restore_lost_initial("Ở ĐÂY") is None
    assert restore_lost_initial("BAN CHỈ ĐẠO TỈNH") is None  # a whole name
    assert gazetteer().restore_initial("ắk Lắk") == "Đắk Lắk"
    assert gazetteer().restore_initial("iên Giang") == "Kiên Giang"
    assert gazetteer().restore_initial("an") is None  # several names fit


def test_a_head_whose_words_a_copy_glued():
    # "ỦY BAN NHÂNDÂN" and "HàNội, ngày …": a copy that dropped spaces (SOURCES.md: copy damage of some sites)
    r = extract("ỦY BAN NHÂNDÂN\nTHÀNH PHỐ HÀ NỘI\n\nSố: 143/KH-UBND\n\nHàNội, ngày 25 tháng 6 năm 2019\n\nKẾ HOẠCH\n"
                "Nâng cao chất lượng hoạt động của Trạm Y tế\n\nI. MỤC ĐÍCH, YÊU CẦU\n")
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == ("Ủy ban nhân dân thành phố Hà Nội", "province", "Hà Nội")
    assert r.issued.place == "Hà Nội" and "place_respaced" in {w.code for w in r.warnings}


def test_a_decision_that_issues_no_plan_is_said_once():
    # Cần Thơ 2533/QĐ-UBND (wild archive): a decision publishing administrative procedures, no plan
    # (seen in the wild records as two "not_a_plan" warnings, one per reason)
    from ..conftest import FIXTURES

    r = extract(FIXTURES / "wild" / "tnt-fe1e8de161e04a1e.md")
    assert r.genre == "other" and [w.code for w in r.warnings].count("not_a_plan") == 1


def test_a_resolution_without_a_date_line_is_dated_by_its_adoption_sentence():
    # Ủy ban Thường vụ Quốc hội, Nghị quyết 1675/NQ-UBTVQH15 (2025, wild archive): the copy kept only the number cell;
    # "Nghị quyết này được Ủy ban Thường vụ Quốc hội … khóa XV thông qua ngày 16 tháng 6 năm 2025."
    r = extract(FIXTURES / "wild" / "tnt-0f145efacbf006fc.md", include_text=True)
    assert (r.issued.date, r.issued.place) == ("2025-06-16", None)
    assert "date_from_adoption" in {w.code for w in r.warnings}
    assert "thông qua ngày 16 tháng 6 năm 2025" in r.text[r.issued.span.start : r.issued.span.end]
    # a header's own date stays the date of issue
    r = extract("HỘI ĐỒNG NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 12/NQ-HĐND\n\nLào Cai, ngày 10 tháng 7 năm 2025\n\nNGHỊ QUYẾT\nVề kế hoạch\n\n"
                "Điều 1. Thông qua kế hoạch.\n\nNghị quyết này đã được Hội đồng nhân dân tỉnh Lào Cai khóa XVI, Kỳ họp thứ 5 thông qua "
                "ngày 09 tháng 7 năm 2025.\n")
    assert r.issued.date == "2025-07-10" and "date_from_adoption" not in {w.code for w in r.warnings}


def test_a_unit_word_that_lost_its_first_letter_before_a_known_place():
    # Hồ Chí Minh City's 172/KH-UBND with its head's lines' first letters dropped (renderings/sweep.py --lost-initials):
    # "Y BAN NHÂN DÂN" / "HÀNH PHỐ HỒ CHÍ MINH"
    from trichxuat.extract.issuer import restore_lost_initial
    from trichxuat.gazetteer import gazetteer

    assert restore_lost_initial("Y BAN NHÂN DÂN HÀNH PHỐ HỒ CHÍ MINH") == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert gazetteer().restore_unit_initial("ỈNH LÀO CAI") == "TỈNH LÀO CAI"
    assert gazetteer().restore_unit_initial("hành phố Hồ Chí Minh") == "thành phố Hồ Chí Minh"
    assert gazetteer().restore_unit_initial("hành động năm 2026") is None  # no place after it


def test_a_text_copy_of_an_ocr_reading_keeps_its_type_name():
    # renderings/sweep.py --misread 0.04 (a share of letters dropped, doubled or in the other case, as a poor OCR
    # gives, fed as text): Thanh Hóa 3398/QĐ-UBND's "QUYẾT ĐĐỊnH", Đắk Lắk 194/KH-UBND's collapsed head whose title
    # in capitals holds a small letter; "QUYẾT ĐỊNH:" before the articles stays no type line
    from trichxuat.api import extract_text

    r = extract_text("ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\nSố: 3398/QĐ-UBND\nThanh Hóa, ngày 01 tháng 10 năm 2013\nQUYẾT ĐĐỊnH\n"
                     "VỀ VIỆC BAN HÀNH KẾ HOẠCH THỰC HIỆN ĐỀ ÁN\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành.\n")
    assert r.genre == "decision" and "type_name_misread" in [w.code for w in r.warnings]
    r = extract_text("ỦY BAN NHÂN DÂn DÂN TỈNH ĐẮK LẮK ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Số: 194/KH-UBND Đắk Lắk, ngày 01 "
                     "tháng 11 năm 2024 KẾ HOẠCH TRIIỂn KHAI THI HÀNH LUẬT ĐƯỜNG BỘ Thực hiện Quyết định số 1044/QĐ-TTg.\nI. MỤC ĐÍCH\nNội dung.\n")
    assert r.genre == "plan" and r.title.lower().startswith("triiển khai thi hành luật đường bộ")
    r = extract_text("Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch.\n")
    assert "type_name_misread" not in [w.code for w in r.warnings]


def test_a_title_that_lost_its_first_letter_with_the_heads_other_lines(tmp_path):
    # Hồ Chí Minh City's 172/KH-UBND with its head's first letters dropped (renderings/sweep.py --lost-initials):
    # "Ế HOẠCH" and the title "RIỂN KHAI THI HÀNH LUẬT VIỆC LÀM …"
    import sys

    sys.path.insert(0, str(CORPORA / "renderings"))
    from sweep import lost_initials

    from trichxuat.extract.header import restore_title_initial
    from trichxuat.ingest import read_source

    path = tmp_path / "hcm-172.initials.md"
    path.write_text(lost_initials(read_source(CORPORA / "docs" / "hcm-172-kh-ubnd-2025-luat-viec-lam.md").text), encoding="utf-8")
    r = extract(path)
    assert r.title.startswith("Triển khai thi hành Luật Việc làm") and "title_initial_restored" in [w.code for w in r.warnings]
    assert restore_title_initial("Ề việc ban hành Kế hoạch") == "Về việc ban hành Kế hoạch"
    assert restore_title_initial("An toàn giao thông năm 2026") is None  # a whole opening: no letter is missing


def test_preamble_and_authority_lines_that_lost_their_first_letter():
    # the Prime Minister's 2623/QĐ-TTg (a page's crawl) in a copy that dropped the first letter of its lines: the
    # authority line ("HỦ TƯỚNG CHÍNH PHỦ") and the bases ("ăn cứ Luật …") end the title, and the bases are read
    from trichxuat.api import extract_text

    from ..conftest import CORPORA

    path = CORPORA / "renderings" / "ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.crawl.txt"
    text = path.read_text(encoding="utf-8")
    assert "\n**THỦ TƯỚNG CHÍNH PHỦ**\n*Căn cứ Luật Tổ chức Chính phủ" in text and "\n*Căn cứ Luật Bảo vệ dữ liệu" in text
    damaged = text.replace("\n**THỦ TƯỚNG CHÍNH PHỦ**\n", "\n**HỦ TƯỚNG CHÍNH PHỦ**\n").replace("\n*Căn cứ Luật", "\n*ăn cứ Luật")
    original, r = extract(path), extract_text(damaged)
    assert r.title == original.title == "Ban hành Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân"
    assert [b.title or b.number for b in r.legal_bases] == [b.title or b.number for b in original.legal_bases] and len(original.legal_bases) == 2
    restored = [w for w in r.warnings if w.code == "preamble_initial_restored"]
    assert len(restored) == 2 and all(w.span is not None for w in restored)
    # a line that only begins with the same letters is left as written ("ăn uống …" is no "Căn cứ")
    from trichxuat.normalize import preamble_lost_initials

    assert preamble_lost_initials("KẾ HOẠCH\năn uống hợp lý\nhực hiện Kế hoạch số 12/KH-UBND;\n") == [(24, 24, "T")]


def test_a_place_line_that_lost_its_first_letter_is_the_place_of_the_issuer_above_it():
    # Lai Châu 3961/KH-UBND: "ai Châu, ngày …" fits two names without its first letter (Lai Châu, Mai Châu); the head
    # says "TỈNH LAI CHÂU". The ward of Bích Đào's "ích Đào, ngày …": no province or district of that name
    from trichxuat.api import extract_text

    from ..conftest import CORPORA

    text = (CORPORA / "web-excerpts" / "laichau-3961-kh-ubnd-2022-dau-mua-khi.txt").read_text(encoding="utf-8")
    assert "\nLai Châu, ngày 21 tháng 10 năm 2022" in text
    r = extract_text(text.replace("\nLai Châu, ngày", "\nai Châu, ngày"))
    assert (r.issued.place, r.issued.date) == ("Lai Châu", "2022-10-21")
    assert "place_initial_restored" in {w.code for w in r.warnings}
    text = (CORPORA / "web-excerpts" / "bichdao-28-kh-ubnd-2020-mung-dang.txt").read_text(encoding="utf-8")
    assert text.count("Bích Đào, ngày") == 1
    assert extract_text(text.replace("Bích Đào, ngày", "ích Đào, ngày")).issued.place == "Bích Đào"


def test_a_place_wrapped_in_a_narrow_column_is_the_place_of_the_issuer_above_it():
    # Bắc Kạn 488/KH-UBND printed to PDF, as plain pdftotext reads its head: the date column wrapped "Bắc" /
    # "Kạn, ngày …" and the reading order put "Bắc" four lines below; the head says "TỈNH BẮC KẠN"
    from trichxuat.api import extract_text

    from ..conftest import CORPORA

    text = (CORPORA / "web-excerpts" / "backan-488-kh-ubnd-2021-truyen-thong-vac-xin.txt").read_text(encoding="utf-8")
    body = text[text.index("KẾ HOẠCH") :]
    head = ("ỦY\nĐộc lập - Tự do - Hạnh phúc\nBAN NHÂN DÂN\n--------------TỈNH BẮC KẠN\nKạn, ngày 03 tháng 8 năm 2021\n"
            "------CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nSố:\n488/KH-UBND\nBắc\n")
    r = extract_text(head + body)
    assert (r.issued.place, r.issued.date) == ("Bắc Kạn", "2021-08-03")
    assert "place_rejoined" in {w.code for w in r.warnings}
    # a place line that names its place whole is left as written, and a lone word no name of the head ends with too
    assert extract_text(head.replace("\nKạn, ngày", "\nHuế, ngày") + body).issued.place == "Huế"
