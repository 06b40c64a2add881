"""The cases of an evaluation: gold records paired with predicted records by file stem.

In: a gold folder and a prediction folder of `<stem>.json` records, and optionally a folder of
the `<stem>.txt` sources. Out: `Cases`: one `Case` per readable gold record (its prediction, or
None when it is missing or malformed), the stems missing or extra on the prediction side, and a
`RecordError` for every record that is not JSON or not a valid `schemas.Record`, naming the file
and the JSON Pointer of the problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from extractor.load import LoadError, decode_bytes
from schemas import Record
from schemas.pointers import escape

DocumentStatus = Literal["scored", "missing", "malformed"]


class RecordError(BaseModel):
    """A record that could not be read: the file, the JSON Pointer of the problem, the message."""

    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} {self.pointer}: {self.message}"


@dataclass(frozen=True)
class Case:
    """One document: the gold record (validated by the production schema) and the prediction."""

    name: str  # the file stem
    gold: Record
    predicted: Record | None
    status: DocumentStatus
    source: str | None = None


@dataclass
class Cases:
    cases: list[Case] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_record(path: Path) -> tuple[Record | None, list[RecordError]]:
    """The record in a file, or the errors that stop it being one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, [RecordError(file=str(path), pointer="/", message=f"cannot read: {exc}")]
    except json.JSONDecodeError as exc:
        return None, [
            RecordError(
                file=str(path), pointer="/", message=f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            )
        ]
    try:
        return Record.model_validate(data), []
    except ValidationError as exc:
        return None, [
            RecordError(file=str(path), pointer=_pointer(problem["loc"]), message=_message(problem))
            for problem in exc.errors()
        ]


def _pointer(loc: tuple[int | str, ...]) -> str:
    return "/" + "/".join(escape(str(part)) for part in loc)


def _message(problem: ErrorDetails) -> str:
    given = problem.get("input")
    shown = repr(given) if isinstance(given, str | int | float | bool) or given is None else type(given).__name__
    return f"{problem['msg']} (got {shown[:60]})"


def _is_record(path: Path) -> bool:
    """Whether a JSON file is meant as a record (an object with a `document`), e.g. not an eval summary."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return True  # a broken file where records live is reported rather than hidden
    return isinstance(data, dict) and "document" in data


def read_source(sources_dir: Path | None, stem: str) -> str | None:
    """The decoded `<stem>.txt` source, if the folder has it and it can be read."""
    if sources_dir is None:
        return None
    path = sources_dir / f"{stem}.txt"
    try:
        return decode_bytes(path.read_bytes(), name=path.name)
    except (OSError, LoadError):
        return None


def load_cases(gold_dir: Path, pred_dir: Path, sources_dir: Path | None = None) -> Cases:
    found = Cases()
    predictions = {p.stem: p for p in sorted(pred_dir.glob("*.json"))}
    gold_paths = sorted(gold_dir.glob("*.json"))
    found.extra = sorted(s for s in set(predictions) - {p.stem for p in gold_paths} if _is_record(predictions[s]))
    for gold_path in gold_paths:
        gold, errors = read_record(gold_path)
        found.errors.extend(errors)
        if gold is None:
            continue
        stem = gold_path.stem
        predicted: Record | None = None
        status: DocumentStatus = "missing"
        if stem not in predictions:
            found.missing.append(stem)
        else:
            predicted, errors = read_record(predictions[stem])
            found.errors.extend(errors)
            status = "scored" if predicted is not None else "malformed"
        if predicted is not None and predicted.document.sha256 != gold.document.sha256:
            found.warnings.append(
                f"{predictions[stem]}: extracted from another version of {gold.document.name} (sha256 differs)"
            )
        found.cases.append(Case(stem, gold, predicted, status, read_source(sources_dir, stem)))
    return found
