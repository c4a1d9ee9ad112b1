"""The build: bring every document up to date as of a month (docs/contract.md §1, §4).

load + validate → plan each kind → fingerprint → render what changed → PDF → monthly packet.

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
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import __version__, atomic
from .change_record import change_record, changed_cells
from .documents import base, kinds as all_kinds, module as kind_module, unavailable
from .errors import TemplateError
from .state import State, Version
from .safe_paths import inside
from .workspace import Workspace

if TYPE_CHECKING:  # pandas-heavy; a no-op build never needs it
    from .model import Inputs

Reporter = Callable[[str, dict[str, Any]], None]


def _quiet(event: str, data: dict[str, Any]) -> None:
    pass


@dataclass
class BuildOptions:
    month: base.Month
    kinds: frozenset[str] = frozenset()   # --doc; empty = all
    pdf: bool = True
    pdfa: bool = False
    jobs: int | None = None
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class DocResult:
    id: str
    kind: str
    title: str
    state: str                       # built | unchanged | blocked | stale | failed
    version: int | None = None
    docx: str | None = None
    pdf: str | None = None
    previous: str | None = None
    issued: bool = False
    reasons: list[str] = field(default_factory=list)
    period: dict[str, str] | None = None
    figures: dict[str, Any] | None = None
    attachments: list[str] = field(default_factory=list)
    change: str | None = None        # path of the change record, when rebuilt
    failure: str | None = None       # "template" (exit 2) | "pdf" (exit 3), when it failed
    corrects: str | None = None      # id of the issued document this draft corrects

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "kind": self.kind, "title": self.title,
                             "state": self.state, "version": self.version, "docx": self.docx,
                             "pdf": self.pdf, "previous": self.previous, "issued": self.issued,
                             "reasons": self.reasons}
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
        if any(d.failure == "template" for d in self.documents):
            return 2
        if any(d.failure for d in self.documents) or self.pdf_problem:
            return 3
        if any(d.state == "blocked" for d in self.documents):
            return 1
        return 0

    @staticmethod
    def from_dict(d: dict[str, Any], unit: str | None = None) -> "BuildResult":
        """Rebuild a result from its JSON form (a worker process's or a cached run's)."""
        docs = [DocResult(**{k: x.get(k) for k in ("id", "kind", "title", "state", "version", "docx",
                                                    "pdf", "previous", "issued", "period", "figures",
                                                    "change", "corrects")},
                          reasons=list(x.get("reasons", [])), attachments=list(x.get("attachments", [])))
                for x in d.get("documents", [])]
        return BuildResult(month=d["month"], documents=docs, inputs=None, packet=d.get("packet"),
                           notes=list(d.get("notes", [])), unit=unit if unit is not None else d.get("unit"),
                           cached={"counts": d.get("counts", {"error": 0, "warning": 0}),
                                   "findings": d.get("findings", []), "annotated": d.get("annotated")})

    def to_dict(self) -> dict[str, Any]:
        d = {"month": self.month, "documents": [x.to_dict() for x in self.documents],
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


# --------------------------------------------------------------------------------------
def load_inputs(ws: Workspace, today: dt.date | None = None) -> Inputs:
    from .validate import validate_workspace

    return validate_workspace(ws.inputs, ws.rules, today=today)


def plan_jobs(ws: Workspace, inputs: Inputs, opts: BuildOptions) -> list[base.DocJob]:
    return plan_all(ws, inputs, opts)[0]


def plan_all(ws: Workspace, inputs: Inputs, opts: BuildOptions):
    """The documents to build, then the corrections the register calls for (hoagiai.corrections)."""
    from . import corrections

    env = base.DocEnv(inputs=inputs, month=opts.month, rules_dir=ws.rules,
                      templates_dir=ws.templates, requested=opts.kinds, today=opts.today,
                      registered=_register_lookup(ws))
    jobs: list[base.DocJob] = []
    for kind in all_kinds():
        if opts.kinds and kind not in opts.kinds:
            continue
        for job in kind_module(kind).plan(env):
            if job.on_request and kind not in opts.kinds:
                continue
            jobs.append(job)
    jobs = unavailable.block_unavailable(jobs, inputs, opts.month, _known_documents(ws), opts.kinds)
    fixes = corrections.plan(ws, env, jobs, opts)
    return jobs + fixes.jobs, fixes


def _known_documents(ws: Workspace) -> list[unavailable.Known]:
    """Documents earlier builds made (latest version of each), so that one whose data can no
    longer be read is reported blocked, not silently left out."""
    if not (ws.outputs / ".hoagiai" / "state.sqlite").exists():
        return []
    latest: dict[str, Version] = {}
    with State(ws.outputs) as state:
        for v in state.versions():
            if v.doc_id not in latest or v.version > latest[v.doc_id].version:
                latest[v.doc_id] = v
    return [unavailable.Known(v.doc_id, v.kind, v.title, v.year, v.month, frozenset(k.split("|", 1)[0] for k in v.cells))
            for v in latest.values()]


def _register_lookup(ws: Workspace):
    """Issued numbers, for documents that cite another one (read once per build)."""
    from . import records

    rows = {r.doc_id: (r.number, r.symbol, r.issue_date) for r in records.entries(ws)}
    return rows.get


_CODE_FP: str | None = None


def code_fingerprint() -> str:
    """Hash of the package's source: a code change rebuilds drafts (never issued documents)."""
    global _CODE_FP
    if _CODE_FP is None:
        h = hashlib.sha256(__version__.encode())
        root = Path(__file__).parent
        for p in sorted(root.rglob("*.py")):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
        _CODE_FP = h.hexdigest()
    return _CODE_FP


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return _sha(path.read_bytes())
    except OSError:
        return None


def _canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))


def fingerprints(ws: Workspace, job: base.DocJob) -> tuple[str, str]:
    data_fp = _sha(_canonical({"kind": job.kind, "context": job.context, "cells": job.cells,
                               "period": job.period, "figures": job.figures,
                               "attachments": [a.content_key for a in job.attachments]}).encode())
    h = hashlib.sha256(data_fp.encode())
    h.update((_file_sha(ws.templates / job.template) or "-").encode())
    for rf in sorted(job.rule_files):
        h.update(rf.encode())
        h.update((_file_sha(ws.rules / rf) or "-").encode())
    h.update(code_fingerprint().encode())
    return h.hexdigest(), data_fp


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


class Builder:
    def __init__(self, ws: Workspace, opts: BuildOptions, reporter: Reporter = _quiet):
        self.ws = ws
        self.opts = opts
        self.report = reporter

    # paths ---------------------------------------------------------------------------
    def year_dir(self, year: int) -> Path:
        return self.ws.outputs / str(year)

    def _checked(self, folder: Path) -> Path:
        """`folder`, once checked to resolve inside outputs/ (a symlink could lead out). File
        names in it are document ids, which `documents.base` keeps to safe names."""
        checked = self.__dict__.setdefault("_checked_dirs", set())
        if folder not in checked:
            inside(self.ws.outputs, folder)
            checked.add(folder)
        return folder

    def current_path(self, job_id: str, year: int, suffix: str) -> Path:
        return self._checked(self.year_dir(year)) / f"{job_id}{suffix}"

    def version_path(self, job_id: str, year: int, version: int, suffix: str) -> Path:
        return self._checked(self.year_dir(year) / "phien-ban") / f"{job_id}.v{version}{suffix}"

    # main ----------------------------------------------------------------------------
    def run(self) -> BuildResult:
        ws, opts = self.ws, self.opts
        atomic.sweep_stale(ws.outputs)   # a build killed mid-write may have left a temporary file
        key = run_key(ws, opts)
        with State(ws.outputs) as state:
            cached = state.run(key)
        if cached is not None and _intact(cached[1]):
            return self._from_cache(cached[0])
        result = self._run()
        if not result.pdf_problem and not any(d.failure for d in result.documents):
            with State(ws.outputs) as state:
                state.set_run(key, _canonical(result.to_dict()), _canonical(_file_stamps(result)))
        return result

    def _from_cache(self, data: str) -> BuildResult:
        """Nothing the build reads has changed since a run whose files are all still as it
        left them: report that run with every document `unchanged`, without re-validating."""
        result = BuildResult.from_dict(json.loads(data), self.ws.unit)
        for res in result.documents:
            if res.state == "built":
                res.state = "unchanged"
            res.change = None
            self.report("document", {"id": res.id, "state": res.state})
        return result

    def _run(self) -> BuildResult:
        ws, opts = self.ws, self.opts
        self.report("stage", {"name": "validate"})
        inputs = load_inputs(ws, opts.today)
        jobs, self.fixes = plan_all(ws, inputs, opts)
        result = BuildResult(month=str(opts.month), documents=[], inputs=inputs, unit=ws.unit)
        result.notes += unavailable.none_planned(opts.kinds, jobs, opts.month)
        self.report("start", {"total": len(jobs)})
        to_pdf: list[tuple[DocResult, Version]] = []
        with State(ws.outputs) as state:
            from .restore import restore

            result.notes += restore(self, state)
            from .register import publish_yearly   # the printable register, beside the year's documents

            publish_yearly(ws)
            self._sync_annotated(inputs)
            with state.batch():
                for job in jobs:
                    res, version = self._one(state, job, result)
                    result.documents.append(res)
                    if version is not None and self.opts.pdf and not version.pdf:
                        to_pdf.append((res, version))
                    self.report("document", {"id": job.id, "state": res.state})
                from .corrections import sweep

                result.notes += sweep(self, state, self.fixes, jobs)
            if self.opts.pdf:
                self._pdfs(state, to_pdf, result)
                result.packet = self._packet(state, result)
        return result

    def _sync_annotated(self, inputs: Inputs) -> None:
        from .annotate import write_annotated

        # also when there are no findings: stale copies of fixed files are removed
        inputs.report.annotated = write_annotated(self.ws.inputs, inputs,
                                                  self.ws.outputs / "kiem-tra-du-lieu")

    def _one(self, state: State, job: base.DocJob, result: BuildResult
             ) -> tuple[DocResult, Version | None]:
        fixes = self.__dict__.get("fixes")
        res = DocResult(id=job.id, kind=job.kind, title=job.title, state="built",
                        period=job.period, figures=job.figures,
                        corrects=fixes.corrects.get(job.id) if fixes else None)
        issued = state.issued(job.id)
        latest = state.latest(job.id)
        if job.blocked:
            res.state = "blocked"
            res.reasons = list(dict.fromkeys(job.reasons))
            if latest:
                res.version, res.issued = latest.version, latest.issued
                res.docx = _rel(self.current_path(job.id, job.year, ".docx"))
            return res, None
        fp, data_fp = fingerprints(self.ws, job)
        if issued is not None:
            res.issued = True
            res.version = issued.version
            self._keep_issued_copies(issued, result)
            res.docx = _rel(self.current_path(job.id, job.year, ".docx"))
            res.pdf = _rel(self.current_path(job.id, job.year, ".pdf")) if issued.pdf else None
            verdict = fixes.verdicts.get(job.id) if fixes else None
            if verdict is not None:
                from .corrections import verdict_reasons

                res.state, res.reasons = verdict.state, verdict_reasons(verdict, issued, job)
                if verdict.state == "correction-drafted":
                    res.reasons += changed_cells(issued.cells, job.cells, job.rows)[:20]
            elif data_fp != issued.data_fp:
                res.state = "stale"
                changed = changed_cells(issued.cells, job.cells, job.rows)
                res.reasons = [f"Văn bản đã ban hành (số {issued.number:02d}/{job.symbol}); dữ liệu "
                               f"đã thay đổi sau khi ban hành nên văn bản không được sửa lại. Cần ban "
                               f"hành văn bản đính chính hoặc thay thế."] + changed[:20]
            else:
                res.state = "unchanged"
            return res, (issued if not issued.pdf else None)
        cur_docx = self.current_path(job.id, job.year, ".docx")
        if latest is not None and latest.fingerprint == fp and Path(latest.docx).exists():
            self._keep_current(latest, cur_docx, result)
            if latest.pdf and Path(latest.pdf).exists():
                cur_pdf = self.current_path(job.id, job.year, ".pdf")
                if _file_sha(cur_pdf) != latest.pdf_sha:
                    atomic.write_bytes(cur_pdf, Path(latest.pdf).read_bytes())
            res.state = "unchanged"
            res.version = latest.version
            res.docx = _rel(cur_docx)
            res.pdf = _rel(self.current_path(job.id, job.year, ".pdf")) if latest.pdf else None
            res.attachments = [_rel(self.current_path(job.id, job.year, a.suffix)) for a in job.attachments]
            if latest.version > 1:
                res.previous = _rel(self.version_path(job.id, job.year, latest.version - 1, ".docx"))
            return res, latest
        # render a new version
        try:
            from .render import compiled

            tpl = compiled(self.ws.templates / job.template)
            data = tpl.render(job.context, core_title=job.title)
        except TemplateError as exc:
            res.state = "failed"
            res.failure = "template"
            res.reasons = [exc.message]
            return res, None
        number = (latest.version + 1) if latest else 1
        while latest is None and res.corrects and self.version_path(job.id, job.year, number, ".docx").exists():
            number += 1        # a withdrawn correction draft left its files: never overwrite them
        vdocx = self.version_path(job.id, job.year, number, ".docx")
        atomic.write_bytes(vdocx, data)
        for att in job.attachments:
            with atomic.atomic_path(self.version_path(job.id, job.year, number, att.suffix)) as tmp:
                att.write(tmp)
        change_path = None
        if latest is not None:
            change_path = self.version_path(job.id, job.year, number, ".thay-doi.txt")
            atomic.write_text(change_path, change_record(job.title, job.id, job.cells, job.rows, latest,
                                                         vdocx, self.made_with()))
        version = Version(doc_id=job.id, version=number, kind=job.kind, title=job.title,
                          year=job.year, month=job.month, fingerprint=fp, data_fp=data_fp,
                          docx=str(vdocx), docx_sha=_sha(data), pdf=None, pdf_sha=None,
                          cells=json.loads(_canonical(job.cells)), rows=job.rows, issued=False,
                          number=None, issue_date=None,
                          built_at=dt.datetime.now().isoformat(timespec="seconds"),
                          change=str(change_path) if change_path else None,
                          corrects=res.corrects, **self.made_with())
        self._publish(job.id, job.year, version, latest, result)
        for att in job.attachments:
            atomic.write_bytes(self.current_path(job.id, job.year, att.suffix),
                               self.version_path(job.id, job.year, number, att.suffix).read_bytes())
        state.add_version(version)
        res.version = number
        res.docx = _rel(cur_docx)
        res.attachments = [_rel(self.current_path(job.id, job.year, a.suffix)) for a in job.attachments]
        if latest is not None:
            res.previous = _rel(Path(latest.docx))
            res.change = _rel(change_path) if change_path else None
        return res, version

    def made_with(self) -> dict[str, str]:
        """The program and rule-set versions a new version records (issue 15 item 3)."""
        if "_made_with" not in self.__dict__:
            from .rulefiles.rule_set import describe

            rs = describe(self.ws.rules)
            self._made_with = {"hoagiai_version": __version__,
                               "rules_version": f"{rs['version'] or '-'}+{rs['digest']}"}
        return dict(self._made_with)

    def _keep_issued_copies(self, issued: Version, result: BuildResult) -> None:
        """The clerk's copies of an issued document (DOCX, PDF) match what was issued."""
        self._keep_current(issued, self.current_path(issued.doc_id, issued.year, ".docx"), result)
        if issued.pdf and Path(issued.pdf).exists():
            cur_pdf = self.current_path(issued.doc_id, issued.year, ".pdf")
            if _file_sha(cur_pdf) != issued.pdf_sha:
                atomic.write_bytes(cur_pdf, Path(issued.pdf).read_bytes())

    def _keep_current(self, latest: Version, cur: Path, result: BuildResult) -> None:
        """Make sure the clerk's copy matches the latest version; a copy edited by hand is
        moved aside, never silently replaced."""
        sha = _file_sha(cur)
        if sha == latest.docx_sha:
            return
        if sha is not None:
            self._set_aside(cur, result)
        atomic.write_bytes(cur, Path(latest.docx).read_bytes())

    def _set_aside(self, cur: Path, result: BuildResult) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = cur.parent / "phien-ban" / f"{cur.stem}.sua-tay-{stamp}{cur.suffix}"
        aside.parent.mkdir(parents=True, exist_ok=True)
        cur.replace(aside)
        result.notes.append(f"Tệp {_rel(cur)} đã bị sửa tay sau lần dựng trước; bản sửa tay được "
                            f"giữ lại ở {_rel(aside)}.")

    def _publish(self, job_id: str, year: int, version: Version, latest: Version | None,
                 result: BuildResult) -> None:
        cur = self.current_path(job_id, year, ".docx")
        # a copy matching neither the last recorded version nor this one was edited by hand
        # (one matching this version was published by a build killed before it could record it)
        if latest is not None and _file_sha(cur) not in (None, latest.docx_sha, version.docx_sha):
            self._set_aside(cur, result)
        atomic.write_bytes(cur, Path(version.docx).read_bytes())
        stale_pdf = self.current_path(job_id, year, ".pdf")
        if stale_pdf.exists():
            stale_pdf.unlink()   # the kept version's PDF stays under phien-ban/

    def _unit_name(self, result: BuildResult) -> str:
        if result.inputs is not None:
            return result.inputs.profile.ten_don_vi
        from .unit_profile import load_profile

        return load_profile(self.ws.inputs / "don_vi.yaml").ten_don_vi

    # PDF -----------------------------------------------------------------------------
    def _pdfs(self, state: State, todo: list[tuple[DocResult, Version]], result: BuildResult) -> None:
        convert_pdfs([(self, state, result, res, v) for res, v in todo], self.opts, self.report)

    def _packet(self, state: State, result: BuildResult) -> str | None:
        month = self.opts.month
        items = [d for d in result.documents
                 if d.pdf and d.state != "blocked" and _doc_month(state, d) == (month.year, month.month)]
        if not items:
            return None
        from .packet import PacketItem, make_packet

        target = self.year_dir(month.year) / f"goi-van-ban-{month}.pdf"
        fp = _sha(_canonical([(d.id, _file_sha(Path(d.pdf)), d.issued) for d in items]).encode())
        prev = state.packet(str(month))
        if prev and prev[1] == fp and target.exists():
            return _rel(target)
        make_packet([PacketItem(title=d.title, pdf=Path(d.pdf), issued=d.issued) for d in items],
                    target, title=f"Văn bản tháng {month.month} năm {month.year}",
                    author=self._unit_name(result),
                    subject="Hồ sơ hòa giải ở cơ sở")
        state.set_packet(str(month), str(target), fp)
        return _rel(target)


def _tree_digest(h: "hashlib._Hash", root: Path, label: str) -> None:
    if not root.exists():
        h.update(f"{label}:-".encode())
        return
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.name.startswith((".", "~$")):
            h.update(f"{label}:{p.relative_to(root).as_posix()}".encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())


def run_key(ws: Workspace, opts: BuildOptions) -> str:
    """Everything a build reads, by content: inputs, rules, templates, code, options, date."""
    h = hashlib.sha256()
    _tree_digest(h, ws.inputs, "inputs")
    _tree_digest(h, ws.rules, "rules")
    _tree_digest(h, ws.templates, "templates")
    from .records import records_dir

    _tree_digest(h, records_dir(ws), "records")   # checked against their copies on every build
    h.update(code_fingerprint().encode())
    h.update(_canonical([str(opts.month), sorted(opts.kinds), opts.pdf, opts.pdfa,
                         opts.today.isoformat(), str(ws.outputs.resolve())]).encode())
    return h.hexdigest()


def _file_stamps(result: BuildResult) -> dict[str, list[int]]:
    paths: list[str] = []
    d = result.to_dict()
    for doc in d["documents"]:
        paths += [p for p in (doc.get("docx"), doc.get("pdf")) if p] + doc.get("attachments", [])
    if d.get("packet"):
        paths.append(d["packet"])
    paths += list((d.get("annotated") or {}).values())
    out = {}
    for p in paths:
        st = Path(p).stat()
        out[str(Path(p).resolve())] = [st.st_size, st.st_mtime_ns]
    return out


def _intact(stamps_json: str) -> bool:
    for path, (size, mtime) in json.loads(stamps_json).items():
        try:
            st = os.stat(path)
        except OSError:
            return False
        if st.st_size != size or st.st_mtime_ns != mtime:
            return False
    return True


PdfItem = tuple["Builder", State, BuildResult, DocResult, Version]


def convert_pdfs(items: list[PdfItem], opts: BuildOptions, reporter: Reporter = _quiet,
                 batch_size: int = 20) -> None:
    """Convert the DOCX of `items` (possibly of many units) through ONE converter pool — a
    LibreOffice start costs about a second, so a city's units share it — then record each PDF
    in its unit's state and copy it beside the DOCX."""
    if not items:
        return
    from . import convert

    if not convert.available():
        for _, _, result, _, _ in items:
            if not result.pdf_problem:
                result.notes.append(convert.missing_message())
                result.pdf_problem = True
        return
    jobs = [(Path(v.docx), Path(v.docx).with_suffix(".pdf")) for _, _, _, _, v in items]
    reporter("stage", {"name": "pdf", "total": len(jobs)})
    with convert.PdfConverter(workers=opts.jobs or 2, batch_size=batch_size, pdfa=opts.pdfa) as conv:
        outcomes = conv.convert(jobs)
        engine_note = conv.note   # why the slower batch engine ran, if it did
    for _, _, result, _, _ in items:
        if engine_note and engine_note not in result.notes:
            result.notes.append(engine_note)
    by_docx = {str(o.docx): o for o in outcomes}
    made: dict[int, tuple[BuildResult, list[Path]]] = {}
    for builder, state, result, res, v in items:
        o = by_docx.get(str(Path(v.docx)))
        if o is None or not o.ok:
            res.reasons.append(o.error if o else "Không chuyển được sang PDF.")
            result.pdf_problem = True
            continue
        pdf_bytes = Path(o.pdf).read_bytes()
        state.set_pdf(v.doc_id, v.version, str(o.pdf), _sha(pdf_bytes))
        if v.issued:
            from . import records

            records.set_pdf(builder.ws, v.doc_id, pdf_bytes)
        cur = builder.current_path(v.doc_id, v.year, ".pdf")
        atomic.write_bytes(cur, pdf_bytes)
        res.pdf = _rel(cur)
        made.setdefault(id(result), (result, []))[1].append(Path(o.pdf))
    for result, pdfs in made.values():
        note = convert.font_report(pdfs)
        if note and note not in result.notes:
            result.notes.append(note)


def finish_units_pdf(units: list[tuple[Workspace, BuildResult]], opts: BuildOptions,
                     reporter: Reporter = _quiet) -> None:
    """Multi-unit builds render DOCX in worker processes; the parent then converts every
    unit's missing PDFs in one pool and makes each unit's monthly packet."""
    items: list[PdfItem] = []
    opened: list[tuple[Builder, State, BuildResult]] = []
    try:
        for ws, result in units:
            builder, state = Builder(ws, opts, reporter), State(ws.outputs)
            opened.append((builder, state, result))
            for res in result.documents:
                if res.state in ("blocked", "failed") or res.version is None:
                    continue
                v = state.issued(res.id) if res.issued else state.latest(res.id)
                if v is not None and not v.pdf:
                    items.append((builder, state, result, res, v))
                elif v is not None and v.pdf and not res.pdf:
                    res.pdf = _rel(builder.current_path(res.id, v.year, ".pdf"))
        convert_pdfs(items, opts, reporter, batch_size=60)
        for builder, state, result in opened:
            result.packet = builder._packet(state, result)
    finally:
        for _, state, _ in opened:
            state.close()


def _doc_month(state: State, d: DocResult) -> tuple[int, int] | None:
    v = state.latest(d.id)
    return (v.year, v.month) if v else None


def build(ws: Workspace, opts: BuildOptions, reporter: Reporter = _quiet) -> BuildResult:
    ws.check()
    return Builder(ws, opts, reporter).run()
