"""Finding LibreOffice (`soffice`) and the Python that can drive it (UNO), and building its
command line.

Where LibreOffice is looked for, in order: `HOAGIAI_SOFFICE` (alone, when set); `soffice` /
`libreoffice` on PATH; the usual install folders of the platform — Linux `/usr/bin`,
`/usr/lib/libreoffice/program`, `/opt/libreoffice*/program`; Windows
`%ProgramFiles%\\LibreOffice\\program\\soffice.exe` and the same under `%ProgramFiles(x86)%`
(no registry needed); macOS `/Applications/LibreOffice.app/Contents/MacOS/soffice` (also under
`~/Applications`).
"""

from __future__ import annotations

import glob
from collections.abc import Mapping
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import EnvironmentFailure

#: environment variable naming the soffice executable; it overrides every other lookup
ENV_VAR = "HOAGIAI_SOFFICE"

_FIXED_PLACES = (
    "/usr/bin/soffice",
    "/usr/bin/libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/usr/local/bin/soffice",
)

INSTALL_HINT = (
    "Cài LibreOffice bằng quyền quản trị (root): "
    "apt-get install libreoffice-writer-nogui fonts-liberation2 "
    f"— hoặc đặt biến môi trường {ENV_VAR} trỏ tới tệp soffice."
)


#: the Python that has LibreOffice's `uno` module, when it is not found by itself
UNO_PYTHON_VAR = "HOAGIAI_UNO_PYTHON"

NO_UNO_NOTE = (
    "Máy này chưa có cầu nối UNO của LibreOffice (gói python3-uno) nên bản PDF được tạo theo lô, "
    "mỗi lô khởi động lại LibreOffice (chậm hơn). Để tạo PDF nhanh hơn, cài bằng quyền quản trị: "
    "apt-get install python3-uno."
)
WARM_FAILED_NOTE = (
    "Không khởi động được LibreOffice để chạy thường trực qua UNO nên bản PDF được tạo theo lô, "
    "mỗi lô khởi động lại LibreOffice (chậm hơn)."
)


_isfile = os.path.isfile     # (tests fake the file system through these two)
_access = os.access


def _runnable(path: str | os.PathLike) -> bool:
    return _isfile(path) and _access(path, os.X_OK)


def _platform_places(platform: str | None = None, environ: Mapping[str, str] | None = None) -> list[str]:
    """The usual install locations of soffice on `platform` (sys.platform by default)."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        roots = [environ.get(k) for k in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        out: list[str] = []
        for root in roots:
            if root:
                place = f"{root.rstrip(chr(92))}\\LibreOffice\\program\\soffice.exe"
                if place not in out:
                    out.append(place)
        return out
    if platform == "darwin":
        home = environ.get("HOME", "")
        places = ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
        if home:
            places.append(f"{home}/Applications/LibreOffice.app/Contents/MacOS/soffice")
        return places
    return list(_FIXED_PLACES) + sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)


def _is_file_runnable(path: str) -> bool:
    """Runnable here; on Windows a file is runnable by its extension (os.X_OK means nothing)."""
    if sys.platform == "win32":
        return _isfile(path)
    return _runnable(path)


def find_soffice() -> str | None:
    """Path of a runnable soffice, or None.

    `HOAGIAI_SOFFICE`, when set (non-empty), decides alone: its path if runnable, else None.
    Otherwise PATH (`soffice`, then `libreoffice`), then the usual install folders.
    """
    forced = os.environ.get(ENV_VAR, "").strip()
    if forced:
        return str(Path(forced).absolute()) if _runnable(forced) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _platform_places():
        if _is_file_runnable(candidate):
            return candidate
    return None


def _installation(soffice: str) -> Path | None:
    """LibreOffice's `program` folder for this soffice (None for something that is not one)."""
    program = Path(os.path.realpath(soffice)).parent
    for marker in (program / "bootstraprc", program / "bootstrap.ini",
                   program.parent / "Resources" / "bootstraprc"):   # macOS: Contents/Resources
        if marker.is_file():
            return program
    return None


_UNO_CHECKED: dict[str, bool] = {}


def _has_uno(python: str) -> bool:
    if python not in _UNO_CHECKED:
        try:
            done = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=60)
            _UNO_CHECKED[python] = done.returncode == 0
        except (OSError, subprocess.SubprocessError):
            _UNO_CHECKED[python] = False
    return _UNO_CHECKED[python]


def uno_python(soffice: str | None) -> str | None:
    """The Python able to `import uno` for this LibreOffice, or None (then PDFs go in batches).

    `HOAGIAI_UNO_PYTHON` when set; else the Python shipped inside LibreOffice (Windows
    `program\\python.exe`, macOS `Contents/Resources/python`, LibreOffice's own Linux packages
    `program/python`); else the system `python3` (Debian/Ubuntu: package python3-uno)."""
    forced = os.environ.get(UNO_PYTHON_VAR, "").strip()
    if forced:
        return forced if _is_file_runnable(forced) and _has_uno(forced) else None
    if not soffice:
        return None
    program = _installation(soffice)
    if program is None:
        return None
    candidates = [program / "python.exe", program / "python", program.parent / "Resources" / "python"]
    if sys.platform != "win32":
        candidates += [Path("/usr/bin/python3"), Path("/usr/local/bin/python3")]
    for candidate in candidates:
        if _is_file_runnable(str(candidate)) and _has_uno(str(candidate)):
            return str(candidate)
    return None


def not_started_message(soffice: str, exc: OSError | None = None) -> str:
    """LibreOffice was found at `soffice` but could not be run (missing program, no permission)."""
    why = f" ({exc.strerror})" if exc is not None and exc.strerror else ""
    return (f"Không tìm thấy hoặc không chạy được LibreOffice tại {soffice}{why}, nên không tạo "
            "được bản PDF; các tệp Word (.docx) vẫn được tạo. " + INSTALL_HINT)


def available() -> bool:
    """True when PDFs can be made on this machine (a caller may skip PDFs otherwise)."""
    return find_soffice() is not None


def require_soffice() -> str:
    """Path of soffice, or EnvironmentFailure saying PDFs are skipped and how to install it."""
    found = find_soffice()
    if found:
        return found
    raise EnvironmentFailure(missing_message())


def missing_message() -> str:
    """Vietnamese note for the clerk when LibreOffice is missing: PDFs skipped, how to install."""
    forced = os.environ.get(ENV_VAR, "").strip()
    if forced:
        why = f"Biến môi trường {ENV_VAR} trỏ tới {forced}, nhưng tệp này không có hoặc không chạy được"
    else:
        why = "Không tìm thấy LibreOffice (soffice) trên máy này"
    return (
        f"{why}, nên không tạo được bản PDF: các bản PDF bị bỏ qua, các tệp Word (.docx) vẫn được tạo. "
        + INSTALL_HINT
    )


def pdf_filter(pdfa: bool) -> str:
    """The `--convert-to` argument; PDF/A-2b through the export filter's JSON options."""
    if pdfa:
        return 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
    return "pdf:writer_pdf_Export"


def command(soffice: str, profile: Path, outdir: Path, files: list[Path], *, pdfa: bool) -> list[str]:
    """Argument list for one batch conversion in its own private profile."""
    return [
        soffice,
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={profile.absolute().as_uri()}",
        "--convert-to",
        pdf_filter(pdfa),
        "--outdir",
        str(outdir.absolute()),
        *(str(f.absolute()) for f in files),
    ]
