"""Terminology as data: `rules/thuat_ngu.yaml` — known wrong names of laws and programmes, the
tone-placement rule, and the free-text columns checked (hoagiai.validate.terms applies it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema

FILE = "thuat_ngu.yaml"
SCHEMA = {"type": "map", "required": ["ten_sai", "dau_thanh"], "keys": {
    "ten_sai": {"type": "list", "items": {"type": "map", "required": ["sai", "dung", "nguon", "hieu_luc_tu"],
                                          "keys": {"sai": {"type": "str"}, "dung": {"type": "str"},
                                                   **schema.DATED}}},
    "dau_thanh": {"type": "map", "required": ["ma", "nguon", "hieu_luc_tu"],
                  "keys": {"ma": {"type": "str"}, **schema.DATED}},
    # dataset -> its free-text column keys
    "cot_tu_do": {"type": "map", "values": {"type": "list", "items": {"type": "str"}}},
}}


def load(rules_dir: Path) -> dict[str, Any] | None:
    """The terminology rules, or None when the rule set has no such file (the check is optional)."""
    path = Path(rules_dir) / FILE
    if not path.exists():
        return None
    return schema.load(path, SCHEMA)
