"""Which documents exist as of a month, and with what inputs: every kind's `plan`, the
documents earlier builds made whose data can no longer be read, and the corrections the
register calls for (hoagiai.corrections). Not the yearly plan (Kế hoạch): see yearly_plan.py."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..documents import base, unavailable
from ..documents import kinds as all_kinds
from ..documents import module as kind_module
from ..workspace import Workspace
from .options import BuildOptions
from .state import State, Version

if TYPE_CHECKING:  # pandas-heavy; a no-op build never needs it
    from ..corrections import Plan
    from ..model import Inputs


def load_inputs(ws: Workspace, today: dt.date | None = None) -> Inputs:
    """The workspace's inputs, loaded and validated (findings in `inputs.report`)."""
    from ..validate import validate_workspace

    return validate_workspace(ws.inputs, ws.rules, today=today)


def documents(ws: Workspace, inputs: Inputs, opts: BuildOptions) -> list[base.DocJob]:
    """The documents of the build month (corrections included)."""
    return documents_and_corrections(ws, inputs, opts)[0]


def documents_and_corrections(ws: Workspace, inputs: Inputs, opts: BuildOptions
                              ) -> tuple[list[base.DocJob], Plan]:
    """The documents to build, then the corrections the register calls for (hoagiai.corrections)."""
    from .. import corrections

    env = base.DocEnv(inputs=inputs, month=opts.month, rules_dir=ws.rules,
                      templates_dir=ws.templates, requested=opts.kinds, today=opts.today,
                      registered=register_lookup(ws))
    jobs: list[base.DocJob] = []
    for kind in all_kinds():
        if opts.kinds and kind not in opts.kinds:
            continue
        for job in kind_module(kind).plan(env):
            if job.on_request and kind not in opts.kinds:
                continue
            jobs.append(job)
    jobs = unavailable.block_unavailable(jobs, inputs, opts.month, known_documents(ws), opts.kinds)
    fixes = corrections.plan(ws, env, jobs, opts)
    return jobs + fixes.jobs, fixes


def known_documents(ws: Workspace) -> list[unavailable.Known]:
    """Documents earlier builds made (latest version of each), so that one whose data can no
    longer be read is reported blocked, not silently left out."""
    if not (ws.outputs / ".hoagiai" / "state.sqlite").exists():
        return []
    latest: dict[str, Version] = {}
    with State(ws.outputs) as state:
        for v in state.versions():
            if v.doc_id not in latest or v.version > latest[v.doc_id].version:
                latest[v.doc_id] = v
    return [unavailable.Known(v.doc_id, v.kind, v.title, v.year, v.month,
                              frozenset(k.split("|", 1)[0] for k in v.cells))
            for v in latest.values()]


def register_lookup(ws: Workspace):
    """Issued numbers, for documents that cite another one (read once per build)."""
    from .. import records

    rows = {r.doc_id: (r.number, r.symbol, r.issue_date) for r in records.entries(ws)}
    return rows.get
