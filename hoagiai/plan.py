"""The yearly plan content `inputs/ke_hoach_YYYY.yaml` (CONTRACT §2).

The clerk keeps the plan's text here: purposes, requirements, tasks with lead and
coordinating units, organisation, recipients, signer — and, during the year, each task's
progress (`tien_do`) for the Đề án report. Problems are findings (the clerk's data), not
exceptions: one bad plan blocks only the documents made from it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import RuleFileError
from .findings import ERROR, Finding
from .rules import check

DATASET = "ke_hoach"
_NAME = re.compile(r"^ke_hoach_(\d{4})\.yaml$")

_UNIT = {"type": "str"}
_TEXTS = {"type": "list", "items": {"type": "str"}}
_MUC = {"type": "map", "required": ["noi_dung", "chu_tri"], "keys": {
    "noi_dung": {**_TEXTS, "min": 1}, "chu_tri": _UNIT, "phoi_hop": _UNIT,
    "nhan_chu_tri": _UNIT, "nhan_phoi_hop": _UNIT, "tien_do": _TEXTS}}
SCHEMA = {"type": "map", "required": ["nam", "trich_yeu", "mo_dau", "muc_dich", "yeu_cau",
                                      "nhiem_vu", "noi_nhan", "nguoi_ky"], "keys": {
    "nam": {"type": "int"},
    "thang_ban_hanh": {"type": "int"},
    "trich_yeu": {"type": "str"},
    "mo_dau": {"type": "str"},
    "muc_dich": {**_TEXTS, "min": 1},
    "yeu_cau": {**_TEXTS, "min": 1},
    "nhiem_vu": {"type": "list", "min": 1, "items": {"type": "map", "required": ["ten"], "keys": {
        "ten": {"type": "str"}, "noi_dung": _TEXTS, "muc": {"type": "list", "items": _MUC},
        "chu_tri": _UNIT, "phoi_hop": _UNIT, "nhan_chu_tri": _UNIT, "nhan_phoi_hop": _UNIT,
        "tien_do": _TEXTS}}},
    "to_chuc": {"type": "list", "items": {"type": "map", "required": ["ten", "doan"], "keys": {
        "ten": {"type": "str"}, "doan": _TEXTS}}},
    "ket_luan": {"type": "str"},
    "noi_nhan": {**_TEXTS, "min": 1},
    "nguoi_ky": {"type": "str"},
    # narrative parts of the reports that cannot be computed (the clerk writes them here)
    "bao_cao_hoa_giai": {"type": "map", "extra": True},   # {6t|nam: {chi_dao, boi_duong, uu_diem, …}}
    "bao_cao_de_an": {"type": "map", "extra": True},      # {danh_gia, kien_nghi}
}}


@dataclass(frozen=True)
class KeHoach:
    nam: int
    file: str
    data: dict[str, Any]   # the whole YAML content, NFC

    @property
    def thang_ban_hanh(self) -> int | None:
        return self.data.get("thang_ban_hanh")


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", " ".join(value.split()))
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def load_plans(inputs_dir: str | Path) -> tuple[dict[int, KeHoach], list[Finding]]:
    """Read every `ke_hoach_YYYY.yaml`; return the valid plans and findings for the others."""
    plans: dict[int, KeHoach] = {}
    findings: list[Finding] = []
    for path in sorted(Path(inputs_dir).glob("ke_hoach_*.yaml")):
        m = _NAME.match(path.name)
        if not m:
            continue
        year = int(m.group(1))

        def bad(msg: str, key: str | None = None, row: int | None = None) -> None:
            findings.append(Finding(code="plan-invalid", severity=ERROR, dataset=DATASET,
                                    file=path.name, row=row, column=key,
                                    message=f"{path.name}: {msg}"))

        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except UnicodeDecodeError:
            bad("tệp không phải UTF-8.")
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            bad(f"YAML không hợp lệ: {getattr(exc, 'problem', exc)}.",
                row=mark.line + 1 if mark else None)
            continue
        try:
            check(data, SCHEMA, path.name)
        except RuleFileError as exc:
            bad(exc.problem if exc.key else exc.problem, key=exc.key)
            continue
        if data["nam"] != year:
            bad(f"khóa `nam` là {data['nam']} nhưng tên tệp là năm {year}.", key="nam")
            continue
        thang = data.get("thang_ban_hanh")
        if thang is not None and not 1 <= thang <= 12:
            bad("`thang_ban_hanh` phải từ 1 đến 12.", key="thang_ban_hanh")
            continue
        plans[year] = KeHoach(nam=year, file=path.name, data=_nfc(data))
    return plans, findings
