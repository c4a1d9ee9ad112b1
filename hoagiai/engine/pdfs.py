"""PDFs and the monthly packet: convert the DOCX a build made through one LibreOffice pool
(shared by every unit of a multi-unit build, which hands each unit over as soon as it is built:
`UnitsPdf`), record each PDF, copy it beside the DOCX, and bind the month's PDFs into
`outputs/<year>/goi-van-ban-YYYY-MM.pdf`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
    stage = PdfStage(opts, reporter, batch_size)
    try:
        stage.add(items, hold=True)
    except BaseException:
        stage.close()
        raise
    stage.finish()


class PdfStage:
    """A build's PDFs through one converter: `add` items as they are made (a multi-unit build
    adds each unit's as soon as it is built, and LibreOffice starts on them at once), then
    `finish` waits, records each PDF and copies it beside the DOCX. `finish` or `close` must
    run: they close LibreOffice and remove the twins' renderings."""

    def __init__(self, opts: BuildOptions, reporter: Reporter = quiet, batch_size: int = 20):
        from .. import convert

        self.opts, self.reporter, self.batch_size = opts, reporter, batch_size
        self.items: list[PdfItem] = []
        self.available = convert.available()
        self._conv: Any = None
        self._stream: Any = None

    def add(self, items: list[PdfItem], hold: bool = False) -> None:
        """Hand `items` to the converter (`hold`: every item at once, converted in `finish`)."""
        if not items:
            return
        self.items += items
        if not self.available:
            return
        if self._stream is None:
            from .. import convert

            self._conv = convert.PdfConverter(workers=self.opts.jobs or 2, batch_size=self.batch_size,
                                              pdfa=self.opts.pdfa)
            self._stream = self._conv.stream()
        self._stream.add(_jobs(items), hold=hold)

    def finish(self) -> None:
        items, conv = self.items, self._conv
        outcomes: list = []
        engine_note: str | None = None
        try:
            if not items:
                return
            self.reporter("stage", {"name": "pdf", "total": len(items)})
            if not self.available:
                from .. import convert

                for _, _, result, _, _ in items:
                    if not result.pdf_problem:
                        result.notes.append(convert.missing_message())
                        result.pdf_problem = True
                return
            outcomes = self._stream.results()
            engine_note = conv.note   # why the slower batch engine ran, if it did
        finally:
            self.close()
        _record_all(items, outcomes, engine_note)

    def close(self) -> None:
        """Close LibreOffice and remove the twins' renderings (nothing is recorded)."""
        if self._conv is not None:
            self._conv.close()
        for outputs in {tree.ws.outputs for tree, _, _, _, _ in self.items}:
            lo_input.clear(outputs)


def _record_all(items: list[PdfItem], outcomes: list, engine_note: str | None) -> None:
    from .. import convert

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


class UnitsPdf:
    """Multi-unit builds render DOCX in worker processes; the parent hands each unit's missing
    PDFs to one converter as soon as that unit is back (`add_unit`), so LibreOffice converts
    while the other units render; `finish` then records them and makes each unit's monthly packet."""

    def __init__(self, opts: BuildOptions, reporter: Reporter = quiet):
        self.opts = opts
        self.stage = PdfStage(opts, reporter, batch_size=60)
        self.opened: list[tuple[OutputTree, State, BuildResult]] = []

    def add_unit(self, ws: Workspace, result: BuildResult) -> None:
        tree, state = OutputTree(ws), State(ws.outputs)
        self.opened.append((tree, state, result))
        items: list[PdfItem] = []
        for res in result.documents:
            if res.state in (codes.BLOCKED, codes.FAILED) or res.version is None:
                continue
            v = state.issued(res.id) if res.issued else state.latest(res.id)
            if v is not None and not v.pdf:
                items.append((tree, state, result, res, v))
            elif v is not None and v.pdf and not res.pdf:
                res.pdf = rel(tree.current_path(res.id, v.year, ".pdf"))
        self.stage.add(items)

    def finish(self, completed: bool = True) -> None:
        """Wait for the PDFs and record them, then the packets (`completed`: the build was not
        interrupted; otherwise only LibreOffice is closed and the states)."""
        try:
            if completed:
                self.stage.finish()
                for tree, state, result in self.opened:
                    result.packet = monthly_packet(tree, state, result, self.opts)
            else:
                self.stage.close()
        finally:
            for _, state, _ in self.opened:
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
