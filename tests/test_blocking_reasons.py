"""A blocked document says why as data: `blocking` in `build --json` carries each blocking
finding's code, file, sheet, row and column beside the message people read (`reasons`)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import run_cli

from hoagiai.documents.reasons import GROUND_NOT_IN_LAW, Reason


def _set_first(path: Path, column: str, where: str, pred, value) -> tuple[int, str]:
    """Set `column` of the first data row whose `where` cell satisfies `pred`: (row, sheet)."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for hrow in range(1, 8):
        cols = {c.value: c.column for c in ws[hrow] if c.value}
        if column in cols and where in cols:
            break
    else:
        raise AssertionError(f"no header {column!r}")
    for r in range(hrow + 1, ws.max_row + 1):
        if pred(ws.cell(r, cols[where]).value):
            ws.cell(r, cols[column]).value = value
            wb.save(path)
            return r, ws.title
    raise AssertionError("no matching row")


def _in_march(v) -> bool:
    return v is not None and (hasattr(v, "month") and (v.year, v.month) == (2026, 3)
                              or str(v).endswith("/03/2026"))


def _doc(out: dict, doc_id: str) -> dict:
    return next(d for d in out["documents"] if d["id"] == doc_id)


def test_a_broken_cell_blocks_with_the_finding_as_data(demo_workspace):
    row, sheet = _set_first(demo_workspace / "inputs" / "hoa_giai_vien.xlsx", "Giới tính",
                            "Ngày công nhận", _in_march, "Nu")
    code, out = run_cli(demo_workspace, "build", "--doc", "qd-cong-nhan", "--month", "2026-03",
                        "--no-pdf", "--json")
    assert code == 1, out
    doc = _doc(out, "qd-cong-nhan-2026-03")
    assert doc["state"] == "blocked"
    entry = next(b for b in doc["blocking"] if b["code"] == "invalid-enum")
    assert entry == {"code": "invalid-enum", "file": "hoa_giai_vien.xlsx", "sheet": sheet, "row": row,
                     "column": "Giới tính", "message": entry["message"]}
    assert entry["message"].startswith(f"hoa_giai_vien.xlsx, trang {sheet}, dòng {row}, cột Giới tính: ")
    # `reasons` stays the list of messages, one per blocking entry, in the same order
    assert doc["reasons"] == [b["message"] for b in doc["blocking"]]
    finding = next(f for f in out["findings"] if f["code"] == "invalid-enum" and f["row"] == row)
    assert entry["message"].endswith(finding["message"])


def test_an_unchanged_rebuild_reports_the_same_blocking_entries(demo_workspace):
    _set_first(demo_workspace / "inputs" / "hoa_giai_vien.xlsx", "Giới tính", "Ngày công nhận", _in_march, "Nu")
    args = ("build", "--doc", "qd-cong-nhan", "--month", "2026-12", "--no-pdf", "--json")
    _, first = run_cli(demo_workspace, *args)
    code, again = run_cli(demo_workspace, *args)
    assert code == 1
    assert _doc(again, "qd-cong-nhan-2026-03")["blocking"] == _doc(first, "qd-cong-nhan-2026-03")["blocking"]
    built = [d for d in again["documents"] if d["state"] != "blocked"]
    assert built and all(d["blocking"] == [] for d in built)


def test_a_reason_of_the_kinds_own_check_has_its_own_code(demo_workspace):
    """qd-thoi refuses a ground for leaving that Điều 11 khoản 1 does not list: no validation
    finding stands behind it, the kind's code does."""
    path = demo_workspace / "inputs" / "hoa_giai_vien.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    hrow = next(r for r in range(1, 8) if "Lý do thôi" in [c.value for c in ws[r]])
    col = {c.value: c.column for c in ws[hrow]}["Lý do thôi"]
    row = next(r for r in range(hrow + 1, ws.max_row + 1) if ws.cell(r, col).value)
    ws.cell(row, col).value = "Chuyển công tác"
    wb.save(path)
    code, out = run_cli(demo_workspace, "build", "--doc", "qd-thoi", "--month", "2026-12", "--no-pdf", "--json")
    mine = {b["code"]: b for d in out["documents"] for b in d["blocking"] if b["row"] == row}
    assert code == 1, out
    # the validation finding (the value is not in the column's list) and the kind's own check
    assert set(mine) == {"invalid-enum", GROUND_NOT_IN_LAW}
    own = mine[GROUND_NOT_IN_LAW]
    assert own["file"] == "hoa_giai_vien.xlsx" and own["column"] == "Lý do thôi"
    assert own["message"].startswith(f"hoa_giai_vien.xlsx, dòng {row}, cột Lý do thôi: lý do thôi ")
    assert "khoản 1 Điều 11 Luật Hòa giải ở cơ sở" in own["message"]


def test_a_reason_names_its_place_only_in_its_message():
    r = Reason("x-code", "Ngày không hợp lệ.", file="vu_viec.xlsx", sheet="Sheet1", row=13, column="Ghi chú")
    assert r.message == "vu_viec.xlsx, trang Sheet1, dòng 13, cột Ghi chú: Ngày không hợp lệ."
    assert Reason("x", "Thiếu tệp.", file="a.csv", sheet="a", row=2).message == "a.csv, trang a, dòng 2: Thiếu tệp."
    assert Reason("x", "Chưa có kế hoạch.", file="ke_hoach_2026.yaml", placed=False).message == "Chưa có kế hoạch."
    lead = Reason("x", "thiếu nữ.", file="hoa_giai_vien.xlsx", lead="Ngày 01/09/2026")
    assert lead.message == "Ngày 01/09/2026 — hoa_giai_vien.xlsx: thiếu nữ."
    assert lead.to_dict() == {"code": "x", "file": "hoa_giai_vien.xlsx", "sheet": None, "row": None,
                              "column": None, "message": lead.message}
