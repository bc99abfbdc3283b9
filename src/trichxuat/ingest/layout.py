"""Page layout shared by the PDF text layer, OCR and the legacy-font decoder: glyphs (characters
or OCR words with their boxes) grouped into lines, lines split at column gaps, the two-column
header and closing blocks rebuilt one column after the other, wrapped lines of a paragraph joined.
Each reader turns its own input into Glyphs; what a page *is* (its blocks and their order) is
decided here once."""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import cache


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


def group_lines(glyphs: list[Glyph]) -> list[PdfLine]:
    """Group glyphs into lines by vertical position, left to right; split lines at column gaps."""
    real = [g for g in glyphs if g.text.strip()]
    if not real:
        return []
    sizes = [g.bottom - g.top for g in real if g.bottom > g.top]
    size = statistics.median(sizes) if sizes else 10.0
    # loose boxes share their lower edge along a line (accents only raise the top)
    glyphs = sorted(glyphs, key=lambda g: (g.bottom, g.x0))
    lines: list[list[Glyph]] = []
    band: tuple[float, float] = (0.0, 0.0)  # the vertical extent of the current line's first glyph
    for g in glyphs:
        if lines and (abs(g.bottom - _base(lines[-1])) < size * 0.4 or _same_band(g, band)):
            lines[-1].append(g)
            if band[1] <= band[0] and g.text.strip():  # the line began with a space (no height): its first letter gives the band
                band = (g.top, g.bottom)
        else:
            lines.append([g])
            band = (g.top, g.bottom) if g.text.strip() else (0.0, 0.0)
    out = []
    for line in lines:
        line.sort(key=lambda g: g.x0)
        out.append(PdfLine(glyphs=line, segments=line_segments(line, size)))
    return [ln for ln in out if ln.segments]


def _same_band(g: Glyph, band: tuple[float, float]) -> bool:
    """Glyphs of another font whose loose boxes reach deeper (a bold label "1. Thời gian:" beside
    its value, a list number set by LibreOffice) still lie across the same line: their boxes
    overlap the line's band by most of the smaller height."""
    overlap = min(g.bottom, band[1]) - max(g.top, band[0])
    return overlap > 0 and overlap >= 0.6 * min(g.bottom - g.top, band[1] - band[0])


def _base(line: list[Glyph]) -> float:
    return statistics.median(g.bottom for g in line)


def line_segments(line: list[Glyph], size: float, words_mode: bool = False) -> list[tuple[float, float, str]]:
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
    """A line of a two-column block that runs across the middle of the page ("THỦ TƯỚNG CHÍNH PHỦ
    CỘNG HÒA XÃ HỘI …", "ỦY BAN NHÂN DÂN THÀNH PHỐ CỘNG HÒA …": the columns closer than a column gap,
    in an OCR page or a PDF printed from a two-column table): split at the widest gap between words
    (OCR) or characters (a text layer) near the middle, when it is wider than a word space."""
    if len(ln.segments) != 1 or not (ln.x0 < width * 0.45 and ln.x1 > width * 0.55):
        return ln.segments
    glyphs = sorted((g for g in ln.glyphs if g.text.strip()), key=lambda g: g.x0)
    gaps = [(b.x0 - a.x1, i) for i, (a, b) in enumerate(zip(glyphs, glyphs[1:])) if width * 0.3 < a.x1 < width * 0.7]
    if not gaps:
        return ln.segments
    gap, i = max(gaps)
    size = median_height(glyphs)
    if gap < size * 0.8:
        return ln.segments
    return line_segments(glyphs[: i + 1], size, words_mode=ln.words) + line_segments(glyphs[i + 1 :], size, words_mode=ln.words)


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
        # the closing block ends where an appendix begins on the same page: its heading ("Phụ lục", a type
        # name) or a table's row; what follows is body again
        end = next((j for j in range(closing + 1, len(lines)) if lines[j].table is not None or _appendix_start().match(lines[j].text.strip())), len(lines))
        out += [""] + _two_columns(lines[closing:end], width)
        if end < len(lines):
            out += [""] + _paragraphs(lines[end:])
    return out


@cache
def _appendix_start() -> re.Pattern[str]:
    """An appendix's heading ("Phụ lục", "PHỤ LỤC I") or a type name in capitals alone on its line."""
    from .. import resources

    return re.compile(resources.load("structure")["appendix_heading"] + "|" + _type_names().pattern)


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
