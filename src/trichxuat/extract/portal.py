"""The attribute block of a legal-portal page ("Số hiệu: … Loại văn bản: …") → portal_metadata."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .. import resources
from ..record import DocumentType, Issued, PortalMetadata, Signer
from ..structure import Parsed
from ..textnorm import fold
from .base import Part, span_of


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    if not parsed.portal_block or not parsed.doc.portal:
        part.fields["portal_metadata"] = None
        return part
    labels: dict[str, str] = resources.load("portal")["portals"][parsed.doc.portal]["attributes"]
    region = parsed.portal_block
    block = region.text(parsed.text)
    label_re = re.compile(r"(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*:\s*")
    found = list(label_re.finditer(block))
    values: dict[str, Any] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(block)
        value = block[m.end() : end].strip()
        nl = value.find("\n")
        value = (value[:nl] if nl >= 0 else value).strip()
        key = labels[m.group("label")]
        if key:  # a label the record has no field for ("Ngày hết hiệu lực") is read past
            values.setdefault(key, value or None)
    meta = PortalMetadata(**values, span=span_of(parsed.doc, region.start, region.end))
    number = prior.get("number")
    if meta.number and number is not None and number.raw and number.number and fold(meta.number) != fold(number.raw):
        part.warn(
            "portal_metadata_disagrees",
            f"the portal gives number {meta.number}, the document {number.raw}",
            meta.span,
        )
    part.fields["portal_metadata"] = meta
    _fill_from_metadata(meta, prior, part)
    return part


def _fill_from_metadata(meta: PortalMetadata, prior: dict[str, Any], part: Part) -> None:
    """Header fields the text lacks (a page that dropped the number line or the signature) taken from
    the page's own attribute panel, each with a warning: the value is the portal's, not the document's."""
    from .header import parse_number

    filled = []
    doc_type = prior.get("document_type")
    if meta.doc_type and (doc_type is None or not doc_type.name):  # a letter (Công văn) has no type-name line
        entry = next((t for t in resources.load("doc_types") if fold(t["name"]) == fold(meta.doc_type)), None)
        if entry:
            part.fields["document_type"] = DocumentType(name=entry["name"], code=entry.get("code"), span=meta.span)
            filled.append(f"type {entry['name']}")
    number = prior.get("number")
    if meta.number and (number is None or not number.raw):
        found = parse_number("Số: " + meta.number)
        if found:
            part.fields["number"] = found.model_copy(update={"span": meta.span})
            filled.append(f"number {meta.number}")
    issued = prior.get("issued")
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", (meta.issued_date or "").strip())
    if m and (issued is None or issued.year is None):
        d, mo, y = (int(x) for x in m.groups())
        try:
            part.fields["issued"] = Issued(date=date(y, mo, d).isoformat(), year=y, month=mo, day=d, span=meta.span)
            filled.append(f"date {meta.issued_date}")
        except ValueError:
            pass
    signer = prior.get("signer")
    if meta.signer and (signer is None or not signer.name) and re.fullmatch(r"[^\W\d_]+(?:\s+[^\W\d_]+){1,4}", meta.signer):
        base = signer.model_dump(exclude={"span"}) if signer is not None else {}
        part.fields["signer"] = Signer(**{**base, "name": meta.signer}, span=meta.span)
        filled.append(f"signer {meta.signer}")
    if filled:
        part.warn("header_from_portal_metadata", "not in the document's text, taken from the page's attribute panel: " + ", ".join(filled), meta.span)
