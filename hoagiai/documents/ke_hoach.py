"""`ke-hoach` — the yearly plan for the Đề án, from `inputs/ke_hoach_YYYY.yaml`."""

from __future__ import annotations

from ..yearly_plan import DATASET, KeHoach, plan_year
from .base import DocEnv, DocJob, cell_key, frame_context, profile_cells
from .reasons import of_finding

KIND = "ke-hoach"


def _unit(label_default: str, label: str | None, unit: str | None) -> dict | None:
    if not unit:
        return None
    return {"nhan": label or label_default, "don_vi": unit}


def body(plan: KeHoach) -> dict:
    d = plan.data
    tasks = []
    for t in d["nhiem_vu"]:
        tasks.append({
            "ten": t["ten"],
            "noi_dung": t.get("noi_dung", []),
            "muc": [{"noi_dung": m["noi_dung"],
                     "chu_tri": _unit("Đơn vị chủ trì", m.get("nhan_chu_tri"), m.get("chu_tri")),
                     "phoi_hop": _unit("Đơn vị phối hợp", m.get("nhan_phoi_hop"), m.get("phoi_hop"))}
                    for m in t.get("muc", [])],
            "chu_tri": _unit("Đơn vị chủ trì", t.get("nhan_chu_tri"), t.get("chu_tri")),
            "phoi_hop": _unit("Đơn vị phối hợp", t.get("nhan_phoi_hop"), t.get("phoi_hop")),
        })
    return {"mo_dau": d["mo_dau"], "muc_dich": d["muc_dich"], "yeu_cau": d["yeu_cau"],
            "nhiem_vu": tasks, "to_chuc": d.get("to_chuc", []), "ket_luan": d.get("ket_luan", "")}


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    jobs: list[DocJob] = []
    plan_errors = [f for f in env.inputs.report.findings if f.is_error and f.dataset == DATASET]
    for year, kh in sorted(env.inputs.plans.items()):
        month = kh.thang_ban_hanh or 1
        if (year, month) > (env.month.year, env.month.month):
            continue
        ctx = frame_context(env, settings, year=year, month=month, trich_yeu=kh.data["trich_yeu"],
                            noi_nhan=kh.data["noi_nhan"], signer_name=kh.data.get("nguoi_ky"))
        ctx["ke_hoach"] = body(kh)
        cells = {cell_key(kh.file, None, None, None): kh.data, **profile_cells(env)}
        jobs.append(DocJob(id=f"{KIND}-{year}", kind=KIND,
                           title=settings["tieu_de"].format(nam=year), template=settings["mau"],
                           year=year, month=month, symbol=ctx["van_ban"]["ky_hieu"], context=ctx,
                           cells=cells, rule_files=[f"van_ban/{KIND}.yaml"]))
    # a plan file with errors blocks its year's plan (it is absent from env.inputs.plans)
    for f in plan_errors:
        year = plan_year(f.file or "") or env.month.year
        if any(j.year == year for j in jobs):
            continue
        jobs.append(DocJob(id=f"{KIND}-{year}", kind=KIND,
                           title=settings["tieu_de"].format(nam=year), template=settings["mau"],
                           year=year, month=1, symbol="", context={},
                           blocking=[of_finding(f, placed=False)]))
    return jobs
