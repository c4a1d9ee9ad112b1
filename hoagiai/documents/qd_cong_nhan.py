"""`qd-cong-nhan` — Quyết định công nhận hòa giải viên (and tổ trưởng tổ hòa giải), with the
attached list "DANH SÁCH HÒA GIẢI VIÊN ĐƯỢC CÔNG NHẬN" (docs/domain.md §7, skeletons 1–2).

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

Articles: Điều 1 recognises the mediators (named, with Ông/Bà from `Giới tính`, when there is
one; the attached list otherwise). Recognising a tổ trưởng is a procedure of its own (proposal
of the Trưởng ban công tác Mặt trận, election by more than half of the team's mediators, Luật
Điều 14): it gets an article of its own, naming each tổ trưởng and, when the roster gives
`Số phiếu bầu tổ trưởng` / `Số hòa giải viên của tổ`, the vote (checked by rule
`to-truong-vote-share` in rules/kiem_tra/hang.yaml). The proposal is cited from `Văn bản đề
nghị công nhận` / `Ngày đề nghị công nhận` when given. The last article ends "./.".

The wording — trích yếu, "Xét đề nghị …", articles, recipients — is in
`rules/van_ban/qd-cong-nhan.yaml`; the legal bases are cited in the version in force on the
first day of the decision's month (a draft has no day yet).
"""

from __future__ import annotations

from ..model import HOA_GIAI_VIEN
from ..vn import cac_ong_ba, ong_ba_ten, so_hai_chu_so, thang_nam
from . import table_rows
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells

KIND = "qd-cong-nhan"
DATE_KEY = "ngay_cong_nhan"
TO_TRUONG = "Tổ trưởng"
EXTRA_KEYS = ["van_ban_de_nghi", "ngay_de_nghi", "so_phieu_to_truong", "so_hgv_bau_to_truong"]


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    return table_rows.monthly(env, KIND, DATE_KEY,
                          lambda table, month, picked: make_job(env, settings, table, month, picked))


def _articles(settings: dict, people: list[dict], fill: dict) -> list[dict]:
    def who(e):
        return {"nguoi": ong_ba_ten(e["gioi_tinh"], e["ho_ten"]), "thon_nguoi": e["thon"],
                "nam_sinh": e["nam_sinh"] or ""}

    if len(people) == 1:
        items: list[tuple[str, list[str]]] = [(settings["dieu_1_mot"].format(**who(people[0])), [])]
    else:
        items = [(settings["dieu_1_nhieu"].format(**fill), [])]
    leaders = []
    for e in people:
        if e["chuc_danh"] != TO_TRUONG:
            continue
        bau = ""
        if e["_phieu"] is not None and e["_tong"] is not None:
            bau = settings["bau"].format(so_phieu=so_hai_chu_so(e["_phieu"]),
                                         so_hgv=so_hai_chu_so(e["_tong"]))
        leaders.append(settings["dieu_to_truong"].format(bau=bau, **who(e)))
    if leaders:
        items.append((leaders[0], leaders[1:]))
    subject = settings["chu_the_quyen_co_to_truong" if leaders else "chu_the_quyen_hgv"]
    items.append((settings["dieu_quyen"].format(chu_the_quyen=subject), []))
    fill["dieu_cuoi"] = len(items) + 1
    items.append((settings["dieu_thi_hanh"].format(**fill), []))
    return table_rows.articles(items)


def _int(value) -> int | None:
    n = table_rows.text(value)
    try:
        return int(float(n)) if n is not None else None
    except ValueError:
        return None


def make_job(env: DocEnv, settings: dict, table, month: Month, picked: list) -> DocJob:
    order = table_rows.ThonOrder(env.profile)
    entries = []
    for r in picked:
        e = table_rows.person_entry(r, order)
        e["_de_nghi"] = (e["thon"], r.get("van_ban_de_nghi"), r.get("ngay_de_nghi"))
        e["_phieu"], e["_tong"] = _int(r.get("so_phieu_to_truong")), _int(r.get("so_hgv_bau_to_truong"))
        entries.append(e)
    people = sorted(entries, key=lambda e: e["_sort"])
    danh_sach = table_rows.public(people)
    thon = table_rows.thon_in_order(danh_sach, order)
    has_leader = any(e["chuc_danh"] == TO_TRUONG for e in danh_sach)
    p = env.profile
    group = cac_ong_ba(e["gioi_tinh"] for e in people)
    fill = {**table_rows.team_phrases(thon, settings), "cap": p.cap, "ten_don_vi": p.ten_don_vi,
            "cac_ong_ba": group, "so_nguoi": so_hai_chu_so(len(people)),
            "nguoi_tai_dieu_1": (ong_ba_ten(people[0]["gioi_tinh"], people[0]["ho_ten"])
                                 if len(people) == 1 else f"{group} có tên tại Điều 1")}
    dieu = _articles(settings, people, fill)

    trich_yeu = settings["trich_yeu_co_to_truong"] if has_leader else settings["trich_yeu"]
    ctx = frame_context(env, settings, year=month.year, month=month.month, trich_yeu=trich_yeu,
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    ctx["can_cu"] = table_rows.can_cu_lines(env.rules_dir, settings["can_cu"], month.first)
    ctx["qd"] = {"de_nghi": table_rows.proposal_line(settings, [e["_de_nghi"] for e in people]),
                 "dieu": dieu}
    ctx["phu_luc"] = {"cua": settings["kem_theo_cua"].format(**fill)}
    ctx["danh_sach"] = danh_sach

    job = DocJob(id=f"{KIND}-{month}", kind=KIND,
                 title=settings["tieu_de"].format(thang_nam=thang_nam(month.month, month.year)),
                 template=settings["mau"], year=month.year, month=month.month,
                 symbol=ctx["van_ban"]["ky_hieu"], context=ctx, cells=profile_cells(env),
                 rule_files=[f"van_ban/{KIND}.yaml", "can_cu.yaml"])
    for r in picked:
        add_row_cells(job, table, r, table_rows.person_record(r), [*table_rows.PERSON_KEYS, DATE_KEY, *EXTRA_KEYS])
    findings = env.inputs.report.findings
    job.blocking = (table_rows.dataset_errors(findings, HOA_GIAI_VIEN)
                   + table_rows.row_errors(findings, HOA_GIAI_VIEN, [r["_row"] for r in picked],
                                       settings.get("khong_chan_boi", [])))
    if job.blocking:
        job.context = {}
    return job
