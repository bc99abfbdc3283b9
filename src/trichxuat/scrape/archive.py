"""The archive a crawl writes: one file per fetched resource, named by its content hash, and
manifest.jsonl, one whole line per URL visited. A killed crawl leaves at most an orphan file (the
same content fetched again lands on the same name) and never a half line."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..batch.output import JsonlSink, read_lines, repair
from ..ingest.base import detect_format

_EXT = {"pdf": ".pdf", "docx": ".docx", "doc": ".doc", "html": ".html", "text": ".txt", "markdown": ".md", "zip": ".zip", "image": ".img"}


@dataclass
class ManifestRow:
    url: str
    kind: str  # listing | document | attachment
    portal: str
    listing: str | None = None  # the listing page (or document page, for attachments) it was found on
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    sha256: str | None = None
    size: int | None = None
    path: str | None = None  # relative to the archive folder
    fetched_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.path is not None


class Archive:
    def __init__(self, root: Path):
        self.root = root
        self.manifest_path = root / "manifest.jsonl"
        root.mkdir(parents=True, exist_ok=True)
        repair(self.manifest_path)
        self.rows: dict[str, ManifestRow] = {}
        fields = set(ManifestRow.__dataclass_fields__)
        for row in read_lines(self.manifest_path):
            if isinstance(row, dict) and "url" in row and "kind" in row and "portal" in row:
                self.rows[row["url"]] = ManifestRow(**{k: v for k, v in row.items() if k in fields})
        self._sink = JsonlSink(self.manifest_path, append=True)

    def done(self, url: str) -> ManifestRow | None:
        row = self.rows.get(url)
        return row if row is not None and row.ok and (self.root / row.path).is_file() else None

    def save(self, body: bytes, url: str) -> tuple[str, str]:
        """Write the body under files/<sha[:2]>/<sha><ext>; the name never comes from the URL or headers."""
        sha = hashlib.sha256(body).hexdigest()
        ext = _EXT.get(detect_format(body[:65536], ""), ".bin")
        rel = f"files/{sha[:2]}/{sha}{ext}"
        path = self.root / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(body)
            os.replace(tmp, path)
        return rel, sha

    def record(self, row: ManifestRow) -> None:
        if row.fetched_at is None:
            row.fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.rows[row.url] = row
        self._sink.write(asdict(row))

    def close(self) -> None:
        """Compact the manifest to the latest row per URL (a retried failure is superseded by its
        success), through a temporary file and an atomic rename."""
        self._sink.close()
        last: dict[str, dict] = {}
        for row in read_lines(self.manifest_path):
            if isinstance(row, dict) and "url" in row:
                last.pop(row["url"], None)
                last[row["url"]] = row
        tmp = self.manifest_path.with_name("manifest.jsonl.tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for row in last.values():
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.manifest_path)
