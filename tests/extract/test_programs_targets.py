"""National target programmes and quantitative targets."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.targets import parse_targets


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
    ],
)
def test_parse_targets(sentence, expected):
    assert [(t["value"], t["unit"], t["comparator"], t["subject"]) for t in parse_targets(sentence)] == expected


def test_targets_of_real_plans(seed_records):
    targets = seed_records["cualo"].targets
    assert [(t.value, t.unit, t.subject) for t in targets] == [
        (100, "%", "cán bộ làm công tác thông tin cơ sở"), (100, "%", "phường"), (100, "%", "hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo")]
    assert targets[1].text.startswith("100% phường có hệ thống loa truyền thanh")


def test_the_year_of_a_target():
    (t,) = parse_targets("Phấn đấu đến năm 2025 có 95% hộ gia đình được xem truyền hình")
    assert (t["value"], t["year"]) == (95, 2025)
