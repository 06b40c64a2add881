"""Stage load: encodings detected, bad input rejected with one line naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extractor.load import LoadError, load_bytes, load_path

TEXT = "2022年度收、支总计1519.86万元。\n项目名称 12328服务监管经费\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    loaded = load_bytes(data, name="r.txt")
    assert loaded.text == TEXT
    assert loaded.encoding == encoding


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "r.bin: empty file"),
        (b"   \n\t\n", "r.bin: empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "r.bin: binary file"),
        (bytes(range(1, 32)) * 50, "r.bin: binary file"),
    ],
)
def test_bad_input_is_rejected_with_the_file_named(data: bytes, message: str) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(data, name="r.bin")
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_oversized_input_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(TEXT.encode() * 100)
    with pytest.raises(LoadError, match=r"big.txt: too large"):
        load_path(path, max_bytes=1000)


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read"):
        load_path(tmp_path / "absent.txt")


def test_invalid_utf16_after_bom_is_rejected() -> None:
    with pytest.raises(LoadError, match="invalid utf-16"):
        load_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", name="x.txt")


def test_samples_load_with_their_hash(sample_paths: list[Path]) -> None:
    import hashlib

    for path in sample_paths:
        loaded = load_path(path)
        assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert len(loaded.text) > 1000
