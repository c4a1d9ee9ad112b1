"""Column specs in rules/du_lieu: the real files, and malformed ones."""

from __future__ import annotations

import shutil

import pytest

from hoagiai.errors import RuleFileError
from hoagiai.load import load_specs
from load_fixtures import RULES


def test_real_specs_match_the_contract():
    specs = load_specs(RULES)
    assert set(specs) == {"hoa_giai_vien", "vu_viec", "kiem_tra", "doan_kiem_tra"}
    hgv = specs["hoa_giai_vien"]
    assert hgv.keys == ["stt", "ho_ten", "ngay_sinh", "nam_sinh", "gioi_tinh", "dan_toc", "thon", "to_hoa_giai",
                        "chuc_danh", "ngay_cong_nhan", "van_ban_de_nghi", "ngay_de_nghi", "so_phieu_to_truong",
                        "so_hgv_bau_to_truong", "so_qd_cong_nhan", "chuyen_mon_luat", "nam_boi_duong",
                        "so_cccd", "dien_thoai", "ngay_thoi", "van_ban_de_nghi_thoi", "ngay_de_nghi_thoi",
                        "ly_do_thoi"]
    assert [c.key for c in hgv.columns if c.required] == ["ho_ten", "ngay_sinh", "gioi_tinh", "thon", "chuc_danh"]
    assert hgv.column("ly_do_thoi").enum_values == ("Tự nguyện", "Không còn đủ tiêu chuẩn",
                                                    "Vi phạm nguyên tắc hoặc bị xử lý vi phạm")
    assert hgv.column("chuyen_mon_luat").enum_values == ("Có", "Không")
    assert specs["vu_viec"].keys == ["ma_vu_viec", "ngay_tiep_nhan", "thon", "to_hoa_giai", "linh_vuc", "noi_dung",
                                     "can_cu", "hoa_giai_vien", "ngay_phan_cong", "ngay_bat_dau", "ket_qua",
                                     "ngay_ket_thuc", "ghi_chu"]
    required_if = specs["vu_viec"].column("ngay_ket_thuc").required_if
    assert required_if is not None and required_if.values == ("Thành", "Không thành", "Chấm dứt theo yêu cầu")
    assert specs["vu_viec"].column("ket_qua").enum_values == (
        "Thành", "Không thành", "Chấm dứt theo yêu cầu", "Đang giải quyết", "Không thuộc phạm vi")
    assert specs["kiem_tra"].keys == ["thon", "ngay_kiem_tra", "so_theo_doi", "xep_loai", "uu_diem", "ton_tai",
                                      "kien_nghi", "han_khac_phuc", "dot_kiem_tra"]
    assert (specs["kiem_tra"].sheet, specs["kiem_tra"].xlsx_name, specs["kiem_tra"].csv_name) == (
        "Kết quả", "kiem_tra.xlsx", "kiem_tra.csv")
    doan = specs["doan_kiem_tra"]
    assert (doan.sheet, doan.xlsx_name, doan.csv_name) == ("Đoàn kiểm tra", "kiem_tra.xlsx", "kiem_tra_doan.csv")
    assert doan.keys == ["ho_ten", "chuc_vu_don_vi", "nhiem_vu"]


def test_legal_checks_cite_their_source_and_date():
    for spec in load_specs(RULES).values():
        for col in spec.columns:
            for p in filter(None, (col.pattern, *col.pattern_exceptions)):
                if p.severity == "error":
                    assert p.citation.source and p.citation.effective_from, (spec.name, col.key)
            if col.required_if:
                assert col.required_if.citation.source and col.required_if.citation.effective_from


def write_rules(tmp_path, name, text):
    rules = tmp_path / "rules"
    shutil.copytree(RULES / "du_lieu", rules / "du_lieu")
    (rules / "du_lieu" / name).write_text(text, encoding="utf-8")
    return rules


GOOD = """version: 1
du_lieu: hoa_giai_vien
tep: hoa_giai_vien
trang_tinh: 0
cot:
  - khoa: ho_ten
    tieu_de: Họ và tên
    kieu: text
"""


@pytest.mark.parametrize("change, key", [
    (("kieu: text", "kieu: chu"), "cot[0].kieu"),
    (("    tieu_de: Họ và tên\n", ""), "cot[0].tieu_de"),
    (("trang_tinh: 0", "trang_tinh: -1"), "trang_tinh"),
    (("kieu: text", "kieu: enum"), "cot[0].gia_tri"),
    (("kieu: text", "kieu: text\n    mau:\n      bieu_thuc: '(['\n      mo_ta: x"), "cot[0].mau.bieu_thuc"),
    (("kieu: text", "kieu: text\n    bat_buoc_neu:\n      cot: ngay_thoi\n      co_gia_tri: true"),
     "cot[0].bat_buoc_neu.cot"),
    (("kieu: text", "kieu: text\n    bat_buoc: co"), "cot[0].bat_buoc"),
    (("kieu: text", "kieu: text\n    mac_dinh: 'Tổ {thon}'"), "cot[0].mac_dinh"),
    (("kieu: text", "kieu: text\n    hieu_luc_tu: 01/01/2014"), "cot[0].hieu_luc_tu"),
    (("kieu: text", "kieu: text\n    loai: x"), "cot[0].loai"),
    (("version: 1", "version: 2"), "version"),
])
def test_malformed_spec_names_file_and_key(tmp_path, change, key):
    rules = write_rules(tmp_path, "hoa_giai_vien.yaml", GOOD.replace(*change))
    with pytest.raises(RuleFileError) as err:
        load_specs(rules)
    assert err.value.key == key
    assert err.value.path.endswith("hoa_giai_vien.yaml")
    assert err.value.exit_code == 2


def test_malformed_yaml_syntax(tmp_path):
    rules = write_rules(tmp_path, "vu_viec.yaml", "version: 1\ncot: [\n")
    with pytest.raises(RuleFileError) as err:
        load_specs(rules)
    assert err.value.path.endswith("vu_viec.yaml")


def test_two_files_for_one_dataset(tmp_path):
    rules = write_rules(tmp_path, "ban_sao.yaml", GOOD)
    with pytest.raises(RuleFileError) as err:
        load_specs(rules)
    assert err.value.key == "du_lieu"
