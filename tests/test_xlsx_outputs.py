"""Every workbook hoagiai writes goes through hoagiai.xlsx_writer: the demo build's .xlsx files
(statistical tables, their versions, the annotated copy, the yearly register) open, hold no
formula — text from the data beginning with = + - @ stays text — and the same build twice gives
the same bytes."""

from __future__ import annotations

import ast
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli

from hoagiai import xlsx_writer

ROOT = Path(__file__).resolve().parents[1]
#: text typed by a clerk (or pasted from elsewhere) that a spreadsheet would run as a formula
INJECTED = {3: '=HYPERLINK("http://example.invalid","xem")', 4: "@SUM(A1:A9)", 5: "+84 912 000 000", 6: "-1+1"}


def _workspace(root: Path) -> Path:
    shutil.copytree(ROOT / "inputs", root / "inputs")
    book = openpyxl.load_workbook(root / "inputs" / "vu_viec.xlsx")
    ws = book.worksheets[0]
    note = next(c.column for c in ws[2] if c.value == "Ghi chú")
    for row, text in INJECTED.items():
        xlsx_writer.put(ws.cell(row, note), text)
    xlsx_writer.save(book, root / "inputs" / "vu_viec.xlsx")
    return root


def _build(root: Path) -> dict[str, bytes]:
    ws = _workspace(root)
    code, out = run_cli(ws, "build", "--month", "2026-12", "--no-pdf", "--json")
    assert code == 0, out
    code, out = run_cli(ws, "issue", "qd-thu-lao-2026-05", "--number", "7", "--date", "2026-06-02",
                        "--no-pdf", "--json")
    assert code == 0, out
    files = sorted(p for folder in (ws / "outputs", ws / "ho-so-ban-hanh") for p in folder.rglob("*.xlsx"))
    return {str(p.relative_to(ws)): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    first = tmp_path_factory.mktemp("first")
    return first, _build(first), _build(tmp_path_factory.mktemp("second"))


def test_the_build_writes_the_expected_workbooks(builds):
    _, files, _ = builds
    names = {Path(n).name for n in files}
    assert {"vu_viec.loi.xlsx", "so-dang-ky-van-ban-di-2026.xlsx", "bc-hoa-giai-2026-nam.xlsx",
            "bc-de-an-2026.xlsx"} <= names


def test_every_workbook_opens_and_holds_no_formula(builds):
    root, files, _ = builds
    guarded = []
    for name in files:
        book = openpyxl.load_workbook(root / name)
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith(xlsx_writer.FORMULA_START):
                        assert cell.quotePrefix, (name, ws.title, cell.coordinate, cell.value)
                        guarded.append((Path(name).name, cell.value))
    # the clerk's formula-like notes reach the annotated copy as text
    assert sorted(v for n, v in guarded if n == "vu_viec.loi.xlsx") == sorted(INJECTED.values())


def test_the_same_build_twice_gives_the_same_bytes(builds):
    _, first, second = builds
    assert sorted(first) == sorted(second)
    differ = [n for n in first if hashlib.sha256(first[n]).digest() != hashlib.sha256(second[n]).digest()]
    assert differ == []


def test_a_formula_object_and_formula_text_are_written_as_text(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "=1+1"                      # set directly: openpyxl would store a formula
    ws.append(["-3", "@x", "+1", "ok", 5])
    xlsx_writer.save(wb, tmp_path / "a.xlsx")
    back = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    assert [(c.value, c.data_type, c.quotePrefix) for c in back[1]][:1] == [("=1+1", "s", True)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in back[2]] == [
        ("-3", "s", True), ("@x", "s", True), ("+1", "s", True), ("ok", "s", False), (5, "n", False)]
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_bytes_depend_on_the_content_only(tmp_path):
    from openpyxl import Workbook

    def book(text: str) -> bytes:
        wb = Workbook()
        wb.active["A1"] = text
        return xlsx_writer.to_bytes(wb)

    assert book("một") == book("một") != book("hai")


def test_no_workbook_is_saved_outside_the_writer():
    """Every `.save(` on a workbook in the package and the tools is the writer's."""
    offenders = []
    for path in sorted([*(ROOT / "hoagiai").rglob("*.py"), *(ROOT / "tools").rglob("*.py")]):
        if path.name == "xlsx_writer.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "save"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in ("wb", "book", "workbook")):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and node.module == "openpyxl.writer.excel":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
