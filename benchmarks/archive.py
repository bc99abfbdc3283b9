"""Build a test archive: the corpus documents that need no OCR, replicated to N files, with a few
empty, truncated and mislabelled files mixed in (what a scraped archive looks like).

    python benchmarks/archive.py OUT_DIR [--docs 10000]

Copies keep their content (distinct paths are distinct inputs; the batch keys on path + sha256),
and are spread over sub-folders of 500 files, as archives are.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".md", ".docx", ".pdf"}


def corpus_documents() -> list[Path]:
    """Every corpus document that reads without OCR (the scan and the legacy-font PDF are left out)."""
    out = []
    for p in sorted((ROOT / "corpora").rglob("*")):
        if p.suffix in SUFFIXES and p.name != "README.md" and "SCANNED" not in p.name and "laocai-dkt-1105" not in p.name:
            out.append(p)
    return out


def build(out: Path, docs: int, broken_every: int = 500) -> dict[str, int]:
    """Write ``docs`` files; every ``broken_every``-th is broken (empty, truncated PDF, or PNG named .pdf)."""
    sources = corpus_documents()
    pdf = next(p for p in sources if p.suffix == ".pdf")
    counts = {"documents": 0, "broken": 0}
    for i in range(docs):
        folder = out / f"part-{i // 500:04d}"
        if i % 500 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        if broken_every and i % broken_every == broken_every - 1:
            kind = (i // broken_every) % 3
            if kind == 0:
                (folder / f"{i:06d}-empty.txt").write_bytes(b"")
            elif kind == 1:
                (folder / f"{i:06d}-truncated.pdf").write_bytes(pdf.read_bytes()[:2000])
            else:
                (folder / f"{i:06d}-image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
            counts["broken"] += 1
            continue
        src = sources[i % len(sources)]
        shutil.copyfile(src, folder / f"{i:06d}-{src.name}")
        counts["documents"] += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=10_000)
    args = ap.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        raise SystemExit(f"{args.out} is not empty")
    counts = build(args.out, args.docs)
    print(f"{args.out}: {counts['documents']} documents and {counts['broken']} broken files")


if __name__ == "__main__":
    main()
