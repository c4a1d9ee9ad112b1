"""Builds outside the request: one child process per build, one build per unit at a time.

The child (hoagiai.web.worker) runs in its own session / process group, so stopping it also
stops the LibreOffice it started. Its progress arrives as JSON lines, read by a thread here.
Job records are kept under `outputs/.hoagiai/jobs/`; a record left `queued`/`running` by a
server that died is marked failed at the next start (abandoned)."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_text

ABANDONED = "Bản dựng bị dừng vì máy chủ đã tắt hoặc khởi động lại; hãy dựng lại."
STOPPED = "Bản dựng bị dừng vì máy chủ đang tắt."


class Busy(Exception):
    """Some units are building: a build of the whole workspace must wait."""


@dataclass
class Job:
    id: str
    unit: str | None
    who: str | None
    spec: dict[str, Any]
    state: str = "queued"
    done: int = 0
    total: int = 0
    result: dict | None = None
    code: int | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "progress": {"done": self.done, "total": self.total},
                "result": self.result, "error": self.error}


@dataclass
class _Running:
    job: Job
    proc: subprocess.Popen
    thread: threading.Thread | None = None


class JobManager:
    def __init__(self, outputs: Path, on_finish=None):
        self.dir = outputs / ".hoagiai" / "jobs"
        self._jobs: dict[str, Job] = {}
        self._running: dict[str | None, _Running] = {}
        self._lock = threading.Lock()
        self._stopping = False
        self.on_finish = on_finish
        self._recover()

    # ------------------------------------------------------------------ records
    def _save(self, job: Job) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        write_text(self.dir / f"{job.id}.json", json.dumps(asdict(job), ensure_ascii=False, default=str))

    def _recover(self) -> None:
        if not self.dir.is_dir():
            return
        for p in self.dir.glob("*.json"):
            try:
                job = Job(**json.loads(p.read_text(encoding="utf-8")))
            except (ValueError, TypeError):
                continue
            if job.state in ("queued", "running"):
                job.state, job.error = "failed", ABANDONED
                self._save(job)
            self._jobs[job.id] = job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def running(self, unit: str | None) -> Job | None:
        """The build that writes this unit's outputs now (its own, or the whole workspace's)."""
        r = self._running.get(unit) or self._running.get(None)
        if r is None and unit is None and self._running:
            r = next(iter(self._running.values()))
        return r.job if r else None

    # ------------------------------------------------------------------ start
    def start(self, unit: str | None, spec: dict[str, Any], who: str | None) -> tuple[Job, bool]:
        """(job, joined): a unit already building answers with its running job."""
        with self._lock:
            if self._stopping:
                raise RuntimeError("stopping")
            if unit in self._running:
                return self._running[unit].job, True
            if None in self._running:           # the whole workspace is building: join it
                return self._running[None].job, True
            if unit is None and self._running:  # a whole build waits for the units' builds
                raise Busy(", ".join(sorted(str(u) for u in self._running)))
            job = Job(id=secrets.token_urlsafe(16), unit=unit, who=who, spec=spec)
            self._jobs[job.id] = job
            self._save(job)
            proc = _spawn(spec)
            job.state = "running"
            self._save(job)
            run = _Running(job, proc)
            self._running[unit] = run
        run.thread = threading.Thread(target=self._follow, args=(run,), daemon=True)
        run.thread.start()
        return job, False

    def _follow(self, run: _Running) -> None:
        job = run.job
        assert run.proc.stdout is not None      # spawned with stdout=PIPE
        for line in run.proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            ev = msg.get("event")
            if ev == "start":
                job.total += int(msg.get("total", 0))
            elif ev == "document":
                job.done += 1
            elif "result" in msg:
                job.result, job.code = msg["result"], msg.get("code", 0)
            elif "error" in msg:
                job.error, job.code = msg["error"], msg.get("code", 3)
        run.proc.wait()
        if job.result is not None:
            job.state = "done"
        else:
            job.state = "failed"
            job.error = job.error or (STOPPED if self._stopping else
                                      "Bản dựng dừng giữa chừng (tiến trình dựng đã thoát).")
        self._save(job)
        with self._lock:
            self._running.pop(job.unit, None)
        if self.on_finish:
            self.on_finish(job)

    # ------------------------------------------------------------------ stop
    def stop_all(self, timeout: float = 10.0) -> None:
        """Stop every running build and its children (LibreOffice); wait for the records."""
        with self._lock:
            self._stopping = True
            runs = list(self._running.values())
        for run in runs:
            _kill_group(run.proc, signal.SIGTERM)
        for run in runs:
            try:
                run.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                _kill_group(run.proc, getattr(signal, "SIGKILL", signal.SIGTERM))
                run.proc.wait()
            if run.thread:
                run.thread.join(timeout)
        if runs:
            _sweep_libreoffice()


def _sweep_libreoffice() -> None:
    """LibreOffice left by a build that had to be killed outright (it could not close its own
    converter): the sessions whose owner is gone are killed and removed (lo_profiles.sweep)."""
    from ..convert import lo_profiles

    try:
        lo_profiles.sweep()
    except OSError:
        pass


def _spawn(spec: dict[str, Any]) -> subprocess.Popen:
    kw: dict[str, Any] = {}
    if os.name == "posix":
        kw["start_new_session"] = True
    else:   # Windows: a new process group, stopped with CTRL_BREAK / terminate
        kw["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.Popen([sys.executable, "-m", "hoagiai.web.worker", json.dumps(spec)],
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            encoding="utf-8", env=env, **kw)


def _kill_group(proc: subprocess.Popen, sig: int) -> None:
    if proc.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(proc.pid, sig)
        else:
            proc.terminate()
    except (ProcessLookupError, PermissionError):
        pass
