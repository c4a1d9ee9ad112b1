"""Real template contexts of each document kind, made by planning the kind on a workspace
(the demo workspace by default) — what a template's variables are checked against."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import HoagiaiError

MAX_SAMPLES = 12


@dataclass
class Samples:
    contexts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # kind -> contexts
    months: dict[str, str] = field(default_factory=dict)                     # kind -> "2026-12"
    why_none: str | None = None     # why no workspace data could be read at all
    why_kind: dict[str, str] = field(default_factory=dict)                   # kind -> why none


_CACHE: dict[tuple, Samples] = {}


def _signature(*dirs: Path) -> tuple:
    sig = []
    for d in dirs:
        if d.is_dir():
            for p in sorted(d.rglob("*")):
                if p.is_file():
                    st = p.stat()
                    sig.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(sig)


def data_years(inputs) -> list[int]:
    """Years that have data (dates in the tables, yearly plans), latest first."""
    import pandas as pd

    years: set[int] = set(inputs.plans)
    for table in inputs.tables.values():
        for column in table.frame.columns:
            series = table.frame[column]
            if pd.api.types.is_datetime64_any_dtype(series):
                years |= {int(y) for y in series.dropna().dt.year.unique()}
    return sorted(years, reverse=True)


def sample_contexts(inputs_dir: Path, rules_dir: Path, templates_dir: Path,
                    kinds: list[str]) -> Samples:
    """For each kind: the contexts of its non-blocked documents in the latest year with data
    (December, so the whole year is planned); earlier years are tried when that year has none."""
    key = (str(Path(inputs_dir).resolve()), str(Path(rules_dir).resolve()),
           str(Path(templates_dir).resolve()), tuple(kinds),
           _signature(Path(inputs_dir), Path(rules_dir)))
    if key in _CACHE:
        return _CACHE[key]
    samples = Samples()
    try:
        from ..engine import BuildOptions
        from ..engine.catalogue import documents, load_inputs
        from ..documents.base import Month
        from ..workspace import Workspace

        ws = Workspace.make(inputs_dir, None, rules_dir, templates_dir)
        inputs = load_inputs(ws)
    except HoagiaiError as exc:
        samples.why_none = exc.message
        _CACHE[key] = samples
        return samples
    years = data_years(inputs)
    for kind in kinds:
        for year in years:
            opts = BuildOptions(month=Month(year, 12), kinds=frozenset({kind}))
            try:
                jobs = documents(ws, inputs, opts)
            except HoagiaiError as exc:
                samples.why_kind[kind] = exc.message
                break
            found = [j.context for j in jobs if j.kind == kind and not j.blocked and j.context]
            if found:
                samples.contexts[kind] = found[:MAX_SAMPLES]
                samples.months[kind] = str(opts.month)
                break
    _CACHE[key] = samples
    return samples
