"""Many units in one workspace: `inputs/<unit>/…` built unit by unit into `outputs/<unit>/`,
with worker processes. One unit's bad data blocks only that unit's documents."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from .build import BuildOptions, BuildResult, Reporter, build
from .errors import HoagiaiError
from .workspace import Workspace


@dataclass
class UnitResult:
    """A unit's build result as it comes back from a worker process (plain data)."""
    unit: str | None
    data: dict[str, Any]
    exit_code: int

    def to_dict(self) -> dict[str, Any]:
        return self.data


def _build_unit(ws: Workspace, opts: BuildOptions) -> UnitResult:
    try:
        res = build(ws, opts)
        return UnitResult(ws.unit, res.to_dict(), res.exit_code)
    except HoagiaiError as exc:
        return UnitResult(ws.unit, {"month": str(opts.month), "unit": ws.unit, "documents": [],
                                    "packet": None, "counts": {"error": 0, "warning": 0},
                                    "error": exc.message}, exc.exit_code)


def build_all(ws: Workspace, opts: BuildOptions, reporter: Reporter) -> list[BuildResult | UnitResult]:
    ws.check()
    units = ws.units()
    if len(units) == 1 and units[0].unit is None:
        return [build(units[0], opts, reporter)]
    jobs = opts.jobs or os.cpu_count() or 1
    per_unit = replace(opts, jobs=1)
    reporter("start", {"total": len(units)})
    results: list[UnitResult] = []
    if jobs == 1:
        for u in units:
            results.append(_build_unit(u, per_unit))
            reporter("document", {"id": u.unit})
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for r in pool.map(_build_unit, units, [per_unit] * len(units)):
                results.append(r)
                reporter("document", {"id": r.unit})
    return results


def rollup_json(ws: Workspace, results: list[Any]) -> dict[str, Any]:
    return {"units": [r.to_dict() for r in results]}
