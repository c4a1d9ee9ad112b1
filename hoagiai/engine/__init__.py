"""The engine: build a unit's documents, issue one, list them (docs/contract.md §1–§4).

The public face is small — `build`, `issue`, `status`, with `BuildOptions` and `BuildResult`.
Inside, each module owns one thing: `options` and `results` (what a build is asked and what it
answers, with the JSON), `catalogue` (which documents exist and with what inputs),
`fingerprint` (up-to-date checks), `output_tree` (current copies, versions, set-aside,
publish), `pdfs` and `packet` (PDFs and the monthly packet), `builder` (the build itself),
`state` (the state database), `change_record`, `restore`, `issuing`, `document_status`,
`multi` (many units) and `codes` (the engine's own codes).
"""

from __future__ import annotations

from typing import Any

from .builder import build
from .options import BuildOptions
from .results import BuildResult

__all__ = ["build", "issue", "status", "BuildOptions", "BuildResult"]


def __getattr__(name: str) -> Any:
    """`issue` and `status` are loaded when first asked for: they read the register and the
    corrections, which a no-op build never needs (no pandas at start-up)."""
    if name == "issue":
        from .issuing import issue

        return issue
    if name == "status":
        from .document_status import status

        return status
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
