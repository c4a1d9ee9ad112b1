"""Finding LibreOffice (`soffice`) and building its command line."""

from __future__ import annotations

import glob
import os
import shutil
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


def _runnable(path: str | os.PathLike) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


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
    candidates = list(_FIXED_PLACES) + sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)
    for candidate in candidates:
        if _runnable(candidate):
            return candidate
    return None


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
