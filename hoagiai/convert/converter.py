"""PdfConverter: many .docx → PDF through a small pool of LibreOffice processes.

Two engines, chosen automatically (`engine="auto"`, or HOAGIAI_PDF_ENGINE=warm|batch):
- **warm** (hoagiai.convert.warm) when LibreOffice's Python bridge (UNO) is installed: long-lived
  LibreOffice processes, one per worker, fed from one queue — no restart per batch;
- **batch** (below) otherwise: `soffice --convert-to` over batches of files. `conv.engine` says
  which one runs and `conv.note` (Vietnamese) why the slower one was used; a warm pool that
  cannot start falls back to batch for the rest of the converter's life.

The batch engine. Why this shape (measured on a 2-core machine): starting soffice cost ~0.9 s per call
(~0.5 s since our profiles skip LibreOffice's start-up graphics tests, lo_profiles.py), so
documents go in batches (one process converts many files, ~0.16 s each); two batches in
parallel halve that again. Two soffice processes sharing one profile silently lose files, so
each slot owns a private profile, created once and reused (a profile's first start is slow).

Each batch is a fresh soffice process, so `batch_size` is also how many documents a process
converts before it is replaced. Every file is copied under a generated name (input names with
spaces, Vietnamese letters or a leading "-" cannot confuse the command line), converted into a
private folder, checked (complete file, PDF/A declared when asked), then moved atomically to its
target, so a target is never a half-written PDF.

Faults: a batch that times out or crashes, or leaves a PDF missing or cut short, has its
process group killed; the documents without a good PDF are retried one by one, once, with a
per-document timeout. A document failing again is reported (ok=False, Vietnamese `error`);
the others complete.

PDF/A (`pdfa=True`): LibreOffice's writer_pdf_Export filter with the JSON option
`{"SelectPdfVersion":{"type":"long","value":"2"}}` (LibreOffice ≥ 7.4). What is verified here is
the declaration only: the XMP metadata of each PDF says `pdfaid:part` 2 (LibreOffice 7.4 also
writes `pdfaid:conformance` B and embeds every font); a document whose PDF does not declare it
fails. Full PDF/A validation (veraPDF) is not run.
"""

from __future__ import annotations

import math
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EnvironmentFailure
from . import lo_malloc, procs
from . import soffice as _soffice
from .jobs import ConversionResult, Job, message, missing_inputs, publish
from .lo_profiles import Session, tune

if TYPE_CHECKING:
    from .stream import ConversionStream
    from .warm import WarmPool

__all__ = ["BatchRecord", "ConversionResult", "PdfConverter"]

ENGINE_VAR = "HOAGIAI_PDF_ENGINE"


@dataclass(frozen=True)
class BatchRecord:
    """One soffice run, for timing reports."""

    slot: int
    documents: int
    seconds: float
    outcome: str              # "ok" | "timeout" | "crash" | "incomplete"


class PdfConverter:
    """Convert .docx files to PDF; use as a context manager (profiles are removed on close)."""

    def __init__(
        self,
        workers: int = 2,
        batch_size: int = 20,
        timeout_per_doc: float = 60,
        profile_root: Path | None = None,
        pdfa: bool = False,
        engine: str | None = None,
        max_docs: int = 500,
        max_rss: int = 1 << 30,
    ):
        if workers < 1 or batch_size < 1 or timeout_per_doc <= 0:
            raise ValueError("workers, batch_size and timeout_per_doc must be positive")
        self.soffice = _soffice.require_soffice()
        self.workers = workers
        self.batch_size = batch_size
        self.timeout_per_doc = float(timeout_per_doc)
        self.pdfa = pdfa
        self.batches: list[BatchRecord] = []
        self._profile_root = profile_root
        self._owns_root = profile_root is None
        self._session: Session | None = None
        if profile_root is None:
            self._session = Session()
            self._root = self._session.folder
        else:
            self._root = Path(profile_root)
        self._work = Path(tempfile.mkdtemp(prefix="hoagiai-pdf-"))
        self._lock = threading.Lock()
        self._closed = False
        self._failure: BaseException | None = None
        self._running: set[subprocess.Popen] = set()  # killed on close / interrupt
        self._stop = threading.Event()
        self.engine = "batch"
        self.note: str | None = None      # why the slower engine runs (Vietnamese)
        self.warm: WarmPool | None = None
        self._choose_engine(engine or os.environ.get(ENGINE_VAR, "").strip() or "auto",
                            max_docs=max_docs, max_rss=max_rss)

    def _choose_engine(self, wanted: str, **limits) -> None:
        if wanted not in ("auto", "warm", "batch"):
            raise ValueError(f"engine must be auto, warm or batch, not {wanted!r}")
        if wanted == "batch":
            return
        python = _soffice.uno_python(self.soffice)
        if python is None:
            self.note = _soffice.NO_UNO_NOTE
            if wanted == "warm":
                raise EnvironmentFailure(self.note)
            return
        from .warm import WarmPool

        self.warm = WarmPool(self.soffice, python, workers=self.workers,
                             timeout_per_doc=self.timeout_per_doc, pdfa=self.pdfa,
                             profile_root=self._profile_root, session=self._session, **limits)
        self.engine = "warm"

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> "PdfConverter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def start(self, wait: bool = True) -> "PdfConverter":
        """Start the warm LibreOffice processes now rather than at the first document; with
        `wait=False` they start in the background (documents given meanwhile wait for them)."""
        if self.warm is not None:
            try:
                self.warm.start(wait=wait)
            except Exception as exc:  # noqa: BLE001 - any start failure: the batch engine
                self._fall_back(exc)
        return self

    def _fall_back(self, exc: BaseException) -> None:
        from .warm import WarmUnavailable

        if self.warm is not None:
            self.warm.close()
        self.warm, self.engine = None, "batch"
        self.note = _soffice.WARM_FAILED_NOTE
        if not isinstance(exc, WarmUnavailable):
            self.note += f" ({type(exc).__name__})"

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._kill_running()
        if self.warm is not None:
            self.warm.close()
        shutil.rmtree(self._work, ignore_errors=True)
        if self._session is not None:
            self._session.close()

    def _kill_running(self) -> None:
        self._stop.set()
        with self._lock:
            running = list(self._running)
        for proc in running:
            procs.kill_tree(proc)

    def profile_dir(self, slot: int) -> Path:
        return self._root / f"slot-{slot}"

    # -- public ----------------------------------------------------------------------------
    def convert(self, jobs: list[tuple]) -> list[ConversionResult]:
        """Convert each (docx, pdf_target) — or (docx, pdf_target, odt, key): the same document
        rendered through its template's ODT twin (hoagiai.convert.twins), which the warm engine
        reads instead, several of one key in one load (hoagiai.convert.bundle). Results come back
        in the order of `jobs`."""
        all_jobs = self.make_jobs(jobs)
        todo = missing_inputs(all_jobs)
        if todo and self.warm_ready():
            assert self.warm is not None
            self.warm.convert(todo)
        elif todo:
            self.convert_batches(todo)
        return [j.result() for j in all_jobs]

    def stream(self) -> "ConversionStream":
        """Documents given in parts while the caller is still making them (hoagiai.convert.stream)."""
        from .stream import ConversionStream

        return ConversionStream(self)

    def make_jobs(self, jobs: list[tuple], first: int = 0) -> list[Job]:
        """Jobs numbered from `first` for (docx, pdf target[, odt, twin key]) tuples; the twin's
        rendering is dropped for PDF/A, which LibreOffice makes from the DOCX."""
        if self._closed:
            raise RuntimeError("PdfConverter is closed")
        made = [Job(first + i, Path(j[0]), Path(j[1])) for i, j in enumerate(jobs)]
        if not self.pdfa:
            for job, j in zip(made, jobs):
                if len(j) == 4 and j[2] is not None:
                    job.source, job.group = Path(j[2]), str(j[3])
        return made

    def warm_ready(self) -> bool:
        """Is the warm engine running (at least one LibreOffice up)? Documents go to the first
        one up; the others join when ready. If none can start, the batch engine from now on."""
        if self.warm is None:
            return False
        try:
            self.warm.start(wait=False)
            self.warm.wait_started(any_worker=True)
        except Exception as exc:  # noqa: BLE001 - none could start: the batch engine
            self._fall_back(exc)
            return False
        return True

    def convert_bytes(self, docx: bytes, name: str = "văn bản.docx") -> bytes:
        """One document in memory → its PDF's bytes; EnvironmentFailure (Vietnamese) if it fails."""
        folder = Path(tempfile.mkdtemp(prefix="one-", dir=self._work))
        try:
            src = folder / name
            src.write_bytes(docx)
            (result,) = self.convert([(src, folder / "out.pdf")])
            if not result.ok:
                raise EnvironmentFailure(result.error or "Không tạo được PDF.")
            return (folder / "out.pdf").read_bytes()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def convert_batches(self, todo: list[Job]) -> None:
        """The batch engine: `todo` through `soffice --convert-to` batches (module docstring)."""
        per_batch = min(self.batch_size, math.ceil(len(todo) / self.workers))
        batches: queue.SimpleQueue[list[Job]] = queue.SimpleQueue()
        count = 0
        for start in range(0, len(todo), per_batch):
            batches.put(todo[start:start + per_batch])
            count += 1
        threads = [
            threading.Thread(target=self._slot_loop, args=(slot, batches), daemon=True)
            for slot in range(min(self.workers, count))
        ]
        for t in threads:
            t.start()
        try:
            for t in threads:
                t.join()
        except BaseException:  # e.g. Ctrl+C: leave no soffice behind
            self._kill_running()
            raise
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure

    # -- one slot --------------------------------------------------------------------------
    def _slot_loop(self, slot: int, batches: "queue.SimpleQueue[list[Job]]") -> None:
        profile = self.profile_dir(slot)
        profile.mkdir(parents=True, exist_ok=True)
        tune(profile)
        while not self._stop.is_set():
            try:
                batch = batches.get_nowait()
            except queue.Empty:
                return
            try:
                failed = self._run(slot, profile, batch)
                for job in failed:  # one by one, once
                    if self._stop.is_set():
                        return
                    self._run(slot, profile, [job])
            except BaseException as exc:  # re-raised by convert() in the calling thread
                with self._lock:
                    self._failure = self._failure or exc
                return

    def _run(self, slot: int, profile: Path, batch: list[Job]) -> list[Job]:
        """One soffice process over `batch`; returns the jobs left without a good PDF."""
        work = Path(tempfile.mkdtemp(prefix=f"s{slot}-", dir=self._work))
        try:
            src, out = work / "in", work / "out"
            src.mkdir()
            out.mkdir()
            names = []
            for n, job in enumerate(batch, 1):
                name = f"doc-{n:04d}"
                try:
                    shutil.copyfile(job.docx, src / f"{name}.docx")
                except OSError as exc:
                    raise EnvironmentFailure(f"Không đọc được tệp Word {job.docx}: {exc.strerror or exc}") from exc
                names.append(name)
                job.attempts += 1
            timeout = self.timeout_per_doc * (len(batch) + 1)  # +1: process start-up
            cmd = _soffice.command(self.soffice, profile, out, [src / f"{n}.docx" for n in names], pdfa=self.pdfa)
            log_path = work / "soffice.log"
            started = time.time()
            outcome = "ok"
            with open(log_path, "wb") as log:
                try:
                    proc = subprocess.Popen(
                        cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                        cwd=work, env=lo_malloc.with_preload(os.environ, lo_malloc.allocator()),
                        **procs.group_kwargs(),
                    )
                except OSError as exc:   # not found / not runnable: "not found", no retry
                    for job in batch:
                        job.error, job.detail = message("missing", job.docx, timeout), str(exc)
                    return []
                (profile / "batch.pid").write_text(str(proc.pid), encoding="ascii")
                with self._lock:
                    self._running.add(proc)
                try:
                    rc = proc.wait(timeout=timeout)
                    if rc in (126, 127):   # the launcher script could not run LibreOffice
                        outcome = "missing"
                    elif rc != 0:
                        outcome = "crash"
                except subprocess.TimeoutExpired:
                    outcome = "timeout"
                    procs.kill_tree(proc)
                finally:
                    with self._lock:
                        self._running.discard(proc)
            elapsed = time.time() - started
            log_text = log_path.read_text("utf-8", "replace")[-2000:]

            failed: list[Job] = []
            previous = started
            for name, job in zip(names, batch):
                pdf = out / f"{name}.pdf"
                finished = pdf.stat().st_mtime if pdf.exists() else started
                published = publish(job, pdf, self.pdfa)
                if published is None:
                    failed.append(job)
                    job.error = message(outcome, job.docx, timeout)
                    job.detail = log_text
                    continue
                job.seconds += max(0.0, min(finished, started + elapsed) - previous)
                previous = max(previous, finished)
            if outcome == "missing":
                failed = []      # retrying cannot find it either
            if failed and outcome == "ok":
                outcome = "incomplete"
            if len(batch) == 1 and failed:
                failed[0].seconds += elapsed
            elif failed:
                share = max(0.0, started + elapsed - previous) / len(failed)
                for job in failed:
                    job.seconds += share
            with self._lock:
                self.batches.append(BatchRecord(slot, len(batch), round(elapsed, 3), outcome))
            return failed
        finally:
            shutil.rmtree(work, ignore_errors=True)
