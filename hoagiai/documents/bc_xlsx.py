"""The statistical tables of the reports as an .xlsx beside the document, written by
hoagiai.xlsx_plain (openpyxl took ~40 ms a workbook): text starting with = + - @ is stored as
text, never as a formula."""

from __future__ import annotations

from pathlib import Path

from .. import stats, xlsx_plain
from ..xlsx_plain import Style

BOLD, ITALIC = Style(bold=True), Style(italic=True)
HEADER = Style(bold=True, header=True)


def write_xlsx(path: Path, title: str, ky: str, sheets: list[tuple[str, str, list, list[dict]]]) -> None:
    """The statistical tables as a workbook: title, caption and period above each table, the
    header row frozen, percentages as numbers shown 0.0 %, the total row in bold."""
    book = []
    for name, caption, cols, rows in sheets:
        ws = xlsx_plain.Sheet(name, freeze=(5, 1))   # the header rows and the names column
        ws.put(1, 1, title, BOLD)
        ws.put(2, 1, caption, BOLD)
        ws.put(3, 1, ky, ITALIC)
        for j, (_, label) in enumerate(cols, start=1):
            ws.put(5, j, label, HEADER)
            ws.widths[j] = 28 if j == 1 else 14
        for i, r in enumerate(rows, start=6):
            bold = r.get("ten") == stats.TONG
            for j, (key, _) in enumerate(cols, start=1):
                v = r.get(key)
                if key in PERCENT_KEYS:
                    if v is None:
                        ws.put(i, j, "—", BOLD if bold else xlsx_plain.PLAIN)
                    else:
                        ws.put(i, j, float(v), Style(bold=bold, percent=True))
                else:
                    ws.put(i, j, v, BOLD if bold else xlsx_plain.PLAIN)
        book.append(ws)
    xlsx_plain.save(book, path)


#: columns holding a fraction, shown as a percentage in the workbook
PERCENT_KEYS = frozenset({"ty_le_thanh", "gia_tri"})
