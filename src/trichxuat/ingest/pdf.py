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
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO

from ..errors import InputError


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    conf: float = 100.0  # OCR words: Tesseract's confidence


@dataclass
class PdfLine:
    glyphs: list[Glyph]
    segments: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, text) split at column gaps
    table: list[str] | None = None  # a table row's cells
    words: bool = False  # glyphs are OCR words, not characters

    @property
    def x0(self) -> float:
        return self.segments[0][0] if self.segments else 0.0

    @property
    def x1(self) -> float:
        return self.segments[-1][1] if self.segments else 0.0

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs) if self.glyphs else 0.0

    @property
    def text(self) -> str:
        if self.table is not None:
            return " | ".join(self.table)
        return "   ".join(s for _, _, s in self.segments)


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


def open_pdf(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e).lower()
        if "password" in message:
            raise InputError(name, "is a password-protected (encrypted) PDF") from None
        raise InputError(name, f"is not a readable PDF ({e})") from None


def load_page(pdf, i: int, notes: list[str] | None):
    """A page, or None when pdfium cannot load it (a damaged page object): the record says so."""
    import pypdfium2 as pdfium

    try:
        return pdf[i]
    except pdfium.PdfiumError:
        if notes is not None:
            notes.append(f"page {i + 1} is damaged and could not be read: skipped")
        return None


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
        try:
            left, bottom, right, top = textpage.get_charbox(i, loose=True)  # font metrics: one height per line
        except Exception:
            continue
        if right <= 0 and top <= 0:
            continue
        glyphs.append(Glyph(ch, left, right, height - top, height - bottom))
    return glyphs


def _lines(glyphs: list[Glyph]) -> list[PdfLine]:
    """Group glyphs into lines by vertical position, left to right; split lines at column gaps."""
    real = [g for g in glyphs if g.text.strip()]
    if not real:
        return []
    sizes = [g.bottom - g.top for g in real if g.bottom > g.top]
    size = statistics.median(sizes) if sizes else 10.0
    # loose boxes share their lower edge along a line (accents only raise the top)
    glyphs = sorted(glyphs, key=lambda g: (g.bottom, g.x0))
    lines: list[list[Glyph]] = []
    for g in glyphs:
        if lines and abs(g.bottom - _base(lines[-1])) < size * 0.4:
            lines[-1].append(g)
        else:
            lines.append([g])
    out = []
    for line in lines:
        line.sort(key=lambda g: g.x0)
        out.append(PdfLine(glyphs=line, segments=_segments(line, size)))
    return [ln for ln in out if ln.segments]


def _base(line: list[Glyph]) -> float:
    return statistics.median(g.bottom for g in line)


def _segments(line: list[Glyph], size: float, words_mode: bool = False) -> list[tuple[float, float, str]]:
    """Text of a line split at column gaps; ``words_mode`` for OCR words (always a space between)."""
    segments: list[tuple[float, float, str]] = []
    buf: list[str] = []
    x0 = x1 = None
    for g in line:
        if not g.text.strip():
            if buf and buf[-1] != " ":
                buf.append(" ")
            continue
        own = (g.bottom - g.top) or size  # the glyph's own size: recipients are set smaller than the body
        if x1 is not None and g.x0 - x1 > size * 2.2:  # a column gap
            segments.append((x0, x1, "".join(buf).strip()))
            buf, x0 = [], None
        elif x1 is not None and (words_mode or g.x0 - x1 > own * 0.2) and buf and buf[-1] != " ":
            buf.append(" ")
        if x0 is None:
            x0 = g.x0
        buf.append(g.text)
        x1 = g.x1
    if buf and "".join(buf).strip():
        segments.append((x0, x1, "".join(buf).strip()))
    return [(a, b, unicodedata.normalize("NFC", t)) for a, b, t in segments]


_LABEL = re.compile(r"^(?:[-–+•]|[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|Điều\s+\d+|Căn cứ|Thực hiện|Nơi nhận)")
@cache
def _type_names() -> re.Pattern[str]:
    """A line that is a document's type name in capitals (resources/doc_types.yaml): the end of the header."""
    from .. import resources

    names = sorted((t["name"].upper() for t in resources.load("doc_types") if "cited_as" not in t), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(map(re.escape, names)) + r")$")


@cache
def recipients_heading() -> re.Pattern[str]:
    """ "Nơi nhận" (resources/structure.yaml): where the closing zone of a page begins."""
    from .. import resources

    return re.compile(resources.load("structure")["recipients_heading"], re.I)


def _two_columns(lines: list[PdfLine], width: float) -> list[str]:
    """A two-column block, one column after the other: left cells, then right cells."""
    left, right = [], []
    for ln in lines:  # the cells of one side of a line are one line ("Hà Nội, ngày    tháng    năm 2026")
        sides: dict[bool, list[str]] = {True: [], False: []}
        for x0, x1, text in _split_at_middle(ln, width):
            sides[(x0 + x1) / 2 < width * 0.5].append(text)
        if sides[True]:
            left.append(" ".join(sides[True]))
        if sides[False]:
            right.append(" ".join(sides[False]))
    return left + [""] + right


def median_height(glyphs) -> float:
    """The usual height of a line's glyphs (OCR words): the size gaps are measured against."""
    heights = sorted(g.bottom - g.top for g in glyphs)
    return (heights[len(heights) // 2] if heights else 0.0) or 10.0


def _split_at_middle(ln: PdfLine, width: float) -> list[tuple[float, float, str]]:
    """An OCR line of a two-column block that runs across the middle of the page ("THỦ TƯỚNG
    CHÍNH PHỦ CỘNG HÒA XÃ HỘI …", the columns closer than a column gap): split at the widest gap
    between words near the middle, when it is wider than a word space."""
    if not ln.words or len(ln.segments) != 1 or not (ln.x0 < width * 0.45 and ln.x1 > width * 0.55):
        return ln.segments
    words = sorted(ln.glyphs, key=lambda g: g.x0)
    gaps = [(b.x0 - a.x1, i) for i, (a, b) in enumerate(zip(words, words[1:])) if width * 0.3 < a.x1 < width * 0.7]
    if not gaps:
        return ln.segments
    gap, i = max(gaps)
    size = median_height(words)
    if gap < size * 0.8:
        return ln.segments
    return _segments(words[: i + 1], size, words_mode=True) + _segments(words[i + 1 :], size, words_mode=True)


def layout_page(lines: list[PdfLine], width: float, first_page: bool) -> list[str]:
    """Lines of one page as text: blocks rebuilt, paragraphs rejoined, page numbers dropped."""
    if not lines:
        return []
    # running page numbers: a line with only a number at the top or the bottom of the page
    lines = [ln for i, ln in enumerate(lines) if not (re.fullmatch(r"\d{1,3}", ln.text.strip()) and (i < 2 or i >= len(lines) - 2))]
    out: list[str] = []
    i = 0
    if first_page:  # the header block: everything above the type name
        type_names = _type_names()
        end = next((j for j, ln in enumerate(lines) if type_names.match(ln.text.strip())), None)
        if end is not None and end <= 12:
            out += _two_columns(lines[:end], width) + [""]
            i = end
    recipients = recipients_heading()
    closing = next((j for j in range(i, len(lines)) if lines[j].segments and recipients.match(lines[j].segments[0][2])), None)
    body = lines[i : closing if closing is not None else len(lines)]
    out += _paragraphs(body)
    if closing is not None:
        out += [""] + _two_columns(lines[closing:], width)
    return out


def _paragraphs(lines: list[PdfLine]) -> list[str]:
    """Join the wrapped lines of a paragraph: a line that reaches the right margin continues into
    the next one unless that one is indented or begins a list item."""
    if not lines:
        return []
    text_lines = [ln for ln in lines if ln.table is None and len(ln.segments) == 1]
    left = min((ln.x0 for ln in text_lines), default=0.0)
    right = max((ln.x1 for ln in text_lines), default=0.0)
    out: list[str] = []
    prev: PdfLine | None = None
    for ln in lines:
        t = ln.text.strip()
        wrapped = prev is not None and prev.table is None and ln.table is None and len(prev.segments) == 1 and len(ln.segments) == 1 and prev.x1 >= right - 30 and ln.x0 <= left + 8 and bool(out)
        # a full line that stops mid-sentence and a next line that starts with a dash: the dash is
        # a hyphen of the text ("Festival Thăng Long" / "- Hà Nội, lần thứ II"), not a new item
        dash_continues = wrapped and t[:2] in ("- ", "– ") and not re.search(r"[.;:!?…”\")]\s*$", out[-1] if out else "")
        joinable = wrapped and (not _LABEL.match(t) or dash_continues)
        if joinable:  # a code or range cut at its hyphen ("5969/QĐ-" / "UBND") joins without a space
            out[-1] = out[-1] + ("" if re.search(r"\w-$", out[-1]) and t[:1].isalnum() else " ") + t
        else:
            out.append(t)
        prev = ln
    return out


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
            page = pdf.pages[i]
            for table in page.find_tables():
                rows = [[" ".join((c or "").split()) for c in row] for row in table.extract()]
                if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                    found.setdefault(i, []).append((table.bbox, rows))
    return found


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
        per_page.append((_lines(glyphs), width))
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


def read_pdf(data: bytes, name: str, limits) -> "RawDocument":
    """A PDF → RawDocument: the text layer when it is usable, else OCR of the page images."""
    from .base import RawDocument
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
