"""Evidence placed on the file's pages: the page (and box) of each evidence span of a converted file.

Stage: after `score`, for converted inputs only. In: a record whose evidence spans point into the
converted text, and the `Converted` map. Out: the same record, each placed evidence with `page` (and
`box` for PDF and OCR inputs) set.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.convert.base import Converted
from schemas import Evidence, Record


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
