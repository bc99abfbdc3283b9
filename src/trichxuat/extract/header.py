"""Header fields: document type, number, place and date of issue, title, and the genre."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from .. import nlp, resources
from ..gazetteer import gazetteer
from ..normalize import Document
from ..record import DocumentNumber, DocumentType, Issued
from ..structure import PLACE_LINE_BREAK, Parsed, Region, article_one_issues_plan, type_name_lost_initial, type_name_misread
from ..textnorm import collapse, fold, is_syllable, is_upper_text, strip_accents

from .base import Part, span_of

NUMBER = re.compile(
    r"(?:Số\s*[:.]?|(?:SỐ|số|(?<![\w])[ốỐ])\s*:)\s*(?P<raw>(?P<num>\d+)?\s*(?P<sep>[/-])?\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<type>[A-ZĐ][A-Za-zĐđ]*)(?:\s*[-/]\s*(?P<iss>[A-ZĐ][\w&.\-]*[\w&]))?)"
)
PLACE_DATE = re.compile(
    r"(?P<place>[^\W\d_](?:[^,\n]|" + PLACE_LINE_BREAK + r"){0,40}?)\s*,\s*(?:ngày\s*)?(?P<day>\d{1,2})?[\s.…_—–-]*tháng\s*"
    r"(?P<month>\d{1,2}|mười một|mười hai|[^\W\d_]+)?[\s.…_—–-]*năm\s*(?P<year>\d{2}\s?\d{2})",
    re.I,
)


@cache
def _doc_types() -> dict[str, dict[str, Any]]:
    return {fold(t["name"]): t for t in resources.load("doc_types")}


def doc_type_by_name(name: str) -> dict[str, Any] | None:
    return _doc_types().get(fold(name))


@cache
def _doc_types_by_code() -> dict[str, dict[str, Any]]:
    # the base type of each code, for the genres a number alone can settle (plans and decisions)
    return {fold(t["code"]): t for t in resources.load("doc_types") if t.get("code") and t.get("genre") and "cited_as" not in t}


def doc_type_by_code(code: str) -> dict[str, Any] | None:
    """"KH" → Kế hoạch, "QĐ" → Quyết định: only the codes of the types a record can be."""
    return _doc_types_by_code().get(fold(code))


def parse_number(text: str) -> DocumentNumber | None:
    """The number line: "Số: 182/KH-UBND", "Số:173    /KH-UBND", "Số: /KH-UBND", "Số: 27-KH/HU"."""
    m = NUMBER.search(text)
    if not m:
        return None
    # as printed, whitespace collapsed ("5872 /KH-UBND"); a run of spaces is the blank a number was typed into ("173    /KH-UBND")
    raw = collapse(re.sub(r"[ \t]{2,}|\n", "", m.group("raw"))).rstrip(".,;")
    return DocumentNumber(
        raw=raw,
        number=m.group("num"),
        year=int(m.group("year")) if m.group("year") else None,
        type_code=m.group("type"),
        issuer_code=m.group("iss"),
    )


def parse_place_date(text: str) -> Issued | None:
    """"Bắc Kạn, ngày 22 tháng 3 năm 2024"; blanks ("ngày   tháng 9 năm 2022") give nulls."""
    m = PLACE_DATE.search(text)
    if not m:
        return None
    months = resources.load("number_words")["months"]
    day = int(m.group("day")) if m.group("day") else None
    month_text = (m.group("month") or "").strip()
    month = int(month_text) if month_text.isdigit() else months.get(month_text.lower())
    year = int(m.group("year").replace(" ", ""))
    iso = None
    if day and month:
        try:
            iso = date(year, month, day).isoformat()
        except ValueError:
            day = None
    place = collapse(m.group("place"))
    for motto in resources.load("structure")["motto"]:  # a PDF that ran the motto into the place line
        if fold(place).startswith(fold(motto)):
            place = place[len(motto) :].lstrip(" -–—_")
    place = re.sub(r"(?i)^tp\.\s*", "", place)
    return Issued(date=iso, year=year, month=month, day=day, place=place)


def restore_sentence_case(text: str) -> str:
    """A title in capitals → sentence case; known terms and place names keep their capitals."""
    text = collapse(text)
    if not is_upper_text(text):
        lower_words = set(resources.load("structure")["title_lowercase_words"])
        words = text.split(" ")
        for i in range(1, len(words)):
            if words[i] in lower_words and not re.search(r"[:“\"(]$", words[i - 1]):
                words[i] = words[i].lower()
        out = " ".join(words)
        return out[:1].upper() + out[1:]  # a title opens with a capital ("cái tiến …" from a page's <title>)
    # codes keep their capitals: words with digits, and words that are no Vietnamese syllable
    # ("THPT", "UBND", "HĐND", "COVID" are abbreviations or foreign words)
    low = " ".join(w if re.search(r"\d", w) else re.sub(r"[^\W\d_]+", lambda m: _lower_unless_code(m.group()), w) for w in text.split(" "))
    out = low[:1].upper() + low[1:]
    roman_after = "|".join(map(re.escape, resources.load("structure")["title_roman_after"]))
    out = re.sub(rf"(?<!\w)((?:{roman_after})\s+)([ivxlc]+)(?!\w)", lambda m: m.group(1) + m.group(2).upper(), out)  # "lần thứ XIII"
    # known terms, and bodies' names ("… của Bộ Tài chính")
    terms = sorted([*resources.load("structure")["title_terms"], *resources.load("issuers")["proper_names"]], key=len, reverse=True)
    taken: list[tuple[int, int]] = []  # a longer term's words are not re-cased by a shorter one inside it
    for term in terms:
        for m in re.finditer(rf"(?<!\w){re.escape(term.lower())}(?!\w)", out, flags=re.IGNORECASE):
            if any(a <= m.start() < b for a, b in taken) or _inside_word(out, m.start(), m.end()):
                continue
            out = out[: m.start()] + term + out[m.end() :]
            taken.append((m.start(), m.end()))
    for t in resources.load("doc_types"):  # a cited document's type before its number: "Báo cáo số 115/BC-ĐĐBQH"
        out = re.sub(rf"(?<!\w){re.escape(t['name'].lower())}(?=\s+số\s+\d)", t["name"], out)
    for law in sorted(resources.load("laws"), key=len, reverse=True):  # "Luật việc làm" → "Luật Việc làm"
        out = re.sub(rf"(?<!\w)(Luật|luật) {re.escape(law.lower())}(?!\w)", lambda m: f"{m.group(1)} {law}", out)
    stops = "|".join(map(re.escape, resources.load("structure")["title_law_name_stops"]))  # a law not in laws.yaml:
    out = re.sub(rf"(?<!\w)Luật (?!(?:{stops})(?!\w))(\w)", lambda m: "Luật " + m.group(1).upper(), out)  # "Luật Phòng thủ dân sự"
    for code in resources.load("structure")["title_codes"]:  # "1899/QĐ-TTG" → "1899/QĐ-TTg"
        out = re.sub(rf"(?<=\d)([-/\w]*[-/]){re.escape(code.upper())}(?![\w])", lambda m: m.group(1) + code, out)
    return _capitalize_names(_capitalize_places(out))


@cache
def _name_after_lead_in() -> re.Pattern[str]:
    struct = resources.load("structure")
    leads = "|".join(re.escape(x) for x in sorted(struct["title_name_lead_ins"], key=len, reverse=True))
    from .closing import surnames as known

    surnames = "|".join(re.escape(x.lower()) for x in sorted(known()))
    return re.compile(rf"(?<![\w])(?:{leads})\s+(?P<name>(?:{surnames})(?:\s+[^\W\d_]+){{1,3}})(?![\w])", re.IGNORECASE)


def _capitalize_names(text: str) -> str:
    """A person's name after a position or "đồng chí" ("Phó Thủ tướng Chính phủ bùi thanh sơn" →
    "… Bùi Thanh Sơn"): each word capitalised, up to the first function word."""
    struct = resources.load("structure")
    stops = {w.lower() for w in [*struct["title_lowercase_words"], *struct["title_name_stops"]]}

    def fix(m: re.Match[str]) -> str:
        words = m.group("name").split()
        keep = [words[0]]
        for w in words[1:]:
            if w in stops:
                break
            keep.append(w)
        if len(keep) < 2:
            return m.group()
        name = " ".join(w[:1].upper() + w[1:] for w in keep)
        start = m.start("name") - m.start()
        return m.group()[:start] + name + m.group()[start + len(" ".join(keep)) :]

    return _name_after_lead_in().sub(fix, text)


def _lower_unless_code(word: str) -> str:
    """A word of a title in capitals, lowered unless it is an abbreviation (no Vietnamese syllable
    and at most one vowel group: "UBND", "HĐND", "THPT"); a longer foreign word ("INTERNET") is lowered."""
    if is_syllable(word) or len(re.findall(r"[aeiouy]+", strip_accents(word.lower()))) >= 2 and len(word) >= 5:
        return word.lower()
    return word


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a term is a syllable of a longer word: "luật" in "pháp luật", "đảng" in "đảng viên"."""
    before = re.search(r"(\w+)\s+$", text[max(0, start - 12) : start])
    after = re.match(r"\s+(\w+)", text[end : end + 12])
    return bool((before and nlp.is_one_word(f"{before.group(1)} {text[start:end]}"))
                or (after and nlp.is_one_word(f"{text[start:end]} {after.group(1)}")))


def _capitalize_places(text: str) -> str:
    gaz = gazetteer()
    words = list(re.finditer(r"\S+", text))
    out = text
    unit = re.compile(r"^(tỉnh|huyện|quận|xã|phường|thị xã|thị trấn|thành phố|tp\.?)$")
    i = 0
    repl: list[tuple[int, int, str]] = []
    while i < len(words):
        prev = words[i - 1].group() if i else ""
        prev2 = " ".join(w.group() for w in words[max(0, i - 2) : i])
        after_unit = bool(unit.match(prev) or unit.match(prev2))
        if unit.match(words[i].group()) or (i + 1 < len(words) and unit.match(text[words[i].start() : words[i + 1].end()])):
            i += 1
            continue
        for n in (5, 4, 3, 2, 1):  # "Bà Rịa - Vũng Tàu" is five words
            if i + n > len(words):
                continue
            chunk = text[words[i].start() : words[i + n - 1].end()].rstrip(",.;:”\"’)")
            spaced = re.sub(r"\s*-\s*", " - ", chunk)  # "bà rịa-vũng tàu" is looked up as "Bà Rịa - Vũng Tàu"
            spelled = gaz.province(spaced) if not after_unit else gaz.spell(spaced)
            if spelled and spaced != chunk:
                spelled = re.sub(r"(?<!\w)\w", lambda m: m.group().upper(), chunk)  # the words as printed, capitalised
            if spelled and (after_unit or n >= 2):
                repl.append((words[i].start(), words[i].start() + len(chunk), spelled))
                i += n - 1
                break
        i += 1
    for start, end, s in reversed(repl):
        out = out[:start] + s + out[end:]
    return out


_DIGITS_ONLY = re.compile(r"^Số\s*[:.]?\s*(\d{1,5})?\s*$")  # "Số:173", or "Số:" alone (a blank number)
_CODE_ONLY = re.compile(r"^[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\w&.\-]*$")


def _split_number(parsed: Parsed, line: Any, part: Part) -> DocumentNumber | None:
    """pdftotext puts a number typed into a blank apart from its code: "Số:173" above the motto,
    "/KH-UBND" below it. The two header lines make the number (the record warns)."""
    digits = _DIGITS_ONLY.match(line.content.strip())
    if not digits:
        return None
    code = next((c for c in parsed.header_cells if c.start > line.end and _CODE_ONLY.match(c.content.strip())), None)
    if code is None:
        return None
    found = parse_number(f"Số: {digits.group(1) or ''}{code.content.strip()}")
    if not found:
        return None
    span = span_of(parsed.doc, line.start, code.end)
    part.warn("number_split", f"the number is read from two lines of the header: \"{line.content.strip()}\" and \"{code.content.strip()}\"", span)
    return found.model_copy(update={"span": span})


def _adoption_date(parsed: Parsed, part: Part) -> Issued | None:
    """A resolution whose copy lost the header's date: the date its last sentence says it was adopted."""
    found = None
    for m in re.finditer(resources.load("structure")["adoption_date"], parsed.text):
        found = m
    if found is None:
        return None
    try:
        day = date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        return None
    span = span_of(parsed.doc, found.start(), found.end())
    part.warn("date_from_adoption", f"no date line: the date of issue is the date of adoption its closing sentence gives ({day.isoformat()})", span)
    return Issued(date=day.isoformat(), year=day.year, month=day.month, day=day.day, span=span)


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    doc, text = parsed.doc, parsed.text
    number = DocumentNumber()
    issued = Issued()
    for cell in parsed.header_cells:
        if cell.kind == "number" and number.raw is None:
            found = parse_number(cell.content)
            if found:
                number = found.model_copy(update={"span": span_of(doc, cell.start, cell.end)})
        elif cell.kind == "date" and issued.year is None:
            found = parse_place_date(cell.content)
            if found:
                issued = found.model_copy(update={"span": span_of(doc, cell.start, cell.end)})
                restored = (gazetteer().restore_initial(issued.place) or gazetteer().restore_unit_initial(issued.place)
                            or _place_named_above(parsed, issued.place)) if issued.place and issued.place[:1].islower() else None
                if restored:  # a copy that dropped the line's first letter: "ắk Lắk, ngày …"
                    part.warn("place_initial_restored", f"the place \"{issued.place}\" lost its first letter: read as {restored}", issued.span)
                    issued = issued.model_copy(update={"place": restored})
                elif issued.place and " " not in issued.place and not gazetteer().spell(issued.place) and (whole := _place_named_above(parsed, issued.place, words=True)):
                    # a narrow column wrapped the place, its first words left on a line of their own ("Bắc" / "Kạn, ngày …")
                    part.warn("place_rejoined", f"the place \"{issued.place}\" lost its first words to another line: read as {whole}", issued.span)
                    issued = issued.model_copy(update={"place": whole})
                elif issued.place and " " not in issued.place and (spaced := gazetteer().spell(issued.place)) and " " in spaced:
                    # a copy that glued the place's words: "HàNội, ngày …"
                    part.warn("place_respaced", f"the place \"{issued.place}\" is read as {spaced}", issued.span)
                    issued = issued.model_copy(update={"place": spaced})
    if issued.year is None:
        issued = _adoption_date(parsed, part) or issued
    line = next((c for c in parsed.header_cells if c.kind == "number"), None)
    if number.raw is None and line is not None:
        number = _split_number(parsed, line, part) or number
    if number.raw is None and line is not None:
        why = "read by OCR but not legible (handwritten on the scan?)" if doc.raw.ocr else "not in a form the number patterns know"
        part.warn("number_unreadable", f"the number line \"{line.content[:40]}\" is {why}", span_of(doc, line.start, line.end))
    if number.raw and number.number is None:
        part.warn("number_blank", f"the number is blank ({number.raw}): a draft or pre-signing copy", number.span)
    if issued.year and issued.date is None:
        why = "not legible (handwritten on the scan?)" if doc.raw.ocr else "blank: a draft or pre-signing copy"
        part.warn("date_partial", f"the day or month of issue is {why}", issued.span)

    doc_type = DocumentType()
    genre = "other"
    title = None
    if parsed.type_name:
        name = collapse(parsed.type_name.text(text))
        entry = doc_type_by_name(name)
        if entry and entry.get("cited_as"):  # "Kế hoạch hành động" is a Kế hoạch
            entry = doc_type_by_name(entry["cited_as"])
        if entry is None and (lost := type_name_lost_initial(name)):
            entry = doc_type_by_name(lost["cited_as"]) if lost.get("cited_as") else lost
            part.warn("type_name_initial_restored", f"the type-name line \"{name}\" lost its first letter: read as {entry['name']}",
                      span_of(doc, parsed.type_name.start, parsed.type_name.end))
        if entry is None:  # OCR's reading, or a text copy of one (structure takes it right under the head, or where no other was written)
            entry = type_name_misread(name)
            if entry:
                by = "OCR" if doc.raw.ocr else "the copy"
                part.warn("type_name_misread", f"the type name read by {by} as \"{name}\" is taken for {entry['name']}",
                          span_of(doc, parsed.type_name.start, parsed.type_name.end))
        if entry:
            doc_type = DocumentType(name=entry["name"], code=entry["code"], span=span_of(doc, parsed.type_name.start, parsed.type_name.end))
            genre = entry.get("genre") or "other"
    for at in _restored_preamble_lines(doc):
        end = text.find("\n", at)
        part.warn("preamble_initial_restored", f"a preamble line that lost its first letter is read as \"{text[at : at + 30]}…\"",
                  span_of(doc, at, end if end > 0 else len(text)))
    if parsed.title:
        title = restore_sentence_case(parsed.title.text(text)).rstrip(" .;:")
        part.spans["title"] = span_of(doc, parsed.title.start, parsed.title.end)
        lost = {"type_name_initial_restored", "place_initial_restored", "preamble_initial_restored"} & {w.code for w in part.warnings}
        restored = restore_title_initial(title) if lost else None
        if restored:  # the copy dropped the first letter of its head's lines: the title's line lost it too
            part.warn("title_initial_restored", f"the title \"{title[:40]}\" lost its first letter as the head's other lines did: read as \"{restored[:40]}\"",
                      part.spans["title"])
            title = restored
    if title and doc.raw.ocr and doc_type.code == "QĐ":
        repaired = title_from_article_one(parsed, title)
        if repaired and repaired != title:
            part.warn("title_from_article_1", f"the title read by OCR (\"{title[:60]}…\") was garbled; its wording is taken from Article 1, which repeats it")
            title = repaired
    decision_not_plan = (genre == "decision" and not (title and re.search(r"(?i)\bkế\s*hoạch\b", title))  # "KẾHOẠCH": words a copy glued
                         and not article_one_issues_plan(parsed))
    if decision_not_plan:
        genre = "other"
        part.warn("not_a_plan", "a decision that does not issue or approve a plan")
    if not parsed.type_name and number.type_code and doc_type_by_code(number.type_code):
        # a page that lost its type-name line ("KẾ HOẠCH") but kept the number: the code says the type
        entry = doc_type_by_code(number.type_code)
        doc_type = DocumentType(name=entry["name"], code=entry["code"], span=number.span)
        genre = entry.get("genre") or "other"
        part.warn("document_type_from_number", f"no type name line; the type {entry['name']} is read from the number {number.raw}", number.span)
        if genre == "decision" and title is None:
            part.warn("title_missing", "the decision's title is not in the text: whether it issues a plan is not stated")
    elif not parsed.type_name and not parsed.header_cells and parsed.body_shape and not _news_lead(parsed):
        genre, doc_type = _type_from_shape(parsed, part)
        if title is None:
            part.warn("title_missing", "no header and no title line above the body: the title is not in the text")
    elif not parsed.type_name and not parsed.header_cells:
        genre, doc_type, title, number, issued = _news_report(parsed, part)
    elif genre == "other" and doc_type.name and not decision_not_plan:  # (said once)
        part.warn("not_a_plan", f"the document is a {doc_type.name}, not a plan")
    if not parsed.type_name and genre == "other":
        part.warn("not_a_plan", "no document type name and no news-report cues: not recognisably a plan")
    if number.type_code and doc_type.code and fold(number.type_code) != fold(doc_type.code) and genre != "news_report":
        part.warn(
            "number_type_mismatch",
            f"the number's type code {number.type_code} does not match the type name {doc_type.name}",
            number.span,
        )
    part.fields.update(genre=genre, document_type=doc_type, number=number, issued=issued, title=title)
    return part


def restore_title_initial(title: str) -> str | None:
    """A title whose first letter a copy dropped ("Riển khai thi hành …", "Ề việc ban hành …"): with the
    letter back when its opening is a known title opening but for that letter (structure.yaml: title_openings)."""
    folded = fold(title)
    for opening in resources.load("structure")["title_openings"]:
        cut = fold(opening)[1:]
        if folded.startswith(cut) and (len(folded) == len(cut) or not folded[len(cut)].isalnum()):
            return opening[0].upper() + title[0].lower() + title[1:]
    return None


def title_from_article_one(parsed: Parsed, title: str) -> str | None:
    """A decision's title with the wording of its Article 1, when OCR garbled the title (a stamp
    over it) but the two still agree: "về vệ ban hành Kế hoạch … tài trợ: khủng bố …" + "Điều 1.
    Ban hành kèm theo Quyết định này Kế hoạch … tài trợ khủng bố …" → "Về việc ban hành Kế hoạch …"."""
    from rapidfuzz import fuzz, process

    table = resources.load("structure")
    article = next((n for n in parsed.nodes() if n.kind == "article" and re.fullmatch(r"Điều\s+1", n.label)), None)
    if article is None:
        return None
    m = re.match(table["article_one"], collapse(parsed.text[article.start : article.end]).split(". Điều")[0], re.S)
    if not m:
        return None
    verb, what = m.group("verb"), m.group("what").split(". ")[0].rstrip(". ")
    at = fold(title).find(fold(verb))
    if at < 0:
        return None
    lead, tail = title[:at].strip(" :.,"), title[at + len(verb) :]
    if fuzz.ratio(fold(tail), fold(what)) < 80:
        return None
    if not lead:
        return f"{verb} {what}"
    lead_in = process.extractOne(lead, table["title_lead_ins"], scorer=fuzz.ratio, processor=fold, score_cutoff=60)
    return f"{lead_in[0]} {verb.lower()} {what}" if lead_in else None


@dataclass
class ReportedPlan:
    """The plan a text without a header reports on, read from its sentences."""

    plan_start: int
    plan_end: int
    body: str | None = None  # the issuing body as written ("Ban Chỉ đạo … tỉnh"), None when unclear
    body_span: tuple[int, int] | None = None
    joint: bool = False  # several bodies named together: no single issuer
    number: str | None = None
    number_span: tuple[int, int] | None = None
    date: str | None = None
    date_span: tuple[int, int] | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None


@cache
def _news_patterns() -> dict[str, Any]:
    t = resources.load("structure")["news_report"]
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    return {
        "issuing": re.compile(rf"(?:(?:{alt(t['verb_lead_ins'])})\s+)?(?:{alt(t['verbs'])})\s+(?P<plan>{alt(t['plan_words'])})\b"),
        "plan": re.compile(rf"(?<!\w)(?:{alt(t['plan_words'])})\b"),
        "body_start": re.compile(rf"(?<![\w])(?:{alt(t['body_starts'])})(?!\w)"),
        "joint": re.compile("|".join(t["joint_bodies"])),
        "date_lead": re.compile(t["date_lead"]),
        "title_lead": re.compile(t["title_lead"]),
        "title_end": re.compile(r"[.;!?](?=\s|$)|\n|" + "|".join(t["title_stops"])),
        "sentence_end": re.compile(r"[.!?](?=\s)|\n"),
        "subject_start": re.compile(rf"(?:{alt(t['body_starts'])})(?!\w)"),
        "units": sorted(t["subject_units"], key=len, reverse=True),
        "lead": re.compile(t["lead"]),
        "reported_issuing": re.compile(t["reported_issuing"]),
        # what stands between the plan's mention and the clause that names its author ("… mới ban hành, UBND …")
        "to_clause": re.compile(rf"\s*(?:(?:{alt(t['verb_lead_ins'])})\s+(?:được\s+)?ban\s+hành\s*)?,\s*"),
    }


def _reported_title(text: str, pos: int, limit: int) -> tuple[str, int, int] | None:
    pats = _news_patterns()
    m = pats["title_lead"].match(text, pos)
    start = m.end() if m else pos
    end_m = pats["title_end"].search(text, start, limit)
    end = end_m.start() if end_m else limit
    raw = text[start:end].strip(" ,:")
    if len(raw.split()) < 2:
        return None
    return raw[:1].upper() + raw[1:], start, start + len(raw)


def reported_plan(parsed: Parsed, limit: int = 4000) -> ReportedPlan | None:
    """The plan a news article reports on: its issuing sentence ("<body> vừa ban hành Kế hoạch …")
    or, failing that, the first numbered plan it cites ("Theo Kế hoạch 314/KH-UBND về …")."""
    from .citations import find_citations  # citations reads issuer names, which read this module

    pats = _news_patterns()
    text = parsed.text
    limit = min(limit, len(text))
    cited = [c for c in find_citations(text, 0, limit) if c.doc_type == "Kế hoạch" and c.number]
    found: ReportedPlan | None = None
    first: ReportedPlan | None = None
    for m in pats["issuing"].finditer(text, 0, limit):
        ends = [e.end() for e in pats["sentence_end"].finditer(text, 0, m.start())]
        sentence = ends[-1] if ends else 0
        found = ReportedPlan(plan_start=m.start("plan"), plan_end=m.end("plan"))
        lead = pats["date_lead"].match(text, sentence)
        clause_start = lead.end() if lead else sentence
        if lead:
            try:
                found.date = date(int(lead["y"] or lead["wy"]), int(lead["m"] or lead["wm"]), int(lead["d"] or lead["wd"])).isoformat()
                found.date_span = (lead.start(), lead.end())
            except ValueError:
                pass
        starts = [b.start() for b in pats["body_start"].finditer(text, clause_start, m.start())
                  if b.start() == clause_start or re.search(r"(?:,|\s-|\s–|:)\s*$", text[clause_start : b.start()])]
        if starts:
            body = text[starts[-1] : m.start()].strip(" ,")
            if pats["joint"].search(" " + body + " "):
                found.joint = True
            elif 1 <= len(body.split()) <= 16:
                found.body, found.body_span = body, (starts[-1], starts[-1] + len(body))
        if found.body or found.joint:  # a headline often names the plan without its author: read on
            break
        first, found = first or found, None
    found = found or first
    citation = None
    if found is not None:
        citation = next((c for c in cited if found.plan_start <= c.start <= found.plan_end + 1), None)
    elif cited:
        citation = cited[0]
        found = ReportedPlan(plan_start=citation.start, plan_end=citation.start + len("Kế hoạch"))
    else:
        # a sentence that opens with the plan's name: "Kế hoạch cao điểm … Tết Nguyên đán 2023 thực hiện trên …"
        # (or after a connective: "Theo đó, kế hoạch ra quân đợt cao điểm bắt đầu từ …")
        for m in re.finditer(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:Theo đó|Cụ thể|Trong đó),\s+(?=k))?(?P<plan>[Kk]ế hoạch)(?=\s+[^\W\d])", text[:limit]):
            if _reported_title(text, m.end(), min(len(text), m.end() + 400)):
                found = ReportedPlan(plan_start=m.start("plan"), plan_end=m.end())
                break
    if found is None:
        return None
    after = found.plan_end
    if citation is not None:
        at = text.find(citation.number, citation.start, citation.end)  # the number's own words
        found.number, found.number_span = citation.number, (at, at + len(citation.number)) if at >= 0 else (citation.start, citation.end)
        if citation.date:
            found.date, found.date_span = citation.date, (citation.start, citation.end)
        if citation.issuer_raw and found.body is None and not found.joint:
            found.body, found.body_span = citation.issuer_raw, citation.issuer_span
        after = citation.end
    title = _reported_title(text, after, min(len(text), after + 400))
    if title:
        found.title, found.title_span = title[0], (title[1], title[2])
    if found.body is None and not found.joint:
        found.body, found.body_span = _reported_author(text, (title[2] if title else after), limit)
    return found


def _subject(text: str, pos: int) -> tuple[str, tuple[int, int]] | None:
    """A body's name at ``pos``: its first word(s), then capitalised words and unit words ("Công an
    tỉnh Trà Vinh", "UBND TP. Pleiku"), up to the first other word."""
    pats = _news_patterns()
    m = pats["subject_start"].match(text, pos)
    if not m:
        return None
    end = m.end()
    while True:
        rest = text[end:]
        gap = len(rest) - len(rest.lstrip(" "))
        word = rest[gap:]
        unit = next((u for u in pats["units"] if word.startswith(u) and not word[len(u) : len(u) + 1].isalnum()), None)
        if unit:
            end += gap + len(unit)
            continue
        w = re.match(r"[^\s,.;:()]+", word)
        if gap and w and w.group()[0].isupper():
            end += gap + w.end()
            continue
        break
    body = text[pos:end]
    return (body, (pos, end)) if len(body.split()) >= 2 else None


def _reported_author(text: str, after: int, limit: int) -> tuple[str | None, tuple[int, int] | None]:
    """The subject of the clause that follows the plan's mention in its sentence, else of the
    article's dated lead (see structure.yaml, news_report)."""
    pats = _news_patterns()
    end = pats["sentence_end"].search(text, after, limit)
    m = pats["to_clause"].match(text, after, end.start() if end else limit)
    if m:
        found = _subject(text, m.end())
        if found:
            return found
    lead = pats["lead"].search(text, 0, min(limit, 600))
    if lead:
        found = _subject(text, lead.end())
        if found:
            return found
    return None, None


def _news_lead(parsed: Parsed) -> bool:
    """An article that quotes a plan's sections still opens as news: a dated lead ("Ngày 9/5, …") or
    "vừa ban hành" before the plan's first section."""
    first = min([n.start for n in parsed.outline] + [len(parsed.text)])
    head = parsed.text[:first]
    pats = _news_patterns()
    return bool(pats["lead"].search(head, 0, 600) or pats["reported_issuing"].search(head))


def _type_from_shape(parsed: Parsed, part: Part) -> tuple[str, DocumentType]:
    """A page without header whose body is a plan's (or a decision's that issues one): the type is
    read from that shape, with a warning; the evidence is the body's "Kế hoạch" where it names itself."""
    entry = doc_type_by_name("Quyết định" if parsed.body_shape == "decision" else "Kế hoạch")
    text = parsed.text
    where = [r for r in (parsed.closing,) if r is not None] + [Region(ln.start, ln.end) for ln in parsed.preamble if ln.content]
    span = None
    for r in where:
        m = re.search(r"(?i)\bkế\s+hoạch\b", text[r.start : r.end])
        if m:
            span = span_of(parsed.doc, r.start + m.start(), r.start + m.end())
            break
    part.warn("document_type_from_structure", f"no header and no type name; the body has a {entry['name']}'s sections, so it is read as one", span)
    return entry.get("genre") or "other", DocumentType(name=entry["name"], code=entry["code"], span=span)


def _news_report(parsed: Parsed, part: Part) -> tuple[str, DocumentType, str | None, DocumentNumber, Issued]:
    """A text with no header block that reports a plan: "UBND huyện X vừa ban hành Kế hoạch …"."""
    cues = resources.load("structure")["news_cues"]
    text = parsed.text
    reported = reported_plan(parsed)
    has_cue = any(c.lower() in text.lower() for c in cues)
    # a plan page without its header still opens with its legal basis ("Căn cứ …"): that needs a cue
    bases = any(fold(ln.content).startswith(fold("Căn cứ")) for ln in parsed.preamble)
    if reported is None or not (has_cue or not bases):
        return "other", DocumentType(), None, DocumentNumber(), Issued()
    doc = parsed.doc
    doc_type = DocumentType(name="Kế hoạch", code="KH", span=span_of(doc, reported.plan_start, reported.plan_end))
    number = DocumentNumber()
    if reported.number:
        found = parse_number("Số: " + reported.number)
        if found:
            number = found.model_copy(update={"span": span_of(doc, *reported.number_span)})
    issued = Issued()
    if reported.date:
        y, m, d = (int(x) for x in reported.date.split("-"))
        issued = Issued(date=reported.date, year=y, month=m, day=d, span=span_of(doc, *reported.date_span))
    if reported.title_span:
        part.spans["title"] = span_of(doc, *reported.title_span)
    part.warn("news_report", "a news report about a plan, not the plan itself: header fields are those it reports",
              span_of(doc, reported.plan_start, reported.plan_end))
    return "news_report", doc_type, reported.title, number, issued


def issuing_sentence(parsed: Parsed, limit: int | None = None) -> dict[str, Any] | None:
    """The first sentence like "UBND huyện xây dựng Kế hoạch …" in the preamble (or the lead of a
    text with no header), found with the spaCy Matcher over underthesea tokens."""
    candidates = list(parsed.preamble)
    if not candidates:
        candidates = [ln for ln in parsed.lines[:30] if ln.content]
    pipeline = nlp.load()
    matcher = nlp.matcher("issuing_sentence")
    for ln in candidates:
        if limit is not None and ln.start > limit:
            break
        if not re.search(r"(?i)kế hoạch", ln.content):
            continue
        tokens = pipeline(ln.content)
        matches = matcher(tokens)
        if not matches:
            continue
        _, a, b = min(matches, key=lambda x: (x[1], -x[2]))
        span = tokens[a:b]
        verbs = resources.load("nlp")["issuing_verbs"]
        verb_idx = next(i for i in range(b - 1, a - 1, -1) if tokens[i].lower_ in verbs)
        body = tokens[a : verb_idx]
        while len(body) and body[-1].lower_ in ("vừa", "đã"):
            body = body[:-1]
        return {
            "start": ln.start + span.start_char,
            "end": ln.start + span.end_char,
            "body": body.text.strip(),
            "body_start": ln.start + body.start_char,
            "body_end": ln.start + body.end_char,
            "plan_start": ln.start + tokens[b - 1].idx,
            "plan_end": ln.start + span.end_char,
        }
    return None


def _restored_preamble_lines(doc: Document) -> list[int]:
    """Where normalize put back a preamble line's lost first letter (normalize.preamble_lost_initials): the
    letter read is not the source's."""
    if "preamble_lost_initials" not in doc.applied:
        return []
    starts = tuple(resources.load("structure")["preamble_starts"])
    out = []
    for m in re.finditer(r"(?m)^[ \t*_]*(?=\S)", doc.text):  # (rare: only where normalize put a letter back)
        at = m.end()
        if doc.text.startswith(starts, at) and doc.raw.text[doc.raw_offset(at) : doc.raw_offset(at) + 1] != doc.text[at]:
            out.append(at)
    return out


def _place_named_above(parsed: Parsed, place: str, words: bool = False) -> str | None:
    """The place a body signs at is its own: a place line that lost its first letter ("ai Châu", "ích Đào": two
    provinces' or districts' names fit the first, no gazetteer name the second) is the one place of the issuer's
    lines above it that ends so ("TỈNH LAI CHÂU", "PHƯỜNG BÍCH ĐÀO"); with ``words``, one that lost its first
    words ("Kạn" under "TỈNH BẮC KẠN"), when the gazetteer knows the name they make."""
    above = " ".join(c.content for c in parsed.header_cells if c.kind == "issuer")
    if words:
        before = [above[: m.start()].split() for m in re.finditer(rf"(?<!\w){re.escape(place)}(?!\w)", above, re.I)]
        names = {gazetteer().spell(" ".join(b[-k:] + [place])) for b in before for k in (1, 2, 3) if len(b) >= k} - {None}
        return names.pop() if len(names) == 1 else None
    found = {m.group() for m in re.finditer(rf"(?<!\w)\w{re.escape(place)}(?!\w)", above, re.I)}
    if len(found) != 1:
        return None
    word = found.pop()
    return word[0].upper() + place if word[:1].isalpha() else None
