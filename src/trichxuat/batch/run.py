"""The batch: inputs → exactly one record or one error row each, resumable, in any engine."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .engines import run_dask, run_local
from .jobs import Job, Outcome, Skipped, collect, sha256_of
from .output import JsonlSink, read_lines, repair, rewrite
from .worker import WorkerLimits


@dataclass
class BatchOptions:
    output: Path
    errors: Path | None = None  # default: errors.jsonl beside the output
    workers: int = 0  # 0: one per core
    resume: bool = False
    retry_errors: bool = True  # on resume, extract again the files that failed last time
    sort: bool = False
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    follow_symlinks: bool = False
    limits: WorkerLimits = field(default_factory=WorkerLimits)

    @property
    def errors_path(self) -> Path:
        return self.errors or self.output.with_name("errors.jsonl")

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass
class Summary:
    inputs: int = 0
    done: int = 0
    failed: int = 0
    resumed: int = 0  # already in the output, not extracted again
    not_inputs: list[Skipped] = field(default_factory=list)  # folders' entries left out (outside symlinks, ...)
    warnings: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    interrupted: bool = False
    peak_rss_mb: float = 0.0  # the largest peak resident memory of any worker process

    @property
    def processed(self) -> int:
        return self.done + self.failed


Progress = Callable[[Summary, Outcome | None], None]


def run_batch(
    inputs: list[str], options: BatchOptions, progress: Progress | None = None,
    collected: tuple[list[Job], list[Skipped]] | None = None,
) -> Summary:
    """``collected``: the inputs already resolved by ``collect`` (the CLI counts them first)."""
    jobs, not_inputs = collected or collect(inputs, follow_symlinks=options.follow_symlinks)
    summary = Summary(inputs=len(jobs), not_inputs=not_inputs)
    records_path, errors_path = options.output, options.errors_path
    done_keys: set[tuple[str, str]] = set()
    failed_keys: set[tuple[str, str]] = set()
    if options.resume:
        repair(records_path)
        repair(errors_path)
        for row in read_lines(records_path):
            src = row.get("source") or {}
            done_keys.add((os.path.normpath(src.get("uri") or ""), src.get("sha256") or ""))
        current = {os.path.normpath(j.path) for j in jobs}
        if options.retry_errors:
            # the rows of files about to be tried again go; rows of other inputs stay
            rewrite(errors_path, keep=lambda r: os.path.normpath(r.get("file") or "") not in current)
        else:
            failed_keys = {(os.path.normpath(r.get("file") or ""), r.get("sha256") or "") for r in read_lines(errors_path)}
    records = JsonlSink(records_path, append=options.resume)
    errors = JsonlSink(errors_path, append=options.resume)
    t0 = time.perf_counter()

    def pending() -> Iterator[Job]:
        for job in jobs:
            if done_keys or failed_keys:
                key = (os.path.normpath(job.path), sha256_of(job.path) or "")
                if key in done_keys or key in failed_keys:
                    summary.resumed += 1
                    if progress:
                        progress(summary, None)
                    continue
            yield job

    def emit(out: Outcome) -> None:
        if out.rss_mb:
            summary.peak_rss_mb = max(summary.peak_rss_mb, out.rss_mb)
        if out.ok:
            records.write_json(out.record_json)
            summary.done += 1
            summary.warnings.update(out.warnings)
        else:
            if out.sha256 is None:
                out.sha256 = sha256_of(out.path)
            errors.write(out.error_row())
            summary.failed += 1
            summary.errors[out.error_type or "Error"] += 1
        if progress:
            progress(summary, out)

    try:
        if options.engine == "dask":
            run_dask(pending(), options.worker_count, options.limits, emit, options.scheduler)
        else:
            run_local(pending(), options.worker_count, options.limits, emit)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        records.close()
        errors.close()
        summary.seconds = time.perf_counter() - t0
    if options.sort and not summary.interrupted:
        order = {os.path.normpath(j.path): j.index for j in jobs}
        last = len(order)
        rewrite(records_path, key=lambda r: order.get(os.path.normpath((r.get("source") or {}).get("uri") or ""), last))
        rewrite(errors_path, key=lambda r: order.get(os.path.normpath(r.get("file") or ""), last))
    return summary
