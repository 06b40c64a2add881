"""The `extractor` command line: extract, chunk, doctor, eval, serve, bench.

Settings are read here, at the edge, from flags and `EXTRACTOR_*` environment variables, and passed
down. User errors (a bad file, a bad setting) print one clear line; bugs stay loud.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.tree import Tree

from extractor.settings import LLM_NOTICE, Settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from extractor.batch import BatchResult
    from extractor.engines.store_sink import StoreSink
    from extractor.extractors import ModelHealth

app = typer.Typer(help="Grounded extraction from Chinese public budget reports.", no_args_is_help=True)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


# The flags that set a setting, for naming the one at fault.
FLAGS = {
    "llm_model": "--llm-model",
    "llm_base_url": "--llm-base-url",
    "llm_mode": "--llm-mode",
    "llm_concurrency": "--concurrency",
    "cache_dir": "--cache-dir",
    "database_url": "--db",
}


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with the flags given on the command line on top."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        base = Settings()
        return Settings.model_validate({**base.model_dump(), **given}) if given else base
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(p) for p in problem["loc"])
        where = f"flag {FLAGS[field]}" if field in given and field in FLAGS else f"environment variable EXTRACTOR_{field.upper()}"
        err.print(f"[red]error:[/] setting {field!r}: {problem['msg']} ({where})")
        raise typer.Exit(2) from exc


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Report files or folders of them (or fsspec URLs, --engine ray).")],
    out: Annotated[
        str, typer.Option("--out", help="Folder for the records: <stem>.json, sub/<stem>.json for sub/ inputs.")
    ] = "out",
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Rules only, even when a model is configured.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Documents processed at once.")] = 1,
    llm_model: Annotated[str | None, typer.Option(help="Model name (EXTRACTOR_LLM_MODEL).")] = None,
    llm_base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint (EXTRACTOR_LLM_BASE_URL).")
    ] = None,
    llm_mode: Annotated[
        str | None, typer.Option(help="auto (default), json_schema, json_object_schema, tools, json, md_json.")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(help="Concurrent model calls (EXTRACTOR_LLM_CONCURRENCY).")] = None,
    cache_dir: Annotated[Path | None, typer.Option(help="LLM call cache (EXTRACTOR_CACHE_DIR).")] = None,
    ocr: Annotated[
        bool | None, typer.Option("--ocr", help="Read every PDF page by OCR, even pages with a text layer (EXTRACTOR_OCR).")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine) or ray (a Ray cluster; pip install 'budget-extractor[ray]').")
    ] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="The Ray cluster to join (--engine ray); a local one when not given.")
    ] = None,
    store: Annotated[
        str | None, typer.Option("--store", help="Also put each record into this review store (a database URL).")
    ] = None,
) -> None:
    """Extract one record per input file (text, PDF, scans and images by OCR, .docx, .xlsx/.xls, .html);
    resumes where a previous run stopped, Ctrl-C stops at once."""
    from extractor.batch import plan_batch, run_batch
    from extractor.outputs import OutputError, collect_inputs

    settings = load_settings(
        llm_model=llm_model,
        llm_base_url=llm_base_url,
        llm_mode=llm_mode,
        llm_concurrency=concurrency,
        cache_dir=cache_dir,
        ocr=ocr or None,
    )
    if no_llm:
        settings = settings.without_llm()
    if not settings.llm_enabled:
        err.print(f"[dim]{LLM_NOTICE}[/]")
    if engine != "local" or address:
        _extract_on_engine(paths, out, settings, jobs, engine, address, store)
        return
    sink = _store_sink(store, settings)
    inputs = collect_inputs([Path(p) for p in paths])
    if not inputs:
        err.print("[red]error:[/] no input files found")
        raise typer.Exit(2)
    missing = [i.path for i in inputs if not i.path.exists()]
    try:
        plan = plan_batch([i for i in inputs if i.path not in missing], Path(out))
    except OutputError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    for notice in plan.notices:
        err.print(f"[yellow]note:[/] {escape(notice)}")
    signal.signal(signal.SIGTERM, _interrupt)  # a stop from outside ends like Ctrl-C: summary, records kept
    _check_model(settings)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task("extracting", total=len(inputs))
        targets = {str(job.source): str(job.target) for job in plan.jobs}
        result = run_batch(plan, settings, jobs, _on_done(lambda: progress.advance(task), sink, targets))
    for path in missing:
        result.failed[path] = f"{path}: no such file"
    _finish(result, out, sink, settings)


def _finish(result: BatchResult, out: str, sink: StoreSink | None, settings: Settings) -> None:
    """The summary (with what the store took) and the exit code: 130 interrupted, 1 when anything failed."""
    if sink is not None:
        result.failed.update({Path(k): v for k, v in sink.problems.items()})
        console.print(f"{sink.added} record(s) put into the review store {_shown_url(sink.store.url)}")
        sink.close()
    _report(result, out)
    incomplete = _report_model(settings, result.model)
    if result.interrupted:
        _leave(130, abandoned=result.abandoned)
    if result.failed or incomplete:
        raise typer.Exit(1)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _leave(code: int, abandoned: bool) -> None:
    """Exit with `code`; at once when threads were abandoned in model calls, which cannot be cancelled and which
    Python would wait for at exit (every record is written whole or not at all; the call cache is a database
    that a cut leaves intact)."""
    if not abandoned:
        raise typer.Exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _report(result: BatchResult, out: str | Path) -> None:
    """The batch's summary: counts, usage, warnings, then every failure on a line of its own."""
    console.print(
        f"{len(result.written)} written, {len(result.skipped)} current (skipped), {len(result.failed)} failed → {out}/"
    )
    if result.interrupted:
        err.print(
            f"[yellow]interrupted:[/] {len(result.not_done)} not done; every record written is kept "
            "(run the same command again to go on)"
        )
    if result.usage.get("calls") or result.usage.get("cache_hits"):
        u = result.usage
        console.print(
            f"LLM: {u.get('calls', 0)} calls, {u.get('cache_hits', 0)} cache hits, "
            f"{u.get('prompt_tokens', 0)} prompt + {u.get('completion_tokens', 0)} completion tokens"
        )
    for notice in result.notices:
        err.print(f"[dim]{escape(notice)}[/]")
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}")
    for reason in result.failed.values():
        err.print(f"[red]failed:[/] {escape(reason)}")


def _check_model(settings: Settings) -> None:
    """The model check `extract` runs first: one clear line and exit 2 when the model cannot be used."""
    if not settings.llm_enabled:
        return
    from extractor.doctor import preflight

    problem = preflight(settings)
    if problem is not None:
        err.print(f"[red]error:[/] {escape(problem)}")
        raise typer.Exit(2)


def _report_model(settings: Settings, seen: ModelHealth | None = None) -> bool:
    """The model's part of the run's summary (what the engine's workers `seen`, else this process's model stack);
    True when records are incomplete because the model failed."""
    from extractor.extractors import model_health

    health = seen if seen is not None else model_health(settings)
    if health is None:
        return False
    line = f"model: mode {health.mode}, {health.probe_calls} probe calls"
    if health.concurrency[1] < health.concurrency[0]:
        line += f", concurrency backed off from {health.concurrency[0]} to {health.concurrency[1]}"
    err.print(f"[dim]{line}[/]")
    if health.breaker_open is not None:
        err.print(f"[red]model endpoint down:[/] {health.breaker_open}; the rest of the run was rules-only "
                  f"({health.refused_calls} calls not sent)")  # fmt: skip
    if health.failed_calls:
        err.print(f"[red]incomplete:[/] {health.failed_calls} model calls failed; those chunks are rules-only "
                  "(rerun to retry them: finished records are kept)")  # fmt: skip
    if health.invalid_calls:
        err.print(f"[yellow]note:[/] {health.invalid_calls} model calls never gave a valid answer (re-asks spent)")
    return health.incomplete


@app.command()
def doctor(
    llm_model: Annotated[str | None, typer.Option(help="Model name (EXTRACTOR_LLM_MODEL).")] = None,
    llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (EXTRACTOR_LLM_BASE_URL).")] = None,
) -> None:
    """Check the model endpoint: reachable, key, model name, each structured-output mode, latency; what to set."""
    from extractor.doctor import diagnose

    settings = load_settings(llm_model=llm_model, llm_base_url=llm_base_url)
    if not settings.llm_enabled:
        err.print(f"[red]error:[/] {LLM_NOTICE}")
        raise typer.Exit(2)
    rows, exports = diagnose(settings)
    table = Table(title="extractor doctor")
    for column in ("check", "", "result", "set"):
        table.add_column(column)
    marks = {"ok": "[green]ok[/]", "fail": "[red]FAIL[/]", "warn": "[yellow]warn[/]", "info": ""}
    for row in rows:
        table.add_row(row.check, marks[row.status], row.result, row.advice)
    console.print(table)
    usable = any(r.check.startswith("mode ") and r.status == "ok" for r in rows)
    if exports:
        console.print("export " + " ".join(exports))
    console.print("the model can be used" if usable else "[red]the model cannot be used[/]")
    if not usable:
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
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8000,
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
    listening = _listen(host, port)  # before the database: a port in use changes nothing on disk
    try:
        application = create_app(settings, host)
    except UnsafeBinding as exc:
        listening.close()
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    except Exception as exc:
        listening.close()
        problem = _database_problem(settings.database_url, exc)
        if problem is None:
            raise
        err.print(f"[red]error:[/] {escape(problem)}")
        raise typer.Exit(2) from exc
    bound = listening.getsockname()[1]
    console.print(f"review UI on http://{host}:{bound}/  (database {_shown_url(settings.database_url)})")
    uvicorn.Server(uvicorn.Config(application, log_level="warning")).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound and listening on (host, port), or one clear line and exit 2."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        listening = socket.socket(family, kind, proto)
    except OSError as exc:
        err.print(f"[red]error:[/] cannot listen on {escape(host)}:{port}: {exc.strerror or exc}")
        raise typer.Exit(2) from exc
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
        listening.listen(128)
    except OSError as exc:
        listening.close()
        hint = " (another server is using it: stop it, or choose another --port)" if exc.errno == errno.EADDRINUSE else ""
        err.print(f"[red]error:[/] cannot listen on {escape(host)}:{port}: {exc.strerror or exc}{hint}")
        raise typer.Exit(2) from exc
    return listening


def _shown_url(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can parse: shown as given, it has no password to hide
        return url


def _database_problem(url: str, exc: Exception) -> str | None:
    """One line for a database URL that cannot be used (bad URL, driver not installed, unreachable); None for bugs."""
    shown = _shown_url(url)
    if isinstance(exc, ImportError):
        return (
            f"database {shown}: its driver is not installed ({exc.name or exc}); "
            "install it into this environment with pip (PostgreSQL: pip install 'budget-extractor[postgres]'), "
            "or use sqlite:///FILE"
        )
    if type(exc).__module__.startswith("sqlalchemy"):
        return f"database {shown}: {str(exc).splitlines()[0]}"
    return None


@app.command()
def bench(
    paths: Annotated[list[Path] | None, typer.Argument(help="Report files (default: the bundled samples).")] = None,
    repeat: Annotated[int, typer.Option(help="Runs to time; the best is reported.")] = 3,
    ocr_pages: Annotated[int, typer.Option(min=0, help="Page images to read by OCR after the pipeline (0: none).")] = 3,
    sizes: Annotated[str | None, typer.Option(help="Instead: one input per size in MB made of the samples ('1,5,19').")] = None,
) -> None:
    """Time the deterministic pipeline per stage on one core; print docs/s, chars/s and peak memory;
    then OCR pages per second and peak memory. With --sizes: seconds and peak memory per input size."""
    from extractor.bench import run_bench, run_scaling, samples_dir

    if sizes:
        for scaled in run_scaling([float(size) for size in sizes.split(",")]):
            console.print(scaled)
        return

    sources = paths or sorted(samples_dir().glob("*.txt"))
    table: Table = run_bench(sources, repeat)
    console.print(table)
    if ocr_pages:
        from extractor.bench_ocr import run_ocr_bench

        console.print(run_ocr_bench(sources, ocr_pages))


def _on_done(advance: Callable[[], None], sink: StoreSink | None, targets: dict[str, str]) -> Callable[[object, str], None]:
    """The batch's progress callback: the bar moves; with --store, each record written or current is stored."""

    def done(source: object, status: str) -> None:
        advance()
        if sink is not None and status != "failed":
            sink.add(str(source), targets[str(source)])

    return done


def _store_sink(url: str | None, settings: Settings) -> StoreSink | None:
    """The review store --store names, opened (and migrated) before anything is extracted; one line if it cannot be."""
    if url is None:
        return None
    from extractor.engines.store_sink import StoreSink

    try:
        return StoreSink(url, settings)
    except Exception as exc:
        problem = _database_problem(url, exc)
        if problem is None:
            raise
        err.print(f"[red]error:[/] --store: {escape(problem)}")
        raise typer.Exit(2) from exc


def _extract_on_engine(
    paths: list[str], out: str, settings: Settings, jobs: int, engine: str, address: str | None, store: str | None
) -> None:
    """`extract --engine ray`: the same plan, progress and summary as the local batch, run on a Ray cluster."""
    from extractor.engines import ENGINES, EngineUnavailable, need_ray
    from extractor.outputs import OutputError

    if engine != "ray":
        err.print(f"[red]error:[/] --engine {escape(engine)}: not one of {', '.join(ENGINES)}" if engine not in ENGINES
                  else "[red]error:[/] --address names a Ray cluster: use it with --engine ray")
        raise typer.Exit(2)
    try:
        need_ray()
    except EngineUnavailable as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    from extractor.engines import places
    from extractor.engines.ray import run_batch_ray

    sink = _store_sink(store, settings)
    found, missing = places.collect(paths)
    if not found and not missing:
        err.print("[red]error:[/] no input files found")
        raise typer.Exit(2)
    try:
        placed = places.plan(found, out)
    except OutputError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    for notice in placed.notices:
        err.print(f"[yellow]note:[/] {escape(notice)}")
    signal.signal(signal.SIGTERM, _interrupt)
    _check_model(settings)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task("extracting", total=len(found) + len(missing))
        done = _on_done(lambda: progress.advance(task), sink, dict(placed.jobs))
        result = run_batch_ray(placed, settings, jobs, done, address)
    for place in missing:
        result.failed[Path(place)] = f"{place}: no such file"
    _finish(result, out, sink, settings)


def _register_eval() -> None:
    try:
        from eval.cli import register
    except ImportError:  # the eval harness ships with the project; absent only in a broken install
        return
    register(app)


_register_eval()
