"""SHA-256 of bytes and of a file: how the records, the state and the fingerprints name content."""

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
