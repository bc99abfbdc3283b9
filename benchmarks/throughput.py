"""Batch throughput: docs/s and peak memory per worker, for 1 and 2 local workers and the Dask
engine (a LocalCluster of 2 processes), against a baseline measured in the same run: underthesea's
``word_tokenize`` alone on the same normalized text, in one process. The ratio says what the whole
pipeline (ingest, normalize, structure, every extractor, validation, output) costs over bare word
segmentation, the one step no Vietnamese extractor can skip.

    python benchmarks/throughput.py [--docs 2000] [--no-dask]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from archive import build, corpus_documents


def baseline(docs: int) -> float:
    """Seconds that word_tokenize takes on the normalized text of ``docs`` archive documents."""
    from underthesea import word_tokenize

    from trichxuat.api import normalized_text

    sources = corpus_documents()
    texts = [normalized_text(p) for p in sources]
    word_tokenize(texts[0])  # load
    t0 = time.perf_counter()
    for i in range(docs):
        word_tokenize(texts[i % len(texts)])
    return time.perf_counter() - t0


def run(archive: Path, workers: int, engine: str) -> tuple[float, float, int]:
    from trichxuat.batch import BatchOptions, run_batch

    with tempfile.TemporaryDirectory() as out:
        s = run_batch([str(archive)], BatchOptions(output=Path(out) / "records.jsonl", workers=workers, engine=engine))
        assert s.processed == s.inputs, s
        return s.seconds, s.peak_rss_mb, s.done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        counts = build(archive, args.docs, broken_every=0)
        print(f"archive: {counts['documents']} documents (the {len(corpus_documents())} non-OCR corpus documents replicated), {os.cpu_count()} cores")
        base = baseline(args.docs)
        print(f"baseline  word_tokenize only, 1 process: {args.docs / base:8.1f} docs/s")
        runs = [("local", 1), ("local", 2)] + ([] if args.no_dask else [("dask", 2)])
        rates = {}
        for engine, workers in runs:
            seconds, rss, done = run(archive, workers, engine)
            rates[(engine, workers)] = done / seconds
            print(
                f"{engine:<6}{workers} worker{'s' if workers > 1 else ' '}: {done / seconds:8.1f} docs/s  "
                f"peak RSS per worker {rss:6.0f} MB  time/baseline {seconds / base:5.2f}x"
            )
        print(f"scaling 2 vs 1 local workers: {rates[('local', 2)] / rates[('local', 1)]:.2f}x")
        if ("dask", 2) in rates:
            print(f"dask 2 vs local 2 workers: {rates[('dask', 2)] / rates[('local', 2)]:.2f}x")


if __name__ == "__main__":
    main()
