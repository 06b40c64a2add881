"""Render a record as a report's text in one layout, column set and damage, with the record that text states.

In: a `schemas.Record` (a gold record, or a synthetic one from `eval.zoo.synthetic`), a layout (`LAYOUTS`, or
`statements` for the final-accounts explanation in sentences), a column set for the forms (`COLUMN_SETS`), the
damage names (`DAMAGES`) and a seed. Out: `Rendered`: the text, and `expected`: the record the text states
(what a reader should give back), each value with an evidence quote found in the text.

A table layout writes every project form of the record and the final-accounts tables (收入支出决算总表 and
一般公共预算财政拨款支出决算表) the record's figures fill; `statements` writes the figures as the national
template's sentences. Values the chosen rendering cannot state are left out of `expected` (`dropped` counts
them), never guessed.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass

from eval.zoo.accounts import accounts_blocks
from eval.zoo.damage import check, damage_grid, damage_text
from eval.zoo.forms import COLUMN_SETS, form, project_list
from eval.zoo.grid import Grid
from eval.zoo.layouts import LAYOUTS, write
from eval.zoo.quotes import attach_quotes
from schemas import DocumentRef, Figure, Meta, Project, Record

STATEMENTS = "statements"
TARGETS: tuple[str, ...] = (*LAYOUTS, STATEMENTS)


@dataclass
class Rendered:
    text: str
    expected: Record
    dropped: int  # values of the input record this rendering does not state


def render(record: Record, layout: str, columns: str = "standard", damage: Iterable[str] = (), seed: int = 0,
           name: str = "zoo.txt") -> Rendered:  # fmt: skip
    """The report text of `record` in `layout` (see the module docstring), and the record it states."""
    if layout not in TARGETS:
        raise ValueError(f"unknown layout {layout!r}; the layouts are {TARGETS}")
    if columns not in COLUMN_SETS:
        raise ValueError(f"unknown column set {columns!r}; the column sets are {COLUMN_SETS}")
    hurt = check(damage)
    rng = random.Random(seed)
    year = record.meta.fiscal_year
    blocks: list[str | Grid] = []
    figures: list[Figure] = []
    projects: list[Project] = []
    if layout == STATEMENTS:
        accounts = accounts_blocks(record, statements=True, rng=rng, wrap="wrap" in hurt)
        blocks += accounts.blocks
        figures += accounts.figures
    else:
        accounts = accounts_blocks(record, statements=False, rng=rng)
        blocks += accounts.blocks
        figures += accounts.figures
        if columns == "list" and record.projects:  # one table lists every project
            grid, listed = project_list(record.projects, year)
            blocks.append(grid)
            projects += listed
        for project in record.projects if columns != "list" else []:
            made = form(project, year, columns, rng)
            blocks.append(made.grid)
            projects.append(made.expected)
    parts = []
    for block in blocks:
        if isinstance(block, Grid):
            grid = damage_grid(block, hurt, rng)
            parts.append(write(grid, layout, seed=rng.randrange(1 << 30), page_numbers="page_numbers" in hurt))
        else:
            parts.append(block)
    text = damage_text("\n\n".join(parts) + "\n", hurt)
    expected = Record(
        document=DocumentRef(name=name, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()),
        meta=Meta(unit=record.meta.unit, fiscal_year=year, kinds=_kinds(figures, projects)),
        figures=figures,
        projects=projects,
    )
    attach_quotes(expected, text, traditional="traditional" in hurt)
    stated = len(figures) + sum(len(p.indicators) for p in projects)
    return Rendered(text, expected, dropped=len(record.figures) + sum(len(p.indicators) for p in record.projects) - stated)


def _kinds(figures: list[Figure], projects: list[Project]) -> list:  # type: ignore[type-arg]
    kinds = ["final_accounts"] if figures else []
    return kinds + (["project_self_evaluation"] if projects else [])
