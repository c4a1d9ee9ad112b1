"""`issue DOC_ID --number N --date YYYY-MM-DD`: record an issued document in the register and
render its final form (number and Decree 30 date filled). Afterwards the build never
overwrites it (Nghị định 30/2020/NĐ-CP, Điều 15: numbers restart at 01 each year)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass

from . import atomic
from .build import (BuildOptions, Builder, _canonical, _rel, _sha, fingerprints, load_inputs,
                    plan_jobs)
from .documents.base import Month
from .errors import DataProblem, RegisterError, TemplateError
from .render import compiled
from .state import State, Version
from .workspace import Workspace


@dataclass
class IssueResult:
    id: str
    number: int
    date: str
    docx: str
    pdf: str | None
    notes: list[str]

    def to_dict(self) -> dict:
        return {"id": self.id, "number": self.number, "date": self.date, "docx": self.docx,
                "pdf": self.pdf, "issued": True, "notes": self.notes}


def issue(ws: Workspace, doc_id: str, number: int, date: dt.date, *, pdf: bool = True) -> IssueResult:
    ws.check()
    if number < 1:
        raise RegisterError("Số văn bản phải là số nguyên dương (01, 02, …).")
    with State(ws.outputs) as state:
        latest = state.latest(doc_id)
        if latest is None:
            raise RegisterError(f"Chưa có văn bản `{doc_id}`. Chạy `build` trước, rồi dùng mã văn bản "
                                f"trong kết quả của `build` hoặc `status`.")
        if state.issued(doc_id) is not None:
            v = state.issued(doc_id)
            raise RegisterError(f"Văn bản {doc_id} đã ban hành (số {v.number:02d}, ngày {v.issue_date}); "
                                f"không ban hành lần thứ hai.")
        if date.year != latest.year:
            raise RegisterError(f"Ngày ban hành {date.isoformat()} không thuộc năm {latest.year} của văn "
                                f"bản {doc_id}; số văn bản được cấp theo từng năm.")
    month = max(Month(latest.year, latest.month), Month.of(date), key=lambda m: (m.year, m.month))
    # validation runs as of today, like the build whose draft is being issued; the issue date
    # only dates the document
    opts = BuildOptions(month=month, kinds=frozenset({latest.kind}), pdf=pdf)
    inputs = load_inputs(ws, opts.today)
    job = next((j for j in plan_jobs(ws, inputs, opts) if j.id == doc_id), None)
    if job is None:
        raise RegisterError(f"Không còn dữ liệu để lập văn bản {doc_id}; kiểm tra lại dữ liệu đầu vào.")
    if job.blocked:
        raise DataProblem(f"Văn bản {doc_id} đang bị chặn vì dữ liệu có lỗi: " + "; ".join(job.reasons))
    fp, data_fp = fingerprints(ws, job)
    if fp != latest.fingerprint:
        raise RegisterError(f"Dữ liệu của {doc_id} đã thay đổi từ lần dựng trước. Chạy `build` và xem "
                            f"lại bản dự thảo mới trước khi ban hành.")
    ctx = copy.deepcopy(job.context)
    ctx["van_ban"].update({"so": number, "ngay": date, "thang": date.month, "nam": date.year,
                           "ban_hanh": True})
    try:
        data = compiled(ws.templates / job.template).render(ctx, core_title=job.title)
    except TemplateError:
        raise
    profile = inputs.profile
    series = "chung" if profile.so_dang_ky == "chung" else job.symbol.split("-")[0]
    builder = Builder(ws, opts)
    vnum = latest.version + 1
    vdocx = builder.version_path(doc_id, job.year, vnum, ".docx")
    atomic.write_bytes(vdocx, data)
    version = Version(doc_id=doc_id, version=vnum, kind=job.kind, title=job.title, year=job.year,
                      month=date.month, fingerprint=fp, data_fp=data_fp, docx=str(vdocx),
                      docx_sha=_sha(data), pdf=None, pdf_sha=None,
                      cells=json.loads(_canonical(job.cells)), rows=job.rows, issued=True,
                      number=number, issue_date=date.isoformat(),
                      built_at=dt.datetime.now().isoformat(timespec="seconds"), change=None)
    notes: list[str] = []
    with State(ws.outputs) as state:
        state.register_issue(year=date.year, series=series, number=number, doc_id=doc_id,
                             symbol=job.symbol, issue_date=date.isoformat(), version=version)
        from .build import BuildResult, DocResult

        result = BuildResult(month=str(month), documents=[], inputs=inputs)
        builder._publish(doc_id, job.year, version, latest, result)
        notes += result.notes
        pdf_path = None
        if pdf:
            res = DocResult(id=doc_id, kind=job.kind, title=job.title, state="built")
            builder._pdfs(state, [(res, version)], result)
            pdf_path = res.pdf
            notes += [n for n in result.notes if n not in notes] + res.reasons
    return IssueResult(id=doc_id, number=number, date=date.isoformat(),
                       docx=_rel(builder.current_path(doc_id, job.year, ".docx")), pdf=pdf_path,
                       notes=notes)
