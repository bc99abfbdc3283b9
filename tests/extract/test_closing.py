"""Signer, recipients and archive, from the signature layouts of the corpus."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.extract.closing import parse_recipient, parse_signature
from trichxuat.structure import Line

from ..conftest import FIXTURES


def _lines(*contents):
    out, pos = [], 0
    for c in contents:
        out.append(Line(pos, pos + len(c), c))
        pos += len(c) + 1
    return out


@pytest.mark.parametrize(
    "block,name,position,mode,on_behalf_of",
    [
        (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Duy Hưng"), "Phạm Duy Hưng", "Phó Chủ tịch", "KT.", "Ủy ban nhân dân"),
        (("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Lưu Trung"), "Nguyễn Lưu Trung", "Phó Chủ tịch", "KT.", None),
        (("TM.ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Quang Tiêu"), "Nguyễn Quang Tiêu", "Phó Chủ tịch", "KT.", "Ủy ban nhân dân"),
        (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Vũ Đại Thắng"), "Vũ Đại Thắng", "Chủ tịch", "TM.", "Ủy ban nhân dân"),
        (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân"), "Hoàng Văn Thuân", "Phó Giám đốc", "KT.", None),
        (("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "NGUYỄN VĂN THẮNG"), "Nguyễn Văn Thắng", "Phó Thủ tướng", "KT.", None),
        # Lào Cai 1105/KH-ĐKT spells the mode "T/M."
        (("T/M. ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN", "Hoàng Văn Thuân"), "Hoàng Văn Thuân", "Trưởng đoàn", "TM.", "Đoàn kiểm tra"),
    ],
)
def test_parse_signature(block, name, position, mode, on_behalf_of):
    signer, start, end = parse_signature(_lines(*block))
    assert (signer.name, signer.position, signer.mode, signer.on_behalf_of) == (name, position, mode, on_behalf_of)
    assert start == 0 and end > start


@pytest.mark.parametrize(
    "line,name,note",
    [
        ("- Bộ Lao động-TB&XH (b/c);", "Bộ Lao động-TB&XH", "b/c"),
        ("- TT HU, HĐND huyện (b/cáo);", "TT HU, HĐND huyện", "b/cáo"),
        ("- Sở Lao động - TBXH (biết);", "Sở Lao động - TBXH", "biết"),
        ("- LĐVP (ông Trung);", "LĐVP (ông Trung)", None),
        ("- PVC-1, CVVP (K5);", "PVC-1, CVVP (K5)", None),
        ("- UBND các phường", "UBND các phường", None),
        # a purpose in the parenthesis is a note whatever its words (Lào Cai 1105/KH-ĐKT)
        ("- Giám đốc Sở (để báo cáo và phê duyệt);", "Giám đốc Sở", "để báo cáo và phê duyệt"),
        ("- Văn phòng Sở (Bố trí kinh phí, phương tiện Phục vụ Đoàn kiểm tra);", "Văn phòng Sở", "Bố trí kinh phí, phương tiện Phục vụ Đoàn kiểm tra"),
    ],
)
def test_parse_recipient(line, name, note):
    assert parse_recipient(line) == (name, note)


def test_recipients_and_archive_of_the_seeds(seed_records):
    r = seed_records["backan"]
    assert len(r.recipients) == 9 and r.archive == "VT, VXNV(H)"
    assert r.recipients[7].name == "Đài PT-TH Bắc Kạn; Báo Bắc Kạn, Cổng TTĐT tỉnh, Cơ quan TT Báo Nhân dân, Thông tấn xã Việt Nam tại Bắc Kạn"
    r = seed_records["cualo"]
    assert r.archive is None  # "- Lưu ." names nothing
    assert [x.name for x in r.recipients][-1] == "UBND các phường"
    assert seed_records["bacgiang"].recipients == []


@pytest.mark.parametrize("name,partial", [("Nguyễn Văn Thắng", False), ("Văn Thắng", True), ("Lê Minh", False), ("Thị Hoa", True)])
def test_a_name_that_starts_with_a_middle_name_is_flagged(name, partial):
    text = f"KẾ HOẠCH\nThử nghiệm\n\nI. MỤC ĐÍCH\nNội dung.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{name}\n"
    r = extract(text)
    assert r.signer.name == name
    assert ("signer_name_partial" in [w.code for w in r.warnings]) is partial


def test_a_body_wrapped_over_two_lines_is_no_name():
    # Hà Nội 310/KH-UBND (wild/tnt-31786b0833a4130d.md, Markdown from a portal): "TM. ỦY BAN" / "NHÂN DÂN"
    from trichxuat.api import extract_text

    text = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN\nNHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrương Việt Dũng\n"
    signer = extract_text("KẾ HOẠCH\nPhát triển hạ tầng 5G\n\nI. MỤC ĐÍCH\nNội dung.\n\n" + text).signer
    assert (signer.name, signer.position, signer.mode) == ("Trương Việt Dũng", "Phó Chủ tịch", "KT.")


WILD = FIXTURES / "wild"


@pytest.mark.parametrize(
    "block,name,position",
    [
        # the head's position wrapped after its comma: "CHỦ NHIỆM" is a position, not a name
        (("KT. BỘ TRƯỞNG,", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Nguyễn Sỹ Hiệp"), "Nguyễn Sỹ Hiệp", "Phó Chủ nhiệm"),
        # a position this table does not know, in capitals, is no name either (no family name)
        (("KT. TRƯỞNG TRẠM", "PHÓ TRƯỞNG TRẠM", "Lê Văn Bình"), "Lê Văn Bình", "Phó trưởng trạm"),
        # a name wrapped in a narrow cell
        (("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần", "Chí Hùng"), "Trần Chí Hùng", "Phó Chủ tịch"),
    ],
)
def test_wrapped_positions_and_names(block, name, position):
    signer, _, _ = parse_signature(_lines(*block))
    assert (signer.name, signer.position) == (name, position)


def test_wrapped_signature_blocks_of_real_pages():
    r = extract(WILD / "tnt-ad0066b8d39e5c85.md")  # Văn phòng Chính phủ, 653/TB-VPCP
    assert (r.signer.name, r.signer.position, r.signer.mode) == ("Nguyễn Sỹ Hiệp", "Phó Chủ nhiệm", "KT.")
    r = extract(WILD / "tnt-fe1e8de161e04a1e.md")  # Cần Thơ 2533/QĐ-UBND
    assert (r.signer.name, r.signer.position) == ("Trần Chí Hùng", "Phó Chủ tịch")


def test_a_rank_before_the_name_is_kept_apart_even_when_a_narrow_cell_broke_it():
    # Bộ Quốc phòng, văn bản hợp nhất 89/VBHN-BQP (2025, wild archive): "**KT. BỘ TRƯỞNG**" / "THỨ TRƯỞNG" / "**Đại" /
    # "tướng Nguyễn Tân Cương**"
    from trichxuat.api import extract_text

    r = extract_text("**BỘ QUỐC PHÒNG**\n\nSố: 89/VBHN-BQP\n\n**QUYẾT ĐỊNH**\n\nVề việc ban hành quy chế\n\n"
                     "**Điều 1.** Ban hành kèm theo Quyết định này Quy chế.\n\n|\n**KT. BỘ TRƯỞNG**\nTHỨ TRƯỞNG\n**Đại\n"
                     "tướng Nguyễn Tân Cương**\n|\n", fmt="markdown")
    assert (r.signer.name, r.signer.rank, r.signer.position, r.signer.mode) == ("Nguyễn Tân Cương", "Đại tướng", "Thứ trưởng", "KT.")
    r = extract_text("KẾ HOẠCH\nVề phòng chống tội phạm\n\nI. MỤC ĐÍCH\nNội dung.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n"
                     "Thượng tướng Lê Quốc Hùng\n")
    assert (r.signer.name, r.signer.rank) == ("Lê Quốc Hùng", "Thượng tướng")


def test_the_signers_own_position_read_before_the_mode_line_stays():
    # plain pdftotext of a printed plan (corpora/renderings: hcm-172 printed-plain) reads the right column
    # out of order: "PHÓ CHỦ TỊCH" / "KT. CHỦ TỊCH" / the name
    from trichxuat.api import extract_text

    r = extract_text("KẾ HOẠCH\nViệc làm\nI. MỤC ĐÍCH\nNội dung.\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n\nPHÓ CHỦ TỊCH\n\nKT. CHỦ TỊCH\n\nTrần Thị Diệu Thúy\n")
    assert (r.signer.mode, r.signer.position, r.signer.name) == ("KT.", "Phó Chủ tịch", "Trần Thị Diệu Thúy")


@pytest.mark.parametrize("misread", ["Nơi nhân:", "Noi nhan:", "Nơi nnhận:"])
def test_recipients_heading_misread_still_closes_the_tasks(misread):
    # the Cửa Lò seed with its "Nơi nhận:" as OCR or a damaged copy gives it (a mark lost, a letter doubled): the
    # recipients are read under it, not taken for the last unit's tasks, with a warning that says so
    from trichxuat.api import extract_text

    from ..conftest import SEED

    text = SEED["cualo"].read_text(encoding="utf-8")
    assert text.count("\nNơi nhận:\n") == 1
    original, damaged = extract(SEED["cualo"]), extract_text(text.replace("\nNơi nhận:\n", f"\n{misread}\n"))
    assert [(t.agency, t.text) for t in damaged.tasks] == [(t.agency, t.text) for t in original.tasks]
    assert [r.name for r in damaged.recipients] == [r.name for r in original.recipients] and len(original.recipients) >= 5
    assert "recipients_heading_misread" in {w.code for w in damaged.warnings}
    # a sentence that opens with the same letters is no heading
    assert extract_text(text.replace("\nNơi nhận:\n", "\nNơi nhân dân sinh sống cần được hỗ trợ.\n")).recipients == []


def test_a_mode_line_ocr_read_without_its_dot():
    # Lào Cai Sở Công Thương 2242 printed with the office's columns, scanned at 300 dpi and read by Tesseract
    # (renderings/sweep.py --printed --style office --scanned): "KT GIÁM ĐỐC" / "PHO GIÁM ĐỐC" / "Hoàng Văn Thuân",
    # an appendix's table of names after it
    from trichxuat.api import extract_text

    r = extract_text("SỞ CÔNG THƯƠNG\nSố: /KH-SCT\n\nKẾ HOẠCH\nKiểm tra, cấp Giấy chứng nhận huấn luyện\n\nI. MỤC ĐÍCH\n"
                     "1. Phòng Kỹ thuật an toàn chủ trì thực hiện.\n\nNơi nhận:\n- Ban Giám đốc Sở;\n- Lưu: VT, CN.\n\n"
                     "KT GIÁM ĐỐC\nPHO GIÁM ĐỐC\nHoàng Văn Thuân\n\nPHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC\nRà soát vào điểm   Thị Loan\n")
    assert (r.signer.mode, r.signer.position, r.signer.name) == ("KT.", "Phó Giám đốc", "Hoàng Văn Thuân")
    # a line that only begins with the letters is no mode ("TMĐT", "KTXH")
    assert parse_signature([Line(0, 12, "KTXH VÙNG CAO")])[0].mode is None
