"""What the commune did in a report's period, for the six-month and yearly reports: the
documents it made (with number and date from the register once issued, "dự thảo" otherwise)
and the inspection results (teams by grade).

The documents are those the other kinds plan for the period's months (the same planners the
build runs), so the list always agrees with the documents actually made. The register is read
only through `DocEnv.registered` (hoagiai.engine.state.State.registered, read-only), in `_issued`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import KIEM_TRA
from ..vn import ngay_so, so_hai_chu_so
from . import module, table_rows
from .base import DocEnv, Month
from .qd_doan_kiem_tra import inspection_day

#: kinds whose documents a report lists (docs/contract.md §4 order)
LISTED = ("ke-hoach", "qd-kien-toan", "qd-cong-nhan", "qd-thoi", "qd-doan-kiem-tra", "tb-kiem-tra")


def _issued(env: DocEnv, doc_id: str) -> tuple[int, str, dt.date] | None:
    """(number, symbol, issue date) from the register, or None while a draft."""
    hit = env.registered(doc_id)
    return (hit[0], hit[1], dt.date.fromisoformat(hit[2])) if hit else None


def _planned(env: DocEnv, to_day: dt.date) -> list:
    sub = env.for_month(Month.of(to_day))
    jobs = []
    for kind in LISTED:
        jobs += module(kind).plan(sub)
    return jobs


def documents(env: DocEnv, cau: dict, start: dt.date, to_day: dt.date) -> tuple[list[str], dict[str, Any]]:
    """(one line per document made in [start, to_day], fingerprint cells)."""
    lines: list[str] = []
    cells: dict[str, Any] = {}
    for job in _planned(env, to_day):
        issued = _issued(env, job.id)
        if issued and not start <= issued[2] <= to_day:
            continue
        if not issued and not start.replace(day=1) <= dt.date(job.year, job.month, 1) <= to_day:
            continue
        van_ban = (job.context or {}).get("van_ban") or {}
        loai = (van_ban.get("ten_loai") or job.title.split(" ")[0]).capitalize()
        trich = van_ban.get("trich_yeu") or job.title
        trich = trich[:1].lower() + trich[1:]
        noi = cau["van_ban_noi"].get(loai, "")
        if issued:
            so, ky_hieu, ngay = issued
            lines.append(cau["van_ban_da_ban_hanh"].format(loai=loai, so=so_hai_chu_so(so), ky_hieu=ky_hieu,
                                                             ngay=ngay_so(ngay), noi=noi, trich_yeu=trich))
        else:
            lines.append(cau["van_ban_du_thao"].format(loai=loai, noi=noi, trich_yeu=trich,
                                                         thang=f"{job.month}/{job.year}"))
        cells[f"register|{job.id}"] = [issued[0], issued[1], issued[2].isoformat()] if issued else None
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)], cells


def inspections(env: DocEnv, cau: dict, grades_order: list[str], start: dt.date, to_day: dt.date) -> list[str]:
    """"Kiểm tra 10 tổ hòa giải …; kết quả xếp loại: Tốt 05 tổ, …" for inspections in the period."""
    rows = [r for r in table_rows.rows(env.inputs.table(KIEM_TRA))
            if (d := table_rows.as_date(r.get("ngay_kiem_tra"))) is not None and start <= d <= to_day]
    if not rows:
        return [cau["kiem_tra_khong"]]
    grades = [table_rows.text(r.get("xep_loai")) for r in rows]
    chi_tiet = ", ".join(f"{g} {so_hai_chu_so(grades.count(g))} tổ" for g in grades_order if g in grades)
    days = [inspection_day(r) for r in rows]
    return [cau["kiem_tra"].format(tu=ngay_so(min(days)), den=ngay_so(max(days)),
                                   so_to=so_hai_chu_so(len({table_rows.text(r.get("thon")) for r in rows})),
                                   chi_tiet=chi_tiet)]
