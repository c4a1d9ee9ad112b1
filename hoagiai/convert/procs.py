"""Process helpers for the converters, POSIX first with a fallback for Windows.

- `group_kwargs()`: Popen arguments putting a child in its own process group (POSIX session;
  Windows CREATE_NEW_PROCESS_GROUP), so that it and everything it starts can be killed at once;
- `kill_tree(proc)`: kill that group (POSIX SIGKILL to the group; Windows `taskkill /T /F`, then
  `terminate()`), and reap the child;
- `alive(pid)`, `rss_bytes(pid)`, `cmdline(pid)`, `start_ticks(pid)`: read from /proc where
  there is one (Linux); elsewhere the answer is None (unknown) and callers skip what needs it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

WINDOWS = sys.platform == "win32"
_PROC = Path("/proc")


def group_kwargs() -> dict:
    if WINDOWS:
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def kill_tree(proc: subprocess.Popen, wait: float = 10) -> None:
    """Kill `proc` and every process of its group; never raises for a process already gone."""
    if WINDOWS:
        try:
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(proc.pid)], capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            pass
        try:
            proc.terminate()
        except OSError:
            pass
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def kill_pid(pid: int) -> None:
    """Kill one process (and, on POSIX, the group it leads); a process already gone is fine."""
    if WINDOWS:
        try:
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(pid)], capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            pass
        return
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass


def _stat_fields(pid: int) -> list[str] | None:
    try:
        return (_PROC / str(pid) / "stat").read_text(encoding="utf-8", errors="replace").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def has_proc() -> bool:
    return (_PROC / "self" / "stat").exists()


def alive(pid: int) -> bool | None:
    """True/False when known (a zombie is not alive); None where it cannot be told safely."""
    if has_proc():
        fields = _stat_fields(pid)
        return fields is not None and fields[0] not in ("Z", "X")
    if WINDOWS:   # os.kill(pid, 0) would terminate the process on Windows
        return None
    try:
        os.kill(pid, 0)      # signal 0: only asks whether the process exists
    except OSError as exc:
        return isinstance(exc, PermissionError)
    return True


def start_ticks(pid: int) -> int | None:
    """When the process started (clock ticks since boot): tells a reused pid from the original."""
    fields = _stat_fields(pid)
    try:
        return int(fields[19]) if fields else None
    except (ValueError, IndexError):
        return None


def rss_bytes(pid: int) -> int | None:
    try:
        for line in (_PROC / str(pid) / "status").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def cmdline(pid: int) -> str | None:
    try:
        return (_PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return None


def pids_mentioning(text: str) -> list[int]:
    """Processes whose command line contains `text` (Linux; [] elsewhere)."""
    if not has_proc():
        return []
    out = []
    for d in _PROC.iterdir():
        if d.name.isdigit() and int(d.name) != os.getpid():
            line = cmdline(int(d.name))
            if line and text in line and alive(int(d.name)):
                out.append(int(d.name))
    return out
