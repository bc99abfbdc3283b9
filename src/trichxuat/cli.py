"""The command line. It parses arguments and calls the API; problems are one line on stderr."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import TrichxuatError
from .ingest.base import Limits

app = typer.Typer(
    name="trichxuat",
    help="Extract Vietnamese government plans (Kế hoạch) into validated JSON records.\n\n"
    "Examples:\n\n"
    "  trichxuat extract corpora/seeds/cualo-kh-ubnd-2024-tieu-du-an-1.txt\n\n"
    "  trichxuat extract corpora/seeds/* -o records.jsonl\n\n"
    "  trichxuat evaluate corpora",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

MaxBytes = Annotated[int, typer.Option("--max-bytes", help="refuse text inputs larger than this many bytes (PDFs up to 64 MiB)")]
MaxPages = Annotated[int, typer.Option("--max-pages", help="refuse PDFs with more pages")]
OcrPages = Annotated[int, typer.Option("--ocr-pages", help="refuse to OCR more pages of one file")]
MaxChars = Annotated[int, typer.Option("--max-chars", help="refuse documents with more characters of text")]


def _limits(max_bytes: int, max_pages: int = Limits.max_pages, ocr_pages: int = Limits.ocr_pages, max_chars: int = Limits.max_chars) -> Limits:
    return Limits(max_bytes=max(max_bytes, Limits.max_bytes), max_text_bytes=max_bytes, max_pages=max_pages, ocr_pages=ocr_pages, max_chars=max_chars)


def _fail(message: str) -> None:
    typer.echo(f"trichxuat: {message}", err=True)


def _progress(items: list, label: str):
    """Iterate with a progress bar on stderr when it is a terminal and the work is long enough."""
    if len(items) < 5 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)


def _internal(path: str, e: Exception) -> str:
    if os.environ.get("TRICHXUAT_DEBUG"):
        raise e
    return f"{path}: internal error ({type(e).__name__}: {e}); set TRICHXUAT_DEBUG=1 for a traceback and please report it"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="documents to extract (.txt, .md)", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="write to this file instead of stdout")] = None,
    include_text: Annotated[bool, typer.Option("--include-text", help="add the normalized text to each record")] = False,
    max_bytes: MaxBytes = Limits.max_text_bytes,
    max_pages: MaxPages = Limits.max_pages,
    ocr_pages: OcrPages = Limits.ocr_pages,
    max_chars: MaxChars = Limits.max_chars,
) -> None:
    """Extract records: JSON for one file, JSON Lines for several.

    Example: trichxuat extract plan.txt -o plan.json
    """
    from .api import extract as run

    limits = _limits(max_bytes, max_pages, ocr_pages, max_chars)
    records: list[str] = []
    failed = 0
    for path in _progress(files, "extracting"):
        try:
            record = run(path, include_text=include_text, limits=limits)
        except TrichxuatError as e:
            _fail(str(e))
            failed += 1
            continue
        except Exception as e:  # a bug must not hide the other files' records
            _fail(_internal(str(path), e))
            failed += 1
            continue
        if len(files) == 1:
            records.append(record.model_dump_json(indent=2, exclude_none=False))
        else:
            records.append(record.model_dump_json())
    out = "\n".join(records) + ("\n" if records else "")
    if output:
        output.write_text(out, encoding="utf-8")
    elif records:
        sys.stdout.write(out)
    if failed:
        raise typer.Exit(1)


@app.command()
def text(
    file: Annotated[Path, typer.Argument(help="a document", show_default=False)],
    max_bytes: MaxBytes = Limits.max_text_bytes,
    max_pages: MaxPages = Limits.max_pages,
    ocr_pages: OcrPages = Limits.ocr_pages,
) -> None:
    """Print the normalized text that every span points into.

    Example: trichxuat text plan.md | less
    """
    from .api import normalized_text

    try:
        sys.stdout.write(normalized_text(file, _limits(max_bytes, max_pages, ocr_pages)) + "\n")
    except TrichxuatError as e:
        _fail(str(e))
        raise typer.Exit(1) from None


@app.command()
def schema(
    output: Annotated[Path, typer.Option("-o", "--output", help="where to write the JSON Schema")] = Path("schemas/plan-record.schema.json"),
    stdout: Annotated[bool, typer.Option("--stdout", help="print the schema instead of writing it")] = False,
) -> None:
    """Write the JSON Schema of the record (generated from the pydantic models).

    Example: trichxuat schema -o schemas/plan-record.schema.json
    """
    from .record import json_schema

    data = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if stdout:
        sys.stdout.write(data)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(data, encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="a folder searched for *.gold.json (or one gold file)", show_default=False)],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list every miss")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    per_document: Annotated[bool, typer.Option("--per-document", "-d", help="also a line per document: header accuracy and the F1 of each list")] = False,
    part: Annotated[str | None, typer.Option("--part", help="only one part of the held-out split: dev or test (default: both, each reported)")] = None,
    audit: Annotated[bool, typer.Option("--audit", help="also measure how `trichxuat audit` tells bad records from good ones, per part")] = False,
) -> None:
    """Score the extractor against gold files (the scoring of docs/plan-record.md).

    The gold documents are split by a fixed rule (a hash of each document's gold title) into a
    development part (about two thirds), from which rules are written, and a test part, which
    nobody reads while writing rules: its figures are the accuracy to expect on unseen documents.

    Example: trichxuat evaluate corpora --verbose --part dev
    """
    from .evaluate import HEADER_FIELDS, evaluate as run, header_accuracy
    from .pipeline import NOT_EXTRACTED

    if not gold_dir.exists():
        _fail(f"{gold_dir}: does not exist")
        raise typer.Exit(1)
    if part not in (None, "dev", "test"):
        _fail(f"--part {part}: expected dev or test")
        raise typer.Exit(2)
    report = run(gold_dir, part=part)
    if report.documents == 0:
        _fail(f"{gold_dir}: no *.gold.json files found")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(verbose), ensure_ascii=False, indent=2) + "\n")
        return
    header = {n for n, _ in HEADER_FIELDS}
    counts = {p: sum(1 for v in report.parts.values() if v == p) for p in report.by_part}
    split = ", ".join(f"{p} {n}" for p, n in counts.items())
    lines = [f"{report.documents} gold documents ({split}), {len(report.errors)} errors", ""]
    lines.append(f"{'field':<26}{'n':>5}  {'score':>6}   detail" + "".join(f"  {p:>6}" for p in report.by_part))
    for s in report.scores.values():
        if s.total == 0:
            continue
        v = s.value
        shown = "   -  " if v is None else f"{v:6.3f}"
        if s.kind == "accuracy":
            detail = f"accuracy {s.correct}/{s.total}"
        else:
            p, r = s.precision, s.recall
            detail = f"F1  P={p if p is None else round(p, 3)} R={r if r is None else round(r, 3)} (tp {s.tp} fp {s.fp} fn {s.fn})"
        mark = "*" if s.name in header else " "
        if s.name.split(".")[0] in NOT_EXTRACTED:
            detail += "  [not extracted by this version]"
        by_part = ""
        if len(report.by_part) > 1:
            for scores in report.by_part.values():
                ps = scores[s.name]
                by_part += "       -" if not ps.total or ps.value is None else f"  {ps.value:6.3f}"
            detail = f"{detail:<58}"
        lines.append(f"{mark}{s.name:<25}{s.total:>5}  {shown}   {detail}{by_part}")
    acc = report.header_accuracy()
    lines.append("")
    lines.append(f"header accuracy (fields marked *): {acc:.3f}" if acc is not None else "header accuracy: -")
    for p, scores in report.by_part.items():
        pa = header_accuracy(scores)
        lines.append(f"  {p} part ({counts[p]} documents): {'-' if pa is None else f'{pa:.3f}'}")
    for err in report.errors:
        lines.append(f"error: {err['document']}: {err['error']}")
    if per_document:
        lines += ["", _per_document_table(report)]
    if audit:
        from .evaluate import HEADER_BAD, TASKS_BAD, audit_separation

        lines += ["", f"audit without gold: a record is bad when its header accuracy < {HEADER_BAD} or its tasks F1 < {TASKS_BAD}"]
        for p, row in sorted(audit_separation(report).items()):
            rec = "-" if row["recall"] is None else f"{row['recall']:.3f}"
            fa = "-" if row["false_alarm_rate"] is None else f"{row['false_alarm_rate']:.3f}"
            lines.append(f"  {p}: {row['bad']} bad, {row['bad_flagged']} flagged not ok (recall {rec}); "
                         f"{row['good']} good, {row['good_flagged']} flagged not ok (false alarms {fa})")
            if verbose:
                lines += [f"    bad, not flagged: {d}" for d in row["missed"]]
                lines += [f"    good, flagged: {d} {codes}" for d, codes in row["false_alarms"]]
    if verbose:
        lines.append("")
        for s in report.scores.values():
            for miss in s.misses:
                lines.append(f"miss {s.name}: " + json.dumps(miss, ensure_ascii=False))
    typer.echo("\n".join(lines))


def _per_document_table(report) -> str:
    """A line per document; "-" where the gold file does not state the field."""
    from .evaluate import header_accuracy

    columns = ["legal_bases", "references", "tasks", "agencies", "budget.sources", "recipients"]
    width = max(len(Path(d).name) for d in report.per_document) if report.per_document else 10
    out = [f"{'document':<{width}}  {'part':>4}  {'header':>6}" + "".join(f"  {c.split('.')[-1][:10]:>10}" for c in columns)]
    for doc, scores in report.per_document.items():
        h = header_accuracy(scores)
        cells = [f"{'-' if h is None else f'{h:.3f}':>6}"]
        for c in columns:
            s = scores[c]
            cells.append(f"{'-' if not s.total or s.value is None else f'{s.value:.3f}':>10}")
        out.append(f"{Path(doc).name:<{width}}  {report.parts.get(doc, ''):>4}  " + "  ".join(cells))
    return "\n".join(out)


def _load_records(inputs: list[Path], include_text: bool = False) -> tuple[list[dict], int]:
    """Records from record files (.jsonl/.json) and documents (extracted now); failures are reported."""
    from .api import extract as run
    from .inputs import documents, is_record_file, read_records

    records: list[dict] = []
    failed = 0
    paths = list(documents(inputs))
    for path in _progress(paths, "reading"):
        try:
            if is_record_file(path):
                records.extend(read_records(path))
            else:
                records.append(run(path, include_text=include_text).model_dump(mode="json"))
        except TrichxuatError as e:
            _fail(str(e))
            failed += 1
        except (OSError, ValueError) as e:
            _fail(f"{path}: {e}")
            failed += 1
    return records, failed


@app.command()
def graph(
    inputs: Annotated[list[Path], typer.Argument(help="records (.jsonl/.json), documents, or folders of documents", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="graph.json, graph.csv (+ graph.nodes.csv) or graph.graphml")] = None,
    cites: Annotated[Optional[str], typer.Option("--cites", help="list the documents that cite this number, e.g. 650/QĐ-LĐTBXH")] = None,
) -> None:
    """The citation graph of a set of plans: who cites what, on what relation.

    Examples:

      trichxuat graph corpora -o graph.graphml

      trichxuat graph records.jsonl --cites 689/KH-UBATGTQG
    """
    from . import graph as citation_graph

    records, failed = _load_records(inputs)
    if not records:
        _fail("no records to build a graph from")
        raise typer.Exit(1)
    g = citation_graph.build(records)
    if output:
        try:
            written = citation_graph.write(g, output)
        except ValueError as e:
            _fail(str(e))
            raise typer.Exit(2) from None
        typer.echo(f"wrote {', '.join(map(str, written))}: {len(g.nodes)} nodes, {len(g.edges)} edges", err=True)
    if cites:
        hits = g.citing(cites)
        if not hits:
            typer.echo(f"no document of the set cites {cites}")
        for node, edge in hits:
            typer.echo(f"{node.number or '(no number)'}\t{node.date or node.year or ''}\t{node.issuer or ''}\t{edge.relation}\t{node.source or node.id}")
    if not output and not cites:
        records_n = sum(1 for n in g.nodes.values() if n.kind == "record")
        typer.echo(f"{records_n} documents, {len(g.nodes) - records_n} cited documents outside the set, {len(g.edges)} citations")
        for n in sorted(g.nodes.values(), key=lambda n: -n.cited_by)[:10]:
            typer.echo(f"  cited by {n.cited_by:>3}: {n.doc_type} {n.number or n.title} ({n.issuer or '?'}){' [in the set]' if n.kind == 'record' else ''}")
    if failed:
        raise typer.Exit(1)


@app.command()
def compare(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="documents, record files (.jsonl/.json) or folders", show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help="take the plans from this database (written by `batch --db`)", show_default=False)] = None,
    where: Annotated[Optional[str], typer.Option("--where", help="with --db: an SQL condition on the plans table, e.g. \"province = 'Lào Cai'\"", show_default=False)] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="write a self-contained HTML report with charts", show_default=False)] = None,
    csv_dir: Annotated[Optional[Path], typer.Option("--csv", help="write one CSV per section into this folder", show_default=False)] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="print Markdown instead of terminal tables")] = False,
) -> None:
    """Plans side by side: header, legal bases, programmes, agencies x roles, budget, targets, and gaps.

    Examples:

      trichxuat compare corpora/seeds/backan-*.txt corpora/seeds/tuyphuoc-*.md --html report.html

      trichxuat compare --db plans.duckdb --where "province_2025 = 'Lào Cai'" --csv out/compare
    """
    from .compare import compare as build
    from .report import text as report_text

    records: list[dict] = []
    failed = 0
    if inputs:
        records, failed = _load_records(inputs)
    if db:
        records += _records_from_db(db, where)
    elif where:
        _fail("--where needs --db")
        raise typer.Exit(2)
    if len(records) < 1:
        _fail("nothing to compare: give documents, record files, or --db")
        raise typer.Exit(2)
    cmp = build(records)
    from .compare import to_tables
    from .report.html import compare_html

    _write_reports(html, lambda: compare_html(cmp), csv_dir, lambda: to_tables(cmp))
    if markdown:
        sys.stdout.write(report_text.markdown(cmp) + "\n")
    elif not html and not csv_dir:
        from rich.console import Console

        report_text.terminal(cmp, Console())
    if failed:
        raise typer.Exit(1)


@app.command()
def trace(
    parent: Annotated[str, typer.Argument(help="the parent: a document number (e.g. 03/NQ-CP) or a file (document or record)", show_default=False)],
    inputs: Annotated[list[Path], typer.Argument(help="documents, folders, records (.jsonl/.json) or a `batch --db` database (.duckdb)", show_default=False)],
    threshold: Annotated[Optional[float], typer.Option("--threshold", "-t", min=0.0, max=1.0, help="least task similarity for a link [default: resources/trace.yaml, 0.3]", show_default=False)] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="write the coverage matrix as a self-contained HTML page", show_default=False)] = None,
    csv_dir: Annotated[Optional[Path], typer.Option("--csv", help="write one CSV per section into this folder", show_default=False)] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="print Markdown instead of terminal tables")] = False,
    db: Annotated[Optional[Path], typer.Option("--db", help="write the tables trace_links and trace_children into this DuckDB file (default: the database given as INPUT, if any)", show_default=False)] = None,
    gold: Annotated[Optional[Path], typer.Option("--gold", help="score the links against a hand-made alignment (YAML, see tests/fixtures/trace/)", show_default=False)] = None,
) -> None:
    """Trace a plan into the plans that implement it: who took up which task, and what nobody did.

    Children are the documents whose legal bases cite the parent, or a document that amends it, or
    a plan that implements it. Each child task (and each child's title) is linked to the parent tasks
    it carries out; every link shows its similarity and the words it rests on.

    Examples:

      trichxuat trace corpora/trace/cp-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md corpora/trace --html trace.html

      trichxuat trace 03/NQ-CP plans.duckdb --csv out/trace
    """
    from . import trace as tracing
    from .report import text as report_text

    dbs = [p for p in inputs if p.suffix.lower() in (".duckdb", ".db")]
    others = [p for p in inputs if p not in dbs]
    for p in inputs:
        if not p.exists():
            _fail(f"{p}: no such file or folder")
            raise typer.Exit(2)
    records, failed = _load_records(others) if others else ([], 0)
    for d in dbs:
        records += _records_from_db(d, None)
    if not records:
        _fail("nothing to trace into: the inputs hold no document and no record")
        raise typer.Exit(2)
    parent_path = Path(parent)
    try:
        if parent_path.is_file():
            parent_records, bad = _load_records([parent_path])
            if bad or not parent_records:
                raise typer.Exit(2)
            target: dict | str = parent_records[0]
        else:
            target = parent
        tr = tracing.trace(target, records, threshold=threshold)
    except ValueError as e:
        _fail(str(e))
        raise typer.Exit(2) from None
    if not tr.parent_tasks:
        typer.echo(
            f"note: the parent {tr.parent.label} is not among the inputs (or has no task), so children are listed without alignment;"
            " give the parent as a file, or include it in INPUT", err=True,
        )
    tables = tracing.to_tables(tr)
    from .report.html import trace_html

    _write_reports(html, lambda: trace_html(tr), csv_dir, lambda: tables)
    target_db = db or (dbs[0] if dbs else None)
    if target_db:
        import duckdb

        from .database import write_trace

        try:
            target_db.parent.mkdir(parents=True, exist_ok=True)
            with duckdb.connect(str(target_db)) as con:
                counts = write_trace(con, tr)
        except duckdb.Error as e:
            _fail(f"{target_db}: {str(e).splitlines()[0]}")
            raise typer.Exit(2) from None
        typer.echo(f"wrote {counts['trace_links']} links and {counts['trace_children']} children to {target_db} (trace_links, trace_children)", err=True)
    if gold:
        import yaml

        try:
            annotation = yaml.safe_load(gold.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as e:
            _fail(f"{gold}: cannot read the alignment ({str(e).splitlines()[0]})")
            raise typer.Exit(2) from None
        scores = tracing.score_alignment(tr, annotation)
        total = tracing.AlignmentScore("all", *(sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn")))
        for s in [*scores, total]:
            typer.echo(f"{s.child}\tprecision {s.precision:.3f}\trecall {s.recall:.3f}\t(tp {s.tp} fp {s.fp} fn {s.fn})")
        return
    own = f" ({len(tr.own)} on its own follow-up, not traced)" if tr.own else ""
    title = f"Trace of {tr.parent.label}: {len(tr.children)} children, {len(tr.parent_tasks)} parent tasks{own}, {len(tr.untaken())} taken up by none"
    if markdown:
        sys.stdout.write(report_text.tables_markdown(title, tables, tracing.TITLES) + "\n")
    elif not html and not csv_dir and not target_db:
        from rich.console import Console

        console = Console()
        console.print(f"[bold]{title}[/bold]")
        report_text.tables_terminal(tracing.terminal_tables(tr), tracing.TITLES, console)
        typer.echo("(--markdown, --csv DIR or --html FILE give every section in full)", err=True)
    if failed:
        raise typer.Exit(1)


def _write_reports(html: Optional[Path], page, csv_dir: Optional[Path], tables) -> None:
    """The --html page and the --csv folder a report command was asked for, each said on stderr."""
    from .report import text as report_text

    if html:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(page(), encoding="utf-8")
        typer.echo(f"wrote {html}", err=True)
    if csv_dir:
        written = report_text.tables_csv(tables(), csv_dir)
        typer.echo(f"wrote {len(written)} CSV files to {csv_dir}", err=True)


def _records_from_db(db: Path, where: Optional[str]) -> list[dict]:
    import duckdb

    if not db.is_file():
        _fail(f"{db}: no such database file")
        raise typer.Exit(2)
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute("SELECT record FROM plans" + (f" WHERE {where}" if where else "") + " ORDER BY plan_id").fetchall()
    except duckdb.Error as e:
        _fail(f"{db}: {str(e).splitlines()[0]}")
        raise typer.Exit(2) from None
    return [json.loads(r[0]) if isinstance(r[0], str) else r[0] for r in rows]


@app.command()
def show(
    source: Annotated[Path, typer.Argument(help="a document, or a record file (.json, or .jsonl with --id) made with --include-text", show_default=False)],
    html: Annotated[Path, typer.Option("--html", help="where to write the page")] = Path("show.html"),
    record_id: Annotated[Optional[str], typer.Option("--id", help="in a .jsonl file: the record id (default: the first record)", show_default=False)] = None,
) -> None:
    """The document with every extracted value highlighted in place, and the record beside it.

    Example: trichxuat show corpora/seeds/cualo-kh-ubnd-2024-tieu-du-an-1.txt --html cualo.html
    """
    from .api import extract as run
    from .api import normalized_text
    from .inputs import is_record_file, read_records
    from .report.html import show_html

    try:
        if is_record_file(source):
            found = [r for r in read_records(source) if record_id is None or r.get("id") == record_id]
            if not found:
                _fail(f"{source}: no record" + (f" with id {record_id!r}" if record_id else ""))
                raise typer.Exit(1)
            record = found[0]
            text = record.get("text")
            if text is None:  # read the text again from the source file, if it is still the same file
                uri = (record.get("source") or {}).get("uri")
                if not uri or not Path(uri).is_file():
                    _fail(f"{source}: the record has no text (extract with --include-text) and its source file is not here")
                    raise typer.Exit(1)
                from .batch.jobs import sha256_of

                if sha256_of(uri) != record["source"]["sha256"]:
                    _fail(f"{uri}: the file has changed since the record was made (sha256 differs); extract it again")
                    raise typer.Exit(1)
                text = normalized_text(uri)
        else:
            rec = run(source, include_text=True)
            record, text = rec.model_dump(mode="json"), rec.text
    except TrichxuatError as e:
        _fail(str(e))
        raise typer.Exit(1) from None
    except (OSError, ValueError) as e:
        _fail(f"{source}: {e}")
        raise typer.Exit(1) from None
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(show_html(record, text), encoding="utf-8")
    typer.echo(f"wrote {html}", err=True)


@app.command()
def audit(
    inputs: Annotated[list[Path], typer.Argument(help="record files (.jsonl/.json, as `batch` writes them) or a database written by `batch --db`", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", help="table (coverage and records to review) or jsonl (a line per record)")] = "table",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="with --format jsonl: write here instead of the standard output", show_default=False)] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="also write the report as a self-contained page", show_default=False)] = None,
    fail_over: Annotated[Optional[float], typer.Option("--fail-over", help="exit 3 when more than this share of records is not ok (e.g. 0.1)", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", help="records to review listed in the table (0: all)")] = 20,
) -> None:
    """Which records to trust, without gold: coverage of each field group, and the records to review
    worst first, each with its flags (resources/audit.yaml says how serious each is).

    Examples:

      trichxuat batch archive/ -o records.jsonl && trichxuat audit records.jsonl --html audit.html

      trichxuat audit records.jsonl --format jsonl --fail-over 0.1 > audit.jsonl
    """
    from .audit import audit_record, coverage, coverage_rows, show_command, summary_line, to_html, worst_first
    from .inputs import read_records

    if fmt not in ("table", "jsonl"):
        _fail(f"--format {fmt}: expected table or jsonl")
        raise typer.Exit(2)
    if fail_over is not None and not 0.0 <= fail_over <= 1.0:
        _fail(f"--fail-over {fail_over}: expected a share between 0 and 1")
        raise typer.Exit(2)
    records: list[dict] = []
    for path in inputs:
        if not path.exists():
            _fail(f"{path}: does not exist")
            raise typer.Exit(2)
        if path.suffix in (".duckdb", ".db"):
            records += _records_from_db(path, None)
            continue
        try:
            records += list(read_records(path))
        except (OSError, ValueError) as e:
            _fail(f"{path}: not a record file ({e})")
            raise typer.Exit(2) from None
    if not records:
        _fail("no records to audit in " + " ".join(map(str, inputs)))
        raise typer.Exit(2)
    audits = [audit_record(r) for r in records]
    source = " ".join(map(str, inputs))
    if html:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(to_html(audits, coverage(records), source, top), encoding="utf-8")
        typer.echo(f"wrote {html}", err=True)
    if fmt == "jsonl":
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for a in audits:
                out.write(json.dumps(a.as_json(), ensure_ascii=False) + "\n")
        finally:
            if output:
                out.close()
    else:
        from rich.console import Console
        from rich.table import Table

        console = Console()
        cov = coverage(records)
        for title, prefix in (("coverage by source format", "format:"), ("coverage by issuer level", "level:")):
            cols, rows = coverage_rows(cov, prefix)
            t = Table(title=f"{title} (plans where the field group was found)")
            t.add_column("field group")
            for c in cols:
                t.add_column(c, justify="right")
            for row in rows:
                t.add_row(*row)
            console.print(t)
        shown = [a for a in worst_first(audits) if not a.ok or a.flags][: top or None]
        t = Table(title="records to review, worst first")
        for c in ("record", "ok", "score", "flags"):
            t.add_column(c)
        for a in shown:
            t.add_row(Path(a.uri).name if a.uri else a.id or "?", "yes" if a.ok else "no", f"{a.score:.2f}",
                      "\n".join(f"{f.code}: {f.message}" for f in a.flags) + f"\n→ {show_command(a, source)}")
        console.print(t)
    bad = sum(1 for a in audits if not a.ok)
    typer.echo(summary_line(audits), err=True)
    if fail_over is not None and bad > fail_over * len(audits):
        _fail(f"{bad} of {len(audits)} records are not ok ({bad / len(audits):.1%}), over --fail-over {fail_over:.1%}")
        raise typer.Exit(3)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="the address to listen on (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="the port")] = 8070,
    workers: Annotated[int, typer.Option("--workers", "-w", help="extraction worker processes")] = 2,
    queue: Annotated[int, typer.Option("--queue", help="requests that may wait for a worker; more get 503 with Retry-After")] = 8,
    max_upload: Annotated[float, typer.Option("--max-upload", help="MiB per uploaded document (413 over it)")] = 50.0,
    timeout: Annotated[float, typer.Option("--timeout", help="seconds per document (504 past it)")] = 120.0,
    max_memory: Annotated[int, typer.Option("--max-memory", help="MB of resident memory per worker")] = 2048,
) -> None:
    """A web service for the systems that consume records: POST /extract (a document in, its record
    out, the same as `trichxuat extract`), POST /extract/batch, GET /schema, /health, /version, the
    OpenAPI page at /docs and a drop-a-file page at /.

    Example: trichxuat serve --port 8070 --workers 2, then
    curl -F file=@corpora/seeds/cualo-kh-ubnd-2024-tieu-du-an-1.txt http://127.0.0.1:8070/extract
    """
    try:
        import uvicorn

        from .service import ServiceConfig, create_app
    except ImportError as e:
        _fail(f"the service needs fastapi, uvicorn and python-multipart ({e}): pip install 'trichxuat'")
        raise typer.Exit(2) from None
    if workers < 1 or queue < 0 or max_upload <= 0 or timeout <= 0:
        _fail("--workers must be at least 1; --queue, --max-upload and --timeout positive")
        raise typer.Exit(2)
    config = ServiceConfig(workers=workers, queue=queue, max_upload_bytes=int(max_upload * 2**20), timeout=timeout, max_memory_mb=max_memory)
    typer.echo(f"trichxuat serve: http://{host}:{port}/ ({workers} workers, queue {queue}); OpenAPI at /docs", err=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning")


class _BatchProgress:
    """A rich progress bar (rate, ETA, failures) on a terminal; a line every 30 s otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.total = total
        self.bar = None
        self.last = 0.0
        self.t0 = time.monotonic()
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:>7.1f} docs/s  {task.fields[failed]} failed"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self.task = self.bar.add_task("batch", total=total, rate=0.0, failed=0)
            self.bar.start()
        self.enabled = enabled

    def __call__(self, summary, outcome) -> None:
        now = time.monotonic()
        n = summary.processed + summary.resumed
        rate = summary.processed / max(now - self.t0, 1e-9)
        if self.bar is not None:
            self.bar.update(self.task, completed=n, rate=rate, failed=summary.failed)
        elif self.enabled and now - self.last >= 30:
            self.last = now
            left = (self.total - n) / rate if rate else float("nan")
            typer.echo(f"batch: {n}/{self.total} ({summary.failed} failed), {rate:.1f} docs/s, about {left:.0f} s left", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="files, folders, glob patterns ('archive/**/*.pdf'), or a scraper's manifest.jsonl", show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="records, one JSON per line")] = Path("records.jsonl"),
    errors: Annotated[Optional[Path], typer.Option("--errors", help="error rows [default: errors.jsonl beside the output]", show_default=False)] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="worker processes (0: one per core)")] = 0,
    resume: Annotated[bool, typer.Option("--resume", help="keep the output and skip inputs whose file and sha256 already have a record")] = False,
    retry_errors: Annotated[bool, typer.Option("--retry-errors/--skip-errors", help="with --resume: extract again, or skip, the files that failed before")] = True,
    sort: Annotated[bool, typer.Option("--sorted", help="write records and errors in input order (deterministic output)")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="seconds per file before it becomes an error row")] = 600.0,
    max_memory: Annotated[int, typer.Option("--max-memory", help="MB of resident memory per worker before its file becomes an error row")] = 2048,
    max_bytes: MaxBytes = Limits.max_text_bytes,
    max_pages: MaxPages = Limits.max_pages,
    ocr_pages: OcrPages = Limits.ocr_pages,
    max_chars: MaxChars = Limits.max_chars,
    engine: Annotated[str, typer.Option("--engine", help="local (a process pool) or dask")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 [default: a local cluster]", show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help="also load every record into this DuckDB database (normalized tables)")] = None,
    parquet: Annotated[Optional[Path], typer.Option("--parquet", help="also write the same tables as Parquet files in this folder")] = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="follow symlinks that point outside the input folders")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="show progress on stderr")] = True,
) -> None:
    """Extract a whole archive: one record or one error row per input, resumable.

    Examples:

      trichxuat batch corpora -o out/records.jsonl --db out/plans.duckdb

      trichxuat batch 'archive/**/*.pdf' -o records.jsonl --resume --workers 8

      trichxuat batch archive/manifest.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from .batch import BatchOptions, WorkerLimits, collect, run_batch

    if engine not in ("local", "dask"):
        _fail(f"--engine must be 'local' or 'dask', not {engine!r}")
        raise typer.Exit(2)
    if scheduler and engine != "dask":
        _fail("--scheduler needs --engine dask")
        raise typer.Exit(2)
    if engine == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            _fail("the Dask engine needs dask.distributed: pip install 'trichxuat[dask]'")
            raise typer.Exit(2) from None
    if output.exists() and not resume and output.stat().st_size > 0:
        typer.echo(f"trichxuat: {output} exists and will be overwritten (use --resume to continue it)", err=True)
    limits = WorkerLimits(timeout=timeout, max_memory_mb=max_memory, ingest=_limits(max_bytes, max_pages, ocr_pages, max_chars))
    options = BatchOptions(
        output=output, errors=errors, workers=workers, resume=resume, retry_errors=retry_errors, sort=sort,
        engine=engine, scheduler=scheduler, follow_symlinks=follow_symlinks, limits=limits,
    )
    collected = collect(inputs, follow_symlinks=follow_symlinks)
    total = len(collected[0])
    if total == 0:
        _fail("no input documents found in " + " ".join(inputs))
        raise typer.Exit(2)
    bar = _BatchProgress(total, progress)
    try:
        summary = run_batch(inputs, options, bar, collected)
    finally:
        bar.close()
    for s in summary.not_inputs:
        typer.echo(f"trichxuat: skipped {s.path}: {s.reason}", err=True)
    rate = summary.processed / summary.seconds if summary.seconds else 0.0
    lines = [
        f"{summary.inputs} inputs: {summary.done} records, {summary.failed} errors, {summary.resumed} already done"
        f" ({summary.processed} extracted in {summary.seconds:.1f} s including worker start-up, {rate:.1f} docs/s, {options.worker_count} {engine} worker{'s' if options.worker_count != 1 else ''})",
        f"records: {output}   errors: {options.errors_path}",
    ]
    if summary.errors:
        lines.append("errors by type: " + ", ".join(f"{k} {v}" for k, v in summary.errors.most_common()))
    if summary.warnings:
        lines.append("warnings by code: " + ", ".join(f"{k} {v}" for k, v in summary.warnings.most_common(12)))
    if summary.interrupted:
        lines.append("interrupted: the output holds whole lines only; run the same command with --resume to continue")
    elif summary.done or summary.resumed:
        from .audit import audit_record
        from .batch.output import read_lines

        audits = [audit_record(r) for r in read_lines(output)]
        bad = sum(1 for a in audits if not a.ok)
        lines.append(f"quality: {bad} of {len(audits)} records to review (not ok); see them with: trichxuat audit {output}")
    typer.echo("\n".join(lines), err=True)
    if summary.interrupted:
        raise typer.Exit(130)
    if db or parquet:
        from . import database
        from .batch.output import read_lines

        con = database.load(read_lines(output), read_lines(options.errors_path), db=db)
        if db:
            counts = database.table_counts(con)
            typer.echo(f"database {db}: " + ", ".join(f"{t} {n}" for t, n in counts.items()), err=True)
        if parquet:
            written = database.write_parquet(con, parquet)
            typer.echo(f"wrote {len(written)} Parquet tables to {parquet}", err=True)
        con.close()
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def scrape(
    portal: Annotated[str, typer.Argument(help="vbpl, thuvienphapluat, or urls (then a file of URLs)", show_default=False)],
    url_file: Annotated[Optional[Path], typer.Argument(help="for `urls`: a file with one URL per line", show_default=False)] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="the archive folder (created; resumed if it exists)")] = Path("archive"),
    date_from: Annotated[Optional[str], typer.Option("--from", help="issued on or after YYYY-MM-DD", show_default=False)] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="issued on or before YYYY-MM-DD", show_default=False)] = None,
    agency: Annotated[str, typer.Option("--agency", help="issuing body as the portal names it, e.g. 'UBND tỉnh Lào Cai'")] = "",
    doc_type: Annotated[Optional[str], typer.Option("--doc-type", help="document type as the portal names it [default: Kế hoạch]", show_default=False)] = None,
    keyword: Annotated[str, typer.Option("--keyword", help="words to search for")] = "",
    max_pages: Annotated[int, typer.Option("--max-pages", help="listing pages to walk at most")] = 50,
    max_documents: Annotated[Optional[int], typer.Option("--max-documents", help="stop after this many document pages", show_default=False)] = None,
    attachments: Annotated[bool, typer.Option("--attachments/--no-attachments", help="download the originals (PDF/DOC/DOCX) attached to document pages")] = True,
    refresh: Annotated[bool, typer.Option("--refresh", help="revalidate what the archive has (If-None-Match / If-Modified-Since)")] = False,
    delay: Annotated[float, typer.Option("--delay", help="seconds between requests to one host (at least 2 unless you run the server)")] = 2.0,
    retries: Annotated[int, typer.Option("--retries", help="retries on 429, 5xx and network errors, with exponential backoff")] = 3,
    timeout: Annotated[float, typer.Option("--timeout", help="seconds to connect and between bytes")] = 30.0,
    max_size: Annotated[int, typer.Option("--max-size", help="MB: a larger response is cut and recorded as failed")] = 50,
    max_wait: Annotated[float, typer.Option("--max-wait", help="longest Retry-After (seconds) to honour")] = 300.0,
    contact: Annotated[Optional[str], typer.Option("--contact", help="your e-mail or URL, added to the User-Agent so operators can reach you", show_default=False)] = None,
    base_url: Annotated[Optional[str], typer.Option("--base-url", help="another origin for the portal (a mirror, or a local server for tests)", show_default=False)] = None,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", help="a further host that redirects may lead to (repeatable)", show_default=False)] = None,
    extract_after: Annotated[bool, typer.Option("--extract", help="then run `trichxuat batch` on what the archive holds (records.jsonl in the archive)")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", help="with --extract: worker processes (0: one per core)")] = 0,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="show progress on stderr")] = True,
) -> None:
    """Crawl a legal portal, or a list of URLs, into an archive folder: politely, and resumably.

    Examples:

      trichxuat scrape vbpl --agency "UBND tỉnh Lào Cai" --from 2025-01-01 --to 2025-12-31 -o archive/laocai-2025

      trichxuat scrape urls plans.txt -o archive/provinces --extract
    """
    import datetime as dt

    from .scrape import CrawlOptions, FetchPolicy, crawl, read_url_list

    if portal not in ("vbpl", "thuvienphapluat", "urls"):
        _fail(f"unknown portal {portal!r}: use vbpl, thuvienphapluat or urls")
        raise typer.Exit(2)
    urls: list[str] = []
    if portal == "urls":
        if url_file is None:
            _fail("`scrape urls` needs a file with one URL per line")
            raise typer.Exit(2)
        try:
            urls = read_url_list(url_file)
        except (OSError, ValueError, UnicodeDecodeError) as e:
            _fail(str(e) if isinstance(e, ValueError) else f"{url_file}: cannot be read ({e})")
            raise typer.Exit(2) from None
        if not urls:
            _fail(f"{url_file}: no URL in the file")
            raise typer.Exit(2)
    elif url_file is not None:
        _fail(f"a URL file is only for `scrape urls`, not for {portal}")
        raise typer.Exit(2)

    def day(value: Optional[str], name: str) -> Optional[dt.date]:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            _fail(f"{name} must be a date YYYY-MM-DD, not {value!r}")
            raise typer.Exit(2) from None

    options = CrawlOptions(
        portal=portal, urls=urls, base_url=base_url, agency=agency, doc_type=doc_type, keyword=keyword,
        date_from=day(date_from, "--from"), date_to=day(date_to, "--to"), max_pages=max_pages, max_documents=max_documents,
        attachments=attachments, refresh=refresh, allow_hosts=allow_host or [],
    )
    policy = FetchPolicy(delay=delay, retries=retries, timeout=timeout, max_bytes=max_size * 2**20, max_wait=max_wait, contact=contact)
    bar = _CrawlProgress(progress)
    try:
        summary = crawl(output, options, policy, bar)
    finally:
        bar.close()
    typer.echo(
        f"{output}: {summary.fetched} fetched, {summary.skipped} already in the archive, {summary.not_modified} unchanged, "
        f"{summary.disallowed} disallowed by robots.txt, {summary.failed} failed ({summary.requests} requests); "
        f"{summary.documents} documents in the archive; manifest: {output / 'manifest.jsonl'}",
        err=True,
    )
    if summary.interrupted:
        typer.echo("interrupted: the manifest is consistent; run the same command again to continue", err=True)
        raise typer.Exit(130)
    if extract_after:
        from .batch import BatchOptions, run_batch

        manifest = output / "manifest.jsonl"
        b = run_batch([str(manifest)], BatchOptions(output=output / "records.jsonl", workers=workers, resume=True))
        typer.echo(f"extracted: {b.done} records, {b.failed} errors, {b.resumed} already done -> {output / 'records.jsonl'}", err=True)
        if b.failed:
            summary.failed += b.failed
    if summary.failed:
        raise typer.Exit(1)


class _CrawlProgress:
    """Counts of fetched / skipped / failed as a live line on a terminal."""

    def __init__(self, enabled: bool):
        self.status = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console

            self.console = Console(stderr=True)
            self.status = self.console.status("crawling")
            self.status.start()

    def __call__(self, s, row) -> None:
        if self.status is not None:
            self.status.update(
                f"{s.fetched} fetched, {s.skipped} skipped, {s.disallowed} disallowed, {s.failed} failed   {row.kind}: {row.url[:90]}"
            )

    def close(self) -> None:
        if self.status is not None:
            self.status.stop()


@app.command()
def query(
    database_file: Annotated[Path, typer.Argument(help="a DuckDB database written by `trichxuat batch --db`", show_default=False)],
    sql: Annotated[str, typer.Argument(help="SQL, e.g. \"SELECT * FROM budget_by_province\"", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or jsonl")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="rows shown in a table (0: all)")] = 50,
) -> None:
    """Run SQL on a records database (read-only). `trichxuat query plans.duckdb tables` lists tables and views.

    Examples:

      trichxuat query plans.duckdb "SELECT * FROM lead_agencies_in_several_plans"

      trichxuat query plans.duckdb "SELECT province, sum(budget_total) FROM plans GROUP BY 1" --format csv
    """
    import duckdb

    if not database_file.is_file():
        _fail(f"{database_file}: no such database file")
        raise typer.Exit(2)
    if fmt not in ("table", "csv", "jsonl"):
        _fail(f"--format must be table, csv or jsonl, not {fmt!r}")
        raise typer.Exit(2)
    try:
        con = duckdb.connect(str(database_file), read_only=True)
    except duckdb.Error as e:
        _fail(f"{database_file}: not a DuckDB database ({str(e).splitlines()[0]})")
        raise typer.Exit(2) from None
    if sql.strip().lower() == "tables":
        sql = "SELECT table_name AS name, table_type AS kind FROM information_schema.tables ORDER BY table_type, table_name"
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
    except duckdb.Error as e:
        _fail(f"query failed: {str(e).splitlines()[0]}")
        raise typer.Exit(1) from None
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(names)
        w.writerows(rows)
    elif fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(names, row)), ensure_ascii=False, default=str) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*names, show_lines=False)
        shown = rows if limit == 0 else rows[:limit]
        for row in shown:
            table.add_row(*("" if v is None else str(v) for v in row))
        console = Console()
        console.print(table)
        if len(shown) < len(rows):
            console.print(f"{len(rows)} rows, {len(shown)} shown (--limit 0 for all)")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
