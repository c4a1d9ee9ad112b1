"""The few places where Linux, macOS and Windows differ, each with its fallback.

- the console: Vietnamese output must not fail on a Windows console or pipe whose encoding
  is a legacy code page (`utf8_console`);
- worker processes: the multiprocessing start method, forced with HOAGIAI_MP_START
  (`spawn` is what Windows and macOS use; CI runs the process tests that way) (`mp_context`);
- "is this process still running?" without `os.kill(pid, 0)`, which on Windows would send
  Ctrl+C to it (`pid_alive`);
- renaming a file over another while a reader (Word, an antivirus) holds it open, which
  Windows refuses for a moment (`replace`).

Rule for the whole package (tests/test_portability.py checks it): a POSIX-only call sits under
an `os.name` / `sys.platform` / `hasattr` guard or a `try … except ImportError/AttributeError`.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

START_METHOD_ENV = "HOAGIAI_MP_START"
START_METHODS = ("spawn", "fork", "forkserver")
WINDOWS = os.name == "nt"
#: pauses between attempts when Windows refuses a rename because a reader holds the file
REPLACE_PAUSES = (0.05, 0.1, 0.2, 0.4, 0.8, 1.5)


def utf8_console(streams: tuple[Any, ...] | None = None) -> None:
    """Make stdout/stderr write UTF-8 when their encoding cannot carry Vietnamese (a Windows
    code page such as cp1252, or an ASCII locale); streams without `reconfigure` are left."""
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):   # a stream already written to in another encoding
                pass


def start_method() -> str | None:
    """The start method forced by HOAGIAI_MP_START, or None for the platform's default."""
    value = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if not value:
        return None
    if value not in START_METHODS:
        from .errors import ConfigError

        raise ConfigError(f"Biến môi trường {START_METHOD_ENV}={value!r} không hợp lệ; "
                          f"dùng một trong: {', '.join(START_METHODS)}.")
    if value != "spawn" and WINDOWS:
        return "spawn"   # the only method Windows has
    return value


def mp_context():
    """The multiprocessing context every process pool of hoagiai uses."""
    import multiprocessing

    return multiprocessing.get_context(start_method())


def process_pool(max_workers: int):
    """A ProcessPoolExecutor using `mp_context()`."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=max_workers, mp_context=mp_context())


def pid_alive(pid: int) -> bool:
    """Is process `pid` running? (Unsure counts as running: nothing of it gets removed.)"""
    if WINDOWS:
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)   # signal 0 only checks; POSIX branch of the WINDOWS guard above
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    if sys.platform != "win32":   # called only under WINDOWS (pid_alive); lets mypy read the Windows API
        raise OSError("Windows only")
    import ctypes
    from ctypes import wintypes

    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == access_denied   # it exists, it is someone else's
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def replace(src: str | os.PathLike, dst: str | os.PathLike, *, retry: bool | None = None,
            sleep: Callable[[float], None] = time.sleep) -> None:
    """os.replace, retried for a moment on PermissionError when `retry` (on Windows, where a
    file held open by another program cannot be replaced until it lets go). The last error
    is raised unchanged."""
    pauses = REPLACE_PAUSES if (WINDOWS if retry is None else retry) else ()
    for pause in pauses:
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            sleep(pause)
    os.replace(src, dst)


def ordinary_permissions(fd: int) -> None:
    """Give a file made by mkstemp (0600) the permissions of any new file (0666 minus the
    umask). Windows has no such permission bits (and os.fchmod only from Python 3.13)."""
    if hasattr(os, "fchmod") and not WINDOWS:
        os.fchmod(fd, 0o666 & ~_UMASK)


def _read_umask() -> int:
    # read once, at import: setting it back and forth later would race with writer threads
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
