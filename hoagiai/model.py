"""Typed input tables with provenance, shared by validation and the documents.

A `Table` is one dataset read from one file: a DataFrame whose columns are canonical keys
(see `rules/du_lieu/*.yaml`), plus `_row`, the row number the clerk sees in Excel (CSV: line
number, header line included). Column types:

- text: object (str, NFC) or None
- date: datetime64[ns], NaT when empty or invalid
- year / integer: pandas "Int64"
- yes/no: pandas "boolean"
- enumeration: the canonical value as written in the rule file ("Nữ", "Thành", …) or None
- list of names (`vu_viec.hoa_giai_vien`): python list[str]

`file` is the file as found (for messages); `identity` the name records are keyed by.
`headers` maps each canonical key to the header text as written in the file, so findings
and change records name the column the clerk sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .findings import UNAVAILABLE, Finding, Report
from .unit_profile import Profile

# dataset names (the file's base name; kiem_tra has two sheets)
HOA_GIAI_VIEN = "hoa_giai_vien"
VU_VIEC = "vu_viec"
KIEM_TRA = "kiem_tra"           # sheet "Kết quả"
DOAN_KIEM_TRA = "doan_kiem_tra"  # sheet "Đoàn kiểm tra" of kiem_tra.xlsx


@dataclass
class Table:
    dataset: str
    file: str                      # file name inside inputs/, e.g. "hoa_giai_vien.xlsx"
    sheet: str | None              # sheet name (None for CSV)
    frame: pd.DataFrame            # canonical columns + "_row"
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None    # CSV only: detected encoding
    #: the file's identity in fingerprints: its canonical name ("vu_viec.xlsx" for every
    #: workbook format and spelling, "vu_viec.csv" for CSV), so renaming the file, changing
    #: its capitals or re-saving it as .ods changes no document (None: `file`)
    source: str | None = None

    @property
    def identity(self) -> str:
        return self.source or self.file

    def header(self, key: str) -> str:
        return self.headers.get(key, key)

    def row(self, index: Any) -> dict[str, Any]:
        """One row as a dict (cached view: `frame.loc[i]` costs ~50 µs a row). Tables are not
        modified after loading."""
        rows = self.__dict__.get("_rows_by_index")
        if rows is None or len(rows) != len(self.frame):
            rows = self.frame.to_dict("index")
            self.__dict__["_rows_by_index"] = rows
        return rows[index]

    def __len__(self) -> int:
        return len(self.frame)

    @staticmethod
    def empty(dataset: str, file: str, sheet: str | None, columns: list[str]) -> "Table":
        return Table(dataset, file, sheet, pd.DataFrame({c: [] for c in [*columns, "_row"]}))


@dataclass
class Inputs:
    """Everything read from one unit's `inputs/` folder, after validation."""

    profile: Profile
    tables: dict[str, Table]
    plans: dict[int, Any]          # year -> KeHoach (hoagiai.yearly_plan)
    report: Report                 # every finding from loading and validation

    def table(self, dataset: str) -> Table | None:
        return self.tables.get(dataset)

    def error_rows(self, dataset: str) -> dict[int, list[str]]:
        """Excel row -> messages of the errors found on that row of `dataset`."""
        out: dict[int, list[str]] = {}
        for f in self.report.findings:
            if f.is_error and f.dataset == dataset and f.row is not None:
                out.setdefault(f.row, []).append(f.message)
        return out

    def unavailable(self, dataset: str) -> list[Finding]:
        """ERRORs saying `dataset`'s file could not be used at all (missing, misnamed,
        unreadable …): everything read from it is empty, so documents reading it are blocked."""
        return [f for f in self.report.findings
                if f.is_error and f.dataset == dataset and f.code in UNAVAILABLE]

    def dataset_errors(self, dataset: str) -> list[str]:
        """Errors about a whole file or group of `dataset` (no row)."""
        return [f.message for f in self.report.findings
                if f.is_error and f.dataset == dataset and f.row is None]
