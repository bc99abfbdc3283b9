"""The batch on real corpus files mixed with broken ones: one record or one error row per input."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPORA, SEEDS
from trichxuat.batch import BatchOptions, Job, WorkerLimits, collect, run_batch
from trichxuat.batch.output import JsonlSink, repair
from trichxuat.batch.worker import WorkerHandle

DOCX = CORPORA / "dev-docs" / "laocai-sct-2242-kh-sct-2026.docx"
PDF = CORPORA / "dev-docs" / "hanoi-173-kh-ubnd-2026-festival.pdf"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.fixture()
def mixed(tmp_path) -> list[str]:
    """Seeds, a DOCX and a PDF, plus an empty file, a truncated PDF, a PNG named .pdf and a missing path."""
    d = tmp_path / "in"
    d.mkdir()
    for p in [*sorted(SEEDS.glob("*.txt")), *sorted(SEEDS.glob("*.md")), DOCX, PDF]:
        shutil.copy(p, d / p.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "truncated.pdf").write_bytes(PDF.read_bytes()[:3000])
    (d / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    return [str(d), str(tmp_path / "missing.txt")]


def test_every_input_yields_one_record_or_one_error_row(mixed, tmp_path):
    out = tmp_path / "out" / "records.jsonl"
    summary = run_batch(mixed, BatchOptions(output=out, workers=2, sort=True))
    records, errors = _lines(out), _lines(out.with_name("errors.jsonl"))
    jobs, _ = collect(mixed)
    assert len(jobs) == 11 and summary.inputs == 11
    assert len(records) == 7 and len(errors) == 4
    assert summary.done == 7 and summary.failed == 4
    got = sorted([r["source"]["uri"] for r in records] + [e["file"] for e in errors])
    assert got == sorted(j.path for j in jobs)
    by_name = {Path(e["file"]).name: e for e in errors}
    assert by_name["empty.txt"]["message"] == "file is empty (0 bytes)" and by_name["empty.txt"]["stage"] == "ingest"
    assert by_name["missing.txt"]["message"] == "file does not exist"
    assert "image" in by_name["image.pdf"]["message"]
    assert by_name["truncated.pdf"]["error_type"] == "InputError" and by_name["truncated.pdf"]["sha256"]
    # real values came through the workers
    pdf = next(r for r in records if r["source"]["uri"].endswith("hanoi-173-kh-ubnd-2026-festival.pdf"))
    assert pdf["number"]["raw"] == "173/KH-UBND" and pdf["source"]["pages"] > 1
    cualo = next(r for r in records if "cualo" in r["source"]["uri"])
    assert cualo["budget"]["total"]["amount"] == 170_429_000
    # --sorted: input order
    order = {j.path: j.index for j in jobs}
    idx = [order[r["source"]["uri"]] for r in records]
    assert idx == sorted(idx)


def test_time_limit_turns_a_slow_file_into_an_error_row(tmp_path):
    out = tmp_path / "records.jsonl"
    slow = str(CORPORA / "dev-docs" / "hanoi-2280-qd-ubnd-2026-ke-hoach-thoat-nuoc.pdf")  # ~0.8 s here
    fast = str(DOCX)  # ~0.05 s here
    summary = run_batch([slow, fast], BatchOptions(output=out, workers=1, limits=WorkerLimits(timeout=0.3)))
    errors = _lines(tmp_path / "errors.jsonl")
    assert [e["error_type"] for e in errors] == ["Timeout"] and errors[0]["file"] == slow
    assert "time limit (0.3 s" in errors[0]["message"] and errors[0]["stage"] == "limits"
    assert summary.done == 1 and _lines(out)[0]["source"]["uri"] == fast


def test_memory_guard_kills_the_worker_and_the_next_file_still_lands():
    h = WorkerHandle(WorkerLimits(max_memory_mb=60))  # below what a loaded pipeline needs
    h.start()
    try:
        out = h.run(Job(0, str(PDF)))
        assert out.error_type == "MemoryLimit" and "limit 60 MB" in out.message
        assert h.proc is None  # killed
        h.limits = WorkerLimits()
        ok = h.run(Job(1, str(SEEDS / "cualo-kh-ubnd-2024-tieu-du-an-1.txt")))  # a fresh child takes over
        assert ok.ok and json.loads(ok.record_json)["issuer"]["name"] == "Ủy ban nhân dân thị xã Cửa Lò"
    finally:
        h.stop()


def test_a_worker_killed_mid_file_becomes_an_error_row():
    h = WorkerHandle(WorkerLimits())
    h.start()
    try:
        h.submit(Job(0, str(PDF)))
        os.kill(h.proc.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        out = None
        while out is None and time.monotonic() < deadline:
            out = h.collect() if h.conn.poll(0.1) else h.check()
        assert out is not None and out.error_type == "WorkerCrashed" and "SIGKILL" in out.message
    finally:
        h.stop()


def test_partial_last_line_is_cut_on_resume(tmp_path):
    p = tmp_path / "r.jsonl"
    sink = JsonlSink(p, append=False)
    sink.write({"a": 1})
    sink.close()
    with p.open("a") as f:
        f.write('{"a": 2, "b"')  # what a kill during a write leaves
    assert repair(p) == len('{"a": 2, "b"')
    assert p.read_text() == '{"a": 1}\n'


def _archive(tmp_path: Path, copies: int) -> Path:
    """Seeds copied ``copies`` times under distinct names (distinct paths are distinct inputs)."""
    d = tmp_path / "archive"
    d.mkdir()
    seeds = [*sorted(SEEDS.glob("*.txt")), *sorted(SEEDS.glob("*.md"))]
    for i in range(copies):
        for s in seeds:
            shutil.copy(s, d / f"{i:04d}-{s.name}")
    (d / "0000-empty.txt").write_bytes(b"")
    (d / "0001-binary.txt").write_bytes(bytes(range(256)) * 8)
    return d


def test_killed_batch_resumes_with_no_duplicate_and_no_missing_file(tmp_path):
    archive = _archive(tmp_path, 30)  # 152 inputs
    out = tmp_path / "records.jsonl"
    cmd = [sys.executable, "-m", "trichxuat.cli", "batch", str(archive), "-o", str(out), "-w", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 40):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole batch, workers included, half-way
    proc.wait()
    first = out.read_bytes().count(b"\n")  # whole lines: the kill may have cut the last one, which resume drops
    assert 40 <= first < 150, first
    with out.open("a") as f:
        f.write('{"id": "half a line')  # as if killed inside a write
    done = subprocess.run(cmd + ["--resume"], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # 1: some inputs failed (the two broken files)
    records, errors = _lines(out), _lines(tmp_path / "errors.jsonl")
    uris = [r["source"]["uri"] for r in records]
    assert len(uris) == len(set(uris)) == 150
    assert sorted(e["file"] for e in errors) == sorted(str(archive / n) for n in ("0000-empty.txt", "0001-binary.txt"))
    assert f"{first} already done" in done.stderr


def test_resume_skips_done_files_and_retries_failed_ones(tmp_path):
    archive = _archive(tmp_path, 1)
    out = tmp_path / "records.jsonl"
    run_batch([str(archive)], BatchOptions(output=out, workers=1))
    (archive / "0000-empty.txt").write_text((SEEDS / "bacgiang-2023-news-report.txt").read_text(encoding="utf-8"), encoding="utf-8")
    again = run_batch([str(archive)], BatchOptions(output=out, workers=1, resume=True))
    assert again.resumed == 5 and again.done == 1 and again.failed == 1  # the fixed file lands, the binary fails again
    assert len(_lines(out)) == 6 and len(_lines(tmp_path / "errors.jsonl")) == 1


def test_collect_globs_manifests_and_symlinks(tmp_path):
    d = tmp_path / "tree"
    (d / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / "cualo-kh-ubnd-2024-tieu-du-an-1.txt", d / "sub" / "a.txt")
    (d / "README.md").write_text("not a plan")
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    (d / "link.txt").symlink_to(outside)
    jobs, skipped = collect([str(d)])
    assert [Path(j.path).name for j in jobs] == ["a.txt"]
    assert "outside" in skipped[0].reason and "--follow-symlinks" in skipped[0].reason
    assert len(collect([str(d)], follow_symlinks=True)[0]) == 2
    assert [Path(j.path).name for j in collect([str(d / "**" / "*.txt")])[0]] == ["a.txt"]
    manifest = d / "manifest.jsonl"
    manifest.write_text(json.dumps({"url": "http://x/a", "path": "sub/a.txt"}) + "\n" + json.dumps({"url": "http://x/b", "error": "HTTP 500"}) + "\n")
    assert [j.path for j in collect([str(manifest)])[0]] == [str(d / "sub" / "a.txt")]
