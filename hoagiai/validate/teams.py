"""Team composition on a day (Luật HGCS Điều 12), for the reports' "teams meeting the requirements".

The composition rules of rules/kiem_tra/nhom.yaml are read by the validation's rule reader and
evaluated by its interpreter (`kinds_group.evaluate`), so a team the report calls compliant is
exactly a team with no group finding on the same date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from ..errors import RuleFileError
from ..model import Table
from ..unit_profile import Profile
from .base import Context, Rule
from .kinds_group import BREAKS, evaluate
from .ruleset import RULES_SUBDIR, load_rule_file

TEAM_RULE_FILE = f"{RULES_SUBDIR}/nhom.yaml"


def team_rules(rules_dir: Path, codes: Iterable[str], on: dt.date) -> list[Rule]:
    """The composition rules named by `codes` that are in force on `on`, in the order of `codes`."""
    path = Path(rules_dir) / TEAM_RULE_FILE
    by_code: dict[str, Rule] = {}
    for rule in load_rule_file(path):
        by_code.setdefault(rule.code, rule)
    out: list[Rule] = []
    for code in codes:
        r = by_code.get(code)
        if r is None:
            raise RuleFileError(str(path), "quy_tac", f"không có quy tắc `{code}` (rules/de_an.yaml cần quy tắc này).")
        if r.kind not in BREAKS or not r.params.get("nhom_theo"):
            raise RuleFileError(str(path), f"quy_tac.{code}.kieu",
                                f"kiểu `{r.kind}` không dùng được để đánh giá tổ hòa giải đạt chuẩn.")
        if r.in_force(on):
            out.append(r)
    return out


@dataclass(frozen=True)
class Team:
    """A team on the day: a group (profile thôn) with at least one member in office."""
    nhom: str
    members: np.ndarray            # row positions of its members in office
    khong_dat: tuple[str, ...]     # codes of the rules it breaks, in rule order
    dem: dict[str, int]            # per rule that applies to it: the count the rule made

    @property
    def dat(self) -> bool:
        return not self.khong_dat


def teams_on(table: Table, profile: Profile, rules: list[Rule], on: dt.date, members: np.ndarray,
             group_by: str = "thon") -> list[Team]:
    """The teams of `table` on `on`, in the profile's order. `members`: per row, in office on `on`
    (who counts as a member is the caller's; what a team needs is the rules')."""
    ctx = Context(tables={table.dataset: table}, profile=profile, today=on)
    if rules:
        group_by = rules[0].params.get("nhom_theo", group_by)
    group = ctx.thon_codes(table, group_by)
    evaluated = [(r, evaluate(ctx, r, table)) for r in rules if r.in_force(on)]
    out = []
    for i, name in enumerate(ctx.thon_names):
        rows = np.flatnonzero(members & (group == i))
        if not len(rows):
            continue
        failed = tuple(r.code for r, e in evaluated if e.breaks[i])
        counts = {r.code: int(e.counts[i]) for r, e in evaluated if e.applies[i]}
        out.append(Team(nhom=name, members=rows, khong_dat=failed, dem=counts))
    return out
