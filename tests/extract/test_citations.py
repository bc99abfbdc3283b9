"""Citations, one table row per form, built from sentences of the real corpus (source in comments)."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.citations import find_citations, resolve_issuer
from trichxuat.record import Issuer

from ..conftest import CORPORA, SEED

BAC_KAN = Issuer(name="Ủy ban nhân dân tỉnh Bắc Kạn", level="province", province="Bắc Kạn")
TUY_PHUOC = Issuer(name="Ủy ban nhân dân huyện Tuy Phước", level="district", province="Bình Định", district="Tuy Phước")
CUA_LO = Issuer(name="Ủy ban nhân dân thị xã Cửa Lò", level="district", province="Nghệ An", district="Cửa Lò")
HA_NOI = Issuer(name="Ủy ban nhân dân thành phố Hà Nội", level="province", province="Hà Nội")
LAO_CAI_SCT = Issuer(name="Sở Công Thương tỉnh Lào Cai", level="department", province="Lào Cai")

FORMS = [
    # (sentence, doc_type, number, title, date, issuer as written)
    (  # full form — seed Bắc Kạn
        "Căn cứ Quyết định số 650/QĐ-LĐTBXH ngày 21/7/2022 của Bộ Lao động - Thương binh và Xã hội phê duyệt Kế hoạch truyền thông",
        "Quyết định", "650/QĐ-LĐTBXH", None, "2022-07-21", "Bộ Lao động - Thương binh và Xã hội",
    ),
    (  # without "số" — tvpl 1021/KH-UBND Nghệ An
        "Nghị quyết 27/2021/NQ-HĐND ngày 09/12/2021 của Hội đồng nhân dân tỉnh và Kế hoạch số: 36/KH-UBND",
        "Nghị quyết", "27/2021/NQ-HĐND", None, "2021-12-09", "Hội đồng nhân dân tỉnh",
    ),
    (  # normative number with year, date in words — seed Cửa Lò
        "Thông tư số 06/2022/TT-BTTTT ngày 30 tháng 6 năm 2022 của Bộ trưởng Bộ Thông tin và Truyền thông.",
        "Thông tư", "06/2022/TT-BTTTT", None, "2022-06-30", "Bộ trưởng Bộ Thông tin và Truyền thông",
    ),
    (  # party plan — seed Tuy Phước
        "Căn cứ Kế hoạch số 27-KH/HU ngày 14/12/2021 của Huyện ủy Tuy Phước về việc thực hiện Nghị quyết Đại hội XXII",
        "Kế hoạch", "27-KH/HU", None, "2021-12-14", "Huyện ủy Tuy Phước",
    ),
    (  # party directive, issuer with its term — seed Tuy Phước
        "Chỉ thị số 05-CT/TW ngày 23/6/2021 của Ban Bí thư Trung ương Đảng khóa XIII về tăng cường sự lãnh đạo của Đảng",
        "Chỉ thị", "05-CT/TW", None, "2021-06-23", "Ban Bí thư Trung ương Đảng khóa XIII",
    ),
    (  # provincial party plan — seed Kiên Giang
        "Kế hoạch số 42-KH/TU ngày 12/01/2022 của Tỉnh ủy thực hiện Chỉ thị số 05-CT/TW",
        "Kế hoạch", "42-KH/TU", None, "2022-01-12", "Tỉnh ủy",
    ),
    (  # party resolution — tvpl 71/KH-UBND Bắc Ninh
        "Nghị quyết số 87-NQ/TU ngày 15/3/2023 của Ban Thường vụ Tỉnh ủy về xây dựng “Tỉnh an toàn giao thông”",
        "Nghị quyết", "87-NQ/TU", None, "2023-03-15", "Ban Thường vụ Tỉnh ủy",
    ),
    (  # công văn, "&" in the number, date in words — seed Cửa Lò
        "Thực hiện Công văn số 445/STT&TT-VP ngày 14 tháng 3 năm 2024 của Sở Thông tin và Truyền thông về việc xây dựng Kế hoạch",
        "Công văn", "445/STT&TT-VP", None, "2024-03-14", "Sở Thông tin và Truyền thông",
    ),
    (  # law by name and date — Hà Nội 2280/QĐ-UBND
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
        "Luật", None, "Tổ chức chính quyền địa phương", "2025-06-16", None,
    ),
    (  # law by name with commas, date in words — Lào Cai 2242/KH-SCT
        "Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 26 tháng 8 năm 2024;",
        "Luật", None, "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ", "2024-08-26", None,
    ),
    (  # law by name and number — the form of issue #3
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;",
        "Luật", "72/2025/QH15", "Tổ chức chính quyền địa phương", "2025-06-16", None,
    ),
    (  # a date with dashes, abbreviated issuer
        "Căn cứ Quyết định số 1883/QĐ-UBND ngày 06-11-2025 của UBND tỉnh Lào Cai về việc Ủy quyền",
        "Quyết định", "1883/QĐ-UBND", None, "2025-11-06", "UBND tỉnh Lào Cai",
    ),
    (  # a date with dots, "Quyết định" without "số" — Lào Cai 2242/KH-SCT
        "Căn cứ Quyết định 1883/QĐ-UBND ngày 06.11.2025 của UBND tỉnh Lào Cai",
        "Quyết định", "1883/QĐ-UBND", None, "2025-11-06", "UBND tỉnh Lào Cai",
    ),
    (  # a date without "ngày" — tvpl 2516/KH-UBND Gia Lai
        "Thực hiện Quyết định số 1043/QĐ-TTg 25/9/2024 của Thủ tướng Chính phủ về ban hành Kế hoạch",
        "Quyết định", "1043/QĐ-TTg", None, "2024-09-25", "Thủ tướng Chính phủ",
    ),
    (  # copy damage: a space inside the number — tvpl 48/KH-UBND Nam Định
        "Công điện số 132/CĐ- TTg ngày 12/12/2024 của Thủ tướng Chính phủ về việc nâng cao hiệu quả",
        "Công điện", "132/CĐ-TTg", None, "2024-12-12", "Thủ tướng Chính phủ",
    ),
    (  # an abbreviated national body — tvpl 189/KH-BGDĐT
        "Kế hoạch số 666/KH-UBATGTQG ngày 30/12/2019 của Ủy ban ATGT Quốc gia về năm ATGT 2020",
        "Kế hoạch", "666/KH-UBATGTQG", None, "2019-12-30", "Ủy ban ATGT Quốc gia",
    ),
    (  # a "giám đốc" issuer — Lào Cai 2242/KH-SCT
        "Quyết định số 2797/QĐ-SCT ngày 28/11/2025 của Giám đốc Sở Công Thương về việc thành lập Tổ kiểm tra",
        "Quyết định", "2797/QĐ-SCT", None, "2025-11-28", "Giám đốc Sở Công Thương",
    ),
    (  # a variant type name cited as its base type — tvpl 806/KH-UBND Nghệ An
        "Thực hiện Kế hoạch hành động số 282/KH-UBATGTQG , ngày 29/9/2024 của Ủy ban An toàn giao thông Quốc gia về việc thực hiện",
        "Kế hoạch", "282/KH-UBATGTQG", None, "2024-09-29", "Ủy ban An toàn giao thông Quốc gia",
    ),
    (  # a letter whose number goes on past a state-style prefix — Hà Nội 2280/QĐ-UBND (2026)
        "tại văn bản số 01/KH1N-01/17h00/DBQG-DBKH ngày 15/01/2026; hiện trạng hệ thống thoát nước",
        "Văn bản", "01/KH1N-01/17h00/DBQG-DBKH", None, "2026-01-15", None,
    ),
    (  # a law's title with a comma inside, up to its date — Quảng Ngãi 1627/QĐ-UBND
        "Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21 tháng 6 năm 2017;",
        "Luật", None, "Quản lý, sử dụng tài sản công", "2017-06-21", None,
    ),
    (  # a law's title with "và" inside, ending at ";" — Lương Minh MTTQ plan (2025)
        "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân; Luật Mặt trận Tổ quốc Việt Nam;",
        "Luật", None, "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", None, None,
    ),
    (  # an amending law names the laws it amends — Thừa Thiên Huế 855/QĐ-UBND
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        "Luật", None, "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương", "2019-11-22", None,
    ),
    (  # an omnibus amending law, its title capitalised, listing the laws it amends — a Ministry's 2025 decision (wild)
        "được sửa đổi, bổ sung tại Luật Sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác công tư, "
        "Luật Hải quan, Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công;",
        "Luật", None, "Sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác công tư, Luật Hải quan, "
        "Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công", None, None,
    ),
    (  # "số" ending a title, then the number — Lào Cai SCT plan on Đề án 08 (2026)
        "Căn cứ Luật Công nghiệp công nghệ số số 71/2025/QH15 ngày 14/6/2025;",
        "Luật", "71/2025/QH15", "Công nghiệp công nghệ số", "2025-06-14", None,
    ),
    (  # "Bộ Luật" with a capital — Tuyên Quang 986/QĐ-UBND
        "Thực hiện theo quy định của Bộ Luật Lao động và các văn bản hướng dẫn hằng năm.",
        "Bộ luật", None, "Lao động", None, None,
    ),
    (  # a capitalised syllable begins a word of several, an abbreviation ends the name — Đắk Lắk 0134/KH-UBND
        "Căn cứ Thông tư số 32/2014/TT-BNNPTNT ngày 10/9/2014 của Bộ Nông nghiệp và PTNT (nay là Bộ Nông nghiệp và Môi trường) về quy định",
        "Thông tư", "32/2014/TT-BNNPTNT", None, "2014-09-10", "Bộ Nông nghiệp và PTNT",
    ),
    (  # ... and a head inside the name — Lương Minh MTTQ plan (2025)
        "Căn cứ Kế hoạch số 04/KH-MTTQ-BTT ngày 04/12/2025 của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh về kiểm tra",
        "Kế hoạch", "04/KH-MTTQ-BTT", None, "2025-12-04", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh",
    ),
    (  # an issuer wrapped onto the next line (pdftotext) — Nghệ An 664/KH-UBND
        "Thực hiện Quyết định số 623/QĐ-TTg ngày 14/4/2016 của Thủ tướng\nChính phủ về phê duyệt Chiến lược",
        "Quyết định", "623/QĐ-TTg", None, "2016-04-14", "Thủ tướng Chính phủ",
    ),
    (  # pdftotext dropped the hyphen that ended a line ("201/2023/NQ-" / "HĐND") — Lâm Đồng plan as plain pdftotext
        "Tham mưu triển khai thực hiện hiệu quả Nghị quyết số 201/2023/NQHĐND ngày 12/7/2023 của Hội đồng nhân dân tỉnh về quy định",
        "Nghị quyết", "201/2023/NQ-HĐND", None, "2023-07-12", "Hội đồng nhân dân tỉnh",
    ),
    (  # a qualifier between the type and "số" — Hà Nội 2280/QĐ-UBND (2026)
        "tuẩn thủ Quy chế phối hợp số 924/QC-SNNMT-SXD ngày 14/4/2026 giữa Sở Nông nghiệp và Môi trường và Sở Xây dựng",
        "Quy chế", "924/QC-SNNMT-SXD", None, "2026-04-14", "Sở Nông nghiệp và Môi trường và Sở Xây dựng",
    ),
]


@pytest.mark.parametrize("sentence,doc_type,number,title,iso,issuer_raw", FORMS, ids=[f[1] + " " + (f[2] or f[3]) for f in FORMS])
def test_citation_forms(sentence, doc_type, number, title, iso, issuer_raw):
    c = find_citations(sentence)[0]
    assert (c.doc_type, c.number, c.title, c.date, c.issuer_raw) == (doc_type, number, title, iso, issuer_raw)


def test_a_law_inside_another_laws_title_is_one_citation():
    # Hà Nội 2280/QĐ-UBND
    cs = find_citations("Căn cứ Luật Xây dựng ngày 18/6/2014; Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày 17/6/2020;")
    assert [(c.title, c.date) for c in cs] == [("Xây dựng", "2014-06-18"), ("sửa đổi, bổ sung một số điều của Luật Xây dựng", "2020-06-17")]


def test_a_comma_or_va_after_a_title_that_begins_another_document_ends_it():
    cs = find_citations("Căn cứ Luật Ngân sách nhà nước, Luật Đầu tư công ngày 13/6/2019; Luật Giáo dục, Nghị định số 12/2020/NĐ-CP; "
                        "tuyên truyền Luật Thanh niên, Luật Bình đẳng giới và Luật Hôn nhân và gia đình.")
    assert [c.title or c.number for c in cs] == ["Ngân sách nhà nước", "Đầu tư công", "Giáo dục", "12/2020/NĐ-CP", "Thanh niên", "Bình đẳng giới", "Hôn nhân và gia đình"]


def test_a_title_with_va_inside_ends_before_the_next_law():
    # Bắc Cam Ranh MTTQ plan (2025)
    cs = find_citations("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân và Luật sửa đổi, bổ sung một số điều "
                        "của Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân ngày 24/6/2025;")
    assert [(c.title, c.date) for c in cs] == [
        ("Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", None),
        ("sửa đổi, bổ sung một số điều của Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", "2025-06-24")]


def test_an_issuer_after_words_a_copy_glued_is_read():
    # Thanh Hóa 3398/QĐ-UBND: "ngày02/10/2012 của Chủ tịch UBND tỉnh Thanh Hóa" once the words are parted
    r = extract(CORPORA / "web-excerpts" / "thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt")
    assert [(b.date, b.issuer) for b in r.legal_bases if b.number == "3222/QĐ-UBND"] == [("2012-10-02", "Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa")]


def test_a_list_of_numbers_under_one_type():
    # tvpl 1221/KH-UBND
    text = ("ý kiến chỉ đạo của Thủ tướng Chính phủ tại các Chỉ thị: số 33/CT-TTg ngày 21 tháng 7 năm 2017 về tăng cường công tác quản lý, "
            "số 10/CT-TTg ngày 19 tháng 4 năm 2023 về tăng cường công tác bảo đảm trật tự")
    assert [(c.doc_type, c.number, c.date) for c in find_citations(text)] == [("Chỉ thị", "33/CT-TTg", "2017-07-21"), ("Chỉ thị", "10/CT-TTg", "2023-04-19")]


@pytest.mark.parametrize(
    "raw,plan,expected",
    [
        ("UBND tỉnh", BAC_KAN, "Ủy ban nhân dân tỉnh Bắc Kạn"),
        ("UBND huyện", TUY_PHUOC, "Ủy ban nhân dân huyện Tuy Phước"),
        ("UBND tỉnh Bình Định", TUY_PHUOC, "Ủy ban nhân dân tỉnh Bình Định"),
        ("Sở Thông tin và Truyền thông", CUA_LO, "Sở Thông tin và Truyền thông tỉnh Nghệ An"),
        ("UBND Thành phố", HA_NOI, "Ủy ban nhân dân thành phố Hà Nội"),
        ("Hội đồng nhân dân tỉnh", Issuer(province="Nghệ An", level="province"), "Hội đồng nhân dân tỉnh Nghệ An"),
        ("Giám đốc Sở Công Thương", LAO_CAI_SCT, "Giám đốc Sở Công Thương tỉnh Lào Cai"),
        ("Ban Thường vụ Tỉnh ủy", Issuer(province="Hà Tĩnh", level="province"), "Ban Thường vụ Tỉnh ủy Hà Tĩnh"),
        ("Bộ LĐTB&XH", BAC_KAN, "Bộ Lao động - Thương binh và Xã hội"),
        ("Ủy ban ATGT Quốc gia", BAC_KAN, "Ủy ban An toàn giao thông Quốc gia"),
        ("Quốc hội k hóa 13", BAC_KAN, "Quốc hội"),
        ("Ban Bí thư Trung ương Đảng khóa XIII", TUY_PHUOC, "Ban Bí thư Trung ương Đảng"),
        ("Chính phủ", BAC_KAN, "Chính phủ"),
        ("Ủy ban ATGT Quốc gia với Bộ Giáo dục và Đào tạo", BAC_KAN, "Ủy ban An toàn giao thông Quốc gia và Bộ Giáo dục và Đào tạo"),
        ("Bộ Nông nghiệp và PTNT", BAC_KAN, "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh", BAC_KAN, "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ninh"),
        # a plenum issues in its body's name (Hà Nội 143/KH-UBND; Cần Thơ 165/KH-UBND of the wild archive)
        ("Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII", TUY_PHUOC, "Ban Chấp hành Trung ương Đảng"),
        ("Hội nghị lần thứ sáu Ban Chấp hành Trung ương", TUY_PHUOC, "Ban Chấp hành Trung ương"),
    ],
)
def test_issuer_resolution(raw, plan, expected):
    assert resolve_issuer(raw, plan) == expected


def test_a_resolution_of_a_central_committee_plenum_names_its_issuer():
    r = extract(CORPORA / "web-excerpts" / "hanoi-143-kh-ubnd-2019-tram-y-te.txt")
    basis = next(b for b in r.legal_bases if b.number == "20-NQ/TW")
    assert (basis.issuer, basis.issuer_raw) == ("Ban Chấp hành Trung ương Đảng", "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII")


def test_several_bases_in_one_sentence_and_nested_citations(seed_records):
    bases = seed_records["tuyphuoc"].legal_bases
    assert [(b.relation, b.number) for b in bases] == [
        ("căn cứ", "2655/QĐ-UBND"), ("căn cứ", "27-KH/HU"), ("căn cứ", "9637/QĐ-UBND"), ("căn cứ", "1736/QĐ-UBND"),
    ]
    last = bases[-1]
    assert last.cites == ["160/NQ-CP", "05-CT/TW"]
    assert last.subject.startswith("ban hành Kế hoạch thực hiện Nghị quyết số 160/NQ-CP")
    assert (last.issuer_raw, last.issuer) == ("UBND huyện", "Ủy ban nhân dân huyện Tuy Phước")


def test_one_thuc_hien_paragraph_with_semicolons():
    r = extract(CORPORA / "tvpl-excerpts" / "tvpl-04-kh-ubnd-2018-386281.txt")
    assert [(b.relation, b.number, b.issuer) for b in r.legal_bases] == [
        ("thực hiện", "18-CT/TW", "Ban Bí thư Trung ương Đảng"),
        ("thực hiện", "30/NQ-CP", "Chính phủ"),
        ("thực hiện", "88/NQ-CP", "Chính phủ"),
        ("thực hiện", "16/KH-UBATGTQG", "Ủy ban An toàn giao thông Quốc gia"),
    ]
    assert r.legal_bases[1].cites == ["18-CT/TW"]


def test_separate_can_cu_lines_and_references_beyond_the_preamble(seed_records):
    r = seed_records["backan"]
    assert [(b.number, b.date, b.issuer) for b in r.legal_bases] == [
        ("650/QĐ-LĐTBXH", "2022-07-21", "Bộ Lao động - Thương binh và Xã hội"),
        ("543/KH-UBND", "2022-08-25", "Ủy ban nhân dân tỉnh Bắc Kạn"),
        ("78/KH-UBND", "2024-02-06", "Ủy ban nhân dân tỉnh Bắc Kạn"),
    ]
    # the budget section's decision is a reference, not a basis; the plan's own number is neither
    assert [x.number for x in r.references] == ["650/QĐ-LĐTBXH", "543/KH-UBND", "78/KH-UBND", "2338/QĐ-UBND"]


def test_a_basis_section_with_bullets():
    # the third preamble style, with citations of the Lào Cai 2242/KH-SCT plan laid out as a section
    text = (
        "KẾ HOẠCH\nKiểm tra việc cấp Giấy chứng nhận\n\nI. CĂN CỨ PHÁP LÝ\n"
        "- Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 26 tháng 8 năm 2024;\n"
        "- Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ quy định chi tiết một số điều;\n"
        "- Quyết định số 05/2025/QĐ-UBND ngày 01/7/2025 của UBND tỉnh Lào Cai về việc ban hành quy định chức năng.\n"
        "II. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Kiểm tra việc chấp hành.\n"
    )
    bases = extract(text).legal_bases
    assert [(b.relation, b.doc_type, b.number or b.title) for b in bases] == [
        ("căn cứ", "Luật", "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ"),
        ("căn cứ", "Nghị định", "181/2024/NĐ-CP"),
        ("căn cứ", "Quyết định", "05/2025/QĐ-UBND"),
    ]


def test_proposals_are_references_not_bases():
    # Hà Nội 2280/QĐ-UBND
    text = (
        "QUYẾT ĐỊNH\nPhê duyệt Kế hoạch Bảo đảm thoát nước\n\n"
        "Căn cứ Thông báo số 212-TB/TU ngày 23/01/2026 của Thành ủy Hà Nội;\n"
        "Theo đề nghị của Sở Xây dựng tại Tờ trình số 191/TTr-SXD ngày 10/4/2026 về Kế hoạch Bảo đảm thoát nước.\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Kế hoạch.\n"
    )
    r = extract(text)
    assert [b.number for b in r.legal_bases] == ["212-TB/TU"]
    assert {x.number for x in r.references} == {"212-TB/TU", "191/TTr-SXD"}


def test_an_attachment_note_under_the_title_is_not_a_basis():
    """Lào Cai's plan for Đề án 08 (2026) opens with "(Ban hành kèm theo Nghị quyết số 35-NQ/TU …)" and then
    "Căn cứ Nghị quyết số 35-NQ/TU …": the basis is the "Căn cứ" line's, not a "theo" of the note."""
    r = extract(CORPORA / "docs" / "laocai-sct-kh-sct-2026-de-an-08-draft.docx")
    assert (r.legal_bases[0].number, r.legal_bases[0].relation) == ("35-NQ/TU", "căn cứ")
    text = "KẾ HOẠCH\nTruyền thông năm 2024\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 3/1/2024 của UBND tỉnh)\nI. MỤC ĐÍCH\n"
    assert extract(text).legal_bases == []


def test_relation_verbs_drop_adverbs_and_keep_compounds():
    r = extract(CORPORA / "tvpl-excerpts" / "tvpl-1021-kh-ubnd-2023-592272.txt")  # "Tiếp tục đẩy mạnh thực hiện có hiệu quả …"
    assert {b.relation for b in r.legal_bases} == {"thực hiện"}
    r = extract(CORPORA / "tvpl-excerpts" / "tvpl-3626-kh-ubnd-2021-504180.txt")
    assert [b.relation for b in r.legal_bases] == ["triển khai thực hiện"]


def test_an_issuer_read_from_the_number_code_is_flagged():
    r = extract(CORPORA / "tvpl-excerpts" / "tvpl-14-kh-ubatgtqg-2015-270307.txt")
    basis = next(b for b in r.legal_bases if b.number == "87/2014/QH13")
    assert (basis.issuer, basis.issuer_raw) == ("Quốc hội", None)
    assert any(w.code == "citation_issuer_from_code" and "87/2014/QH13" in w.message for w in r.warnings)


def test_a_type_code_that_contradicts_the_type_is_flagged():
    r = extract("KẾ HOẠCH\nThử nghiệm\n\nCăn cứ Kế hoạch số 12/QĐ-UBND ngày 01/02/2024 của UBND tỉnh Bắc Kạn;\n")
    assert [b.number for b in r.legal_bases] == ["12/QĐ-UBND"]
    assert any(w.code == "citation_type_code_mismatch" for w in r.warnings)


def test_a_portal_page_does_not_cite_itself(seed_records):
    assert "182/KH-UBND" not in {x.number for x in seed_records["backan"].references}
    assert SEED["backan"].read_text(encoding="utf-8").count("182/KH-UBND") >= 3


def test_a_law_title_misread_in_its_marks_is_given_as_the_table_spells_it():
    # the preamble of the scanned decision 707/QĐ-TTg as Tesseract reads it ("khủng bỗ")
    ocr = (
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch hành động quốc gia\n\nCăn cứ Luật Phòng, chống rửa tiền ngày 15 tháng 11 năm 2022,\n"
        "Căn cứ Luật Phòng, chống khủng bỗ ngày 12 tháng 6 năm 2013,\n"
    )
    r = extract(ocr)
    assert [b.title for b in r.legal_bases] == ["Phòng, chống rửa tiền", "Phòng, chống khủng bố"]
    assert r.legal_bases[1].date == "2013-06-12"
    flagged = [w for w in r.warnings if w.code == "citation_title_respelled"]
    assert len(flagged) == 1 and "khủng bỗ" in flagged[0].message
    span = r.legal_bases[1].span
    assert ocr[span.start : span.end].startswith("Luật Phòng, chống khủng bỗ")  # the span keeps what was read


def test_a_list_of_one_type_shares_the_issuer_named_after_it():
    # Đắk Lắk 0129/KH-UBND (wild, 2025): "Các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và
    # số 009/CĐ-UBND ngày 19/11/2025; số 010/CĐ-UBND ngày 20/11/2025 của UBND tỉnh về …"
    from trichxuat.api import extract_text

    preamble = ("Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về tập trung ứng phó lũ; Các Công điện: "
                "số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025; số 010/CĐ-UBND ngày "
                "20/11/2025 của UBND tỉnh về khẩn trương tập trung ứng phó;")
    r = extract_text("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 0129/KH-UBND\nĐắk Lắk, ngày 21 tháng 11 năm 2025\nKẾ HOẠCH\n"
                     "Hỗ trợ nhu yếu phẩm\n" + preamble + "\nI. MỤC ĐÍCH\nNội dung.\n")
    assert [(b.number, b.date, b.issuer) for b in r.legal_bases] == [
        ("223/CĐ-TTg", "2025-11-20", "Thủ tướng Chính phủ"),
        ("007/CĐ-UBND", "2025-11-17", "Ủy ban nhân dân tỉnh Đắk Lắk"),
        ("008/CĐ-UBND", "2025-11-19", "Ủy ban nhân dân tỉnh Đắk Lắk"),
        ("009/CĐ-UBND", "2025-11-19", "Ủy ban nhân dân tỉnh Đắk Lắk"),
        ("010/CĐ-UBND", "2025-11-20", "Ủy ban nhân dân tỉnh Đắk Lắk"),
    ]
    # the issuer after a list is not given to an item of another issuer's code
    cites = find_citations("Căn cứ các Quyết định: số 1/QĐ-TTg ngày 1/1/2020, số 2/QĐ-UBND ngày 2/2/2020 của UBND tỉnh về việc x;")
    assert [(c.number, c.issuer_raw) for c in cites] == [("1/QĐ-TTg", None), ("2/QĐ-UBND", "UBND tỉnh")]


def test_an_issuer_whose_head_is_written_in_small_letters():
    # THCS Liêng Trang (web excerpt): "Căn cứ công văn số 966/SGDĐT-VP ngày 28/08/2012 của sở Giáo dục và Đào tạo Lâm Đồng"
    c = find_citations("Căn cứ công văn số 966/SGDĐT-VP ngày 28/08/2012 của sở Giáo dục và Đào tạo Lâm Đồng về việc tổ chức")[0]
    assert c.issuer_raw == "sở Giáo dục và Đào tạo Lâm Đồng"
    assert resolve_issuer(c.issuer_raw, None) == "Sở Giáo dục và Đào tạo Lâm Đồng"
    # a common noun after "của" is no issuer
    assert find_citations("Căn cứ Kế hoạch số 12/KH-UBND ngày 1/2/2020 của bộ phận một cửa về việc")[0].issuer_raw is None


def test_the_party_committee_of_a_body_as_a_citations_issuer():
    c = find_citations("Căn cứ Kế hoạch số 42-KH/ĐU ngày 10/3/2025 của Ban Thường vụ Đảng ủy UBND tỉnh về việc triển khai")[0]
    assert c.issuer_raw == "Ban Thường vụ Đảng ủy UBND tỉnh"
    assert resolve_issuer(c.issuer_raw, Issuer(name="Sở Công Thương tỉnh Lào Cai", level="department", province="Lào Cai")) == \
        "Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lào Cai"


def test_what_the_plans_own_issuing_clause_cites_is_its_subject_not_a_basis():
    # "Thực hiện Quyết định số 1044/QĐ-TTg …, UBND tỉnh ban hành Kế hoạch triển khai thi hành Luật Đường bộ trên
    # địa bàn tỉnh Đắk Lắk với các nội dung như sau:" (thuvienphapluat excerpt); HCM 172's own paragraph "Ủy ban
    # nhân dân Thành phố ban hành Kế hoạch triển khai thi hành Luật Việc làm … với các nội dung sau:"
    r = extract(CORPORA / "tvpl-excerpts" / "tvpl-194-kh-ubnd-2024-651037.txt")
    assert [b.number for b in r.legal_bases] == ["1044/QĐ-TTg"]
    r = extract(CORPORA / "docs" / "hcm-172-kh-ubnd-2025-luat-viec-lam.md")
    assert [b.number for b in r.legal_bases] == ["1850/QĐ-TTg"]
    assert "luật việc làm" in {f"{x.doc_type} {x.title}".lower() for x in r.references}  # still cited: a reference
    # a basis sentence that quotes another plan's issuing ("Nghị quyết số 214/NQ-CP … của Chính phủ ban hành Kế
    # hoạch hành động …; Nghị định số 278/2025/NĐ-CP …") keeps every basis
    r = extract(CORPORA / "docs" / "hanoi-308-kh-ubnd-2025-du-lieu-chuyen-doi-so.md")
    assert [b.number for b in r.legal_bases] == ["214/NQ-CP", "278/2025/NĐ-CP", "142/QĐ-TTg", "1229/QĐ-UBND"]


def test_a_list_of_bases_cut_at_its_semicolons_keeps_its_relation():
    # Lào Cai's Sở Công Thương 2242/KH-SCT as plain pdftotext gives it (corpora/renderings: printed-plain): "Căn cứ
    # Nghị định số 181/…; Nghị định số 146/…" wrapped so that the second begins a line after the ";"
    r = extract(CORPORA / "renderings" / "laocai-sct-2242-kh-sct-2026.printed-plain.txt")
    numbers = [b.number for b in r.legal_bases]
    assert numbers[1:3] == ["181/2024/NĐ-CP", "146/2025/NĐ-CP"] and "564/QĐ-SCT" in numbers
    assert {b.relation for b in r.legal_bases} == {"căn cứ"}
