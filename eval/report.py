"""Reports of an evaluation: rich tables for the terminal and a self-contained HTML page.

In: an `Evaluation` (its `Summary` and per-document results). Out: `terminal_tables(summary)`,
rich `Table`s per family, per document and for the review load, each ratio shown with the counts
behind it; `render_html(evaluation)`, one HTML page from `templates/report.html.jinja` with inline
SVG charts and no external assets.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from rich.markup import escape
from rich.table import Table

from eval.charts import bar_chart, flag_curve_chart, reliability_diagram
from eval.harness import Evaluation
from eval.mismatches import mismatch_lines
from eval.outcomes import FAMILIES
from eval.score_review import ReviewCounts, ReviewScore
from eval.summary import DocumentScore, Summary

TEMPLATES = Path(__file__).parent / "templates"
HTML_ERROR_ROWS = 500  # the page lists this many mismatches; --errors has them all


def number(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def fraction(value: float | None, numerator: int, denominator: int) -> str:
    """A ratio with its counts, e.g. "0.950 (19/20)"; "– (0/0)" when undefined."""
    return f"{number(value)} ({numerator}/{denominator})"


def family_rows(score: DocumentScore | Summary) -> list[dict[str, str]]:
    """One row per family: precision, recall, F1, the family's own measure, and the error counts."""
    rows = []
    for name in FAMILIES:
        family = getattr(score, name)
        extra = ""
        if name in ("projects", "indicators"):
            extra = "cells " + fraction(family.cell_accuracy, family.cells_right, family.cells_total)
        elif name == "narratives":
            extra = f"ROUGE-L {number(family.rouge_l)}"
        rows.append(
            {
                "family": name,
                "precision": fraction(family.precision, family.matched, family.predicted),
                "recall": fraction(family.recall, family.matched, family.gold),
                "f1": number(family.f1),
                "extra": extra,
                "omissions": str(family.omissions),
                "hallucinations": str(family.hallucinations),
                "mismatches": str(family.mismatches),
            }
        )
    return rows


_FAMILY_COLUMNS = ("precision", "recall", "F1", "cells / ROUGE-L", "omitted", "hallucinated", "mismatched")


def family_table(summary: Summary) -> Table:
    table = Table(
        title="accuracy by family (precision/recall/F1 count items; omitted/hallucinated/mismatched count values)"
    )
    for column in ("family", *_FAMILY_COLUMNS):
        table.add_column(column, justify="left" if column == "family" else "right")
    for row in family_rows(summary):
        table.add_row(*row.values())
    return table


def document_table(summary: Summary) -> Table:
    table = Table(title="accuracy by document")
    for column in ("document", "family", *_FAMILY_COLUMNS):
        table.add_column(column, justify="left" if column in ("document", "family") else "right")
    for name, doc in summary.documents.items():
        label = escape(name if doc.status == "scored" else f"{name} ({doc.status})")
        rows = family_rows(doc)
        for i, row in enumerate(rows):
            table.add_row(label if i == 0 else "", *row.values(), end_section=i == len(rows) - 1)
    return table


def _review_row(label: str, counts: ReviewCounts, review: ReviewScore | None = None) -> list[str]:
    return [
        label,
        fraction(counts.flag_rate, counts.flagged, counts.fields),
        fraction(counts.unflagged_accuracy, counts.unflagged_right, counts.unflagged),
        fraction(counts.flag_recall, counts.flagged_wrong, counts.wrong),
        number(review.auroc) if review else "",
        number(review.ece) if review else "",
    ]


def review_table(summary: Summary) -> Table:
    review = summary.review
    bars = (
        "bars never met"
        if review.bar_threshold is None
        else f"bars first met at threshold {review.bar_threshold:g}, flagging {number(review.bar_flag_rate)}"
    )
    thresholds = ", ".join(f"{t:g}" for t in review.thresholds) or "–"
    table = Table(title=f"review load (threshold {thresholds}; {bars})")
    for column in ("fields of", "flag rate", "unflagged accuracy", "flag recall", "AUROC", "ECE"):
        table.add_column(column, justify="left" if column == "fields of" else "right")
    table.add_row(*_review_row("all", review, review))
    for family, counts in review.by_family.items():
        table.add_row(*_review_row(f"  {family}", counts), end_section=family == list(review.by_family)[-1])
    for name, doc in summary.documents.items():
        table.add_row(*_review_row(escape(name), doc.review, doc.review))
    return table


def terminal_tables(summary: Summary) -> list[Table]:
    return [family_table(summary), document_table(summary), review_table(summary)]


def render_html(evaluation: Evaluation) -> str:
    summary = evaluation.summary
    documents = list(summary.documents)
    charts = {
        "families": bar_chart(
            "Precision, recall, F1 by family",
            list(FAMILIES),
            [(m, [getattr(getattr(summary, f), m) for f in FAMILIES]) for m in ("precision", "recall", "f1")],
        ),
        "documents": bar_chart(
            "F1 by document",
            [d[:14] for d in documents],
            [(f, [getattr(summary.documents[d], f).f1 for d in documents]) for f in FAMILIES],
        ),
        "cells": bar_chart(
            "Cell accuracy and ROUGE-L by document",
            [d[:14] for d in documents],
            [
                ("indicator cells", [summary.documents[d].indicators.cell_accuracy for d in documents]),
                ("project cells", [summary.documents[d].projects.cell_accuracy for d in documents]),
                ("narrative ROUGE-L", [summary.documents[d].narratives.rouge_l for d in documents]),
            ],
        ),
        "reliability": reliability_diagram(summary.review.reliability),
        "curve": flag_curve_chart(summary.review.curve, summary.review.thresholds),
    }
    lines = list(mismatch_lines(evaluation.results))
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "jinja"]), undefined=StrictUndefined
    )
    environment.filters["number"] = number
    environment.globals["fraction"] = fraction
    return environment.get_template("report.html.jinja").render(
        summary=summary,
        families=FAMILIES,
        family_rows=family_rows(summary),
        document_rows={name: family_rows(doc) for name, doc in summary.documents.items()},
        charts=charts,
        mismatches=lines[:HTML_ERROR_ROWS],
        mismatch_count=len(lines),
    )
