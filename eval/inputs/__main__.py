"""`python -m eval.inputs`: render the samples as files a user would have and measure every kind.

Writes under `--out` (default out/inputs): `files/<kind>/<stem>.<ext>` (text: the sample itself; pdf;
scan: an image-only PDF read by OCR; docx; xlsx for the self-evaluation samples), the records in
`pred/<kind>/`, and prints one markdown row per kind: the same eval as `extractor eval --gold eval/gold
--pred out/inputs/pred/<kind>` (rules only), scored over the samples that kind has, and for the scans
the OCR's pages per second.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from eval.harness import evaluate
from eval.inputs.render import render_docx, render_pdf, render_scan, render_xlsx
from extractor.batch import plan_batch, run_batch
from extractor.outputs import collect_inputs
from extractor.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("text", "pdf", "scan", "docx", "xlsx")
MAX_INPUT_MB = 64  # a scanned report of 40 pages is about 35 MB: above the 20 MB limit set for text
SUFFIX = {"text": ".txt", "pdf": ".pdf", "scan": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}


def self_evaluations(gold: Path) -> set[str]:
    """The samples that are self-evaluation documents (no final accounts): the form-shaped ones."""
    return {
        p.stem
        for p in gold.glob("*.json")
        if "final_accounts" not in json.loads(p.read_text(encoding="utf-8"))["meta"]["kinds"]
    }


def render_all(samples: Path, gold: Path, out: Path, kinds: tuple[str, ...]) -> None:
    forms = self_evaluations(gold)
    for source in sorted(samples.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        pdf = render_pdf(text) if {"pdf", "scan"} & set(kinds) else b""
        for kind in kinds:
            if kind == "xlsx" and source.stem not in forms:
                continue
            target = out / "files" / kind / f"{source.stem}{SUFFIX[kind]}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_made(kind, text, pdf, source))


def _made(kind: str, text: str, pdf: bytes, source: Path) -> bytes:
    makers: dict[str, Callable[[], bytes]] = {
        "text": source.read_bytes,
        "pdf": lambda: pdf,
        "scan": lambda: render_scan(pdf),
        "docx": lambda: render_docx(text),
        "xlsx": lambda: render_xlsx(text),
    }
    return makers[kind]()


def measure(kind: str, out: Path, gold: Path, samples: Path, jobs: int, max_bytes: int) -> dict[str, object]:
    files = sorted((out / "files" / kind).glob("*"))
    pred = out / "pred" / kind
    shutil.rmtree(pred, ignore_errors=True)
    started = time.perf_counter()
    plan = plan_batch(collect_inputs(files), pred)
    settings = Settings().without_llm().model_copy(update={"max_input_bytes": max_bytes})
    result = run_batch(plan, settings, jobs=jobs)
    seconds = time.perf_counter() - started
    subset = out / "gold" / kind
    shutil.rmtree(subset, ignore_errors=True)
    subset.mkdir(parents=True)
    for path in files:
        shutil.copy(gold / f"{path.stem}.json", subset / f"{path.stem}.json")
    summary = evaluate(subset, pred, samples).summary
    pages = 0
    for record in pred.glob("*.json"):
        pages += len(
            json.loads(record.read_text(encoding="utf-8"))["meta"]["run"].get("converter", {}).get("ocr_pages", [])
        )
    return {
        "kind": kind,
        "documents": len(files),
        "failed": {str(k): v for k, v in result.failed.items()},
        "figures_f1": summary.figures.f1,
        "indicator_rows_f1": summary.indicators.f1,
        "indicator_cells": summary.indicators.cell_accuracy,
        "project_cells": summary.projects.cell_accuracy,
        "narratives_rouge_l": summary.narratives.rouge_l,
        "flagged": summary.review.flag_rate,
        "unflagged_correct": summary.review.unflagged_accuracy,
        "wrong_flagged": summary.review.flag_recall,
        "seconds": round(seconds, 1),
        "ocr_pages": pages,
        "ocr_pages_per_s": round(pages / seconds, 3) if pages else None,
    }


def _cell(value: object) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def table(rows: list[dict[str, object]]) -> str:
    columns = [
        "kind", "documents", "figures_f1", "indicator_rows_f1", "indicator_cells", "project_cells",
        "narratives_rouge_l", "flagged", "unflagged_correct", "wrong_flagged", "ocr_pages_per_s",
    ]  # fmt: skip
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "inputs")
    parser.add_argument("--samples", type=Path, default=ROOT / "eval" / "samples")
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ",".join(KINDS))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-render", action="store_true", help="measure the files already rendered")
    parser.add_argument(
        "--max-input-mb",
        type=int,
        default=MAX_INPUT_MB,
        help=f"the input limit for this measure (default {MAX_INPUT_MB} MB, above the 20 MB default: scans are larger)",
    )
    args = parser.parse_args(argv)
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    if not args.no_render:
        render_all(args.samples, args.gold, args.out, kinds)
    print(f"input limit raised to {args.max_input_mb} MB for this measure (EXTRACTOR_MAX_INPUT_BYTES)", file=sys.stderr)
    max_bytes = args.max_input_mb * 1024 * 1024
    rows = [measure(kind, args.out, args.gold, args.samples, args.jobs, max_bytes) for kind in kinds]
    (args.out / "measure.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(rows))
    for row in rows:
        for name, reason in dict(row["failed"]).items():  # type: ignore[call-overload]
            print(f"failed: {name}: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
