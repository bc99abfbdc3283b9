"""Vocabulary tables (YAML) that a domain expert can read and extend without touching Python."""

from __future__ import annotations

from functools import cache
from importlib import resources as _res
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """Load ``resources/<name>.yaml`` once per process."""
    text = _res.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
