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
from collections import Counter
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
# Plain numpy arrays, one per column: a commune has a few hundred rows, and on those each pandas
# operation cost more than its counting (`compute` took 30 ms a report on pandas Series, 6 ms
# on arrays; BENCHMARKS.md, issue 16).

def _ts(d: dt.date) -> np.datetime64:
    return np.datetime64(d, "ns")


def _col(frame: pd.DataFrame, name: str, default: Any = None) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series(default, index=frame.index, dtype=object)


def _dates(frame: pd.DataFrame, name: str) -> np.ndarray:
    """datetime64[ns] per row, NaT where empty or not a date (comparisons with NaT are False)."""
    col = _col(frame, name)
    if col.dtype.kind != "M":
        col = pd.to_datetime(col, errors="coerce")
    return col.to_numpy(dtype="datetime64[ns]")


def _flag(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A yes/no column as booleans, empty = False."""
    col = _col(frame, name)
    if not isinstance(col.dtype, pd.BooleanDtype):
        col = col.astype("boolean")
    return col.to_numpy(dtype=bool, na_value=False)


def _text(frame: pd.DataFrame, name: str) -> np.ndarray:
    """The column's values (object), None where empty."""
    col = _col(frame, name)
    values = col.to_numpy(dtype=object, copy=True)
    values[col.isna().to_numpy()] = None
    return values


def _folded(frame: pd.DataFrame, name: str) -> np.ndarray:
    return fold_series(_col(frame, name)).to_numpy(dtype=object)


def _one_of(values: np.ndarray, choices: Iterable[str]) -> np.ndarray:
    out = np.zeros(len(values), dtype=bool)
    for c in choices:
        out |= values == c
    return out


def _between(days: np.ndarray, s: np.datetime64, e: np.datetime64) -> np.ndarray:
    return (days >= s) & (days <= e)


def _thon(values: pd.Series, profile: Profile) -> np.ndarray:
    """Each thôn as the profile spells it (matched with the one fold, as the team rules match
    it); an unknown thôn as written, an empty one None."""
    spelling = {fold(n): n for n in profile.thon_names}
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    named = [spelling.get(key, str(u).strip()) if (key := fold(u)) else None for u in uniques]
    return np.take(np.array([*named, None], dtype=object), codes)


# ----------------------------------------------------------------------------- roster

def _active(roster: pd.DataFrame, on: dt.date) -> np.ndarray:
    return in_office(_dates(roster, "ngay_cong_nhan"), _dates(roster, "ngay_thoi"), _ts(on))


def active_mask(roster: pd.DataFrame, on: dt.date) -> pd.Series:
    """Mediators in office on `on` (hoagiai.definitions.in_office): recognised on or before it,
    not stopped on or before it."""
    return pd.Series(_active(roster, on), index=roster.index, dtype=bool)


def _mediator_arrays(roster: pd.DataFrame, on: dt.date) -> dict[str, np.ndarray]:
    active = _active(roster, on)
    luat = _flag(roster, "chuyen_mon_luat")
    gioi = _folded(roster, "gioi_tinh")
    dan_toc = _folded(roster, "dan_toc")
    dtts = np.array([d is not None and d != fold(KINH) for d in dan_toc], dtype=bool)
    year = pd.to_numeric(_col(roster, "nam_boi_duong"), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return {
        "hoa_giai_vien": active,
        "nam": active & (gioi == fold("Nam")),
        "nu": active & (gioi == fold("Nữ")),
        "chuyen_mon_luat": active & luat,
        "chua_qua_dao_tao_luat": active & ~luat,
        "dan_toc_thieu_so": active & dtts,
        "duoc_boi_duong": active & (year == on.year),
    }


def mediator_flags(roster: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """One boolean column per biểu 10 count, for each roster row (only active rows are True)."""
    return pd.DataFrame(_mediator_arrays(roster, on), index=roster.index)


def teams(roster: pd.DataFrame, on: dt.date, profile: Profile, rules: list[Rule]) -> list[dict[str, Any]]:
    """One row per team with at least one mediator in office on `on`: its name (`nhom`), size
    (`so_hgv`), whether it has a mediator with legal training, the codes of the composition
    rules it fails (`khong_dat`, judged by the validation's interpreter,
    hoagiai.validate.teams) with their counts (`dem`), `dat` (meets all)."""
    table = Table(dataset=HOA_GIAI_VIEN, file="", sheet=None, frame=roster)
    luat = _flag(roster, "chuyen_mon_luat")
    return [{"nhom": t.nhom, "so_hgv": len(t.members), "dat": not t.khong_dat,
             "khong_dat": list(t.khong_dat), "dem": dict(t.dem),
             "co_chuyen_mon_luat": bool(luat[t.members].any())}
            for t in teams_on(table, profile, rules, on, _active(roster, on))]


# ----------------------------------------------------------------------------- cases

def _case_arrays(cases: pd.DataFrame, start: dt.date, end: dt.date) -> dict[str, np.ndarray]:
    recv = _dates(cases, "ngay_tiep_nhan")
    stop = _dates(cases, "ngay_ket_thuc")
    kq = _text(cases, "ket_qua")
    s, e = _ts(start), _ts(end)
    outside = kq == NGOAI_PHAM_VI
    ended = _one_of(kq, [THANH, *ENDED_WITHOUT_AGREEMENT])
    ended_before = ended & (stop < s)
    ended_in = ended & _between(stop, s, e)
    received_in = _between(recv, s, e)
    tiep_nhan = received_in & ~outside
    chuyen_sang = (recv < s) & ~ended_before & ~outside
    pool = tiep_nhan | chuyen_sang
    return {
        "ky_truoc_chuyen_sang": chuyen_sang,
        "vu_viec_tiep_nhan": tiep_nhan,
        "hoa_giai_thanh": pool & ended_in & (kq == THANH),
        "hoa_giai_khong_thanh": pool & ended_in & _one_of(kq, ENDED_WITHOUT_AGREEMENT),
        "dang_giai_quyet": pool & ~ended_in,
        "ngoai_pham_vi": received_in & outside,
        "cham_dut_theo_yeu_cau": pool & ended_in & (kq == CHAM_DUT),
    }


def case_flags(cases: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Boolean columns per case row for the period [start, end] (see the module docstring)."""
    return pd.DataFrame(_case_arrays(cases, start, end), index=cases.index)


CASE_KEYS = ("ky_truoc_chuyen_sang", "vu_viec_tiep_nhan", "hoa_giai_thanh", "hoa_giai_khong_thanh",
             "dang_giai_quyet")
ROSTER_KEYS = ("hoa_giai_vien", "nam", "nu", "chuyen_mon_luat", "chua_qua_dao_tao_luat",
               "dan_toc_thieu_so", "duoc_boi_duong")


def _sums(flags: dict[str, np.ndarray], keys: Iterable[str]) -> dict[str, int]:
    return {k: int(np.count_nonzero(flags[k])) for k in keys}


def _case_row(counts: dict[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = dict(counts)
    row["ty_le_thanh"] = success_rate(counts["hoa_giai_thanh"], counts["hoa_giai_khong_thanh"])
    return row


def _grouped(flags: dict[str, np.ndarray], key: np.ndarray, keys: Iterable[str],
             order: list[str]) -> dict[str, dict[str, int]]:
    """Per group of `key` (groups of `order` first, then the others as they first appear, the
    empty one last): the sum of each flag in `keys`."""
    keys = list(keys)
    where: dict[str, int] = {}
    codes = np.fromiter((where.setdefault("" if v is None or pd.isna(v) else str(v), len(where))
                         for v in key), dtype=np.intp, count=len(key))
    sums = {k: np.bincount(codes, weights=flags[k], minlength=len(where)) for k in keys}
    names = list(order) + [g for g in where if g not in order and g != ""]
    if "" in where:
        names.append("")
    return {g: {k: int(sums[k][where[g]]) if g in where else 0 for k in keys} for g in names}


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
    mf = _mediator_arrays(roster, end)
    cf = _case_arrays(cases, start, end)
    tm = teams(roster, end, profile, team_rules)
    thon_order = profile.thon_names
    m = _sums(mf, ROSTER_KEYS)
    c = _sums(cf, CASE_KEYS)
    n_teams = len(tm)
    n_ok = sum(1 for t in tm if t["dat"])
    n_law = sum(1 for t in tm if t["co_chuyen_mon_luat"])

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
        "ngoai_pham_vi": int(np.count_nonzero(cf["ngoai_pham_vi"])),
        "cham_dut_theo_yeu_cau": int(np.count_nonzero(cf["cham_dut_theo_yeu_cau"])),
        "cong_nhan_trong_ky": int(np.count_nonzero(_between(rec, s, e))),
        "thoi_trong_ky": int(np.count_nonzero(_between(stop, s, e) & ~np.isnat(rec))),
        "to_dat_dieu_12": n_ok, "to_co_chuyen_mon_luat": n_law,
        "ty_le_to_dat_dieu_12": (n_ok / n_teams) if n_teams else None,
        "ty_le_to_co_chuyen_mon_luat": (n_law / n_teams) if n_teams else None,
    }
    paid: list[int] = []
    if rates is not None:
        stop_c = _dates(cases, "ngay_ket_thuc")
        kq = _text(cases, "ket_qua")
        pm = _one_of(kq, rates.paid_outcomes) & _between(stop_c, s, e)
        rows = np.flatnonzero(pm)
        # the loader keeps dates (no time of day): a day is what a rate is in force on
        amounts = [rates.amount(stop_c[i].astype("datetime64[D]").item(), kq[i]) for i in rows]
        extra["thu_lao_so_vu_viec"] = len(rows)
        extra["thu_lao_tong_tien"] = sum(a for a in amounts if a is not None)
        extra["thu_lao_thieu_muc"] = sum(1 for a in amounts if a is None)
        by_rate = Counter((str(kq[i]), a) for i, a in zip(rows, amounts) if a is not None)
        extra["thu_lao_theo_muc"] = [{"ket_qua": k, "muc": int(a), "so_vu": n}
                                     for (k, a), n in sorted(by_rate.items())]
        paid = [int(i) for i in cases.index.to_numpy()[pm]]

    # per thôn
    org = _grouped(mf, _thon(_col(roster, "thon"), profile), ROSTER_KEYS, thon_order)
    cas = _grouped(cf, _thon(_col(cases, "thon"), profile), CASE_KEYS, thon_order)
    team_by = {t["nhom"]: t for t in tm}
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

    lv = _grouped(cf, _text(cases, "linh_vuc"), CASE_KEYS, linh_vuc_order)
    theo_linh_vuc = [{"ten": g or "(không ghi lĩnh vực)", **_case_row(v)} for g, v in lv.items()]
    theo_linh_vuc.append({"ten": TONG, **_case_row(c)})

    st = Stats(start=start, end=end, figures=figures, extra=extra, theo_thon=theo_thon,
               theo_linh_vuc=theo_linh_vuc,
               to=[{"nhom": t["nhom"], "so_hgv": t["so_hgv"], "dat": t["dat"], "khong_dat": t["khong_dat"],
                    "dem": t["dem"], "co_chuyen_mon_luat": t["co_chuyen_mon_luat"]} for t in tm],
               roster_rows=[int(i) for i in roster.index.to_numpy()[mf["hoa_giai_vien"]]],
               case_rows=[int(i) for i in cases.index.to_numpy()[cf["ky_truoc_chuyen_sang"] | cf["vu_viec_tiep_nhan"]]],
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
