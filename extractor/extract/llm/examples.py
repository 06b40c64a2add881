"""Stage `extract`, LLM: the check a prompt template's example must pass at load time.

In: a template's example answer (the family's answer model) and its example text. Out: what in the answer
cannot be found in the text (empty when it all can): quotes and texts folded (whitespace, width and
thousands separators ignored), numbers as written. Each family registers which parts of its answer to
check (`extractor.families`); `ExampleChecker` does the finding (langextract's prompt validation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel

from extractor.extract.llm.targets import FiguresAnswer, NarrativeItem, NarrativesAnswer, ProjectsAnswer
from extractor.ground import fold

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


class ExampleChecker:
    """Collects what of an example answer is not in its example text."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.folded = fold(text)[0]
        self.problems: list[str] = []

    def text(self, value: str | None, label: str, within: str | None = None) -> None:
        if value is None:
            return
        haystack = fold(within)[0] if within is not None else self.folded
        if fold(value)[0] not in haystack:
            self.problems.append(f"{label} {value!r} is not in the {'quote' if within else 'text'}")

    def passages(self, items: Sequence[NarrativeItem], where: str = "") -> None:
        for n in items:
            for segment in (n, *n.more):
                self.text(segment.first_words, f"{where}{n.kind}/first_words")
                self.text(segment.last_words, f"{where}{n.kind}/last_words")

    def number(self, value: float | None, where: str, label: str) -> None:
        if value is None:
            return
        found = [abs(float(n)) for n in _NUMBER.findall(numbers_text(where))]
        if not any(abs(n - abs(value)) < 0.005 for n in found):
            self.problems.append(f"{label} {value} is not written in {where[:40]!r}")


ExampleCheck = Callable[[Any, ExampleChecker], None]  # a family's answer, checked part by part


def example_problems(answer: BaseModel, text: str, check: ExampleCheck) -> list[str]:
    """What in an example answer cannot be found in the example text (empty when it all can)."""
    checker = ExampleChecker(text)
    check(answer, checker)
    if not _items(answer):
        checker.problems.append("the example answer is empty")
    return checker.problems


def _items(answer: BaseModel) -> int:
    return sum(len(v) for v in answer.model_dump().values() if isinstance(v, list))


def numbers_text(text: str) -> str:
    """Text to read numbers from: width-folded, thousands separators out, whitespace kept between cells."""
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))


def check_figures(answer: FiguresAnswer, checker: ExampleChecker) -> None:
    for f in answer.figures:
        checker.text(f.quote, "quote")
        checker.number(f.value, f.quote, f"{f.key}/{f.measure}")


def check_projects(answer: ProjectsAnswer, checker: ExampleChecker) -> None:
    for p in answer.projects:
        for label, value in (("quote", p.quote), ("name", p.name), ("code", p.code),
                             ("department", p.department), ("implementer", p.implementer)):  # fmt: skip
            checker.text(value, label)
        for label, number in [*p.budget.model_dump().items(), ("total_score", p.total_score)]:
            checker.number(number, checker.source, label)
        for row in p.indicators:
            checker.text(row.quote, "indicator quote")
            for label in ("name", "target", "actual", "deviation_reason"):
                checker.text(getattr(row, label), f"{row.name}/{label}", within=row.quote)
            for label in ("level1", "level2", "unit"):
                checker.text(getattr(row, label), f"{row.name}/{label}")
            checker.number(row.weight, row.quote, f"{row.name}/weight")
            checker.number(row.score, row.quote, f"{row.name}/score")
        checker.passages(p.passages, f"{p.name}/")


def check_narratives(answer: NarrativesAnswer, checker: ExampleChecker) -> None:
    checker.passages(answer.narratives)
