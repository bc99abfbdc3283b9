"""Render full gold documents of corpora/ in the layouts users' archives hold them in, for the
rendering harness (tests/test_renderings.py): each rendering is scored against its original's gold.

    python corpora/renderings/render_layouts.py        # from the repository's root; needs poppler-utils

Made once and committed (the files beside this script, listed in manifest.json), so that CI does not
need the converters. Renderings:
- ``pdftotext-layout``: poppler's ``pdftotext -layout``, the way most people turn a PDF into text:
  two-column header and signature blocks as lines interleaved by runs of spaces, centred titles,
  page numbers and form feeds;
- ``pdftotext``: plain ``pdftotext`` (reading order, one column after the other);
- ``crawl``: a crawl of a portal page that kept the HTML's line wrapping: every paragraph wrapped at
  78 characters with CRLF line ends and no blank lines between paragraphs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent

# original (relative to corpora/) → the renderings made of it
SOURCES = {
    "dev-docs/hanoi-173-kh-ubnd-2026-festival.pdf": ["pdftotext-layout", "pdftotext"],
    "dev-docs/hanoi-2280-qd-ubnd-2026-ke-hoach-thoat-nuoc.pdf": ["pdftotext-layout", "pdftotext"],
    "docs/hcm-172-kh-ubnd-2025-luat-viec-lam.md": ["crawl"],
    "docs/hanoi-308-kh-ubnd-2025-du-lieu-chuyen-doi-so.md": ["crawl"],
    "seeds/cualo-kh-ubnd-2024-tieu-du-an-1.txt": ["crawl"],
}


def crawl(text: str) -> str:
    out = []
    for para in text.replace("\r\n", "\n").split("\n"):
        if para.strip():
            out.extend(textwrap.wrap(para.strip(), 78, break_long_words=False, break_on_hyphens=False))
    return "\r\n".join(out) + "\r\n"


def render(source: Path, kind: str) -> str:
    if kind == "pdftotext-layout":
        return subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True, check=True).stdout
    if kind == "pdftotext":
        return subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True, check=True).stdout
    if kind == "crawl":
        return crawl(source.read_text(encoding="utf-8"))
    raise ValueError(kind)


def main() -> int:
    if shutil.which("pdftotext") is None:
        print("render_layouts: pdftotext not found (apt-get install poppler-utils)", file=sys.stderr)
        return 1
    manifest = {}
    for rel, kinds in SOURCES.items():
        source = CORPORA / rel
        stem = source.name[: -len(source.suffix)]
        for kind in kinds:
            name = f"{stem}.{kind}.txt"
            (HERE / name).write_bytes(render(source, kind).encode("utf-8"))
            shutil.copyfile(source.with_name(stem + ".gold.json"), HERE / f"{stem}.{kind}.gold.json")
            manifest[name] = {"original": rel, "rendering": kind}
            print(f"{name}  ←  {rel}")
    old = json.loads((HERE / "manifest.json").read_text(encoding="utf-8")) if (HERE / "manifest.json").exists() else {}
    old.update(manifest)
    (HERE / "manifest.json").write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
