"""Tasks: who must do what. Every layout real plans use:

- numbered agency headings under TỔ CHỨC THỰC HIỆN / PHÂN CÔNG NHIỆM VỤ, one task per bullet, per
  lettered item, or per paragraph when a heading has neither ("1. Sở X", "1. Sở X: Chủ trì …");
- "Đề nghị …" headings (a body outside the issuer's command: requested);
- activity blocks naming their lead unit ("- Đơn vị chủ trì thực hiện: …");
- task tables (TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian), common in appendices.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import nlp, resources
from ..layout_tables import ROW_LABEL, name_start
from ..record import GROUP_SEPARATOR, Agency, Issuer, Task
from ..structure import LIST_MARK, Node, Parsed, Region, Table
from ..textnorm import collapse, fold, is_upper_text, strip_accents
from . import agencies as units
from .base import Covered, Part, span_of
from .citations import read_issuer
from .scope import objective_regions


@cache
def _table() -> dict[str, Any]:
    t = resources.load("agencies")
    labels = t["activity_labels"]
    return {
        "impl": [fold(h) for h in t["implementation_headings"]],
        "lead": re.compile(t["roles"]["lead"], re.I),
        "cooperate": re.compile(t["roles"]["cooperate"], re.I),
        "labels": {k: re.compile(r"^[-–+•]?\s*" + v + r"\s*:\s*(?P<v>.*)$", re.I) for k, v in labels.items()},
        "deadlines": [re.compile(p, re.I) for p in t["deadlines"]],
        "report_to": re.compile(t["report_to"], re.I),
        "partners_after": re.compile(t["partners_after"], re.I),
        "partners_generic_tail": re.compile(t["partners_generic_tail"]),
        "not_task_sections": t["not_task_sections"],
        "charged": re.compile(t["charged"], re.I),
        "columns": t["table_columns"],
        "deadline_cell": re.compile(t["table_deadline_cell"]),
        "assign": re.compile(t["assign"]),
        "executors": t["executors"],
        "member_tasks": re.compile(t["member_tasks"], re.I),
        "task_verbs": tuple(t["task_verbs"]),
        "name_goes_on": set(t["name_goes_on"]),
        "role_lead_in": re.compile(t["role_lead_in"], re.I),
        # the first task verb after a unit named in lower-case words: where the unit ends
        "verb_after": re.compile(r"\s(?:" + "|".join(re.escape(v.lower()) for v in t["task_verbs"]) + r")(?!\w)"),
    }


def activity_label(line: str) -> str | None:
    """Which of an activity's labels a line is ("- Cơ quan chủ trì: …" → "lead"), if any."""
    return next((key for key, pattern in _table()["labels"].items() if pattern.match(line)), None)


def role_of(text: str) -> str:
    t = _table()
    body = text.lstrip("-–+•: ")
    if t["lead"].match(body):
        return "lead"
    if t["cooperate"].match(body):
        return "cooperate"
    return "implement"


def deadline_of(text: str) -> str | None:
    for pattern in _table()["deadlines"]:
        m = pattern.search(text)
        if m:
            return collapse(m.group())
    return None


def partners_of(text: str, plan: Issuer | None) -> list[tuple[str, str]]:
    """Named units after "phối hợp với", as (words as written, canonical name); generic
    "các ngành, đơn vị liên quan" are not names."""
    m = _table()["partners_after"].search(text)
    if not m:
        return []
    clause = re.split(r"[;.]", text[m.end() :])[0]
    out: list[tuple[str, str]] = []
    for unit in units.split_units(clause):
        unit = re.split(r"\s+và\s+(?=(?:các|những)\s)", unit)[0]  # "… Hà Nội và các cơ quan, đơn vị liên quan"
        unit = unit.split(":", 1)[0].strip()  # "UBND các phường: Hoàn Kiếm, Cửa Nam …": the collective, its members listed after it
        span = read_issuer(unit, 0) if units.is_specific(unit) else None
        if span:  # the unit's name only, not the verb that follows it
            raw = unit[span[0] : span[1]]
            whole = units.split_heading(unit)[0]
            if (len(whole) > len(raw) and whole.startswith(raw) and len(whole.split()) <= 12 and "," not in whole
                    and not nlp.begins_with_verb(whole[len(raw) :])):  # "Công an tỉnh nghiên cứu, xây dựng …": the verb ends the name
                raw = whole  # a name with lower-case words: "Trung tâm Quản lý hạ tầng kỹ thuật thành phố Hà Nội"
            # "UBND các xã, phường và cơ quan, đơn vị có liên quan": the generic tail is no partner's name
            collective = _table()["partners_generic_tail"].split(units.read_collective(unit))[0]
            if fold(units.canonical(raw, plan).name) in ("ủy ban nhân dân", "hội đồng nhân dân") or (len(collective) > len(raw) and collective.startswith(raw)):
                raw = collective  # "UBND các xã, thị trấn …", "Ủy ban nhân dân xã, phường …": a collective
            name = units.canonical(raw, plan).name
            if name not in [n for _, n in out]:
                out.append((raw, name))
    return out


def _after_subject(text: str, agency_raw: str) -> str:
    """A task that opens with its unit ("Sở Tài chính chủ trì, phối hợp …", "Các cơ quan, đơn vị được
    giao chủ trì có trách nhiệm …"): its role is in the words after the unit."""
    raw = collapse(agency_raw)
    return text[len(raw) :].lstrip(" ,:") if raw and fold(text).startswith(fold(raw) + " ") else text


def report_to_of(text: str, plan: Issuer | None) -> str | None:
    for m in _table()["report_to"].finditer(text):
        span = read_issuer(text, m.end())
        if span:
            return units.canonical(text[span[0] : span[1]], plan).name
    return None


def _make(parsed: Parsed, plan: Issuer | None, written: dict[str, str], agency_raw: str, requested: bool, text: str, region: tuple[int, int], role: str | None = None,
          partners: list[str] | None = None, deadline: str | None = None) -> Task:
    name = units.canonical(agency_raw, plan).name
    text = collapse(text).lstrip("-–+•: ")
    if partners is None:
        pairs = partners_of(text, plan)
    else:
        pairs = [(p, units.canonical(p, plan).name) for p in partners]
    for raw, canon in pairs:
        written.setdefault(canon, raw)  # the words as written, for the agencies' spans
    return Task(
        agency=name,
        agency_raw=collapse(agency_raw),
        requested=requested,
        role=role or role_of(_after_subject(text, agency_raw)),
        partners=[canon for _, canon in pairs],
        text=text,
        deadline=deadline or deadline_of(text),
        report_to=report_to_of(text, plan),
        span=span_of(parsed.doc, *region),
    )


# --- numbered agency headings -------------------------------------------------------------------


def implementation_sections(parsed: Parsed) -> list[tuple[Node, bool]]:
    """The implementation sections, and whether each heading was matched only without its marks
    (OCR: "PHẦN CÔNG NHIỆM VỤ" for "PHÂN CÔNG NHIỆM VỤ"). A section whose numbered items are mostly
    named units ("IV. NHIỆM VỤ CỤ THỂ" over "1.1. Trưởng Ban Chỉ đạo", "1.2. Sở Tài chính …") assigns
    duties whatever its heading says."""
    impl = _table()["impl"]
    bare = [strip_accents(h) for h in impl]
    out = []
    for n in parsed.nodes():
        if n.kind not in ("roman", "arabic", "decimal", "article"):
            continue
        heading = fold(n.heading.text(parsed.text))
        if any(_names_section(heading, h) for h in impl):
            out.append((n, False))
        elif any(_names_section(strip_accents(heading), h) for h in bare):
            out.append((n, True))
        elif n.kind != "article" and _lists_units(parsed, n):
            out.append((n, False))
    if not out and _lists_units(parsed, whole := document_node(parsed), from_first_unit=True):
        out.append((whole, False))
    return out


def document_node(parsed: Parsed) -> Node:
    """The whole body as one node over the top-level items. A directive or a telegram has no
    implementation section: its own numbered items are addressed to units ("4. Sở Nông nghiệp và Môi
    trường" / "a) Tăng cường …", "10. Ủy ban nhân dân xã, phường"), as a plan's section's are."""
    first = parsed.outline[0].start if parsed.outline else 0
    end = parsed.outline[-1].end if parsed.outline else first
    return Node(kind="document", label="", heading=Region(first, first), start=first, end=end, children=list(parsed.outline))


def _names_section(heading: str, phrase: str) -> bool:
    """The heading is that section ("TỔ CHỨC THỰC HIỆN", "KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN"), not one that
    mentions it ("CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN KẾ HOẠCH TÀI CHÍNH": measures, not assignments)."""
    i = heading.find(phrase)
    return i == 0 or i > 0 and bool(re.search(r"(?:^|\s|,)(?:và|,)\s*$|[.:;]\s*$|^\W*$", heading[:i]))


def _lists_units(parsed: Parsed, node: Node, from_first_unit: bool = False) -> bool:
    """Most numbered items name a specific unit; with `from_first_unit`, three or more and most of those
    from the first one on (a directive states its general requirements first, then each unit's; a
    decision whose "Điều" were lost names one unit and then its executors)."""
    numbered = [c for c in node.children if c.kind in ("arabic", "decimal", "roman")]
    named = [c for c in numbered if _names_unit(c.heading.text(parsed.text)) and units.is_specific(units.split_heading(c.heading.text(parsed.text))[0])]
    if from_first_unit and named:
        numbered = numbered[numbered.index(named[0]):]
    return len(named) >= (3 if from_first_unit else 2) and len(named) >= 0.6 * len(numbered)


def _bullet_text(parsed: Parsed, node: Node) -> tuple[str, int, int]:
    return parsed.text[node.heading.start : node.end], node.heading.start, node.end


def _heading_tasks(parsed: Parsed, node: Node, plan: Issuer | None, written: dict[str, str]) -> list[Task]:
    """Tasks under one agency heading."""
    text = parsed.text
    heading_text, requested = units.split_requested(node.heading.text(text))
    agency_raw, inline = units.split_heading(heading_text)
    tasks: list[Task] = []
    body = node.body.text(text) if node.body else ""
    unit_children = {id(c) for c in node.children if _is_unit_heading(parsed, c)}
    units_below = bool(unit_children)
    first_line = body.split("\n", 1)[0].lstrip(" :")
    wrapped = _wrapped_heading(parsed, node, heading_text, agency_raw) if not inline else None
    if wrapped:
        return [_make(parsed, plan, written, wrapped[0], requested, wrapped[1], wrapped[2])]
    listed = None if inline else units.listed_units(f"{agency_raw}: {first_line}")
    if listed:  # "5. Các Bộ:" / "Quốc phòng, Công an chủ động chỉ đạo …": the list completes the heading's unit
        agency_raw, first_line = listed
    names = _name_list(first_line)
    if names and not inline:  # "Ủy ban nhân dân các phường: Ba Đình, Hoàn Kiếm, …": the list is part of the name
        agency_raw = f"{agency_raw}: {names}"
        first_line = ""
    items = [c for c in node.children if c.kind in ("dash", "plus", "letter", "decimal") and id(c) not in unit_children]
    if inline and (_introduces(inline, bool(items) or units_below) or inline.rstrip().endswith(":")
                   or (items or units_below) and _charged_only(inline)):
        # "1. Sở Tài chính chủ trì, phối hợp các sở, ban, ngành:" over its items; "1. Giao phòng X triển khai …:"
        # over the items after it; "11. Các đơn vị cấp nước sạch có trách nhiệm" over its a), b)
        inline = ""
    if (inline and not items and not units_below and inline[:1].islower() and len(inline.split()) <= 24
            and not re.search(r"[,.;:!?]", inline) and body.strip()[:1].isupper()):
        # "c) Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng và đề nghị Bộ tư lệnh Vùng Cảnh sát biển 3" over
        # "Phối hợp với …": a short heading that goes on about its units (one clause, no comma), over a paragraph that
        # opens a sentence of its own, the units' task
        agency_raw, inline = heading_text.strip(" *:"), ""
    if inline:  # "5. UBND các phường Phối hợp với …"
        start = node.heading.start + node.heading.text(text).index(inline)
        tasks.append(_make(parsed, plan, written, agency_raw, requested, inline, (start, node.heading.end)))
    elif first_line.strip() and not _introduces(first_line, units_below):  # "1. Phòng Văn hóa và Thông tin: Chủ trì, …"
        start = node.body.start + body.index(first_line)
        tasks.append(_make(parsed, plan, written, agency_raw, requested, first_line, (start, start + len(first_line))))
    for child in items:
        t, a, b = _bullet_text(parsed, child)
        subs = [c for c in child.children if c.kind in ("dash", "plus")]
        lead_in = _role_lead_in(child.heading.text(text)) if subs else None
        if lead_in:
            # "a) Chủ trì, phối hợp với các sở, ban, ngành …" / "- …" / "b) Phối hợp với …" / "- …": each bullet is
            # the heading's unit's task, in the role the item names, with the partners it names (or, after a
            # bare "phối hợp", the units its bullet opens with)
            role, partners = lead_in
            for sub in subs:
                st, sa, sb = _bullet_text(parsed, sub)
                given = partners or _read_bullet(st).unit
                tasks.append(_make(parsed, plan, written, agency_raw, requested, st, (sa, sb), role=role,
                                   partners=units.split_units(given) if given else None))
            continue
        named = [c for c in subs if _read_bullet(_bullet_text(parsed, c)[0]).unit]
        if len(named) >= 2 and len(named) >= 0.6 * len(subs):
            # "- Phối hợp hướng dẫn …. Trong đó:" / "+ Sở Xây dựng: hướng dẫn …" / "+ Sở Công Thương: …": the
            # bullet is the heading's unit's task, each sub-item its own unit's
            t, b = parsed.text[child.heading.start : subs[0].start].rstrip(), subs[0].start
            tasks.append(_item_task(parsed, plan, written, agency_raw, requested, t, a, b))
            for sub in subs:
                tasks.append(_item_task(parsed, plan, written, agency_raw, requested, *_bullet_text(parsed, sub)))
            continue
        tasks.append(_item_task(parsed, plan, written, agency_raw, requested, t, a, b))
    if not inline and node.body and not (items and first_line.strip()):
        # paragraphs under the heading; above bullets, those that do not introduce them
        # ("16. Liên hiệp các tổ chức hữu nghị" / "Phối hợp chặt chẽ với …" / "- Chủ trì …")
        lines = parsed.lines_in(node.body)
        for ln in lines[1 if first_line.strip() else 0 :]:
            if ln.content and ln.content.strip(" :") and not _introduces(ln.content, units_below or bool(items)):
                # a paragraph that names its own unit, one of a heading that lists several ("2. Sở Khoa học và
                # Công nghệ, Sở Nội vụ" / "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ …"), is that unit's
                tasks.append(_item_task(parsed, plan, written, agency_raw, requested, ln.content, ln.start, ln.end))
    return tasks


def _wrapped_heading(parsed: Parsed, node: Node, heading_text: str, agency_raw: str) -> tuple[str, str, tuple[int, int]] | None:
    """An item whose line a copy broke inside the unit's name ("l) Đài Truyền hình Việt Nam, Đài Tiếng nói Việt" /
    "Nam, Thông tấn xã Việt Nam chủ trì, phối hợp …") is one sentence: (its subject, its text, its span)."""
    if node.children or not node.body or heading_text.rstrip().endswith((":", ".", ";")):
        return None
    nxt = next((ln for ln in parsed.lines_in(node.body) if ln.content), None)
    if nxt is None or LIST_MARK.match(nxt.content):
        return None
    last = heading_text.rstrip().split()[-1] if heading_text.strip() else ""
    broken = (last.lower() in _table()["name_goes_on"]  # "… các Ban của" / "Hội đồng nhân dân, …"
              or nxt.content[:1].islower()  # "… Sở Y tế" / "tổ chức …"
              or last[:1].isupper() and re.match(r"[A-ZĐÀ-Ỹ]\w*(?:,|\s+và\s)", nxt.content))  # "… Tiếng nói Việt" / "Nam, Thông tấn xã …"
    if not broken:
        return None  # the next line opens a sentence of its own ("Công an Thành phố chủ trì …")
    subject = units.subject_of(collapse(heading_text + " " + nxt.content))
    if not subject or len(subject[0]) <= len(collapse(agency_raw)) or not subject[0].startswith(collapse(heading_text)):
        return None
    return subject[0], collapse(heading_text + " " + node.body.text(parsed.text)), (node.heading.start, node.body.end)


@dataclass
class _Bullet:
    """How a bullet names its unit: by a label ("Sở Xây dựng: hướng dẫn …", then ``label`` and ``rest``),
    as the subject of its sentence ("Sở Tài chính phối hợp …", ``subject``), or not at all; ``asked``
    when it opens with "Đề nghị"."""

    label: str | None
    rest: str | None
    subject: str | None
    asked: bool

    @property
    def unit(self) -> str | None:
        return self.label or self.subject


def _read_bullet(t: str) -> _Bullet:
    own = re.match(r"^([^:]{3,80}):\s+(\S.*)$", t, re.S)
    bare, asked = units.split_requested(t.lstrip("-–+•: "))
    listed = units.listed_units(bare)
    if listed:  # "- Các Bộ: Quốc phòng, Công an chủ động …": the list is the sentence's subject
        return _Bullet(None, None, listed[0], asked)
    subject = units.subject_of(bare)  # "- Sở Y tế tham mưu triển khai …", "- Đề nghị Bộ Tư lệnh … tham mưu …"
    # a label before ":" is a unit only when no verb follows the unit inside it ("- Công an tỉnh
    # tham mưu … tại Dự án 1: Phòng ngừa …" is a sentence with a subject, not a labelled unit)
    label_is_sentence = bool(subject and own and len(subject[0]) < len(own.group(1).lstrip("-–+•: ")))
    if own and units.is_unit(own.group(1)) and not units.split_requested(own.group(1))[1] and not label_is_sentence:
        return _Bullet(own.group(1), own.group(2), subject[0] if subject else None, asked)
    return _Bullet(None, None, subject[0] if subject else None, asked)


def _item_task(parsed: Parsed, plan: Issuer | None, written: dict[str, str], agency_raw: str, requested: bool, t: str, a: int, b: int) -> Task:
    """One bullet under a unit's heading: the heading's unit's task, or the more specific unit's it names."""
    bullet = _read_bullet(t)
    if bullet.label:  # a bullet that names a more specific unit
        return _make(parsed, plan, written, bullet.label, requested, bullet.rest, (a, b))
    if bullet.subject and fold(units.canonical(bullet.subject, plan).name) != fold(units.canonical(agency_raw, plan).name) \
            and not _same_localities(bullet.subject, agency_raw):
        return _make(parsed, plan, written, bullet.subject, requested or bullet.asked, t, (a, b))
    return _make(parsed, plan, written, agency_raw, requested, t, (a, b))


def _same_localities(subject: str, heading: str) -> bool:
    """A bullet that names its heading's localities by their People's Committees ("Đề nghị UBND Thành phố Hồ Chí
    Minh, UBND tỉnh Đăk Lăk …" under "Thành phố Hồ Chí Minh, tỉnh Đăk Lăk …"): the same units, not more specific ones."""
    def places(text: str) -> set[str]:
        bare = re.sub(r"(?i)\b(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", "", fold(text))
        return {p.strip(" .;:") for p in re.split(r"\s*,\s*|\s+và\s+", bare) if p.strip(" .;:")}

    a, b = places(subject), places(heading)
    return bool(a) and a == b


def _role_lead_in(heading: str) -> tuple[str, str] | None:
    """An item that names only a role and the partners over its bullets ("a) Chủ trì, phối hợp với các
    sở, ban, ngành, UBND các xã, phường", "b) Phối hợp với Sở Nông nghiệp và Môi trường", "b) Chủ trì,
    phối hợp"): (role, the partners as written, or "")."""
    bare = LIST_MARK.sub("", collapse(heading).strip(" *_"), count=1).strip(" *_:.")
    m = _table()["role_lead_in"].match(bare)
    if not m:
        return None
    rest = m.group("rest").strip(" ,:")
    if rest and (units.has_predicate(rest) or not (units.is_unit(rest) and units.names_only_units(rest))):
        return None  # "Phối hợp với Sở X tổ chức …": work, not a lead-in
    return ("lead" if m.group("lead") else "cooperate"), rest


def _charged_only(inline: str) -> bool:
    """The words after a unit that charge it and say no work ("có trách nhiệm", "chịu trách nhiệm:")."""
    m = _table()["charged"].match(inline.strip(" *_"))
    return bool(m) and not inline.strip(" *_")[m.end():].strip(" .:*_")


def _introduces(line: str, below: bool) -> bool:
    """A line that ends with ":" over what it introduces (units' headings, bullets) is not a task:
    "2. Các Sở, ban, ngành Thành phố: … một số nhiệm vụ cụ thể:" over "2.1. Công an Thành phố: …"."""
    return below and line.rstrip().endswith(":")


def _name_list(line: str) -> str | None:
    """ "Ba Đình, Hoàn Kiếm, Văn Miếu – Quốc Tử Giám, Từ Liêm và UBND xã Bát Tràng": two or more
    short capitalised names, the list that completes a heading such as "UBND các phường:"."""
    line = line.strip().lstrip(":").strip().rstrip(".").strip()
    items = [i.strip() for i in re.split(r"\s*,\s*|\s+và\s+", line)]
    if len(items) < 2 or len(line) > 240 or not all(items):
        return None
    if not all(i[0].isupper() and len(i.split()) <= 6 for i in items):
        return None
    return None if line.startswith(_table()["task_verbs"]) else line


def _names_unit(heading: str) -> bool:
    """A heading that begins with a unit, or with a team member and role ("Ông. X - Trưởng đoàn: …")."""
    first = units.split_heading(heading)[0]
    return units.is_unit(first) or units.person_role(first) is not None


def _is_unit_heading(parsed: Parsed, node: Node) -> bool:
    """A numbered heading (not a bullet) that names a unit: "1.2. Trung tâm Quản lý hạ tầng kỹ thuật:"."""
    return node.kind in ("decimal", "arabic", "roman") and _names_unit(node.heading.text(parsed.text))


def _subject_bullets(parsed: Parsed, section: Node, plan: Issuer | None, written: dict[str, str]) -> list[Task]:
    """Bullets of an implementation section that open with their unit, outside any unit's heading
    ("2. Trách nhiệm thực hiện" / "- Sở Nội vụ hướng dẫn khen thưởng …", "- Đề nghị Ủy ban MTTQ tỉnh …
    phát huy …", "- Các cơ quan, đơn vị căn cứ Kế hoạch này … triển khai …"): each is its unit's task, in its own words."""
    tasks: list[Task] = []
    for child in section.children:
        if child.kind in ("dash", "plus"):
            t, a, b = _bullet_text(parsed, child)
            bullet = _read_bullet(t)
            if bullet.subject and (units.is_unit(bullet.subject) or bullet.asked):
                tasks.append(_make(parsed, plan, written, bullet.subject, bullet.asked, t, (a, b)))
        elif not _names_unit(child.heading.text(parsed.text)):
            tasks.extend(_subject_bullets(parsed, child, plan, written))
    return tasks


def _agency_nodes(parsed: Parsed, section: Node) -> list[Node]:
    """The agency headings of an implementation section, with numbered unit headings nested in them
    ("1. Sở Xây dựng …" with "1.1. Phòng …", "1.2. Trung tâm …")."""
    out = []
    for child in section.children:
        if child.kind in ("dash", "plus"):
            continue
        if _names_unit(child.heading.text(parsed.text)):
            out.append(child)
            out.extend(c for c in child.children if _is_unit_heading(parsed, c))
        else:
            out.extend(_agency_nodes(parsed, child))
    return out


def _assigned_items(parsed: Parsed, section: Node, plan: Issuer | None, written: dict[str, str]) -> list[Task]:
    """"1. Giao phòng X triển khai …:" then "2. …", "3. …": the items after it are X's tasks."""
    t = _table()
    assign, member_tasks = t["assign"], t["member_tasks"]

    def assigned(line: str) -> str | None:
        m = assign.match(line)
        if not m:
            return None
        cut = t["verb_after"].search(line[m.end() :])
        return line[m.end() : m.end() + cut.start()] if cut else None

    tasks: list[Task] = []
    agency = None
    if section.body:  # the sentence may stand unnumbered before the items: "III. …\nGiao phòng X triển khai …:"
        for ln in parsed.lines_in(section.body):
            agency = assigned(ln.content or "") or agency
    for child in section.children:
        heading = child.heading.text(parsed.text)
        if assign.match(heading):  # the unit runs up to the verb: "Giao phòng Quản lý Công nghiệp triển khai, …"
            agency = assigned(heading)
            if agency and not heading.rstrip().endswith(":"):  # "1. Giao phòng X tổ chức …." is itself X's task
                text, a, b = _bullet_text(parsed, child)
                tasks.append(_make(parsed, plan, written, agency[:1].upper() + agency[1:], False, text, (a, b)))
                agency = None  # and the items after it are not X's
            continue
        if child.kind in ("dash", "plus") or _names_unit(heading):
            continue
        member = None if agency else member_tasks.search(heading)
        if agency or member:
            owner = agency or member.group("unit")
            text, a, b = _bullet_text(parsed, child)
            tasks.append(_make(parsed, plan, written, owner[:1].upper() + owner[1:], False, text, (a, b)))
    return tasks


def _addressed_nodes(parsed: Parsed) -> list[Node]:
    """Numbered headings addressed to a unit outside the implementation sections:
    "6. Những vấn đề khác" → "6.1. Đối với Đoàn kiểm tra: Các thành viên …"."""
    out = []
    criteria = re.compile(_table()["not_task_sections"], re.I)

    def visit(node: Node, under_criteria: bool) -> None:
        heading = node.heading.text(parsed.text)
        if node.kind in ("decimal", "arabic", "letter") and units.is_addressed(heading) and _names_unit(heading) and not under_criteria:
            out.append(node)
        inside = under_criteria or bool(criteria.match(collapse(heading).strip("*: ")))
        for child in node.children:
            visit(child, inside)

    for top in parsed.outline:
        visit(top, False)
    return out


# --- activity blocks ----------------------------------------------------------------------------



def _labelled(line: str) -> tuple[str, str] | None:
    """(label key, value) of an activity's labelled line, its list mark aside: "b) Cơ quan thực
    hiện:" → ("implement", ""); "- Đơn vị chủ trì: Sở X." → ("lead", "Sở X.")."""
    body = line[LIST_MARK.match(line).end() :] if LIST_MARK.match(line) else line
    key = activity_label(body)
    if key is None:
        return None
    return key, _table()["labels"][key].match(body).group("v")


def _activity_labels(parsed: Parsed, node: Node) -> dict[str, tuple[str, int, int]]:
    """The labels of one activity: labelled lines among its own lines and among its items; a label
    with no value takes the labels or the lines of its items ("b) Cơ quan thực hiện:" over "- Đơn vị
    chủ trì: …", "a) Nhiệm vụ:" over the items of the task)."""
    found: dict[str, tuple[str, int, int]] = {}
    own = Region(node.heading.end, node.children[0].start if node.children else node.end)
    for ln in parsed.lines_in(own):
        hit = _labelled(ln.content or "")
        if hit and hit[1].strip():
            for key, value, at in _glued_labels(hit[0], hit[1], ln.end - len(hit[1])):
                found.setdefault(key, (value, at, at + len(value)))
    for child in node.children:
        line = parsed.text[child.start : parsed.text.find("\n", child.start) if "\n" in parsed.text[child.start : child.end] else child.end]
        hit = _labelled(line)
        if not hit:
            continue
        key, value = hit
        if value.strip():
            at = child.start + len(line) - len(value)
            pieces = _glued_labels(key, value, at)
            if len(pieces) > 1:  # labels a crawl glued on one line: each its own value
                for k, v, a in pieces:
                    found.setdefault(k, (v, a, a + len(v)))
            else:
                found.setdefault(key, (parsed.text[at : child.end], at, child.end))
            continue
        below = _activity_labels(parsed, child) if child.children else {}
        if below:
            for k, v in below.items():
                found.setdefault(k, v)
        elif child.children:  # "a) Nhiệm vụ:" over its items
            found.setdefault(key, (parsed.text[child.children[0].start : child.end], child.children[0].start, child.end))
    return found


def _glued_labels(key: str, value: str, at: int) -> list[tuple[str, str, int]]:
    """A label's value, and the labels a crawl glued after it on the same line: "Phòng X thị xã -
    Đơn vị phối hợp thực hiện: Phòng Y, …" → [(lead, "Phòng X thị xã", …), (partners, "Phòng Y, …", …)]."""
    for m in re.finditer(r"\s[-–]\s+", value):
        hit = _labelled(value[m.end() :])
        if hit and hit[1].strip():
            return [(key, value[: m.start()], at), *_glued_labels(hit[0], hit[1], at + len(value) - len(hit[1]))]
    return [(key, value, at)]


def _unit_clauses(value: str) -> list[tuple[str, str]] | None:
    """ "Sở X chủ trì tham mưu …; Sở Y và các sở, ban, ngành chủ động tổ chức …": a unit label whose
    value is sentences, each naming its unit before a verb → [(unit, the clause's work)]; None for a
    plain list of units."""
    verb_after = _table()["verb_after"]
    out = []
    value = units.without_qualifiers(value)  # "Sở X trong phạm vi chức năng, nhiệm vụ của mình và …": a list, not a clause
    pieces = re.split(r"\s*;\s*|\n\s*(?=[-–+•]\s)", value.strip().rstrip(". "))  # (clauses, or items "+ Sở X chủ trì …")
    for clause in (collapse(LIST_MARK.sub("", p.strip(), count=1) if re.match(r"[-–+•]\s", p.strip()) else p).rstrip(". ") for p in pieces):
        cut = verb_after.search(clause)
        named = read_issuer(clause, 0)
        if cut and units.inside_name_phrase(clause, cut.start()) and units.names_only_units(clause):
            out.append((clause, ""))  # "… và các cơ quan, tổ chức khác có liên quan": "tổ chức" is a noun there
        elif cut and units.is_unit(clause[: cut.start()]):
            out.append((clause[: cut.start()], clause[cut.start() :].strip()))
        elif named and named[1] < len(clause) and not units.names_only_units(clause) and clause[named[1] :].strip()[:1].islower():
            out.append((clause[: named[1]], clause[named[1] :].strip()))  # "Sở Xây dựng đăng tải …": a verb not in the table
        elif clause:
            out.append((clause, ""))
    return out if any(work for _, work in out) else None


def _activities(parsed: Parsed) -> list[tuple[Node, dict[str, tuple[str, int, int]]]]:
    """The activities of a plan (nodes with labels of their own) and their labels, read once."""
    out = []
    for node in parsed.nodes():
        if _labelled(node.heading.text(parsed.text)) or _labelled(parsed.text[node.start : node.heading.end]):
            continue  # a label is part of an activity, not one
        found = _activity_labels(parsed, node)
        if found:
            out.append((node, found))
    return out


def _activity_tasks(parsed: Parsed, plan: Issuer | None, written: dict[str, str],
                    activities: list[tuple[Node, dict[str, tuple[str, int, int]]]]) -> list[Task]:
    tasks = []
    for node, found in activities:
        if not any(found.get(k, ("",))[0].strip() for k in ("lead", "implement")):
            continue
        if node.kind == "roman" and "text" not in found:
            continue  # "II. CƠ QUAN CHỈ ĐẠO VÀ TỔ CHỨC THỰC HIỆN" over "3. Đơn vị chủ trì: Sở X": a part of the plan naming its organisers, no activity
        heading = collapse(node.heading.text(parsed.text)).rstrip(":")
        ta, tb = node.heading.start, node.heading.end
        text = heading
        if "text" in found:  # the activity's name and what it consists of
            content, ca, cb = found["text"]
            text = f"{heading}: {collapse(content)}" if heading else collapse(content)
            ta, tb = min(ta, ca), max(tb, cb)
        partners = units.split_units(found["partners"][0]) if "partners" in found else []
        deadline = collapse(found["deadline"][0]).rstrip(".;") if "deadline" in found else None
        if deadline and LIST_MARK.match(deadline) and len(deadline) > 80:
            deadline = None  # a time per unit, in items: no one deadline for the activity
        # "- Đơn vị chủ trì: Sở X." leads the activity; "- Đơn vị thực hiện: Bảo tàng Y." carries it out
        for role in ("lead", "implement"):
            if role not in found or not found[role][0].strip():
                continue
            value, a, b = found[role]
            region = (min(ta, a), max(tb, b))
            clauses = _unit_clauses(value)
            if clauses is None:
                tasks.append(_make(parsed, plan, written, collapse(value).rstrip(". "), False, text, region, role=role, partners=partners, deadline=deadline))
                continue
            for unit, work in clauses:  # "Sở X chủ trì …" leads the activity; "Sở Y tiến hành …" does its clause
                leads = role_of(work) == "lead" and not _table()["partners_after"].match(work[len("chủ trì") :].lstrip(", "))
                if not work or leads:
                    tasks.append(_make(parsed, plan, written, unit, False, text, region, role="lead" if leads else role, partners=partners, deadline=deadline))
                else:
                    tasks.append(_make(parsed, plan, written, unit, False, f"{unit} {work}", region, role=role_of(work) if role_of(work) != "implement" else role,
                                       deadline=deadline))
    return tasks


# --- decisions' articles and sentences that assign work -------------------------------------------


def _executors_clause(text: str) -> bool:
    """ "Chánh Văn phòng …; Giám đốc các Sở …; … chịu trách nhiệm thi hành Quyết định này": the
    closing boilerplate of a decision, not a task."""
    return bool(re.search(_table()["executors"], text, re.I))


def _article_tasks(parsed: Parsed, plan: Issuer | None, written: dict[str, str]) -> list[Task]:
    """A decision's own articles that assign work: "Điều 2. Giao Giám đốc Sở X" over its items, or
    "Điều 2. Giao Sở X chủ trì …" / "Điều 2. Sở X có trách nhiệm …" as one task."""
    t = _table()
    tasks: list[Task] = []
    for node in parsed.nodes():
        if node.kind != "article":
            continue
        whole = collapse(parsed.text[node.heading.start : node.body.end if node.body else node.heading.end])
        if not whole or _executors_clause(whole):
            continue
        assigned = t["assign"].match(whole)
        rest = whole[assigned.end() :] if assigned else whole
        subject = units.subject_of(rest)
        items = [c for c in node.children if c.kind in ("arabic", "letter", "dash", "plus", "decimal")]
        if subject and not (items and rest.rstrip().endswith(":")):
            unit, _ = subject
            tasks.append(_make(parsed, plan, written, unit, False, whole, (node.heading.start, node.body.end if node.body else node.heading.end)))
        elif assigned and items and units.is_unit(rest.rstrip(" :.")):
            unit = rest.rstrip(" :.")
            for child in items:
                text, a, b = _bullet_text(parsed, child)
                tasks.append(_make(parsed, plan, written, unit, False, text, (a, b)))
    return tasks


def _subject_tasks(parsed: Parsed, plan: Issuer | None, written: dict[str, str], taken: list[tuple[int, int]]) -> list[Task]:
    """Numbered items of the funding section that assign work to a named unit: "2. Sở Tài chính chủ
    trì, phối hợp … bố trí kinh phí …" under KINH PHÍ THỰC HIỆN. (Measured: the same sentences in other
    sections, and unnumbered ones, are more often description than assignment.)"""
    tasks: list[Task] = []
    own = fold(units.canonical(plan.name, plan).name) if plan is not None and plan.name else None
    skip = Covered(taken + [(a, b) for _, a, b in objective_regions(parsed, {"purpose", "requirement", "general_goal", "specific_goal"})])
    headings = [fold(h) for h in resources.load("funding_sources")["headings"]]
    funding = [n for n in parsed.nodes() if n.kind in ("roman", "arabic") and fold(n.heading.text(parsed.text)).strip(" :.") in headings
               or n.kind == "roman" and any(fold(n.heading.text(parsed.text)).startswith(h) for h in headings)]
    in_funding = Covered([(n.heading.end, n.end) for n in funding])
    body = parsed.lines_in(parsed.body) if parsed.body else []
    for ln in body:
        if not ln.content or ln.start in skip:
            continue
        numbered = re.match(r"(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s", ln.content)  # an item of its own, not a bullet
        if ln.start in in_funding:
            line = ln.content[numbered.end() :] if numbered else None
        else:  # elsewhere a paragraph whose unit is charged with the work: "Sở, ban, ngành … có trách nhiệm rà soát …"
            line = ln.content if not numbered and not LIST_MARK.match(ln.content) else None
        if not line or _executors_clause(line):
            continue
        subject = units.subject_of(line)
        if not subject or ln.start not in in_funding and not _table()["charged"].match(subject[1]):
            continue
        unit, _ = subject
        if not units.is_specific(unit):
            continue  # "Các cơ quan, đơn vị …" outside the implementation section: not one named unit
        named = read_issuer(unit, 0)
        if own and named and fold(units.canonical(unit[: named[1]], plan).name) == own:
            continue  # the issuer speaking of itself ("Ủy ban nhân dân tỉnh yêu cầu …")
        tasks.append(_make(parsed, plan, written, unit, False, line, (ln.start, ln.end)))
    return tasks


# --- task tables --------------------------------------------------------------------------------


def _column_index(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for key, words in _table()["columns"].items():
        for i, cell in enumerate(header):
            if any(w in fold(cell) for w in words) and i not in cols.values():
                cols.setdefault(key, i)
                break
    return cols


@dataclass
class _TaskTable:
    """A task table's columns by role ("text", "lead", …) and its width in cells."""

    cols: dict[str, int]
    width: int


def _table_tasks(parsed: Parsed, table: Table, plan: Issuer | None, written: dict[str, str], part: Part | None = None,
                 above: _TaskTable | None = None) -> tuple[list[Task], _TaskTable | None]:
    """The tasks of a task table, and where it ends. A table without a header whose rows are as wide as
    the task table ``above`` it is that table's rest (a long appendix table that a PDF's pages cut into
    pieces, the header not repeated): it is read with the columns from above. (Not under the group rows
    from above: a group row that fell between the pieces may be lost with the page's layout.)"""
    text = parsed.text
    rows = [[text[c.start : c.end].strip() for c in row] for row in table.rows]
    header_i = next((i for i, r in enumerate(rows) if {"text", "lead"} <= set(_column_index(r))), None)
    if header_i is not None:
        cols, width = _column_index(rows[header_i]), len(rows[header_i])
    elif above is not None and _as_wide(rows, above.width):
        cols, width, header_i = above.cols, above.width, -1
    elif _header_as_lines(parsed, table) and (cols := _columns_by_content(rows)):
        width, header_i = max(len(r) for r in rows), -1
    else:
        return [], None
    tasks = []
    groups: list[tuple[int, str]] = []  # the group rows over the current row, outermost first: (depth, heading)
    for row, cells in zip(table.rows[header_i + 1 :], rows[header_i + 1 :]):
        heading = cells[cols["text"]] if len(cells) > cols["text"] else ""
        if heading and not (cells[cols["lead"]] if len(cells) > cols["lead"] else "") and _group_row(cells, heading):
            depth = _group_depth(cells[0])
            groups = [g for g in groups if g[0] < depth] + [(depth, collapse(heading).strip("* "))]
            continue
        if len(cells) <= max(cols.values()):
            continue
        task_text, lead = cells[cols["text"]], cells[cols["lead"]]
        if task_text and not lead and part is not None and not _group_row(cells, task_text):
            part.warn("task_row_without_lead", f"a task table row names no lead body: \"{collapse(task_text)[:80]}\"",
                      span_of(parsed.doc, row[0].start, row[-1].end))
        if not task_text or not lead or re.fullmatch(r"\(\d+\)", task_text):
            continue  # a row of column numbers "(1) | (2)", or a group row
        partners = units.split_units(cells[cols["partners"]]) if "partners" in cols else []
        deadline = cells[cols["deadline"]] if "deadline" in cols and cells[cols["deadline"]] else None
        task = _make(parsed, plan, written, lead, False, task_text, (row[0].start, row[-1].end), role="lead", partners=partners, deadline=deadline)
        task.group = GROUP_SEPARATOR.join(h for _, h in groups) or None
        tasks.append(task)
    return tasks, _TaskTable(cols, width)


def _header_as_lines(parsed: Parsed, table: Table, reach: int = 6) -> bool:
    """The lines right above a table name a task column and a lead column, cut up ("Tên nhiệm Cơ quan chủ" /
    "STT" / "vụ trì"): a PDF reader gave the header row as lines of text, the rows as cells."""
    lines = parsed.text[: table.region.start].rstrip("\n").split("\n")[-reach:]
    words = set(fold(" ".join(ln for ln in lines if len(ln) <= 80)).split())
    firsts = {key: {w.split()[0] for w in names} for key, names in _table()["columns"].items()}
    return bool(words & firsts["lead"]) and bool(words & firsts["text"])


def _columns_by_content(rows: list[list[str]]) -> dict[str, int] | None:
    """A task table's columns told by what its cells hold, when its header row is not among its rows: row
    labels first, the task's text next, then the first column whose cells begin with a body's name (the lead),
    the next such (the partners), and one of deadlines. None unless the rows are labelled and a lead column shows."""
    width = max((len(r) for r in rows), default=0)
    rows = [r for r in rows if len(r) == width]
    if width < 3 or len(rows) < 2 or 2 * sum(1 for r in rows if ROW_LABEL.fullmatch(r[0].strip(" *_"))) < len(rows):
        return None

    def share(k: int, test) -> float:
        cells = [r[k].strip(" *_") for r in rows if r[k].strip(" *_")]
        return sum(1 for c in cells if test(c)) / len(cells) if len(cells) >= 2 else 0.0

    names = [k for k in range(2, width) if share(k, lambda c: bool(name_start().match(c))) >= 0.5]
    if not names:
        return None
    cols = {"text": 1, "lead": names[0]}
    if len(names) > 1 and names[1] == names[0] + 1:
        cols["partners"] = names[1]
    deadline = next((k for k in range(names[0] + 1, width) if k not in names and share(k, lambda c: bool(_table()["deadline_cell"].match(c))) >= 0.5), None)
    if deadline is not None:
        cols["deadline"] = deadline
    return cols


def _as_wide(rows: list[list[str]], width: int) -> bool:
    """The rows of a table's rest: the first opens with a row's label ("8.", "II"; a table with a header of
    its own does not), and most have ``width`` cells, give or take the last (an empty "Ghi chú" cell)."""
    near = sum(1 for r in rows if abs(len(r) - width) <= 1)
    return bool(rows) and bool(ROW_LABEL.fullmatch(rows[0][0].strip(" *_"))) and 2 * near > len(rows)


def _group_depth(label: str) -> int:
    """How deep a group row stands: "A" 0, "I" 1, "I.1" 2, "III.1.1" 3; a row without a label (in
    capitals) stands at the top."""
    label = label.strip(" .*_")
    if not label or re.fullmatch(r"[A-HJ-UWYZĐ]", label):  # "A", "B": above the Roman numerals ("I", "V" are read as Roman)
        return 0
    return 1 + label.count(".")


def _one_per_statement(tasks: list[Task]) -> list[Task]:
    """One statement read by two rules ("1. Giao phòng X tổ chức …") is one task: of two tasks of one
    unit whose spans overlap, the first read is kept."""
    kept: dict[str, list[tuple[int, int]]] = {}  # per unit, the kept spans in text order
    out = []
    for task in tasks:
        spans = kept.setdefault(fold(task.agency), [])
        if task.span is not None:
            a, b = task.span.start, task.span.end
            i = bisect.bisect_left(spans, (a, b))
            if any(s < b and a < e for s, e in spans[max(0, i - 1) : i + 1]):
                continue
            spans.insert(i, (a, b))
        out.append(task)
    return out


def _group_row(cells: list[str], text: str) -> bool:
    """ "I | Nhóm nhiệm vụ về thể chế |" or a row in capitals: a heading of the table, not a task."""
    first = cells[0].strip(" .*_") if cells else ""
    return bool(re.fullmatch(r"[IVX]{1,5}(?:\.\d+)*|[A-ZĐ]", first)) or is_upper_text(text) or bool(re.match(r"(?i)nhóm\s", text)) or bool(re.fullmatch(r"\(\d+\)", text))


# --- the extractor ------------------------------------------------------------------------------


def agencies_of(parsed: Parsed, tasks: list[Task], plan: Issuer | None, written: dict[str, str]) -> list[Agency]:
    """Distinct units that own a task, or are named as a partner in one; the span is where the unit
    is first named as written (its heading, table cell or label)."""
    found: dict[str, Agency] = {}

    def where(raw: str, task: Task):
        words = [re.escape(w) for w in collapse(raw).split(" ") if w]
        m = re.compile(r"\s+".join(words), re.I).search(parsed.text) if words else None  # "Giao phòng …" names "Phòng …"
        return span_of(parsed.doc, m.start(), m.end()) if m else task.span

    def add(name: str, role: str, task: Task, raw: str) -> None:
        key = fold(name)
        if key not in found:
            a = units.canonical(name, plan)
            found[key] = Agency(name=name, kind=a.kind, locality=a.locality, roles=[], mentions=0, span=where(raw, task))
        agency = found[key]
        if role not in agency.roles:
            agency.roles.append(role)
        agency.mentions += 1

    for task in tasks:
        add(task.agency, task.role, task, task.agency_raw or task.agency)
    for task in tasks:
        for partner in task.partners:
            if units.is_specific(partner) and units.canonical(partner, plan).kind != "group":
                add(partner, "cooperate", task, written.get(partner, partner))
    return list(found.values())


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    plan: Issuer | None = prior.get("issuer")
    written: dict[str, str] = {}
    tasks: list[Task] = []
    seen_nodes: set[int] = set()
    for section, unmarked in implementation_sections(parsed):
        if unmarked:
            heading = collapse(section.heading.text(parsed.text))
            part.warn("heading_read_without_marks", f"the heading \"{heading[:60]}\" is read as an implementation section when its marks are set aside (OCR)",
                      span_of(parsed.doc, section.heading.start, section.heading.end))
        for node in _agency_nodes(parsed, section):
            if id(node) in seen_nodes:
                continue
            seen_nodes.add(id(node))
            tasks.extend(_heading_tasks(parsed, node, plan, written))
        tasks.extend(_assigned_items(parsed, section, plan, written))
        if id(section) not in seen_nodes:
            seen_nodes.add(id(section))
            tasks.extend(_subject_bullets(parsed, section, plan, written))
    for node in _addressed_nodes(parsed):
        if id(node) not in seen_nodes:
            seen_nodes.add(id(node))
            tasks.extend(_heading_tasks(parsed, node, plan, written))
    activities = _activities(parsed)
    tasks.extend(_activity_tasks(parsed, plan, written, activities))
    above: _TaskTable | None = None  # the task table above, for its rest on the next pages
    for table in parsed.tables:
        found, above = _table_tasks(parsed, table, plan, written, part, above)
        tasks.extend(found)
    tasks.extend(_article_tasks(parsed, plan, written))
    taken = [(s.start, s.end) for s, _ in implementation_sections(parsed)]
    taken += [(t.span.start, t.span.end) for t in tasks if t.span]
    taken += [(n.start, n.end) for n in parsed.nodes() if n.kind == "article"] + [(n.start, n.end) for n, _ in activities]
    tasks.extend(_subject_tasks(parsed, plan, written, taken))
    tasks = [t for t in tasks if re.search(r"\w", t.text or "")]  # a line of marks only ("* *"): no task
    tasks = sorted(_one_per_statement(tasks), key=lambda t: t.span.start if t.span else 0)
    part.fields.update(tasks=tasks, agencies=agencies_of(parsed, tasks, plan, written))
    return part
