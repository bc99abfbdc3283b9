"""Task tables in `pdftotext -layout` text (columns of words, cells wrapped over several lines) are read
back into rows of "|" cells, every character in its place in the source (#17, item 3).

Fixtures are real plans printed to PDF by Chromium and read back by `pdftotext -layout`
(tests/fixtures/layout/README.md; corpora/renderings for the Lào Cai plan, which has gold)."""

from __future__ import annotations

import json

from trichxuat import extract
from trichxuat.evaluate import score
from trichxuat.ingest import read_source
from trichxuat.layout_tables import layout_tables
from trichxuat.normalize import normalize

from .conftest import CORPORA, FIXTURES

LAYOUT = FIXTURES / "layout"
CT11 = "laocai-ubnd-kh-chi-thi-11-khoang-san-2026-DRAFT"


def _rows(path) -> tuple[list[list[str]], object]:
    doc = normalize(read_source(path))
    rows = [[c.strip() for c in line.split("|")] for line in doc.text.split("\n") if " | " in line]
    return rows, doc


def _row(rows: list[list[str]], label: str, after: int = 0) -> list[str]:
    return next(r for r in rows[after:] if r[0] == label)


def test_centred_rows_of_a_plan_printed_in_two_styles_are_read_with_their_cells():
    # Lào Cai's plan on Chỉ thị 11: 14 rows, the number on each row's middle line, cells of the lead and
    # partner columns touching ("Thường vụ Tỉnh ủy và các Các Sở, Các Sở, ban,": three cells one space apart)
    for name in (f"{CT11}.printed-layout.txt", f"{CT11}.printed-office-layout.txt"):
        rows, _ = _rows(CORPORA / "renderings" / name)
        assert [r[0] for r in rows] == ["TT (1)", *map(str, range(1, 15))], name
        assert rows[0][2] == "Sở, ngành chủ trì tham mưu (3)"
        assert _row(rows, "2")[1].startswith("Rà soát, điều chỉnh, cập nhật bổ sung phương án") and _row(rows, "2")[1].endswith("năm 2050.")
        assert _row(rows, "2")[2] == "Sở Nông nghiệp và Môi trường"
        assert _row(rows, "9")[2] == "Thanh tra tỉnh"
        assert _row(rows, "10")[2] == "Thuế tỉnh" and _row(rows, "10")[4] == "Hàng năm"
        assert _row(rows, "1")[4] == "Xong trong Quý II/2026"
        # a partner cell that goes on its list of bodies in small letters ("phường các Sở, ban,": the lead cell's
        # last word, one space, the partner's "các Sở") keeps its "các"; the lead body's name does not take it
        assert _row(rows, "12")[2:4] == ["UBND các xã, phường", "Sở Nông nghiệp và Môi trường, các Sở, ban, ngành"], name
        # a deadline centred in its cell begins left of the column and touches the partner cell ("Các Sở, ban, Xong trong")
        assert _row(rows, "11")[3:5] == ["Các Sở, ban, ngành và địa phương", "Xong trong Quý II/2026"], name
        assert _row(rows, "5")[4] == "Hoàn thành đầu tư, lắp đặt và vận hành xong trước ngày 01/01/2030", name
    # a word of the partner cell that touched the lead cell's last line ("Sở Nội vụ các") is no part of the lead body's name
    rows, _ = _rows(CORPORA / "renderings" / f"{CT11}.printed-layout.txt")
    assert _row(rows, "8")[2] == "Sở Nội vụ"


def test_the_table_s_tasks_score_as_the_word_file_s():
    gold = json.loads((CORPORA / "dev-docs" / f"{CT11}.gold.json").read_text(encoding="utf-8"))
    original = score([("docx", gold, extract(CORPORA / "dev-docs" / f"{CT11}.docx").model_dump(mode="json"))])["tasks"].f1
    for name in (f"{CT11}.printed-layout.txt", f"{CT11}.printed-office-layout.txt"):
        rec = extract(CORPORA / "renderings" / name).model_dump(mode="json")
        tasks = score([(name, gold, rec)])["tasks"].f1
        assert tasks >= 0.93 and tasks >= original - 0.02, (name, tasks, original)  # 0.83 before the tables were read


def test_every_character_of_a_row_stands_where_the_source_has_it():
    rows, doc = _rows(CORPORA / "renderings" / f"{CT11}.printed-layout.txt")
    raw = doc.raw.text
    start = doc.text.index("1 | Tổ chức quán triệt")
    end = (doc.text + "\n").index("\n", doc.text.index("14 | Đẩy nhanh"))
    moved = [i for i in range(start, end) if doc.text[i] not in " |\n" and raw[doc.raw_offset(i)] != doc.text[i]]
    assert not moved
    assert "\f" in raw[doc.raw_offset(start) : doc.raw_offset(end - 1)]  # (the table runs over pdftotext's pages)


def test_a_header_over_centred_rows_and_a_header_whose_names_touch():
    # Hà Nội's plan 310/KH-UBND on 5G and IoT in industrial parks: the header "TT Nội dung/nhiệm vụ" on one line
    rows, _ = _rows(LAYOUT / "tnt-31786b0833a4130d.printed-layout.txt")
    assert rows[0] == ["TT", "Nội dung/nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert all(_row(rows, n)[2] == "Ban Quản lý các khu công nghệ cao và khu công nghiệp" for n in "1234")
    assert _row(rows, "3")[3] == "Sở Tài chính" and _row(rows, "4")[4] == "Thường xuyên"
    # Hồ Chí Minh City's decision 2820/QĐ-UBND and its plan for the planning database: "Cơ quan Cơ quan" / "chủ trì phối hợp" (two names
    # touching on each line), group rows "I", "II" across the table, rows whose number is on their first line
    # ("Kết quả Nguồn" / "dự kiến kinh phí": two names touching, the second begins with a capital)
    rows, _ = _rows(LAYOUT / "tnt-001c610b2efdcf0c.printed-layout.txt")
    assert rows[0] == ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian dự kiến hoàn thành", "Kết quả dự kiến", "Nguồn kinh phí"]
    assert [r[0] for r in rows[1:8]] == ["I", "1", "2", "3", "4", "II", "1"]
    assert _row(rows, "I")[1].startswith("Hoàn thiện thể chế") and _row(rows, "I")[2:] == ["", "", "", "", ""]
    assert _row(rows, "2")[1].startswith("Phối hợp xây dựng nội dung") and _row(rows, "2")[1].endswith("Luật Quy hoạch sửa đổi.")
    assert _row(rows, "1")[2] == "Sở Tài chính" and _row(rows, "2")[2] == "Sở Tài chính"


def test_a_header_set_apart_from_its_cells_gives_way_to_where_the_cells_begin():
    # Đồng Tháp's plan 617/KH-UBND for digital transformation of enterprises: the header's names in bold, narrow
    # columns, come out touching and far left of their cells ("Tên nhiệm Cơ quan chủ Cơ quan phối" over cells that
    # begin 30 places further right); where the cells begin on each page gives the columns
    rows, _ = _rows(LAYOUT / "tnt-8718801c503045f9.printed-layout.txt")
    assert rows[0] == ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    assert [r[0] for r in rows[1:]] == ["I.", "1", "2", "3", "II.", "4", "5", "6", "7", "III.", "8", "IV.", "9", "10", "11"]
    assert [_row(rows, n)[2] for n in ("1", "2", "3", "5", "9", "10", "11")] == \
        ["Sở KH&CN", "Sở KH&CN", "Sở Nội vụ", "Sở Công Thương", "Sở KH&CN", "Sở KH&CN", "Sở KH&CN"]
    assert _row(rows, "3")[1].startswith("Biểu dương, tôn vinh") and _row(rows, "3")[1].endswith("trong chuyển đổi số.")
    assert _row(rows, "3")[3] == "Sở KH&CN; các cơ quan, đơn vị liên quan"
    assert _row(rows, "9")[3:] == ["Các sở, ban, ngành tỉnh; UBND các xã, phường", "Thường xuyên"]


def test_a_table_read_wrong_is_left_as_it_was(monkeypatch):
    # The same table read by its header's columns alone (as before the cells' own places were looked at): most rows
    # would begin with a lower-case word in their task or lead cells, and a table read that wrong is left as it was
    import trichxuat.layout_tables as layout

    monkeypatch.setattr(layout, "_page_edges", lambda cols, *args: {})
    path = LAYOUT / "tnt-8718801c503045f9.printed-layout.txt"
    assert layout_tables(read_source(path).text) == []
    assert "layout_tables" not in normalize(read_source(path)).applied


def test_prose_that_names_a_lead_body_is_no_table():
    text = ("3. Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan tham mưu bố trí kinh phí\n"
            "    Nhiệm vụ       Cơ quan phối hợp\n"
            "thực hiện Kế hoạch theo quy định.\n")
    assert layout_tables(text) == []


def test_a_task_cell_longer_than_a_page():
    # Nghị quyết 03/NQ-CP's task table printed in the office style and read by pdftotext -layout: row 14's task cell runs
    # over a whole page, which holds nothing else, so pdftotext sets that page's margin at the cell ("bao gồm: -" /
    # "Sửa đổi một số" / … at the left edge, as narrow as the column); the table goes on after it
    rows, _ = _rows(LAYOUT / "cp-03-printed-office-layout-excerpt.txt")
    assert [r[0] for r in rows] == ["TT", "I.", *[f"{n}." for n in range(1, 14)], "II.", "14.", "15.", "16.", "17.", "18."]
    task = _row(rows, "14.")[1]
    assert "bao gồm: - Sửa đổi một số quy định trong Luật Viên chức" in task and task.endswith("cho chuyên gia, nhà khoa học.")
    assert _row(rows, "14.")[5] == "2025" and _row(rows, "17.")[2:] == ["Bộ Khoa học và Công nghệ", "Các bộ, ngành và địa phương", "Luật của Quốc hội", "Tháng 5/2025"]

