"""Hand-built tables for the validation tests (what hoagiai.load produces, without files)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hoagiai.model import Table
from hoagiai.unit_profile import Profile, Signer, Thon

HEADERS = {
    "hoa_giai_vien": {
        "stt": "STT", "ho_ten": "Họ và tên", "ngay_sinh": "Ngày sinh", "nam_sinh": "Ngày sinh",
        "gioi_tinh": "Giới tính", "dan_toc": "Dân tộc", "thon": "Thôn", "to_hoa_giai": "Tổ hòa giải",
        "chuc_danh": "Chức danh", "ngay_cong_nhan": "Ngày công nhận",
        "so_qd_cong_nhan": "Số quyết định công nhận", "chuyen_mon_luat": "Chuyên môn luật",
        "nam_boi_duong": "Năm bồi dưỡng", "so_cccd": "Số CCCD", "dien_thoai": "Điện thoại",
        "ngay_thoi": "Ngày thôi", "ly_do_thoi": "Lý do thôi",
        "van_ban_de_nghi": "Văn bản đề nghị công nhận", "ngay_de_nghi": "Ngày đề nghị công nhận",
        "so_phieu_to_truong": "Số phiếu bầu tổ trưởng", "so_hgv_bau_to_truong": "Số hòa giải viên của tổ",
        "van_ban_de_nghi_thoi": "Văn bản đề nghị thôi", "ngay_de_nghi_thoi": "Ngày đề nghị thôi"},
    "vu_viec": {
        "ma_vu_viec": "Mã vụ việc", "ngay_tiep_nhan": "Ngày tiếp nhận", "thon": "Thôn",
        "to_hoa_giai": "Tổ hòa giải", "linh_vuc": "Lĩnh vực", "noi_dung": "Nội dung tóm tắt",
        "can_cu": "Căn cứ hòa giải", "hoa_giai_vien": "Hòa giải viên", "ngay_phan_cong": "Ngày phân công",
        "ngay_bat_dau": "Ngày bắt đầu", "ket_qua": "Kết quả", "ngay_ket_thuc": "Ngày kết thúc",
        "ghi_chu": "Ghi chú"},
    "kiem_tra": {
        "thon": "Thôn", "ngay_kiem_tra": "Ngày kiểm tra", "so_theo_doi": "Sổ theo dõi",
        "xep_loai": "Xếp loại", "uu_diem": "Ưu điểm", "ton_tai": "Tồn tại, hạn chế",
        "kien_nghi": "Kiến nghị", "han_khac_phuc": "Hạn khắc phục", "dot_kiem_tra": "Đợt kiểm tra"},
    "doan_kiem_tra": {"ho_ten": "Họ và tên", "chuc_vu_don_vi": "Chức vụ, đơn vị",
                      "nhiem_vu": "Nhiệm vụ trong đoàn"},
}
FILES = {"hoa_giai_vien": ("hoa_giai_vien.xlsx", "Sheet1"), "vu_viec": ("vu_viec.xlsx", "Sheet1"),
         "kiem_tra": ("kiem_tra.xlsx", "Kết quả"), "doan_kiem_tra": ("kiem_tra.xlsx", "Đoàn kiểm tra")}
DATES = {"ngay_sinh", "ngay_cong_nhan", "ngay_thoi", "ngay_tiep_nhan", "ngay_phan_cong",
         "ngay_bat_dau", "ngay_ket_thuc", "ngay_kiem_tra", "han_khac_phuc", "ngay_de_nghi",
         "ngay_de_nghi_thoi"}
INTS = {"nam_sinh", "nam_boi_duong", "stt", "so_phieu_to_truong", "so_hgv_bau_to_truong"}
BOOLS = {"chuyen_mon_luat", "so_theo_doi"}
FIRST_ROW = 3  # a title row, then the header row, then data

THON = ["An Lại", "Đông Phan", "Thượng Đạt"]


def profile(thon=THON, dtts=()) -> Profile:
    return Profile(ten_don_vi="Ủy ban nhân dân xã An Thành", dia_danh="An Thành",
                   thon=tuple(Thon(t, t in dtts) for t in thon),
                   nguoi_ky=(Signer("Nguyễn Đức Thắng", "Phó Chủ tịch"),))


def table(dataset: str, rows: list[dict], first_row: int = FIRST_ROW) -> Table:
    cols = list(HEADERS[dataset])
    data = {c: [r.get(c) for r in rows] for c in cols}
    frame = pd.DataFrame(index=range(len(rows)))
    for c in cols:
        if c in DATES:
            frame[c] = pd.to_datetime(pd.Series(data[c], dtype=object), dayfirst=False).astype("datetime64[ns]")
        elif c in INTS:
            frame[c] = pd.array(data[c], dtype="Int64")
        elif c in BOOLS:
            frame[c] = pd.array(data[c], dtype="boolean")
        else:
            frame[c] = pd.Series(data[c], dtype=object)
    frame["_row"] = list(range(first_row, first_row + len(rows)))
    file, sheet = FILES[dataset]
    return Table(dataset, file, sheet, frame, headers=dict(HEADERS[dataset]))


def person(ho_ten, thon="An Lại", gioi_tinh="Nam", chuc_danh="Hòa giải viên", nam_sinh=1970,
           ngay_cong_nhan="2024-03-01", **kw) -> dict:
    return {"ho_ten": ho_ten, "thon": thon, "gioi_tinh": gioi_tinh, "chuc_danh": chuc_danh,
            "nam_sinh": nam_sinh, "ngay_cong_nhan": ngay_cong_nhan, "dan_toc": "Kinh", **kw}


def team(thon: str, prefix: str) -> list[dict]:
    """A valid team: a leader, a woman, one more mediator, all recognised in 2024."""
    return [person(f"{prefix} Văn Trưởng", thon, chuc_danh="Tổ trưởng"),
            person(f"{prefix} Thị Hoa", thon, gioi_tinh="Nữ", nam_sinh=1975),
            person(f"{prefix} Văn Minh", thon, nam_sinh=1980)]


def valid_roster() -> list[dict]:
    return team("An Lại", "Nguyễn") + team("Đông Phan", "Trần") + team("Thượng Đạt", "Lê")


def case(ma, thon="An Lại", hoa_giai_vien=("Nguyễn Thị Hoa",), ngay_tiep_nhan="2026-03-02",
         ket_qua="Thành", **kw) -> dict:
    row = {"ma_vu_viec": ma, "thon": thon, "hoa_giai_vien": list(hoa_giai_vien),
           "ngay_tiep_nhan": ngay_tiep_nhan, "linh_vuc": "Đất đai", "noi_dung": "Tranh chấp lối đi chung",
           "can_cu": "Yêu cầu", "ngay_phan_cong": ngay_tiep_nhan, "ngay_bat_dau": ngay_tiep_nhan,
           "ket_qua": ket_qua, "ngay_ket_thuc": ngay_tiep_nhan if ket_qua != "Đang giải quyết" else None}
    row.update(kw)
    return row


TODAY = dt.date(2026, 11, 27)
