"""The issuing body: from the header block, or inferred (with a warning) when the header is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import nlp, resources
from ..gazetteer import gazetteer
from ..record import Issuer
from ..structure import Parsed, authority_line, begins_with_body
from ..textnorm import collapse, fold, is_syllable, strip_accents
from .base import Part, span_of
from .header import issuing_sentence, reported_plan

_UNIT = re.compile(r"(?i)^(tỉnh|thành phố|tp\.?|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)(?:\s+|$)")


@dataclass
class Body:
    """A body name made canonical, with what it says about level and place."""

    name: str
    level: str | None
    unit: str | None = None  # "tỉnh", "huyện" …
    place: str | None = None  # "Bắc Kạn"
    local: bool = False


@cache
def _abbreviations() -> list[tuple[re.Pattern[str], str]]:
    table = resources.load("abbreviations")
    return [
        # "TP." stands before the name with or without a space; other keys are whole words
        (re.compile(rf"(?<![\w&]){re.escape(k)}\s*") if k.endswith(".") else re.compile(rf"(?<![\w&]){re.escape(k)}(?![\w&])"),
         v["expands"] + " " if k.endswith(".") else v["expands"])
        for k, v in sorted(table.items(), key=lambda kv: len(kv[0]), reverse=True)
    ]


def expand_abbreviations(text: str) -> str:
    for pattern, full in _abbreviations():
        text = pattern.sub(full, text)
    return text


@cache
def _ambiguous() -> list[tuple[re.Pattern[str], list[str]]]:
    """Abbreviations with other readings ("TT&TT": Thông tin và Truyền thông, or Thể thao và Truyền thông)."""
    table = resources.load("abbreviations")
    return [(re.compile(rf"(?<![\w&]){re.escape(k)}(?![\w&])"), v["also"]) for k, v in table.items() if v.get("also")]


def other_readings(text: str) -> list[str]:
    """The text with each ambiguous abbreviation read its other ways (the usual reading excluded)."""
    out = []
    for pattern, alternatives in _ambiguous():
        if pattern.search(text):
            out += [expand_abbreviations(pattern.sub(alt, text)) for alt in alternatives]
    return out


def _casing(word_group: str) -> str:
    """Spell an unknown body name in sentence case when it is written in capitals; codes with digits
    ("1050/QĐ-SCT") keep their capitals. A name written in mixed case ("Ủy ban Mặt trận Tổ quốc
    Việt Nam") is kept as written: its capitals are the names inside it."""
    if word_group != word_group.upper():  # mixed case: only the syllables written in capitals are lowered
        kept = " ".join(w.lower() if w.isupper() and len(w) > 1 and is_syllable(w) else w for w in word_group.split(" "))
        return kept[:1].upper() + kept[1:]
    words = [w if re.search(r"\d", w) else w.lower() for w in word_group.split(" ")]
    low = " ".join(words)
    return low[:1].upper() + low[1:]


@cache
def _proper_name_kinds() -> list[str]:
    return sorted(resources.load("issuers")["proper_name_kinds"], key=len, reverse=True)


def _proper_casing(words: str) -> str:
    """A unit's kind as the table spells it, then its proper name, each word capitalised when the
    header writes it in capitals ("THPT BA GIA" → "THPT Ba Gia")."""
    kind = next((k for k in _proper_name_kinds() if fold(words).startswith(fold(k)) and (len(words) == len(k) or not words[len(k)].isalnum())), None)
    rest = words[len(kind):].strip() if kind else words
    if rest == rest.upper():
        rest = " ".join(w if re.search(r"\d", w) else w[:1] + w[1:].lower() for w in rest.split())
    return f"{kind} {rest}".strip() if kind else rest


def _continuation(words: str) -> str:
    """Words after a known body, lower case: "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH SỐ 1050/QĐ-SCT" →
    "theo Quyết định số 1050/QĐ-SCT" (a document named by its number keeps its capital)."""
    low = " ".join(w if re.search(r"\d", w) else w.lower() for w in words.split(" "))
    return _cited_by_number().sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:], low)


@cache
def _cited_by_number() -> re.Pattern[str]:
    """A document type name, lower case, before "số": "quyết định số …"."""
    names = sorted({d["name"] for d in resources.load("doc_types")}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n.lower()) for n in names) + r")(?=\s+số\b)")


@cache
def _bodies_folded() -> list[tuple[dict, str]]:
    """issuers.yaml's bodies with their folded patterns."""
    return [(entry, fold(entry["pattern"])) for entry in resources.load("issuers")["bodies"]]


@cache
def _bodies_bare() -> list[tuple[dict, list[str]]]:
    """issuers.yaml's bodies of eight letters or more, their pattern's words without marks (OCR's misreadings)."""
    return [(entry, strip_accents(pattern).split()) for entry, pattern in _bodies_folded() if len(pattern) >= 8]


def _respaced_head(t: str) -> str:
    """A body's name whose words a copy glued ("ỦY BAN NHÂNDÂN TỈNH X") with its spaces back, when the
    glued words are a known body's name of eight letters or more; any other text as it is."""
    folded = fold(t)
    if len(folded) != len(t) or any(folded.startswith(p) for _, p in _bodies_folded()):
        return t
    for entry, pattern in _bodies_folded():
        want = pattern.replace(" ", "")
        if len(want) < 8:
            continue
        i = k = 0
        while i < len(t) and k < len(want) and (folded[i] == " " or folded[i] == want[k]):
            k += folded[i] != " "
            i += 1
        if k == len(want) and (i == len(t) or not t[i].isalnum()):
            head = entry["pattern"].upper() if t[:i].isupper() else entry["pattern"]
            return head + t[i:]
    return t


def restore_lost_initial(text: str) -> str | None:
    """A body's name that lost its first letter ("Y BAN NHÂN DÂN TỈNH ĐẮK LẮK", a copy whose styled
    initial was dropped) with that letter back, when the rest begins a known body's name (of eight
    letters or more: a short one, "Bộ", "Sở", would match too much). "Ỷ BAN …" is "UỶ BAN …" (the old placement
    of the mark, on the y) that lost its "U"."""
    text = collapse(text)
    if text[:1] in "Ỷỷ":
        text = ("Y" if text[0] == "Ỷ" else "y") + text[1:]
    folded = fold(text)
    for entry, pattern in _bodies_folded():
        if len(pattern) < 8 or folded.startswith(pattern):
            continue
        if folded.startswith(pattern[1:]) and (len(folded) == len(pattern) - 1 or not folded[len(pattern) - 1].isalnum()):
            first = entry["pattern"][0]
            whole = (first.upper() if text.strip()[:1].isupper() else first) + text.strip()
            # the block's next line may have lost its first letter too ("Y BAN NHÂN DÂN" / "HÀNH PHỐ HỒ CHÍ MINH")
            head = collapse(whole)[: len(entry["pattern"].rstrip())]
            place = gazetteer().restore_unit_initial(collapse(whole)[len(head) :])
            return f"{head} {place}" if place else whole
    # a short head ("Bộ", "Sở") that lost its letter before a field a department is named for ("Ộ Y TẾ",
    # "Ộ GIÁO DỤC VÀ ĐÀO TẠO"): the field makes it a body's name
    m = re.match(r"(?i)(ộ|ở)\s+(.+)$", text.strip())
    if m and _department_field(m.group(2)):
        return ("B" if m.group(1) in "Ộộ" else "S") + text.strip()
    return None


def misread_head(text: str) -> str | None:
    """A body's name whose head OCR misread in a mark or a stray comma ("ỦY, BAN NHÂN DÂN", "ỦY BẠN NHÂN DÂN"):
    the known head (of eight letters or more) back when the words are the same without marks and punctuation.
    None when the text begins a known head as written, or no head so."""
    text = collapse(text)
    folded = fold(text)
    if any(folded.startswith(p) for _, p in _bodies_folded()):
        return None
    words = [(m.start(), m.end(), strip_accents(m.group().lower())) for m in re.finditer(r"[^\W\d_]+", text)]
    for entry, want in _bodies_bare():
        if len(words) < len(want) or [w for _, _, w in words[: len(want)]] != want:
            continue
        head = entry["pattern"].rstrip()
        return (head.upper() if text[: words[len(want) - 1][1]].isupper() else head) + text[words[len(want) - 1][1] :]
    return None


def _department_field(rest: str) -> bool:
    """The words a department is named for ("Y tế", "Giáo dục và Đào tạo": agencies.yaml's departments after
    their head), the whole of `rest` or followed by a place."""
    folded = fold(rest)
    return any(folded == f or folded.startswith(f + " ") and _UNIT.match(folded[len(f) + 1 :]) for f in _department_fields())


@cache
def _department_fields() -> frozenset[str]:
    return frozenset(fold(d.split(" ", 1)[1]) for d in resources.load("agencies")["departments"] if " " in d)


def canonical_body(text: str) -> Body:
    """"ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" → Body("Ủy ban nhân dân tỉnh Bắc Kạn", "province", "tỉnh", "Bắc Kạn")."""
    body = _canonical_body(text)
    if body.level in (None, "other", "department") and not body.place and _central().search(body.name) and not _local_unit(body.name):
        # "Ban Chỉ đạo liên ngành trung ương về …", "Ban Tuyên giáo Trung ương": a body of the centre (the latter the Party's)
        level = "party" if _party_commission().match(fold(body.name)) else "central"
        body = Body(name=body.name, level=level, unit=body.unit, place=body.place, local=False)
    return body


def _local_unit(name: str) -> bool:
    """The name holds a local unit's word before a name ("… tỉnh Lào Cai", "… huyện X"): a local body."""
    from ..normalize import unit_words

    return bool(re.search(rf"(?i)(?<!\w)(?:{unit_words()})\s+\w", name))


@cache
def _party_commission() -> re.Pattern[str]:
    names = "|".join(re.escape(fold(c)) for c in resources.load("issuers")["party_commissions"])
    return re.compile(rf"(?:ban|ủy ban) (?:{names}) trung ương(?: đảng)?$")


@cache
def _central() -> re.Pattern[str]:
    return re.compile(resources.load("issuers")["central_marker"], re.I)


def _canonical_body(text: str) -> Body:
    t = _respaced_head(collapse(expand_abbreviations(collapse(text))))
    folded = fold(t)
    for entry, pattern in _bodies_folded():
        if not folded.startswith(pattern) and pattern.strip() != folded:
            continue
        proper, proper_len = _proper_prefix(t)
        head = proper or entry["name"]
        head_len = proper_len if proper else len(entry["pattern"].rstrip())
        rest = t[head_len:].strip()
        of_body = _committee_of_body(head, rest) if entry["level"] == "party" else None
        if of_body is not None:  # "Ban Thường vụ Đảng ủy UBND tỉnh Lào Cai": the party committee of a body
            return of_body
        party = _party_committee(rest) if not proper and entry.get("named") else None
        if party:  # "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Thọ": a body of a party committee
            own, committee, where = party
            place = gazetteer().spell(where) or (where.title() if where else None)
            name = f"{entry['name']} {_casing(own)} {committee}" + (f" {place}" if place else "")
            return Body(name=collapse(name), level="party", unit=None, place=place, local=True)
        if not proper and entry.get("named"):
            # an unknown department: keep its words, in sentence case, up to a locality
            unit_at = re.search(r"(?i)\s(tỉnh|thành phố|huyện|thị xã|quận)\s", " " + rest + " ")
            own = rest[: unit_at.start()].strip() if unit_at else rest
            if not unit_at and entry.get("local"):  # "Phòng GD&ĐT ĐAM RÔNG": a place without its unit word
                words = own.split()
                k = next((k for k in (3, 2) if len(words) - k >= 2 and gazetteer().spell(" ".join(words[-k:]))), 0)
                own = " ".join(words[: len(words) - k]) if k else own
            rest = rest[len(own) :].strip()
            head = entry["name"] + (" " + (_proper_casing(own) if entry.get("proper") else _casing(own)) if own else "")
        unit, place = _unit_place(rest)
        if not unit and rest and entry.get("local") and gazetteer().spell(rest):
            place = gazetteer().spell(rest)  # "Huyện ủy Tuy Phước": a place without its unit word
            rest = place
        level = entry["level"]
        if level == "by_unit":
            u, p = unit, place
            if u is None:  # the unit after the body's own words ("Ban Chỉ đạo vận động hiến máu … tỉnh")
                units = "|".join(re.escape(r["prefix"]) for r in resources.load("admin_units"))  # the unit words are data
                inner = re.search(rf"(?i)(?:^|\s)(?=(?:{units})(?:\s|$))", rest)
                if inner:
                    u, p = _unit_place(rest[inner.end() :])
            level = _unit_level(u, p)
        name = head + (f" {unit} {place}" if unit and place else (f" {rest if rest == place else _continuation(rest)}" if rest and not unit else ""))
        return Body(name=name.strip(), level=level, unit=unit, place=place, local=bool(entry.get("local")))
    unit, place = _unit_place(t)
    return Body(name=_casing(t), level="other", unit=unit, place=place)


def _loose(text: str) -> str:
    """A name's words without its joiners: "Bộ Tài nguyên Môi trường" is "Bộ Tài nguyên và Môi trường",
    "Sở Lao động Thương binh và Xã hội" is "Sở Lao động - Thương binh và Xã hội"."""
    return " ".join(w for w in re.split(r"[\s,&-]+", fold(text)) if w and w != "và")


@cache
def _proper_names_loose() -> list[tuple[str, str]]:
    names = sorted(resources.load("issuers")["proper_names"], key=len, reverse=True)
    return [(p, _loose(p)) for p in names]


def _proper_prefix(text: str) -> tuple[str | None, int]:
    """The department's or ministry's canonical name that ``text`` begins with, written with or
    without its joiners, and the length of ``text`` it covers."""
    loose = _loose(text)
    for proper, key in _proper_names_loose():
        if loose == key or loose.startswith(key + " "):
            n = len(key.split())
            words = [m for m in re.finditer(r"[^\s,&-]+", text) if fold(m.group()) != "và"]
            return proper, words[n - 1].end()
    return None, 0


def _committee_of_body(head: str, rest: str) -> Body | None:
    """The party committee of a body ("Đảng ủy Ủy ban nhân dân tỉnh Lào Cai", "Ban Thường vụ Đảng ủy
    UBND tỉnh …"): the committee's words, then the body's canonical name; at the party level, in the
    body's place. None when no body follows the committee."""
    committees = resources.load("issuers")["party_committees"]
    words = rest
    if fold(head) not in {fold(c) for c in committees}:  # "Ban Thường vụ" + "Đảng ủy …"
        lead = next((c for c in committees if fold(rest).startswith(fold(c) + " ")), None)
        if lead is None:
            return None
        head, words = f"{head} {lead}", rest[len(lead) :].strip()
    if not words or not begins_with_body(fold(words)) or _UNIT.match(words):
        return None  # "Đảng ủy xã Tân Lập" is a commune's committee, not a body's
    body = canonical_body(words)
    name = f"{head} {body.name}" + (f" {body.unit}" if body.unit and not body.place else "")  # "… UBND tỉnh": its place from context
    return Body(name=name, level="party", unit=body.unit, place=body.place, local=True)


def _party_committee(rest: str) -> tuple[str, str, str] | None:
    """(the body's own words, the committee as spelled in issuers.yaml, its place) when the words after a
    body's head name a party committee: "Tuyên giáo và Dân vận tỉnh Ủy Phú Thọ"."""
    committees = resources.load("issuers")["party_committees"]
    folded = fold(rest)
    if len(folded) != len(rest):
        return None
    m = re.search(r"\s(" + "|".join(re.escape(fold(c)) for c in committees) + r")(?:\s+|$)", " " + folded)
    if not m or m.start() == 0:
        return None
    committee = next(c for c in committees if fold(c) == m.group(1))
    return rest[: m.start()].strip(), committee, rest[m.end() - 1 :].strip(" ,.;")


def _unit_place(rest: str) -> tuple[str | None, str | None]:
    m = _UNIT.match(rest)
    if m:
        unit, end = m.group(1).lower(), m.end()
    else:  # a unit word whose tone marks OCR lost ("THÀNH PHÔ HỒ CHÍ MINH", "TINH LÀO CAI") before a place the gazetteer knows
        unit = gazetteer().unit_without_marks(rest)
        if unit is None:
            return None, None
        end = len(unit) + 1
    unit = "thành phố" if unit.startswith("tp") else unit
    place_text = rest[end:].strip(" ,.;")
    if not place_text:
        return unit, None
    spelled = (gazetteer().spell(place_text) or gazetteer().spell_without_marks(place_text)  # (OCR that lost the tones: "QUANG NGAI")
               or " ".join(w[:1].upper() + w[1:].lower() for w in place_text.split()))
    return unit, spelled


def _unit_level(unit: str | None, place: str | None) -> str | None:
    if unit is None:
        return None
    if unit == "thành phố":
        return "province" if place and gazetteer().is_province_city(place) else "district"
    for row in resources.load("admin_units"):
        if row["prefix"] == unit:
            return row["level"]
    return None


def _split_bodies(lines: list[str]) -> list[str]:
    """Header issuer lines → bodies: "UBND TỈNH LÀO CAI / SỞ CÔNG THƯƠNG" is a parent and a body,
    "ỦY BAN NHÂN DÂN / TỈNH BẮC KẠN" is one body on two lines."""
    starts = [fold(s) for s in resources.load("issuers")["sub_body_starts"]]
    bodies: list[str] = []
    for line in _split_in_line(lines, starts):
        fl = fold(expand_abbreviations(line))
        if bodies and any(fl.startswith(s + " ") or fl == s for s in starts) and _complete(bodies[-1]):
            bodies.append(line)
        elif bodies:
            bodies[-1] = bodies[-1] + " " + line
        else:
            bodies.append(line)
    return bodies


def _split_in_line(lines: list[str], starts: list[str]) -> list[str]:
    """A web page or a table cell may give the parent and the body on one line ("ỦY BAN MTTQ VIỆT NAM
    XÃ LƯƠNG MINH BAN THƯỜNG TRỰC"): split it where a complete body is followed by a sub-body."""
    if len(lines) != 1:
        return lines
    words = lines[0].split()
    for k in range(2, len(words)):
        rest = fold(expand_abbreviations(" ".join(words[k:])))
        if (any(rest.startswith(s + " ") or rest == s for s in starts) and _complete(" ".join(words[:k]))
                and not nlp.is_one_word(f"{words[k - 1]} {words[k]}")):  # "MÔI TRƯỜNG", "THỊ TRƯỜNG": no body starts inside a word
            return [" ".join(words[:k]), " ".join(words[k:])]
    return lines


def _names_a_body(text: str) -> bool:
    return begins_with_body(fold(expand_abbreviations(collapse(text))))


def _complete(body_text: str) -> bool:
    b = canonical_body(body_text)
    # a place, a central body, or a named department ("SỞ CÔNG THƯƠNG" above "ĐOÀN KIỂM TRA")
    return bool(b.place) or b.level in ("central", "ministry") or (b.level == "department" and len(b.name.split()) >= 2)


def locate(body: Body, text: str) -> tuple[str | None, str | None, list[str]]:
    """Province and district of a body, and notes when the gazetteer had to choose."""
    gaz = gazetteer()
    notes: list[str] = []
    if not body.place:
        return None, None, notes
    if body.unit in ("tỉnh",) or (body.unit == "thành phố" and gaz.is_province_city(body.place)):
        return gaz.province(body.place), None, notes
    if body.unit is None and gaz.province(body.place):  # "Sở GD-ĐT Quảng Ngãi": a province's name without its unit word
        return gaz.province(body.place), None, notes
    if body.unit is None:  # "Phòng GD&ĐT Đam Rông": a district's, when only one province has it
        provinces = sorted({d.province for d in gaz.districts_named(body.place)})
        if len(provinces) == 1:
            return provinces[0], body.place, notes
    if body.unit in ("huyện", "thị xã", "quận", "thành phố"):
        candidates = [d for d in gaz.districts_named(body.place) if not body.unit or d.prefix == body.unit] or gaz.districts_named(body.place)
        provinces = sorted({d.province for d in candidates})
        if len(provinces) == 1:
            return provinces[0], body.place, notes
        if provinces:
            counts = {p: len(re.findall(rf"(?i)\b{re.escape(p)}\b", text)) for p in provinces}
            best = max(counts, key=counts.get)
            if counts[best] > 0 and list(counts.values()).count(counts[best]) == 1:
                notes.append(f"district {body.place} exists in {', '.join(provinces)}; chose {best}, named in the text")
                return best, body.place, notes
            notes.append(f"district {body.place} exists in {', '.join(provinces)}; the text does not say which")
        return None, body.place, notes
    return None, None, notes


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    doc, text = parsed.doc, parsed.text
    cells = []
    for c in parsed.header_cells:  # the issuer's lines stand above the number line
        if c.kind == "number" and cells:
            break
        if c.kind == "issuer":
            cells.append(c)
    # lines above the first body's name (a page's banner) are not the issuer, unless they begin
    # that name ("ỦY" / "BAN NHÂN DÂN TỈNH …")
    first = next((i for i, c in enumerate(cells) if _names_a_body(c.content)), 0)
    joined = " ".join(c.content for c in cells[: first + 1])
    if first and not _names_a_body(joined) and not restore_lost_initial(joined):  # ("Y" / "BAN NHÂN DÂN …": a lost "Ủ")
        cells = cells[first:]
    if cells:
        bodies = _split_bodies([c.content for c in cells])
        for i, body_text in enumerate(bodies):
            restored = restore_lost_initial(body_text)
            if restored:  # a copy that dropped a line's first letter: "Y BAN NHÂN DÂN"
                part.warn("issuer_initial_restored", f"the issuer's line \"{body_text[:40]}\" lost its first letter: read as \"{restored[:40]}\"",
                          span_of(doc, cells[0].start, cells[-1].end))
                bodies[i] = restored
            elif repaired := misread_head(body_text):  # OCR that misread a mark or read a comma: "ỦY, BAN NHÂN DÂN"
                part.warn("issuer_misread_repaired", f"the issuer's line \"{body_text[:40]}\" is read as \"{repaired[:40]}\" "
                          "(the same words without marks and punctuation)", span_of(doc, cells[0].start, cells[-1].end))
                bodies[i] = repaired
        main = canonical_body(bodies[-1])
        written = fold(" ".join(bodies))
        if main.place and fold(main.place) not in written and strip_accents(fold(main.place)) in strip_accents(written):
            part.warn("issuer_misread_repaired", f"the issuer's place in \"{collapse(bodies[-1])[:60]}\" is read as {main.place} "
                      "(the one place of those letters without marks)", span_of(doc, cells[0].start, cells[-1].end))
        parent = canonical_body(bodies[-2]) if len(bodies) > 1 else None
        if parent and fold(main.name) in {fold(u) for u in resources.load("issuers")["attached_units"]}:
            main = Body(f"{main.name} {parent.name}", parent.level, parent.unit, parent.place, parent.local)
        issued = prior.get("issued")
        if parent is None and main.local and not main.place and issued and issued.place:
            # a copy that lost the issuer's second line ("ỦY BAN NHÂN DÂN" / "TỈNH BẾN TRE"): the place line says where
            placed = _with_place(main, issued.place)
            if placed and placed.place:
                part.warn("issuer_place_from_place_line", f"the header names \"{main.name}\" without its place; {placed.name!r} is read with the place line \"{issued.place}\"", issued.span)
                main = placed
        if parent and main.local and not main.place and parent.place:
            main = Body(f"{main.name} {parent.unit} {parent.place}", main.level, parent.unit, parent.place, True)
        span = span_of(doc, cells[0].start, cells[-1].end)
        ref = main if main.place else parent or main
        province, district, notes = locate(ref, text)
        for note in notes:
            part.warn("issuer_place_ambiguous", note, span)
        issuer = Issuer(
            name=main.name,
            parent=parent.name if parent else None,
            level=main.level,
            province=province,
            district=district if main.level in ("district", "commune") or (parent and parent.level == "district") else None,
            province_2025=gazetteer().province_2025(province),
            span=span,
        )
    else:
        issuer = _infer(parsed, prior, part)
    issued = prior.get("issued")
    if issuer.name and not issuer.province and issuer.level not in ("central", "ministry") and issued and gazetteer().province(issued.place or ""):
        province = gazetteer().province(issued.place)
        issuer = issuer.model_copy(update={"province": province, "province_2025": gazetteer().province_2025(province)})
        part.warn("issuer_province_from_place", f"the issuer names no province; {province} is read from the place line", issued.span)
    elif issuer.name and not issuer.province and issuer.level not in ("central", "ministry") and issued and issued.place:
        # "Sơn Tịnh, ngày …", "Buôn Ma Thuột, ngày …": the place line names a district or a provincial city
        provinces = sorted({d.province for d in gazetteer().districts_named(issued.place)})
        if len(provinces) == 1:
            province = provinces[0]
            issuer = issuer.model_copy(update={"province": province, "province_2025": gazetteer().province_2025(province)})
            part.warn("issuer_province_from_place", f"the issuer names no province; the place line names {issued.place}, which is in {province}", issued.span)
    if issuer.name and not issuer.province and issuer.level == "commune":
        # "UBND phường Bích Đào" names no province: the gazetteer knows one commune of that name
        body = canonical_body(issuer.name)
        provinces = sorted({p for _, p in gazetteer().communes_named(body.unit or "", body.place or "")})
        if len(provinces) == 1:
            province = provinces[0]
            issuer = issuer.model_copy(update={"province": province, "province_2025": gazetteer().province_2025(province)})
            part.warn("issuer_province_from_commune", f"the issuer names no province; the only {body.unit} {body.place} the gazetteer knows is in {province}", issuer.span)
    if issuer.name and not issuer.province and issuer.level in ("district", "commune"):
        # a plan's preamble; a news page's whole text (its site names the city: "Cổng tin tức Thành phố Hải Phòng")
        news = prior.get("genre") == "news_report"
        province = _only_province_cited(parsed.lines if news else parsed.preamble)
        if province:
            issuer = issuer.model_copy(update={"province": province, "province_2025": gazetteer().province_2025(province)})
            where = "the page" if news else "its preamble"
            part.warn("issuer_province_from_citations", f"the issuer's place is not in the gazetteer; {province}, the only province {where} names, is taken for it", issuer.span)
    if issuer.name and issuer.province:
        issuer = _placed_by_province(issuer, part)
    if issuer.name and issuer.province and not issuer.district:
        issuer = _district_of(issuer, issued, part)
    part.fields["issuer"] = issuer
    return part


def _placed_by_province(issuer: Issuer, part: Part) -> Issuer:
    """A body named with its unit but not its place ("Ban Chỉ đạo … thành phố", "Sở Y tế tỉnh"), whose
    province was read elsewhere: the province is the place when the unit is a province's ("tỉnh", or
    "thành phố" for a centrally-run city). Warned."""
    units = [r["prefix"] for r in resources.load("admin_units") if r["level"] == "province"] + ["thành phố"]
    unit = re.search(r"\s(" + "|".join(map(re.escape, units)) + r")$", issuer.name)
    if not unit or (unit.group(1) == "thành phố" and not gazetteer().is_province_city(issuer.province)):
        return issuer
    name = f"{issuer.name} {issuer.province}"
    part.warn("issuer_place_completed", f"the issuer \"{issuer.name}\" names its unit without a place; completed with its province, {issuer.province}", issuer.span)
    return issuer.model_copy(update={"name": name, "level": "province" if issuer.level in ("district", None) else issuer.level})


def _district_of(issuer: Issuer, issued: Any, part: Part) -> Issuer:
    """The district of a school or hospital that its name does not give: the district its place line
    names ("Sơn Tịnh, ngày …"), in the issuer's province. Warned. (A commune's district is not looked
    up: the gazetteer's districts are those of 2025, and a commune's district has changed with the
    mergers: phường Bích Đào was in thành phố Ninh Bình in 2020, in Hoa Lư in the gazetteer.)"""
    gaz = gazetteer()
    if issuer.level == "other" and issued is not None and issued.place:
        districts = sorted({d.name for d in gaz.districts_named(issued.place) if d.province == issuer.province})
        if len(districts) == 1:
            part.warn("issuer_district_from_place", f"the issuer names no district; the place line names {issued.place}, a district of {issuer.province}", issued.span)
            return issuer.model_copy(update={"district": districts[0]})
    return issuer


_PROVINCE_NAMED = re.compile(r"(?<!\w)(?:tỉnh|thành phố|Tỉnh|Thành phố|TP\.?)\s+((?:[A-ZĐÀ-Ỹ][\w]*)(?:\s*-\s*[A-ZĐÀ-Ỹ][\w]*|\s+[A-ZĐÀ-Ỹ][\w]*){0,3})")


def _only_province_cited(lines: list) -> str | None:
    """A commune's plan names its province in the documents it is based on ("… Ủy ban MTTQ Việt Nam
    tỉnh Quảng Ninh"): the province when these lines (its preamble) name exactly one."""
    gaz = gazetteer()
    found = set()
    for ln in lines:
        for m in _PROVINCE_NAMED.finditer(ln.content):
            words = m.group(1).split()
            for n in range(len(words), 0, -1):
                p = gaz.province(" ".join(words[:n]))
                if p:
                    found.add(p)
                    break
    return found.pop() if len(found) == 1 else None


def _with_place(body: Body, place: str) -> Body | None:
    """A local body named without its place ("ỦY BAN NHÂN DÂN", "UBND tỉnh") completed with the place
    of the place-date line, when the gazetteer knows it as a province or a district."""
    gaz = gazetteer()
    unit = body.unit
    if unit is None:
        if gaz.province(place):
            unit = gaz.province_kind.get(gaz.province(place), "tỉnh")
        elif gaz.districts_named(place):
            unit = gaz.districts_named(place)[0].prefix
    if not unit:
        return None
    base = body.name.split(" " + body.unit)[0] if body.unit else body.name
    return canonical_body(f"{base} {unit} {place}")


def _infer(parsed: Parsed, prior: dict[str, Any], part: Part) -> Issuer:
    """No issuer in the header: combine the issuing sentence, the place line and the signature."""
    gaz = gazetteer()
    doc, text = parsed.doc, parsed.text
    issued = prior.get("issued")
    place = issued.place if issued else None
    evidence = []
    sentence = issuing_sentence(parsed)
    body = None
    span = None
    if sentence:
        body = canonical_body(sentence["body"])
        span = span_of(doc, sentence["body_start"], sentence["body_end"])
        evidence.append(f'the sentence "{text[sentence["start"]:sentence["end"]]}"')
    elif prior.get("genre") == "news_report":
        reported = reported_plan(parsed)
        if reported is not None and reported.joint:
            part.warn("issuer_ambiguous", "the report names several bodies together as the plan's authors: no single issuer")
            return Issuer()
        if reported is not None and reported.body:
            body = canonical_body(reported.body)
            span = span_of(doc, *reported.body_span)
            evidence.append(f'the report "{reported.body}"')
    authority = authority_line(parsed) if body is None else None
    if authority is not None:
        words = authority.content.strip("* ")
        head = next((p for p in resources.load("structure")["authority_positions"] if words.startswith(p + " ")), None)
        body = canonical_body(words[len(head) + 1 :] if head else words)
        span = span_of(doc, authority.start, authority.end)
        evidence.append(f'the authority line "{words}"')
    tm = next((ln for ln in parsed.signature_lines if ln.content.upper().startswith("TM.")), None)
    if body is None and tm is not None:
        body = canonical_body(tm.content[3:])
        span = span_of(doc, tm.start, tm.end)
        evidence.append(f'the signature "{tm.content}"')
    if body is None:
        part.warn("issuer_missing", "no issuer in the header, the preamble or the signature")
        return Issuer()
    if not body.place and place:
        placed = _with_place(body, place)
        if placed:
            body = placed
            evidence.append(f'the place line "{place}"')
    province, district, notes = locate(body, text)
    part.warn(
        "header_missing_issuer_inferred",
        f"the header names no issuer; inferred {body.name!r} from " + " and ".join(evidence),
        span,
    )
    for note in notes:
        part.warn("issuer_place_ambiguous", note, span)
    return Issuer(
        name=body.name,
        level=body.level,
        province=province,
        district=district if body.level in ("district", "commune") else None,
        province_2025=gaz.province_2025(province),
        span=span,
    )
