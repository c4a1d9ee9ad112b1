"""The sentences of the periodic reports (`bc-hoa-giai`, `bc-de-an`), computed from the
figures with the wording of `rules/van_ban/<kind>.yaml` (key `cau`): counts as an official
writes them (zero → "không có", never "00"), a target reported as met, as progress towards a
later year, or as not met once its year has come; money without arithmetic symbols; the date
the figures run to, and the estimated remainder of an early report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import stats
from ..rulefiles import lich_bao_cao
from ..vn import ngay_so, so_hai_chu_so, tien, ty_le
from ..vn.wording_reports import dem, noi


def so_lieu_den(cau: dict, rep: lich_bao_cao.Report, to_day: dt.date) -> str:
    """The sentence after the period line: the day the figures run to and, for an early
    report, the estimated remainder in the statistics rules' wording."""
    p = rep.period
    if to_day >= p.end:
        return cau["so_lieu_du_ky"].format(den=ngay_so(p.end))
    after = to_day + dt.timedelta(days=1)
    if rep.actual_to is not None:
        return cau["so_lieu_uoc_tinh"].format(tu=ngay_so(p.start), den=ngay_so(to_day), tu_uoc=ngay_so(after),
                                              den_ky=ngay_so(p.end))
    return cau["so_lieu_den_ngay"].format(den=ngay_so(to_day), tu_sau=ngay_so(after), den_ky=ngay_so(p.end))


def target_status(view: dict[str, Any] | None, year: int, target_year: int | None) -> str | None:
    """"dat" (met), "dang" (not yet met, its year still ahead), "chua_dat", or None (no data)."""
    if view is None or view["dat"] is None:
        return None
    if view["dat"]:
        return "dat"
    return "dang" if target_year is not None and year < target_year else "chua_dat"


def target_clause(cau: dict, view: dict[str, Any] | None, status: str | None) -> str:
    """"; đạt mục tiêu của Đề án (100% tổ hòa giải)" and the like ("" without a target)."""
    if view is None:
        return ""
    key = {"dat": "muc_tieu_dat", "dang": "muc_tieu_dang", "chua_dat": "muc_tieu_chua_dat",
           None: "muc_tieu_dang"}[status]
    return "; " + cau[key].format(mo_ta=view["mo_ta"])


def to_chuc(cau: dict, st: stats.Stats, cap: str, to_day: dt.date) -> list[str]:
    f, x = st.figures, st.extra
    chi_tiet = noi([
        noi([dem(x["nam"], cau["nam"], cau["nam_khong"]), dem(f["nu"], cau["nu"], cau["nu_khong"])], ", "),
        dem(f["dan_toc_thieu_so"], cau["dtts"], cau["dtts_khong"]),
        noi([dem(f["chuyen_mon_luat"], cau["luat"], cau["luat_khong"]),
             dem(x["chua_qua_dao_tao_luat"], cau["chua_luat"], cau["chua_luat_khong"])], ", ")])
    first = cau["to_chuc"].format(den=ngay_so(to_day), cap=cap, to=so_hai_chu_so(f["to_hoa_giai"]),
                                  hgv=so_hai_chu_so(f["hoa_giai_vien"]), chi_tiet=chi_tiet)
    if not f["to_hoa_giai"]:
        first = cau["to_chuc_khong"].format(den=ngay_so(to_day), cap=cap)
    rec, stop = x["cong_nhan_trong_ky"], x["thoi_trong_ky"]
    change = (cau["bien_dong_khong"] if not rec and not stop else
              "Trong kỳ " + noi([dem(rec, cau["cong_nhan"], cau["cong_nhan_khong"]),
                                 dem(stop, cau["thoi"], cau["thoi_khong"])]) + ".")
    return [first, change]


def hoat_dong(cau: dict, st: stats.Stats) -> list[str]:
    f, x = st.figures, st.extra
    khong_thanh = dem(f["hoa_giai_khong_thanh"], cau["khong_thanh"], cau["khong_thanh_khong"])
    if x.get("cham_dut_theo_yeu_cau"):
        khong_thanh += cau["trong_do_cham_dut"].format(so=so_hai_chu_so(x["cham_dut_theo_yeu_cau"]))
    parts = [dem(f["vu_viec_tiep_nhan"], cau["tiep_nhan"], cau["tiep_nhan_khong"])
             + (cau["chuyen_sang"].format(so=so_hai_chu_so(x["ky_truoc_chuyen_sang"]))
                if x["ky_truoc_chuyen_sang"] else ""),
             dem(f["hoa_giai_thanh"], cau["thanh"], cau["thanh_khong"]), khong_thanh,
             dem(f["dang_giai_quyet"], cau["dang"], cau["dang_khong"])]
    out = ["Trong kỳ, " + noi(parts) + "."]
    if x.get("ngoai_pham_vi"):
        out.append(cau["ngoai_pham_vi"].format(so=so_hai_chu_so(x["ngoai_pham_vi"])))
    return out


def ty_le_thanh(cau: dict, st: stats.Stats, clause: str) -> str:
    rate = st.figures["ty_le_thanh"]
    if rate is None:
        return cau["ty_le_khong"]
    return cau["ty_le"].format(ty_le=ty_le(rate), muc_tieu=clause)


def kinh_phi(cau: dict, st: stats.Stats, labels: dict[str, str]) -> list[str]:
    x = st.extra
    n = x.get("thu_lao_so_vu_viec", 0)
    if not n:
        return [cau["thu_lao_khong"]]
    order = list(labels)
    rank = {k: i for i, k in enumerate(order)}
    groups = "; ".join(cau["thu_lao_nhom"].format(so=so_hai_chu_so(g["so_vu"]),
                                                  nhom=labels.get(g["ket_qua"], g["ket_qua"]), muc=tien(g["muc"]))
                       for g in sorted(x.get("thu_lao_theo_muc", []),
                                       key=lambda g: (rank.get(g["ket_qua"], len(order)), -g["muc"])))
    out = [cau["thu_lao"].format(so=so_hai_chu_so(n), tong=tien(x.get("thu_lao_tong_tien", 0)), nhom=groups)]
    if x.get("thu_lao_thieu_muc"):
        out.append(cau["thu_lao_thieu_muc"].format(so=so_hai_chu_so(x["thu_lao_thieu_muc"])))
    return out
