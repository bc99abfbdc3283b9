"""One extraction process, watched from outside.

A child process loads the pipeline once and extracts the files it is sent, one at a time, over a
pipe. Its parent (the local pool, or a Dask task) watches it: a file that runs past the time limit,
a process whose memory grows past the limit, or a process that dies, becomes an error row for that
file, and a fresh child takes over. Nothing a single file does can hang or kill the batch.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

from ..ingest.base import Limits
from .jobs import Job, Outcome


@dataclass(frozen=True)
class WorkerLimits:
    timeout: float = 600.0  # seconds per file
    max_memory_mb: int = 2048  # resident memory of one worker process
    max_tasks: int = 2000  # files before a worker is replaced (bounds slow leaks)
    ingest: Limits = Limits()  # input size, pages, OCR pages, characters, zip-bomb ratio
    grace: float = 15.0  # after the soft time limit, how long before the process is killed


class FileTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` on the way swallows it."""


_armed = False


def _on_alarm(signum, frame):
    # The alarm repeats every 50 ms once due: a raise that lands in a finalizer (where Python
    # ignores exceptions) is followed by another, until one reaches extract_one.
    if _armed:
        raise FileTimeout()


_STAGES = ("ingest", "normalize", "structure", "extract", "nlp")


def _stage_of(tb) -> str:
    """The pipeline stage an unexpected exception came from: the deepest trichxuat module on the stack."""
    stage = "extract"
    for frame in traceback.extract_tb(tb):
        parts = frame.filename.replace("\\", "/").split("/trichxuat/")
        if len(parts) > 1:
            head = parts[-1].split("/")[0].removesuffix(".py")
            if head in _STAGES:
                stage = "extract" if head == "nlp" else head
    return stage


def extract_one(job: Job, limits: WorkerLimits) -> Outcome:
    """Extract one file in this process; every failure becomes an Outcome, never an exception."""
    from ..errors import TrichxuatError
    from ..pipeline import extract_path

    global _armed
    t0 = time.perf_counter()
    out = Outcome(job.index, job.path)
    in_main = hasattr(signal, "setitimer") and _is_main_thread()
    if in_main:
        signal.signal(signal.SIGALRM, _on_alarm)
        _armed = True
        signal.setitimer(signal.ITIMER_REAL, limits.timeout, 0.05)
    try:
        record = extract_path(job.path, limits=limits.ingest, include_text=job.include_text)
        out.record_json = record.model_dump_json()
        out.sha256 = record.source.sha256
        out.warnings = [w.code for w in record.warnings]
    except FileTimeout:
        _armed = False
        out.stage, out.error_type = "limits", "Timeout"
        out.message = f"extraction took longer than the time limit ({limits.timeout:g} s; raise it with --timeout)"
    except TrichxuatError as e:
        out.stage, out.error_type, out.message = e.stage, type(e).__name__, e.problem
    except MemoryError:
        out.stage, out.error_type, out.message = "limits", "MemoryLimit", "ran out of memory"
    except RecursionError as e:
        out.stage, out.error_type, out.message = _stage_of(e.__traceback__), "InternalError", "RecursionError: input nested too deeply"
    except Exception as e:  # a bug: one error row, with enough to report it
        out.stage, out.error_type = _stage_of(e.__traceback__), "InternalError"
        where = traceback.extract_tb(e.__traceback__)[-1]
        out.message = f"{type(e).__name__}: {e} (at {os.path.basename(where.filename)}:{where.lineno}); please report it"
    finally:
        _armed = False
        if in_main:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out.seconds = time.perf_counter() - t0
        out.rss_mb = _peak_rss_mb()
    return out


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def _is_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def warm_up() -> None:
    """Load the tokenizer, models and tables before the first file, so its time is not counted."""
    from ..pipeline import extract_text

    extract_text("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2024\nCăn cứ Luật Tổ chức chính quyền địa phương;")


def _child_main(conn: Connection, limits: WorkerLimits) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    warm_up()
    conn.send(("ready", os.getpid()))
    for _ in range(limits.max_tasks):
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(extract_one(job, limits))
    conn.close()


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None  # not Linux, or the process is gone


class WorkerHandle:
    """The parent's side of one child: send a job, collect its outcome, enforce the limits."""

    def __init__(self, limits: WorkerLimits, context: str = "spawn"):
        self.limits = limits
        self._ctx = mp.get_context(context)
        self.proc = None
        self.conn: Connection | None = None
        self.job: Job | None = None
        self.started = 0.0
        self.tasks = 0

    def launch(self) -> None:
        """Start the child without waiting for it (several can load their models at once)."""
        parent, child = self._ctx.Pipe()
        self.proc = self._ctx.Process(target=_child_main, args=(child, self.limits), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.tasks = 0

    def wait_ready(self) -> None:
        try:
            msg = self.conn.recv()
        except EOFError:
            self.proc.join(1)
            raise RuntimeError(f"a batch worker failed to start (exit code {self.proc.exitcode})") from None
        assert msg[0] == "ready", msg

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    @property
    def busy(self) -> bool:
        return self.job is not None

    def submit(self, job: Job) -> None:
        if self.proc is None or not self.proc.is_alive() or self.tasks >= self.limits.max_tasks:
            self.restart()
        self.job = job
        self.started = time.monotonic()
        self.tasks += 1
        self.conn.send(job)

    def collect(self) -> Outcome | None:
        """The outcome if the child answered, else None; call when the pipe is readable."""
        try:
            out = self.conn.recv()
        except (EOFError, OSError):
            return self._fail("worker", "WorkerCrashed", self._death())
        self.job = None
        return out

    def check(self) -> Outcome | None:
        """Enforce the hard time limit and the memory limit; an Outcome if the child had to go."""
        if self.job is None:
            return None
        if not self.proc.is_alive() and not self.conn.poll():
            return self._fail("worker", "WorkerCrashed", self._death())
        elapsed = time.monotonic() - self.started
        if elapsed > self.limits.timeout + self.limits.grace:
            return self._fail("limits", "Timeout", f"killed after {elapsed:.0f} s (time limit {self.limits.timeout:g} s; raise it with --timeout)")
        rss = _rss_mb(self.proc.pid)
        if rss is not None:
            if rss > self.limits.max_memory_mb:
                return self._fail("limits", "MemoryLimit", f"worker memory reached {rss:.0f} MB (limit {self.limits.max_memory_mb} MB; raise it with --max-memory)")
        return None

    def run(self, job: Job, poll: float = 0.25) -> Outcome:
        """Blocking: one job to an outcome (the Dask engine's way in)."""
        self.submit(job)
        while True:
            if self.conn.poll(poll):
                return self.collect()
            out = self.check()
            if out is not None:
                return out

    def _death(self) -> str:
        self.proc.join(1)
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = str(-code)
            return f"the worker process was killed by {name} while extracting this file"
        return f"the worker process exited (code {code}) while extracting this file"

    def _fail(self, stage: str, error_type: str, message: str) -> Outcome:
        job = self.job
        out = Outcome(job.index, job.path, stage=stage, error_type=error_type, message=message, seconds=time.monotonic() - self.started)
        self.kill()
        self.job = None
        return out

    def kill(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        if self.conn is not None:
            self.conn.close()
        self.proc = None
        self.conn = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.is_alive() and self.conn is not None:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(2)
        self.kill()
