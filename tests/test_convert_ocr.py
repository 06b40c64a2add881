"""OCR inputs: an image, a scanned PDF (no text layer) and a text PDF forced through OCR, each one small
page built by the test; and the pipeline and batch around converted files (page and box on evidence,
the converter in meta.run, a bad file named while the batch goes on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.load import LoadError, load_bytes
from extractor.pipeline import extract_file
from tests.input_files import blank_image, image_pdf, page_image, text_pdf

LINES = ["2031年度收入总计123.45万元", "比上年增加6.78万元", "得分 12 13 13 ≥ 95 %"]  # spaces between numbers kept


@pytest.fixture(scope="module")
def png() -> bytes:
    return page_image(LINES)


def test_an_image_is_read_by_ocr_line_by_line(png: bytes) -> None:
    loaded = load_bytes(png, name="page.png")
    lines = [line for line in loaded.text.splitlines() if line]
    assert lines == LINES
    assert loaded.converted is not None and loaded.converted.converter == "image_ocr"
    assert loaded.converted.ocr_pages == (1,)
    page, box = loaded.converted.locate(loaded.text.index("6.78"), loaded.text.index("6.78") + 4)
    assert page == 1 and box is not None and 0.3 < box[1] < 0.7  # the second of three lines


def test_a_scanned_pdf_page_without_text_layer_is_ocrd(png: bytes) -> None:
    loaded = load_bytes(image_pdf(png), name="scan.pdf")
    assert [line for line in loaded.text.splitlines() if line] == LINES
    assert loaded.converted is not None and loaded.converted.converter == "pdf_ocr"
    assert loaded.converted.ocr_pages == (1,)


def test_an_image_without_text_is_named() -> None:
    with pytest.raises(LoadError, match=r"^blank.png: no text found in the image by OCR$"):
        load_bytes(blank_image(), name="blank.png")


def test_a_not_quite_image_is_named() -> None:
    with pytest.raises(LoadError, match=r"^x.jpg: not a readable image"):
        load_bytes(b"\xff\xd8\xff\xe0 truncated", name="x.jpg")


def test_extract_with_ocr_forces_ocr_and_evidence_carries_page_and_box(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "report.pdf").write_bytes(text_pdf("2031年度收入总计123.45万元。", size=(360, 120)))
    (source / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    result = CliRunner().invoke(app, ["extract", str(source), "--out", str(tmp_path / "out"), "--no-llm", "--ocr"])
    assert result.exit_code == 1  # one file failed, the other was written
    assert "broken.pdf: not a readable PDF" in result.output
    record = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    converter = record["meta"]["run"]["converter"]
    assert converter["name"] == "pdf_ocr" and converter["ocr_pages"] == [1] and "rapidocr" in converter["version"]
    figure = next(f for f in record["figures"] if f["value"] == 123.45)
    assert figure["evidence"]["page"] == 1
    x0, y0, x1, y1 = figure["evidence"]["box"]
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1


def test_a_text_pdf_record_places_evidence_and_a_text_record_has_no_place(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(text_pdf("2031年度收入总计123.45万元。"))
    record = extract_file(pdf)
    assert record.meta.run is not None and record.meta.run["converter"]["name"] == "pdf_text"
    assert record.figures and all(f.evidence.page == 1 and f.evidence.box for f in record.figures)
    text = tmp_path / "r.txt"
    text.write_text("2031年度收入总计123.45万元。\n", encoding="utf-8")
    plain = json.loads(extract_file(text).to_json())
    assert plain["figures"] and all(
        "page" not in f["evidence"] and "box" not in f["evidence"] for f in plain["figures"]
    )
    assert "converter" not in plain["meta"]["run"]


def test_spaces_come_back_from_blank_columns_between_digits_not_inside_a_number() -> None:
    import numpy as np

    from extractor.convert.layout import TextBox
    from extractor.convert.ocr import spaced

    gray = np.full((20, 100), 255, dtype=np.uint8)
    # ink of "1", "2" close together, a wide gap, "3"; then "." close to "4"
    for x0, x1 in ((0, 8), (10, 18), (30, 38), (40, 42), (44, 52)):
        gray[4:16, x0:x1] = 0
    ranges = [(0.0, 8.0), (10.0, 18.0), (30.0, 38.0), (40.0, 42.0), (44.0, 52.0)]
    assert spaced("123.4", ranges, gray, TextBox("123.4", 0, 0, 60, 20)) == "12 3.4"
    # between CJK characters a gap is no space
    assert spaced("年度", [(0.0, 8.0), (30.0, 38.0)], gray, TextBox("年度", 0, 0, 60, 20)) == "年度"
