"""Loader, cell level: dates, enumerations, required values, patterns, encodings."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pandas as pd
import pytest

from load_fixtures import HGV_HEADERS, VV_HEADERS, codes, grid, hgv, load, vv, write_xlsx


def roster(tmp_path, *rows, **kw):
    write_xlsx(tmp_path / "hoa_giai_vien.xlsx", {"Sheet1": grid(HGV_HEADERS, list(rows))})
    return load(tmp_path, "hoa_giai_vien", **kw)


def cases(tmp_path, *rows):
    write_xlsx(tmp_path / "vu_viec.xlsx", {"Vụ việc": grid(VV_HEADERS, list(rows))})
    return load(tmp_path, "vu_viec")


def test_wrong_enum_value_is_reported_with_a_suggestion(tmp_path):
    table, findings = roster(tmp_path, hgv(), hgv(gioi_tinh="Nu"))
    assert codes(findings) == [("invalid-enum", 3, "Giới tính")]
    assert findings[0].value == "Nu" and "“Nam” / “Nữ”" in findings[0].message and "“Nữ”?" in findings[0].message
    assert table.frame["gioi_tinh"].tolist() == ["Nữ", None]


def test_enum_matching_tolerates_case_tone_placement_and_aliases(tmp_path):
    table, findings = roster(tmp_path, hgv(gioi_tinh="NAM", chuc_danh="hoà giải viên"),
                             hgv(gioi_tinh=" nữ ", chuc_danh=unicodedata.normalize("NFD", "Tổ trưởng tổ hòa giải")))
    assert findings == []
    assert table.frame["gioi_tinh"].tolist() == ["Nam", "Nữ"]
    assert table.frame["chuc_danh"].tolist() == ["Hòa giải viên", "Tổ trưởng"]


def test_impossible_date(tmp_path):
    table, findings = roster(tmp_path, hgv(ngay_cong_nhan="31/02/2026"))
    assert codes(findings) == [("invalid-date", 2, "Ngày công nhận")]
    assert pd.isna(table.frame["ngay_cong_nhan"].iloc[0])


@pytest.mark.parametrize("text", ["2026-13-05", "2026-05", "03/05", "3 tháng 5 năm 2026", "May 3, 2026",
                                  "03/05/2026 abc", "1965"])
def test_text_date_in_another_format_is_never_guessed(tmp_path, text):
    table, findings = roster(tmp_path, hgv(ngay_cong_nhan=text))
    assert codes(findings) == [("invalid-date", 2, "Ngày công nhận")]
    assert pd.isna(table.frame["ngay_cong_nhan"].iloc[0])


def test_two_digit_year_is_ambiguous(tmp_path):
    table, findings = roster(tmp_path, hgv(ngay_sinh="5/3/65"))
    assert codes(findings) == [("ambiguous-date", 2, "Ngày sinh")]
    assert pd.isna(table.frame["nam_sinh"].iloc[0])


def test_accepted_date_forms(tmp_path):
    table, findings = roster(tmp_path, hgv(ngay_cong_nhan="5/1/2024"), hgv(ngay_cong_nhan="05-01-2024"),
                             hgv(ngay_cong_nhan="05.01.2024"), hgv(ngay_cong_nhan=dt.datetime(2024, 1, 5, 0, 0)))
    assert findings == []
    assert table.frame["ngay_cong_nhan"].tolist() == [pd.Timestamp(2024, 1, 5)] * 4


def test_birth_year_alone_is_accepted(tmp_path):
    table, findings = roster(tmp_path, hgv(ngay_sinh="1965"), hgv(ngay_sinh=1958))
    assert findings == []
    assert table.frame["ngay_sinh"].isna().all()
    assert table.frame["nam_sinh"].tolist() == [1965, 1958]


def test_missing_required_value(tmp_path):
    table, findings = roster(tmp_path, hgv(thon=None), hgv(ngay_sinh=None))
    assert codes(findings) == [("required-missing", 2, "Thôn"), ("required-missing", 3, "Ngày sinh")]
    severity = {f.column: f.severity for f in findings}
    assert severity == {"Thôn": "error", "Ngày sinh": "warning"}   # docs/domain.md, Decision 6: no age in law


def test_stop_date_without_reason(tmp_path):
    table, findings = roster(tmp_path, hgv(ngay_thoi="01/04/2026"),
                             hgv(ngay_thoi="01/04/2026", ly_do_thoi="Tự nguyện"))
    assert codes(findings) == [("required-if", 2, "Lý do thôi")]
    assert "Điều 11" in findings[0].basis
    assert table.frame["ly_do_thoi"].tolist() == [None, "Tự nguyện"]


def test_ended_case_without_end_date(tmp_path):
    table, findings = cases(tmp_path, vv(ngay_ket_thuc=None), vv(ket_qua="Hòa giải không thành", ngay_ket_thuc=None),
                            vv(ket_qua="Đang giải quyết", ngay_ket_thuc=None))
    assert codes(findings) == [("required-if", 2, "Ngày kết thúc"), ("required-if", 3, "Ngày kết thúc")]
    assert table.frame["ket_qua"].tolist() == ["Thành", "Không thành", "Đang giải quyết"]


def test_case_row_types(tmp_path):
    table, findings = cases(tmp_path, vv(hoa_giai_vien=" Nguyễn Thị Lan ;Trần  Văn Bình; ", thon="Đông Phan"))
    assert findings == []
    row = table.frame.iloc[0]
    assert row["hoa_giai_vien"] == ["Nguyễn Thị Lan", "Trần Văn Bình"]
    assert row["to_hoa_giai"] == "Tổ hòa giải thôn Đông Phan"
    assert row["ngay_tiep_nhan"] == pd.Timestamp(2026, 3, 5) and row["linh_vuc"] == "Đất đai"
    assert table.sheet == "Vụ việc"


def test_cccd_with_eleven_digits(tmp_path):
    table, findings = roster(tmp_path, hgv(so_cccd="03117000012"))
    assert codes(findings) == [("pattern-mismatch", 2, "Số CCCD")]
    assert findings[0].severity == "error" and "Căn cước" in findings[0].basis


def test_nine_digit_cmnd_is_a_warning_from_2025(tmp_path):
    table, findings = roster(tmp_path, hgv(so_cccd="012345678"))
    assert codes(findings) == [("cccd-old-cmnd", 2, "Số CCCD")]
    assert findings[0].severity == "warning"
    assert table.frame["so_cccd"].tolist() == ["012345678"]
    _, before = roster(tmp_path, hgv(so_cccd="012345678"), today=dt.date(2024, 12, 31))
    assert before == []


def test_leading_zero_is_kept_for_text_cells(tmp_path):
    table, findings = roster(tmp_path, hgv(dien_thoai="0912345678", so_cccd="001170000123"))
    assert findings == []
    assert table.frame["dien_thoai"].tolist() == ["0912345678"]
    assert table.frame["so_cccd"].tolist() == ["001170000123"]


def test_numeric_cells_that_lost_their_leading_zero(tmp_path):
    table, findings = roster(tmp_path, hgv(so_cccd=31170000123, dien_thoai=912345678))
    assert codes(findings) == [("leading-zero-lost", 2, "Số CCCD"), ("leading-zero-lost", 2, "Điện thoại")]
    assert all(f.severity == "warning" for f in findings)
    assert table.frame["so_cccd"].tolist() == ["031170000123"]
    assert table.frame["dien_thoai"].tolist() == ["0912345678"]


def test_tcvn3_name(tmp_path):
    table, findings = roster(tmp_path, hgv(ho_ten="NguyÔn ThÞ H­êng"))
    assert codes(findings) == [("legacy-encoding", 2, "Họ và tên")]
    assert "TCVN3" in findings[0].message and "“Nguyễn Thị Hường”" in findings[0].message


def test_vni_name(tmp_path):
    table, findings = roster(tmp_path, hgv(ho_ten="Nguyeãn Vaên Ñöùc"))
    assert codes(findings) == [("legacy-encoding", 2, "Họ và tên")]
    assert "VNI" in findings[0].message and "“Nguyễn Văn Đức”" in findings[0].message


def test_legacy_encoded_enum_value(tmp_path):
    table, findings = roster(tmp_path, hgv(gioi_tinh="N÷"))
    assert codes(findings) == [("legacy-encoding", 2, "Giới tính")]
    assert "“Nữ”" in findings[0].message


def test_nfd_name_is_accepted_and_stored_nfc(tmp_path):
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    table, findings = roster(tmp_path, hgv(ho_ten=name, thon="  Đông   Phan "))
    assert findings == []
    assert table.frame["ho_ten"].tolist() == ["Nguyễn Thị Hường"]
    assert table.frame["thon"].tolist() == ["Đông Phan"]


def test_eth_is_folded_to_d_with_stroke(tmp_path):
    table, findings = roster(tmp_path, hgv(ho_ten="Nguyễn \u00d0ức Thắng", thon="\u00d0ông Phan"))
    assert findings == []
    assert table.frame["ho_ten"].tolist() == ["Nguyễn Đức Thắng"]
    assert table.frame["to_hoa_giai"].tolist() == ["Tổ hòa giải thôn Đông Phan"]


def test_numbers_and_yes_no(tmp_path):
    table, findings = roster(tmp_path, hgv(nam_boi_duong="năm ngoái", stt="a"),
                             hgv(nam_boi_duong="2024", chuyen_mon_luat="có"), hgv(chuyen_mon_luat="Chưa"))
    assert codes(findings) == [("invalid-enum", 4, "Chuyên môn luật"), ("invalid-number", 2, "Năm bồi dưỡng"),
                               ("invalid-number", 2, "STT")]
    assert {f.column: f.severity for f in findings if f.code == "invalid-number"} == {
        "Năm bồi dưỡng": "error", "STT": "warning"}
    assert table.frame["nam_boi_duong"].tolist()[1] == 2024
    assert table.frame["chuyen_mon_luat"].tolist() == [False, True, pd.NA]


def test_every_finding_names_dataset_file_and_sheet(tmp_path):
    _, findings = roster(tmp_path, hgv(gioi_tinh="x", ngay_sinh="x", so_cccd="x", ngay_thoi="01/01/2026"))
    assert len(findings) == 4
    assert {(f.dataset, f.file, f.sheet) for f in findings} == {("hoa_giai_vien", "hoa_giai_vien.xlsx", "Sheet1")}
    assert all(unicodedata.is_normalized("NFC", f.message) for f in findings)
