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
    bad = ctx.rows_in_force(rule, t) & ctx.notna(t, key) & (ctx.thon_codes(t, key) < 0)
    pos = np.flatnonzero(bad)
    return ctx.findings(rule, t, pos, key, values=s.to_numpy(dtype=object)[pos],
                        fields={"danh_sach": ", ".join(ctx.profile.thon_names)})


def _roster_matches(ctx: Context, rule: Rule, t):
    """Each (case, named mediator) pair matched against the roster of the case's thôn.

    Returns (ex, pairs): ex has one row per pair — pos (case position), ten (name as
    written), thon (profile index), found (a roster row of that thôn has the name);
    pairs lists every (i, r): pair i matches roster row r (namesakes give several)."""
    p = rule.params
    ck = ("roster", id(t), p["cot"], p["nhom_theo"], p["danh_sach"], p["ten"], p["nhom_danh_sach"])
    if ck in ctx._cache:
        return ctx._cache[ck]
    roster = ctx.table(p["danh_sach"])
    if roster is None:
        ctx._cache[ck] = None
        return None
    named = pd.Series(ctx.column(t, p["cot"]).to_numpy(dtype=object), dtype=object).explode()
    keep = named.notna().to_numpy()
    pos = named.index.to_numpy()[keep]
    ex = pd.DataFrame({"pos": pos, "ten": named.to_numpy()[keep]})
    ex["thon"] = ctx.thon_codes(t, p["nhom_theo"])[pos]
    ex = ex[(ex["thon"] >= 0).to_numpy()].reset_index(drop=True)

    r_names = ctx.column(roster, p["ten"]).to_numpy(dtype=object)
    r_thon = ctx.thon_codes(roster, p["nhom_danh_sach"])
    codes, _ = pd.factorize(np.concatenate([r_names, ex["ten"].to_numpy()]), use_na_sentinel=True)
    r_code, e_code = codes[:len(r_names)].astype(np.int64), codes[len(r_names):].astype(np.int64)
    width = int(codes.max()) + 2 if len(codes) else 1
    r_ok = (r_thon >= 0) & (r_code >= 0)
    roster_keys = pd.DataFrame({"key": (r_thon * width + r_code)[r_ok], "r": np.flatnonzero(r_ok)})
    e_key = ex["thon"].to_numpy() * width + e_code

    def match(keys):
        m = pd.DataFrame({"key": keys, "i": np.arange(len(keys))}).merge(roster_keys, on="key")
        return m["i"].to_numpy(), m["r"].to_numpy()

    i, r = match(e_key)
    found = np.bincount(i, minlength=len(ex)) > 0
    if not found.all():
        # names not found as written: retry with folded spelling (case, spaces, tone placement)
        missing = np.flatnonzero(~found)
        thon_set = np.unique(ex["thon"].to_numpy()[missing])
        cand = np.flatnonzero(r_ok & np.isin(r_thon, thon_set))
        folded: dict[tuple[int, str | None], int] = {}
        for k in cand:
            folded.setdefault((int(r_thon[k]), fold(r_names[k])), int(r_thon[k] * width + r_code[k]))
        thon_of, name_of = ex["thon"].to_numpy(), ex["ten"].to_numpy()
        retry = e_key.copy()
        for j in missing:
            retry[j] = folded.get((int(thon_of[j]), fold(name_of[j])), -1)
        j2, r2 = match(np.where(found, -1, retry))
        i, r = np.concatenate([i, j2]), np.concatenate([r, r2])
        found = np.bincount(i, minlength=len(ex)) > 0
    ex["found"] = found
    ctx._cache[ck] = (ex, i, r)
    return ctx._cache[ck]


def names_in_roster(ctx: Context, rule: Rule) -> list[Finding]:
    """Each name listed in `cot` is in the roster (`danh_sach`) of the row's thôn."""
    t = ctx.table(rule.dataset)
    if t is None or not len(t.frame):
        return []
    matched = _roster_matches(ctx, rule, t)
    if matched is None:
        return []
    ex = matched[0]
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
    matched = _roster_matches(ctx, rule, t)
    if matched is None:
        return []
    ex, i, r = matched
    p = rule.params
    roster = ctx.table(p["danh_sach"])
    day = ctx.dates(t, p["ngay"]).to_numpy()
    pos_all = ex["pos"].to_numpy()
    on = day[pos_all][i]
    tu = ctx.dates(roster, p["hoat_dong"]["tu"]).to_numpy()[r]
    den = ctx.dates(roster, p["hoat_dong"]["den"]).to_numpy()[r]
    ok = ~np.isnat(tu) & (tu <= on) & (np.isnat(den) | (den > on))
    active = np.bincount(i[ok], minlength=len(ex)) > 0
    bad = ex["found"].to_numpy() & ~active & ~np.isnat(day[pos_all]) & ctx.rows_in_force(rule, t)[pos_all]
    sub = ex[bad]
    rep_of = np.full(len(ex), -1, dtype=np.int64)
    rep_of[i[::-1]] = r[::-1]  # a roster row with that name, shown in the message
    rep = rep_of[bad]
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
