"""Evidence for rule-extracted values: a normalized span's text and its source span."""

from __future__ import annotations

from extractor.normalize import Normalized
from schemas import Evidence


def evidence_for(doc: Normalized, start: int, end: int) -> Evidence:
    """Evidence quoting doc.text[start:end] (trimmed), with the source span it maps to."""
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    source_start, source_end = doc.to_source(start, end)
    return Evidence(quote=doc.text[start:end], start=source_start, end=source_end)
