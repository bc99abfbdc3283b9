"""The long fuzzing run: each target for --seconds, on inputs mutated from the corpus. Prints
executions, time, and every failure (exception or broken invariant), saving the input that caused
it under tests/fuzz/crashes/ so that it can become a regression test.

    python -m tests.fuzz.run [--seconds 120] [--seed 1] [--target pipeline ...]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
import traceback
from pathlib import Path

from .harness import TARGETS, make_input, run_one

CRASHES = Path(__file__).resolve().parent / "crashes"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=120, help="per target")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", action="append", choices=list(TARGETS))
    ap.add_argument("--slow", type=float, default=20.0, help="an input that takes longer than this (s) is reported")
    args = ap.parse_args()
    total_runs, total_failures = 0, 0
    for target in args.target or list(TARGETS):
        rng = random.Random(f"{args.seed}-{target}")
        runs, failures, slow, seen = 0, 0, 0, set()
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < args.seconds:
            data = make_input(target, rng)
            start = time.perf_counter()
            try:
                run_one(target, data)
            except Exception as e:  # noqa: BLE001 - a failure is what we are looking for
                where = traceback.extract_tb(e.__traceback__)[-1]
                key = (type(e).__name__, Path(where.filename).name, where.lineno)
                failures += 1
                if key not in seen:
                    seen.add(key)
                    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
                    CRASHES.mkdir(exist_ok=True)
                    path = CRASHES / f"{target}-{hashlib.sha256(raw).hexdigest()[:12]}"
                    path.write_bytes(raw)
                    print(f"  {target}: {type(e).__name__}: {str(e)[:120]} at {key[1]}:{key[2]} -> {path}")
            took = time.perf_counter() - start
            if took > args.slow:
                slow += 1
                print(f"  {target}: an input took {took:.1f} s")
            runs += 1
        elapsed = time.perf_counter() - t0
        print(f"{target:<12} {runs:7,d} executions in {elapsed:6.1f} s ({runs / elapsed:7.1f}/s), {failures} failures ({len(seen)} distinct), {slow} slow")
        total_runs += runs
        total_failures += failures
    print(f"total: {total_runs:,} executions, {total_failures} failures")
    raise SystemExit(1 if total_failures else 0)


if __name__ == "__main__":
    main()
