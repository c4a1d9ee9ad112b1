"""The commands as library calls: each returns the data the CLI prints (as a table, or as
the object of `--json`).

The command line (hoagiai.cli, one call per command) and the web app (hoagiai.web) both call
these, so the two front doors cannot drift apart. Nothing here prints or exits.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .workspace import Workspace


def validate_units(ws: Workspace) -> list[tuple[Workspace, Any]]:
    """Validate every unit and write its annotated copies under `kiem-tra-du-lieu/`."""
    from .annotate import write_annotated
    from .engine.catalogue import load_inputs
    from .lock import workspace_lock

    ws.check()
    results = []
    for unit in ws.units():
        inputs = load_inputs(unit)
        with workspace_lock(ws.outputs, "validate"):
            inputs.report.annotated = write_annotated(unit.inputs, inputs, unit.outputs / "kiem-tra-du-lieu")
        results.append((unit, inputs.report))
    return results


def validate_json(results: list[tuple[Workspace, Any]]) -> dict[str, Any]:
    from .rulefiles.rule_set import describe

    rules = describe(results[0][0].rules)
    if len(results) == 1 and results[0][0].unit is None:
        return {**results[0][1].to_dict(), "rules": rules}
    valid = all(r.valid for _, r in results)
    return {"valid": valid, "units": {u.unit: r.to_dict() for u, r in results}, "rules": rules}


def validate(ws: Workspace) -> dict[str, Any]:
    """`validate --json`."""
    return validate_json(validate_units(ws))


def status(ws: Workspace) -> dict[str, Any]:
    """`status --json`."""
    from .rulefiles.rule_set import describe
    from .engine.document_status import status as rows

    return {"documents": rows(ws), "rules": describe(ws.rules)}


def due_rows(ws: Workspace, today: dt.date, ics_path: str | None = None) -> list[tuple[Workspace, Any]]:
    """(unit, its deadlines) for every unit; the iCalendar file(s) written when `ics_path` is given."""
    from .due import collect

    return collect(ws, today, ics_path)


def due(ws: Workspace, today: dt.date, ics_path: str | None = None) -> dict[str, Any]:
    """`due --json`."""
    return due_json(due_rows(ws, today, ics_path), today)


def due_json(results: list[tuple[Workspace, Any]], today: dt.date) -> dict[str, Any]:
    from .due import results_json

    return results_json(results, today)


def build_json(ws: Workspace, results: list[Any]) -> dict[str, Any]:
    """`build --json` for the results of `multi.build_all`."""
    if len(results) == 1 and results[0].unit is None:
        return results[0].to_dict()
    from .engine.multi import rollup_json

    return rollup_json(ws, results)


def build_options(month: str | None, docs: tuple[str, ...] = (), *, pdf: bool = True, pdfa: bool = False,
                  jobs: int | None = None):
    """The build's options from the command line's words; an unknown kind or month is a ConfigError."""
    from .engine import BuildOptions
    from .documents import kinds
    from .documents.base import Month

    unknown = [d for d in docs if d not in kinds()]
    if unknown:
        raise ConfigError(f"Loại văn bản không có: {', '.join(unknown)}. Các loại: {', '.join(kinds())}.")
    when = Month.parse(month) if month else Month.of(dt.date.today())
    return BuildOptions(month=when, kinds=frozenset(docs), pdf=pdf, pdfa=pdfa, jobs=jobs)


def build_results(ws: Workspace, opts, reporter) -> list[Any]:
    """Build every unit (under the workspace lock); one result per unit."""
    from .lock import workspace_lock
    from .engine.multi import build_all

    with workspace_lock(ws.outputs, "build"):
        return build_all(ws, opts, reporter)


def exit_code(results: list[Any]) -> int:
    """The build's exit code: the worst of its units'."""
    return max((r.exit_code for r in results), default=0)


def build(ws: Workspace, opts, reporter) -> tuple[dict[str, Any], int]:
    """`build --json` and the exit code the CLI returns for it."""
    results = build_results(ws, opts, reporter)
    return build_json(ws, results), exit_code(results)


def issue(ws: Workspace, doc_id: str, number: int, date: dt.date, *, pdf: bool = True) -> dict[str, Any]:
    """`issue --json`; a refusal raises RegisterError (exit 1)."""
    from .engine import issue as do_issue
    from .lock import workspace_lock

    with workspace_lock(ws.outputs, "issue"):
        return do_issue(ws, doc_id, number, date, pdf=pdf).to_dict()


def register(ws: Workspace, year: int | None, xlsx: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """The year (default: this year) and every unit's register book; written to `xlsx` if given."""
    from .register import default_year, register as book, write_xlsx

    ws.check()
    year = year or default_year()
    books = [book(u, year) for u in ws.units()]
    if xlsx:
        write_xlsx(Path(xlsx), books)
    return year, books


def register_json(year: int, books: list[dict[str, Any]]) -> dict[str, Any]:
    """`register --json`: the one book, or every unit's."""
    return books[0] if len(books) == 1 and not books[0].get("unit") else {"year": year, "units": books}


def init(ws: Workspace, directory: str) -> list[Path]:
    """`init`: a new workspace in `directory` (blank workbooks, the profile to fill); the files made."""
    from .init_workspace import init_workspace

    return init_workspace(Path(directory), ws.rules)


def check_templates(ws: Workspace, files: tuple[str, ...] = ()):
    """`check-templates`: the problems of the given templates (default: every template)."""
    from .template_check import check_templates as check

    return check(ws.templates, [Path(f) for f in files] or None, inputs_dir=ws.inputs, rules_dir=ws.rules)


def check_templates_json(problems) -> dict[str, Any]:
    return {"valid": not problems, "problems": [p.to_dict() for p in problems]}


def load_inputs(ws: Workspace, today: dt.date | None = None):
    """One unit's inputs, loaded and validated (what every document is built from)."""
    from .engine.catalogue import load_inputs as load

    return load(ws, today)


def overview(ws: Workspace, month, today: dt.date, inputs=None) -> dict[str, Any]:
    """One unit's month: every planned document with its state (not-built | built | stale |
    issued | blocked), version, paths and reasons; the validation counts."""
    from .due import document_state
    from .engine import BuildOptions
    from .engine.catalogue import documents, load_inputs
    from .engine.state import State

    ws.check()
    inputs = inputs or load_inputs(ws, today)
    jobs = documents(ws, inputs, BuildOptions(month=month, pdf=False, today=today))
    docs = []
    have_state = (ws.outputs / ".hoagiai" / "state.sqlite").exists()
    state = State(ws.outputs) if have_state else None
    try:
        for job in jobs:
            latest = state.latest(job.id) if state else None
            issued = state.issued(job.id) if state else None
            shown = issued or latest
            cur = ws.outputs / str(job.year) / f"{job.id}.docx"
            docs.append({"id": job.id, "kind": job.kind, "title": job.title,
                         "state": document_state(ws, job, latest, issued, True),
                         "version": shown.version if shown else None, "issued": issued is not None,
                         "number": issued.number if issued else None,
                         "issue_date": issued.issue_date if issued else None,
                         "docx": str(cur) if latest else None,
                         "pdf": str(cur.with_suffix(".pdf")) if latest and latest.pdf else None,
                         "reasons": list(job.reasons),
                         "blocking": [r.to_dict() for r in job.blocking]})
    finally:
        if state is not None:
            state.close()
    return {"month": str(month), "unit": ws.unit, "counts": inputs.report.counts,
            "valid": inputs.report.valid, "documents": docs}


def build_unit(ws: Workspace, opts, reporter) -> tuple[dict[str, Any], int]:
    """`build --json` of one unit of a multi-unit workspace (its own entry of `units`)."""
    from .engine import build as build_one
    from .lock import workspace_lock

    with workspace_lock(ws.outputs, "build"):
        res = build_one(ws, opts, reporter)
    return res.to_dict(), res.exit_code


def figures(ws: Workspace, month, today: dt.date, inputs=None) -> dict[str, Any]:
    """For the overview's chart: per month of the year up to `month`, cases received and
    ended and the success rate; the Đề án's target rate; teams meeting Điều 12 at month end."""
    from .engine.catalogue import load_inputs
    from .documents import bc_hoa_giai as bc
    from .documents.base import DocEnv, Month

    inputs = inputs or load_inputs(ws, today)
    env = DocEnv(inputs=inputs, month=month, rules_dir=ws.rules, templates_dir=ws.templates, today=today)
    tg = bc.targets(env, month.last)
    from . import stats
    from .model import VU_VIEC

    cases = bc.frame_of(inputs.table(VU_VIEC))
    rows = []
    for m in range(1, month.month + 1):
        mm = Month(month.year, m)
        f = stats.case_flags(cases, mm.first, mm.last).sum()
        thanh, khong = int(f["hoa_giai_thanh"]), int(f["hoa_giai_khong_thanh"])
        rows.append({"month": str(mm), "received": int(f["vu_viec_tiep_nhan"]), "ended": thanh + khong,
                     "success": thanh, "rate": stats.success_rate(thanh, khong)})
    st = bc.unit_stats(env, month.first, month.last, tg)
    teams = st.to if st else []
    target = tg.get("ty_le_thanh", {}).get("nguong")
    return {"months": rows, "target_rate": target,
            "teams_total": len(teams), "teams_ok": sum(1 for t in teams if t.get("dat"))}
