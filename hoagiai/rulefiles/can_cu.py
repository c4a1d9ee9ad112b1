"""Legal bases ("Căn cứ …") as data: `rules/can_cu.yaml` (docs/domain.md, Decision 9).

A kind lists the bases it cites by id (`can_cu:` in `rules/van_ban/<kind>.yaml`); the
document cites, for each id, the version in force on its own date — e.g. the 2015 Luật Tổ
chức chính quyền địa phương until 30/6/2025 and the 2025 law from 01/7/2025.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import schema as rules
from ..errors import RuleFileError

FILE = "can_cu.yaml"
SCHEMA = {"type": "map", "required": ["can_cu"], "keys": {
    "can_cu": {"type": "map", "values": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["van_ban", "nguon", "hieu_luc_tu"],
        "keys": {"van_ban": {"type": "str"}, **rules.DATED}}}}}}


def load(rules_dir: Path) -> dict[str, list[dict]]:
    return rules.load(rules_dir / FILE, SCHEMA)["can_cu"]


def cite(rules_dir: Path, ids: list[str], on: dt.date) -> list[str]:
    """The "Căn cứ" texts for `ids`, each in the version in force on `on` (ids with no
    version in force that day are left out: the law did not exist or had ended)."""
    table = load(rules_dir)
    out: list[str] = []
    for i in ids:
        if i not in table:
            raise RuleFileError(str(rules_dir / FILE), f"can_cu.{i}",
                                "căn cứ này được một loại văn bản dùng nhưng không có trong tệp.")
        for entry in rules.pick_in_force(table[i], on):
            out.append(entry["van_ban"])
    return out
