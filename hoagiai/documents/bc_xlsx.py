"""The statistical tables of the reports as an .xlsx beside the document (openpyxl, imported
on use), written by hoagiai.xlsx_writer: text starting with = + - @ is stored as text, never as a
formula."""

from __future__ import annotations

from pathlib import Path

from .. import stats, xlsx_writer
from ..xlsx_writer import put

put_text = put   # the name bc_hoa_giai re-exports


def write_xlsx(path: Path, title: str, ky: str, sheets: list[tuple[str, str, list, list[dict]]]) -> None:
    """The statistical tables as a workbook. Text starting with = + - @ is stored as text,
    never as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, caption, cols, rows in sheets:
        ws = wb.create_sheet(name)
        put(ws.cell(1, 1), title).font = Font(bold=True)
        put(ws.cell(2, 1), caption).font = Font(bold=True)
        put(ws.cell(3, 1), ky).font = Font(italic=True)
        for j, (_, label) in enumerate(cols, start=1):
            c = put(ws.cell(5, j), label)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            ws.column_dimensions[c.column_letter].width = 28 if j == 1 else 14
        for i, r in enumerate(rows, start=6):
            for j, (key, _) in enumerate(cols, start=1):
                v = r.get(key)
                c = ws.cell(i, j)
                if key in PERCENT_KEYS:
                    if v is None:
                        put(c, "—")
                    else:
                        c.value = float(v)
                        c.number_format = "0.0%"
                elif isinstance(v, str):
                    put(c, v)
                else:
                    c.value = v
                if r.get("ten") == stats.TONG:
                    c.font = Font(bold=True)
        ws.freeze_panes = "B6"
    xlsx_writer.save(wb, path, creator="hoagiai")


#: columns holding a fraction, shown as a percentage in the workbook
PERCENT_KEYS = frozenset({"ty_le_thanh", "gia_tri"})

