"""ODT twins of the templates: LibreOffice's own ODT export of each DOCX template, made once and
kept in a cache, so that documents can be rendered a second time in the form LibreOffice reads
fastest (hoagiai.render_odt) for their PDFs.

    twins.ensure(template_paths)        # before rendering, when PDFs are wanted: makes what is missing
    twins.compiled_twin(template_path)  # (CompiledOdtTemplate, key) or None: then use the DOCX

The cache is `HOAGIAI_CACHE` when set, else `$XDG_CACHE_HOME/hoagiai` (`~/.cache/hoagiai`; on
Windows `%LOCALAPPDATA%\\hoagiai`), folder `odt-twins/`. A twin's name is the SHA-256 of the
template's bytes and of the LibreOffice installation that made it (path, size and time of
soffice), so an edited template or another LibreOffice gets a new twin; a template whose twin
cannot be used (a docxtpl tag the twin does not handle, a conversion that failed) gets a `.none`
marker and keeps its PDFs coming from the DOCX.
Making the missing twins costs one LibreOffice run (about a second), once per template.
Everything here is an optimisation: any failure means "no twin", never a failed build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from ..jinja_cache import cache_root
from ..render_odt import CompiledOdtTemplate, TwinUnsupported
from . import procs, soffice as _soffice
from .lo_profiles import Session

SOURCE_VAR = "HOAGIAI_PDF_SOURCE"      # "docx": never use twins (comparisons, troubleshooting)
_LOCK = threading.Lock()
_COMPILED: dict[str, CompiledOdtTemplate | None] = {}
_INSTALL: dict[str, str] = {}
_DIGESTS: dict[tuple[str, int, int], bytes] = {}


def disabled() -> bool:
    return os.environ.get(SOURCE_VAR, "").strip().lower() == "docx"


def cache_dir() -> Path:
    return cache_root() / "odt-twins"


def _installation(soffice: str) -> str:
    if soffice not in _INSTALL:
        real = os.path.realpath(soffice)
        try:
            st = os.stat(real)
            _INSTALL[soffice] = f"{real}:{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            _INSTALL[soffice] = real
    return _INSTALL[soffice]


def key(template: Path, soffice: str | None = None) -> str | None:
    soffice = soffice or _soffice.find_soffice()
    if soffice is None:
        return None
    try:
        st = template.stat()
        seen = (str(template.absolute()), st.st_size, st.st_mtime_ns)
        digest = _DIGESTS.get(seen)
        if digest is None:      # a template's bytes read once per process, not once per document
            digest = _DIGESTS[seen] = hashlib.sha256(template.read_bytes()).digest()
    except OSError:
        return None
    return hashlib.sha256(digest + b"\0" + _installation(soffice).encode()).hexdigest()[:40]


def compiled_twin(template: Path) -> tuple[CompiledOdtTemplate, str] | None:
    """The compiled twin of `template` and its key, or None (no twin: use the DOCX)."""
    if disabled():
        return None
    k = key(template)
    if k is None:
        return None
    with _LOCK:
        if k in _COMPILED:
            tpl = _COMPILED[k]
            return (tpl, k) if tpl is not None else None
    path = cache_dir() / f"{k}.odt"
    if not path.is_file():
        return None         # not made (yet): nothing cached, ensure() may make it
    tpl = None
    try:
        tpl = CompiledOdtTemplate(path)
    except TwinUnsupported:
        _mark_none(k)
    with _LOCK:
        _COMPILED[k] = tpl
    return (tpl, k) if tpl is not None else None


def _mark_none(k: str) -> None:
    try:
        (cache_dir() / f"{k}.none").touch()
    except OSError:
        pass


def ensure(templates: list[Path], timeout: float = 60) -> list[Path]:
    """Make the missing twins of `templates` (one LibreOffice run); returns the templates that
    now have a usable twin. Never raises: without LibreOffice or on any failure, fewer twins."""
    soffice = _soffice.find_soffice()
    if soffice is None or disabled():
        return []
    folder = cache_dir()
    missing: dict[str, Path] = {}
    for t in templates:
        k = key(t, soffice)
        if k and not (folder / f"{k}.odt").is_file() and not (folder / f"{k}.none").exists():
            missing.setdefault(k, t)
    if missing:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _convert(soffice, missing, folder, timeout)
        except (OSError, subprocess.SubprocessError):
            pass
    made = []
    for t in templates:       # (compiled where documents are rendered, not here)
        k = key(t, soffice)
        if k and (folder / f"{k}.odt").is_file():
            made.append(t)
    return made


def _convert(soffice: str, missing: dict[str, Path], folder: Path, timeout: float) -> None:
    session = Session()
    work = Path(tempfile.mkdtemp(prefix="hoagiai-twins-"))
    try:
        src, out = work / "in", work / "out"
        src.mkdir()
        out.mkdir()
        for k, t in missing.items():
            shutil.copyfile(t, src / f"{k}.docx")
        profile = session.profile("twins")
        cmd = _soffice.command(soffice, profile, out, sorted(src.iterdir()), pdfa=False)
        cmd[cmd.index("--convert-to") + 1] = "odt:writer8"
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=work, **procs.group_kwargs())
        try:
            finished = proc.wait(timeout=timeout) == 0
        except subprocess.TimeoutExpired:
            procs.kill_tree(proc)
            finished = False
        except BaseException:     # Ctrl+C, or a server's worker told to stop: leave nothing running
            procs.kill_tree(proc)
            raise
        for k in missing:
            made = out / f"{k}.odt"
            if not made.is_file():
                if finished:        # LibreOffice ran to the end and could not: not worth retrying
                    _mark_none(k)
                continue
            try:
                CompiledOdtTemplate(made)
            except TwinUnsupported:
                _mark_none(k)
                continue
            tmp = folder / f".{k}.{os.getpid()}.tmp"
            shutil.copyfile(made, tmp)
            os.replace(tmp, folder / f"{k}.odt")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        session.close()
