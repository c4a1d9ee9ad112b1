"""Thù lao rates as data: `rules/thu_lao.yaml` (DOMAIN.md, Decision 3).

A case ended as thành or không thành earns its team one payment at the rate in force on the
day the case ended. Rates follow one another in time; the file may hold several.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import rules
from .errors import RuleFileError

FILE = "thu_lao.yaml"
SCHEMA = {"type": "map", "required": ["ket_qua_duoc_chi", "muc_chi"], "keys": {
    "ket_qua_duoc_chi": {"type": "list", "min": 1, "items": {"type": "str"}},
    "ket_qua_nguon": {"type": "str"},
    "muc_chi": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["muc", "nguon", "hieu_luc_tu"], "keys": {
            "muc": {"type": "int"}, "don_vi_tinh": {"type": "str"}, "minh_hoa": {"type": "bool"},
            "ghi_chu": {"type": "str"}, **rules.DATED}}},
}}


@dataclass(frozen=True)
class Rate:
    amount: int
    start: dt.date
    end: dt.date | None
    illustrative: bool
    source: str


@dataclass(frozen=True)
class Rates:
    paid_outcomes: tuple[str, ...]
    rates: tuple[Rate, ...]
    path: str

    def on(self, day: dt.date) -> Rate | None:
        hits = [r for r in self.rates if r.start <= day and (r.end is None or day <= r.end)]
        return hits[-1] if hits else None

    def amounts(self, days: pd.Series) -> pd.Series:
        """Vectorised: the rate in force on each date (pandas Int64; <NA> where none is)."""
        out = pd.Series(pd.NA, index=days.index, dtype="Int64")
        d = pd.to_datetime(days)
        for r in self.rates:
            mask = d >= pd.Timestamp(r.start)
            if r.end is not None:
                mask &= d <= pd.Timestamp(r.end)
            out[mask.fillna(False)] = r.amount
        return out


def load(rules_dir: Path) -> Rates:
    path = Path(rules_dir) / FILE
    data = rules.load(path, SCHEMA)
    rates = []
    for i, e in enumerate(data["muc_chi"]):
        if e["muc"] <= 0:
            raise RuleFileError(str(path), f"muc_chi[{i}].muc", "mức chi phải là số đồng dương.")
        end = e.get("hieu_luc_den")
        if end is not None and end < e["hieu_luc_tu"]:
            raise RuleFileError(str(path), f"muc_chi[{i}].hieu_luc_den", "ngày hết hiệu lực trước ngày có hiệu lực.")
        rates.append(Rate(e["muc"], e["hieu_luc_tu"], end, bool(e.get("minh_hoa")), e["nguon"]))
    rates.sort(key=lambda r: r.start)
    for a, b in zip(rates, rates[1:]):
        if a.end is None or a.end >= b.start:
            raise RuleFileError(str(path), "muc_chi",
                                f"các mức chi chồng thời gian: mức từ {a.start:%d/%m/%Y} phải hết hiệu lực "
                                f"trước ngày {b.start:%d/%m/%Y}.")
    return Rates(tuple(data["ket_qua_duoc_chi"]), tuple(rates), str(path))
