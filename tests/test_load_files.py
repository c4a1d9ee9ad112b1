"""Loader, file level: headers, rows, sheets, CSV encodings, broken and hostile files; the
formats, names, merged cells and sheets clerks really have (issue 12, with the LibreOffice-made
files of tests/fixtures/), and the builds that must never be made from missing data."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
import shutil
import subprocess
import unicodedata
import zipfile

import openpyxl
import pandas as pd
import pytest

from conftest import run_cli
from hoagiai.annotate import write_annotated
from hoagiai.findings import Finding, Report
from hoagiai.load import load_all
from hoagiai.model import Inputs
from hoagiai.yearly_plan import load_plans
from load_fixtures import (DOAN_HEADERS, HGV_HEADERS, KQ_HEADERS, RULES, VV_HEADERS, codes, grid, hgv, load,
                           vv, write_csv, write_xlsx)


def test_clean_roster_round_trip_with_types(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, [
        hgv(), hgv(stt=2, ho_ten="Trần Văn Bình", gioi_tinh="Nam", chuc_danh="Tổ trưởng", ngay_sinh="1965",
                   chuyen_mon_luat="Có", dan_toc="Tày", so_cccd="031065000321")])})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert findings == []
    f = table.frame
    assert (table.dataset, table.file, table.sheet, table.encoding) == ("hoa_giai_vien", "hoa_giai_vien.xlsx",
                                                                        "Sheet1", None)
    assert f["_row"].tolist() == [2, 3]
    assert f["stt"].dtype == "Int64" and f["stt"].tolist() == [1, 2]
    assert f["ho_ten"].tolist() == ["Nguyễn Thị Lan", "Trần Văn Bình"]
    assert str(f["ngay_sinh"].dtype) == "datetime64[ns]"
    assert f["ngay_sinh"].iloc[0] == pd.Timestamp(1970, 5, 3) and pd.isna(f["ngay_sinh"].iloc[1])
    assert f["nam_sinh"].tolist() == [1970, 1965]
    assert f["gioi_tinh"].tolist() == ["Nữ", "Nam"]
    assert f["dan_toc"].tolist() == ["Kinh", "Tày"]                      # default Kinh
    assert f["to_hoa_giai"].tolist() == ["Tổ hòa giải thôn An Lại"] * 2  # default from Thôn
    assert f["chuyen_mon_luat"].dtype == "boolean" and f["chuyen_mon_luat"].tolist() == [False, True]
    assert f["nam_boi_duong"].tolist() == [2025, 2025]
    assert f["so_cccd"].tolist() == ["031170000123", "031065000321"]
    assert f["ngay_thoi"].isna().all() and f["ly_do_thoi"].isna().all()
    assert table.headers["ho_ten"] == "Họ và tên" and table.headers["nam_sinh"] == "Ngày sinh"


def test_header_under_title_rows_keeps_excel_row_numbers(tmp_path):
    lines = [["ỦY BAN NHÂN DÂN XÃ AN THÀNH"], ["DANH SÁCH HÒA GIẢI VIÊN"]] + grid(HGV_HEADERS, [hgv(), None,
                                                                                              hgv(gioi_tinh="Nu")])
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": lines})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert table.frame["_row"].tolist() == [4, 6]          # header on row 3, blank row 5 skipped
    assert codes(findings) == [("invalid-enum", 6, "Giới tính")]


def test_headers_match_in_nfd_other_case_spacing_and_old_tone_placement(tmp_path):
    odd = [unicodedata.normalize("NFD", h) for h in HGV_HEADERS]
    odd[1] = "  HỌ   VÀ TÊN "
    odd[6] = "Tổ hoà giải"
    odd[7] = "chức danh"
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": [odd, [hgv()[h] for h in HGV_HEADERS]]})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert findings == []
    assert table.frame["ho_ten"].tolist() == ["Nguyễn Thị Lan"]
    assert table.headers["ho_ten"] == "HỌ VÀ TÊN"            # as written (cleaned), NFC
    assert table.headers["to_hoa_giai"] == "Tổ hoà giải"
    assert all(unicodedata.is_normalized("NFC", h) for h in table.headers.values())


def test_extra_column_is_kept(tmp_path):
    row = hgv()
    row["Ghi chú riêng"] = "đã chuyển nhà"
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS + ["Ghi chú riêng"], [row])})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert findings == []
    assert table.frame["extra:Ghi chú riêng"].tolist() == ["đã chuyển nhà"]
    assert table.headers["extra:Ghi chú riêng"] == "Ghi chú riêng"


def test_blank_rows_are_skipped_and_row_numbers_stay_excel(tmp_path):
    rows = [hgv(), None, None, hgv(stt=2, ho_ten=None), None, hgv(stt=3)]
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, rows) + [["   "]]})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert table.frame["_row"].tolist() == [2, 5, 7]
    assert codes(findings) == [("required-missing", 5, "Họ và tên")]


def test_duplicated_header(tmp_path):
    headers = HGV_HEADERS + ["Giới tính"]
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(headers, [hgv()])})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("duplicate-header", 1, "Giới tính")]
    assert table.frame["gioi_tinh"].tolist() == ["Nữ"]


def test_missing_required_column(tmp_path):
    headers = [h for h in HGV_HEADERS if h != "Chức danh"]
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(headers, [hgv()])})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("missing-column", None, "Chức danh")]
    assert findings[0].severity == "error" and findings[0].file == "hoa_giai_vien.xlsx"
    assert table.frame["chuc_danh"].isna().all()       # the column exists, empty


def test_header_not_found(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": [["Danh sách"], ["a", "b", "c"], [1, 2, 3]]})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("header-not-found", None, None)]
    assert len(table) == 0 and "ho_ten" in table.frame.columns


def test_not_a_workbook(tmp_path):
    (tmp_path / "hoa_giai_vien.xlsx").write_bytes(bytes(range(256)) * 40)
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("unreadable-file", None, None)]
    assert len(table) == 0


def test_truncated_workbook(tmp_path):
    path = write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, [hgv()] * 50)})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("unreadable-file", None, None)]


def test_workbook_with_a_broken_part(tmp_path):
    with zipfile.ZipFile(tmp_path / "hoa_giai_vien.xlsx", "w") as zf:
        zf.writestr("[Content_Types].xml", "<not xml")
        zf.writestr("xl/workbook.xml", "garbage")
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("unreadable-file", None, None)]


def test_empty_workbook(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": []})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("empty-file", None, None)]
    assert findings[0].sheet == "Sheet1"


def test_file_too_large(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, [hgv()])})
    table, findings = load(tmp_path, "hoa_giai_vien", max_bytes=1000)
    assert codes(findings) == [("file-too-large", None, None)]
    assert len(table) == 0


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    with zipfile.ZipFile(tmp_path / "hoa_giai_vien.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    table, findings = load(tmp_path, "hoa_giai_vien", max_bytes=200_000)
    assert codes(findings) == [("suspicious-archive", None, None)]


def test_kiem_tra_reads_both_sheets(tmp_path):
    write_xlsx(tmp_path / "kiem_tra.xlsx", {
        unicodedata.normalize("NFD", "Kết quả"): grid(KQ_HEADERS, [
            {"Thôn": "An Lại", "Ngày kiểm tra": "12/05/2026", "Sổ theo dõi": "Có", "Xếp loại": "khá"}]),
        "Đoàn kiểm tra": grid(DOAN_HEADERS, [
            {"Họ và tên": "Nguyễn Đức Thắng", "Chức vụ, đơn vị": "Phó Chủ tịch UBND xã",
             "Nhiệm vụ trong đoàn": "Trưởng đoàn"}])})
    kq, f1 = load(tmp_path, "kiem_tra")
    doan, f2 = load(tmp_path, "doan_kiem_tra")
    assert f1 == [] and f2 == []
    assert kq.frame["xep_loai"].tolist() == ["Khá"] and kq.frame["so_theo_doi"].tolist() == [True]
    assert doan.sheet == "Đoàn kiểm tra" and doan.frame["nhiem_vu"].tolist() == ["Trưởng đoàn"]


def test_kiem_tra_missing_sheet(tmp_path):
    write_xlsx(tmp_path / "kiem_tra.xlsx", {"Kết quả": grid(KQ_HEADERS, [])})
    table, findings = load(tmp_path, "doan_kiem_tra")
    assert codes(findings) == [("missing-sheet", None, None)]
    assert findings[0].file == "kiem_tra.xlsx" and findings[0].dataset == "doan_kiem_tra"
    assert list(table.frame.columns) == ["ho_ten", "chuc_vu_don_vi", "nhiem_vu", "_row"]


def test_missing_file_is_an_error_with_an_empty_typed_table(tmp_path):
    table, findings = load(tmp_path, "vu_viec")
    assert [(f.code, f.severity, f.file) for f in findings] == [("missing-file", "error", "vu_viec.xlsx")]
    assert len(table) == 0
    assert str(table.frame["ngay_tiep_nhan"].dtype) == "datetime64[ns]"
    assert "hoa_giai_vien" in table.frame.columns


def test_xlsx_and_csv_side_by_side(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, [hgv()])})
    write_csv(tmp_path / "hoa_giai_vien.csv", grid(HGV_HEADERS, [hgv()]))
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("duplicate-input-file", None, None)]
    assert table.file == "hoa_giai_vien.xlsx" and len(table) == 1


def test_cp1258_csv_is_read_and_reported(tmp_path):
    rows = [hgv(ho_ten="Nguyễn Thị Hường", ngay_sinh="03/05/1970", ngay_cong_nhan="05/01/2024", thon="Đông Phan")]
    write_csv(tmp_path / "hoa_giai_vien.csv", [["Danh sách"]] + grid(HGV_HEADERS, rows), encoding="cp1258")
    assert b"H\xfd\xf5\xccng" in (tmp_path / "hoa_giai_vien.csv").read_bytes()  # "Hường": ư, ơ + combining grave
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert table.encoding == "cp1258" and table.sheet is None
    assert codes(findings) == [("csv-legacy-encoding", None, None)]
    assert table.frame["ho_ten"].tolist() == ["Nguyễn Thị Hường"]
    assert unicodedata.is_normalized("NFC", table.frame["ho_ten"].iloc[0])
    assert table.frame["thon"].tolist() == ["Đông Phan"]
    assert table.frame["_row"].tolist() == [3]            # line 1 title, line 2 header
    assert table.frame["ngay_sinh"].iloc[0] == pd.Timestamp(1970, 5, 3)


def test_utf8_bom_csv_with_semicolons(tmp_path):
    lines = grid(HGV_HEADERS, [hgv(ngay_sinh="1965", ngay_cong_nhan=None, so_cccd="001170000123")])
    text = "\n".join(";".join("" if v is None else str(v) for v in line) for line in lines)
    (tmp_path / "hoa_giai_vien.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert findings == []
    assert table.encoding == "utf-8-sig"
    assert table.frame["ho_ten"].tolist() == ["Nguyễn Thị Lan"] and table.headers["stt"] == "STT"
    assert table.frame["so_cccd"].tolist() == ["001170000123"]


def test_csv_numbers_wrong_line_is_the_file_line(tmp_path):
    text_dates = {"ngay_sinh": "3/5/1970", "ngay_cong_nhan": "05-01-2024"}
    write_csv(tmp_path / "hoa_giai_vien.csv", grid(HGV_HEADERS, [hgv(**text_dates), None,
                                                                 hgv(**{**text_dates, "ngay_sinh": "31/02/1970"})]))
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert codes(findings) == [("invalid-date", 4, "Ngày sinh")]
    assert findings[0].sheet is None and findings[0].file == "hoa_giai_vien.csv"


def test_kiem_tra_team_from_its_own_csv(tmp_path):
    write_csv(tmp_path / "kiem_tra.csv", grid(KQ_HEADERS, [{"Thôn": "An Lại", "Ngày kiểm tra": "12/05/2026",
                                                            "Xếp loại": "Tốt"}]))
    write_csv(tmp_path / "kiem_tra_doan.csv", grid(DOAN_HEADERS, [
        {"Họ và tên": "Lê Văn Hải", "Chức vụ, đơn vị": "Công chức Tư pháp, UBND xã",
         "Nhiệm vụ trong đoàn": "Thư ký"}]))
    kq, f1 = load(tmp_path, "kiem_tra")
    doan, f2 = load(tmp_path, "doan_kiem_tra")
    assert f1 == [] and f2 == []
    assert kq.file == "kiem_tra.csv" and doan.file == "kiem_tra_doan.csv"
    assert doan.frame["chuc_vu_don_vi"].tolist() == ["Công chức Tư pháp, UBND xã"]


def test_column_number_row_under_the_header_is_skipped(tmp_path):
    numbers = [f"({i})" for i in range(1, len(HGV_HEADERS) + 1)]
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": [HGV_HEADERS, numbers, [hgv()[h] for h in HGV_HEADERS]]})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert findings == [] and table.frame["_row"].tolist() == [3]


def test_load_all_returns_the_four_datasets(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, [hgv()])})
    tables, findings = load_all(tmp_path, RULES, today=dt.date(2026, 6, 1))
    assert set(tables) == {"hoa_giai_vien", "vu_viec", "kiem_tra", "doan_kiem_tra"}
    assert len(tables["hoa_giai_vien"]) == 1
    assert sorted((f.code, f.dataset) for f in findings) == [
        ("missing-file", "doan_kiem_tra"), ("missing-file", "kiem_tra"), ("missing-file", "vu_viec")]


def test_headers_typed_in_tcvn3_are_recognised_and_reported(tmp_path):
    to_tcvn3 = str.maketrans({"ọ": "ä", "à": "µ", "ê": "ª", "ớ": "í", "í": "Ý", "ộ": "é", "ô": "«", "ò": "ß",
                              "ả": "¶", "ứ": "ø", "Đ": "§", "ạ": "¹", "ể": "Ó", "ố": "è", "ã": "·", "ư": "\u00ad",
                              "ờ": "ê", "ụ": "ô", "ề": "Ò", "ế": "Õ", "ị": "Þ"})
    headers = [h.translate(to_tcvn3) for h in HGV_HEADERS]
    assert headers[1] == "Hä vµ tªn"
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": [headers, [hgv()[h] for h in HGV_HEADERS]]})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert ("legacy-encoding", 1, "Hä vµ tªn") in codes(findings)
    # headers this partial table leaves half-converted ("Ngµy c«ng nhận") match nothing: each is
    # a did-you-mean warning (optional columns), never silently ignored
    assert {f.code for f in findings} == {"legacy-encoding", "header-near-miss"}
    assert all(f.severity == "warning" for f in findings if f.code == "header-near-miss")
    assert table.frame["ho_ten"].tolist() == ["Nguyễn Thị Lan"] and table.headers["ho_ten"] == "Hä vµ tªn"


def test_big_workspaces_are_read_in_two_processes_with_the_same_result(monkeypatch):
    import pandas as pd

    from hoagiai.load import dataset

    root = Path(__file__).resolve().parents[1]
    seq_tables, seq_findings = dataset.load_all(root / "inputs", root / "rules")
    monkeypatch.setattr(dataset, "PARALLEL_FROM_BYTES", 0)   # treat the demo as big
    loading = dataset.start(root / "inputs", root / "rules")
    assert loading._pool is not None
    par_tables, par_findings = loading.result()
    assert par_findings == seq_findings
    assert list(par_tables) == list(seq_tables)
    for name, t in seq_tables.items():
        pd.testing.assert_frame_equal(par_tables[name].frame, t.frame)
        assert par_tables[name].headers == t.headers


# ============================================================== issue 12: files as clerks keep them

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT_INPUTS = Path(__file__).resolve().parents[1] / "inputs"
MERGED = ["vu_viec_merged.xlsx", "vu_viec_merged_lo.xlsx", "vu_viec_merged.xls", "vu_viec_merged.ods"]


def _put(tmp_path: Path, fixture: str, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(FIXTURES / fixture, target)
    return target


# --- 1. missing inputs are errors; a header-only workbook is "no cases yet" ---------------------

def test_header_only_workbook_is_a_valid_empty_dataset(tmp_path):
    write_xlsx(tmp_path / "vu_viec.xlsx", {"Vụ việc": [VV_HEADERS]})
    table, findings = load(tmp_path, "vu_viec")
    assert findings == [] and len(table) == 0


def test_missing_workbooks_are_unavailable_errors(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, [hgv()])})
    _, findings = load_all(tmp_path, RULES, today=dt.date(2026, 6, 1))
    assert sorted((f.code, f.severity, f.dataset) for f in findings) == [
        ("missing-file", "error", "doan_kiem_tra"), ("missing-file", "error", "kiem_tra"),
        ("missing-file", "error", "vu_viec")]
    assert "lệnh init" in findings[0].message


def test_plan_key_typo_names_the_key_and_line(tmp_path):
    text = (ROOT_INPUTS / "ke_hoach_2026.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "chi_dao:")
    lines[at] = lines[at].replace("chi_dao:", "chi_daoo:")
    (tmp_path / "ke_hoach_2026.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plans, findings = load_plans(tmp_path)
    assert plans == {}
    assert [(f.code, f.row, f.column) for f in findings] == [("plan-invalid", at + 1, "bao_cao_hoa_giai.6t.chi_daoo")]
    assert f"dòng {at + 1}, khóa `bao_cao_hoa_giai.6t.chi_daoo`" in findings[0].message


def test_plan_file_names_match_ignoring_case_and_near_misses_are_named(tmp_path):
    shutil.copyfile(ROOT_INPUTS / "ke_hoach_2026.yaml", tmp_path / "KE_HOACH_2026.yaml")
    shutil.copyfile(ROOT_INPUTS / "ke_hoach_2026.yaml", tmp_path / "Kế hoạch 2025.yaml")
    plans, findings = load_plans(tmp_path)
    assert list(plans) == [2026] and plans[2026].file == "ke_hoach_2026.yaml"
    assert [(f.code, f.file, f.value) for f in findings] == [("plan-misnamed", "Kế hoạch 2025.yaml", 2025)]
    assert "đổi tên tệp thành ke_hoach_2025.yaml" in findings[0].message


# --- 2. every spreadsheet format, same positions --------------------------------------------------

@pytest.mark.parametrize("fixture", MERGED)
def test_every_format_reads_the_same_rows_and_positions(tmp_path, fixture):
    _put(tmp_path, fixture, "vu_viec" + Path(fixture).suffix)
    table, findings = load(tmp_path, "vu_viec")
    assert table.sheet == "Vụ việc" and table.identity == "vu_viec.xlsx"
    assert table.frame["_row"].tolist() == [3, 4, 5, 6]
    assert table.frame["ma_vu_viec"].tolist() == ["VV-01", "VV-02", "VV-03", "VV-04"]
    assert table.frame["ngay_tiep_nhan"].iloc[1] == pd.Timestamp(2026, 3, 3)
    assert [(f.code, f.row, f.column) for f in findings] == [("merged-cells", 3, "Thôn"),
                                                             ("invalid-enum", 6, "Kết quả")]


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_annotated_copy_of_a_format_that_cannot_be_written_is_an_xlsx_saying_so(demo_workspace, suffix):
    inputs = demo_workspace / "inputs"
    (inputs / "vu_viec.xlsx").unlink()
    _put(inputs, "vu_viec_merged" + suffix, "vu_viec" + suffix)
    code, out = run_cli(demo_workspace, "validate", "--json")
    assert code == 1
    copy = Path(out["annotated"]["vu_viec" + suffix])
    assert copy.name == "vu_viec.loi.xlsx"
    wb = openpyxl.load_workbook(copy)
    assert wb["Vụ việc"]["K6"].fill.fgColor.rgb == "FFFF9C9C"          # invalid result, row 6
    notes = [c.value for row in wb["Lỗi"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(f"tệp gốc vu_viec{suffix} ở định dạng {suffix}" in v and "lưu dạng .xlsx" in v for v in notes)


# --- 3. file names as people type them ------------------------------------------------------------

def test_names_match_ignoring_case(tmp_path):
    _put(tmp_path, "vu_viec_merged.xlsx", "Vu_Viec.XLSX")
    table, findings = load(tmp_path, "vu_viec")
    assert table.file == "Vu_Viec.XLSX" and table.identity == "vu_viec.xlsx" and len(table) == 4


@pytest.mark.parametrize("dataset,name", [("vu_viec", "vu_viec (1).xlsx"), ("vu_viec", "vu viec.xlsx"),
                                          ("vu_viec", "Vụ việc.xlsx"), ("vu_viec", "vu_viec - Copy.ods"),
                                          ("vu_viec", unicodedata.normalize("NFD", "Vụ Việc.xls")),
                                          ("hoa_giai_vien", "hoa_giai_vien_2026.xlsx")])
def test_near_miss_is_named_in_an_error_and_never_read(tmp_path, dataset, name):
    _put(tmp_path, "vu_viec_merged.xlsx", name)
    table, findings = load(tmp_path, dataset)
    assert [(f.code, f.severity, f.value) for f in findings] == [("misnamed-file", "error", name)]
    assert f"“{name}”" in findings[0].message and "đổi tên thành" in findings[0].message
    assert len(table) == 0


def test_two_near_misses_are_never_guessed(tmp_path):
    _put(tmp_path, "vu_viec_merged.xlsx", "vu_viec (1).xlsx")
    _put(tmp_path, "vu_viec_merged.xlsx", "vu_viec (2).xlsx")
    table, findings = load(tmp_path, "vu_viec")
    assert [f.code for f in findings] == ["misnamed-file"]
    assert "“vu_viec (1).xlsx”, “vu_viec (2).xlsx”" in findings[0].message and "không tự đoán" in findings[0].message


def test_two_formats_of_one_workbook_are_an_error(tmp_path):
    _put(tmp_path, "vu_viec_merged.xlsx", "vu_viec.xlsx")
    _put(tmp_path, "vu_viec_merged.ods", "vu_viec.ods")
    _, findings = load(tmp_path, "vu_viec")
    assert ("duplicate-input-file", "error") in [(f.code, f.severity) for f in findings]


# --- 4. merged cells --------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", MERGED)
def test_merged_data_cells_apply_to_every_row_of_the_range(tmp_path, fixture):
    _put(tmp_path, fixture, "vu_viec" + Path(fixture).suffix)
    table, findings = load(tmp_path, "vu_viec")
    assert table.frame["thon"].tolist() == ["An Lại", "An Lại", "An Lại", "Đông Phan"]
    merged = [f for f in findings if f.code == "merged-cells"]
    assert merged[0].severity == "warning" and "C3:C5" in merged[0].message


def test_a_header_merged_down_makes_both_rows_the_header(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(VV_HEADERS)
    ws.append([None] * len(VV_HEADERS))
    ws.append([vv()[h] for h in VV_HEADERS])
    for col in "ABCDEFGHIJKLM":
        ws.merge_cells(f"{col}1:{col}2")
    wb.save(tmp_path / "vu_viec.xlsx")
    table, findings = load(tmp_path, "vu_viec")
    assert table.frame["_row"].tolist() == [3] and findings == []


def test_annotated_copy_marks_any_cell_of_a_merged_range(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _put(inputs, "vu_viec_merged.xlsx", "vu_viec.xlsx")
    table, _ = load(inputs, "vu_viec")
    report = Report()
    report.add(Finding(code="unknown-thon", severity="error", message="Thôn không có trong hồ sơ.",
                       file="vu_viec.xlsx", sheet="Vụ việc", row=4, column="Thôn", dataset="vu_viec"))
    unit = Inputs(profile=None, tables={"vu_viec": table}, plans={}, report=report)  # type: ignore[arg-type]  # unread
    written = write_annotated(inputs, unit, tmp_path / "out")
    ws = openpyxl.load_workbook(written["vu_viec.xlsx"])["Vụ việc"]
    assert ws["C4"].fill.fgColor.rgb == "FFFF9C9C" and "Thôn không có" in ws["C4"].comment.text
    assert [ws[f"C{r}"].value for r in (3, 4, 5)] == ["An Lại"] * 3


# --- 5. sheets ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["vu_viec_sheets.xlsx", "vu_viec_sheets.ods"])
def test_hidden_sheet_is_skipped_and_the_data_sheet_found_by_its_headers(tmp_path, fixture):
    _put(tmp_path, fixture, "vu_viec" + Path(fixture).suffix)
    table, findings = load(tmp_path, "vu_viec")
    assert table.sheet == "Vụ việc"
    assert table.frame["ma_vu_viec"].tolist() == ["VV-01", "VV-02"]
    assert findings == []


def test_a_hidden_old_sheet_placed_first_is_never_read(tmp_path):
    path = write_xlsx(tmp_path / "vu_viec.xlsx", {"Cũ": grid(VV_HEADERS, [vv(ma_vu_viec="VV-2025-01")]),
                                                  "Vụ việc": grid(VV_HEADERS, [vv()])})
    wb = openpyxl.load_workbook(path)
    wb["Cũ"].sheet_state = "hidden"
    wb.save(path)
    table, findings = load(tmp_path, "vu_viec")
    assert table.sheet == "Vụ việc" and table.frame["ma_vu_viec"].tolist() == ["VV-2026-001"]


def test_roster_split_over_two_sheets_is_an_error_not_half_read(tmp_path):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Thôn 1": grid(HGV_HEADERS, [hgv()]),
                                                 "Thôn 2": grid(HGV_HEADERS, [hgv(ho_ten="Trần Văn Bình")])})
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert [(f.code, f.severity) for f in findings] == [("split-sheets", "error")]
    assert "“Thôn 1”, “Thôn 2”" in findings[0].message and len(table) == 0


def test_data_only_on_a_hidden_sheet_is_an_error(tmp_path):
    path = write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Mới": [["ghi chú"]], "Cũ": grid(HGV_HEADERS, [hgv()])})
    wb = openpyxl.load_workbook(path)
    wb["Cũ"].sheet_state = "hidden"
    wb.save(path)
    table, findings = load(tmp_path, "hoa_giai_vien")
    assert [f.code for f in findings] == ["missing-sheet"] and "trang tính ẩn “Cũ”" in findings[0].message


# --- acceptance: the data loss of issue 12 cannot happen again --------------------------------------

REPORTS = ("bc-hoa-giai-2026-6t", "bc-hoa-giai-2026-nam", "bc-de-an-2026")


def _current(workspace: Path) -> dict[str, str]:
    folder = workspace / "outputs" / "2026"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.docx"))}


def _build(workspace: Path, *more: str) -> tuple[int, dict]:
    return run_cli(workspace, "build", "--month", "2026-12", "--no-pdf", "--json", *more)


def _soffice_ods(src: Path, target: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed to re-save the register as .ods"
    out = target.parent / "lo-out"
    subprocess.run([soffice, f"-env:UserInstallation={(target.parent / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "ods", "--outdir", str(out), str(src)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    shutil.move(str(out / (src.stem + ".ods")), target)


def test_case_register_removed_renamed_or_resaved_never_rewrites_a_report(demo_workspace):
    inputs = demo_workspace / "inputs"
    code, first = _build(demo_workspace)
    assert code == 0
    before = _current(demo_workspace)
    register = inputs / "vu_viec.xlsx"
    kept = demo_workspace / "vu_viec.xlsx"
    shutil.move(register, kept)

    # removed: every document reading the cases is blocked, nothing is rewritten
    code, out = _build(demo_workspace)
    states = {d["id"]: d for d in out["documents"]}
    assert code == 1
    for doc_id in REPORTS + ("qd-thu-lao-2026-03",):
        assert states[doc_id]["state"] == "blocked" and states[doc_id]["version"] == 1
        assert any("Không có tệp vu_viec.xlsx" in r for r in states[doc_id]["reasons"])
    assert states["qd-cong-nhan-2026-03"]["state"] == "unchanged"
    assert _current(demo_workspace) == before

    # renamed by a download: named in the error, still blocked
    shutil.copyfile(kept, inputs / "vu_viec (1).xlsx")
    code, out = _build(demo_workspace)
    assert code == 1 and {d["id"]: d["state"] for d in out["documents"]}["bc-hoa-giai-2026-nam"] == "blocked"
    assert any("“vu_viec (1).xlsx”" in f["message"] for f in out["findings"])
    assert _current(demo_workspace) == before

    # other capitals: the same data, the same fingerprints
    (inputs / "vu_viec (1).xlsx").rename(inputs / "Vu_Viec.xlsx")
    code, out = _build(demo_workspace)
    assert code == 0 and {d["state"] for d in out["documents"]} == {"unchanged"}
    assert _current(demo_workspace) == before

    # re-saved by LibreOffice Calc as .ods: read natively, nothing changes
    (inputs / "Vu_Viec.xlsx").unlink()
    _soffice_ods(kept, inputs / "vu_viec.ods")
    code, out = _build(demo_workspace)
    assert code == 0 and {d["state"] for d in out["documents"]} == {"unchanged"}
    assert len(out["documents"]) == len(first["documents"])
    assert _current(demo_workspace) == before


def test_broken_plan_blocks_the_documents_built_from_it(demo_workspace):
    code, _ = _build(demo_workspace)
    before = _current(demo_workspace)
    plan = demo_workspace / "inputs" / "ke_hoach_2026.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("\nbao_cao_de_an:", "\nbao_cao_de_ann:"),
                    encoding="utf-8")
    code, out = _build(demo_workspace)
    states = {d["id"]: d for d in out["documents"]}
    assert code == 1
    for doc_id in ("ke-hoach-2026",) + REPORTS:
        assert states[doc_id]["state"] == "blocked"
        assert any("khóa `bao_cao_de_ann`" in r and "dòng" in r for r in states[doc_id]["reasons"]), doc_id
    assert _current(demo_workspace) == before

    plan.unlink()   # a plan that was read before and is gone now: the same documents blocked
    code, out = _build(demo_workspace)
    states = {d["id"]: d for d in out["documents"]}
    assert code == 1
    for doc_id in ("ke-hoach-2026",) + REPORTS:
        assert states[doc_id]["state"] == "blocked" and states[doc_id]["version"] == 1, doc_id
        assert any("ke_hoach_2026.yaml" in r for r in states[doc_id]["reasons"]), doc_id
    assert _current(demo_workspace) == before


def test_build_doc_bc_de_an_without_a_plan_says_why(demo_workspace):
    (demo_workspace / "inputs" / "ke_hoach_2026.yaml").unlink()
    code, out = _build(demo_workspace, "--doc", "bc-de-an")
    assert code == 1
    [doc] = out["documents"]
    assert doc["state"] == "blocked" and "không có tệp ke_hoach_2026.yaml" in doc["reasons"][0]


def test_build_doc_before_its_month_says_why_nothing_was_built(demo_workspace):
    code, out = run_cli(demo_workspace, "build", "--month", "2026-05", "--doc", "bc-de-an", "--no-pdf", "--json")
    assert code == 0 and out["documents"] == []
    assert out["notes"] == ["Không có văn bản loại bc-de-an nào cần lập tính đến tháng 5/2026 (chưa có dữ liệu "
                            "cho văn bản này, hoặc chưa đến tháng lập theo lịch báo cáo)."]


def test_renaming_the_register_never_makes_an_issued_decision_stale(demo_workspace):
    code, _ = _build(demo_workspace)
    code, _ = run_cli(demo_workspace, "issue", "qd-thu-lao-2026-03", "--number", "3", "--date", "2026-04-03")
    assert code == 0
    (demo_workspace / "inputs" / "vu_viec.xlsx").rename(demo_workspace / "inputs" / "Vu_Viec.xlsx")
    code, out = _build(demo_workspace)
    doc = {d["id"]: d for d in out["documents"]}["qd-thu-lao-2026-03"]
    assert code == 0 and doc["issued"] is True and doc["state"] == "unchanged"
    assert {d["state"] for d in out["documents"]} == {"unchanged"}
