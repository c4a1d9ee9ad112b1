"""What a build reports: one `DocResult` per document and the `BuildResult` of a unit, with
their JSON form (`build --json`, docs/contract.md §1) and the exit code they mean."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import codes

if TYPE_CHECKING:  # pandas-heavy; a no-op build never needs it
    from ..model import Inputs

_PLAIN = ("id", "kind", "title", "state", "version", "docx", "pdf", "previous", "issued", "period",
          "figures", "change", "corrects")


@dataclass
class DocResult:
    id: str
    kind: str
    title: str
    state: str                       # codes.BUILT | UNCHANGED | BLOCKED | STALE | FAILED …
    version: int | None = None
    docx: str | None = None
    pdf: str | None = None
    previous: str | None = None
    issued: bool = False
    reasons: list[str] = field(default_factory=list)
    blocking: list[dict[str, Any]] = field(default_factory=list)   # {code, file, sheet, row, column, message}
    period: dict[str, str] | None = None
    figures: dict[str, Any] | None = None
    attachments: list[str] = field(default_factory=list)
    change: str | None = None        # path of the change record, when rebuilt
    failure: str | None = None       # codes.FAILURE_TEMPLATE (exit 2) | FAILURE_PDF (exit 3)
    corrects: str | None = None      # id of the issued document this draft corrects

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "kind": self.kind, "title": self.title,
                             "state": self.state, "version": self.version, "docx": self.docx,
                             "pdf": self.pdf, "previous": self.previous, "issued": self.issued,
                             "reasons": self.reasons, "blocking": self.blocking}
        if self.period is not None:
            d["period"] = self.period
        if self.figures is not None:
            d["figures"] = self.figures
        if self.attachments:
            d["attachments"] = self.attachments
        if self.change:
            d["change"] = self.change
        if self.corrects:
            d["corrects"] = self.corrects
        return d

    @staticmethod
    def from_dict(x: dict[str, Any]) -> "DocResult":
        doc = DocResult(id=x["id"], kind=x["kind"], title=x["title"], state=x["state"],
                        reasons=list(x.get("reasons", [])), blocking=list(x.get("blocking", [])),
                        attachments=list(x.get("attachments", [])))
        for k in _PLAIN[4:]:
            setattr(doc, k, x.get(k))
        return doc


@dataclass
class BuildResult:
    month: str
    documents: list[DocResult]
    inputs: Inputs | None
    packet: str | None = None
    notes: list[str] = field(default_factory=list)    # Vietnamese remarks (PDF skipped, font …)
    unit: str | None = None
    pdf_problem: bool = False      # PDFs were wanted but LibreOffice is missing or failed
    cached: dict[str, Any] | None = None   # findings of an up-to-date run (no re-validation)

    @property
    def counts(self) -> dict[str, int]:
        if self.cached is not None:
            return self.cached["counts"]
        return self.inputs.report.counts if self.inputs else {"error": 0, "warning": 0}

    @property
    def exit_code(self) -> int:
        if any(d.failure == codes.FAILURE_TEMPLATE for d in self.documents):
            return 2
        if any(d.failure for d in self.documents) or self.pdf_problem:
            return 3
        if any(d.state == codes.BLOCKED for d in self.documents):
            return 1
        return 0

    @staticmethod
    def from_dict(d: dict[str, Any], unit: str | None = None) -> "BuildResult":
        """Rebuild a result from its JSON form (a worker process's or a cached run's)."""
        docs = [DocResult.from_dict(x) for x in d.get("documents", [])]
        return BuildResult(month=d["month"], documents=docs, inputs=None, packet=d.get("packet"),
                           notes=list(d.get("notes", [])), unit=unit if unit is not None else d.get("unit"),
                           cached={"counts": d.get("counts", {"error": 0, "warning": 0}),
                                   "findings": d.get("findings", []), "annotated": d.get("annotated")})

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"month": self.month, "documents": [x.to_dict() for x in self.documents],
             "packet": self.packet, "counts": self.counts}
        if self.cached is not None:
            d["findings"] = self.cached["findings"]
            if self.cached.get("annotated"):
                d["annotated"] = self.cached["annotated"]
        elif self.inputs is not None:
            rep = self.inputs.report.to_dict()
            d["findings"] = rep["findings"]
            if rep.get("annotated"):
                d["annotated"] = rep["annotated"]
        if self.notes:
            d["notes"] = self.notes
        if self.unit is not None:
            d["unit"] = self.unit
        return d
