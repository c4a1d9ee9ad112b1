"""PDFs and the monthly packet: convert the DOCX a build made through one LibreOffice pool
(shared by every unit of a multi-unit build, which hands each unit over as soon as it is built:
`UnitsPdf`), record each PDF, copy it beside the DOCX, and bind the month's PDFs into
`outputs/<year>/goi-van-ban-YYYY-MM.pdf`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

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
    `finish` waits and records each PDF — in its unit's state, and copied beside the DOCX.
    PDFs done meanwhile are recorded by `record_ready` (and by `finish` while it waits), so that
    this work too overlaps with LibreOffice's; `on_result_done(result)` is called once every item
    of that build result is recorded. `finish` or `close` must run: they close LibreOffice and
    remove the twins' renderings."""

    def __init__(self, opts: BuildOptions, reporter: Reporter = quiet, batch_size: int = 20):
        from .. import convert

        self.opts, self.reporter, self.batch_size = opts, reporter, batch_size
        self.items: list[PdfItem] = []
        self.available = convert.available()
        self.on_result_done: Callable[[BuildResult], None] | None = None
        self._conv: Any = None
        self._stream: Any = None
        self._waiting: dict[str, PdfItem] = {}     # by DOCX path: not recorded yet
        self._left: dict[int, int] = {}            # id(build result) -> its items not recorded yet
        self._left_in: dict[Path, int] = {}        # outputs folder -> its items not recorded yet
        self._fonts: dict[int, tuple[BuildResult, set[str]]] = {}   # fonts of the PDFs made

    def add(self, items: list[PdfItem], hold: bool = False) -> None:
        """Hand `items` to the converter (`hold`: every item at once, converted in `finish`)."""
        if not items:
            return
        self.items += items
        if not self.available:
            return
        for item in items:
            self._waiting[str(Path(item[4].docx))] = item
            self._left[id(item[2])] = self._left.get(id(item[2]), 0) + 1
            outputs = item[0].ws.outputs
            self._left_in[outputs] = self._left_in.get(outputs, 0) + 1
        if self._stream is None:
            from .. import convert

            self._conv = convert.PdfConverter(workers=self.opts.jobs or 2, batch_size=self.batch_size,
                                              pdfa=self.opts.pdfa)
            self._stream = self._conv.stream()
        self._stream.add(_jobs(items), hold=hold)

    def record_ready(self) -> None:
        """Record the PDFs converted so far."""
        if self._stream is not None:
            for outcome in self._stream.completed():
                self._record(str(outcome.docx), outcome)

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
            while not self._stream.wait(0.2):
                self.record_ready()
            self.record_ready()
            outcomes = self._stream.results()
            engine_note = conv.note   # why the slower batch engine ran, if it did
        finally:
            self.close()
        for outcome in outcomes:      # the batch engine's, and documents whose DOCX was missing
            self._record(str(outcome.docx), outcome)
        for docx in list(self._waiting):
            self._record(docx, None)
        self._notes(engine_note)

    def close(self) -> None:
        """Close LibreOffice and remove the twins' renderings (nothing more is recorded)."""
        if self._conv is not None:
            self._conv.close()
        for outputs in {tree.ws.outputs for tree, _, _, _, _ in self.items}:
            lo_input.clear(outputs)

    def _record(self, docx: str, outcome: Any) -> None:
        item = self._waiting.pop(docx, None)
        if item is None:
            return
        tree, state, result, res, v = item
        if outcome is None or not outcome.ok:
            res.reasons.append(outcome.error if outcome is not None and outcome.error
                               else "Không chuyển được sang PDF.")
            result.pdf_problem = True
        else:
            assert outcome.pdf is not None   # an outcome that is ok names its PDF
            from .. import convert

            pdf_bytes = _record_pdf(tree, state, v, Path(outcome.pdf), res)
            # read here, while LibreOffice works, rather than every PDF again at the end
            self._fonts.setdefault(id(result), (result, set()))[1].update(
                convert.fonts_in_bytes(pdf_bytes, Path(outcome.pdf)))
        self._left_in[tree.ws.outputs] -= 1
        if self._left_in[tree.ws.outputs] == 0:   # that folder's renderings are all converted
            lo_input.clear(tree.ws.outputs)
        self._left[id(result)] -= 1
        if self._left[id(result)] == 0 and self.on_result_done is not None:
            self.on_result_done(result)

    def _notes(self, engine_note: str | None) -> None:
        from .. import convert

        for _, _, result, _, _ in self.items:
            if engine_note and engine_note not in result.notes:
                result.notes.append(engine_note)
        for result, fonts in self._fonts.values():
            note = convert.font_note(fonts)
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


def _record_pdf(tree: OutputTree, state: State, v: Version, pdf: Path, res: DocResult) -> bytes:
    """Record `pdf` as `v`'s PDF and copy it beside the current DOCX; returns its bytes."""
    pdf_bytes = pdf.read_bytes()
    state.set_pdf(v.doc_id, v.version, str(pdf), sha(pdf_bytes))
    if v.issued:
        from .. import records

        records.set_pdf(tree.ws, v.doc_id, pdf_bytes)
    cur = tree.current_path(v.doc_id, v.year, ".pdf")
    atomic.write_bytes(cur, pdf_bytes)
    res.pdf = rel(cur)
    return pdf_bytes


class UnitsPdf:
    """Multi-unit builds render DOCX in worker processes; the parent hands each unit's missing
    PDFs to one converter as soon as that unit is back (`add_unit`), so LibreOffice converts
    while the other units render. The PDFs are recorded as they come (between units, and while
    `finish` waits), and a unit's monthly packet is made as soon as its last PDF is recorded;
    `finish` makes the packets of the units that needed no new PDF."""

    def __init__(self, opts: BuildOptions, reporter: Reporter = quiet):
        self.opts = opts
        self.stage = PdfStage(opts, reporter, batch_size=60)
        self.stage.on_result_done = self._packet
        self.opened: dict[int, tuple[OutputTree, State, BuildResult]] = {}
        self._packed: set[int] = set()

    def add_unit(self, ws: Workspace, result: BuildResult) -> None:
        tree, state = OutputTree(ws), State(ws.outputs)
        self.opened[id(result)] = (tree, state, result)
        items: list[PdfItem] = []
        for res in result.documents:
            if res.state in (codes.BLOCKED, codes.FAILED) or res.version is None:
                continue
            v = state.issued(res.id, cells=False) if res.issued else state.latest(res.id, cells=False)
            if v is not None and not v.pdf:
                items.append((tree, state, result, res, v))
            elif v is not None and v.pdf and not res.pdf:
                res.pdf = rel(tree.current_path(res.id, v.year, ".pdf"))
        self.stage.add(items)
        self.stage.record_ready()

    def _packet(self, result: BuildResult) -> None:
        if id(result) in self._packed:
            return
        self._packed.add(id(result))
        tree, state, _ = self.opened[id(result)]
        result.packet = monthly_packet(tree, state, result, self.opts)
        state.close()   # the unit is done: closed now, not all at the end (a checkpoint each)

    def finish(self, completed: bool = True) -> None:
        """Wait for the PDFs and record them, then the packets still to make (`completed`: the
        build was not interrupted; otherwise only LibreOffice and the states are closed)."""
        try:
            if completed:
                self.stage.finish()
                for _, _, result in self.opened.values():
                    self._packet(result)
            else:
                self.stage.close()
        finally:
            for _, state, _ in self.opened.values():
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
    v = state.latest(d.id, cells=False)
    return (v.year, v.month) if v else None
