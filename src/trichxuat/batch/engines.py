"""Where the work runs: a local pool of watched processes, or a Dask distributed cluster.

Both take jobs in and hand every Outcome to ``emit`` as it arrives; the limits and error rows are
the same because both go through a WorkerHandle.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait

from .jobs import Job, Outcome
from .worker import WorkerHandle, WorkerLimits

Emit = Callable[[Outcome], None]


def run_local(jobs: Iterator[Job], workers: int, limits: WorkerLimits, emit: Emit) -> None:
    """Run on ``workers`` child processes."""
    handles = [WorkerHandle(limits) for _ in range(max(1, workers))]
    for h in handles:
        h.launch()
    try:
        for h in handles:
            h.wait_ready()
        exhausted = False
        while True:
            for h in handles:
                if not h.busy and not exhausted:
                    job = next(jobs, None)
                    if job is None:
                        exhausted = True
                    else:
                        h.submit(job)
            busy = [h for h in handles if h.busy]
            if not busy:
                break
            readable = wait([h.conn for h in busy], timeout=0.25)
            for h in busy:
                out = h.collect() if h.conn in readable else h.check()
                if out is not None:
                    emit(out)
    finally:
        for h in handles:
            h.stop()


# -- Dask -------------------------------------------------------------------------------------------

_HANDLE: WorkerHandle | None = None


def _dask_extract(job: Job, limits: WorkerLimits) -> Outcome:
    """Runs on a Dask worker: one watched child per worker process, started on first use."""
    global _HANDLE
    if _HANDLE is None or _HANDLE.limits != limits:
        if _HANDLE is not None:
            _HANDLE.stop()
        _HANDLE = WorkerHandle(limits)
        _HANDLE.start()
    return _HANDLE.run(job)


def run_dask(jobs: Iterator[Job], workers: int, limits: WorkerLimits, emit: Emit, scheduler: str | None = None) -> None:
    """Run on a Dask cluster (``scheduler`` address), or on a LocalCluster of ``workers`` processes.

    Workers read the files by path, so on a real cluster the inputs must be on a shared file
    system at the same path. At most a few jobs per worker are in flight, so a million paths never
    sit in the scheduler at once.
    """
    import dask
    from distributed import Client, LocalCluster, as_completed

    # our watched child is a process of the Dask worker: the worker must be allowed children
    dask.config.set({"distributed.worker.daemon": False})
    cluster = None
    logging.getLogger("distributed").setLevel(logging.ERROR)  # its INFO lines would drown the progress bar
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
        client = Client(cluster)
    try:
        n = max(1, len(client.scheduler_info().get("workers", {}))) if scheduler else max(1, workers)
        window = n * 4
        pending = {}
        queue = as_completed()

        def submit(job: Job) -> None:
            fut = client.submit(_dask_extract, job, limits, pure=False, key=f"trichxuat-{job.index}-{abs(hash(job.path))}")
            pending[fut.key] = job
            queue.add(fut)

        for job in jobs:
            submit(job)
            if len(pending) >= window:
                break
        for fut in queue:
            job = pending.pop(fut.key)
            try:
                out = fut.result()
            except Exception as e:  # the Dask worker itself was lost (KilledWorker, connection)
                out = Outcome(job.index, job.path, stage="worker", error_type=type(e).__name__, message=f"the Dask worker failed on this file: {e}")
            emit(out)
            fut.release()
            nxt = next(jobs, None)
            if nxt is not None:
                submit(nxt)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
