"""Ingest: bytes of a source file → RawDocument. One module per format."""

from __future__ import annotations

from .base import Limits, RawDocument, detect_format, read_source

__all__ = ["Limits", "RawDocument", "detect_format", "read_source"]
