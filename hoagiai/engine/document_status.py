"""`status`: every known document with its versions, state and paths. States: `draft`,
`issued`, and for an issued document with a correction `correction-drafted` / `corrected`
(hoagiai.corrections); a correcting document names what it corrects in `corrects`."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..corrections import links_in_state
from ..workspace import Workspace
from .codes import CORRECTION_DRAFTED, STALE
from .state import State


def status(ws: Workspace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for unit in (ws.units() if ws.inputs.is_dir() else [ws]):
        if not (unit.outputs / ".hoagiai" / "state.sqlite").exists():
            continue
        with State(unit.outputs) as state:
            stale = _stale_in_last_build(state)
            links = links_in_state(state)
            by_doc: dict[str, list] = {}
            for v in state.versions():
                by_doc.setdefault(v.doc_id, []).append(v)
            for doc_id, versions in by_doc.items():
                last = versions[-1]
                issued = next((v for v in versions if v.issued), None)
                cur = unit.outputs / str(last.year) / f"{doc_id}.docx"
                row = {"id": doc_id, "kind": last.kind, "title": last.title, "version": last.version,
                       "state": (links.get(doc_id) or "issued") if issued else "draft",
                       "issued": issued is not None, "corrects": last.corrects,
                       "number": issued.number if issued else None,
                       "issue_date": issued.issue_date if issued else None,
                       "data_changed": doc_id in stale,
                       "docx": str(cur), "pdf": str(cur.with_suffix(".pdf")) if last.pdf else None,
                       "hoagiai_version": last.hoagiai_version, "rules_version": last.rules_version,
                       "versions": [{"version": v.version, "docx": v.docx, "pdf": v.pdf,
                                     "built_at": v.built_at, "issued": v.issued,
                                     "change": v.change, "hoagiai_version": v.hoagiai_version,
                                     "rules_version": v.rules_version} for v in versions]}
                if unit.unit:
                    row["unit"] = unit.unit
                rows.append(row)
    return rows


def _stale_in_last_build(state: State) -> set[str]:
    """Issued documents whose data had changed at the last build (its saved result)."""
    try:
        found = state.db.execute("SELECT result FROM runs").fetchall()
    except sqlite3.Error:
        return set()
    stale: set[str] = set()
    for (text,) in found:
        try:
            docs = json.loads(text).get("documents", [])
        except (ValueError, AttributeError):
            continue
        stale.update(str(d["id"]) for d in docs
                     if isinstance(d, dict) and "id" in d and d.get("state") in (STALE, CORRECTION_DRAFTED))
    return stale
