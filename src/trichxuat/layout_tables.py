"""Task tables that `pdftotext -layout` printed as columns of words, read back into rows of "|" cells.

`-layout` keeps a page's columns as runs of spaces: a table's cells come out wrapped over several
lines, each line holding a piece of every cell beside it, a row's number on the row's middle line
when the cells are centred vertically (as Word and LibreOffice tables often are), and cells that
touch one space apart. A row of "|" cells is what a table of a Word file, a web page or a PDF read by
pdfplumber becomes (`ingest.tables`), so a table rewritten here is read by the same rules; every
character keeps its place in the source (the edit carries a map).

- The header: the column names of `agencies.yaml` ``table_columns`` ("chủ trì" and "nhiệm vụ" or
  "nội dung" among them), each wrapped in its column; names that touch are parted.
- The columns: where the header's names begin, then where each page's cells begin (pdftotext sets
  each page apart a little); a piece two cells share is parted before the word under the next edge.
- The rows: their labels ("1", "II") in the first column; a row begins at the line between two
  labels that looks most like a row's first line (its task cell begins a sentence, the other cells
  begin there), near where the row above, centred on its label, ends.
- A table whose reading does not hold together (most rows' task or lead cell beginning with a small
  letter) is left as it was: a table read wrong is worse than lines left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from . import resources
from .textnorm import fold, is_upper_text

_WORDS = re.compile(r"\S+(?: \S+)*")  # a run of words one space apart: a piece of one cell (or of two that touch)
_WORD = re.compile(r"\S+")
ROW_LABEL = re.compile(r"(?:\d{1,3}|[IVX]{1,5})[.)]?")  # a table row's label ("8.", "II"), whole; tasks reads it too
_GROUP_LABEL = re.compile(r"(?:[IVX]{1,5}|[A-HJ-UWYZĐ])[.)]? +(?=\S)")  # a group row's label ("I.", "B")
_LABEL_THEN_TEXT = re.compile(ROW_LABEL.pattern + r" (?=\S)")  # a label and its row's text on one piece
_COLUMN_NUMBERS = re.compile(r"\(\d{1,2}\)(?: *\(\d{1,2}\))*")  # "(1) (2)   (3)": a row numbering the columns
_SENTENCE_END = re.compile(r"[.;:!?]$")
_HEADER_CELL_MAX = 32  # a header's pieces are short: a column's name wrapped in its column
_HEADER_REACH = 8  # lines above and below the line naming the lead column


@cache
def _vocabulary() -> dict[str, list[str]]:
    columns = resources.load("agencies")["table_columns"]
    return {key: [fold(w) for w in words] for key, words in columns.items()}


@cache
def _header_label() -> re.Pattern[str]:
    """The name of the row labels' column ("TT", "STT"), at the start of a header's piece."""
    names = sorted(resources.load("agencies")["table_label_names"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, names)) + r")(?= |$)")


@cache
def _name_openings() -> re.Pattern[str]:
    """A column's name beginning after another's words on a header's piece ("Tên nhiệm Cơ quan")."""
    names = sorted(resources.load("agencies")["table_name_openings"], key=len, reverse=True)
    return re.compile(r"(?<=\S )(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


@cache
def _lead_words() -> re.Pattern[str]:
    """The lead column's name or its first word (a name wrapped in its column: "chủ" / "trì")."""
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(w.split()[0]) for w in _vocabulary()["lead"]) + r")(?!\w)")


@cache
def name_start() -> re.Pattern[str]:
    """The first words of a body's name: a unit's head ("Sở", "UBND", "Công an"), maybe after a collective's
    marker in small letters (a cell that goes on a list of bodies: "…, các Sở, ban, ngành"), or "Các"/"Những"
    (a collective: "Các Sở, ban, ngành")."""
    t = resources.load("agencies")
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    markers = [m for m in t["collective_markers"] if " " not in m]
    return re.compile(rf"(?:(?:{alt(markers)})\s+)?(?:{alt(t['heads'])})(?!\w)|(?:{alt(m.capitalize() for m in markers)})(?!\w)")


@cache
def _deadline_start() -> re.Pattern[str]:
    """A deadline's first words anywhere on a piece ("… ban, Xong trong"): the deadline cell's pattern without its anchors."""
    return re.compile(resources.load("agencies")["table_deadline_cell"].replace("^", ""))


def _is_deadline(col: _Column) -> bool:
    return any(w in fold(" ".join(col.names)) for w in _vocabulary()["deadline"])


@dataclass
class _Piece:
    x: int  # column on its line
    start: int  # offset in the text
    text: str
    parted: bool = False  # parted from a label's piece ("TT Tên nhiệm vụ"): a column of its own


@dataclass
class _Line:
    start: int  # offset of the line's first column (after a page break's form feed)
    content: str
    page: int
    pieces: list[_Piece] = field(default_factory=list)


def _lines(text: str) -> list[_Line]:
    """The text's lines, each with its page (pdftotext ends a page with a form feed) and its pieces."""
    out, pos, page = [], 0, 0
    for raw in text.split("\n"):
        skip = raw.rfind("\f") + 1
        page += raw.count("\f")
        content = raw[skip:].rstrip("\r")
        ln = _Line(pos + skip, content, page)
        ln.pieces = [_Piece(m.start(), ln.start + m.start(), m.group()) for m in _WORDS.finditer(content)]
        out.append(ln)
        pos += len(raw) + 1
    return out


def _split_at(piece: _Piece, cut: int) -> tuple[_Piece, _Piece]:
    """The piece cut before its character ``cut`` (a space follows the first part)."""
    return (_Piece(piece.x, piece.start, piece.text[: cut - 1]),
            _Piece(piece.x + cut, piece.start + cut, piece.text[cut:]))


def _numbers_row(ln: _Line) -> bool:
    return bool(_COLUMN_NUMBERS.fullmatch(ln.content.strip()))


def _header_like(ln: _Line) -> bool:
    """A line of a table's header: short pieces, more than one (once names that touch are parted), or one
    standing right of the margin."""
    pieces = _header_pieces(ln) if len(ln.pieces) == 1 and len(ln.pieces[0].text) > _HEADER_CELL_MAX else ln.pieces
    if len(pieces) > 1:  # (two cells' names touching make a longer piece)
        return all(len(p.text) <= 1.5 * _HEADER_CELL_MAX for p in pieces)
    return bool(ln.pieces) and len(ln.pieces[0].text) <= _HEADER_CELL_MAX and (ln.pieces[0].x >= 8 or bool(_header_label().match(ln.pieces[0].text)))


def _header(lines: list[_Line], i: int) -> tuple[int, int, list[_Column]] | None:
    """The header around line ``i`` (which names the lead column): its first and last line + 1, and the
    columns its names stand in."""
    if not _header_like(lines[i]) and not _numbers_row(lines[i]):
        return None
    top = i
    while top > 0 and i - top < _HEADER_REACH:
        prev = lines[top - 1]
        if prev.pieces and not _header_like(prev):
            break
        if not prev.pieces and (top - 2 < 0 or not lines[top - 2].pieces or not _header_like(lines[top - 2])):
            break
        top -= 1
    while not lines[top].pieces:
        top += 1
    end = i + 1
    while end < len(lines) and end - i <= _HEADER_REACH:
        ln = lines[end]
        if ln.pieces and not (_header_like(ln) or _numbers_row(ln)):
            break
        if ln.pieces and _LABEL_THEN_TEXT.match(ln.content.lstrip()) and not _numbers_row(ln):
            break  # a row's label and text: the body
        if ln.pieces and ln.pieces[0].x < 8 and len(ln.pieces) == 1 and not _numbers_row(ln) \
                and not _header_label().fullmatch(ln.pieces[0].text):
            break  # a task cell's first line alone
        end += 1
    while end > i + 1 and not lines[end - 1].pieces:
        end -= 1
    label = next((n for n in range(top, end) if lines[n].pieces and lines[n].pieces[0].x < 8 and _header_label().match(lines[n].pieces[0].text)), None)
    if label is not None and label > top:  # the header's cells centred on its label's line: as far below it as above
        end = min(end, 2 * label - top + 1)
        while end < len(lines) and (not lines[end].pieces or _numbers_row(lines[end])):
            end += 1
        while not lines[end - 1].pieces:
            end -= 1
    cols = _columns(lines[top:end])
    names = [fold(" ".join(c.names)) for c in cols]  # (a name may be wrapped: "chủ" / "trì")
    voc = _vocabulary()
    if not all(any(w in name for w in voc[key] for name in names) for key in ("text", "lead")):
        return None
    return top, end, cols


@dataclass
class _Column:
    x: int
    names: list[str] = field(default_factory=list)


def _header_pieces(ln: _Line, edges: list[int] = ()) -> list[_Piece]:
    """A header line's pieces parted where two columns' names touch: "TT Tên nhiệm vụ", "(1) (2)", "chủ
    trì phối hợp" (two roles' names), "Cơ quan Cơ quan" (one name twice), a word that stands at a
    column's edge (``edges``, once the other lines have shown them), and a name's first words after
    another's ("Tên nhiệm Cơ quan", agencies.yaml table_name_openings)."""
    out = []
    todo = list(ln.pieces)
    while todo:
        p = todo.pop(0)
        m = _header_label().match(p.text)
        if m and len(p.text) > m.end() + 1:
            label, rest = _split_at(p, m.end() + 1)
            rest.parted = True
            out.append(label)
            todo.insert(0, rest)
            continue
        if _COLUMN_NUMBERS.fullmatch(p.text):
            out += [_Piece(p.x + n.start(), p.start + n.start(), n.group()) for n in re.finditer(r"\(\d{1,2}\)", p.text)]
            continue
        cut = _header_cut(p, edges)
        if cut:
            a, b = _split_at(p, cut)
            b.parted = True
            out.append(a)
            todo.insert(0, b)
            continue
        out.append(p)
    return out


def _header_cut(p: _Piece, edges: list[int]) -> int | None:
    words = list(_WORD.finditer(p.text))
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and fold(" ".join(w.group() for w in words[:half])) == fold(" ".join(w.group() for w in words[half:])):
        return words[half].start()
    folded = fold(p.text)
    roles = sorted((folded.find(w), key) for key, names in _vocabulary().items() for w in names if w in folded)
    for (_, first), (at, second) in zip(roles, roles[1:]):
        if second != first and at > 0 and folded[at - 1] == " ":
            return len(p.text[:at])  # (fold keeps the length of these words)
    for w in words[1:]:
        if any(abs(p.x + w.start() - e) <= 1 for e in edges):
            return w.start()
    opening = _name_openings().search(p.text)
    return opening.start() if opening else None


def _columns(lines: list[_Line]) -> list[_Column]:
    edges: list[int] = []
    for _ in range(2):  # the second time with the edges the first found
        pieces = sorted((p for ln in lines for p in _header_pieces(ln, edges)), key=lambda p: p.x)
        cols: list[_Column] = []
        last = -99
        for p in pieces:
            if p.x - last > 3 or (p.parted and p.x > last):
                cols.append(_Column(p.x))
            last = p.x
        edges = [c.x for c in cols]
    for ln in lines:  # each name's words in line order, under the nearest column
        for p in _header_pieces(ln, edges):
            min(cols, key=lambda c: abs(c.x - p.x)).names.append(p.text)
    return cols


def _column_of(cols: list[_Column], x: int) -> int:
    return min(range(len(cols)), key=lambda k: (abs(cols[k].x - x), k))


def _placed(cols: list[_Column], ln: _Line, label_col: int | None) -> list[tuple[int, _Piece]] | None:
    """The line's pieces under their columns. A piece two cells touch ("chính sách, Các Sở,": one space
    between them) is parted before a word that stands under the next column and would run past its
    left edge. None when the line is no line of the table: a piece under the label column that is no
    label and no task's text."""
    out: list[tuple[int, _Piece]] = []
    todo: list[tuple[_Piece, int | None]] = [(p, None) for p in ln.pieces]  # (piece, the column a cut gave it)
    while todo:
        p, given = todo.pop(0)
        k = given if given is not None else _column_of(cols, p.x)
        if label_col is not None and k == label_col:
            m = _LABEL_THEN_TEXT.match(p.text)
            if m and not ROW_LABEL.fullmatch(p.text):
                a, b = _split_at(p, m.end())
                out.append((k, a))
                todo.insert(0, (b, None))
                continue
            if not ROW_LABEL.fullmatch(p.text):
                if p.x >= cols[k].x and k + 1 < len(cols) and p.x >= (cols[k].x + cols[k + 1].x) / 2 - 1:
                    k += 1  # nearer the label column, but right of the middle: the task cell's text
                else:
                    return None
        cut = None
        if k + 1 < len(cols):
            edge = cols[k + 1].x
            opens = _deadline_start() if _is_deadline(cols[k + 1]) else name_start()
            for w in _WORD.finditer(p.text):
                x = p.x + w.start()
                # a word under the next column's edge that runs into it; a body's name ("Các Sở", "Sở Y tế",
                # "UBND các xã": a cell's first words), or a deadline's ("Xong trong Quý II/2026", centred in
                # its cell) in a column of deadlines, may stand a little further left
                reach = (5, 2) if opens.match(p.text, w.start()) else (3, 0)
                if w.start() and x >= edge - reach[0] and x + len(w.group()) >= edge - reach[1]:
                    cut = w.start()
                    break
        if cut:
            a, b = _split_at(p, cut)
            out.append((k, a))
            todo.insert(0, (b, max(k + 1, _column_of(cols, b.x))))
            continue
        out.append((k, p))
    return out


def _is_repeat(ln: _Line, names: set[str]) -> bool:
    """A header line a new page repeats, or the column numbers' row."""
    return all(fold(p.text) in names or _COLUMN_NUMBERS.fullmatch(p.text) for p in ln.pieces)


def _read(lines: list[_Line], top: int, end: int, cols: list[_Column]) -> tuple[int, list[list[list[_Piece]]], list[_Column]] | None:
    """The table whose header is lines[top:end], its names in ``cols``: the line after it, its rows
    (cells of pieces, the header first) and its columns; None when fewer than two labelled rows follow."""
    voc = _vocabulary()
    named = {key: next((k for k, c in enumerate(cols) if any(w in fold(" ".join(c.names)) for w in words)), None) for key, words in voc.items()}
    text_col, lead_col = named.get("text"), named.get("lead")
    if text_col is None or lead_col is None or len(cols) < 3 or text_col == lead_col:
        return None
    label_col = 0 if text_col > 0 else None
    if label_col is None:
        return None  # rows are found by their labels
    names = {fold(n) for c in cols for n in c.names} | {fold(ln.content) for ln in lines[top:end]}
    header = [[p for ln in lines[top:end] for k2, p in _header_placed(cols, ln) if k2 == k] for k in range(len(cols))]
    body = _body(lines, end, lambda page: cols, names, label_col, text_col)
    # the header's words stand where its cells are centred, and each page sets its columns a little apart:
    # each page's own edges, from where its pieces stand
    pages = _page_edges(cols, lines, body, label_col)
    body = _body(lines, end, lambda page: pages.get(page, cols), names, label_col, text_col)
    anchors = [n for n, (_, placed) in enumerate(body) if any(k == label_col for k, _ in placed)]
    if len(anchors) < 2:
        return None
    starts = _row_starts(body, anchors, label_col, text_col)
    last_end = len(body)
    if starts[0] < anchors[0]:  # centred: the last row ends as far below its label as it begins above it
        last_end = min(len(body), 2 * anchors[-1] - starts[-1] + 2)
    bounds = list(zip(starts, [*starts[1:], last_end]))
    rows = [header]
    for a, b in bounds:
        cells: list[list[_Piece]] = [[] for _ in cols]
        for _, placed in body[a:b]:
            for k, p in placed:
                cells[k].append(p)
        for k in set(range(len(cols))) - {label_col, text_col}:
            _drop_dangling(cells[k])
        rows.append(cells)
    if not _reads_well(rows[1:], text_col, lead_col):
        return None
    stop = body[last_end - 1][0] + 1
    return stop, rows, cols


def _drop_dangling(cell: list[_Piece]) -> None:
    """A body's name ends with no word that goes on ("Sở Nội vụ các", "UBND các xã, phường các"): such a
    last word came from the cell beside it, touching, and is dropped (`agencies.yaml` ``name_goes_on``)."""
    if not cell:
        return
    last = cell[-1]
    m = re.search(r"(?:^|\s)(\S+)$", last.text)
    if m and m.group(1) in _goes_on():
        kept = last.text[: m.start()].rstrip()
        if kept:
            cell[-1] = _Piece(last.x, last.start, kept)
        else:
            cell.pop()


@cache
def _goes_on() -> frozenset[str]:
    return frozenset(resources.load("agencies")["name_goes_on"])


def _reads_well(rows: list[list[list[_Piece]]], text_col: int, lead_col: int) -> bool:
    """Half the rows or more have task and lead cells that begin as a task and a body's name do, with a capital: columns
    pdftotext set too far from the header's (the cells' words dealt to the wrong columns) do not, and a
    table read that wrong is worse than its lines left as they are."""
    rows = [r for r in rows if r[lead_col]]
    good = sum(1 for r in rows if r[text_col] and r[text_col][0].text[:1].isupper() and r[lead_col][0].text[:1].isupper())
    return bool(rows) and 2 * good >= len(rows)


def _body(lines: list[_Line], i: int, cols_on, names: set[str], label_col: int, text_col: int) -> list[tuple[int, list[tuple[int, _Piece]]]]:
    """The table's lines from line ``i`` on, each with its pieces under their columns (``cols_on(page)``),
    up to the first line that is not the table's (a paragraph across the page, a piece left of the task
    column that is no row's label)."""
    body = []
    group = False
    narrow: dict[int, bool] = {}
    for n in range(i, len(lines)):
        ln = lines[n]
        if not ln.pieces or _is_repeat(ln, names):
            continue
        cols = cols_on(ln.page)
        if ln.page != lines[i].page and ln.page not in narrow:
            narrow[ln.page] = _one_column_page(lines, ln.page, cols, text_col)
        if narrow.get(ln.page):
            body.append((n, [(text_col, p) for p in ln.pieces]))  # a task cell that runs over a whole page
            continue
        long = [p for p in ln.pieces if len(p.text) > max(40, 0.7 * cols[-1].x)]
        m = _GROUP_LABEL.match(ln.content.lstrip())
        words = ln.content.strip()[m.end() if m else 0 :]
        if (m or group) and is_upper_text(words) and (m or ln.pieces[0].x < cols[text_col].x):
            # a group row across the table ("I. NÂNG CAO NHẬN THỨC …", a cell spanning the columns), or its next line
            first = ln.pieces[0]
            placed = []
            if m:
                label, first = _split_at(first, len(m.group().rstrip()) + 1) if len(first.text) > len(m.group()) else (first, None)
                placed.append((label_col, label))
            placed += [(text_col, p) for p in ([first] if first else []) + ln.pieces[1:]]
            body.append((n, placed))
            group = True
            continue
        group = False
        if any(p.x <= min(1, cols[text_col].x - 1) and not _LABEL_THEN_TEXT.match(p.text) for p in long):
            break  # a paragraph across the page, from its margin: the table is over
        placed = _placed(cols, ln, label_col)
        if placed is None:
            break
        body.append((n, placed))
    while body and len(body[-1][1]) == 1 and len(body[-1][1][0][1].text) > max(40, 0.7 * cols_on(lines[body[-1][0]].page)[-1].x):
        body.pop()  # the first line of the paragraph after the table, indented as far as the task column
    return body


def _one_column_page(lines: list[_Line], page: int, cols: list[_Column], text_col: int) -> bool:
    """A page that holds nothing but the task cell of one row, a cell longer than the page: pdftotext sets the
    page's margin at that column, so its lines stand at the margin, one piece each, as narrow as the column,
    the first going on with the cell's sentence (in small letters or a list's mark: not a signature's lines)."""
    mine = [ln for ln in lines if ln.page == page and ln.pieces]
    width = cols[text_col + 1].x - cols[text_col].x + 2 if text_col + 1 < len(cols) else 0
    return (len(mine) >= 3 and bool(re.match(r"[a-zđà-ỹ(\-–+•]", mine[0].pieces[0].text))
            and all(len(ln.pieces) == 1 and ln.pieces[0].x <= 1 and len(ln.pieces[0].text) <= width for ln in mine))


def _page_edges(cols: list[_Column], lines: list[_Line], body: list[tuple[int, list[tuple[int, _Piece]]]], label_col: int) -> dict[int, list[_Column]]:
    """Each page's columns, from where the page's cells begin (pieces after a run of spaces, row labels
    aside). Where those places gather at as many places as the header has columns after the label's
    (whether two or three of them make a place), they are the columns, in the header's order: a header set
    in bold, narrow columns, stands its names well left of their cells ("Tên nhiệm Cơ quan chủ Cơ quan
    phối" over cells 30 places apart). On the other pages each column moves to the middle of the places
    nearest it, from the columns of the nearest page that showed them (moved with the page's margin) or
    else the header's, in order."""
    starts: dict[int, list[int]] = {}
    for n, placed in body:
        content = lines[n].content
        if is_upper_text(content):
            continue  # a group row across the table stands apart from the columns
        for k, p in placed:
            if (p.x == 0 or content[max(p.x - 2, 0) : p.x] == "  ") and not (k == label_col and ROW_LABEL.fullmatch(p.text)):
                starts.setdefault(lines[n].page, []).append(p.x)
    own = {page: _gathered(xs, 3) for page, xs in starts.items()}
    shown: dict[int, list[_Column]] = {}
    for page, xs in starts.items():
        mine = own[page]
        if label_col == 0 and len(mine) == len(cols) - 1 == len(_gathered(xs, 2)) and mine[0] > cols[0].x:
            shown[page] = [_Column(cols[0].x, cols[0].names)] + [_Column(x, c.names) for x, c in zip(mine, cols[1:])]
    pages = dict(shown)
    for page, xs in starts.items():
        if page in shown:
            continue
        base = cols
        if shown:  # the nearest page's columns, moved as far as this page's first column of cells stands from that page's
            near_page = shown[min(shown, key=lambda q: abs(q - page))]
            shift = own[page][0] - near_page[1].x if own[page] else 0
            base = [near_page[0]] + [_Column(c.x + shift, c.names) for c in near_page[1:]]
        mine = [_Column(c.x, c.names) for c in base]
        near: dict[int, list[int]] = {}
        for x in xs:
            near.setdefault(_column_of(base, x), []).append(x)
        for k, found in sorted(near.items()):
            if k != label_col and len(found) >= 2:
                x = sorted(found)[(len(found) - 1) // 2]
                if (k == 0 or mine[k - 1].x < x) and (k + 1 == len(mine) or x < mine[k + 1].x):
                    mine[k].x = x
        pages[page] = mine
    return pages


def _gathered(xs: list[int], least: int) -> list[int]:
    """The places where at least ``least`` of ``xs`` gather (each within 2 of the next), the middle one of each."""
    groups: list[list[int]] = []
    for x in sorted(xs):
        if groups and x - groups[-1][-1] <= 2:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [g[(len(g) - 1) // 2] for g in groups if len(g) >= least]


def _header_placed(cols: list[_Column], ln: _Line) -> list[tuple[int, _Piece]]:
    return [(_column_of(cols, p.x), p) for p in _header_pieces(ln, [c.x for c in cols])]


def _row_starts(body: list[tuple[int, list[tuple[int, _Piece]]]], anchors: list[int], label_col: int, text_col: int) -> list[int]:
    """Where each labelled row begins: at the line between its label and the label above that looks
    most like a row's first line (its task cell begins a sentence, the task cell above ended one, the
    other cells begin there rather than go on through it); near where the row above ends when that row's
    cells are centred on its label (it ends as far below its label as it begins above)."""
    starts = [0]

    def on(n: int, col: int) -> list[str]:
        return [p.text for k, p in body[n][1] if k == col]

    others = {k for _, placed in body for k, _ in placed} - {label_col, text_col}
    for k in range(1, len(anchors)):
        lo, hi = anchors[k - 1] + 1, anchors[k]
        guess = min(max(2 * anchors[k - 1] - starts[-1] + 1, lo), hi) if anchors[k - 1] > starts[-1] else None

        def score(n: int) -> float:
            here = on(n, text_col)
            before = next((t for m in range(n - 1, lo - 2, -1) for t in on(m, text_col)[-1:]), "")
            s = 2.0 if here and here[0][:1].isupper() else 0.0
            s += 1.0 if _SENTENCE_END.search(before) else 0.0
            s += 0.5 if body[n][0] - body[n - 1][0] > 1 else 0.0  # a blank line before it
            s += 0.5 if n == hi else 0.0  # the label on the row's first line
            for col in others:
                if on(n, col):
                    s += -1.0 if on(n - 1, col) else 0.5
            return s - (0.3 * abs(n - guess) if guess is not None else 0.0)

        start = max(range(lo, hi + 1), key=lambda n: (score(n), n))
        while guess is not None and start > lo and start < hi and not on(start - 1, text_col) and start - 1 >= guess:
            start -= 1  # a line of other cells above the task cell's first, below where the row above ends
        starts.append(start)
    return starts


def layout_tables(text: str) -> list[tuple[int, int, str, list[int]]]:
    """Each task table printed by `pdftotext -layout` as one line per row of " | " cells."""
    if "  " not in text:
        return []
    first = _lead_words()
    if not first.search(text):
        return []
    lines = _lines(text)
    edits = []
    i = 0
    while i < len(lines):
        if not first.search(lines[i].content):
            i += 1
            continue
        head = _header(lines, i)
        table = _read(lines, *head) if head else None
        if table is None:
            i += 1
            continue
        stop, rows, _ = table
        start = lines[head[0]].start
        end = lines[stop - 1].start + len(lines[stop - 1].content)
        out: list[str] = []
        where: list[int] = []
        for r, cells in enumerate(rows):
            if r:
                out.append("\n")
                where.append(where[-1] if where else start)
            for k, pieces in enumerate(cells):
                if k:
                    out.append(" | ")
                    where += [where[-1] if where else start] * 3
                for n, p in enumerate(pieces):
                    if n:
                        out.append(" ")
                        where.append(where[-1])
                    out.append(p.text)
                    where += range(p.start, p.start + len(p.text))
        edits.append((start, end, "".join(out), where))
        i = stop
    return edits
