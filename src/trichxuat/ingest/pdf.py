"""PDF with a text layer: characters and their boxes from pdfium (fast), laid out into lines here.

- lines are rebuilt from positions; a gap of several characters is a column gap;
- the two-column header (issuer | motto, number | place-date) and the closing block (Nơi nhận |
  signature) are rebuilt one column after the other, not interleaved line by line;
- wrapped lines of a paragraph are joined (a full line followed by an unindented one);
- running page numbers are dropped; each page's start offset is kept, so spans carry the page;
- pdfplumber is used only on pages with ruled tables, whose rows become `|`-separated lines.
A text layer that is missing or mojibake (legacy fonts with a broken ToUnicode map) goes to OCR.
"""

from __future__ import annotations

import re
import unicodedata
from io import BytesIO

from ..errors import InputError
from .layout import Glyph, PdfLine, group_lines, layout_page  # noqa: F401  (Glyph, PdfLine: the page model readers share)
from .pages import load_page, open_pdf
from .types import Limits, RawDocument


_VIETNAMESE = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
)


def garbage_ratio(text: str) -> float:
    """Share of letters that are not Vietnamese or Latin: high for legacy-font mojibake."""
    letters = [c for c in unicodedata.normalize("NFC", text) if c.isalpha() or (ord(c) < 32 and c not in "\r\n\t")]
    if not letters:
        return 1.0
    bad = sum(1 for c in letters if c.lower() not in _VIETNAMESE)
    return bad / len(letters)


def _glyphs(textpage, height: float) -> list[Glyph]:
    text = textpage.get_text_range()
    glyphs: list[Glyph] = []
    for i, ch in enumerate(text):
        if ch in "\r\n\x02":
            continue
        if ch == "\ufffe":  # pdfium's mark for a hyphen that ends a line ("5969/QĐ-" / "UBND"): keep it
            ch = "-"
        if unicodedata.combining(ch) and glyphs:  # a combining mark belongs to the letter before it
            glyphs[-1].text += ch
            continue
        if ch == " " and glyphs:  # a space stands after the letter before it (its own box may sit inside the next word: "N ông")
            prev = glyphs[-1]
            glyphs.append(Glyph(ch, prev.x1, prev.x1, prev.top, prev.bottom))
            continue
        try:
            left, bottom, right, top = textpage.get_charbox(i, loose=True)  # font metrics: one height per line
        except Exception:
            continue
        if right <= 0 and top <= 0:
            continue
        glyphs.append(Glyph(ch, left, right, height - top, height - bottom))
    return glyphs


def _ruled_pages(pdf, limit: int) -> set[int]:
    """Pages with enough drawn paths to hold a ruled table (cheap to ask pdfium)."""
    import pypdfium2.raw as pdfium_c

    ruled = set()
    for i in range(min(len(pdf), limit)):
        page = load_page(pdf, i, None)
        if page is None:
            continue
        paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2))
        if paths >= 12:
            ruled.add(i)
    return ruled


def _tables(data: bytes, pages: set[int]) -> dict[int, list[tuple[tuple[float, float, float, float], list[list[str]]]]]:
    """Ruled tables of the given pages, by pdfplumber: bounding box and rows of cell texts."""
    import pdfplumber

    found: dict[int, list] = {}
    with pdfplumber.open(BytesIO(data)) as pdf:
        for i in sorted(pages):
            page = pdf.pages[i].filter(_not_shading)
            for table in page.find_tables():
                rows = [[" ".join((c or "").split()) for c in row] for row in table.extract()]
                if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                    found.setdefault(i, []).append((table.bbox, rows))
    return found


def _not_shading(obj: dict) -> bool:
    """A filled box without a border wider and taller than a rule is a paragraph's shading (Word
    and LibreOffice export highlighted paragraphs so), not a table's cell: its edges make no table.
    Thin filled boxes stay: they are how Word draws table borders."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return True
    return min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) <= 2


def _tables_or_note(data: bytes, pages: set[int], notes: list[str]) -> dict[int, list]:
    """pdfminer (under pdfplumber) is stricter than pdfium: a file pdfium repairs may break it.
    Then the pages keep their text, without table rows, and the record says so."""
    try:
        return _tables(data, pages)
    except Exception as e:  # pdfminer raises many kinds on damaged files
        notes.append(f"ruled tables could not be read ({type(e).__name__}); their cells are kept as plain lines")
        return {}


def pdf_text(data: bytes, name: str, max_pages: int, notes: list[str] | None = None) -> tuple[list[str], int, float]:
    """The text of each page, the number of pages, and the share of garbage in the text layer;
    what went wrong on the way is added to ``notes``."""
    pdf = open_pdf(data, name)
    n = len(pdf)
    if n > max_pages:
        raise InputError(name, f"has {n} pages (> limit {max_pages}; raise it with --max-pages)")
    raw_layer = []
    per_page: list[tuple[list[PdfLine], float]] = []
    notes = notes if notes is not None else []
    for i in range(n):
        page = load_page(pdf, i, notes)
        if page is None:
            raw_layer.append("")
            per_page.append(([], 0.0))
            continue
        width, height = page.get_size()
        tp = page.get_textpage()
        glyphs = _glyphs(tp, height)
        raw_layer.append("".join(g.text for g in glyphs))
        per_page.append((group_lines(glyphs), width))
    if n and all(not lines and not w for lines, w in per_page):
        raise InputError(name, f"is a damaged PDF: none of its {n} pages could be read")
    layer = "".join(raw_layer)
    ratio = garbage_ratio(layer) if layer.strip() else 1.0
    if len(layer.strip()) < 40 * n or ratio > 0.05:
        return [], n, ratio
    tables = _tables_or_note(data, _ruled_pages(pdf, n), notes) if n else {}
    texts = []
    for i, (lines, width) in enumerate(per_page):
        for bbox, rows in tables.get(i, []):
            x0, top, x1, bottom = bbox
            inside = [ln for ln in lines if top - 2 <= ln.top <= bottom + 2 and ln.x0 >= x0 - 2]
            if not inside:
                continue
            at = lines.index(inside[0])
            lines = [ln for ln in lines if ln not in inside]
            for r, row in enumerate(rows):
                lines.insert(at + r, PdfLine(glyphs=inside[0].glyphs, segments=[(x0, x1, "")], table=row))
        texts.append("\n".join(layout_page(lines, width, first_page=(i == 0))))
    return texts, n, ratio


def read_pdf(data: bytes, name: str, limits: Limits) -> RawDocument:
    """A PDF → RawDocument: the text layer when it is usable, else OCR of the page images."""
    from . import ocr

    notes: list[str] = []
    texts, n, ratio = pdf_text(data, name, limits.max_pages, notes)
    used_ocr = False
    if not texts:
        reason = "no text layer" if ratio >= 1.0 else f"a legacy-font text layer ({ratio:.0%} unreadable letters)"
        pages = ocr.ocr_words(data, name, limits, reason=reason, notes=notes)
        texts = [ocr.layout_words(lines, width, first_page=(i == 0)) for i, (lines, width) in enumerate(pages)]
        used_ocr = True
        notes.append("no text layer: read by OCR" if ratio >= 1.0 else f"text layer unusable ({ratio:.0%} unreadable letters): read by OCR")
        if ratio < 1.0:  # the layer has the right glyphs under the wrong codes: learn the codes from OCR
            from .decipher import read_layer

            texts = [layer or text for layer, text in zip(read_layer(data, pages, notes), texts)]
    elif ocr.available():
        stamped = stamped_header(data, texts[0])
        if stamped:
            texts[0], what = stamped
            notes.append(f"the {what} of the header, stamped by a digital signature over the blank, read by OCR")
    page_starts, parts, pos = [], [], 0
    for t in texts:
        page_starts.append(pos)
        parts.append(t)
        pos += len(t) + 2
    import hashlib

    return RawDocument(
        text="\n\n".join(parts), format="pdf", uri=name, sha256=hashlib.sha256(data).hexdigest(), pages=n,
        page_starts=page_starts, ocr=used_ocr, notes=notes,
    )


_BLANK_NUMBER = re.compile(r"(?m)^Số\s*:\s*/[^\n]*$")
_BLANK_DATE = re.compile(r"(?m)^(?P<place>[^\n,]{2,40}),[ \t]*ngày[ \t]+tháng[ \t]+năm[ \t]+(?P<y>\d{4})[ \t]*$")


def stamped_header(data: bytes, first_page: str) -> tuple[str, str] | None:
    """Signed copies have the number and date stamped over the blanks by the signing software, as
    annotations outside the text layer: OCR each blank of page 1, drawn with its forms, as digits."""
    number_blank, date_blank = _BLANK_NUMBER.search(first_page), _BLANK_DATE.search(first_page)
    if not (number_blank or date_blank):
        return None
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(data)
    # without forms pdfium does not draw widget appearances; ours have no JavaScript platform (and
    # the pdfium build has no JavaScript engine), so a document's scripts never run
    pdf.init_forms(config=pdfium_c.FPDF_FORMFILLINFO(version=2))
    page = load_page(pdf, 0, None)
    if page is None:
        return None
    if pdfium_c.FPDFPage_GetAnnotCount(page.raw) == 0:
        return None
    tp = page.get_textpage()
    layer = tp.get_text_range()

    def box(i: int):
        return tp.get_charbox(i, loose=True)  # left, bottom, right, top

    def gap(after: str, before: str, start: int = 0) -> tuple[float, float, float, float] | None:
        a = layer.find(after, start)
        b = layer.find(before, a + len(after)) if a >= 0 else -1
        if a < 0 or b < 0 or b - a > 80:
            return None
        left = box(a + len(after) - 1)[2]
        right = box(b)[0]
        bottom, top = box(b)[1], box(b)[3]
        return (left, bottom, right, top) if right - left > 4 else None

    found = []
    number = gap("Số:", "/") if number_blank else None
    if number:
        digits = _ocr_digits(page, number)
        if digits:
            first_page = first_page.replace(number_blank.group(), number_blank.group().replace("Số:", f"Số: {digits}", 1).replace(f"{digits} /", f"{digits}/"), 1)
            found.append("number")
    if date_blank:
        at = layer.find("ngày")
        span = gap("ngày", "năm", max(at - 1, 0))  # "ngày 28 tháng 4 năm": both blanks at once
        read = re.search(r"(\d{1,2})\D{2,12}?(\d{1,2})", _ocr_span(page, span, digits_only=False)) if span else None
        day, month = (read.group(1), read.group(2)) if read else (None, None)
        if day and month and 1 <= int(day) <= 31 and 1 <= int(month) <= 12:
            first_page = first_page.replace(
                date_blank.group(), f"{date_blank.group('place')}, ngày {day} tháng {month} năm {date_blank.group('y')}", 1
            )
            found.append("date")
    return (first_page, " and ".join(found)) if found else None


def _ocr_digits(page, region: tuple[float, float, float, float]) -> str | None:
    """The digits drawn in a region of a page (left, bottom, right, top in PDF points)."""
    digits = re.sub(r"\D", "", _ocr_span(page, region, digits_only=True))
    return digits or None


def _ocr_span(page, region: tuple[float, float, float, float], digits_only: bool) -> str:
    """Text drawn in a region of a page, forms included. Tesseract's English model reads the stamped
    (often italic) digits better than the Vietnamese one."""
    import tempfile
    from pathlib import Path

    from . import ocr

    width, height = page.get_size()
    left, bottom, right, top = region
    crop = (max(left - 4, 0), max(bottom - 8, 0), max(width - right - 4, 0), max(height - top - 8, 0))
    image = page.render(scale=400 / 72, grayscale=True, may_draw_forms=True, crop=crop).to_pil()
    args = ["-l", "eng", "--psm", "7"] + (["-c", "tessedit_char_whitelist=0123456789"] if digits_only else [])
    with tempfile.TemporaryDirectory(prefix="trichxuat-stamp-") as tmp:
        path = Path(tmp) / "span.png"
        image.save(path)
        return ocr.ocr_image(path, "stamp", extra=args)
