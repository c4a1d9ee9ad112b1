"""`tb-kiem-tra` — Thông báo kết quả kiểm tra công tác hòa giải ở cơ sở (docs/domain.md §7,
skeleton 7), a document of the UBND as a collective ("TM. ỦY BAN NHÂN DÂN").

Which documents: one per inspection round (`kiem_tra.xlsx`, sheet "Kết quả"): the inspections
of the build year sharing a value of the optional column `Đợt kiểm tra`, or, without that
column (or with the cell empty), all the year's inspections as one round. The notice is made
once the round's last inspection is done — dated in the month of that inspection, which must
be no later than the build month — and covers every team inspected in the round, even when
the round spans several months. Id "tb-kiem-tra-YYYY-MM" (the month of the last inspection);
a second round ending in the same month gets "-2", and so on.

Content: I. the inspection round (dates, thôn, the Đoàn decision — by number and date once
it is issued, read from the register, otherwise by its title — and the grades); II. the result per team
(grade, Sổ theo dõi kept or not, strengths, shortcomings), teams in the profile's thôn order;
III. requests with their deadlines (`Hạn khắc phục`). Wording lives in
`rules/van_ban/tb-kiem-tra.yaml`.

Blocking: an ERROR on any inspection row of the round blocks that round's notice.
"""

from __future__ import annotations

import datetime as dt

from ..model import KIEM_TRA
from ..vn import ngay_nd30, ngay_so, so_hai_chu_so
from . import table_rows
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells
from .qd_doan_kiem_tra import inspection_day, inspection_record, khoang

KIND = "tb-kiem-tra"
KEYS = ["thon", "ngay_kiem_tra", "so_theo_doi", "xep_loai", "uu_diem", "ton_tai", "kien_nghi",
        "han_khac_phuc", "dot_kiem_tra"]


def rounds(rows: list, year: int) -> list[list]:
    """The year's inspections grouped by `Đợt kiểm tra` (one group when the column or the cell
    is empty), each group in file order, the groups ordered by their last inspection."""
    groups: dict[str, list] = {}
    for r in rows:
        d = table_rows.as_date(r.get("ngay_kiem_tra"))
        if d is not None and d.year == year:
            groups.setdefault(table_rows.text(r.get("dot_kiem_tra")) or "", []).append(r)
    last = {k: max(inspection_day(r) for r in g) for k, g in groups.items()}
    return [groups[k] for k in sorted(groups, key=lambda k: (last[k], k))]


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    table = env.inputs.table(KIEM_TRA)
    jobs: list[DocJob] = []
    groups = rounds(table_rows.rows(table), env.month.year)
    for picked in groups:
        month = Month.of(max(inspection_day(r) for r in picked))
        if (month.year, month.month) > (env.month.year, env.month.month):
            continue
        same = sum(1 for j in jobs if (j.year, j.month) == (month.year, month.month))
        jobs.append(make_job(env, settings, table, month, picked, suffix=f"-{same + 1}" if same else "",
                             dot=_round_name(settings, picked, len(groups) > 1)))
    return jobs


def _so_theo_doi(settings: dict, value) -> str | None:
    words = settings["so_theo_doi"]
    if value is None or table_rows.text(value) is None:
        return None
    return words["co"] if bool(value) else words["khong"]


def _round_name(settings: dict, picked: list, several: bool) -> str:
    """", đợt 2" when the year has several rounds and this one is named, else ""."""
    name = table_rows.text(picked[0].get("dot_kiem_tra"))
    if not several or not name:
        return ""
    for prefix in ("Đợt ", "đợt "):
        name = name.removeprefix(prefix)
    return settings["dot"].format(ten=name)


def _sentence(text: str | None) -> str | None:
    """Free text from a cell, ending with a full stop."""
    if not text:
        return None
    return text if text[-1] in ".!?" else text + "."


def make_job(env: DocEnv, settings: dict, table, month: Month, picked: list, suffix: str = "",
             dot: str = "") -> DocJob:
    order = table_rows.ThonOrder(env.profile)
    p = env.profile
    rows = sorted(picked, key=lambda r: (order.index(r.get("thon")),
                                         inspection_day(r), int(r["_row"])))
    thon = list(dict.fromkeys(order.name(r.get("thon")) for r in rows))
    days = [inspection_day(r) for r in rows]
    fill = {"nam": month.year, "cap": p.cap, "dia_danh": p.dia_danh, "ten_don_vi": p.ten_don_vi,
            "cac_thon": table_rows.thon_phrase(thon, settings), "thoi_gian": khoang(days),
            "so_to": so_hai_chu_so(len(thon)), "dot": dot}
    none = settings["khong_co"]
    doan_id = f"qd-doan-kiem-tra-{month.year}"
    issued = env.registered(doan_id)
    if issued:
        number, symbol, issued_on = issued
        fill["quyet_dinh"] = settings["quyet_dinh_doan_so"].format(
            so=so_hai_chu_so(number), ky_hieu=symbol, ngay=ngay_nd30(dt.date.fromisoformat(issued_on)), **fill)
    else:
        fill["quyet_dinh"] = settings["quyet_dinh_doan"].format(**fill)

    grades = [table_rows.text(r.get("xep_loai")) for r in rows]
    counts = [settings["xep_loai_muc"].format(xep_loai=g, so=so_hai_chu_so(grades.count(g)))
              for g in settings["thu_tu_xep_loai"] if g in grades]
    ket_qua, kien_nghi = [], []
    for r in rows:
        name = order.name(r.get("thon"))
        day = inspection_day(r)
        ket_qua.append({
            "tieu_de": settings["ket_qua_muc"].format(thon=name, ngay=ngay_so(day)),
            "xep_loai": table_rows.text(r.get("xep_loai")) or none,
            "so_theo_doi": _so_theo_doi(settings, r.get("so_theo_doi")),
            "uu_diem": _sentence(table_rows.text(r.get("uu_diem"))) or none,
            "ton_tai": _sentence(table_rows.text(r.get("ton_tai"))) or none,
        })
        text = table_rows.text(r.get("kien_nghi"))
        if text:
            han = table_rows.as_date(r.get("han_khac_phuc"))
            kien_nghi.append(settings["kien_nghi_muc"].format(
                thon=name, kien_nghi=text.rstrip(" .;"),
                han=settings["han"].format(ngay=ngay_so(han)) if han else "") + ".")

    ctx = frame_context(env, settings, year=month.year, month=month.month,
                        trich_yeu=settings["trich_yeu"].format(**fill),
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    ctx["tb"] = {"khai_quat": settings["khai_quat"].format(**fill),
                 "xep_loai": settings["xep_loai_tong"].format(chi_tiet=", ".join(counts)) if counts else None,
                 "ket_qua": ket_qua, "kien_nghi": kien_nghi,
                 "yeu_cau_chung": settings["yeu_cau_chung"].format(**fill),
                 "ket_luan": settings["ket_luan"].format(**fill)}

    job = DocJob(id=f"{KIND}-{month}{suffix}", kind=KIND, title=settings["tieu_de"].format(**fill),
                 template=settings["mau"], year=month.year, month=month.month,
                 symbol=ctx["van_ban"]["ky_hieu"], context=ctx, cells=profile_cells(env),
                 rule_files=[f"van_ban/{KIND}.yaml"])
    job.cells[f"register|{doan_id}"] = list(issued) if issued else None
    for r in picked:
        add_row_cells(job, table, r, inspection_record(r), KEYS)
    findings = env.inputs.report.findings
    job.blocking = (table_rows.dataset_errors(findings, KIEM_TRA)
                   + table_rows.row_errors(findings, KIEM_TRA, [r["_row"] for r in picked]))
    if job.blocking:
        job.context = {}
    return job
