"""Batch extraction at archive scale: `trichxuat batch`."""

from .jobs import Job, Outcome, collect
from .run import BatchOptions, Summary, run_batch
from .worker import WorkerLimits

__all__ = ["BatchOptions", "Job", "Outcome", "Summary", "WorkerLimits", "collect", "run_batch"]
