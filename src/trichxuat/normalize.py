"""Normalize: RawDocument → Document (clean text + a map from every character back to the raw text).

Offsets are decided here, once. Each stage is a function ``text -> list[Edit]``; ``_apply`` rewrites
the text and carries the offset map forward, so spans computed later on ``Document.text`` can
always be traced back to the source characters (and so to a page).
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from . import resources
from .ingest.base import RawDocument
from .layout_tables import layout_tables
from .textnorm import is_syllable, is_upper_text, strip_accents

Edit = tuple[int, int, str] | tuple[int, int, str, list[int]]
# replace text[start:end] with str; the list, when given, says where in text each new character was
# (a table whose cells are gathered from several lines); without it every new character stands at start


@dataclass
class Document:
    """The normalized text that every later stage reads, and where it came from."""

    text: str
    raw: RawDocument
    offsets: array = field(repr=False)  # offsets[i]: raw index of text[i]; one extra entry for the end
    portal: str | None = None
    applied: list[str] = field(default_factory=list)  # the stages that changed something

    def raw_offset(self, i: int) -> int:
        return self.offsets[min(max(i, 0), len(self.offsets) - 1)]

    def page_of(self, i: int) -> int | None:
        """1-based page of normalized offset ``i`` (None for unpaged sources)."""
        if not self.raw.page_starts:
            return None
        return bisect_right(self.raw.page_starts, self.raw_offset(i))


def _apply(text: str, offsets: array, edits: list[Edit]) -> tuple[str, array]:
    if not edits:
        return text, offsets
    edits.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = []
    new = array("q")
    pos = 0
    for start, end, repl, *where in edits:
        if start < pos:  # overlapping edit: the earlier one wins
            continue
        out.append(text[pos:start])
        new.extend(offsets[pos:start])
        out.append(repl)
        new.extend([offsets[w] for w in where[0]] if where else [offsets[start]] * len(repl))
        pos = end
    out.append(text[pos:])
    new.extend(offsets[pos:])
    return "".join(out), new


# --- stages -------------------------------------------------------------------------------------

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\u00a0\u2002-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\v]")


_PAGE_NUMBER = r"[ \t]*(?:[-–][ \t]*)?\d{1,3}(?:[ \t]*[-–])?[ \t]*"
_PAGE_BREAK = re.compile(rf"(?:(?<=\n){_PAGE_NUMBER}\n[ \t\n]*)?\f(?:{_PAGE_NUMBER}(?=\n))?")


def line_breaks(text: str) -> list[Edit]:
    edits = [(m.start(), m.end(), "\n") for m in _LINE_BREAKS.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    edits += [(m.start(), m.end(), " ") for m in _SPACES.finditer(text)]
    # a page break, with the page's number on a line of its own before or after it (pdftotext): the number goes
    edits += [(m.start(), m.end(), "\n\n") for m in _PAGE_BREAK.finditer(text)]
    edits += [(m.start(), m.end(), "/") for m in re.finditer("[\u2044\u2215]", text)]  # fraction/division slash (OCR)
    return edits


_COMBINING_RUN = re.compile(r"[^\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff][\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]+")


def nfc(text: str) -> list[Edit]:
    """Compose base letter + combining marks (text from some PDFs) into NFC characters."""
    if unicodedata.is_normalized("NFC", text):
        return []
    edits = []
    for m in _COMBINING_RUN.finditer(text):
        composed = unicodedata.normalize("NFC", m.group())
        if composed != m.group():
            edits.append((m.start(), m.end(), composed))
    return edits


_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})


def icelandic_eth(text: str) -> list[Edit]:
    """``Ð/ð`` (Icelandic eth, U+00D0/U+00F0) typed for Vietnamese ``Đ/đ`` (U+0110/U+0111)."""
    return [(m.start(), m.end(), m.group().translate(_ETH)) for m in re.finditer("[Ðð]", text)]


_MD_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+"), lambda m: ""),  # headings
    (re.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$\n?"), lambda m: ""),  # table rules
    (re.compile(r"(?m)^[ \t]*\|[ \t]*"), lambda m: ""),  # leading table pipe
    (re.compile(r"(?m)[ \t]*\|[ \t]*$"), lambda m: ""),  # trailing table pipe
    (re.compile(r"(?i)<br\s*/?>"), lambda m: "\n"),
    (re.compile(r"\*\*|__(?=\S)|(?<=\S)__"), lambda m: ""),  # bold
    (re.compile(r"(?m)^([ \t]*)\*[ \t]+"), lambda m: m.group(1) + "- "),  # "* item" bullets
    (re.compile(r"(?m)[ \t]{2,}$"), lambda m: ""),  # hard line breaks
]
# second pass, once bold marks are gone ("***Nơi nhận:***")
_MD_INLINE: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])|(?<=[^\s*\\])\*(?![\w*])"), lambda m: ""),  # italics
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), lambda m: m.group(1)),  # escapes
    (re.compile(r"(?m)(?<=\S)[ \t]+\*[ \t]*$"), lambda m: ""),  # an italic closed after a space ("năm 2025; *")
]


@cache
def _date_slots() -> tuple[re.Pattern[str], dict[int, str]]:
    confusions = resources.load("ocr")["date_digit_confusions"]
    chars = "\\d" + "".join(re.escape(c) for c in confusions)
    slots = re.compile(rf"(?<=\bngày )[{chars}]{{1,2}}(?= tháng)|(?<=\btháng )[{chars}]{{1,2}}(?= năm)|(?<=\bnăm )[{chars}]{{4}}\b")
    return slots, str.maketrans(confusions)


def ocr_date_digits(text: str) -> list[Edit]:
    """Digits OCR misread inside a date's numeric slots (resources/ocr.yaml)."""
    slots, digit_for = _date_slots()
    edits = []
    for m in slots.finditer(text):
        fixed = m.group().translate(digit_for)
        if fixed != m.group() and any(c.isdigit() for c in m.group()):  # one digit read right at least
            edits.append((m.start(), m.end(), fixed))
    return edits


def ocr_unit_marks(text: str) -> list[Edit]:
    """A unit word whose tone marks OCR misread ("THÀNH PHÔ HỒ CHÍ MINH", "Tinh Lào Cai") before a place
    the gazetteer knows (gazetteer.unit_without_marks): written as the unit word it is, in the case it was read in."""
    from .gazetteer import gazetteer

    edits = []
    for m in _unit_shapes().finditer(strip_accents(text)):  # (stripping marks keeps every offset: NFC text)
        read = text[m.start() : m.end()]
        unit = gazetteer().unit_without_marks(text[m.start() :])
        if unit is None or re.sub(r"\s+", " ", read.lower()) == unit:
            continue
        spelled = unit.upper() if read.isupper() else unit[:1].upper() + unit[1:] if read[:1].isupper() else unit
        gaps = re.findall(r"\s+", read)  # the words replaced, the space or line end between them kept
        edits.append((m.start(), m.end(), "".join(w + (gaps[i] if i < len(gaps) else "") for i, w in enumerate(spelled.split()))))
    return edits


@cache
def _unit_shapes() -> re.Pattern[str]:
    """The unit words (gazetteer's) without their marks, a line end allowed between their words."""
    from .gazetteer import _UNIT_PREFIXES

    shapes = sorted({strip_accents(u) for u in _UNIT_PREFIXES}, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in shapes) + r")(?![^\W\d_])", re.I)


# A Markdown line that opens a block: a list item, a table row or rule, a heading, a quote, a
# thematic break. Any other line after a non-blank one continues its paragraph (a soft break).
_MD_BLOCK_START = re.compile(r"[ \t]*(?:[-+*][ \t]|\d{1,3}[.)][ \t]|[a-zđ]\)[ \t]|[|#>]|[-*_=]{3,}[ \t]*$)")
_MD_HARD_BREAK = re.compile(r"(?: {2,}|\\|<br\s*/?>)$", re.I)


def _modes() -> set[str]:
    return {m.upper() for m in resources.load("signature")["modes"]}


def _signature_mode(line: str) -> bool:
    return any(line.upper().startswith(m) for m in resources.load("signature")["modes"]) and is_upper_text(line)


def uses_blank_line_paragraphs(text: str) -> bool:
    """A Markdown text whose paragraphs are separated by blank lines (a converter's output), as
    opposed to a text saved as .md with one paragraph per line."""
    lines = [ln for ln in text.split("\n") if not ln.lstrip().startswith("|")]  # a table's rows are not paragraphs
    return len(lines) >= 20 and sum(1 for ln in lines if not ln.strip()) >= len(lines) * 0.1


def markdown_soft_breaks(text: str) -> list[Edit]:
    """Lines of one Markdown paragraph are one line of text, as a Markdown reader shows them:
    converters wrap long paragraphs ("- Cơ quan chủ trì: Bộ Công" / "an."), and a heading or a label
    cut there is lost to the structure."""
    if not uses_blank_line_paragraphs(text):
        return []
    edits = []
    for m in re.finditer(r"[ \t]*\n(?=[^\n])", text):
        line, nxt = _lines_around(text, m.start(), m.end())
        if not line.strip() or _MD_HARD_BREAK.search(text[text.rfind("\n", 0, m.start()) + 1 : m.end() - 1]) or _MD_BLOCK_START.match(nxt):
            continue
        if re.fullmatch(r"[ \t]*[-*_=]{3,}[ \t]*", line) or line.strip() == "|":
            continue  # after a rule or a cell's border the next line opens a block
        # the piece of each line next to the break (a cell's lines are joined by "<br>" or "|")
        bare = re.split(r"<br\s*/?>|\|", line, flags=re.I)[-1].strip(" \t*_")
        nxt_bare = re.split(r"<br\s*/?>|\|", nxt, flags=re.I)[0].strip(" \t*_")
        if _signature_mode(bare) or _signature_mode(nxt_bare):
            continue  # the lines of a signature ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH")
        if is_upper_text(bare) and not is_upper_text(nxt_bare):
            continue  # a line in capitals over one that is not: a heading, a position over a name
        edits.append((m.start(), m.end(), " "))
    return edits


def markdown_cell_lines(text: str) -> list[Edit]:
    """Tables a converter wrote one cell per group of lines, each cell opened and closed by a line
    holding only "|" and each row ended by two of them ("|" / "1" / "|" / "Xây dựng …" / "|" / "Bộ
    Công an" / "|" / "|" / "2" …): written as pipe rows, one line per row, so that task and budget
    tables in this form are read as tables. Only tables of at least three rows of at least three
    cells are rewritten; the two-column header and signature blocks in this form are left as they are.
    Every character of a cell keeps its place: only the line breaks between a cell's lines and its
    bars change."""
    lines: list[tuple[int, int]] = []  # (start, end) of each line
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    bars = [i for i, (a, b) in enumerate(lines) if text[a:b].strip() == "|"]
    edits: list[Edit] = []
    tables, dropped = _cell_tables(bars)

    def labels(table: list[list[int]]) -> int:  # cells that are a label ("**Số hiệu:**"): a portal's panel
        return sum(1 for row in table for a, b in zip(row, row[1:]) if b > a + 1 and text[lines[a + 1][0] : lines[b - 1][1]].strip(" *_").endswith(":"))

    tables = [t for t in tables if labels(t) < 2]
    inside = [(t[0][0], t[-1][-1]) for t in tables]
    for bar in dropped:  # an empty row's bar, with the line break before it
        if any(a < bar < z for a, z in inside):
            edits.append((lines[bar][0] - 1, lines[bar][1], ""))
    for table in tables:
        first, last = lines[table[0][0]], lines[table[-1][-1]]
        if first[0] > 0:  # the table stands apart from the paragraphs around it
            edits.append((first[0] - 1, first[0], "\n\n"))
        if last[1] < len(text):
            edits.append((last[1], last[1] + 1, "\n\n"))
        for row in table:
            for a, b in zip(row, row[1:]):  # "|" + the cell's lines + "|" on one line
                if b == a + 1:  # an empty cell
                    edits.append((lines[a][1], lines[b][0], " "))
                    continue
                edits.append((lines[a][1], lines[a + 1][0], " "))
                for k in range(a + 1, b - 1):
                    edits.append((lines[k][1], lines[k + 1][0], " "))
                edits.append((lines[b - 1][1], lines[b][0], " "))
    return edits


def _cell_tables(bars: list[int], gap: int = 25) -> tuple[list[list[list[int]]], list[int]]:
    """The bars' lines grouped into tables of rows, each row the line numbers of its bars (n cells,
    n + 1 bars), and the bars of empty rows (to drop where they lie in a table). Bars within a cell's length of each other are
    one run; two bars on consecutive lines end a row and start the next (a third one is an empty row
    between them). A table's last row, a paragraph (an appendix's heading) and the next table's first
    row, with no blank line between, read as one long row: it is cut to the width of the rows before
    it and of the rows after it, and what lies between is no cell."""
    runs: list[list[int]] = []
    for bar in bars:
        if runs and bar - runs[-1][-1] <= gap:
            runs[-1].append(bar)
        else:
            runs.append([bar])
    tables: list[list[list[int]]] = []
    dropped: list[int] = []
    for run in runs:
        rows: list[list[int]] = [[run[0]]]
        for bar in run[1:]:
            if bar == rows[-1][-1] + 1:
                if len(rows[-1]) == 1 and len(rows) > 1:  # "|" / "|" / "|": an empty row
                    dropped.append(rows[-1][0])
                    rows[-1] = [bar]
                elif len(rows[-1]) > 1:
                    rows.append([bar])
                else:
                    rows[-1].append(bar)
            else:
                rows[-1].append(bar)

        table: list[list[int]] = []
        for r, row in enumerate(rows):
            cells = len(row) - 1
            after, before = _usual_width(rows[r + 1 : r + 6]), _usual_width(rows[max(0, r - 5) : r])
            if after >= 3 and cells >= after + 2:
                # the next table is as wide as its widest row: rows that leave their last cells empty
                # ("… | Thường xuyên" with no product) are shorter than its header
                after = max(after, _widest(rows[r + 1 : r + 6]))
                if table and before >= 3 and cells - after > before:
                    table.append(row[: before + 1])  # the last row of the table before
                tables.append(table)
                table = [row[cells - after :]]  # the next table's first row
                continue
            table.append(row)
        tables.append(table)
    return [t for t in tables if sum(1 for row in t if len(row) >= 4) >= 3], dropped


def _widest(rows: list[list[int]]) -> int:
    return max((len(x) - 1 for x in rows if len(x) >= 4), default=0)


def _usual_width(rows: list[list[int]]) -> int:
    """The commonest number of cells among rows of three cells or more (0: none)."""
    widths = [len(x) - 1 for x in rows if len(x) >= 4]
    return max(set(widths), key=widths.count) if widths else 0


def markdown_blocks(text: str) -> list[Edit]:
    return _rule_edits(text, _MD_RULES)


_MD_BOLD_SPAN = re.compile(r"\*\*(?=\S)(?:[^*\n]|\n(?![ \t]*\n)){1,150}?(?<=\S)[ \t]*\*\*")  # ("CHỦ TỊCH **": a space inside)


# a line holding only an empty bold or italic run ("* *", "** **"): a converter's trace of an empty cell or paragraph,
# not a bullet ("* *" / "*Nơi nhận:*" read "- * Nơi nhận:" would hide the recipients' heading)
_MD_EMPTY_RUN = re.compile(r"(?m)^[ \t]*(?P<mark>[*_]{1,3})(?:[ \t]+(?P=mark))+[ \t]*$")


def markdown_empty_runs(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in _MD_EMPTY_RUN.finditer(text)]


def markdown_bold_breaks(text: str) -> list[Edit]:
    """A bold run in capitals the converter broke over lines ("**TM. ỦY BAN" / "NHÂN DÂN**", "**CỘNG HÒA XÃ
    HỘI" / "CHỦ NGHĨA VIỆT NAM**") is one line of the document: the signing body, the motto, a heading."""
    positions = set(resources.load("signature")["positions"])
    edits = []
    for m in _MD_BOLD_SPAN.finditer(text):
        if not 0 < m.group().count("\n") <= 2 or not is_upper_text(m.group()):
            continue  # (a run in small letters is a heading or a sentence: the reflow decides about its lines)
        for b in re.finditer(r"[ \t]*\n[ \t]*", m.group()):
            _, nxt = _lines_around(text, m.start() + b.start(), m.start() + b.end())
            nxt = nxt.strip(" *")
            before = m.group()[: b.start() + b.group().index("\n")]  # the line with its trailing spaces
            mode_alone = before.strip(" *").upper() in _modes()
            if not mode_alone and (_MD_HARD_BREAK.search(before) or _signature_mode(nxt) or nxt.upper() in positions):
                continue  # lines of a signature in one bold run ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"), or a hard break
                # (but a mode alone, "**KT." / "CHỦ TỊCH **", is the first words of its position's line)
            edits.append((m.start() + b.start(), m.start() + b.end(), " "))
    return edits


def markdown_inline(text: str) -> list[Edit]:
    return _rule_edits(text, _MD_INLINE)


def _rule_edits(text: str, rules) -> list[Edit]:
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for pattern, repl in rules:
        for m in pattern.finditer(text):
            if m.start() == m.end() and not repl(m):
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            edits.append((m.start(), m.end(), repl(m)))
    return edits


@cache
def _cell_labels() -> re.Pattern[str]:
    labels = sorted({label for p in resources.load("portal")["portals"].values() if p.get("cells") for label in p["attributes"]}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, labels)) + r")\s*:[ \t]*\|[ \t]*(?P<value>[^|\n]*?)[ \t]*\|[ \t]*")


def attribute_cells(text: str) -> list[Edit]:
    """An attribute panel laid out as "|" cells ("Số hiệu: | 143/KH-UBND | Loại văn bản: | … |", the
    document's header often on the same line after it) → a "Label: value" line each, so that the panel
    is read like a portal's and the header starts a line of its own."""
    found = list(_cell_labels().finditer(text[:20000]))
    if len(found) < 3:
        return []
    edits = []
    for m in found:
        value = m.start("value")
        bar = text.index("|", m.start(), value)
        edits.append((bar, value, " ") if m.group("value") else (bar, m.end(), "\n"))  # "Số hiệu: | 143" → "Số hiệu: 143"
        if m.group("value"):
            edits.append((m.end("value"), m.end(), "\n"))
    if text[:1] != "\n" and found[0].start() > 0 and text[found[0].start() - 1] != "\n":
        edits.append((found[0].start(), found[0].start(), "\n"))  # the panel starts its own line
    return edits


def detect_portal(text: str) -> str | None:
    """The portal whose attribute block opens lines of the text, if any."""
    table = resources.load("portal")
    head = text[:20000]
    for name, portal in table["portals"].items():
        if portal.get("cells"):
            continue  # recognised by its "|" cells (attribute_cells)
        labels = sum(1 for label in portal["attributes"] if re.search(rf"(?m)^\s*{re.escape(label)}\s*:", head))
        if labels >= portal["min_labels"]:
            return name
    return None


def site_chrome(text: str, portal: str) -> list[Edit]:
    """Drop a portal's login prompts and repeated banners: they are the site's, not the document's."""
    table = resources.load("portal")
    chrome = re.compile("|".join(f"(?:{p})" for p in table["portals"][portal]["chrome"]), re.I)
    lines = list(re.finditer(r"(?m)^.*$\n?", text))
    counts = Counter(m.group().strip() for m in lines)
    edits = []
    for m in lines:
        line = m.group().strip()
        if not line:
            continue
        banner = len(line) >= table["banner_min_chars"] and counts[line] >= table["banner_min_repeats"]
        if banner or chrome.fullmatch(line):
            edits.append((m.start(), m.end(), ""))
    return edits


_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|sub|sup|span|font|a|small|big|mark)(?:\s[^<>\n]{0,300})?>", re.I)
_BLOCK_TAG = re.compile(r"</?(?:div|p|br|li|ul|ol|tr|td|th|table|tbody|h[1-6])(?:\s[^<>\n]{0,300})?/?>", re.I)
_ENTITY = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{2,5});")


def stray_markup(text: str) -> list[Edit]:
    """HTML tags left in a text or Markdown copy (document-sharing sites give "<b>KẾ HOẠCH </b>",
    "<i><sub>Đạ Tông, ngày …</sub></i>"): inline tags go, block tags end a line, entities are read.
    Only a text with several tags is touched: one "<" is more likely a comparison."""
    if len(_INLINE_TAG.findall(text)) + len(_BLOCK_TAG.findall(text)) < 3:
        return []
    edits: list[Edit] = [(m.start(), m.end(), "") for m in _INLINE_TAG.finditer(text)]
    edits += [(m.start(), m.end(), "\n") for m in _BLOCK_TAG.finditer(text)]
    edits += [(m.start(), m.end(), html.unescape(m.group()).replace("\xa0", " ")) for m in _ENTITY.finditer(text)]
    return sorted(edits)


_EDGE_EMPHASIS = re.compile(r"(?m)^[ \t]*(?:\*\*|__)(?=\S)|(?<=\S)(?:\*\*|__)[ \t]*$")


def text_emphasis_edges(text: str) -> list[Edit]:
    """Markdown's bold marks at a line's edges in a text copy of a Markdown page ("**TM. ỦY BAN NHÂN DÂN" /
    "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH**": a block in bold over several lines), which hide what a line opens
    with (a signature's mode, a heading's label). Only a text with a pair of them or more is touched."""
    found = list(_EDGE_EMPHASIS.finditer(text))
    return [(m.start(), m.end(), "") for m in found] if len(found) >= 2 else []


# A list label ("IV.", "1.2.", "a)", "-"), maybe in bold marks.
_LABEL_MARK = r"[*_]{0,3}(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[-–+•])"
_LABEL_ALONE = re.compile(rf"(?m)^[ \t]*{_LABEL_MARK}(?P<gap>[ \t\r]*\n[ \t]*)(?=[^\s|])")


_LABEL_ONLY = re.compile(rf"[ \t]*{_LABEL_MARK}[*_]{{0,3}}[ \t]*$")


def label_lines(text: str) -> list[Edit]:
    """A list label alone on its line, its text on the next ("1." / "Nhiệm vụ của thành viên …", "-" /
    "Phân công …"; in bold, "**1." / "**Trên cơ sở …"), as copies that kept a hard break after the label
    give it: one line again."""
    return [(m.start("gap"), m.end("gap"), " ") for m in _LABEL_ALONE.finditer(text)]


def whitespace(text: str) -> list[Edit]:
    edits = [(m.start(), m.end(), "") for m in re.finditer(r"(?m)[ \t]+$", text)]
    edits += [(m.start(), m.end(), "\n\n") for m in re.finditer(r"\n(?:[ \t]*\n){2,}", text)]
    lead = re.match(r"\s+", text)
    if lead:
        edits.append((0, lead.end(), ""))
    trail = re.search(r"\s+$", text)
    if trail and trail.start() > 0:
        edits.append((trail.start(), trail.end(), ""))
    return edits


# A paragraph that ends mid-sentence (no closing punctuation) and a next one that begins with a
# lower-case word: a page break (or a wrapped line) cut a sentence. A list label ("a) ") is not a
# continuation.
_CUT = re.compile(r"(?<=[^\s.;:!?/])[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=([^\W\d_])(\S*))")
_LABEL = re.compile(r"^[a-zđ]{1,4}[).]$|^[ivxlc]+\.$")
_COLUMN_GAP = re.compile(r"\S {5,}\S")


def _lines_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The line that ends at ``start`` and the one that begins at ``end`` (a line break between)."""
    stop = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1 : start], text[end : stop if stop >= 0 else len(text)]


def _wrap_width(text: str) -> int | None:
    """The width a text was wrapped at (pdftotext, fixed-width crawls): lines of about one length
    that end mid-sentence; None for text with a paragraph per line."""
    lengths = sorted(len(ln.rstrip()) for ln in text.split("\n") if len(ln.strip()) > 20)
    if len(lengths) < 20:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if width * 0.85 <= n <= width * 1.05)  # most lines run to the same margin
    return width if width <= 120 and near >= len(lengths) * 0.4 else None


# A line that ends with the word that announces a number or a date ("… Quyết định số" / "1850/QĐ-TTg
# …", "… ngày" / "27 tháng 8 …") goes on in the next line, whatever wrapped it.
_NUMBER_CUT = re.compile(r"(?<=\s)(?:số|Số|ngày|tháng|năm)[ \t]*\n[ \t]*(?=\d)(?!\d{1,2}(?:\.\d{1,2})*[.)]\s)(?![^\n]* \| )")  # not before "1. Mục đích", nor a table row
# A document's number never begins a paragraph: "… Quyết" / "định" / "1229/QĐ-UBND ngày …".
# a range of years or numbers cut after its dash ("Từ năm 2026 -" / "2030."): one range
_RANGE_CUT = re.compile(r"(?<=\d)[ \t]*[-–][ \t]*(?P<cut>\n[ \t]*)(?=\d)")
# ... or cut before its dash ("Trong giai đoạn 2026" / "- 2030 phấn đấu …"): not a dash item
_YEAR_RANGE_CUT = re.compile(r"(?<!\w)(?:giai đoạn|thời kỳ|từ|năm)[ \t]+(?:19|20)\d\d(?P<cut>[ \t]*\n[ \t]*)(?=[-–][ \t]*(?:19|20)\d\d(?!\d))", re.I)
# a number cut in a narrow cell after its slash or hyphen ("Số: 3783/QĐ-" / "UBND"): the code goes on, with no space
_NUMBER_CODE_CUT = re.compile(r"(?<=\d)(?:/\d{4})?/(?:[A-ZĐ]{1,8}-)*(?P<cut>[ \t]*\n[ \t]*)(?=[A-ZĐ][A-ZĐ0-9]{0,9}(?:-[A-ZĐ0-9]{1,10})*[ \t]*(?:\n|$))")
# a Party document's number cut after its hyphen ("Đề án 08-" / "ĐA/TU", "Nghị quyết số 35-" / "NQ/TU"): no space
_PARTY_NUMBER_CUT = re.compile(r"(?<=\d-)(?P<cut>[ \t]*\n[ \t]*)(?=[A-ZĐ]{1,6}/[A-ZĐ]{1,8}\b)")
_DOC_NUMBER_CUT = re.compile(r"(?<=[^\s.;:!?])[ \t]*\n[ \t]*(?=\d{1,5}(?:/\d{4})?/[A-ZĐ]{1,6}\b)")


def unit_words(*extra: str) -> str:
    """The administrative units' words (admin_units.yaml: "tỉnh", "thành phố", "xã" …) as a regex
    alternation, longest first."""
    words = {r["prefix"] for r in resources.load("admin_units")} | set(extra)
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _name_goes_on() -> re.Pattern[str]:
    """A line that ends inside a name: a unit word ("… Công an tỉnh") or a capitalised word ("… tỉnh Trà")."""
    units = unit_words("thành phố", "TP.")
    return re.compile(rf"(?:(?<!\w)(?:{units})|(?<!\w)[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)$")


@cache
def _place_cut() -> re.Pattern[str]:
    units = unit_words()
    name = r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*)?"
    return re.compile(rf"(?<!\w)(?:{units})\s+(?P<a>{name})(?P<gap>[ \t]*\n[ \t]*)(?P<b>{name})")


def _place_cuts(text: str) -> list[Edit]:
    """A place's name cut by a line end ("… UBND tỉnh Gia" / "Lai yêu cầu …"): joined when the
    gazetteer knows the name whole and not its first part alone."""
    from .gazetteer import gazetteer  # (the administrative units' data)

    gaz = gazetteer()
    edits = []
    for m in _place_cut().finditer(text):
        a, b = m.group("a"), m.group("b").split()
        whole = next((" ".join([a, *b[:k]]) for k in (2, 1) if len(b) >= k and gaz.spell(" ".join([a, *b[:k]]))), None)
        if whole and not gaz.spell(a):
            edits.append((m.start("gap"), m.end("gap"), " "))
    return edits


def rejoin_cut_sentences(text: str) -> list[Edit]:
    code_cuts = sorted((m.start("cut"), m.end("cut"), "") for cut in (_NUMBER_CODE_CUT, _PARTY_NUMBER_CUT) for m in cut.finditer(text))
    cut_numbers = {e[0] for e in code_cuts}
    edits = [(m.start() + len(m.group().split()[0]), m.end(), " ") for m in _NUMBER_CUT.finditer(text)]
    edits = code_cuts + [e for e in edits if e[0] not in cut_numbers]
    taken = {e[0] for e in edits}
    edits += [e for e in _place_cuts(text) if e[0] not in taken]
    taken = {e[0] for e in edits}
    edits += [(m.start(), m.end(), " ") for m in _DOC_NUMBER_CUT.finditer(text) if m.start() not in taken]
    taken = {e[0] for e in edits}
    # "2026-" / "2030": a range written without spaces stays without them ("2026 -" / "2030" gets its space back)
    edits += [(m.start("cut"), m.end("cut"), "" if text[m.start() : m.start("cut")].rstrip(" \t") in ("-", "–") else " ")
              for m in _RANGE_CUT.finditer(text) if m.start("cut") not in taken]
    edits += [(m.start("cut"), m.end("cut"), " ") for m in _YEAR_RANGE_CUT.finditer(text) if m.start("cut") not in taken]
    width = _wrap_width(text)
    for m in _CUT.finditer(text):
        if m.start() in cut_numbers:
            continue
        first, rest = m.group(1), m.group(2)
        if _LABEL.match(first + rest[:4].split(" ")[0]):
            continue
        line, nxt = _lines_around(text, m.start(), m.end())
        if " | " in line and " | " in nxt:
            continue  # two rows of a table ("… | Nguồn kinh phí" / "I | Hoàn thiện thể chế …": a group row's label)
        if m.group().count("\n") == 1 and re.search(r"\S\s[-–—]$", line.rstrip()) and len(line.split()) >= 4 and not _paragraph_starts().match(" " + nxt):
            edits.append((m.start(), m.end(), " "))  # "… Văn Miếu –" / "Quốc Tử Giám": a name cut at its dash
            continue
        if m.group().count("\n") == 1 and re.match(r"[IVX]{1,5}\.\s+\S", line.strip()) and is_upper_text(line) and is_upper_text(nxt) \
                and len(nxt.strip()) <= 40 and not _HEADING_LABEL.match(nxt.strip()):
            edits.append((m.start(), m.end(), " "))  # "III. TỔ CHỨC" / "THỰC HIỆN": a section heading wrapped
            continue
        if not first.islower():
            # a capital after a line wrapped at the text's width ("… văn hoá Việt" / "Nam, Kế hoạch …") continues
            # it, unless the next line opens a part of the structure or a preamble sentence ("… tỉnh Lào Cai" /
            # "Căn cứ Luật …": a title's last line is as wide as the centred lines around it)
            line, nxt = _lines_around(text, m.start(), m.end())
            if _preamble_start().match(nxt.lstrip()):
                continue
            if width is None or len(line.rstrip()) < width * 0.85 or _paragraph_starts().match(" " + nxt) or is_upper_text(nxt[:40]):
                continue
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if is_upper_text(before) and (len(before) <= 60 or m.group().count("\n") > 1):
            continue  # a heading or type name ("QUYẾT ĐỊNH") ends its line; a title in capitals, its paragraph
        if _COLUMN_GAP.search(before):  # two columns side by side (pdftotext -layout): the next line is a column's
            continue
        edits.append((m.start(), m.end(), " "))
    taken = {e[0] for e in edits}
    for m in _QUOTE_CUT.finditer(text):  # "“Festival Thăng Long" / "- Hà Nội, lần thứ II năm 2026”": a quoted name cut at its dash
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if line.count("“") > line.count("”") and m.start() not in taken:
            edits.append((m.start(), m.start() + 1, " "))
    taken = {e[0] for e in edits}
    for m in _NOTE_CUT.finditer(text):  # "1.3. Các cơ quan … lĩnh vực" / "(gồm các Sở: …)": a heading's note on the next line
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if _HEADING_LABEL.match(line) and m.start() not in taken:
            edits.append((m.start(), m.end(), " "))
    taken = {e[0] for e in edits}
    for m in _BRACKET_CUT.finditer(text):  # "1.3. Các cơ quan … (gồm các Sở:" / "Xây dựng, … Du lịch)": a bracket the next line closes
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        ahead = text[m.end() : m.end() + 400].split("\n\n", 1)[0]  # (the bracket closed within the paragraph)
        close, reopen = ahead.find(")"), ahead.find("(")
        if line.count("(") > line.count(")") and close >= 0 and (reopen < 0 or close < reopen) and m.start() not in taken:
            edits.append((m.start(), m.end(), " "))
    return sorted(edits)


# a line break before a bracketed note in small letters ("(gồm …", "(sau đây gọi là …"), the line before not ended
_NOTE_CUT = re.compile(r"(?<=[^\s.;:!?])[ \t]*\n[ \t]*(?=\([a-zđà-ỹ])")


# a line break inside an open bracket (after a colon, or a word a PDF's paragraphs split at: "… Môi trường, Công" /
# "Thương, … Du lịch)"), before a line in small or capital letters that is no list item
_BRACKET_CUT = re.compile(r"(?<=[^\s.;!?])[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=[^\W\d_])")


# a line break before a dash, the next line closing a quotation: the dash is inside a name, not a bullet
_QUOTE_CUT = re.compile(r"\n(?=[-–]\s[^\n“]*”)")


@cache
def _suspect() -> re.Pattern[str]:
    """A piece that cannot be a word on its own (no vowel) or a bare vowel or two: the runs
    without one are left alone, unread (most of any text)."""
    vowels = resources.load("syllables")["vowels"]
    marked = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and strip_accents(c.lower()) in vowels)
    return re.compile(rf"(?<![^\W\d_])(?:[^\W\d_{marked}]+|[{marked}]{{1,2}})(?![^\W\d_])")


_PIECES = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)+")


_WORD_RUN = re.compile(r"[^\W\d_]{4,}")
_GLUED_NUMBER = re.compile(r"(?<![^\W\d_])(?:ngày|tháng|năm)(?=\d)")


def glued_words(text: str) -> list[Edit]:
    """Words a copy glued together, the space lost before a capital or a date: "Bộ trưởngBộ Giáo dục",
    "thực hiệnQuyết định", "ngày29/3/2013". Both sides must be Vietnamese syllables ("VssID",
    "eKYC", "iPhone" stay whole); a space is put back."""
    edits: list[Edit] = [(m.end(), m.end(), " ") for m in _GLUED_NUMBER.finditer(text)]
    for m in _WORD_RUN.finditer(text):
        word = m.group()
        cut = next((i for i in range(2, len(word) - 1) if word[i].isupper()), None)
        if cut and word[:cut].islower() and word[cut + 1 :].islower() and is_syllable(word[:cut]) and is_syllable(word[cut:]):
            edits.append((m.start() + cut, m.start() + cut, " "))
    return sorted(edits)


def split_syllables(text: str) -> list[Edit]:
    """Words a copy split into pieces ("Chỉ thị s ố 18-CT/TW", "kiểm tr a"), joined back; the
    rule and the syllable shape are in resources/syllables.yaml."""
    edits = []
    vowels = resources.load("syllables")["vowels"]
    for run in _PIECES.finditer(text):
        if not _suspect().search(run.group()):
            continue
        parts = list(re.finditer(r"[^\W\d_]+", run.group()))
        word, mended, after_coda = parts[0].group(), False, False
        whole = is_syllable(word)  # the word so far is a syllable on its own
        for prev, cur in zip(parts, parts[1:]):
            piece, joined = cur.group(), word + cur.group()
            piece_whole = is_syllable(piece)
            # a piece without a vowel starts the next word ("s ố"), unless it follows another such
            # piece: "trá n h" is the end of "tránh", not "h" of "hùn"; it ends a word only when
            # that word is being mended ("K ế t" → "Kết") or is a bare vowel or two ("dư ỡ ng hệ" →
            # "dư ỡng hệ", not "nghệ"): "và c" is a word and a list label
            ends = mended or (len(word) <= 2 and all(c in vowels for c in strip_accents(word.lower())))
            completes = (not whole and not after_coda) or (not piece_whole and ends)
            if (piece.islower() or joined.isupper()) and completes and is_syllable(joined):
                edits.append((run.start() + prev.end(), run.start() + cur.start(), ""))
                word, whole, mended, after_coda = joined, True, True, False
            else:
                after_coda = not whole and not mended and not piece_whole
                word, whole, mended = piece, piece_whole, False
    return edits


def is_wrapped(text: str) -> bool:
    """Text whose lines were wrapped at a fixed width and whose paragraph breaks were lost (a
    crawl of thuvienphapluat pages keeps the HTML's line wrapping): almost no blank lines, and
    most lines end mid-sentence."""
    lines = text.split("\n")
    if len(lines) < 6:
        return False
    blank = sum(1 for ln in lines if not ln.strip())
    mid = sum(1 for ln in lines[:-1] if ln.strip() and ln.rstrip()[-1] not in ".;:!?")
    return blank <= len(lines) * 0.02 and mid >= (len(lines) - blank) * 0.5


@cache
def _paragraph_starts() -> re.Pattern[str]:
    table = resources.load("structure")
    starts = "|".join(map(re.escape, table["preamble_starts"]))
    rules = [
        r"(?<=[.;:!?])\s+(?=(?:" + starts + r")\s)",  # a basis after the previous sentence
        r"(?<=[A-ZĐÀ-Ỹ)])\s+(?=(?:Căn cứ|Thực hiện|Theo)\s)",  # a basis right after a title in capitals
        r"(?<=\d)\s+(?=Căn cứ\s+[A-ZĐÀ-Ỹ])",  # a basis after one whose ";" was lost, ending on its date ("… năm 2025 Căn cứ Quyết định …")
        r"(?<=[.;:!?])\s+(?=[IVX]{1,5}\.\s+[A-ZĐÀ-Ỹ]{2})",  # "II. NHIỆM VỤ"
        r"(?<=[.;:!?])\s+(?=(?:Điều\s+\d{1,3}|Chương\s+[IVXLC]{1,6})[.:]?\s)",  # a decision's "Điều 2. Giao …", "Chương II"
        r"(?<=[.;:!?])\s+(?=\d{1,2}(?:\.\d{1,2})*\.\s+[A-ZĐÀ-Ỹ])",  # "2. Nội dung", "2.1. …"
        r"(?<=[A-ZĐÀ-Ỹ])\s+(?=\d{1,2}(?:\.\d{1,2})*\.\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ])",  # after a heading in capitals
        r"(?<=[.;:!?])\s+(?=[a-zđ]\)\s)",  # "a) …"
        r"(?<=[.;:!?])\s+(?=[-–+•]\s+\S)",  # bullets
        r"\s+(?=(?:" + table["recipients_heading"] + "|" + table["recipients_heading_misread"] + r")\s*:)",
        r"(?<=[./])\s+(?=(?:TM|KT|TL|TUQ)\.\s)",
    ]
    return re.compile("|".join(rules))


@cache
def _authority_start_gap() -> re.Pattern[str]:
    starts = "|".join(map(re.escape, resources.load("structure")["authority_starts"]))
    return re.compile(rf"(?<=\S)[ \t]+(?=(?:{starts})\s)")


@cache
def _authority_positions() -> frozenset[str]:
    return frozenset(resources.load("structure")["authority_positions"])


def _authority_breaks(text: str) -> list[re.Match[str]]:
    """The space before a decision's authority ("… TỈNH TUYÊN QUANG CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN
    QUANG Căn cứ …": a title in capitals, who decides, the preamble) once wrapping ran them together."""
    out: list[re.Match[str]] = []
    taken = -1
    for m in _authority_start_gap().finditer(text):
        line = re.match(r"[^\n]{0,120}?(?=\s+Căn cứ\s)", text[m.end() :])
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if m.start() < taken or not line or not is_upper_text(line.group()) or before in _authority_positions():
            continue  # (after "CHỦ TỊCH" alone, "ỦY BAN NHÂN DÂN TỈNH …" goes on the authority line)
        if is_upper_text(text[max(0, m.start() - 40) : m.start()].split("\n")[-1]):
            out.append(m)
            taken = m.end() + line.end()  # the rest of this authority line starts nothing
    return out


@cache
def _preamble_start() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(map(re.escape, resources.load("structure")["preamble_starts"])) + r")\s")


_HEADING_LABEL = re.compile(r"^(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\))\s")


@cache
def _line_ends_with(key: str, chars: str) -> re.Pattern[str]:
    """A line that ends with one of the words of structure.yaml's ``key`` (or one of ``chars``) goes on
    in the next: "… của" / "Thực hiện …" (basis_break_not_after), "… tại khoản" / "2. Điều 5" (number_takers)."""
    words = "|".join(map(re.escape, resources.load("structure")[key]))
    return re.compile(rf"(?i)(?:\b(?:{words})|[{chars}])$")


def _goes_on() -> re.Pattern[str]:
    return _line_ends_with("basis_break_not_after", ",(")


def _takes_number() -> re.Pattern[str]:
    return _line_ends_with("number_takers", r"\d/,(")


@cache
def _numbered_start() -> re.Pattern[str]:
    return re.compile(r"(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]")


@cache
def _page_dateline() -> re.Pattern[str]:
    return re.compile(resources.load("structure")["page_dateline"])


def _ends_paragraph(line: str, nxt: str, width: int) -> bool:
    """In text wrapped at a fixed width, a short line that is a heading ("1. Mục đích"), a line in
    capitals ("TM. ỦY BAN NHÂN DÂN"), or one followed by a bullet or a line in capitals ends its
    paragraph. (Other short lines may be a crawl's break at an inline tag, mid-sentence.)"""
    if not line:
        return False
    if _COLUMN_GAP.search(line) or _COLUMN_GAP.search(nxt):
        return True  # two columns side by side (pdftotext -layout: "Nơi nhận:      TM. ỦY BAN NHÂN DÂN"): lines of a block, never one paragraph
    if line.endswith("|") or re.search(r",\s*ngày\s+\S{1,2}\s+tháng\s+\S{1,2}\s+năm\s+\d{4}\s*\.?$", line):
        return True  # a table's cell ("Số: 855/QĐ-UBND |") or the place-date line: a cell of the header
    if " | " in nxt and (" | " in line or len(nxt.split(" | ", 1)[0]) <= 6):
        return True  # a table's row ("2. | Xây dựng … | Bộ Y tế | 2025", "TT | Tên nhiệm vụ | …"): rows are never one paragraph
    if _page_dateline().search(line) or _page_dateline().search(nxt):
        return True  # a page's dateline: its own paragraph, between the headline and the article
    if line.isascii() and is_upper_text(line) and not nxt.isascii():
        return True  # a page's title without its marks ("KE HOACH SINH HOAT NGOAI KHOA THANG 11") over the document
    if len(line) >= width * 0.5 and is_upper_text(line) and nxt[:1].isupper() and not is_upper_text(" ".join(nxt.split()[:2])):
        return True  # a title in capitals, then the first paragraph in small letters ("… MÙA HÈ" / "Thời tiết đang …")
    if re.match(r"(?:Căn cứ|Thực hiện)\s", nxt) and not _goes_on().search(line):
        return True  # a basis begins its own paragraph, also after a title in small letters ("… của Đảng" / "Thực hiện kế hoạch số …")
    if _numbered_start().match(nxt) and not _takes_number().search(line):
        return True  # "Điều 2. Giao Giám đốc Sở …" / "1. Tổ chức …": an item begins, however long the line before
    if (_HEADING_LABEL.match(line) and re.match(r"[-–+•]\s+[A-ZĐÀ-Ỹ]", nxt) and not _takes_number().search(line)
            and not re.search(r"\s[-–]\s", line)):  # ("… Trung tâm Văn hóa - Thông tin" / "- Thể thao huyện": a name goes on)
        return True  # "1. Nâng cao năng lực cho cán bộ …" / "- Nội dung thực hiện: …": a numbered heading over its bullets
    if len(line) >= width * 0.7:
        return False
    starts = resources.load("structure")["preamble_starts"]
    if _HEADING_LABEL.match(line) or _HEADING_LABEL.match(nxt) or re.match(r"[-–+•]\s", nxt) or any(nxt.startswith(w + " ") for w in starts):
        return True
    # capitals: a signature line ("KT. CHỦ TỊCH") is much shorter than the width; a header or title
    # in capitals that a crawl wrapped runs nearer to it
    return len(line) < width * 0.5 and (is_upper_text(line) or bool(nxt) and is_upper_text(nxt[:60]))


def _headline_end(text: str) -> int | None:
    """Where a page's headline in small letters ends: its lines go on while the next begins in small
    letters; it ends before a line that begins with a capital, unless it stops inside a name ("… tỉnh
    Trà" / "Vinh") or on punctuation (then it was a sentence, not a headline)."""
    size = 0
    for m in re.finditer(r"[ \t]*\n[ \t]*", text):
        line, nxt = (x.strip() for x in _lines_around(text, m.start(), m.end()))
        size += len(line)
        if not line or not nxt or is_upper_text(line) or size > 160 or re.search(r"[.,;:!?]$", line):
            return None
        if nxt[:1].isupper():
            return None if _name_goes_on().search(line) else m.start()
    return None


def reflow_wrapped(text: str) -> list[Edit]:
    """Join wrapped lines, then break paragraphs before the markers of the document's structure.
    In text wrapped at a fixed width, a line that stops well short of the width ends its paragraph
    (a heading, the last line of an item): it is not joined, unless the next line goes on in lower case."""
    lengths = sorted(len(ln.rstrip()) for ln in text.split("\n") if len(ln.strip()) > 20)
    # lines of uneven length (a crawl whose inline tags were cut out): the usual long line stands for the width
    width = _wrap_width(text) or (lengths[int(len(lengths) * 0.9)] if lengths else None)
    edits = []
    headline_end = _headline_end(text)
    code_cuts = {m.start("cut") for m in _NUMBER_CODE_CUT.finditer(text)}
    for m in re.finditer(r"[ \t]*\n[ \t]*", text):
        if m.start() in code_cuts:  # "Số: 3783/QĐ-" / "UBND": one number
            edits.append((m.start(), m.end(), ""))
            continue
        line, nxt = (x.strip() for x in _lines_around(text, m.start(), m.end()))
        if not line or not nxt:
            continue  # a blank line (a table's pipe line a crawl left alone: "Nguyễn Văn A" / "|" / "KẾ HOẠCH") ends its paragraph
        if m.start() == headline_end:
            continue  # the page's headline, in small letters, over the article ("Lập 5 đoàn …" / "Bộ Y tế vừa ký …")
        if width and _ends_paragraph(line, nxt, width):
            continue
        edits.append((m.start(), m.end(), " "))
    joined, offsets = _apply(text, array("q", range(len(text) + 1)), list(edits))
    # breaks found on the joined text, mapped back onto the original's offsets
    for m in [*_paragraph_starts().finditer(joined), *_authority_breaks(joined)]:
        line_start = joined.rfind("\n", 0, m.start()) + 1
        if _LABEL_ONLY.match(joined, line_start, m.start()):
            continue  # "1. Trên cơ sở …": a basis word right after its item's label opens the item, not a paragraph
        line_end = joined.find("\n", m.end())
        if " | " in joined[line_start : m.start()] and " | " in joined[m.end() : line_end if line_end >= 0 else len(joined)]:
            continue  # a bullet inside a table's cell ("14. | Sửa đổi Luật … - Sửa đổi … | Bộ Tư pháp | …"): the row is one line
        a, b = offsets[m.start()], offsets[m.end()]
        edits = [e for e in edits if not (a <= e[0] < b or a < e[1] <= b)]
        edits.append((a, b, "\n"))
    return edits



_GLUED_YEARS = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)((?:19|20)\d\d)(?![\d/])")


def glued_year_ranges(text: str) -> list[Edit]:
    """A range of years whose dash pdftotext took for a hyphen at a line end and dropped ("GIAI ĐOẠN 2013-"
    / "2016" → "20132016"): the dash put back when the second year follows the first."""
    return [(m.end(1), m.end(1), "-") for m in _GLUED_YEARS.finditer(text) if 0 < int(m.group(2)) - int(m.group(1)) <= 50]


def preamble_lost_initials(text: str) -> list[Edit]:
    """A preamble line whose first letter a copy dropped ("hực hiện Nghị quyết …", "ăn cứ Luật …", as the head's
    "Y BAN NHÂN DÂN" above it): the letter put back, so that the line ends the title above it and is read as a
    basis. Only among the first lines, only a line that opens in small letters with what no word begins with
    but a preamble opening without its first letter (structure.yaml preamble_starts, of two words or more)."""
    pattern, first = _lost_preamble_starts()
    return [(m.start("rest"), m.start("rest"), first[m.group("rest")[:-1]]) for m in pattern.finditer(text[:HEAD_ZONE])]


HEAD_ZONE = 6000  # characters: the head, title and preamble of a plan


@cache
def _lost_preamble_starts() -> tuple[re.Pattern[str], dict[str, str]]:
    """The preamble openings of two words or more without their first letter, and the letter each lost."""
    starts = [s for s in resources.load("structure")["preamble_starts"] if len(s.split()) >= 2]
    first = {s[1:]: s[0] for s in starts}
    return re.compile(r"(?m)^[ \t*_]*(?P<rest>(?:" + "|".join(re.escape(t) for t in sorted(first, key=len, reverse=True)) + r")\s)"), first


def normalize(raw: RawDocument) -> Document:
    text = raw.text
    offsets = array("q", range(len(text) + 1))
    applied: list[str] = []

    def run(name: str, stage: Callable[[str], list[Edit]]) -> None:
        nonlocal text, offsets
        edits = stage(text)
        if edits:
            text, offsets = _apply(text, offsets, edits)
            applied.append(name)

    if raw.format == "text":
        run("layout_tables", layout_tables)  # first: a table's columns are runs of spaces, its pages form feeds
    run("line_breaks", line_breaks)
    run("nfc", nfc)
    run("icelandic_eth", icelandic_eth)
    if raw.ocr:
        run("ocr_date_digits", ocr_date_digits)
        run("ocr_unit_marks", ocr_unit_marks)
    if raw.format == "markdown":
        run("markdown_empty_runs", markdown_empty_runs)
        run("markdown_cell_lines", markdown_cell_lines)
        run("markdown_bold_breaks", markdown_bold_breaks)
        run("markdown_soft_breaks", markdown_soft_breaks)
        run("markdown_blocks", markdown_blocks)
        run("markdown_inline", markdown_inline)
    if raw.format in ("text", "markdown"):
        run("stray_markup", stray_markup)
    if raw.format == "text":
        run("text_emphasis_edges", text_emphasis_edges)
    run("glued_year_ranges", glued_year_ranges)
    run("preamble_lost_initials", preamble_lost_initials)
    run("attribute_cells", attribute_cells)  # an attribute panel of "|" cells: another site's, read by its labels
    portal = "generic" if applied[-1:] == ["attribute_cells"] else detect_portal(text)
    if portal:
        run("site_chrome", lambda t: site_chrome(t, portal))
    run("whitespace", whitespace)
    if raw.format in ("text", "markdown"):
        run("label_lines", label_lines)
    if is_wrapped(text):
        run("reflow_wrapped", reflow_wrapped)
    run("rejoin_cut_sentences", rejoin_cut_sentences)
    run("split_syllables", split_syllables)
    run("glued_words", glued_words)
    run("whitespace", whitespace)
    return Document(text=text, raw=raw, offsets=offsets, portal=portal, applied=applied)
