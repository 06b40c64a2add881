"""Rules for count figures: vehicles held, large equipment, and performance-management project counts.

In: prose chunks outside project reports. Out: figure candidates with measure `count`.
"对13个项目编制了绩效目标" and "编制绩效目标的项目13个" → perf_target_projects 13; "共有车辆3辆" and a table row "公务用车保有量(辆) | 3 |" → vehicles_count 3;
"单价100万元以上专用设备0台" → large_equipment_count 0. The words and patterns are the statement grammar's
(`extractor.vocabulary`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.normalize import Normalized
from extractor.tables import tables_in
from extractor.vocabulary import (
    CHINESE_DIGITS,
    COUNT_CLAUSE_STOPS,
    COUNT_UNITS,
    COUNT_WINDOW_STOP,
    EQUIPMENT,
    PERF_COUNT_WORDS,
    PROJECT_COUNT,
    PROJECT_COUNT_AFTER,
    VEHICLES,
    VEHICLES_BOUGHT_WORD,
    VEHICLES_HELD_ROW_COUNT,
    VEHICLES_HELD_ROW_LABEL,
    VEHICLES_HELD_WORD,
    VEHICLES_PAIRED,
    VEHICLES_UNIT_IN_LABEL,
)
from schemas import Figure

_PERF_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), key) for p, key in PERF_COUNT_WORDS)


def count_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    for chunk in chunks:
        if chunk.kind == "table" and chunk.project is None:
            # a 三公 table's statistics rows ("公务用车保有量(辆) | 1 |") and its notes ("现保有329台公务车")
            yield from _vehicles(doc, chunk)
            yield from _vehicles_held_rows(doc, chunk)
        if chunk.kind != "section" or chunk.project is not None:
            continue
        yield from _perf_counts(doc, chunk)
        yield from _vehicles(doc, chunk)
        yield from _vehicles_in_label(doc, chunk)
        for match in EQUIPMENT.finditer(chunk.text):
            yield _count(
                doc,
                chunk,
                "large_equipment_count",
                float(match.group(1)),
                COUNT_UNITS["large_equipment_count"],
                match.start(),
                match.end(),
            )


def _vehicles(doc: Normalized, chunk: Chunk) -> Iterator[Candidate]:
    text = chunk.text
    for match in VEHICLES.finditer(text):
        if VEHICLES_BOUGHT_WORD in text[max(0, match.start() - 6) : match.start()]:
            continue
        count = _number(match.group(1))
        yield _count(doc, chunk, "vehicles_count", count, match.group(2), match.start(), match.end())
    for match in VEHICLES_PAIRED.finditer(text):
        held = 3 if match.group(1) == VEHICLES_HELD_WORD else 4 if match.group(2) == VEHICLES_HELD_WORD else 0
        if held:
            yield _count(
                doc,
                chunk,
                "vehicles_count",
                float(match.group(held)),
                COUNT_UNITS["vehicles_count"],
                match.start(),
                match.end(),
            )


def _vehicles_in_label(doc: Normalized, chunk: Chunk) -> Iterator[Candidate]:
    for match in VEHICLES_UNIT_IN_LABEL.finditer(chunk.text):
        count = _number(match.group(2))
        yield _count(doc, chunk, "vehicles_count", count, match.group(1), match.start(), match.end())


def _vehicles_held_rows(doc: Normalized, chunk: Chunk) -> Iterator[Candidate]:
    """A table's row whose label carries the counter word ("公务用车保有量(辆)"), read through its cells: the count is
    the first filled cell after the label, a whole number alone in it."""
    for table in tables_in(chunk.text, chunk.start):
        for row in table.rows:
            filled = row.filled()
            label = VEHICLES_HELD_ROW_LABEL.search(filled[0].text) if len(filled) >= 2 else None
            count = VEHICLES_HELD_ROW_COUNT.match(filled[1].text) if label else None
            if label and count:
                start, end = filled[0].start, filled[1].end
                yield _count(doc, chunk, "vehicles_count", _number(count.group(1)), label.group(1),
                             start - chunk.start, end - chunk.start)


def _number(written: str) -> float:
    """A count as written: digits, or one Chinese numeral."""
    return float(CHINESE_DIGITS[written]) if written in CHINESE_DIGITS else float(written.replace(",", ""))


def _perf_counts(doc: Normalized, chunk: Chunk) -> Iterator[Candidate]:
    text = chunk.text
    for match in PROJECT_COUNT.finditer(text):
        after = text[match.end() : match.end() + 20]
        before = text[max(0, match.start() - 16) : match.start()]
        key = _nearest_key(after, before)
        if key:
            end = match.end() + _keyword_end(after)
            clause = max(text.rfind(p, 0, match.start()) for p in COUNT_CLAUSE_STOPS)
            start = clause + 1 if clause >= 0 and match.start() - clause <= 24 else max(0, match.start() - 2)
            yield _count(doc, chunk, key, float(match.group(1)), COUNT_UNITS["projects"], start, end)
    for match in PROJECT_COUNT_AFTER.finditer(text):
        clause = max(text.rfind(p, 0, match.start()) for p in COUNT_CLAUSE_STOPS)
        before = text[clause + 1 : match.start()]
        key = next((key for pattern, key in _PERF_WORDS if pattern.search(before)), None)
        if key and len(before) <= 24:
            yield _count(doc, chunk, key, float(match.group(1)), COUNT_UNITS["projects"], clause + 1, match.end())


def _nearest_key(after: str, before: str) -> str | None:
    stop = COUNT_WINDOW_STOP.search(after)
    window = after[: stop.start()] if stop else after
    for pattern, key in _PERF_WORDS:
        if pattern.search(window):
            return key
    tail = COUNT_WINDOW_STOP.split(before)[-1]
    for pattern, key in _PERF_WORDS:
        if pattern.search(tail):
            return key
    return None


def _keyword_end(after: str) -> int:
    ends = [m.end() for pattern, _ in _PERF_WORDS for m in [pattern.search(after)] if m]
    return min(ends) if ends else 0


def _count(doc: Normalized, chunk: Chunk, key: str, value: float, unit: str, start: int, end: int) -> Candidate:
    figure = Figure(
        key=key,
        measure="count",
        value=value,
        unit=unit,
        evidence=evidence_for(doc, chunk.start + start, chunk.start + end),
    )
    return Candidate(item=figure, source="rules", rule=f"count:{key}", specificity=0.85, chunk_id=chunk.id)
