"""Which rule set a workspace uses: its folder, its declared version (`rules/bo_quy_tac.yaml`,
key `phien_ban`) and a digest of every rule file, so a document can record what it was built
with and `status` / `validate --json` can say it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

SET_FILE = "bo_quy_tac.yaml"


def describe(rules_dir: Path) -> dict[str, Any]:
    """{"path": folder, "version": declared version or null, "digest": sha256 of all rule files}."""
    rules_dir = Path(rules_dir)
    version = None
    marker = rules_dir / SET_FILE
    if marker.is_file():
        import yaml

        data = yaml.safe_load(marker.read_text(encoding="utf-8")) or {}
        if isinstance(data, dict) and data.get("phien_ban") is not None:
            version = str(data["phien_ban"])
    digest = hashlib.sha256()
    for path in sorted(p for p in rules_dir.rglob("*.yaml") if p.is_file()):
        digest.update(path.relative_to(rules_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return {"path": str(rules_dir.resolve()), "version": version, "digest": digest.hexdigest()[:16]}
