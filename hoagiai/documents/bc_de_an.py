"""`bc-de-an` — Báo cáo kết quả thực hiện Đề án năm YYYY (Quyết định 315/QĐ-TTg), docs/domain.md §7 item 9.

Which documents: one per year that has a plan (`inputs/ke_hoach_YYYY.yaml`), id "bc-de-an-YYYY",
once the build month reaches the first-build month of the calendar (`rules/lich_bao_cao.yaml`,
which also says the period: by default the Nghị định 09/2019 cut-off, 15/12 of the previous
year to 14/12 — the report names it).

Content: for each task of the plan (and each sub-item), its progress lines (`tien_do`) — or
the kind file's "not yet updated" line; then the unit's figures for the period (hoagiai.stats)
against the Đề án targets of `rules/de_an.yaml`; evaluation and proposals from the optional
`bao_cao_de_an` key of the plan, or a bracketed prompt for the clerk.

Blocking: a plan file with errors blocks its year's report; data errors block as in
`bc-hoa-giai` (team composition errors excepted: they are what the targets measure).
"""

from __future__ import annotations

import copy
from typing import Any

from .. import stats
from ..rulefiles import lich_bao_cao, thu_lao
from ..yearly_plan import DATASET as PLAN_DATASET, plan_year
from ..vn import ty_le
from . import bc_hoa_giai as shared, bc_noi_dung as noi_dung
from .base import Attachment, DocEnv, DocJob, frame_context, profile_cells
from .reasons import NO_PLAN, Reason, of_finding

KIND = "bc-de-an"
SECTION = "bao_cao_de_an"
WORDING_KIND = "bc-hoa-giai"     # the sentences on figures are shared with that report


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    cal = lich_bao_cao.load(env.rules_dir)
    bad_plans: dict[int, list[Reason]] = {}
    for f in env.inputs.report.findings:
        bad_year = plan_year(f.file or "") if f.is_error and f.dataset == PLAN_DATASET else None
        if bad_year:
            bad_plans.setdefault(bad_year, []).append(of_finding(f, placed=False))
    jobs: list[DocJob] = []
    # asked for by name (--doc bc-de-an): the build year's report says why it cannot be made
    asked = {env.month.year} if KIND in env.requested else set()
    for year in sorted(set(env.inputs.plans) | set(bad_plans) | asked):
        if year > env.month.year:
            continue
        for rep in cal.reports(KIND, year):
            if (rep.first_build.year, rep.first_build.month) > (env.month.year, env.month.month):
                continue
            jobs.append(make_job(env, settings, rep, bad_plans.get(year, [])))
    return jobs


def _tasks(kh, settings: dict) -> list[dict[str, Any]]:
    none = [settings["chua_cap_nhat"]]
    out = []
    for t in kh.data["nhiem_vu"]:
        muc = [{"noi_dung": (m.get("noi_dung") or [""])[0], "ket_qua": m.get("tien_do") or none}
               for m in t.get("muc", [])]
        own = t.get("tien_do") or []
        out.append({"ten": t["ten"], "muc": muc,
                    "ket_qua": own if (own or muc) else none})
    return out


def _target_rows(settings: dict, tg: dict[str, dict], values: dict[str, Any], counts: dict[str, str],
                 year: int) -> list[dict]:
    """The targets of rules/de_an.yaml in file order. A target is judged only from a measure
    with its own definition (`chi_so` computed by hoagiai.stats); otherwise "Chưa có số liệu".
    Before the target's year a shortfall is progress, not "Chưa đạt"."""
    words = settings["danh_gia"]
    rows = []
    for key, t in tg.items():
        if key.startswith("_"):
            continue
        v = shared.target_view(tg, key, values.get(key))
        assert v is not None                # `key` is one of tg's
        status = noi_dung.target_status(v, year, t.get("den_nam"))
        ket_qua = words["khong_co_so_lieu"] if v["gia_tri"] is None else \
            f"{ty_le(v['gia_tri'])} ({counts[key]})" if counts.get(key) else ty_le(v["gia_tri"])
        rows.append({**v, "chi_so": key, "dem": counts.get(key, ""), "ket_qua": ket_qua,
                     "danh_gia": words[status or "khong_co_so_lieu"].format(nam=t.get("den_nam") or "")})
    return rows


def make_job(env: DocEnv, settings: dict, rep: lich_bao_cao.Report, plan_errors: list[Reason]) -> DocJob:
    year = rep.year
    month = rep.deadline.month if rep.deadline else rep.first_build.month
    title = settings["tieu_de"].format(nam=year)
    job = DocJob(id=rep.doc_id, kind=KIND, title=title, template=settings["mau"], year=year, month=month,
                 symbol="", context={}, cells=profile_cells(env),
                 rule_files=[f"van_ban/{KIND}.yaml", f"van_ban/{WORDING_KIND}.yaml", lich_bao_cao.FILE,
                             shared.DE_AN_FILE, thu_lao.FILE,
                             stats.TEAM_RULE_FILE, "du_lieu/vu_viec.yaml", "bieu_thong_ke.yaml"],
                 period=rep.period.as_dict())
    kh = env.inputs.plans.get(year)
    tg = shared.targets(env, rep.period.end)
    reasons = list(plan_errors)
    if kh is None and not reasons:
        reasons.append(Reason(NO_PLAN, f"Chưa có kế hoạch năm {year}: không có tệp ke_hoach_{year}.yaml trong "
                              "thư mục dữ liệu (báo cáo Đề án lấy các nhiệm vụ và tiến độ từ tệp này).",
                              file=f"ke_hoach_{year}.yaml", placed=False))
    to_day = rep.figures_to(env.month.last)
    reasons += shared.blocking_reasons(env, rep.period.start, to_day, shared.team_rule_codes(tg))
    if reasons:
        job.blocking = reasons
        return job
    assert kh is not None                   # without a plan, `reasons` says so above
    st = shared.unit_stats(env, rep.period.start, to_day, tg)
    cau = env.kind_settings(WORDING_KIND)["cau"]
    de_an = tg["_de_an"]
    fill = shared.fill_values(env, nam=year, ten_de_an=de_an["ten"], van_ban_de_an=de_an["van_ban"])
    ctx = frame_context(env, settings, year=year, month=month, trich_yeu=settings["trich_yeu"].format(**fill),
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]],
                        signer_name=kh.data.get("nguoi_ky"))
    f, x = st.figures, st.extra
    values = {"ty_le_thanh": f["ty_le_thanh"], **x}
    counts = {"ty_le_thanh": f"{f['hoa_giai_thanh']}/{f['hoa_giai_thanh'] + f['hoa_giai_khong_thanh']} vụ, việc",
              "ty_le_to_dat_dieu_12": f"{x['to_dat_dieu_12']}/{f['to_hoa_giai']} tổ"}
    _, section = shared.plan_section(env, year, SECTION)
    ctx["de_an"] = {
        "mo_dau": settings["mo_dau"].format(**fill),
        "ky": shared.ky_view(rep, to_day), "so_lieu_den": noi_dung.so_lieu_den(cau, rep, to_day),
        "to_chuc": noi_dung.to_chuc(cau, st, env.profile.cap, to_day)[:1],
        "hoat_dong": noi_dung.hoat_dong(cau, st) + [noi_dung.ty_le_thanh(cau, st, "")],
        "nam": year, "cap": env.profile.cap,
        "nhiem_vu": _tasks(kh, settings),
        "f": dict(f), "x": dict(x),
        "chi_tieu": _target_rows(settings, tg, values, counts, year),
        "to_khong_dat": shared.teams_failing(env, st, tg, cau["to_khong_dat"]),
        "danh_gia": shared.narrative(section, "danh_gia", settings),
        "kien_nghi": shared.narrative(section, "kien_nghi", settings),
        "ket_luan": settings["ket_luan"].format(**fill),
    }
    job.context = ctx
    job.symbol = ctx["van_ban"]["ky_hieu"]
    job.figures = {**f, "to_dat_dieu_12": x["to_dat_dieu_12"], "to_co_chuyen_mon_luat": x["to_co_chuyen_mon_luat"]}
    job.cells[f"{kh.file}|nhiem_vu"] = copy.deepcopy(kh.data["nhiem_vu"])
    if section:
        job.cells[f"{kh.file}|{SECTION}"] = copy.deepcopy(section)
    shared.record_cells(env, job, st)
    job.attachments = [_xlsx(title, shared.ky_line(rep), ctx["de_an"]["chi_tieu"], st, shared.forms_filled(env, st))]
    return job


def _xlsx(title: str, ky: str, targets: list[dict], st: stats.Stats, filled: list[dict]) -> Attachment:
    """The report's figures as a workbook beside it: the Đề án targets, then the same
    statistical tables as the hòa giải report."""
    rows = [{"ten": t["noi_dung"], "mo_ta": t["mo_ta"], "gia_tri": t["gia_tri"], "dem": t["dem"],
             "danh_gia": t["danh_gia"]} for t in targets]
    cols = [("ten", "Chỉ tiêu"), ("mo_ta", "Mục tiêu"), ("gia_tri", "Kết quả"), ("dem", "Số liệu"),
            ("danh_gia", "Đánh giá")]
    sheets = [("Chỉ tiêu Đề án", "Kết quả thực hiện các chỉ tiêu của Đề án", cols, rows),
              *shared.stat_sheets(filled)]
    return Attachment(suffix=".xlsx", write=lambda path: shared.write_xlsx(path, title, ky, sheets),
                      content_key={"targets": rows, "theo_thon": st.theo_thon,
                                   "theo_linh_vuc": st.theo_linh_vuc})

