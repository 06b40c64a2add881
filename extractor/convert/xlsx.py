"""Excel to text: .xlsx with openpyxl, legacy .xls with xlrd; each sheet a table.

Stage: `load` (convert). In: the file's bytes. Out: `Converted`, one line per non-empty row with its
cells tab-separated (trailing empty cells dropped), sheets apart by a blank line; a merged cell's value
stands in its top-left slot and the slots it covers are empty. Numbers are written as the sheet shows
them: a fixed-decimal or thousands-separated format as written, a percent-formatted cell as a percentage,
integers without ".0" otherwise. Regions carry the sheet number as their page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

from extractor.convert.base import Converted, ConvertError, TextWriter, cell_text, library_version


def convert_xlsx(data: bytes) -> Converted:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors on a broken workbook
        raise ConvertError(f"not a readable Excel file ({type(exc).__name__}: {exc})") from exc
    sheets = []
    for sheet in book.worksheets:
        covered = {
            (r, c)
            for merged in sheet.merged_cells.ranges
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
            if (r, c) != (merged.min_row, merged.min_col)
        }
        rows = [
            ["" if (cell.row, cell.column) in covered else show(cell.value, cell.number_format) for cell in row]
            for row in sheet.iter_rows()
        ]
        sheets.append(rows)
    return _written(sheets, "xlsx", library_version("openpyxl"))


def convert_xls(data: bytes) -> Converted:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as exc:  # xlrd raises XLRDError, struct and assertion errors on a broken file
        raise ConvertError(f"not a readable Excel .xls file ({type(exc).__name__}: {exc})") from exc
    sheets = []
    for sheet in book.sheets():
        covered = {
            (r, c)
            for rlo, rhi, clo, chi in sheet.merged_cells
            for r in range(rlo, rhi)
            for c in range(clo, chi)
            if (r, c) != (rlo, clo)
        }
        rows = []
        for r in range(sheet.nrows):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                shape = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                row.append("" if (r, c) in covered else show(cell.value, shape))
            rows.append(row)
        sheets.append(rows)
    return _written(sheets, "xls", library_version("xlrd"))


def _written(sheets: Iterable[list[list[str]]], name: str, version: str) -> Converted:
    writer = TextWriter()
    count = 0
    for number, rows in enumerate(sheets, start=1):
        count = number
        for row in rows:
            while row and not row[-1]:
                row.pop()
            if row:
                writer.line("\t".join(row), number)
            else:
                writer.blank()
        writer.blank()
    if writer.empty:
        raise ConvertError("no cell with text in the workbook")
    return writer.done(name, version, count)


_LITERAL = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|\[[^\]]*\]')  # "万元", \-, _) padding, *  fill, [Red]
_FIXED = re.compile(r"[#0?,]*0[#0?,]*(?:\.([0#?]+))?")  # the number part of a format: 0, 0.00, #,##0.0


def show(value: Any, number_format: str = "General") -> str:
    """A cell's value as the sheet shows it: a fixed-decimal or thousands-separated format (0.0, #,##0.00) as
    written, a percent format as a percentage, otherwise integers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return _number(value, number_format or "General")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return cell_text(str(value))


def _number(value: float, number_format: str) -> str:
    sections = number_format.split(";")
    signed = value < 0 and len(sections) > 1  # the negative section writes its own sign or parentheses
    section = sections[1] if signed else sections[0]
    shown = _LITERAL.sub(lambda m: m.group(1) or m.group(2) or "", section).strip()
    shape = _FIXED.search(shown)
    if shape is None or section.strip().lower() == "general":
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return repr(round(value, 10)) if isinstance(value, float) else str(value)
    decimals = len(shape.group(1) or "")
    number = abs(value) if signed else value
    number = number * 100 if "%" in shown else number
    grouped = "," in shape.group(0).split(".")[0]
    text = f"{number:,.{decimals}f}" if grouped else f"{number:.{decimals}f}"
    return shown[: shape.start()] + text + shown[shape.end() :]
