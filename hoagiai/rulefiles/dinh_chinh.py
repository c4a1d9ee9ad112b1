"""Which correcting document a change calls for, as data: `rules/dinh_chinh.yaml` (Nghị định
30/2020/NĐ-CP Điều 18 khoản 3; hoagiai.corrections applies it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..documents import CORRECTING
from . import schema

FILE = "dinh_chinh.yaml"
#: the groups a change is sorted into (hoagiai.corrections)
GROUPS = ["them-ban-ghi", "bot-ban-ghi", "doi-so-tien", "sua-noi-dung"]
SCHEMA = {"type": "map", "required": ["quy_tac", "nguon", "hieu_luc_tu"], "keys": {
    "quy_tac": {"type": "list", "items": {"type": "map", "required": ["ten", "loai_goc", "co", "dung", "nguon",
                                                                       "hieu_luc_tu"], "keys": {
        "ten": {"type": "str"},
        "loai_goc": {"type": "list", "items": {"type": "str"}},
        "co": {"type": "list", "items": {"type": "enum", "values": GROUPS}},
        "chi": {"type": "list", "items": {"type": "enum", "values": GROUPS}},
        "dung": {"type": "enum", "values": list(CORRECTING)},
        "nguon": {"type": "str"}, "hieu_luc_tu": {"type": "date"}}}},
    "nguon": {"type": "str"}, "hieu_luc_tu": {"type": "date"}}}


def load(rules_dir: Path) -> dict[str, Any]:
    return schema.load(Path(rules_dir) / FILE, SCHEMA)
