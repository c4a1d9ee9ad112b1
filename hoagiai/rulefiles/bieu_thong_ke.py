"""The statistical forms attached to the hòa giải report, as data: `rules/bieu_thong_ke.yaml`.

Each form names its rows (per thôn or per lĩnh vực, from hoagiai.stats), its columns (a figure
key and a header) and its title and code; the set of forms also names the reporting and
receiving units and the signature lines. When the Ministry of Justice changes the forms
(Thông tư 03/2019/TT-BTP → perhaps Thông tư 17/2025/TT-BTP), a new dated set in the rule
file is the change; the report uses the set in force on its period end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema as rules
from ..errors import RuleFileError

FILE = "bieu_thong_ke.yaml"
ROWS = ("theo_thon", "theo_linh_vuc")
KEYS = frozenset({"to_hoa_giai", "hoa_giai_vien", "nam", "nu", "chuyen_mon_luat", "chua_qua_dao_tao_luat",
                  "dan_toc_thieu_so", "duoc_boi_duong", "dat_dieu_12", "ky_truoc_chuyen_sang",
                  "vu_viec_tiep_nhan", "hoa_giai_thanh", "hoa_giai_khong_thanh", "dang_giai_quyet",
                  "ty_le_thanh"})
RATIO_KEYS = frozenset({"ty_le_thanh"})
#: the units' lines are filled like the report's own texts (hoagiai.documents.bc_hoa_giai.fill_values)
FILLED = {"type": "text", "placeholders": ["cap", "dia_danh", "ten_don_vi", "cap_tren", "ky", "nam"]}
_FORM = {"type": "map", "required": ["ten", "ten_trang", "dong", "cot_dau", "cot"], "keys": {
    "ten": {"type": "str"}, "ma": {"type": "str"}, "ten_trang": {"type": "str"},
    "dong": {"type": "enum", "values": list(ROWS)}, "tinh_den_ngay": {"type": "bool"},
    "cot_dau": {"type": "str"},
    "cot": {"type": "list", "min": 1, "items": {"type": "map", "required": ["khoa", "tieu_de"], "keys": {
        "khoa": {"type": "str"}, "tieu_de": {"type": "str"}}}}}}
SCHEMA: dict[str, Any] = {"type": "map", "required": ["bo_bieu"], "keys": {
    "bo_bieu": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["van_ban", "tieu_de_phu_luc", "don_vi_bao_cao", "don_vi_nhan", "ky_ten",
                                    "bieu", "nguon", "hieu_luc_tu"],
        "keys": {"van_ban": {"type": "str"}, "tieu_de_phu_luc": {"type": "str"},
                 "don_vi_bao_cao": FILLED, "don_vi_nhan": FILLED,
                 "ky_ten": {"type": "map", "required": ["trai", "phai"], "keys": {
                     "trai": {"type": "list", "min": 2, "items": {"type": "str"}},
                     "phai": {"type": "list", "min": 2, "items": {"type": "str"}}}},
                 "bieu": {"type": "list", "min": 1, "items": _FORM}, **rules.DATED}}}}}


@dataclass(frozen=True)
class Forms:
    """The set of forms in force on a date."""
    data: dict[str, Any]

    @property
    def forms(self) -> list[dict[str, Any]]:
        return self.data["bieu"]


def check(rules_dir: Path) -> dict[str, Any]:
    """The whole file, checked: its schema and every column's figure key."""
    path = Path(rules_dir) / FILE
    data = rules.load(path, SCHEMA)
    for i, s in enumerate(data["bo_bieu"]):
        seen: set[str] = set()
        for j, b in enumerate(s["bieu"]):
            _check_sheet_name(path, f"bo_bieu[{i}].bieu[{j}].ten_trang", b["ten_trang"], seen)
            for k, c in enumerate(b["cot"]):
                if c["khoa"] not in KEYS:
                    raise RuleFileError(str(path), f"bo_bieu[{i}].bieu[{j}].cot[{k}].khoa",
                                        f"khóa số liệu `{c['khoa']}` không có (dùng: {', '.join(sorted(KEYS))}).")
    return data


#: characters a spreadsheet refuses in a sheet name, and its longest name (Excel)
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
SHEET_NAME_MAX = 31


def _check_sheet_name(path: Path, key: str, name: str, seen: set[str]) -> None:
    """A form's sheet name as Excel accepts it (the workbook is written without openpyxl, which
    used to refuse a bad name only while writing): not empty, at most 31 characters, none of
    [ ] : * ? / \\, and not used twice in one set (Excel compares names ignoring case)."""
    bad = sorted(SHEET_NAME_FORBIDDEN & set(name))
    if not name.strip() or len(name) > SHEET_NAME_MAX or bad:
        why = (f"có ký tự {' '.join(bad)} mà bảng tính không cho phép" if bad
               else f"dài {len(name)} ký tự, quá {SHEET_NAME_MAX}" if name.strip() else "trống")
        raise RuleFileError(str(path), key, f"tên trang bảng tính “{name}” {why}.")
    if name.casefold() in seen:
        raise RuleFileError(str(path), key,
                            f"tên trang bảng tính “{name}” đã dùng cho một biểu khác trong bộ biểu này.")
    seen.add(name.casefold())


def load(rules_dir: Path, on: dt.date) -> Forms:
    """The set of forms in force on `on`."""
    path = Path(rules_dir) / FILE
    hits = rules.pick_in_force(check(rules_dir)["bo_bieu"], on)
    if not hits:
        raise RuleFileError(str(path), "bo_bieu", f"không có bộ biểu có hiệu lực vào ngày {on:%d/%m/%Y}.")
    return Forms(hits[-1])


def column_counts(rules_dir: Path) -> list[int]:
    """Columns of each form of the newest set (the Word template's tables are laid out for them)."""
    data = rules.load(Path(rules_dir) / FILE, SCHEMA)
    newest = max(data["bo_bieu"], key=lambda s: s["hieu_luc_tu"])
    return [len(b["cot"]) + 1 for b in newest["bieu"]]


def tables(forms: Forms, rows_by_kind: dict[str, list[dict]], ratio, to_text: str) -> list[dict[str, Any]]:
    """Each form filled: title (with "tính đến ngày …" where asked), code, headers, and rows of
    display texts (`ratio` formats a fraction). Also `values` (raw) for the workbook."""
    out = []
    for i, b in enumerate(forms.forms, start=1):
        title = f"Biểu {i}. {b['ten']}" + (f" (tính đến ngày {to_text})" if b.get("tinh_den_ngay") else "")
        keys = [c["khoa"] for c in b["cot"]]
        source = rows_by_kind[b["dong"]]
        values = [[r["ten"]] + [r.get(k) for k in keys] for r in source]
        texts = [[v[0]] + [ratio(x) if k in RATIO_KEYS else str(x) for k, x in zip(keys, v[1:])] for v in values]
        out.append({"tieu_de": title, "ma": b.get("ma") or "", "ten_trang": b["ten_trang"],
                    "cot": [b["cot_dau"]] + [c["tieu_de"] for c in b["cot"]], "khoa": ["ten"] + keys,
                    "dong": texts, "values": values})
    return out


def frame_lines(forms: Forms, fill: dict[str, str]) -> dict[str, Any]:
    """Appendix title, units and signature lines of the set."""
    d = forms.data
    return {"tieu_de": d["tieu_de_phu_luc"], "don_vi_bao_cao": d["don_vi_bao_cao"].format(**fill),
            "don_vi_nhan": d["don_vi_nhan"].format(**fill), "ky_trai": d["ky_ten"]["trai"],
            "ky_phai": d["ky_ten"]["phai"]}
