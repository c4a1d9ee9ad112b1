"""The targets of the Đề án as data: `rules/de_an.yaml` (Quyết định 315/QĐ-TTg; docs/domain.md).

Each target names the figure that measures it (`chi_so`, computed in hoagiai.stats), its
threshold (`nguong`, a ratio) and the year it must be met by (`den_nam`); the reports compare.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import schema

FILE = "de_an.yaml"
SCHEMA = {"type": "map", "required": ["ten_de_an", "van_ban", "muc_tieu"], "keys": {
    "ten_de_an": {"type": "str"}, "van_ban": {"type": "str"},
    "muc_tieu": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["ma", "noi_dung", "chi_so", "nguong", "mo_ta_nguong", "nguon", "hieu_luc_tu"],
        "keys": {"ma": {"type": "str"}, "noi_dung": {"type": "str"}, "chi_so": {"type": "str"},
                 "nguong": {"type": "number"}, "den_nam": {"type": "int"}, "mo_ta_nguong": {"type": "str"},
                 "quy_tac": {"type": "list", "items": {"type": "str"}}, "ghi_chu": {"type": "str"},
                 **schema.DATED}}}}}


def load(rules_dir: Path) -> dict[str, Any]:
    return schema.load(Path(rules_dir) / FILE, SCHEMA)


def targets(rules_dir: Path, on: dt.date) -> dict[str, Any]:
    """{chi_so: target in force on `on`} and `_de_an`: the Đề án's name and approving act."""
    data = load(rules_dir)
    out = {m["chi_so"]: m for m in data["muc_tieu"] if schema.in_force(m, on)}
    return {"_de_an": {"ten": data["ten_de_an"], "van_ban": data["van_ban"]}, **out}
