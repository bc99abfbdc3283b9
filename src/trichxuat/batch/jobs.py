"""What a batch works on: the inputs resolved to files, and what each one yields."""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..inputs import DOCUMENT_SUFFIXES, SKIPPED_NAMES


@dataclass(frozen=True)
class Job:
    index: int  # position in the input order (what --sorted sorts by)
    path: str  # as the user gave it, or joined to the folder/manifest it came from; becomes source.uri
    include_text: bool = False  # add the normalized text to the record (the service's include_text=true)


@dataclass
class Outcome:
    """Exactly one per job: a record (as JSON) or an error row."""

    index: int
    path: str
    sha256: str | None = None
    record_json: str | None = None
    warnings: list[str] = field(default_factory=list)  # warning codes of the record
    stage: str | None = None  # where it failed: ingest, normalize, structure, extract, limits, worker
    error_type: str | None = None
    message: str | None = None
    seconds: float = 0.0
    rss_mb: float | None = None  # the worker's peak resident memory so far (None when it was killed)

    @property
    def ok(self) -> bool:
        return self.record_json is not None

    def error_row(self) -> dict:
        """The row of errors.jsonl: file, sha256, stage, error_type, message, seconds."""
        return {
            "file": self.path, "sha256": self.sha256, "stage": self.stage, "error_type": self.error_type,
            "message": self.message, "seconds": round(self.seconds, 3),
        }


@dataclass
class Skipped:
    path: str
    reason: str


def sha256_of(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _is_document(p: Path) -> bool:
    return p.suffix.lower() in DOCUMENT_SUFFIXES and p.name.lower() not in SKIPPED_NAMES and not p.name.endswith(".gold.json")


def _escapes(p: Path, root: Path, skipped: list[Skipped]) -> bool:
    """A symlink whose target lies outside the tree the user named (recorded as skipped)."""
    if not p.is_symlink():
        return False
    target = p.resolve()
    if target.is_relative_to(root.resolve()):
        return False
    skipped.append(Skipped(str(p), f"symlink to {target}, outside {root} (use --follow-symlinks)"))
    return True


def _walk(root: Path, follow_symlinks: bool, skipped: list[Skipped]) -> Iterator[Path]:
    """Documents under a folder, sorted. Symlinks pointing out of the folder are skipped unless asked."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if _is_document(p) and (follow_symlinks or not _escapes(p, root, skipped)):
                yield p


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = parts[: next((i for i, x in enumerate(parts) if glob.has_magic(x)), len(parts))]
    return Path(*fixed) if fixed else Path(".")


def manifest_paths(manifest: Path) -> Iterator[Path]:
    """Files of a scraper archive: rows of manifest.jsonl that were fetched, in the manifest's order."""
    base = manifest.parent
    with manifest.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if row.get("path") and row.get("error") is None and row.get("kind", "document") in ("document", "attachment"):
                yield base / row["path"]


def collect(inputs: list[str], *, follow_symlinks: bool = False) -> tuple[list[Job], list[Skipped]]:
    """Files, folders, globs and archive manifests → jobs in a stable order, each file once.

    A path that does not exist is still a job (it becomes an error row naming it), so that a typo
    is reported rather than silently dropped.
    """
    skipped: list[Skipped] = []
    paths: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            paths.extend(str(q) for q in _walk(p, follow_symlinks, skipped))
        elif p.name == "manifest.jsonl" and p.is_file():
            paths.extend(str(q) for q in manifest_paths(p))
        elif not p.exists() and glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                skipped.append(Skipped(item, "the pattern matches no file"))
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    paths.extend(str(q) for q in _walk(mp, follow_symlinks, skipped))
                elif _is_document(mp) and (follow_symlinks or not _escapes(mp, _glob_root(item), skipped)):
                    paths.append(m)
        else:
            paths.append(item)
    seen: set[str] = set()
    jobs: list[Job] = []
    for path in paths:
        key = os.path.normpath(path)
        if key in seen:
            continue
        seen.add(key)
        jobs.append(Job(len(jobs), path))
    return jobs, skipped
