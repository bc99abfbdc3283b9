"""OCR misreadings of a real plan's outline (metamorphic: the Cửa Lò seed with the errors Tesseract
makes on scans): a heading misread in its marks and a Roman numeral misread still give the same
tasks, with warnings that say what was read."""

from __future__ import annotations

from trichxuat import extract
from trichxuat.api import extract_text

from .conftest import SEED


def _tasks(record):
    return [(t.agency, t.role, t.text) for t in record.tasks]


def test_heading_misread_in_its_marks_and_a_repeated_numeral():
    text = SEED["cualo"].read_text(encoding="utf-8")
    assert "V. TỔ CHỨC THỰC HIỆN" in text and "IV. KINH PHÍ" in text
    misread = text.replace("V. TỔ CHỨC THỰC HIỆN", "V. TỐ CHỨC THỤC HIỆN").replace("IV. KINH PHÍ", "III. KINH PHÍ")
    original, ocr = extract(SEED["cualo"]), extract_text(misread)
    assert _tasks(ocr) == _tasks(original) and len(original.tasks) >= 8
    codes = [w.code for w in ocr.warnings]
    assert "heading_read_without_marks" in codes
    # "III." between "III." and "V." is read as the "IV." its neighbours say it is
    assert "outline_numbering_repaired" in codes
    assert [s.label for s in ocr.sections] == [s.label for s in original.sections]


def test_scan_header_type_name_misread_and_date_without_its_day():
    import hashlib

    from trichxuat.ingest.types import RawDocument
    from trichxuat.normalize import normalize
    from trichxuat.pipeline import extract_document

    from .conftest import FIXTURES

    text = (FIXTURES / "ocr" / "bca-589-page1-tesseract.txt").read_text(encoding="utf-8")
    assert "KÉẺ HOẠCH" in text and "Hà Nội,   tháng 10 năm 2025" in text
    raw = RawDocument(text=text, format="pdf", uri="bca-589.pdf", sha256=hashlib.sha256(text.encode()).hexdigest(), ocr=True)
    r = extract_document(normalize(raw))
    assert (r.genre, r.document_type.code) == ("plan", "KH")
    assert r.title.startswith("Tổ chức Hội nghị triển khai Chương trình mục tiêu quốc gia phòng, chống ma tuý")
    assert (r.issued.place, r.issued.year, r.issued.month, r.issued.day) == ("Hà Nội", 2025, 10, None)
    assert {"type_name_misread", "date_partial"} <= {w.code for w in r.warnings}
    assert r.issuer.name == "Bộ Công an"


def test_tone_marks_ocr_lost_in_unit_words_and_positions():
    # Tesseract's reading of Hồ Chí Minh City's 172/KH-UBND and Hà Nội's 308/KH-UBND printed and scanned at 300 dpi
    # (renderings/sweep.py --printed --scanned): "THÀNH PHÔ HỒ CHÍ MINH" (also in the title, cut over two lines),
    # "PHO CHU TỊCH"
    import hashlib

    from trichxuat.ingest.types import RawDocument
    from trichxuat.normalize import normalize
    from trichxuat.pipeline import extract_document

    from .conftest import FIXTURES

    head = (FIXTURES / "ocr" / "hcm-172-printed-scan-head-tesseract.txt").read_text(encoding="utf-8")
    tail = (FIXTURES / "ocr" / "hanoi-308-printed-scan-tail-tesseract.txt").read_text(encoding="utf-8")
    assert "THÀNH PHÔ HỒ CHÍ MINH" in head and "PHO CHU TỊCH" in tail
    text = head + "Thực hiện Quyết định số 1850/QĐ-TTg ngày 27 tháng 8 năm 2025 của Thủ tướng Chính phủ;\nI. MỤC ĐÍCH\nNội dung.\n" + tail
    raw = RawDocument(text=text, format="pdf", uri="x.pdf", sha256=hashlib.sha256(text.encode()).hexdigest(), ocr=True)
    doc = normalize(raw)
    assert "THÀNH PHỐ HỒ CHÍ MINH" in doc.text and "TRÊN ĐỊA BÀN THÀNH\nPHỐ HỒ CHÍ MINH" in doc.text
    r = extract_document(doc)
    assert (r.issuer.name.lower(), r.issuer.level) == ("ủy ban nhân dân thành phố hồ chí minh", "province")
    assert (r.signer.mode, r.signer.position, r.signer.name) == ("KT.", "Phó Chủ tịch", "Trương Việt Dũng")
    # a word that only looks like a unit word, before no place, stays as it was read
    assert "liên quan liên quan năm 2028" in normalize(RawDocument(text="các bộ, ngành liên quan liên quan năm 2028", format="pdf",
                                                                  uri=None, sha256="", ocr=True)).text
