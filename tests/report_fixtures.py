"""A small hand-made commune for the report, statistics, payment and deadline tests, and the
expected figures computed independently — plain loops over the row dicts, never hoagiai.stats.

What it holds on purpose: a case received in June and ended in July, a case received in
December of the previous year and ended in January (carried over), a mediator who stopped
mid-year, one recognised mid-year, a proposed (not yet recognised) mediator, a team without a
woman (fails Luật Điều 12), ethnic-minority and legally trained mediators.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from validate_fixtures import table

from hoagiai.documents.base import DocEnv, Month
from hoagiai.findings import Report
from hoagiai.model import Inputs
from hoagiai.yearly_plan import load_plans
from hoagiai.unit_profile import load_profile

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
TEMPLATES = ROOT / "templates"


def _p(ho_ten, thon, gioi_tinh="Nam", chuc_danh="Hòa giải viên", rec="2024-03-01", **kw):
    return {"ho_ten": ho_ten, "thon": thon, "gioi_tinh": gioi_tinh, "chuc_danh": chuc_danh,
            "nam_sinh": kw.pop("nam_sinh", 1970), "ngay_cong_nhan": rec, "dan_toc": kw.pop("dan_toc", "Kinh"),
            "chuyen_mon_luat": kw.pop("luat", False), **kw}


ROSTER = [
    _p("Nguyễn Văn Trưởng", "An Lại", chuc_danh="Tổ trưởng"),
    _p("Nguyễn Thị Hoa", "An Lại", "Nữ", luat=True, nam_boi_duong=2026),
    _p("Nguyễn Văn Minh", "An Lại", ngay_thoi="2026-05-15", ly_do_thoi="Tự nguyện"),   # stopped mid-year
    _p("Nguyễn Văn Tân", "An Lại", rec="2026-08-10"),                                   # recognised mid-year
    _p("Lò Thị Xuân", "An Lại", "Nữ", dan_toc="Thái", nam_boi_duong=2025),
    _p("Trần Văn Trưởng", "Đông Phan", chuc_danh="Tổ trưởng", nam_boi_duong=2026),
    _p("Trần Thị Hoa", "Đông Phan", "Nữ"),
    _p("Trần Văn Minh", "Đông Phan", luat=True),
    _p("Phạm Văn Đề", "Đông Phan", rec=None),                                           # proposed only
    _p("Lê Văn Trưởng", "Thượng Đạt", chuc_danh="Tổ trưởng"),
    _p("Lê Văn Minh", "Thượng Đạt"),
    _p("Lê Văn Hải", "Thượng Đạt", rec="2026-02-01"),
]


def _c(ma, thon, recv, ket_qua, end=None, linh_vuc="Mâu thuẫn giữa các bên", hgv=("Nguyễn Thị Hoa",),
       noi_dung="Mâu thuẫn về lối đi chung"):
    return {"ma_vu_viec": ma, "thon": thon, "ngay_tiep_nhan": recv, "ket_qua": ket_qua, "ngay_ket_thuc": end,
            "linh_vuc": linh_vuc, "hoa_giai_vien": list(hgv), "noi_dung": noi_dung, "can_cu": "Yêu cầu",
            "ngay_phan_cong": recv, "ngay_bat_dau": recv}


CASES = [
    _c("HG-2025-09", "An Lại", "2025-11-01", "Thành", "2025-11-20"),
    _c("HG-2025-12", "An Lại", "2025-12-20", "Thành", "2026-01-10"),                    # carried over
    _c("HG-2026-01", "An Lại", "2026-02-03", "Thành", "2026-02-10", "Đất đai"),
    _c("HG-2026-02", "Đông Phan", "2026-03-05", "Không thành", "2026-03-20", "Hôn nhân và gia đình",
       ("Trần Thị Hoa", "Trần Văn Minh")),
    _c("HG-2026-03", "An Lại", "2026-04-10", "Thành", "2026-04-30", "Tranh chấp dân sự"),
    _c("HG-2026-04", "Đông Phan", "2026-05-02", "Đang giải quyết"),
    _c("HG-2026-05", "An Lại", "2026-06-20", "Thành", "2026-07-05"),                    # June → July
    _c("HG-2026-06", "Thượng Đạt", "2026-09-01", "Thành", "2026-09-15", "Khác", ("Lê Văn Minh",)),
    _c("HG-2026-07", "Đông Phan", "2026-11-20", "Không thành", "2026-12-01", "Đất đai", ("Trần Thị Hoa",)),
    _c("HG-2026-08", "Thượng Đạt", "2026-12-20", "Đang giải quyết", None, "Khác", ("Lê Văn Hải",)),
    _c("HG-2026-09", "An Lại", "2026-07-15", "Không thành", "2026-07-30", "Vi phạm pháp luật nhỏ",
       ("Nguyễn Văn Trưởng", "Lò Thị Xuân")),
]


def inputs(roster=None, cases=None, report: Report | None = None, plans=True) -> Inputs:
    prof = load_profile(ROOT / "inputs" / "don_vi.yaml")
    tables = {"hoa_giai_vien": table("hoa_giai_vien", ROSTER if roster is None else roster),
              "vu_viec": table("vu_viec", CASES if cases is None else cases)}
    ps = load_plans(ROOT / "inputs")[0] if plans else {}
    return Inputs(profile=prof, tables=tables, plans=ps, report=report or Report())


def env(month: Month = Month(2026, 12), rules_dir: Path = RULES, **kw) -> DocEnv:
    return DocEnv(inputs=inputs(**kw), month=month, rules_dir=rules_dir, templates_dir=TEMPLATES)


# --------------------------------------------------------------------------- independent expectations

def _d(s):
    return dt.date.fromisoformat(s) if s else None


def expected(start: dt.date, end: dt.date, roster=None, cases=None) -> dict:
    """The figures by plain loops (same conventions as documented in hoagiai/stats.py)."""
    roster = ROSTER if roster is None else roster
    cases = CASES if cases is None else cases
    active = []
    for r in roster:
        rec, stop = _d(r.get("ngay_cong_nhan")), _d(r.get("ngay_thoi"))
        if rec is not None and rec <= end and (stop is None or stop > end):
            active.append(r)
    teams = set()
    for r in active:
        teams.add(r["thon"])
    out: dict[str, Any] = {"to_hoa_giai": len(teams), "hoa_giai_vien": len(active), "nu": 0,
                           "dan_toc_thieu_so": 0, "chuyen_mon_luat": 0, "duoc_boi_duong": 0, "vu_viec_tiep_nhan": 0,
                           "hoa_giai_thanh": 0, "hoa_giai_khong_thanh": 0, "dang_giai_quyet": 0}
    nam = 0
    for r in active:
        if r["gioi_tinh"] == "Nữ":
            out["nu"] += 1
        else:
            nam += 1
        if (r.get("dan_toc") or "Kinh") != "Kinh":
            out["dan_toc_thieu_so"] += 1
        if r.get("chuyen_mon_luat"):
            out["chuyen_mon_luat"] += 1
        if r.get("nam_boi_duong") == end.year:
            out["duoc_boi_duong"] += 1
    carried = 0
    for c in cases:
        recv, stop = _d(c["ngay_tiep_nhan"]), _d(c.get("ngay_ket_thuc"))
        if c["ket_qua"] == "Không thuộc phạm vi":
            continue     # not a case mediated (Luật HGCS Điều 3)
        ended = c["ket_qua"] in ("Thành", "Không thành", "Chấm dứt theo yêu cầu")
        if start <= recv <= end:
            out["vu_viec_tiep_nhan"] += 1
        elif recv < start and not (ended and stop < start):
            carried += 1
        else:
            continue
        if ended and start <= stop <= end:
            out["hoa_giai_thanh" if c["ket_qua"] == "Thành" else "hoa_giai_khong_thanh"] += 1
        else:
            out["dang_giai_quyet"] += 1
    done = out["hoa_giai_thanh"] + out["hoa_giai_khong_thanh"]
    out["ty_le_thanh"] = out["hoa_giai_thanh"] / done if done else None
    out["_nam"] = nam
    out["_chuyen_sang"] = carried
    return out


#: TT 56/2023/TT-BTC Điều 3 k17 a), applied directly (rules/thu_lao.yaml)
RATES = {"Thành": 400_000, "Không thành": 300_000, "Chấm dứt theo yêu cầu": 300_000}


def paid_in(year: int, month: int, cases=None) -> tuple[int, int]:
    """(number of cases, total) paid for cases ended in (year, month)."""
    n = total = 0
    for c in CASES if cases is None else cases:
        stop = _d(c.get("ngay_ket_thuc"))
        if c["ket_qua"] in RATES and stop and (stop.year, stop.month) == (year, month):
            n += 1
            total += RATES[c["ket_qua"]]
    return n, total
