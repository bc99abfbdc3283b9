"""The command line. It parses arguments and calls the API; problems are one line on stderr."""

from __future__ import annotations

import json
import os
import sys
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
) -> None:
    """Extract records: JSON for one file, JSON Lines for several.

    Example: trichxuat extract plan.txt -o plan.json
    """
    from .api import extract as run

    limits = Limits(max_bytes=max(max_bytes, Limits.max_bytes), max_text_bytes=max_bytes)
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
) -> None:
    """Print the normalized text that every span points into.

    Example: trichxuat text plan.md | less
    """
    from .api import normalized_text

    try:
        sys.stdout.write(normalized_text(file, Limits(max_text_bytes=max_bytes)) + "\n")
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
) -> None:
    """Score the extractor against gold files (the scoring of spec/plan-record.md).

    Example: trichxuat evaluate corpora --verbose
    """
    from .evaluate import HEADER_FIELDS, evaluate as run
    from .pipeline import NOT_EXTRACTED

    if not gold_dir.exists():
        _fail(f"{gold_dir}: does not exist")
        raise typer.Exit(1)
    report = run(gold_dir)
    if report.documents == 0:
        _fail(f"{gold_dir}: no *.gold.json files found")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(verbose), ensure_ascii=False, indent=2) + "\n")
        return
    header = {n for n, _ in HEADER_FIELDS}
    lines = [f"{report.documents} gold documents, {len(report.errors)} errors", ""]
    lines.append(f"{'field':<26}{'n':>5}  {'score':>6}   detail")
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
        lines.append(f"{mark}{s.name:<25}{s.total:>5}  {shown}   {detail}")
    acc = report.header_accuracy()
    lines.append("")
    lines.append(f"header accuracy (fields marked *): {acc:.3f}" if acc is not None else "header accuracy: -")
    for err in report.errors:
        lines.append(f"error: {err['document']}: {err['error']}")
    if verbose:
        lines.append("")
        for s in report.scores.values():
            for miss in s.misses:
                lines.append(f"miss {s.name}: " + json.dumps(miss, ensure_ascii=False))
    typer.echo("\n".join(lines))


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
                records.append(run(path).model_dump(mode="json"))
        except TrichxuatError as e:
            _fail(str(e))
            failed += 1
        except (OSError, ValueError) as e:
            _fail(f"{path}: {e}")
            failed += 1
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
