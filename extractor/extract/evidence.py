"""Stage `extract`, shared by rules and LLM: evidence for a value, the source text of a normalized span and that span.

The quote is copied from the source, not from the normalized text, so `source[start:end]` holds
exactly the quote up to whitespace (DESIGN §4); line breaks inside a quote are dropped between CJK
characters and become one space elsewhere.
"""

from __future__ import annotations

import re

from extractor.normalize import Normalized
from schemas import Evidence

_BREAK = re.compile(r"\s*[\r\n\f\v]+\s*")


def quote_text(raw: str) -> str:
    def join(match: re.Match[str]) -> str:
        before = raw[match.start() - 1] if match.start() > 0 else ""
        after = raw[match.end()] if match.end() < len(raw) else ""
        return "" if (before > "\u2e80" or after > "\u2e80") else " "

    return _BREAK.sub(join, raw).strip()


def evidence_for(doc: Normalized, start: int, end: int) -> Evidence:
    """Evidence for doc.text[start:end] (trimmed): its source text and source span."""
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    source_start, source_end = doc.to_source(start, end)
    return Evidence(quote=quote_text(doc.source[source_start:source_end]), start=source_start, end=source_end)
