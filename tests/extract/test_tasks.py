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
    first, second = [t for t in seed_records["cualo"].tasks if t.text.startswith(("Tổ chức các lớp bồi dưỡng", "Xây dựng các chuyên mục"))]
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
