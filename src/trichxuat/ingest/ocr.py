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


def ocr_words(data: bytes, name: str, limits, reason: str, notes: list[str] | None = None) -> list[tuple[list[list], float]]:
    """The words of each page by OCR at 300 dpi (up to ``limits.ocr_pages`` pages): for each page,
    its lines of words (boxes in PDF points from the top of the page) and its width."""
    if not available():
        raise InputError(name, f"needs OCR ({reason}) but Tesseract with Vietnamese is not installed: {INSTALL}")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    if len(pdf) > limits.ocr_pages:
        raise InputError(name, f"needs OCR ({reason}) of {len(pdf)} pages (> limit {limits.ocr_pages}; raise it with --ocr-pages)")
    from .pages import load_page

    pages = []
    scale = 300 / 72
    with tempfile.TemporaryDirectory(prefix="trichxuat-ocr-") as tmp:
        for i in range(len(pdf)):
            image = Path(tmp) / f"p{i}.png"
            page = load_page(pdf, i, notes)
            if page is None:
                pages.append(([], 0.0))
                continue
            width, height = page.get_size()
            page.render(scale=scale, grayscale=True).to_pil().save(image)
            lines, found = ocr_page(image, name, scale)
            lines, dropped = drop_margin_notes(lines, height)
            if notes is not None:
                if dropped:
                    notes.append(f"page {i + 1}: a note in the top margin left out (handwritten routing marks): {dropped!r}")
                for text in found:
                    notes.append(f"page {i + 1}: a region the page layout skipped (under a stamp or a signature) read on its own: {text!r}")
            pages.append((lines, width))
    return pages


# a line that ends within this share of the page height from the top is in the top margin
TOP_MARGIN = 0.05


def drop_margin_notes(lines: list[list], height: float) -> tuple[list[list], str | None]:
    """Scans carry handwritten routing marks in the top margin ("TTĐT" above the header); printed
    text starts below the margin (20-25 mm on official documents), so a line that ends above 5% of
    the page and stands well apart from the next is a note, not the issuer's first line."""
    if len(lines) < 2:
        return lines, None
    first, second = lines[0], lines[1]
    from .layout import median_height

    bottom = max(w.bottom for w in first)
    size = median_height([w for ln in lines for w in ln])
    if bottom < height * TOP_MARGIN and min(w.top for w in second) - bottom > 1.5 * size:
        return lines[1:], " ".join(w.text for w in first)
    return lines, None


def layout_words(lines: list[list], width: float, first_page: bool) -> str:
    """OCR lines of words as text, with the layout of a text layer (columns from gaps)."""
    from .layout import PdfLine, layout_page, line_segments, median_height

    out = [PdfLine(glyphs=words, segments=line_segments(words, median_height(words), words_mode=True), words=True) for words in lines]
    return "\n".join(layout_page(out, width, first_page=first_page))


# words Tesseract reads with less confidence are specks, stamp rims and signature strokes
MIN_WORD_CONFIDENCE = 15
# second pass: ink regions no word covers (a signature block under a stamp, which the page layout
# analysis takes for a picture), read as a block of text; their words need this confidence
MIN_REGION_CONFIDENCE = 50


def ocr_lines(image: Path, name: str, scale: float, psm: str = "4", offset: tuple[int, int] = (0, 0), min_conf: float = MIN_WORD_CONFIDENCE):
    """Words of each line Tesseract finds, with their boxes in PDF points (for the same layout as a
    text layer: columns from gaps, header and signature blocks rebuilt). Lines go in the order of
    their baselines: one tall word (a stamp's stroke through it) does not move its line up."""
    from .layout import Glyph

    tsv = ocr_image(image, name, extra=["-l", "vie", "--psm", psm, "tsv"])
    lines: dict[tuple[int, int, int], list[Glyph]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        if float(cols[10]) < min_conf:
            continue
        left, top, w, h = ((int(c) + o) / scale for c, o in zip(cols[6:10], (*offset, 0, 0)))
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        lines.setdefault(key, []).append(Glyph(cols[11], left, left + w, top, top + h, float(cols[10])))
    return _ordered(list(lines.values()))


def _ordered(lines: list[list]) -> list[list]:
    def baseline(ws):
        bottoms = sorted(w.bottom for w in ws)
        return bottoms[len(bottoms) // 2]

    return [sorted(ws, key=lambda w: w.x0) for ws in sorted((ws for ws in lines if ws), key=baseline)]


def uncovered_regions(image, lines: list[list], scale: float, cell: int = 16, min_cells: int = 60) -> list[tuple[int, int, int, int]]:
    """Pixel boxes of inked regions that no OCR word covers, largest first (at most four)."""
    import numpy as np

    ink = np.asarray(image.convert("L")) < 140  # a new, writable array
    pad = 6
    for ws in lines:
        for w in ws:
            x0, x1 = max(int(w.x0 * scale) - pad, 0), int(w.x1 * scale) + pad
            y0, y1 = max(int(w.top * scale) - pad, 0), int(w.bottom * scale) + pad
            ink[y0:y1, x0:x1] = False
    h, w = ink.shape
    gh, gw = h // cell, w // cell
    blocks = ink[: gh * cell, : gw * cell].reshape(gh, cell, gw, cell)
    # a cell counts when its ink spreads over rows and columns: strokes, not a table's rules
    rows, cols = blocks.any(axis=3).sum(axis=1), blocks.any(axis=1).sum(axis=2)
    grid = (blocks.sum(axis=(1, 3)) >= 12) & (rows >= 5) & (cols >= 5)
    seen = np.zeros_like(grid)
    regions = []
    for y in range(gh):
        for x in range(gw):
            if not grid[y, x] or seen[y, x]:
                continue
            stack, cells = [(y, x)], []
            seen[y, x] = True
            while stack:
                cy, cx = stack.pop()
                cells.append((cy, cx))
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        ny, nx = cy + dy, cx + dx
                        if 0 <= ny < gh and 0 <= nx < gw and grid[ny, nx] and not seen[ny, nx]:
                            seen[ny, nx] = True
                            stack.append((ny, nx))
            ys, xs = [c[0] for c in cells], [c[1] for c in cells]
            if len(cells) >= min_cells and max(ys) - min(ys) >= 3 and max(xs) - min(xs) >= 3:
                regions.append((len(cells), (min(xs) * cell, min(ys) * cell, (max(xs) + 1) * cell, (max(ys) + 1) * cell)))
    return [box for _, box in sorted(regions, reverse=True)[:4]]


def _merge(lines: list[list], extra: list[list]) -> list[list]:
    """Lines of a second pass join the first-pass line at their height (the other column of it)."""
    out = [list(ws) for ws in lines]
    for ws in extra:
        top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
        host = None
        for line in out:
            lt, lb = min(w.top for w in line), max(w.bottom for w in line)
            if min(bottom, lb) - max(top, lt) > 0.5 * min(bottom - top, lb - lt):
                host = line
                break
        if host is not None and not any(w.x0 < o.x1 and o.x0 < w.x1 for w in ws for o in host):
            host.extend(ws)
        else:
            out.append(list(ws))
    return _ordered(out)


@cache
def _signature_vocabulary() -> list[str]:
    """The lines a signature block is made of, in capitals: "PHÓ THỦ TƯỚNG", "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"."""
    from .. import resources

    table = resources.load("signature")
    positions = list(table["positions"])
    lines = positions + [f"{mode} {p}" for mode in table["modes"] if mode != "TM." for p in positions]
    return list(dict.fromkeys(lines + [f"TM. {body}" for body in table["bodies"]]))


def _overlap(a, b) -> float:
    """Intersection over the smaller box: a word the first pass already read."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(min((a.x1 - a.x0) * (a.bottom - a.top), (b.x1 - b.x0) * (b.bottom - b.top)), 1e-6)


def _region_line(words: list) -> list:
    """A line of the second pass: its confident words with letters; or, when the line as a whole
    reads as a signature-block line (OCR through a stamp: "PHQHỦ TƯỚNG"), that line, spelled right."""
    from rapidfuzz import fuzz, process

    from .layout import Glyph

    if not words:
        return []
    text = " ".join(w.text for w in words)
    ranked = process.extract(text, _signature_vocabulary(), scorer=fuzz.ratio, limit=2) if len(text) >= 6 else []
    # close to one line of the vocabulary, or clearly closer to it than to any other
    best = ranked[0] if ranked and (ranked[0][1] >= 80 or (ranked[0][1] >= 70 and ranked[0][1] - ranked[1][1] >= 4)) else None
    if best and best[0] != text:
        return [Glyph(best[0], words[0].x0, words[-1].x1, min(w.top for w in words), max(w.bottom for w in words), best[1])]
    return [w for w in words if w.conf >= MIN_REGION_CONFIDENCE and any(c.isalpha() for c in w.text)]


def ocr_page(image_path: Path, name: str, scale: float) -> tuple[list[list], list[str]]:
    """Lines of words of one page image: Tesseract's pass over the page, then, on the page that
    closes with "Nơi nhận", a pass over each inked region of the signature column it left unread
    (the layout analysis takes a signature block under a stamp for a picture); what the second
    pass added is reported."""
    from PIL import Image

    lines = ocr_lines(image_path, name, scale)
    found: list[str] = []
    from .layout import recipients_heading

    closing = next((ws for ws in lines if recipients_heading().match(" ".join(w.text for w in ws[:3]))), None)
    if closing is None:  # only the signature block beside "Nơi nhận" is looked for
        return lines, found
    zone = (min(w.top for w in closing) - 3 * (closing[0].bottom - closing[0].top)) * scale
    with Image.open(image_path) as image:
        for x0, y0, x1, y1 in uncovered_regions(image, lines, scale):
            if y0 < zone or x0 < image.width * 0.4:  # the right-hand column of the closing zone
                continue
            crop = image_path.with_name(image_path.stem + f"-r{x0}-{y0}.png")
            image.crop((x0, y0, x1, y1)).save(crop)
            seen = [w for ws in lines for w in ws]
            extra = [
                _region_line([w for w in ws if not any(_overlap(w, o) > 0.3 for o in seen)])
                for ws in ocr_lines(crop, name, scale, psm="6", offset=(x0, y0), min_conf=0)
            ]
            extra = [ws for ws in extra if ws]
            if extra:
                lines = _merge(lines, extra)
                found.append(" / ".join(" ".join(w.text for w in ws) for ws in extra))
    return lines, found


def ocr_image(path: Path, name: str, extra: list[str] | None = None) -> str:
    args = extra if extra is not None else ["-l", "vie", "--psm", "4"]
    try:
        done = subprocess.run(["tesseract", str(path), "stdout", *args], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise InputError(name, "OCR of a page took longer than 300 s") from None
    if done.returncode != 0:
        raise InputError(name, f"OCR failed: {done.stderr.strip()[:200]}")
    return done.stdout
