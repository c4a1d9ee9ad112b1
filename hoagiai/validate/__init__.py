"""Rule-based validation: the checks that need more than one cell (docs/contract.md §3).

`validate_workspace` reads a whole `inputs/` folder — profile, workbooks (through
`hoagiai.load`, which does the column-level checks), yearly plans — and applies the rules of
`rules/kiem_tra/` (row, group and cross-file rules). It never stops at the first problem:
every finding lands in the returned `Inputs.report`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..findings import Finding, Report
from ..model import Inputs, Table
from ..unit_profile import Profile, load_profile
from . import codes
from .base import Context, Rule
from .ruleset import KINDS, load_rules

__all__ = ["validate_workspace", "check_tables", "load_rules"]


def check_tables(tables: dict[str, Table], profile: Profile, rules: list[Rule],
                 today: dt.date | None = None,
                 already: list[Finding] | None = None) -> list[Finding]:
    """Apply `rules` to loaded tables; `today` is the reference date (group rules, future
    dates, ages). `already` are the loader's findings: a rule that reports empty cells does
    not report a cell the loader already rejected."""
    ctx = Context(tables=tables, profile=profile, today=today or dt.date.today())
    out: list[Finding] = []
    already = already or []
    taken = {(f.file, f.sheet, f.row, f.column) for f in already if f.row is not None}
    absent, missing = _unusable(tables, already)
    for rule in rules:
        if rule.datasets & absent or rule.columns & missing:
            continue  # the loader already said the file or column is missing: no cascade
        kind = KINDS[rule.kind]
        found = kind.run(ctx, rule)
        if kind.fires_on_empty and taken:
            found = [f for f in found if (f.file, f.sheet, f.row, f.column) not in taken]
        out += found
    return out


def _unusable(tables: dict[str, Table], loader: list[Finding]) -> tuple[set[str], set[tuple[str, str]]]:
    """Datasets the loader could not read, and (dataset, column key) pairs missing from a file."""
    absent = {f.dataset for f in loader if f.code in codes.UNREADABLE and f.dataset}
    missing: set[tuple[str, str]] = set()
    for f in loader:
        if f.code == codes.MISSING_COLUMN and f.dataset in tables and f.column:
            headers = tables[f.dataset].headers
            missing |= {(f.dataset, k) for k, h in headers.items() if h == f.column}
    return absent, missing


def validate_workspace(inputs_dir: Path, rules_dir: Path, *, today: dt.date | None = None,
                       max_bytes: int | None = None) -> Inputs:
    """Load and check one workspace's inputs.

    Raises ConfigError (missing folder, bad don_vi.yaml) and RuleFileError (bad rule file);
    data problems are findings in the returned report, never exceptions."""
    from .. import load as loader  # pandas-heavy: imported only when validating

    inputs_dir, rules_dir = Path(inputs_dir), Path(rules_dir)
    if not inputs_dir.is_dir():
        raise ConfigError(f"Không tìm thấy thư mục dữ liệu {inputs_dir} (dùng `init` để tạo, hoặc --inputs).")
    kwargs: dict[str, Any] = {} if max_bytes is None else {"max_bytes": max_bytes}
    # big workbooks are read in worker processes meanwhile (hoagiai.load.start)
    loading = loader.start(inputs_dir, rules_dir, today=today, **kwargs)
    try:
        profile = load_profile(inputs_dir / "don_vi.yaml")
        rules = load_rules(rules_dir, columns=spec_columns(rules_dir))
    except BaseException:
        loading.cancel()
        raise
    tables, load_findings = loading.result()
    report = Report()
    report.extend(load_findings)
    report.extend(profile.findings)   # encoding read with a warning, values left from `init`
    report.extend(check_tables(tables, profile, rules, today=today, already=load_findings))
    plans, plan_findings = _load_plans(inputs_dir)
    report.extend(plan_findings)
    from ..yearly_plan_template import placeholder_findings   # places `init` left to fill: never built

    plans, left = placeholder_findings(plans)
    report.extend(left)

    from .terms import check_terms   # rules/thuat_ngu.yaml: warnings only

    report.extend(check_terms(rules_dir, tables, plans))
    report.extend(_rule_warnings(rules_dir))   # illustrative / unverified rule settings
    return Inputs(profile=profile, tables=tables, plans=plans, report=report)


def spec_columns(rules_dir: Path) -> dict[str, set[str]] | None:
    """Canonical column keys per dataset from the loader's column specs (for checking the
    column names used in rule parameters)."""
    try:
        from ..load.spec import load_specs
    except ModuleNotFoundError:
        return None
    specs = load_specs(rules_dir)
    return {name: set(spec.keys) for name, spec in specs.items()}


def _rule_warnings(rules_dir: Path) -> list:
    """Illustrative / unverified settings in rules/ (warnings; see hoagiai.rulefiles.illustrative)."""
    from ..rulefiles.illustrative import scan

    return scan(rules_dir)


def _load_plans(inputs_dir: Path) -> tuple[dict[int, Any], list]:
    from ..yearly_plan import load_plans

    return load_plans(inputs_dir)
