"""The whole demo build against tests/golden/build/, pelican-style: a copy of inputs/ built with
`build --month 2026-12 --no-pdf --json`, then compared — the output tree (tree.txt), the
`build --json` document with the workspace's path and volatile values normalised (build.json),
the text of every DOCX (docx/<path>.txt) and the cells of every workbook (xlsx/<path>.txt) — so
any change in any output shows as a readable diff. A key added to or dropped from the JSON shows
as a changed line too: refresh on purpose and review the diff. (The build validates against
today's date, like every demo build in the suite; its output is the same on 29/11/2026,
31/12/2026 and 01/06/2027.)

    HOAGIAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_build.py
    git diff tests/golden/build
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli

import golden
from hoagiai import docx_text
from hoagiai.rulefiles.catalogue import STAMP_FILE

MONTH = "2026-12"
VERSIONS = "phien-ban"   # the folder of kept versions (docs/contract.md §3)
#: values that change from one run to the next: their key stays, the value is masked
VOLATILE = frozenset({"elapsed", "seconds", "duration", "timings", "started", "finished", "fingerprint",
                      "sha", "sha256", "hash", "mtime", "timestamp"})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    ws = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "inputs", ws / "inputs")
    code, out = run_cli(ws, "build", "--month", MONTH, "--no-pdf", "--json")
    assert code == 0, out
    assert isinstance(out, dict)
    return ws, out


def normalised(value: Any, ws: Path) -> Any:
    """`value` with the workspace's path written <workspace> and volatile values masked."""
    if isinstance(value, dict):
        return {k: "<volatile>" if k in VOLATILE and v is not None else normalised(v, ws) for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v, ws) for v in value]
    if isinstance(value, str):
        for path, name in ((ws.resolve(), "<workspace>"), (ws, "<workspace>"), (ROOT, "<repo>")):
            value = value.replace(str(path), name)
        return value.replace("\\", "/") if value.startswith(("<workspace>", "<repo>")) else value
    return value


#: a cache, written only when this process has not checked the same rule set before
#: (hoagiai.rulefiles.catalogue): whether it exists depends on what ran earlier, not on the build
NOT_IN_TREE = {f".hoagiai/{STAMP_FILE}"}


def _files(outputs: Path, suffix: str = "") -> list[Path]:
    return sorted(p for p in outputs.rglob(f"*{suffix}")
                  if p.is_file() and p.relative_to(outputs).as_posix() not in NOT_IN_TREE)


def _rel(path: Path, outputs: Path) -> str:
    return path.relative_to(outputs).as_posix()


def test_output_tree(built):
    ws, _ = built
    outputs = ws / "outputs"
    golden.check("build/tree", [_rel(p, outputs) for p in _files(outputs)])


def test_build_json(built):
    ws, out = built
    golden.check("build/build", json.dumps(normalised(out, ws), ensure_ascii=False, indent=2), suffix=".json")


def check_each(outputs: Path, suffix: str, lines_of) -> list[str]:
    """Check `lines_of(file)` of every current `suffix` file against build/<suffix>/<path>.txt;
    a kept version of a first build must be the current file itself, byte for byte."""
    folder = suffix.lstrip(".")
    names = []
    for path in _files(outputs, suffix):
        if VERSIONS in path.parts:
            current = path.parent.parent / path.name.replace(".v1.", ".")
            assert path.read_bytes() == current.read_bytes(), _rel(path, outputs)
            continue
        names.append(f"build/{folder}/{_rel(path, outputs).removesuffix(suffix)}")
        golden.check(names[-1], lines_of(path))
    golden.check_names((golden.GOLDEN_DIR / "build" / folder).rglob("*.txt"), names)
    return names


def test_every_docx_text(built):
    ws, out = built
    names = check_each(ws / "outputs", ".docx", docx_text.paragraphs)
    assert len(names) == len(out["documents"])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def xlsx_lines(path: Path) -> list[str]:
    """Every sheet's values, one row a line (tab-separated, empty rows and trailing cells dropped),
    each cell comment on its own line after its row."""
    from openpyxl import load_workbook

    lines = []
    for ws in load_workbook(path).worksheets:
        lines.append(f"== {ws.title}")
        for n, row in enumerate(ws.iter_rows(), start=1):
            cells = [_cell(c.value) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                lines.append(f"{n}\t" + "\t".join(cells))
            lines += [f"\t[{c.coordinate}] {c.comment.text}" for c in row if c.comment]
    return lines


def test_every_workbook_cells(built):
    ws, _ = built
    assert check_each(ws / "outputs", ".xlsx", xlsx_lines)
