"""The straight line: ingest → normalize → structure → extract → validate (→ export, in cli/api)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from . import ingest
from .extract import Part, span_of
from .extract import budget, citations, closing, header, issuer, portal, programs, quality, scope, targets, tasks
from .ingest.base import Limits, RawDocument
from .normalize import Document, normalize
from .record import PlanRecord, Section, Source, Warning
from .structure import Node, Parsed, parse
from .textnorm import collapse, strip_accents

Extractor = Callable[[Parsed, dict[str, Any]], Part]

# Order matters only where a later extractor reads an earlier one's fields (issuer reads issued,
# scope reads title, portal reads number): data flows forward.
EXTRACTORS: dict[str, Extractor] = {
    "header": header.extract,
    "issuer": issuer.extract,
    "scope": scope.extract,
    "citations": citations.extract,
    "tasks": tasks.extract,
    "budget": budget.extract,
    "programs": programs.extract,
    "targets": targets.extract,
    "closing": closing.extract,
    "portal": portal.extract,
    "quality": quality.extract,  # last: compares what the others read with the text
}

# Field groups that later issues extract; until then their empty values mean "not looked for".
NOT_EXTRACTED: list[str] = []

_SURROGATE = re.compile("[\ud800-\udfff]")

_FORMATS = {"text": "text", "markdown": "markdown", "html": "html", "pdf": "pdf", "docx": "docx"}


def extract_document(doc: Document, *, include_text: bool = False) -> PlanRecord:
    parsed = parse(doc)
    fields: dict[str, Any] = {"spans": {}}
    warnings: list[Warning] = []
    for extractor in EXTRACTORS.values():
        part = extractor(parsed, fields)
        fields.update(part.fields)
        fields["spans"].update(part.spans)
        warnings.extend(part.warnings)
    for region, read, repaired in parsed.repairs:
        warnings.append(Warning(code="outline_numbering_repaired", span=span_of(doc, region.start, region.end),
                                message=f"section \"{read}.\" breaks the numbering between its neighbours: read as \"{repaired}.\""))
    if not doc.text.strip():
        warnings.append(Warning(code="empty_text", message="the document has no text after normalization"))
    raw = doc.raw
    warnings[:0] = [Warning(code="ocr" if raw.ocr else "ingest", message=note) for note in raw.notes]
    source = Source(uri=raw.uri, format=_FORMATS.get(raw.format, "text"), sha256=raw.sha256, portal=doc.portal, pages=raw.pages, ocr=raw.ocr)
    return PlanRecord(
        id=record_id(fields, raw.sha256),
        source=source,
        sections=[_section(parsed, n) for n in parsed.outline if n.kind not in ("dash", "plus")],
        warnings=warnings,
        not_extracted=list(NOT_EXTRACTED),
        text=doc.text if include_text else None,
        **fields,
    )


def _section(parsed: Parsed, node: Node) -> Section:
    return Section(
        label=node.label,
        heading=collapse(node.heading.text(parsed.text)),
        level=node.level,
        children=[_section(parsed, c) for c in node.children if c.kind not in ("dash", "plus")],
        span=span_of(parsed.doc, node.start, node.end),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")


def record_id(fields: dict[str, Any], sha256: str) -> str:
    """Slug of place/issuer + number + date; the source hash when those are missing."""
    iss = fields.get("issuer")
    num = fields.get("number")
    issued = fields.get("issued")
    where = (iss and (iss.district or iss.province or iss.name)) or (issued and issued.place)
    number = num.raw if num and num.number else None
    when = issued and (issued.date or (issued.year and f"{issued.year}-{issued.month or 0:02d}"))
    if where and number and when:
        return _slug(f"{where} {number} {when}")
    if where and when:
        return _slug(f"{where} {when}") + "-" + sha256[:12]
    return "sha256-" + sha256[:16]


def extract_path(path: str | os.PathLike, *, include_text: bool = False, limits: Limits = Limits()) -> PlanRecord:
    raw = ingest.read_source(path, limits)
    return extract_document(normalize(raw), include_text=include_text)


def extract_text(text: str, *, uri: str | None = None, fmt: str = "text", include_text: bool = False) -> PlanRecord:
    import hashlib

    from .ingest.text import looks_like_markdown

    data = text.encode("utf-8", "surrogatepass")
    notes = []
    if _SURROGATE.search(text):  # a Python string can hold what no file can: lone UTF-16 halves
        n = len(_SURROGATE.findall(text))
        text = _SURROGATE.sub("\ufffd", text)  # one character for one: offsets are kept
        notes.append(f"{n} lone surrogate code point{'s' if n > 1 else ''} (not Unicode text) replaced by U+FFFD")
    if fmt == "text" and looks_like_markdown(text):
        fmt = "markdown"
    raw = RawDocument(text=text, format=fmt, uri=uri, sha256=hashlib.sha256(data).hexdigest(), notes=notes)
    return extract_document(normalize(raw), include_text=include_text)
