"""One writer at a time per workspace: a lock file `outputs/.hoagiai/lock`.

`build`, `issue` and the annotated copies of `validate` write into `outputs/`; two of them at
once would race on the state database and on the same files. The lock is an OS lock on an
open file (`fcntl.flock` on POSIX, `msvcrt.locking` on Windows), so the operating system
releases it when the process ends, however it ends (even SIGKILL): there is no stale lock to
clean. The file itself stays; its content (process id, command, start time) only tells the
clerk who holds it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import EnvironmentFailure, os_error_text

if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt
else:  # POSIX
    import fcntl

#: how long a second command waits for the first before giving up (seconds)
WAIT_SECONDS = 2.0
_POLL = 0.1
LOCK_NAME = "lock"

WHAT = {"build": "dựng văn bản (build)", "issue": "ban hành văn bản (issue)",
        "validate": "ghi bản đánh dấu lỗi (validate)"}


class WorkspaceBusy(EnvironmentFailure):
    """Another process holds the workspace's lock (exit 3)."""


def lock_path(outputs: Path) -> Path:
    return Path(outputs) / ".hoagiai" / LOCK_NAME


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform != "win32":
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows: lock the first byte, non-blocking
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform != "win32":
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:  # pragma: no cover - Windows
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass


def _holder(path: Path) -> str:
    """Who holds the lock, as the clerk can read it ("" when unknown)."""
    try:
        pid, command, started = path.read_text(encoding="utf-8").split("\n")[:3]
    except (OSError, ValueError, UnicodeDecodeError):
        return ""
    what = WHAT.get(command, command)
    return f" (lệnh {what}, tiến trình {pid}, bắt đầu lúc {started})"


@contextmanager
def workspace_lock(outputs: Path, command: str, wait: float | None = None) -> Iterator[Path]:
    """Hold the workspace's lock while the block runs; wait up to `wait` seconds for it.

    Raises WorkspaceBusy (exit 3) with a Vietnamese message when another command holds it."""
    path = lock_path(outputs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise EnvironmentFailure(f"Không tạo được tệp khóa {path}: {os_error_text(exc)}") from exc
    try:
        deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise WorkspaceBusy(
                    f"Một lệnh khác đang ghi vào thư mục kết quả {outputs}{_holder(path)}. "
                    "Hãy đợi lệnh đó chạy xong rồi chạy lại; không tệp nào bị thay đổi.")
            time.sleep(_POLL)
        started = dt.datetime.now().strftime("%H:%M:%S %d/%m/%Y")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n{command}\n{started}\n".encode("utf-8"))
        try:
            yield path
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
