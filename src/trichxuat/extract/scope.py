"""Period, scope, audiences and objectives: what a plan covers, for whom, and what it aims at."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from .. import resources
from ..record import Objective, Period
from ..structure import Node, Parsed, Region
from ..textnorm import collapse, fold
from .base import Part, span_of

@cache
def _periods() -> dict:
    table = resources.load("structure")
    return {
        "patterns": [(row["kind"], re.compile(row["pattern"])) for row in table["periods"]],
        "bare_year": re.compile(table["bare_year"]),
        "vision": re.compile(table["vision"]),
        "cited_date": re.compile(table["cited_date"]),
        "until": re.compile(table["period_until"]),
    }


def parse_period(text: str, bare_year: bool = False) -> tuple[Period, int, int] | None:
    """The first period stated in ``text``, with the offsets it was read from. In a title
    (``bare_year``) a year reached "đến năm 2030" ends something with no start stated (most often the
    programme the plan carries out: "Chương trình … phòng, chống ma túy đến năm 2030"): no period."""
    p = _periods()
    patterns = p["patterns"] + ([("bare_year", p["bare_year"])] if bare_year else [])
    for kind, pattern in patterns:
        m = pattern.search(text)
        if m and bare_year and kind in ("year", "bare_year") and p["until"].search(text[: m.start("a")]):
            continue
        if not m:
            continue
        a = int(m.group("a"))
        b = int(m.group("b")) if "b" in pattern.groupindex else (None if kind == "open" else a)
        if b is not None and b < a:
            continue
        vision = p["vision"].search(text)
        end = m.end()
        if vision and vision.start() >= m.end():
            end = vision.end()
        return Period(start_year=a, end_year=b, vision_year=int(vision.group("v")) if vision else None), m.start(), end
    return None


def _without_citations(text: str) -> str:
    """A title that cites a document ("THỰC HIỆN CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA …") states
    that document's date, not the plan's period: its number and date blanked, offsets kept."""
    return _periods()["cited_date"].sub(lambda m: " " * len(m.group()), text)


def _in_activity_block(lines: list, i: int) -> bool:
    """A label among an activity's own labels ("- Cơ quan chủ trì: …" / "- Thời gian thực hiện: …"):
    its time is the activity's deadline, not the plan's period."""
    from .tasks import activity_label  # (tasks reads this module's objective regions)

    near = lines[max(0, i - 4) : i] + lines[i + 1 : i + 5]
    return any(activity_label(ln.content or "") in ("lead", "implement", "partners") for ln in near)


def _label_value(parsed: Parsed, labels: list[str], region: Region | None = None,
                 skip: Callable[[list, int], bool] | None = None) -> tuple[str, int, int] | None:
    """"- Phạm vi thực hiện: Trên phạm vi toàn huyện." → the text after the label. The label may follow
    a list label anywhere in a line ("… cả nước 2. Thời gian: …") and lose its spaces ("THỰCHIỆN")."""
    label = "|".join(r"\s*".join(map(re.escape, lab.split())) for lab in labels)
    pattern = re.compile(
        r"(?:^|(?<=\s))(?:[-–+•]|[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))?\s*(?:" + label + r")(?:,[^:\n]{0,40})?\s*:\s*(?P<v>.*?)(?=\s+[IVX]{1,4}\.\s|$)", re.I
    )
    lines = parsed.lines_in(region) if region else parsed.lines
    for i, ln in enumerate(lines):
        m = pattern.search(ln.content)
        if m and (m.start() == 0 or re.match(r"[-–+•IVX\d]", ln.content[m.start() :].lstrip())) and not (skip and skip(lines, i)):
            if m.group("v").strip():
                return m.group("v"), ln.start + m.start("v"), ln.start + m.end("v")
            nxt = next((x for x in lines[i + 1 : i + 3] if x.content), None)  # "1. Thời gian, đối tượng:" then the value
            if nxt:
                return nxt.content, nxt.start, nxt.end
    return None


def _paragraphs(parsed: Parsed, node: Node) -> list[tuple[str, int, int]]:
    """The text lines under a heading, bullet marks removed, numbered sub-headings skipped; a numbered
    item that is a sentence is one of the lines ("1. 100% đội ngũ cán bộ … có trình độ đại học Luật.",
    "a) Nâng cao nhận thức về phòng, chống ma túy …"), its label removed."""
    out = []
    for ln in parsed.lines_in(Region(node.heading.end, node.end)):
        c = ln.content
        if not c:
            continue
        label = _SUBHEADING.match(c)
        if label and (c.rstrip().endswith(":") or len(c[label.end() :].split()) < 8):
            continue
        m = label or re.match(r"^[-–+•:]\s*", c)
        start = ln.start + (m.end() if m else 0)
        if start < ln.end:
            out.append((parsed.text[start : ln.end], start, ln.end))
    return out


_SUBHEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[IVX]{1,5}\.)\s")


def objective_regions(parsed: Parsed, kinds: set[str]) -> list[tuple[str, int, int]]:
    """(kind, start, end) of the sections whose heading names an objective kind in ``kinds``."""
    found = ((objective_kind(parsed, n), n) for n in parsed.nodes() if n.kind not in ("dash", "plus"))
    return [(kind, n.start, n.end) for kind, n in found if kind in kinds]


def objective_kind(parsed: Parsed, node: Node) -> str | None:
    """The objective kind a section's heading names ("Mục tiêu cụ thể đến năm 2030": specific_goal), if any."""
    kinds, time = _objective_headings()
    heading = _heading(parsed, node)
    return kinds.get(heading) or kinds.get(time.sub("", heading).rstrip(" :.,"))


@cache
def objective_heading_time() -> re.Pattern[str]:
    """The time a goals heading may end with ("… đến năm 2030"): no part of what the heading names."""
    return _objective_headings()[1]


@cache
def _objective_headings() -> tuple[dict[str, str], re.Pattern[str]]:
    """structure.yaml's objective headings (folded) and the time a heading may end with."""
    table = resources.load("structure")
    return {fold(k): v for k, v in table["objective_headings"].items()}, re.compile(table["objective_heading_time"])


def _heading(parsed: Parsed, node: Node) -> str:
    return fold(node.heading.text(parsed.text)).rstrip(":.")


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    doc = parsed.doc
    table = resources.load("structure")
    nodes = [n for n in parsed.nodes() if n.kind not in ("dash", "plus")]

    # period: the explicit "Thời gian thực hiện" first, the title second
    period = None
    stated = _label_value(parsed, table["period_labels"], skip=_in_activity_block)
    if stated:
        found = parse_period(stated[0])
        from_issue = re.match(table["period_from_issue"], stated[0])
        issued = prior.get("issued")
        if from_issue and issued is not None and issued.year and issued.year <= int(from_issue.group("b")):
            # "Từ khi ban hành đến hết năm 2030": from the year the plan was issued
            period = Period(start_year=issued.year, end_year=int(from_issue.group("b")),
                            span=span_of(doc, stated[1] + from_issue.start(), stated[1] + from_issue.end()))
            part.warn("period_from_issue", f"the period runs from the plan's issue (\"{from_issue.group().strip()}\"): its first year is the year of issue, {issued.year}", period.span)
        elif found:
            p, a, b = found
            period = p.model_copy(update={"span": span_of(doc, stated[1] + a, stated[1] + b)})
    if period is None and prior.get("genre") == "news_report":
        # a report states the plan's time in a sentence ("… thời gian từ ngày 15-11-2022 đến 5-2-2023",
        # "bắt đầu từ 15-12-2020 đến hết 28-02-2021"): an explicit range says more than the title's year
        for pattern in (pattern for kind, pattern in _periods()["patterns"] if kind == "date_range"):
            m = pattern.search(parsed.text)
            if m and int(m.group("b")) >= int(m.group("a")):
                period = Period(start_year=int(m.group("a")), end_year=int(m.group("b")), span=span_of(doc, m.start(), m.end()))
                break
    title = prior.get("title")
    title_span = prior.get("spans", {}).get("title")
    if period is None and title and title_span:
        found = parse_period(_without_citations(parsed.text[title_span.start : title_span.end]), bare_year=True)
        if found:
            p, a, b = found
            period = p.model_copy(update={"span": span_of(doc, title_span.start + a, title_span.start + b)})

    scope = None
    stated = _label_value(parsed, table["scope_labels"])
    if stated:
        scope = collapse(stated[0])
        part.spans["scope"] = span_of(doc, stated[1], stated[2])

    audiences: list[str] = []
    matches = [n for n in nodes if any(_heading(parsed, n).startswith(h) for h in table["audience_headings"])]
    if matches:  # the most specific heading: "1. Đối tượng …" rather than "II. ĐỐI TƯỢNG, PHẠM VI …"
        node = max(matches, key=lambda n: n.level)
        for text, a, b in _paragraphs(parsed, node):
            part.spans[f"audiences[{len(audiences)}]"] = span_of(doc, a, b)
            audiences.append(collapse(text))
    if not audiences:  # "Đối tượng truyền thông là …" in running text (news reports)
        m = re.search(r"(?m)^Đối tượng[^.\n:]{0,40}?(?:\s+là\s+|:\s*)(?P<v>[^\n]+)$", parsed.text)
        if m:
            part.spans["audiences[0]"] = span_of(doc, m.start("v"), m.end("v"))
            audiences.append(collapse(m.group("v")))

    objectives: list[Objective] = []
    for node in nodes:
        kind = objective_kind(parsed, node)
        if not kind:
            continue
        for text, a, b in _paragraphs(parsed, node):
            objectives.append(Objective(kind=kind, text=collapse(text), span=span_of(doc, a, b)))
    part.fields.update(period=period, scope=scope, audiences=audiences, objectives=objectives)
    return part
