"""Warm converters: long-lived LibreOffice processes driven over UNO, fed from one queue.

Each worker is a small process running `uno_worker.py` under the Python that has LibreOffice's
`uno` module (see soffice.uno_python); it starts one soffice with a private profile and converts
document after document without restarting it. Documents go into one shared queue and whichever
worker is free takes the next, so no core waits for a fixed batch to end.

Jobs that carry their ODT twin's rendering (hoagiai.convert.twins) are read as ODT, and those of one
twin key go as bundles (`plan`: at most BUNDLE_MAX documents each, even sizes, largest first):
one LibreOffice load per bundle, its PDF cut back per document (hoagiai.convert.bundle). A bundle
that fails in any way — LibreOffice crashing or hanging on it, a bookmark missing, a piece that is
not a complete PDF — puts each of its documents back in the queue alone, without counting an
attempt; a document converted alone reads its ODT first and its DOCX on the retry.

Faults: a document that takes longer than `timeout_per_doc` (a hang), or whose LibreOffice dies
(a crash), gets its worker's whole process group killed; the worker is replaced, and the document
goes back in the queue once, for whichever LibreOffice is free next (the other worker or the
replacement). A worker is also replaced, between documents, after `max_docs` documents or when
its LibreOffice grows past `max_rss` bytes (Linux; elsewhere only the count applies). The PDF is
written to a private folder, checked (complete, PDF/A declared when asked) and moved atomically
to its target: a target is never half-written.

Long-running processes (the web app's server) keep one converter warm for the whole process:

    from hoagiai.convert.shared import shared_converter
    pdf_bytes = shared_converter().convert_bytes(docx_bytes)   # no LibreOffice start per call

    from hoagiai.convert.shared import warm_converter
    with warm_converter(workers=2) as conv:          # started now, closed on exit
        results = conv.convert([(docx, pdf), ...])

Both give a `PdfConverter` (hoagiai.convert.converter): warm when UNO is available, otherwise the
batch converter, with `conv.engine` ("warm"/"batch") and `conv.note` saying why.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from . import lo_malloc, procs
from .jobs import Job, message, publish
from .lo_profiles import Session

WORKER_SCRIPT = Path(__file__).with_name("uno_worker.py")


class WarmUnavailable(Exception):
    """No warm LibreOffice could be started (English detail; the caller falls back)."""


#: documents per LibreOffice load (hoagiai.convert.bundle). Each load has a fixed cost, and each
#: document in a load a cost that grows with the pages before it (Writer walks every page at
#: each page-style change: SwRootFrame::CheckViewLayout). For a city's 1–3-page documents 64 per
#: load beat 16 by 3.5 % (fifth look); once the twins got leaner, 32 beat 64 by 3 % of
#: LibreOffice's CPU (seventh look). The 50-row decisions showed no difference from 8 to 30.
BUNDLE_MAX = 32
#: a stream sends a smaller bundle (at least this many) when a LibreOffice has nothing to do
BUNDLE_MIN = 16


class _Task:
    """One document, or (`bundle`) several of one twin key converted in one load."""

    def __init__(self, job: Job, call: "_Call", bundle: list[Job] | None = None):
        self.job, self.call, self.bundle = job, call, bundle


def plan(jobs: list[Job], workers: int) -> list[list[Job]]:
    """The order of work: bundles of the jobs that have a twin rendering, by key, at most
    BUNDLE_MAX each and of even sizes, largest first (so no LibreOffice sits idle at the end),
    then the other jobs one by one."""
    groups: dict[str, list[Job]] = {}
    singles: list[list[Job]] = []
    for job in jobs:
        if job.source is not None and job.group:
            groups.setdefault(job.group, []).append(job)
        else:
            singles.append([job])
    bundles: list[list[Job]] = []
    for members in groups.values():
        parts = max(-(-len(members) // BUNDLE_MAX), min(workers, len(members) // 4 or 1))
        size = -(-len(members) // parts)
        bundles += [members[i:i + size] for i in range(0, len(members), size)]
    bundles.sort(key=len, reverse=True)
    return bundles + singles


class _Call:
    """The documents one caller waits for. A sealed call is done when none is left; an open one
    (a stream, still being given documents) only once it is sealed too."""

    def __init__(self, n: int, sealed: bool = True):
        self.left, self.sealed = n, sealed
        self.lock, self.done = threading.Lock(), threading.Event()
        self.finished: queue.SimpleQueue[Job] = queue.SimpleQueue()   # each job once it is done
        self._check()

    def _check(self) -> None:
        if self.sealed and self.left <= 0:
            self.done.set()

    def grow(self, n: int) -> None:
        with self.lock:
            self.left += n

    def seal(self) -> None:
        with self.lock:
            self.sealed = True
            self._check()

    def finish(self, job: Job) -> None:
        """`job` is done (converted, or failed for good)."""
        self.finished.put(job)
        with self.lock:
            self.left -= 1
            self._check()


class _Worker:
    """One uno_worker process and its LibreOffice; started on first use, replaced on faults."""

    def __init__(self, pool: "WarmPool", slot: int):
        self.pool, self.slot = pool, slot
        self.proc: subprocess.Popen | None = None
        self.soffice_pid: int | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.docs = 0
        self.generation = 0
        self.attempted = threading.Event()    # set once the first start succeeded or failed
        self.profile: Path | None = None

    def ensure(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        self.stop()
        pool = self.pool
        self.generation += 1
        self.profile = pool.session.profile(f"w{self.slot}-{self.generation}")
        config = {"soffice": pool.soffice, "profile": str(self.profile),
                  "pipe": f"hoagiai-{uuid.uuid4().hex[:12]}", "start_timeout": pool.start_timeout,
                  "ld_preload": lo_malloc.with_preload(os.environ, lo_malloc.allocator()).get("LD_PRELOAD")}
        log = open(self.profile / "worker.log", "ab")
        try:
            self.proc = subprocess.Popen([pool.python, str(WORKER_SCRIPT), json.dumps(config)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                         cwd=self.profile, **procs.group_kwargs())
        except OSError as exc:
            raise WarmUnavailable(f"cannot run {pool.python}: {exc}") from exc
        finally:
            log.close()
        (self.profile / "worker.pid").write_text(str(self.proc.pid), encoding="ascii")
        self.lines = queue.Queue()
        threading.Thread(target=self._read, args=(self.proc, self.lines), daemon=True).start()
        reply = self._reply(pool.start_timeout + 5)
        if not reply or not reply.get("ready"):
            self.stop()
            why = (reply or {}).get("error") or "no answer"
            raise WarmUnavailable(f"LibreOffice did not start over UNO: {why}")
        self.soffice_pid, self.docs = reply.get("pid"), 0
        pool.started += 1
        pool.session.keep_as_seed(self.profile)

    @staticmethod
    def _read(proc: subprocess.Popen, lines: "queue.Queue[str | None]") -> None:
        for line in proc.stdout or ():
            lines.put(line.decode("utf-8", "replace"))
        lines.put(None)

    def _reply(self, timeout: float) -> dict | None:
        """The worker's next JSON line; None on end of output; raises queue.Empty on timeout."""
        line = self.lines.get(timeout=timeout)
        return None if line is None else json.loads(line)

    def run(self, job: Job, out: Path, src: Path | None = None, marks: bool = False,
            timeout: float | None = None) -> tuple[str, str | None]:
        """Convert one document — or a bundle, `src` an ODT with bookmarks to keep (`marks`):
        ("ok", None) or (outcome, English detail)."""
        src = src or job.docx
        request = {"id": job.index, "src": str(src.absolute()), "dst": str(out), "pdfa": self.pool.pdfa}
        if src.suffix == ".odt":
            request["filter"] = "writer8"
        if marks:
            request["marks"] = True
        timeout = timeout or self.pool.timeout_per_doc
        stdin = self.proc.stdin if self.proc is not None else None
        if stdin is None:
            return "crash", "the worker is not running"
        try:
            stdin.write((json.dumps(request) + "\n").encode())
            stdin.flush()
            reply = self._reply(timeout)
        except queue.Empty:
            self.stop("timeout")
            return "timeout", f"no answer in {timeout:.0f} s"
        except (OSError, ValueError) as exc:
            self.stop("crash")
            return "crash", str(exc)
        if reply is None:
            self.stop("crash")
            return "crash", "the worker ended"
        if reply.get("ok"):
            self.docs += 1
            self._recycle_if_due()
            return "ok", None
        if reply.get("fatal"):
            self.stop("crash")
            return "crash", reply.get("error")
        return "failed", reply.get("error")

    def _recycle_if_due(self) -> None:
        pool = self.pool
        rss = procs.rss_bytes(self.soffice_pid) if self.soffice_pid else None
        if self.docs >= pool.max_docs:
            self.stop("documents")
        elif rss is not None and rss > pool.max_rss:
            self.stop("memory")

    def stop(self, reason: str | None = None) -> None:
        if self.proc is not None:
            with contextlib.suppress(OSError):
                if self.proc.stdin is not None:
                    self.proc.stdin.close()
            procs.kill_tree(self.proc)
            self.proc = None
            if reason:
                self.pool.restarts.append((self.slot, reason))
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None


class WarmPool:
    """`workers` warm LibreOffice processes behind one queue (see the module docstring)."""

    def __init__(self, soffice: str, python: str, workers: int = 2, timeout_per_doc: float = 60,
                 pdfa: bool = False, max_docs: int = 500, max_rss: int = 1 << 30,
                 start_timeout: float = 60, profile_root: Path | None = None,
                 session: Session | None = None):
        self.soffice, self.python = soffice, python
        self.timeout_per_doc, self.pdfa = float(timeout_per_doc), pdfa
        self.max_docs, self.max_rss, self.start_timeout = max_docs, max_rss, start_timeout
        self._owns_session = session is None
        self.session = Session(profile_root) if session is None else session
        self.work = Path(tempfile.mkdtemp(prefix="hoagiai-warm-"))
        self.workers = [_Worker(self, slot) for slot in range(workers)]
        self.restarts: list[tuple[int, str]] = []   # (slot, "timeout"|"crash"|"documents"|"memory")
        self.started = 0
        self.bundles: list[int] = []     # sizes of the bundles converted
        self.bundles_undone = 0          # documents of failed bundles, converted alone instead
        self.bundle_errors: list[str] = []   # why those bundles failed (English, for --debug/benchmarks)
        self._start_errors: list[WarmUnavailable] = []
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._waiting = 0                # workers up and waiting for a task
        self._threads: list[threading.Thread] = []
        self._closed = False
        self._lock = threading.Lock()

    def start(self, wait: bool = True) -> None:
        """Start every worker now, in parallel, each in its own thread (which then takes documents
        from the queue as soon as its LibreOffice is up). With `wait`, return once every worker
        has started or failed to; WarmUnavailable if none could."""
        with self._lock:
            if not self._threads:
                self._threads = [threading.Thread(target=self._loop, args=(w,), daemon=True)
                                 for w in self.workers]
                for t in self._threads:
                    t.start()
        if wait:
            self.wait_started()

    def wait_started(self, any_worker: bool = False) -> None:
        """Wait until every worker (or, with `any_worker`, the first) has started, or all failed."""
        while not all(w.attempted.is_set() for w in self.workers):
            if any_worker and self.started:
                return
            time.sleep(0.005)
        if self.started == 0:
            raise self._start_errors[0] if self._start_errors else WarmUnavailable("no worker started")

    def convert(self, jobs: list[Job]) -> None:
        """Run `jobs` (already checked to exist); fills each job's outcome."""
        stream = self.stream()
        stream.add(jobs, hold=True)
        stream.wait()

    def stream(self) -> "WarmStream":
        """Jobs given in parts while the caller makes them (`add`), then `wait`."""
        if self._closed:
            raise RuntimeError("WarmPool is closed")
        self.start(wait=False)
        return WarmStream(self)

    def idle(self) -> bool:
        """Is a LibreOffice up with nothing to do, and nothing queued?"""
        with self._lock:
            return self._waiting > 0 and self._queue.empty()

    def _put(self, work: list[Job], call: "_Call") -> None:
        self._queue.put(_Task(work[0], call, work if len(work) > 1 else None))

    def _loop(self, worker: _Worker) -> None:
        try:
            worker.ensure()
        except WarmUnavailable as exc:   # this one never takes a document
            self._start_errors.append(exc)
            return
        finally:
            worker.attempted.set()
        while True:
            with self._lock:
                self._waiting += 1
            try:
                task = self._queue.get()
            finally:
                with self._lock:
                    self._waiting -= 1
            if task is None:
                return
            try:
                self._process(worker, task)
            except BaseException as exc:  # noqa: BLE001 - never leave a caller waiting
                task.job.error = task.job.error or f"Không tạo được PDF: {exc}"
                task.call.finish(task.job)

    def _process(self, worker: _Worker, task: _Task) -> None:
        if task.bundle:
            self._process_bundle(worker, task)
            return
        job = task.job
        job.attempts += 1
        out = self.work / f"{uuid.uuid4().hex}.pdf"
        started = time.perf_counter()
        # the twin's rendering first; a retry reads the DOCX itself
        src = job.source if job.source is not None and job.attempts == 1 else None
        try:
            worker.ensure()
            outcome, detail = worker.run(job, out, src)
        except WarmUnavailable as exc:
            outcome, detail = "crash", str(exc)
        job.seconds += time.perf_counter() - started
        if outcome == "ok":
            published = publish(job, out, self.pdfa)
            if published is not None:
                task.call.finish(job)
                return
            outcome, detail = "incomplete", "the PDF is missing or cut short"
        out.unlink(missing_ok=True)
        job.error, job.detail = message(outcome, job.docx, self.timeout_per_doc), detail
        if job.attempts < 2 and not self._closed:
            self._queue.put(task)      # once more, on whichever LibreOffice is free next
        else:
            task.call.finish(job)

    def _process_bundle(self, worker: _Worker, task: _Task) -> None:
        """Several documents in one load, cut apart after; if anything about the bundle goes
        wrong, each of its documents goes back in the queue alone (no attempt is counted)."""
        from .bundle import join_titled, split

        jobs = task.bundle or []
        name = uuid.uuid4().hex
        src, out = self.work / f"{name}.odt", self.work / f"{name}.pdf"
        pieces = [self.work / f"{name}-{i}.pdf" for i in range(len(jobs))]
        started = time.perf_counter()
        ok = False
        try:
            odts = [j.source.read_bytes() for j in jobs if j.source is not None]
            joined, titles = join_titled(odts)
            src.write_bytes(joined)
            worker.ensure()
            outcome, detail = worker.run(jobs[0], out, src, marks=True,
                                         timeout=self.timeout_per_doc + 2 * len(jobs))
            if outcome == "ok":
                split(out, len(jobs), titles, pieces)
                ok = True
            else:
                self.bundle_errors.append(f"{outcome}: {detail}")
        except Exception as exc:  # noqa: BLE001 - BundleError, OSError, …: the documents go alone
            self.bundle_errors.append(f"{type(exc).__name__}: {exc}")
        share = (time.perf_counter() - started) / len(jobs)
        if ok:
            self.bundles.append(len(jobs))
        for job, piece in zip(jobs, pieces):
            job.seconds += share
            try:
                published = ok and publish(job, piece, self.pdfa)
            except OSError as exc:        # the target cannot be written: let it fail alone
                self.bundle_errors.append(f"{type(exc).__name__}: {exc}")
                published = False
            if published:
                job.attempts += 1
                task.call.finish(job)
            elif not self._closed:
                self.bundles_undone += 1
                self._queue.put(_Task(job, task.call))
            else:
                job.error = job.error or message("crash", job.docx, self.timeout_per_doc)
                task.call.finish(job)
        for p in (src, out, *pieces):
            p.unlink(missing_ok=True)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for _ in self._threads:
            self._queue.put(None)
        for w in self.workers:
            w.stop()
        shutil.rmtree(self.work, ignore_errors=True)
        if self._owns_session:
            self.session.close()


class WarmStream:
    """Documents handed over while the caller is still making them — a multi-unit build gives
    each unit's documents as soon as that unit is built, so LibreOffice works while the other
    units render. A twin key's documents wait until BUNDLE_MAX of them are there and then go as
    one bundle — or BUNDLE_MIN, when a LibreOffice is idle; `wait` plans what is left (`plan`)
    and returns once every document is done."""

    def __init__(self, pool: WarmPool):
        self.pool = pool
        self.call = _Call(0, sealed=False)
        self.pending: dict[str, list[Job]] = {}
        self._lock = threading.Lock()

    def add(self, jobs: list[Job], hold: bool = False) -> None:
        """Queue `jobs` (already checked to exist); full bundles start now. With `hold`, nothing
        is queued before `wait` (a caller that gives every job at once gets `plan`'s even split)."""
        with self._lock:
            if self.call.sealed:
                raise RuntimeError("the stream was sealed: no more jobs")
            self.call.grow(len(jobs))
            for job in jobs:
                if job.source is None or not job.group:
                    if hold:
                        self.pending.setdefault("", []).append(job)
                    else:
                        self.pool._put([job], self.call)
                    continue
                members = self.pending.setdefault(job.group, [])
                members.append(job)
                if len(members) >= BUNDLE_MAX and not hold:
                    self.pool._put(members, self.call)
                    del self.pending[job.group]
            if not hold:
                self._feed_idle()

    def _feed_idle(self) -> None:
        """A LibreOffice waiting while the renderers are still at work (the first units, or a
        renderer blocked writing its files): give it the largest key's documents now if there
        are BUNDLE_MIN of them, rather than leave its core unused until BUNDLE_MAX are there."""
        if not self.pool.idle():
            return
        key = max((k for k in self.pending if k), key=lambda k: len(self.pending[k]), default=None)
        if key is not None and len(self.pending[key]) >= BUNDLE_MIN:
            self.pool._put(self.pending.pop(key), self.call)

    def finished(self) -> list[Job]:
        """The jobs done since the last call (converted, or failed for good)."""
        done = []
        while True:
            try:
                done.append(self.call.finished.get_nowait())
            except queue.Empty:
                return done

    def seal(self) -> None:
        """No more jobs: plan what is left and queue it."""
        with self._lock:
            if self.call.sealed:
                return
            rest = [job for members in self.pending.values() for job in members]
            self.pending.clear()
            for work in plan(rest, len(self.pool.workers)):
                self.pool._put(work, self.call)
            self.call.seal()

    def wait(self, timeout: float | None = None) -> bool:
        """Seal, then wait until every job is done (True) or `timeout` seconds pass (False)."""
        self.seal()
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while not self.call.done.wait(0.2 if deadline is None else
                                          max(0.0, min(0.2, deadline - time.monotonic()))):
                if deadline is not None and time.monotonic() >= deadline:
                    return False
        except BaseException:   # e.g. Ctrl+C: leave no LibreOffice behind
            self.pool.close()
            raise
        return True


# -- one converter for a long-running process -----------------------------------------------------
