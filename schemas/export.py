"""Write the record's JSON Schema to `schemas/record.schema.json` (python -m schemas.export)."""

from __future__ import annotations

import json
from pathlib import Path

from schemas.record import Record

SCHEMA_PATH = Path(__file__).with_name("record.schema.json")


def schema_text() -> str:
    return json.dumps(Record.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
