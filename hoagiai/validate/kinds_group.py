"""Group kinds: counts over the rows of one team (the thôn of the profile), or of a whole table.

Groups are the profile's thôn, read from the column `nhom_theo`; rows whose thôn is not in
the profile belong to no group (the cross-file rule `unknown-thon` reports them, and a typo
must not also look like a broken team). Without `nhom_theo` the whole table is one group.
Counts are taken on the reference date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..findings import Finding
from ..vn.loi import co_dem
from .base import CONDITIONS, WINDOW, Context, Kind, Rule, col


def _groups(ctx: Context, rule: Rule, t):
    p = rule.params
    if p.get("nhom_theo"):
        g = ctx.thon_codes(t, p["nhom_theo"])
        names = ctx.thon_names
        eligible = ctx.thon_flags(bool(p.get("chi_thon_dtts")))
    else:
        g = np.zeros(len(t.frame), dtype=np.int64)
        names, eligible = [""], np.ones(1, dtype=bool)
    return g, names, eligible


def _counts(ctx: Context, rule: Rule, t, g, n):
    p = rule.params
    sel = (g >= 0) & ctx.condition(t, p.get("dieu_kien"))
    if p.get("hoat_dong"):
        sel &= ctx.active(t, p["hoat_dong"], ctx.ref)
    present = np.bincount(g[g >= 0], minlength=n) > 0
    return sel, np.bincount(g[sel], minlength=n), present


def _first_per_group(g: np.ndarray, mask: np.ndarray, n: int, nth: int = 0) -> np.ndarray:
    """Position of the nth row (0-based) with `mask` in each group, -1 if none."""
    pos = np.flatnonzero(mask & (g >= 0))
    for _ in range(nth + 1):
        out = np.full(n, -1, dtype=np.int64)
        out[g[pos][::-1]] = pos[::-1]  # the last write wins: the first position of each group
        pos = pos[out[g[pos]] != pos]
    return out


def _anchor(ctx: Context, rule: Rule, t, g, n) -> np.ndarray:
    """Row that stands for the group: the first row matching `dong_neo` (the tổ trưởng),
    else the group's first row."""
    neo = rule.params.get("dong_neo")
    ck = ("anchor", id(t), rule.params.get("nhom_theo"), repr(neo))
    if ck not in ctx._cache:
        first = _first_per_group(g, np.ones(len(g), dtype=bool), n)
        if neo:
            lead = _first_per_group(g, ctx.condition(t, neo), n)
            first = np.where(lead >= 0, lead, first)
        ctx._cache[ck] = first
    return ctx._cache[ck]


def _report(ctx, rule, t, groups, anchors, names, counts, extra=None) -> list[Finding]:
    p = rule.params
    column = p.get("nhom_theo") or (p.get("dieu_kien") or [{}])[0].get("cot")
    rows = ctx.rows(t)
    fields = {"nhom": [names[i] for i in groups], "so": counts[groups],
              # the count as an official writes it: "không có", "có 02" (hoagiai.vn.dem)
              "co_so": [co_dem(int(c)) for c in counts[groups]],
              "toi_thieu": p.get("toi_thieu")}
    fields.update(extra or {})
    row_numbers = [int(rows[a]) if a >= 0 else None for a in anchors[groups]]
    values = [names[i] for i in groups] if p.get("nhom_theo") else [None] * len(groups)
    return ctx.findings(rule, t, [0] * len(groups), column, values=values, fields=fields,
                        rows=row_numbers)


#: composition kinds: when a group's count breaks the rule
BREAKS = {
    "min_count": lambda p, counts: counts < p["toi_thieu"],
    "min_count_where": lambda p, counts: counts < p["toi_thieu"],
    "exactly_one": lambda p, counts: counts != 1,
}


@dataclass(frozen=True)
class GroupCounts:
    """One composition rule evaluated on the reference date — the one reading of a team rule,
    used by the findings below and by the reports (hoagiai.validate.teams)."""
    group: np.ndarray          # per row: its group (-1: none)
    names: list[str]           # per group: its name (the profile's thôn)
    selected: np.ndarray       # per row: active on the date and matching `dieu_kien`
    counts: np.ndarray         # per group: rows selected
    present: np.ndarray        # per group: has at least one row in the table
    applies: np.ndarray        # per group: the rule applies to it (`chi_thon_dtts`)
    breaks: np.ndarray         # per group: present, applies, and its count breaks the rule


def evaluate(ctx: Context, rule: Rule, t) -> GroupCounts:
    """The counts of a composition rule (a kind of BREAKS) over table `t` on ctx.today."""
    g, names, eligible = _groups(ctx, rule, t)
    sel, counts, present = _counts(ctx, rule, t, g, len(names))
    bad = BREAKS[rule.kind](rule.params, counts)
    return GroupCounts(g, names, sel, counts, present, eligible, present & eligible & bad)


def _evaluated(ctx: Context, rule: Rule):
    t = ctx.table(rule.dataset)
    if t is None or not len(t.frame) or not rule.in_force(ctx.today):
        return t, None
    return t, evaluate(ctx, rule, t)


def min_count(ctx: Context, rule: Rule) -> list[Finding]:
    """Each group present in the table has at least `toi_thieu` rows that are active and
    match `dieu_kien`."""
    t, r = _evaluated(ctx, rule)
    if r is None:
        return []
    groups = np.flatnonzero(r.breaks)
    return _report(ctx, rule, t, groups, _anchor(ctx, rule, t, r.group, len(r.names)), r.names, r.counts)


def exactly_one(ctx: Context, rule: Rule) -> list[Finding]:
    """Each group present has exactly one active row matching `dieu_kien`. With two or more,
    the second one is reported (the first is taken as the right one)."""
    t, r = _evaluated(ctx, rule)
    if r is None:
        return []
    g, n = r.group, len(r.names)
    groups = np.flatnonzero(r.breaks)
    second = _first_per_group(g, r.selected, n, nth=1)
    anchors = np.where(second >= 0, second, _anchor(ctx, rule, t, g, n))
    rows = ctx.rows(t)
    hit = np.flatnonzero(r.selected & np.isin(g, groups))
    listed = pd.Series(rows[hit]).groupby(g[hit]).agg(lambda x: ", ".join(str(int(v)) for v in x))
    return _report(ctx, rule, t, groups, anchors, r.names, r.counts,
                   extra={"dong": [listed.get(gi, "") for gi in groups]})


def every_thon_has_group(ctx: Context, rule: Rule) -> list[Finding]:
    """Every thôn of the profile has at least one row (its team) in the table."""
    t = ctx.table(rule.dataset)
    if t is None or not rule.in_force(ctx.today):
        return []
    g, names, eligible = _groups(ctx, rule, t)
    n = len(names)
    present = np.bincount(g[g >= 0], minlength=n) > 0
    groups = np.flatnonzero(~present & eligible)
    return _report(ctx, rule, t, groups, np.full(n, -1), names, np.zeros(n, dtype=np.int64))


_GROUP_KEYS = {"nhom_theo": col(), "hoat_dong": WINDOW, "dieu_kien": CONDITIONS,
               "chi_thon_dtts": {"type": "bool"}, "dong_neo": CONDITIONS}

KINDS = [
    Kind("min_count", {"type": "map", "required": ["toi_thieu"], "keys": {
        **_GROUP_KEYS, "toi_thieu": {"type": "int"}}},
        frozenset({"cot", "gia_tri", "nhom", "so", "toi_thieu"}), min_count),
    Kind("min_count_where", {"type": "map", "required": ["toi_thieu", "dieu_kien"], "keys": {
        **_GROUP_KEYS, "toi_thieu": {"type": "int"}}},
        frozenset({"cot", "gia_tri", "nhom", "so", "toi_thieu"}), min_count),
    Kind("exactly_one", {"type": "map", "required": ["dieu_kien"], "keys": _GROUP_KEYS},
         frozenset({"cot", "gia_tri", "nhom", "so", "co_so", "dong"}), exactly_one),
    Kind("every_thon_has_group", {"type": "map", "required": ["nhom_theo"], "keys": {"nhom_theo": col()}},
         frozenset({"cot", "gia_tri", "nhom"}), every_thon_has_group),
]
