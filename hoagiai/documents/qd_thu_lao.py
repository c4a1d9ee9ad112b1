"""`qd-thu-lao` — Quyết định chi thù lao cho hòa giải viên (monthly), DOMAIN §7 item 10, with the
attached table of the cases paid.

Which documents: for every month up to the build month, the cases whose `Kết quả` is a paid
outcome (rules/thu_lao.yaml: thành, không thành) and whose `Ngày kết thúc` falls in that month
make one decision, id "qd-thu-lao-YYYY-MM". Each case earns its team one payment at the rate in
force on the day it ended (several rates may follow one another in time). The decision is
dated in that month (a draft: day blank); the 05-working-day deadline of the procedure is only
a reminder (`due`), never a block.

The table shows the case code, team (thôn), dates, summary, outcome, the mediators (they are
paid, so their names are shown) and the amount — never a party's name (Decision 8).

Blocking: an ERROR on one of the month's cases blocks that month's decision only.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import thu_lao
from ..model import VU_VIEC
from ..vn import so_hai_chu_so, thang_nam
from . import roster
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells

KIND = "qd-thu-lao"
READS = ["ma_vu_viec", "ngay_tiep_nhan", "thon", "to_hoa_giai", "noi_dung", "hoa_giai_vien", "ket_qua",
         "ngay_ket_thuc"]


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    rates = thu_lao.load(env.rules_dir)
    table = env.inputs.table(VU_VIEC)
    if table is None or not len(table.frame) or "ngay_ket_thuc" not in table.frame.columns:
        return []
    f = table.frame
    end = pd.to_datetime(f["ngay_ket_thuc"], errors="coerce")
    paid = f["ket_qua"].isin(list(rates.paid_outcomes)).fillna(False).astype(bool) & end.notna()
    months = sorted({(int(d.year), int(d.month)) for d in end[paid]})
    jobs = []
    for y, m in months:
        if (y, m) > (env.month.year, env.month.month):
            continue
        month = Month(y, m)
        mask = paid & (end.dt.year == y) & (end.dt.month == m)
        rows = [r for _, r in f[mask].sort_values("_row", kind="stable").iterrows()]
        jobs.append(make_job(env, settings, rates, table, month, rows))
    return jobs


def _team(row: pd.Series) -> str:
    return roster.text(row.get("to_hoa_giai")) or f"Tổ hòa giải thôn {roster.text(row.get('thon')) or ''}".strip()


def make_job(env: DocEnv, settings: dict, rates: thu_lao.Rates, table, month: Month,
             rows: list[pd.Series]) -> DocJob:
    p = env.profile
    order = roster.ThonOrder(p)
    thang = thang_nam(month.month, month.year)
    job = DocJob(id=f"{KIND}-{month}", kind=KIND, title=settings["tieu_de"].format(thang=thang),
                 template=settings["mau"], year=month.year, month=month.month, symbol="", context={},
                 cells=profile_cells(env), rule_files=[f"van_ban/{KIND}.yaml", thu_lao.FILE, "can_cu.yaml"],
                 period={"from": month.first.isoformat(), "to": month.last.isoformat()})
    for r in rows:
        add_row_cells(job, table, r, roster.text(r.get("ma_vu_viec")) or f"dòng {r['_row']}",
                      [k for k in READS if k in table.frame.columns])
    findings = env.inputs.report.findings
    reasons = roster.dataset_errors(findings, VU_VIEC) + roster.row_errors(findings, VU_VIEC, [r["_row"] for r in rows])

    items: list[dict[str, Any]] = []
    for r in rows:
        ended = roster.as_date(r.get("ngay_ket_thuc"))
        rate = rates.on(ended)
        if rate is None:
            reasons.append(f"{table.file}, dòng {int(r['_row'])}: vụ việc {roster.text(r.get('ma_vu_viec'))} kết thúc "
                           f"ngày {ended:%d/%m/%Y} nhưng {thu_lao.FILE} không có mức chi thù lao có hiệu lực vào ngày đó.")
            continue
        names = r.get("hoa_giai_vien")
        if not isinstance(names, (list, tuple)):
            names = [n.strip() for n in str(names or "").split(";") if n.strip()]
        items.append({
            "ma": roster.text(r.get("ma_vu_viec")) or "", "to": _team(r), "thon": order.name(r.get("thon")),
            "ngay_tiep_nhan": roster.as_date(r.get("ngay_tiep_nhan")), "ngay_ket_thuc": ended,
            "noi_dung": roster.text(r.get("noi_dung")) or "", "ket_qua": roster.text(r.get("ket_qua")) or "",
            "hoa_giai_vien": ", ".join(str(n) for n in names), "muc": rate.amount,
            "_sort": (order.index(r.get("thon")), _team(r), ended, roster.text(r.get("ma_vu_viec")) or ""),
        })
    if reasons:
        job.reasons = list(dict.fromkeys(reasons))
        return job
    items.sort(key=lambda e: e["_sort"])
    danh_sach = [{k: v for k, v in e.items() if not k.startswith("_")} for e in items]
    tong = sum(e["muc"] for e in danh_sach)

    by_rate: dict[int, int] = {}
    for e in danh_sach:
        by_rate[e["muc"]] = by_rate.get(e["muc"], 0) + 1
    nhom_muc = [{"so_vu": n, "muc": m, "thanh_tien": n * m} for m, n in sorted(by_rate.items())]
    teams: dict[str, dict[str, Any]] = {}
    for e in danh_sach:
        t = teams.setdefault(e["to"], {"ten": e["to"], "so_vu": 0, "thanh_tien": 0})
        t["so_vu"] += 1
        t["thanh_tien"] += e["muc"]

    fill = {"cap": p.cap, "dia_danh": p.dia_danh, "ten_don_vi": p.ten_don_vi, "nam": month.year,
            "thang": thang, "so_vu": so_hai_chu_so(len(danh_sach)), "so_to": so_hai_chu_so(len(teams))}
    ctx = frame_context(env, settings, year=month.year, month=month.month,
                        trich_yeu=settings["trich_yeu"].format(**fill),
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    if settings.get("chu_the_tap_the"):
        ctx["van_ban"]["chu_the"] = " ".join(x for x in p.header_lines if x)
    ctx["can_cu"] = roster.can_cu_lines(env.rules_dir, settings["can_cu"], month.first)
    ctx["qd"] = {
        "theo_de_nghi": settings["theo_de_nghi"].format(**fill),
        "dieu_1_mo_dau": settings["dieu_1_mo_dau"].format(**fill),
        "nhom_muc": nhom_muc, "theo_to": list(teams.values()), "tong_tien": tong,
        "so_vu_viec": len(danh_sach),
        "dieu_2": settings["dieu_2"].format(**fill), "dieu_3": settings["dieu_3"].format(**fill),
    }
    ctx["phu_luc"] = {"cua": p.ten_don_vi}
    ctx["danh_sach"] = danh_sach
    job.context = ctx
    job.symbol = ctx["van_ban"]["ky_hieu"]
    job.figures = {"so_vu_viec": len(danh_sach), "tong_tien": int(tong)}
    return job

