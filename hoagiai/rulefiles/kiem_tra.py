"""The shape of the validation rule files `rules/kiem_tra/{hang,nhom,lien_tep}.yaml` (docs/rule-files.md).

Checked here without the rule kinds, so that opening a workspace does not import pandas; each
rule's parameters and message placeholders are checked against its kind by
hoagiai.validate.ruleset, which every validation (and so every build that reads data) runs first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema

SUBDIR = "kiem_tra"
#: rule files, in the order their findings are produced
FILES = ("hang.yaml", "nhom.yaml", "lien_tep.yaml")

RULE_SCHEMA = {
    "type": "map",
    "required": ["code", "muc_do", "kieu", "bang", "thong_bao", "can_cu", "nguon", "hieu_luc_tu"],
    "keys": {
        "code": {"type": "str"},
        "muc_do": {"type": "enum", "values": ["error", "warning"]},
        "kieu": {"type": "str"},
        "bang": {"type": "any"},          # a dataset or a list of datasets (checked below)
        "tham_so": {"type": "map", "extra": True, "nullable": True},
        "thong_bao": {"type": "str"},
        "can_cu": {"type": "str"},
        "ngay_ap_dung": {"type": "str", "nullable": True},
        "ghi_chu": {"type": "str", "nullable": True},
        **schema.DATED,
    },
}
FILE_SCHEMA = {"type": "map", "required": ["quy_tac"], "keys": {
    "quy_tac": {"type": "list", "items": RULE_SCHEMA, "min": 1},
    "ghi_chu": {"type": "str", "nullable": True},
}}


def load(path: Path) -> dict[str, Any]:
    return schema.load(path, FILE_SCHEMA)
