"""The correcting documents (`cv-dinh-chinh`, `qd-sua-doi`, `qd-chi-bo-sung`; Nghị định
30/2020/NĐ-CP Điều 18 khoản 3): which one a change calls for is `rules/dinh_chinh.yaml`, when
one is drafted is `hoagiai.corrections`; this module writes its context. `plan(env)` is empty:
corrections are planned from the register, not from a month's rows.

Each cites the issued document it corrects by number, date and issuer, and states each change
in that document's own words (old → new), as `hoagiai.correction_text` finds them."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..vn import ngay_so, so_hai_chu_so, tien, tien_bang_chu
from . import CORRECTING, table_rows
from .base import DocEnv, DocJob, frame_context

if TYPE_CHECKING:
    from ..records import Record

KINDS = CORRECTING
PREFIX = "dinh-chinh"          # cell keys a correction adds: "dinh-chinh|<original id>|…"
TEN_LOAI = {"qd": "Quyết định", "ke": "Kế hoạch", "bc": "Báo cáo", "tb": "Thông báo", "cv": "Công văn"}


def plan(env: DocEnv) -> list[DocJob]:
    return []


def cited(env: DocEnv, base: "Record", ve_viec: str) -> dict[str, str]:
    """How a correction names the document it corrects."""
    loai = TEN_LOAI[base.kind.split("-")[0]]
    p = env.profile
    tham_quyen = env.kind_settings(base.kind)["tham_quyen"]
    issuer = f"Chủ tịch {p.ten_don_vi}" if tham_quyen == "chu-tich" else p.ten_don_vi
    goc = f"{loai} số {base.number:02d}/{base.symbol} ngày {ngay_so(base.date)}"
    return {"van_ban_goc": goc, "van_ban_goc_day_du": f"{goc} của {issuer} {ve_viec}",
            "ngay_goc": ngay_so(base.date), "ten_don_vi": p.ten_don_vi, "cap": p.cap,
            "ve_viec": ve_viec}


def _lines(settings: dict, items: list[dict[str, Any]], numbered: bool) -> list[str]:
    out: list[str] = []
    for n, c in enumerate(items, 1):
        lead = f"{n}. " if numbered else "- "
        if c["cu"] is not None and c["moi"] is not None:
            if "viet_la" in settings:
                out += [lead + settings["viet_la"].format(**c), settings["sua_lai"].format(**c)]
            else:
                out.append(lead + settings["sua"].format(**c))
        elif c["moi"] is not None:
            out.append(lead + settings["them"].format(**c))
        else:
            out.append(lead + settings["bo"].format(**c))
    return out


def make_job(env: DocEnv, kind: str, *, job_id: str, original: DocJob, base: "Record",
             items: list[dict[str, Any]], cells: dict[str, Any], year: int, month: int,
             extra: dict[str, Any]) -> DocJob:
    """`original`: the corrected document's job on today's data; `base`: the issued document
    this one corrects (the original or its last issued correction); `extra`: added_records,
    old_figures for a supplementary payment."""
    settings = env.kind_settings(kind)
    if kind != "cv-dinh-chinh":      # a document of equivalent form: the same authority signs
        same = env.kind_settings(base.kind if base.kind not in KINDS else extra["original_kind"])
        settings = {**settings, "tham_quyen": same["tham_quyen"], "chu_the": same.get("chu_the"),
                    "chu_the_tap_the": same.get("chu_the_tap_the")}
    fill = cited(env, base, extra["ve_viec"])
    p = env.profile
    if kind == "qd-chi-bo-sung":   # it states what is paid in addition: the rows added to the list
        items = [c for c in items if c["cu"] is None and c["tai"].startswith("Tại Danh sách")]
    ctx = frame_context(env, settings, year=year, month=month,
                        trich_yeu=settings["trich_yeu"].format(**fill),
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    ctx["van_ban"]["thang"] = None          # a correction's month is the month it is signed
    if kind == "cv-dinh-chinh":
        ctx["van_ban"]["ky_hieu"] = f"{p.ky_hieu_co_quan}-{settings['ky_hieu_don_vi_soan']}"
        sent = [r for r in base.recipients if not r.startswith(("Lưu", "Như"))]
        ctx["cv"] = {"kinh_gui": sent or [settings["kinh_gui_mac_dinh"]],
                     "mo_dau": settings["mo_dau"].format(**fill),
                     "dong": _lines(settings, items, numbered=False),
                     "ket_thuc": settings["ket_thuc"].format(**fill)}
    else:
        if settings.get("chu_the_tap_the"):
            ctx["van_ban"]["chu_the"] = " ".join(x for x in p.header_lines if x)
        signed = base.date
        ctx["can_cu"] = table_rows.can_cu_lines(env.rules_dir, settings["can_cu"], signed) + \
            [settings["can_cu_goc"].format(**fill)]
        ctx["qd"] = {"de_nghi": settings["de_nghi"].format(**fill),
                     "dieu_1": settings["dieu_1"].format(
                         **fill, so_vu=so_hai_chu_so(extra.get("added_records", 0))),
                     "dieu_1_muc": _lines(settings, items, numbered=True),
                     "dieu_2": settings["dieu_2"].format(**fill),
                     "dieu_3": settings["dieu_3"].format(**fill), "tong": None}
    figures = None
    if kind == "qd-chi-bo-sung":
        figures = _supplement(settings, ctx, original.figures, extra.get("old_figures"))
    return DocJob(id=job_id, kind=kind, title=settings["tieu_de"].format(**fill),
                  template=settings["mau"], year=year, month=month, symbol=ctx["van_ban"]["ky_hieu"],
                  context=ctx, cells=copy.deepcopy(cells), rows=dict(original.rows),
                  rule_files=[f"van_ban/{kind}.yaml", "dinh_chinh.yaml", "can_cu.yaml"],
                  figures=figures)


def _supplement(settings: dict, ctx: dict, new: dict | None, old: dict | None) -> dict | None:
    if not new or not old or "tong_tien" not in new or "tong_tien" not in old:
        return None
    amount = int(new["tong_tien"]) - int(old["tong_tien"])
    cases = int(new.get("so_vu_viec", 0)) - int(old.get("so_vu_viec", 0))
    ctx["qd"]["tong"] = settings["tong"].format(tien=tien(amount), bang_chu=tien_bang_chu(amount))
    return {"so_vu_viec": cases, "tong_tien": amount}
