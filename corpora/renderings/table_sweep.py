"""Plans with task tables printed to PDF and read back: the tasks of each reading against the plan's own
record (the measure of #17's item 3, task tables in `pdftotext` text). Nothing is written to corpora/.

    python corpora/renderings/table_sweep.py                        # the development folder (../shared/corpora/dev)
    python corpora/renderings/table_sweep.py --dev DIR --keep /tmp/tables

Every document of the folder whose text has a task table (a row of "|" cells naming "chủ trì" and
"nhiệm vụ" or "nội dung") and that is not in the test part is laid out as its office prints it
(`render_layouts.two_column_page`, the "even" and "office" styles), printed to PDF by headless
Chromium, and read three ways: the PDF itself, its `pdftotext -layout` text and its plain `pdftotext`
text. Each reading's tasks are scored (tasks F1, the scorer of docs/plan-record.md) against the tasks
of the document's own record: a reading is as good as the original when it reads the same tasks.
Needs chromium and poppler-utils; a scanned document of the folder is read by OCR first (about 15 minutes
in all on 2 cores)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from render_layouts import chromium_pdf, two_column_page  # noqa: E402

from trichxuat import extract  # noqa: E402
from trichxuat.evaluate import part_of, score  # noqa: E402
from trichxuat.ingest import read_source  # noqa: E402
from trichxuat.normalize import normalize  # noqa: E402
from trichxuat.textnorm import fold  # noqa: E402

READINGS = ("pdf", "layout", "plain")
STYLES = ("even", "office")


def has_task_table(path: Path) -> bool:
    try:
        text = normalize(read_source(path)).text
    except Exception:  # noqa: BLE001 (a file the folder holds that is no document)
        return False
    return any(" | " in ln and "chủ trì" in fold(ln) and ("nhiệm vụ" in fold(ln) or "nội dung" in fold(ln)) for ln in text.split("\n"))


def in_test_part(path: Path) -> bool:
    gold = path.with_name(path.name.split(".")[0] + ".gold.json")
    return gold.exists() and part_of(gold, json.loads(gold.read_text(encoding="utf-8"))) == "test"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=HERE.parent.parent.parent / "shared" / "corpora" / "dev", help="the development folder")
    ap.add_argument("--keep", type=Path, help="keep the printed PDFs and their texts in this folder")
    args = ap.parse_args()
    if not args.dev.is_dir():
        print(f"no development folder at {args.dev} (give --dev)", file=sys.stderr)
        return 2
    sources = [p for p in sorted(args.dev.rglob("*")) if p.is_file() and p.suffix in (".md", ".txt", ".docx", ".pdf", ".html", ".htm")
               and not p.name.startswith("SOURCES") and not in_test_part(p) and has_task_table(p)]
    totals: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for src in sources:
            stem = src.name.split(".")[0]
            own = extract(src).model_dump(mode="json")
            gold = {"tasks": [{"agency": t["agency"], "text": t["text"], "role": t.get("role"), "requested": t.get("requested")} for t in own["tasks"]]}
            line = f"{stem[:44]:<44} {len(gold['tasks']):>4} tasks"
            for style in STYLES:
                page = two_column_page(src, style)
                if page is None:
                    line += f"  {style}: no head to lay out"
                    continue
                pdf = out / f"{stem}.{style}.pdf"
                pdf.write_bytes(chromium_pdf(page))
                files = {"pdf": pdf}
                for kind, opts in (("layout", ["-layout"]), ("plain", [])):
                    files[kind] = out / f"{stem}.{style}-{kind}.txt"
                    files[kind].write_bytes(subprocess.run(["pdftotext", *opts, str(pdf), "-"], capture_output=True, check=True).stdout)
                for kind in READINGS:
                    f1 = score([(files[kind].name, gold, extract(files[kind]).model_dump(mode="json"))])["tasks"].f1 or 0.0
                    totals.setdefault((style, kind), []).append(f1)
                    line += f"  {style[:3]}-{kind} {f1:.2f}"
            print(line, flush=True)
    print(f"{len(sources)} documents with a task table; mean tasks F1 against each document's own record:")
    for style in STYLES:
        print(f"  {style:<7}" + "  ".join(f"{kind} {sum(v) / len(v):.3f}" for kind in READINGS if (v := totals.get((style, kind)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
