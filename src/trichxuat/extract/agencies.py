"""Public bodies named in plans: recognising a unit, its canonical name, kind and locality."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import resources
from ..record import Issuer
from ..textnorm import collapse, fold, unify_tones
from .issuer import expand_abbreviations, other_readings


@dataclass(frozen=True)
class AgencyName:
    name: str
    kind: str
    locality: str | None


@cache
def _table() -> dict:
    t = resources.load("agencies")
    heads = "|".join(re.escape(h) for h in sorted(t["heads"], key=len, reverse=True))
    return {
        "head_alt": heads,
        "heads": re.compile(r"^(?:" + heads + r")(?!\w)", re.I),
        "not_heads": re.compile(r"^(?:" + "|".join(map(re.escape, t["not_heads"])) + r")\b", re.I),
        "kinds": [(re.compile(k["pattern"]), k["kind"]) for k in t["kinds"]],
        "aliases": {fold(k): v for k, v in t["aliases"].items()},
        "known": {fold(n): n for n in t["departments"]},
        "canonical_names": {fold(n) for n in [*t["departments"], *t["aliases"].values()]},
        "keeps_place": re.compile(r"(?i)^(?:" + "|".join(re.escape(w) for w in t["keeps_place"]) + r")\b"),
        "locality": re.compile(
            r"\s+(?P<unit>(?i:" + "|".join(t["locality_units"]) + r"))(?:\s+(?P<place>[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){0,3}))?$"
        ),
        "requested": re.compile(t["requested"], re.I),
        "addressed": re.compile(t["addressed"], re.I),
        "person": re.compile(
            r"^(?:(?:" + "|".join(map(re.escape, t["honorifics"])) + r")\.?\s+)" + t["person_role"] + r"\s*$"
        ),
        "collective_words": set(t["collective_words"]),
        "collective_inside": re.compile(r"(?i)(?:^|\s)(?:" + "|".join(t["collective_markers"]) + r")\s"),
        "collective_start": re.compile(r"(?i)^(?:" + "|".join(t["collective_markers"]) + r")\s"),
        "collective_lead": re.compile(
            r"(?i)^(?:(?:" + "|".join(t["collective_heads"]) + r")\s+)?(?:" + "|".join(t["collective_markers"]) + r")\s"
        ),
        "verbs": re.compile(r"\s(?=(?:" + "|".join(re.escape(v) for v in t["task_verbs"]) + r")(?!\w))"),
        # a collective closed by "liên quan" and a word in lower case that does not go on with it
        "related_end": re.compile(r"(?P<unit>[^:;.]{3,200}?\s(?:có\s)?liên\squan)\s+(?!(?:" + "|".join(map(re.escape, t["related_goes_on"])) + r")\b)"),
        # a verb in lower case after a unit's name: the predicate of a sentence ("Sở X chịu trách nhiệm …")
        "adverbial_lead_in": re.compile(r"(?:" + "|".join(map(re.escape, t["adverbial_lead_ins"])) + r")\s"),
        "predicate": re.compile(r"\s(?:" + "|".join(re.escape(v.lower()) for v in t["task_verbs"]) + r")(?!\w)"),
        "responsible": re.compile(t["responsible"], re.I),
        "assign": re.compile(t["assign"]),  # "Giao Sở Nội vụ: …": the unit after it is the one assigned
        "name_phrases": [p.lower() for p in t["verb_phrases_in_names"]],
        "role_after_dash": re.compile(t["role_after_dash"], re.I),
        "role_in_parentheses": re.compile(t["role_in_parentheses"], re.I),
        "name_stops": re.compile(r"\s(?:" + "|".join(map(re.escape, t["name_stops"])) + r")(?!\w)"),
        # a head before the body it heads: at the start, or after a list's separator
        "head_of_body": re.compile(
            r"(?:^|(?<=[,;]\s)|(?<=\svà\s))(?P<head>" + "|".join(re.escape(h) for h in sorted(t["heads_of_bodies"], key=len, reverse=True))
            + r")(?:\s+(?=\w)|(?=\s*(?:,|;|\svà\s|$)))", re.I),
        "head_alone": {fold(k): v for k, v in t["head_alone"].items()},
        "qualifiers": [re.compile(q, re.I) for q in t["name_qualifiers"]],
        "listed_head": re.compile(r"(?:các|Các)\s+(?P<head>" + "|".join(map(re.escape, t["listed_heads"])) + r")\s*:\s*(?=[A-ZĐÀ-Ỹ])", re.I),
        "listed_names": {
            fold(h): sorted({n[len(h) + 1 :] for n in [*t["departments"], *resources.load("issuers")["proper_names"]] if n.startswith(h + " ")},
                            key=len, reverse=True)
            for h in t["listed_heads"]},
    }


def _listed(text: str) -> tuple[str, list[str], int] | None:
    """The head, the bodies' own names and where the list ends, of "Các Bộ: Quốc phòng, Công an …"."""
    t = _table()
    lead = t["addressed"].match(text) or t["assign"].match(text)  # "Trách nhiệm của các Sở: Xây dựng, …"
    m = t["listed_head"].match(text, lead.end() if lead else 0)
    if not m:
        return None
    head = m.group("head")[:1].upper() + m.group("head")[1:]
    known = t["listed_names"][fold(head)]
    names, pos = [], m.end()
    while True:
        rest = text[pos:]
        name = next((k for k in known if fold(rest[: len(k)]) == fold(k) and not rest[len(k) : len(k) + 1].isalnum()), None)
        if name is None:  # a body the vocabulary lacks: its words up to the next separator or verb
            own = re.match(r"[A-ZĐÀ-Ỹ][^,;:.()]{0,40}?(?=\s*(?:,|;|\svà\s|$)|" + t["predicate"].pattern + ")", rest)
            if not own or not rest[:1].isupper() or len(own.group().split()) > 5:
                break
            name = own.group()
        names.append(rest[: len(name)])
        pos += len(name)
        sep = re.match(r"\s*(?:,|;|\svà)\s+(?=[A-ZĐÀ-Ỹ])", text[pos:])
        if not sep:
            break
        pos += sep.end()
    return (head, names, pos) if len(names) >= 2 else None


def listed_units(text: str) -> tuple[str, str] | None:
    """ "Các Bộ: Quốc phòng, Công an chủ động chỉ đạo …" → ("Các Bộ: Quốc phòng, Công an", "chủ động chỉ đạo …")."""
    listed = _listed(text)
    if not listed or re.match(r"\s*(?:và|cùng)\s", text[listed[2] :]):
        return None  # "các Sở: Tài chính, Nội vụ và các đơn vị liên quan …": the list goes on past the named bodies
    rest = text[listed[2] :].strip(" ,:")
    return text[: listed[2]].rstrip(" ,"), rest if re.search(r"\w", rest) else ""


def expand_listed(text: str) -> str | None:
    """ "Các Bộ: Quốc phòng, Công an" → "Bộ Quốc phòng, Bộ Công an"."""
    listed = _listed(text)
    if not listed or text[listed[2] :].strip(" ,.:"):
        return None
    head, names, _ = listed
    return ", ".join(f"{head} {n}" for n in names)


def opens_assignment(text: str) -> bool:
    """A clause that gives a unit its duties ("Giao Sở Nội vụ …", agencies.yaml `assign`)."""
    return bool(_table()["assign"].match(text))


def is_unit(text: str) -> bool:
    """Does ``text`` begin with the name of a unit (or a collective heading)?"""
    t = _table()
    s = collapse(text)
    if t["responsible"].match(s):  # "Trách nhiệm của đối tượng thực hiện kiểm kê"
        return True
    s = t["addressed"].sub("", t["requested"].sub("", t["assign"].sub("", s)))
    return bool(t["heads"].match(s)) and not t["not_heads"].match(s)


def is_addressed(heading: str) -> bool:
    """"Đối với Đoàn kiểm tra …": a heading addressed to a unit."""
    return bool(_table()["addressed"].match(heading))


def person_role(text: str) -> str | None:
    """"Ông. Hoàng Văn Thuân - Trưởng đoàn" → "Hoàng Văn Thuân - Trưởng đoàn": a member of a team
    named with the role the tasks go with."""
    m = _table()["person"].match(collapse(text))
    if not m or not all(w[0].isupper() for w in m.group("name").split()):
        return None
    return f"{m.group('name')} - {m.group('role').strip()}"


def unit_heading(text: str) -> str | None:
    """The unit (or team member) a heading names, as written before its colon, if any:
    "Đối với Đoàn kiểm tra: Các thành viên …" → "Đối với Đoàn kiểm tra"."""
    m = re.match(r"^([^:]{3,80}):\s*(?=\S)", text)
    if not m or len(m.group(1).split()) > 12:
        return None
    return m.group(1) if is_unit(m.group(1)) or person_role(m.group(1)) else None


def subject_of(sentence: str) -> tuple[str, str] | None:
    """A sentence that begins with a unit and goes on with a verb in lower case: (unit, the rest).
    "Sở Tài chính chủ trì, phối hợp các sở, ban, ngành:" → ("Sở Tài chính", "chủ trì, …")."""
    t = _table()
    related = t["related_end"].match(sentence)
    if related and sentence[related.end() : related.end() + 1].islower():
        # a collective ends at "liên quan" when no verb came before it, whatever verb follows ("Các Sở,
        # ngành, đơn vị liên quan kiện toàn và nâng cao …"; "… các đơn vị có liên quan tham mưu …", not
        # the name "cơ quan tham mưu")
        first = t["predicate"].search(sentence)
        unit = related.group("unit")
        if (first is None or related.end("unit") <= first.start()) and is_unit(unit) and names_only_units(unit):
            return unit, sentence[related.end() :].strip()
    for cut in t["predicate"].finditer(sentence):
        if cut.start() > 240:
            return None
        unit = sentence[: cut.start()].rstrip(" ,:")
        last = unit.split(" ")[-1] if unit else ""
        if not unit or last[:1].isupper() and t["heads"].fullmatch(last):
            continue  # a verb that is part of a name: "Ban chỉ đạo", "Sở Xây dựng"
        if any(a < cut.end() and cut.start() + 1 < b for a, b in _name_phrase_spans(sentence)):
            continue  # "… dự án đầu tư xây dựng công trình …": the verb is a word of the name
        if t["heads"].fullmatch(unit):
            return None  # a head word alone ("Cơ quan chỉ đạo", "Đơn vị chủ trì thực hiện"): a label, not a unit
        if is_unit(unit) and not t["responsible"].match(unit) and len(unit.split()) <= 40 and names_only_units(unit):
            return unit, sentence[cut.start() :].strip()
        return None
    return None


def has_predicate(text: str) -> bool:
    """Whether a verb of assignment in lower case stands in ``text`` outside the names of units
    ("Sở Y tế tổ chức kiểm tra" has; "các cơ quan, tổ chức có liên quan" has not)."""
    return any(not inside_name_phrase(text, m.start() + 1) for m in _table()["predicate"].finditer(" " + text))


def inside_name_phrase(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` is a word of a name ("tổ chức" in "các cơ quan, tổ chức khác")."""
    return any(a <= pos < b for a, b in _name_phrase_spans(text))


def _name_phrase_spans(text: str) -> list[tuple[int, int]]:
    lower = text.lower()
    return [(m.start(), m.end()) for p in _table()["name_phrases"] for m in re.finditer(re.escape(p), lower)]




def names_only_units(text: str) -> bool:
    """Every piece of ``text`` is read as a unit's name or a collective, with no word left over:
    "Sở Tài chính", "Sở Tư pháp và các sở, ban, ngành Thành phố" (not "UBND các phường Phối hợp với …")."""
    from .citations import read_issuer

    for piece in split_units(text):
        piece = re.sub(r"\s+(?:có liên quan|liên quan|trên địa bàn(?: \w+)?)$", "", piece)
        span = read_issuer(piece, 0)
        if span and span[1] >= len(piece.rstrip()):
            continue
        if len(read_collective(piece)) >= len(piece.rstrip()) and len(piece.split()) >= 2:
            continue
        if is_unit(piece) and len(piece.split()) <= 20 and not _table()["verbs"].search(piece) and not _table()["name_stops"].search(piece):
            continue  # a name the citation grammar does not read ("Đài Phát thanh và Truyền hình Thành phố")
        return False
    return True


def split_requested(text: str) -> tuple[str, bool]:
    """"Đề nghị Ủy ban MTTQ Việt Nam tỉnh" → ("Ủy ban MTTQ Việt Nam tỉnh", True)."""
    m = _table()["requested"].match(text)
    return (text[m.end() :], True) if m else (text, False)


def split_heading(text: str) -> tuple[str, str]:
    """"UBND các phường Phối hợp với …" → ("UBND các phường", "Phối hợp với …"); a verb that is part
    of a unit's name ("Ban Chỉ đạo", "Sở Xây dựng") or ends the heading does not split it."""
    t = _table()
    from .citations import read_issuer  # the body reader the citations use

    listed = listed_units(text)
    if listed:  # "Các Bộ: Quốc phòng, Công an chủ động …": the list completes the head
        return listed
    lead = t["adverbial_lead_in"].match(text)
    if lead:  # "Căn cứ nội dung Kế hoạch này và điều kiện thực tế, các sở, ban, ngành … xây dựng …": one sentence, its subject after the clause
        sentence = re.split(r"[.;:](?=\s)", text[lead.end() :], maxsplit=1)[0]  # within its sentence
        for comma in re.finditer(r",\s+", sentence[:250]):
            if has_predicate(sentence[: comma.start()]):
                break  # "Căn cứ chức năng, nhiệm vụ được giao, chủ trì, …": the work began, its subject unsaid
            subject = subject_of(sentence[comma.end() :])
            if subject:
                return subject[0], text
    role = t["role_in_parentheses"].search(text)
    if role and is_unit(text[: role.start()]):  # "Sở Tài chính (cơ quan chủ trì)": the unit, its role said
        return text[: role.start()], ""
    subject = subject_of(text)
    if subject and ":" not in subject[0]:  # "Sở Nội vụ chịu trách nhiệm về …: Tham mưu …"
        return subject
    named = unit_heading(text)
    if named and not read_issuer(named, 0):  # "Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; …"
        return named, text[len(named) :].lstrip(" :")
    span = read_issuer(text, 0)
    if span:  # "Sở Giao thông vận tải - Chuẩn bị …" (a crawl that glued the first bullet to its heading)
        glued = re.match(r"\s+(?:[-–+•]|[a-zđ]\))\s+(?=\S+(?:\s+\S+){2})", text[span[1] :])
        if glued and not t["role_after_dash"].match(text[span[1] + glued.end() :]):  # not "Sở X - Cơ quan thường trực …"
            return text[: span[1]], text[span[1] + glued.end() :]
    if text.rstrip().endswith(":"):  # "1.1. Phòng Kiểm tra Xây dựng và …, đơn vị thuộc Sở:": all name
        return text.rstrip(" :"), ""
    for m in t["verbs"].finditer(text):
        before, after = text[: m.start()].rstrip(" :"), text[m.end() :]
        # a collapsed copy ran the first lettered item into its heading ("…, thị trấn a) Tiếp tục …"): the mark is the item's
        before = re.sub(r"\s+(?:[a-zđ]\)|[-–+•])$", "", before)
        last = before.split(" ")[-1] if before else ""
        if not before or t["heads"].match(last) or len(after.split()) < 4:
            continue
        return before, after
    return text.rstrip(" :"), ""


def _spelling(text: str) -> str:
    t = collapse(expand_abbreviations(collapse(text))).strip(" :.;,")
    t = re.sub(r"(?:^|(?<=;\s))[-–+•]\s+", "", t)  # a cell that lists its units as items: "- Bộ Xây dựng; - UBND các tỉnh"
    t = re.sub(r"(?<=\w)\s*[-–]\s*(?=[A-ZĐÀ-Ỹ])", " - ", t)  # "Văn hoá-Thể thao" → "Văn hoá - Thể thao"
    return unify_tones(t)


def canonical(raw: str, plan: Issuer | None = None) -> AgencyName:
    """The canonical name of a unit, its kind, and its locality (moved out of the name). An
    ambiguous abbreviation is read the way that gives a unit the gazetteer knows."""
    first = _canonical(raw, plan)
    if fold(first.name) not in _table()["canonical_names"]:
        for reading in other_readings(raw):
            other = _canonical(reading, plan)
            if fold(other.name) in _table()["canonical_names"]:
                return other
    return first


def _canonical(raw: str, plan: Issuer | None) -> AgencyName:
    t = _table()
    person = person_role(raw)
    if person:
        return AgencyName(name=person, kind="other", locality=_plan_locality(plan))
    raw = expand_listed(collapse(raw)) or raw
    name = _spelling(body_of_head(t["addressed"].sub("", t["assign"].sub("", collapse(raw)))))
    name = without_qualifiers(name)
    name = name[:1].upper() + name[1:]  # "đơn vị được kiểm tra" (after "Đối với")
    name = t["aliases"].get(fold(name), name)
    name = _without_note(name) or name  # "Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ)": the body it belongs to
    locality = None
    collective = t["collective_inside"].search(name)  # a collective keeps its wording
    m = t["locality"].search(name)
    if m and collective and m.group("place") and not t["collective_lead"].match(name):
        collective = None  # "các" inside a proper name, before a named place
    if m and name[: m.start()].rstrip().endswith(","):  # one item of a list: "Thành phố Hồ Chí Minh, tỉnh Điện Biên"
        m = None
    if m and m.group("place") and len(split_units(name)) > 1 and not (plan is not None and m.group("place") in (plan.province, plan.district)):
        m = None  # the place of the last unit of a list, not the plan's: "UBND Thành phố Hồ Chí Minh, …, UBND tỉnh Điện Biên"
    if m and not collective and fold(name[: m.start()]) not in ("", "ủy ban nhân dân", "hội đồng nhân dân"):
        locality = m.group("place")
        name = name[: m.start()]
    name = _without_note(name)  # "Sở Nội vụ (Ban Thi đua Khen thưởng Thành phố)"
    name = t["aliases"].get(fold(name), name)  # again, now that the locality is out
    own_name = re.search(r"[-–]\s*" + re.escape(plan.province) + "$", name) if plan is not None and plan.province else None  # "Thăng Long - Hà Nội"
    if not collective and not own_name and plan is not None and plan.province and name.endswith(" " + plan.province) and not t["keeps_place"].match(name):
        name, locality = name[: -len(plan.province) - 1], plan.province  # "Thành đoàn Hà Nội" → "Thành đoàn"
    name = t["known"].get(fold(name), name)
    if locality is None:
        locality = _plan_locality(plan)
    if not name.strip():  # everything was qualifier ("(…)", a place): the words as written are the name
        name, locality = collapse(raw), None
    kind = next((k for pattern, k in t["kinds"] if pattern.search(fold(name))), "other")
    return AgencyName(name=name, kind=kind, locality=locality)


def _without_note(name: str) -> str:
    """A name without the note in brackets that ends it ("(Sở Nội vụ)", "(bao gồm cả cơ quan đại diện …)"), unless
    the note lists a collective's members: "Các cơ quan tham mưu … (gồm các Sở: Xây dựng, Công Thương, …)" is
    the collective's wording."""
    m = re.search(r"\s*\(([^()]*)\)$", name)
    if m and re.match(r"\s*(?:bao\s+)?gồm\b", m.group(1)) and re.search(r"[:,]", m.group(1)):
        return name
    return name[: m.start()] if m else name


def without_qualifiers(text: str) -> str:
    """A unit's words without those that say in what capacity it acts ("… trong phạm vi chức năng,
    nhiệm vụ của mình …", agencies.yaml: name_qualifiers)."""
    for qualifier in _table()["qualifiers"]:
        text = qualifier.sub("", text)
    return text


def body_of_head(text: str) -> str:
    """"Giám đốc Sở X" → "Sở X"; "Bộ trưởng, Thủ trưởng cơ quan ngang bộ" → "các bộ, cơ quan ngang bộ":
    the bodies a list of heads stands for (a head whose remainder is no unit is left as written)."""
    t = _table()

    def body(m: re.Match[str]) -> str:
        rest = text[m.end() :]
        if not rest.strip() or rest.lstrip()[:1] in ",;" or rest.lstrip().startswith("và "):
            return t["head_alone"].get(fold(m.group("head")), m.group())
        return "" if is_unit(rest) or re.match(r"(?i)(?:các|cơ quan|đơn vị|ủy ban|uỷ ban)\s", rest) else m.group()

    return t["head_of_body"].sub(body, text)


def _plan_locality(plan: Issuer | None) -> str | None:
    """Where a unit named without its place is: the plan's district or province."""
    if plan is None:
        return None
    return plan.district if plan.level in ("district", "commune") and plan.district else plan.province


def split_units(text: str) -> list[str]:
    """A list of units as written: "Phòng LĐTBXH, Trung tâm VHTT, UBND các xã, phường" → three units
    (a comma starts a new unit only before a unit head)."""
    heads = _table()["head_alt"]
    # a new unit starts after ";", or after "," / "và" before a capitalised unit head
    splitter = re.compile(r"\s*;\s*|,\s*(?=(?:" + heads + r")(?!\w)|các\s)|\s+và\s+(?=(?:" + heads + r")(?!\w)|các\s)")
    parts = splitter.split(collapse(text).strip(" .;:"))
    return [p.strip(" .;:,") for p in parts if p and p.strip(" .;:,")]


def is_specific(name: str) -> bool:
    """A named unit, not a generic collective ("các ngành, đơn vị liên quan")."""
    return is_unit(name) and not _table()["collective_start"].match(name)


def read_collective(text: str) -> str:
    """A collective unit at the start of ``text``: "UBND các xã, thị trấn thường xuyên …" → "UBND các xã, thị trấn"."""
    text = collapse(text)
    head = re.match(r"(?i)(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd)\s*", text) or _table()["heads"].match(text)
    start = head.end() if head else 0
    start += len(text[start:]) - len(text[start:].lstrip())
    words = text[start:].split(" ")
    end = 0
    while end < len(words) and words[end].strip(",;").lower() in _table()["collective_words"]:
        if words[end].lower() == "tổ" and end and not (words[end - 1].endswith(",") or words[end - 1].lower() in ("các", "những", "và")):
            break  # "UBND các xã, phường tổ chức vận chuyển": the verb, not "các cơ quan, tổ chức"
        end += 1
    return (text[:start] + " ".join(words[:end])).rstrip(",; ")
