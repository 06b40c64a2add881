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
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "r.bin: not a readable image"),
        (b"\x00\x01binary" * 50, "r.bin: binary file"),
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


def test_a_bad_byte_in_utf8_is_read_as_a_replacement_and_named_by_offset_and_line() -> None:
    data = (TEXT * 5).encode("utf-8")
    at = data.index(b"\n", 40) + 1  # the start of a line: the bad byte stands alone
    loaded = load_bytes(data[:at] + b"\xfe" + data[at:], name="r.txt")
    assert loaded.encoding == "utf-8"
    assert loaded.text == (TEXT * 5)[: len(data[:at].decode())] + "\ufffd" + data[at:].decode()
    line = data[:at].count(b"\n") + 1
    assert loaded.warnings == (f"r.txt: invalid UTF-8 at byte {at:,} (line {line}), read as \ufffd",)


def test_utf8_with_many_bad_bytes_is_not_read_as_utf8() -> None:
    data = bytearray((TEXT * 5).encode("utf-8"))
    for k in range(0, len(data), 9):
        data[k] = 0xFF
    with pytest.raises(LoadError, match="r.txt: not text in a known encoding"):
        load_bytes(bytes(data), name="r.txt")


def test_big5_is_read_as_big5_with_a_warning_not_as_gb18030() -> None:
    traditional = "某某縣教育局2023年度部門決算說明\n本部門主要職責是負責全縣教育事業發展規劃。\n收、支總計1,234.56萬元。\n"
    data = traditional.encode("big5")
    assert data.decode("gb18030") != traditional  # the trap: Big5 bytes are valid GB18030 too
    loaded = load_bytes(data, name="t.txt")
    assert loaded.text == traditional and loaded.encoding in ("big5", "cp950")
    assert loaded.warnings == ("t.txt: read as Big5 (traditional Chinese), not GB18030",)
    assert load_bytes(TEXT.encode("gbk"), name="s.txt").warnings == ()  # simplified GBK stays GB18030


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><style>p { color: red }</style></head><body><div></div></body></html>",
        "<!doctype html><html><body><script>var total = 1519.86;</script><p>&nbsp;</p></body></html>",
    ],
)
def test_a_markup_only_file_has_no_report_text(html: str) -> None:
    with pytest.raises(LoadError, match=r"^page.html: no report text"):
        load_bytes(html.encode("utf-8"), name="page.html")


def test_html_with_text_is_a_report() -> None:
    loaded = load_bytes(f"<html><body><p>{TEXT}</p></body></html>".encode(), name="page.html")
    # read as a browser shows it (extractor.convert.html): the line break inside <p> is a space
    assert " ".join(TEXT.split("\n")).strip() in loaded.text


def test_a_folder_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a folder, not a report file"):
        load_path(tmp_path)
