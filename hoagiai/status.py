"""`status`: every known document with its versions, state and paths. States: `draft`,
`issued`, and for an issued document with a correction `correction-drafted` / `corrected`
(hoagiai.corrections); a correcting document names what it corrects in `corrects`."""

from __future__ import annotations


from typing import Any

from .corrections import LABELS, links_in_state
from .state import State
from .workspace import Workspace


def status(ws: Workspace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for unit in (ws.units() if ws.inputs.is_dir() else [ws]):
        if not (unit.outputs / ".hoagiai" / "state.sqlite").exists():
            continue
        with State(unit.outputs) as state:
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


def _made_with(r: dict[str, Any]) -> str:
    if not r.get("hoagiai_version"):
        return "(không rõ)"
    return f"{r['hoagiai_version']} / {(r['rules_version'] or '').split('+')[0]}"


def print_status(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Văn bản")
    for col in ("Mã văn bản", "Loại", "Phiên bản", "Trạng thái", "Số", "hoagiai / quy tắc", "Tệp"):
        table.add_column(col, no_wrap=col.startswith("hoagiai"))
    for r in rows:
        table.add_row(r["id"], r["kind"], str(r["version"]),
                      LABELS.get(r["state"]) or ("đã ban hành" if r["issued"] else "dự thảo"),
                      f"{r['number']:02d}" if r.get("number") else "", _made_with(r), r["docx"])
    Console().print(table)
    if not rows:
        Console().print("Chưa có văn bản nào. Chạy `build` để dựng.")

