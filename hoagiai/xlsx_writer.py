"""The one way hoagiai writes a workbook: no text becomes a formula, same content same bytes,
nothing half-written.

Every .xlsx hoagiai writes (annotated copies, the register, the multi-unit rollup, `init`'s
empty workbooks, the demo) goes through `save` — except the reports' statistical tables, plain
tables written without openpyxl by hoagiai.xlsx_plain with the same three guarantees:

- the formula guard: a text cell beginning with = + - @ (a value from the clerk's data) is
  stored as text with Excel's quote prefix, never as a formula (CSV/formula injection); `save`
  applies it to every cell, however the cell was filled, and `put` applies it on writing;
- fixed document properties (created, modified) and fixed zip entry times, so that the same
  content always gives the same bytes;
- an atomic write (hoagiai.atomic): a temporary file beside the target, then a rename.

openpyxl is imported on use.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from typing import Any

from .atomic import write_bytes

#: a text beginning with one of these is read as a formula by a spreadsheet
FORMULA_START = ("=", "+", "-", "@")
#: the document properties' created/modified time and the zip entries' time
STAMP = dt.datetime(2026, 1, 1)


def put(cell: Any, value: Any) -> Any:
    """Write `value` into an openpyxl cell; text a spreadsheet would read as a formula stays
    text. Returns the cell."""
    cell.value = value
    guard(cell)
    return cell


def guard(cell: Any) -> None:
    """Store the cell as text if its value would be read as a formula."""
    value = cell.value
    if cell.data_type == "f" and not isinstance(value, str):   # a formula object: keep its text
        value = getattr(value, "text", None) or str(value)
        cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def to_bytes(wb: Any, *, stamp: dt.datetime = STAMP, creator: str | None = None) -> bytes:
    """The workbook as .xlsx bytes, with the formula guard applied to every cell and fixed
    timestamps."""
    from openpyxl.writer.excel import ExcelWriter

    for ws in wb.worksheets:
        for cell in ws._cells.values():   # the cells that exist (iter_rows would create the empty ones)
            guard(cell)
    wb.properties.created = stamp
    wb.properties.modified = stamp      # Workbook.save would set it to now; ExcelWriter keeps it
    if creator is not None:
        wb.properties.creator = creator
    buf = io.BytesIO()
    archive = _FixedTimeZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.date_time = stamp.timetuple()[:6]
    ExcelWriter(wb, archive).save()     # closes the archive
    return buf.getvalue()


def save(wb: Any, path: str | os.PathLike, *, stamp: dt.datetime = STAMP, creator: str | None = None) -> None:
    """Write the workbook to `path` atomically (see `to_bytes`)."""
    write_bytes(path, to_bytes(wb, stamp=stamp, creator=creator))


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries written by name carry `date_time` and a Unix origin, whatever the
    clock and the platform."""

    date_time: tuple[int, ...] = (1980, 1, 1, 0, 0, 0)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # type: ignore[override]
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.date_time)  # type: ignore[arg-type]
            zinfo_or_arcname.compress_type = self.compression
            zinfo_or_arcname.create_system = 3
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # type: ignore[override]
        """openpyxl writes each sheet from a temporary file: take its bytes, not its time."""
        with open(filename, "rb") as fh:
            data = fh.read()
        self.writestr(str(arcname or filename), data, compress_type, compresslevel)
