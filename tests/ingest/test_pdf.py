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
def test_a_legacy_font_text_layer_is_detected_and_read_by_ocr():
    path = DOCS / "laocai-dkt-1105-kh-dkt-2026.pdf"
    import pypdfium2 as pdfium

    layer = pdfium.PdfDocument(str(path))[0].get_textpage().get_text_range()
    assert garbage_ratio(layer) > 0.2  # "6Ӣ CÔNG 7+ѬѪ1*"
    record = extract(path)
    assert record.source.ocr and record.number.raw == "1105/KH-ĐKT"
    assert record.issued.date == "2026-03-10" and record.issuer.parent == "Sở Công Thương"
    assert any(w.code == "ocr" and "unreadable" in w.message for w in record.warnings)


def test_without_tesseract_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(InputError, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        read_source(DOCS / "ttg-707-qd-ttg-2026-ke-hoach-chong-rua-tien-SCANNED.pdf")


def test_page_limits():
    with pytest.raises(InputError, match="has 20 pages"):
        read_source(DOCS / "hanoi-2280-qd-ubnd-2026-ke-hoach-thoat-nuoc.pdf", Limits(max_pages=10))
