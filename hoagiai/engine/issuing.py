"""`issue DOC_ID --number N --date YYYY-MM-DD`: record an issued document in the register and
render its final form (number and Decree 30 date filled). The register and the issued copy
are kept in the records folder (`hoagiai.records`); afterwards the build never overwrites the
document (Nghị định 30/2020/NĐ-CP, Điều 15: numbers restart at 01 each year, in order of
issue — `hoagiai.register_rules` says what is refused)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field

from .. import atomic, records
from ..digests import sha
from ..documents.base import Month
from ..errors import DataProblem, RegisterError
from ..register_rules import date_refusal
from ..render import compiled
from ..workspace import Workspace
from . import codes
from .catalogue import documents, load_inputs
from .fingerprint import canonical, fingerprints, made_with
from .options import BuildOptions
from .output_tree import OutputTree, rel
from .pdfs import convert_pdfs
from .results import BuildResult, DocResult
from .state import State, Version


@dataclass
class IssueResult:
    id: str
    number: int
    date: str
    docx: str
    pdf: str | None
    notes: list[str]
    corrects: str | None = None
    records: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {"id": self.id, "number": self.number, "date": self.date, "docx": self.docx,
             "pdf": self.pdf, "issued": True, "notes": self.notes, "records": self.records}
        if self.corrects:
            d["corrects"] = self.corrects
        return d


def issue(ws: Workspace, doc_id: str, number: int, date: dt.date, *, pdf: bool = True,
          today: dt.date | None = None) -> IssueResult:
    ws.check()
    today = today or _today()
    latest = _latest_draft(ws, doc_id, number, date, today)
    month = max(Month(latest.year, latest.month), Month.of(date), key=lambda m: (m.year, m.month))
    # validation runs as of today, like the build whose draft is being issued; the issue date
    # only dates the document
    opts = BuildOptions(month=month, kinds=frozenset({latest.kind}), pdf=pdf, today=today)
    inputs = load_inputs(ws, opts.today)
    job = next((j for j in documents(ws, inputs, opts) if j.id == doc_id), None)
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
    data = compiled(ws.templates / job.template).render(ctx, core_title=job.title)
    series = "chung" if inputs.profile.so_dang_ky == "chung" else job.symbol.split("-")[0]
    tree = OutputTree(ws)
    vnum = latest.version + 1
    version = Version(doc_id=doc_id, version=vnum, kind=job.kind, title=job.title, year=job.year,
                      month=date.month, fingerprint=fp, data_fp=data_fp,
                      docx=str(tree.version_path(doc_id, job.year, vnum, ".docx")),
                      docx_sha=sha(data), pdf=None, pdf_sha=None,
                      cells=json.loads(canonical(job.cells)), rows=job.rows, issued=True,
                      number=number, issue_date=date.isoformat(),
                      built_at=dt.datetime.now().isoformat(timespec="seconds"), change=None,
                      corrects=latest.corrects, **made_with(ws))
    records.add(ws, _record(version, job, series), data)   # the legal act: refused or kept
    atomic.write_bytes(version.docx, data)
    with State(ws.outputs) as state:
        state.add_version(version)
        state.forget_runs()   # the next build must look again
        return _finish(tree, state, version, latest, job, opts)


def _latest_draft(ws: Workspace, doc_id: str, number: int, date: dt.date, today: dt.date) -> Version:
    """The draft to issue, once the number, the register and the date allow it."""
    if number < 1:
        raise RegisterError("Số văn bản phải là số nguyên dương (01, 02, …).")
    done = records.lookup(ws).get(doc_id)
    if done is not None:
        raise RegisterError(f"Văn bản {doc_id} đã ban hành ({done.label}); không ban hành lần thứ "
                            f"hai. Muốn sửa, hãy ban hành văn bản đính chính hoặc thay thế.")
    with State(ws.outputs) as state:
        latest = state.latest(doc_id)
    if latest is None:
        raise RegisterError(f"Chưa có văn bản `{doc_id}`. Chạy `build` trước, rồi dùng mã văn bản "
                            f"trong kết quả của `build` hoặc `status`.")
    refused = date_refusal(doc_id, date, latest.year, latest.month, today)
    if refused:
        raise RegisterError(refused)
    return latest


def _today() -> dt.date:
    return dt.date.today()


def _record(v: Version, job, series: str) -> records.Record:
    assert v.number is not None and v.issue_date is not None   # an issued version has both
    return records.Record(
        year=v.year, series=series, number=v.number, doc_id=v.doc_id, kind=v.kind, title=v.title,
        symbol=job.symbol, issue_date=v.issue_date, month=v.month, version=v.version,
        fingerprint=v.fingerprint, data_fp=v.data_fp, cells=v.cells, rows=v.rows,
        docx_sha=v.docx_sha, pdf_sha=None, signer=job.context.get("ky", {}).get("ho_ten"),
        recipients=list(job.context.get("noi_nhan", [])) + ([job.context["luu"]] if job.context.get("luu") else []),
        hoagiai_version=v.hoagiai_version,
        rules_version=v.rules_version, corrects=v.corrects, recorded_at=v.built_at,
        figures=json.loads(canonical(job.figures)) if job.figures is not None else None)


def _finish(tree: OutputTree, state: State, version: Version, previous: Version, job,
            opts: BuildOptions) -> IssueResult:
    """Publish the issued version as the clerk's copy, convert it to PDF, refresh the register."""
    result = BuildResult(month=str(opts.month), documents=[], inputs=None)
    tree.publish(version.doc_id, job.year, version, previous, result.notes)
    notes = list(result.notes)
    pdf_path = None
    if opts.pdf:
        res = DocResult(id=version.doc_id, kind=job.kind, title=job.title, state=codes.BUILT)
        convert_pdfs([(tree, state, result, res, version)], opts)
        pdf_path = res.pdf
        notes += [n for n in result.notes if n not in notes] + res.reasons
    ws = tree.ws
    assert version.number is not None and version.issue_date is not None
    from ..register import publish_yearly

    publish_yearly(ws)
    kept = {"docx": rel(records.copy_path(ws, job.year, version.doc_id, ".docx"))}
    if pdf_path:
        kept["pdf"] = rel(records.copy_path(ws, job.year, version.doc_id, ".pdf"))
    return IssueResult(id=version.doc_id, number=version.number, date=version.issue_date,
                       docx=rel(tree.current_path(version.doc_id, job.year, ".docx")),
                       pdf=pdf_path, notes=notes, corrects=version.corrects, records=kept)
