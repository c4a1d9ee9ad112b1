"""PdfConverter: many .docx → PDF through a small pool of LibreOffice processes.

Why this shape (measured on a 2-core machine): starting soffice costs ~0.9 s per call, so
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
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_path
from ..errors import EnvironmentFailure
from . import soffice as _soffice
from .pdfcheck import looks_complete, pdfa_part


@dataclass
class ConversionResult:
    docx: Path
    pdf: Path | None          # the target, when ok
    ok: bool
    error: str | None         # Vietnamese, for the clerk
    seconds: float            # this document's share of converter time, all attempts
                              # (in a batch the first document also carries process start-up)
    attempts: int
    detail: str | None = None  # converter output for --debug (English, from LibreOffice)


@dataclass(frozen=True)
class BatchRecord:
    """One soffice run, for timing reports."""

    slot: int
    documents: int
    seconds: float
    outcome: str              # "ok" | "timeout" | "crash" | "incomplete"


@dataclass
class _Job:
    index: int
    docx: Path
    target: Path
    seconds: float = 0.0
    attempts: int = 0
    done: bool = False
    error: str | None = None
    detail: str | None = None


class PdfConverter:
    """Convert .docx files to PDF; use as a context manager (profiles are removed on close)."""

    def __init__(
        self,
        workers: int = 2,
        batch_size: int = 20,
        timeout_per_doc: float = 60,
        profile_root: Path | None = None,
        pdfa: bool = False,
    ):
        if workers < 1 or batch_size < 1 or timeout_per_doc <= 0:
            raise ValueError("workers, batch_size and timeout_per_doc must be positive")
        self.soffice = _soffice.require_soffice()
        self.workers = workers
        self.batch_size = batch_size
        self.timeout_per_doc = float(timeout_per_doc)
        self.pdfa = pdfa
        self.batches: list[BatchRecord] = []
        self._owns_root = profile_root is None
        self._root = Path(tempfile.mkdtemp(prefix="hoagiai-lo-")) if profile_root is None else Path(profile_root)
        self._work = Path(tempfile.mkdtemp(prefix="hoagiai-pdf-"))
        self._lock = threading.Lock()
        self._closed = False
        self._failure: BaseException | None = None
        self._running: set[subprocess.Popen] = set()  # killed on close / interrupt
        self._stop = threading.Event()

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> "PdfConverter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._kill_running()
        shutil.rmtree(self._work, ignore_errors=True)
        if self._owns_root:
            shutil.rmtree(self._root, ignore_errors=True)

    def _kill_running(self) -> None:
        self._stop.set()
        with self._lock:
            running = list(self._running)
        for proc in running:
            _kill_group(proc)

    def profile_dir(self, slot: int) -> Path:
        return self._root / f"slot-{slot}"

    # -- public ----------------------------------------------------------------------------
    def convert(self, jobs: list[tuple[Path, Path]]) -> list[ConversionResult]:
        """Convert each (docx, pdf_target); results come back in the order of `jobs`."""
        if self._closed:
            raise RuntimeError("PdfConverter is closed")
        all_jobs = [_Job(i, Path(d), Path(t)) for i, (d, t) in enumerate(jobs)]
        todo = []
        for job in all_jobs:
            if job.docx.is_file():
                todo.append(job)
            else:
                job.error = f"Không tìm thấy tệp Word {job.docx}, nên không tạo được PDF."
        if todo:
            per_batch = min(self.batch_size, math.ceil(len(todo) / self.workers))
            batches: queue.SimpleQueue[list[_Job]] = queue.SimpleQueue()
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
        return [
            ConversionResult(
                docx=j.docx,
                pdf=j.target if j.done else None,
                ok=j.done,
                error=None if j.done else (j.error or "Không tạo được PDF (lỗi không rõ)."),
                seconds=round(j.seconds, 3),
                attempts=j.attempts,
                detail=j.detail,
            )
            for j in all_jobs
        ]

    # -- one slot --------------------------------------------------------------------------
    def _slot_loop(self, slot: int, batches: "queue.SimpleQueue[list[_Job]]") -> None:
        profile = self.profile_dir(slot)
        profile.mkdir(parents=True, exist_ok=True)
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

    def _run(self, slot: int, profile: Path, batch: list[_Job]) -> list[_Job]:
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
                proc = subprocess.Popen(
                    cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    cwd=work, start_new_session=True,
                )
                with self._lock:
                    self._running.add(proc)
                try:
                    rc = proc.wait(timeout=timeout)
                    if rc != 0:
                        outcome = "crash"
                except subprocess.TimeoutExpired:
                    outcome = "timeout"
                    _kill_group(proc)
                finally:
                    with self._lock:
                        self._running.discard(proc)
            elapsed = time.time() - started
            log_text = log_path.read_text("utf-8", "replace")[-2000:]

            failed: list[_Job] = []
            previous = started
            for name, job in zip(names, batch):
                pdf = out / f"{name}.pdf"
                if not looks_complete(pdf):
                    failed.append(job)
                    job.error = _message(outcome, job.docx, timeout)
                    job.detail = log_text
                    continue
                finished = pdf.stat().st_mtime
                job.seconds += max(0.0, min(finished, started + elapsed) - previous)
                previous = max(previous, finished)
                if self.pdfa and pdfa_part(pdf) != 2:
                    job.error = (f"LibreOffice không tạo được PDF/A-2b cho tệp {job.docx.name} "
                                 "(cần LibreOffice 7.4 trở lên).")
                    continue  # retrying would not help
                with atomic_path(job.target) as tmp:
                    shutil.copyfile(pdf, tmp)
                job.done, job.error, job.detail = True, None, None
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


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _message(outcome: str, docx: Path, timeout: float) -> str:
    if outcome == "timeout":
        return (f"Quá thời gian chuyển sang PDF ({timeout:.0f} giây): LibreOffice bị treo "
                f"khi xử lý tệp {docx.name}.")
    if outcome == "crash":
        return f"LibreOffice dừng bất thường khi chuyển tệp {docx.name} sang PDF."
    return (f"LibreOffice không tạo được PDF cho tệp {docx.name} "
            "(tệp Word có thể bị hỏng hoặc không mở được).")
