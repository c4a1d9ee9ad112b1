"""Which rule set a workspace uses: its folder, its declared version (`rules/bo_quy_tac.yaml`,
key `phien_ban`) and a digest of every rule file, so a document can record what it was built
with and `status` / `validate --json` can say it. Describing a rule set checks all its files
(hoagiai.rulefiles.catalogue): a set that does not pass has no version to record."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import bo_quy_tac, schema
from .catalogue import check_all


def describe(rules_dir: Path) -> dict[str, Any]:
    """{"path": folder, "version": declared version or null, "digest": sha256 of all rule files}."""
    rules_dir = Path(rules_dir)
    check_all(rules_dir)
    version = bo_quy_tac.load(rules_dir)["phien_ban"] if (rules_dir / bo_quy_tac.SET_FILE).is_file() else None
    digest = hashlib.sha256()
    for path in schema.rules_dir_files(rules_dir):
        digest.update(path.relative_to(rules_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return {"path": str(rules_dir.resolve()), "version": version, "digest": digest.hexdigest()[:16]}
