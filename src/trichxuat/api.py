"""The Python API. It never prints; errors are TrichxuatError subclasses naming the input."""

from __future__ import annotations

import os
from pathlib import Path

from .ingest.base import Limits
from .normalize import normalize
from .pipeline import extract_path, extract_text
from .record import PlanRecord


def extract(path_or_text: str | os.PathLike, *, include_text: bool = False, limits: Limits = Limits()) -> PlanRecord:
    """Extract one document into a PlanRecord.

    A ``Path`` (or a one-line string naming an existing file) is read as a file; any other string
    is taken as the document's text.

    >>> record = extract("corpora/seeds/cualo-kh-ubnd-2024-tieu-du-an-1.txt")
    >>> record.issuer.name
    'Ủy ban nhân dân thị xã Cửa Lò'
    """
    if isinstance(path_or_text, os.PathLike):
        return extract_path(path_or_text, include_text=include_text, limits=limits)
    text = str(path_or_text)
    if "\n" not in text and len(text) < 4096:
        try:
            if Path(text).is_file():
                return extract_path(text, include_text=include_text, limits=limits)
        except (OSError, ValueError):
            pass
    return extract_text(text, include_text=include_text)


def normalized_text(path: str | os.PathLike, limits: Limits = Limits()) -> str:
    """The normalized text every span points into (what ``trichxuat text FILE`` prints)."""
    from .ingest import read_source

    return normalize(read_source(path, limits)).text
