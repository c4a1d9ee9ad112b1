"""Spreadsheets as clerks keep them (issue 12 items 6, 7): headers without diacritics or with a
typo, footer rows below the table, ISO dates, formulas saved without their result, a CCCD
used twice. Real .xlsx files written with openpyxl."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from load_fixtures import HGV_HEADERS, RULES, codes, grid, hgv, load, write_xlsx


def roster_file(tmp_path, headers, rows, extra_lines=()):
    lines = grid(headers, rows) + [list(x) for x in extra_lines]
    return write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": lines})


def roster(tmp_path, headers=HGV_HEADERS, rows=None, extra_lines=()):
    rows = rows if rows is not None else [hgv()]
    roster_file(tmp_path, headers, rows, extra_lines)
    return load(tmp_path, "hoa_giai_vien")


def _rename(headers, old, new):
    return [new if h == old else h for h in headers]


def _row(headers, **by_header):
    base = hgv()
    return {h: base.get(h) if h in base else by_header.get(h) for h in headers} | by_header


# --- item 6: headers --------------------------------------------------------------------

def test_header_without_diacritics_is_read_with_a_warning_naming_the_column_letter(tmp_path):
    headers = _rename(_rename(HGV_HEADERS, "Họ và tên", "Ho va ten"), "Giới tính", "GIOI TINH")
    rows = [_row(headers, **{"Ho va ten": "Trần Thị Mai", "GIOI TINH": "Nữ"})]
    table, findings = roster(tmp_path, headers, rows)
    assert table.frame["ho_ten"].tolist() == ["Trần Thị Mai"]
    assert table.frame["gioi_tinh"].tolist() == ["Nữ"]
    assert sorted(codes(findings)) == [("header-without-diacritics", 1, "GIOI TINH"),
                                       ("header-without-diacritics", 1, "Ho va ten")]
    by_col = {f.column: f for f in findings}
    assert by_col["Ho va ten"].severity == "warning"
    assert "cột B “Ho va ten” được hiểu là “Họ và tên”" in by_col["Ho va ten"].message
    assert "cột D" in by_col["GIOI TINH"].message


def test_required_header_with_a_typo_is_a_did_you_mean_naming_the_column(tmp_path):
    headers = _rename(HGV_HEADERS, "Họ và tên", "Họ và tênn")
    rows = [_row(headers, **{"Họ và tênn": "Trần Thị Mai"})]
    table, findings = roster(tmp_path, headers, rows)
    missing = [f for f in findings if f.code == "missing-column"]
    assert [(f.severity, f.row, f.column, f.value) for f in missing] == [("error", 1, "Họ và tên", "Họ và tênn")]
    assert "Cột B có tiêu đề “Họ và tênn” — có phải là “Họ và tên”?" in missing[0].message
    assert table.frame["ho_ten"].isna().all()          # never guessed


def test_optional_header_with_a_typo_is_a_warning_with_the_suggestion(tmp_path):
    headers = _rename(HGV_HEADERS, "Điện thoại", "Điện thọai x")
    table, findings = roster(tmp_path, headers, [_row(headers)])
    assert codes(findings) == [("header-near-miss", 1, "Điện thọai x")]
    assert "Cột N" in findings[0].message and "“Điện thoại”" in findings[0].message


def test_unrelated_extra_header_gets_no_suggestion(tmp_path):
    headers = HGV_HEADERS + ["Ghi chú riêng của xã"]
    table, findings = roster(tmp_path, headers, [_row(headers)])
    assert findings == []


FOOTER = [
    [],
    ["Tổng cộng: 2 hòa giải viên"],
    [None, "An Thành, ngày 05 tháng 12 năm 2026"],
    [None, "Người lập biểu", None, None, None, None, None, "TM. ỦY BAN NHÂN DÂN"],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, "CHỦ TỊCH"],
    [],
    [None, "Nguyễn Thị Hoa", None, None, None, None, None, "Nguyễn Đức Thắng"],
]


def test_footer_rows_below_the_table_are_ignored(tmp_path):
    rows = [hgv(), hgv(ho_ten="Trần Văn Bình", gioi_tinh="Nam")]
    table, findings = roster(tmp_path, rows=rows, extra_lines=FOOTER)
    assert findings == []
    assert table.frame["ho_ten"].tolist() == ["Nguyễn Thị Lan", "Trần Văn Bình"]
    assert table.frame["_row"].tolist() == [2, 3]


def test_totals_row_with_numbers_and_a_date_line_are_footer(tmp_path):
    lines = [["Cộng", None, None, None, None, None, None, None, None, None, None, None, 2, 3],
             [None, None, None, None, None, None, None, None, "…, ngày … tháng … năm …"]]
    table, findings = roster(tmp_path, rows=[hgv()], extra_lines=lines)
    assert findings == [] and len(table.frame) == 1


def test_a_data_row_below_a_footer_looking_row_is_never_dropped(tmp_path):
    # "Tổng cộng" in the middle, then a real (incomplete) mediator row: everything stays data
    late = ["", "Lê Văn Cường", None, "Nam", None, "An Lại"]
    table, findings = roster(tmp_path, rows=[hgv()], extra_lines=[["Tổng cộng"], late])
    assert table.frame["_row"].tolist() == [2, 3, 4]
    assert ("required-missing", 4, "Chức danh") in codes(findings)
    assert table.frame["ho_ten"].tolist()[-1] == "Lê Văn Cường"


def test_trailing_sparse_rows_without_a_footer_phrase_stay_data(tmp_path):
    # an incomplete last row (name and thôn only) is data: reported, not dropped
    table, findings = roster(tmp_path, rows=[hgv()], extra_lines=[[None, "Lê Văn Cường", None, None, None, "An Lại"]])
    assert table.frame["_row"].tolist() == [2, 3]
    assert ("required-missing", 3, "Giới tính") in codes(findings)


def test_a_name_that_starts_like_a_title_is_data(tmp_path):
    # "Chủ tịch" alone is not a footer phrase: a roster row with only a title stays data
    table, findings = roster(tmp_path, rows=[hgv()],
                             extra_lines=[[None, None, None, None, None, None, None, "Chủ tịch", None]])
    assert table.frame["_row"].tolist() == [2, 3]


# --- item 7: values ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2024-01-05", "2024-1-5", "2024/01/05", "2024-01-05 00:00:00"])
def test_iso_dates_are_accepted(tmp_path, text):
    table, findings = roster(tmp_path, rows=[hgv(ngay_cong_nhan=text)])
    assert findings == []
    assert table.frame["ngay_cong_nhan"].iloc[0] == pd.Timestamp(2024, 1, 5)


def test_iso_date_that_does_not_exist_says_what_the_cell_holds(tmp_path):
    table, findings = roster(tmp_path, rows=[hgv(ngay_cong_nhan="2024-02-30")])
    assert codes(findings) == [("invalid-date", 2, "Ngày công nhận")]
    assert findings[0].value == "2024-02-30" and "“2024-02-30”" in findings[0].message


def test_a_rejected_value_is_never_called_missing(tmp_path):
    """A required cell holding something unusable: the finding says what it holds."""
    table, findings = roster(tmp_path, rows=[hgv(ngay_sinh="mùng 5", gioi_tinh="nu", chuc_danh="HGV")])
    got = codes(findings)
    assert ("required-missing", 2, "Ngày sinh") not in got and ("required-missing", 2, "Giới tính") not in got
    by_col = {f.column: f for f in findings}
    assert "“mùng 5”" in by_col["Ngày sinh"].message and "“nu”" in by_col["Giới tính"].message
    assert "“HGV”" in by_col["Chức danh"].message
    for f in findings:
        assert not f.message.startswith("Thiếu")


def test_formula_without_a_saved_result_says_to_open_and_save_the_file(tmp_path):
    path = tmp_path / "hoa_giai_vien.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HGV_HEADERS)
    ws.append([hgv()[h] for h in HGV_HEADERS])
    ws["C2"] = "=DATE(1970,5,3)"          # openpyxl stores the formula, not its result
    ws["B2"] = '=CONCATENATE("Nguyễn ","Lan")'
    wb.save(path)
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert sorted(codes(findings)) == [("formula-no-value", 2, "Họ và tên"), ("formula-no-value", 2, "Ngày sinh")]
    f = next(x for x in findings if x.column == "Ngày sinh")
    assert f.severity == "error" and f.value == "=DATE(1970,5,3)"
    assert "Excel" in f.message and "LibreOffice" in f.message and "lưu lại" in f.message
    assert all(x.code != "required-missing" for x in findings)


def test_formula_with_a_saved_result_is_read_as_its_value(tmp_path):
    from hoagiai.load.formulas import uncached

    path = tmp_path / "hoa_giai_vien.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(HGV_HEADERS)
    ws.append([hgv()[h] for h in HGV_HEADERS])
    ws["L2"] = "=2024+1"
    wb.save(path)
    assert uncached(path, "Danh sách") == {(1, 11): "=2024+1"}
    # what Excel or LibreOffice writes after saving: the formula and its cached value
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert "<f>2024+1</f><v></v>" in sheet or "<f>2024+1</f><v />" in sheet or "<f>2024+1</f>" in sheet
    sheet = sheet.replace("<f>2024+1</f><v></v>", "<f>2024+1</f><v>2025</v>").replace(
        "<f>2024+1</f><v />", "<f>2024+1</f><v>2025</v>")
    if "<v>2025</v>" not in sheet:
        sheet = sheet.replace("<f>2024+1</f>", "<f>2024+1</f><v>2025</v>")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert uncached(path, "Danh sách") == {}
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert findings == [] and table.frame["nam_boi_duong"].tolist() == [2025]


def test_duplicate_cccd_across_two_mediators_is_an_error_naming_both_rows(tmp_path):
    from hoagiai.validate import validate_workspace
    import shutil

    shutil.copytree(RULES.parent / "inputs", tmp_path / "inputs")
    path = tmp_path / "inputs" / "hoa_giai_vien.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ws["M5"] = ws["M3"].value
    wb.save(path)
    report = validate_workspace(tmp_path / "inputs", RULES, today=dt.date(2026, 11, 27)).report
    dup = [f for f in report.findings if f.code == "duplicate-cccd"]
    assert [(f.severity, f.row, f.column, f.value) for f in dup] == [("error", 5, "Số CCCD", ws["M3"].value)]
    assert "trùng với số ở dòng 3" in dup[0].message


def test_csv_without_diacritics_and_with_a_footer(tmp_path):
    lines = ["Ho va ten,Ngay sinh,Gioi tinh,Thon,Chuc danh",
             "Trần Thị Mai,05/03/1970,Nữ,An Lại,Hòa giải viên",
             "Tổng cộng: 1 người,,,,",
             ",,An Thành ngày 05 tháng 12 năm 2026,,",
             ",,Người lập biểu,,"]
    (tmp_path / "hoa_giai_vien.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert table.frame["ho_ten"].tolist() == ["Trần Thị Mai"]
    assert {f.code for f in findings} == {"header-without-diacritics"}
    assert len(findings) == 5 and all(f.row == 1 for f in findings)


def test_a_diacritic_free_form_shared_by_two_columns_names_neither(tmp_path):
    from hoagiai.load.spec import load_spec_file

    rule = tmp_path / "x.yaml"
    rule.write_text("""version: 1
du_lieu: thu
tep: thu
trang_tinh: 0
cot:
  - {khoa: a, tieu_de: "Ngày thôi", kieu: date}
  - {khoa: b, tieu_de: "Ngày thời", kieu: date}
  - {khoa: c, tieu_de: "Thôn", kieu: text}
""", encoding="utf-8")
    spec = load_spec_file(rule)[0]
    assert spec.column("a").aliases == () and spec.column("b").aliases == ()
    assert spec.column("c").aliases == ("thon",)
