"""The templates' compiled Jinja code kept on disk, so that a run does not patch, parse and
compile again a template part it compiled before (Jinja's own bytecode cache serves only
templates read through a loader; ours are parts of .docx and .odt files).

    got = jinja_cache.load("docx", part_bytes)     # (source, code, extra) or None
    jinja_cache.store("docx", part_bytes, (source, code, extra))
    template = jinja_cache.template(env, code)

`source` is the Jinja text the part became (kept for error messages), `code` what
`Environment.compile` made of it, `extra` whatever else the compiler derived (a marshallable
value). An entry is `<cache>/jinja-code/<version>/<SHA-256 of kind and part>.bin`, the marshal
of (source, code, extra); `<version>` covers hoagiai's own source, Jinja's, docxtpl's and
Python's versions, so any of them changing compiles afresh into a new folder (then the folders
of other versions not written to for 30 days are removed). `<cache>` is `HOAGIAI_CACHE`, else
the user's cache folder (as for the ODT twins). Only the one shared (sandboxed) environment's
code is cached. The entries are code that runs, as Python's own __pycache__ is: the folder
must be writable by the user running hoagiai alone (a server: its service account).

Everything here is an optimisation: an unreadable, damaged or unwritable cache means compiling
as before, never a failed build. Compiling a city's 12 templates and their twins took 1.45 s
before the workers could start (BENCHMARKS.md, issue 16); loading them takes a few
milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import marshal
import os
import shutil
import sys
import time
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

from . import atomic
from .digests import code_fingerprint

CACHE_VAR = "HOAGIAI_CACHE"
FOLDER = "jinja-code"
KEEP_OTHERS_DAYS = 30
_VERSION: str | None = None


def cache_root() -> Path:
    """`HOAGIAI_CACHE` when set, else `$XDG_CACHE_HOME/hoagiai` (`~/.cache/hoagiai`; on Windows
    `%LOCALAPPDATA%\\hoagiai`): where hoagiai keeps what it can make again."""
    forced = os.environ.get(CACHE_VAR, "").strip()
    if forced:
        return Path(forced)
    base = (os.environ.get("LOCALAPPDATA", "").strip() if os.name == "nt" else "") \
        or os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hoagiai"


def version() -> str:
    """What the cached code depends on besides the part itself."""
    global _VERSION
    if _VERSION is None:
        try:
            docxtpl = importlib.metadata.version("docxtpl")
        except importlib.metadata.PackageNotFoundError:
            docxtpl = "-"
        h = hashlib.sha256("\0".join([code_fingerprint(), jinja2.__version__, docxtpl, sys.version,
                                      importlib.util.MAGIC_NUMBER.hex()]).encode())
        _VERSION = h.hexdigest()[:24]
    return _VERSION


def _folder() -> Path:
    return cache_root() / FOLDER / version()


def _entry(kind: str, part: bytes) -> Path:
    digest = hashlib.sha256(kind.encode() + b"\0" + part).hexdigest()[:40]
    return _folder() / f"{digest}.bin"


def load(kind: str, part: bytes) -> tuple[str, CodeType, Any] | None:
    """The cached (source, code, extra) of `part` compiled as `kind`, or None."""
    try:
        got = marshal.loads(_entry(kind, part).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(got, tuple) and len(got) == 3 and isinstance(got[0], str)
            and isinstance(got[1], CodeType)):
        return None
    return got


def store(kind: str, part: bytes, value: tuple[str, CodeType, Any]) -> None:
    """Keep `value` for `part`; silently nothing when the cache cannot be written."""
    folder = _folder()
    try:
        data = marshal.dumps(value)
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            _prune(folder)
        atomic.write_bytes(_entry(kind, part), data, durable=False)
    except Exception:  # noqa: BLE001 - a cache never fails a build
        return


def _prune(keep: Path) -> None:
    """Remove the folders of other versions not written to for KEEP_OTHERS_DAYS (a new version
    has just made its own: the code, Jinja or Python changed)."""
    limit = time.time() - KEEP_OTHERS_DAYS * 86400
    for other in keep.parent.iterdir():
        try:
            if other != keep and other.is_dir() and other.stat().st_mtime < limit:
                shutil.rmtree(other, ignore_errors=True)
        except OSError:
            continue


def template(env: jinja2.Environment, code: CodeType) -> jinja2.Template:
    """The template `code` (from `env.compile`) is, bound to `env` (what `from_string` does
    after compiling)."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def compile_source(env: jinja2.Environment, source: str) -> tuple[CodeType, set[str]]:
    """`source` parsed once: its code and the top-level names it uses (raises
    TemplateSyntaxError as `from_string` would)."""
    from jinja2 import meta

    ast = env.parse(source)
    variables = meta.find_undeclared_variables(ast)
    return env.compile(ast), variables
