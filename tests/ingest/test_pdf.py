"""PDF ingestion on the real PDFs of the development corpus."""

from __future__ import annotations

import pytest

from trichxuat import extract
from trichxuat.errors import InputError
from trichxuat.ingest import ocr
from trichxuat.ingest.base import Limits, read_source
from trichxuat.ingest.pdf import garbage_ratio

from ..conftest import CORPORA

DOCS = CORPORA / "dev-docs"
needs_ocr = pytest.mark.skipif(not ocr.available(), reason=ocr.INSTALL)


@pytest.fixture(scope="module")
def decision():
    return extract(DOCS / "hanoi-2280-qd-ubnd-2026-ke-hoach-thoat-nuoc.pdf", include_text=True)


def test_two_column_blocks_are_rebuilt_one_column_after_the_other(decision):
    text = decision.text
    assert text.startswith("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố:")
    assert "\nNơi nhận:\n- Đ/c Bí thư Thành ủy;" in text
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrương Việt Dũng" in text
    s = decision.signer
    assert (s.name, s.position, s.mode, s.on_behalf_of) == ("Trương Việt Dũng", "Phó Chủ tịch", "KT.", "Ủy ban nhân dân")


def test_text_not_in_nfc_and_wrapped_lines_are_repaired(decision):
    import unicodedata

    assert unicodedata.is_normalized("NFC", decision.text)
    assert "Căn cứ Luật Xây dựng ngày 18/6/2014; Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày 17/6/2020;" in decision.text
    assert [b.title for b in decision.legal_bases if b.doc_type == "Luật"] == [
        "Tổ chức chính quyền địa phương", "Xây dựng", "sửa đổi, bổ sung một số điều của Luật Xây dựng"]


def test_spans_carry_the_page(decision):
    assert decision.number.span.page == 1
    assert decision.signer.span.page == 1
    assert max(s.span.page for s in decision.sections) > 5  # the attached plan's sections are on later pages
    assert decision.source.pages == 20


@needs_ocr
def test_numbers_and_dates_stamped_by_the_signing_software_are_read(decision):
    assert (decision.number.raw, decision.issued.date) == ("2280/QĐ-UBND", "2026-04-29")
    assert any(w.code == "ingest" and "stamped" in w.message for w in decision.warnings)


@needs_ocr
@needs_ocr
def test_a_legacy_font_text_layer_is_detected_and_decoded_with_a_key_learned_from_ocr():
    path = DOCS / "laocai-dkt-1105-kh-dkt-2026.pdf"
    import pypdfium2 as pdfium

    layer = pdfium.PdfDocument(str(path))[0].get_textpage().get_text_range()
    assert garbage_ratio(layer) > 0.2  # "6Ӣ CÔNG 7+ѬѪ1*"
    record = extract(path, include_text=True)
    assert record.source.ocr and record.number.raw == "1105/KH-ĐKT"
    assert record.issued.date == "2026-03-10" and record.issuer.parent == "Sở Công Thương"
    assert any(w.code == "ocr" and "unreadable" in w.message for w in record.warnings)
    assert any(w.code == "ocr" and "decoded with a key learned from OCR" in w.message for w in record.warnings)
    # OCR alone read "Kiêm tra việc chầp hành … vật liệu nô công nghiệp" and "ĐOÀN KIÊM TRA"; the
    # decoded layer has the document's own letters (a run of glyph ids restores the hook OCR drops)
    assert record.title == "Kiểm tra việc chấp hành Quy định pháp luật trong sử dụng và bảo quản vật liệu nổ công nghiệp trên địa bàn tỉnh Lào Cai"
    assert record.issuer.name == "Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT"
    assert (record.signer.mode, record.signer.position, record.signer.name) == ("TM.", "Trưởng đoàn", "Hoàng Văn Thuân")
    assert "vật liệu nổ công nghiệp" in record.text and "\ufffd" not in record.text[:3000]
    assert [t.agency for t in record.tasks][:4] == [
        "Hoàng Văn Thuân - Trưởng đoàn", "Đỗ Mạnh Cường - Phó Trưởng đoàn", "Vũ Việt Linh - Thư ký đoàn", "Bùi Việt Cường - Thành viên"
    ]


def test_without_tesseract_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(InputError, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        read_source(DOCS / "ttg-707-qd-ttg-2026-ke-hoach-chong-rua-tien-SCANNED.pdf")


def test_page_limits():
    with pytest.raises(InputError, match="has 20 pages"):
        read_source(DOCS / "hanoi-2280-qd-ubnd-2026-ke-hoach-thoat-nuoc.pdf", Limits(max_pages=10))


@pytest.fixture(scope="module")
def scanned_decision(tmp_path_factory):
    """The first two pages of the scanned decision 707/QĐ-TTg (header, Articles 1-3, recipients and
    the signature under the seal): the whole 21-page scan takes minutes to OCR."""
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(str(DOCS / "ttg-707-qd-ttg-2026-ke-hoach-chong-rua-tien-SCANNED.pdf"))
    part = pdfium.PdfDocument.new()
    part.import_pages(scan, [0, 1])
    path = tmp_path_factory.mktemp("scan") / "ttg-707-pages-1-2.pdf"
    part.save(str(path))
    return extract(path, include_text=True)


@needs_ocr
def test_a_scan_keeps_its_header_apart_from_the_stamps_and_notes_on_it(scanned_decision):
    r = scanned_decision
    codes = [w.code for w in r.warnings]
    # "TTĐT" written by hand in the top margin is not the issuer's first line
    assert any(w.code == "ocr" and "top margin" in w.message for w in r.warnings)
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == ("Thủ tướng Chính phủ", "central", None)
    # the seal of the receiving office lies over "Về việc"; Article 1 repeats the title
    assert r.title.startswith("Về việc ban hành Kế hoạch hành động quốc gia về phòng, chống rửa tiền, tài trợ khủng bố")
    assert "title_from_article_1" in codes and r.genre == "decision"
    # the number and the day are handwritten: not legible, said so, not guessed
    assert r.number.raw is None and "number_unreadable" in codes
    assert (r.issued.year, r.issued.month, r.issued.day, r.issued.place) == (2026, 4, None, "Hà Nội")
    assert [lb.title for lb in r.legal_bases][:2] == ["Tổ chức Chính phủ", "Ngân hàng Nhà nước Việt Nam"]
    # OCR reads "khủng bỗ": the law is matched to laws.yaml across the mark, and said so
    assert "Phòng, chống khủng bố" in [lb.title for lb in r.legal_bases] and "citation_title_respelled" in codes


@needs_ocr
def test_a_signature_block_under_a_seal_is_read_on_its_own(scanned_decision):
    # Tesseract's layout analysis takes the block for a picture; the second pass reads its name
    assert any(w.code == "ocr" and "read on its own" in w.message and "Văn Thắng" in w.message for w in scanned_decision.warnings)
    # only the column beside "Nơi nhận" is searched: the receiving office's stamp on page 1 stays out
    assert not any(w.message.startswith("page 1: a region") for w in scanned_decision.warnings)
    signer = scanned_decision.signer
    assert signer.name is not None and signer.name.endswith("Văn Thắng")
    # "PHƯO*WHỦ TƯỚNG" through the seal is closest to "PHÓ THỦ TƯỚNG"; the "KT." above it is not
    # legible, and a deputy signs KT. for the head: inferred, with a warning
    assert (signer.position, signer.mode) == ("Phó Thủ tướng", "KT.")
    assert "signer_mode_inferred" in [w.code for w in scanned_decision.warnings]
    # the ring of the seal hides "Nguyễn": the name read starts with a middle name, and says so
    partial = next(w for w in scanned_decision.warnings if w.code == "signer_name_partial")
    assert "Văn Thắng" in partial.message and "seal" in partial.message


def test_a_hyphen_that_ends_a_line_is_kept_and_the_code_rejoined():
    # Hà Nội 173/KH-UBND, page 5: "Quyết định số 5969/QĐ-" at the end of a line, "UBND ngày …" on the
    # next; pdfium reports that hyphen as U+FFFE
    record = extract(DOCS / "hanoi-173-kh-ubnd-2026-festival.pdf", include_text=True)
    assert "Quyết định số 5969/QĐ-UBND ngày 28/11/2025" in record.text
    assert ("Quyết định", "5969/QĐ-UBND") in [(c.doc_type, c.number) for c in record.references]


def test_a_printed_head_whose_columns_run_close_is_split_at_the_middle():
    # Hà Nội 308/KH-UBND printed to PDF from a two-column table (corpora/renderings: printed): "ỦY BAN NHÂN
    # DÂN THÀNH PHỐ" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" on one baseline, closer than a column gap
    from trichxuat import extract

    r = extract(CORPORA / "renderings" / "hanoi-308-kh-ubnd-2025-du-lieu-chuyen-doi-so.printed.pdf")
    assert (r.issuer.name, r.issuer.level) == ("Ủy ban nhân dân thành phố Hà Nội", "province")
    assert r.number.raw == "308/KH-UBND" and str(r.issued.date) == "2025-11-17"


def test_a_printed_plan_keeps_its_words_its_signature_and_its_appendix_table():
    # Đắk Lắk 0134/KH-UBND and Lào Cai's plan on Chỉ thị 11 printed to PDF by Chromium (corpora/renderings: printed):
    # space glyphs whose boxes sit inside the next word ("Bộ N ông n ghiệp"), an appendix that begins after the
    # signature, a task table over pages with a row split by a page break
    from trichxuat.ingest import read_source

    text = read_source(CORPORA / "renderings" / "daklak-0134-kh-ubnd-2025-quan-trac-moi-truong-thuy-san.printed.pdf").text
    assert "- Bộ Nông nghiệp và Môi trường (b/c);" in text and "PHÓ CHỦ TỊCH\nTrương Công Thái" in text
    r = extract(CORPORA / "renderings" / "laocai-ubnd-kh-chi-thi-11-khoang-san-2026-DRAFT.printed.pdf")
    assert r.signer.name == "Nguyễn Thành Sinh" and len(r.tasks) >= 59
    # the rows after a split row (the two split rows themselves lose their lead to the page break)
    assert any(t.agency == "Thuế" and t.text.startswith("Kiểm tra, đối chiếu khối lượng") for t in r.tasks)
    assert any(t.text.startswith("Đẩy nhanh công tác bồi thường, giải phóng mặt bằng") for t in r.tasks)
