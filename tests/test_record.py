"""The record models and the committed JSON Schema."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from trichxuat.record import PlanRecord, json_schema

from .conftest import ROOT


def test_committed_schema_matches_the_models():
    committed = json.loads((ROOT / "schemas" / "plan-record.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run `trichxuat schema` and commit schemas/plan-record.schema.json"


def test_records_round_trip_through_json(seed_records):
    for record in seed_records.values():
        assert PlanRecord.model_validate_json(record.model_dump_json()) == record


def test_unknown_fields_and_bad_values_are_rejected():
    base = {"id": "x", "source": {"format": "text", "sha256": "0" * 64}, "genre": "plan"}
    PlanRecord.model_validate(base)
    with pytest.raises(ValidationError):
        PlanRecord.model_validate({**base, "genre": "poem"})
    with pytest.raises(ValidationError):
        PlanRecord.model_validate({**base, "colour": "red"})


def test_record_ids_are_stable_slugs(seed_records):
    assert seed_records["backan"].id == "bac-kan-182-kh-ubnd-2024-03-22"
    assert seed_records["bacgiang"].id.startswith("sha256-")


def test_every_warning_code_the_extractor_writes_is_in_readmes_warning_table():
    # a user who meets a code in a record finds what it means; a code added without its line fails here
    import re

    from .conftest import ROOT

    written = set()
    for path in (ROOT / "src" / "trichxuat").rglob("*.py"):
        written |= set(re.findall(r"\.warn\(\s*\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    table = (ROOT / "README.md").read_text(encoding="utf-8").split("## Warnings")[1].split("\n## ")[0]
    documented = {code for line in table.splitlines() if line.startswith("| `") for code in re.findall(r"`([a-z_]+)`", line.split(" | ")[0])}
    assert len(written) > 40
    assert written - documented == set()
