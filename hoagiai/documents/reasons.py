"""Why a document is blocked, as data: a `Reason` carries the code of the finding (or of the
kind's own check) and the place to fix — file, sheet, row, column — and its words for people
are made only when `message` is read (docs/contract.md §1, `blocking` in `build --json`).

Reasons that come from no validation finding carry one of the codes below; a finding's reason
carries the finding's own code (load/codes.py, validate/codes.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from ..findings import Finding

# the kinds' own checks (no validation finding behind them)
NO_RATE = "thu-lao-no-rate"                 # a case's outcome has no fee rate in force (rules/thu_lao.yaml)
BASIS_MISSING = "can-cu-missing"            # a cited legal basis is not in rules/can_cu.yaml
BASIS_NOT_IN_FORCE = "can-cu-not-in-force"  # no text of a legal basis is in force on the day
GROUND_NOT_IN_LAW = "thoi-ground-not-in-law"  # a ground for leaving is not one of Điều 11 khoản 1
NO_TEAM = "no-recognised-team"              # no team has a recognised member on the day
NO_PLAN = "plan-missing"                    # no yearly plan file for the year
PLAN_GONE = "plan-file-gone"                # the plan file an earlier version read is gone


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str                   # what is wrong, without the place
    file: str | None = None       # as in the findings: the name inside inputs/ (or rules/…)
    sheet: str | None = None
    row: int | None = None        # the row the clerk sees in Excel
    column: str | None = None     # header text as written in the file
    lead: str | None = None       # what the reason is about, said first (e.g. a team rule's date)
    placed: bool = True           # the message names the place before the detail

    @property
    def message(self) -> str:
        """The reason in words for people: "file, trang S, dòng R, cột C: detail"."""
        where = _where(self.file, self.sheet, self.row, self.column) if self.placed else ""
        body = f"{where}: {self.detail}" if where else self.detail
        return f"{self.lead} — {body}" if self.lead else body

    def to_dict(self) -> dict[str, Any]:
        """One entry of a blocked document's `blocking` list in `build --json`."""
        return {"code": self.code, "file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "message": self.message}


def of_finding(f: Finding, *, lead: str | None = None, placed: bool = True) -> Reason:
    """The reason a blocking finding gives (`placed=False`: its message alone is shown)."""
    return Reason(code=f.code, detail=f.message, file=f.file, sheet=f.sheet, row=f.row, column=f.column,
                  lead=lead, placed=placed)


def unique(reasons: Iterable[Reason]) -> list[Reason]:
    """The reasons in order, each message once."""
    seen: dict[str, Reason] = {}
    for r in reasons:
        seen.setdefault(r.message, r)
    return list(seen.values())


def _where(file: str | None, sheet: str | None, row: int | None, column: str | None) -> str:
    parts = [file or ""]
    if sheet and file:   # CSV findings carry no sheet
        parts.append(f"trang {sheet}")
    if row is not None:
        parts.append(f"dòng {row}")
    if column:
        parts.append(f"cột {column}")
    return ", ".join(p for p in parts if p)
