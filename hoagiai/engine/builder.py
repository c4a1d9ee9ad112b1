"""The builder: bring every document of a unit up to date as of a month (docs/contract.md §1, §4).

load + validate → catalogue → fingerprint → render what changed → PDF → monthly packet.

- A document's fingerprint covers exactly what it reads: the cells of its own input rows (by
  content), the profile fields it uses, its template, the rule files it applies, and the code.
  Unchanged documents are not rewritten (same bytes, same mtime) and report `unchanged`.
- Every version is kept under `outputs/<year>/phien-ban/` with a change record; the current
  version is copied to `outputs/<year>/<id>.docx` for the clerk.
- An issued document is never overwritten; when its data changes it is reported `stale`.
- A document whose data has errors is `blocked`; the others are still built.
The runner never prints: it reports events to a `reporter` callable.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomic
from ..digests import sha
from ..documents import base, unavailable
from ..documents.reasons import unique
from ..errors import TemplateError
from ..workspace import Workspace
from . import codes
from .catalogue import documents_and_corrections, load_inputs
from .fingerprint import (
    Fingerprints,
    canonical,
    document_fingerprints,
    file_stamps,
    intact,
    made_with,
    run_key,
)
from .options import BuildOptions, Reporter, quiet
from .output_tree import OutputTree, rel
from .pdfs import convert_pdfs, monthly_packet
from .results import BuildResult, DocResult
from .state import State, Version

if TYPE_CHECKING:  # pandas-heavy; a no-op build never needs it
    from ..model import Inputs

Outcome = tuple[DocResult, Version | None]


class Builder:
    def __init__(self, ws: Workspace, opts: BuildOptions, reporter: Reporter = quiet):
        self.ws = ws
        self.opts = opts
        self.report = reporter
        self.tree = OutputTree(ws)
        self.fixes: Any = None
        self._made_with: dict[str, str] | None = None

    def run(self) -> BuildResult:
        ws, opts = self.ws, self.opts
        atomic.sweep_stale(ws.outputs)   # a build killed mid-write may have left a temporary file
        key = run_key(ws, opts)
        with State(ws.outputs) as state:
            cached = state.run(key)
        if cached is not None and intact(cached[1]):
            return self._from_cache(cached[0])
        result = self._run()
        if not result.pdf_problem and not any(d.failure for d in result.documents):
            with State(ws.outputs) as state:
                state.set_run(key, canonical(result.to_dict()), canonical(file_stamps(result)))
        return result

    def _from_cache(self, data: str) -> BuildResult:
        """Nothing the build reads has changed since a run whose files are all still as it
        left them: report that run with every document `unchanged`, without re-validating."""
        result = BuildResult.from_dict(json.loads(data), self.ws.unit)
        for res in result.documents:
            if res.state == codes.BUILT:
                res.state = codes.UNCHANGED
            res.change = None
            self.report("document", {"id": res.id, "state": res.state})
        return result

    def _run(self) -> BuildResult:
        ws, opts = self.ws, self.opts
        if opts.pdf and not opts.pdfa:
            from .lo_input import prepare

            prepare(ws)
        self.report("stage", {"name": "validate"})
        inputs = load_inputs(ws, opts.today)
        jobs, self.fixes = documents_and_corrections(ws, inputs, opts)
        result = BuildResult(month=str(opts.month), documents=[], inputs=inputs, unit=ws.unit)
        result.notes += unavailable.none_planned(opts.kinds, jobs, opts.month)
        self.report("start", {"total": len(jobs)})
        to_pdf: list[tuple[DocResult, Version]] = []
        with State(ws.outputs) as state:
            from .restore import restore

            result.notes += restore(self.tree, state)
            from ..register import (
                publish_yearly,  # the printable register, beside the year's documents
            )

            publish_yearly(ws)
            self._sync_annotated(inputs)
            with state.batch():
                for job in jobs:
                    res, version = self._one(state, job, result)
                    result.documents.append(res)
                    if version is not None and self.opts.pdf and not version.pdf:
                        to_pdf.append((res, version))
                    self.report("document", {"id": job.id, "state": res.state})
                from ..corrections import sweep

                result.notes += sweep(self.tree, state, self.fixes, jobs)
            if self.opts.pdf:
                convert_pdfs([(self.tree, state, result, res, v) for res, v in to_pdf], self.opts, self.report)
                result.packet = monthly_packet(self.tree, state, result, self.opts)
        return result

    def _sync_annotated(self, inputs: Inputs) -> None:
        from ..annotate import write_annotated

        # also when there are no findings: stale copies of fixed files are removed
        inputs.report.annotated = write_annotated(self.ws.inputs, inputs,
                                                  self.ws.outputs / "kiem-tra-du-lieu")

    def _one(self, state: State, job: base.DocJob, result: BuildResult) -> Outcome:
        res = DocResult(id=job.id, kind=job.kind, title=job.title, state=codes.BUILT,
                        period=job.period, figures=job.figures,
                        corrects=self.fixes.corrects.get(job.id) if self.fixes else None)
        issued = state.issued(job.id)
        latest = state.latest(job.id)
        if job.blocked:
            return self._blocked(job, res, latest)
        fps = document_fingerprints(self.ws, job)
        fp, data_fp = fps.fingerprint, fps.data_fp
        if issued is not None:
            return self._issued(job, res, issued, data_fp, result)
        if latest is not None and latest.fingerprint == fp and Path(latest.docx).exists():
            return self._unchanged(job, res, latest, result)
        return self._render(state, job, res, latest, fps, result)

    def _blocked(self, job: base.DocJob, res: DocResult, latest: Version | None) -> Outcome:
        res.state = codes.BLOCKED
        blocking = unique(job.blocking)
        res.reasons = [r.message for r in blocking]
        res.blocking = [r.to_dict() for r in blocking]
        if latest:
            res.version, res.issued = latest.version, latest.issued
            res.docx = rel(self.tree.current_path(job.id, job.year, ".docx"))
        return res, None

    def _issued(self, job: base.DocJob, res: DocResult, issued: Version, data_fp: str,
                result: BuildResult) -> Outcome:
        """An issued document is never rebuilt: its copies are kept, and a change of its data
        makes it `stale` (or a correction is drafted, hoagiai.corrections)."""
        from .change_record import changed_cells   # lxml: only when a change is recorded

        res.issued = True
        res.version = issued.version
        self.tree.keep_issued_copies(issued, result.notes)
        res.docx = rel(self.tree.current_path(job.id, job.year, ".docx"))
        res.pdf = rel(self.tree.current_path(job.id, job.year, ".pdf")) if issued.pdf else None
        verdict = self.fixes.verdicts.get(job.id) if self.fixes else None
        if verdict is not None:
            from ..corrections import verdict_reasons

            res.state, res.reasons = verdict.state, verdict_reasons(verdict, issued, job)
            if verdict.state == codes.CORRECTION_DRAFTED:
                res.reasons += changed_cells(issued.cells, job.cells, job.rows)[:20]
        elif data_fp != issued.data_fp:
            res.state = codes.STALE
            changed = changed_cells(issued.cells, job.cells, job.rows)
            res.reasons = [f"Văn bản đã ban hành (số {issued.number:02d}/{job.symbol}); dữ liệu "
                           f"đã thay đổi sau khi ban hành nên văn bản không được sửa lại. Cần ban "
                           f"hành văn bản đính chính hoặc thay thế."] + changed[:20]
        else:
            res.state = codes.UNCHANGED
        return res, (issued if not issued.pdf else None)

    def _unchanged(self, job: base.DocJob, res: DocResult, latest: Version, result: BuildResult) -> Outcome:
        cur_docx = self.tree.current_path(job.id, job.year, ".docx")
        self.tree.keep_current(latest, cur_docx, result.notes)
        self.tree.keep_pdf(latest)
        res.state = codes.UNCHANGED
        res.version = latest.version
        res.docx = rel(cur_docx)
        res.pdf = rel(self.tree.current_path(job.id, job.year, ".pdf")) if latest.pdf else None
        res.attachments = [rel(self.tree.current_path(job.id, job.year, a.suffix)) for a in job.attachments]
        if latest.version > 1:
            res.previous = rel(self.tree.version_path(job.id, job.year, latest.version - 1, ".docx"))
        return res, latest

    def _render(self, state: State, job: base.DocJob, res: DocResult, latest: Version | None,
                fps: Fingerprints, result: BuildResult) -> Outcome:
        """Render a new version, keep it under phien-ban/ and publish it as the current copy."""
        from .change_record import change_record

        try:
            from ..render import compiled

            data = compiled(self.ws.templates / job.template).render(job.context, core_title=job.title)
        except TemplateError as exc:
            res.state, res.failure, res.reasons = codes.FAILED, codes.FAILURE_TEMPLATE, [exc.message]
            return res, None
        tree = self.tree
        number = (latest.version + 1) if latest else 1
        while latest is None and res.corrects and tree.version_path(job.id, job.year, number, ".docx").exists():
            number += 1        # a withdrawn correction draft left its files: never overwrite them
        vdocx = tree.version_path(job.id, job.year, number, ".docx")
        atomic.write_bytes(vdocx, data)
        if (self.opts.pdf or self.opts.lo_inputs) and not self.opts.pdfa:
            from . import lo_input

            lo_input.write(self.ws.outputs, vdocx, self.ws.templates / job.template, job.context, job.title)
        for att in job.attachments:
            with atomic.atomic_path(tree.version_path(job.id, job.year, number, att.suffix)) as tmp:
                att.write(tmp)
        change_path = None
        if latest is not None:
            change_path = tree.version_path(job.id, job.year, number, ".thay-doi.txt")
            atomic.write_text(change_path, change_record(job.title, job.id, job.cells, job.rows, latest,
                                                         vdocx, self.made_with()))
        version = self._version(job, number, fps, vdocx, sha(data), change_path, res.corrects)
        tree.publish(job.id, job.year, version, latest, result.notes)
        for att in job.attachments:
            atomic.write_bytes(tree.current_path(job.id, job.year, att.suffix),
                               tree.version_path(job.id, job.year, number, att.suffix).read_bytes())
        state.add_version(version)
        res.version = number
        res.docx = rel(tree.current_path(job.id, job.year, ".docx"))
        res.attachments = [rel(tree.current_path(job.id, job.year, a.suffix)) for a in job.attachments]
        if latest is not None:
            res.previous = rel(Path(latest.docx))
            res.change = rel(change_path) if change_path else None
        return res, version

    def _version(self, job: base.DocJob, number: int, fps: Fingerprints, docx: Path, docx_sha: str,
                 change: Path | None, corrects: str | None) -> Version:
        return Version(doc_id=job.id, version=number, kind=job.kind, title=job.title,
                       year=job.year, month=job.month, fingerprint=fps.fingerprint, data_fp=fps.data_fp,
                       docx=str(docx), docx_sha=docx_sha, pdf=None, pdf_sha=None,
                       cells=json.loads(fps.cells), rows=job.rows, issued=False,
                       number=None, issue_date=None,
                       built_at=dt.datetime.now().isoformat(timespec="seconds"),
                       change=str(change) if change else None, corrects=corrects, **self.made_with())

    def made_with(self) -> dict[str, str]:
        """The program and rule-set versions a new version records (read once per build)."""
        if self._made_with is None:
            self._made_with = made_with(self.ws)
        return dict(self._made_with)


def build(ws: Workspace, opts: BuildOptions, reporter: Reporter = quiet) -> BuildResult:
    """Build one unit's documents as of `opts.month` (docs/contract.md §1)."""
    ws.check()
    return Builder(ws, opts, reporter).run()
