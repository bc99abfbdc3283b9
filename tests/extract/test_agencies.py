"""Public bodies: canonical names, kinds, localities, and the abbreviation table's round trip."""

from __future__ import annotations

import pytest

from trichxuat import resources
from trichxuat.extract.agencies import canonical, is_unit, read_collective, split_heading, split_requested, split_units, subject_of
from trichxuat.extract.issuer import canonical_body, expand_abbreviations
from trichxuat.record import Issuer

TUY_PHUOC = Issuer(level="district", province="Bình Định", district="Tuy Phước")
BAC_KAN = Issuer(level="province", province="Bắc Kạn")


@pytest.mark.parametrize(
    "heading,name,kind,locality",
    [  # headings of the seeds' implementation sections, and table cells of the Lào Cai appendix
        ("Phòng Lao động - TB&XH huyện", "Phòng Lao động - Thương binh và Xã hội", "office", "Tuy Phước"),
        ("Phòng Tài chính - Kế hoạch huyện", "Phòng Tài chính - Kế hoạch", "office", "Tuy Phước"),
        ("Phòng Văn hóa và Thông tin, Trung tâm Văn hóa - Thông tin - Thể thao huyện", "Phòng Văn hóa và Thông tin, Trung tâm Văn hóa - Thông tin - Thể thao", "group", "Tuy Phước"),
        ("Phòng giao dịch Ngân hàng Chính sách xã hội huyện", "Phòng giao dịch Ngân hàng Chính sách xã hội", "bank", "Tuy Phước"),
        ("Các phòng, ban, ngành có liên quan", "Các phòng, ban, ngành có liên quan", "group", "Tuy Phước"),
        ("Ủy ban MTTQ Việt Nam và các tổ chức thành viên", "Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên", "front", "Tuy Phước"),
        ("UBND các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn", "group", "Tuy Phước"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam", "front", "Bắc Kạn"),
        ("Các cơ quan báo chí, truyền thông trên địa bàn tỉnh", "Các cơ quan báo chí, truyền thông trên địa bàn tỉnh", "group", "Bắc Kạn"),
        ("Trung tâm Văn hoá-Thể thao và Truyền thông", "Trung tâm Văn hóa - Thể thao và Truyền thông", "other", "Bắc Kạn"),
        ("Phòng Tài chính và Kế hoạch", "Phòng Tài chính - Kế hoạch", "office", "Bắc Kạn"),
        ("Thanh tra tỉnh", "Thanh tra", "other", "Bắc Kạn"),
        ("Sở Công Thương; Sở Xây dựng", "Sở Công Thương; Sở Xây dựng", "group", "Bắc Kạn"),
        # a task table's cell that lists its units as items (wild: Thủ tướng 2530/QĐ-TTg's appendix)
        ("- Bộ Công Thương; - Bộ Xây dựng", "Bộ Công Thương; Bộ Xây dựng", "group", "Bắc Kạn"),
        ("Đài PT-TH Bắc Kạn", "Đài Phát thanh - Truyền hình Bắc Kạn", "press", "Bắc Kạn"),
        ("Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp Phụ nữ", "mass_org", "Bắc Kạn"),
        ("Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh", "Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh", "steering_committee", "Bắc Kạn"),
    ],
)
def test_canonical_names_kinds_and_localities(heading, name, kind, locality):
    plan = TUY_PHUOC if "huyện" in heading or heading.startswith(("Các phòng", "UBND các xã", "Ủy ban MTTQ Việt Nam và")) else BAC_KAN
    a = canonical(heading, plan)
    assert (a.name, a.kind, a.locality) == (name, kind, locality)


def test_every_abbreviation_expands_to_a_unit_the_gazetteer_knows():
    known_departments = {n.casefold() for n in resources.load("agencies")["departments"]}
    for abbreviation, row in resources.load("abbreviations").items():
        expanded = expand_abbreviations(row["example"])
        assert abbreviation not in expanded.split(), abbreviation
        assert row["expands"] in expanded, abbreviation
        unit = canonical(row["example"], BAC_KAN)
        body = canonical_body(expanded)
        known = unit.kind != "other" or body.level != "other" or unit.name.casefold() in known_departments
        assert known, f"{abbreviation}: {row['example']!r} → {expanded!r} is not a unit the gazetteer knows"


def test_headings_are_recognised_and_split():
    assert split_requested("Đề nghị Ủy ban MTTQ Việt Nam tỉnh") == ("Ủy ban MTTQ Việt Nam tỉnh", True)
    assert split_heading("UBND các phường Phối hợp với các ngành có liên quan triển khai thực hiện") == ("UBND các phường", "Phối hợp với các ngành có liên quan triển khai thực hiện")
    assert split_heading("Các sở, ngành, đoàn thể thành viên Ban Chỉ đạo thực hiện các Chương trình")[1] == ""
    assert split_heading("Sở Xây dựng") == ("Sở Xây dựng", "")
    # a collapsed copy ran the first lettered item into its unit heading (thuvienphapluat 61/KH-UBND, 2025)
    assert split_heading("Thủ trưởng sở, ban, ngành, đoàn thể thành phố; Chủ tịch Ủy ban nhân dân quận, huyện, phường, xã, thị "
                         "trấn a) Tiếp tục cụ thể hóa và triển khai")[0].endswith("xã, thị trấn")
    assert is_unit("Sở Nông nghiệp và Môi trường") and is_unit("Đề nghị Ủy ban MTTQ")
    assert not is_unit("Tổ chức quán triệt Chỉ thị") and not is_unit("Mục đích")


def test_lists_of_units_and_collectives():
    assert split_units("Phòng Lao động - Thương binh và Xã hội, Trung tâm Văn hóa TT&TT Thị xã, UBND các xã, phường.") == [
        "Phòng Lao động - Thương binh và Xã hội", "Trung tâm Văn hóa TT&TT Thị xã", "UBND các xã, phường"]
    assert split_units("Sở Nông nghiệp và Môi trường, các Sở, ban, ngành") == ["Sở Nông nghiệp và Môi trường", "các Sở, ban, ngành"]
    assert read_collective("UBND các xã, thị trấn thường xuyên tuyên truyền") == "UBND các xã, thị trấn"
    # "tổ chức" after a list of places is the verb; after a comma or "các" it is an organisation (wild, 2025)
    assert read_collective("UBND các xã, phường tổ chức vận chuyển hàng") == "UBND các xã, phường"
    assert read_collective("các cơ quan, tổ chức có liên quan thực hiện") == "các cơ quan, tổ chức có liên quan"


def test_a_collective_named_by_the_service_it_provides_is_one_name():
    # Cần Thơ 157/KH-UBND (wild): "6. Đề nghị các tổ chức cung / cấp dịch vụ chi trả" over its items
    assert split_heading("các tổ chức cung cấp dịch vụ chi trả") == ("các tổ chức cung cấp dịch vụ chi trả", "")
    assert split_heading("Các doanh nghiệp cung cấp dịch vụ viễn thông chủ trì triển khai hạ tầng 5G")[0] == "Các doanh nghiệp cung cấp dịch vụ viễn thông"


def test_an_ambiguous_abbreviation_takes_the_reading_the_gazetteer_knows(seed_records):
    from trichxuat.extract.agencies import canonical

    # Cửa Lò writes its centre in full once and as "Trung tâm Văn hóa TT&TT Thị xã" once
    assert canonical("Trung tâm Văn hóa TT&TT Thị xã").name == "Trung tâm Văn hóa - Thể thao và Truyền thông"
    assert canonical("Sở TT&TT").name == "Sở Thông tin và Truyền thông"  # the usual reading when it is known
    names = [a.name for a in seed_records["cualo"].agencies]
    assert "Trung tâm Văn hóa - Thể thao và Truyền thông" in names and "Trung tâm Văn hóa Thông tin và Truyền thông" not in names


def test_partners_with_lower_case_words_and_institutions_named_after_the_city():
    from trichxuat.extract.tasks import partners_of

    # Hà Nội, Kế hoạch thoát nước 2026 (corpora/dev-docs/hanoi-2280-…)
    text = ("Các Sở, ban, ngành Thành phố, UBND các phường, xã, phối hợp với Sở Xây dựng, Trung tâm Quản lý hạ tầng kỹ thuật "
            "thành phố Hà Nội và các cơ quan, đơn vị liên quan tổ chức triển khai một số nhiệm vụ cụ thể:")
    assert [name for _, name in partners_of(text, None)] == ["Sở Xây dựng", "Trung tâm Quản lý hạ tầng kỹ thuật"]
    hanoi = Issuer(name="Ủy ban nhân dân thành phố Hà Nội", level="province", province="Hà Nội")
    assert canonical("Bảo tàng Hà Nội", hanoi).name == "Bảo tàng Hà Nội"  # the city is part of its name
    assert canonical("Thành đoàn Hà Nội", hanoi).name == "Thành đoàn"  # here it is the locality


@pytest.mark.parametrize("raw,name", [
    # Hồ Chí Minh 172/KH-UBND, an activity's "Cơ quan phối hợp:" list
    ("Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)", "Trung tâm Dịch vụ việc làm"),
    ("Chi nhánh Ngân hàng Chính sách xã hội Thành phố", "Ngân hàng Chính sách xã hội"),
    # Tuy Phước seed: a district's transaction office is a unit of its own
    ("Phòng giao dịch Ngân hàng Chính sách xã hội huyện", "Phòng giao dịch Ngân hàng Chính sách xã hội"),
])
def test_the_body_a_unit_belongs_to_and_a_branch_are_not_its_name(raw, name):
    hcm = Issuer(name="Ủy ban nhân dân thành phố Hồ Chí Minh", level="province", province="Hồ Chí Minh")
    assert canonical(raw, hcm).name == name


def test_a_list_of_units_keeps_the_place_of_its_last_unit_unless_it_is_the_plans():
    # Hà Nội festival plan (pdftotext): "Đề nghị UBND Thành phố Hồ Chí Minh, UBND tỉnh Đăk Lăk, UBND tỉnh Điện Biên …"
    hanoi = Issuer(name="Ủy ban nhân dân thành phố Hà Nội", level="province", province="Hà Nội")
    assert canonical("UBND Thành phố Hồ Chí Minh, UBND tỉnh Đăk Lăk, UBND tỉnh Điện Biên", hanoi).name == (
        "Ủy ban nhân dân Thành phố Hồ Chí Minh, Ủy ban nhân dân tỉnh Đăk Lăk, Ủy ban nhân dân tỉnh Điện Biên")
    assert canonical("Sở Tư pháp, Sở Nội vụ thành phố Hà Nội", hanoi).name == "Sở Tư pháp, Sở Nội vụ"


@pytest.mark.parametrize(
    "sentence,unit",
    [  # Đồng Nai 179/KH-UBND (2025, wild archive): what a plan asks of enterprises and schools
        ("Các doanh nghiệp viễn thông, doanh nghiệp bưu chính ưu tiên bố trí nguồn lực đầu tư xây dựng, nâng cấp hạ tầng số",
         "Các doanh nghiệp viễn thông, doanh nghiệp bưu chính"),
        ("Các doanh nghiệp nhà nước, Tổng Công ty tiên phong, dẫn dắt sự phát triển kinh tế số của ngành, lĩnh vực.",
         "Các doanh nghiệp nhà nước, Tổng Công ty"),
        ("Các cơ sở đào tạo đại học ở các lĩnh vực ngành, nghề mở thêm chuyên ngành đào tạo về chuyển đổi số",
         "Các cơ sở đào tạo đại học ở các lĩnh vực ngành, nghề"),
    ],
)
def test_the_subject_ends_before_the_verbs_plans_use_for_enterprises(sentence, unit):
    assert subject_of(sentence)[0] == unit


@pytest.mark.parametrize(
    "text, raw, rest, name",
    [
        # Công điện 217/CĐ-TTg (2025, wild archive): a head shared by a list of ministries named by their own words
        ("Các Bộ: Quốc phòng, Công an chủ động chỉ đạo các đơn vị đóng trên địa bàn", "Các Bộ: Quốc phòng, Công an",
         "chủ động chỉ đạo các đơn vị đóng trên địa bàn", "Bộ Quốc phòng, Bộ Công an"),
        # a known name with its own comma and "và" inside the list
        ("Các Bộ: Giáo dục và Đào tạo, Y tế, Văn hóa, Thể thao và Du lịch theo chức năng, nhiệm vụ chủ động phối hợp",
         "Các Bộ: Giáo dục và Đào tạo, Y tế, Văn hóa, Thể thao và Du lịch", "theo chức năng, nhiệm vụ chủ động phối hợp",
         "Bộ Giáo dục và Đào tạo, Bộ Y tế, Bộ Văn hóa, Thể thao và Du lịch"),
        ("các Sở: Tài chính, Nội vụ", "các Sở: Tài chính, Nội vụ", "", "Sở Tài chính, Sở Nội vụ"),
        # Hà Nội 74/2025/QĐ-UBND (wild archive): "2. Trách nhiệm của các Sở:" / "Xây dựng, Tài chính, Nội vụ." over a), b), c)
        ("Trách nhiệm của các Sở: Xây dựng, Tài chính, Nội vụ.", "Trách nhiệm của các Sở: Xây dựng, Tài chính, Nội vụ", "",
         "Sở Xây dựng, Sở Tài chính, Sở Nội vụ"),
    ],
)
def test_a_head_shared_by_a_list_of_bodies(text, raw, rest, name):
    assert split_heading(text) == (raw, rest)
    assert canonical(raw).name == name


def test_a_list_that_goes_on_past_the_named_bodies_is_not_split_there():
    assert split_heading("các Sở: Tài chính, Nội vụ và các đơn vị liên quan hướng dẫn")[0] != "các Sở: Tài chính, Nội vụ"


def test_cases_a_heading_is_addressed_to_are_no_unit():
    # Đồng Tháp 137/2025/QĐ-UBND (wild archive): "1. Đối với các trường hợp quy định tại khoản 1 Điều 4 của Quyết định này"
    assert not is_unit("Đối với các trường hợp quy định tại khoản 1 Điều 4 của Quyết định này")
    assert is_unit("Đối với các doanh nghiệp có cửa hàng bán lẻ xăng dầu") and is_unit("Các tổ chức, cá nhân và hộ gia đình")
    # Đà Nẵng 82/2025/QĐ-UBND's market rules: "7. Đối với các phương tiện vận chuyển, bốc xếp hàng hóa … đều phải tuân theo …"
    assert not is_unit("Đối với các phương tiện vận chuyển, bốc xếp hàng hóa khi ra vào chợ")


def test_a_units_share_of_the_work_in_parentheses_is_not_its_name():
    # Quyết định 2530/QĐ-TTg (2025, wild archive), a task table's lead cell
    name = "Bộ Nông nghiệp và Môi trường (chủ trì phần chính sách, công nghệ, điều phối); Ủy ban nhân dân các tỉnh, thành phố"
    assert canonical(name).name == "Bộ Nông nghiệp và Môi trường; Ủy ban nhân dân các tỉnh, thành phố"
    # a parenthesis that says what the unit is, not its share, stays ("(mạng lưới quốc gia)")
    assert "(mạng lưới quốc gia)" in canonical("Bộ Nông nghiệp và Môi trường (mạng lưới quốc gia); Ủy ban nhân dân các tỉnh").name


def test_a_collectives_members_in_brackets_are_its_wording_a_note_is_not():
    # Quảng Ngãi 1627/QĐ-UBND: "Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, …)" lists the
    # group's members (kept, as a collective's wording is); "(bao gồm cả cơ quan đại diện chủ sở hữu …)" and "(Sở Nội vụ)"
    # are notes
    group = "Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Nông nghiệp và Môi trường, Công Thương)"
    assert canonical(group, None).name == group
    assert canonical("Các cơ quan quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu của doanh nghiệp)", None).name == "Các cơ quan quản lý cấp trên"
    assert canonical("Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)", None).name.startswith("Trung tâm Dịch vụ việc làm")
    assert "(" not in canonical("Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)", None).name
