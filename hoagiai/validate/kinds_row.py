"""Row kinds: checks that look at one row of one table at a time (vectorised over columns)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..findings import Finding
from .base import CONDITIONS, WINDOW, Context, Kind, Rule, col, col_list
from .text import fold, fold_series


def _table(ctx: Context, rule: Rule):
    t = ctx.table(rule.dataset)
    return t if t is not None and len(t.frame) else None


def date_order(ctx: Context, rule: Rule) -> list[Finding]:
    """Dates in the listed columns never go backwards; empty dates are skipped and each
    date is compared with the last non-empty one before it. Reported on the later column."""
    t = _table(ctx, rule)
    if t is None:
        return []
    cols = rule.params["cot"]
    force = ctx.rows_in_force(rule, t)
    prev = ctx.dates(t, cols[0]).to_numpy()
    prev_idx = np.zeros(len(prev), dtype=np.int64)
    out: list[Finding] = []
    for i in range(1, len(cols)):
        cur = ctx.dates(t, cols[i]).to_numpy()
        bad = force & ~np.isnat(cur) & ~np.isnat(prev) & (cur < prev)
        pos = np.flatnonzero(bad)
        out += ctx.findings(rule, t, pos, cols[i], values=cur[pos], fields={
            "cot_truoc": [t.header(cols[j]) for j in prev_idx[pos]], "ngay_truoc": prev[pos],
            "cot_sau": t.header(cols[i]), "ngay_sau": cur[pos]})
        take = ~np.isnat(cur)
        prev = np.where(take, cur, prev)
        prev_idx = np.where(take, i, prev_idx)
    return out


def within_days(ctx: Context, rule: Rule) -> list[Finding]:
    """`den` is at most `so_ngay` days after `tu`; reported on `den`."""
    t = _table(ctx, rule)
    if t is None:
        return []
    p = rule.params
    tu, den = ctx.dates(t, p["tu"]), ctx.dates(t, p["den"])
    days = (den - tu).dt.days
    bad = ctx.rows_in_force(rule, t) & (days > p["so_ngay"]).fillna(False).to_numpy(dtype=bool)
    pos = np.flatnonzero(bad)
    return ctx.findings(rule, t, pos, p["den"], values=den.to_numpy()[pos], fields={
        "cot_tu": t.header(p["tu"]), "ngay_tu": tu.to_numpy()[pos],
        "cot_den": t.header(p["den"]), "ngay_den": den.to_numpy()[pos],
        "so_ngay": p["so_ngay"], "so_ngay_thuc_te": days.to_numpy()[pos]})


def share_above(ctx: Context, rule: Rule) -> list[Finding]:
    """`phan` ÷ `tong` is strictly above `ty_le` when both are filled (e.g. votes for a tổ
    trưởng over the team's mediators); reported on `phan`."""
    t = _table(ctx, rule)
    if t is None:
        return []
    p = rule.params
    part, whole = ctx.numbers(t, p["phan"]), ctx.numbers(t, p["tong"])
    known = (part.notna() & whole.notna() & (whole > 0)).to_numpy(dtype=bool)
    ok = (part > whole * float(p["ty_le"])).fillna(False).to_numpy(dtype=bool)
    pos = np.flatnonzero(ctx.rows_in_force(rule, t) & known & ~ok)
    return ctx.findings(rule, t, pos, p["phan"], values=part.to_numpy()[pos], fields={
        "cot_tong": t.header(p["tong"]), "tong": whole.to_numpy()[pos],
        "phan": part.to_numpy()[pos], "ty_le": f"{float(p['ty_le']) * 100:g}%".replace(".", ",")})


def empty_when(ctx: Context, rule: Rule) -> list[Finding]:
    """`cot` must be empty on rows matching `khi`."""
    t = _table(ctx, rule)
    if t is None:
        return []
    p = rule.params
    s = ctx.column(t, p["cot"])
    bad = ctx.rows_in_force(rule, t) & ctx.notna(t, p["cot"]) & ctx.condition(t, p["khi"])
    pos = np.flatnonzero(bad)
    first = p["khi"][0]["cot"]
    return ctx.findings(rule, t, pos, p["cot"], values=s.to_numpy()[pos], fields={
        "cot_khi": t.header(first), "gia_tri_khi": ctx.column(t, first).to_numpy()[pos]})


def not_empty(ctx: Context, rule: Rule) -> list[Finding]:
    """`cot` (or one of the columns in `hoac`) is filled, on rows matching `khi` if given."""
    t = _table(ctx, rule)
    if t is None:
        return []
    p = rule.params
    filled = ctx.notna(t, p["cot"]).copy()
    for other in p.get("hoac", []):
        filled |= ctx.notna(t, other)
    bad = ctx.rows_in_force(rule, t) & ~filled & ctx.condition(t, p.get("khi"))
    pos = np.flatnonzero(bad)
    return ctx.findings(rule, t, pos, p["cot"], values=None)


def not_in_future(ctx: Context, rule: Rule) -> list[Finding]:
    """No date after the reference day (a year column: no year after its year)."""
    t = _table(ctx, rule)
    if t is None:
        return []
    force = ctx.rows_in_force(rule, t)
    out: list[Finding] = []
    for key in rule.params["cot"]:
        s = ctx.column(t, key)
        if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
            years = ctx.numbers(t, key)
            bad = (years > ctx.today.year).fillna(False).to_numpy(dtype=bool)
            values = years.to_numpy(dtype=object)
        else:
            d = ctx.dates(t, key)
            bad = (d > ctx.ref).to_numpy(dtype=bool)
            values = d.to_numpy()
        pos = np.flatnonzero(force & bad)
        out += ctx.findings(rule, t, pos, key, values=values[pos], fields={"hom_nay": ctx.ref})
    return out


def min_age(ctx: Context, rule: Rule) -> list[Finding]:
    """Age on `ngay_tinh` (default: the reference day) is at least `tuoi`. A year alone
    counts only when the person is surely too young (even born on 1 January)."""
    t = _table(ctx, rule)
    if t is None:
        return []
    p = rule.params
    born = ctx.dates(t, p["ngay_sinh"])
    year = ctx.numbers(t, p["nam_sinh"]).to_numpy(dtype=float, na_value=np.nan)
    on = ctx.dates(t, p["ngay_tinh"]).fillna(ctx.ref) if p.get("ngay_tinh") else \
        pd.Series(ctx.ref, index=t.frame.index)
    before_birthday = (on.dt.month * 100 + on.dt.day) < (born.dt.month * 100 + born.dt.day)
    full_age = (on.dt.year - born.dt.year - before_birthday).to_numpy(dtype=float, na_value=np.nan)
    year_age = on.dt.year.to_numpy() - year
    has_born = born.notna().to_numpy()
    age = np.where(has_born, full_age, year_age)
    bad = ctx.rows_in_force(rule, t) & ~np.isnan(age) & (age < p["tuoi"])
    pos = np.flatnonzero(bad)
    born_at = born.to_numpy()[pos]
    shown = [b if h else y for b, h, y in zip(born_at, has_born[pos], year[pos])]
    return ctx.findings(rule, t, pos, p["ngay_sinh"], values=shown, fields={
        "tuoi": age[pos], "toi_thieu": p["tuoi"], "ngay_tinh": on.to_numpy()[pos]})


def unique(ctx: Context, rule: Rule) -> list[Finding]:
    """The key columns together are unique; every repeat after the first is reported."""
    t = _table(ctx, rule)
    if t is None:
        return []
    cols = rule.params["cot"]
    keys = {}
    for c in cols:
        s = ctx.column(t, c)
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            # codes differing only in case, spacing or tone placement are the same code
            codes, uniques = ctx.factorized(t, c)
            keys[c] = np.array([fold(u) if isinstance(u, str) else None for u in uniques] + [None],
                               dtype=object)[codes]
        else:
            keys[c] = s.to_numpy()
    kf = pd.DataFrame(keys)
    kf["_pos"] = np.arange(len(kf))
    usable = kf[cols].notna().all(axis=1).to_numpy() & ctx.rows_in_force(rule, t)
    kf = kf[usable]
    dup_any = kf.duplicated(subset=cols, keep=False)
    if not dup_any.any():
        return []
    sub = kf[dup_any.to_numpy()]
    first_pos = sub.groupby(cols, sort=False, dropna=False)["_pos"].transform("first").to_numpy()
    repeat = sub.duplicated(subset=cols, keep="first").to_numpy()
    pos = sub["_pos"].to_numpy()[repeat]
    rows = ctx.rows(t)
    first_rows = rows[first_pos[repeat]]
    shown = ctx.column(t, cols[0]).to_numpy(dtype=object)
    return ctx.findings(rule, t, pos, cols[0], values=shown[pos], fields={"dong_dau": first_rows})


def cccd_consistency(ctx: Context, rule: Rule) -> list[Finding]:
    """A 12-digit CCCD agrees with sex and birth century (4th digit) and birth year (5th–6th).
    The format itself is the loader's job; other lengths are skipped here."""
    t = _table(ctx, rule)
    if t is None:
        return []
    p = rule.params
    s = ctx.column(t, p["cccd"])
    arr = np.asarray(s.to_numpy(dtype=object, na_value=""), dtype="U13")
    u = arr.view(np.uint32).reshape(-1, 13)
    # exactly 12 characters, and the 4th to 6th are digits (the rest is the loader's pattern)
    twelve = (u[:, 12] == 0) & (u[:, 11] != 0)
    d4 = u[:, 3].astype(np.int32) - 48
    d5 = u[:, 4].astype(np.int32) - 48
    d6 = u[:, 5].astype(np.int32) - 48
    twelve &= (d4 >= 0) & (d4 <= 9) & (d5 >= 0) & (d5 <= 9) & (d6 >= 0) & (d6 <= 9)
    yy = d5 * 10 + d6
    year = ctx.numbers(t, p["nam_sinh"]).to_numpy(dtype=float, na_value=np.nan)
    has_year = ~np.isnan(year)
    y = np.where(has_year, year, 0).astype(np.int32)
    sex = ctx.column(t, p["gioi_tinh"])
    expected = np.full(len(arr), -1, dtype=np.int32)
    for band in p["ma_the_ky"]:
        in_band = has_year & (y >= band["tu_nam"]) & (y <= band["den_nam"])
        if not in_band.any():
            continue
        for sex_value, digit in band.items():
            if sex_value in ("tu_nam", "den_nam"):
                continue
            expected[in_band & ctx.condition(t, [{"cot": p["gioi_tinh"], "la": [sex_value]}])] = digit
    bad_sex = (expected >= 0) & (d4 != expected)
    bad_year = has_year & (yy != y % 100)
    bad = ctx.rows_in_force(rule, t) & twelve & (bad_sex | bad_year)
    pos = np.flatnonzero(bad)
    return ctx.findings(rule, t, pos, p["cccd"], values=s.to_numpy(dtype=object)[pos], fields={
        "gioi_tinh": sex.to_numpy(dtype=object)[pos], "nam_sinh": year[pos],
        "ma_mong_doi": [str(e) if e >= 0 else "?" for e in expected[pos]],
        "nam_mong_doi": [f"{v % 100:02d}" for v in y[pos]]})


def same_person_in_two_groups(ctx: Context, rule: Rule) -> list[Finding]:
    """One person (same key values, e.g. name + birth year) active in two groups (teams).
    Reported on the person's rows outside the first group met in the file, column `nhom_theo`."""
    t = _table(ctx, rule)
    if t is None:
        return []
    p = rule.params
    keys = p["khoa"]
    mask = ctx.rows_in_force(rule, t)
    if p.get("hoat_dong"):
        mask &= ctx.active(t, p["hoat_dong"], ctx.ref)
    for k in keys:
        mask &= ctx.notna(t, k)
    # candidates: same key values (by hash; confirmed on the text below)
    h = np.zeros(len(t.frame), dtype=np.uint64)
    for n, k in enumerate(keys):
        h ^= ctx.hashed(t, k) * np.uint64(2 * n + 1)
    pos = np.flatnonzero(mask)
    pos = pos[pd.Series(h[pos]).duplicated(keep=False).to_numpy()]
    kf = pd.DataFrame({k: ctx.column(t, k).to_numpy(dtype=object)[pos] for k in keys})
    kf["_pos"] = pos
    kf = kf.set_index(pd.RangeIndex(len(kf)))
    if kf.empty:
        return []
    for k in keys:  # compare folded text on the few candidates
        if kf[k].map(lambda v: isinstance(v, str)).any():
            kf[k] = fold_series(kf[k])
    kf["_grp"] = fold_series(ctx.column(t, p["nhom_theo"]).iloc[kf["_pos"].to_numpy()]).to_numpy()
    kf = kf[kf["_grp"].notna().to_numpy()]
    first_grp = kf.groupby(keys, sort=False)["_grp"].transform("first")
    first_pos = kf.groupby(keys, sort=False)["_pos"].transform("first")
    other = kf[(kf["_grp"] != first_grp).to_numpy()]
    pos = other["_pos"].to_numpy()
    group_col = ctx.column(t, p["nhom_theo"]).to_numpy(dtype=object)
    fields = {k: ctx.column(t, k).to_numpy(dtype=object)[pos] for k in keys}
    fields["nhom"] = group_col[pos]
    fields["nhom_khac"] = group_col[first_pos[other.index].to_numpy()]
    fields["dong_khac"] = ctx.rows(t)[first_pos[other.index].to_numpy()]
    return ctx.findings(rule, t, pos, p["nhom_theo"], values=group_col[pos], fields=fields)


KINDS = [
    Kind("date_order", {"type": "map", "required": ["cot"], "keys": {"cot": col_list(2)}},
         frozenset({"cot", "gia_tri", "cot_truoc", "ngay_truoc", "cot_sau", "ngay_sau"}), date_order),
    Kind("within_days", {"type": "map", "required": ["tu", "den", "so_ngay"], "keys": {
        "tu": col(), "den": col(), "so_ngay": {"type": "int"}}},
        frozenset({"cot", "gia_tri", "cot_tu", "ngay_tu", "cot_den", "ngay_den", "so_ngay",
                   "so_ngay_thuc_te"}), within_days),
    Kind("share_above", {"type": "map", "required": ["phan", "tong", "ty_le"], "keys": {
        "phan": col(), "tong": col(), "ty_le": {"type": "number"}}},
        frozenset({"cot", "gia_tri", "cot_tong", "tong", "phan", "ty_le"}), share_above),
    Kind("empty_when", {"type": "map", "required": ["cot", "khi"], "keys": {"cot": col(), "khi": CONDITIONS}},
         frozenset({"cot", "gia_tri", "cot_khi", "gia_tri_khi"}), empty_when),
    Kind("not_empty", {"type": "map", "required": ["cot"], "keys": {
        "cot": col(), "hoac": col_list(), "khi": CONDITIONS}},
        frozenset({"cot", "gia_tri"}), not_empty, fires_on_empty=True),
    Kind("not_in_future", {"type": "map", "required": ["cot"], "keys": {"cot": col_list()}},
         frozenset({"cot", "gia_tri", "hom_nay"}), not_in_future),
    Kind("min_age", {"type": "map", "required": ["ngay_sinh", "nam_sinh", "tuoi"], "keys": {
        "ngay_sinh": col(), "nam_sinh": col(), "tuoi": {"type": "int"}, "ngay_tinh": col()}},
        frozenset({"cot", "gia_tri", "tuoi", "toi_thieu", "ngay_tinh"}), min_age),
    Kind("unique", {"type": "map", "required": ["cot"], "keys": {"cot": col_list()}},
         frozenset({"cot", "gia_tri", "dong_dau"}), unique),
    Kind("cccd_consistency", {"type": "map", "required": ["cccd", "gioi_tinh", "nam_sinh", "ma_the_ky"], "keys": {
        "cccd": col(), "gioi_tinh": col(), "nam_sinh": col(),
        "ma_the_ky": {"type": "list", "min": 1, "items": {
            "type": "map", "required": ["tu_nam", "den_nam"],
            "keys": {"tu_nam": {"type": "int"}, "den_nam": {"type": "int"}},
            "values": {"type": "int"}}}}},
        frozenset({"cot", "gia_tri", "gioi_tinh", "nam_sinh", "ma_mong_doi", "nam_mong_doi"}),
        cccd_consistency),
    Kind("same_person_in_two_groups", {"type": "map", "required": ["khoa", "nhom_theo"], "keys": {
        "khoa": col_list(), "nhom_theo": col(), "hoat_dong": WINDOW}},
        frozenset({"cot", "gia_tri", "nhom", "nhom_khac", "dong_khac"}), same_person_in_two_groups,
        extra_placeholders=lambda params: params.get("khoa", [])),
]
