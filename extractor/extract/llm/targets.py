"""Stage `extract`, LLM: what the model is asked to return, one small model per schema family.

In: nothing (these are the response models of the requests). Out: `FiguresAnswer`,
`ProjectsAnswer`, `NarrativesAnswer`, each registered with its family in `extractor.families`. They are narrower than
the record's models on purpose (one family per request, no offsets, a `quote` on every value) and
lenient where local models are sloppy ("10分" for a number, 12 for a text cell). A narrative is
asked for by its first and last words, so its text is copied from the chunk, not retyped by the
model. `convert.py` turns answers into `schemas` items.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from extractor.vocabulary import EMPTY_ANSWERS
from schemas.catalog import DEFAULT_CURRENCY_UNIT, FIGURE_KEYS
from schemas.record import Measure, NarrativeKind

# Enums in the JSON Schema, from the catalog: constrained decoding keeps the model inside it.
if TYPE_CHECKING:
    FigureKey = str
else:
    FigureKey = Literal[tuple(FIGURE_KEYS)]

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_EMPTY = EMPTY_ANSWERS


def _number(value: Any) -> Any:
    """A number as a model may write it: 10, "10", "10分", "95%", "1,234.5"; blank or a dash is null."""
    if isinstance(value, str):
        text = value.replace(",", "").replace("，", "").strip()
        if text in _EMPTY:
            return None
        match = _NUMBER.search(text)
        return float(match.group()) if match else value
    return value


def _text(value: Any) -> Any:
    """A cell as text: 12 → "12", 12.5 → "12.5"; blank is null."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str) and not value.strip():
        return None
    return value


Number = Annotated[float | None, BeforeValidator(_number)]
Cell = Annotated[str | None, BeforeValidator(_text)]
Quote = Annotated[str, Field(min_length=1)]


class _Target(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a model's extra keys are noise, not an error


class FigureItem(_Target):
    key: FigureKey
    measure: Measure
    subject: str | None = None
    value: Annotated[float, BeforeValidator(_number)]
    unit: str = DEFAULT_CURRENCY_UNIT
    quote: Quote


class FiguresAnswer(_Target):
    figures: list[FigureItem] = Field(default_factory=list)


class IndicatorItem(_Target):
    level1: Cell = None
    level2: Cell = None
    name: str
    comparator: Cell = None
    target: Cell = None
    unit: Cell = None
    actual: Cell = None
    weight: Number = None
    score: Number = None
    deviation_reason: Cell = None
    quote: Quote


class BudgetItem(_Target):
    initial: Number = None
    adjusted: Number = None
    executed: Number = None
    execution_rate_pct: Number = None
    weight: Number = None
    score: Number = None


class Segment(_Target):
    first_words: Quote
    last_words: Quote


class NarrativeItem(Segment):
    kind: NarrativeKind
    # the passage's continuation after something else cut into it (a page break, another column's cell)
    more: list[Segment] = Field(default_factory=list)


class ProjectItem(_Target):
    name: str
    code: Cell = None
    department: Cell = None
    implementer: Cell = None
    budget: BudgetItem = Field(default_factory=BudgetItem)
    total_score: Number = None
    indicators: list[IndicatorItem] = Field(default_factory=list)
    passages: list[NarrativeItem] = Field(default_factory=list)  # the project's texts, by first and last words
    quote: Quote  # the text that names the project


class ProjectsAnswer(_Target):
    projects: list[ProjectItem] = Field(default_factory=list)


class NarrativesAnswer(_Target):
    narratives: list[NarrativeItem] = Field(default_factory=list)
