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
