"""Loader, file level: headers, rows, sheets, CSV encodings, broken and hostile files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
import unicodedata
import zipfile

import pandas as pd

from hoagiai.load import load_all
from load_fixtures import (DOAN_HEADERS, HGV_HEADERS, KQ_HEADERS, RULES, codes, grid, hgv, load, write_csv,
                           write_xlsx)


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


def test_missing_file_is_a_warning_with_an_empty_typed_table(tmp_path):
    table, findings = load(tmp_path, "vu_viec")
    assert [(f.code, f.severity, f.file) for f in findings] == [("missing-file", "warning", "vu_viec.xlsx")]
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
