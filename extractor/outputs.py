"""Where a batch's records go: one unique, stable output path per input, written atomically.

In: the input files (with where they sit under the folder they were found in) and an output folder.
Out: a plan naming each input's record path, notices for every name that had to change to stay apart
from another, and refusals for inputs no name can keep apart. Also: the output folder checked before
anything is extracted, records written through a temporary file renamed into place, and the
temporary files of a killed run removed on the next.

Naming: `sub/report.txt` under the input folder writes `sub/report.json` under the output folder
(`report.json` for a file named directly). Two inputs whose names differ only by extension
(`report.txt`, `report.md`) keep it: `report.txt.json`, `report.md.json`, and a notice says so.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from extractor.convert import SUFFIXES as CONVERTED_SUFFIXES

INPUT_SUFFIXES = {".txt", ".md", ".text", ".csv", ".tsv", ".html", ".htm"} | CONVERTED_SUFFIXES
RECORD_SUFFIX = ".json"
_TEMP = re.compile(r"\.json\.tmp(\d+)(?:\.\d+)?$")
STALE_TEMP_SECONDS = 600  # a record is written in milliseconds: a temporary file this old was left by a kill


class OutputError(OSError):
    """The output folder or a record in it cannot be written; the message names the path."""


@dataclass(frozen=True)
class Input:
    path: Path
    relative: PurePosixPath  # where it sits under the folder it was found in; its name for a file named directly


@dataclass(frozen=True)
class Planned:
    source: Path
    target: Path


@dataclass
class OutputPlan:
    out_dir: Path
    jobs: list[Planned] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    refused: dict[Path, str] = field(default_factory=dict)


def collect_inputs(paths: list[Path]) -> list[Input]:
    """Files named, and the report files inside folders named, in a stable order, each once."""
    found: list[Input] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            found.extend(Input(p, PurePosixPath(p.relative_to(path).as_posix())) for p in files)
        else:
            found.append(Input(path, PurePosixPath(path.name)))
    seen: set[Path] = set()
    unique = []
    for item in found:
        key = item.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def plan_outputs(inputs: list[Input], out_dir: Path) -> OutputPlan:
    """Each input's record path: unique (also on a case-insensitive disk) and the same on every run."""
    plan = OutputPlan(out_dir)
    by_place: dict[str, list[Input]] = defaultdict(list)
    for item in inputs:
        by_place[_key(item.relative)].append(item)
    by_stem: dict[str, list[Input]] = defaultdict(list)
    for same in by_place.values():
        if len(same) > 1:  # the same relative name from different folders named on the command line
            for item in same:
                plan.refused[item.path] = (
                    f"{item.path}: not extracted: {', '.join(str(i.path) for i in same)} would all write "
                    f"{out_dir / item.relative.with_suffix(RECORD_SUFFIX)}; name their common folder instead, "
                    "or extract them with different --out folders"
                )
            continue
        by_stem[_key(same[0].relative.with_suffix(RECORD_SUFFIX))].append(same[0])
    for group in by_stem.values():
        if len(group) == 1:
            plan.jobs.append(Planned(group[0].path, out_dir / group[0].relative.with_suffix(RECORD_SUFFIX)))
            continue
        plain = out_dir / group[0].relative.with_suffix(RECORD_SUFFIX)
        kept = [Planned(i.path, out_dir / i.relative.with_name(i.relative.name + RECORD_SUFFIX)) for i in group]
        plan.jobs.extend(kept)
        earlier = f" ({plain}, from an earlier run, is no longer written)" if plain.exists() else ""
        plan.notices.append(
            f"{', '.join(str(i.path) for i in group)} share the name {plain.stem}: "
            f"their records are {', '.join(str(job.target) for job in kept)}{earlier}"
        )
    order = {item.path: k for k, item in enumerate(inputs)}
    plan.jobs.sort(key=lambda job: order[job.source])
    return plan


def _key(path: PurePosixPath) -> str:
    return path.as_posix().casefold()


def prepare_out_dir(out_dir: Path) -> None:
    """Create the output folder and prove a record can be written in it, before anything is extracted."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"--out {out_dir}: is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"--out {out_dir}: cannot create the folder ({exc.strerror or exc})") from exc
    try:
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".write-check-", suffix=".tmp"):
            pass
    except OSError as exc:
        raise OutputError(f"--out {out_dir}: cannot write records there ({exc.strerror or exc})") from exc


def write_record(target: Path, text: str) -> None:
    """Write `text` to `target` atomically: a kill leaves the old record or the new, never half of one."""
    tmp = target.with_name(f"{target.name}.tmp{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc


def remove_stale_temps(out_dir: Path, now: float | None = None) -> list[Path]:
    """Remove the `<record>.json.tmp<pid>` files a killed run left: its process is gone, or the file is old."""
    removed = []
    now = time.time() if now is None else now
    for path in out_dir.rglob("*.json.tmp*"):
        match = _TEMP.search(path.name)
        if not match or not path.is_file():
            continue
        try:
            stale = not _alive(int(match[1])) or now - path.stat().st_mtime > STALE_TEMP_SECONDS
            if stale:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
