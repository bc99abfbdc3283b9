"""Tracing one parent over a large `batch --db` database (issue #20: "seconds, not minutes").

    python benchmarks/trace.py [--records 2000]

Builds a DuckDB database of N records the way `batch --db` writes it: the plan family of
corpora/trace (the parent 03/NQ-CP, its nine children, four other documents) once, and copies of
the records of corpora/seeds and corpora/tvpl-excerpts (each copy its own file, so its own row) up to
N. Then, in the same run:

- baseline: reading every record back from the database (what any command over the database does);
- trace: `trichxuat trace 03/NQ-CP DB` in-process (read, find the children, align, write
  trace_links), and the same command as a subprocess (adds interpreter and import start-up);
- the same on a second database where the nine children are copied as if every province had one
  (about 100 children): the alignment's cost grows with the children's tasks.

Prints seconds, the ratio trace / baseline and the peak memory, and checks that the nine children are found among
the N records.
"""

from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACE = ROOT / "corpora" / "trace"


def records(n: int, child_copies: int = 0) -> list[dict]:
    from trichxuat import extract

    family = [TRACE / "cp-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md", *sorted((TRACE / "children").glob("*.md")), *sorted((TRACE / "others").glob("*.md"))]
    filler = [*sorted((ROOT / "corpora" / "seeds").glob("*.*")), *sorted((ROOT / "corpora" / "tvpl-excerpts").glob("*.txt"))]
    filler = [p for p in filler if p.suffix in (".txt", ".md") and not p.name.endswith(".gold.json")]
    out = [extract(p).model_dump(mode="json") for p in family]
    base = [extract(p).model_dump(mode="json") for p in filler]
    children = out[1:10]  # a national programme has a child in every province: copies of the nine, each its own file
    for c in range(child_copies):
        for r in children:
            r = copy.deepcopy(r)
            r["source"]["uri"] = f"provinces/copy-{c:03d}/{r['source']['uri'].rsplit('/', 1)[-1]}"
            out.append(r)
    i = 0
    while len(out) < n:
        r = copy.deepcopy(base[i % len(base)])
        r["source"]["uri"] = f"archive/copy-{i:05d}/{r['source']['uri'].rsplit('/', 1)[-1]}"
        out.append(r)
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--child-copies", type=int, default=11, help="copies of the nine children in the second database (a programme with ~100 children)")
    args = ap.parse_args()

    import duckdb

    from trichxuat.cli import _records_from_db
    from trichxuat.database import load, write_trace
    from trichxuat.trace import trace

    t = time.perf_counter()
    recs = records(args.records)
    print(f"extracted the family and the filler, built {len(recs)} records in {time.perf_counter() - t:.1f} s")
    with tempfile.TemporaryDirectory(prefix="trichxuat-trace-bench-") as tmp:
        db = Path(tmp) / "plans.duckdb"
        load(recs, db=db).close()
        print(f"database: {db.stat().st_size / 1e6:.1f} MB, {len(recs)} plans")

        t = time.perf_counter()
        loaded = _records_from_db(db, None)
        baseline = time.perf_counter() - t

        t = time.perf_counter()
        tr = trace("03/NQ-CP", _records_from_db(db, None))
        with duckdb.connect(str(db)) as con:
            written = write_trace(con, tr)
        in_process = time.perf_counter() - t

        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "trichxuat.cli", "trace", "03/NQ-CP", str(db), "--csv", str(Path(tmp) / "csv")], capture_output=True, text=True)
        command = time.perf_counter() - t
        if proc.returncode != 0:
            sys.exit(f"trichxuat trace failed: {proc.stderr[-500:]}")

    many = records(args.records, args.child_copies)
    with tempfile.TemporaryDirectory(prefix="trichxuat-trace-bench-") as tmp:
        db = Path(tmp) / "plans.duckdb"
        load(many, db=db).close()
        t = time.perf_counter()
        busy = trace("03/NQ-CP", _records_from_db(db, None))
        many_children = time.perf_counter() - t

    assert len(loaded) == len(recs)
    print(f"children found: {len(tr.children)} (expected 9); links: {written['trace_links']}")
    print(f"baseline  read {len(recs)} records from the database: {baseline:6.2f} s")
    print(f"trace     in-process (read + children + align + write): {in_process:6.2f} s   ratio {in_process / baseline:5.2f} x baseline")
    print(f"trace     the command, as a subprocess:                 {command:6.2f} s   ratio {command / baseline:5.2f} x baseline")
    import resource

    print(f"peak memory of this process (extraction of the family included): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"trace     a programme with {len(busy.children)} children among {len(many)} records (in-process): {many_children:6.2f} s   ratio {many_children / baseline:5.2f} x baseline")
    if len(tr.children) != 9:
        sys.exit("the nine children were not all found")


if __name__ == "__main__":
    main()
