"""Annotated copies: red/yellow cells with comments, a `Lỗi` sheet with links, no formulas."""

from __future__ import annotations

import io

import openpyxl
import pytest
from rich.console import Console

from hoagiai.findings import Finding, Report
from hoagiai.model import Inputs
from hoagiai.annotate import write_annotated
from hoagiai.cli.views.validate import print_report, summary
from validate_fixtures import case, profile, table

HEADER = ["Mã vụ việc", "Ngày tiếp nhận", "Thôn", "Hòa giải viên", "Kết quả", "Ngày kết thúc"]


@pytest.fixture
def workspace(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["SỔ THEO DÕI VỤ VIỆC HÒA GIẢI XÃ AN THÀNH"])         # row 1: title
    ws.append(HEADER)                                              # row 2: header
    ws.append(["VV-01", "02/03/2026", "An Lại", "Nguyễn Thị Hoa", "Thành", "05/03/2026"])
    ws.append(["=1+1", "03/03/2026", "Xóm Mới", "Bùi Văn Khách", "Thành", "01/03/2026"])
    ws["G3"] = "=SUM(1,2)"                                          # a real formula of the clerk
    wb.save(inputs / "vu_viec.xlsx")
    return inputs


def make_inputs(findings):
    t = table("vu_viec", [case("VV-01"), case("=1+1")])
    return Inputs(profile=profile(), tables={"vu_viec": t}, plans={}, report=Report(list(findings)))


def f(code, row, column, severity="error", value=None, message="Thông báo"):
    return Finding(code, severity, message, file="vu_viec.xlsx", sheet="Sheet1", row=row, column=column,
                   value=value, basis="Luật Hòa giải ở cơ sở 2013, Điều 23", dataset="vu_viec")


FINDINGS = [
    f("date-order", 4, "Ngày kết thúc", message="Ngày kết thúc sớm hơn Ngày tiếp nhận."),
    f("unknown-thon", 4, "Thôn", value="Xóm Mới", message="Thôn không có trong hồ sơ."),
    f("missing-mediation-ground", 3, "Hòa giải viên", severity="warning", message="Cảnh báo thử."),
    f("team-missing", None, "Thôn", severity="warning", message="Thôn Đông Phan chưa có tổ hòa giải."),
    f("duplicate-case-code", 4, "Mã vụ việc", value="=1+1", message="=HYPERLINK(\"x\") trùng mã"),
]


def test_bad_cells_are_red_with_the_message_in_a_comment(workspace, tmp_path):
    out = tmp_path / "outputs"
    written = write_annotated(workspace, make_inputs(FINDINGS), out)
    assert written == {"vu_viec.xlsx": str(out / "vu_viec.loi.xlsx")}
    ws = openpyxl.load_workbook(out / "vu_viec.loi.xlsx")["Sheet1"]
    assert ws["F4"].fill.fgColor.rgb == "FFFF9C9C"                 # error: red
    assert "Ngày kết thúc sớm hơn" in ws["F4"].comment.text
    assert ws["C4"].fill.fgColor.rgb == "FFFF9C9C" and "không có trong hồ sơ" in ws["C4"].comment.text
    assert ws["D3"].fill.fgColor.rgb == "FFFFEB84"                 # warning: yellow
    assert "[Cảnh báo]" in ws["D3"].comment.text
    assert ws["E4"].comment is None and ws["E4"].fill.fgColor.rgb != "FFFF9C9C"


def test_whole_group_finding_sits_on_the_header_cell(workspace, tmp_path):
    write_annotated(workspace, make_inputs(FINDINGS), tmp_path / "out")
    ws = openpyxl.load_workbook(tmp_path / "out" / "vu_viec.loi.xlsx")["Sheet1"]
    assert ws["C2"].value == "Thôn" and "Đông Phan" in ws["C2"].comment.text
    assert ws["C2"].fill.fgColor.rgb == "FFFFEB84"


def test_error_sheet_lists_findings_with_links_to_the_cells(workspace, tmp_path):
    write_annotated(workspace, make_inputs(FINDINGS), tmp_path / "out")
    wb = openpyxl.load_workbook(tmp_path / "out" / "vu_viec.loi.xlsx")
    assert wb.sheetnames == ["Sheet1", "Lỗi"]
    ws = wb["Lỗi"]
    assert [c.value for c in ws[1]] == ["Tệp", "Trang tính", "Dòng", "Cột", "Mã", "Mức độ", "Giá trị",
                                        "Nội dung", "Căn cứ"]
    rows = {(r[4].value, r[2].value): r for r in ws.iter_rows(min_row=2)}
    assert len(rows) == 5
    end = rows[("date-order", 4)]
    assert end[5].value == "Lỗi" and end[8].value == "Luật Hòa giải ở cơ sở 2013, Điều 23"
    assert end[7].hyperlink.location == "'Sheet1'!F4"
    assert rows[("team-missing", None)][7].hyperlink.location == "'Sheet1'!C2"


def test_formula_looking_values_are_stored_as_text(workspace, tmp_path):
    write_annotated(workspace, make_inputs(FINDINGS), tmp_path / "out")
    wb = openpyxl.load_workbook(tmp_path / "out" / "vu_viec.loi.xlsx")
    dup = [r for r in wb["Lỗi"].iter_rows(min_row=2) if r[4].value == "duplicate-case-code"][0]
    assert dup[6].value == "=1+1" and dup[6].data_type == "s"
    assert dup[7].value.startswith("=HYPERLINK") and dup[7].data_type == "s"
    sheet = wb["Sheet1"]
    assert sheet["A4"].value == "=1+1" and sheet["A4"].data_type == "s"
    assert sheet["G3"].data_type == "s"                           # the clerk's formula, not executed
    for ws in wb.worksheets:
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_original_is_untouched_and_stale_copies_removed(workspace, tmp_path):
    before = (workspace / "vu_viec.xlsx").read_bytes()
    out = tmp_path / "out"
    write_annotated(workspace, make_inputs(FINDINGS), out)
    assert (workspace / "vu_viec.xlsx").read_bytes() == before
    inputs = make_inputs([])
    assert write_annotated(workspace, inputs, out) == {}
    assert not (out / "vu_viec.loi.xlsx").exists()
    assert sorted(p.name for p in out.iterdir()) == []             # no temporary file left


def test_csv_input_becomes_an_xlsx_copy(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "vu_viec.csv").write_text(
        "Mã vụ việc;Ngày tiếp nhận;Thôn\nVV-01;02/03/2026;Xóm Mới\n=2+2;03/03/2026;An Lại\n", encoding="utf-8-sig")
    t = table("vu_viec", [case("VV-01")], first_row=2)
    t.file, t.sheet = "vu_viec.csv", None
    finding = Finding("unknown-thon", "error", "Thôn không có.", file="vu_viec.csv", sheet=None, row=2,
                      column="Thôn", value="Xóm Mới", dataset="vu_viec")
    written = write_annotated(inputs, Inputs(profile(), {"vu_viec": t}, {}, Report([finding])), tmp_path / "out")
    wb = openpyxl.load_workbook(written["vu_viec.csv"])
    ws = wb.worksheets[0]
    assert ws["C2"].value == "Xóm Mới" and ws["C2"].fill.fgColor.rgb == "FFFF9C9C"
    assert ws["A3"].value == "=2+2" and ws["A3"].data_type == "s"
    assert wb["Lỗi"]["H2"].hyperlink.location == f"'{ws.title}'!C2"


def test_report_view_groups_by_file_and_counts_in_vietnamese():
    report = Report([f("date-order", 4, "Ngày kết thúc"), f("late-start", 3, "Ngày bắt đầu", severity="warning")])
    report.annotated = {"vu_viec.xlsx": "outputs/vu_viec.loi.xlsx"}
    buf = io.StringIO()
    print_report(report, Console(file=buf, width=160, color_system=None))
    text = buf.getvalue()
    assert "vu_viec.xlsx" in text and "date-order" in text and "Cảnh báo" in text
    assert "1 lỗi, 1 cảnh báo" in text and "outputs/vu_viec.loi.xlsx" in text
    assert summary(Report()) == "Không có lỗi, không có cảnh báo."
