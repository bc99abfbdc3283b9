"""Tasks in every layout, on the real documents of the corpus."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.tasks import deadline_of, role_of

from ..conftest import CORPORA

LAO_CAI = CORPORA / "renderings" / "laocai-ubnd-kh-chi-thi-11-khoang-san-2026-DRAFT.docx.md"


def _by_agency(record, agency):
    return [t for t in record.tasks if t.agency == agency]


def test_numbered_headings_with_bullets(seed_records):
    tasks = _by_agency(seed_records["backan"], "Sở Lao động - Thương binh và Xã hội")
    assert [t.role for t in tasks] == ["lead", "cooperate"]
    assert tasks[0].text.startswith("Chủ trì tham mưu và đôn đốc triển khai Kế hoạch")
    assert tasks[1].report_to == "Ủy ban nhân dân tỉnh"


def test_requested_headings(seed_records):
    front = _by_agency(seed_records["backan"], "Ủy ban Mặt trận Tổ quốc Việt Nam")
    assert len(front) == 2 and all(t.requested for t in front) and front[0].agency_raw == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"


def test_a_heading_without_bullets_gives_a_task_per_paragraph(seed_records):
    tasks = _by_agency(seed_records["tuyphuoc"], "Các phòng, ban, ngành có liên quan")
    assert [t.text[:30] for t in tasks] == ["Theo chức năng, nhiệm vụ được ", "Định kỳ, đột xuất tổng hợp, bá"]


def test_inline_headings_with_a_colon_and_with_a_verb(seed_records):
    r = seed_records["cualo"]
    phong = [t for t in _by_agency(r, "Phòng Văn hóa và Thông tin") if t.text.startswith("Chủ trì, phối hợp với các cơ quan")]
    assert len(phong) == 1 and phong[0].role == "lead"
    (ubnd,) = _by_agency(r, "Ủy ban nhân dân các phường")
    assert (ubnd.role, ubnd.text) == ("cooperate", "Phối hợp với các ngành có liên quan triển khai thực hiện Tiểu dự án trên địa bàn phường.")


def test_activity_blocks_name_their_lead_and_partners(seed_records):
    # an activity's task is its name and what it consists of: "Nâng cao năng lực …: Tổ chức các lớp bồi dưỡng …"
    first, second = [t for t in seed_records["cualo"].tasks if ": Tổ chức các lớp bồi dưỡng" in t.text or ": Xây dựng các chuyên mục" in t.text]
    assert first.text.startswith("Nâng cao năng lực cho cán bộ thông tin cơ sở: Tổ chức các lớp bồi dưỡng")
    assert (first.agency, first.role) == ("Phòng Văn hóa và Thông tin", "lead")
    assert first.partners == ["Trung tâm Văn hóa - Thể thao và Truyền thông", "Ủy ban nhân dân các phường"]
    assert second.partners[0] == "Phòng Lao động - Thương binh và Xã hội"


def test_a_task_table_in_an_appendix():
    r = extract(LAO_CAI)
    rows = [t for t in r.tasks if t.deadline and t.role == "lead" and t.partners and t.text.startswith("Xử lý nghiêm và xử lý dứt điểm")]
    assert len(rows) == 1
    assert (rows[0].agency, rows[0].agency_raw, rows[0].deadline) == ("Công an", "Công an tỉnh", "Xong trong Quý II/2026")
    assert rows[0].partners == ["Các Sở, ban, ngành và địa phương"]
    joint = next(t for t in r.tasks if t.agency == "Sở Công Thương; Sở Xây dựng")
    assert joint.deadline == "Thường xuyên"


def test_a_task_table_row_keeps_the_group_rows_over_it():
    # Quyết định 2629/QĐ-TTg's task table: "III | Phát triển các ứng dụng …", "III.1 | Nhóm …", "III.1.1 | Nhóm …"
    r = extract(CORPORA / "trace" / "children" / "tnt-2edf5927c71bc4c1.md")

    def group(opening):
        return next(t.group for t in r.tasks if t.text.startswith(opening))

    assert group("Nghiên cứu, xây dựng Luật Chuyển đổi số ") == "Hoàn thiện thể chế"
    platforms = "Phát triển các ứng dụng, nền tảng số cho Chính phủ số › Nhóm ứng dụng, nền tảng số quy mô quốc gia"
    assert group("Triển khai Cổng Dịch vụ công quốc gia tại") == platforms + " › Nhóm các nền tảng số giải quyết thủ tục hành chính và tương tác với người dân, doanh nghiệp"
    assert group("Xây dựng Hệ thống phòng vệ mạng quốc gia.") == platforms + " › Nhóm các nền tảng cung cấp dịch vụ hạ tầng cơ bản, dùng chung"
    # a group row one level up closes the groups below it
    assert group("Phát triển, hoàn thiện Kho dữ liệu dùng c") == "Phát triển các ứng dụng, nền tảng số cho Chính phủ số › Nhóm ứng dụng, nền tảng số cấp bộ, cấp tỉnh"
    # tasks of the decision's own articles sit in no table
    assert r.tasks[0].group is None
    # "I." … "V." are Roman numerals, not letters: each closes the one before
    parent = extract(CORPORA / "trace" / "cp-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md")
    groups = [t.group for t in parent.tasks if t.group]
    assert groups[0].startswith("Nâng cao nhận thức, đột phá") and "›" not in "".join(groups)
    assert len(set(groups)) == 7


def test_partners_named_inside_a_task():
    r = extract(LAO_CAI)
    task = next(t for t in r.tasks if t.text.startswith("Chủ trì, phối hợp với Thuế tỉnh, Sở Công Thương, Sở Xây dựng"))
    assert task.partners == ["Thuế", "Sở Công Thương", "Sở Xây dựng"] or task.partners[-2:] == ["Sở Công Thương", "Sở Xây dựng"]


@pytest.mark.parametrize(
    "text,role",
    [("Chủ trì, phối hợp với các ngành", "lead"), ("- Phối hợp tuyên truyền trên các báo", "cooperate"), ("Tổ chức triển khai thực hiện", "implement"),
     ("Là cơ quan thường trực, đôn đốc các Sở", "implement")],
)
def test_roles(text, role):
    assert role_of(text) == role


@pytest.mark.parametrize(
    "text,deadline",
    [("báo cáo Ban Chỉ đạo tỉnh theo định kỳ 6 tháng và một năm.", "định kỳ 6 tháng và một năm"),
     ("hoàn thành trước ngày 15/12/2024", "hoàn thành trước ngày 15/12/2024"), ("xong trong Quý II/2024", "xong trong Quý II/2024"),
     ("tổ chức hằng năm", "hằng năm"), ("theo dõi thường xuyên", "thường xuyên"), ("không có thời hạn", None)],
)
def test_deadlines(text, deadline):
    assert deadline_of(text) == deadline


def test_agencies_gather_roles_and_mentions(seed_records):
    agencies = {a.name: a for a in seed_records["cualo"].agencies}
    assert set(agencies["Phòng Văn hóa và Thông tin"].roles) == {"lead"}
    assert agencies["Phòng Văn hóa và Thông tin"].mentions == 3
    assert agencies["Phòng Lao động - Thương binh và Xã hội"].roles == ["cooperate"]  # a partner only
    assert agencies["Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể"].kind == "front"


def test_closing_boilerplate_is_not_a_task(seed_records):
    for r in seed_records.values():
        assert not any(t.text.startswith("Trên đây") for t in r.tasks)
    assert seed_records["bacgiang"].tasks == []


def test_a_last_request_to_carry_the_plan_out_is_its_closing():
    # Thanh Hóa 235/KH-UBND (wild, 2025): no "Trên đây là …"; the body ends with a request marked "./.",
    # then a line of emphasis marks only
    text = (
        "KẾ HOẠCH\nThử nghiệm\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính: Bố trí kinh phí thực hiện kế hoạch.\n\n"
        "2. Các cơ sở nuôi trồng thủy sản:\nTheo dõi, giám sát môi trường tại cơ sở.\n\n"
        "Yêu cầu các sở, ban, ngành, đơn vị, địa phương nghiêm túc triển khai thực hiện./.\n\n* *\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    )
    r = extract(text)
    assert [(t.agency, t.text) for t in r.tasks] == [
        ("Sở Tài chính", "Bố trí kinh phí thực hiện kế hoạch."),
        ("Các cơ sở nuôi trồng thủy sản", "Theo dõi, giám sát môi trường tại cơ sở."),
    ]


def test_tasks_handed_out_by_the_head_of_a_team_are_the_teams():
    r = extract(CORPORA / "dev-docs" / "laocai-sct-3898-kh-sct-2026.docx")
    (team,) = _by_agency(r, "Tổ công tác")
    assert team.text.startswith("Nhiệm vụ cụ thể của từng thành viên do Tổ trưởng tổ công tác phân công")
    assert "Tổ công tác" in [a.name for a in r.agencies]


def _tasks_of(text: str):
    from trichxuat.pipeline import extract_text

    return extract_text(text).tasks


# the task sections of the Lào Cai inspection plan 1105/KH-ĐKT (its PDF is legacy-font; the real file
# is tested in tests/ingest/test_pdf.py), as its decoded text layer reads
INSPECTION = """SỞ CÔNG THƯƠNG
ĐOÀN KIỂM TRA

KẾ HOẠCH
Kiểm tra việc chấp hành Quy định pháp luật trong sử dụng và bảo quản vật liệu nổ công nghiệp
Thực hiện Quyết định số 1050/QĐ-SCT ngày 06/3/2026 của Giám đốc Sở Công Thương tỉnh Lào Cai. Trưởng đoàn kiểm tra lập kế hoạch tiến hành kiểm tra như sau:
1. Mục tiêu
- Đánh giá toàn diện, khách quan tình hình chấp hành các quy định của pháp luật.
4. Phân công nhiệm vụ
4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; chỉ đạo toàn diện hoạt động của Đoàn; chủ trì các buổi làm việc.
4.2. Ông. Đỗ Mạnh Cường - Phó Trưởng đoàn: Chủ trì, phụ trách việc kiểm tra các nội dung liên quan đến hồ sơ pháp lý.
5. Dự kiến các nguồn lực cho hoạt động kiểm tra chuyên ngành:
5.1. Kinh phí cho hoạt động kiểm tra: Được thực hiện theo quy định của pháp luật hiện hành.
6. Những vấn đề khác (nếu có)
6.1. Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện nghiêm túc Kế hoạch và nhiệm vụ được phân công.
6.2 Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo bằng văn bản theo nội dung kiểm tra.
"""


def test_team_members_named_with_their_role_and_headings_addressed_to_a_unit():
    tasks = _tasks_of(INSPECTION)
    assert [(t.agency, t.agency_raw, t.role) for t in tasks] == [
        ("Hoàng Văn Thuân - Trưởng đoàn", "Ông. Hoàng Văn Thuân - Trưởng đoàn", "implement"),
        ("Đỗ Mạnh Cường - Phó Trưởng đoàn", "Ông. Đỗ Mạnh Cường - Phó Trưởng đoàn", "lead"),
        ("Đoàn kiểm tra", "Đối với Đoàn kiểm tra", "implement"),
        ("Đơn vị được kiểm tra", "Đối với đơn vị được kiểm tra", "implement"),
    ]
    assert tasks[0].text.startswith("Phụ trách chung; chỉ đạo toàn diện")


def test_a_heading_that_introduces_its_units_is_not_an_agency():
    # Hà Nội 2280/QĐ-UBND (2026): "2. Các Sở, ban, ngành Thành phố:" and a sentence that ends with
    # "một số nhiệm vụ cụ thể:", then "2.1. Công an Thành phố: …", "2.2. Sở Tài chính: …"
    r = extract(CORPORA / "dev-docs" / "hanoi-2280-qd-ubnd-2026-ke-hoach-thoat-nuoc.pdf")
    assert not any(t.agency.startswith("Các Sở, ban, ngành") for t in r.tasks)
    assert "Các Sở, ban, ngành Thành phố" not in [a.name for a in r.agencies]
    (police,) = _by_agency(r, "Công an")
    assert police.text.startswith("phối hợp bố trí lực lượng ứng trực")
    assert len(_by_agency(r, "Sở Tài chính")) == 2


def test_a_paragraph_between_a_heading_and_its_bullets_is_a_task():
    # Hà Nội 173/KH-UBND (2026): "16. Liên hiệp các tổ chức hữu nghị thành phố Hà Nội", a paragraph
    # "Phối hợp chặt chẽ với Sở Văn hóa và Thể thao …", then "- Chủ trì tham mưu lập danh sách, …"
    r = extract(CORPORA / "dev-docs" / "hanoi-173-kh-ubnd-2026-festival.pdf")
    tasks = [t for t in r.tasks if t.agency.startswith("Liên hiệp các tổ chức hữu nghị")]
    assert [t.text[:30] for t in tasks] == ["Phối hợp chặt chẽ với Sở Văn h", "Chủ trì tham mưu lập danh sách"]
    assert [t.role for t in tasks] == ["cooperate", "lead"]  # "Phối hợp …", "Chủ trì …"


def test_a_bullet_whose_subject_acts_is_not_a_labelled_unit_and_a_partner_ends_at_its_verb():
    # Lâm Đồng drug-prevention plan (DOCX): "- Công an tỉnh tham mưu triển khai … tại Dự án 1: Phòng ngừa …"
    # is Công an tỉnh's task, not a unit named "Công an tỉnh tham mưu … Dự án 1"; "Phối hợp với Công an
    # tỉnh nghiên cứu, xây dựng …" names Công an tỉnh as a partner
    r = extract(CORPORA / "docs" / "lamdong-kh-ubnd-2025-phong-chong-ma-tuy-DRAFT.docx")
    names = {a.name for a in r.agencies}
    assert not any("tham mưu" in n or "nghiên cứu" in n for n in names)
    lead = [t for t in r.tasks if t.text.startswith("Công an tỉnh tham mưu triển khai")]
    assert [t.agency for t in lead] == ["Công an"]  # the locality is the plan's, moved out of the name
    partnered = [t for t in r.tasks if t.text.startswith("Phối hợp với Công an tỉnh nghiên cứu")]
    assert [(t.agency, t.partners) for t in partnered] == [("Sở Nội vụ", ["Công an"])]


def test_a_task_that_opens_with_its_unit_takes_its_role_from_the_words_after_it():
    # Hồ Chí Minh 172/KH-UBND: "Sở Tài chính chủ trì, phối hợp …" leads; "Các cơ quan, đơn vị được giao
    # chủ trì có trách nhiệm hoàn thành …" carries out (its "chủ trì" is part of who it is)
    r = extract(CORPORA / "docs" / "hcm-172-kh-ubnd-2025-luat-viec-lam.md")
    assert [t.role for t in r.tasks if t.text.startswith("Sở Tài chính chủ trì, phối hợp với các sở")] == ["lead"]
    assert [t.role for t in r.tasks if t.agency == "Các cơ quan, đơn vị được giao chủ trì"] == ["implement"]


def test_bullets_that_open_with_their_unit_and_criteria_addressed_to_a_province():
    # Nghệ An 982/KH-UBND (wild, 2025): the emulation's criteria "a) Đối với tỉnh Nghệ An" are no tasks;
    # the bullets of "2. Trách nhiệm thực hiện" each open with the unit that carries them out
    text = (
        "KẾ HOẠCH\nTriển khai đợt thi đua\n\nIII. TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG\n\n1. Tiêu chí thi đua\n\n"
        "a) Đối với tỉnh Nghệ An\n\n- Hoàn thành vượt mức các chỉ tiêu phát triển kinh tế - xã hội năm 2025.\n\n"
        "V. THỜI GIAN VÀ TRÁCH NHIỆM THỰC HIỆN\n\n1. Thời gian thực hiện\n\nĐợt thi đua được triển khai từ ngày ban hành Kế hoạch.\n\n"
        "2. Trách nhiệm thực hiện\n\n"
        "- Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị-xã hội phát huy mạnh mẽ thành quả của các phong trào thi đua.\n\n"
        "- Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy tiếp tục chỉ đạo các cơ quan truyền thông.\n\n"
        "- Sở Nội vụ hướng dẫn khen thưởng Đợt thi đua.\n\nTrên đây là Kế hoạch.\n"
    )
    r = extract(text)
    got = [(t.agency, t.requested, t.role, t.partners) for t in r.tasks]
    assert got == [
        ("Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị-xã hội", True, "implement", []),
        ("Sở Văn hóa, Thể thao và Du lịch", False, "cooperate", ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]),
        ("Sở Nội vụ", False, "implement", []),
    ]


@pytest.mark.parametrize(
    "text,partners",
    [  # wild plans, 2025: collectives of communes among the partners, and the generic tail after them
        ("Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường và cơ quan, đơn vị có liên quan", ["Ủy ban nhân dân các xã, phường"]),
        ("Chủ trì, phối hợp với sở, ban, ngành, Ủy ban nhân dân xã, phường tăng cường kiểm tra", ["Ủy ban nhân dân xã, phường"]),
        ("Phối hợp với Sở Y tế, Sở Nội vụ rà soát, củng cố", ["Sở Y tế", "Sở Nội vụ"]),
    ],
)
def test_partners_among_collectives(text, partners):
    from trichxuat.extract.tasks import partners_of

    assert [name for _, name in partners_of(text, None)] == partners


def test_a_heading_whose_words_end_with_a_colon_is_no_task():
    # Lào Cai 2242/KH-SCT: "1. Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:"
    # introduces the items after it, which are the unit's tasks
    r = extract(CORPORA / "dev-docs" / "laocai-sct-2242-kh-sct-2026.docx")
    texts = [t.text for t in r.tasks if t.agency == "Phòng Quản lý Công nghiệp"]
    assert texts and not [t for t in texts if t.rstrip().endswith("liên quan:")]
    assert texts[0].startswith("Tổ chức kiểm tra kỹ thuật an toàn")


def test_a_bullet_that_names_its_headings_localities_by_their_committees_keeps_the_heading():
    # Hà Nội 173/KH-UBND (PDF): "19. Mời Thành phố Hồ Chí Minh, tỉnh Đăk Lăk, tỉnh Điện Biên" over "- Đề nghị UBND Thành
    # phố Hồ Chí Minh, UBND tỉnh Đăk Lăk, UBND tỉnh Điện Biên chỉ đạo …": the same three units, not more specific ones
    from trichxuat.extract.tasks import _same_localities

    r = extract(CORPORA / "dev-docs" / "hanoi-173-kh-ubnd-2026-festival.pdf")
    asked = [t for t in r.tasks if t.text.startswith("Đề nghị UBND Thành phố Hồ Chí Minh, UBND tỉnh Đăk Lăk")]
    assert [t.agency for t in asked] == ["Thành phố Hồ Chí Minh, tỉnh Đăk Lăk, tỉnh Điện Biên"]
    assert not [a for a in r.agencies if a.name.startswith("Ủy ban nhân dân Thành phố Hồ Chí Minh, Ủy ban nhân dân tỉnh")]
    assert not _same_localities("Sở Văn hóa và Thể thao", "Thành phố Hồ Chí Minh")


@pytest.mark.parametrize(("text", "partners"), [
    # Quảng Ngãi 1627/QĐ-UBND: "phối hợp" right before a unit's head, no "với"
    ("Sở Tài chính phối hợp Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi: hướng dẫn các cơ quan",
     ["Ban Quản lý Khu kinh tế Dung Quất"]),
    # Hà Nội 173/KH-UBND: a collective whose members follow a colon is the collective
    ("Phối hợp Công an Thành phố, UBND các phường: Hoàn Kiếm, Cửa Nam, Ba Đình, Văn Miếu – Quốc Tử Giám, Từ Liêm và các đơn vị liên quan",
     ["Công an", "Ủy ban nhân dân các phường"]),
    # "phối hợp ban hành" is joint work, no partner
    ("Các sở phối hợp ban hành văn bản hướng dẫn", []),
])
def test_partners_named_right_after_phoi_hop(text, partners):
    from trichxuat.extract.tasks import partners_of

    assert [name for _, name in partners_of(text, None)] == partners
