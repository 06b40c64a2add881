"""Converters: every input kind, from files the tests build, to the text the pipeline reads and back
to the file's pages (extractor.convert, the dispatch in extractor.load)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.convert import ConvertError, TextWriter, sniff
from extractor.convert.base import cell_text
from extractor.load import LoadError, load_bytes
from tests.input_files import PROSE, ROWS, empty_pdf, encrypted_pdf, text_pdf

# ---- sniffing: magic bytes first, the name only for HTML without a doctype ----


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "report.bin", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "scan.dat", "image"),
        (b"\xff\xd8\xff\xe0....", "scan", "image"),
        (b"II*\x00....", "a.tif", "image"),
        (_zip("word/document.xml", "[Content_Types].xml"), "a.zip", "docx"),
        (_zip("xl/workbook.xml"), "a.docx", "xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), "old.xls", "xls"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "page.txt", "html"),
        (b"  <html lang=zh><p>x</p></html>", "page", "html"),
        (b"<p>text</p>", "page.html", "html"),
        ("收入\t支出\n<table><tr><td>1</td></tr></table>".encode(), "report.txt", "text"),
        ("2031年度收入总计1万元".encode(), "report.html", "text"),
    ],
)
def test_the_kind_comes_from_the_bytes(data: bytes, name: str, kind: str) -> None:
    assert sniff(data, name) == kind


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (_zip("a.txt"), "a.docx", "neither a Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), "old.doc", ".doc file is not read"),
        (b"PK\x03\x04broken", "a.xlsx", "corrupt zip"),
    ],
)
def test_containers_that_are_no_report_are_named(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(ConvertError, match=reason):
        sniff(data, name)


# ---- the text map ----


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=12),
        max_size=12,
    )
)
def test_each_line_maps_back_to_its_page(lines: list[str]) -> None:
    writer = TextWriter()
    for i, line in enumerate(lines):
        writer.line(line, page=i + 1, box=(0.1, 0.1, 0.5, 0.2))
    converted = writer.done("test", "0", len(lines))
    for region in converted.regions:
        assert converted.text[region.start : region.end] == lines[region.page - 1]  # type: ignore[operator]
        assert converted.locate(region.start, region.end) == (region.page, region.box)


def test_a_span_over_two_lines_gets_the_union_of_their_boxes_on_its_first_page() -> None:
    writer = TextWriter()
    writer.line("first line", 1, (0.1, 0.1, 0.5, 0.15))
    writer.line("second", 1, (0.1, 0.2, 0.3, 0.25))
    writer.line("next page", 2, (0.1, 0.1, 0.9, 0.15))
    converted = writer.done("test", "0", 2)
    start = converted.text.index("line")
    end = converted.text.index("page") + 4
    assert converted.locate(start, end) == (1, (0.1, 0.1, 0.5, 0.25))
    assert converted.locate(len(converted.text) + 5, len(converted.text) + 6) == (None, None)


def test_cell_text_joins_wrapped_lines() -> None:
    assert cell_text("巡查\n次数") == "巡查次数"
    assert cell_text("new\nline\tand  tab") == "new line and tab"
    assert cell_text(None) == ""


# ---- PDF with a text layer ----


def test_a_text_pdf_keeps_reading_order_tables_as_rows_and_headings_by_size() -> None:
    loaded = load_bytes(text_pdf(PROSE, rows=ROWS, heading="一、收入支出总体情况"), name="r.pdf")
    lines = loaded.text.splitlines()
    assert lines[0] == "# 一、收入支出总体情况"
    assert "123.45万元" in loaded.text
    assert "\t".join(ROWS[0]) in lines and "\t".join(ROWS[1]) in lines
    assert lines.index("\t".join(ROWS[0])) > lines.index("# 一、收入支出总体情况")
    assert loaded.converted is not None and loaded.converted.converter == "pdf_text"
    assert loaded.converted.ocr_pages == () and "pdfplumber" in loaded.converted.version
    at = loaded.text.index("9.5")
    page, box = loaded.converted.locate(at, at + 3)
    assert page == 1 and box is not None
    assert 0 <= box[0] < box[2] <= 1 and 0 <= box[1] < box[3] <= 1
    assert box[1] > 0.2  # the table stands below the heading and the prose


def test_a_long_line_wraps_and_pages_follow_each_other() -> None:
    loaded = load_bytes(text_pdf(*[PROSE * 3] * 12, size=(300, 240)), name="long.pdf")
    assert loaded.converted is not None and loaded.converted.pages > 1
    assert loaded.text.replace("\n", "").count("123.45万元") == 36
    pages = {r.page for r in loaded.converted.regions}
    assert pages == set(range(1, loaded.converted.pages + 1))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (encrypted_pdf(), "locked.pdf: encrypted PDF"),
        (empty_pdf(), "locked.pdf: a PDF of 0 pages"),
        (b"%PDF-1.4\n1 0 obj <<>> garbage", "locked.pdf: not a readable PDF"),
    ],
)
def test_bad_pdfs_get_one_line_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(data, name="locked.pdf")
    assert str(info.value).startswith(reason) and "\n" not in str(info.value)


# ---- Word ----


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("二、项目绩效目标完成情况", level=2)
    document.add_paragraph(PROSE)
    document.add_paragraph("第一项", style="List Bullet")
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(
        [["一级指标", "三级指标", "分值", "得分"], ["产出指标", "巡查次数", "10", "9"], ["", "覆盖率", "5", "5"]]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # a level cell merged down
    table.cell(3, 0).merge(table.cell(3, 1)).text = "合计"  # merged across
    table.cell(3, 2).text = "15"
    document.add_paragraph("表后说明")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_file_gives_paragraphs_headings_bullets_and_tables_with_merged_cells_once() -> None:
    loaded = load_bytes(_docx(), name="form.docx")
    lines = [line for line in loaded.text.splitlines() if line]
    assert lines[:3] == ["## 二、项目绩效目标完成情况", PROSE, "\u2022 第一项"]
    assert lines[3:7] == [
        "一级指标\t三级指标\t分值\t得分",
        "产出指标\t巡查次数\t10\t9",
        "\t覆盖率\t5\t5",
        "合计\t\t15\t",
    ]
    assert lines[7] == "表后说明"
    assert loaded.converted is not None and loaded.converted.converter == "docx"
    assert loaded.encoding == "docx"


def test_a_broken_word_file_is_named() -> None:
    data = _zip("word/document.xml")
    with pytest.raises(LoadError, match=r"^bad.docx: not a readable Word file"):
        load_bytes(data, name="bad.docx")


# ---- Excel ----


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "form"
    sheet.append(["项目名称", "巡查项目"])
    sheet.append(["一级指标", "三级指标", "指标值", "完成值", "分值"])
    sheet.append(["产出指标", "巡查次数", 12, 12.0, 10])
    sheet.append([None, "覆盖率", 0.95, 0.9725, 5])
    sheet["C4"].number_format = "0%"
    sheet["D4"].number_format = "0.00%"
    sheet.merge_cells("A3:A4")
    second = book.create_sheet("notes")
    second.append(["说明", None, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_sheet_is_a_table_with_numbers_as_shown_and_merged_cells_carried() -> None:
    loaded = load_bytes(_xlsx(), name="form.xlsx")
    lines = [line for line in loaded.text.splitlines() if line]
    assert lines == [
        "项目名称\t巡查项目",
        "一级指标\t三级指标\t指标值\t完成值\t分值",
        "产出指标\t巡查次数\t12\t12\t10",
        "\t覆盖率\t95%\t97.25%\t5",
        "说明",
    ]
    assert loaded.converted is not None
    assert [r.page for r in loaded.converted.regions] == [1, 1, 1, 1, 2]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (2.0, "General", "2"),
        (2.0, "0.0", "2.0"),
        (1234.5, "#,##0.00", "1,234.50"),
        (3.25, "#,##0", "3"),
        (0.9725, "0.00%", "97.25%"),
        (-3.5, "0.00;[Red]-0.00", "-3.50"),
        (-3.5, "0.00_);(0.00)", "(3.50)"),
        (5.0, '0.00"万元"', "5.00万元"),
        (7, "[$-804]0.0", "7.0"),
        (1.5, "@", "1.5"),
    ],
)
def test_a_number_is_written_as_its_cell_format_shows_it(value: float, number_format: str, shown: str) -> None:
    from extractor.convert.xlsx import show

    assert show(value, number_format) == shown


def test_a_sheet_with_fixed_decimal_and_thousands_formats_reads_as_shown() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["分值", "预算数"])
    sheet.append([2.0, 12345.6])
    sheet["A2"].number_format = "0.0"
    sheet["B2"].number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    assert load_bytes(out.getvalue(), name="f.xlsx").text.splitlines()[1] == "2.0\t12,345.60"


def test_a_legacy_xls_is_read_with_its_merged_cells() -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("form")
    sheet.write_merge(0, 1, 0, 0, "产出指标")
    sheet.write(0, 1, "巡查次数")
    sheet.write(0, 2, 12)
    sheet.write(1, 1, "得分")
    sheet.write(1, 2, 9.5)
    out = io.BytesIO()
    book.save(out)
    loaded = load_bytes(out.getvalue(), name="form.xls")
    assert [line for line in loaded.text.splitlines() if line] == ["产出指标\t巡查次数\t12", "\t得分\t9.5"]


# ---- HTML ----

PAGE = """<!DOCTYPE html><html><head><title>site</title><style>td{color:red}</style>
<script>var total = "999万元";</script></head><body><nav>首页</nav>
<h2>一、收入支出总体情况</h2><p>2031年度收入总计<b>123.45</b>万元，<br>比上年增加6.78万元。</p>
<table><thead><tr><th rowspan="2">一级指标</th><th colspan="2">指标</th></tr>
<tr><th>名称</th><th>分值</th></tr></thead>
<tbody><tr><td>产出指标</td><td>巡查次数<table><tr><td>inner</td></tr></table></td><td>10</td></tr></tbody></table>
<p>表后</p></body></html>"""


def test_a_web_page_drops_scripts_and_styles_and_writes_tables_on_their_grid() -> None:
    loaded = load_bytes(PAGE.encode("gb18030"), name="page.html")
    lines = [line for line in loaded.text.splitlines() if line]
    assert "999" not in loaded.text and "color" not in loaded.text and "site" not in loaded.text
    assert lines == [
        "首页",
        "## 一、收入支出总体情况",
        "2031年度收入总计123.45万元，",
        "比上年增加6.78万元。",
        "一级指标\t指标\t",
        "\t名称\t分值",
        "产出指标\t巡查次数 inner\t10",
        "表后",
    ]
    assert loaded.converted is not None and loaded.converted.converter == "html"
