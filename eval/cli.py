"""The `extractor eval` command: score a folder of predicted records against the gold records.

In: `--gold DIR --pred DIR` (records paired by file stem), optional `--sources DIR`, `--json FILE`,
`--html FILE`, `--errors FILE`. Out: tables on the terminal and the files asked for. Exit code 1
when a record could not be read (each named with its JSON Pointer), 2 when there is no gold.
`register(app)` adds the command to the project's typer app; imports stay lazy so the CLI starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold <stem>.json records.")],
    pred: Annotated[Path, typer.Option("--pred", help="Folder of predicted <stem>.json records.")],
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the summary as JSON here.")] = None,
    html_path: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML report here.")] = None,
    errors_path: Annotated[
        Path | None, typer.Option("--errors", help="Write every wrong value as JSON lines here.")
    ] = None,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Folder of <stem>.txt sources (default: samples/ beside --gold).")
    ] = None,
) -> None:
    """Accuracy of predicted records against gold: per family, per document, and the review load."""
    from rich.console import Console
    from rich.markup import escape

    from eval.harness import evaluate
    from eval.mismatches import write_mismatches
    from eval.report import render_html, terminal_tables

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # piped to a file or log: no terminal to fit, keep rows on one line
    err = Console(stderr=True, soft_wrap=True)
    for label, folder in (("--gold", gold), ("--pred", pred), ("--sources", sources)):
        if folder is not None and not folder.is_dir():
            err.print(f"[red]error:[/] {label} {escape(str(folder))}: not a folder")
            raise typer.Exit(2)
    if not any(gold.glob("*.json")):
        err.print(f"[red]error:[/] no gold records (*.json) in {escape(str(gold))}")
        raise typer.Exit(2)
    problem = _first_unwritable({"--json": json_path, "--html": html_path, "--errors": errors_path})
    if problem:  # said before the evaluation, not after it
        err.print(f"[red]error:[/] {escape(problem)}")
        raise typer.Exit(2)
    evaluation = evaluate(gold, pred, sources)
    summary = evaluation.summary
    for table in terminal_tables(summary):
        console.print(table)
    if summary.missing:
        err.print(f"[yellow]missing predictions (scored as all misses):[/] {escape(', '.join(summary.missing))}")
    if summary.extra:
        err.print(f"[dim]predictions without gold (not scored): {escape(', '.join(summary.extra))}[/]")
    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}")
    for error in summary.errors:
        err.print(f"[red]error:[/] {escape(str(error))}")
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(summary.model_dump_json(indent=2) + "\n", encoding="utf-8")
        console.print(f"summary → {escape(str(json_path))}")
    if html_path is not None:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html(evaluation), encoding="utf-8")
        console.print(f"report → {escape(str(html_path))}")
    if errors_path is not None:
        count = write_mismatches(evaluation.results, errors_path)
        console.print(f"{count} wrong values → {escape(str(errors_path))}")
    if summary.errors:
        raise typer.Exit(1)


def _first_unwritable(paths: dict[str, Path | None]) -> str | None:
    for label, path in paths.items():
        problem = _unwritable(path) if path is not None else None
        if problem:
            return f"{label} {path}: {problem}"
    return None


def _unwritable(path: Path) -> str | None:
    """Why a report cannot be written at `path` (its folder is made if missing), or None when it can."""
    if path.is_dir():
        return "is a folder, not a file"
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        return f"{blocking} is a file, not a folder"
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        return f"cannot write it ({exc.strerror or exc})"
    if not existed:
        path.unlink(missing_ok=True)
    return None
