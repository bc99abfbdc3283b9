"""Pages per second of the born-digital PDF path against pdfplumber's bare extract_text, on the
same files in the same run (the ratio is what matters; absolute figures depend on the machine).

    python benchmarks/pdf_speed.py [PDF ...]     (default: the born-digital PDFs of corpora/dev-docs)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

from trichxuat.ingest.pdf import pdf_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT / "corpora" / "dev-docs").glob("hanoi-*.pdf"))


def pages_per_second(fn, files: list[Path], rounds: int) -> tuple[float, int]:
    pages = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for f in files:
            pages += fn(f)
    return pages / (time.perf_counter() - start), pages


def plumber(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def ours(path: Path) -> int:
    texts, n, _ = pdf_text(path.read_bytes(), str(path), 2000)
    return n


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or DEFAULT
    ours(files[0])  # warm up imports
    baseline, pages = pages_per_second(plumber, files, rounds=1)
    fast, _ = pages_per_second(ours, files, rounds=3)
    print(f"files: {', '.join(f.name for f in files)} ({pages} pages)")
    print(f"pdfplumber extract_text: {baseline:7.1f} pages/s")
    print(f"trichxuat PDF path:      {fast:7.1f} pages/s (pdfium layout; pdfplumber only for ruled tables)")
    print(f"ratio: {fast / baseline:.1f}x")


if __name__ == "__main__":
    main()
