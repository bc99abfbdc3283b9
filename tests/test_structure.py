"""Document structure: the Decree 30/2020 components found in every rendering of a plan."""

from __future__ import annotations

import pytest

from trichxuat.ingest import read_source
from trichxuat.normalize import normalize
from trichxuat.structure import parse

from .conftest import CORPORA, FIXTURES, SEED


def _parse(path):
    return parse(normalize(read_source(path)))


def _cells(p, kind):
    return [c.content for c in p.header_cells if c.kind == kind]


@pytest.mark.parametrize(
    "path",
    [SEED["backan"], FIXTURES / "backan-182-two-column-layout.txt", FIXTURES / "backan-182-markdown-tables.md"],
    ids=["portal-dump", "two-column-layout", "markdown-tables"],
)
def test_every_rendering_of_the_backan_plan_gives_the_same_components(path):
    p = _parse(path)
    assert _cells(p, "issuer") == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN"]
    assert _cells(p, "motto") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert _cells(p, "number") == ["Số: 182/KH-UBND"]
    assert _cells(p, "date") == ["Bắc Kạn, ngày 22 tháng 3 năm 2024"]
    assert p.type_name.text(p.text) == "KẾ HOẠCH"
    assert " ".join(p.title.text(p.text).split()).lower().startswith("truyền thông về chương trình mục tiêu quốc gia")
    assert [ln.content[:20] for ln in p.preamble][:3] == ["Căn cứ Quyết định số", "Căn cứ Kế hoạch số 5", "Căn cứ Kế hoạch số 7"]
    assert [n.label for n in p.outline] == ["I", "II", "III", "IV"]
    assert [c.heading.text(p.text) for c in p.outline[3].children][:2] == ["Sở Lao động - Thương binh và Xã hội", "Sở Thông tin và Truyền thông"]
    assert p.closing.text(p.text).startswith("Trên đây là Kế hoạch")
    assert len(p.recipient_lines) == 10 and p.recipient_lines[-1].content == "- Lưu: VT, VXNV(H)."
    assert p.recipient_lines[5].content == "- Các sở, ngành, đoàn thể thành viên BCĐ các CT MTQG tỉnh;"
    assert [ln.content for ln in p.signature_lines][:4] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Duy Hưng"]


def test_a_header_collapsed_into_one_line_is_split_into_its_parts():
    p = _parse(CORPORA / "tvpl-excerpts" / "tvpl-04-kh-ubnd-2018-386281.txt")
    assert _cells(p, "issuer") == ["ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG"]
    assert _cells(p, "motto") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert _cells(p, "number") == ["Số: 04/KH-UBND"]
    assert _cells(p, "date") == ["Tuyên Quang, ngày 29 tháng 01 năm 2018"]
    assert p.title.text(p.text) == "TRIỂN KHAI CÔNG TÁC ĐẢM BẢO TRẬT TỰ AN TOÀN GIAO THÔNG NĂM 2018"
    assert p.preamble[0].content.startswith("Thực hiện Chỉ thị số 18-CT/TW ngày 04/9/2012")


def test_a_plan_without_issuer_lines_still_has_number_and_date():
    p = _parse(SEED["tuyphuoc"])
    assert _cells(p, "issuer") == []
    assert _cells(p, "number") == ["Số: /KH-UBND"]
    assert _cells(p, "date") == ["Tuy Phước, ngày tháng 9 năm 2022"]


def test_the_first_line_after_the_type_name_is_title_even_when_it_reads_like_a_basis():
    p = _parse(SEED["cualo"])
    assert p.title.text(p.text).startswith("Thực hiện Tiểu dự án 1 thuộc Dự án 6")
    assert p.preamble[0].content.startswith("Thực hiện Công văn số 445/STT&TT-VP")


def test_outline_levels_and_inline_headings():
    p = _parse(SEED["cualo"])
    section_v = p.outline[-1]
    assert (section_v.label, section_v.heading.text(p.text)) == ("V", "TỔ CHỨC THỰC HIỆN")
    first = section_v.children[0]
    # "1. Phòng Văn hóa và Thông tin: Chủ trì, …" → heading before the colon, body after
    assert (first.label, first.level, first.heading.text(p.text)) == ("1", 2, "Phòng Văn hóa và Thông tin")
    assert first.body.text(p.text).lstrip(": ").startswith("Chủ trì, phối hợp")
    letters = [n.label for n in _parse(SEED["tuyphuoc"]).outline[2].children[0].children if n.kind == "letter"]
    assert letters == ["a", "b", "c", "d", "đ", "e"]


def test_a_news_report_has_no_header():
    p = _parse(SEED["bacgiang"])
    assert p.type_name is None and p.header_cells == [] and p.signature_lines == []


def test_a_page_chrome_run_into_the_issuers_line_is_set_apart():
    # Tuyên Quang 986/QĐ-UBND, header collapsed by a crawl: "… của UBND tỉnh Bạc Liêu ỦY BAN NHÂN DÂN
    # TỈNH TUYÊN QUANG ------- | CỘNG HÒA …" (a related document's title from the page, then the issuer)
    from trichxuat import extract

    r = extract(CORPORA / "renderings" / "tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.collapsed.txt")
    assert (r.issuer.name, r.issuer.province) == ("Ủy ban nhân dân tỉnh Tuyên Quang", "Tuyên Quang")
    assert "header_missing_issuer_inferred" not in {w.code for w in r.warnings}


def test_a_wrapped_line_that_opens_with_an_article_cited_is_no_article():
    # Prime Minister's 2623/QĐ-TTg as a crawl: "… khoản 6" / "Điều 30; điểm b khoản 4 Điều 31; …"
    from trichxuat.structure import _label

    assert _label("Điều 30; điểm b khoản 4 Điều 31; khoản 3 Điều 33") is None
    assert _label("Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo")[0] == "article"
    assert _label("Điều 3: Quyết định này có hiệu lực")[0] == "article"


def test_a_title_in_capitals_whose_last_line_is_its_years():
    # Bắc Ninh 144/KH-UBND (wild, 2025): "PHÁT TRIỂN … TỈNH BẮC NINH GIAI ĐOẠN" / "2026 - 2030"
    from trichxuat import extract

    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n\nSố: 144/KH-UBND\n\nBắc Ninh, ngày 24 tháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
            "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN\n2026 - 2030\n\nCăn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n")
    r = extract(text)
    assert r.title == "Phát triển kinh tế số và xã hội số tỉnh Bắc Ninh giai đoạn 2026 - 2030"
    assert (r.period.start_year, r.period.end_year) == (2026, 2030)


def test_a_copy_without_type_line_and_title_has_its_preamble_after_the_header():
    # Bến Tre 7822/KH-UBND as a portal excerpt: the page's chrome, "ỦY BAN NHÂN DÂN | CỘNG HÒA … |",
    # "Số: 7822/KH-UBND | Bến Tre, ngày …", then "Căn cứ …" directly
    p = _parse(CORPORA / "web-excerpts" / "bentre-7822-kh-ubnd-2021-rung-ven-bien.txt")
    assert [ln.content[:30] for ln in p.preamble][:2] == ["Căn cứ Quyết định số 1662/QĐ-T", "Căn cứ Kế hoạch số 7308/KH-BNN"]


def test_a_title_whose_lines_are_paragraphs_of_their_own_is_one_title():
    """A site that gives each centred title line its own paragraph ("V/v Tổ chức lễ, hội khai giảng" /
    "Năm học 2012 – 2013" / "Căn cứ …"): the title goes on over the blank line, up to the preamble."""
    p = _parse(CORPORA / "renderings" / "thcs-liengtrang-kh-ltr-2012-khai-giang.site-page.html")
    assert " ".join(p.title.text(p.text).split()) == "V/v Tổ chức lễ, hội khai giảng Năm học 2012 – 2013"
    assert p.preamble[0].content.startswith("Căn cứ công văn số 966/SGDĐT-VP")


def test_a_closing_request_in_the_issuers_voice_ends_the_last_item():
    # Hà Tĩnh 624/KH-UBND (2025, wild archive): "e) Hằng năm, tổ chức kiểm tra …" then, after a blank line, "Ủy ban nhân dân
    # tỉnh giao Giám đốc các sở, Thủ trưởng các ban, ngành … triển khai thực hiện …, đúng quy định./."
    from trichxuat import extract

    text = ("KẾ HOẠCH\nThực hiện Chương trình giáo dục mầm non\n\nI. MỤC ĐÍCH\nNâng cao chất lượng.\n\nII. TỔ CHỨC THỰC HIỆN\n"
            "1. Ủy ban nhân dân các xã, phường\n\na) Chủ động bố trí kinh phí.\n\ne) Hằng năm, tổ chức kiểm tra, đánh giá tình hình thực hiện "
            "Chương trình trên địa bàn.\n\nỦy ban nhân dân tỉnh giao Giám đốc các sở, Thủ trưởng các ban, ngành, đoàn thể cấp tỉnh và "
            "Chủ tịch Ủy ban nhân dân các xã, phường triển khai thực hiện đảm bảo mục đích, yêu cầu, hiệu quả, đúng quy định./.\n\n"
            "Nơi nhận:\n- Bộ Giáo dục và Đào tạo;\n- Lưu: VT.\n")
    r = extract(text)
    assert r.tasks[-1].text == "Hằng năm, tổ chức kiểm tra, đánh giá tình hình thực hiện Chương trình trên địa bàn."


def test_table_rows_a_page_set_one_paragraph_each_are_one_table():
    # Lào Cai's appendix task table as a site's page renders it: a <p> per row, so a blank line between rows
    from trichxuat.api import extract_text

    text = ("KẾ HOẠCH\nQuản lý khoáng sản\n\nI. MỤC ĐÍCH\nNội dung.\n\nPhụ lục\n\n"
            "TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp thực hiện | Thời gian thực hiện | Ghi chú\n\n"
            "1 | Tổ chức quán triệt sâu rộng Chỉ thị của Ban Thường vụ Tỉnh ủy | Các Sở, ban, ngành | Sở Tư pháp | Năm 2026 | \n\n"
            "2 | Rà soát phương án quản lý về địa chất, khoáng sản | Sở Nông nghiệp và Môi trường | Các sở | Quý I/2026 | \n\n"
            "Nơi nhận:\n- Lưu: VT.\n")
    r = extract_text(text)
    assert [(t.agency, t.text[:20]) for t in r.tasks] == [("Các Sở, ban, ngành", "Tổ chức quán triệt s"),
                                                         ("Sở Nông nghiệp và Môi trường", "Rà soát phương án qu")]
    from trichxuat.ingest.base import RawDocument

    p = parse(normalize(RawDocument(text=text, format="text", uri=None, sha256="-")))
    assert len(p.tables) == 1 and len(p.tables[0].rows) == 3
    # a row with another number of cells after a blank line begins another table
    p = parse(normalize(RawDocument(text=text.replace("2 | Rà soát", "2 | x | Rà soát"), format="text", uri=None, sha256="-")))
    assert [len(t.rows) for t in p.tables] == [2]


def test_pdftotext_layout_of_a_printed_plan_keeps_the_motto_and_the_signature_apart():
    # Hồ Chí Minh City's 172/KH-UBND laid out as its office prints it and turned into text by
    # `pdftotext -layout` (corpora/renderings: printed-layout): the motto wrapped in its narrow column
    # with the issuer's second line between its parts, and the signature's lines after the recipients' column
    from trichxuat import extract

    r = extract(CORPORA / "renderings" / "hcm-172-kh-ubnd-2025-luat-viec-lam.printed-layout.txt")
    assert r.issuer.name.lower() == "ủy ban nhân dân thành phố hồ chí minh" and r.issuer.level == "province"
    assert (r.signer.mode, r.signer.position, r.signer.name) == ("KT.", "Phó Chủ tịch", "Trần Thị Diệu Thúy")
    assert [x.name for x in r.recipients][:2] == ["Thường trực Thành ủy", "Thường trực HĐND Thành phố"] and len(r.recipients) == 8


def test_plain_pdftotext_head_the_place_on_the_dates_line_and_after_a_glued_rule():
    # plain pdftotext of printed plans (corpora/renderings: printed-plain): the other column's line in capitals
    # over the place-date line, and the rule glued to the place ("---------------Thanh Hóa, ngày …")
    from trichxuat.api import extract_text

    r = extract_text("UBND TỈNH LÀO CAI\nĐộc lập - Tự do - Hạnh phúc\nSỞ CÔNG THƯƠNG\nLào Cai, ngày 12 tháng 5 năm 2026\nSố: 12/KH-SCT\n"
                     "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nKẾ HOẠCH\nKiểm tra vật liệu nổ công nghiệp\nI. MỤC ĐÍCH\nKiểm tra.\n")
    assert (r.issued.place, r.issuer.name, r.issuer.level) == ("Lào Cai", "Sở Công Thương tỉnh Lào Cai", "department")
    r = extract_text("ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\n-------Số: 3398/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                     "---------------Thanh Hóa, ngày 01 tháng 10 năm\n2013\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH GIAI ĐOẠN 2013-\n2016\n"
                     "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch.\n")
    assert (r.issued.place, str(r.issued.date), r.number.raw) == ("Thanh Hóa", "2013-10-01", "3398/QĐ-UBND")


def test_the_note_a_crawl_ran_into_the_title_is_not_the_title():
    # Lào Cai, Sở Công Thương's plan for Đề án 08 (Markdown of its DOCX) crawled at 60 columns: the line under the
    # title, "(Ban hành kèm theo Nghị quyết số 35-NQ/TU …)", ran into the title's last line
    import sys

    sys.path.insert(0, str(CORPORA / "renderings"))
    from render_layouts import crawl

    from trichxuat.api import extract_text

    source = (CORPORA / "renderings" / "laocai-sct-kh-sct-2026-de-an-08-draft.md-tables.md").read_text(encoding="utf-8")
    crawled = crawl(source, 60)
    assert "2026-2030 (Ban hành kèm theo" in crawled.replace("\r\n", " ")
    title = "Thực hiện Đề án số 08 về phát triển công nghiệp tỉnh Lào Cai theo hướng xanh, hiện đại giai đoạn 2026-2030"
    assert extract_text(source, fmt="markdown").title == extract_text(crawled).title == title


def test_a_paragraph_after_a_title_in_capitals_is_not_the_title():
    # Bộ Y tế 408/KH-BYT (2014) in a copy that dropped each block's first letter: the paragraph under the title
    # opens in small letters ("hời tiết đang chuyển …"); a blank line and the capitals before it end the title
    from trichxuat.api import extract_text

    text = (CORPORA / "web-excerpts" / "byt-408-kh-byt-2014-truyen-thong-mua-he.txt").read_text(encoding="utf-8")
    assert "MÙA HÈ\n\nThời tiết" in text
    r = extract_text(text.replace("MÙA HÈ\n\nThời tiết", "MÙA HÈ\n\nhời tiết"))
    assert r.title == "Tăng cường truyền thông phòng, chống dịch, bệnh truyền nhiễm mùa hè"
