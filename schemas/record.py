"""The record: one JSON object per input file, shared by extractors, gold, review and eval.

Field names follow DESIGN §4 and are fixed; tools outside the project read them.
A prediction adds `assessments` and `review`; gold is the same record without them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from schemas.catalog import DEFAULT_CURRENCY_UNIT, DOCUMENT_KINDS, FIGURE_KEYS, MEASURES, NARRATIVE_KINDS
from schemas.numbers import FiniteFloat, Integer

Measure = Literal["actual", "budget", "execution_rate_pct", "yoy_delta", "yoy_pct", "share_pct", "count"]
DocumentKind = Literal["final_accounts", "project_self_evaluation", "department_self_evaluation"]
NarrativeKind = Literal[
    "functions",
    "organization",
    "key_work",
    "performance_goal",
    "problems",
    "measures",
    "conclusion",
    "result_application",
]

assert set(MEASURES) == set(Measure.__args__)  # type: ignore[attr-defined]
assert set(DOCUMENT_KINDS) == set(DocumentKind.__args__)  # type: ignore[attr-defined]
assert set(NARRATIVE_KINDS) == set(NarrativeKind.__args__)  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where a value was read: the quote and its span in the decoded source text; for a converted file
    (PDF, scan, image, spreadsheet) also the page (1-based; a spreadsheet's sheet) and, for PDF and OCR
    inputs, the box on that page as fractions of its width and height, top-left origin [x0, y0, x1, y1].
    `page` and `box` are left out of the JSON when unknown (a text input)."""

    quote: str
    start: Integer | None = None
    end: Integer | None = None
    page: Integer | None = Field(default=None, ge=1)
    box: list[float] | None = Field(default=None, min_length=4, max_length=4)

    @model_serializer(mode="wrap")
    def _omit_unknown_place(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        for key in ("page", "box"):
            if data.get(key) is None:
                data.pop(key, None)
        return data

    @model_validator(mode="after")
    def _span_ordered(self) -> Evidence:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"evidence span end {self.end} is before start {self.start}")
        return self


class DocumentRef(_Model):
    name: str
    sha256: str


class Meta(_Model):
    unit: str | None = None
    fiscal_year: Integer | None = None
    kinds: list[DocumentKind] = Field(default_factory=list)
    currency_unit: str = DEFAULT_CURRENCY_UNIT
    # Run manifest, token usage and failures; free-form so extractors can add to it.
    run: dict | None = None  # type: ignore[type-arg]


class Figure(_Model):
    key: str
    measure: Measure
    subject: str | None = None
    value: FiniteFloat
    unit: str = DEFAULT_CURRENCY_UNIT
    # The report (unit) the figure belongs to, for files that bundle several reports.
    scope: str | None = None
    evidence: Evidence

    @field_validator("key")
    @classmethod
    def _known_key(cls, key: str) -> str:
        if key not in FIGURE_KEYS:
            raise ValueError(f"unknown figure key {key!r}; the catalog is schemas/catalog.py")
        return key


class Budget(_Model):
    initial: FiniteFloat | None = None
    adjusted: FiniteFloat | None = None
    executed: FiniteFloat | None = None
    execution_rate_pct: FiniteFloat | None = None
    weight: FiniteFloat | None = None
    score: FiniteFloat | None = None


class Indicator(_Model):
    level1: str | None = None
    level2: str | None = None
    name: str
    comparator: str | None = None
    target: str | None = None
    unit: str | None = None
    actual: str | None = None
    weight: FiniteFloat | None = None
    score: FiniteFloat | None = None
    deviation_reason: str | None = None
    evidence: Evidence


class Project(_Model):
    name: str
    code: str | None = None
    department: str | None = None
    implementer: str | None = None
    budget: Budget = Field(default_factory=Budget)
    indicators: list[Indicator] = Field(default_factory=list)
    total_score: FiniteFloat | None = None
    conclusion: str | None = None
    problems: str | None = None
    measures: str | None = None
    evidence: Evidence


class Narrative(_Model):
    kind: NarrativeKind
    scope: str | None = None
    text: str
    evidence: Evidence


class Assessment(_Model):
    confidence: FiniteFloat = Field(ge=0.0, le=1.0)
    flags: list[str] = Field(default_factory=list)
    source: str = "rules"
    reasons: list[str] = Field(default_factory=list)


class Review(_Model):
    threshold: FiniteFloat = Field(ge=0.0, le=1.0)


class Record(_Model):
    document: DocumentRef
    meta: Meta = Field(default_factory=Meta)
    figures: list[Figure] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    narratives: list[Narrative] = Field(default_factory=list)
    assessments: dict[str, Assessment] | None = None
    review: Review | None = None

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_none=False)
