"""Findings: data problems as records with stable codes (docs/contract.md §3).

Validation collects every finding and never stops at the first; exit status follows
`Report.valid`. Tests assert codes and positions, never wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Any, Iterable

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Finding:
    code: str                 # stable identifier, e.g. "team-min-members"
    severity: str             # "error" | "warning"
    message: str              # Vietnamese, names the team / value
    file: str | None = None   # e.g. "hoa_giai_vien.xlsx" (name inside inputs/)
    sheet: str | None = None
    row: int | None = None    # the row number the clerk sees in Excel (CSV: line number)
    column: str | None = None # header text as written in the file
    value: Any = None
    basis: str | None = None  # legal basis, e.g. "Luật Hòa giải ở cơ sở 2013, Điều 12 khoản 1"
    dataset: str | None = None  # internal: "hoa_giai_vien", "vu_viec", … (not in the JSON)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("dataset")
        v = d["value"]
        if v is not None and not isinstance(v, (str, int, float, bool)):
            d["value"] = str(v)
        return {k: d[k] for k in ("code", "severity", "file", "sheet", "row", "column",
                                  "value", "message", "basis")}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    annotated: dict[str, str] = field(default_factory=dict)  # input file -> annotated copy path

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def counts(self) -> dict[str, int]:
        n_err = sum(1 for f in self.findings if f.is_error)
        return {"error": n_err, "warning": len(self.findings) - n_err}

    @property
    def valid(self) -> bool:
        return not any(f.is_error for f in self.findings)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.file or "", f.sheet or "", f.row or 0,
                                                    f.column or "", f.code))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"valid": self.valid, "counts": self.counts,
                             "findings": [f.to_dict() for f in self.sorted()]}
        if self.annotated:
            d["annotated"] = dict(sorted(self.annotated.items()))
        return d

    def flatten(self, keys: Iterable[str] = ("code", "row", "column")) -> list[tuple]:
        """Compact view for tests: [(code, row, column), …] in report order."""
        keys = tuple(keys)
        return [tuple(getattr(f, k) for k in keys) for f in self.sorted()]


#: loader codes meaning a dataset's file could not be used (missing, misnamed, unreadable,
#: ambiguous …): its table is empty and every document reading it is blocked
UNAVAILABLE = frozenset({"missing-file", "misnamed-file", "duplicate-input-file", "unreadable-file",
                         "suspicious-archive", "file-too-large", "missing-sheet", "split-sheets",
                         "header-not-found", "empty-file"})
