"""OCR of page images with Tesseract and its Vietnamese model, for scans and legacy-font PDFs.

Tesseract is a system program (Debian: `apt-get install tesseract-ocr tesseract-ocr-vie`);
where it is missing, a clear error says so and everything else keeps working.
"""

from __future__ import annotations

import shutil
from functools import cache
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

INSTALL = "install Tesseract with its Vietnamese model: apt-get install tesseract-ocr tesseract-ocr-vie"


@cache
def available() -> bool:
    """Tesseract with the Vietnamese model is installed (asked once per process)."""
    if not shutil.which("tesseract"):
        return False
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return False
    return "vie" in langs


def ocr_pdf(data: bytes, name: str, limits, reason: str, notes: list[str] | None = None) -> list[str]:
    """The text of each page of a PDF, by OCR at 300 dpi (up to ``limits.ocr_pages`` pages)."""
    if not available():
        raise InputError(name, f"needs OCR ({reason}) but Tesseract with Vietnamese is not installed: {INSTALL}")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    if len(pdf) > limits.ocr_pages:
        raise InputError(name, f"needs OCR ({reason}) of {len(pdf)} pages (> limit {limits.ocr_pages}; raise it with --ocr-pages)")
    from .pdf import PdfLine, _segments, layout_page, load_page

    texts = []
    scale = 300 / 72
    with tempfile.TemporaryDirectory(prefix="trichxuat-ocr-") as tmp:
        for i in range(len(pdf)):
            image = Path(tmp) / f"p{i}.png"
            page = load_page(pdf, i, notes)
            if page is None:
                texts.append("")
                continue
            width, _ = page.get_size()
            page.render(scale=scale, grayscale=True).to_pil().save(image)
            lines = []
            for words in ocr_lines(image, name, scale):
                size = sorted(w.bottom - w.top for w in words)[len(words) // 2] or 10.0
                lines.append(PdfLine(glyphs=words, segments=_segments(words, size, words_mode=True)))
            texts.append("\n".join(layout_page(lines, width, first_page=(i == 0))))
    return texts


def ocr_lines(image: Path, name: str, scale: float):
    """Words of each line Tesseract finds, with their boxes in PDF points (for the same layout as a
    text layer: columns from gaps, header and signature blocks rebuilt)."""
    from .pdf import Glyph

    tsv = ocr_image(image, name, extra=["-l", "vie", "--psm", "4", "tsv"])
    lines: dict[tuple[int, int, int], list[Glyph]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, w, h = (int(c) / scale for c in cols[6:10])
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        lines.setdefault(key, []).append(Glyph(cols[11], left, left + w, top, top + h))
    ordered = sorted(lines.values(), key=lambda ws: min(w.top for w in ws))
    return [sorted(ws, key=lambda w: w.x0) for ws in ordered]


def ocr_image(path: Path, name: str, extra: list[str] | None = None) -> str:
    args = extra if extra is not None else ["-l", "vie", "--psm", "4"]
    try:
        done = subprocess.run(["tesseract", str(path), "stdout", *args], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise InputError(name, "OCR of a page took longer than 300 s") from None
    if done.returncode != 0:
        raise InputError(name, f"OCR failed: {done.stderr.strip()[:200]}")
    return done.stdout
