"""The yearly plan content `inputs/ke_hoach_YYYY.yaml` (docs/contract.md §2).

The clerk keeps the plan's text here: purposes, requirements, tasks with lead and
coordinating units, organisation, recipients, signer — and, during the year, each task's
progress (`tien_do`) for the Đề án report. Problems are findings (the clerk's data), not
exceptions: one bad plan blocks only the documents made from it (ke-hoach, bc-de-an and
bc-hoa-giai of its year — never built with placeholder text instead).

Finding codes (ERROR): plan-invalid (YAML or schema; the message names the line and the key
path, `row`/`column` carry them) · plan-misnamed (`Kế hoạch 2026.yaml`, `ke_hoach_2026 (1).yaml`:
a near miss, never read). File names match ignoring case and Unicode form; `.yml` is accepted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import RuleFileError, os_error_text, yaml_problem
from .findings import ERROR, Finding
from .rulefiles.schema import check

DATASET = "ke_hoach"
_NAME = re.compile(r"^ke_hoach_(\d{4})\.ya?ml$")          # matched on the NFC, case-folded name
_NEAR = re.compile(r"(^|_)ke_hoach_?(\d{4})(_|$)")          # on `files.loose_key` of the stem

#: the narrative paragraphs of `bao_cao_hoa_giai.<period>` (documents/bc_hoa_giai.py reads them)
NARRATIVE_KEYS = ("chi_dao", "boi_duong", "uu_diem", "han_che", "nguyen_nhan", "phuong_huong", "kien_nghi")
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
    # narrative parts of the reports that cannot be computed (the clerk writes them here);
    # their keys are checked, so a typo blocks the reports instead of leaving a prompt
    "bao_cao_hoa_giai": {"type": "map", "values": {      # {6t|nam: {chi_dao, boi_duong, …}}
        "type": "map", "keys": {k: {"type": "any"} for k in NARRATIVE_KEYS}}},
    "bao_cao_de_an": {"type": "map", "keys": {k: {"type": "any"} for k in ("danh_gia", "kien_nghi")}},
}}


@dataclass(frozen=True)
class KeHoach:
    nam: int
    file: str              # canonical name `ke_hoach_YYYY.yaml` (its identity in fingerprints)
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


def plan_year(file_name: str | None) -> int | None:
    """The year a plan file (or a finding about one) is for, from its name."""
    m = re.search(r"(\d{4})", file_name or "")
    return int(m.group(1)) if m else None


def _plan_files(inputs_dir: Path) -> tuple[list[tuple[int, Path]], list[tuple[int, Path]]]:
    """(plan files by year, near misses by year): names match ignoring case and Unicode
    form; `Kế hoạch 2026.yaml` or `ke_hoach_2026 (1).yaml` is a near miss, never read."""
    from .load.files import loose_key, name_key

    exact, near = [], []
    for path in sorted(Path(inputs_dir).iterdir()):
        if path.name.startswith(("~$", ".")) or path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
            continue
        m = _NAME.match(name_key(path.name))
        if m:
            exact.append((int(m.group(1)), path))
            continue
        m = _NEAR.search(loose_key(path.stem))
        if m:
            near.append((int(m.group(2)), path))
    return exact, near


def _line_of(text: str, key: str | None) -> int | None:
    """Line (1-based) of a dotted key path (`nhiem_vu[2].muc[0].chu_tri`) in a YAML text:
    the key's own line, or its parent's when the key is missing."""
    if not key:
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = None
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        if node is None:
            break
        if part.startswith("[") and isinstance(node, yaml.SequenceNode):
            i = int(part[1:-1])
            node = node.value[i] if i < len(node.value) else None
            line = node.start_mark.line + 1 if node is not None else line
        elif isinstance(node, yaml.MappingNode):
            hit = next(((k, v) for k, v in node.value if str(k.value) == part), None)
            if hit is None:
                break
            line, node = hit[0].start_mark.line + 1, hit[1]
        else:
            break
    return line if line is not None else 1


def load_plans(inputs_dir: str | Path) -> tuple[dict[int, KeHoach], list[Finding]]:
    """Read every `ke_hoach_YYYY.yaml`; return the valid plans and findings for the others.
    A plan with a finding is absent from the plans: the documents built from it are blocked
    (ke-hoach, bc-de-an and bc-hoa-giai of its year), never built with placeholder text."""
    plans: dict[int, KeHoach] = {}
    findings: list[Finding] = []
    exact, near = _plan_files(Path(inputs_dir))
    found_years = {y for y, _ in exact}
    for year, path in near:
        if year in found_years:
            continue
        canonical = f"ke_hoach_{year}.yaml"
        findings.append(Finding(
            code="plan-misnamed", severity=ERROR, dataset=DATASET, file=path.name,
            message=f"{path.name}: tên tệp kế hoạch phải là {canonical}; tệp có tên gần giống nên không "
                    f"được đọc. Hãy đổi tên tệp thành {canonical}.", value=year))
    for year, path in exact:
        if sum(1 for y, _ in exact if y == year) > 1:
            findings.append(Finding(
                code="plan-invalid", severity=ERROR, dataset=DATASET, file=path.name, value=year,
                message=f"{path.name}: có nhiều tệp kế hoạch năm {year}; hãy giữ đúng một tệp ke_hoach_{year}.yaml."))
            continue
        _load_one(path, year, plans, findings)
    return plans, findings


def _load_one(path: Path, year: int, plans: dict[int, KeHoach], findings: list[Finding]) -> None:
    def bad(msg: str, key: str | None = None, row: int | None = None) -> None:
        where = ", ".join(x for x in (f"dòng {row}" if row else "", f"khóa `{key}`" if key else "") if x)
        findings.append(Finding(code="plan-invalid", severity=ERROR, dataset=DATASET,
                                file=path.name, row=row, column=key, value=year,
                                message=f"{path.name}" + (f", {where}" if where else "") + f": {msg}"))

    try:
        text = path.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present
        data = yaml.load(text, Loader=loader)
    except UnicodeDecodeError:
        bad("tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8.")
        return
    except OSError as exc:
        bad(f"không đọc được tệp ({os_error_text(exc).rstrip('.')}).")
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        bad(f"YAML không hợp lệ{yaml_problem(exc)}.", row=mark.line + 1 if mark else None)
        return
    try:
        check(data, SCHEMA, path.name)
    except RuleFileError as exc:
        bad(exc.problem, key=exc.key, row=_line_of(text, exc.key))
        return
    if data["nam"] != year:
        bad(f"khóa `nam` là {data['nam']} nhưng tên tệp là năm {year}.", key="nam", row=_line_of(text, "nam"))
        return
    thang = data.get("thang_ban_hanh")
    if thang is not None and not 1 <= thang <= 12:
        bad("`thang_ban_hanh` phải từ 1 đến 12.", key="thang_ban_hanh", row=_line_of(text, "thang_ban_hanh"))
        return
    plans[year] = KeHoach(nam=year, file=f"ke_hoach_{year}.yaml", data=_nfc(data))
