"""The Dask engine on a LocalCluster of two worker processes: same records, same error rows."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEEDS
from trichxuat.batch import BatchOptions, WorkerLimits, run_batch

pytest.importorskip("distributed")


def test_dask_engine_matches_the_local_pool(tmp_path):
    inputs = [str(p) for p in sorted(SEEDS.iterdir()) if p.suffix in (".txt", ".md")]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs.append(str(empty))
    local = run_batch(inputs, BatchOptions(output=tmp_path / "local" / "records.jsonl", workers=1, sort=True))
    dask = run_batch(inputs, BatchOptions(output=tmp_path / "dask" / "records.jsonl", workers=2, engine="dask", sort=True, limits=WorkerLimits(timeout=120)))
    assert (dask.done, dask.failed) == (local.done, local.failed) == (5, 1)

    def read(name):
        return [json.loads(line) for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()]

    assert read("dask/records.jsonl") == read("local/records.jsonl")
    errors = read("dask/errors.jsonl")
    assert [(e["file"], e["message"]) for e in errors] == [(str(empty), "file is empty (0 bytes)")]
