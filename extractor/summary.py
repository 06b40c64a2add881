"""Per-document summary of a folder of records: projects, indicators, figures, narratives, flagged fields.

    python -m extractor.summary OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table


def summary_table(out_dir: Path) -> Table:
    table = Table(title=f"records in {out_dir}/")
    for column in ("document", "figures", "projects", "indicators", "narratives", "fields", "flagged"):
        table.add_column(column, justify="left" if column == "document" else "right")
    for path in sorted(out_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if "document" not in record:
            continue
        assessments = record.get("assessments") or {}
        threshold = (record.get("review") or {}).get("threshold", 0.8)
        flagged = sum(1 for a in assessments.values() if a["confidence"] < threshold)
        table.add_row(
            path.name,
            str(len(record.get("figures", []))),
            str(len(record.get("projects", []))),
            str(sum(len(p.get("indicators", [])) for p in record.get("projects", []))),
            str(len(record.get("narratives", []))),
            str(len(assessments)),
            f"{flagged} ({flagged / len(assessments):.0%})" if assessments else "0",
        )
    return table


if __name__ == "__main__":
    Console().print(summary_table(Path(sys.argv[1] if len(sys.argv) > 1 else "out")))
