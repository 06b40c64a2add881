"""OCR inputs: an image, a scanned PDF (no text layer) and a text PDF forced through OCR, each one small
page built by the test; and the pipeline and batch around converted files (page and box on evidence,
the converter in meta.run, a bad file named while the batch goes on)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.load import LoadError, load_bytes
from extractor.pipeline import extract_file
from tests.input_files import CJK_FONT, blank_image, image_pdf, page_image, text_pdf

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


@pytest.fixture(autouse=True, scope="module")
def fresh_ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The OCR in these tests reads each page itself (a cache of an earlier run would hide a change)."""
    from extractor.convert.ocr_cache import DEFAULT_FOLDER, use_cache

    folder = tmp_path_factory.mktemp("ocr-cache")
    use_cache(folder)
    yield folder
    use_cache(DEFAULT_FOLDER)


def test_the_ocr_cache_answers_a_page_read_before_and_not_a_changed_one(tmp_path: Path) -> None:
    import numpy as np

    from extractor.convert.ocr_cache import cached_reading, use_cache

    calls: list[int] = []

    def reader(image):  # type: ignore[no-untyped-def]
        calls.append(1)
        return [([(0.0, 0.0), (9.0, 0.0), (9.0, 5.0), (0.0, 5.0)], "得分12", 0.97, [], [0.99, 0.9, 0.99, 0.9])]

    use_cache(tmp_path / "c")
    try:
        page = np.zeros((20, 30, 3), dtype=np.uint8)
        first = cached_reading(page, reader)
        again = cached_reading(page.copy(), reader)
        assert again == first and len(calls) == 1  # same pixels: read once
        changed = page.copy()
        changed[3, 4, 0] = 1
        cached_reading(changed, reader)
        assert len(calls) == 2  # one pixel differs: read again
        use_cache(None)
        cached_reading(page, reader)
        assert len(calls) == 3  # switched off
    finally:
        use_cache(tmp_path / "unused")


def test_an_unwritable_cache_folder_reads_without_a_cache(tmp_path: Path) -> None:
    import numpy as np

    from extractor.convert.ocr_cache import cached_reading, use_cache

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    use_cache(blocker / "cache")
    try:
        assert cached_reading(np.zeros((2, 2), dtype=np.uint8), lambda image: []) == []
    finally:
        use_cache(tmp_path / "unused")


def test_characters_read_with_low_confidence_are_placed_in_the_text() -> None:
    from extractor.convert.ocr import _doubts

    # the raw reading "得分121313" with spaces put back; the engine was unsure of the second "3"
    assert _doubts("得分121313", "得分 12 13 13", [0.99, 0.99, 0.99, 0.99, 0.99, 0.4, 0.99, 0.99]) == (7,)
    assert _doubts("12", "12", [0.95, 0.99]) == ()


def test_a_value_on_a_doubtful_character_is_flagged_and_its_neighbours_are_not() -> None:
    from extractor.convert.base import Converted, Region
    from extractor.convert.place import OCR_FLAG, place_evidence
    from extractor.pipeline import extract_text

    text = "2031年度收入总计123.45万元，支出总计98.76万元。\n"
    record = extract_text("r.txt", text)
    by_value = {f.value: i for i, f in enumerate(record.figures)}
    assert {123.45, 98.76} <= set(by_value)
    unsure = text.index("98.76") + 1  # the "8" of 98.76
    converted = Converted(text, "pdf_ocr", "test", 1, (Region(0, len(text) - 1, 1, (0.1, 0.1, 0.9, 0.2)),), (1,), (unsure,))
    place_evidence(record, converted)
    assert record.assessments is not None
    doubted = record.assessments[f"/figures/{by_value[98.76]}/value"]
    sure = record.assessments[f"/figures/{by_value[123.45]}/value"]
    assert OCR_FLAG in doubted.flags and doubted.confidence < 0.8
    assert any("'8'" in reason for reason in doubted.reasons)
    assert OCR_FLAG not in sure.flags


def test_a_space_between_cjk_characters_needs_a_wider_pitch_not_only_a_blank_gap() -> None:
    import numpy as np

    from extractor.convert.layout import TextBox
    from extractor.convert.ocr import spaced

    # six CJK glyphs on a 20-pixel pitch (an em), 18 pixels of ink each; the third is narrow (8 pixels of
    # ink centred in its em: a wide blank on both sides, yet no space); a space of 6 pixels before the fifth
    gray = np.full((20, 140), 255, dtype=np.uint8)
    lefts = [2, 22, 42, 62, 88, 108]
    inks = [(2, 20), (22, 40), (47, 55), (62, 80), (88, 106), (108, 126)]
    for x0, x1 in inks:
        gray[3:17, x0:x1] = 0
    ranges = [(float(x), float(x + 18)) for x in lefts]
    box = TextBox("甲乙一丙丁戊", 0, 0, 140, 20)
    assert spaced("甲乙一丙丁戊", ranges, gray, box) == "甲乙一丙 丁戊"


def _drawn(text: str) -> tuple[object, list[tuple[float, float]], object]:
    """A line of text drawn with the CJK font (grey paper, black ink), each character's x range and the line's box."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from extractor.convert.layout import TextBox
    from tests.input_files import CJK_FONT

    font = ImageFont.truetype(str(CJK_FONT), 30)
    image = Image.new("L", (40 + int(font.getlength(text)), 44), 235)
    ImageDraw.Draw(image).text((20, 6), text, fill=10, font=font)
    ranges = [(20 + font.getlength(text[:i]), 20 + font.getlength(text[: i + 1])) for i in range(len(text))]
    return np.asarray(image), ranges, TextBox(text, 12, 4, image.width - 12, 40)


def test_ink_the_engine_read_no_character_for_marks_the_number_beside_it() -> None:
    from extractor.convert.ocr import unread_ink

    # the engine read "成本 ≤ 3" as "成本3": its "3" spans the comparator's ink too (as RapidOCR gives it)
    gray, ranges, box = _drawn("成本 ≤ 3")
    assert unread_ink("成本≤3", [ranges[0], ranges[1], ranges[3], ranges[5]], gray, box) == set()
    assert unread_ink("成本3", [ranges[0], ranges[1], (ranges[3][0] + 4, ranges[5][1])], gray, box) == {2}
    # a decimal point dropped: "3.75" read "375"
    gray, ranges, box = _drawn("3.75万元")
    assert unread_ink("3.75万元", ranges, gray, box) == set()
    assert unread_ink("375万元", [ranges[0], ranges[2], ranges[3], ranges[4], ranges[5]], gray, box) == {0, 1, 2}
    # a CJK glyph whose strokes stand apart (川, 儿) beside digits is no dropped character
    gray, ranges, box = _drawn("川12儿")
    assert unread_ink("川12儿", ranges, gray, box) == set()


def test_a_ruling_line_or_a_neighbours_glyph_cut_by_the_box_is_no_dropped_character() -> None:
    from extractor.convert.layout import TextBox
    from extractor.convert.ocr import unread_ink

    gray, ranges, box = _drawn("本 ≤0.6")
    ruled = gray.copy()
    ruled[:, int(ranges[1][0]) + 6 : int(ranges[1][0]) + 8] = 10  # a cell's ruling line between 本 and ≤
    cut = TextBox("≤0.6", ranges[0][1] - 6, box.y0, box.x1, box.y1)  # the box cuts 本's last stroke
    assert unread_ink("≤0.6", ranges[2:], ruled, cut) == set()


def _ruled_page() -> object:
    """A ruled table of three columns drawn by the test. Row 1: a cell's text ends close to the line on its right
    and its neighbour's begins close to it (the detector reads both as one box); row 2: one merged cell over the
    first two columns (no line between them in that row), its text across where the line stands in the other rows;
    row 3: plain cells."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(CJK_FONT), 26)
    image = Image.new("L", (760, 320), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [20, 260, 500, 740], [20, 100, 180, 260, 300]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for x in (xs[0], xs[2], xs[3]):
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    draw.line([(xs[1], ys[0]), (xs[1], ys[1])], fill=0, width=2)
    draw.line([(xs[1], ys[2]), (xs[1], ys[-1])], fill=0, width=2)
    left = "甲乙丙丁戊"
    draw.text((xs[1] - 6 - draw.textlength(left, font=font), 45), left, fill=0, font=font)
    draw.text((xs[1] + 6, 45), "东南西", fill=0, font=font)
    draw.text((xs[2] + 10, 45), "12.5", fill=0, font=font)
    draw.text((140, 125), "春夏秋冬东南西北", fill=0, font=font)
    draw.text((xs[2] + 10, 125), "7", fill=0, font=font)
    draw.text((xs[0] + 10, 205), "申酉", fill=0, font=font)
    draw.text((xs[1] + 10, 205), "戌亥", fill=0, font=font)
    draw.text((xs[2] + 10, 205), "3", fill=0, font=font)
    return np.asarray(image.convert("RGB"))


def test_a_box_the_detector_draws_across_a_ruling_line_is_cut_into_its_cells() -> None:
    from extractor.convert.ocr import find_grids, ocr_image

    page = _ruled_page()
    [grid] = find_grids(page)
    assert len(grid.xs) == 4 and len(grid.ys) == 5
    middle = grid.xs[1]
    assert any(abs(x - middle) < 4 and bottom < grid.ys[2] for x, _top, bottom in grid.walls)  # drawn in row 1 only
    assert not any(abs(x - middle) < 4 and top < grid.ys[2] < bottom for x, top, bottom in grid.walls)
    assert [line.text for line in ocr_image(page)] == ["甲乙丙丁戊\t东南西\t12.5", "春夏秋冬东南西北\t\t7", "申酉\t戌亥\t3"]


def test_a_cut_box_keeps_each_pieces_doubts_and_a_box_inside_one_cell_stays_whole() -> None:
    from extractor.convert.layout import TextBox
    from extractor.convert.ocr import Grid

    grid = Grid((0.0, 100.0, 200.0), (0.0, 50.0), walls=((0.0, 0.0, 50.0), (100.0, 0.0, 50.0), (200.0, 0.0, 50.0)))
    box = TextBox("甲乙 丙1", 40, 10, 150, 40, doubts=(1, 4), centres=(50.0, 70.0, 95.0, 120.0, 140.0))
    pieces = grid.cut(box)
    assert [(p.text, p.doubts, p.x0, p.x1) for p in pieces] == [("甲乙", (1,), 40, 100.0), ("丙1", (1,), 100.0, 150)]
    inside = TextBox("甲乙", 40, 10, 110, 40, centres=(55.0, 85.0))  # the box reaches past the line, its text not
    assert grid.cut(inside) == [inside]
    unknown = TextBox("甲乙丙", 40, 10, 150, 40)  # no character positions: nothing to cut by
    assert grid.cut(unknown) == [unknown]
    assert grid.lines([box])[0].text == "甲乙\t丙1"
