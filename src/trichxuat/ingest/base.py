"""Format detection from content and the dispatch to each format's reader (the readers import the
types they return from ``types.py``, never this module)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import InputError, UnsupportedFormatError
from .types import Limits, RawDocument

__all__ = ["Limits", "RawDocument", "detect_format", "read_bytes", "read_source"]


_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
]


def detect_format(data: bytes, name: str = "") -> str:
    """Decide the format from the bytes first, the file name second."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            if fmt == "zip":
                return "docx" if b"word/" in data[:65536] or name.lower().endswith(".docx") else "zip"
            return fmt
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"<body" in data[:65536].lower()):
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def read_source(path: str | os.PathLike, limits: Limits = Limits()) -> RawDocument:
    """Read a file into a RawDocument, or raise an InputError that names it and the problem."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "file does not exist")
    if p.is_dir():
        raise InputError(name, "is a directory, not a file (use `trichxuat extract DIR/*` or `batch`)")
    size = p.stat().st_size
    if size == 0:
        raise InputError(name, "file is empty (0 bytes)")
    if size > limits.max_bytes:
        raise InputError(
            name, f"file is too large ({size / 2**20:.1f} MiB > limit {limits.max_bytes / 2**20:.1f} MiB; raise it with --max-bytes)"
        )
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot be read: {e.strerror or e}") from None
    return read_bytes(data, name, limits)


def read_bytes(data: bytes, name: str, limits: Limits = Limits()) -> RawDocument:
    raw = _read(data, name, limits)
    if len(raw.text) > limits.max_chars:
        raise InputError(name, f"text is too long ({len(raw.text):,} characters > limit {limits.max_chars:,}; raise it with --max-chars)")
    from .encodings import detect, to_unicode

    legacy = detect(raw.text)
    if legacy:  # text typed in a legacy font, whatever the container (text, DOCX runs, a PDF layer)
        raw.text = to_unicode(raw.text, legacy)
        raw.notes.append(f"converted from the legacy {'TCVN3' if legacy == 'tcvn3' else 'VNI-Windows'} encoding")
    return raw


def _read(data: bytes, name: str, limits: Limits) -> RawDocument:
    from . import text as text_ingest

    if not data:
        raise InputError(name, "file is empty (0 bytes)")
    fmt = detect_format(data, name)
    sha = hashlib.sha256(data).hexdigest()
    if fmt in ("text", "markdown", "html") and len(data) > limits.max_text_bytes:
        raise InputError(
            name, f"is too large for a text document ({len(data) / 2**20:.1f} MiB > limit {limits.max_text_bytes / 2**20:.1f} MiB; raise it with --max-bytes)"
        )
    if fmt in ("text", "markdown"):
        raw, notes = text_ingest.decode_report(data, name)
        if fmt == "text" and text_ingest.looks_like_markdown(raw):
            fmt = "markdown"
        return RawDocument(text=raw, format=fmt, uri=name, sha256=sha, notes=notes)
    if fmt == "html":
        from .html import read_html

        return read_html(data, name, limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name, limits)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name, limits)
    if fmt == "doc":
        from .docx import read_doc

        return read_doc(data, name, limits)
    if fmt == "image":
        raise InputError(name, "is an image, not a document (OCR of images is not supported yet)")
    if fmt == "zip":
        raise InputError(name, "is a ZIP archive that is not a Word document")
    raise UnsupportedFormatError(
        name, f"{fmt.upper()} input is recognised but not supported by this version yet (text and Markdown are)"
    )
