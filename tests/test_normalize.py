"""Normalization keeps an offset map: every normalized character points back into the raw text."""

from __future__ import annotations

import hashlib
import re
import textwrap
import unicodedata

import pytest

from trichxuat.ingest import read_source
from trichxuat.ingest.base import RawDocument
from trichxuat.api import normalized_text
from trichxuat.normalize import is_wrapped, normalize

from .conftest import CORPORA, FIXTURES, SEED


def _raw(text: str, fmt: str = "text") -> RawDocument:
    return RawDocument(text=text, format=fmt, uri=None, sha256=hashlib.sha256(text.encode()).hexdigest())


def _check_offsets(doc) -> None:
    """Every normalized character that the raw text has too sits where the map says."""
    raw = doc.raw.text
    assert len(doc.offsets) == len(doc.text) + 1
    assert all(a <= b for a, b in zip(doc.offsets, doc.offsets[1:]))
    same = sum(1 for i, c in enumerate(doc.text) if raw[doc.raw_offset(i)] == c)
    letters = sum(1 for c in doc.text if c.isalnum())
    assert same >= letters * 0.95


def test_offsets_map_back_to_the_raw_text_for_every_corpus_document():
    for path in list(SEED.values()) + sorted((CORPORA / "tvpl-excerpts").glob("*.txt"))[:10]:
        doc = normalize(read_source(path))
        _check_offsets(doc)


def test_crlf_nfd_and_icelandic_eth_are_fixed_with_offsets_kept():
    text = "ÐẢNG BỘ\r\nNơi nh" + unicodedata.normalize("NFD", "ận") + ":\r\n- Sở Tài chính;"
    doc = normalize(_raw(text))
    assert doc.text == "ĐẢNG BỘ\nNơi nhận:\n- Sở Tài chính;"
    assert unicodedata.is_normalized("NFC", doc.text)
    i = doc.text.index("Sở")
    assert text[doc.raw_offset(i) : doc.raw_offset(i) + 2] == "Sở"
    _check_offsets(doc)


def test_markdown_marks_and_tables_are_removed():
    doc = normalize(read_source(SEED["kiengiang"]))
    assert "**" not in doc.text and "#" not in doc.text
    assert "\nNơi nhận:\n" in doc.text  # from "#### ***Nơi nhận:***"
    assert "\nV. TỔ CHỨC THỰC HIỆN\n" in doc.text
    table = normalize(_raw("| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| TỈNH X | Độc lập - Tự do - Hạnh phúc |\n", "markdown"))
    assert table.text == "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH X | Độc lập - Tự do - Hạnh phúc"


def test_portal_chrome_is_dropped_and_the_attribute_block_kept():
    doc = normalize(read_source(SEED["backan"]))
    assert doc.portal == "thuvienphapluat"
    assert "Đăng Nhập" not in doc.text and "DMCA" not in doc.text and "IP: 13.58" not in doc.text
    assert doc.text.startswith("Số hiệu: 182/KH-UBND Loại văn bản: Kế hoạch")


def test_sentences_cut_by_page_breaks_are_rejoined():
    doc = normalize(read_source(SEED["backan"]))
    assert "hạ tầng kinh tế-xã hội các huyện nghèo; các mô hình" in doc.text
    doc = normalize(read_source(SEED["tuyphuoc"]))
    assert "góp phần quan trọng vào sự phát triển" in doc.text
    # a list label after a heading is not a continuation
    assert "1. Nội dung\n\na) Tập trung" in doc.text


def test_wrapped_crawl_text_is_reflowed_into_paragraphs():
    path = CORPORA / "tvpl-excerpts" / "tvpl-04-kh-ubnd-2018-386281.txt"
    assert is_wrapped(read_source(path).text)
    doc = normalize(read_source(path))
    assert "Thực hiện Chỉ thị số 18-CT/TW ngày 04/9/2012" in doc.text
    assert "\nI. MỤC ĐÍCH, YÊU CẦU\n" in doc.text
    assert not is_wrapped(read_source(SEED["cualo"]).text)
    _check_offsets(doc)


@pytest.mark.parametrize(
    "name, dateline, after",
    [
        ("caolanh-kh-2019-xuong-pho-ve-lang-news", "Cập nhật ngày: 15/05/2019 05:51:28", "Ban Dân vận Thành ủy phối hợp"),
        ("haiphong-bcd-hmtn-kh-2018-hanh-trinh-do-news", "Print Thứ Bảy, 26/01/2019 18:16", "Ban Chỉ đạo vận động hiến máu"),
        ("tayninh-bcd-34-kh-bcd-2018-giot-mau-news", "Thứ ba - 15/05/2018 17:00 156 0", "Ngày 09/5/2018, Ban Chỉ đạo"),
    ],
)
def test_a_news_pages_dateline_stays_a_paragraph_of_its_own_in_a_crawl(name, dateline, after):
    """A crawl of a news page wraps the headline, the page's dateline and the article alike; the
    dateline (a date with a time of day) is neither the headline's end nor the article's start."""
    doc = normalize(read_source(CORPORA / "renderings" / f"{name}.crawl.txt"))
    assert f"\n{dateline}\n{after}" in "\n" + doc.text
    _check_offsets(doc)


@pytest.mark.parametrize(
    "name, expected",
    [
        # an item after a line as long as the width ("Điều 2. Giao Giám đốc Sở …" / "1. Tổ chức …", 60 columns)
        ("tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.crawl-narrow", "\nĐiều 2. Giao Giám đốc Sở Giáo dục và Đào tạo\n1. Tổ chức chỉ đạo"),
        # labels alone on their line ("1." / "Nhiệm vụ …"), in a text too wide to be taken for wrapped (110 columns)
        ("quangngai-1627-qd-ubnd-2025-ke-hoach-kiem-ke-tai-san-cong.crawl-wide", "\n1. Nhiệm vụ của thành viên Ban Chỉ đạo\n1.1. Trưởng Ban Chỉ đạo\n"),
        # a numbered heading as long as the width over its bullets ("1. Nâng cao năng lực …" / "- Nội dung thực hiện: …")
        ("cualo-kh-ubnd-2024-tieu-du-an-1.crawl-narrow", "\n1. Nâng cao năng lực cho cán bộ thông tin cơ sở\n- Nội dung thực hiện:"),
        # a news page's headline over its first sentence
        ("byt-kh-2024-thang-hanh-dong-attp-news.crawl-narrow", "Lập 5 đoàn liên ngành kiểm tra an toàn thực phẩm\nBộ Y tế vừa ký"),
        # a decision's authority line, not split after its position
        ("tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.crawl-wide", "\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\nCăn cứ"),
    ],
)
def test_crawls_of_other_widths_keep_items_headlines_and_authority_lines(name, expected):
    doc = normalize(read_source(CORPORA / "renderings" / f"{name}.txt"))
    assert expected in doc.text
    _check_offsets(doc)


def test_a_place_name_cut_by_a_line_end_is_joined_and_a_headline_is_not_run_into_a_name():
    # the Gia Lai news page (VOV, 2022) wrapped at 140 columns; the Trà Vinh police page at 45
    raw = ("Gia Lai đặt mục tiêu giảm 2% hộ nghèo trong năm 2022\nVOV.VN - Theo Kế hoạch 314/KH-UBND về thực hiện chương "
           "trình mục tiêu quốc gia về giảm nghèo bền vững năm 2022 mới ban hành, UBND tỉnh Gia\nLai yêu cầu các địa phương.\n")
    assert "UBND tỉnh Gia Lai yêu cầu" in normalize(_raw(raw)).text
    raw = "date 2020-12 Chiều 15-12, Công an tỉnh Trà\nVinh tổ chức lễ ra quân đợt cao điểm.\n" + "Nội dung của bài viết, một dòng khá dài.\n" * 25
    assert "Công an tỉnh Trà Vinh tổ chức" in normalize(_raw(raw)).text


def test_a_number_cut_in_a_narrow_cell_after_its_hyphen_goes_on_with_its_code():
    # Nghệ An 3783/QĐ-UBND (2025, a thuvienphapluat page in the wild archive): "Số: 3783/QĐ-" / "UBND" / "|" / place-date
    text = normalize(_raw("|\nSố: 3783/QĐ-\nUBND\n|\n*Nghệ An, ngày\n20 tháng 11 năm 2025*\n|\n", "markdown")).text
    assert "3783/QĐ-UBND" in text and "UBND Nghệ An" not in text
    text = normalize(_raw("Số: 12/\nKH-UBND\nHà Nội, ngày 5 tháng 3 năm 2025\n")).text
    assert "12/KH-UBND" in text
    # a crawl wrapped at its width, the number cut where the column ended
    body = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; căn cứ Nghị định của Chính phủ về thủ tục "
            "hành chính và các văn bản hướng dẫn thi hành có liên quan đến lĩnh vực nội vụ trên địa bàn tỉnh. ") * 20
    wrapped = "Số: 3783/QĐ-\nUBND\n" + "\n".join(textwrap.wrap(body, 60)) + "\n"
    assert is_wrapped(wrapped) and "3783/QĐ-UBND" in normalize(_raw(wrapped)).text


def test_a_bold_run_broken_over_lines_is_one_line_but_a_signatures_lines_stay_apart():
    from trichxuat.normalize import markdown_bold_breaks

    text = "**TM. ỦY BAN\nNHÂN DÂN**\nCHỦ TỊCH\n**KT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH**\n**TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH**"
    assert [text[a:b] for a, b, _ in markdown_bold_breaks(text)] == ["\n"]  # only inside "TM. ỦY BAN / NHÂN DÂN"
    from trichxuat import extract

    r = extract(FIXTURES / "wild" / "tnt-24c7124ec6b2bf61.md")  # Cần Thơ 153/KH-UBND (2025)
    assert (r.signer.mode, r.signer.on_behalf_of, r.signer.position, r.signer.name) == ("TM.", "Ủy ban nhân dân", "Chủ tịch", "Trương Cảnh Tuyên")
    # Quảng Trị 2828/QĐ-UBND (2025, wild archive): the mode alone on its line, a space inside the closing marks
    text = "**KT.\nCHỦ TỊCH **\nPHÓ CHỦ TỊCH\nHoàng Xuân Tân"
    assert [text[a:b] for a, b, _ in markdown_bold_breaks(text)] == ["\n"] and markdown_bold_breaks(text)[0][0] == 5
    from trichxuat.api import extract_text

    r = extract_text("**ỦY BAN NHÂN DÂN**\n**TỈNH QUẢNG TRỊ**\n\nSố: 2828/QĐ-UBND\n\n**QUYẾT ĐỊNH**\n\nVề việc công bố thủ tục hành chính\n\n"
                     "**Điều 1. **Công bố kèm theo Quyết định này.\n\n|\n|\n**KT.\nCHỦ TỊCH **\nPHÓ CHỦ TỊCH\nHoàng Xuân Tân\n|\n",
                     fmt="markdown")
    assert (r.signer.mode, r.signer.position, r.signer.name) == ("KT.", "Phó Chủ tịch", "Hoàng Xuân Tân")


def test_a_pages_title_without_its_marks_is_not_run_into_the_document_in_a_crawl():
    # the Ba Gia school's page (web excerpt) crawled at 60 columns: "KE HOACH SINH HOAT NGOAI KHOA THANG 11" over "SỞ GD-ĐT …"
    page = (CORPORA / "web-excerpts" / "thpt-bagia-23-kh-2017-ngoai-khoa.txt").read_text()
    crawl = "\r\n".join(ln for para in page.split("\n") if para.strip() for ln in textwrap.wrap(para.strip(), 60, break_long_words=False)) + "\r\n"
    text = normalize(_raw(crawl)).text
    assert "THANG 11\nSỞ GD-ĐT QUẢNG NGÃI" in text
    from trichxuat.api import extract_text

    assert extract_text(crawl).issuer.name == "Trường THPT Ba Gia"


def test_a_range_of_years_cut_after_its_dash_is_one_range():
    # Đắk Lắk 0134/KH-UBND crawled at 45 columns: "3. Thời gian thực hiện: Từ năm 2026 -" / "2030."
    text = normalize(_raw("3. Thời gian thực hiện: Từ năm 2026 -\n2030.\nII. NỘI DUNG KẾ HOẠCH\n")).text
    assert "Từ năm 2026 - 2030." in text
    from trichxuat import extract

    r = extract("KẾ HOẠCH\nQuan trắc môi trường\n\nI. MỤC ĐÍCH\n\n3. Thời gian thực hiện: Từ năm 2026 -\n2030.\n\nII. NỘI DUNG\nNội dung.\n")
    assert (r.period.start_year, r.period.end_year) == (2026, 2030)


def test_a_line_of_an_empty_emphasis_run_is_no_bullet():
    # Cần Thơ 2665/QĐ-UBND and Đồng Nai 2815/QĐ-UBND (2025, wild archive): "* *" over "*Nơi nhận:*"
    from trichxuat.api import extract_text

    r = extract_text("**QUYẾT ĐỊNH**\n\nVề việc công bố thủ tục hành chính\n\n**Điều 1.** Công bố kèm theo Quyết định này.\n\n|\n* *\n"
                     "*Nơi nhận:*\n- Như Điều 3;\n- UBND thành phố;\n- Lưu: VT, HCC, PV.\n|\n**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n"
                     "**Nguyễn Văn Khởi**\n|\n", fmt="markdown")
    assert [x.name for x in r.recipients] == ["Như Điều 3", "UBND thành phố"] and r.archive == "VT, HCC, PV"


def test_ocr_misreadings_of_digits_inside_dates_are_fixed_only_for_ocr_text():
    from trichxuat.ingest.base import RawDocument
    from trichxuat.normalize import normalize

    # the scanned decision 707/QĐ-TTg, as Tesseract reads its third legal basis
    text = "Căn cứ Luật Phòng, chống rửa tiền ngày 15 tháng 1] năm 2022;\nLớp l] và năm học"
    ocr = normalize(RawDocument(text=text, format="pdf", uri=None, sha256="", ocr=True))
    assert "ngày 15 tháng 11 năm 2022" in ocr.text and "Lớp l]" in ocr.text
    typed = normalize(RawDocument(text=text, format="text", uri=None, sha256=""))
    assert "tháng 1] năm" in typed.text


def test_words_a_copy_split_apart_are_joined_back_and_abbreviations_left_alone():
    # tvpl 167/KH-UBND (2022): the portal's copy splits words into pieces
    doc = normalize(read_source(CORPORA / "tvpl-excerpts" / "tvpl-167-kh-ubnd-2022-519712.txt"))
    assert "thực hiện K ế t" not in doc.text
    assert "Kết luận số 45-KL/TW ngày 01 tháng 02 năm 2019" in doc.text
    assert "Chỉ thị số 18-CT/TW của Ban Bí thư" in doc.text
    assert "kiểm tra, đôn đốc" in doc.text
    i = doc.text.index("Kết luận số 45")
    assert doc.raw.text[doc.raw_offset(i) : doc.raw_offset(i) + 5] == "K ế t"  # spans still reach the source
    assert "split_syllables" in doc.applied


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Chỉ thị s ố 18-CT/TW", "Chỉ thị số 18-CT/TW"),  # tvpl 167
        ("bảo dư ỡ ng hệ t hố ng kết cấu", "bảo dư ỡng hệ thống kết cấu"),  # tvpl excerpts: "ng" ends "ỡ", not starts "hệ"
        ("trá n h ùn tắc", "trá n h ùn tắc"),  # ambiguous: left as it is rather than "hùn"
        ("đảm bảo TT ATGT", "đảm bảo TT ATGT"),
        ("tại điểm b khoản 1, các điểm a và c khoản 2", "tại điểm b khoản 1, các điểm a và c khoản 2"),
        ("bà B và ông A", "bà B và ông A"),
    ],
)
def test_split_words_rule(text, expected):
    assert normalize(RawDocument(text=text, format="text", uri=None, sha256="")).text == expected


def test_a_table_written_one_line_per_cell_becomes_pipe_rows_and_keeps_its_offsets():
    """A converter's table: each cell between lines holding only "|", two of them ending a row; a
    paragraph between two such tables stands apart, and the two-column header block is left alone."""
    cells = lambda *row: "\n".join(["|", *[c + "\n|" for c in row]])  # noqa: E731
    table = "\n".join(cells(*r) for r in (("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"), ("1", "Xây dựng\nkế hoạch", "Sở Tài chính", "Quý IV/2026"),
                                          ("2", "Số hóa dữ liệu", "Sở Xây dựng", "2027"), ("3", "Tập huấn", "Sở Nội vụ", "2026")))
    raw = "|\nỦY BAN NHÂN DÂN\nTỈNH X\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n\nPHỤ LỤC\n" + table + "\nGhi chú: hết bảng.\n"
    doc = normalize(_raw(raw, "markdown"))
    lines = doc.text.split("\n")
    assert "1 | Xây dựng kế hoạch | Sở Tài chính | Quý IV/2026" in lines
    assert "TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian" in lines and "PHỤ LỤC" in lines
    assert "Ghi chú: hết bảng." in lines  # the paragraph after the table is not a cell
    at = doc.text.index("Sở Tài chính")
    assert raw[doc.offsets[at] : doc.offsets[at] + len("Sở Tài chính")] == "Sở Tài chính"
    assert "ỦY BAN NHÂN DÂN" in doc.text and "TỈNH X" in doc.text  # a two-cell block is not a table


def test_a_portals_attribute_panel_in_cells_is_not_made_a_table():
    """The same "|" lines around a portal's labels and values ("**Số hiệu:**" / "|" / "37563/…")
    are an attribute panel, read by its labels: not rewritten."""
    panel = "\n".join(["|", "**Số hiệu:**", "|", "37563/CHQ-GSQL", "|", "|", "**Loại văn bản:**", "|", "Công văn", "|", "**Nơi ban hành:**", "|",
                       "Cục Hải quan", "|", "|", "**Người ký:**", "|", "Nguyễn Văn A", "|", "**Ngày ban hành:**", "|", "21/11/2025", "|", "|",
                       "**Ngày hiệu lực:**", "|", "21/11/2025", "|", "**Tình trạng:**", "|", "Đã biết", "|"])
    doc = normalize(_raw(panel + "\n\nNội dung.\n", "markdown"))
    assert "Số hiệu: | 37563" not in doc.text and "Loại văn bản" in doc.text


def test_html_tags_left_in_a_text_copy_are_removed_and_offsets_kept():
    # a document-sharing site's copy: "<b>KẾ HOẠCH </b>", "<i><sub>Đạ Tông, ngày …</sub></i>"
    raw = (CORPORA / "web-excerpts" / "thcs-liengtrang-kh-ltr-2012-khai-giang.txt").read_text(encoding="utf-8")
    doc = normalize(_raw(raw))
    assert "stray_markup" in doc.applied and "<b>" not in doc.text and "<sub>" not in doc.text
    assert "Số: / KH- LTR Đạ Tông, ngày 31 tháng 8 năm 2012\nKẾ HOẠCH" in doc.text
    _check_offsets(doc)
    # one "<" in a sentence is not markup
    plain = "Tỷ lệ hộ nghèo <b> giảm; chỉ số a < b và c > d."
    assert normalize(_raw(plain)).text == plain


def test_words_a_copy_glued_together_are_parted():
    # Thanh Hóa 3398/QĐ-UBND as copied by a web site: "ngày29/3/2013", "thực hiệnQuyết định"
    raw = (CORPORA / "web-excerpts" / "thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt").read_text(encoding="utf-8")
    doc = normalize(_raw(raw))
    assert "glued_words" in doc.applied
    assert "ngày 29/3/2013 của Trưởng ban" in doc.text and "thực hiện Quyết định số 409/QĐ-TTg" in doc.text
    _check_offsets(doc)
    # codes and names with inner capitals stay whole
    for word in ("VssID", "eKYC", "iPhone", "HĐND-UBND", "TTg", "mRNA"):
        assert normalize(_raw(f"Ứng dụng {word} trên toàn quốc.")).text == f"Ứng dụng {word} trên toàn quốc."


def test_a_preamble_sentence_is_not_joined_to_the_titles_last_line():
    # Lào Cai 3024/KH-SCT as pdftotext -layout: the centred title's last line is as wide as the text,
    # "       Căn cứ Luật Quản lý, sử dụng vũ khí, …" opens the preamble
    raw = (CORPORA / "renderings" / "laocai-sct-3024-kh-sct-2026.lo-pdftotext-layout.txt").read_text(encoding="utf-8")
    doc = normalize(_raw(raw))
    assert re.search(r"trên địa bàn tỉnh Lào Cai\n\s*Căn cứ Luật Quản lý, sử dụng vũ khí", doc.text)


def test_a_cell_table_whose_rows_leave_their_last_cells_empty_keeps_its_first_column():
    # Nghệ An 980/KH-UBND (wild): "TT | Nội dung thực hiện | Cơ quan chủ trì | … | Sản phẩm dự kiến"
    # right under the signature block; most rows have no "Sản phẩm" cell
    raw = (FIXTURES / "wild" / "tnt-c5d930a5fc8373cd.md").read_text(encoding="utf-8")
    doc = normalize(_raw(raw, "markdown"))
    assert "TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm dự kiến" in doc.text
    _check_offsets(doc)


def test_a_label_alone_on_its_line_keeps_its_item_when_the_item_opens_with_a_basis_word():
    # Quảng Ngãi 1627's 60-column crawl: "**1." / "**Trên cơ sở nội dung Kế hoạch nêu trên, các sở, …": the label
    # and its item are one line, though "Trên cơ sở" elsewhere opens a paragraph of its own
    text = normalized_text(CORPORA / "renderings" / "quangngai-1627-qd-ubnd-2025-ke-hoach-kiem-ke-tai-san-cong.crawl-narrow.txt")
    assert "\n1. Trên cơ sở nội dung Kế hoạch nêu trên, các sở, ban, ngành tỉnh" in text


def test_a_range_of_years_whose_dash_pdftotext_dropped():
    # pdftotext joins "GIAI ĐOẠN 2013-" / "2016" as a hyphenated word: "20132016" (Thanh Hóa 3398/QĐ-UBND printed, plain text)
    text = normalize(_raw("TỈNH THANH HÓA GIAI ĐOẠN 20132016\nSố điện thoại 19002016; năm 20262020\n")).text
    assert "GIAI ĐOẠN 2013-2016" in text and "19002016" in text and "20262020" in text


def test_lines_of_two_columns_side_by_side_are_never_one_paragraph():
    # pdftotext -layout of a printed plan (Đắk Lắk 0134/KH-UBND, corpora/renderings: printed-layout): a text that
    # reads as wrapped, whose closing block stands in two columns
    body = "\n".join(["Nội dung của kế hoạch quan trắc môi trường nuôi trồng thủy sản được triển khai tại các vùng"] * 12)
    closing = ("Nơi nhận:" + " " * 62 + "TM. ỦY BAN NHÂN DÂN\n" + "- Bộ Nông nghiệp và Môi trường (b/c);" + " " * 40 + "KT. CHỦ TỊCH\n"
               + "- CT, các PCT UBND tỉnh;" + " " * 52 + "PHÓ CHỦ TỊCH\n")
    text = normalize(_raw(body + "\n" + closing)).text
    assert "TM. ỦY BAN NHÂN DÂN\n- Bộ Nông nghiệp" in text and "KT. CHỦ TỊCH\n- CT, các PCT" in text


def test_bold_marks_at_line_edges_of_a_text_copy_of_markdown():
    # Tuy Phước's plan (a seed, Markdown) saved as text: "**TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH**"
    # keeps its signature's mode line, as the Markdown reading does
    from trichxuat import extract
    from trichxuat.api import extract_text

    md = SEED["tuyphuoc"].read_text(encoding="utf-8")
    assert "**TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**" in md
    as_markdown, as_text = extract(SEED["tuyphuoc"]), extract_text(md, fmt="text")
    assert as_text.signer.on_behalf_of == as_markdown.signer.on_behalf_of == "Ủy ban nhân dân"
    assert (as_text.signer.mode, as_text.signer.name) == ("KT.", "Nguyễn Hùng Tân")
    # a lone pair of stars inside a line is left alone
    from trichxuat.normalize import text_emphasis_edges

    assert text_emphasis_edges("Tỷ lệ 2**3 và 4**5\n") == []


def test_a_bracket_a_pdf_line_end_left_open_after_its_colon_is_one_paragraph():
    # Quảng Ngãi 1627/QĐ-UBND printed to PDF, as pdftotext -layout reads its section 1.3 (renderings/sweep.py --printed):
    # the heading's bracket opens "(gồm các Sở:" and closes two lines down; the bullet under it stays its own line
    text = ("1.3. Các cơ quan quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở:\n"
            "Xây dựng, Nông nghiệp và Môi trường, Công Thương, Tài chính, Khoa\n"
            "học và Công nghệ, Văn hóa, Thể thao và Du lịch)\n"
            "- Phối hợp hướng dẫn các cơ quan, tổ chức, đơn vị, địa phương thực hiện kiểm kê.\n")
    out = normalize(_raw(text)).text
    assert "(gồm các Sở: Xây dựng, Nông nghiệp và Môi trường, Công Thương, Tài chính, Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch)\n- Phối hợp" in out
    # a colon that ends a line outside any bracket still ends it
    assert "Trong đó:\n- Thu" in normalize(_raw("1. Dự toán kinh phí năm 2026. Trong đó:\n- Thu và phân tích mẫu: 1.364.329.243 đồng.\n")).text
    # printed with the office's narrower column: the bracket opens on the heading's next line ("(gồm …" under the
    # heading, a note of it), or a PDF's paragraphs split inside it ("… Công" / blank / "Thương, …)")
    for text in ("1.3. Các cơ quan quan tham mưu quản lý ngành, lĩnh vực\n(gồm các Sở: Xây dựng, Nông nghiệp và Môi trường, Công\n"
                 "Thương, Tài chính, Khoa học và Công nghệ, Văn hóa, Thể\nthao và Du lịch)\n- Phối hợp hướng dẫn các cơ quan thực hiện kiểm kê.\n",
                 "1.3. Các cơ quan quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Nông nghiệp và Môi trường, Công\n\n"
                 "Thương, Tài chính, Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch)\n- Phối hợp hướng dẫn các cơ quan thực hiện kiểm kê.\n"):
        assert "lĩnh vực (gồm các Sở: Xây dựng, Nông nghiệp và Môi trường, Công Thương, Tài chính, Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch)\n- Phối" \
            in normalize(_raw(text)).text
    # a title's "(Kèm theo …)" line under it is no note of a numbered heading
    assert "2030\n(Kèm theo" in normalize(_raw("KẾ HOẠCH\nThực hiện Đề án giai đoạn 2026 - 2030\n(Kèm theo Quyết định số 12/QĐ-UBND)\n")).text


def test_a_range_or_a_party_number_cut_after_its_hyphen_is_one_word():
    # Lào Cai Sở Công Thương, plan for Đề án 08 (2026), printed with the office's columns, as pdftotext -layout reads it:
    # "giai đoạn 2026-" / "2030", "Nghị quyết số 35-" / "NQ/TU": one word again, no space inside
    from trichxuat.api import extract_text

    r = extract_text("KẾ HOẠCH\nThực hiện Đề án số 08 về phát triển công nghiệp tỉnh\nLào Cai theo hướng xanh, hiện đại giai đoạn 2026-\n2030\n\n"
                     "Căn cứ Nghị quyết số 35-\nNQ/TU ngày 29/12/2025 của Tỉnh ủy Lào Cai về phát triển công nghiệp;\n\n"
                     "I. MỤC ĐÍCH\n1. Sở Công Thương chủ trì thực hiện Kế hoạch.\n")
    assert r.title == "Thực hiện Đề án số 08 về phát triển công nghiệp tỉnh Lào Cai theo hướng xanh, hiện đại giai đoạn 2026-2030"
    assert [(b.number, b.date) for b in r.legal_bases] == [("35-NQ/TU", "2025-12-29")]
    # a range written with spaces keeps them
    assert "2026 - 2030" in normalize(_raw("giai đoạn 2026 -\n2030 của tỉnh.\n")).text


def test_rows_of_a_table_in_wrapped_text_stay_one_line_each():
    # Nghị quyết 03/NQ-CP's task table printed and read by pdftotext -layout: its rows, rewritten as " | " lines, sit
    # in text wrapped at the page's width; reflowing that text must neither join rows (nor the header to the line
    # above it) nor break a row before a bullet inside its task cell (row 14: "… (i) Tháo gỡ … - Sửa đổi …")
    doc = normalize(read_source(FIXTURES / "layout" / "cp-03-printed-layout-excerpt.txt"))
    assert {"layout_tables", "reflow_wrapped"} <= set(doc.applied)
    rows = [line for line in doc.text.split("\n") if " | " in line]
    assert [r.split(" | ")[0] for r in rows] == ["TT", "I.", *[f"{n}." for n in range(1, 14)], "II.", "14.", "15.", "16.", "17."]
    assert all(r.count(" | ") == 5 for r in rows if not r.startswith(("I.", "II.")))
    row14 = next(r for r in rows if r.startswith("14. | "))
    assert "để tạo điều kiện thuận lợi cho viên chức" in row14 and row14.split(" | ")[2].startswith("Bộ Khoa học và Công nghệ")
    at = doc.text.index("Sửa đổi một số quy định trong Luật Viên chức")  # a bullet's words, where the PDF put them
    assert all(doc.raw.text[doc.raw_offset(i)] == doc.text[i] for i in range(at, at + 44) if doc.text[i] != " ")

