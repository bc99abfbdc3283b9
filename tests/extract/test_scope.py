"""Period, scope, audiences and objectives."""

from __future__ import annotations

import pytest

from trichxuat.extract.scope import parse_period


@pytest.mark.parametrize(
    "text,bare,expected",
    [
        ("Từ năm 2022 đến hết năm 2025.", False, (2022, 2025, None)),
        ("Năm 2024.", False, (2024, 2024, None)),
        ("trên địa bàn huyện giai đoạn 2021-2025", False, (2021, 2025, None)),
        ("giai đoạn 2026 – 2030, tầm nhìn đến năm 2045", False, (2026, 2030, 2045)),
        ("Thời gian tổ chức cuộc thi từ tháng 1/11/2013 - 15/12/2013", False, (2013, 2013, None)),
        ("Hành động “Năm an toàn giao thông - 2012”", True, (2012, 2012, None)),
        ("Năm An toàn giao thông 2022 trên địa bàn tỉnh", True, (2022, 2022, None)),
        ("Năm An toàn giao thông 2022 trên địa bàn tỉnh", False, None),
        ("Kiểm tra việc chấp hành Quy định pháp luật", True, None),
        # a title's "đến năm 2030" ends the programme it carries out; the plan's own start is not stated
        # (wild archive: Cần Thơ 153/KH-UBND, Đồng Nai 182/KH-UBND, Hà Nội 310/KH-UBND, Đồng Tháp 556/KH-UBND)
        ("Triển khai, thực hiện các Dự án, Tiểu dự án thuộc Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 "
         "trên địa bàn thành phố", True, None),
        ("Thực hiện Nghị quyết … phê duyệt chiến lược khai thác, sử dụng bền vững tài nguyên, bảo vệ môi trường biển và hải "
         "đảo đến năm 2030, tầm nhìn đến năm 2050", True, None),
        ("Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025 và định hướng đến năm 2030", True, (2016, 2025, None)),
        ("Thời gian thực hiện: đến hết năm 2025", False, (2025, 2025, None)),  # a stated period is read as before
    ],
)
def test_parse_period(text, bare, expected):
    found = parse_period(text, bare_year=bare)
    assert (None if found is None else (found[0].start_year, found[0].end_year, found[0].vision_year)) == expected


def test_stated_period_wins_over_the_title(seed_records):
    r = seed_records["tuyphuoc"]  # title says 2021-2025, "Thời gian thực hiện: Từ năm 2022 đến hết năm 2025."
    assert (r.period.start_year, r.period.end_year) == (2022, 2025)


def test_scope_audiences_and_objectives(seed_records):
    r = seed_records["kiengiang"]
    assert r.scope == "Trên phạm vi toàn tỉnh."
    assert len(r.audiences) == 1 and r.audiences[0].startswith("Người dân, cán bộ, đảng viên")
    kinds = [o.kind for o in r.objectives]
    assert kinds.count("purpose") == 1 and kinds.count("requirement") == 2
    r = seed_records["cualo"]
    assert [o.kind for o in r.objectives].count("specific_goal") == 3
    assert r.objectives[-1].text.startswith("100% hộ nghèo, hộ cận nghèo")
    assert seed_records["bacgiang"].audiences[0].startswith("người dân, cán bộ, đảng viên")


def test_a_news_report_states_the_plans_time_in_a_sentence():
    # "… kế hoạch ra quân đợt cao điểm bắt đầu từ 15-12-2020 đến hết 28-02-2021", "thời gian từ ngày
    # 15-11-2022 đến 5-2-2023": the range, not the year of the Tết in the title
    from trichxuat import extract

    from ..conftest import CORPORA

    for name, years in [("travinh-cat-kh-2020-cao-diem-news.txt", (2020, 2021)), ("thanhhoa-cat-kh-2022-cao-diem-tet-news.txt", (2022, 2023))]:
        r = extract(CORPORA / "web-excerpts" / name)
        assert r.genre == "news_report" and (r.period.start_year, r.period.end_year) == years, name


def test_a_period_from_the_plans_issue():
    # Lâm Đồng's drug-prevention plan (2025): "Thời gian thực hiện Kế hoạch: Từ khi ban hành đến hết năm 2030."
    from trichxuat import extract

    from ..conftest import CORPORA

    r = extract(CORPORA / "docs" / "lamdong-kh-ubnd-2025-phong-chong-ma-tuy-DRAFT.docx")
    assert (r.period.start_year, r.period.end_year) == (2025, 2030)


@pytest.mark.parametrize(
    "path, period",
    [
        ("tvpl-excerpts/tvpl-16-kh-ubnd-2024-596324.txt", None),  # "Thực hiện Chỉ thị số 31/CT-TTg ngày 21/12/2023 …"
        ("tvpl-excerpts/tvpl-321-kh-ubnd-2023-567417.txt", None),  # "… Chỉ thị số 10/CT-TTg ngày 19 tháng 4 năm 2023 …"
        ("docs/hanoi-308-kh-ubnd-2025-du-lieu-chuyen-doi-so.md", None),  # "… Nghị quyết số 214/NQ-CP ngày 23/7/2025 …"
        ("docs/laocai-sct-kh-sct-2026-de-an-08-draft.docx", (2026, 2030)),  # "Thực hiện Đề án số 08 … giai đoạn 2026-2030"
    ],
)
def test_a_title_citing_a_document_states_its_date_not_the_plans_period(path, period):
    """The date of the document a title cites is that document's; a period the title states is the plan's."""
    from trichxuat import extract

    from ..conftest import CORPORA

    r = extract(CORPORA / path)
    assert (None if r.period is None else (r.period.start_year, r.period.end_year)) == period
