"""Extractors: Parsed → parts of the record. One module per field group, each a pure function
``extract(parsed, prior) -> Part`` that reads the parsed document (and the parts extracted before
it, passed forward) and returns its fields, spans and warnings."""

from __future__ import annotations

from .base import Part, span_of

__all__ = ["Part", "span_of"]
