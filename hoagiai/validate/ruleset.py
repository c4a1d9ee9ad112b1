"""Read the validation rules `rules/kiem_tra/{hang,nhom,lien_tep}.yaml` into Rule records.

Each file: `version: 1` and `quy_tac:`, a list of rules. A rule names a generic kind
(`kieu`) implemented once in Python and gives it its parameters (`tham_so`) — every legal
threshold lives here, in the file, with its legal basis and dates in force. Anything wrong
(unknown key, unknown kind, a parameter of the wrong type, a placeholder the kind cannot
fill, a column the table does not have) raises RuleFileError naming the file and the key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..rulefiles import kiem_tra, schema as rulefiles
from ..errors import RuleFileError
from .base import DATASETS, Kind, Rule
from .kinds_cross import KINDS as CROSS_KINDS
from .kinds_group import KINDS as GROUP_KINDS
from .kinds_row import KINDS as ROW_KINDS

KINDS: dict[str, Kind] = {k.name: k for k in (*ROW_KINDS, *GROUP_KINDS, *CROSS_KINDS)}

RULE_FILES = kiem_tra.FILES
RULES_SUBDIR = kiem_tra.SUBDIR

_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

RULE_SCHEMA = kiem_tra.RULE_SCHEMA
FILE_SCHEMA = kiem_tra.FILE_SCHEMA


def load_rules(rules_dir: str | Path, columns: dict[str, set[str]] | None = None) -> list[Rule]:
    """Every rule of the three files under `rules_dir/kiem_tra/`.

    `columns` (dataset -> canonical column keys, from the loader's column specs) lets
    column names in parameters be checked; without it they are not."""
    out: list[Rule] = []
    for name in RULE_FILES:
        out += load_rule_file(Path(rules_dir) / RULES_SUBDIR / name, columns)
    return out


def load_rule_file(path: Path, columns: dict[str, set[str]] | None = None) -> list[Rule]:
    data = rulefiles.load(path, FILE_SCHEMA)
    where = str(path)
    out: list[Rule] = []
    for i, entry in enumerate(data["quy_tac"]):
        key = f"quy_tac[{i}]"
        if not _CODE.match(entry["code"]):
            raise RuleFileError(where, f"{key}.code", f"mã `{entry['code']}` phải viết thường, nối bằng dấu gạch "
                                                      f"ngang (ví dụ team-min-members).")
        kind = KINDS.get(entry["kieu"])
        if kind is None:
            known = ", ".join(sorted(KINDS))
            raise RuleFileError(where, f"{key}.kieu",
                                f"kiểu quy tắc `{entry['kieu']}` không được biết (các kiểu có: {known}).")
        datasets = entry["bang"] if isinstance(entry["bang"], list) else [entry["bang"]]
        if not datasets or any(d not in DATASETS for d in datasets):
            raise RuleFileError(where, f"{key}.bang",
                                f"`bang` phải là một trong: {', '.join(DATASETS)} (hoặc danh sách các bảng đó).")
        params = entry.get("tham_so") or {}
        rulefiles.check(params, kind.params, where, f"{key}.tham_so")
        try:
            used = rulefiles.placeholders(entry["thong_bao"])
        except ValueError as exc:
            raise RuleFileError(where, f"{key}.thong_bao",
                                f"chỗ điền `{{{exc}}}` không hợp lệ (chỉ dùng {{ten}}).") from exc
        allowed = kind.allowed_placeholders(params)
        unknown = [u for u in used if u not in allowed]
        if unknown:
            raise RuleFileError(where, f"{key}.thong_bao",
                                f"chỗ điền `{{{unknown[0]}}}` không có với kiểu `{kind.name}` "
                                f"(có: {', '.join(sorted(allowed))}).")
        end = entry.get("hieu_luc_den")
        if end is not None and end < entry["hieu_luc_tu"]:
            raise RuleFileError(where, f"{key}.hieu_luc_den", "ngày hết hiệu lực trước ngày có hiệu lực.")
        for dataset in datasets:
            used_columns = _referenced(kind.params, params, dataset, params)
            if entry.get("ngay_ap_dung"):
                used_columns.append((dataset, entry["ngay_ap_dung"], "ngay_ap_dung"))
            if columns is not None:
                for target, column, at in used_columns:
                    present = columns.get(target)
                    if present is not None and column not in present:
                        raise RuleFileError(where, f"{key}.{at}", f"bảng `{target}` không có cột `{column}`.")
            out.append(Rule(
                code=entry["code"], severity=entry["muc_do"], kind=kind.name, dataset=dataset,
                params=params, message=entry["thong_bao"], basis=entry["can_cu"],
                source=entry["nguon"], valid_from=entry["hieu_luc_tu"], valid_to=end,
                date_column=entry.get("ngay_ap_dung"), origin=f"{where}, {key}",
                columns=frozenset((d, c) for d, c, _ in used_columns)))
    return out


def _referenced(schema: dict, value: Any, dataset: str, params: dict,
                path: str = "tham_so") -> list[tuple[str, str, str]]:
    """Every column named in the parameters: (dataset, column key, key path)."""
    marker = schema.get("column")
    if marker and isinstance(value, str):
        target = params.get(marker[1:]) if isinstance(marker, str) and marker.startswith("@") else dataset
        return [(str(target), value, path)]
    out: list[tuple[str, str, str]] = []
    if schema.get("type") == "map" and isinstance(value, dict):
        for k, v in value.items():
            sub = schema.get("keys", {}).get(k) or schema.get("values")
            if sub:
                out += _referenced(sub, v, dataset, params, f"{path}.{k}")
    elif schema.get("type") == "list" and isinstance(value, list):
        for i, v in enumerate(value):
            out += _referenced(schema.get("items", {}), v, dataset, params, f"{path}[{i}]")
    return out
