"""Evidence placed on the file's pages, and fields read from doubtful OCR flagged.

Stage: after `score`, for converted inputs only. In: a record whose evidence spans point into the
converted text, and the `Converted` map. Out: the same record, each placed evidence with `page` (and
`box` for PDF and OCR inputs) set; a field whose value stands on characters the OCR engine was not sure
of, or beside which it left ink unread (`Converted.doubts`), is capped under the review threshold with the flag `ocr_uncertain`, so a
misread digit is reviewed rather than accepted. A field whose value is found as written in its evidence
is judged by the characters it covers; one that is not (a value repaired by normalization, a number
written with separators) by every character of its evidence.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.convert.base import Converted
from schemas import Evidence, Record
from schemas.pointers import reviewable_pointers

OCR_FLAG = "ocr_uncertain"
OCR_DOUBT_CONFIDENCE = 0.6  # under the review threshold (0.8): a doubtful reading is always reviewed


def evidences(record: Record) -> Iterator[Evidence]:
    for figure in record.figures:
        yield figure.evidence
    for project in record.projects:
        yield project.evidence
        for indicator in project.indicators:
            yield indicator.evidence
    for narrative in record.narratives:
        yield narrative.evidence


def place_evidence(record: Record, converted: Converted) -> None:
    for evidence in evidences(record):
        if evidence.start is None:
            continue
        page, box = converted.locate(evidence.start, evidence.end if evidence.end is not None else evidence.start)
        evidence.page = page
        evidence.box = list(box) if box is not None else None
    flag_doubts(record, converted)


def flag_doubts(record: Record, converted: Converted) -> None:
    """Cap the confidence of every field whose value the OCR engine read with doubt (see the module)."""
    if not converted.doubts or not record.assessments:
        return
    for pointer, value in reviewable_pointers(record.model_dump()):
        assessment = record.assessments.get(pointer)
        evidence = evidence_of(record, pointer)
        if assessment is None or evidence is None or evidence.start is None:
            continue
        end = evidence.end if evidence.end is not None else evidence.start
        doubts = converted.doubtful(evidence.start, end)
        span = value_span(converted.text, evidence.start, end, value) if doubts else None
        if span is not None:
            doubts = [d for d in doubts if span[0] <= d < span[1]]
        if not doubts:
            continue
        assessment.confidence = min(assessment.confidence, OCR_DOUBT_CONFIDENCE)
        if OCR_FLAG not in assessment.flags:
            assessment.flags.append(OCR_FLAG)
            chars = "".join(converted.text[d] for d in doubts[:8])
            assessment.reasons.append(
                f"the OCR engine was not sure of {chars!r} in the evidence, or read no character for ink beside it"
            )


def evidence_of(record: Record, pointer: str) -> Evidence | None:
    """The evidence that grounds the field at `pointer` (its item's)."""
    parts = pointer.strip("/").split("/")
    try:
        if parts[0] == "figures":
            return record.figures[int(parts[1])].evidence
        if parts[0] == "narratives":
            return record.narratives[int(parts[1])].evidence
        if parts[0] == "projects":
            project = record.projects[int(parts[1])]
            if len(parts) > 3 and parts[2] == "indicators":
                return project.indicators[int(parts[3])].evidence
            return project.evidence
    except (IndexError, ValueError):
        return None
    return None


def value_span(text: str, start: int, end: int, value: object) -> tuple[int, int] | None:
    """Where the value stands as written in text[start:end] (its first place), or None."""
    quote = text[start:end]
    for written in _written(value):
        at = quote.find(written)
        if written and at >= 0:
            return start + at, start + at + len(written)
    return None


def _written(value: object) -> list[str]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, float):
        plain = f"{value:f}".rstrip("0").rstrip(".")
        return [plain, f"{value:.2f}"]
    if isinstance(value, int):
        return [str(value)]
    return [str(value).strip()]
