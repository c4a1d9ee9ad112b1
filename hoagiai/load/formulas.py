"""Formulas saved without their result.

Excel and LibreOffice store a formula's last result next to it; a workbook written by
another program (a script, an online form, openpyxl) may hold the formula alone. The reader
then sees an empty cell — and a required cell would be reported as missing although the
clerk typed something. `mark_uncached` finds such cells in the sheet's XML and puts a
`Formula` in the grid instead, which the cell typer reports as `formula-no-value`.

Only .xlsx/.xlsm are looked at (the formats a program writes without results); a sheet with
no `<f>` element at all is skipped after a byte search, so ordinary workbooks cost one
decompression of the sheet (about a tenth of the time calamine takes to read it).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import iterparse

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]+)(\d+)")


class Formula(str):
    """A cell that holds a formula without a saved result; the text is the formula."""


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def uncached(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """{(0-based row, 0-based column): formula} of the cells of `sheet` holding a formula
    without a saved value. Any problem reading the XML gives {} (the reader reports files
    it cannot read)."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_member(zf, sheet)
            if member is None:
                return {}
            if not _has_formula(zf, member):
                return {}
            with zf.open(member) as fh:
                return _scan(fh)
    except (zipfile.BadZipFile, KeyError, OSError, SyntaxError, ValueError, EOFError):
        return {}


def _has_formula(zf: zipfile.ZipFile, member: str) -> bool:
    """Whether the sheet's XML holds a formula element, read in chunks (stops at the first)."""
    tail = b""
    with zf.open(member) as fh:
        while chunk := fh.read(1 << 20):
            window = tail + chunk
            if b"<f" in window or b":f>" in window:
                return True
            tail = chunk[-8:]
    return False


def _sheet_member(zf: zipfile.ZipFile, sheet: str) -> str | None:
    rid = None
    for _, el in iterparse(zf.open("xl/workbook.xml")):
        if el.tag == _NS_MAIN + "sheet" and el.get("name") == sheet:
            rid = el.get(_NS_REL + "id")
            break
    if rid is None:
        return None
    for _, el in iterparse(zf.open("xl/_rels/workbook.xml.rels")):
        if el.tag == _NS_PKG + "Relationship" and el.get("Id") == rid:
            target = el.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _scan(fh) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    for _, el in iterparse(fh):
        if el.tag != _NS_MAIN + "c":
            continue
        f = el.find(_NS_MAIN + "f")
        if f is not None:
            v = el.find(_NS_MAIN + "v")
            is_ = el.find(_NS_MAIN + "is")
            if (v is None or not (v.text or "").strip()) and is_ is None:
                m = _REF.fullmatch(el.get("r", ""))
                if m:
                    found[(int(m.group(2)) - 1, column_index(m.group(1)))] = "=" + (f.text or "")
        el.clear()
    return found


def mark_uncached(path: Path, grid) -> None:
    """Put a `Formula` in each cell of `grid` (a reader Grid of a workbook sheet) that holds a
    formula without a saved value. Grid rows are Excel rows (row position + 1)."""
    if grid.sheet is None:
        return
    cells = grid.cells
    for (r, c), formula in uncached(path, grid.sheet).items():
        if r < cells.shape[0] and c < cells.shape[1]:
            cells.iat[r, c] = Formula(formula)
