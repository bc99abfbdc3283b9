"""The OCR layout steps on word boxes as Tesseract gives them for the scanned decision 707/QĐ-TTg
(page 1 header, page 2 signature block; boxes in points). The whole scan is read in test_pdf.py."""

from __future__ import annotations

from trichxuat.ingest.ocr import _region_line, drop_margin_notes, layout_words
from trichxuat.ingest.pdf import Glyph


def _line(words: list[tuple[str, float, float]], top: float, height: float = 12.5, conf: float = 95.0) -> list[Glyph]:
    return [Glyph(text, x0, x1, top, top + height, conf) for text, x0, x1 in words]


HEADER = [
    _line([("THT", 534.0, 564.0)], 4.0, 30.0),  # written by hand in the top margin
    _line([("THỦ", 117, 144), ("TƯỚNG", 148, 197), ("CHÍNH", 201, 245), ("PHỦ", 249, 276), ("CỘNG", 289, 327), ("HÒA", 331, 360),
           ("XÃ", 364, 382), ("HỘI", 386, 412), ("CHỦ", 416, 444), ("NGHĨA", 448, 492), ("VIỆT", 496, 528), ("NAM", 531, 562)], 64.0),
    _line([("Độc", 338, 361), ("lập", 366, 384), ("-", 388, 392), ("Tự", 397, 415), ("do", 418, 432), ("-", 437, 441),
           ("Hạnh", 445, 477), ("phúc", 482, 511)], 85.0),
    _line([("QUYẾT", 280, 326), ("ĐỊNH", 335, 370)], 181.0),
]


def test_a_note_in_the_top_margin_is_left_out_and_the_header_columns_are_split():
    lines, dropped = drop_margin_notes(HEADER, 848.0)
    assert dropped == "THT" and len(lines) == 3
    text = layout_words(lines, 602.0, first_page=True)
    # one OCR line ran across both columns (13 pt between "PHỦ" and "CỘNG"): split at that gap
    assert text.splitlines()[:3] == ["THỦ TƯỚNG CHÍNH PHỦ", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def test_the_first_line_stays_when_it_is_not_in_the_margin():
    lines, dropped = drop_margin_notes(HEADER[1:], 848.0)
    assert dropped is None and len(lines) == 3


def test_a_signature_line_read_through_a_seal_is_matched_to_the_vocabulary():
    through_seal = [Glyph("PHƯO*WHỦ", 405, 450, 140, 154, 0.0), Glyph("TƯỚNG", 467, 518, 142, 154, 88.0)]
    (line,) = _region_line(through_seal)
    assert line.text == "PHÓ THỦ TƯỚNG"
    # strokes of the seal: only the confident words with letters are kept, and here none is
    assert _region_line([Glyph("/62)", 375, 386, 162, 170, 0.0), Glyph("2h", 388, 420, 158, 168, 28.0)]) == []
    name = [Glyph("Văn", 452, 476, 238, 248, 96.0), Glyph("Thắng", 480, 519, 235, 251, 95.0)]
    assert [w.text for w in _region_line(name)] == ["Văn", "Thắng"]
