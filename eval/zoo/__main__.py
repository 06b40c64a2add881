"""`python -m eval.zoo [--mode rules|oracle]`: the extractor's accuracy per layout, column set and damage.

Renders the gold records of `--gold` and `--synthetic` synthetic records in every case of the matrix
(`eval.zoo.matrix`), extracts each text rules-only or (`--mode oracle`) through the real LLM path against the
simulated OpenAI-compatible server answering from the rendered record, and prints one row per case: figures F1,
indicator rows F1, indicator cells and budget cells (the share of stated cells right), over all records pooled.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eval.zoo.matrix import Case, Row, all_cases, default_cases, load_records, measure
from eval.zoo.measure import MODES


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _cells(rows: tuple[Row, ...]) -> list[str]:
    case = rows[0].case
    out = [case.layout, case.columns, "+".join(case.damage) or "none"]
    for row in rows:
        s = row.score
        out += [_number(s.figures_f1), _number(s.rows_f1), _number(s.cells), _number(s.budget_cells)]
    return out


_SCORES = ["figures F1", "indicator rows F1", "cells", "budget cells"]


def header(modes: list[str]) -> list[str]:
    return ["layout", "columns", "damage"] + [f"{name} ({mode})" if len(modes) > 1 else name
                                              for mode in modes for name in _SCORES]  # fmt: skip


def markdown(table: list[tuple[Row, ...]], modes: list[str]) -> str:
    names = header(modes)
    lines = ["| " + " | ".join(names) + " |", "|" + "|".join("---" for _ in names) + "|"]
    lines += ["| " + " | ".join(_cells(rows)) + " |" for rows in table]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.zoo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=(*MODES, "both"), default="rules")
    parser.add_argument("--gold", type=Path, default=Path("eval/gold"), help="gold records to render ('' for none)")
    parser.add_argument("--synthetic", type=int, default=8, help="how many synthetic records to render")
    parser.add_argument("--all", action="store_true", help="every layout × column set × damage (slow)")
    parser.add_argument("--only", default=None, help="only the cases whose label ('tsv · split · none') holds this")
    parser.add_argument("--markdown", action="store_true", help="print the table as markdown (for the README)")
    parser.add_argument("--json", type=Path, default=None, help="write the rows as JSON here")
    args = parser.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True, stderr=args.markdown, width=200)
    gold = args.gold if str(args.gold) else None
    records = load_records(gold if gold is not None and gold.is_dir() else None, args.synthetic)
    cases = all_cases() if args.all else default_cases()
    cases = [c for c in cases if args.only is None or args.only in c.label]
    modes = list(MODES) if args.mode == "both" else [args.mode]
    started = time.monotonic()
    by_mode = []
    for mode in modes:

        def progress(case: Case, mode: str = mode) -> None:
            console.print(f"  {mode}: {case.label}", style="dim")

        by_mode.append(measure(cases, records, mode, progress=progress))
    table = list(zip(*by_mode, strict=True))
    took = time.monotonic() - started
    note = (f"{len(records)} records ({args.synthetic} synthetic), mode {args.mode}, {len(cases)} cases in "
            f"{took:.0f} s")  # fmt: skip
    if args.markdown:
        print(markdown(table, modes))
        console.print(note)
    else:
        shown = Table(title=f"layout zoo: {note}")
        for column in header(modes):
            shown.add_column(column, justify="left" if column in ("layout", "columns", "damage") else "right")
        for rows in table:
            shown.add_row(*_cells(rows))
        console.print(shown)
    if args.json:
        data = [{"mode": mode, "layout": r.case.layout, "columns": r.case.columns, "damage": list(r.case.damage),
                 **vars(r.score), "dropped": r.dropped} for mode, rows in zip(modes, by_mode, strict=True) for r in rows]  # fmt: skip
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
