"""The dicts the pages render. Each page's data comes from the library calls the CLI makes
(hoagiai.operations); results are cached while the unit's inputs and register are unchanged."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from .. import operations
from ..workspace import Workspace

_cache: dict[tuple, Any] = {}
_lock = threading.Lock()


def _signature(ws: Workspace) -> tuple:
    """Changes when any input file or the register changes."""
    sig = []
    for p in sorted(ws.inputs.iterdir()) if ws.inputs.is_dir() else []:
        if p.is_file():
            st = p.stat()
            sig.append((p.name, st.st_mtime_ns, st.st_size))
    reg = ws.outputs / ".hoagiai" / "state.sqlite"
    if reg.exists():
        st = reg.stat()
        sig.append(("state", st.st_mtime_ns, st.st_size))
    return tuple(sig)


def cached(key: str, ws: Workspace, compute, *args):
    k = (key, str(ws.inputs), _signature(ws), *map(str, args))
    with _lock:
        if k in _cache:
            return _cache[k]
    value = compute()
    with _lock:
        if len(_cache) > 512:
            _cache.clear()
        _cache[k] = value
    return value


def _inputs(ws: Workspace, today: dt.date):
    from ..engine.catalogue import load_inputs

    return cached("inputs", ws, lambda: load_inputs(ws, today), today)


def overview(ws: Workspace, month, today: dt.date) -> dict[str, Any]:
    def compute():
        inputs = _inputs(ws, today)
        return {"overview": operations.overview(ws, month, today, inputs),
                "figures": _figures(ws, month, today, inputs),
                "due": _due_rows(ws, today)}

    return cached("overview", ws, compute, month, today)


def _figures(ws, month, today, inputs):
    try:
        return operations.figures(ws, month, today, inputs)
    except Exception:   # the chart is a picture; a data error is shown on the data page
        return None


def _due_rows(ws: Workspace, today: dt.date) -> list[dict[str, Any]]:
    obj = cached("due", ws, lambda: operations.due(ws, today), today)
    return due_rows(obj, ws.unit)


def due_rows(obj: dict[str, Any], unit: str | None) -> list[dict[str, Any]]:
    if "deadlines" in obj:
        return obj["deadlines"]
    return obj.get("units", {}).get(unit, [])


def validation(ws: Workspace) -> dict[str, Any]:
    return cached("validate", ws, lambda: operations.validate(ws))


def unit_report(obj: dict[str, Any], unit: str | None) -> dict[str, Any]:
    """The one unit's part of a `validate --json` object."""
    if "units" in obj:
        return obj["units"].get(unit, {"valid": True, "counts": {}, "findings": []})
    return obj


def inputs_list(ws: Workspace) -> list[dict[str, Any]]:
    out = []
    for p in sorted(ws.inputs.iterdir()):
        if p.is_file() and not p.name.startswith("."):
            st = p.stat()
            out.append({"name": p.name, "size": st.st_size,
                        "changed": dt.datetime.fromtimestamp(st.st_mtime).strftime("%d/%m/%Y %H:%M")})
    kept = ws.inputs / ".ban-cu"
    n_kept = len(list(kept.iterdir())) if kept.is_dir() else 0
    return out, n_kept


def document(ws: Workspace, doc_id: str) -> dict[str, Any] | None:
    rows = operations.status(ws)["documents"]
    return next((r for r in rows if r["id"] == doc_id), None)


def rel(ws: Workspace, path: str | None) -> str | None:
    """A path under the unit's outputs/, relative (for /files/ links)."""
    if not path:
        return None
    p = Path(path)
    for base in (ws.outputs, ws.outputs.resolve()):
        try:
            return p.relative_to(base).as_posix()
        except ValueError:
            pass
    try:
        return p.resolve().relative_to(ws.outputs.resolve()).as_posix()
    except (ValueError, OSError):
        return None
