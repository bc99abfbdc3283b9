"""Budget: the total (in figures and in words), its items, and the funding sources, checked
against themselves: words that disagree with figures, and items that do not add up, are warned."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .. import resources
from ..numbers import Money, figure_value, find_money, parse_words, scale_of
from ..record import Amount, Budget, BudgetItem, FundingSource
from ..structure import LIST_MARK, Node, Parsed, Region
from ..textnorm import collapse, fold
from . import agencies as units
from .base import Covered, Part, span_of
from .citations import find_citations
from .tasks import activity_label


@cache
def _table() -> dict[str, Any]:
    t = resources.load("funding_sources")
    return {
        "headings": [fold(h) for h in t["headings"]],
        "kinds": [(k["kind"], re.compile(k["pattern"])) for k in t["kinds"]],
        "levels": [(k["level"], re.compile(k["pattern"])) for k in t["levels"]],
        "amount_lines": re.compile(t["amount_lines"], re.I),
        "remark": re.compile(t["remark_starts"], re.I),
        "total": re.compile(t["total_labels"] + r"[^:\n]{0,40}?:?\s*", re.I),
        "words": re.compile(r"\(?\s*" + t["words_label"] + r"\s*:\s*(?P<w>[^)\n]+)\)?", re.I),
        "table_amount_columns": t["table_amount_columns"],
        "rate_after": re.compile(t["rate_after"], re.I),
        "source_sentence": re.compile(t["source_sentence"]),
        "table_unit": re.compile(t["table_unit"], re.I),
        "source_cut": re.compile(r"\s+và\s+|\s*;\s*"),
        "catch_all": re.compile(t["catch_all"]),
        "names_source": re.compile(t["names_source"]),
        "law_names": re.compile(t["law_names"]),
        "sub_headings": {fold(h) for h in t["headings"] + t["sub_headings"]},
        "kinds_not_alone": frozenset(t["kinds_not_alone"]),
    }


def classify(text: str) -> tuple[str, str | None]:
    """The kind of a funding source, and which state budget when it says."""
    folded = fold(text)
    kind = next((k for k, p in _table()["kinds"] if p.search(folded)), "other")
    level = next((lv for lv, p in _table()["levels"] if p.search(folded)), None) if kind == "state_budget" else None
    return kind, level


def _sections(parsed: Parsed) -> list[Node]:
    """Budget sections: a heading that begins with a budget word and is a heading, not a sentence
    ("2. Kinh phí thực hiện Kế hoạch … được bố trí từ …" is an item that states a source)."""
    heads = _table()["headings"]
    return [
        n for n in parsed.nodes()
        if n.kind in ("roman", "arabic", "decimal", "article") and any(fold(n.heading.text(parsed.text)).startswith(h) for h in heads)
        and (len(n.heading.text(parsed.text)) <= 80 or n.heading.text(parsed.text).rstrip().endswith(":"))
    ]


def _sources(parsed: Parsed, section: Node) -> list[FundingSource]:
    """One source per numbered item; in running text, one per clause that names a different kind."""
    text = parsed.text
    t = _table()
    chunks: list[tuple[int, int]] = []
    items = _source_items(parsed, section)
    firsts = [c.start for c in section.children if c.kind in _ITEM_KINDS]
    own_end = firsts[0] if firsts else section.end  # the section's own paragraphs, before its items
    line_end = text.find("\n", section.heading.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = re.match(r"\s*:\s*", text[section.heading.end : line_end])
    if rest and line_end - section.heading.end - rest.end() > 10:  # "4. Kinh phí thực hiện: Kinh phí … được …" on its heading's line
        chunks.extend(_split_clauses(text[section.heading.end + rest.end() : line_end], section.heading.end + rest.end()))
    for ln in parsed.lines_in(Region(section.heading.end, own_end)):
        if " | " in ln.content or t["table_unit"].search(fold(ln.content)):
            continue  # a table's row or its unit: amounts, not sources
        if ln.content and not t["amount_lines"].search(ln.content) and len(ln.content) > 10:
            chunks.extend(_split_clauses(ln.content, ln.start))
        elif ln.content:  # a crawl ran the source and the total into one line: its sentences without amounts
            for m in re.finditer(r"\S.*?(?:\.(?=\s)|$)", ln.content):
                if len(m.group()) > 10 and not t["amount_lines"].search(m.group()):
                    chunks.extend(_split_clauses(m.group(), ln.start + m.start()))
    for c in items:
        end = c.end
        if c.kind in ("dash", "plus"):  # a bullet is one paragraph: the text after its blank line is not its (the closing paragraph)
            gap = re.search(r"\n[ \t]*\n", text[c.heading.start : c.end])
            end = c.heading.start + gap.start() if gap else end
        if not t["amount_lines"].search(text[c.heading.start : end]):
            chunks.extend(_split_catch_all(text[c.heading.start : end], c.heading.start))
    out = []
    for a, b in chunks:
        raw = text[a:b].strip(" \n:")
        bare = LIST_MARK.sub("", raw, count=1)  # its list mark aside
        label = activity_label(bare.split("\n", 1)[0])
        if t["remark"].match(bare) or _assigns_work(bare) or label in ("lead", "implement", "partners", "deadline"):
            continue  # a remark, a unit's task, an activity's unit or time ("Thời gian thực hiện: …")
        if not _names_source(raw):
            continue  # the section's principles or the uses of its money, not where it comes from
        start = a + text[a:b].index(raw[:10]) if raw[:10] in text[a:b] else a
        out.append(_source(parsed, raw, start, start + len(raw)))
    return out


# the outline items of a budget section that can state a source (numbered or lettered items, bullets)
_ITEM_KINDS = ("arabic", "decimal", "letter", "dash", "plus")


def _source_items(parsed: Parsed, section: Node) -> list[Node]:
    """The section's items; an item that is only a sub-heading ("1. Nguồn kinh phí" over "a) Ngân
    sách địa phương: …", "b) Nguồn xã hội hóa …") stands for its own items, each a source."""
    out = []
    for c in section.children:
        if c.kind not in _ITEM_KINDS:
            continue
        subs = [x for x in c.children if x.kind in ("letter", "dash", "plus")]
        heading = fold(c.heading.text(parsed.text)).strip(" .:")
        if subs and not (c.body and c.body.text(parsed.text).strip()) and heading in _table()["sub_headings"]:
            out.extend(subs)
        else:
            out.append(c)
    return out


def _names_source(raw: str) -> bool:
    folded = _table()["law_names"].sub(" ", fold(raw))
    t = _table()
    return (any(p.search(folded) for k, p in t["kinds"] if k not in t["kinds_not_alone"]) or bool(t["names_source"].search(folded))
            or any(c.number for c in find_citations(raw)))


def _source(parsed: Parsed, raw: str, start: int, end: int) -> FundingSource:
    """A funding source: its kind (and level) from funding_sources.yaml, the decision it cites. A label
    before a colon names the kind ("Ngân sách địa phương: nguồn chi thường xuyên …; vốn … lồng ghép …")."""
    label = re.match(r"([^:\n]{4,60}):\s", LIST_MARK.sub("", raw, count=1))
    kind, level = classify(label.group(1)) if label else ("other", None)
    if kind == "other":
        kind, level = classify(raw)
    refs = [c.number for c in find_citations(raw) if c.number]
    return FundingSource(kind=kind, level=level, text=collapse(raw), reference=refs[0] if refs else None, span=span_of(parsed.doc, start, end))


def _sources_elsewhere(parsed: Parsed, tasks: list) -> list[FundingSource]:
    """A plan without a budget section may say where its money comes from in any paragraph (an item of
    TỔ CHỨC THỰC HIỆN): those paragraphs, never a unit's task ("Sở Tài chính: bố trí kinh phí từ …")."""
    taken = Covered((x.span.start, x.span.end) for x in tasks if x.span)
    out = []
    end = max([parsed.body.end] + [n.end for n in parsed.outline])
    for ln in parsed.lines_in(Region(parsed.body.start, end)):
        if not ln.content or ln.start in taken:
            continue
        mark = LIST_MARK.match(ln.content)
        bare = ln.content[mark.end() :] if mark else ln.content
        if not _table()["source_sentence"].search(fold(bare)) or _assigns_work(bare):
            continue
        for a, b in _split_clauses(bare, ln.start + (mark.end() if mark else 0)):
            out.append(_source(parsed, parsed.text[a:b].strip(" :"), a, b))
    return out


def _assigns_work(text: str) -> bool:
    """A paragraph of the budget section that tells a unit what to do ("Sở Tài chính chủ trì …
    bố trí kinh phí", "Đối với …, các bộ, cơ quan chủ động bố trí …") is a task, not a source."""
    if units.subject_of(text):
        return True
    addressed = re.match(r"(?i)đối với\b[^,]{0,120},\s*", text)
    return bool(addressed and units.subject_of(text[addressed.end() :]))


def _split_clauses(line: str, offset: int) -> list[tuple[int, int]]:
    """"… từ ngân sách nhà nước và huy động từ các nguồn hợp pháp khác …" names two sources. A clause
    with no kind of its own, or the kind of the one before, belongs to it."""
    cut = _table()["source_cut"]
    cuts = [0] + [m.start() for m in cut.finditer(line)] + [len(line)]
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        piece = line[a:b]
        lead = re.match(r"[\s,]*(?:và\s+|;\s*)?", piece).end()
        pieces.append((a + lead, b))
    kinds = [classify(line[a:b])[0] for a, b in pieces]
    named = [k for k in kinds if k != "other"]
    if len(set(named)) < 2:
        return [(offset, offset + len(line))]
    out: list[tuple[int, int]] = []
    for (a, b), kind in zip(pieces, kinds):
        if out and (kind == "other" or kind == classify(line[out[-1][0] - offset : out[-1][1] - offset])[0]):
            out[-1] = (out[-1][0], offset + b)  # a clause with no kind of its own belongs to the one before
        else:
            out.append((offset + a, offset + b))
    return out


def _split_catch_all(item: str, offset: int) -> list[tuple[int, int]]:
    """One source per numbered item (as annotators read them, measured), except the closing "… và
    các nguồn kinh phí hợp pháp khác" that most source sentences end with: a source of its own."""
    tail = None
    for m in _table()["source_cut"].finditer(item):
        if _table()["catch_all"].match(fold(item[m.end() :])):
            tail = m
    if tail is None:
        return [(offset, offset + len(item))]
    return [(offset, offset + tail.start()), (offset + tail.end(), offset + len(item))]


def _words_after(text: str, pos: int) -> tuple[str, int] | None:
    m = _table()["words"].match(text, pos)
    if not m:
        m = re.compile(r"\s*").match(text, pos)
        m = _table()["words"].match(text, m.end())
    if not m:
        return None
    return collapse(m.group("w")).rstrip(" .;"), m.end()


def _amount(parsed: Parsed, money: Money, part: Part, what: str) -> Amount:
    text = parsed.text
    words = _words_after(text, money.end)
    words_amount = parse_words(words[0]) if words else None
    end = words[1] if words else money.end
    figure = re.sub(r"\s*(?:đồng|đ|VNĐ|VND)$", "", money.text)
    amount = Amount(amount=money.amount, text=figure, words=words[0] if words else None, words_amount=words_amount,
                    span=span_of(parsed.doc, money.start, end))
    if words and words_amount is None:
        part.warn("budget_words_unreadable", f"the words of the {what} ({words[0]!r}) are not a number the parser reads", amount.span)
    elif words_amount is not None and words_amount != money.amount:
        part.warn(
            "budget_words_mismatch",
            f"the {what} is {money.amount:,} in figures but {words_amount:,} in words ({words[0]!r})".replace(",", "."),
            amount.span,
        )
    return amount


def _totals_and_items(parsed: Parsed, region: Region, part: Part) -> tuple[Amount | None, list[BudgetItem]]:
    """The labelled total and the items. With several labelled totals (a year's and the whole
    period's: "1.500.000.000 đồng/năm x 05 năm = 7.500.000.000 đồng"), the largest is the plan's
    total and its items are the lines under it."""
    text = parsed.text
    t = _table()
    rows: list[tuple[int, int]] = []  # (tables are read as tables)
    for ln in (ln for ln in parsed.lines_in(region) if ln.content and " | " not in ln.content):
        # "- Thu và phân tích mẫu:" / "6.821.646.215 đồng.", "1. Dự toán kinh phí … 01 năm:" / "1.500.000.000 đồng. Trong
        # đó:": a label and its amount on two lines (a PDF's line end) are one row
        if rows and text[rows[-1][0] : rows[-1][1]].rstrip().endswith(":") and re.match(r"\s*\d", ln.content):
            rows[-1] = (rows[-1][0], ln.end)
        else:
            rows.append((ln.start, ln.end))
    candidates: list[tuple[int, Money, int]] = []  # (row index, amount, where items may start)
    for i, (a, b) in enumerate(rows):
        label = t["total"].search(text[a:b])
        money = [m for m in find_money(text, a, b, bare=True) if not t["rate_after"].match(text, m.end)]
        if label and money and label.start() < money[0].start - a + 1:
            after_equals = [m for m in money if "=" in text[a : m.start]]
            candidates.append((i, (after_equals or money)[0], (after_equals or money)[0].end))
    total = None
    if candidates:
        i, money, _ = max(candidates, key=lambda c: c[1].amount) if len(candidates) > 1 else candidates[0]
        total = _amount(parsed, money, part, "total")
    if len(candidates) > 1:  # the items under the chosen total, up to the next one
        nxt = next((c[0] for c in candidates if c[0] > i), len(rows))
        spans = [(total.span.end, rows[i][1])] + rows[i + 1 : nxt]
    else:
        chosen = candidates[0][0] if candidates else None
        spans = [(total.span.end, row[1]) if j == chosen else row for j, row in enumerate(rows)]
    items: list[BudgetItem] = []
    for a, b in spans:
        if a == (total.span.end if total else None):
            sub = re.search(r"(?i)trong đó\s*:?\s*", text[a:b])
            if sub:  # "Tổng kinh phí: X … Trong đó: - item: Y" on one line
                items.extend(_items_in(parsed, a + sub.end(), b, part))
            continue
        items.extend(_items_in(parsed, a, b, part))
    return total, items


def _items_in(parsed: Parsed, start: int, end: int, part: Part) -> list[BudgetItem]:
    """"- Tiểu dự án giảm nghèo về thông tin: 99.000.000đ (Bằng chữ: …)" → an item."""
    text = parsed.text
    out = []
    for money in find_money(text, start, end, bare=True):
        if _table()["rate_after"].match(text, money.end):
            continue  # "50.000.000 đồng/năm": a rate
        before = text[start : money.start]
        m = re.search(r"(?:^|[-–+•]\s*|trong đó\s*:?\s*-?\s*)(?P<label>[^:\n]{3,240}?)\s*:\s*$", before, re.I)
        if not m:
            continue
        label = collapse(re.sub(r"(?i)^\s*(?:trong đó\s*:?\s*)?[-–+•]?\s*", "", m.group("label")))
        amount = _amount(parsed, money, part, f"item {label!r}")
        out.append(BudgetItem(label=label, amount=money.amount, span=span_of(parsed.doc, start + m.start("label"), amount.span.end)))
        start = amount.span.end
    return out


def _table_items(parsed: Parsed, part: Part) -> tuple[Amount | None, list[BudgetItem]]:
    """Rows of a budget table: a label column and an amount column ("Kinh phí", "Thành tiền" …)."""
    text = parsed.text
    total, items = None, []
    for table in parsed.tables:
        rows = [[text[c.start : c.end].strip() for c in row] for row in table.rows]
        head = next((i for i, r in enumerate(rows) if any(any(w in fold(c) for w in _table()["table_amount_columns"]) for c in r)), None)
        if head is None:
            continue
        col = next(j for j, c in enumerate(rows[head]) if any(w in fold(c) for w in _table()["table_amount_columns"]))
        scale = _table_scale(parsed, table, rows[: head + 1])
        for cells, row in zip(rows[head + 1 :], table.rows[head + 1 :]):
            if len(cells) <= col:
                continue
            cell = text[row[col].start : row[col].end].strip()
            if scale > 1 and _FIGURE.fullmatch(cell):  # a bare figure in a table "Đơn vị: triệu đồng"
                money = _scaled_figures(text, row[col].start, row[col].end, scale)
            else:
                money = find_money(text, row[col].start, row[col].end, bare=True) or find_money(text, row[col].start, row[col].end)
            if not money:
                continue
            label = next((c for c in cells[:col] if c and not re.fullmatch(r"[\dIVX.]+", c)), None)
            if not label:
                continue
            if re.match(r"(?i)tổng", label):
                total = total or _amount(parsed, money[0], part, "total")
            else:
                items.append(BudgetItem(label=collapse(label), amount=money[0].amount, span=span_of(parsed.doc, row[0].start, row[-1].end)))
    return total, items


def _table_scale(parsed: Parsed, table, header_rows: list[list[str]]) -> int:
    """The unit every bare figure of a table is in: "Đơn vị: triệu đồng" above it or in its header."""
    start = table.rows[0][0].start if table.rows and table.rows[0] else 0
    above = parsed.text[max(0, start - 300) : start].rstrip()
    above = above[above.rfind("\n\n") + 2 :] if "\n\n" in above else above  # the paragraph just above the table
    for place in [" ".join(c for r in header_rows for c in r), above]:
        m = _table()["table_unit"].search(fold(place))
        if m:
            return scale_of(m.group("unit"))
    return 1


_FIGURE = re.compile(r"(?<![\d.,/])\d+(?:\.\d{3})*(?:,\d+)?(?![\d/])")


def _scaled_figures(text: str, start: int, end: int, scale: int) -> list[Money]:
    """Figures of a table cell in the table's unit ("2.345,5" under "Đơn vị: triệu đồng" → 2 345 500 000)."""
    return [Money(amount=int(figure_value(m.group()) * scale), start=start + m.start(), end=start + m.end(), text=m.group())
            for m in _FIGURE.finditer(text[start:end])]


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    sections = _sections(parsed)
    sections = [s for s in sections if not any(o is not s and o.start <= s.start and s.end <= o.end for o in sections)]  # the outermost
    sources: list[FundingSource] = []
    total, items = None, []
    for section in sections:
        sources.extend(_sources(parsed, section))
        t, i = _totals_and_items(parsed, Region(section.heading.end, section.end), part)
        total = total or t
        items.extend(i)
    if not sections:
        sources = _sources_elsewhere(parsed, prior.get("tasks") or [])
    t, i = _table_items(parsed, part)
    if total and t and total.amount != t.amount:
        part.warn("budget_table_total_mismatch",
                  f"the total in the text is {total.amount:,} but the budget table's total is {t.amount:,}".replace(",", "."), t.span)
    total = total or t
    items.extend(x for x in i if x not in items)
    if total and len(items) >= 2:
        diff = total.amount - sum(x.amount for x in items)
        if diff:
            part.warn(
                "budget_items_do_not_sum",
                f"the items add up to {sum(x.amount for x in items):,} but the total is {total.amount:,} (difference {diff:,})".replace(",", "."),
                total.span,
            )
    part.fields["budget"] = Budget(total=total, items=items, sources=sources)
    return part
