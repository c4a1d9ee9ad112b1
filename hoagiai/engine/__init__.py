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

from .builder import build
from .document_status import status
from .issuing import issue
from .options import BuildOptions
from .results import BuildResult

__all__ = ["build", "issue", "status", "BuildOptions", "BuildResult"]
