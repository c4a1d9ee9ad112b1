"""`qd-doan-kiem-tra` — Quyết định thành lập Đoàn kiểm tra công tác hòa giải ở cơ sở
(docs/domain.md §7, skeleton 5), a decision in the Chủ tịch's own power.

Which documents: one per year that has inspections (`kiem_tra.xlsx`, sheet "Kết quả"), id
"qd-doan-kiem-tra-YYYY", for the build year, and only when the sheet "Đoàn kiểm tra" lists
the team (docs/contract.md §4: "the inspection team sheet exists for that year"). The Đoàn must exist
before it inspects, so the draft is dated in the month BEFORE the year's first inspection —
or in that same month when it is January, because a decision numbered in one year's register
cannot be dated in the year before (Nghị định 30/2020, Điều 15: numbers restart on 01/01).
It appears once its month is on or before the build month.

Điều 1 lists the members (STT | Họ và tên | Chức vụ, đơn vị | Nhiệm vụ trong Đoàn) in the
order of `thu_tu_nhiem_vu` (Trưởng đoàn, Phó trưởng đoàn, Thành viên, Thư ký), keeping the
sheet's order within a role; Điều 2 names the thôn and the period of the year's inspections.

Legal bases: those of the kind file, then the year's plan (`ke-hoach-YYYY`) that calls for the
inspections — "Căn cứ Kế hoạch số …/KH-UBND ngày …" once it is issued (read from the register,
part of the fingerprint, as tb-kiem-tra cites this decision), by its title before that, and not
at all when the year has no plan file. The last article ends "./.".

Blocking: an ERROR on any member row, or on an inspection row of that year (they give the
thôn and the dates the decision states), blocks the decision.
"""

from __future__ import annotations

import datetime as dt

from ..model import DOAN_KIEM_TRA, KIEM_TRA
from ..vn import ngay_nd30, ngay_so, so_hai_chu_so, tu_ngay_den_ngay
from . import table_rows
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells

KIND = "qd-doan-kiem-tra"
MEMBER_KEYS = ["ho_ten", "chuc_vu_don_vi", "nhiem_vu"]
INSPECTION_KEYS = ["thon", "ngay_kiem_tra"]


def decision_month(first_inspection: dt.date) -> Month:
    """The month before the first inspection, never leaving its year."""
    return Month(first_inspection.year, max(first_inspection.month - 1, 1))


def khoang(days: list[dt.date]) -> str:
    """"ngày 05/10/2026" or "từ ngày 05/10/2026 đến ngày 20/11/2026"."""
    a, b = min(days), max(days)
    return f"ngày {ngay_so(a)}" if a == b else tu_ngay_den_ngay(a, b)


def plan_line(settings: dict, issued, fill: dict) -> str:
    """"Căn cứ Kế hoạch số 03/KH-UBND ngày … của …" once the year's plan is issued (read from
    the register), otherwise the plan by its title."""
    if not issued:
        return settings["can_cu_ke_hoach"].format(**fill)
    number, symbol, day = issued
    return settings["can_cu_ke_hoach_so"].format(
        so=so_hai_chu_so(number), ky_hieu=symbol, ngay=ngay_nd30(dt.date.fromisoformat(day)), **fill)


def inspection_day(row) -> dt.date:
    """The date of an inspection a document is made from (rows without one are left out first)."""
    d = table_rows.as_date(row.get("ngay_kiem_tra"))
    assert d is not None, row.get("_row")
    return d


def inspection_record(row) -> str:
    d = table_rows.as_date(row.get("ngay_kiem_tra"))
    return f"{table_rows.text(row.get('thon')) or ''}|{d.isoformat() if d else ''}"


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    year = env.month.year
    kt = env.inputs.table(KIEM_TRA)
    doan = env.inputs.table(DOAN_KIEM_TRA)
    inspections = [r for r in table_rows.rows(kt)
                   if (d := table_rows.as_date(r.get("ngay_kiem_tra"))) is not None and d.year == year]
    members = table_rows.rows(doan)
    if not inspections or not members:
        return []
    month = decision_month(min(inspection_day(r) for r in inspections))
    if (month.year, month.month) > (env.month.year, env.month.month):
        return []
    return [make_job(env, settings, month, kt, inspections, doan, members)]


def make_job(env: DocEnv, settings: dict, month: Month, kt, inspections, doan, members) -> DocJob:
    order = table_rows.ThonOrder(env.profile)
    p = env.profile
    rank = {v: i for i, v in enumerate(settings["thu_tu_nhiem_vu"])}
    ordered = sorted(members, key=lambda r: (rank.get(table_rows.text(r.get("nhiem_vu")), len(rank)),
                                             int(r["_row"])))
    doan_list = [{"ho_ten": table_rows.text(r.get("ho_ten")) or "",
                  "chuc_vu_don_vi": table_rows.text(r.get("chuc_vu_don_vi")) or "",
                  "nhiem_vu": table_rows.text(r.get("nhiem_vu")) or ""} for r in ordered]
    thon = sorted({order.name(r.get("thon")) for r in inspections},
                  key=lambda t: (order.index(t), t))
    days = [inspection_day(r) for r in inspections]
    fill = {"nam": month.year, "cap": p.cap, "ten_don_vi": p.ten_don_vi,
            **table_rows.team_phrases(thon, settings),
            "thoi_gian": khoang(days)}

    ctx = frame_context(env, settings, year=month.year, month=month.month,
                        trich_yeu=settings["trich_yeu"].format(**fill),
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    plan_id = settings["ke_hoach_id"].format(**fill)
    issued = env.registered(plan_id)
    ctx["can_cu"] = table_rows.can_cu_lines(env.rules_dir, settings["can_cu"], month.first)
    if issued or month.year in env.inputs.plans:
        ctx["can_cu"].append(plan_line(settings, issued, fill))
    ctx["qd"] = {k: settings[k].format(**fill) for k in ("de_nghi", "dieu_1", "dieu_2", "dieu_3")}
    ctx["qd"]["dieu_3"] = table_rows.close(ctx["qd"]["dieu_3"])
    ctx["doan"] = doan_list

    job = DocJob(id=f"{KIND}-{month.year}", kind=KIND, title=settings["tieu_de"].format(**fill),
                 template=settings["mau"], year=month.year, month=month.month,
                 symbol=ctx["van_ban"]["ky_hieu"], context=ctx, cells=profile_cells(env),
                 rule_files=[f"van_ban/{KIND}.yaml", "can_cu.yaml"])
    job.cells[f"register|{plan_id}"] = list(issued) if issued else None
    if month.year in env.inputs.plans:   # cited: a plan that later breaks or goes blocks this too
        job.cells[f"ke_hoach_{month.year}.yaml|ton_tai"] = True
    for r in members:
        add_row_cells(job, doan, r, table_rows.text(r.get("ho_ten")) or "", MEMBER_KEYS)
    for r in inspections:
        add_row_cells(job, kt, r, inspection_record(r), INSPECTION_KEYS)
    findings = env.inputs.report.findings
    job.blocking = (table_rows.dataset_errors(findings, DOAN_KIEM_TRA)
                   + table_rows.row_errors(findings, DOAN_KIEM_TRA, [r["_row"] for r in members])
                   + table_rows.dataset_errors(findings, KIEM_TRA)
                   + table_rows.row_errors(findings, KIEM_TRA, [r["_row"] for r in inspections]))
    if job.blocking:
        job.context = {}
    return job
