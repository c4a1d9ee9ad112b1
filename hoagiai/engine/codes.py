"""The engine's own codes, in one place: a document's state in `build --json` and `status`, and
why a document failed (docs/contract.md §4). Finding codes live with their layer (load/codes.py,
validate/codes.py); the codes of blocking reasons that come from a document's own check, not
from a finding, live with the documents (documents/reasons.py)."""

from __future__ import annotations

# the state of a document in `build --json`
BUILT = "built"
UNCHANGED = "unchanged"
BLOCKED = "blocked"
STALE = "stale"                            # issued, and its data changed since
FAILED = "failed"
CORRECTION_DRAFTED = "correction-drafted"  # issued, a correction of it is drafted (hoagiai.corrections)
CORRECTED = "corrected"                    # issued, and its last issued correction matches the data

# why a document failed (DocResult.failure)
FAILURE_TEMPLATE = "template"              # exit 2
FAILURE_PDF = "pdf"                        # exit 3
