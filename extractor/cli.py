"""The `extractor` command line: extract, chunk, eval, serve, bench.

Settings are read here, at the edge, from flags and `EXTRACTOR_*` environment variables, and passed
down. User errors (a bad file, a bad setting) print one clear line; bugs stay loud.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.tree import Tree

from extractor.settings import LLM_NOTICE, Settings

app = typer.Typer(help="Grounded extraction from Chinese public budget reports.", no_args_is_help=True)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with the flags given on the command line on top."""
    try:
        base = Settings()
        given = {k: v for k, v in overrides.items() if v is not None}
        return Settings.model_validate({**base.model_dump(), **given}) if given else base
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(p) for p in problem["loc"])
        err.print(
            f"[red]error:[/] setting {field!r}: {problem['msg']} (environment variable EXTRACTOR_{field.upper()})"
        )
        raise typer.Exit(2) from exc


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders of them.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the <stem>.json records.")] = Path("out"),
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Rules only, even when a model is configured.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Documents processed at once.")] = 1,
    llm_model: Annotated[str | None, typer.Option(help="Model name (EXTRACTOR_LLM_MODEL).")] = None,
    llm_base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint (EXTRACTOR_LLM_BASE_URL).")
    ] = None,
    llm_mode: Annotated[str | None, typer.Option(help="instructor mode: json_schema, tools, json, md_json.")] = None,
    concurrency: Annotated[int | None, typer.Option(help="Concurrent model calls (EXTRACTOR_LLM_CONCURRENCY).")] = None,
    cache_dir: Annotated[Path | None, typer.Option(help="LLM call cache (EXTRACTOR_CACHE_DIR).")] = None,
) -> None:
    """Extract one `<stem>.json` record per input file; resumes where a previous run stopped."""
    from extractor.batch import collect_inputs, run_batch

    settings = load_settings(
        llm_model=llm_model,
        llm_base_url=llm_base_url,
        llm_mode=llm_mode,
        llm_concurrency=concurrency,
        cache_dir=cache_dir,
    )
    if no_llm:
        settings = settings.without_llm()
    if not settings.llm_enabled:
        err.print(f"[dim]{LLM_NOTICE}[/]")
    inputs = collect_inputs(paths)
    missing = [p for p in inputs if not p.exists()]
    if not inputs:
        err.print("[red]error:[/] no input files found")
        raise typer.Exit(2)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task("extracting", total=len(inputs))
        result = run_batch(
            [p for p in inputs if p not in missing], out, settings, jobs, lambda _s, _st: progress.advance(task)
        )
    for path in missing:
        result.failed[path] = f"{path}: no such file"
    console.print(
        f"{len(result.written)} written, {len(result.skipped)} current (skipped), {len(result.failed)} failed → {out}/"
    )
    if result.usage.get("calls") or result.usage.get("cache_hits"):
        u = result.usage
        console.print(
            f"LLM: {u.get('calls', 0)} calls, {u.get('cache_hits', 0)} cache hits, "
            f"{u.get('prompt_tokens', 0)} prompt + {u.get('completion_tokens', 0)} completion tokens"
        )
    for reason in result.failed.values():
        err.print(f"[red]failed:[/] {reason}")
    if result.failed:
        raise typer.Exit(1)


@app.command("chunk")
def chunk_command(file: Annotated[Path, typer.Argument(help="A report file.")]) -> None:
    """Print the section tree: heading trails, chunk kinds and source spans."""
    from extractor.chunk import chunk
    from extractor.families import FAMILIES
    from extractor.load import LoadError, load_path
    from extractor.normalize import normalize
    from extractor.route import families_for

    try:
        loaded = load_path(file)
    except LoadError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    chunks = chunk(normalize(loaded.text))
    tree = Tree(f"[bold]{file.name}[/] ({len(chunks)} chunks)")
    nodes: dict[tuple[str, ...], Tree] = {(): tree}
    for c in chunks:
        for depth in range(1, len(c.trail) + 1):
            trail = c.trail[:depth]
            if trail not in nodes:
                nodes[trail] = nodes[trail[:-1]].add(trail[-1])
        label = f"[cyan]{c.kind}[/] #{c.id} source[{c.source_start}:{c.source_end}] {len(c.text)} chars"
        if c.project:
            label += f" project={c.project}"
        families = families_for(c, FAMILIES)
        if families:
            label += f" → {','.join(families)}"
        nodes[c.trail].add(label)
    console.print(tree)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind; another than 127.0.0.1 needs EXTRACTOR_REVIEW_TOKEN.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    db: Annotated[str | None, typer.Option("--db", help="SQLAlchemy database URL (EXTRACTOR_DATABASE_URL).")] = None,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Extract submitted documents with the rules only.")] = False,
    llm_model: Annotated[str | None, typer.Option(help="Model name (EXTRACTOR_LLM_MODEL).")] = None,
    llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (EXTRACTOR_LLM_BASE_URL).")] = None,
    llm_mode: Annotated[str | None, typer.Option(help="instructor mode: json_schema, tools, json, md_json.")] = None,
) -> None:
    """The review web UI and HTTP API (submit, flags, decisions, audit trail, export)."""
    import uvicorn

    from extractor.review.app import UnsafeBinding, create_app

    settings = load_settings(database_url=db, llm_model=llm_model, llm_base_url=llm_base_url, llm_mode=llm_mode)
    if no_llm:
        settings = settings.without_llm()
    if not settings.llm_enabled:
        err.print(f"[dim]{LLM_NOTICE}[/]")
    try:
        application = create_app(settings, host)
    except UnsafeBinding as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    except Exception as exc:  # a database URL SQLAlchemy cannot open
        if type(exc).__module__.startswith("sqlalchemy"):
            err.print(f"[red]error:[/] database {settings.database_url!r}: {exc}")
            raise typer.Exit(2) from exc
        raise
    console.print(f"review UI on http://{host}:{port}/  (database {settings.database_url})")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def bench(
    paths: Annotated[list[Path] | None, typer.Argument(help="Report files (default: the bundled samples).")] = None,
    repeat: Annotated[int, typer.Option(help="Runs to time; the best is reported.")] = 3,
) -> None:
    """Time the deterministic pipeline per stage on one core; print docs/s, chars/s and peak memory."""
    from extractor.bench import run_bench, samples_dir

    table: Table = run_bench(paths or sorted(samples_dir().glob("*.txt")), repeat)
    console.print(table)


def _register_eval() -> None:
    try:
        from eval.cli import register
    except ImportError:  # the eval harness ships with the project; absent only in a broken install
        return
    register(app)


_register_eval()
