"""PDFs and the monthly packet: convert the DOCX a build made through one LibreOffice pool
(shared by every unit of a multi-unit build), record each PDF, copy it beside the DOCX, and
bind the month's PDFs into `outputs/<year>/goi-van-ban-YYYY-MM.pdf`."""

from __future__ import annotations

from pathlib import Path

from .. import atomic
from ..digests import file_sha, sha
from ..workspace import Workspace
from . import codes, lo_input
from .fingerprint import canonical
from .options import BuildOptions, Reporter, quiet
from .output_tree import OutputTree, rel
from .results import BuildResult, DocResult
from .state import State, Version

PdfItem = tuple[OutputTree, State, BuildResult, DocResult, Version]


def convert_pdfs(items: list[PdfItem], opts: BuildOptions, reporter: Reporter = quiet,
                 batch_size: int = 20) -> None:
    """Convert the DOCX of `items` (possibly of many units) through ONE converter pool — one
    LibreOffice start, and bundles of one template's documents across units — then record each
    PDF in its unit's state and copy it beside the DOCX."""
    if not items:
        return
    from .. import convert

    if not convert.available():
        for _, _, result, _, _ in items:
            if not result.pdf_problem:
                result.notes.append(convert.missing_message())
                result.pdf_problem = True
        return
    jobs = _jobs(items)
    reporter("stage", {"name": "pdf", "total": len(jobs)})
    try:
        with convert.PdfConverter(workers=opts.jobs or 2, batch_size=batch_size, pdfa=opts.pdfa) as conv:
            outcomes = conv.convert(jobs)
            engine_note = conv.note   # why the slower batch engine ran, if it did
    finally:
        for outputs in {tree.ws.outputs for tree, _, _, _, _ in items}:
            lo_input.clear(outputs)
    for _, _, result, _, _ in items:
        if engine_note and engine_note not in result.notes:
            result.notes.append(engine_note)
    by_docx = {str(o.docx): o for o in outcomes}
    made: dict[int, tuple[BuildResult, list[Path]]] = {}
    for tree, state, result, res, v in items:
        o = by_docx.get(str(Path(v.docx)))
        if o is None or not o.ok:
            res.reasons.append(o.error if o is not None and o.error else "Không chuyển được sang PDF.")
            result.pdf_problem = True
            continue
        assert o.pdf is not None   # an outcome that is ok names its PDF
        _record_pdf(tree, state, v, Path(o.pdf), res)
        made.setdefault(id(result), (result, []))[1].append(Path(o.pdf))
    for result, pdfs in made.values():
        note = convert.font_report(pdfs)
        if note and note not in result.notes:
            result.notes.append(note)


def _jobs(items: list[PdfItem]) -> list[tuple]:
    """(docx, pdf target) per item, plus (its twin's rendering, twin key) when the build made one
    (engine/lo_input.py): LibreOffice then reads that, several of the same key in one load."""
    found: dict[Path, dict] = {}
    jobs: list[tuple] = []
    for tree, _, _, _, v in items:
        outputs = tree.ws.outputs
        if outputs not in found:
            found[outputs] = lo_input.find(outputs)
        docx = Path(v.docx)
        twin = lo_input.lookup(found[outputs], docx)
        jobs.append((docx, docx.with_suffix(".pdf"), *twin) if twin else (docx, docx.with_suffix(".pdf")))
    return jobs


def _record_pdf(tree: OutputTree, state: State, v: Version, pdf: Path, res: DocResult) -> None:
    pdf_bytes = pdf.read_bytes()
    state.set_pdf(v.doc_id, v.version, str(pdf), sha(pdf_bytes))
    if v.issued:
        from .. import records

        records.set_pdf(tree.ws, v.doc_id, pdf_bytes)
    cur = tree.current_path(v.doc_id, v.year, ".pdf")
    atomic.write_bytes(cur, pdf_bytes)
    res.pdf = rel(cur)


def finish_units_pdf(units: list[tuple[Workspace, BuildResult]], opts: BuildOptions,
                     reporter: Reporter = quiet) -> None:
    """Multi-unit builds render DOCX in worker processes; the parent then converts every
    unit's missing PDFs in one pool and makes each unit's monthly packet."""
    items: list[PdfItem] = []
    opened: list[tuple[OutputTree, State, BuildResult]] = []
    try:
        for ws, result in units:
            tree, state = OutputTree(ws), State(ws.outputs)
            opened.append((tree, state, result))
            for res in result.documents:
                if res.state in (codes.BLOCKED, codes.FAILED) or res.version is None:
                    continue
                v = state.issued(res.id) if res.issued else state.latest(res.id)
                if v is not None and not v.pdf:
                    items.append((tree, state, result, res, v))
                elif v is not None and v.pdf and not res.pdf:
                    res.pdf = rel(tree.current_path(res.id, v.year, ".pdf"))
        convert_pdfs(items, opts, reporter, batch_size=60)
        for tree, state, result in opened:
            result.packet = monthly_packet(tree, state, result, opts)
    finally:
        for _, state, _ in opened:
            state.close()


def monthly_packet(tree: OutputTree, state: State, result: BuildResult, opts: BuildOptions) -> str | None:
    """The month's PDFs in one file, remade only when one of them changed; its path or None."""
    month = opts.month
    items = [d for d in result.documents
             if d.pdf and d.state != codes.BLOCKED and _doc_month(state, d) == (month.year, month.month)]
    if not items:
        return None
    from .packet import PacketItem, make_packet

    target = tree.year_dir(month.year) / f"goi-van-ban-{month}.pdf"
    fp = sha(canonical([(d.id, file_sha(Path(d.pdf)), d.issued) for d in items if d.pdf]).encode())
    prev = state.packet(str(month))
    if prev and prev[1] == fp and target.exists():
        return rel(target)
    make_packet([PacketItem(title=d.title, pdf=Path(d.pdf), issued=d.issued) for d in items if d.pdf],
                target, title=f"Văn bản tháng {month.month} năm {month.year}",
                author=_unit_name(tree.ws, result), subject="Hồ sơ hòa giải ở cơ sở")
    state.set_packet(str(month), str(target), fp)
    return rel(target)


def _unit_name(ws: Workspace, result: BuildResult) -> str:
    if result.inputs is not None:
        return result.inputs.profile.ten_don_vi
    from ..unit_profile import load_profile

    return load_profile(ws.inputs / "don_vi.yaml").ten_don_vi


def _doc_month(state: State, d: DocResult) -> tuple[int, int] | None:
    v = state.latest(d.id)
    return (v.year, v.month) if v else None
