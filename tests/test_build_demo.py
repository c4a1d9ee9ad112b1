"""End to end on a copy of the demo commune: a one-cell correction rebuilds only the documents
that show it; the monthly packet; a bad row blocks only its own document."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import run_cli
from pypdf import PdfReader


def _header(ws, name: str) -> tuple[int, dict[str, int]]:
    for r in range(1, 8):
        values = [c.value for c in ws[r]]
        if name in values:
            return r, {v: i + 1 for i, v in enumerate(values) if v}
    raise AssertionError(f"no header {name!r}")


def _edit_first(path: Path, where: dict, column: str, new) -> tuple[int, object]:
    """Set `column` of the first data row matching `where` (header -> predicate)."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    hrow, cols = _header(ws, column)
    for r in range(hrow + 1, ws.max_row + 1):
        if all(pred(ws.cell(r, cols[h]).value) for h, pred in where.items()):
            old = ws.cell(r, cols[column]).value
            ws.cell(r, cols[column]).value = new(old) if callable(new) else new
            wb.save(path)
            return r, old
    raise AssertionError("no matching row")


def _in_month(month: int):
    def pred(v) -> bool:
        if v is None:
            return False
        if hasattr(v, "month"):
            return v.month == month and v.year == 2026
        parts = str(v).split("/")
        return len(parts) == 3 and int(parts[1]) == month and parts[2] == "2026"
    return pred


def test_editing_one_case_summary_rebuilds_only_the_document_that_shows_it(demo_workspace):
    code, first = run_cli(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--json")
    assert code == 0, first
    assert all(d["state"] == "built" for d in first["documents"])
    row, old = _edit_first(demo_workspace / "inputs" / "vu_viec.xlsx",
                           {"Ngày kết thúc": _in_month(3), "Kết quả": lambda v: v == "Thành"},
                           "Nội dung tóm tắt", lambda v: f"{v} (đã sửa)")
    code, second = run_cli(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--json")
    assert code == 0
    changed = {d["id"]: d for d in second["documents"] if d["state"] != "unchanged"}
    assert list(changed) == ["qd-thu-lao-2026-03"]
    doc = changed["qd-thu-lao-2026-03"]
    assert doc["version"] == 2 and Path(doc["previous"]).name == "qd-thu-lao-2026-03.v1.docx"
    record = Path(doc["change"]).read_text(encoding="utf-8")
    assert f"dòng {row}, cột Nội dung tóm tắt" in record and f"{old} (đã sửa)" in record


def test_a_bad_row_blocks_only_its_decision(demo_workspace):
    _edit_first(demo_workspace / "inputs" / "hoa_giai_vien.xlsx",
                {"Ngày công nhận": _in_month(3)}, "Giới tính", "Nu")
    code, out = run_cli(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--json")
    assert code == 1
    states = {d["id"]: d["state"] for d in out["documents"]}
    assert states["qd-cong-nhan-2026-03"] == "blocked"
    assert states["qd-cong-nhan-2026-08"] == "built" and states["qd-thu-lao-2026-03"] == "built"
    blocked = next(d for d in out["documents"] if d["id"] == "qd-cong-nhan-2026-03")
    assert blocked["docx"] is None and blocked["reasons"]
    assert any(f["code"] == "invalid-enum" and f["column"] == "Giới tính" for f in out["findings"])


def test_monthly_packet_has_a_bookmark_per_document_and_marks_drafts_only(demo_workspace):
    code, out = run_cli(demo_workspace, "build", "--month", "2026-05", "--json")
    assert code == 0, out
    code, issued = run_cli(demo_workspace, "issue", "qd-thoi-2026-05", "--number", "7",
                           "--date", "2026-05-20", "--json")
    assert code == 0, issued
    code, out = run_cli(demo_workspace, "build", "--month", "2026-05", "--json")
    assert code == 0
    # the payment decision for April's cases is dated May (cases end up to the month's last day)
    in_may = [d for d in out["documents"] if d["pdf"] and d["id"] in
              ("ke-hoach-2026", "qd-thoi-2026-05", "qd-thu-lao-2026-04")]
    assert len(in_may) == 3
    reader = PdfReader(out["packet"])
    titles = [o.title for o in reader.outline]
    assert sorted(titles) == sorted(d["title"] for d in in_may)
    assert reader.metadata.author == "Ủy ban nhân dân xã An Thành"
    pages_by_title = {}
    for item in reader.outline:
        pages_by_title[item.title] = reader.get_destination_page_number(item)
    starts = sorted(pages_by_title.values()) + [len(reader.pages)]
    for d in in_may:
        first = pages_by_title[d["title"]]
        last = starts[starts.index(first) + 1]
        texts = [reader.pages[i].extract_text() for i in range(first, last)]
        marked = ["DỰ THẢO" in t for t in texts]
        if d["id"] == "qd-thoi-2026-05":
            assert not any(marked) and d["issued"]
        else:
            assert all(marked)


def test_the_register_refuses_a_number_already_used_that_year(demo_workspace):
    code, _ = run_cli(demo_workspace, "build", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0
    assert run_cli(demo_workspace, "issue", "qd-thoi-2026-05", "--number", "7", "--date", "2026-05-20",
                   "--no-pdf")[0] == 0
    code, _ = run_cli(demo_workspace, "issue", "qd-thu-lao-2026-05", "--number", "7", "--date",
                      "2026-06-02", "--no-pdf")
    assert code == 1
    # the refused document stays a draft and can take a free number
    assert run_cli(demo_workspace, "issue", "qd-thu-lao-2026-05", "--number", "8", "--date", "2026-06-02",
                   "--no-pdf")[0] == 0


def test_the_inspection_notice_cites_the_team_decision_by_number_once_issued(demo_workspace):
    from hoagiai import docx_text

    code, first = run_cli(demo_workspace, "build", "--month", "2026-11", "--no-pdf", "--json")
    assert code == 0
    notice = next(d for d in first["documents"] if d["id"] == "tb-kiem-tra-2026-11")
    assert "Thực hiện Quyết định của Chủ tịch" in docx_text.normalised(Path(notice["docx"]))
    assert run_cli(demo_workspace, "issue", "qd-doan-kiem-tra-2026", "--number", "12",
                   "--date", "2026-09-25", "--no-pdf")[0] == 0
    code, second = run_cli(demo_workspace, "build", "--month", "2026-11", "--no-pdf", "--json")
    changed = {d["id"]: d for d in second["documents"] if d["state"] == "built"}
    # the notice, and the yearly report listing the decision now by its number
    assert sorted(changed) == ["bc-hoa-giai-2026-nam", "tb-kiem-tra-2026-11"]
    text = docx_text.normalised(Path(changed["tb-kiem-tra-2026-11"]["docx"]))
    assert "Quyết định số 12/QĐ-UBND ngày 25 tháng 9 năm 2026 của Chủ tịch" in text
