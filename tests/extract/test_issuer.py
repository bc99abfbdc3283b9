"""Issuer: canonical names, levels, provinces (old and 2025) from underthesea's data, inference."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.issuer import _split_bodies, canonical_body, expand_abbreviations

from ..conftest import CORPORA, FIXTURES


@pytest.mark.parametrize(
    "text,name,level",
    [
        ("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", "Ủy ban nhân dân tỉnh Bắc Kạn", "province"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội", "province"),
        ("UBND huyện Tuy Phước", "Ủy ban nhân dân huyện Tuy Phước", "district"),
        ("UBND thị xã Cửa Lò", "Ủy ban nhân dân thị xã Cửa Lò", "district"),
        ("UBND TP Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ", "province"),
        ("BỘ Y TẾ", "Bộ Y tế", "ministry"),
        ("BỘ GIAO THÔNG VẬN TẢI", "Bộ Giao thông vận tải", "ministry"),
        ("ỦY BAN AN TOÀN GIAO THÔNG QUỐC GIA", "Ủy ban An toàn giao thông Quốc gia", "central"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ", "central"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương", "department"),
        ("HUYỆN ỦY TUY PHƯỚC", "Huyện ủy Tuy Phước", "party"),
        # a body of a party committee (wild news pages, 2025): the committee is no locality "tỉnh" + "Ủy …"
        ("Ban Tuyên giáo và Dân vận Tỉnh Ủy Phú Thọ", "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Thọ", "party"),
        ("Ban Tổ chức Thành uỷ Hà Nội", "Ban Tổ chức Thành ủy Hà Nội", "party"),
        # the party committee of a body (Lào Cai's Đề án 08 draft cites "Ban Thường vụ Đảng ủy UBND tỉnh")
        ("Ban Thường vụ Đảng ủy UBND tỉnh Lào Cai", "Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lào Cai", "party"),
        ("ĐẢNG ỦY CÔNG AN TỈNH BẮC NINH", "Đảng ủy Công an tỉnh Bắc Ninh", "party"),
        ("ĐẢNG ỦY XÃ TÂN LẬP", "Đảng ủy xã Tân Lập", "party"),
    ],
)
def test_canonical_body(text, name, level):
    body = canonical_body(text)
    assert (body.name, body.level) == (name, level)


def test_abbreviations_expand_as_whole_words():
    assert expand_abbreviations("Phòng LĐTB&XH và UBND các xã") == "Phòng Lao động - Thương binh và Xã hội và Ủy ban nhân dân các xã"
    assert expand_abbreviations("UBNDX") == "UBNDX"


def test_issuer_from_the_header(seed_records):
    i = seed_records["backan"].issuer
    assert (i.name, i.level, i.province, i.district, i.province_2025) == ("Ủy ban nhân dân tỉnh Bắc Kạn", "province", "Bắc Kạn", None, "Thái Nguyên")


@pytest.mark.parametrize(
    "seed,name,level,province,district,province_2025",
    [
        ("tuyphuoc", "Ủy ban nhân dân huyện Tuy Phước", "district", "Bình Định", "Tuy Phước", "Gia Lai"),
        ("kiengiang", "Ủy ban nhân dân tỉnh Kiên Giang", "province", "Kiên Giang", None, "An Giang"),
        ("cualo", "Ủy ban nhân dân thị xã Cửa Lò", "district", "Nghệ An", "Cửa Lò", "Nghệ An"),
        ("bacgiang", "Ủy ban nhân dân tỉnh Bắc Giang", "province", "Bắc Giang", None, "Bắc Ninh"),
    ],
)
def test_a_missing_header_issuer_is_inferred_with_a_warning(seed_records, seed, name, level, province, district, province_2025):
    r = seed_records[seed]
    i = r.issuer
    assert (i.name, i.level, i.province, i.district, i.province_2025) == (name, level, province, district, province_2025)
    assert "header_missing_issuer_inferred" in {w.code for w in r.warnings}


def test_a_department_under_its_parent():
    text = (
        "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: /KH-SCT\nLào Cai, ngày tháng 4 năm 2026\n\nKẾ HOẠCH\nKiểm tra, cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp\n"
    )
    i = extract(text).issuer
    assert (i.name, i.parent, i.level, i.province) == ("Sở Công Thương tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", "department", "Lào Cai")


def test_ministry_and_national_committee_issuers_from_collapsed_headers():
    r = extract(CORPORA / "tvpl-excerpts" / "tvpl-67-kh-byt-2023-552405.txt")
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == ("Bộ Y tế", "ministry", None)
    r = extract(CORPORA / "tvpl-excerpts" / "tvpl-33-kh-ubatgtqg-2014-230068.txt")
    assert (r.issuer.name, r.issuer.level) == ("Ủy ban An toàn giao thông Quốc gia", "central")


def test_a_commune_body_that_names_no_province_is_placed_by_the_gazetteer():
    # "UỶ BAN NHÂN DÂN / PHƯỜNG BÍCH ĐÀO", a commune site's page: one ward of that name, in Ninh Bình
    r = extract(CORPORA / "web-excerpts" / "bichdao-28-kh-ubnd-2020-mung-dang.txt")
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == ("Ủy ban nhân dân phường Bích Đào", "commune", "Ninh Bình")
    assert "issuer_province_from_commune" in {w.code for w in r.warnings}
    assert r.issuer.district is None  # the ward's district was renamed since: not guessed


def test_a_commune_name_many_provinces_have_is_not_placed():
    from trichxuat.gazetteer import gazetteer

    assert len({p for _, p in gazetteer().communes_named("xã", "Tân Lập")}) > 1


def test_a_school_under_its_department_with_a_page_banner_above_the_header():
    # a whole document on one line, the page's unaccented banner above "SỞ GD-ĐT QUẢNG NGÃI TRƯỜNG THPT BA GIA"
    r = extract(CORPORA / "web-excerpts" / "thpt-bagia-23-kh-2017-ngoai-khoa.txt")
    assert (r.issuer.name, r.issuer.parent, r.issuer.level, r.issuer.province) == (
        "Trường THPT Ba Gia", "Sở Giáo dục và Đào tạo Quảng Ngãi", "other", "Quảng Ngãi")
    # HTML tags in a text copy, a number left blank ("Số: / KH- LTR") before the place
    r = extract(CORPORA / "web-excerpts" / "thcs-liengtrang-kh-ltr-2012-khai-giang.txt")
    assert (r.issuer.name, r.issued.place, r.title) == ("Trường THCS Liêng Trang", "Đạ Tông", "V/v Tổ chức lễ, hội khai giảng năm học 2012 – 2013")


@pytest.mark.parametrize("text,name", [
    ("TRƯỜNG TIỂU HỌC NGUYỄN DU", "Trường Tiểu học Nguyễn Du"),
    ("TRƯỜNG THCS LIÊNG TRANG", "Trường THCS Liêng Trang"),
    ("PHÒNG GD& ĐT ĐAM RÔNG", "Phòng Giáo dục và Đào tạo Đam Rông"),
    ("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ninh"),
])
def test_names_keep_the_capitals_of_names_inside_them(text, name):
    assert canonical_body(text).name == name


def test_a_body_is_not_split_inside_a_word():
    # "TRƯỜNG" begins a school, not inside "MÔI TRƯỜNG" (a ministry's header wrapped over three lines)
    assert _split_bodies(["BỘ NÔNG NGHIỆP VÀ  MÔI TRƯỜNG"]) == ["BỘ NÔNG NGHIỆP VÀ  MÔI TRƯỜNG"]
    assert _split_bodies(["SỞ GD-ĐT QUẢNG NGÃI TRƯỜNG THPT BA GIA"]) == ["SỞ GD-ĐT QUẢNG NGÃI", "TRƯỜNG THPT BA GIA"]




def test_a_header_without_its_issuer_reads_the_authority_line():
    # Ủy ban Thường vụ Quốc hội 1675/NQ-UBTVQH15 (a page that kept only the number cell of its header)
    r = extract(FIXTURES / "wild" / "tnt-0f145efacbf006fc.md")
    assert (r.issuer.name, r.issuer.level) == ("Ủy ban Thường vụ Quốc hội", "central")
    warning = next(w for w in r.warnings if w.code == "header_missing_issuer_inferred")
    assert "authority line" in warning.message
    # its resolutions are numbered "…/2025/QH15": the issuer's code where a type code would stand is no mismatch
    assert "citation_type_code_mismatch" not in [w.code for w in r.warnings]
    # Tuyên Quang 986/QĐ-UBND as crawled, with its issuer cell emptied: the chairman's line names the committee
    text = (CORPORA / "renderings" / "tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.crawl.txt").read_text(encoding="utf-8")
    text = text.replace("| ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG ------- |", "| |")
    r = extract(text)
    assert (r.issuer.name, r.issuer.province) == ("Ủy ban nhân dân tỉnh Tuyên Quang", "Tuyên Quang")
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG" in next(w.message for w in r.warnings if w.code == "header_missing_issuer_inferred")


def test_a_schools_district_from_its_place_line_and_a_central_body_shortened():
    # Trường THPT Ba Gia (Quảng Ngãi), "Sơn Tịnh, ngày …"; a news page's "Ban Chỉ đạo liên ngành t.ư"
    r = extract(CORPORA / "web-excerpts" / "thpt-bagia-23-kh-2017-ngoai-khoa.txt")
    assert (r.issuer.province, r.issuer.district) == ("Quảng Ngãi", "Sơn Tịnh")
    assert "issuer_district_from_place" in [w.code for w in r.warnings]
    assert canonical_body("Ban Chỉ đạo liên ngành t.ư về vệ sinh an toàn thực phẩm").name.lower() == "ban chỉ đạo liên ngành trung ương về vệ sinh an toàn thực phẩm"


@pytest.mark.parametrize("path", ["web-excerpts/haiphong-bcd-hmtn-kh-2018-hanh-trinh-do-news.txt",
                                  "renderings/haiphong-bcd-hmtn-kh-2018-hanh-trinh-do-news.crawl.txt"])
def test_a_news_reports_body_named_by_its_unit_is_placed_by_the_page(path):
    """"Ban Chỉ đạo vận động hiến máu tình nguyện thành phố vừa ban hành Kế hoạch …" on the Hải Phòng
    portal: the one province the page names places the body; "thành phố" of a centrally-run city is
    that province. Both inferences are warned."""
    r = extract(CORPORA / path)
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == (
        "Ban Chỉ đạo vận động hiến máu tình nguyện thành phố Hải Phòng", "province", "Hải Phòng")
    assert {"issuer_province_from_citations", "issuer_place_completed"} <= {w.code for w in r.warnings}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Bộ Tài nguyên Môi trường", "Bộ Tài nguyên và Môi trường"),  # Đắk Lắk 0134 (2025) cites it so
        ("SỞ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI TỈNH BẮC KẠN", "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Kạn"),
        ("Sở Văn hóa Thể thao và Du lịch tỉnh Lào Cai", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai"),
    ],
)
def test_a_departments_name_written_without_its_joiners_is_its_canonical_name(text, name):
    assert canonical_body(text).name == name


def test_a_body_of_the_centre_named_so_is_central():
    # news reports of the development folder: "Ban Chỉ đạo liên ngành trung ương về vệ sinh an toàn thực phẩm",
    # "Hội đồng Thi đua - Khen thưởng Trung ương"; a body "trực thuộc trung ương" is not
    from trichxuat.extract.issuer import canonical_body

    assert canonical_body("Ban Chỉ đạo liên ngành trung ương về vệ sinh an toàn thực phẩm").level == "central"
    assert canonical_body("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TRUNG ƯƠNG").level == "central"
    assert canonical_body("ỦY BAN NHÂN DÂN TỈNH LÀO CAI").level == "province"


def test_a_body_that_names_itself_national_or_of_the_centre_is_never_placed():
    # the national traffic-safety committee's 455/KH-UBATGTQG (thuvienphapluat) in a copy that lost its head's first
    # letter ("Y" / "BAN AN TOÀN GIAO THÔNG QUỐC GIA"): a "Ban … quốc gia" is of the centre, its place line (Hà Nội)
    # is where it sits, not its province
    from trichxuat.api import extract_text

    text = (CORPORA / "tvpl-excerpts" / "tvpl-455-kh-ubatgtqg-2011-148039.txt").read_text(encoding="utf-8")
    assert text.startswith("ỦY\n  BAN AN TOÀN GIAO THÔNG QUỐC GIA")
    r = extract_text("Y" + text[2:])
    assert (r.issuer.level, r.issuer.province) == ("central", None)
    # the Party's commissions of the centre are at the party level, as their provincial namesakes are
    r = extract(FIXTURES / "wild" / "tnt-63846c89c092f01f.md")
    assert (r.genre, r.issuer.name, r.issuer.level, r.issuer.province) == ("news_report", "Ban Tuyên giáo và Dân vận Trung ương", "party", None)
    assert canonical_body("BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY LÀO CAI").level == "party"
    # a national programme's provincial steering committee, a "quốc gia" the body only serves, stays local
    assert canonical_body("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA TỈNH LÀO CAI").level == "province"
    assert canonical_body("BAN CHỈ ĐẠO QUỐC GIA VỀ PHÒNG, CHỐNG DỊCH COVID-19").level == "central"


@pytest.mark.parametrize(("path", "head", "lost", "name", "level"), [
    # thuvienphapluat's crawl of Quảng Ninh 167/KH-UBND breaks "ỦY" / "BAN NHÂN DÂN …": the "Ủ" lost leaves a "Y" alone
    ("tvpl-excerpts/tvpl-167-kh-ubnd-2022-519712.txt", "ỦY\n  BAN NHÂN DÂN", "Y\n  BAN NHÂN DÂN", "Ủy ban nhân dân tỉnh Quảng Ninh", "province"),
    # the ward of Bích Đào writes "UỶ" (the mark on the y): without its "U", "Ỷ BAN NHÂN DÂN"
    ("web-excerpts/bichdao-28-kh-ubnd-2020-mung-dang.txt", "UỶ BAN NHÂN DÂN", "Ỷ BAN NHÂN DÂN", "Ủy ban nhân dân phường Bích Đào", "commune"),
    # a ministry's short head before its field: "Ộ Y TẾ"
    ("web-excerpts/byt-408-kh-byt-2014-truyen-thong-mua-he.txt", "BỘ Y TẾ", "Ộ Y TẾ", "Bộ Y tế", "ministry"),
])
def test_an_issuer_line_that_lost_its_first_letter(path, head, lost, name, level):
    from trichxuat.api import extract_text

    text = (CORPORA / path).read_text(encoding="utf-8")
    assert head in text
    r = extract_text(text.replace(head, lost, 1))
    assert (r.issuer.name, r.issuer.level) == (name, level)
    assert "issuer_initial_restored" in {w.code for w in r.warnings}


def test_an_issuers_head_ocr_misread_in_a_mark_or_a_comma():
    # Lâm Đồng's and Bắc Kạn's plans printed with the office's columns, scanned at 300 dpi and read by Tesseract
    # (renderings/sweep.py --printed --style office --scanned): "ỦY, BAN NHÂN DÂN", "ỦY" / "BẠN NHÂN DÂN"
    from trichxuat.api import extract_text
    from trichxuat.extract.issuer import misread_head

    body = "\n\nKẾ HOẠCH\nPhát động Phong trào thi đua năm 2026\n\nI. MỤC ĐÍCH\n1. Sở Nội vụ chủ trì tổ chức thực hiện.\n"
    r = extract_text("ỦY, BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                     "Lâm Đồng, ngày tháng năm 2026" + body)
    assert (r.issuer.name, r.issuer.level) == ("Ủy ban nhân dân tỉnh Lâm Đồng", "province")
    assert "issuer_misread_repaired" in {w.code for w in r.warnings}
    assert misread_head("ỦY\nBẠN NHÂN DÂN\nTỈNH BẮC KẠN") == "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN"
    # a head written as it should be, or other words, are left alone
    assert misread_head("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN") is None and misread_head("BẠN ĐỌC THÂN MẾN") is None
    # Quảng Ngãi 1627/QĐ-UBND so scanned: "TĨNH QUANG NGAI", the unit and the place without their marks
    r = extract_text("ỦY BAN NHÂN DÂN\nTĨNH QUANG NGAI\nSố: 1627/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIET NAM\n"
                     "Độc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 21 tháng 11 năm 2025" + body)
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == ("Ủy ban nhân dân tỉnh Quảng Ngãi", "province", "Quảng Ngãi")
    assert "issuer_misread_repaired" in {w.code for w in r.warnings}
