"""SHA-256 of bytes and of a file: how the records, the state and the fingerprints name content;
and of the package's own source (`code_fingerprint`)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: Path) -> str | None:
    """The SHA-256 of a file's bytes; None when it cannot be read."""
    try:
        return sha(path.read_bytes())
    except OSError:
        return None


_CODE_FP: str | None = None


def code_fingerprint() -> str:
    """Hash of the package's source: a code change rebuilds drafts (never issued documents) and
    compiles the templates afresh (hoagiai.jinja_cache)."""
    global _CODE_FP
    if _CODE_FP is None:
        from . import __version__

        h = hashlib.sha256(__version__.encode())
        root = Path(__file__).parent
        for p in sorted(root.rglob("*.py")):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
        _CODE_FP = h.hexdigest()
    return _CODE_FP
