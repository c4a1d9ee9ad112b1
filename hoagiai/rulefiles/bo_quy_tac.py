"""The rule set's name and declared version as data: `rules/bo_quy_tac.yaml` (key `phien_ban`,
raised whenever a rule file changes); hoagiai.rulefiles.rule_set records it with each build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema

SET_FILE = "bo_quy_tac.yaml"
SCHEMA = {"type": "map", "required": ["ten", "phien_ban"], "keys": {
    "ten": {"type": "str"}, "phien_ban": {"type": "str"}}}


def load(rules_dir: Path) -> dict[str, Any]:
    return schema.load(Path(rules_dir) / SET_FILE, SCHEMA)
