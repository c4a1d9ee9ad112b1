"""Cross-file kinds: a value of one table checked against the profile or another table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..findings import Finding
from .base import WINDOW, Context, Kind, Rule, col
from .text import fold


def in_profile_list(ctx: Context, rule: Rule) -> list[Finding]:
    """The thôn named in `cot` is one of the profile's thôn (tolerant comparison)."""
    t = ctx.table(rule.dataset)
    if t is None or not len(t.frame):
        return []
    key = rule.params["cot"]
    s = ctx.column(t, key)
    bad = ctx.rows_in_force(rule, t) & s.notna().to_numpy() & (ctx.thon_codes(t, key) < 0)
    pos = np.flatnonzero(bad)
    return ctx.findings(rule, t, pos, key, values=s.to_numpy(dtype=object)[pos],
                        fields={"danh_sach": ", ".join(ctx.profile.thon_names)})


def _roster_matches(ctx: Context, rule: Rule, t):
    """Each (case, named mediator) pair matched against the roster of the case's thôn.

    Returns a DataFrame: pos (case position), ten (name as written), thon (profile index),
    found (a roster row of that thôn has the name), active (one of them is active on the
    case's date), rep (position of a roster row with the name, -1 if none)."""
    p = rule.params
    ck = ("roster", id(t), p["cot"], p["nhom_theo"], p["danh_sach"], p["ten"],
          p["nhom_danh_sach"], p.get("ngay"), tuple(sorted((p.get("hoat_dong") or {}).items())))
    if ck in ctx._cache:
        return ctx._cache[ck]
    roster = ctx.table(p["danh_sach"])
    if roster is None:
        ctx._cache[ck] = None
        return None
    names = ctx.column(t, p["cot"]).to_numpy(dtype=object)
    lengths = np.fromiter((len(v) if isinstance(v, (list, tuple)) else 0 for v in names),
                          dtype=np.int64, count=len(names))
    pos = np.repeat(np.arange(len(names)), lengths)
    flat = [x for v in names if isinstance(v, (list, tuple)) for x in v]
    ex = pd.DataFrame({"pos": pos, "ten": pd.Series(flat, dtype=object)})
    ex["thon"] = ctx.thon_codes(t, p["nhom_theo"])[pos]
    ex = ex[ex["ten"].notna().to_numpy() & (ex["thon"] >= 0).to_numpy()].reset_index(drop=True)

    r_names = ctx.column(roster, p["ten"]).astype(object)
    r_thon = ctx.thon_codes(roster, p["nhom_danh_sach"])
    codes, _ = pd.factorize(pd.concat([r_names, ex["ten"]], ignore_index=True), use_na_sentinel=True)
    r_code, e_code = codes[:len(r_names)].astype(np.int64), codes[len(r_names):].astype(np.int64)
    width = int(codes.max()) + 2 if len(codes) else 1
    r_key = np.where((r_thon >= 0) & (r_code >= 0), r_thon * width + r_code, -1)
    e_key = ex["thon"].to_numpy() * width + e_code

    # names not found as written: retry with folded spelling (case, spaces, tone placement)
    missing = ~np.isin(e_key, r_key[r_key >= 0])
    if missing.any():
        thon_set = set(ex["thon"].to_numpy()[missing].tolist())
        idx = np.flatnonzero(np.isin(r_thon, list(thon_set)) & (r_key >= 0))
        folded = {}
        for i in idx:
            folded.setdefault((int(r_thon[i]), fold(r_names.iloc[i])), int(r_key[i]))
        for j in np.flatnonzero(missing):
            k = folded.get((int(ex["thon"].iat[j]), fold(ex["ten"].iat[j])))
            if k is not None:
                e_key[j] = k

    pairs = pd.DataFrame({"key": e_key, "i": np.arange(len(ex))}).merge(
        pd.DataFrame({"key": r_key[r_key >= 0], "r": np.flatnonzero(r_key >= 0)}), on="key")
    i, r = pairs["i"].to_numpy(), pairs["r"].to_numpy()
    found = np.bincount(i, minlength=len(ex)) > 0
    rep = np.full(len(ex), -1, dtype=np.int64)
    rep[i[::-1]] = r[::-1]  # first roster row met for each pair
    active = np.zeros(len(ex), dtype=bool)
    if p.get("hoat_dong") and p.get("ngay"):
        day = ctx.dates(t, p["ngay"]).to_numpy()[ex["pos"].to_numpy()][i]
        tu = ctx.dates(roster, p["hoat_dong"]["tu"]).to_numpy()[r]
        den = ctx.dates(roster, p["hoat_dong"]["den"]).to_numpy()[r]
        ok = ~np.isnat(tu) & (tu <= day) & (np.isnat(den) | (den > day))
        active = np.bincount(i[ok], minlength=len(ex)) > 0
        # prefer, as the row shown in the message, a namesake that is active
        rep_ok = np.full(len(ex), -1, dtype=np.int64)
        rep_ok[i[ok][::-1]] = r[ok][::-1]
        rep = np.where(rep_ok >= 0, rep_ok, rep)
    ex["found"], ex["active"], ex["rep"] = found, active, rep
    ctx._cache[ck] = ex
    return ex


def names_in_roster(ctx: Context, rule: Rule) -> list[Finding]:
    """Each name listed in `cot` is in the roster (`danh_sach`) of the row's thôn."""
    t = ctx.table(rule.dataset)
    if t is None or not len(t.frame):
        return []
    ex = _roster_matches(ctx, rule, t)
    if ex is None:
        return []
    bad = ~ex["found"].to_numpy() & ctx.rows_in_force(rule, t)[ex["pos"].to_numpy()]
    sub = ex[bad]
    names = ctx.profile.thon_names
    return ctx.findings(rule, t, sub["pos"].to_numpy(), rule.params["cot"], values=sub["ten"].to_numpy(),
                        fields={"ten": sub["ten"].to_numpy(), "nhom": [names[k] for k in sub["thon"]]})


def names_in_roster_active_on(ctx: Context, rule: Rule) -> list[Finding]:
    """Each name found in the roster of the row's thôn belongs to a mediator recognised and
    not yet stopped on the row's date `ngay` (rows without that date are skipped)."""
    t = ctx.table(rule.dataset)
    if t is None or not len(t.frame):
        return []
    ex = _roster_matches(ctx, rule, t)
    if ex is None:
        return []
    p = rule.params
    roster = ctx.table(p["danh_sach"])
    day = ctx.dates(t, p["ngay"]).to_numpy()
    pos_all = ex["pos"].to_numpy()
    bad = ex["found"].to_numpy() & ~ex["active"].to_numpy() & ~np.isnat(day[pos_all]) \
        & ctx.rows_in_force(rule, t)[pos_all]
    sub = ex[bad]
    rep = sub["rep"].to_numpy()
    names = ctx.profile.thon_names
    return ctx.findings(rule, t, sub["pos"].to_numpy(), p["cot"], values=sub["ten"].to_numpy(), fields={
        "ten": sub["ten"].to_numpy(), "nhom": [names[k] for k in sub["thon"]],
        "ngay": day[sub["pos"].to_numpy()],
        "ngay_cong_nhan": ctx.dates(roster, p["hoat_dong"]["tu"]).to_numpy()[rep],
        "ngay_thoi": ctx.dates(roster, p["hoat_dong"]["den"]).to_numpy()[rep]})


_ROSTER = {"cot": col(), "nhom_theo": col(), "danh_sach": {"type": "enum", "values": ["hoa_giai_vien"]},
           "ten": {"type": "str", "column": "@danh_sach"}, "nhom_danh_sach": {"type": "str", "column": "@danh_sach"}}

KINDS = [
    Kind("in_profile_list", {"type": "map", "required": ["cot"], "keys": {"cot": col()}},
         frozenset({"cot", "gia_tri", "danh_sach"}), in_profile_list),
    Kind("names_in_roster", {"type": "map", "required": list(_ROSTER), "keys": _ROSTER},
         frozenset({"cot", "gia_tri", "ten", "nhom"}), names_in_roster),
    Kind("names_in_roster_active_on", {
        "type": "map", "required": [*_ROSTER, "ngay", "hoat_dong"],
        "keys": {**_ROSTER, "ngay": col(),
                 "hoat_dong": {**WINDOW, "keys": {"tu": {"type": "str", "column": "@danh_sach"},
                                                  "den": {"type": "str", "column": "@danh_sach"}}}}},
        frozenset({"cot", "gia_tri", "ten", "nhom", "ngay", "ngay_cong_nhan", "ngay_thoi"}),
        names_in_roster_active_on),
]
