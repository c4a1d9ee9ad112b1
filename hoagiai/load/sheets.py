"""Which sheet of a workbook holds a dataset, and its merged cells.

- Hidden sheets are never read as data: an old sheet the clerk hid stays out of every count.
- A dataset named by sheet (`trang_tinh: Kết quả`) is that visible sheet.
- A dataset numbered by sheet (`trang_tinh: 0`) is the visible sheet whose rows hold the
  dataset's header row, wherever it sits (a "Hướng dẫn" sheet in front is passed over).
  Two or more visible sheets with that header row (a roster split over sheets) are an
  ERROR (`split-sheets`): half of a roster must never be read as the whole.
- Merged ranges: python-calamine reports them for .xlsx/.xlsm/.xls; for .ods they are read
  from `content.xml` (table:number-rows-spanned / number-columns-spanned). Decision
  (`spread_merged`): read as Excel shows them — a data range merged over several rows gives
  its value to every row of the range, with a `merged-cells` warning; a header cell merged
  down makes those rows part of the header; merged title rows are left alone.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from ..findings import ERROR, WARNING, Finding
from .reader import HEADER_SEARCH_ROWS, Grid, find_header, unreadable
from .spec import DatasetSpec
from .text import match_key
from .where import FileRejected, Where


def pick_sheet(names: list[str], wanted: int | str) -> str | None:
    if isinstance(wanted, int):
        return names[wanted] if wanted < len(names) else None
    key = match_key(wanted)
    for name in names:
        if match_key(name) == key:
            return name
    return None

Merged = list[tuple[int, int, int, int]]


def _visible(book) -> tuple[list[str], list[str]]:
    """(visible worksheets, hidden ones) in workbook order."""
    shown: list[str] = []
    hidden: list[str] = []
    for m in book.sheets_metadata:
        if "worksheet" not in str(m.typ).lower():
            continue   # chart sheets and the like hold no cells
        (shown if str(m.visible).endswith("Visible") else hidden).append(m.name)
    return shown, hidden


def _read(book, name: str) -> tuple[list[list], Merged]:
    sheet = book.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return rows, merged


def pick(book, path: Path, spec: DatasetSpec, where: Where) -> tuple[str, list[list], Merged, list[Finding]]:
    """(sheet name, rows, merged ranges, findings) of the sheet holding `spec`'s data."""
    shown, hidden = _visible(book)
    if isinstance(spec.sheet, str):
        name = pick_sheet(shown, spec.sheet)
        if name is None:
            hidden_one = pick_sheet(hidden, spec.sheet)
            why = (f"Trang tính “{hidden_one}” của tệp {path.name} đang bị ẩn; trang ẩn không được đọc. "
                   "Hãy bỏ ẩn trang đó (Unhide)." if hidden_one else
                   f"Tệp {path.name} không có trang tính “{spec.sheet}” (đang có: {', '.join(shown) or 'không có'}).")
            raise FileRejected(where.finding("missing-sheet", ERROR, why, value=str(spec.sheet)))
        rows, merged = _read(book, name)
        return name, rows, merged, []
    with_header = {}
    for name in shown:
        rows, merged = _read(book, name)
        if _has_header(rows, spec, where):
            with_header[name] = (rows, merged)
    if len(with_header) > 1:
        names = ", ".join(f"“{n}”" for n in with_header)
        raise FileRejected(where.finding(
            "split-sheets", ERROR,
            f"Tệp {path.name} có dữ liệu ở nhiều trang tính cùng dòng tiêu đề ({names}); chương trình "
            "không đọc một nửa danh sách. Hãy gộp dữ liệu vào một trang tính, hoặc xóa/ẩn trang cũ.",
            value=", ".join(with_header)))
    if with_header:
        name, (rows, merged) = next(iter(with_header.items()))
        return name, rows, merged, []
    for name in hidden:
        if _has_header(_read(book, name)[0], spec, where):
            raise FileRejected(where.finding(
                "missing-sheet", ERROR,
                f"Dữ liệu của tệp {path.name} nằm ở trang tính ẩn “{name}”; trang ẩn không được đọc. "
                "Hãy bỏ ẩn trang đó (Unhide) hoặc chép dữ liệu sang một trang đang hiện.", value=name))
    if spec.sheet >= len(shown):
        raise FileRejected(where.finding(
            "missing-sheet", ERROR,
            f"Tệp {path.name} không có trang tính thứ {spec.sheet + 1} đang hiện "
            f"(đang có: {', '.join(shown) or 'không có'}).", value=str(spec.sheet)))
    name = shown[spec.sheet]   # the loader will say what is wrong with it (no header, empty)
    rows, merged = _read(book, name)
    return name, rows, merged, []


def _has_header(rows: list[list], spec: DatasetSpec, where: Where) -> bool:
    head = rows[:HEADER_SEARCH_ROWS]
    if not head:
        return False
    cells = pd.DataFrame(head, dtype=object)
    cells.columns = range(cells.shape[1])
    header, _ = find_header(Grid(cells, np.arange(1, len(head) + 1)), spec, where, "")
    return header is not None


# --- merged cells ----------------------------------------------------------------------

def spread_merged(grid, header, start: int, where: Where) -> tuple[int, list[Finding], set[int]]:
    """Merged cells read as Excel shows them. A header cell merged down over several rows
    makes those rows part of the header. In the data area, a range over several rows (a
    "Thôn" merged over the cases of one thôn) gives its value to every row of the range, in
    the range's first column, with a `merged-cells` warning; title rows are left alone."""
    from openpyxl.utils import get_column_letter

    from .cells import display

    findings: list[Finding] = []
    changed: set[int] = set()
    by_pos = {pos: header.headers.get(key, key[6:] if key.startswith("extra:") else key)
              for key, pos in header.columns.items()}
    n = len(grid.cells)
    for r0, c0, r1, c1 in sorted(grid.merged):
        if r1 <= r0 or r1 < header.row_index or c0 >= grid.cells.shape[1]:
            continue
        if r0 <= header.row_index:
            start = max(start, min(r1, n - 1) + 1)
            continue
        value = grid.cells.iat[r0, c0] if r0 < n else None
        last = min(r1, n - 1)
        for r in range(r0 + 1, last + 1):
            grid.cells.iat[r, c0] = value
        changed.add(c0)
        first_row, last_row = r0 + 1, r1 + 1     # workbook grids: row position + 1 = Excel row
        span = f"{get_column_letter(c0 + 1)}{first_row}:{get_column_letter(c1 + 1)}{last_row}"
        findings.append(where.finding(
            "merged-cells", WARNING,
            f"Các ô {span} được gộp (merge); giá trị “{display(value)}” được hiểu là áp dụng cho từng "
            f"dòng từ {first_row} đến {last_row}. Nên bỏ gộp ô và ghi giá trị vào từng dòng.",
            row=first_row, column=by_pos.get(c0), value=display(value)))
    return start, findings, changed


# --- .ods merged cells ------------------------------------------------------------------

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CELLS = (f"{_T}table-cell", f"{_T}covered-table-cell")


def ods_merged(path: Path, sheet: str) -> Merged:
    """Merged ranges of one sheet of an .ods file (0-based, inclusive)."""
    out: Merged = []
    row = col = 0
    inside = False
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        for event, el in ElementTree.iterparse(fh, events=("start", "end")):
            tag = el.tag
            if tag == f"{_T}table":
                if event == "start":
                    inside, row = el.get(f"{_T}name") == sheet, 0
                elif inside:
                    break
                continue
            if not inside:
                if event == "end" and tag == f"{_T}table-row":
                    el.clear()
                continue
            if tag == f"{_T}table-row":
                if event == "start":
                    col = 0
                else:
                    row += int(el.get(f"{_T}number-rows-repeated", "1"))
                    el.clear()
            elif tag in _CELLS and event == "start":
                rows = int(el.get(f"{_T}number-rows-spanned", "1"))
                cols = int(el.get(f"{_T}number-columns-spanned", "1"))
                if tag == _CELLS[0] and (rows > 1 or cols > 1):
                    out.append((row, col, row + rows - 1, col + cols - 1))
                col += int(el.get(f"{_T}number-columns-repeated", "1"))
    return out


# --- workbooks (xlsx, xlsm, xls, ods) ----------------------------------------------------

def read_workbook(path: Path, spec: DatasetSpec, where: Where) -> Grid:
    """One sheet's cells through python-calamine (the engine behind
    `pd.read_excel(engine="calamine")`), called directly: numbers come as float, dates as
    date/datetime, empty cells as "". Which sheet: see `pick`. Merged ranges come
    with the grid (`Grid.merged`); the loader decides what they mean."""
    suffix = path.suffix.lower()
    if suffix == ".xls" and not _starts_with(path, OLE2_MAGIC):
        raise unreadable(path, where, "đây không phải tệp Excel 97–2003 (.xls), hoặc tệp đã bị hỏng.")
    if suffix != ".xls" and not zipfile.is_zipfile(path):
        raise unreadable(path, where, f"đây không phải tệp {suffix} (hoặc tệp đã bị hỏng, hoặc có mật khẩu).")
    try:
        # Third-party parsers can fail on hostile input in many ways; any failure to parse
        # is the clerk's file problem, reported as a finding, never a traceback.
        with open(path, "rb") as fh:
            book = CalamineWorkbook.from_filelike(fh)
            sheet, rows, merged, findings = pick(book, path, spec, where)
            if suffix == ".ods":
                merged = ods_merged(path, sheet)
    except FileRejected:
        raise
    except Exception as exc:  # noqa: BLE001 — see comment above
        raise unreadable(path, where, f"tệp bị hỏng hoặc không đúng định dạng ({type(exc).__name__}).") from exc
    cells = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame()
    cells.columns = range(cells.shape[1])
    return Grid(cells, np.arange(1, len(rows) + 1), sheet=sheet, findings=findings, merged=merged)


#: first bytes of an OLE2 compound file (Excel 97–2003 .xls)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False
