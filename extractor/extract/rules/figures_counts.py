"""Rules for count figures: vehicles held, large equipment, and performance-management project counts.

In: prose chunks outside project reports. Out: figure candidates with measure `count`.
"对13个项目编制了绩效目标" and "编制绩效目标的项目13个" → perf_target_projects 13; "共有车辆3辆" → vehicles_count 3;
"单价100万元以上专用设备0台" → large_equipment_count 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.normalize import Normalized
from schemas import Figure

_PERF_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"事前绩效评估"), "perf_prior_assessment_projects"),
    (re.compile(r"编制了?(?:项目)?绩效目标|绩效目标编制"), "perf_target_projects"),
    (re.compile(r"绩效(?:运行)?监控"), "perf_monitored_projects"),
    (re.compile(r"绩效自评"), "perf_self_evaluated_projects"),
)
_PROJECT_COUNT = re.compile(r"(\d+)\s*个(?:一级|二级)?项目")
_PROJECT_COUNT_AFTER = re.compile(r"项目(?:数量?)?(?:为|共|有|共计)?\s*(\d+)\s*个")  # "开展绩效监控的项目10个"
_VEHICLES = re.compile(r"(?:共有|现有|保有量为?|拥有|实有)\s*(?:公务用车|车辆|公务车辆|各类车辆)?\s*(\d+)\s*辆")
_EQUIPMENT = re.compile(r"(?:单价|单位价值)\s*100\s*万元(?:以上|\(含\)以上|（含）以上)[^，。；\d]{0,16}?设备[^，。；\d]{0,12}?(\d+)\s*(?:台|套|件|台\(套\)|台（套）)")


def count_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    for chunk in chunks:
        if chunk.kind != "section" or chunk.project is not None:
            continue
        yield from _perf_counts(doc, chunk)
        for pattern, key, unit in ((_VEHICLES, "vehicles_count", "辆"), (_EQUIPMENT, "large_equipment_count", "台")):
            for match in pattern.finditer(chunk.text):
                if key == "vehicles_count" and "购置" in chunk.text[max(0, match.start() - 6) : match.start()]:
                    continue
                yield _count(doc, chunk, key, float(match.group(1)), unit, match.start(), match.end())


def _perf_counts(doc: Normalized, chunk: Chunk) -> Iterator[Candidate]:
    text = chunk.text
    for match in _PROJECT_COUNT.finditer(text):
        after = text[match.end() : match.end() + 20]
        before = text[max(0, match.start() - 16) : match.start()]
        key = _nearest_key(after, before)
        if key:
            end = match.end() + _keyword_end(after)
            clause = max(text.rfind(p, 0, match.start()) for p in "，。；：\n")
            start = clause + 1 if clause >= 0 and match.start() - clause <= 24 else max(0, match.start() - 2)
            yield _count(doc, chunk, key, float(match.group(1)), "个", start, end)
    for match in _PROJECT_COUNT_AFTER.finditer(text):
        clause = max(text.rfind(p, 0, match.start()) for p in "，。；：\n")
        before = text[clause + 1 : match.start()]
        key = next((key for pattern, key in _PERF_WORDS if pattern.search(before)), None)
        if key and len(before) <= 24:
            yield _count(doc, chunk, key, float(match.group(1)), "个", clause + 1, match.end())


def _nearest_key(after: str, before: str) -> str | None:
    stop = re.search(r"[，。；]", after)
    window = after[: stop.start()] if stop else after
    for pattern, key in _PERF_WORDS:
        if pattern.search(window):
            return key
    tail = re.split(r"[，。；]", before)[-1]
    for pattern, key in _PERF_WORDS:
        if pattern.search(tail):
            return key
    return None


def _keyword_end(after: str) -> int:
    ends = [m.end() for pattern, _ in _PERF_WORDS for m in [pattern.search(after)] if m]
    return min(ends) if ends else 0


def _count(doc: Normalized, chunk: Chunk, key: str, value: float, unit: str, start: int, end: int) -> Candidate:
    figure = Figure(key=key, measure="count", value=value, unit=unit, evidence=evidence_for(doc, chunk.start + start, chunk.start + end))
    return Candidate(item=figure, source="rules", rule=f"count:{key}", specificity=0.85, chunk_id=chunk.id)
