"""Where a cluster batch reads and writes: local paths, or fsspec URLs every machine of the cluster reaches.

In: the inputs and the output folder as given on the command line. Out: an `OutputPlan` (the local batch's
naming, `extractor.outputs.plan_outputs`, applied to the files found) whose paths are places: absolute local
paths, or URLs (`s3://bucket/in/a.txt`, `file:///srv/in/a.txt`). Also: reading a place, writing a record to
one whole or not at all, and the resume rule (`is_current`) for any place.

A local place is handled exactly as the local batch handles it (`extractor.outputs`, `extractor.batch`); a URL
through fsspec, where a record is written under a temporary name and moved into place, so that a reader never
sees half of one (on object stores the move is a copy, which lands whole).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from extractor.batch import is_current as is_current_local
from extractor.batch import plan_batch
from extractor.outputs import (
    INPUT_SUFFIXES,
    STALE_TEMP_SECONDS,
    Input,
    OutputError,
    Planned,
    collect_inputs,
    plan_outputs,
    remove_stale_temps,
    write_record,
)
from extractor.settings import Settings

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_TEMP = re.compile(r"\.json\.tmp\d+(?:\.\d+)?$")


def is_url(place: str) -> bool:
    return bool(_URL.match(place))


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    return fs, str(path)


def _url(fs: Any, path: str) -> str:
    return str(fs.unstrip_protocol(path))


@dataclass
class Placed:
    """A cluster batch's plan: (input place, record place) per job, in input order, with the plan's notices and
    refusals (as `OutputPlan`, with places for paths)."""

    out: str
    jobs: list[tuple[str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def collect(places: list[str]) -> tuple[list[tuple[str, PurePosixPath]], list[str]]:
    """(place, name under the folder it was found in) of the report files named or inside folders named (as
    `collect_inputs`), and the places that do not exist."""
    found: list[tuple[str, PurePosixPath]] = []
    missing: list[str] = []
    for place in places:
        if not is_url(place):
            path = Path(place).absolute()
            if path.exists():
                found.extend((str(i.path), i.relative) for i in collect_inputs([path]))
            else:
                missing.append(place)
            continue
        fs, root = _fs(place)
        if fs.isdir(root):
            files = sorted(
                p for p in fs.find(root) if PurePosixPath(p).suffix.lower() in INPUT_SUFFIXES and not fs.isdir(p)
            )
            found.extend((_url(fs, p), PurePosixPath(posixpath.relpath(p, root))) for p in files)
        elif fs.exists(root):
            found.append((place, PurePosixPath(PurePosixPath(root).name)))
        else:
            missing.append(place)
    unique = list(dict.fromkeys(found))
    return unique, missing


def plan(inputs: list[tuple[str, PurePosixPath]], out: str) -> Placed:
    """Check the output place (raises `OutputError` before anything is extracted) and name every record as the
    local batch would (`plan_outputs`)."""
    if not is_url(out):
        local = plan_batch([Input(Path(place), relative) for place, relative in inputs], Path(out).absolute())
        return Placed(
            str(local.out_dir),
            [(str(j.source), str(j.target)) for j in local.jobs],
            local.notices,
            {str(k): v for k, v in local.refused.items()},
        )
    _check_writable(out)
    # the naming works on paths: each input stands in as a path of its own, mapped back to its place after
    stand_in = {Path(f"/input-{k}"): place for k, (place, _relative) in enumerate(inputs)}
    base = Path("/output")
    planned = plan_outputs([Input(s, relative) for s, (_p, relative) in zip(stand_in, inputs, strict=True)], base)
    root = out.rstrip("/")

    def placed(path: Path) -> str:
        return stand_in.get(path) or f"{root}/{path.relative_to(base).as_posix()}"

    def spelled(text: str) -> str:
        text = re.sub(r"/input-(\d+)", lambda m: inputs[int(m[1])][0], text)
        return text.replace(str(base), root)

    return Placed(
        out,
        [(placed(j.source), placed(j.target)) for j in planned.jobs],
        [spelled(n) for n in planned.notices],
        {placed(k): spelled(v) for k, v in planned.refused.items()},
    )


def _check_writable(out: str) -> None:
    fs, root = _fs(out)
    try:
        fs.makedirs(root, exist_ok=True)
        probe = f"{root.rstrip('/')}/.write-check-{os.getpid()}.tmp"
        fs.pipe_file(probe, b"")
        fs.rm_file(probe)
    except Exception as exc:  # fsspec back-ends raise their own kinds
        raise OutputError(f"--out {out}: cannot write records there ({exc})") from exc


def remove_stale(out: str) -> list[str]:
    """The temporary files a killed run left in the output place (`remove_stale_temps` for a local folder; at a
    URL those older than a record takes to write)."""
    if not is_url(out):
        return [str(p) for p in remove_stale_temps(Path(out).absolute())]
    fs, root = _fs(out)
    removed = []
    now = time.time()
    for path in fs.find(root):
        if not _TEMP.search(path):
            continue
        try:
            modified = fs.modified(path).timestamp()
        except Exception:  # a back-end that keeps no times: leave it
            continue
        if now - modified > STALE_TEMP_SECONDS:
            fs.rm_file(path)
            removed.append(_url(fs, path))
    return removed


def read_bytes(place: str) -> bytes:
    if not is_url(place):
        return Path(place).read_bytes()
    fs, path = _fs(place)
    return bytes(fs.cat_file(path))


def write_whole(place: str, text: str) -> None:
    """Write a record whole or not at all: `write_record` for a local path, a temporary object moved into place
    at a URL."""
    if not is_url(place):
        write_record(Path(place), text)
        return
    fs, path = _fs(place)
    temp = f"{path}.tmp{os.getpid()}"
    try:
        fs.makedirs(posixpath.dirname(path), exist_ok=True)
        fs.pipe_file(temp, text.encode("utf-8"))
        fs.mv(temp, path)
    except Exception as exc:  # fsspec back-ends raise their own kinds
        try:
            fs.rm_file(temp)
        except Exception:  # nothing was written, or it is gone
            pass
        raise OutputError(f"cannot write {place}: {exc}") from exc


def is_current(source: str, target: str, settings: Settings) -> bool:
    """The local batch's resume rule (`extractor.batch.is_current`) at any place: the record exists and was made
    from the same bytes and configuration, without failures."""
    if not is_url(source) and not is_url(target):
        return is_current_local(Planned(Path(source), Path(target)), settings)
    try:
        run = json.loads(read_bytes(target).decode("utf-8"))["meta"]["run"]
        digest = hashlib.sha256(read_bytes(source)).hexdigest()
    except Exception:  # no record yet, or one that cannot be read: not current
        return False
    return (
        run.get("source_sha256") == digest
        and run.get("configuration") == settings.fingerprint()
        and not run.get("failures")
    )
