"""Write files so that nothing is ever half-written: temporary name in the same folder, then rename.

The rename is atomic on every platform; on Windows it is retried for a moment while another
program (Word, an antivirus scanner) holds the old file open, and a file that stays open is
reported by name ("đang được mở trong chương trình khác") with nothing half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import Iterator

from . import oscompat
from .errors import EnvironmentFailure
from .safe_paths import WINDOWS_MAX_PATH


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success rename it over `target`.

    On any exception the temporary file is removed and `target` is untouched. `durable`: the
    bytes reach the disk before the rename (fsync); only scratch files that nothing keeps skip it.
    """
    target = Path(target)
    fd, tmp_path = _temp_beside(target)
    os.close(fd)
    try:
        yield tmp_path
        try:
            if durable:
                with open(tmp_path, "rb+") as fh:
                    os.fsync(fh.fileno())
            oscompat.replace(tmp_path, target)
        except OSError as exc:
            raise _os_failure(target, exc) from exc
    finally:
        _discard(tmp_path)


def _temp_beside(target: Path) -> tuple[int, Path]:
    """A new, open temporary file in `target`'s folder (made if missing): (descriptor, path)."""
    def make() -> tuple[int, str]:
        return tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)

    try:
        try:
            fd, tmp = make()
        except FileNotFoundError:   # the folder is made only when missing: one call less per file
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = make()
    except OSError as exc:
        raise _os_failure(target, exc) from exc
    try:
        oscompat.ordinary_permissions(fd)  # mkstemp makes 0600; outputs are ordinary files
    except OSError as exc:
        os.close(fd)
        _discard(Path(tmp))
        raise _os_failure(target, exc) from exc
    return fd, Path(tmp)


def _discard(tmp: Path) -> None:
    if os.path.lexists(tmp):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def sweep_stale(root: str | os.PathLike) -> list[Path]:
    """Remove temporary files left under `root` by a process that was killed mid-write
    (SIGKILL, power loss). A file whose writer is still running is left alone."""
    removed: list[Path] = []
    root = Path(root)
    if not root.is_dir():
        return removed
    for p in root.rglob(".*.tmp"):
        parts = p.name.split(".")
        pid = next((int(x) for x in reversed(parts[:-1]) if x.isdigit()), None)
        if pid is not None and pid != os.getpid() and oscompat.pid_alive(pid):
            continue
        if pid == os.getpid():
            continue
        with contextlib.suppress(OSError):
            p.unlink()
            removed.append(p)
    return removed


def write_bytes(target: str | os.PathLike, data: bytes, durable: bool = True) -> None:
    """`data` into `target` as `atomic_path` does, through the one descriptor mkstemp opened
    (write, fsync, close: a build writes thousands of files, and reopening each twice showed)."""
    target = Path(target)
    fd, tmp = _temp_beside(target)
    replaced = False
    try:
        try:
            with open(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                if durable:
                    os.fsync(fd)
            oscompat.replace(tmp, target)
            replaced = True
        except OSError as exc:
            raise _os_failure(target, exc) from exc
    finally:
        if not replaced:
            _discard(tmp)


def write_text(target: str | os.PathLike, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def _os_failure(target: Path, exc: OSError) -> EnvironmentFailure:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "ổ đĩa đã đầy"
    elif oscompat.WINDOWS and len(str(target.absolute())) > WINDOWS_MAX_PATH:
        why = (f"đường dẫn dài hơn {WINDOWS_MAX_PATH + 1} ký tự, giới hạn của Windows; hãy chuyển "
               f"thư mục làm việc lên gần gốc ổ đĩa, ví dụ C:\\hoagiai")
    elif oscompat.WINDOWS and isinstance(exc, PermissionError) and target.exists():
        why = ("tệp đang được mở trong chương trình khác (Word, LibreOffice?); "
               "hãy đóng tệp rồi chạy lại")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "không có quyền ghi (thư mục chỉ đọc?)"
    else:
        why = exc.strerror or str(exc)
    return EnvironmentFailure(f"Không ghi được tệp {target}: {why}. Không có tệp nào bị ghi dở.")
