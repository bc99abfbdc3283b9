"""JSON Lines outputs that survive a crash: whole lines only, repaired on resume, sorted on request."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path


def repair(path: Path) -> int:
    """Cut a trailing partial line left by a killed run; returns the number of bytes removed."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as f:
        # find the last newline, reading backwards in blocks
        pos = size
        block = 1 << 16
        while pos > 0:
            start = max(0, pos - block)
            f.seek(start)
            chunk = f.read(pos - start)
            i = chunk.rfind(b"\n")
            if i >= 0:
                end = start + i + 1
                break
            pos = start
        else:
            end = 0
        if end < size:
            f.truncate(end)
        return size - end


def read_lines(path: Path) -> Iterator[dict]:
    """Parsed rows of a JSON Lines file; a line that is not JSON is skipped (it cannot be trusted)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue


class JsonlSink:
    """Appends whole lines with one write each, flushed, so a kill loses at most the line in flight."""

    def __init__(self, path: Path, *, append: bool):
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC)
        self.path = path
        self.fd = os.open(path, flags, 0o644)
        self.lines = 0

    def write_json(self, line: str) -> None:
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]
        self.lines += 1

    def write(self, row: dict) -> None:
        self.write_json(json.dumps(row, ensure_ascii=False))

    def sync(self) -> None:
        os.fsync(self.fd)

    def close(self) -> None:
        if self.fd >= 0:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = -1


def rewrite(path: Path, keep: Callable[[dict], bool] | None = None, key: Callable[[dict], object] | None = None) -> None:
    """Rewrite a JSON Lines file through a temporary file and an atomic rename (filter and/or sort)."""
    if not path.exists():
        return
    rows: list[tuple[object, str]] = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if keep is None or keep(row):
                rows.append(((key(row) if key else 0, i), line.rstrip("\n")))
    if key is not None:
        rows.sort(key=lambda r: r[0])
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for _, line in rows:
            f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
