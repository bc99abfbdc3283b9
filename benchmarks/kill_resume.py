"""The archive-scale check of `trichxuat batch`: a replicated archive with broken files mixed in,
the batch killed with SIGKILL half-way (workers included), then rerun with --resume. Prints whether
every input ended with exactly one record or one error row, and no duplicate.

    python benchmarks/kill_resume.py [--docs 10000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from archive import build


def _count_lines(path: Path) -> int:
    return sum(1 for _ in path.open("rb")) if path.exists() else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive, out = Path(tmp) / "archive", Path(tmp) / "out" / "records.jsonl"
        counts = build(archive, args.docs)
        inputs = sorted(str(p) for p in archive.rglob("*") if p.is_file())
        print(f"archive: {len(inputs)} files ({counts['broken']} broken)")
        cmd = [sys.executable, "-m", "trichxuat.cli", "batch", str(archive), "-o", str(out), "-w", str(args.workers), "--no-progress"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        while _count_lines(out) < len(inputs) // 2 and proc.poll() is None:
            time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        first = time.perf_counter() - t0
        lines = _count_lines(out)
        print(f"killed with SIGKILL after {first:.0f} s: {lines} records, {_count_lines(out.with_name('errors.jsonl'))} error rows written")
        t1 = time.perf_counter()
        done = subprocess.run(cmd + ["--resume"], capture_output=True, text=True)
        print(f"resumed in {time.perf_counter() - t1:.0f} s (exit code {done.returncode}):")
        print("  " + done.stderr.strip().replace("\n", "\n  "))
        uris = Counter(json.loads(line)["source"]["uri"] for line in out.open(encoding="utf-8"))
        errors = Counter(json.loads(line)["file"] for line in out.with_name("errors.jsonl").open(encoding="utf-8"))
        both = set(uris) & set(errors)
        dup = [u for u, n in (uris + errors).items() if n > 1]
        missing = set(inputs) - set(uris) - set(errors)
        print(f"records {sum(uris.values())}, error rows {sum(errors.values())}, inputs {len(inputs)}")
        print(f"duplicates {len(dup)}, missing {len(missing)}, both a record and an error {len(both)}")
        ok = not dup and not missing and not both and sum(uris.values()) + sum(errors.values()) == len(inputs)
        print("OK: exactly one record or one error row per input" if ok else "FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
