"""What an extractor returns, and the one way to make a span."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
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


class Covered:
    """Regions of the text already read (tasks, sections): "is this offset inside one?" in log time,
    so that a pass over every line does not rescan every region (plans with 100,000 bullets)."""

    def __init__(self, regions: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for a, b in sorted(regions):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]
