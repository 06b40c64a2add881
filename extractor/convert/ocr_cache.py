"""A disk cache of what the OCR engine read on a page image, keyed by the image's content.

Stage: `load` (convert), around the OCR engine only. In: a page image (an array) and the function that
reads it. Out: the engine's raw reading (text boxes, their text, the engine's confidence per box and per
character, the characters' positions), from the cache when the same pixels were read before by the same
engine version, else read and stored. Everything after the engine (spaces put back, lines and table
cells rebuilt) runs on every call, so a change there needs no new OCR. OCR takes tens of seconds a page
on a small machine; a rerun over the same files takes a second.

The cache lives in `.cache/extractor/ocr` under the working folder (beside the LLM's answer cache, the
default `cache_dir`); `use_cache(folder)` moves it, `use_cache(None)` switches it off. A cache that
cannot be opened (a read-only folder) is skipped: OCR runs without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor.convert.base import library_version

DEFAULT_FOLDER = Path(".cache/extractor/ocr")
FORMAT = "ocr-raw-1"  # what a cached value holds; bump when `Reading` changes

# One OCR'd text box as the engine read it: corner points, text, the engine's confidence (the mean of its
# characters'), each character's x range on the page and each character's confidence (empty when the
# engine gave none).
Reading = tuple[list[tuple[float, float]], str, float, list[tuple[float, float]], list[float]]

_LOCK = threading.Lock()
_state: dict[str, Any] = {"folder": DEFAULT_FOLDER, "cache": None, "pid": None, "failed": False}


def use_cache(folder: Path | None) -> None:
    """Keep OCR readings in `folder` (None: no cache)."""
    with _LOCK:
        _close()
        _state.update(folder=folder, cache=None, pid=None, failed=False)


def _close() -> None:
    cache = _state.get("cache")
    if cache is not None and _state.get("pid") == os.getpid():
        cache.close()


def _cache() -> Any:
    """The open cache of this process, or None (switched off, or it could not be opened)."""
    folder = _state["folder"]
    if folder is None or _state["failed"]:
        return None
    if _state["cache"] is None or _state["pid"] != os.getpid():  # a forked worker opens its own
        import diskcache

        try:
            _state["cache"] = diskcache.Cache(str(folder), size_limit=2**31)
            _state["pid"] = os.getpid()
        except (OSError, sqlite3.Error, diskcache.Timeout):
            _state["failed"] = True
            return None
    return _state["cache"]


def key(image: Any, engine: str) -> str:
    """The cache key of an image read by `engine`: a hash of its pixels, shape and the engine's name."""
    digest = hashlib.sha256(f"{FORMAT}|{engine}|{image.shape}|{image.dtype}".encode())
    digest.update(memoryview(image.tobytes()))
    return digest.hexdigest()


def engine_name() -> str:
    return library_version("rapidocr-onnxruntime", "onnxruntime") + "|no-cls|word-boxes"


def cached_reading(image: Any, read: Callable[[Any], list[Reading]]) -> list[Reading]:
    """What `read(image)` returns, from the cache when these pixels were read before."""
    with _LOCK:
        cache = _cache()
    if cache is None:
        return read(image)
    name = key(image, engine_name())
    try:
        found = cache.get(name)
    except (OSError, sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError):  # a damaged entry: a miss
        found = None
    if found is not None:
        return list(found)
    reading = read(image)
    try:
        cache.set(name, reading)
    except (OSError, sqlite3.Error):  # a full or read-only disk: the reading is still good
        pass
    return reading
