"""trichxuat: Vietnamese government plans (Kế hoạch) → validated, traceable JSON records."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import extract, normalized_text
from .errors import InputError, TrichxuatError
from .record import PlanRecord

__all__ = ["extract", "normalized_text", "PlanRecord", "TrichxuatError", "InputError", "__version__"]
