"""Bring `outputs/` back in line with the records folder at the start of every build: each
issued document's record is checked against its copies (`records.check`), and its issued
version is restored into the state and `outputs/<year>/phien-ban/` when missing (after the
clerk deleted `outputs/`). A register kept by hoagiai 0.1.0 inside the state database is
moved into the records folder first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import atomic, records
from ..digests import file_sha
from .state import State, Version

if TYPE_CHECKING:
    from .output_tree import OutputTree


def version_of(r: records.Record, docx: Path, pdf: Path | None) -> Version:
    return Version(doc_id=r.doc_id, version=r.version, kind=r.kind, title=r.title, year=r.year,
                   month=r.month, fingerprint=r.fingerprint, data_fp=r.data_fp, docx=str(docx),
                   docx_sha=r.docx_sha, pdf=str(pdf) if pdf else None, pdf_sha=r.pdf_sha,
                   cells=r.cells, rows=r.rows, issued=True, number=r.number,
                   issue_date=r.issue_date, built_at=r.recorded_at, change=None,
                   hoagiai_version=r.hoagiai_version, rules_version=r.rules_version,
                   corrects=r.corrects)


def restore(tree: "OutputTree", state: State) -> list[str]:
    ws = tree.ws
    notes = _adopt_legacy(ws, state)
    for r in records.check(ws):
        v = state.issued(r.doc_id)
        if v is not None and r.pdf_sha is None and v.pdf and Path(v.pdf).exists():
            records.set_pdf(ws, r.doc_id, Path(v.pdf).read_bytes())   # converted, not yet kept
            continue
        if v is not None and v.version == r.version and _sha(v.docx) == r.docx_sha \
                and (r.pdf_sha is None or (v.pdf and _sha(v.pdf) == r.pdf_sha)):
            continue
        docx = tree.version_path(r.doc_id, r.year, r.version, ".docx")
        atomic.write_bytes(docx, records.copy_path(ws, r.year, r.doc_id, ".docx").read_bytes())
        pdf = None
        if r.pdf_sha is not None:
            pdf = tree.version_path(r.doc_id, r.year, r.version, ".pdf")
            atomic.write_bytes(pdf, records.copy_path(ws, r.year, r.doc_id, ".pdf").read_bytes())
        state.add_version(version_of(r, docx, pdf))
        state.forget_runs()
        notes.append(f"Đã khôi phục văn bản đã ban hành {r.doc_id} ({r.label}) từ hồ sơ ban hành "
                     f"{records.records_dir(ws)}.")
    return notes


def _sha(path: str) -> str | None:
    return file_sha(Path(path))


def _adopt_legacy(ws, state: State) -> list[str]:
    notes: list[str] = []
    known = records.lookup(ws)
    for row in state.legacy_register():
        if row["doc_id"] in known:
            continue
        v = state.issued(row["doc_id"])
        if v is None or _sha(v.docx) != v.docx_sha:
            notes.append(f"Sổ đăng ký cũ ghi văn bản {row['doc_id']} (số {row['number']:02d}) nhưng "
                         f"không còn bản đã ban hành trong outputs/; chưa chuyển được sang hồ sơ.")
            continue
        pdf = Path(v.pdf).read_bytes() if v.pdf and _sha(v.pdf) == v.pdf_sha else None
        rec = records.Record(
            year=row["year"], series=row["series"], number=row["number"], doc_id=v.doc_id,
            kind=v.kind, title=v.title, symbol=row["symbol"], issue_date=row["issue_date"],
            month=v.month, version=v.version, fingerprint=v.fingerprint, data_fp=v.data_fp,
            cells=v.cells, rows=v.rows, docx_sha=v.docx_sha, pdf_sha=None, signer=None,
            recipients=[], hoagiai_version=v.hoagiai_version, rules_version=v.rules_version,
            corrects=v.corrects, recorded_at=v.built_at)
        records.adopt(ws, rec, Path(v.docx).read_bytes(), pdf)
        notes.append(f"Đã chuyển văn bản đã ban hành {v.doc_id} ({rec.label}) vào hồ sơ ban hành "
                     f"{records.records_dir(ws)}.")
    return notes
