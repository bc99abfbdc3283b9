"""What a command's INPUT arguments mean: files, folders of documents, or files of records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".doc"}
SKIPPED_NAMES = {"readme.md", "readme.txt", "sources.md"}


def documents(paths: list[Path]) -> Iterator[Path]:
    """Files as given; folders searched (sorted) for documents, skipping READMEs and gold files."""
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and p.name.lower() not in SKIPPED_NAMES:
                    yield p
        else:
            yield path


def is_record_file(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".json") and not path.name.endswith(".gold.json")


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Records from JSON Lines (one per line) or a JSON file (one record or a list)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".jsonl":
        for i, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{i}: not a JSON record ({e.msg})") from None
        return
    data = json.loads(text)
    yield from data if isinstance(data, list) else [data]
