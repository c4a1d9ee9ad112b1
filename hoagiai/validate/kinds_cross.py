"""Cross-file kinds: a value of one table checked against the profile or another table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..definitions import in_office
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
                        fields={"danh_sach": _listing(ctx.thon_names)})


def _listing(names: list[str], most: int = 15) -> str:
    """The profile's thôn for a message; a long list is cut ("…")."""
    return ", ".join(names[:most]) + (", …" if len(names) > most else "")


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
    r_ok = (r_thon >= 0) & ctx.notna(roster, p["ten"])
    r_pos = np.flatnonzero(r_ok)
    r_key = ctx.hashed(roster, p["ten"])[r_pos] ^ _mix(r_thon[r_pos])
    e_names = ex["ten"].to_numpy(dtype=object)
    e_thon = ex["thon"].to_numpy()
    e_key = (pd.util.hash_array(e_names, categorize=False) if len(e_names) else np.zeros(0, np.uint64)) \
        ^ _mix(e_thon)
    index = pd.Index(r_key)
    if index.is_unique:  # the usual case: no two roster rows with the same name in a thôn
        at = index.get_indexer(e_key)
        i = np.flatnonzero(at >= 0)
        r = r_pos[at[i]]
    else:
        pairs = pd.DataFrame({"key": e_key, "i": np.arange(len(ex))}).merge(
            pd.DataFrame({"key": r_key, "r": r_pos}), on="key")
        i, r = pairs["i"].to_numpy(), pairs["r"].to_numpy()
    same = (r_thon[r] == e_thon[i]) & (r_names[r] == e_names[i])  # rule out hash collisions
    i, r = i[same], r[same]
    found = np.bincount(i, minlength=len(ex)) > 0
    if not found.all():
        # names not found as written: retry with folded spelling (case, spaces, tone placement)
        missing = np.flatnonzero(~found)
        cand = r_pos[np.isin(r_thon[r_pos], np.unique(e_thon[missing]))]
        folded: dict[tuple[int, str | None], list[int]] = {}
        for k in cand:
            folded.setdefault((int(r_thon[k]), fold(r_names[k])), []).append(int(k))
        extra_i, extra_r = [], []
        for j in missing:
            for k in folded.get((int(e_thon[j]), fold(e_names[j])), ()):
                extra_i.append(j)
                extra_r.append(k)
        i = np.concatenate([i, np.array(extra_i, dtype=np.int64)])
        r = np.concatenate([r, np.array(extra_r, dtype=np.int64)])
        found = np.bincount(i, minlength=len(ex)) > 0
    ex["found"] = found
    ctx._cache[ck] = (ex, i, r)
    return ctx._cache[ck]


def _mix(thon: np.ndarray) -> np.ndarray:
    """Spread a small thôn index over 64 bits, to combine it with a name hash."""
    return (thon.astype(np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)


def _matched(ctx: Context, rule: Rule):
    """The rule's table (None when empty) and its names matched in the roster."""
    t = ctx.table(rule.dataset)
    if t is None or not len(t.frame):
        return None, None
    return t, _roster_matches(ctx, rule, t)


def names_in_roster(ctx: Context, rule: Rule) -> list[Finding]:
    """Each name listed in `cot` is in the roster (`danh_sach`) of the row's thôn."""
    t, matched = _matched(ctx, rule)
    if t is None or matched is None:
        return []
    ex = matched[0]
    bad = ~ex["found"].to_numpy() & ctx.rows_in_force(rule, t)[ex["pos"].to_numpy()]
    sub = ex[bad]
    names = ctx.thon_names
    return ctx.findings(rule, t, sub["pos"].to_numpy(), rule.params["cot"], values=sub["ten"].to_numpy(),
                        fields={"ten": sub["ten"].to_numpy(), "nhom": [names[k] for k in sub["thon"]]})


def names_in_roster_active_on(ctx: Context, rule: Rule) -> list[Finding]:
    """Each name found in the roster of the row's thôn belongs to a mediator recognised and
    not yet stopped on the row's date `ngay` (rows without that date are skipped)."""
    t, matched = _matched(ctx, rule)
    if t is None or matched is None:
        return []
    ex, i, r = matched
    p = rule.params
    roster = ctx.table(p["danh_sach"])
    assert roster is not None   # _roster_matches found rows in it
    day = ctx.dates(t, p["ngay"]).to_numpy()
    pos_all = ex["pos"].to_numpy()
    on = day[pos_all][i]
    tu = ctx.dates(roster, p["hoat_dong"]["tu"]).to_numpy()[r]
    den = ctx.dates(roster, p["hoat_dong"]["den"]).to_numpy()[r]
    ok = in_office(tu, den, on)
    active = np.bincount(i[ok], minlength=len(ex)) > 0
    bad = ex["found"].to_numpy() & ~active & ~np.isnat(day[pos_all]) & ctx.rows_in_force(rule, t)[pos_all]
    sub = ex[bad]
    rep_of = np.full(len(ex), -1, dtype=np.int64)
    rep_of[i[::-1]] = r[::-1]  # a roster row with that name, shown in the message
    rep = rep_of[bad]
    names = ctx.thon_names
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
