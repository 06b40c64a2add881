"""Stage `load`: bytes to text.

In: a path or bytes. Out: the decoded text, which is *the source*: every offset in the system
points into it. UTF-8 (with or without BOM), UTF-16 (BOM or not) and GB18030/GBK are detected;
binary, empty and oversized inputs raise `LoadError` with a one-line message naming the file.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Control characters that never occur in a text report (tab, LF, CR and form feed do).
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


class LoadError(ValueError):
    """An input that cannot be read as a report; the message names the file and the reason."""


@dataclass(frozen=True)
class Loaded:
    name: str
    text: str
    sha256: str
    encoding: str


def load_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > max_bytes:
        raise LoadError(f"{path}: too large ({size:,} bytes; the limit is {max_bytes:,})")
    return load_bytes(path.read_bytes(), name=path.name, max_bytes=max_bytes)


def load_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    if len(data) > max_bytes:
        raise LoadError(f"{name}: too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    text, encoding = _decode(data, name)
    return Loaded(name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)


def decode_bytes(data: bytes, name: str) -> str:
    return _decode(data, name)[0]


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise LoadError(f"{name}: empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), encoding, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_strict(data, utf16, name), utf16, name)
    if b"\x00" in data:
        raise LoadError(f"{name}: binary file (contains NUL bytes), not a text report")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding, name)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise LoadError(f"{name}: not text in a known encoding (tried UTF-8, UTF-16, GB18030)")
    return _checked(str(best), best.encoding, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows NUL in every other byte for ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(f"{name}: invalid {encoding} at byte {exc.start}") from exc


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    if not text.strip():
        raise LoadError(f"{name}: empty file")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch in _CONTROL)
    if controls > max(8, len(sample) // 100):
        raise LoadError(f"{name}: binary file ({controls} control characters), not a text report")
    return text, encoding
