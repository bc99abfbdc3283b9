"""Structure: Document → Parsed, the components of Decree 30/2020/NĐ-CP found in the text.

Header block (issuer lines, motto, number line, place-date line), type name and title, preamble,
the outline of sections, closing sentence, recipients (Nơi nhận) and signature block. Everything is
a span of ``Document.text``; extractors read values from these regions and never re-scan the whole
text for them. Text renderings of the two-column blocks are handled: one column after the other,
``|``-separated cells, ``-------`` rules, runs of spaces between columns, and collapsed one-line
headers as thuvienphapluat crawls give them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from . import resources
from .normalize import Document
from .textnorm import fold, is_upper_text, strip_accents


@dataclass(frozen=True)
class Region:
    start: int
    end: int

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


@dataclass(frozen=True)
class Line(Region):
    content: str


@dataclass(frozen=True)
class Cell(Region):
    kind: str  # issuer | motto | rule | number | date | other
    content: str


@dataclass
class Node:
    """One item of the outline: a numbered heading (I., 1., 1.1., a), Điều 1.) or a bullet (-, +)."""

    kind: str  # article | roman | arabic | decimal | letter | dash | plus (| document: the whole body, tasks.document_node)
    label: str
    heading: Region  # the heading words (without label); for bullets, the bullet's text
    start: int  # the label line
    end: int  # the end of everything under this node
    level: int = 1
    body: Region | None = None  # text after the heading up to the first child / the end
    children: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Table:
    rows: list[list[Region]]
    region: Region


@dataclass
class Parsed:
    doc: Document
    lines: list[Line]
    portal_block: Region | None = None
    header_cells: list[Cell] = field(default_factory=list)
    type_name: Region | None = None
    title: Region | None = None
    preamble: list[Line] = field(default_factory=list)
    body: Region | None = None
    outline: list[Node] = field(default_factory=list)
    closing: Region | None = None
    recipients_heading: Line | None = None
    recipient_lines: list[Line] = field(default_factory=list)
    signature_lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # a page without header (no type name, no number or date line) whose body has a plan's or a
    # decision's shape: "plan" | "decision" (see structure.yaml, plan_sections)
    body_shape: str | None = None
    # labels the outline repaired from their sequence (the label's line, what was read, what it is)
    repairs: list[tuple[Region, str, str]] = field(default_factory=list)
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.doc.text

    def nodes(self):
        for node in self.outline:
            yield from node.walk()

    def lines_in(self, region: Region) -> list[Line]:
        """The lines that lie within ``region`` (found by bisection: lines are in text order)."""
        if self._starts is None or len(self._starts) != len(self.lines):
            self._starts = [ln.start for ln in self.lines]
        i = bisect.bisect_left(self._starts, region.start)
        j = bisect.bisect_right(self._starts, region.end, lo=i)
        return [ln for ln in self.lines[i:j] if ln.end <= region.end]


# --- vocabulary compiled from resources --------------------------------------------------------


def doc_type_entry(name: str) -> dict:
    return next(t for t in resources.load("doc_types") if t["name"] == name)


# A place-date line's place cut from its date by a line end, or by a blank line ("Bắc" / "" / "Kạn, ngày …"):
# the header's date anchor and parse_place_date read it alike.
PLACE_LINE_BREAK = r"\n(?:[ \t]*\n)?(?=[^\n,]{1,25},\s*ngày)"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    struct = resources.load("structure")
    # a variant on a line of its own ("KẾ HOẠCH HÀNH ĐỘNG") is a type name too, read as its base type;
    # inside a collapsed header only the base name is ("KẾ HOẠCH HÀNH ĐỘNG “NĂM AN TOÀN GIAO THÔNG”":
    # the words after KẾ HOẠCH belong to the title there)
    types = sorted((t["name"] for t in resources.load("doc_types")), key=len, reverse=True)
    base = [t for t in types if "cited_as" not in doc_type_entry(t)]
    sig = resources.load("signature")
    dash = r"[-–—]"
    # (a copy may drop a line's first letter: "ỘNG HÒA XÃ HỘI …", "ộc lập - Tự do - Hạnh phúc")
    motto = "|".join("(?:" + re.escape(m[0]) + ")?" + r"\s*".join(dash if w in "-–—" else re.escape(w) for w in m[1:].split())
                     for m in struct["motto"])
    return {
        "type_line": re.compile(r"^(?:" + "|".join(re.escape(t.upper()) for t in types) + r")$"),
        "type_inline": re.compile(r"(?<![\w])(?:" + "|".join(re.escape(t.upper()) for t in base) + r")(?=\s+(?P<next>\S{2,})|\s*$)"),
        "motto": re.compile(motto),
        # a motto wrapped in a narrow column, the other column's text between its parts (pdftotext -layout:
        # "ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "THÀNH PHỐ HỒ CHÍ MINH      VIỆT NAM"): its head, and
        # its last two words alone in their column (group tail) within the next two lines
        "motto_split": re.compile("|".join(
            r"\s+".join(map(re.escape, m.split()[:-2])) + r"(?=[ \t]*(?:\n|[ \t]{3}|\|))"
            + rf"(?P<gap{i}>(?:[^\n]*\n){{1,2}}?[^\n]*?(?:^|[ \t]{{3}}|\|)[ \t]*)"
            + rf"(?P<tail{i}>" + r"\s+".join(map(re.escape, m.split()[-2:])) + r")(?=[ \t]*(?:$|[ \t]{3}|\|))"
            for i, m in enumerate(struct["motto"]) if len(m.split()) >= 4 and not re.search(r"[-–—]", m)), re.M),
        "rule": re.compile(r"[-_=*–—]{3,}"),
        "attachment_note": re.compile(r"\s*\*?\((?:" + "|".join(map(re.escape, struct["attachment_notes"])) + r")\b", re.I),
        "number": re.compile(r"(?:Số\s*(?::|\s)|(?:SỐ|số|(?<![\w])[ốỐ])\s*:)\s*[\d\s]*(?:/\s*\d{4}\s*)?[/-]?\s*[A-ZĐ][\w&.\-/]*(?:(?<=-)[ \t]+[A-ZĐ][\w&.\-/]*)?", re.U),  # "Số: / KH- LTR"
        "date": re.compile(
            r"(?<![\w\x00])(?P<place>(?:[A-ZĐÀ-Ỹ]|(?<![^\n*_| ])[^\W\d_])(?:(?!\s{3})[^,\n:/\d\x00\x01|]|" + PLACE_LINE_BREAK + r"){0,40}?)\s*,\s*(?:ngày\s*)?[\d\s.…_—–-]*tháng\s*[\w\s.…_—–-]*?năm\s*\d{2}\s?\d{2}"
        ),
        "preamble": re.compile(r"^(?:" + "|".join(map(re.escape, struct["preamble_starts"])) + r")\b"),
        "closing": re.compile(r"^(?:" + "|".join(map(re.escape, struct["closing_starts"])) + r")\b"),
        "closing_request": re.compile(struct["closing_request"]),
        "recipients": re.compile(r"^\s*(?:" + struct["recipients_heading"] + "|" + struct["recipients_heading_misread"] + r")\s*:?", re.I),
        "recipients_exact": re.compile(r"^\s*" + struct["recipients_heading"], re.I),
        "number_line": re.compile(r"(?m)^Số\s*:[^\n]*?(?=\s{3}|$)"),  # a number line whose number is not legible
        "mode": re.compile(r"^(?:" + "|".join(re.escape(m) for m in [*sig["modes"], *sig["mode_spellings"]]) + r")\s*\S"),
        "position": re.compile(r"^(?:" + "|".join(re.escape(p) for p in sorted(sig["positions"], key=len, reverse=True)) + r")$"),
        "columns": re.compile(r"\s{3,}|\t+|\s+\|\s+"),
        "authority": re.compile(r"(?:" + "|".join(map(re.escape, struct["authority_starts"])) + r")(?=\s|$)"),
        # ... in a copy that dropped the line's first letter ("HỦ TƯỚNG CHÍNH PHỦ", "HỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X")
        "authority_lost_initial": re.compile(r"(?:" + "|".join(re.escape(a[1:]) for a in struct["authority_starts"]) + r")(?=\s|$)"),
        # a page without header: what its body is (see _body_shape)
        "plan_closing": re.compile(struct["plan_closing"], re.I),
        "plan_lead_in": re.compile(struct["plan_lead_in"]),
        "decision_line": re.compile(struct["decision_line"]),
        "decision_issues_plan": re.compile(r"\W*" + struct["decision_issues_plan"]),
        "title_issues_plan": re.compile(struct["title_issues_plan"]),
        "heading_type": re.compile(struct["heading_type"]),
    }


# The mark that opens a list item or a numbered heading ("- ", "+ ", "a) ", "1. ", "1.2. ", "2) ", "IV. ").
LIST_MARK = re.compile(r"^(?:[-–+•]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]{1,5}\.)\s*")


def pattern(name: str) -> re.Pattern[str]:
    """One of the structure's compiled patterns ("preamble", "number_line", "type_line" …)."""
    return _patterns()[name]


_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(r"^(?P<label>Điều\s+\d+)\s*[.:]?\s*(?P<rest>.*)$")),
    ("decimal", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<rest>\S.*)$")),
    ("roman", re.compile(r"^(?P<label>[IVXLC]{1,6})[.)](?!\d)\s*(?P<rest>\S.*)$")),  # not "I.1" (an appendix item)
    ("arabic", re.compile(r"^(?P<label>\d{1,2})[.)]\s*(?P<rest>\D.*)$")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])\)\s*(?P<rest>\S.*)$")),
    ("dash", re.compile(r"^(?P<label>[-–•])\s*(?P<rest>\S.*)$")),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?P<rest>\S.*)$")),
]
_RANK = {"article": 1, "roman": 1, "arabic": 2, "decimal": 3, "letter": 4, "dash": 5, "plus": 6}


def split_lines(text: str) -> list[Line]:
    """Every line of the text, stripped, with its offsets (blank lines kept, as empty content)."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        content = raw.strip()
        start = pos + lead if content else pos
        lines.append(Line(start, start + len(content), content))
        pos += len(raw) + 1
    return lines


def _label(content: str) -> tuple[str, re.Match[str]] | None:
    for kind, pattern in _LABELS:
        m = pattern.match(content)
        if m:
            if kind == "article" and re.match(r"Điều\s+\d+\s*(?:[;,)]|[a-zđà-ỹ]|$)", content) and not re.match(r"Điều\s+\d+\s*[.:]", content):
                return None  # "Điều 30; điểm b khoản 4 Điều 31 …": a wrapped list of articles cited, no article of this document
            return kind, m
    return None


# --- header -------------------------------------------------------------------------------------


def _find_type_name(parsed: Parsed, start_line: int) -> tuple[int, Region] | None:
    """The line index and span of the type name (KẾ HOẠCH, QUYẾT ĐỊNH ...) that ends the header."""
    pats = _patterns()
    lines = parsed.lines
    seen = 0
    anchored = -9  # the last line (counted in seen) with a number or a date: the head's columns end there
    for i in range(start_line, len(lines)):
        ln = lines[i]
        if not ln.content:
            continue
        seen += 1
        if seen > 60:
            break
        junk = re.match(r"[^\w]*", ln.content).end()  # OCR noise before the type name ("¬.-. QUYẾT ĐỊNH")
        if pats["type_line"].match(ln.content[junk:]):
            return i, Region(ln.start + junk, ln.end)
        # OCR ("KÉẺ HOẠCH"), or a copy's misreading right under the number and date ("QUYẾT ĐỊnH"): not the
        # exact type name of an attachment further down
        if (parsed.doc.raw.ocr or seen - anchored <= 3) and type_name_misread(ln.content[junk:]):
            return i, Region(ln.start + junk, ln.end)
        if type_name_lost_initial(ln.content[junk:]):  # a copy that dropped the line's first letter: "Ế HOẠCH"
            return i, Region(ln.start + junk, ln.end)
        if pats["number"].search(ln.content) or pats["date"].search(ln.content):
            anchored = seen
        # a collapsed header: "… năm 2018 KẾ HOẠCH TRIỂN KHAI …" after a number or a date
        if anchored == seen or seen <= 3:
            for m in pats["type_inline"].finditer(ln.content):
                if re.match(r"\s+(?:SỐ|Số|số)\s+\d", ln.content[m.end() :]):
                    continue  # a document the title cites ("KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 31/CT-TTG …"), not the type of this one
                if m.group("next") is not None and not is_upper_text(m.group("next")) and not is_upper_text(ln.content[m.end() : m.end() + 40]):
                    continue  # (at the end of the line, the title follows on the next one; a title in capitals may hold a
                    # letter a misreading set in small: "KẾ HOẠCH TRIIỂn KHAI THI HÀNH …")
                if pats["date"].search(ln.content[: m.start()]) or pats["number"].search(ln.content[: m.start()]):
                    return i, Region(ln.start + m.start(), ln.start + m.end())
            if anchored == seen and (found := _misread_after_anchors(ln)):  # "… năm 2024 KẾ HOOẠcH THỰC HIỆN …"
                return i, found
    if not parsed.doc.raw.ocr:  # a text copy of an OCR reading ("KẾ HOẠCCH", "QUYÉT ĐỊNNH"): when no type line is found as written
        seen = 0
        for i in range(start_line, len(lines)):
            ln = lines[i]
            if ln.content:
                seen += 1
                if seen > 60:
                    break
                junk = re.match(r"[^\w]*", ln.content).end()
                if type_name_misread(ln.content[junk:]):
                    return i, Region(ln.start + junk, ln.end)
    return None


def _misread_after_anchors(ln: Line) -> Region | None:
    """In a collapsed header, the two words right after its last number or date, when they are a type name
    misread ("… năm 2024 KẾ HOOẠcH THỰC HIỆN …"; bold marks aside: "… năm 2025* ** **QUYẾT ĐỊnH**")."""
    pats = _patterns()
    anchors = [m.end() for kind in ("number", "date") for m in pats[kind].finditer(ln.content)]
    if not anchors:
        return None
    after = re.match(r"[\W_]*?(\w\S*\s+\S*\w)", ln.content[max(anchors) :])
    if after is None or not type_name_misread(after.group(1)):
        return None
    at = ln.start + max(anchors) + after.start(1)
    return Region(at, at + len(after.group(1)))


def type_name_lost_initial(content: str) -> dict | None:
    """The type (of those a record can be) whose name in capitals is this line but for its first
    letter ("Ế HOẠCH", "UYẾT ĐỊNH": a copy that dropped a styled initial)."""
    bare = re.sub(r"[*_#\s]+", " ", content).strip()
    if len(bare) < 5 or not is_upper_text(bare, 0.95):
        return None
    return next((t for t in resources.load("doc_types") if (t.get("genre") or t.get("cited_as")) and t["name"].upper()[1:] == bare), None)


def type_name_misread(content: str) -> dict | None:
    """The type (of those a record can be) that a short line in capitals names once OCR's misread
    marks are set aside ("KÉẺ HOẠCH" → Kế hoạch, "QUYÊT ĐINH" → Quyết định): a close match without marks."""
    from rapidfuzz import fuzz

    if len(content) > 24 or not is_upper_text(content, 0.85) or content.rstrip(" *").endswith(":"):
        return None  # (a letter a misreading set in small: "QUYẾT ĐĐỊnH"; "QUYẾT ĐỊNH:" is a decision's formula before its articles)
    bare = strip_accents(content).upper()
    # the closest of all types, taken only when it is one a record can be (plans, decisions): "CÔNG AN" must not
    # become "CÔNG VĂN", nor a regulation's "QUY ĐỊnH" a "QUYẾT ĐỊNH"
    best = max(((fuzz.ratio(bare, strip_accents(t["name"]).upper()), t) for t in resources.load("doc_types") if "cited_as" not in t),
               key=lambda x: x[0], default=(0, None))
    return best[1] if best[0] >= 85 and best[1].get("genre") else None


def _header_cells(text: str, region: Region) -> list[Cell]:
    """Split the header block into cells and say what each one is.

    Anchors (motto, rules, number line, place-date line) are found over the whole block, each kind
    in what the earlier kinds left, so that a motto wrapped over two lines or a header collapsed
    into one line still yields its parts; the text between anchors is split at line ends and
    column gaps into issuer (capitals) or other cells.
    """
    pats = _patterns()
    block = text[region.start : region.end]
    masked = block
    anchors: list[tuple[int, int, str]] = []
    for kind in ("motto", "rule", "number", "date"):
        found = list(pats[kind].finditer(masked))
        if kind == "number" and not found:  # a number line whose number is not legible ("Số: †0% QÐ- -TTg" on a scan)
            found = list(pats["number_line"].finditer(masked))
        if kind == "date":
            found = [_place_on_its_line(masked, m) for m in found]
        for m in found:
            anchors.append((m.start(), m.end(), kind))
            # (a rule is masked apart: a place may follow it with no space, "-------Thanh Hóa, ngày …" in pdftotext's order)
            masked = masked[: m.start()] + ("\x01" if kind == "rule" else "\x00") * (m.end() - m.start()) + masked[m.end() :]
        if kind == "motto":  # (the full motto lines are masked by now)
            for m in pats["motto_split"].finditer(masked):
                gap = next(g for g in m.groupdict() if g.startswith("gap") and m.group(g) is not None)
                tail = "tail" + gap[3:]
                for a, b in ((m.start(), m.start(gap)), (m.start(tail), m.end(tail))):
                    anchors.append((a, b, kind))
                    masked = masked[:a] + "\x00" * (b - a) + masked[b:]
    anchors.sort()
    cells: list[Cell] = []
    pos = 0
    for a, b, kind in anchors + [(len(block), len(block), "")]:
        for m in re.finditer(r"[^\n]+", block[pos:a]):
            cells.extend(_gap_cells(text, region.start + pos + m.start(), m.group()))
        if kind:
            cells.append(Cell(region.start + a, region.start + b, kind, block[a:b]))
        pos = b
    return cells


def _place_on_its_line(masked: str, m: re.Match[str]) -> re.Match[str]:
    """A place-date anchor whose place began on the line before in capitals ("SỞ CÔNG THƯƠNG" /
    "Lào Cai, ngày …": the other column's line, in pdftotext's reading order): the place is the
    date's own line. A place cut in mixed case ("Bắc" / "Kạn, ngày …") stays whole."""
    place = m.group("place")
    cut = place.find("\n")
    if cut < 0 or not is_upper_text(place[:cut]) or is_upper_text(place[cut:]):
        return m
    again = _patterns()["date"].search(masked, m.start("place") + cut + 1)
    return again if again is not None and again.start() < m.end() + 1 else m


def _upper_tail(content: str) -> str | None:
    """The words in capitals that end a line in mixed case, when they begin with a body's name
    ("ỦY BAN NHÂN DÂN", "SỞ", "BỘ" …: issuers.yaml)."""
    words = list(re.finditer(r"\S+", content))
    for i, w in enumerate(words):
        tail = content[w.start() :]
        if len(words) - i >= 2 and is_upper_text(tail) and begins_with_body(fold(tail)):
            return tail
    return None


@cache
def _body_starts() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{fold(b['pattern'])})" for b in resources.load("issuers")["bodies"]))


def begins_with_body(folded: str) -> bool:
    """Whether a folded text begins with a body's name (issuers.yaml: "ủy ban nhân dân", "sở ", …)."""
    return bool(_body_starts().match(folded))


def _gap_cells(text: str, start: int, piece: str) -> list[Cell]:
    pats = _patterns()
    cells = []
    pos = 0
    bounds = [(sep.start(), sep.end()) for sep in pats["columns"].finditer(piece)] + [(len(piece), len(piece))]
    for a, b in bounds:
        chunk = piece[pos:a]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            c0 = start + pos + lead
            content = chunk.strip()
            if content.endswith("|"):  # a cell per line, closed by its pipe ("BAN NHÂN DÂN |")
                content = content[:-1].rstrip()
            if not content:
                continue
            tail = _upper_tail(content) if not is_upper_text(content) else None
            if tail:  # "*Source: … ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG": a crawl ran the page's chrome into the issuer's line
                cells.append(Cell(c0, c0 + len(content) - len(tail), "other", content[: len(content) - len(tail)].rstrip()))
                cells.append(Cell(c0 + len(content) - len(tail), c0 + len(content), "issuer", tail))
                pos = b
                continue
            cells.append(Cell(c0, c0 + len(content), "issuer" if is_upper_text(content) else "other", content))
        pos = b
    return cells


# --- title and preamble ------------------------------------------------------------------------


def _title(parsed: Parsed, type_idx: int, type_name: Region) -> tuple[Region | None, int]:
    """Title lines after the type name; returns the region and the index of the next line."""
    pats = _patterns()
    lines, text = parsed.lines, parsed.text
    type_line = lines[type_idx]
    if type_name.end < type_line.end:  # collapsed: the title runs on in capitals, across wrapped lines
        words = re.finditer(r"\S+", text[type_name.end : type_name.end + 2000])
        start = end = None
        for w in words:
            if not is_upper_text(w.group(), 0.6) and re.search(r"[^\W\d_]", w.group()):
                break
            start = type_name.end + w.start() if start is None else start
            end = type_name.end + w.end()
        if end is None:
            return None, type_idx + 1
        end = _before_authority(text, start, end)
        nxt = next((i for i in range(type_idx, len(lines)) if lines[i].end >= end), type_idx)
        if lines[nxt].end > end:  # the preamble begins on the title's last line: split that line
            tail = text[end : lines[nxt].end]
            lead = len(tail) - len(tail.lstrip())
            lines[nxt] = Line(end + lead, lines[nxt].end, tail.strip())
            return Region(start, end), nxt
        return Region(start, end), nxt + 1
    first = None
    last = None
    caps = None
    i = type_idx + 1
    while i < len(lines):
        ln = lines[i]
        if not ln.content:
            if first is not None and not caps and not _title_goes_on(lines, i):
                break
            i += 1
            continue
        c = ln.content
        if pats["rule"].fullmatch(c):
            if first is not None:
                i += 1
                break
            i += 1
            continue
        if first is not None and (pats["preamble"].match(c) or _label(c) and _label(c)[0] in ("roman", "article")):
            break
        if c.startswith("(") and first is not None:
            break  # "(Kèm theo Quyết định …)"
        upper = is_upper_text(c) or (first is not None and caps and bool(re.fullmatch(r"[\d\s\-–—/.,()]+", c)))  # "GIAI ĐOẠN" / "2026 - 2030"
        if first is not None and caps and _is_authority(c) and _next_is_preamble(lines, i):
            break  # the decision's issuing authority, not its title
        if first is None:
            caps = upper
        elif caps and not upper:
            break
        elif not caps and upper:
            break  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" after a decision's title
        if first is None:
            first = ln.start
        last = ln.end
        i += 1
    if first is None:
        return None, i
    return _before_attachment_note(text, Region(first, last)), i


def _before_attachment_note(text: str, title: Region) -> Region:
    """A crawl that ran the line under the title into it ("… giai đoạn 2026-2030 (Ban hành kèm theo Nghị quyết
    số 35-NQ/TU …)"): the title ends before that note."""
    m = _patterns()["attachment_note"].search(text, title.start, title.end)
    return Region(title.start, len(text[: m.start()].rstrip()) if m.start() > title.start else title.end) if m else title


def _title_goes_on(lines: list[Line], i: int) -> bool:
    """After a blank line, a title in small letters goes on in one short paragraph of its own when the
    preamble or the body follows it (a page that gives each centred title line its own paragraph:
    "V/v Tổ chức lễ, hội khai giảng" / "Năm học 2012 – 2013" / "Căn cứ …")."""
    pats = _patterns()
    k = next((j for j in range(i, len(lines)) if lines[j].content), None)
    if k is None:
        return False
    c = lines[k].content
    if (len(c) > 80 or re.search(r"[.:;,]$", c) or c.startswith("(") or pats["preamble"].match(c) or _label(c)
            or pats["rule"].fullmatch(c) or is_upper_text(c)):
        return False
    after = next((lines[j].content for j in range(k + 1, len(lines)) if lines[j].content), "")
    lab = _label(after)
    return bool(pats["preamble"].match(after) or (lab and lab[0] in ("roman", "arabic", "article")))


def _untyped_title(parsed: Parsed, header_end: int, idx: int) -> int:
    """A copy that lost its type-name line keeps the title in capitals between the header block and
    the preamble (an authority line may stand between): that is the title."""
    lines = parsed.lines
    i = next((k for k, ln in enumerate(lines) if ln.start >= header_end and ln.content and set(ln.content) - set("|-_ ")), None)
    if i is None:
        return idx
    first = last = None
    k = i
    while k < len(lines) and lines[k].content and is_upper_text(lines[k].content) and not _is_authority(lines[k].content):
        first = lines[k].start if first is None else first
        last = lines[k].end
        k += 1
    while k < len(lines) and (not lines[k].content or _is_authority(lines[k].content)):
        k += 1
    if first is None or k >= len(lines) or not _patterns()["preamble"].match(lines[k].content):
        return idx
    parsed.title = Region(first, last)
    return k


def _next_is_preamble(lines: list[Line], i: int) -> bool:
    nxt = next((ln for ln in lines[i + 1 :] if ln.content), None)
    return nxt is not None and bool(_patterns()["preamble"].match(nxt.content))


def _before_authority(text: str, start: int, end: int) -> int:
    """A collapsed title in capitals runs on into the authority line ("… NĂM 2026 CHỦ TỊCH ỦY BAN
    NHÂN DÂN TỈNH X" then "Căn cứ …"): the title ends before it."""
    if not _patterns()["preamble"].match(text[end : end + 40].lstrip()):
        return end
    title = text[start:end]
    for m in _patterns()["authority"].finditer(title):  # the first authority that runs to the end of the title
        before = title[: m.start()].split()
        if before and before[-1] not in ("CỦA", "VÀ") and _is_authority(title[m.start() :]):
            return start + len(title[: m.start()].rstrip())
    return end


def authority_line(parsed: Parsed) -> Line | None:
    """The issuing authority a decision or resolution names on its own line just before its
    preamble ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", "ỦY BAN THƯỜNG VỤ QUỐC HỘI"); None without one."""
    if not parsed.preamble:
        return None
    if _is_authority(parsed.preamble[0].content.strip("* ")):  # read into the preamble after a title in small letters
        return parsed.preamble[0]
    k = next((i for i, ln in enumerate(parsed.lines) if ln.start == parsed.preamble[0].start), None)
    seen = 0
    while k is not None and k > 0 and seen < 3:
        k -= 1
        ln = parsed.lines[k]
        if not ln.content or not (set(ln.content) - set("|-_* ")):
            continue
        seen += 1
        content = ln.content.strip("* ")
        if _is_authority(content):
            return ln
    return None


def _is_authority(content: str) -> bool:
    """A line in capitals that names an issuing authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X")."""
    # a name and a place only: no comma, no "VỀ …" (a title citing "… CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ …")
    pats = _patterns()
    return (bool(pats["authority"].match(content) or pats["authority_lost_initial"].match(content)) and is_upper_text(content, 0.95)
            and len(content.split()) <= 10
            and "," not in content and not re.search(r"\b(?:VỀ|CỦA|TẠI)\b", content))


def _preamble(parsed: Parsed, idx: int) -> tuple[list[Line], int]:
    pats = _patterns()
    out = []
    lines = parsed.lines
    while idx < len(lines):
        ln = lines[idx]
        if ln.content:
            lab = _label(ln.content)
            if lab and lab[0] in ("roman", "article", "arabic", "decimal"):
                break
            if pats["recipients"].match(ln.content):
                break
            if is_upper_text(ln.content) and out and not pats["preamble"].match(ln.content):
                # "QUYẾT ĐỊNH:" or a heading in capitals after the bases ends the preamble
                out.append(ln)
                idx += 1
                break
            out.append(ln)
        idx += 1
    return out, idx


# --- outline ----------------------------------------------------------------------------------


def _outline(parsed: Parsed, region: Region) -> list[Node]:
    text = parsed.text
    roots: list[Node] = []
    stack: list[Node] = []
    labels = [(ln, _label(ln.content)) for ln in parsed.lines_in(region) if ln.content]
    has_roman = any(lab and lab[0] == "roman" for _, lab in labels)
    # a decision's articles ("Điều 2. Giao …") hold their numbered items, as Roman sections do
    has_articles = sum(1 for ln, lab in labels if lab and lab[0] == "article" and re.match(r"Điều\s+\d+\s*[.:]", ln.content)) >= 2
    has_roman = has_roman or has_articles
    for ln in parsed.lines_in(region):
        if not ln.content:
            continue
        lab = _label(ln.content)
        if not lab:
            continue
        kind, m = lab
        if kind == "roman" and not _roman_ok(m.group("label")):
            continue
        rank = _RANK[kind] if has_roman or kind not in ("arabic", "decimal", "letter") else _RANK[kind] - 1
        rest_start = ln.start + m.start("rest")
        heading = Region(rest_start, ln.end)
        if kind not in ("dash", "plus"):
            rest = m.group("rest")
            colon = next((c for c in re.finditer(r":\s", rest) if rest.count("(", 0, c.start()) <= rest.count(")", 0, c.start())), None)  # not "(gồm các Sở: …)"
            if colon and colon.start() <= 120 and len(rest) - colon.end() > 15:
                heading = Region(rest_start, rest_start + colon.start())
        node = Node(kind=kind, label=m.group("label"), heading=heading, start=ln.start, end=ln.end, level=rank)
        while stack and stack[-1].level >= rank:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    _close(roots, region.end, text)
    _repair_roman(roots, parsed)
    return roots


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12,
          "XIII": 13, "XIV": 14, "XV": 15}
_ROMAN_OF = {v: k for k, v in _ROMAN.items()}


def _repair_roman(roots: list[Node], parsed: Parsed) -> None:
    """A Roman numeral that breaks its sequence between two that keep it (I, II, II, IV: OCR read
    "III." as "II.", or the source repeated one) takes the number its neighbours say; recorded so
    that the record warns."""
    romans = [n for n in roots if n.kind == "roman" and n.label in _ROMAN]
    for prev, node, nxt in zip(romans, romans[1:], romans[2:] + [None]):
        want = _ROMAN[prev.label] + 1
        if _ROMAN[node.label] == want or want not in _ROMAN_OF:
            continue
        if nxt is not None and _ROMAN.get(nxt.label) != want + 1:
            continue  # the neighbours do not agree on what it should be
        if nxt is None and _ROMAN[node.label] != _ROMAN[prev.label]:
            continue  # at the end only a repeat is repaired
        parsed.repairs.append((Region(node.start, node.heading.start), node.label, _ROMAN_OF[want]))
        node.label = _ROMAN_OF[want]


def _roman_ok(label: str) -> bool:
    return bool(re.fullmatch(r"X{0,3}(IX|IV|V?I{0,3})", label)) and label != ""


def _close(nodes: list[Node], end: int, text: str) -> None:
    for i, node in enumerate(nodes):
        node.end = nodes[i + 1].start if i + 1 < len(nodes) else end
        while node.end > node.start and text[node.end - 1].isspace():
            node.end -= 1
        body_start = node.heading.end
        body_end = node.children[0].start if node.children else node.end
        if body_end > body_start:
            node.body = Region(body_start, body_end)
        _close(node.children, node.end, text)


# --- closing, recipients, signature -------------------------------------------------------------


def _tail(parsed: Parsed, start_idx: int) -> None:
    pats = _patterns()
    lines, text = parsed.lines, parsed.text
    rec_idx = next((i for i in range(start_idx, len(lines)) if pats["recipients"].match(lines[i].content)), None)
    # the closing sentence: the last "Trên đây là …" before the recipients (or anywhere after the body)
    stop = rec_idx if rec_idx is not None else len(lines)
    for i in range(start_idx, stop):
        if pats["closing"].match(lines[i].content):
            parsed.closing = Region(lines[i].start, lines[i].end)
    if parsed.closing is None:
        request = next((ln for ln in reversed(lines[start_idx:stop]) if re.search(r"\w", ln.content)), None)
        if request is not None and pats["closing_request"].match(request.content):
            parsed.closing = Region(request.start, request.end)
    # recipients and signature may share lines (two columns side by side): on a line with two
    # columns the left one is the recipients', the right one the signature's
    left: list[Line] = []
    right: list[Line] = []
    sig_started = False
    rec_done = rec_idx is None
    right_x: int | None = None  # where the right column starts, once a line with two columns shows it
    zone_start = rec_idx if rec_idx is not None else _signature_start(parsed, start_idx)
    if zone_start is None:
        return
    for ln in lines[zone_start : zone_start + 80]:
        if not ln.content:
            continue
        cols = _columns(ln)
        if len(cols) < 2 and sig_started and rec_done and _ends_signature(ln.content):
            break  # the signature is over: an attached document begins ("KẾ HOẠCH", "I. MỤC ĐÍCH …")
        if len(cols) >= 2:
            if not rec_done:
                left.append(cols[0])
                rec_done = _is_archive(cols[0].content)
            right.extend(cols[1:])
            if " | " not in ln.content:  # columns laid out with spaces: remember where the right one is
                x = _x(text, cols[1].start)
                right_x = x if right_x is None else min(right_x, x)
            sig_started = sig_started or any(_is_signature_line(c.content) for c in cols[1:])
            continue
        c = cols[0]
        if right_x is not None and right_x > 8:  # a laid-out page: the indentation says the column
            if _x(text, c.start) >= right_x - 4:
                right.append(c)
                sig_started = True
            elif not rec_done:
                left.append(c)
                rec_done = _is_archive(c.content)
            elif sig_started:  # the signature's lines put below the recipients' column ("KT. CHỦ TỊCH" beside "Nơi nhận:")
                right.append(c)
            continue
        if _is_signature_line(c.content):
            sig_started = True
            right.append(c)
        elif not rec_done and (not sig_started or re.match(r"^[-–•+]", c.content)):
            left.append(c)
            rec_done = _is_archive(c.content)
        elif sig_started:
            right.append(c)
    if rec_idx is not None:
        parsed.recipients_heading = left[0] if left else None
        parsed.recipient_lines = _recipient_lines(left[1:])
        # "Nơi nhận: - Như Điều 3;" on one line
        if parsed.recipients_heading:
            head = parsed.recipients_heading
            m = pats["recipients"].match(head.content)
            rest = head.content[m.end() :].strip()
            if rest:
                s = head.start + head.content.index(rest)
                parsed.recipient_lines.insert(0, Line(s, s + len(rest), rest))
        parsed.recipient_lines = [piece for ln in parsed.recipient_lines for piece in _recipient_items(ln)]
    parsed.signature_lines = [piece for ln in right for piece in _signature_pieces(ln)]


_ITEM_BREAK = re.compile(r"(?<=[;.)])\s+(?=[-–•]\s*\S)")


def _ends_signature(content: str) -> bool:
    """A line no signature holds: a type name, a numbered heading, or running text."""
    lab = _label(content)
    return bool(_patterns()["type_line"].match(content)) or (lab is not None and lab[0] in ("roman", "article")) or len(content) > 150


def _recipient_items(ln: Line) -> list[Line]:
    """A recipients column collapsed into one line (a Markdown cell, a web page): "- A; (b/c) - B; - Lưu: VT." → its items."""
    pieces, pos = [], 0
    for m in _ITEM_BREAK.finditer(ln.content):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(ln.content)))
    if len(pieces) == 1:
        return [ln]
    return [Line(ln.start + a, ln.start + b, ln.content[a:b]) for a, b in pieces if ln.content[a:b].strip()]


@cache
def _signature_vocabulary() -> tuple[re.Pattern[str], list[str]]:
    sig = resources.load("signature")
    modes = sorted([*sig["modes"], *sig["mode_spellings"]], key=len, reverse=True)
    heads = sorted([*sig["positions"], *sig["bodies"]], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(m) for m in modes) + r")(?=\s|$)"), heads


def _signature_pieces(ln: Line) -> list[Line]:
    """A signature block collapsed into one line ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Việt Phương") →
    its lines: each mode, each known position or body, and the name after the capitals."""
    mode_re, heads = _signature_vocabulary()
    c = ln.content
    cuts: list[int] = []
    pos = 0
    while pos < len(c):
        m = mode_re.match(c, pos)
        if m:
            cuts.append(pos)
            pos = m.end()
            while pos < len(c) and c[pos] == " ":
                pos += 1
        head = next((h for h in heads if c.startswith(h, pos) and (pos + len(h) == len(c) or not c[pos + len(h)].isalnum())), None)
        if head:
            if not m:
                cuts.append(pos)
            pos += len(head)
            while pos < len(c) and c[pos] == " ":
                pos += 1
            continue
        if m:
            continue
        break
    if not cuts or pos >= len(c) or pos == 0:
        return [ln]
    if not c[pos:].strip() or mode_re.match(c, pos) or is_upper_text(c[pos:]):
        return [ln]  # the rest is no name (a body wrapped over two lines: "TM. ỦY BAN" / "NHÂN DÂN")
    cuts.append(pos)  # the rest: the name
    cuts = sorted(set(cuts))
    bounds = list(zip(cuts, cuts[1:] + [len(c)]))
    if len(bounds) < 2:
        return [ln]
    return [Line(ln.start + a, ln.start + a + len(c[a:b].rstrip()), c[a:b].rstrip()) for a, b in bounds if c[a:b].strip()]


def _x(text: str, offset: int) -> int:
    """The column of an offset within its line."""
    return offset - text.rfind("\n", 0, offset) - 1


def _is_signature_line(content: str) -> bool:
    pats = _patterns()
    return bool(pats["mode"].match(content) or pats["position"].match(content))


def _is_archive(content: str) -> bool:
    return bool(re.match(r"(?i)^[-–•+]?\s*lưu\b", content))


def _recipient_lines(lines: list[Line]) -> list[Line]:
    """Recipient lines up to the archive line ("Lưu: …"), wrapped lines joined to their item."""
    out: list[Line] = []
    for ln in lines:
        c = ln.content
        if out and not re.match(r"^[-–•+]", c) and not re.match(r"(?i)^lưu\b", c) and not out[-1].content.lower().startswith("lưu"):
            prev = out[-1]
            out[-1] = Line(prev.start, ln.end, prev.content + " " + c)
            continue
        if out and out[-1].content.lstrip("-–•+ ").lower().startswith("lưu"):
            break
        out.append(ln)
    return out


def _signature_start(parsed: Parsed, start_idx: int) -> int | None:
    pats = _patterns()
    for i in range(start_idx, len(parsed.lines)):
        for col in _columns(parsed.lines[i]):
            if pats["mode"].match(col.content):
                return i
    return None


def _columns(ln: Line) -> list[Line]:
    pats = _patterns()
    cols = []
    pos = 0
    for sep in pats["columns"].finditer(ln.content):
        if sep.start() > pos:
            cols.append(Line(ln.start + pos, ln.start + sep.start(), ln.content[pos : sep.start()]))
        pos = sep.end()
    if pos < len(ln.content):
        cols.append(Line(ln.start + pos, ln.end, ln.content[pos:]))
    return cols or [ln]


def _tables(parsed: Parsed) -> list[Table]:
    tables: list[Table] = []
    run: list[Line] = []
    gap = False  # a blank line after the run's last row
    fragment = False  # ... or the rest of a row split by a page break

    def close() -> None:
        if len(run) >= 2:
            rows = []
            for r in run:  # cells between pipes, spaces trimmed; an empty cell is an empty region
                group = _group_line(r.content) if " | " not in r.content else None
                if group:  # a group row set as a line of its own: its label, and its heading as the task column's cell
                    rows.append([Region(r.start + group.start("label"), r.start + group.end("label")),
                                 Region(r.start + group.start("heading"), r.start + group.end("heading"))])
                    continue
                cells = []
                for m in re.finditer(r"[^|]*", r.content):
                    if m.start() > 0 and m.start() == m.end() and r.content[m.start() - 1] != "|":
                        continue
                    a, b = m.start(), m.end()
                    while a < b and r.content[a] == " ":
                        a += 1
                    while b > a and r.content[b - 1] == " ":
                        b -= 1
                    cells.append(Region(r.start + a, r.start + b))
                rows.append(cells)
            tables.append(Table(rows=rows, region=Region(run[0].start, run[-1].end)))
        run.clear()

    lines = parsed.lines
    for i, ln in enumerate(lines):
        if " | " in ln.content:
            if gap and not fragment and ln.content.count("|") != run[-1].content.count("|"):
                close()  # rows a page set one paragraph each ("1 | Tổ chức …" / "" / "2 | Rà soát …") go on across
                # a blank line only when they have as many cells as the row before
            run.append(ln)
            gap = fragment = False
        elif run and not ln.content.strip() and not gap:
            gap = True
        elif run and not fragment and _row_fragment(lines, i, run[-1].content.count("|")):
            # a group row a copy set as a line of its own ("I. NÂNG CAO NHẬN THỨC …"), or the rest of a row a
            # page break split ("Địa chất và khoáng sản.   sản"): the table goes on
            if _group_line(ln.content):
                run.append(ln)
            gap = fragment = True
        else:
            close()
            gap = fragment = False
    close()
    return tables


_GROUP_LINE_SHAPE = re.compile(r"^(?P<label>[IVX]{1,5}|[A-HJ-UWYZĐ])[.)]\s+(?P<heading>\S.{3,}?)\s*$")


def _group_line(content: str) -> re.Match[str] | None:
    """ "I. NÂNG CAO NHẬN THỨC …": a table's group row set as a line of its own (a label, a heading in capitals)."""
    m = _GROUP_LINE_SHAPE.match(content)
    return m if m and is_upper_text(m.group("heading")) else None


def _row_fragment(lines: list[Line], i: int, bars: int) -> bool:
    """A short line between rows of a table, the next a numbered row with as many cells: a group row a
    copy set as a line of its own, or the rest of a row split by a page break (no row of the table's,
    by pdfplumber's reading of the next page)."""
    if len(lines[i].content) > 120 or " | " in lines[i].content:
        return False
    nxt = next((ln for ln in lines[i + 1 : i + 3] if ln.content.strip()), None)
    # (as many cells give or take the last: an empty "Ghi chú" cell may be dropped)
    return nxt is not None and " | " in nxt.content and abs(nxt.content.count("|") - bars) <= 1 and bool(re.match(r"\d{1,3}\s*\|", nxt.content))


def parse(doc: Document) -> Parsed:
    parsed = Parsed(doc=doc, lines=split_lines(doc.text))
    lines = parsed.lines
    idx = 0
    if doc.portal:
        labels = resources.load("portal")["portals"][doc.portal]["attributes"]
        label_re = re.compile(r"^(?:" + "|".join(map(re.escape, labels)) + r")\s*:")
        block = [i for i, ln in enumerate(lines[:40]) if label_re.match(ln.content)]
        if block:
            parsed.portal_block = Region(lines[block[0]].start, lines[block[-1]].end)
            idx = block[-1] + 1
    found = _find_type_name(parsed, idx)
    if found and _decision_above(parsed, idx, found[0]):
        found = None  # the attached plan's "KẾ HOẠCH" below a decision that lost its header
    if found:
        type_idx, type_name = found
        header = Region(lines[idx].start if idx < len(lines) else 0, type_name.start)
        parsed.header_cells = _header_cells(doc.text, header)
        parsed.type_name = type_name
        parsed.title, idx = _title(parsed, type_idx, type_name)
    else:
        # no type name: look for a header block anyway (number / place-date lines near the top)
        top = lines[idx : idx + 12]
        if top:
            cells = _header_cells(doc.text, Region(top[0].start, top[-1].end))
            if any(c.kind in ("number", "date") for c in cells):
                # the issuer's lines count only beside the motto (an official header that lost its type line)
                motto = any(c.kind == "motto" for c in cells)
                number_at = next((i for i, c in enumerate(cells) if c.kind == "number"), len(cells))
                parsed.header_cells = [c for i, c in enumerate(cells)
                                       if c.kind in ("number", "date", "motto", "rule") or (motto and c.kind == "issuer" and i < number_at)]
                # the preamble comes after the header, not from the top of the page (a copy that lost its
                # type line and title: "Số: 7822/KH-UBND | Bến Tre, ngày …" then "Căn cứ …")
                last = max(c.end for c in parsed.header_cells)
                after = next((k for k in range(idx, len(lines)) if lines[k].start >= last), idx)
                if motto:
                    idx = _untyped_title(parsed, last, after)
                else:
                    idx = after
    parsed.preamble, idx = _preamble(parsed, idx)
    body_start = lines[idx].start if idx < len(lines) else len(doc.text)
    _tail(parsed, idx)
    ends = [r.start for r in (parsed.closing, parsed.recipients_heading) if r is not None]
    if parsed.signature_lines:
        ends.append(parsed.signature_lines[0].start)
    body_end = min([e for e in ends if e >= body_start] or [len(doc.text)])
    parsed.body = Region(body_start, body_end)
    parsed.outline = _outline(parsed, parsed.body)
    # a decision that issues a plan: the plan is attached after the decision's own signature
    after = parsed.signature_lines[-1].end if parsed.signature_lines else None
    if after is not None and after > body_end:
        attached = _outline(parsed, Region(after, len(doc.text)))
        if any(n.kind in ("roman", "article", "arabic") for n in attached):
            parsed.outline += attached
    parsed.tables = _tables(parsed)
    if parsed.type_name is None and not parsed.header_cells:
        _body_shape(parsed)
    return parsed


def _body_shape(parsed: Parsed) -> None:
    """A page that shows a plan's title and body but no header is the plan, not an article about it:
    its body has the plan's sections (or the decision's "QUYẾT ĐỊNH:" and Article 1); its title is
    the lines above the preamble."""
    pats = _patterns()
    text = parsed.text
    heads = [fold(h) for h in resources.load("structure")["plan_sections"]]
    sections = sum(1 for n in parsed.outline if any(fold(n.heading.text(text)).startswith(h) for h in heads))
    closing = parsed.closing is not None and pats["plan_closing"].match(parsed.closing.text(text))
    first = min([n.start for n in parsed.outline] + [parsed.body.end if parsed.body else len(text)])
    lead_in = pats["plan_lead_in"].search(" ".join(ln.content for ln in parsed.lines_in(Region(0, first)) if ln.content))
    article = article_one_issues_plan(parsed)
    titled = _titled_bases(parsed)
    if article or titled == "decision":
        parsed.body_shape = "decision"
    elif sections >= 2 or closing or lead_in or _plan_heading_alone(parsed) or titled == "plan":
        parsed.body_shape = "plan"
    else:
        return
    lines = [ln for ln in parsed.preamble if ln.content]
    title = []
    for ln in lines[:3]:
        if pats["preamble"].match(ln.content) or _is_authority(ln.content) or _label(ln.content):
            break
        title.append(ln)
    nxt = lines[len(title)] if len(title) < len(lines) else None
    words = sum(len(ln.content.split()) for ln in title)
    if title and 3 <= words <= 80 and (nxt is None or pats["preamble"].match(nxt.content) or _is_authority(nxt.content)):
        parsed.title = Region(title[0].start, title[-1].end)
        named = pats["heading_type"].match(title[0].content)
        if named and fold(named.group("name")) == fold("Quyết định" if parsed.body_shape == "decision" else "Kế hoạch"):
            # a page's heading that names the type before the title ("Kế hoạch thực hiện …"): its type name
            parsed.type_name = Region(title[0].start + named.start("name"), title[0].start + named.end("name"))
            parsed.title = Region(title[0].start + named.end(), title[-1].end)
        # the preamble is what follows the title (its capitals ended the preamble read from the top)
        k = next((i for i, ln in enumerate(parsed.lines) if ln.start >= title[-1].end), len(parsed.lines))
        preamble, k = _preamble(parsed, k)
        start = parsed.lines[k].start if k < len(parsed.lines) else len(text)
        if parsed.body and start <= first:
            parsed.preamble = preamble
            parsed.body = Region(start, parsed.body.end)
        else:
            parsed.preamble = [ln for ln in parsed.preamble if ln.start >= title[-1].end]


def _titled_bases(parsed: Parsed) -> str | None:
    """A title (in capitals, or one line) over a preamble of legal bases ("Căn cứ …;" twice or more) is a document's
    body, cut before its sections: a plan's when no authority stands between them, a decision's when
    one does and the title issues a plan ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" under "BAN HÀNH KẾ HOẠCH …")."""
    lines = [ln for ln in parsed.lines[:200] if ln.content][:40]
    k = 0
    bare = [ln.content.strip("*_# ") for ln in lines]  # a page's bold or heading marks aside
    while k < min(len(lines), 4) and is_upper_text(bare[k]) and not _is_authority(bare[k]):
        k += 1
    if k == 0 and lines and not _patterns()["preamble"].match(bare[0]) and not re.search(r"[.?!:;]$", bare[0]):
        k = 1  # a title in sentence case, on one line ("Truyền thông về Chương trình …")
    if k == 0 or sum(len(b.split()) for b in bare[:k]) < 4:
        return None
    authority = k < len(lines) and _is_authority(bare[k])
    bases = sum(1 for ln in lines[k:] if re.match(r"\W*Căn\s+cứ\s", ln.content))
    if bases < 2:
        return None
    if authority:
        return "decision" if _patterns()["title_issues_plan"].search(" ".join(bare[:k])) else None
    return "plan"


def _plan_heading_alone(parsed: Parsed) -> bool:
    """A page that opens with the heading "Kế hoạch <title>" and has none of a news article's cues (a
    plan's page cut short after its title or first lines)."""
    first = next((ln for ln in parsed.lines if ln.content), None)
    named = _patterns()["heading_type"].match(first.content) if first else None
    if not named or fold(named.group("name")) != fold("Kế hoạch") or len(first.content.split()) > 80:
        return False
    if re.search(r"[.!?]\s+\S", first.content):
        return False  # a sentence, not a heading
    cues = resources.load("structure")["news_cues"]
    low = parsed.text.lower()
    return not any(c.lower() in low for c in cues)


def article_one_issues_plan(parsed: Parsed) -> bool:
    """A decision whose "QUYẾT ĐỊNH:" line or Article 1 issues or approves a plan, whatever its title says
    (a title that names the plan otherwise, or one a copy misread: "Ban hành kếế hoạch …")."""
    return _decision_above(parsed, 0, len(parsed.lines))


def _decision_above(parsed: Parsed, start: int, end: int) -> bool:
    """A decision's "QUYẾT ĐỊNH:" line and an Article 1 that issues a plan, between lines start and end."""
    pats = _patterns()
    text = parsed.text
    for ln in parsed.lines[start : min(end, start + 200)]:
        if ln.content and pats["decision_line"].match(ln.content):
            return bool(pats["decision_issues_plan"].match(re.sub(r"\s+", " ", text[ln.end : ln.end + 600])))
        if ln.content and re.match(r"\W*Điều\s+1\b", ln.content):
            return bool(pats["decision_issues_plan"].match(re.sub(r"\s+", " ", text[ln.start : ln.start + 600])))
    return False
