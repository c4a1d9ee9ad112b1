"""What both converters share: a job, its result, the checks before a PDF reaches its target,
and the Vietnamese messages for each way a conversion fails."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_path
from .pdfcheck import looks_complete, pdfa_part
from .soffice import INSTALL_HINT


@dataclass
class ConversionResult:
    docx: Path
    pdf: Path | None          # the target, when ok
    ok: bool
    error: str | None         # Vietnamese, for the clerk
    seconds: float            # this document's share of converter time, all attempts
                              # (in a batch the first document also carries process start-up)
    attempts: int
    detail: str | None = None  # converter output for --debug (English, from LibreOffice)


@dataclass
class Job:
    index: int
    docx: Path
    target: Path
    seconds: float = 0.0
    attempts: int = 0
    done: bool = False
    error: str | None = None
    detail: str | None = None
    source: Path | None = None   # what LibreOffice reads instead of `docx`: its ODT twin's rendering
    group: str | None = None     # the twin's key: jobs of one key can share a LibreOffice load

    def result(self) -> ConversionResult:
        return ConversionResult(
            docx=self.docx, pdf=self.target if self.done else None, ok=self.done,
            error=None if self.done else (self.error or "Không tạo được PDF (lỗi không rõ)."),
            seconds=round(self.seconds, 3), attempts=self.attempts, detail=self.detail)


def missing_inputs(jobs: list[Job]) -> list[Job]:
    """The jobs whose DOCX exists; the others get their error now (nothing to run)."""
    todo = []
    for job in jobs:
        if job.docx.is_file():
            todo.append(job)
        else:
            job.error = f"Không tìm thấy tệp Word {job.docx}, nên không tạo được PDF."
    return todo


def publish(job: Job, pdf: Path, pdfa: bool) -> bool | None:
    """Check `pdf` and move it to the job's target atomically.

    True: published. None: the PDF is missing or cut short (worth a retry). False: the PDF is
    complete but not what was asked (PDF/A not declared; a retry would not help)."""
    if not looks_complete(pdf):
        return None
    if pdfa and pdfa_part(pdf) != 2:
        job.error = (f"LibreOffice không tạo được PDF/A-2b cho tệp {job.docx.name} "
                     "(cần LibreOffice 7.4 trở lên).")
        return False
    with atomic_path(job.target) as tmp:
        shutil.move(str(pdf), str(tmp))
    job.done, job.error, job.detail = True, None, None
    return True


def message(outcome: str, docx: Path, timeout: float) -> str:
    if outcome == "timeout":
        return (f"Quá thời gian chuyển sang PDF ({timeout:.0f} giây): LibreOffice bị treo "
                f"khi xử lý tệp {docx.name}.")
    if outcome == "missing":
        return (f"Không tìm thấy hoặc không chạy được LibreOffice nên không tạo được PDF cho tệp "
                f"{docx.name}. " + INSTALL_HINT)
    if outcome == "crash":
        return f"LibreOffice dừng bất thường khi chuyển tệp {docx.name} sang PDF."
    return (f"LibreOffice không tạo được PDF cho tệp {docx.name} "
            "(tệp Word có thể bị hỏng hoặc không mở được).")
