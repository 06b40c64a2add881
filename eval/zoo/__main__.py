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

from eval.zoo.matrix import Row, all_cases, default_cases, load_records, measure
from eval.zoo.measure import MODES


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _cells(row: Row) -> list[str]:
    s = row.score
    return [row.case.layout, row.case.columns, "+".join(row.case.damage) or "none", _number(s.figures_f1),
            _number(s.rows_f1), _number(s.cells), _number(s.budget_cells)]  # fmt: skip


HEADER = ["layout", "columns", "damage", "figures F1", "indicator rows F1", "cells", "budget cells"]


def markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.zoo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=MODES, default="rules")
    parser.add_argument("--gold", type=Path, default=Path("eval/gold"), help="gold records to render ('' for none)")
    parser.add_argument("--synthetic", type=int, default=8, help="how many synthetic records to render")
    parser.add_argument("--all", action="store_true", help="every layout × column set × damage (slow)")
    parser.add_argument("--markdown", action="store_true", help="print the table as markdown (for the README)")
    parser.add_argument("--json", type=Path, default=None, help="write the rows as JSON here")
    args = parser.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True, stderr=args.markdown, width=140)
    gold = args.gold if str(args.gold) else None
    records = load_records(gold if gold is not None and gold.is_dir() else None, args.synthetic)
    cases = all_cases() if args.all else default_cases()
    started = time.monotonic()
    rows = measure(cases, records, args.mode, progress=lambda case: console.print(f"  {case.label}", style="dim"))
    took = time.monotonic() - started
    note = (f"{len(records)} records ({args.synthetic} synthetic), mode {args.mode}, {len(cases)} cases in "
            f"{took:.0f} s")  # fmt: skip
    if args.markdown:
        print(markdown(rows))
        console.print(note)
    else:
        table = Table(title=f"layout zoo: {note}")
        for column in HEADER:
            table.add_column(column, justify="left" if column in HEADER[:3] else "right")
        for row in rows:
            table.add_row(*_cells(row))
        console.print(table)
    if args.json:
        data = [{"layout": r.case.layout, "columns": r.case.columns, "damage": list(r.case.damage),
                 **vars(r.score), "dropped": r.dropped} for r in rows]  # fmt: skip
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
