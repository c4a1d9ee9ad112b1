"""The memory allocator LibreOffice runs with: jemalloc when the machine has it (Linux).

Why: importing, laying out and painting a document, LibreOffice allocates and frees a great many
small objects (the perf profile of BENCHMARKS.md's second look has malloc/free among its hot
spots). With jemalloc preloaded, the same bundles of a city's documents cost LibreOffice about an
eighth less CPU than with glibc's allocator (BENCHMARKS.md, issue 16, sixth look), and the pages
are the same. LibreOffice itself is unchanged: it allocates through the C library's `malloc`,
which the preload replaces (FreeBSD's LibreOffice runs on jemalloc as its system allocator).

`HOAGIAI_LO_MALLOC`: `off` keeps glibc's allocator; a path preloads that library instead; unset,
jemalloc is looked for in the usual library folders (Debian/Ubuntu: `apt-get install
libjemalloc2`, which scripts/setup.sh does). Without it, LibreOffice simply runs as installed.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Mapping

ENV_VAR = "HOAGIAI_LO_MALLOC"
_OFF = frozenset({"off", "0", "no", "false", "glibc"})
_NAMES = ("libjemalloc.so.2",)


def _folders() -> list[str]:
    multiarch = sysconfig.get_config_var("MULTIARCH")
    folders = [f"/usr/lib/{multiarch}"] if multiarch else []
    return folders + ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                      "/usr/lib", "/usr/local/lib"]


def allocator(environ: Mapping[str, str] | None = None) -> str | None:
    """The library to preload into LibreOffice, or None (its usual allocator)."""
    environ = os.environ if environ is None else environ
    forced = environ.get(ENV_VAR, "").strip()
    if forced.lower() in _OFF:
        return None
    if forced:
        return forced if os.path.isfile(forced) else None
    if not sys.platform.startswith("linux"):
        return None
    for folder in _folders():
        for name in _NAMES:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                return path
    return None


def with_preload(environ: Mapping[str, str], library: str | None) -> dict[str, str]:
    """A copy of `environ` in which `library` (when given) is preloaded first."""
    env = dict(environ)
    if library:
        before = env.get("LD_PRELOAD", "").strip()
        env["LD_PRELOAD"] = f"{library}:{before}" if before else library
    return env
