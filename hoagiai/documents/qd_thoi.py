"""`qd-thoi` — Quyết định cho thôi làm hòa giải viên, with the attached list (DOMAIN.md §7,
skeleton 3; Luật Hòa giải ở cơ sở 2013, Điều 11).

Which documents: for every month of the build year up to the build month, the roster rows
whose `Ngày thôi` falls in that month make one decision, id "qd-thoi-YYYY-MM" — one number and
one signature for the proposals decided together, as for `qd-cong-nhan`.

Điều 1 names no one in its text: it cites, for each group of people with the same ground and
the same date, their numbers in the attached list, the date they stop and the point of Luật
Điều 11 khoản 1 their `Lý do thôi` maps to. That mapping (Tự nguyện → a, Không còn đủ tiêu
chuẩn → b, Vi phạm … → c) lives in `rules/van_ban/qd-thoi.yaml` (`ly_do`), not here.

Blocking: an ERROR on a listed row blocks the month's decision, and so does a `Lý do thôi`
the kind file does not map (the decision could not cite its ground). Team-composition
errors (Luật Điều 12, `khong_chan_boi`) do not block: stopping is required by Điều 11 when
its ground exists, even if the team falls short — that shortfall blocks `qd-kien-toan`.
"""

from __future__ import annotations

from ..model import HOA_GIAI_VIEN
from ..vn import ngay_nd30, so_hai_chu_so, thang_nam
from . import roster
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells

KIND = "qd-thoi"
DATE_KEY = "ngay_thoi"
REASON_KEY = "ly_do_thoi"


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    return roster.monthly(env, DATE_KEY,
                          lambda table, month, picked: make_job(env, settings, table, month, picked))


def _items(settings: dict, people: list[dict]) -> list[str]:
    """Điều 1 lines: one per (date, point) group, citing list numbers."""
    groups: dict[tuple, list[int]] = {}
    for stt, person in enumerate(people, start=1):
        groups.setdefault((person["_ngay"], person["_diem"]), []).append(stt)
    out = []
    for (ngay, diem), stts in sorted(groups.items()):
        ly_do = next(v for v in settings["ly_do"].values() if v["diem"] == diem)
        out.append(settings["dieu_1_muc"].format(
            nguoi=settings["mot_nguoi" if len(stts) == 1 else "nhieu_nguoi"],
            stt=roster.join_vi([str(s) for s in stts]), ngay=ngay_nd30(ngay),
            diem=diem, noi_dung=ly_do["noi_dung"]))
    return out


def make_job(env: DocEnv, settings: dict, table, month: Month, picked: list) -> DocJob:
    order = roster.ThonOrder(env.profile)
    ly_do = settings["ly_do"]
    reasons: list[str] = []
    entries = []
    for r in picked:
        e = roster.person_entry(r, order)
        e["_ngay"] = roster.as_date(r.get(DATE_KEY))
        ground = roster.text(r.get(REASON_KEY))
        if ground in ly_do:
            e["_diem"] = ly_do[ground]["diem"]
        else:
            e["_diem"] = None
            reasons.append(f"{table.file}, dòng {int(r['_row'])}, cột {table.header(REASON_KEY)}: "
                           f"lý do thôi “{ground or ''}” của {e['ho_ten']} không thuộc các trường hợp "
                           f"tại khoản 1 Điều 11 Luật Hòa giải ở cơ sở ({', '.join(ly_do)}).")
        entries.append(e)
    people = sorted(entries, key=lambda e: e["_sort"])
    danh_sach = roster.public(people)
    thon = [t for t in order.names if any(e["thon"] == t for e in danh_sach)]
    thon += sorted({e["thon"] for e in danh_sach} - set(thon))
    p = env.profile
    fill = {"cac_thon": roster.thon_phrase(thon, settings), "cap": p.cap,
            "ten_don_vi": p.ten_don_vi, "so_nguoi": so_hai_chu_so(len(danh_sach))}

    ctx = frame_context(env, settings, year=month.year, month=month.month,
                        trich_yeu=settings["trich_yeu"],
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    ctx["can_cu"] = roster.can_cu_lines(env.rules_dir, settings["can_cu"], month.first)
    ctx["qd"] = {
        "de_nghi": settings["de_nghi"].format(**fill),
        "dieu_1": settings["dieu_1"].format(**fill),
        "dieu_1_muc": [] if reasons else _items(settings, people),
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
        add_row_cells(job, table, r, roster.person_record(r),
                      [*roster.PERSON_KEYS, DATE_KEY, REASON_KEY])
    findings = env.inputs.report.findings
    job.reasons = (roster.dataset_errors(findings, HOA_GIAI_VIEN)
                   + roster.row_errors(findings, HOA_GIAI_VIEN, [r["_row"] for r in picked],
                                       settings.get("khong_chan_boi", []))
                   + reasons)
    if job.reasons:
        job.context = {}
    return job
