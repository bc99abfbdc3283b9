"""Closing fields: the signer (with TM./KT./TL./TUQ./Q.), the recipients and the archive line."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .. import resources
from ..record import Recipient, Signer
from ..structure import Line, Parsed, pattern
from ..textnorm import collapse, fold, is_upper_text, strip_accents
from .base import Part, span_of

_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){1,5}$")


@cache
def _mode_re() -> re.Pattern[str]:
    table = resources.load("signature")
    modes = sorted([*table["modes"], *table["mode_spellings"]], key=len, reverse=True)
    return re.compile(r"^(" + "|".join(re.escape(m) for m in modes) + r")\s*(.*)$")


@cache
def surnames() -> frozenset[str]:
    """Family names (signature.yaml): a name in capitals starts with one; the audit flags a name that does not."""
    return frozenset(resources.load("signature")["surnames"])


def canonical_position(text: str) -> tuple[str, bool]:
    """The canonical spelling of a position line, and whether signature.yaml knows it."""
    positions = resources.load("signature")["positions"]
    t = collapse(text).upper()
    if t in positions:
        return positions[t], True
    bare = _positions_without_marks().get(strip_accents(t))
    if bare:  # OCR lost the line's tone marks ("PHO CHU TỊCH"): one known position so spelled
        return bare, True
    low = collapse(text).lower()
    return low[:1].upper() + low[1:], False


@cache
def _positions_without_marks() -> dict[str, str]:
    """signature.yaml's positions by their letters without marks, where only one position is so spelled."""
    out: dict[str, set[str]] = {}
    for written, canonical in resources.load("signature")["positions"].items():
        out.setdefault(strip_accents(written), set()).add(canonical)
    return {k: next(iter(v)) for k, v in out.items() if len(v) == 1}


def _body(text: str) -> str:
    bodies = resources.load("signature")["bodies"]
    t = collapse(text).upper()
    return bodies.get(t) or (t[:1] + t[1:].lower())


def _is_name(text: str) -> bool:
    not_names = {fold(n) for n in resources.load("signature")["not_names"]}
    t = collapse(text)
    if fold(t) in not_names or fold(t).startswith("ký bởi"):
        return False
    if t.upper() in resources.load("signature")["positions"]:
        return False
    if fold(t) in {fold(d["name"]) for d in resources.load("doc_types")}:  # "KẾ HOẠCH" of an attached plan
        return False
    return bool(_NAME.match(t)) and len(t) <= 40


@cache
def _ranks() -> list[str]:
    return sorted(resources.load("signature")["ranks"], key=len, reverse=True)


def split_rank(text: str) -> tuple[str | None, str]:
    """ "Đại tướng Nguyễn Tân Cương" → ("Đại tướng", "Nguyễn Tân Cương")."""
    t = collapse(text)
    for rank in _ranks():
        if fold(t[: len(rank)]) == fold(rank) and t[len(rank) : len(rank) + 1] == " ":
            return rank, t[len(rank) :].strip()
    return None, t


def _ranks_joined(lines: list[Line]) -> list[Line]:
    """A rank a narrow cell broke before the name ("Đại" / "tướng Nguyễn Tân Cương") joined to its line."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and len(prev.content.split()) == 1 and split_rank(f"{prev.content} {ln.content}")[0]:
            out[-1] = Line(start=prev.start, end=ln.end, content=f"{collapse(prev.content)} {collapse(ln.content)}")
            continue
        out.append(ln)
    return out


def parse_signature(lines: list[Line]) -> tuple[Signer, int | None, int | None]:
    """Signature lines → Signer, and the start and end offsets of the block it was read from."""
    table = resources.load("signature")
    lines = _ranks_joined(lines)
    rank = None
    mode = None
    on_behalf = None
    position = None
    name = None
    position_known = False  # the position is one of signature.yaml's
    own_line = False  # the position was read from a line of its own (the signer's), not after a mode (the head's)
    start = end = None
    wrapped = ""  # the head's position cut after its comma ("KT. BỘ TRƯỞNG," / "CHỦ NHIỆM")
    for k, ln in enumerate(lines):
        c = collapse(ln.content)
        m = _mode_re().match(c)
        if m:
            mode = table["mode_spellings"].get(m.group(1), m.group(1))
            rest = m.group(2).strip()
            if mode == "TM.":
                on_behalf = _body(rest)
            elif rest and not own_line:  # ("PHÓ CHỦ TỊCH" read before "KT. CHỦ TỊCH", pdftotext's order: the signer's own stays)
                position, position_known = canonical_position(rest)
                wrapped = rest if rest.endswith(",") else ""
            start = ln.start if start is None else start
            end = ln.end
            continue
        if wrapped and is_upper_text(c):
            position, position_known = canonical_position(f"{wrapped} {c}")
            wrapped = ""
            end = ln.end
            continue
        wrapped = ""
        ranked, c = split_rank(c)
        if ranked and not _is_name(c):
            ranked, c = None, collapse(ln.content)
        in_capitals = is_upper_text(c) and start is not None and _is_name(c.title()) and c.upper() not in table["positions"] and position
        if name is None and _is_name(c) and not is_upper_text(c) or (in_capitals and c.title().split()[0] in surnames()):
            name = c if not is_upper_text(c) else c.title()
            rank = ranked
            prev = collapse(lines[k - 1].content) if k else ""
            if len(name.split()) <= 3 and prev in surnames():  # "Trần" / "Chí Hùng": a name wrapped in a narrow cell
                name = f"{prev} {name}"
            start = ln.start if start is None else start
            end = ln.end
            break
        if is_upper_text(c) and len(c) <= 60:
            spelled, known = canonical_position(c)
            if known or not position_known:  # a line OCR half read ("TƯỚNG") does not replace a known position
                position, position_known = spelled, known
                own_line = known
            start = ln.start if start is None else start
            end = ln.end
    return Signer(name=name, position=position, mode=mode, on_behalf_of=on_behalf, rank=rank), start, end


@cache
def _notes() -> set[str]:
    return {fold(n) for n in resources.load("signature")["recipient_notes"]}


def parse_recipient(text: str) -> tuple[str, str | None]:
    """"- Bộ Lao động-TB&XH (b/c);" → ("Bộ Lao động-TB&XH", "b/c")."""
    t = collapse(text).lstrip("-–•+ ").rstrip(" ;,.")
    note = None
    m = re.search(r"\(([^()]*)\)$", t)
    starts = tuple(resources.load("signature")["recipient_note_starts"])
    if m and (fold(m.group(1).strip("* ")) in _notes() or fold(m.group(1)).startswith(starts)):
        note = m.group(1).strip("* ")
        t = t[: m.start()].rstrip(" ;,")
    return t, note


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    doc = parsed.doc
    signer, s0, s1 = parse_signature(parsed.signature_lines)
    if s0 is not None:
        signer = signer.model_copy(update={"span": span_of(doc, s0, s1)})
    if parsed.signature_lines and not signer.name:
        part.warn("signer_name_missing", "a signature block without a legible name")
    table = resources.load("signature")
    words = (signer.name or "").split()
    if len(words) == 2 and words[0] in table["middle_names"]:
        where = " (hidden under the seal?)" if doc.raw.ocr else ""
        part.warn("signer_name_partial", f"the signer's name \"{signer.name}\" starts with a middle name: its family name may be missing{where}", signer.span)
    if signer.mode is None and signer.position and signer.position.startswith(table["deputy_prefix"]):
        signer = signer.model_copy(update={"mode": table["deputy_mode"]})
        part.warn("signer_mode_inferred", f"no authority mark read above \"{signer.position}\": a deputy signs {table['deputy_mode']} for the head")
    recipients: list[Recipient] = []
    archive = None
    heading = parsed.recipients_heading
    if heading is not None and not pattern("recipients_exact").match(heading.content):
        part.warn("recipients_heading_misread", f"the recipients' heading is read as \"{heading.content.strip()[:20]}\" (OCR or a damaged copy)",
                  span_of(doc, heading.start, heading.end))
    for ln in parsed.recipient_lines:
        body = ln.content.lstrip("-–•+ ")
        m = re.match(r"(?i)^lưu\s*:?\s*", body)
        if m:
            value = body[m.end() :].strip().rstrip(".;").strip()
            if value:
                archive = value
                start = ln.start + ln.content.index(body) + m.end()
                part.spans["archive"] = span_of(doc, start, start + len(value))
            continue
        name, note = parse_recipient(ln.content)
        if not name:
            continue
        start = ln.start + ln.content.index(name[:10]) if name[:10] in ln.content else ln.start
        recipients.append(Recipient(name=name, note=note, span=span_of(doc, start, ln.end)))
    part.fields.update(signer=signer, recipients=recipients, archive=archive)
    return part
