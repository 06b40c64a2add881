"""Domain arithmetic that must hold in a gold record, with listed exceptions.

The rules are the production ones (`extractor.validate`), so gold and predictions are held to the
same arithmetic. A failed rule is a problem unless `eval/gold/NOTES.md` lists it on a line
`exception: <document stem> <rule> [<pointer prefix>] — <reason>`: the sources themselves contain
inconsistencies (e.g. parts that add to 63.68 against a stated 63.67).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from extractor.validate import validate
from schemas import Record

NOTES = Path(__file__).parent / "gold" / "NOTES.md"
_EXCEPTION = re.compile(r"^\s*[-*]?\s*`?exception:\s*(\S+)\s+(\S+)(?:\s+(/\S*))?", re.MULTILINE)


def listed_exceptions(notes: Path = NOTES) -> set[tuple[str, str, str]]:
    if not notes.exists():
        return set()
    return {(m.group(1), m.group(2), (m.group(3) or "").rstrip("`")) for m in _EXCEPTION.finditer(notes.read_text("utf-8"))}


def check_arithmetic(data: dict[str, Any], stem: str, notes: Path = NOTES) -> list[tuple[str, str]]:
    """(pointer, message) for every failed rule not listed as an exception for this document."""
    exceptions = listed_exceptions(notes)
    problems = []
    for finding in validate(Record.model_validate(data)):
        if finding.held:
            continue
        pointer = finding.pointers[0] if finding.pointers else "/"
        if any(s == stem and r == finding.rule and pointer.startswith(p) for s, r, p in exceptions):
            continue
        problems.append((pointer, f"arithmetic {finding.rule}: {finding.message}"))
    return problems
