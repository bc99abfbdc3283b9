"""What an extractor returns, and the one way to make a span."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..normalize import Document
from ..record import Span, Warning


@dataclass
class Part:
    """Fields of the record found by one extractor, with spans of plain-string fields and warnings."""

    fields: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, code: str, message: str, span: Span | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, span=span))


def span_of(doc: Document, start: int, end: int) -> Span:
    """A span of normalized text, with the page of its first character for paged sources."""
    return Span(start=start, end=end, page=doc.page_of(start))
