"""Stage `load`: bytes to text.

In: a path or bytes. Out: the decoded text, which is *the source*: every offset in the system
points into it, and the warnings a reader should see. UTF-8 (with or without BOM), UTF-16 (BOM or
not), GB18030/GBK and Big5 are detected; binary, empty, markup-only and oversized inputs, and
folders, raise `LoadError` with a one-line message naming the file.

A UTF-8 file with a few invalid bytes is read with each bad byte sequence replaced by U+FFFD and a
warning naming its byte offset and line: rejecting it would lose the whole report for one byte,
while the replacement loses one character, visibly (it shows in the source and in any evidence
quote that covers it). Text that is GB18030 and Big5 at once (both decode) is read as the one the
character statistics favour, with a warning when that is Big5.
Files that are not text (PDF, images, Word, Excel, web pages: told by their magic bytes) go through
`extractor.convert`; their text is the converter's, and `converted` maps it back to the file's pages.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from extractor.convert import Converted, ConvertError, convert, sniff

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Control characters that never occur in a text report (tab, LF, CR and form feed do).
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}
# A UTF-8 file is read with replacements when its bad spots are this few, and rare among its characters.
MAX_BAD_UTF8 = 8
MIN_GOOD_PER_BAD = 50
BIG5_ENCODINGS = ("big5", "cp950")
# What is not report text in a markup file: scripts, styles, comments, tags and character references.
_NOT_TEXT = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[!/?]?[a-zA-Z][^<>]{0,4000}>|&#?\w+;", re.IGNORECASE | re.DOTALL
)


class LoadError(ValueError):
    """An input that cannot be read as a report; the message names the file and the reason."""


@dataclass(frozen=True)
class Loaded:
    name: str
    text: str
    sha256: str
    encoding: str
    warnings: tuple[str, ...] = ()
    converted: Converted | None = None  # for a converted file: converter, pages and the map back to them


def load_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, ocr: bool = False) -> Loaded:
    if path.is_dir():
        raise LoadError(f"{path}: is a folder, not a report file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > max_bytes:
        raise LoadError(f"{path}: too large ({size:,} bytes; the limit is {max_bytes:,})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return load_bytes(data, name=path.name, max_bytes=max_bytes, ocr=ocr)


def load_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES, ocr: bool = False) -> Loaded:
    """`ocr`: read every page of a PDF by OCR (pages without a text layer always are)."""
    if len(data) > max_bytes:
        raise LoadError(f"{name}: too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    try:
        kind = sniff(data, name)
        if kind != "text":
            converted = convert(data, kind, ocr, decoded=lambda: _decode(data, name)[0])
            text, _, _ = _checked(converted.text, kind, name)
            return Loaded(name, text, hashlib.sha256(data).hexdigest(), kind, converted=converted)
    except ConvertError as exc:
        raise LoadError(f"{name}: {exc}") from exc
    text, encoding, warnings = _decode(data, name)
    return Loaded(
        name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, warnings=tuple(warnings)
    )


def decode_bytes(data: bytes, name: str) -> str:
    return _decode(data, name)[0]


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    if not data.strip():
        raise LoadError(f"{name}: empty file")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), encoding, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_strict(data, utf16, name), utf16, name)
    if b"\x00" in data:
        raise LoadError(f"{name}: binary file (contains NUL bytes), not a text report")
    utf8 = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return _checked(data.decode(utf8), utf8, name)
    except UnicodeDecodeError:
        pass
    if utf8 == "utf-8":
        try:
            return _chinese(data, data.decode("gb18030"), name)
        except UnicodeDecodeError:
            pass
    repaired = _utf8_with_bad_bytes(data, name)
    if repaired is not None:
        return _checked(repaired[0], utf8, name, repaired[1])
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise LoadError(f"{name}: not text in a known encoding (tried UTF-8, UTF-16, GB18030, Big5)")
    return _checked(str(best), best.encoding, name, [f"{name}: encoding guessed as {best.encoding}; check the text"])


def _chinese(data: bytes, gb_text: str, name: str) -> tuple[str, str, list[str]]:
    """GB18030 text, unless it is Big5 (whose bytes are GB18030 too): the character statistics decide."""
    for big5 in BIG5_ENCODINGS:
        try:
            big5_text = data.decode(big5)
        except UnicodeDecodeError:
            continue
        best = from_bytes(data, cp_isolation=["gb18030", big5]).best()
        if best is not None and best.encoding in BIG5_ENCODINGS:
            return _checked(big5_text, big5, name, [f"{name}: read as Big5 (traditional Chinese), not GB18030"])
        break
    return _checked(gb_text, "gb18030", name)


def _utf8_with_bad_bytes(data: bytes, name: str) -> tuple[str, list[str]] | None:
    """UTF-8 with each run of invalid bytes replaced by one U+FFFD and named in a warning; None when not UTF-8."""
    pieces: list[str] = []
    runs: list[list[int]] = []  # [first bad byte, end] of each run of adjacent bad bytes
    at = 0
    while True:
        try:
            pieces.append(data[at:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            start, end = at + exc.start, at + exc.end
            pieces.append(data[at:start].decode("utf-8"))
            if runs and runs[-1][1] == start:
                runs[-1][1] = end
            elif len(runs) == MAX_BAD_UTF8:
                return None
            else:
                pieces.append("\ufffd")
                runs.append([start, end])
            at = end
    text = "".join(pieces).removeprefix("\ufeff")
    if sum(1 for ch in text if ord(ch) > 127) - len(runs) < MIN_GOOD_PER_BAD * len(runs):
        return None
    warnings = []
    for start, end in runs:
        where = f"byte {start:,}" if end - start == 1 else f"bytes {start:,}-{end - 1:,}"
        line = data.count(b"\n", 0, start) + 1
        warnings.append(f"{name}: invalid UTF-8 at {where} (line {line}), read as \ufffd")
    return text, warnings


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


def _checked(text: str, encoding: str, name: str, warnings: list[str] | None = None) -> tuple[str, str, list[str]]:
    if not text.strip():
        raise LoadError(f"{name}: empty file")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch in _CONTROL)
    if controls > max(8, len(sample) // 100):
        raise LoadError(f"{name}: binary file ({controls} control characters), not a text report")
    if not _has_text(text):
        raise LoadError(f"{name}: no report text (only markup, scripts or punctuation)")
    return text, encoding, list(warnings or [])


def _has_text(text: str) -> bool:
    """Whether any letter or digit stands outside markup (a report has them in its first pages)."""
    head = text[:100_000]
    if any(ch.isalnum() for ch in _NOT_TEXT.sub(" ", head)):
        return True
    return len(text) > len(head) and any(ch.isalnum() for ch in _NOT_TEXT.sub(" ", text))
