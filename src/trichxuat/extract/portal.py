"""The attribute block of a legal-portal page ("Số hiệu: … Loại văn bản: …") → portal_metadata."""

from __future__ import annotations

import re
from typing import Any

from .. import resources
from ..record import PortalMetadata
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
        values[labels[m.group("label")]] = value or None
    meta = PortalMetadata(**values, span=span_of(parsed.doc, region.start, region.end))
    number = prior.get("number")
    if meta.number and number is not None and number.raw and number.number and fold(meta.number) != fold(number.raw):
        part.warn(
            "portal_metadata_disagrees",
            f"the portal gives number {meta.number}, the document {number.raw}",
            meta.span,
        )
    part.fields["portal_metadata"] = meta
    return part
