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


def test_type_name_a_copy_misread_in_a_collapsed_header_is_not_the_type_its_title_cites():
    # Ninh Thuận's 361/KH-UBND as thuvienphapluat collapses it ("… năm 2024 KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 31/CT-TTG …"),
    # its type name misread ("KẾ HOOẠcH", a doubled letter and one set in small): the Chỉ thị its title cites is not its type
    from .conftest import CORPORA

    text = (CORPORA / "tvpl-excerpts" / "tvpl-361-kh-ubnd-2024-600710.txt").read_text(encoding="utf-8")
    assert "năm 2024 KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 31/CT-TTG" in text
    r = extract_text(text.replace("năm 2024 KẾ HOẠCH", "năm 2024 KẾ HOOẠcH", 1))
    assert (r.genre, r.document_type.code) == ("plan", "KH")
    assert r.title.startswith("Thực hiện Chỉ thị số 31/CT-TTg ngày 21/12/2023 của Thủ tướng Chính phủ")
    assert "type_name_misread" in {w.code for w in r.warnings}
    # with no type name at all, the title's "CHỈ THỊ SỐ 31" is still no type name: the number's code says the type
    lost = extract_text(text.replace("năm 2024 KẾ HOẠCH THỰC HIỆN", "năm 2024 THỰC HIỆN", 1))
    assert (lost.genre, lost.document_type.code) == ("plan", "KH")


def test_decision_type_name_misread_under_its_head_before_the_attached_plan():
    # Quảng Ngãi's 1627/QĐ-UBND (a page's crawl): "QUYẾT ĐỊnH" right under the number and date is the decision's type
    # name, not the attached plan's exact "KẾ HOẠCH" forty lines down
    from .conftest import CORPORA

    text = (CORPORA / "renderings" / "quangngai-1627-qd-ubnd-2025-ke-hoach-kiem-ke-tai-san-cong.crawl-wide.txt").read_text(encoding="utf-8")
    assert text.count("**QUYẾT ĐỊNH**") == 1 and "**KẾ HOẠCH**" in text
    r = extract_text(text.replace("**QUYẾT ĐỊNH**", "**QUYẾT ĐỊnH**"))
    assert (r.genre, r.document_type.code) == ("decision", "QĐ")
    assert r.title.startswith("Về việc ban hành Kế hoạch kiểm kê tài sản công")
    # the same decision as a collapsed header, its type name in bold after the date ("… năm 2025* ** **QUYẾT ĐỊnH**")
    collapsed = (CORPORA / "renderings" / "quangngai-1627-qd-ubnd-2025-ke-hoach-kiem-ke-tai-san-cong.collapsed.txt").read_text(encoding="utf-8")
    assert collapsed.count("**QUYẾT ĐỊNH**") == 1
    r = extract_text(collapsed.replace("**QUYẾT ĐỊNH**", "**QUYẾT ĐỊnH**"))
    assert (r.genre, r.document_type.code, r.signer.name) == ("decision", "QĐ", "Nguyễn Ngọc Sâm")
    assert "document_type_from_number" not in {w.code for w in r.warnings}  # the type name line itself was read
    assert r.title.startswith("Về việc ban hành Kế hoạch kiểm kê tài sản công")
    # a misread line is the closest of all types, taken when that one is a plan's or a decision's: a regulation's
    # "QUY ĐỊnH" is no "QUYẾT ĐỊNH"
    from trichxuat.structure import type_name_misread

    assert type_name_misread("QUY ĐỊnH") is None and type_name_misread("QUYẾT ĐỊnH")["code"] == "QĐ"


def test_decision_whose_title_misread_its_plan_issues_it_by_article_one():
    # the Prime Minister's 2623/QĐ-TTg with its title's "KẾ HOẠCH" misread ("KẾẾ HOẠCH"): Article 1 ("Ban hành kèm theo
    # Quyết định này Kế hoạch …") still says the decision issues a plan
    from .conftest import CORPORA

    text = (CORPORA / "renderings" / "ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.crawl.txt").read_text(encoding="utf-8")
    assert "BAN HÀNH KẾ HOẠCH TRIỂN KHAI" in text
    r = extract_text(text.replace("BAN HÀNH KẾ HOẠCH TRIỂN KHAI", "BAN HÀNH KẾẾ HOẠCH TRIỂN KHAI"))
    assert (r.genre, r.document_type.code) == ("decision", "QĐ")
    assert "not_a_plan" not in {w.code for w in r.warnings}
