"""Thù lao rates as data: `rules/thu_lao.yaml` (docs/domain.md, Decision 3 and §10.1).

A case that ended in a paid outcome (thành, không thành, chấm dứt theo yêu cầu) earns its team
one payment at the rate for its outcome in force on the day it ended. Rates follow one another
in time; each period names the "Căn cứ" id (rules/can_cu.yaml) a payment decision cites: the
provincial HĐND resolution when there is one, otherwise Thông tư 56/2023/TT-BTC itself. Every
rate is checked against the ceiling of TT 56/2023 Điều 3 k17 a) in force on its first day: a
rate above it is a rule-file error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleFileError
from ..vn import tien
from . import schema as rules

FILE = "thu_lao.yaml"
FLAGS = {"minh_hoa": {"type": "bool"}, "chua_xac_minh": {"type": "bool"}, "ghi_chu": {"type": "str"}}
SCHEMA = {"type": "map", "required": ["tran", "muc_chi"], "keys": {
    "tran": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["mac_dinh", "nguon", "hieu_luc_tu"], "keys": {
            "mac_dinh": {"type": "int"}, "theo_ket_qua": {"type": "map", "values": {"type": "int"}},
            "don_vi_tinh": {"type": "str"}, **FLAGS, **rules.DATED}}},
    "muc_chi": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["can_cu", "theo_ket_qua", "nguon", "hieu_luc_tu"], "keys": {
            "can_cu": {"type": "str"}, "don_vi_tinh": {"type": "str"},
            "theo_ket_qua": {"type": "map", "values": {
                "type": "map", "required": ["muc", "nguon"],
                "keys": {"muc": {"type": "int"}, "nguon": {"type": "str"}, **FLAGS}}},
            **FLAGS, **rules.DATED}}},
}}


@dataclass(frozen=True)
class Rate:
    by_outcome: dict[str, int]
    start: dt.date
    end: dt.date | None
    can_cu: str                  # id in rules/can_cu.yaml cited by the payment decision
    source: str

    def amount(self, outcome: str) -> int | None:
        return self.by_outcome.get(outcome)


@dataclass(frozen=True)
class Rates:
    paid_outcomes: tuple[str, ...]
    rates: tuple[Rate, ...]
    path: str

    def on(self, day: dt.date) -> Rate | None:
        hits = [r for r in self.rates if r.start <= day and (r.end is None or day <= r.end)]
        return hits[-1] if hits else None

    def amount(self, day: dt.date, outcome: str) -> int | None:
        """The rate for a case with `outcome` ended on `day`: of the rates in force that day and
        naming that outcome, the last in the file; None when none does."""
        out = None
        for r in self.rates:
            if r.start <= day and (r.end is None or day <= r.end) and outcome in r.by_outcome:
                out = r.by_outcome[outcome]
        return out


def _ceiling(path: Path, tran: list[dict], day: dt.date) -> dict:
    hits = rules.pick_in_force(tran, day)
    if not hits:
        raise RuleFileError(str(path), "tran", f"không có mức chi tối đa có hiệu lực vào ngày {day:%d/%m/%Y}.")
    return hits[-1]


def _rate(path: Path, i: int, e: dict, tran: list[dict]) -> Rate:
    end = e.get("hieu_luc_den")
    if end is not None and end < e["hieu_luc_tu"]:
        raise RuleFileError(str(path), f"muc_chi[{i}].hieu_luc_den", "ngày hết hiệu lực trước ngày có hiệu lực.")
    cap = _ceiling(path, tran, e["hieu_luc_tu"])
    amounts: dict[str, int] = {}
    for outcome, item in e["theo_ket_qua"].items():
        key = f"muc_chi[{i}].theo_ket_qua.{outcome}.muc"
        limit = (cap.get("theo_ket_qua") or {}).get(outcome, cap["mac_dinh"])
        if item["muc"] <= 0:
            raise RuleFileError(str(path), key, "mức chi phải là số đồng dương.")
        if item["muc"] > limit:
            raise RuleFileError(str(path), key,
                                f"mức chi {tien(item['muc'])} cao hơn mức tối đa {tien(limit)}/vụ, việc "
                                f"({cap['nguon']}).")
        amounts[outcome] = item["muc"]
    return Rate(amounts, e["hieu_luc_tu"], end, e["can_cu"], e["nguon"])


def load(rules_dir: Path) -> Rates:
    path = Path(rules_dir) / FILE
    data = rules.load(path, SCHEMA)
    rates = sorted((_rate(path, i, e, data["tran"]) for i, e in enumerate(data["muc_chi"])),
                   key=lambda r: r.start)
    for a, b in zip(rates, rates[1:]):
        if a.end is None or a.end >= b.start:
            raise RuleFileError(str(path), "muc_chi",
                                f"các mức chi chồng thời gian: mức từ {a.start:%d/%m/%Y} phải hết hiệu lực "
                                f"trước ngày {b.start:%d/%m/%Y}.")
    paid = tuple(dict.fromkeys(o for r in rates for o in r.by_outcome))
    return Rates(paid, tuple(rates), str(path))
