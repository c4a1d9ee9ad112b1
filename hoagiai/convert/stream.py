"""Documents handed to a PdfConverter in parts, while the caller is still making them.

A multi-unit build renders its units in worker processes; with a stream, each unit's documents
go to LibreOffice as soon as that unit is built, so LibreOffice and the renderers share the
machine instead of taking turns (BENCHMARKS.md, issue 16). On the warm engine, documents of one
twin key wait until a full bundle is there (hoagiai.convert.warm.WarmStream); the batch engine
converts everything in `results()`, as `PdfConverter.convert` would.

    stream = conv.stream()
    for unit in units:
        stream.add([(docx, pdf, odt, key), ...])     # returns at once
    while not stream.wait(0.2):                      # optional: record what is done meanwhile
        for result in stream.completed(): ...
    results = stream.results()                       # waits; all, in the order of the adds
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .jobs import ConversionResult, Job, missing_inputs

if TYPE_CHECKING:
    from .converter import PdfConverter
    from .warm import WarmStream


class ConversionStream:
    def __init__(self, conv: "PdfConverter"):
        self.conv = conv
        self.jobs: list[Job] = []
        self._held: list[Job] = []           # for the batch engine, converted in results()
        self._warm: "WarmStream | None" = None
        self._done = False

    def add(self, jobs: list[tuple], hold: bool = False) -> None:
        """Queue (docx, pdf target[, odt, twin key]) jobs, as `PdfConverter.convert` takes them.
        With `hold`, nothing starts before `results()` (all jobs given at once: bundles of even
        sizes, as `convert` makes them)."""
        if self._done:
            raise RuntimeError("the stream's results were already taken")
        made = self.conv.make_jobs(jobs, first=len(self.jobs))
        self.jobs += made
        todo = missing_inputs(made)
        if not todo:
            return
        if self._warm is None and not self._held and self.conv.warm_ready():
            assert self.conv.warm is not None
            self._warm = self.conv.warm.stream()
        if self._warm is not None:
            self._warm.add(todo, hold=hold)
        else:
            self._held += todo

    def completed(self) -> list[ConversionResult]:
        """The results of documents done since the last call, so that the caller can record them
        while others convert (warm engine; the batch engine's all come from `results()`)."""
        return [job.result() for job in self._warm.finished()] if self._warm is not None else []

    def wait(self, timeout: float) -> bool:
        """No more documents will be added; wait up to `timeout` seconds for the warm engine to
        finish them (True when it has, and always on the batch engine, which works in `results()`)."""
        return self._warm.wait(timeout) if self._warm is not None else True

    def results(self) -> list[ConversionResult]:
        """Wait until every document added is converted (or has failed); in the order added."""
        self._done = True
        if self._warm is not None:
            self._warm.wait()
        if self._held:
            self.conv.convert_batches(self._held)
        return [j.result() for j in self.jobs]
