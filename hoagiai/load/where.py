"""Where a finding points: dataset, file and sheet, so every finding carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..findings import Finding


@dataclass(frozen=True)
class Where:
    dataset: str
    file: str
    sheet: str | None = None

    def finding(self, code: str, severity: str, message: str, *, row: int | None = None,
                column: str | None = None, value: Any = None, basis: str | None = None) -> Finding:
        return Finding(code=code, severity=severity, message=message, file=self.file, sheet=self.sheet,
                       row=row, column=column, value=value, basis=basis, dataset=self.dataset)


class FileRejected(Exception):
    """Internal: the file cannot be used; carries the finding that says why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding
