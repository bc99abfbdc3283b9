"""The typed value every ingester returns, and the input limits every ingester honours."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Resource limits that protect a laptop from a pathological input."""

    max_bytes: int = 64 * 1024 * 1024  # any input (scanned PDFs are large)
    max_text_bytes: int = 16 * 1024 * 1024  # text, Markdown and HTML
    max_chars: int = 5_000_000  # characters of text after ingestion, whatever the format
    max_pages: int = 500  # PDF pages
    ocr_pages: int = 60  # pages read by OCR in one file
    max_inflate_ratio: int = 200  # DOCX: inflated size / file size above this is a zip bomb
    max_inflated_bytes: int = 512 * 1024 * 1024  # DOCX: inflated size, whatever the ratio
    max_html_depth: int = 400  # HTML element nesting


@dataclass
class RawDocument:
    """Text as the source gives it, before normalization, with where it came from."""

    text: str
    format: str  # text | markdown | html | pdf | docx
    uri: str | None
    sha256: str
    pages: int | None = None
    # start offset of each page in ``text`` (for paged formats)
    page_starts: list[int] = field(default_factory=list)
    ocr: bool = False
    notes: list[str] = field(default_factory=list)  # what ingestion did that the record should warn about
