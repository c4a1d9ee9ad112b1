"""A unit's figures for a reporting period, computed once and shared by every report
(`bc-hoa-giai`, `bc-de-an`) and by a city roll-up.

Conventions (each stated in the reports that use them):

- Teams and mediators are counted **as of the period end** `to`: a mediator counts when
  recognised on or before `to` (`Ngày công nhận` ≤ to) and not stopped on or before `to`
  (`Ngày thôi` empty or after `to`). A team is a thôn group (the `nhom_theo` key of the team
  rules, `thon`) with at least one such mediator. "Được bồi dưỡng" = `Năm bồi dưỡng` equal to the
  year of `to`.
- Cases: `vu_viec_tiep_nhan` counts cases **received in the period** only. A case received before
  the period and still open at its start is counted apart as `ky_truoc_chuyen_sang` (the MoJ
  form's "kỳ trước chuyển sang"). Every case of either group ends up in exactly one outcome:
  thành / không thành when it ended inside the period, otherwise `dang_giai_quyet` (open at
  the period end — including cases that ended after `to`). Hence
  thành + không thành + đang = tiếp nhận + kỳ trước chuyển sang.
- `ty_le_thanh` = thành ÷ (thành + không thành), a fraction, None when nothing ended (Decision 7).
- Outcomes (`Kết quả`, rules/du_lieu/vu_viec.yaml): "Chấm dứt theo yêu cầu" (Luật HGCS Điều 23
  b: a party asked to stop) is a mediation that ended without agreement and counts as không
  thành, as the MoJ forms have no column of its own. "Không thuộc phạm vi" (a request outside
  Luật HGCS Điều 3, not mediated, the parties referred to the competent body) is not a case
  mediated: it is left out of every case figure and counted apart as `ngoai_pham_vi`.

All functions are pure and work on whole columns; `compute` checks the identities before
anything is written and raises `IdentityFailure` (an internal failure, exit 3) if one breaks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .definitions import in_office, success_rate
from .errors import EnvironmentFailure
from .model import HOA_GIAI_VIEN, Table
from .unit_profile import Profile
from .validate.base import Rule
from .validate.teams import TEAM_RULE_FILE, teams_on  # noqa: F401  (TEAM_RULE_FILE re-exported: reports)
from .validate.text import fold_series
from .vn.folding import fold

#: `figures` of docs/contract.md §4, in order
FIGURE_KEYS = ("to_hoa_giai", "hoa_giai_vien", "nu", "dan_toc_thieu_so", "chuyen_mon_luat",
               "duoc_boi_duong", "vu_viec_tiep_nhan", "hoa_giai_thanh", "hoa_giai_khong_thanh",
               "dang_giai_quyet", "ty_le_thanh")
THANH, KHONG_THANH, DANG = "Thành", "Không thành", "Đang giải quyết"
CHAM_DUT = "Chấm dứt theo yêu cầu"     # Luật HGCS Điều 23 b)
NGOAI_PHAM_VI = "Không thuộc phạm vi"  # Luật HGCS Điều 3: not mediated, referred elsewhere
ENDED_WITHOUT_AGREEMENT = (KHONG_THANH, CHAM_DUT)
KINH = "Kinh"   # the majority ethnic group; every other value counts as dân tộc thiểu số


class IdentityFailure(EnvironmentFailure):
    """A statistical identity does not hold: a bug in the computation, never the clerk's data."""


# ----------------------------------------------------------------------------- helpers

def _ts(d: dt.date) -> pd.Timestamp:
    return pd.Timestamp(d)


def _col(frame: pd.DataFrame, name: str, default: Any = None) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series(default, index=frame.index, dtype=object)


def _dates(frame: pd.DataFrame, name: str) -> pd.Series:
    return pd.to_datetime(_col(frame, name), errors="coerce")


def profile_thon(values: pd.Series, profile: Profile) -> pd.Series:
    """Each thôn as the profile spells it (matched with the one fold, as the team rules match
    it); an unknown thôn as written, an empty one None."""
    spelling = {fold(n): n for n in profile.thon_names}
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    named = [spelling.get(key, str(u).strip()) if (key := fold(u)) else None for u in uniques]
    return pd.Series(np.array([*named, None], dtype=object)[codes], index=values.index, dtype=object)


def _is(frame: pd.DataFrame, name: str, value: str) -> pd.Series:
    return (fold_series(_col(frame, name)) == fold(value)).astype(bool)


# ----------------------------------------------------------------------------- roster

def active_mask(roster: pd.DataFrame, on: dt.date) -> pd.Series:
    """Mediators in office on `on` (hoagiai.definitions.in_office): recognised on or before it,
    not stopped on or before it."""
    rec, stop = _dates(roster, "ngay_cong_nhan"), _dates(roster, "ngay_thoi")
    return pd.Series(in_office(rec.to_numpy(), stop.to_numpy(), _ts(on)), index=roster.index, dtype=bool)


def mediator_flags(roster: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """One boolean column per biểu 10 count, for each roster row (only active rows are True)."""
    active = active_mask(roster, on)
    luat = _col(roster, "chuyen_mon_luat").astype("boolean").fillna(False).astype(bool)
    dan_toc = fold_series(_col(roster, "dan_toc"))
    dtts = dan_toc.notna() & (dan_toc != fold(KINH))
    trained = (pd.to_numeric(_col(roster, "nam_boi_duong"), errors="coerce") == on.year).fillna(False)
    return pd.DataFrame({
        "hoa_giai_vien": active,
        "nam": active & _is(roster, "gioi_tinh", "Nam"),
        "nu": active & _is(roster, "gioi_tinh", "Nữ"),
        "chuyen_mon_luat": active & luat,
        "chua_qua_dao_tao_luat": active & ~luat,
        "dan_toc_thieu_so": active & dtts.astype(bool),
        "duoc_boi_duong": active & trained.astype(bool),
    }, index=roster.index)


def teams(roster: pd.DataFrame, on: dt.date, profile: Profile, rules: list[Rule]) -> pd.DataFrame:
    """One row per team with at least one mediator in office on `on`: its size, whether it has
    a mediator with legal training, the codes of the composition rules it fails (judged by the
    validation's interpreter, hoagiai.validate.teams), `dat` (meets all)."""
    active = active_mask(roster, on)
    table = Table(dataset=HOA_GIAI_VIEN, file="", sheet=None, frame=roster)
    found = teams_on(table, profile, rules, on, active.to_numpy())
    luat = _col(roster, "chuyen_mon_luat").astype("boolean").fillna(False).astype(bool).to_numpy()
    out = pd.DataFrame({"nhom": pd.Series([t.nhom for t in found], dtype=object),
                        "so_hgv": pd.Series([len(t.members) for t in found], dtype=int),
                        "co_chuyen_mon_luat": pd.Series([bool(luat[t.members].any()) for t in found], dtype=bool),
                        "khong_dat": pd.Series([list(t.khong_dat) for t in found], dtype=object),
                        "dem": pd.Series([dict(t.dem) for t in found], dtype=object)})
    out["dat"] = out["khong_dat"].map(len) == 0
    return out


# ----------------------------------------------------------------------------- cases

def case_flags(cases: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Boolean columns per case row for the period [start, end] (see the module docstring)."""
    recv = _dates(cases, "ngay_tiep_nhan")
    stop = _dates(cases, "ngay_ket_thuc")
    kq = _col(cases, "ket_qua")
    s, e = _ts(start), _ts(end)
    outside = (kq == NGOAI_PHAM_VI).fillna(False).astype(bool)
    ended = kq.isin([THANH, *ENDED_WITHOUT_AGREEMENT]).fillna(False).astype(bool)
    ended_before = (ended & (stop < s)).fillna(False).astype(bool)
    ended_in = (ended & (stop >= s) & (stop <= e)).fillna(False).astype(bool)
    received_in = ((recv >= s) & (recv <= e)).fillna(False).astype(bool)
    tiep_nhan = received_in & ~outside
    chuyen_sang = ((recv < s).fillna(False).astype(bool) & ~ended_before & ~outside)
    pool = tiep_nhan | chuyen_sang
    return pd.DataFrame({
        "ky_truoc_chuyen_sang": chuyen_sang,
        "vu_viec_tiep_nhan": tiep_nhan,
        "hoa_giai_thanh": pool & ended_in & (kq == THANH).fillna(False).astype(bool),
        "hoa_giai_khong_thanh": pool & ended_in & kq.isin(ENDED_WITHOUT_AGREEMENT).fillna(False).astype(bool),
        "dang_giai_quyet": pool & ~ended_in,
        "ngoai_pham_vi": received_in & outside,
        "cham_dut_theo_yeu_cau": pool & ended_in & (kq == CHAM_DUT).fillna(False).astype(bool),
    }, index=cases.index)


CASE_KEYS = ("ky_truoc_chuyen_sang", "vu_viec_tiep_nhan", "hoa_giai_thanh", "hoa_giai_khong_thanh",
             "dang_giai_quyet")
ROSTER_KEYS = ("hoa_giai_vien", "nam", "nu", "chuyen_mon_luat", "chua_qua_dao_tao_luat",
               "dan_toc_thieu_so", "duoc_boi_duong")


def _sums(flags: pd.DataFrame, keys: Iterable[str]) -> dict[str, int]:
    return {k: int(flags[k].sum()) for k in keys}


def _case_row(counts: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = dict(counts)
    row["ty_le_thanh"] = success_rate(counts["hoa_giai_thanh"], counts["hoa_giai_khong_thanh"])
    return row


def _grouped(flags: pd.DataFrame, key: pd.Series, keys: Iterable[str], order: list[str]) -> dict[str, dict[str, int]]:
    """Per group of `key` (groups of `order` first, then the others as they first appear, the
    empty one last): the sum of each flag in `keys`. numpy rather than a pandas groupby, which
    costs more than the counting on a commune's few hundred rows."""
    keys = list(keys)
    codes, groups = pd.factorize(key.fillna("").astype(str).to_numpy())
    sums = np.zeros((len(groups), len(keys)), dtype=np.int64)
    np.add.at(sums, codes, flags[keys].to_numpy(dtype=np.int64))
    where = {g: i for i, g in enumerate(groups)}
    names = list(order) + [g for g in groups if g not in order and g != ""]
    if "" in where:
        names.append("")
    return {g: {k: int(sums[where[g], j]) if g in where else 0 for j, k in enumerate(keys)}
            for g in names}


# ----------------------------------------------------------------------------- the whole

@dataclass
class Stats:
    start: dt.date
    end: dt.date
    figures: dict[str, Any]                 # docs/contract.md §4 keys, exactly
    extra: dict[str, Any]                   # nam, chua_qua_dao_tao_luat, ky_truoc_chuyen_sang, teams …
    theo_thon: list[dict[str, Any]]         # one row per thôn (profile order), then "Tổng cộng"
    theo_linh_vuc: list[dict[str, Any]]     # one row per lĩnh vực (rule-file order), then the total
    to: list[dict[str, Any]] = field(default_factory=list)      # per team: nhom, so_hgv, dat, khong_dat
    roster_rows: list[int] = field(default_factory=list)        # frame index of mediators counted
    case_rows: list[int] = field(default_factory=list)          # frame index of cases counted
    paid_rows: list[int] = field(default_factory=list)          # frame index of cases paid in the period

    @property
    def period(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


TONG = "Tổng cộng"


def compute(roster: pd.DataFrame, cases: pd.DataFrame, *, start: dt.date, end: dt.date,
            profile: Profile, team_rules: list[Rule],
            linh_vuc_order: list[str], rates=None) -> Stats:
    """Every figure of a unit for [start, end]; `rates` (hoagiai.rulefiles.thu_lao.Rates) adds the thù lao
    of cases ended in the period."""
    if end < start:
        raise ValueError(f"period end {end} before start {start}")
    mf = mediator_flags(roster, end)
    cf = case_flags(cases, start, end)
    tm = teams(roster, end, profile, team_rules)
    thon_order = profile.thon_names
    m = _sums(mf, ROSTER_KEYS)
    c = _sums(cf, CASE_KEYS)
    n_teams = len(tm)
    n_ok = int(tm["dat"].sum()) if n_teams else 0
    n_law = int(tm["co_chuyen_mon_luat"].sum()) if n_teams else 0

    figures = {"to_hoa_giai": n_teams, "hoa_giai_vien": m["hoa_giai_vien"], "nu": m["nu"],
               "dan_toc_thieu_so": m["dan_toc_thieu_so"], "chuyen_mon_luat": m["chuyen_mon_luat"],
               "duoc_boi_duong": m["duoc_boi_duong"], "vu_viec_tiep_nhan": c["vu_viec_tiep_nhan"],
               "hoa_giai_thanh": c["hoa_giai_thanh"], "hoa_giai_khong_thanh": c["hoa_giai_khong_thanh"],
               "dang_giai_quyet": c["dang_giai_quyet"],
               "ty_le_thanh": success_rate(c["hoa_giai_thanh"], c["hoa_giai_khong_thanh"])}

    rec = _dates(roster, "ngay_cong_nhan")
    stop = _dates(roster, "ngay_thoi")
    s, e = _ts(start), _ts(end)
    extra: dict[str, Any] = {
        "nam": m["nam"], "chua_qua_dao_tao_luat": m["chua_qua_dao_tao_luat"],
        "ky_truoc_chuyen_sang": c["ky_truoc_chuyen_sang"],
        "ngoai_pham_vi": int(cf["ngoai_pham_vi"].sum()),
        "cham_dut_theo_yeu_cau": int(cf["cham_dut_theo_yeu_cau"].sum()),
        "cong_nhan_trong_ky": int(((rec >= s) & (rec <= e)).fillna(False).sum()),
        "thoi_trong_ky": int(((stop >= s) & (stop <= e) & rec.notna()).fillna(False).sum()),
        "to_dat_dieu_12": n_ok, "to_co_chuyen_mon_luat": n_law,
        "ty_le_to_dat_dieu_12": (n_ok / n_teams) if n_teams else None,
        "ty_le_to_co_chuyen_mon_luat": (n_law / n_teams) if n_teams else None,
    }
    paid: list[int] = []
    if rates is not None:
        stop_c = _dates(cases, "ngay_ket_thuc")
        kq = _col(cases, "ket_qua")
        pm = (kq.isin(list(rates.paid_outcomes)) & (stop_c >= s) & (stop_c <= e)).fillna(False).astype(bool)
        amounts = rates.amounts(stop_c[pm], kq[pm])
        extra["thu_lao_so_vu_viec"] = int(pm.sum())
        extra["thu_lao_tong_tien"] = int(amounts.fillna(0).sum())
        extra["thu_lao_thieu_muc"] = int(amounts.isna().sum())
        groups = pd.DataFrame({"kq": kq[pm], "muc": amounts}).dropna().groupby(["kq", "muc"], sort=True).size()
        extra["thu_lao_theo_muc"] = [{"ket_qua": str(k), "muc": int(m), "so_vu": int(n)}
                                     for (k, m), n in groups.items()]
        paid = [int(i) for i in cases.index[pm]]

    # per thôn
    org = _grouped(mf, profile_thon(_col(roster, "thon"), profile), ROSTER_KEYS, thon_order)
    cas = _grouped(cf, profile_thon(_col(cases, "thon"), profile), CASE_KEYS, thon_order)
    team_by = {r["nhom"]: r for r in tm.to_dict("records")}
    names = list(dict.fromkeys([*org, *cas]))
    theo_thon = []
    for g in names:
        o = org.get(g, {k: 0 for k in ROSTER_KEYS})
        t = team_by.get(g)
        row = {"ten": g or "(không ghi thôn)", **o,
               "to_hoa_giai": 1 if t is not None else 0,
               "dat_dieu_12": 1 if (t is not None and t["dat"]) else 0,
               **_case_row(cas.get(g, {k: 0 for k in CASE_KEYS}))}
        theo_thon.append(row)
    total = {"ten": TONG, **m, "to_hoa_giai": n_teams, "dat_dieu_12": n_ok, **_case_row(c)}
    theo_thon.append(total)

    lv = _grouped(cf, _col(cases, "linh_vuc"), CASE_KEYS, linh_vuc_order)
    theo_linh_vuc = [{"ten": g or "(không ghi lĩnh vực)", **_case_row(v)} for g, v in lv.items()]
    theo_linh_vuc.append({"ten": TONG, **_case_row(c)})

    st = Stats(start=start, end=end, figures=figures, extra=extra, theo_thon=theo_thon,
               theo_linh_vuc=theo_linh_vuc,
               to=[{"nhom": r["nhom"], "so_hgv": int(r["so_hgv"]), "dat": bool(r["dat"]),
                    "khong_dat": list(r["khong_dat"]), "dem": dict(r["dem"]),
                    "co_chuyen_mon_luat": bool(r["co_chuyen_mon_luat"])}
                   for r in tm.to_dict("records")],
               roster_rows=[int(i) for i in roster.index[mf["hoa_giai_vien"]]],
               case_rows=[int(i) for i in cases.index[cf["ky_truoc_chuyen_sang"] | cf["vu_viec_tiep_nhan"]]],
               paid_rows=paid)
    check_identities(st)
    return st


def identity_problems(st: Stats) -> list[str]:
    """Broken identities (TT 03/2019 biểu 10 and the case totals), as English diagnostics."""
    f, x = st.figures, st.extra
    out = []

    def need(ok: bool, text: str) -> None:
        if not ok:
            out.append(text)

    total = f["hoa_giai_vien"]
    need(x["nam"] + f["nu"] == total, f"nam {x['nam']} + nu {f['nu']} != hoa_giai_vien {total}")
    need(f["chuyen_mon_luat"] + x["chua_qua_dao_tao_luat"] == total, "luat + chua_qua_dao_tao_luat != hoa_giai_vien")
    need(0 <= f["dan_toc_thieu_so"] <= total, "dan_toc_thieu_so > hoa_giai_vien")
    need(0 <= f["duoc_boi_duong"] <= total, "duoc_boi_duong > hoa_giai_vien")
    need(f["to_hoa_giai"] <= total, "more teams than mediators")
    need(f["hoa_giai_thanh"] + f["hoa_giai_khong_thanh"] + f["dang_giai_quyet"]
         == f["vu_viec_tiep_nhan"] + x["ky_truoc_chuyen_sang"],
         "thanh + khong_thanh + dang != tiep_nhan + ky_truoc_chuyen_sang")
    rate = f["ty_le_thanh"]
    done = f["hoa_giai_thanh"] + f["hoa_giai_khong_thanh"]
    need((rate is None) == (done == 0) and (rate is None or 0 <= rate <= 1), "ty_le_thanh out of range")
    need(list(f) == list(FIGURE_KEYS), "figure keys differ from docs/contract.md §4")
    for name, rows, keys in (("theo_thon", st.theo_thon, ROSTER_KEYS + CASE_KEYS + ("to_hoa_giai",)),
                             ("theo_linh_vuc", st.theo_linh_vuc, CASE_KEYS)):
        body, tot = rows[:-1], rows[-1]
        for k in keys:
            need(sum(r[k] for r in body) == tot[k], f"{name}: column {k} does not add up to its total")
    return out


def check_identities(st: Stats) -> None:
    problems = identity_problems(st)
    if problems:
        raise IdentityFailure("Lỗi nội bộ: số liệu thống kê không khớp các đẳng thức kiểm tra ("
                              + "; ".join(problems) + "). Hãy báo cho người hỗ trợ.")
