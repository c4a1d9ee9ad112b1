"""The output tree of a unit: the clerk's current copy `outputs/<year>/<id>.docx`, every
version under `outputs/<year>/phien-ban/`, copies edited by hand set aside (never silently
replaced), and publishing a new version as the current one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import atomic
from ..digests import file_sha
from ..safe_paths import inside
from ..workspace import Workspace
from .state import Version


def rel(path: Path | str) -> str:
    """A path as `build --json` shows it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p.resolve())


class OutputTree:
    def __init__(self, ws: Workspace):
        self.ws = ws
        self._checked_dirs: set[Path] = set()

    # paths ---------------------------------------------------------------------------
    def year_dir(self, year: int) -> Path:
        return self.ws.outputs / str(year)

    def _checked(self, folder: Path) -> Path:
        """`folder`, once checked to resolve inside outputs/ (a symlink could lead out). File
        names in it are document ids, which `documents.base` keeps to safe names."""
        if folder not in self._checked_dirs:
            inside(self.ws.outputs, folder)
            self._checked_dirs.add(folder)
        return folder

    def current_path(self, job_id: str, year: int, suffix: str) -> Path:
        return self._checked(self.year_dir(year)) / f"{job_id}{suffix}"

    def version_path(self, job_id: str, year: int, version: int, suffix: str) -> Path:
        return self._checked(self.year_dir(year) / "phien-ban") / f"{job_id}.v{version}{suffix}"

    # the clerk's copies ----------------------------------------------------------------
    def keep_issued_copies(self, issued: Version, notes: list[str]) -> None:
        """The clerk's copies of an issued document (DOCX, PDF) match what was issued."""
        self.keep_current(issued, self.current_path(issued.doc_id, issued.year, ".docx"), notes)
        self.keep_pdf(issued)

    def keep_pdf(self, version: Version) -> None:
        """The clerk's PDF matches the version's, when the version has one."""
        if version.pdf and Path(version.pdf).exists():
            cur_pdf = self.current_path(version.doc_id, version.year, ".pdf")
            if file_sha(cur_pdf) != version.pdf_sha:
                atomic.write_bytes(cur_pdf, Path(version.pdf).read_bytes())

    def keep_current(self, latest: Version, cur: Path, notes: list[str]) -> None:
        """Make sure the clerk's copy matches the latest version; a copy edited by hand is
        moved aside, never silently replaced."""
        sha = file_sha(cur)
        if sha == latest.docx_sha:
            return
        if sha is not None:
            self.set_aside(cur, notes)
        atomic.write_bytes(cur, Path(latest.docx).read_bytes())

    def set_aside(self, cur: Path, notes: list[str]) -> None:
        """Move a copy edited by hand into phien-ban/ and say so in `notes`."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = cur.parent / "phien-ban" / f"{cur.stem}.sua-tay-{stamp}{cur.suffix}"
        aside.parent.mkdir(parents=True, exist_ok=True)
        cur.replace(aside)
        notes.append(f"Tệp {rel(cur)} đã bị sửa tay sau lần dựng trước; bản sửa tay được "
                     f"giữ lại ở {rel(aside)}.")

    def publish(self, job_id: str, year: int, version: Version, latest: Version | None,
                notes: list[str]) -> None:
        """Make `version` (already written under phien-ban/) the clerk's current copy."""
        cur = self.current_path(job_id, year, ".docx")
        # a copy matching neither the last recorded version nor this one was edited by hand
        # (one matching this version was published by a build killed before it could record it)
        if latest is not None and file_sha(cur) not in (None, latest.docx_sha, version.docx_sha):
            self.set_aside(cur, notes)
        atomic.write_bytes(cur, Path(version.docx).read_bytes())
        stale_pdf = self.current_path(job_id, year, ".pdf")
        if stale_pdf.exists():
            stale_pdf.unlink()   # the kept version's PDF stays under phien-ban/
