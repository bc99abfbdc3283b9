"""Peak memory (max RSS) of extraction, against a baseline measured in the same run: a process that
only imports trichxuat and extracts one short document (models and tables loaded, nothing more).
A ratio near 1 for the whole corpus means memory does not grow with the number of files.

    python benchmarks/memory.py [FILE ...]     (default: every non-OCR document under corpora/)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".md", ".html", ".docx"}

CHILD = """
import resource, sys
import trichxuat
for f in sys.argv[1:]:
    trichxuat.extract(__import__("pathlib").Path(f))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_mb(files: list[Path]) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, *map(str, files)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or sorted(
        p for p in (ROOT / "corpora").rglob("*") if p.suffix in SUFFIXES and p.name != "README.md"
    )
    files += sorted((ROOT / "corpora" / "dev-docs").glob("hanoi-*.pdf")) if not sys.argv[1:] else []
    smallest = min(files, key=lambda p: p.stat().st_size)
    base = peak_mb([smallest])
    whole = peak_mb(files)
    size = sum(p.stat().st_size for p in files) / 1e6
    print(f"baseline (one file, {smallest.name}): {base:7.1f} MB peak RSS")
    print(f"all {len(files)} files ({size:.1f} MB on disk):  {whole:7.1f} MB peak RSS")
    print(f"ratio: {whole / base:.2f}x")


if __name__ == "__main__":
    main()
