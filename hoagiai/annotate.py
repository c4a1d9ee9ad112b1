"""Annotated copies of the clerk's workbooks (docs/contract.md §3): `outputs/<base>.loi.xlsx`.

Each input file with findings is copied with its bad cells filled (red: error, yellow:
warning) and a comment carrying the message(s); findings about a whole team or column sit
on the column's header cell. A last sheet `Lỗi` lists the file's findings with a link to
each cell. A CSV, .xls or .ods input becomes an .xlsx copy (openpyxl writes only .xlsx),
and the `Lỗi` sheet says so. A marked cell inside a merged range is unmerged in the copy.
The originals are never touched.

No formula is ever written: the clerk's own formulas are replaced by their last computed
value, and any text starting with = + - @ is stored as text (hoagiai.xlsx_writer, which also
writes the copy atomically and with fixed timestamps).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.hyperlink import Hyperlink

from .findings import Finding
from .load import codes
from .load.files import WORKBOOK_SUFFIXES, WRITABLE_SUFFIXES
from .model import Inputs
from .validate.text import fold
from .xlsx_writer import put, save

SHEET = "Lỗi"
COLUMNS = ("Tệp", "Trang tính", "Dòng", "Cột", "Mã", "Mức độ", "Giá trị", "Nội dung", "Căn cứ")
WIDTHS = (18, 16, 7, 18, 26, 10, 22, 80, 45)
SEVERITY = {"error": "Lỗi", "warning": "Cảnh báo"}
FILL = {"error": PatternFill("solid", fgColor="FFFF9C9C"),
        "warning": PatternFill("solid", fgColor="FFFFEB84")}
SUFFIX = ".loi.xlsx"
HEADER_SCAN_ROWS = 50


def annotated_name(input_name: str) -> str:
    return f"{Path(input_name).stem}{SUFFIX}"


def write_annotated(inputs_dir: Path, inputs: Inputs, out_dir: Path) -> dict[str, str]:
    """Write one annotated copy per input file with findings; return {input file: copy path}.

    Copies left from an earlier run for files that now have no findings are removed, so an
    old copy never contradicts the current report. Also records the paths in
    `inputs.report.annotated`."""
    inputs_dir, out_dir = Path(inputs_dir), Path(out_dir)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in inputs.report.sorted():
        if f.file:
            by_file[f.file].append(f)
    written: dict[str, str] = {}
    for name, findings in sorted(by_file.items()):
        src = inputs_dir / name
        suffix = src.suffix.lower()
        if not src.is_file() or suffix not in (*WORKBOOK_SUFFIXES, ".csv"):
            continue
        if any(f.code in codes.REFUSED for f in findings):
            continue  # never reopen a file the loader refused (too large, zip bomb, broken)
        headers = _known_headers(inputs, name)
        if suffix == ".csv":
            wb = _csv_workbook(src, _encoding(inputs, name))
        elif suffix in WRITABLE_SUFFIXES:
            wb = _xlsx_copy(src)
        else:
            wb = _calamine_copy(src)
        _annotate(wb, findings, headers)
        if suffix not in WRITABLE_SUFFIXES:
            _note_format(wb, src)
        target = out_dir / annotated_name(name)
        save(wb, target)
        written[name] = str(target)
    for t in inputs.tables.values():  # stale copies of files that are now clean
        if t.file not in written:
            stale = out_dir / annotated_name(t.file)
            if stale.is_file():
                stale.unlink()
    inputs.report.annotated.update(written)
    return written


# --- reading the original ----------------------------------------------------------------

def _xlsx_copy(src: Path) -> Workbook:
    wb = load_workbook(src)
    cached = load_workbook(src, data_only=True)
    for ws in wb.worksheets:
        values = cached[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or isinstance(cell.value, ArrayFormula):
                    value = values[cell.coordinate].value
                    if value is None:  # never computed (file not saved by Excel): keep the text
                        value = cell.value.text if isinstance(cell.value, ArrayFormula) else cell.value
                    put(cell, value)
    return wb


def _calamine_copy(src: Path) -> Workbook:
    """An .xlsx copy of a workbook openpyxl cannot open (.xls, .ods): every sheet's values
    (formulas as their last computed value), hidden sheets kept hidden, merged ranges kept."""
    from python_calamine import CalamineWorkbook

    from .load.sheets import ods_merged

    wb = Workbook()
    wb.remove(wb.active)
    with open(src, "rb") as fh:
        book = CalamineWorkbook.from_filelike(fh)
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            ws = wb.create_sheet(meta.name[:31])
            for r, row in enumerate(sheet.to_python(skip_empty_area=False), start=1):
                for c, value in enumerate(row, start=1):
                    if value != "" and value is not None:
                        put(ws.cell(row=r, column=c), value)
            ranges = (ods_merged(src, meta.name) if src.suffix.lower() == ".ods" else
                      [(a, b, c, d) for (a, b), (c, d) in (sheet.merged_cell_ranges or [])])
            for r0, c0, r1, c1 in ranges:
                ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
            if not str(meta.visible).endswith("Visible"):
                ws.sheet_state = "hidden"
    return wb


def _note_format(wb: Workbook, src: Path) -> None:
    """Say, under the list of findings, that this copy is an .xlsx made from another format."""
    ws = wb.active   # the `Lỗi` sheet
    row = ws.max_row + 2
    put(ws.cell(row=row, column=1),
        f"Ghi chú: tệp gốc {src.name} ở định dạng {src.suffix.lower()}, không ghi đánh dấu vào được; "
        f"bản sao có đánh dấu này được lưu dạng .xlsx ({annotated_name(src.name)}). "
        f"Hãy sửa lỗi trong tệp gốc {src.name}.")
    ws.cell(row=row, column=1).font = Font(italic=True)


def _csv_workbook(src: Path, encoding: str | None) -> Workbook:
    raw = src.read_bytes()
    text = None
    for enc in [e for e in (encoding, "utf-8-sig", "cp1258") if e]:
        try:
            text = raw.decode(enc)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        text = raw.decode("utf-8", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    wb = Workbook()
    ws = wb.active
    ws.title = src.stem[:31]
    for r, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                put(ws.cell(row=r, column=c), value)
    return wb


def _known_headers(inputs: Inputs, file: str) -> dict[str | None, set[str | None]]:
    out: dict[str | None, set[str | None]] = defaultdict(set)
    for t in inputs.tables.values():
        if t.file == file:
            out[t.sheet].update(fold(h) for h in t.headers.values() if h)
    return out


def _encoding(inputs: Inputs, file: str) -> str | None:
    for t in inputs.tables.values():
        if t.file == file and t.encoding:
            return t.encoding
    return None


# --- marking cells -----------------------------------------------------------------------

def _annotate(wb: Workbook, findings: list[Finding], headers: dict[str | None, set[str | None]]) -> None:
    located: list[tuple[Finding, str | None, str | None]] = []  # finding, sheet title, cell
    marks: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    columns_of: dict[str, tuple[int | None, dict[str | None, int]]] = {}
    for f in findings:
        ws = _sheet(wb, f.sheet)
        if ws is None:
            located.append((f, f.sheet, None))
            continue
        if ws.title not in columns_of:
            wanted = set(headers.get(f.sheet, set())) | {fold(x.column) for x in findings if x.column}
            columns_of[ws.title] = _header_row(ws, wanted)
        header_row, cols = columns_of[ws.title]
        col = cols.get(fold(f.column)) if f.column else None
        if f.row is not None:
            coord = f"{get_column_letter(col or 1)}{f.row}"
        elif col is not None and header_row is not None:
            coord = f"{get_column_letter(col)}{header_row}"
        else:
            coord = None
        if coord:
            marks[(ws.title, coord)].append(f)
        located.append((f, ws.title, coord))
    for (title, coord), fs in marks.items():
        cell = _unmerged(wb[title], coord)
        worst = "error" if any(x.is_error for x in fs) else "warning"
        cell.fill = FILL[worst]
        text = "\n".join(f"[{SEVERITY.get(x.severity, x.severity)}] {x.message}" for x in fs)
        if cell.comment is not None and cell.comment.text:
            text = f"{cell.comment.text}\n{text}"
        comment = Comment(text, "hoagiai")
        comment.width = 360
        comment.height = min(60 + 40 * len(fs), 400)
        cell.comment = comment
    _list_sheet(wb, located)


def _unmerged(ws, coord: str) -> Cell:
    """The cell at `coord`, writable: a merged range holding it is unmerged in the copy and
    its value written in every row of its first column — as the loader read it — so any cell
    of the range can carry its own colour and comment."""
    for rng in list(ws.merged_cells.ranges):
        if coord in rng:
            value = ws.cell(row=rng.min_row, column=rng.min_col).value
            ws.unmerge_cells(rng.coord)
            for r in range(rng.min_row + 1, rng.max_row + 1):
                put(ws.cell(row=r, column=rng.min_col), value)
            break
    return ws[coord]


def _sheet(wb: Workbook, name: str | None):
    if name is None:
        return wb.worksheets[0]
    if name in wb.sheetnames:
        return wb[name]
    key = fold(name)
    for ws in wb.worksheets:
        if fold(ws.title) == key:
            return ws
    return None


def _header_row(ws, wanted: set[str | None]) -> tuple[int | None, dict[str | None, int]]:
    """The header row (the first rows holding most of the wanted headers) and header → column."""
    best, best_hits, best_cols = None, 0, {}
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True), start=1):
        cols: dict[str | None, int] = {}
        for c, v in enumerate(row, start=1):
            if isinstance(v, str) and v.strip():
                cols.setdefault(fold(v), c)
        hits = len(wanted & cols.keys())
        if hits > best_hits:
            best, best_hits, best_cols = r, hits, cols
    return best, best_cols


def _list_sheet(wb: Workbook, located: list[tuple[Finding, str | None, str | None]]) -> None:
    title = SHEET
    n = 2
    while title in wb.sheetnames:
        title = f"{SHEET} ({n})"
        n += 1
    ws = wb.create_sheet(title)
    bold = Font(bold=True)
    for c, (name, width) in enumerate(zip(COLUMNS, WIDTHS), start=1):
        put(ws.cell(row=1, column=c), name)
        ws.cell(row=1, column=c).font = bold
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    link_font = Font(color="FF0563C1", underline="single")
    for r, (f, sheet, coord) in enumerate(located, start=2):
        values = (f.file, sheet, f.row, f.column, f.code, SEVERITY.get(f.severity, f.severity),
                  f.value if f.value is None or isinstance(f.value, (int, float)) else str(f.value),
                  f.message, f.basis)
        for c, v in enumerate(values, start=1):
            put(ws.cell(row=r, column=c), v)
        ws.cell(row=r, column=6).fill = FILL.get(f.severity, FILL["warning"])
        if sheet and coord:
            cell = ws.cell(row=r, column=8)
            location = f"'{sheet}'!{coord}"
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=f.message)
            cell.font = link_font
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(located) + 1, 2)}"
    for other in wb.worksheets:  # one selected tab, or Excel opens the sheets grouped
        other.sheet_view.tabSelected = False
    wb.active = wb.sheetnames.index(title)
    ws.sheet_view.tabSelected = True
