"""The shapes plans give tasks and agencies in (issue #17), each on a real document of the corpus's
development part: decisions issuing a plan, activity sections with their own sub-headings, task
tables, and bodies beyond provincial departments."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.pipeline import extract_text
from trichxuat.extract.agencies import body_of_head, canonical, subject_of

from ..conftest import CORPORA, FIXTURES

DOCS = CORPORA / "docs"
TTG_2623 = DOCS / "ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.md"  # decision + plan, activity blocks
HCM_172 = DOCS / "hcm-172-kh-ubnd-2025-luat-viec-lam.md"  # activity blocks whose unit label is sentences
QUANG_NGAI = DOCS / "quangngai-1627-qd-ubnd-2025-ke-hoach-kiem-ke-tai-san-cong.md"  # NHIỆM VỤ CỤ THỂ listing units
TUYEN_QUANG = DOCS / "tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.md"  # Điều 2. Giao Giám đốc Sở …
HANOI_308 = DOCS / "hanoi-308-kh-ubnd-2025-du-lieu-chuyen-doi-so.md"  # a) Nhiệm vụ / b) Cơ quan thực hiện / c) Thời gian
LAM_DONG_THI_DUA = DOCS / "lamdong-kh-ubnd-2026-thi-dua-cchc-DRAFT.docx"  # "2. Giao Sở Nội vụ (…):" over a), b)
LAM_DONG_MA_TUY = DOCS / "lamdong-kh-ubnd-2025-phong-chong-ma-tuy-DRAFT.docx"  # military bodies, bullets naming units
LAO_CAI_TABLE = CORPORA / "renderings" / "laocai-ubnd-kh-chi-thi-11-khoang-san-2026-DRAFT.docx.md"
HANOI_173_PDFTOTEXT = CORPORA / "renderings" / "hanoi-173-kh-ubnd-2026-festival.pdftotext-layout.txt"


@pytest.fixture(scope="module")
def records():
    paths = [TTG_2623, HCM_172, QUANG_NGAI, TUYEN_QUANG, HANOI_308, LAM_DONG_THI_DUA, LAM_DONG_MA_TUY, LAO_CAI_TABLE, HANOI_173_PDFTOTEXT]
    return {p.name: extract(p) for p in paths}


def _tasks(record, agency):
    return [t for t in record.tasks if t.agency == agency]


# --- shape 1: decisions issuing a plan ----------------------------------------------------------


def test_a_decisions_article_hands_its_items_to_the_unit_it_names(records):
    """ "Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo" over "1. Tổ chức chỉ đạo …", "2. Chủ trì, phối hợp …"."""
    r = records[TUYEN_QUANG.name]
    tasks = _tasks(r, "Sở Giáo dục và Đào tạo")
    assert [t.text[:28] for t in tasks] == ["Tổ chức chỉ đạo thực hiện ho", "Chủ trì, phối hợp với Chủ tị"]
    assert [t.role for t in tasks] == ["implement", "lead"]
    assert tasks[0].agency_raw == "Giám đốc Sở Giáo dục và Đào tạo"


def test_the_executors_clause_of_a_decision_is_not_a_task(records):
    for name in (TUYEN_QUANG.name, TTG_2623.name, QUANG_NGAI.name):
        assert not [t for t in records[name].tasks if "thi hành Quyết định này" in t.text], name


def test_the_executors_clause_in_its_other_wording_is_not_a_task():
    # Đà Nẵng 2638/QĐ-UBND (2025, wild archive): "Điều 3. Chánh Văn phòng UBND thành phố, Giám đốc Sở Tài chính, … và
    # Thủ trưởng các sở, ban, ngành … căn cứ Quyết định này thực hiện./."
    r = extract("QUYẾT ĐỊNH\nBãi bỏ Quyết định số 636/QĐ-UBND\n\nĐiều 1. Bãi bỏ Quyết định số 636/QĐ-UBND.\n\n"
                "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n\nĐiều 3. Chánh Văn phòng UBND thành phố, Giám đốc Sở Tài chính, "
                "Chủ tịch UBND các phường, xã và Thủ trưởng các sở, ban, ngành có liên quan căn cứ Quyết định này thực hiện./.\n")
    assert r.tasks == []
    r = extract("QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\n\nĐiều 1. Công bố kèm theo Quyết định này.\n\n"
                "Điều 2. Sở Y tế có trách nhiệm công khai thủ tục hành chính kèm theo Quyết định này.\n")
    assert [t.agency for t in r.tasks] == ["Sở Y tế"]


def test_the_plan_attached_after_a_decisions_signature_is_read(records):
    """The decision's signature ends where the attached plan's type name begins: the plan's
    sections and tasks are read (before, the signature swallowed them)."""
    r = records[TTG_2623.name]
    assert r.signer.name == "Phạm Minh Chính"
    assert [s.heading for s in r.sections if s.label in ("I", "II", "III", "IV")] == [
        "MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG", "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"]
    assert len(r.tasks) >= 12


# --- shape 2: activity sections with their own sub-headings ---------------------------------------


def test_activity_labels_nested_under_lettered_items(records):
    """ "1.1. Xây dựng các Chiến lược …" / "a) Nhiệm vụ: …" / "b) Cơ quan thực hiện:" / "- Đơn vị chủ trì:
    Sở Khoa học và Công nghệ." / "- Đơn vị phối hợp: Các Sở, ban, ngành." / "c) Thời gian thực hiện: …"."""
    r = records[HANOI_308.name]
    first = r.tasks[0]
    assert first.agency == "Sở Khoa học và Công nghệ" and first.role == "lead"
    assert first.text.startswith("Xây dựng các Chiến lược triển khai của thành phố Hà Nôi: Tham mưu UBND Thành phố")
    assert first.partners == ["Các Sở, ban, ngành"]
    assert first.deadline == "Hoàn thành trong năm 2025"


def test_each_sub_activity_with_its_own_labels_is_a_task(records):
    """ "5. Xây dựng Nghị định của Chính phủ" holds two decrees, each with "+ Cơ quan chủ trì: …"."""
    decrees = [t for t in records[TTG_2623.name].tasks if t.text.startswith("Nghị định")]
    assert [t.text[:30] for t in decrees] == ["Nghị định quy định chi tiết mộ", "Nghị định xử phạt vi phạm hành"]
    assert all(t.agency == "Bộ Công an" and t.role == "lead" and "Văn phòng Chính phủ" in t.partners for t in decrees)


def test_a_unit_label_written_as_sentences_gives_a_task_per_unit(records):
    """ "- Cơ quan thực hiện: Bộ Công an tiến hành rà soát …; các bộ, cơ quan ngang bộ, … rà soát …"."""
    r = records[TTG_2623.name]
    review = [t for t in r.tasks if t.text.lower().startswith(("bộ công an tiến hành rà soát", "các bộ, cơ quan ngang bộ, ủy ban nhân dân các tỉnh"))]
    assert [t.agency for t in review] == ["Bộ Công an", "Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]


def test_a_unit_that_leads_in_a_sentence_leads_the_activity(records):
    """ "- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu …; Sở Tư pháp và các sở, … chủ động tổ chức …"."""
    r = records[HCM_172.name]
    lead = r.tasks[0]
    assert lead.agency == "Sở Nội vụ" and lead.role == "lead"
    assert lead.text.startswith("Phổ biến, giáo dục Luật Việc làm")
    assert r.tasks[1].agency.startswith("Sở Tư pháp và các sở, ban, ngành Thành phố, Đài Phát thanh và Truyền hình Thành phố")


def test_an_activity_time_is_not_the_plans_period(records):
    """ "- Thời gian thực hiện: năm 2025 và các năm tiếp theo." belongs to an activity."""
    assert records[TTG_2623.name].period is None


# --- sections that assign duties, whatever their heading ----------------------------------------


def test_a_section_listing_units_assigns_their_duties(records):
    """ "IV. NHIỆM VỤ CỤ THỂ" / "1.1. Trưởng Ban Chỉ đạo" / "1.2. Sở Tài chính - Cơ quan thường trực Ban
    Chỉ đạo" / "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:"."""
    r = records[QUANG_NGAI.name]
    owners = {t.agency for t in r.tasks}
    assert {"Trưởng Ban Chỉ đạo", "Sở Tài chính", "Ủy ban nhân dân các phường, xã, đặc khu", "Đối tượng thực hiện kiểm kê",
            "Các cơ quan quản lý cấp trên"} <= owners
    # six under its own heading, one as a sub-item that names it ("+ Sở Tài chính phối hợp Ban Quản lý …")
    assert len(_tasks(r, "Sở Tài chính")) == 7
    assert not [t for t in r.tasks if t.text.startswith("Cơ quan thường trực")]


def test_sub_items_that_name_their_units(records):
    """ "1.3. Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: …)" / "- Phối hợp hướng dẫn …. Trong
    đó:" / "+ Sở Xây dựng: hướng dẫn …" / "+ Sở Công Thương: …": the bullet is the heading's unit's task,
    each sub-item its own unit's."""
    r = records[QUANG_NGAI.name]
    group = [t for t in r.tasks if t.agency.startswith("Các cơ quan quan tham mưu")]
    assert [t.text[:22] for t in group] == ["Phối hợp hướng dẫn các", "Cử công chức chuyên mô"]
    assert group[0].text.endswith("Trong đó:")
    for unit in ("Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch"):
        assert [t.text[:9] for t in _tasks(r, unit)] == ["hướng dẫn"], unit


def test_giao_a_unit_over_its_items(records):
    """ "2. Giao Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh …):" / "a) …" / "b) …"."""
    tasks = _tasks(records[LAM_DONG_THI_DUA.name], "Sở Nội vụ")
    assert [t.text[:20] for t in tasks] == ["Phối hợp với các cơ ", "Tham mưu, đề xuất Ch"]


def test_assignments_in_the_funding_section(records):
    """ "3. Bộ Tài chính chủ trì tổng hợp, trình cấp có thẩm quyền bố trí kinh phí …" is a task (and not a
    funding source)."""
    r = records[TTG_2623.name]
    assert [t.role for t in _tasks(r, "Bộ Tài chính")] == ["lead"]
    assert not [s for s in r.budget.sources if s.text.startswith(("Bộ Tài chính", "Ủy ban nhân dân các tỉnh", "Đối với"))]


# --- shape 3: task tables -----------------------------------------------------------------------


def test_a_markdown_task_table(records):
    """ "| TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp thực hiện | Thời gian thực hiện |"."""
    r = records[LAO_CAI_TABLE.name]
    first = next(t for t in r.tasks if t.text.startswith("Tổ chức quán triệt sâu rộng Chỉ thị của Ban Thường vụ Tỉnh ủy"))
    assert first.agency == "Các Sở, ban, ngành; Ủy ban nhân dân các xã, phường" and first.role == "lead"
    assert first.deadline == "Xong trong Quý II/2026"
    assert first.partners == ["Các Sở, ban, ngành", "Các cơ quan, đơn vị, địa phương liên quan"]


# --- shape 4: bodies beyond provincial departments -----------------------------------------------


@pytest.mark.parametrize(
    "raw, name",
    [
        ("Giám đốc Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"),
        ("Bộ trưởng Bộ Công an", "Bộ Công an"),
        ("Thủ trưởng các sở, ban, ngành và Ủy ban nhân dân phường, xã, đặc khu", "Các sở, ban, ngành và Ủy ban nhân dân phường, xã, đặc khu"),
        ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
         "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"),
        ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo", "Sở Tài chính"),
        ("Trách nhiệm của đối tượng thực hiện kiểm kê", "Đối tượng thực hiện kiểm kê"),
        ("Giao Sở Nội vụ", "Sở Nội vụ"),
        ("Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm vụ của mình và các cơ quan, tổ chức khác có liên quan",
         "Sở Nội vụ, các sở, ban, ngành Thành phố và các cơ quan, tổ chức khác có liên quan"),
    ],
)
def test_a_body_named_by_its_head_or_its_role_is_the_body(raw, name):
    assert canonical(raw).name == name


def test_a_head_whose_remainder_is_no_unit_is_kept():
    assert body_of_head("Chủ tịch") == "Chủ tịch"
    assert canonical("Trưởng Ban Chỉ đạo").name == "Trưởng Ban Chỉ đạo"


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("Sở Tài chính chủ trì, phối hợp các sở, ban, ngành:", "Sở Tài chính"),
        ("Bộ Chỉ huy quân sự tỉnh tham mưu triển khai thực hiện các nội dung", "Bộ Chỉ huy quân sự tỉnh"),
        ("Công an tỉnh tham mưu triển khai thực hiện các nội dung tại Dự án 1", "Công an tỉnh"),
        ("Ban Quản lý dự án đầu tư xây dựng công trình chủ trì thực hiện", "Ban Quản lý dự án đầu tư xây dựng công trình"),
        ("Ủy ban nhân dân các phường Phối hợp với các ngành có liên quan triển khai thực hiện", None),
        ("Các Sở, ban, ngành, UBND xã, phường và các cơ quan, tổ chức có liên quan căn cứ Kế hoạch này, xây dựng",
         "Các Sở, ban, ngành, UBND xã, phường và các cơ quan, tổ chức có liên quan"),  # "tổ chức" a noun here
        ("Trách nhiệm của đối tượng thực hiện kiểm kê:", None),
        # a collective ends at "liên quan", whatever verb follows it (Bắc Ninh 141/KH-UBND; Đồng Nai 182/KH-UBND,
        # where "quan tham mưu" had read as a word of a name, "cơ quan tham mưu")
        ("Các Sở, ngành, đơn vị liên quan kiện toàn và nâng cao trình độ đội ngũ công chức", "Các Sở, ngành, đơn vị liên quan"),
        ("Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh cân đối, bố trí ngân sách nhà nước",
         "Sở Tài chính và các đơn vị có liên quan"),
        ("Các cơ quan liên quan đến công tác bầu cử triển khai", "Các cơ quan liên quan đến công tác bầu cử"),
    ],
)
def test_the_unit_a_sentence_begins_with(sentence, unit):
    found = subject_of(sentence)
    assert (found[0] if found else None) == unit


def test_military_and_national_bodies_own_their_bullets(records):
    """ "- Sở Y tế tham mưu triển khai …", "- Đề nghị Bộ Tư lệnh Vùng Cảnh sát biển 3 tham mưu …": a bullet
    that names its unit is that unit's task, requested when it begins with "Đề nghị"."""
    r = records[LAM_DONG_MA_TUY.name]
    coast_guard = [t for t in r.tasks if t.agency.startswith("Bộ Tư lệnh Vùng Cảnh sát biển 3")]
    assert coast_guard and all(t.requested for t in coast_guard)
    assert [t for t in r.tasks if t.agency == "Bộ Chỉ huy quân sự" and t.text.startswith("Bộ Chỉ huy quân sự tỉnh tham mưu")]
    assert {a.kind for a in r.agencies if a.name.startswith(("Viện Kiểm sát", "Bộ Chỉ huy"))} <= {"other", "group"}


def test_a_task_table_row_with_no_lead_body_is_warned(tmp_path):
    """An edited copy of the Lào Cai appendix table: one row's lead cell emptied."""
    text = LAO_CAI_TABLE.read_text(encoding="utf-8")
    row = "| Các Sở, ban, ngành; UBND các xã, phường | Các Sở, ban, ngành và các cơ quan, đơn vị, địa phương liên quan | Xong trong Quý II/2026 |"
    assert row in text
    path = tmp_path / "edited.md"
    path.write_text(text.replace(row, "|  | Các Sở, ban, ngành và các cơ quan, đơn vị, địa phương liên quan | Xong trong Quý II/2026 |", 1), encoding="utf-8")
    r = extract(path)
    (w,) = [w for w in r.warnings if w.code == "task_row_without_lead"]
    assert "Tổ chức quán triệt sâu rộng Chỉ thị" in w.message
    assert not [t for t in r.tasks if t.text.startswith("Tổ chức quán triệt sâu rộng Chỉ thị")]


def test_a_unit_label_whose_items_are_sentences():
    """ "- Cơ quan thực hiện:" over "+ Sở Văn hóa và Thể thao chủ trì, phối hợp …", "+ Sở Xây dựng đăng tải
    …": each item is a task of the unit it names (also with a verb the table does not list)."""
    from ..conftest import FIXTURES

    r = extract(FIXTURES / "wild" / "tnt-31fb08f34535fce3.md")
    assert not [a for a in r.agencies if a.name.startswith("+") or " chủ trì" in a.name or " đăng tải" in a.name]
    (post,) = [t for t in r.tasks if t.text.startswith("Sở Xây dựng đăng tải")]
    assert post.agency == "Sở Xây dựng"
    assert [t.role for t in r.tasks if t.agency == "Sở Văn hóa và Thể thao"][:1] == ["lead"]


def test_a_units_role_in_parentheses_is_not_a_task():
    # "1. Sở Tài chính (cơ quan chủ trì)" over its bullets (a decision of TP Hồ Chí Minh, corpora/trace)
    r = extract(CORPORA / "trace" / "children" / "tnt-001c610b2efdcf0c.md")
    mine = [t for t in r.tasks if t.agency == "Sở Tài chính"]
    assert mine and mine[0].text.startswith("Chủ trì xây dựng, tổ chức thực hiện") and mine[0].role == "lead"
    assert not any("(" in t.agency and ")" not in t.agency for t in r.tasks)
    assert not any(t.text.strip() == "chủ trì)" for t in r.tasks)


def test_a_part_naming_the_organisers_of_an_event_is_no_activity():
    # Hà Nội festival plan as pdftotext: "II. CƠ QUAN CHỈ ĐẠO VÀ TỔ CHỨC THỰC HIỆN" over "3. Đơn vị chủ
    # trì thực hiện: Sở Văn hoá và Thể thao." names who organises; its activities ("3.2. Hoạt động
    # triển lãm …" with their own labels) are the tasks. A quoted name cut at its dash by the line
    # wrap ("“Festival Thăng Long" / "- Hà Nội, lần thứ II năm 2026”.") is no bullet.
    r = extract(CORPORA / "renderings" / "hanoi-173-kh-ubnd-2026-festival.pdftotext.txt")
    assert not [t for t in r.tasks if t.text.startswith("CƠ QUAN CHỈ ĐẠO")]
    assert [t.agency for t in r.tasks if t.text.startswith("Hoạt động triển lãm, trải nghiệm về tinh hoa làng nghề")][:1] == ["Sở Văn hóa và Thể thao"]
    assert not [t for t in r.tasks if t.text.lstrip("-– ").startswith("Hà Nội, lần thứ II")]


def test_a_unit_label_with_a_capacity_phrase_inside_is_one_list_of_units():
    # "- Cơ quan thực hiện: Sở Nội vụ, các sở, ban, ngành Thành phố trong phạm vi chức năng, nhiệm vụ
    # của mình và các cơ quan, tổ chức khác có liên quan." ("tổ chức" is a noun there)
    r = extract(HCM_172)
    task = next(t for t in r.tasks if t.text.startswith("Tổ chức kiểm tra việc thi hành Luật Việc làm"))
    assert task.agency == "Sở Nội vụ, các sở, ban, ngành Thành phố và các cơ quan, tổ chức khác có liên quan"


def test_activity_labels_a_crawl_glued_on_one_line_are_read_apart():
    # Cửa Lò sub-project plan, crawled: "- Đơn vị chủ trì thực hiện: Phòng Văn hoá và Thông tin thị xã -
    # Đơn vị phối hợp thực hiện: Phòng Lao động - Thương binh và Xã hội, Trung tâm …"
    r = extract(CORPORA / "renderings" / "cualo-kh-ubnd-2024-tieu-du-an-1.crawl.txt")
    task = next(t for t in r.tasks if t.text.startswith("Tăng cường nội dung thông tin về cơ sở"))
    assert task.agency == "Phòng Văn hóa và Thông tin" and task.role == "lead"
    assert task.partners[0] == "Phòng Lao động - Thương binh và Xã hội"


def test_an_item_that_names_the_role_over_the_units_bullets():
    """ "1. Sở Công Thương" / "a) Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường …" / "- …" /
    "b) Phối hợp với các sở, ngành, UBND các xã, phường" / "- …": each bullet is the unit's task in that role."""
    from ..conftest import FIXTURES

    r = extract(FIXTURES / "wild" / "tnt-f1e0981425ec38be.md")
    trade = [t for t in r.tasks if t.agency == "Sở Công Thương" and not t.text.startswith("Giao Sở Công Thương")]
    assert [t.role for t in trade] == ["lead"] * 4 + ["cooperate"] * 2
    assert trade[0].text.startswith("Là cơ quan đầu mối chủ trì tổ chức thực hiện") and trade[4].text.startswith("Hỗ trợ các nhà đầu tư")
    assert "Ủy ban nhân dân các xã, phường" in trade[5].partners
    # "b) Chủ trì, phối hợp" alone: the partners are the units each bullet opens with (Đồng Nai 182/KH-UBND)
    r = extract(FIXTURES / "wild" / "tnt-f069c23c942c1ec6.md")
    police = [t for t in r.tasks if t.agency == "Công an" and t.text.startswith("Sở Tài chính và các đơn vị có liên quan")]
    assert len(police) == 1 and police[0].role == "lead" and police[0].partners[0] == "Sở Tài chính"
    assert not [t for t in r.tasks if t.text == "Chủ trì, phối hợp"]


def test_an_activity_label_with_tham_muu_inside():
    # Bắc Ninh 141/KH-UBND: "*Đơn vị chủ trì tham mưu thực hiện: *Sở Khoa học và Công nghệ."
    from ..conftest import FIXTURES

    r = extract(FIXTURES / "wild" / "tnt-09daab284f92e2dd.md")
    task = next(t for t in r.tasks if t.text.startswith("Ra mắt AI pháp luật"))
    assert (task.agency, task.role, task.deadline) == ("Sở Khoa học và Công nghệ", "lead", "Tháng 12/2025")
    assert task.partners == ["Sở Tư pháp"]
    assert "Các Sở, ngành, đơn vị liên quan" in {t.agency for t in r.tasks}


def test_an_appendix_task_table_names_its_lead_units():
    from ..conftest import FIXTURES

    r = extract(FIXTURES / "wild" / "tnt-c5d930a5fc8373cd.md")
    task = next(t for t in r.tasks if t.text.startswith("Tổ chức lại Ban Chỉ huy Phòng thủ dân sự"))
    assert task.agency == "Bộ CHQS tỉnh; Ủy ban nhân dân cấp xã" and task.deadline == "Trước ngày 30/11/2025"
    assert not [a for a in r.agencies if a.name.startswith(("Triển khai", "Tổ chức lại", "Hướng dẫn"))]


def test_a_paragraph_that_charges_its_unit_with_the_work(records):
    """ "3. Xây dựng các văn bản quy phạm pháp luật …" / "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có
    trách nhiệm rà soát, tham mưu …": an activity's paragraph outside the implementation section."""
    tasks = [t for t in records[HCM_172.name].tasks if t.agency.startswith("Sở, ban, ngành thuộc Ủy ban nhân dân")]
    assert [t.text[:40] for t in tasks] == ["Sở, ban, ngành thuộc Ủy ban nhân dân Thà"]
    # the objectives' sentences with a subject stay out ("… Sở Nội vụ …" in MỤC ĐÍCH is no task)
    assert not [t for t in records[HCM_172.name].tasks if t.span and t.span.start < 1500]


def test_an_items_line_a_copy_broke_inside_the_units_name():
    # Thủ tướng 2530/QĐ-TTg (2025, wild archive): "l) Đài Truyền hình Việt Nam, Đài Tiếng nói Việt" / "Nam, Thông tấn
    # xã Việt Nam chủ trì, …" is one sentence; a heading that lists its units over a sentence of its own is not
    # (that sentence is the unit's it names)
    r = extract("KẾ HOẠCH\nKhắc phục ô nhiễm không khí\n\nIII. TỔ CHỨC THỰC HIỆN\n"
                "l) Đài Truyền hình Việt Nam, Đài Tiếng nói Việt\n"
                "Nam, Thông tấn xã Việt Nam chủ trì, phối hợp chặt chẽ với Bộ Y tế xây dựng các chuyên mục, bản tin định kỳ.\n"
                "m) Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh\n"
                "Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh bảo đảm an ninh, trật tự.\n")
    assert [(t.agency, t.role) for t in r.tasks] == [
        ("Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam", "lead"),
        ("Công an", "lead"),
    ]


def test_a_paragraph_under_a_heading_of_several_units_is_the_unit_it_names():
    # Thành phố Hồ Chí Minh 2820/QĐ-UBND (2025, wild archive), IV. TỔ CHỨC THỰC HIỆN: "2. Sở Khoa học và Công nghệ,
    # Sở Nội vụ" over "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ …": the lead is the one it names
    r = extract("KẾ HOẠCH\nXây dựng cơ sở dữ liệu quy hoạch\n\nIV. TỔ CHỨC THỰC HIỆN\n"
                "1. Sở Tài chính\n\nSở Tài chính định kỳ hằng quý tổng hợp báo cáo Ủy ban nhân dân Thành phố.\n\n"
                "2. Sở Khoa học và Công nghệ, Sở Nội vụ\n\n"
                "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ và các đơn vị có liên quan tổ chức đào tạo, tập huấn.\n")
    assert [(t.agency, t.role) for t in r.tasks] == [("Sở Tài chính", "implement"), ("Sở Khoa học và Công nghệ", "lead")]
    assert r.tasks[1].partners == ["Sở Nội vụ"]


def test_an_item_whose_units_follow_a_clause():
    # Lâm Đồng's 2026 emulation plan, VII. TỔ CHỨC THỰC HIỆN: "1. Căn cứ nội dung Kế hoạch này và điều kiện thực tế,
    # các sở, ban, ngành, … xây dựng Kế hoạch …" is those units' task; a clause whose work has begun before any
    # unit ("b) Căn cứ chức năng, nhiệm vụ được giao, chủ trì, phối hợp …") names none
    r = extract(CORPORA / "docs" / "lamdong-kh-ubnd-2026-thi-dua-cchc-DRAFT.docx")
    first = next(t for t in r.tasks if t.text.startswith("Căn cứ nội dung Kế hoạch này"))
    assert first.agency == "Các sở, ban, ngành, các cơ quan Trung ương đóng trên địa bàn, Ủy ban nhân dân các xã, phường, đặc khu"
    from trichxuat.extract.agencies import split_heading

    assert split_heading("Căn cứ chức năng, nhiệm vụ được giao, chủ trì, phối hợp với UBND cấp xã và các đơn vị liên quan "
                         "nghiên cứu, tham mưu UBND Thành phố ban hành văn bản, giữa các ngành, các cấp đảm bảo hiệu quả. "
                         "Trong quá trình thực hiện, các đơn vị cấp xã gửi hồ sơ về các Sở")[1] == ""


def test_a_directive_whose_own_items_are_addressed_to_units():
    # Cần Thơ, Chỉ thị 09/CT-UBND (2025, wild archive): no implementation section; after three general
    # requirements, "4. Sở Nông nghiệp và Môi trường" over a) … e), …, "11. Các đơn vị cấp nước sạch trên địa bàn
    # thành phố có trách nhiệm" over a), b); "c) Giao Công an thành phố kịp thời phát hiện …" under the heads of departments
    r = extract(FIXTURES / "wild" / "tnt-2847e16133f7b987.md")
    by_unit: dict[str, int] = {}
    for t in r.tasks:
        by_unit[t.agency] = by_unit.get(t.agency, 0) + 1
    assert by_unit["Sở Nông nghiệp và Môi trường"] == 6
    assert by_unit["Sở Xây dựng"] == 3 and by_unit["Sở Y tế"] == 2
    assert by_unit["Ủy ban nhân dân xã, phường"] == 4
    assert by_unit["Các đơn vị cấp nước sạch trên địa bàn thành phố"] == 2  # no task "có trách nhiệm" of its own
    police = next(t for t in r.tasks if t.text.startswith("Giao Công an thành phố"))
    assert police.agency == "Công an"
    assert not any(t.text.strip(" .:") in ("có trách nhiệm", "chịu trách nhiệm") for t in r.tasks)


def test_a_telegram_whose_items_charge_ministries_and_provinces():
    # Công điện 217/CĐ-TTg (2025, wild archive): "1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Khánh
    # Hòa:" over a) … e); "3. Bộ Xây dựng chỉ đạo triển khai …"; the body named by its head is the body
    r = extract(FIXTURES / "wild" / "tnt-a328fbb46798c2b5.md")
    assert len([t for t in r.tasks if t.agency.startswith("Ủy ban nhân dân các tỉnh, thành phố")]) == 5
    assert [t.text.split()[0] for t in r.tasks if t.agency == "Bộ Nông nghiệp và Môi trường"] == ["Chỉ", "Chỉ", "Chỉ"]
    assert any(t.agency == "Bộ Xây dựng" and t.text.startswith("chỉ đạo triển khai các giải pháp") for t in r.tasks)
    assert any(t.agency == "Văn phòng Chính phủ" for t in r.tasks)
    # "5. Các Bộ: Quốc phòng, Công an chủ động chỉ đạo …": the list completes the heading's "Các Bộ"
    assert any(t.agency == "Bộ Quốc phòng, Bộ Công an" and t.text.startswith("chủ động chỉ đạo") for t in r.tasks)


def test_numbered_items_of_a_decision_that_lost_its_articles_are_not_read_as_a_directive():
    # Bắc Ninh 1509/QĐ-UBND (wild archive) printed "1." … "4." for Điều 1 … Điều 4: one unit, then the executors
    r = extract("QUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n\n1. Công bố kèm theo Quyết định này danh mục 02 thủ tục.\n\n"
                "2. Sở Dân tộc và Tôn giáo có trách nhiệm phối hợp Văn phòng UBND tỉnh cập nhật thủ tục.\n\n"
                "3. Quyết định có hiệu lực kể từ ngày ký.\n\n4. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Dân tộc và Tôn giáo chịu "
                "trách nhiệm thi hành Quyết định này.\n")
    assert not any("thi hành Quyết định này" in t.text for t in r.tasks)


def test_a_heading_that_goes_on_about_its_units_over_the_paragraph_of_their_task(records):
    # Lâm Đồng's 2025 drug-prevention plan: "c) Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng và đề nghị Bộ tư
    # lệnh Vùng Cảnh sát biển 3" over "Phối hợp với cấp ủy, chính quyền địa phương …": the heading names who, the paragraph what
    r = records[LAM_DONG_MA_TUY.name]
    heading = "Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng và đề nghị Bộ tư lệnh Vùng Cảnh sát biển 3"
    texts = [t.text[:40] for t in r.tasks if t.agency == heading]
    assert texts == ["Phối hợp với cấp ủy, chính quyền địa phư", "Chủ trì, phối hợp chặt chẽ với lực lượng"]
    assert not any(t.text.startswith("chỉ đạo lực lượng Bộ đội Biên phòng") for t in r.tasks)


def test_a_task_table_whose_group_rows_a_copy_set_as_lines_of_their_own():
    # Đồng Tháp 617/KH-UBND (corpora/trace/children): the appendix table's group rows "I. NÂNG CAO NHẬN THỨC …"
    # stand between its rows as lines without cells; the table goes on across them, each a group of the rows below
    r = extract(CORPORA / "trace" / "children" / "tnt-8718801c503045f9.md")
    table = [t for t in r.tasks if t.group]
    assert len(table) == 11
    assert (table[0].agency, table[0].group) == ("Sở KH&CN", "NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY")
    assert table[-1].group == "HỢP TÁC VÀ THU HÚT ĐẦU TƯ" and table[-1].text.startswith("Đẩy mạnh hợp tác với doanh nghiệp")


def test_a_collective_that_opens_a_bullet_of_the_implementation_section_is_charged():
    # Nghệ An 982/KH-UBND (2025, wild archive), "2. Trách nhiệm thực hiện": "- Các cơ quan, đơn vị căn cứ Kế hoạch
    # này … để phát động, triển khai Đợt thi đua …" charges every body, as its named bullets charge theirs
    from trichxuat.api import extract_text

    r = extract_text("KẾ HOẠCH\nTriển khai Đợt thi đua\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Phát huy sức mạnh tổng hợp.\n\n"
                     "V. THỜI GIAN VÀ TRÁCH NHIỆM THỰC HIỆN\n\n1. Thời gian thực hiện\n\nTừ nay đến hết năm 2025.\n\n"
                     "2. Trách nhiệm thực hiện\n\n- Các cơ quan, đơn vị căn cứ Kế hoạch này và đặc điểm, tình hình, yêu cầu, nhiệm vụ "
                     "để phát động, triển khai Đợt thi đua với nội dung, tiêu chí cụ thể.\n\n"
                     "- Sở Nội vụ hướng dẫn khen thưởng Đợt thi đua; phối hợp với các cơ quan, đơn vị liên quan triển khai.\n")
    assert [t.agency for t in r.tasks] == ["Các cơ quan, đơn vị", "Sở Nội vụ"]
    # Quyết định 2623/QĐ-TTg's plan: "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ … có trách nhiệm …":
    # the bodies so assigned, not "Các cơ quan được"
    agencies = [a.name for a in extract(CORPORA / "docs" / "ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.md").agencies]
    assert "Các cơ quan được phân công chủ trì" in agencies and "Các cơ quan được" not in agencies


def test_the_rest_of_a_task_table_a_pdfs_pages_cut_off_from_its_header():
    # Nghị quyết 03/NQ-CP's task table (corpora/trace), laid out as printed and read from the PDF
    # (tests/fixtures/layout/cp-03-printed-task-table.txt is that reading): rows across page breaks are lost to
    # the page's layout, so the table comes in pieces, only the first under the header "TT | Tên nhiệm vụ | Cơ
    # quan chủ trì | …"; each piece as wide is the table's rest (5 tasks before, from the first piece only)
    r = extract(FIXTURES / "layout" / "cp-03-printed-task-table.txt")
    assert len(r.tasks) == 30
    def task(start):
        return next(t for t in r.tasks if t.text.startswith(start))

    assert task("Xây dựng Hồ sơ đề nghị xây dựng Luật Cán bộ").agency == "Bộ Nội vụ"  # the 2nd piece
    assert (task("Hoàn thiện Luật sửa đổi").agency, task("Hoàn thiện Luật sửa đổi").deadline) == ("Bộ Khoa học và Công nghệ", "Tháng 5/2025")
    assert all(t.group is None for t in r.tasks if t.text.startswith("Hoàn thiện Luật"))  # a group row lost between pieces is not guessed


def test_a_task_table_whose_header_row_a_pdf_reader_gave_as_lines():
    # Đồng Tháp's plan 617/KH-UBND laid out as printed and read from the PDF (tests/fixtures/layout/
    # tnt-8718801c503045f9.printed-pdf-appendix.txt is that reading, from its appendix on): the rows came as cells,
    # the header row as cut-up lines above them ("Tên nhiệm Cơ quan chủ Cơ quan phối Thời gian hoàn" / "STT" / "vụ
    # trì hợp thành"). The columns are told by what the cells hold: labels, the task, bodies' names, deadlines.
    r = extract(FIXTURES / "layout" / "tnt-8718801c503045f9.printed-pdf-appendix.txt")
    assert len(r.tasks) == 9  # (rows 8 and 9 ran over the page's layout: lines, not cells)
    first = r.tasks[0]
    assert first.text.startswith("Triển khai nền tảng đào tạo trực tuyến mở đại trà") and first.role == "lead"
    assert (first.agency_raw, first.partners, first.deadline) == ("Sở KH&CN", ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"], "Thường xuyên")
    assert [t.agency_raw for t in r.tasks[2:5]] == ["Sở Nội vụ", "Sở KH&CN", "Sở Công Thương"]
    assert r.tasks[3].deadline == "Quí IV- 2025"


def test_a_table_without_header_cells_or_names_above_gives_no_task():
    # the same rows under lines that name no task column (a budget or target table's header, cut up the same way)
    text = (FIXTURES / "layout" / "tnt-8718801c503045f9.printed-pdf-appendix.txt").read_text(encoding="utf-8")
    text = text.replace("Tên nhiệm Cơ quan chủ Cơ quan phối Thời gian hoàn", "Chỉ tiêu Đơn vị Kết quả Ghi").replace("vụ   trì   hợp   thành", "tính   dự kiến   chú")
    assert extract_text(text).tasks == []

