"""Citations: legal bases (the preamble's "Căn cứ …" / "Thực hiện …") and every document cited.

The grammar lives in resources/citations.yaml and doc_types.yaml and is compiled once into
regular expressions: a table of forms, like eyecite's, and small functions that read each part
(number, date, issuer) and resolve it (a local body named without its place gets the place of
the plan's own issuer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from .. import nlp, resources
from ..gazetteer import gazetteer
from ..record import Issuer, LegalBasis, Reference
from ..structure import Parsed, Region
from ..textnorm import collapse, fold, strip_accents
from .base import Part, span_of
from .issuer import canonical_body, expand_abbreviations


@dataclass
class Citation:
    """One citation found in the text, with the offsets of its parts."""

    doc_type: str
    start: int
    end: int  # end of the citation proper (number, date, issuer)
    number: str | None = None
    title: str | None = None
    date: str | None = None
    issuer_raw: str | None = None
    issuer_span: tuple[int, int] | None = None
    subject: str | None = None
    subject_span: tuple[int, int] | None = None
    cites: list[str] = field(default_factory=list)
    listed: bool = False  # one more number of a list ("các Chỉ thị: số A …, số B …")

    @property
    def key(self) -> tuple[str, str]:
        return fold(self.doc_type), fold(self.number or self.title)


# --- the grammar, compiled once ------------------------------------------------------------------


@cache
def grammar() -> dict[str, Any]:
    table = resources.load("citations")
    types = sorted({t["name"] for t in resources.load("doc_types")}, key=len, reverse=True)
    named = set(table["named_types"])
    numbered = [t for t in types if t not in named]
    number = "|".join(f"(?:{p})" for p in table["numbers"].values())
    type_alt = "|".join(re.escape(t) for t in numbered)
    # "Bộ Luật Lao động" as often as "Bộ luật": the first letter as written, the rest in any case
    named_alt = "|".join(re.escape(t[0]) + f"(?i:{re.escape(t[1:])})" for t in sorted(named, key=len, reverse=True))
    qualifiers = "|".join(re.escape(q) for q in table["type_qualifiers"])
    return {
        "numbered": re.compile(
            rf"(?<![\w])(?P<type>(?i:{type_alt}))(?:\s+(?:{qualifiers}))?(?:\s*:?\s*(?:số|Số)\s*:?)?\s*(?P<number>{number})(?![\w/-])"
        ),
        "named": re.compile(rf"(?<![\w])(?P<type>{named_alt})\s+(?=\w)"),
        "number": re.compile(rf"(?<![\w/])(?:{number})(?![\w/-])"),  # a document number alone, anywhere
        "lowercase_starts": tuple(table["title_lowercase_starts"]),
        "laws": sorted(resources.load("laws"), key=len, reverse=True),
        "letter": re.compile(table["letter"]),
        "number_after_title": re.compile(rf"\s+số\s+(?P<number>{number})"),
        "date": re.compile(r"\s*" + table["date"]),
        "title_stop": re.compile("|".join(f"(?:{p})" for p in table["title_stops"])),
        "title_end": re.compile("|".join(f"(?:{p})" for p in table["title_ends"])),
        "title_joiner": re.compile("|".join(f"(?:{p})" for p in table["title_joiners"])),
        "title_not_continued": re.compile(
            "(?i:" + "|".join(re.escape(w) for w in sorted([*table["title_not_continued_by"], *types], key=len, reverse=True)) + r")(?!\w)"
        ),
        "title_limits": (table["title_max_words"], table["title_joined_max_words"], table["title_amending_max_words"]),
        "by": re.compile(r"\s*,?\s*(?:của|do|giữa)\s+"),
        "titles": re.compile(table["issuer_titles"]),
        "sessions": re.compile(table["issuer_sessions"], re.I),
        # a name may be wrapped onto the next line ("Thủ tướng\nChính phủ")
        "heads": re.compile("|".join(f"(?:{h})" for h in table["issuer_heads"]).replace(" ", r"\s+")),
        "named_heads": set(table["named_heads"]),
        "joiners": set(table["name_joiners"]),
        "term": re.compile(table["term"]),
        "separators": re.compile(table["separators"]),
        "relations": [(r["verb"], r["as"]) for r in table["relations"]],
        "proposals": [p.lower() for p in table["proposal_starts"]],
        "attachment_note": re.compile(table["attachment_note"]),
        "proposal_clause": re.compile(table["proposal_clause"], re.I),
        "own_issuing_clause": re.compile(table["own_issuing_clause"]),
        "basis_headings": [fold(h) for h in table["basis_headings"]],
        "resolution": [(re.compile(r["pattern"]), r["append"]) for r in table["resolution"]],
        "issuer_first": re.compile(table["issuer_first"], re.I),
        "list_item": re.compile(table["list_item"] + rf"(?P<number>{number})(?![\w/])"),
        "issuer_codes": [(re.compile(rf"^(?:{k})$"), v) for k, v in table["issuer_codes"].items()],
        "joint": re.compile(table["joint"]),
        "doc_type_names": {fold(t["name"]): t.get("cited_as", t["name"]) for t in resources.load("doc_types")},
        "codes": {fold(t["name"]): t.get("code") for t in resources.load("doc_types") if t.get("code_in_number", True)},
    }


# --- reading one citation -----------------------------------------------------------------------


def _iso(d: str | None, m: str | None, y: str | None) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat() if d and m and y else None
    except ValueError:
        return None


def _read_date(text: str, pos: int) -> tuple[str | None, int]:
    m = grammar()["date"].match(text, pos)
    if not m:
        return None, pos
    d = m.group("d") or m.group("d3")
    return _iso(d, m.group("m") or m.group("m2") or m.group("m3"), m.group("y") or m.group("y2") or m.group("y3")), m.end()


_WORD = re.compile(r"\s*([^\s,;.:()“”\"]+|,)")


def read_issuer(text: str, pos: int) -> tuple[int, int] | None:
    """The issuer named at ``pos`` ("UBND tỉnh Bắc Kạn", "Bộ Lao động - Thương binh và Xã hội")."""
    g = grammar()
    start = pos
    t = g["sessions"].match(text, pos) or g["titles"].match(text, pos)
    if t:
        pos = t.end()
    head = g["heads"].match(text, pos)
    if not head:
        return None
    end = head.end()
    if head.group() in g["named_heads"]:
        end = _read_name(text, end, g)
        if end == head.end():
            return None
    end = _read_unit_place(text, end)
    of_body = re.match(r"\s+", text[end:]) if fold(text[start:end]).endswith("đảng ủy") else None
    if of_body and g["heads"].match(text, end + of_body.end()):  # "Đảng ủy UBND tỉnh", "Đảng ủy Công an tỉnh": a body's committee
        inner = read_issuer(text, end + of_body.end())
        if inner:
            end = inner[1]
    term = g["term"].match(text, end)
    if term:
        end = term.end()
    joint = g["joint"].match(text, end)
    if joint and g["heads"].match(text, joint.end()):
        second = read_issuer(text, joint.end())
        if second:
            end = second[1]
    return start, end


def _read_name(text: str, pos: int, g: dict[str, Any]) -> int:
    """Capitalised words of a name, with the joiners between them; a known proper name first."""
    for proper in _proper_names():
        if text.startswith(proper, pos + 1) and not re.match(r"\w", text[pos + 1 + len(proper) : pos + 2 + len(proper)]):
            return pos + 1 + len(proper)
    end = pos
    cursor = pos
    while True:
        m = _WORD.match(text, cursor)
        if not m:
            break
        word = m.group(1)
        if word[:1].isupper() or word[:1].isdigit() and end > pos:
            end = cursor = _name_word_end(text, m.start(1), m.end(), g)
        elif word in g["joiners"]:
            nxt = _WORD.match(text, m.end())
            if nxt and nxt.group(1)[:1].isupper():
                cursor = m.end()
            else:
                break
        else:
            break
    return end


def _name_word_end(text: str, start: int, end: int, g: dict[str, Any]) -> int:
    """The end of the word of a name that begins at ``start``: a capitalised syllable may begin a
    word of several ("Bộ Nông nghiệp và PTNT", "Ban Thường trực Ủy ban MTTQ", "Tổng cục Thủy sản"),
    which the segmenter knows, or a body's head ("Ủy ban")."""
    head = g["heads"].match(text, start)
    if head and head.end() > end:
        return head.end()
    if not re.match(r" [a-zà-ỹđ]", text[end : end + 2]):
        return end
    stop = re.compile(r"[,;.:()“”\"\n]").search(text, end, end + 60)
    first = next(iter(nlp.words(text[start : stop.start() if stop else min(len(text), end + 60)])), "")
    return start + len(first) if len(first) > end - start and text.startswith(first, start) else end


@cache
def _proper_names() -> list[str]:
    names = resources.load("issuers")["proper_names"]
    return sorted((" ".join(n.split(" ")[1:]) for n in names if " " in n), key=len, reverse=True)


_UNIT = re.compile(r"\s+(tỉnh|thành phố|Thành phố|TP\.?|huyện|thị xã|quận|Quận|xã|phường|Phường|thị trấn|Tỉnh)(?![\w])")
_NUMBERED_UNIT = re.compile(r"\s+\d{1,2}(?![\w/.-])")  # "Phường 1", "Quận 3": urban units named by a number


def _read_unit_place(text: str, pos: int) -> int:
    """An optional administrative unit and a place the gazetteer knows, after a body."""
    gaz = gazetteer()
    unit = _UNIT.match(text, pos)
    cursor = unit.end() if unit else pos
    numbered = _NUMBERED_UNIT.match(text, cursor) if unit and unit.group(1).lower() in ("phường", "quận") else None
    if numbered:
        return numbered.end()
    words = []
    best = unit.end() if unit else pos
    probe = cursor
    for _ in range(4):
        m = re.compile(r"\s+([A-ZĐÀ-Ỹ][\w]*(?:\s*-\s*[A-ZĐÀ-Ỹ][\w]*)?)").match(text, probe)
        if not m or not m.group(1)[:1].isupper():
            break
        words.append(m.group(1))
        probe = m.end()
        if gaz.spell(" ".join(words)):
            best = probe
    return best


def _read_title(text: str, pos: int) -> tuple[str, int] | None:
    """A law's title: a known title (laws.yaml) first, else words up to a comma or a stop word."""
    g = grammar()
    amending = text[pos : pos + 20].lower().startswith(g["lowercase_starts"])  # "sửa đổi, bổ sung …", "Sửa đổi, …"
    if not (text[pos].isupper() or amending):
        return None
    # as written; else across a mark misread by OCR ("khủng bỗ"), given as the table spells it
    for key in (fold, lambda t: strip_accents(fold(t))):
        for law in g["laws"]:
            here = text[pos : pos + len(law)]
            if key(here) == key(law) and not text[pos + len(law) : pos + len(law) + 1].isalnum():
                return (here if key is fold else law), pos + len(law)
    max_words, joined_max, amending_max = g["title_limits"]
    hard = g["title_end"].search(text, pos)
    hard_end = hard.start() if hard else len(text)
    if amending and 0 < len(text[pos:hard_end].split()) <= amending_max:
        end = hard_end  # "sửa đổi, bổ sung một số điều của Luật A và Luật B": names the laws it amends
    else:
        stop = g["title_stop"].search(text, pos)
        cut = stop.start() if stop else len(text)
        runs_to = _title_runs_on(text, cut, hard_end)
        end = runs_to if runs_to > cut and len(text[pos:runs_to].split()) <= joined_max else cut
        if not text[pos:end].split() or len(text[pos:end].split()) > max(max_words, joined_max if end > cut else 0):
            return None
    kept = re.sub(r"(?:[\s,]+(?:và|cùng|hoặc))+\s*$", "", text[pos:end]).rstrip(" ,")  # not a "và" the text stops after
    return collapse(kept), pos + len(kept)


def _title_runs_on(text: str, cut: int, hard_end: int) -> int:
    """Where a title cut at a comma or "và" ends ("Luật Phòng, chống ma túy"): at its end, or before
    a comma or "và" that begins another document or a phrase that is no title ("… Hội đồng nhân dân
    và Luật sửa đổi …", "… và các văn bản hướng dẫn"); ``cut`` when another stop word comes first."""
    g = grammar()
    cursor = cut
    while cursor < hard_end:
        joiner = g["title_joiner"].match(text, cursor)
        if not joiner or joiner.end() >= hard_end:
            return cut
        if g["title_not_continued"].match(text, joiner.end()):
            return cursor  # the title runs to this comma or "và" (the cut itself when nothing was added)
        nxt = g["title_stop"].search(text, joiner.end())
        cursor = nxt.start() if nxt else hard_end
    return hard_end if cursor == hard_end else cut


def _subject(text: str, pos: int, limit: int) -> tuple[str, int, int] | None:
    """What the cited document is about: after the issuer up to ';', a sentence end or ``limit``."""
    m = re.compile(r"\s*,?\s*(?:về việc|về|V/v)?\s*:?\s*").match(text, pos)
    start = m.end() if m else pos
    end_m = re.compile(r";|\.(?:\s|$)|\n").search(text, start, limit)
    end = end_m.start() if end_m else limit
    raw = text[start:end].rstrip(" ,.")
    raw = re.sub(r"[\s,]+(?:và|cùng)$", "", raw)
    if not raw.strip():
        return None
    return collapse(raw), start, start + len(raw)


def _doc_type(name: str) -> str:
    return grammar()["doc_type_names"].get(fold(name), name[:1].upper() + name[1:].lower())


def find_citations(text: str, start: int = 0, end: int | None = None) -> list[Citation]:
    """Every citation in ``text[start:end]``, in order, with its parts read."""
    g = grammar()
    end = len(text) if end is None else end
    found: list[Citation] = []
    for m in g["numbered"].finditer(text, start, end):
        c = Citation(doc_type=_doc_type(m.group("type")), start=m.start(), end=m.end(), number=_clean_number(m.group("number")))
        c.date, c.end = _read_date(text, c.end)
        _attach_issuer(text, c)
        found.append(c)
        # "các Chỉ thị: số 33/CT-TTg …, số 10/CT-TTg …" — more of the same type, each after its subject
        pos = c.end
        group = [c]
        while True:
            nxt = _next_list_item(text, pos, end)
            if not nxt:
                break
            item = Citation(doc_type=c.doc_type, start=nxt.start("number"), end=nxt.end(), number=_clean_number(nxt.group("number")), listed=True)
            item.date, item.end = _read_date(text, item.end)
            _attach_issuer(text, item)
            found.append(item)
            group.append(item)
            pos = item.end
        # "số 007/CĐ-UBND ngày 17/11, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11 của UBND tỉnh": the
        # issuer named once after the list is every item's; a date after two numbers joined by "và" is both's
        last = group[-1]
        for item in group[:-1]:  # (of the same issuer's code: "CĐ-UBND" … "CĐ-UBND", not "QĐ-TTg" … "QĐ-UBND")
            if item.issuer_raw is None and last.issuer_raw is not None and fold(_issuer_code(item.number)) == fold(_issuer_code(last.number)):
                item.issuer_raw, item.issuer_span = last.issuer_raw, last.issuer_span
        for item, after in zip(group, group[1:]):
            if item.date is None and after.date is not None and re.fullmatch(r"\s+và\s+số\s+", text[item.end : after.start]):
                item.date = after.date
    for m in g["letter"].finditer(text, start, end):  # letters with free-form numbers
        if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in found):
            continue
        c = Citation(doc_type="Văn bản", start=m.start(), end=m.end(), number=_clean_number(m.group("number")))
        c.date, c.end = _read_date(text, c.end)
        _attach_issuer(text, c)
        found.append(c)
    for m in g["named"].finditer(text, start, end):
        read = _read_title(text, m.end())
        if not read:
            continue
        title, stop = read
        c = Citation(doc_type=_doc_type(m.group("type")), start=m.start(), end=stop, title=title)
        num = g["number_after_title"].match(text, stop)
        if num:
            c.number, c.end = num.group("number"), num.end()
        c.date, c.end = _read_date(text, c.end)
        found.append(c)
    found.sort(key=lambda c: c.start)
    # a law named inside another citation's words ("… của Luật Xây dựng") is not a second citation
    out: list[Citation] = []
    for c in found:
        if out and c.title and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _clean_number(number: str) -> str:
    number = re.sub(r"\s+", "", number)
    # pdftotext joins a line that ends with a hyphen to the next without it ("201/2023/NQ-" /
    # "HĐND" → "NQHĐND"): a state number's code is a type code, a hyphen, the issuer's code
    m = re.fullmatch(r"(?P<head>\d{1,5}(?:/\d{4})?/)(?P<code>[A-ZĐ][\w&]*)", number)
    if m:
        for code in _type_codes():
            rest = m.group("code")[len(code) :]
            if m.group("code").startswith(code) and len(rest) >= 2 and rest[0].isupper() and rest[1:2].isupper():
                return f"{m.group('head')}{code}-{rest}"
    return number


@cache
def _type_codes() -> list[str]:
    return sorted({t["code"] for t in resources.load("doc_types") if t.get("code")}, key=len, reverse=True)


def _issuer_code(number: str | None) -> str:
    """The issuer's part of a number's code: "007/CĐ-UBND" → "UBND", "42-KH/ĐU" → "ĐU"."""
    return re.split(r"[-/]", number or "")[-1]


def _next_list_item(text: str, pos: int, end: int) -> re.Match[str] | None:
    """The next "số N" of a list, within the same clause (no new type name before it)."""
    g = grammar()
    # the clause ends at ";" unless a list goes on after it ("…; số 010/CĐ-UBND ngày …")
    stop = re.compile(r";(?!\s*(?:và\s+)?số\s+\d)|\.(?:\s|$)|\n").search(text, pos, end)
    limit = stop.start() if stop else end
    for m in re.finditer(r"(?:[,;]\s*(?:và\s+)?|\s+và\s+)số\s+", text[pos:limit]):
        item = g["list_item"].match(text, pos + m.start())
        if item and not g["numbered"].search(text, pos, pos + m.start()):
            return item
    return None


def _attach_issuer(text: str, c: Citation) -> None:
    by = grammar()["by"].match(text, c.end)
    if not by:
        return
    at = by.end()
    span = read_issuer(text, at)
    read = text
    if span is None and text[at : at + 1].islower():
        # "của sở Giáo dục và Đào tạo Lâm Đồng", "của ủy ban nhân dân huyện …": a head written in small letters
        read = text[:at] + text[at].upper() + text[at + 1 :]
        span = read_issuer(read, at)
    if span:
        c.issuer_span = span
        c.issuer_raw = collapse(text[span[0] : span[1]])  # as written
        c.end = span[1]


# --- resolution ---------------------------------------------------------------------------------


def resolve_issuer(raw: str | None, plan: Issuer | None) -> str | None:
    """Expand abbreviations, drop a term of office, and give a local body the plan's place."""
    if not raw:
        return None
    g = grammar()
    for m in g["joint"].finditer(raw):
        if g["heads"].match(raw, m.end()) and read_issuer(raw, m.end()):
            return resolve_issuer(raw[: m.start()], plan) + " và " + resolve_issuer(raw[m.end() :], plan)
    t = collapse(expand_abbreviations(raw))
    t = g["term"].sub("", t)
    t = t[m.end() :] if (m := g["sessions"].match(t)) else t  # the plenum issues in its body's name
    body = canonical_body(t)
    name = body.name if body.level != "other" or body.place else t
    title = re.match(g["titles"].pattern, t, re.I)
    if title:
        name = title.group().strip() + " " + canonical_body(t[title.end() :]).name
    if plan is None:
        return name
    folded = fold(name)
    for pattern, append in g["resolution"]:
        if pattern.match(folded):
            extra = _place_for(append, folded, plan)
            if extra:
                return name + extra
            break
    return name


def _place_for(template: str, folded_name: str, plan: Issuer) -> str | None:
    gaz = gazetteer()
    province, district = plan.province, plan.district
    kind = gaz.province_kind.get(province or "", "tỉnh")
    unit = folded_name.split(" ")[-1] if " " in folded_name else ""
    unit = "thành phố" if folded_name.endswith("thành phố") else ("thị xã" if folded_name.endswith("thị xã") else unit)
    values = {"province": province, "district": district}
    if "{unit_place}" in template:
        if unit == "tỉnh" or (unit == "thành phố" and kind == "thành phố" and not (plan.level == "district" and district)):
            values["unit_place"] = province
        elif unit in ("huyện", "thị xã", "quận", "thành phố") and district:
            values["unit_place"] = district
        else:
            return None
        return template.format(unit_place=values["unit_place"]) if values["unit_place"] else None
    if "{issuer_unit_place}" in template:
        if plan.level in ("district", "commune") and district:
            d = gaz.districts_named(district)
            return f" {d[0].prefix if d else 'huyện'} {district}"
        return f" {kind} {province}" if province else None
    if "{province_unit}" in template:
        return f" {kind} {province}" if province else None
    if "{province_unit_only}" in template:
        if not province:
            return None
        return (" " + province) if folded_name.endswith("tỉnh") else f" {kind} {province}"
    needed = re.findall(r"\{(\w+)\}", template)
    if any(not values.get(k) for k in needed):
        return None
    return template.format(**values)


# --- legal bases and references -----------------------------------------------------------------


def _relation_at(text: str, pos: int) -> tuple[str, int] | None:
    for verb, canonical in grammar()["relations"]:
        if text.startswith(verb, pos) or text.startswith(verb.lower(), pos):
            after = pos + len(verb)
            if after >= len(text) or not text[after].isalnum():
                return canonical, after
    return None


def _basis_paragraphs(parsed: Parsed) -> list[tuple[Region, str | None]]:
    """Preamble paragraphs (and bullets of a "CĂN CỨ PHÁP LÝ" section), with a default relation."""
    g = grammar()
    out: list[tuple[Region, str | None]] = []
    starts = resources.load("structure")["preamble_starts"]
    current: Region | None = None
    for ln in parsed.preamble:
        c = ln.content
        if not c:
            continue
        # a line that does not end its sentence goes on in the next, unless that one opens a basis of
        # its own (a crawl that broke the preamble's lines: "… phê duyệt Chiến lược dữ" / "liệu …; Quyết định 1229/…")
        if current is not None and not re.search(r"[;.:!?]\W*$", parsed.text[current.start : current.end]) and not c.startswith(tuple(starts)):
            current = Region(current.start, ln.end)
            out[-1] = (current, None)
            continue
        current = None
        if not any(c.lower().startswith(p) for p in g["proposals"]) and not g["attachment_note"].match(c):
            current = Region(ln.start, ln.end)
            out.append((current, None))
    for node in parsed.nodes():
        if node.kind in ("dash", "plus") or fold(node.heading.text(parsed.text)).rstrip(":.") not in g["basis_headings"]:
            continue
        for ln in parsed.lines_in(Region(node.heading.end, node.end)):
            if ln.content:
                out.append((Region(ln.start, ln.end), "căn cứ"))
    return out


def _last_relation(text: str) -> str | None:
    """The last relation verb in ``text`` ("Tiếp tục đẩy mạnh thực hiện có hiệu quả" → "thực hiện")."""
    best = None
    for verb, canonical in grammar()["relations"]:
        for m in re.finditer(r"(?<!\w)" + re.escape(verb) + r"(?!\w)", text, re.I):
            if best is None or m.end() > best[0] or (m.end() == best[0] and len(verb) > best[2]):
                best = (m.end(), canonical, len(verb))
    return best[1] if best else None


def legal_bases(parsed: Parsed, plan: Issuer | None, own_number: str | None) -> tuple[list[LegalBasis], list[Citation]]:
    text = parsed.text
    g = grammar()
    bases: list[LegalBasis] = []
    seen: set[tuple[str, str]] = set()
    inferred: list[Citation] = []
    listed_after: str | None = None  # the relation of a basis paragraph that ends with ";" (and where it ends)
    listed_end = 0
    for region, default_relation in _basis_paragraphs(parsed):
        cites = [c for c in find_citations(text, region.start, region.end) if not _is_self(c, own_number)]
        own = g["own_issuing_clause"].search(text, region.start, region.end)
        if own:  # "…, UBND tỉnh ban hành Kế hoạch triển khai thi hành Luật Đường bộ … như sau:": the plan's subject
            cites = [c for c in cites if c.start < own.start()]
        if not cites:
            listed_after = None
            continue
        relation = _last_relation(text[region.start : cites[0].start]) or default_relation
        if relation is None and listed_after is not None and re.fullmatch(r"[\s*_]*", text[listed_end : region.start]) \
                and re.match(r"\W*$", text[region.start : cites[0].start]):
            relation = listed_after  # the next of a list of bases cut at its ";" ("Căn cứ Nghị định …;" / "Nghị định số 146/…")
        listed_after, listed_end = (relation if re.search(r";\W*$", text[region.start : region.end]) else None), region.end
        if relation is None:
            continue  # a preamble sentence that cites without a relation verb ("Để …", "Nhằm …")
        top: list[tuple[Citation, str]] = []
        for c in cites:
            left = text[region.start : c.start]
            if g["proposal_clause"].search(left[-200:]) and not c.listed:
                continue  # named as a proposal: a reference, not a basis
            new_rel = _relation_before(left)
            first = g["issuer_first"].search(left)
            if top and not (new_rel or first or g["separators"].search(left) or c.listed):
                continue  # nested in the subject of a top-level citation
            if new_rel and top:
                relation = new_rel
            if first and not c.issuer_raw:
                c.issuer_raw = collapse(first.group("issuer"))
            top.append((c, relation))
        for i, (c, relation) in enumerate(top):
            if c.key in seen:  # cited again in a later sentence of the preamble: one basis
                continue
            seen.add(c.key)
            limit = top[i + 1][0].start if i + 1 < len(top) else region.end
            subj = _subject(text, c.end, limit)
            c.cites = [x for x in c.cites if x]
            if subj:
                c.subject, c.subject_span = subj[0], (subj[1], subj[2])
                inner = [x for x in cites if subj[1] <= x.start < subj[2] and x is not c]
                c.cites = list(dict.fromkeys([x.number or x.title for x in inner]))
            end = c.subject_span[1] if c.subject_span else c.end
            issuer = resolve_issuer(c.issuer_raw, plan) or _issuer_from_code(c)
            if issuer and not c.issuer_raw:
                inferred.append(c)
            bases.append(
                LegalBasis(
                    relation=relation,
                    doc_type=c.doc_type,
                    number=c.number,
                    date=c.date,
                    title=c.title,
                    issuer=issuer,
                    issuer_raw=c.issuer_raw,
                    subject=c.subject,
                    cites=c.cites,
                    span=span_of(parsed.doc, c.start, end),
                )
            )
    return bases, inferred


def _issuer_from_code(c: Citation) -> str | None:
    """The issuer a number's issuer code names unambiguously ("87/2014/QH13" → Quốc hội)."""
    if not c.number:
        return None
    code = _issuer_code(c.number)
    for pattern, name in grammar()["issuer_codes"]:
        if pattern.match(code):
            return name
    return None


def _relation_before(left: str) -> str | None:
    """A relation verb right before a citation, after a separator: "…; Thực hiện Quyết định …"."""
    for verb, canonical in grammar()["relations"]:
        if re.search(r"(?:^|[;,.]\s*(?:và\s+)?|\bvà\s+)" + re.escape(verb) + r"\s*$", left, re.I):
            return canonical
    return None


def _is_self(c: Citation, own_number: str | None) -> bool:
    return bool(own_number and c.number and fold(c.number) == fold(own_number))


def references(parsed: Parsed, plan: Issuer | None, own_number: str | None) -> list[Reference]:
    refs: dict[tuple[str, str], Reference] = {}
    for c in find_citations(parsed.text):
        if _is_self(c, own_number):
            continue
        known = refs.get(c.key)
        # one reference per document, read from its fullest mention (a date, an issuer), so that every
        # value stays within the words its span points at
        if known is not None and (bool(c.date) + bool(c.issuer_raw)) <= (bool(known.date) + bool(known.issuer_raw)):
            continue
        refs[c.key] = Reference(
            doc_type=c.doc_type,
            number=c.number,
            date=c.date,
            title=c.title,
            issuer=resolve_issuer(c.issuer_raw, plan),
            issuer_raw=c.issuer_raw,
            span=span_of(parsed.doc, c.start, c.end),
        )
    return list(refs.values())


def check_type_codes(items: list[Reference | LegalBasis], part: Part) -> None:
    """A number whose type code is not the cited type's ("Kế hoạch số 12/QĐ-UBND") is flagged."""
    codes = grammar()["codes"]
    for item in items:
        code = codes.get(fold(item.doc_type))
        if not code or not item.number:
            continue
        m = re.match(r"^\d+(?:/\d{4})?/([^-/]+)|^\d+-([^/]+)/", item.number)
        found = (m.group(1) or m.group(2)) if m else None
        if found and "-" not in item.number.split("/")[-1] and any(p.match(found) for p, _ in grammar()["issuer_codes"]):
            continue  # "203/2025/QH15", "12/CP": an issuer's code stands where a type code would, the type unwritten
        if found and not fold(found).startswith(fold(code)) and not fold(code).startswith(fold(found)):
            part.warn(
                "citation_type_code_mismatch",
                f"{item.doc_type} {item.number}: the number's type code {found} is not {code}",
                item.span,
            )


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    plan: Issuer | None = prior.get("issuer")
    number = prior.get("number")
    own = number.raw if number is not None and number.number else None
    bases, inferred = legal_bases(parsed, plan, own)
    for c in inferred:
        part.warn(
            "citation_issuer_from_code",
            f"{c.doc_type} {c.number} names no issuer; {_issuer_from_code(c)} is read from its issuer code",
            span_of(parsed.doc, c.start, c.end),
        )
    refs = references(parsed, plan, own)
    check_type_codes(refs, part)
    respelled = {(i.span.start, i.span.end): i for i in [*bases, *refs] if i.title and i.span}  # a law cited as a basis is a reference too
    for item in respelled.values():  # a title matched to laws.yaml across a misread mark
        if fold(item.title) not in fold(parsed.text[item.span.start : item.span.end]):
            part.warn("citation_title_respelled", f"\"{parsed.text[item.span.start : item.span.end][:80]}\" is read as the known title \"{item.title}\"", item.span)
    part.fields.update(legal_bases=bases, references=refs)
    return part
