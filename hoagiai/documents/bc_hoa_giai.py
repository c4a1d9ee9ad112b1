"""`bc-hoa-giai` — Báo cáo kết quả công tác hòa giải ở cơ sở (6 tháng / năm), docs/domain.md §7 item 8,
with its statistical tables inside the document and beside it as an .xlsx.

Which documents: for every year with case data or a plan, up to the build month, the reports
the calendar (`rules/lich_bao_cao.yaml`) defines for this kind — ids "bc-hoa-giai-YYYY-6t" and
"bc-hoa-giai-YYYY-nam" — once the build month reaches their first-build month. Each report
states its period and the regime it follows (statistical window by default, Decision 2).

Figures come from `hoagiai.stats` (computed once, identities checked). Parts of the report that
data cannot give (direction, evaluation, orientation, proposals) come from the optional key
`bao_cao_hoa_giai.<6t|nam>` of `inputs/ke_hoach_YYYY.yaml`; without it the report carries a
bracketed prompt for the clerk — never invented facts.

Blocking: an ERROR on a roster row counted at the period end, on a case counted in the period,
or on a date / outcome cell that decides whether a row is counted, blocks the report. Team
composition errors (Luật Điều 12: the rule codes of the Đề án target in `rules/de_an.yaml`)
do not: the report states how many teams meet Điều 12 instead.

Also home of the helpers both reports share (`bc-de-an` imports them).
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .. import stats
from ..rulefiles import bieu_thong_ke, de_an, lich_bao_cao, schema as rules_mod, thu_lao
from ..model import HOA_GIAI_VIEN, VU_VIEC, Table
from ..validate.teams import team_rules
from ..vn import co_dem, nhan_ky, ngay_so, so_hai_chu_so, ty_le
from . import bc_noi_dung as noi_dung, bc_van_ban, table_rows
from .bc_xlsx import PERCENT_KEYS, write_xlsx  # noqa: F401  (re-exported: bc-de-an, tests)
from .base import Attachment, DocEnv, DocJob, add_row_cells, frame_context, profile_cells
from .reasons import Reason, of_finding, unique

KIND = "bc-hoa-giai"
ROSTER_READS = ["ho_ten", "ngay_sinh", "gioi_tinh", "dan_toc", "thon", "chuc_danh", "ngay_cong_nhan",
                "ngay_thoi", "chuyen_mon_luat", "nam_boi_duong"]
CASE_READS = ["ma_vu_viec", "ngay_tiep_nhan", "thon", "linh_vuc", "ket_qua", "ngay_ket_thuc"]
# cells whose error may hide a row from the counts (a bad date is read as empty)
ROSTER_GATES = ["ngay_cong_nhan", "ngay_thoi"]
CASE_GATES = ["ngay_tiep_nhan", "ngay_ket_thuc", "ket_qua"]
NARRATIVE_KEYS = ["chi_dao", "boi_duong", "uu_diem", "han_che", "nguyen_nhan", "phuong_huong", "kien_nghi"]
DE_AN_FILE = de_an.FILE


# ----------------------------------------------------------------------------- shared helpers

def frame_of(table: Table | None) -> pd.DataFrame:
    return table.frame if table is not None else pd.DataFrame({"_row": pd.Series(dtype=int)})


def data_years(env: DocEnv) -> list[int]:
    """Years with case data (received or ended) or a plan, up to the build year."""
    years: set[int] = set(env.inputs.plans)
    f = frame_of(env.inputs.table(VU_VIEC))
    for col in ("ngay_tiep_nhan", "ngay_ket_thuc"):
        if col in f.columns:
            years |= {int(y) for y in pd.to_datetime(f[col], errors="coerce").dt.year.dropna().unique()}
    return sorted(y for y in years if y <= env.month.year)


def targets(env: DocEnv, on: dt.date) -> dict[str, dict]:
    """The Đề án targets in force on `on`, by `chi_so`."""
    return de_an.targets(env.rules_dir, on)


def team_rule_codes(tg: dict[str, dict]) -> list[str]:
    return list(tg.get("ty_le_to_dat_dieu_12", {}).get("quy_tac", []))


def linh_vuc_order(rules_dir: Path) -> list[str]:
    """The lĩnh vực values in the order of the column spec (rules/du_lieu/vu_viec.yaml)."""
    data = rules_mod.read_yaml(Path(rules_dir) / "du_lieu" / "vu_viec.yaml") or {}
    for c in data.get("cot", []) or []:
        if isinstance(c, dict) and c.get("khoa") == "linh_vuc":
            return list(c.get("gia_tri") or [])
    return []


def unit_stats(env: DocEnv, start: dt.date, end: dt.date, tg: dict[str, dict]) -> stats.Stats:
    ro = frame_of(env.inputs.table(HOA_GIAI_VIEN))
    ca = frame_of(env.inputs.table(VU_VIEC))
    return stats.compute(
        ro, ca, start=start, end=end, profile=env.profile,
        team_rules=team_rules(env.rules_dir, team_rule_codes(tg), end),
        linh_vuc_order=linh_vuc_order(env.rules_dir), rates=thu_lao.load(env.rules_dir))


def _header(table: Table | None, key: str) -> str:
    return table.header(key) if table is not None else key


def blocking_reasons(env: DocEnv, start: dt.date, end: dt.date, ignore_codes: list[str]) -> list[Reason]:
    """ERRORs that make a report's figures unreliable (see the module docstring)."""
    findings = env.inputs.report.findings
    ignore = set(ignore_codes)
    out: list[Reason] = []
    for dataset, gates, considered in (
            (HOA_GIAI_VIEN, ROSTER_GATES, _roster_considered(env, end)),
            (VU_VIEC, CASE_GATES, _cases_considered(env, end))):
        table = env.inputs.table(dataset)
        gate_headers = {_header(table, k) for k in gates}
        for f in findings:
            if not f.is_error or f.dataset != dataset or f.code in ignore:
                continue
            if f.row is None or f.row in considered or f.column in gate_headers:
                out.append(of_finding(f))
    return unique(out)


def _roster_considered(env: DocEnv, end: dt.date) -> set[int]:
    f = frame_of(env.inputs.table(HOA_GIAI_VIEN))
    if not len(f):
        return set()
    return {int(r) for r in f.loc[stats.active_mask(f, end), "_row"]}


def _cases_considered(env: DocEnv, end: dt.date) -> set[int]:
    f = frame_of(env.inputs.table(VU_VIEC))
    if not len(f) or "ngay_tiep_nhan" not in f.columns:
        return set()
    recv = pd.to_datetime(f["ngay_tiep_nhan"], errors="coerce")
    return {int(r) for r in f.loc[(recv <= pd.Timestamp(end)).fillna(False).astype(bool), "_row"]}


def record_cells(env: DocEnv, job: DocJob, st: stats.Stats) -> None:
    """Every roster row counted and every case counted or paid in the period."""
    rt = env.inputs.table(HOA_GIAI_VIEN)
    if rt is not None:
        f = rt.frame
        for i in st.roster_rows:
            row = rt.row(i)
            add_row_cells(job, rt, row, table_rows.person_record(row), [k for k in ROSTER_READS if k in f.columns])
    ct = env.inputs.table(VU_VIEC)
    if ct is not None:
        f = ct.frame
        for i in sorted(set(st.case_rows) | set(st.paid_rows)):
            row = ct.row(i)
            add_row_cells(job, ct, row, table_rows.text(row.get("ma_vu_viec")) or f"dòng {row['_row']}",
                          [k for k in CASE_READS if k in f.columns])


def narrative(data: Any, key: str, settings: dict) -> list[str]:
    """Paragraphs under `key` of a plan's report section (a str or a list of str), or the
    kind file's prompt for the clerk when absent."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, str):
        value = [value]
    if value:
        return [str(v) for v in value]
    return [settings["nhac_bo_sung"].format(muc=settings["muc_nhac"][key])]


def plan_section(env: DocEnv, year: int, section: str, sub: str | None = None) -> tuple[Any, dict]:
    """(plan, its optional report section — or that section's `sub` key) for `year`."""
    plan_y = env.inputs.plans.get(year)
    data = (plan_y.data.get(section) if plan_y is not None else None) or {}
    if sub is not None:
        data = data.get(sub) or {} if isinstance(data, dict) else {}
    return plan_y, data if isinstance(data, dict) else {}


def fill_values(env: DocEnv, **more: Any) -> dict[str, Any]:
    p = env.profile
    return {"cap": p.cap, "dia_danh": p.dia_danh, "ten_don_vi": p.ten_don_vi,
            "cap_tren": p.noi_nhan_cap_tren, **more}


def target_view(tg: dict[str, dict], chi_so: str, value: float | None) -> dict[str, Any] | None:
    """A target as the templates show it: description, threshold, reached (None: no value)."""
    t = tg.get(chi_so)
    if t is None:
        return None
    return {"noi_dung": t["noi_dung"], "mo_ta": t["mo_ta_nguong"], "nguong": float(t["nguong"]),
            "gia_tri": value, "dat": None if value is None else value >= float(t["nguong"]) - 1e-12,
            "ghi_chu": t.get("ghi_chu")}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def teams_failing(env: DocEnv, st: stats.Stats, tg: dict[str, dict],
                  wording: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Teams that do not meet Điều 12 at the period end, each with one clause per rule it
    fails: the report's own wording (`cau.to_khong_dat` of the kind file: "chưa có tổ trưởng",
    never "có 0 tổ trưởng"), else the rule message of rules/kiem_tra/nhom.yaml."""
    by_code = {r.code: r for r in team_rules(env.rules_dir, team_rule_codes(tg), st.end)}
    wording = wording or {}
    out = []
    for t in st.to:
        if t["dat"]:
            continue
        lines = []
        for code in t["khong_dat"]:
            r, n = by_code[code], t["dem"].get(code, 0)
            minimum = r.params.get("toi_thieu")
            w = wording.get(code)
            if isinstance(w, dict):
                w = w["khong"] if n == 0 else w["co"]
            if w:
                lines.append(w.format(so=so_hai_chu_so(n), toi_thieu=so_hai_chu_so(minimum or 0)))
            else:
                lines.append(r.message.format_map(_Blank(nhom=t["nhom"], so=n, co_so=co_dem(n),
                                                          toi_thieu=minimum or "")))
        text = "; ".join(lines) if wording else " ".join(lines)
        out.append({"ten": t["nhom"], "ly_do": [wording["dong"].format(ten=t["nhom"], ly_do=text)]
                    if wording else lines})
    return out


# ----------------------------------------------------------------------------- xlsx

def _xlsx_writer(title: str, ky: str, filled: list[dict]) -> Callable[[Path], None]:
    sheets = stat_sheets(filled)
    return lambda path: write_xlsx(path, title, ky, sheets)


def forms_filled(env: DocEnv, st: stats.Stats) -> list[dict[str, Any]]:
    """The statistical forms of rules/bieu_thong_ke.yaml in force at the period end, filled."""
    forms = bieu_thong_ke.load(env.rules_dir, st.end)
    return bieu_thong_ke.tables(forms, {"theo_thon": st.theo_thon, "theo_linh_vuc": st.theo_linh_vuc},
                                ty_le, ngay_so(st.end))


def stat_sheets(filled: list[dict[str, Any]]) -> list[tuple[str, str, list, list[dict]]]:
    """The statistical forms as workbook sheets (one per form, columns from the rule file)."""
    return [(b["ten_trang"], b["tieu_de"], list(zip(b["khoa"], b["cot"])),
             [dict(zip(b["khoa"], v)) for v in b["values"]]) for b in filled]


# ----------------------------------------------------------------------------- the kind

def plan(env: DocEnv) -> list[DocJob]:
    settings = env.kind_settings(KIND)
    cal = lich_bao_cao.load(env.rules_dir)
    jobs: list[DocJob] = []
    for year in data_years(env):
        for rep in cal.reports(KIND, year):
            if (rep.first_build.year, rep.first_build.month) > (env.month.year, env.month.month):
                continue
            jobs.append(make_job(env, settings, rep))
    return jobs


def ky_view(rep: lich_bao_cao.Report, to_day: dt.date | None = None) -> dict[str, Any]:
    """The period and its regime; `so_lieu_den_text`: the day the figures run to."""
    p = rep.period
    to_day = to_day or p.end
    return {"nhan": nhan_ky(rep.ky, rep.year), "tu": p.start, "den": p.end,
            "tu_text": ngay_so(p.start), "den_text": ngay_so(p.end), "so_lieu_den_text": ngay_so(to_day),
            "che_do": p.ten_che_do, "van_ban": p.van_ban}


def build_month_last(env: DocEnv) -> dt.date:
    return env.month.last


def make_job(env: DocEnv, settings: dict, rep: lich_bao_cao.Report) -> DocJob:
    ky = nhan_ky(rep.ky, rep.year)
    month = rep.deadline.month if rep.deadline else rep.first_build.month
    title = settings["tieu_de"].format(ky=ky)
    job = DocJob(id=rep.doc_id, kind=KIND, title=title, template=settings["mau"], year=rep.year,
                 month=month, symbol="", context={}, cells=profile_cells(env),
                 rule_files=[f"van_ban/{KIND}.yaml", lich_bao_cao.FILE, DE_AN_FILE, thu_lao.FILE,
                             stats.TEAM_RULE_FILE, "du_lieu/vu_viec.yaml", bieu_thong_ke.FILE],
                 period=rep.period.as_dict())
    to_day = rep.figures_to(build_month_last(env))
    tg = targets(env, to_day)
    job.blocking = blocking_reasons(env, rep.period.start, to_day, team_rule_codes(tg))
    if job.blocking:
        return job
    st = unit_stats(env, rep.period.start, to_day, tg)
    fill = fill_values(env, ky=ky, nam=rep.year)
    ctx = frame_context(env, settings, year=rep.year, month=month,
                        trich_yeu=settings["trich_yeu"].format(**fill),
                        noi_nhan=[n.format(**fill) for n in settings["noi_nhan"]])
    section = "bao_cao_hoa_giai"
    plan_y, sub = plan_section(env, rep.year, section, rep.ma)
    f, x = st.figures, st.extra
    cau = settings["cau"]
    filled = forms_filled(env, st)
    van_ban, register_cells = bc_van_ban.documents(env, cau, rep.period.start, to_day)
    job.cells.update(register_cells)
    ctx["bc"] = {
        "mo_dau": settings["mo_dau"].format(**fill),
        "cap": env.profile.cap, "nam": rep.year,
        "ky": ky_view(rep, to_day), "so_lieu_den": noi_dung.so_lieu_den(cau, rep, to_day),
        "f": dict(f), "x": dict(x),
        "van_ban": ([cau["van_ban_mo_dau"].format(**fill)] + van_ban) if van_ban
        else [cau["van_ban_khong"].format(**fill)],
        "to_chuc": noi_dung.to_chuc(cau, st, env.profile.cap, to_day) + [_to_dat(cau, st, tg, rep.year)],
        "to_khong_dat": teams_failing(env, st, tg, cau["to_khong_dat"]),
        "hoat_dong": noi_dung.hoat_dong(cau, st) + [
            noi_dung.ty_le_thanh(cau, st, _target_clause(cau, tg, "ty_le_thanh", f["ty_le_thanh"], rep.year))],
        "kiem_tra": bc_van_ban.inspections(env, cau, settings["thu_tu_xep_loai"], rep.period.start, to_day),
        "kinh_phi": noi_dung.kinh_phi(cau, st, cau["nhom_ket_qua"]),
        **{k: narrative(sub, k, settings) for k in NARRATIVE_KEYS},
        "ket_luan": settings["ket_luan"].format(**fill),
        "bieu": filled,
    }
    ctx["phu_luc"] = {"cua": env.profile.ten_don_vi,
                      **bieu_thong_ke.frame_lines(bieu_thong_ke.load(env.rules_dir, st.end), fill)}
    job.context = ctx
    job.symbol = ctx["van_ban"]["ky_hieu"]
    job.figures = dict(f)
    if plan_y is not None and sub:
        job.cells[f"{plan_y.file}|{section}.{rep.ma}"] = copy.deepcopy(sub)
    record_cells(env, job, st)
    job.attachments = [Attachment(suffix=".xlsx", write=_xlsx_writer(title, ky_line(rep), filled),
                                  content_key={"period": job.period, "figures": job.figures,
                                               "theo_thon": st.theo_thon, "theo_linh_vuc": st.theo_linh_vuc})]
    return job


def _target_clause(cau: dict, tg: dict, chi_so: str, value, year: int) -> str:
    view = target_view(tg, chi_so, value)
    status = noi_dung.target_status(view, year, (tg.get(chi_so) or {}).get("den_nam"))
    return noi_dung.target_clause(cau, view, status)


def _to_dat(cau: dict, st: stats.Stats, tg: dict, year: int) -> str:
    f, x = st.figures, st.extra
    return cau["to_dat"].format(so_dat=so_hai_chu_so(x["to_dat_dieu_12"]), so_to=so_hai_chu_so(f["to_hoa_giai"]),
                                ty_le=ty_le(x["ty_le_to_dat_dieu_12"]),
                                muc_tieu=_target_clause(cau, tg, "ty_le_to_dat_dieu_12", x["ty_le_to_dat_dieu_12"],
                                                        year))


def ky_line(rep: lich_bao_cao.Report) -> str:
    """The period line of the report's spreadsheet (also used by `bc-de-an`)."""
    p = rep.period
    return (f"Kỳ báo cáo: từ ngày {ngay_so(p.start)} đến ngày {ngay_so(p.end)} "
            f"({p.ten_che_do} theo {p.van_ban})")
