"""Quantitative targets: "100% cán bộ …", "ít nhất 02 lớp tập huấn", "trên 80% hộ nghèo",
"giảm tỷ lệ hộ nghèo 1,5%/năm", "phấn đấu 90% … trở lên": value, unit, comparator, subject, year."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

from .. import resources
from ..numbers import figure_value
from ..record import Target
from ..structure import LIST_MARK, Parsed
from ..textnorm import collapse, fold, is_syllable
from .base import Part, span_of


# a figure whose dots group thousands ("3.000", "1.250,5")
_GROUPED = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"


@cache
def _table() -> dict[str, Any]:
    t = resources.load("targets")
    units = "|".join(re.escape(u) for u in sorted(t["units"], key=len, reverse=True))
    before = {w: op for op, words in t["before"].items() for w in words}
    before_alt = "|".join(re.escape(w) for w in sorted(before, key=len, reverse=True))
    return {
        "cues": re.compile("|".join(map(re.escape, t["cues"])), re.I),
        "state": re.compile(r"(?:" + "|".join(map(re.escape, t["state_starts"])) + r")\b"),
        "kinds": set(t["objective_kinds"]),
        "figure": re.compile(
            rf"(?:(?P<cmp>{before_alt})\s+)?(?P<v>{_GROUPED}|\d+(?:[.,]\d+)?)(?:\s*[-–÷]\s*\d+(?:[.,]\d+)?(?=\s*%))?"
            rf"\s*(?:(?P<pct>%(?:/năm)?)|\s(?P<unit>{units})(?!\w))", re.I
        ),
        "before": before,
        "after": {w: op for op, words in t["after"].items() for w in words},
        "stops": re.compile(r"\s(?:" + "|".join(map(re.escape, t["subject_stops"])) + r")(?!\w)|[;:()]|,\s(?=[^,]*\b(?:được|có)\b)?$", re.I),
        "year": re.compile(r"(?:đến|trong|vào)?\s*năm\s+(?P<y>(?:19|20)\d\d)"),
        "subject_before": [re.compile(p) for p in t["subject_before"]],
        # a count whose unit no table lists: a comparator maybe, the figure, the words after it
        "count": re.compile(rf"(?<![\w/.,])(?:(?P<cmp>{before_alt})\s+)?(?P<v>{_GROUPED}|\d{{1,6}})(?![\d/.,%-])\s+(?P<after>[a-zđà-ỹ][^\d,;:.()]{{1,40}})"),
        "count_not_after": re.compile(t["count_not_after"], re.I),
        "count_not_units": frozenset(t["count_not_units"]),
    }


def _target_lists(parsed: Parsed) -> list[tuple[int, int]]:
    """Sections that list targets: "Mục tiêu cụ thể", "Chỉ tiêu …" headings."""
    t = resources.load("targets")
    heads, whole = [fold(h) for h in t["headings"]], {fold(h) for h in t["whole_headings"]}
    from .scope import objective_heading_time

    time = objective_heading_time()

    def is_list(heading: str) -> bool:
        return any(heading.startswith(h) for h in heads) or time.sub("", heading.strip(" :.")).strip(" :.,") in whole

    return [(n.start, n.end) for n in parsed.nodes() if n.kind not in ("dash", "plus") and is_list(fold(n.heading.text(parsed.text)))]


def _sentences(parsed: Parsed) -> list[tuple[str, int, bool]]:
    """Sentences that may state targets (and whether each is an item of a target list): the items of target
    lists and objectives; where a document has no target list, any sentence with a cue word too."""
    t = _table()
    out: list[tuple[str, int, bool]] = []
    lists = _target_lists(parsed)
    spans = set(lists)
    for _, start, end in parsed_objectives(parsed):
        spans.add((start, end))
    for ln in parsed.lines:
        if not ln.content:
            continue
        in_objective = any(a <= ln.start < b for a, b in spans)
        if lists and not in_objective:
            continue
        for m in re.finditer(r"\S.*?(?:[.!?](?=\s+\S)|$)", ln.content):  # sentences end at ". " or the line end
            sentence = m.group()
            if t["state"].match(fold(LIST_MARK.sub("", sentence.lstrip("( "), count=1))):
                continue  # "Hiện nay, …", "Đến nay, …": what is, not what is aimed at
            if (in_objective or t["cues"].search(sentence)) and re.search(r"\d", sentence):
                out.append((sentence, ln.start + m.start(), bool(lists) and in_objective))
    return out


def parsed_objectives(parsed: Parsed) -> list[tuple[str, int, int]]:
    from .scope import objective_regions

    return objective_regions(parsed, _table()["kinds"])


def _value(figure: str) -> Decimal:
    """ "3.000 lượt" is three thousand (dots group thousands, as in amounts); "2.5%" in a careless copy is
    two and a half (a dot before other than three digits is a decimal point)."""
    if re.fullmatch(_GROUPED, figure):
        return figure_value(figure)
    return Decimal(figure.replace(",", "."))


def parse_targets(sentence: str) -> list[dict[str, Any]]:
    """Every figure of a sentence that is a target, with its parts."""
    t = _table()
    out = []
    for m in t["figure"].finditer(sentence):
        if re.search(r"\d\s*%?\s*[-–÷]\s*$", sentence[: m.start()]):
            continue  # the upper end of a range "5% - 10%": one target, read at its lower end (as "5-10%", the figure whole)
        if re.search(r"\d\s*/\s*$", sentence[: m.start()]):
            continue  # "629/731 trường": a count of a whole, what is, not a target
        value = _value(m.group("v"))
        if m.group("pct"):
            unit = m.group("pct")
            rest = sentence[m.end() :]
        else:
            unit = m.group("unit").lower()
            rest = sentence[m.start("unit") :]
        stop = t["stops"].search(rest)
        subject = collapse(rest[: stop.start()] if stop else rest)
        subject = re.sub(r"^(?:[-–÷]\s*\d+(?:[.,]\d+)?\s*%?|[\s,.”“\"]|và\s)+", "", subject).strip(" ,.") or None
        if m.group("pct") and not subject:  # "giảm tỷ lệ hộ nghèo 1,5%/năm": the subject stands before
            before = next((b for b in (p.search(sentence[: m.start()]) for p in t["subject_before"]) if b), None)
            subject = collapse(before.group("s")) if before else None
        cmp = t["before"].get((m.group("cmp") or "").lower(), "=")
        after = re.match(r"\s*(?:[^,;.]{0,80}?\s)?(trở lên|trở xuống)\b", sentence[m.end() :])
        if after and cmp == "=" or after and cmp == ">=":
            cmp = t["after"][after.group(1)]
        year = t["year"].search(sentence)
        number = int(value) if value == int(value) else float(value)
        out.append({"value": number, "unit": unit, "comparator": cmp, "subject": subject, "year": int(year.group("y")) if year else None,
                    "start": m.start(), "end": m.end()})
    return out


def count_targets(sentence: str) -> list[dict[str, Any]]:
    """A count in an item of a target list whose unit the units table does not know ("Phấn đấu trồng 500.000
    cây xanh", "Thành lập 05 tổ công nghệ số"): the figure and the word after it, as underthesea segments it
    ("cây xanh", "tổ"); never a number's, a date's or an article's figure, nor a time ("3 năm")."""
    from .. import nlp

    t = _table()
    out = []
    for m in t["count"].finditer(sentence):
        if t["count_not_after"].search(sentence[max(0, m.start() - 20) : m.start()]) or re.fullmatch(r"(?:19|20)\d\d", m.group("v")):
            continue
        unit = nlp.words(m.group("after").strip())[0].lower()
        if unit in t["count_not_units"] or not all(is_syllable(w) for w in unit.split()):
            continue
        value = _value(m.group("v"))
        year = t["year"].search(sentence)
        out.append({"value": int(value) if value == int(value) else float(value), "unit": unit,
                    "comparator": t["before"].get((m.group("cmp") or "").lower(), "="),
                    "subject": collapse(m.group("after")).strip(" ,") or None, "year": int(year.group("y")) if year else None,
                    "start": m.start(), "end": m.start("after") + len(unit)})
    return out


def _table_targets(parsed: Parsed) -> list[Target]:
    """Rows of target tables: the subject, the unit and the target column's figure (with its sign), for the
    year the target column, its last year column ("GIAI ĐOẠN 2026 - 2030" over "Năm 2026 | … | Năm 2030") or a
    group row above ("I | Giai đoạn 2025-2027", "Đến năm 2030") sets; a group row names what the rows under it
    measure ("1 | Cà Phê" over "- | Diện tích | Ha | …")."""
    t = resources.load("targets")
    text = parsed.text
    out = []
    for table in parsed.tables:
        rows = [[collapse(text[c.start : c.end]).strip("* ") for c in row] for row in table.rows]
        header_i = next((i for i, r in enumerate(rows[:4]) if _target_columns(r, t["table_columns"])), None)
        if header_i is None:
            continue
        subject_i, unit_i, target_i = _target_columns(rows[header_i], t["table_columns"])
        body = list(zip(table.rows[header_i + 1 :], rows[header_i + 1 :]))
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", rows[header_i][target_i])]
        sub = [re.fullmatch(r"(?:năm\s*)?((?:19|20)\d\d)", fold(c)) for c in body[0][1] if c] if body else []
        if sub and all(sub):  # a row of year columns under the target column: the target is the last year's
            years, body = [int(m.group(1)) for m in sub], body[1:]
        shift = len(sub) - 1 if sub and all(sub) else 0
        group_year, group = None, None
        for row, cells in body:
            if len(cells) <= max(subject_i, unit_i, target_i + shift) or not (cells[unit_i] or cells[target_i + shift]):
                named = next((c for c in cells[1:] if re.search(r"[^\W\d_]", c)), None) if len(cells) > 1 else None
                if named:  # a group row: "I | Giai đoạn 2025-2027", "1 | Cà Phê"
                    found = re.findall(r"(?:19|20)\d\d", named)
                    group_year, group = (int(found[-1]), None) if found else (group_year, named)
                continue
            subject, unit, cell = cells[subject_i], cells[unit_i], cells[target_i + shift]
            m = re.search(rf"(?P<sign>[≥≤<>]=?)?\s*(?P<v>{_GROUPED}|\d+(?:[.,]\d+)?)", cell)
            if not (m and re.search(r"[^\W\d_]", subject) and (unit == "%" or re.search(r"[^\W\d_]", unit))):
                continue
            value = _value(m.group("v"))
            year = years[-1] if years else group_year
            what = f"{group} – {subject}" if group else subject
            out.append(Target(text=collapse(text[row[0].start : row[-1].end]), value=int(value) if value == int(value) else float(value),
                              unit="%" if unit == "%" else unit.lower(), comparator=t["sign_comparators"].get(m.group("sign") or "", "="),
                              subject=what, year=year, span=span_of(parsed.doc, row[0].start, row[-1].end)))
    return out


def _target_columns(header: list[str], words: dict[str, list[str]]) -> tuple[int, int, int] | None:
    folded = [fold(c) for c in header]
    unit = next((i for i, c in enumerate(folded) if any(c.startswith(w) for w in words["unit"])), None)
    subject = next((i for i, c in enumerate(folded) if any(w in c for w in words["subject"]) and i != unit), None)
    if unit is None or subject is None or subject > unit:
        return None
    targets = [i for i, c in enumerate(folded) if i > unit and any(w in c for w in words["target"]) and not any(w in c for w in words["not_target"])]
    return (subject, unit, targets[-1]) if targets else None


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    targets: list[Target] = []
    seen = set()
    for sentence, offset, listed in _sentences(parsed):
        for found in parse_targets(sentence) or (count_targets(sentence) if listed else []):
            key = (offset + found["start"])
            if key in seen:
                continue
            seen.add(key)
            lead = len(sentence) - len(sentence.lstrip("-–+• "))
            targets.append(
                Target(
                    text=collapse(sentence.lstrip("-–+• ")),
                    value=found["value"],
                    unit=found["unit"],
                    comparator=found["comparator"],
                    subject=found["subject"],
                    year=found["year"],
                    span=span_of(parsed.doc, offset + lead, offset + len(sentence.rstrip())),
                )
            )
    targets.extend(_table_targets(parsed))
    part.fields["targets"] = targets
    return part
