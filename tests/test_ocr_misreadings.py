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
