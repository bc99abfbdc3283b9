"""National target programmes named in a plan, with the project and sub-project cited with them."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .. import resources
from ..record import Program
from ..structure import Parsed
from ..textnorm import collapse, fold
from .base import Part, span_of


@cache
def _table() -> dict[str, Any]:
    t = resources.load("programs")
    known = []
    for p in t["programs"]:
        for alias in sorted(p["aliases"], key=len, reverse=True):
            words = r"\s*[-–]?\s*".join(r"\s+".join(map(re.escape, part.split())) for part in alias.split("-"))
            known.append((re.compile(r"(?:" + t["prefix"] + "|" + t["abbreviated"] + r")(?:" + words + r")(?![\w&])", re.I), p["name"]))
    # an unlisted programme: a name in lower case after the prefix, not "… tỉnh X" or "… và các chương trình"
    generic = re.compile(
        r"(?<!các )(?<!Các )" + t["prefix"]
        + r"(?P<name>(?!tỉnh|huyện|và|các|giai đoạn|năm)[a-zđà-ỹ][^,;.()“”\"\n]{3,120}?)"
        + r"(?=\s+(?:giai đoạn|năm|đến năm|trên địa bàn|của|tại|theo|tỉnh|huyện)\b|[,;.()“”\"\n]|$)"
    )
    return {
        "known": known,
        "generic": generic,
        "project": re.compile(t["project"]),
        "subproject": re.compile(t["subproject"]),
        "window": t["window"],
    }


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    text = parsed.text
    t = _table()
    found: dict[str, Program] = {}
    mentions: list[tuple[int, int, str, bool]] = []
    for pattern, name in t["known"]:
        for m in pattern.finditer(text):
            mentions.append((m.start(), m.end(), name, True))
    for m in t["generic"].finditer(text):
        if not any(a <= m.start() < b for a, b, _, _ in mentions):
            mentions.append((m.start(), m.end(), "Chương trình mục tiêu quốc gia " + collapse(m.group("name")), False))
    mentions.sort()
    for start, end, name, known in mentions:
        # "Tiểu dự án 1 thuộc Dự án 6 … thuộc Chương trình …": the nearest project before, in the same sentence
        window = text[max(0, start - t["window"]) : start]
        window = re.split(r"[.;\n]\s", window)[-1]
        projects = list(t["project"].finditer(window))
        subprojects = list(t["subproject"].finditer(window))
        project = f"Dự án {projects[-1].group('n')}" if projects else None
        subproject = f"Tiểu dự án {subprojects[-1].group('n')}" if subprojects else None
        key = fold(name)
        if key not in found:
            found[key] = Program(name=name, project=project, subproject=subproject, span=span_of(parsed.doc, start, end))
            if not known:
                part.warn("program_unknown", f"{name!r} is not in resources/programs.yaml: kept as written", found[key].span)
        elif project and not found[key].project:
            found[key] = found[key].model_copy(update={"project": project, "subproject": subproject})
    programs = list(found.values())
    if len(programs) == 1 and parsed.title and any(parsed.title.start <= a < parsed.title.end for a, _, _, _ in mentions):
        programs = _projects_of(parsed, programs[0]) or programs
    part.fields["programs"] = programs
    return part


def _projects_of(parsed: Parsed, program: Program) -> list[Program]:
    """A plan that carries out one programme (its title names it) names the programme's projects it
    works on, without repeating the programme: "Dự án 1: Phòng ngừa …", "Tiểu dự án 2: … (thuộc Dự
    án 7: …)". One entry per project, or per sub-project with its project; a project named only as
    the parent of sub-projects gives no entry of its own."""
    text, t = parsed.text, _table()
    entries: dict[tuple[str, str | None], tuple[int, int]] = {}
    parents: set[str] = set()
    for m in t["subproject"].finditer(text):
        clause_end = re.compile(r"[;\n]").search(text, m.end())
        limit = min(clause_end.start() if clause_end else len(text), m.end() + 300)
        parent = re.compile(r"thuộc\s+" + t["project"].pattern).search(text, m.end(), limit)
        if parent:
            parents.add(parent.group("n"))
            entries.setdefault((f"Dự án {parent.group('n')}", f"Tiểu dự án {m.group('n')}"), (m.start(), m.end()))
    for m in t["project"].finditer(text):
        if text[max(0, m.start() - 5) : m.start()].lower().endswith("tiểu ") or m.group("n") in parents:
            continue
        entries.setdefault((f"Dự án {m.group('n')}", None), (m.start(), m.end()))
    return [program.model_copy(update={"project": project, "subproject": sub, "span": span_of(parsed.doc, a, b)})
            for (project, sub), (a, b) in sorted(entries.items(), key=lambda kv: kv[1][0])]
