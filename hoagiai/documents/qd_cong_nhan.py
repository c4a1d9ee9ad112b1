"""`qd-cong-nhan` — Quyết định công nhận hòa giải viên (and tổ trưởng tổ hòa giải), with the
attached list "DANH SÁCH HÒA GIẢI VIÊN ĐƯỢC CÔNG NHẬN" (DOMAIN.md §7, skeletons 1–2).

Which documents: for every month of the build year up to the build month, the roster rows
whose `Ngày công nhận` falls in that month make one decision, id "qd-cong-nhan-YYYY-MM".

Why one decision per month and not one per team: the date the clerk records is the date of
the recognition decision, and the Chủ tịch signs one paper for the proposals received
together — one number, one signature, one date for the batch. Splitting by team would give
several decisions with the same date and the same wording; the attached list keeps the team
view anyway (grouped by thôn in the profile's order, then by name). A unit that really
issues one decision per team records different dates, and gets different months.

Blocking: any ERROR on a listed row blocks that month's decision (reasons name file and
row). Team-composition errors (Luật Điều 12, codes in `khong_chan_boi` of the kind file) do
not: recognising more mediators is how a team reaches the legal composition, so blocking the
recognition on them would lock the clerk out. They block `qd-kien-toan` instead.

The text — trích yếu, "Xét đề nghị …", Điều 1–3, recipients — is in
`rules/van_ban/qd-cong-nhan.yaml`; the legal bases are cited in the version in force on the
first day of the decision's month (a draft has no day yet).
"""

from __future__ import annotations

from ..model import HOA_GIAI_VIEN
from ..vn import so_hai_chu_so, thang_nam
from . import roster
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells

KIND = "qd-cong-nhan"
DATE_KEY = "ngay_cong_nhan"
TO_TRUONG = "Tổ trưởng"


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    return roster.monthly(env, DATE_KEY,
                          lambda table, month, picked: make_job(env, settings, table, month, picked))


def make_job(env: DocEnv, settings: dict, table, month: Month, picked: list) -> DocJob:
    order = roster.ThonOrder(env.profile)
    entries = [roster.person_entry(r, order) for r in picked]
    danh_sach = roster.public(entries)
    thon = [t for t in order.names if any(e["thon"] == t for e in danh_sach)]
    thon += sorted({e["thon"] for e in danh_sach} - set(thon))
    cac_thon = roster.thon_phrase(thon, settings)
    has_leader = any(e["chuc_danh"] == TO_TRUONG for e in danh_sach)
    p = env.profile
    fill = {"cac_thon": cac_thon, "cap": p.cap, "ten_don_vi": p.ten_don_vi,
            "so_nguoi": so_hai_chu_so(len(danh_sach))}

    trich_yeu = settings["trich_yeu_co_to_truong"] if has_leader else settings["trich_yeu"]
    ctx = frame_context(env, settings, year=month.year, month=month.month, trich_yeu=trich_yeu,
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    ctx["can_cu"] = roster.can_cu_lines(env.rules_dir, settings["can_cu"], month.first)
    ctx["qd"] = {
        "de_nghi": settings["de_nghi"].format(**fill),
        "dieu_1": settings["dieu_1"].format(**fill),
        "dieu_1_to_truong": settings["dieu_1_to_truong"].format(**fill) if has_leader else None,
        "dieu_2": settings["dieu_2"].format(**fill),
        "dieu_3": settings["dieu_3"].format(**fill),
    }
    ctx["phu_luc"] = {"cua": settings["kem_theo_cua"].format(**fill)}
    ctx["danh_sach"] = danh_sach

    job = DocJob(id=f"{KIND}-{month}", kind=KIND,
                 title=settings["tieu_de"].format(thang_nam=thang_nam(month.month, month.year)),
                 template=settings["mau"], year=month.year, month=month.month,
                 symbol=ctx["van_ban"]["ky_hieu"], context=ctx, cells=profile_cells(env),
                 rule_files=[f"van_ban/{KIND}.yaml", "can_cu.yaml"])
    for r in picked:
        add_row_cells(job, table, r, roster.person_record(r), [*roster.PERSON_KEYS, DATE_KEY])
    findings = env.inputs.report.findings
    job.reasons = (roster.dataset_errors(findings, HOA_GIAI_VIEN)
                   + roster.row_errors(findings, HOA_GIAI_VIEN, [r["_row"] for r in picked],
                                       settings.get("khong_chan_boi", [])))
    if job.reasons:
        job.context = {}
    return job
