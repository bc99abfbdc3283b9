"""The command line: output shapes, exit codes, and one clear line per bad input (no traceback)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from trichxuat.cli import app

from .conftest import CORPORA, SEED

runner = CliRunner()


def test_extract_one_file_prints_one_json_record():
    result = runner.invoke(app, ["extract", str(SEED["backan"])])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["number"]["raw"] == "182/KH-UBND" and record["text"] is None


def test_extract_several_files_prints_json_lines_and_writes_to_a_file(tmp_path):
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["extract", str(SEED["backan"]), str(SEED["cualo"]), "-o", str(out), "--include-text"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["issuer"]["name"] for line in lines] == ["Ủy ban nhân dân tỉnh Bắc Kạn", "Ủy ban nhân dân thị xã Cửa Lò"]
    assert json.loads(lines[1])["text"].startswith("Số: /KH-UBND")


def test_bad_inputs_give_one_line_each_and_a_non_zero_exit(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    for path, problem in [
        (tmp_path / "missing.txt", "does not exist"),
        (tmp_path, "is a directory"),
        (empty, "file is empty"),
        (binary, "looks binary"),
        (big, "too large"),
    ]:
        result = runner.invoke(app, ["extract", str(path)])
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"trichxuat: {path}: ") and problem in result.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), str(SEED["cualo"])])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["issued"]["place"] == "Cửa Lò"
    assert "missing.txt: file does not exist" in result.stderr


def test_text_in_another_language_is_a_record_of_genre_other(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("Annual report\n\nThe committee met twice this year and approved the budget.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["genre"] == "other" and "not_a_plan" in {w["code"] for w in record["warnings"]}


def test_text_prints_the_normalized_text():
    result = runner.invoke(app, ["text", str(SEED["kiengiang"])])
    assert result.exit_code == 0
    assert result.stdout.startswith("Số: /KH-UBND\n\nKiên Giang, ngày tháng 4 năm 2024\n\nKẾ HOẠCH\n")


def test_schema_writes_the_json_schema(tmp_path):
    out = tmp_path / "s.json"
    result = runner.invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["title"] == "PlanRecord"


def test_evaluate_prints_a_table_and_json():
    result = runner.invoke(app, ["evaluate", str(CORPORA / "seeds")])
    assert result.exit_code == 0
    assert "header accuracy (fields marked *): 1.000" in result.stdout
    result = runner.invoke(app, ["evaluate", str(CORPORA / "seeds"), "--json"])
    report = json.loads(result.stdout)
    assert report["documents"] == 5 and report["header_accuracy"] == 1.0


def test_evaluate_on_a_folder_without_gold_is_an_error(tmp_path):
    result = runner.invoke(app, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1 and "no *.gold.json" in result.stderr


def test_help_has_examples():
    for command in (["--help"], ["extract", "--help"], ["evaluate", "--help"], ["text", "--help"], ["schema", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0 and "trichxuat" in result.stdout
