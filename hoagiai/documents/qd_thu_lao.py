"""`qd-thu-lao` — Quyết định chi thù lao cho hòa giải viên (monthly), docs/domain.md §7 item 10, with the
attached table of the cases paid.

Which documents: for every month up to the build month, the cases whose `Kết quả` is a paid
outcome (rules/thu_lao.yaml: thành, không thành, chấm dứt theo yêu cầu — never "Không thuộc
phạm vi" nor "Đang giải quyết") and whose `Ngày kết thúc` falls in that month make one
decision, id "qd-thu-lao-YYYY-MM" (the month of the cases). Each case earns its team one
payment at the rate for its outcome in force on the day it ended (several rates may follow one
another in time). Since the cases of a month end up to its last day, the decision is dated in
the FOLLOWING month (a draft: day blank, "tháng M+1"); the 05-working-day deadline of the
procedure is only a reminder (`due`), never a block.

Legal bases: the kind's list plus the "Căn cứ" id each rate period names (the provincial HĐND
resolution, or Thông tư 56/2023/TT-BTC itself when applied directly). An id missing from
rules/can_cu.yaml, or with no version in force, blocks the decision with a reason naming the
key — a payment is never decided on a guessed basis.

The table shows the case code, team (thôn), dates, summary, outcome, the mediators (they are
paid, so their names are shown) and the amount — never a party's name (Decision 8).

Blocking: an ERROR on one of the month's cases blocks that month's decision only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..rulefiles import schema as rules_mod, thu_lao
from ..model import VU_VIEC
from ..vn import tien
from ..vn import so_hai_chu_so, thang_nam
from . import table_rows
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells
from ..rulefiles.can_cu import FILE as CAN_CU_FILE, load as load_can_cu
from .reasons import BASIS_MISSING, BASIS_NOT_IN_FORCE, NO_RATE, Reason, unique

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
    ended = end[paid]
    month_of = dict(zip(ended.index, zip(ended.dt.year.astype(int), ended.dt.month.astype(int))))
    by_month: dict[tuple[int, int], list[table_rows.Row]] = {}
    for r in table_rows.rows(table):        # file order, each paid case under its month
        if r.name in month_of:
            by_month.setdefault(month_of[r.name], []).append(r)
    jobs = []
    for y, m in sorted(by_month):
        if (y, m) > (env.month.year, env.month.month):
            continue
        jobs.append(make_job(env, settings, rates, table, Month(y, m), by_month[(y, m)]))
    return jobs


def _team(row: table_rows.Row) -> str:
    thon = table_rows.text(row.get("thon")) or ""
    return table_rows.text(row.get("to_hoa_giai")) or f"Tổ hòa giải thôn {thon}".strip()


def decision_month(month: Month) -> Month:
    """The month a payment decision is dated in: the one after its cases' month."""
    return Month.of(month.last + dt.timedelta(days=1))


def _bases(env: DocEnv, settings: dict, rates_used: list[thu_lao.Rate], on: dt.date
           ) -> tuple[list[str], list[Reason]]:
    """("Căn cứ" lines, blocking reasons): the kind's bases plus each rate's own basis."""
    ids = list(dict.fromkeys([*settings["can_cu"], *(r.can_cu for r in rates_used)]))
    table = load_can_cu(env.rules_dir)
    reasons = []
    for i in ids:
        if i not in table:
            reasons.append(Reason(BASIS_MISSING, f"rules/{thu_lao.FILE} dẫn chiếu căn cứ `{i}` nhưng "
                                  f"rules/{CAN_CU_FILE} không có khóa can_cu.{i}: bổ sung tên, số, ngày của "
                                  f"văn bản đó trước khi lập quyết định.", file=f"rules/{CAN_CU_FILE}", placed=False))
        elif not rules_mod.pick_in_force(table[i], on):
            reasons.append(Reason(BASIS_NOT_IN_FORCE, f"rules/{CAN_CU_FILE}, khóa can_cu.{i}: không có văn bản "
                                  f"có hiệu lực vào ngày {on:%d/%m/%Y}.", file=f"rules/{CAN_CU_FILE}", placed=False))
    if reasons:
        return [], reasons
    return table_rows.can_cu_lines(env.rules_dir, ids, on), []


def _groups(settings: dict, danh_sach: list[dict]) -> list[dict[str, Any]]:
    """One line per (outcome, rate): "- 03 vụ, việc hòa giải thành, mức 400.000 đồng/vụ, việc:
    1.200.000 đồng" — words, never arithmetic symbols."""
    labels = settings["nhom_ket_qua"]
    order = list(labels)
    counts: dict[tuple[str, int], int] = {}
    for e in danh_sach:
        counts[(e["ket_qua"], e["muc"])] = counts.get((e["ket_qua"], e["muc"]), 0) + 1
    keys = sorted(counts, key=lambda k: (order.index(k[0]) if k[0] in order else len(order), k[1]))
    return [{"so_vu": counts[k], "muc": k[1], "thanh_tien": counts[k] * k[1],
             "dong": settings["nhom_muc"].format(so_vu=so_hai_chu_so(counts[k]), nhom=labels.get(k[0], k[0]),
                                                 muc=tien(k[1]), thanh_tien=tien(counts[k] * k[1]))}
            for k in keys]


def make_job(env: DocEnv, settings: dict, rates: thu_lao.Rates, table, month: Month,
             rows: list[table_rows.Row]) -> DocJob:
    p = env.profile
    order = table_rows.ThonOrder(p)
    thang = thang_nam(month.month, month.year)
    dated = decision_month(month)
    job = DocJob(id=f"{KIND}-{month}", kind=KIND, title=settings["tieu_de"].format(thang=thang),
                 template=settings["mau"], year=dated.year, month=dated.month, symbol="", context={},
                 cells=profile_cells(env), rule_files=[f"van_ban/{KIND}.yaml", thu_lao.FILE, "can_cu.yaml"],
                 period={"from": month.first.isoformat(), "to": month.last.isoformat()})
    for r in rows:
        add_row_cells(job, table, r, table_rows.text(r.get("ma_vu_viec")) or f"dòng {r['_row']}",
                      [k for k in READS if k in table.frame.columns])
    findings = env.inputs.report.findings
    reasons = (table_rows.dataset_errors(findings, VU_VIEC)
               + table_rows.row_errors(findings, VU_VIEC, [r["_row"] for r in rows]))

    items: list[dict[str, Any]] = []
    used: list[thu_lao.Rate] = []
    for r in rows:
        ended = table_rows.as_date(r.get("ngay_ket_thuc"))
        assert ended is not None   # the month's rows are the cases that ended in it
        rate = rates.on(ended)
        outcome = table_rows.text(r.get("ket_qua")) or ""
        if rate is None or rate.amount(outcome) is None:
            reasons.append(Reason(NO_RATE, f"vụ việc {table_rows.text(r.get('ma_vu_viec'))} kết thúc ngày "
                                  f"{ended:%d/%m/%Y} ({outcome}) nhưng {thu_lao.FILE} không có mức chi thù lao "
                                  f"cho kết quả này có hiệu lực vào ngày đó.", file=table.file, row=int(r['_row'])))
            continue
        if rate not in used:
            used.append(rate)
        names = r.get("hoa_giai_vien")
        if not isinstance(names, (list, tuple)):
            names = [n.strip() for n in str(names or "").split(";") if n.strip()]
        items.append({
            "ma": table_rows.text(r.get("ma_vu_viec")) or "", "to": _team(r), "thon": order.name(r.get("thon")),
            "ngay_tiep_nhan": table_rows.as_date(r.get("ngay_tiep_nhan")), "ngay_ket_thuc": ended,
            "noi_dung": table_rows.text(r.get("noi_dung")) or "", "ket_qua": table_rows.text(r.get("ket_qua")) or "",
            "hoa_giai_vien": ", ".join(str(n) for n in names), "muc": rate.amount(outcome),
            "_sort": (order.index(r.get("thon")), _team(r), ended, table_rows.text(r.get("ma_vu_viec")) or ""),
        })
    can_cu, missing = _bases(env, settings, used, dated.first)
    reasons += missing
    if reasons:
        job.blocking = unique(reasons)
        return job
    items.sort(key=lambda e: e["_sort"])
    danh_sach = [{k: v for k, v in e.items() if not k.startswith("_")} for e in items]
    tong = sum(e["muc"] for e in danh_sach)

    nhom_muc = _groups(settings, danh_sach)
    teams: dict[str, dict[str, Any]] = {}
    for e in danh_sach:
        t = teams.setdefault(e["to"], {"ten": e["to"], "so_vu": 0, "thanh_tien": 0})
        t["so_vu"] += 1
        t["thanh_tien"] += e["muc"]

    fill = {"cap": p.cap, "dia_danh": p.dia_danh, "ten_don_vi": p.ten_don_vi, "nam": month.year,
            "thang": thang, "so_vu": so_hai_chu_so(len(danh_sach)), "so_to": so_hai_chu_so(len(teams))}
    ctx = frame_context(env, settings, year=dated.year, month=dated.month,
                        trich_yeu=settings["trich_yeu"].format(**fill),
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    if settings.get("chu_the_tap_the"):
        ctx["van_ban"]["chu_the"] = " ".join(x for x in p.header_lines if x)
    ctx["can_cu"] = can_cu
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

