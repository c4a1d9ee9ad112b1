"""Column specifications of the input workbooks (`rules/du_lieu/*.yaml`), read as data.

One file per dataset; each is checked against `SCHEMA` before use (malformed → RuleFileError
naming the file and the key path, exit 2) and returned as frozen dataclasses. Canonical keys
(`ColumnSpec.key`) are what the rest of the pipeline uses; `header` is the contract's header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..rulefiles import schema as rules
from ..errors import RuleFileError
from ..findings import ERROR, WARNING
from . import codes
from .text import ascii_key, match_key

TYPES = ("text", "date", "date_or_year", "year", "int", "yesno", "enum", "name_list")
SEVERITY = {"type": "enum", "values": [ERROR, WARNING]}

_CITED = {
    "nguon": {"type": "str"},
    "hieu_luc_tu": {"type": "date"},
    "hieu_luc_den": {"type": "date", "nullable": True},
}
_PATTERN = {"type": "map", "required": ["bieu_thuc", "mo_ta"], "keys": {
    "bieu_thuc": {"type": "str"},           # regular expression the whole value must match
    "mo_ta": {"type": "str"},               # what is expected, in Vietnamese ("đúng 12 chữ số")
    "ma": {"type": "str"},                  # finding code (default codes.PATTERN_MISMATCH)
    "muc_do": SEVERITY,                     # default error
    **_CITED,
}}
_REQUIRED_IF = {"type": "map", "required": ["cot"], "keys": {
    "cot": {"type": "str"},                 # canonical key of the condition column
    "co_gia_tri": {"type": "bool"},         # true: required when that column is filled
    "trong": {"type": "list", "items": {"type": "str"}, "min": 1},  # … or holds one of these
    **_CITED,
}}
_COLUMN = {"type": "map", "required": ["khoa", "tieu_de", "kieu"], "keys": {
    "khoa": {"type": "str"},
    "tieu_de": {"type": "str"},
    "ten_khac": {"type": "list", "items": {"type": "str"}},
    "kieu": {"type": "enum", "values": list(TYPES)},
    "bat_buoc": {"type": "bool"},
    "muc_do_bat_buoc": SEVERITY,
    "bat_buoc_neu": _REQUIRED_IF,
    "gia_tri": {"type": "list", "items": {"type": "str"}, "min": 1},
    "ten_khac_gia_tri": {"type": "map", "values": {"type": "str"}},
    "mau": _PATTERN,
    "ngoai_le_mau": {"type": "list", "items": _PATTERN},
    "giu_so_0": {"type": "bool"},
    "mac_dinh": {"type": "str"},
    "khoa_nam": {"type": "str"},
    "muc_do_loi_kieu": SEVERITY,
    "ghi_chu": {"type": "str"},
    **_CITED,
}}
_DATASET: dict[str, Any] = {"type": "map", "required": ["du_lieu", "tep", "trang_tinh", "cot"], "keys": {
    "du_lieu": {"type": "str"},
    "tep": {"type": "str"},
    "tep_csv": {"type": "str"},
    "trang_tinh": {"type": "any"},
    "ghi_chu": {"type": "str"},
    "cot": {"type": "list", "items": _COLUMN, "min": 1},
}}
#: a file describes one dataset (keys of _DATASET at the top) or several (`bo_du_lieu`:
#: a list of them, e.g. kiem_tra.yaml with one dataset per sheet)
SCHEMA = {"type": "map", "keys": {**_DATASET["keys"], "bo_du_lieu": {"type": "list", "items": _DATASET, "min": 1}}}


@dataclass(frozen=True)
class Citation:
    source: str | None = None               # `nguon`
    effective_from: dt.date | None = None   # `hieu_luc_tu`
    effective_to: dt.date | None = None     # `hieu_luc_den`

    def in_force(self, on: dt.date) -> bool:
        return ((self.effective_from is None or self.effective_from <= on)
                and (self.effective_to is None or on <= self.effective_to))


@dataclass(frozen=True)
class PatternSpec:
    regex: re.Pattern
    description: str                        # "đúng 12 chữ số"
    code: str = codes.PATTERN_MISMATCH
    severity: str = ERROR
    citation: Citation = Citation()


@dataclass(frozen=True)
class RequiredIf:
    column: str                             # canonical key of the condition column
    values: tuple[str, ...] | None          # None: required whenever that column is filled
    citation: Citation = Citation()


@dataclass(frozen=True)
class ColumnSpec:
    key: str                                # canonical key, e.g. "ho_ten"
    header: str                             # header as in the contract, e.g. "Họ và tên"
    type: str                               # one of TYPES
    aliases: tuple[str, ...] = ()           # other accepted headers, with their diacritic-free forms
    required: bool = False
    required_severity: str = ERROR
    required_if: RequiredIf | None = None
    values: tuple[str, ...] = ()            # enum: canonical values; yesno: (true, false)
    value_aliases: dict[str, str] = field(default_factory=dict)  # other spelling → canonical
    pattern: PatternSpec | None = None
    pattern_exceptions: tuple[PatternSpec, ...] = ()  # checked first; a match replaces `pattern`
    keep_leading_zero: bool = False         # numeric cells lose the 0 (CCCD, phone)
    default: str | None = None              # may name other columns: "Tổ hòa giải thôn {thon}"
    year_key: str | None = None             # date_or_year: key of the derived year column
    type_severity: str = ERROR              # severity of invalid-date / invalid-number / …
    citation: Citation = Citation()
    explicit_aliases: tuple[str, ...] = ()  # `ten_khac` as written in the rule file

    @property
    def enum_values(self) -> tuple[str, ...]:
        """Values for an Excel drop-down (enum and yesno), else ()."""
        return self.values if self.type in ("enum", "yesno") else ()


@dataclass(frozen=True)
class DatasetSpec:
    name: str                               # "hoa_giai_vien", "vu_viec", "kiem_tra", "doan_kiem_tra"
    file_base: str                          # "kiem_tra" → kiem_tra.xlsx
    sheet: int | str                        # 0-based index or sheet name
    columns: tuple[ColumnSpec, ...]
    csv_base: str | None = None             # CSV base name when it differs (kiem_tra_doan)
    path: Path | None = None                # the rule file

    @property
    def xlsx_name(self) -> str:
        return f"{self.file_base}.xlsx"

    @property
    def csv_name(self) -> str:
        return f"{self.csv_base or self.file_base}.csv"

    def column(self, key: str) -> ColumnSpec:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        """Canonical keys of the loaded frame, in order (derived year columns included)."""
        out: list[str] = []
        for c in self.columns:
            out.append(c.key)
            if c.year_key:
                out.append(c.year_key)
        return out


def _citation(d: dict) -> Citation:
    return Citation(d.get("nguon"), d.get("hieu_luc_tu"), d.get("hieu_luc_den"))


def _pattern(d: dict, path: Path, key: str) -> PatternSpec:
    try:
        regex = re.compile(d["bieu_thuc"])
    except re.error as exc:
        raise RuleFileError(str(path), f"{key}.bieu_thuc", f"biểu thức chính quy sai ({exc}).") from exc
    return PatternSpec(regex, d["mo_ta"], d.get("ma", codes.PATTERN_MISMATCH), d.get("muc_do", ERROR), _citation(d))


def _column(d: dict, path: Path, key: str) -> ColumnSpec:
    kieu = d["kieu"]
    values = tuple(d.get("gia_tri", ()))
    if kieu in ("enum", "yesno") and not values:
        raise RuleFileError(str(path), f"{key}.gia_tri", f"cột kiểu `{kieu}` cần danh sách giá trị.")
    if kieu == "yesno" and len(values) != 2:
        raise RuleFileError(str(path), f"{key}.gia_tri", "cột Có/Không cần đúng 2 giá trị: [có, không].")
    aliases = dict(d.get("ten_khac_gia_tri", {}))
    for alias, target in aliases.items():
        if target not in values:
            raise RuleFileError(str(path), f"{key}.ten_khac_gia_tri.{alias}",
                                f"`{target}` không có trong `gia_tri`.")
    if d.get("khoa_nam") and kieu != "date_or_year":
        raise RuleFileError(str(path), f"{key}.khoa_nam", "chỉ dùng cho cột kiểu `date_or_year`.")
    req_if = None
    if "bat_buoc_neu" in d:
        r = d["bat_buoc_neu"]
        if ("co_gia_tri" in r) == ("trong" in r):
            raise RuleFileError(str(path), f"{key}.bat_buoc_neu",
                                "cần đúng một trong hai khóa `co_gia_tri: true` hoặc `trong: [...]`.")
        if "co_gia_tri" in r and r["co_gia_tri"] is not True:
            raise RuleFileError(str(path), f"{key}.bat_buoc_neu.co_gia_tri", "chỉ nhận `true`.")
        req_if = RequiredIf(r["cot"], tuple(r["trong"]) if "trong" in r else None, _citation(r))
    return ColumnSpec(
        key=d["khoa"], header=d["tieu_de"], type=kieu, aliases=_with_plain(d["tieu_de"], d.get("ten_khac", ())),
        explicit_aliases=tuple(d.get("ten_khac", ())),
        required=d.get("bat_buoc", False), required_severity=d.get("muc_do_bat_buoc", ERROR),
        required_if=req_if, values=values, value_aliases=aliases,
        pattern=_pattern(d["mau"], path, f"{key}.mau") if "mau" in d else None,
        pattern_exceptions=tuple(_pattern(p, path, f"{key}.ngoai_le_mau[{i}]")
                                 for i, p in enumerate(d.get("ngoai_le_mau", ()))),
        keep_leading_zero=d.get("giu_so_0", False), default=d.get("mac_dinh"),
        year_key=d.get("khoa_nam"), type_severity=d.get("muc_do_loi_kieu", ERROR),
        citation=_citation(d),
    )


def _with_plain(header: str, aliases) -> tuple[str, ...]:
    """The aliases plus the diacritic-free form of the header and of each alias ("ho va ten"):
    headers typed without diacritics are accepted (with a warning: `load.headers`)."""
    out = list(aliases)
    for name in (header, *aliases):
        plain = ascii_key(name)
        if plain != match_key(name) and plain not in out:
            out.append(plain)
    return tuple(out)


def _drop_ambiguous_plain(columns: tuple[ColumnSpec, ...]) -> tuple[ColumnSpec, ...]:
    """A diacritic-free form shared by two columns names neither: it is dropped."""
    from dataclasses import replace

    owners: dict[str, set[str]] = {}
    for c in columns:
        for name in (c.header, *c.aliases):
            owners.setdefault(match_key(name), set()).add(c.key)
    return tuple(replace(c, aliases=tuple(a for a in c.aliases
                                          if a in c.explicit_aliases or len(owners[match_key(a)]) == 1))
                 for c in columns)


def _dataset(data: dict, path: Path, prefix: str) -> DatasetSpec:
    sheet = data["trang_tinh"]
    if isinstance(sheet, bool) or not isinstance(sheet, (int, str)) or (isinstance(sheet, int) and sheet < 0):
        raise RuleFileError(str(path), f"{prefix}trang_tinh",
                            "phải là số thứ tự trang tính (0 = trang đầu) hoặc tên trang tính.")
    columns = _drop_ambiguous_plain(tuple(_column(c, path, f"{prefix}cot[{i}]") for i, c in enumerate(data["cot"])))
    keys = [k for c in columns for k in (c.key, c.year_key) if k]
    for i, c in enumerate(columns):
        where = f"{prefix}cot[{i}]"
        if keys.count(c.key) > 1 or (c.year_key and keys.count(c.year_key) > 1):
            raise RuleFileError(str(path), f"{where}.khoa", f"khóa `{c.key}` bị trùng.")
        if c.required_if and c.required_if.column not in keys:
            raise RuleFileError(str(path), f"{where}.bat_buoc_neu.cot", f"không có cột `{c.required_if.column}`.")
        for name in re.findall(r"{(\w+)}", c.default or ""):
            if name not in keys:
                raise RuleFileError(str(path), f"{where}.mac_dinh", f"không có cột `{name}`.")
    return DatasetSpec(data["du_lieu"], data["tep"], sheet, columns, data.get("tep_csv"), path)


def load_spec_file(path: Path) -> list[DatasetSpec]:
    """Read and check one column-spec file (one or several datasets)."""
    path = Path(path)
    data = rules.load(path, SCHEMA)
    single = [k for k in _DATASET["keys"] if k in data]
    if "bo_du_lieu" in data:
        if single:
            raise RuleFileError(str(path), single[0], "không dùng cùng với `bo_du_lieu`.")
        return [_dataset(d, path, f"bo_du_lieu[{i}].") for i, d in enumerate(data["bo_du_lieu"])]
    rules.check({k: v for k, v in data.items() if k != "version"}, _DATASET, str(path))
    return [_dataset(data, path, "")]


_SPECS: dict[tuple, dict[str, DatasetSpec]] = {}


def load_specs(rules_dir: Path) -> dict[str, DatasetSpec]:
    """Every `rules_dir/du_lieu/*.yaml`, by dataset name. Read once per process while the
    files are unchanged (a city build loads every unit against the same rules); the specs are
    frozen, each caller gets its own dict."""
    folder = Path(rules_dir) / "du_lieu"
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise RuleFileError(str(folder), None, "không có tệp mô tả cột nào (*.yaml).")
    key = rules.files_key(files)
    if key is not None and key in _SPECS:
        return dict(_SPECS[key])
    specs = _load_specs(files)
    if key is not None:
        _SPECS[key] = dict(specs)
    return specs


def _load_specs(files: list[Path]) -> dict[str, DatasetSpec]:
    specs: dict[str, DatasetSpec] = {}
    for f in files:
        for spec in load_spec_file(f):
            if spec.name in specs:
                raise RuleFileError(str(f), "du_lieu", f"bộ dữ liệu `{spec.name}` đã được mô tả ở tệp khác.")
            specs[spec.name] = spec
    return specs
