"""`qd-thoi` — Quyết định cho thôi làm hòa giải viên, with the attached list (docs/domain.md §7,
skeleton 3; Luật Hòa giải ở cơ sở 2013, Điều 11).

Which documents: for every month of the build year up to the build month, the roster rows
whose `Ngày thôi` falls in that month make one decision, id "qd-thoi-YYYY-MM" — one number and
one signature for the proposals decided together, as for `qd-cong-nhan`.

Điều 1 names each person (Ông/Bà from `Giới tính`), the team and role, and the point of Luật
Điều 11 khoản 1 their `Lý do thôi` maps to — in the article itself for one person, one line
per person for several. That mapping (Tự nguyện → a, Không còn đủ tiêu chuẩn → b, Vi phạm … →
c) lives in `rules/van_ban/qd-thoi.yaml` (`ly_do`), not here. When a person is a tổ trưởng, an
article of its own ends that role and asks the Trưởng ban công tác Mặt trận to have the team
elect a new one (NQLT 01/2014 Điều 13; Luật Điều 14). No article states a date: the decision
takes effect on signature, never on a day before its own date (`Ngày thôi` only chooses the
month of the draft). The proposal answered is cited from `Văn bản đề nghị thôi` / `Ngày đề
nghị thôi` when the roster has them.

Blocking: an ERROR on a listed row blocks the month's decision, and so does a `Lý do thôi`
the kind file does not map (the decision could not cite its ground). Team-composition
errors (Luật Điều 12, `khong_chan_boi`) do not block: stopping is required by Điều 11 when
its ground exists, even if the team falls short — that shortfall blocks `qd-kien-toan`.
"""

from __future__ import annotations

from ..model import HOA_GIAI_VIEN
from ..vn import cac_ong_ba, ong_ba_ten, thang_nam, viet_hoa_dau
from . import table_rows
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells
from .reasons import GROUND_NOT_IN_LAW, Reason

KIND = "qd-thoi"
DATE_KEY = "ngay_thoi"
REASON_KEY = "ly_do_thoi"
PROPOSAL_KEYS = ["van_ban_de_nghi_thoi", "ngay_de_nghi_thoi"]
TO_TRUONG = "Tổ trưởng"


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    return table_rows.monthly(env, KIND, DATE_KEY,
                          lambda table, month, picked: make_job(env, settings, table, month, picked))


def _person(settings: dict, e: dict) -> dict[str, str]:
    who = ong_ba_ten(e["gioi_tinh"], e["ho_ten"])
    role = settings["vai_tro"].get(e["chuc_danh"], settings["vai_tro"]["Hòa giải viên"])
    return {"nguoi": who, "Nguoi": viet_hoa_dau(who), "vai_tro": role.format(thon=e["thon"])}


def _articles(settings: dict, people: list[dict], fill: dict) -> list[dict]:
    """Điều 1 (who stops, on which ground), the tổ trưởng article when needed, effect, execution."""
    def ground(e):
        ly_do = next(v for v in settings["ly_do"].values() if v["diem"] == e["_diem"])
        return {"diem": e["_diem"], "noi_dung": ly_do["noi_dung"]}

    if len(people) == 1:
        e = people[0]
        items: list[tuple[str, list[str]]] = [
            (settings["dieu_1_mot"].format(**_person(settings, e), **ground(e)), [])]
    else:
        lines = [settings["dieu_1_muc"].format(**_person(settings, e), **ground(e)) for e in people]
        lines[-1] = lines[-1].rstrip(";") + "."
        items = [(settings["dieu_1_nhieu"].format(**fill), lines)]
    leaders = [settings["dieu_to_truong"].format(thon_to=e["thon"], **_person(settings, e), **fill)
               for e in people if e["chuc_danh"] == TO_TRUONG]
    if leaders:
        items.append((leaders[0], leaders[1:]))
    items.append((settings["dieu_hieu_luc"].format(**fill), []))
    fill["dieu_cuoi"] = len(items) + 1
    items.append((settings["dieu_thi_hanh"].format(**fill), []))
    return table_rows.articles(items)


def make_job(env: DocEnv, settings: dict, table, month: Month, picked: list) -> DocJob:
    order = table_rows.ThonOrder(env.profile)
    ly_do = settings["ly_do"]
    reasons: list[Reason] = []
    entries = []
    for r in picked:
        e = table_rows.person_entry(r, order)
        e["_de_nghi"] = (e["thon"], r.get("van_ban_de_nghi_thoi"), r.get("ngay_de_nghi_thoi"))
        ground = table_rows.text(r.get(REASON_KEY))
        if ground in ly_do:
            e["_diem"] = ly_do[ground]["diem"]
        else:
            e["_diem"] = None
            reasons.append(Reason(GROUND_NOT_IN_LAW,
                                  f"lý do thôi “{ground or ''}” của {e['ho_ten']} không thuộc các trường hợp "
                                  f"tại khoản 1 Điều 11 Luật Hòa giải ở cơ sở ({', '.join(ly_do)}).",
                                  file=table.file, row=int(r['_row']), column=table.header(REASON_KEY)))
        entries.append(e)
    people = sorted(entries, key=lambda e: e["_sort"])
    danh_sach = table_rows.public(people)
    thon = table_rows.thon_in_order(danh_sach, order)
    p = env.profile
    group = cac_ong_ba(e["gioi_tinh"] for e in people)
    fill = {**table_rows.team_phrases(thon, settings), "cap": p.cap, "ten_don_vi": p.ten_don_vi,
            "cac_ong_ba": group,
            "nguoi_tai_dieu_1": (ong_ba_ten(people[0]["gioi_tinh"], people[0]["ho_ten"])
                                 if len(people) == 1 else f"{group} có tên tại Điều 1")}
    dieu = [] if reasons else _articles(settings, people, fill)

    ctx = frame_context(env, settings, year=month.year, month=month.month,
                        trich_yeu=settings["trich_yeu"],
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]] if dieu else [])
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
        add_row_cells(job, table, r, table_rows.person_record(r),
                      [*table_rows.PERSON_KEYS, DATE_KEY, REASON_KEY, *PROPOSAL_KEYS])
    findings = env.inputs.report.findings
    job.blocking = (table_rows.dataset_errors(findings, HOA_GIAI_VIEN)
                   + table_rows.row_errors(findings, HOA_GIAI_VIEN, [r["_row"] for r in picked],
                                       settings.get("khong_chan_boi", []))
                   + reasons)
    if job.blocking:
        job.context = {}
    return job
