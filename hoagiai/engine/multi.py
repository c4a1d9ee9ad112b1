"""Many units in one workspace: `inputs/<unit>/…` built unit by unit into `outputs/<unit>/`,
with worker processes (their PDFs made meanwhile, in the parent), then the roll-up workbook
`outputs/tong-hop-YYYY-MM.xlsx`.

One unit's bad data (or even a unit that cannot be built at all) blocks only that unit's
documents. A single-unit `inputs/` (a `don_vi.yaml` at its top) is built exactly as before.
Unit folder names come from the file system: a name that could leave `outputs/` or hide itself
(path separators, `..`, a leading dot, control characters) is refused with a clear message.
"""

from __future__ import annotations

import contextlib
import gc
import os
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator

from ..errors import ConfigError, HoagiaiError
from ..safe_paths import same_on_every_disk
from ..workspace import Workspace
from .builder import build
from .options import BuildOptions, Reporter
from .output_tree import rel
from .results import BuildResult


@dataclass
class UnitResult:
    """A unit's build result as it comes back from a worker process (plain data)."""
    unit: str | None
    data: dict[str, Any]
    exit_code: int
    name: str | None = None          # ten_don_vi, for the roll-up

    def to_dict(self) -> dict[str, Any]:
        return self.data


class UnitResults(list):
    """The per-unit results of a multi-unit build, plus the roll-up it wrote."""
    month: str = ""
    rollup: str | None = None
    totals: dict[str, Any] | None = None


def _unit_name(ws: Workspace) -> str:
    try:
        from ..unit_profile import load_profile

        return load_profile(ws.inputs / "don_vi.yaml").ten_don_vi
    except HoagiaiError:
        return ws.unit or ""


def _build_unit(ws: Workspace, opts: BuildOptions) -> UnitResult:
    try:
        res = build(ws, opts)
        name = res.inputs.profile.ten_don_vi if res.inputs is not None else _unit_name(ws)
        return UnitResult(ws.unit, res.to_dict(), res.exit_code, name)
    except HoagiaiError as exc:
        return UnitResult(ws.unit, {"month": str(opts.month), "unit": ws.unit, "documents": [],
                                    "packet": None, "counts": {"error": 0, "warning": 0},
                                    "error": exc.message}, exc.exit_code, _unit_name(ws))


def check_unit_name(name: str) -> None:
    """Refuse a unit folder name that could escape or hide inside outputs/."""
    bad = (not name or name in (".", "..") or name.startswith(".") or "/" in name or "\\" in name
           or any(unicodedata.category(c) == "Cc" for c in name) or name != name.strip())
    if bad:
        raise ConfigError(f"Tên thư mục đơn vị `{name!r}` không dùng được (không được bắt đầu bằng dấu "
                          f"chấm, chứa dấu / hoặc \\, ký tự điều khiển hay khoảng trắng ở đầu/cuối). "
                          f"Hãy đổi tên thư mục trong inputs/.")


def _check_no_collisions(names: list[str]) -> None:
    """Refuse unit folders whose names differ only by case or Unicode form: on Windows and
    macOS their outputs would be one folder, one unit overwriting the other."""
    seen: dict[str, str] = {}
    for name in names:
        key = same_on_every_disk(name)
        if key in seen:
            raise ConfigError(f"Hai thư mục đơn vị `{seen[key]}` và `{name}` chỉ khác nhau chữ hoa/chữ "
                              f"thường hoặc cách gõ dấu; trên Windows và macOS chúng là một thư mục. "
                              f"Hãy đổi tên một trong hai thư mục trong inputs/.")
        seen[key] = name


def checked_units(ws: Workspace) -> list[Workspace]:
    units = ws.units()
    if len(units) == 1 and units[0].unit is None:
        return units
    root = ws.outputs.resolve()
    _check_no_collisions([u.unit or "" for u in units])
    for u in units:
        check_unit_name(u.unit or "")
        target = u.outputs.resolve()
        if target.parent != root:
            raise ConfigError(f"Thư mục kết quả của đơn vị `{u.unit}` ({target}) nằm ngoài {root}; "
                              f"hãy đổi tên thư mục đơn vị.")
    return units


def rollup_path(ws: Workspace, month: str) -> Path:
    return ws.outputs / f"tong-hop-{month}.xlsx"


def build_all(ws: Workspace, opts: BuildOptions, reporter: Reporter) -> list[BuildResult | UnitResult]:
    ws.check()
    units = checked_units(ws)
    if len(units) == 1 and units[0].unit is None:
        return [build(units[0], opts, reporter)]
    jobs = opts.jobs or os.cpu_count() or 1
    # workers render DOCX only; the parent converts every unit's PDFs through one pool
    per_unit = replace(opts, jobs=1, pdf=False, lo_inputs=opts.pdf and not opts.pdfa)
    if per_unit.lo_inputs:
        from .lo_input import prepare

        prepare(*units)
    reporter("start", {"total": len(units)})
    results = UnitResults()
    results.month = str(opts.month)
    pdfs = _UnitPdfs(units, opts, reporter) if opts.pdf else None
    completed = False
    try:
        if jobs == 1 or len(units) == 1:
            for u in units:
                _arrived(results, _build_unit(u, per_unit), pdfs, reporter)
        else:
            from ..oscompat import process_pool

            forking = _warm_for_workers(units, per_unit.lo_inputs)
            with process_pool(min(jobs, len(units))) as pool:
                # every unit is submitted (and the workers forked) before LibreOffice starts
                with _frozen(forking):
                    built = pool.map(_build_unit, units, [per_unit] * len(units))
                for r in built:
                    _arrived(results, r, pdfs, reporter)
        completed = True
    finally:
        if pdfs is not None:
            pdfs.finish(completed)
    write_rollup(ws, results)
    return results


def _warm_for_workers(units: list[Workspace], lo_inputs: bool) -> bool:
    """When the workers are forked copies of this process, do here once what each of them
    would otherwise do for itself: import the validation, rendering and workbook code, and
    compile the units' templates (and their ODT twins). On 2 cores the build is CPU-bound, so
    the second copy was a second of CPU taken from LibreOffice (BENCHMARKS.md, issue 16).
    Returns whether the workers are forked."""
    from ..oscompat import mp_context

    if mp_context().get_start_method() != "fork":
        return False
    from .. import annotate, render, validate  # noqa: F401 - imported to be inherited
    from ..convert import twins
    from ..load import dataset  # noqa: F401

    seen: set[Path] = set()
    for u in units:
        if not u.templates.is_dir():
            continue
        for p in sorted(u.templates.glob("*.docx")):
            if p in seen:
                continue
            seen.add(p)
            try:
                render.compiled(p)
                if lo_inputs:
                    twins.compiled_twin(p)
            except Exception:  # noqa: BLE001 - the unit's own build reports a broken template
                pass
    return True


@contextlib.contextmanager
def _frozen(forking: bool) -> Iterator[None]:
    """While the workers are forked: the objects the parent made so far (imports, compiled
    templates) frozen out of the garbage collector's sight (gc.freeze), so that its passes in
    the workers neither walk them nor copy the pages they share with the parent (a pass writes
    to each object's header)."""
    if not forking:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _arrived(results: "UnitResults", r: UnitResult, pdfs: "_UnitPdfs | None", reporter: Reporter) -> None:
    results.append(r)
    reporter("document", {"id": r.unit})
    if pdfs is not None:
        pdfs.add(r)


class _UnitPdfs:
    """Each unit's PDFs go to one converter as soon as the unit is built (engine/pdfs.py
    UnitsPdf); when every unit is back, they are recorded into the units' results."""

    def __init__(self, units: list[Workspace], opts: BuildOptions, reporter: Reporter):
        from .pdfs import UnitsPdf

        self.by_unit = {u.unit: u for u in units}
        self.stage = UnitsPdf(opts, reporter)
        self.pairs: list[tuple[UnitResult, BuildResult]] = []

    def add(self, r: UnitResult) -> None:
        if r.data.get("documents") and r.unit in self.by_unit:
            br = BuildResult.from_dict(r.data, r.unit)
            self.pairs.append((r, br))
            self.stage.add_unit(self.by_unit[r.unit], br)

    def finish(self, completed: bool) -> None:
        self.stage.finish(completed)
        if completed:
            for r, br in self.pairs:
                r.data = br.to_dict()
                r.exit_code = max(r.exit_code, br.exit_code)


def write_rollup(ws: Workspace, results: UnitResults) -> Path:
    from ..rollup import unit_figures
    from ..rollup import write_rollup as write

    figures = [unit_figures(r.unit or "", r.name or r.unit or "", r.data) for r in results]
    path = rollup_path(ws, results.month)
    results.totals = write(path, results.month, figures)
    results.rollup = str(path)
    return path


def rollup_json(ws: Workspace, results: list[Any]) -> dict[str, Any]:
    """`build --json` of a multi-unit workspace: {"month", "units", "rollup", "counts"}."""
    counts = {"error": 0, "warning": 0}
    units = []
    for r in results:
        d = r.to_dict()
        for k in counts:
            counts[k] += int(d.get("counts", {}).get(k, 0))
        units.append(d)
    month = getattr(results, "month", "") or (units[0].get("month") if units else "")
    rollup = getattr(results, "rollup", None)
    return {"month": month, "units": units, "rollup": rel(rollup) if rollup else None, "counts": counts}
