"""`qd-kien-toan` — Quyết định kiện toàn tổ hòa giải ở cơ sở: all teams as they stand, one
appendix per team (docs/domain.md §7, skeleton 4; Luật Hòa giải ở cơ sở 2013, Điều 12 khoản 2–3).

Which documents:
- once a year, "qd-kien-toan-YYYY", dated in the month `thang_kien_toan` of
  `rules/van_ban/qd-kien-toan.yaml` (a local setting: the law only says "every year"), when
  that month is on or before the build month;
- on request (`build --doc qd-kien-toan`): one for the build month, "qd-kien-toan-YYYY-MM",
  marked `on_request` so ordinary builds leave it alone (in the yearly month the request is
  the yearly decision itself).

Members: roster rows recognised on or before the last day of the decision's month and not
stopped by then (`Ngày thôi` empty or later) — the composition the decision states. Teams are
the profile's thôn, in its order; a thôn with no active member has no team and no appendix.

Blocking — the WHOLE decision, not only the faulty team's appendix. A kiện toàn decision
replaces the earlier decisions on the teams' composition: issuing it without one team would
leave that team with no lawful composition, and issuing it with the team as it stands would
put a breach of Luật Điều 12 (fewer than 03 mediators, no woman, no or several tổ trưởng, no
ethnic-minority mediator where required) into a signed decision. So a team that breaks
Điều 12 blocks the decision, with the team's findings as reasons; the clerk fixes the roster
(or has the missing mediators recognised) and rebuilds. The team rules (codes in `loi_to`)
are those of `rules/kiem_tra/nhom.yaml`, run again on the decision's own reference date
instead of the validation date, so a January decision is judged by the teams of January.
An ERROR on any listed row blocks it too.
"""

from __future__ import annotations

import datetime as dt

from ..definitions import in_office
from ..model import HOA_GIAI_VIEN
from ..vn import dem, la_ma, liet_ke, ngay_so, ong_ba_ten, so_hai_chu_so, thang_nam
from . import table_rows
from .base import DocEnv, DocJob, Month, add_row_cells, frame_context, profile_cells
from .reasons import NO_TEAM, Reason, of_finding, unique

KIND = "qd-kien-toan"
TEAM_RULES = "kiem_tra/nhom.yaml"


def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    yearly = Month(env.month.year, int(settings["thang_kien_toan"]))
    jobs: list[DocJob] = []
    if (yearly.year, yearly.month) <= (env.month.year, env.month.month):
        doc_id = f"{KIND}-{yearly.year}"     # the same decision from every later build month
        jobs.append(env.once((KIND, doc_id), lambda: make_job(
            env, settings, yearly, doc_id=doc_id, title=settings["tieu_de"].format(nam=yearly.year))))
    if KIND in env.requested and env.month != yearly:
        m = env.month
        job = make_job(env, settings, m, doc_id=f"{KIND}-{m}",
                       title=settings["tieu_de_theo_yeu_cau"].format(thang_nam=thang_nam(m.month, m.year)))
        job.on_request = True
        jobs.append(job)
    return jobs


def active_rows(rows: list, on: dt.date) -> list:
    """Rows in office on `on` (hoagiai.definitions.in_office over Ngày công nhận / Ngày thôi,
    the nhom.yaml window)."""
    def days(key: str) -> list:
        return [table_rows.as_date(r.get(key)) or "NaT" for r in rows]

    keep = in_office(days("ngay_cong_nhan"), days("ngay_thoi"), on)
    return [r for r, k in zip(rows, keep) if k]


def team_findings(env: DocEnv, settings: dict, table, on: dt.date):
    """The team rules of rules/kiem_tra/nhom.yaml with codes in `loi_to`, run on `on`."""
    from ..validate import check_tables
    from ..validate.ruleset import load_rule_file

    codes = set(settings["loi_to"])
    rules = [r for r in load_rule_file(env.rules_dir / TEAM_RULES) if r.code in codes]
    found = check_tables({HOA_GIAI_VIEN: table}, env.profile, rules, today=on)
    return [f for f in found if f.is_error]


def make_job(env: DocEnv, settings: dict, month: Month, *, doc_id: str, title: str) -> DocJob:
    table = env.inputs.table(HOA_GIAI_VIEN)
    on = month.last
    members = active_rows(table_rows.rows(table), on)
    order = table_rows.ThonOrder(env.profile)
    p = env.profile
    by_team: dict[str, list[dict]] = {}
    for r in members:
        by_team.setdefault(order.name(r.get("thon")), []).append(table_rows.person_entry(r, order))
    names = [t for t in order.names if t in by_team] + sorted(set(by_team) - set(order.names))

    fill = {"cap": p.cap, "dia_danh": p.dia_danh, "ten_don_vi": p.ten_don_vi,
            "noi_nhan_cap_tren": p.noi_nhan_cap_tren}
    teams, items = [], []
    for i, name in enumerate(names, start=1):
        people = table_rows.public(by_team[name])
        teams.append({"ten": name, "phu_luc": la_ma(i),
                      "tieu_de": settings["phu_luc_tieu_de"].format(thon=name).upper(),
                      "danh_sach": people})
        leaders = [ong_ba_ten(e["gioi_tinh"], e["ho_ten"]) for e in people if e["chuc_danh"] == "Tổ trưởng"]
        items.append(settings["dieu_1_muc"].format(
            thon=name, so_hgv=dem(len(people), "").strip(),
            so_nu=dem(sum(1 for e in people if e["gioi_tinh"] == "Nữ"), "").strip(),
            to_truong=liet_ke(leaders) or "chưa có", phu_luc=la_ma(i)))
    if items:
        items[-1] = items[-1].rstrip(";") + "."
    fill.update(so_to=so_hai_chu_so(len(teams)), so_hgv=so_hai_chu_so(len(members)))

    ctx = frame_context(env, settings, year=month.year, month=month.month,
                        trich_yeu=settings["trich_yeu"],
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    ctx["can_cu"] = table_rows.can_cu_lines(env.rules_dir, settings["can_cu"], month.first)
    ctx["qd"] = {"de_nghi": settings["de_nghi"].format(**fill),
                 "dieu": table_rows.articles([
                     (settings["dieu_1"].format(**fill), [*items, settings["dieu_1_ket"].format(**fill)]),
                     (settings["dieu_2"].format(**fill), []),
                     (settings["dieu_3"].format(**fill), [])])}
    ctx["phu_luc"] = {"cua": settings["kem_theo_cua"].format(**fill)}
    ctx["to"] = teams

    job = DocJob(id=doc_id, kind=KIND, title=title, template=settings["mau"], year=month.year,
                 month=month.month, symbol=ctx["van_ban"]["ky_hieu"], context=ctx,
                 cells=profile_cells(env),
                 rule_files=[f"van_ban/{KIND}.yaml", "can_cu.yaml", TEAM_RULES])
    # every row is read (the window decides who is a member), so every row is a cell
    for r in table_rows.rows(table):
        add_row_cells(job, table, r, table_rows.person_record(r),
                      [*table_rows.PERSON_KEYS, "dan_toc", "ngay_cong_nhan", "ngay_thoi"])
    findings = env.inputs.report.findings
    reasons = table_rows.dataset_errors(findings, HOA_GIAI_VIEN)
    reasons += table_rows.row_errors(findings, HOA_GIAI_VIEN, [r["_row"] for r in members],
                                 settings["loi_to"])
    if table is not None and len(table.frame):
        lead = settings["chan_thanh_phan"].format(ngay=ngay_so(on))
        reasons += [of_finding(f, lead=lead) for f in team_findings(env, settings, table, on)]
    if not teams and not reasons:
        file = table.file if table is not None else f"{HOA_GIAI_VIEN}.xlsx"
        reasons.append(Reason(NO_TEAM, f"chưa có tổ hòa giải nào có hòa giải viên đã được công nhận "
                                       f"vào ngày {ngay_so(on)}.", file=file))
    job.blocking = unique(reasons)
    if job.blocking:
        job.context = {}
    return job
