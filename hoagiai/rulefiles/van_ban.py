"""The kind files `rules/van_ban/<kind>.yaml`: every key of every document kind, and the
`{placeholders}` each of its texts may use (docs/rule-files.md).

A kind file is the common frame (`loai` … `hieu_luc_tu`) plus the kind's own keys below. A text
may use only the placeholders its kind module fills in for it: writing `{thangg}` for `{thang}`,
or renaming a key, is a RuleFileError naming the file and the key (exit 2) before any document
is built — never a KeyError half-way through a build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import RuleFileError
from . import schema

SUBDIR = "van_ban"


def text(*names: str) -> dict:
    """A text whose `{placeholders}` are `names`."""
    return {"type": "text", "placeholders": list(names)}


def texts(*names: str) -> dict:
    return {"type": "list", "items": text(*names)}


def words(required: tuple[str, ...] = (), *names: str) -> dict:
    """A table of texts: `required` keys, any other key allowed (a label per value)."""
    return {"type": "map", "required": list(required), "values": text(*names)}


STRS = {"type": "list", "items": {"type": "str"}}
PLAIN = text()

COMMON = {
    "loai": {"type": "str"}, "ten_loai": {"type": "str"}, "ky_hieu_loai": {"type": "str"},
    "mau": {"type": "str"}, "tham_quyen": {"type": "enum", "values": ["chu-tich", "tap-the"]},
    "chu_the": {"type": "bool"}, "chu_the_tap_the": {"type": "bool"},
    **schema.DATED}
COMMON_REQUIRED = ["loai", "ten_loai", "ky_hieu_loai", "mau", "tham_quyen", "tieu_de", "nguon", "hieu_luc_tu"]

# --- what each kind module fills in (the dicts called `fill` there) ---------------------------
PROFILE = ("cap", "dia_danh", "ten_don_vi")
REPORT = (*PROFILE, "cap_tren")                                  # bc_hoa_giai.fill_values
TEAMS = ("thon", "to_hoa_giai")                                  # table_rows.team_phrases
PERSON_DECISION = (*TEAMS, "cap", "ten_don_vi", "cac_ong_ba", "nguoi_tai_dieu_1")
CITED = ("van_ban_goc", "van_ban_goc_day_du", "ngay_goc", "ten_don_vi", "cap", "ve_viec")  # dinh_chinh.cited
CHANGE = ("tai", "cu", "moi")                                    # correction_text items
TEAM_WORDS = {"to_mot": text("thon"), "to_nhieu": text("thon")}
PROPOSAL = {"de_nghi": text("nguoi_de_nghi"), "de_nghi_thon": text("thon"), "de_nghi_van_ban": text("van_ban")}

_RECOGNISE_FILL = (*PERSON_DECISION, "so_nguoi")
_WHO = ("nguoi", "thon_nguoi", "nam_sinh")
_STOP_PERSON = ("nguoi", "Nguoi", "vai_tro", "diem", "noi_dung")
_DE_AN_FILL = (*REPORT, "nam", "ten_de_an", "van_ban_de_an")
_BC_FILL = (*REPORT, "ky", "nam")
_DOAN_FILL = ("nam", "cap", "ten_don_vi", *TEAMS, "thoi_gian")
_KT_FILL = (*PROFILE, "noi_nhan_cap_tren", "so_to", "so_hgv")
_TL_FILL = (*PROFILE, "nam", "thang", "so_vu", "so_to")
_TB_FILL = ("nam", *PROFILE, "cac_thon", "thoi_gian", "so_to", "dot")

_SO = text("so")
_CAU_SO = ("nam", "nu", "dtts", "luat", "chua_luat", "cong_nhan", "thoi", "tiep_nhan", "thanh", "khong_thanh",
           "dang", "trong_do_cham_dut", "chuyen_sang", "ngoai_pham_vi", "thu_lao_thieu_muc")
_CAU_PLAIN = ("nam_khong", "nu_khong", "dtts_khong", "luat_khong", "chua_luat_khong", "cong_nhan_khong",
              "thoi_khong", "bien_dong_khong", "tiep_nhan_khong", "thanh_khong", "khong_thanh_khong",
              "dang_khong", "ty_le_khong", "thu_lao_khong", "kiem_tra_khong")
_TEAM_CLAUSE = text("so", "toi_thieu")
CAU = {
    **{k: _SO for k in _CAU_SO}, **{k: PLAIN for k in _CAU_PLAIN},
    "so_lieu_du_ky": text("den"), "so_lieu_uoc_tinh": text("tu", "den", "tu_uoc", "den_ky"),
    "so_lieu_den_ngay": text("den", "tu_sau", "den_ky"),
    "to_chuc": text("den", "cap", "to", "hgv", "chi_tiet"), "to_chuc_khong": text("den", "cap"),
    "ty_le": text("ty_le", "muc_tieu"), "to_dat": text("so_dat", "so_to", "ty_le", "muc_tieu"),
    "muc_tieu_dat": text("mo_ta"), "muc_tieu_dang": text("mo_ta"), "muc_tieu_chua_dat": text("mo_ta"),
    "thu_lao": text("so", "tong", "nhom"), "thu_lao_nhom": text("so", "nhom", "muc"),
    "nhom_ket_qua": words(),
    "van_ban_mo_dau": text(*_BC_FILL), "van_ban_khong": text(*_BC_FILL),
    "van_ban_da_ban_hanh": text("loai", "so", "ky_hieu", "ngay", "noi", "trich_yeu"),
    "van_ban_du_thao": text("loai", "noi", "trich_yeu", "thang"),
    "van_ban_noi": words(),
    "kiem_tra": text("tu", "den", "so_to", "chi_tiet"),
    # wording of a team failing Điều 12, by rule code of rules/kiem_tra/nhom.yaml (optional: the
    # rule's own message otherwise); a code may give one text for zero (`khong`) and one for more (`co`)
    "to_khong_dat": {"type": "map", "required": ["dong"], "keys": {"dong": text("ten", "ly_do")},
                     "values": {"type": "oneof", "options": [
                         _TEAM_CLAUSE, {"type": "map", "required": ["khong", "co"],
                                        "keys": {"khong": _TEAM_CLAUSE, "co": _TEAM_CLAUSE}}]}},
}

#: kind -> {key: schema} of its own keys (plus `tieu_de`, `trich_yeu`, `noi_nhan`), and the required ones
KINDS: dict[str, tuple[dict[str, Any], list[str]]] = {
    "ke-hoach": ({"tieu_de": text("nam")}, []),
    "bc-de-an": ({
        "tieu_de": text("nam"), "trich_yeu": text(*_DE_AN_FILL), "noi_nhan": texts(*_DE_AN_FILL),
        "mo_dau": text(*_DE_AN_FILL), "ket_luan": text(*_DE_AN_FILL), "chua_cap_nhat": PLAIN,
        "nhac_bo_sung": text("muc"), "muc_nhac": words(("danh_gia", "kien_nghi")),
        "danh_gia": words(("dat", "dang", "chua_dat", "khong_co_so_lieu"), "nam"),
    }, ["trich_yeu", "noi_nhan", "mo_dau", "ket_luan", "chua_cap_nhat", "nhac_bo_sung", "muc_nhac", "danh_gia"]),
    "bc-hoa-giai": ({
        "tieu_de": text("ky"), "trich_yeu": text(*_BC_FILL), "noi_nhan": texts(*_BC_FILL),
        "mo_dau": text(*_BC_FILL), "ket_luan": text(*_BC_FILL), "nhac_bo_sung": text("muc"),
        "muc_nhac": words(("chi_dao", "boi_duong", "uu_diem", "han_che", "nguyen_nhan", "phuong_huong",
                           "kien_nghi")),
        "thu_tu_xep_loai": STRS,
        "cau": {"type": "map", "required": list(CAU), "keys": CAU},
    }, ["trich_yeu", "noi_nhan", "mo_dau", "ket_luan", "nhac_bo_sung", "muc_nhac", "thu_tu_xep_loai", "cau"]),
    "cv-dinh-chinh": ({
        "tieu_de": text(*CITED), "trich_yeu": text(*CITED), "noi_nhan": texts(*CITED),
        "ky_hieu_don_vi_soan": {"type": "str"}, "kinh_gui_mac_dinh": PLAIN,
        "mo_dau": text(*CITED), "ket_thuc": text(*CITED),
        "viet_la": text(*CHANGE), "sua_lai": text(*CHANGE), "them": text(*CHANGE), "bo": text(*CHANGE),
    }, ["trich_yeu", "noi_nhan", "ky_hieu_don_vi_soan", "kinh_gui_mac_dinh", "mo_dau", "ket_thuc",
        "viet_la", "sua_lai", "them", "bo"]),
    "qd-sua-doi": ({
        "tieu_de": text(*CITED), "trich_yeu": text(*CITED), "noi_nhan": texts(*CITED), "can_cu": STRS,
        "can_cu_goc": text(*CITED), "de_nghi": text(*CITED), "dieu_1": text(*CITED, "so_vu"),
        "sua": text(*CHANGE), "them": text(*CHANGE), "bo": text(*CHANGE),
        "dieu_2": text(*CITED), "dieu_3": text(*CITED),
    }, ["trich_yeu", "noi_nhan", "can_cu", "can_cu_goc", "de_nghi", "dieu_1", "sua", "them", "bo",
        "dieu_2", "dieu_3"]),
    "qd-chi-bo-sung": ({
        "tieu_de": text(*CITED), "trich_yeu": text(*CITED), "noi_nhan": texts(*CITED), "can_cu": STRS,
        "can_cu_goc": text(*CITED), "de_nghi": text(*CITED), "dieu_1": text(*CITED, "so_vu"),
        "sua": text(*CHANGE), "them": text(*CHANGE), "bo": text(*CHANGE), "tong": text("tien", "bang_chu"),
        "dieu_2": text(*CITED), "dieu_3": text(*CITED),
    }, ["trich_yeu", "noi_nhan", "can_cu", "can_cu_goc", "de_nghi", "dieu_1", "sua", "them", "bo", "tong",
        "dieu_2", "dieu_3"]),
    "qd-cong-nhan": ({
        "tieu_de": text("thang_nam"), "trich_yeu": PLAIN, "trich_yeu_co_to_truong": PLAIN, "can_cu": STRS,
        "noi_nhan": texts(*_RECOGNISE_FILL, "dieu_cuoi"), **TEAM_WORDS, **PROPOSAL,
        "dieu_1_mot": text(*_WHO), "dieu_1_nhieu": text(*_RECOGNISE_FILL),
        "dieu_to_truong": text(*_WHO, "bau"), "bau": text("so_phieu", "so_hgv"),
        "dieu_quyen": text("chu_the_quyen"), "chu_the_quyen_hgv": PLAIN, "chu_the_quyen_co_to_truong": PLAIN,
        "dieu_thi_hanh": text(*_RECOGNISE_FILL, "dieu_cuoi"), "kem_theo_cua": text(*_RECOGNISE_FILL, "dieu_cuoi"),
        "khong_chan_boi": STRS,
    }, ["trich_yeu", "trich_yeu_co_to_truong", "can_cu", "noi_nhan", *TEAM_WORDS, *PROPOSAL, "dieu_1_mot",
        "dieu_1_nhieu", "dieu_to_truong", "bau", "dieu_quyen", "chu_the_quyen_hgv", "chu_the_quyen_co_to_truong",
        "dieu_thi_hanh", "kem_theo_cua"]),
    "qd-thoi": ({
        "tieu_de": text("thang_nam"), "trich_yeu": PLAIN, "can_cu": STRS,
        "noi_nhan": texts(*PERSON_DECISION, "dieu_cuoi"), **TEAM_WORDS, **PROPOSAL,
        "ly_do": {"type": "map", "values": {"type": "map", "required": ["diem", "noi_dung"], "keys": {
            "diem": {"type": "str"}, "noi_dung": PLAIN}}},
        "vai_tro": words(("Hòa giải viên",), "thon"),
        "dieu_1_mot": text(*_STOP_PERSON), "dieu_1_muc": text(*_STOP_PERSON),
        "dieu_1_nhieu": text(*PERSON_DECISION),
        "dieu_to_truong": text("thon_to", "nguoi", "Nguoi", "vai_tro", *PERSON_DECISION),
        "dieu_hieu_luc": text(*PERSON_DECISION), "dieu_thi_hanh": text(*PERSON_DECISION, "dieu_cuoi"),
        "kem_theo_cua": text(*PERSON_DECISION, "dieu_cuoi"), "khong_chan_boi": STRS,
    }, ["trich_yeu", "can_cu", "noi_nhan", *TEAM_WORDS, *PROPOSAL, "ly_do", "vai_tro", "dieu_1_mot",
        "dieu_1_muc", "dieu_1_nhieu", "dieu_to_truong", "dieu_hieu_luc", "dieu_thi_hanh", "kem_theo_cua"]),
    "qd-kien-toan": ({
        "tieu_de": text("nam"), "tieu_de_theo_yeu_cau": text("thang_nam"), "trich_yeu": PLAIN,
        "noi_nhan": texts(*_KT_FILL), "thang_kien_toan": {"type": "int"}, "can_cu": STRS, "loi_to": STRS,
        "de_nghi": text(*_KT_FILL), "dieu_1": text(*_KT_FILL),
        "dieu_1_muc": text("thon", "so_hgv", "so_nu", "to_truong", "phu_luc"), "dieu_1_ket": text(*_KT_FILL),
        "dieu_2": text(*_KT_FILL), "dieu_3": text(*_KT_FILL), "chan_thanh_phan": text("ngay"),
        "phu_luc_tieu_de": text("thon"), "kem_theo_cua": text(*_KT_FILL),
    }, ["tieu_de_theo_yeu_cau", "trich_yeu", "noi_nhan", "thang_kien_toan", "can_cu", "loi_to", "de_nghi",
        "dieu_1", "dieu_1_muc", "dieu_1_ket", "dieu_2", "dieu_3", "chan_thanh_phan", "phu_luc_tieu_de",
        "kem_theo_cua"]),
    "qd-doan-kiem-tra": ({
        "tieu_de": text(*_DOAN_FILL), "trich_yeu": text(*_DOAN_FILL), "noi_nhan": texts(*_DOAN_FILL),
        "can_cu": STRS, "ke_hoach_id": text(*_DOAN_FILL),
        "can_cu_ke_hoach_so": text(*_DOAN_FILL, "so", "ky_hieu", "ngay"), "can_cu_ke_hoach": text(*_DOAN_FILL),
        "thu_tu_nhiem_vu": STRS, **TEAM_WORDS,
        "de_nghi": text(*_DOAN_FILL), "dieu_1": text(*_DOAN_FILL), "dieu_2": text(*_DOAN_FILL),
        "dieu_3": text(*_DOAN_FILL),
    }, ["trich_yeu", "noi_nhan", "can_cu", "ke_hoach_id", "can_cu_ke_hoach_so", "can_cu_ke_hoach",
        "thu_tu_nhiem_vu", *TEAM_WORDS, "de_nghi", "dieu_1", "dieu_2", "dieu_3"]),
    "qd-thu-lao": ({
        "tieu_de": text("thang"), "trich_yeu": text(*_TL_FILL), "noi_nhan": texts(*_TL_FILL), "can_cu": STRS,
        "theo_de_nghi": text(*_TL_FILL), "dieu_1_mo_dau": text(*_TL_FILL),
        "nhom_muc": text("so_vu", "nhom", "muc", "thanh_tien"), "nhom_ket_qua": words(),
        "dieu_2": text(*_TL_FILL), "dieu_3": text(*_TL_FILL),
    }, ["trich_yeu", "noi_nhan", "can_cu", "theo_de_nghi", "dieu_1_mo_dau", "nhom_muc", "nhom_ket_qua",
        "dieu_2", "dieu_3"]),
    "tb-kiem-tra": ({
        "tieu_de": text(*_TB_FILL, "quyet_dinh"), "trich_yeu": text(*_TB_FILL, "quyet_dinh"),
        "noi_nhan": texts(*_TB_FILL, "quyet_dinh"), "dot": text("ten"),
        "mot_thon": text("ten"), "nhieu_thon": text("ten"),
        "quyet_dinh_doan": text(*_TB_FILL), "quyet_dinh_doan_so": text(*_TB_FILL, "so", "ky_hieu", "ngay"),
        "khai_quat": text(*_TB_FILL, "quyet_dinh"), "xep_loai_tong": text("chi_tiet"),
        "xep_loai_muc": text("xep_loai", "so"), "ket_qua_muc": text("thon", "ngay"),
        "so_theo_doi": {"type": "map", "required": ["co", "khong"], "keys": {"co": PLAIN, "khong": PLAIN}},
        "khong_co": PLAIN, "kien_nghi_muc": text("thon", "kien_nghi", "han"), "han": text("ngay"),
        "yeu_cau_chung": text(*_TB_FILL, "quyet_dinh"), "ket_luan": text(*_TB_FILL, "quyet_dinh"),
        "thu_tu_xep_loai": STRS,
    }, ["trich_yeu", "noi_nhan", "dot", "mot_thon", "nhieu_thon", "quyet_dinh_doan", "quyet_dinh_doan_so",
        "khai_quat", "xep_loai_tong", "xep_loai_muc", "ket_qua_muc", "so_theo_doi", "khong_co", "kien_nghi_muc",
        "han", "yeu_cau_chung", "ket_luan", "thu_tu_xep_loai"]),
}


def kind_schema(kind: str) -> dict:
    """The complete schema of `van_ban/<kind>.yaml` (minus `version`)."""
    own, required = KINDS[kind]
    return {"type": "map", "required": [*COMMON_REQUIRED, *required], "keys": {**COMMON, **own}}


#: built once: hoagiai.rulefiles.schema caches a checked file per schema object
SCHEMAS = {kind: kind_schema(kind) for kind in KINDS}


def path_of(rules_dir: Path, kind: str) -> Path:
    return Path(rules_dir) / SUBDIR / f"{kind}.yaml"


def load(rules_dir: Path, kind: str) -> dict[str, Any]:
    """The settings of one kind, checked against its schema (and `loai` against the file name)."""
    path = path_of(rules_dir, kind)
    if kind not in KINDS:
        raise RuleFileError(str(path), None, f"tệp này không thuộc bộ quy tắc: loại văn bản `{kind}` không được "
                                              f"biết (các loại có: {', '.join(KINDS)}).")
    data = schema.load(path, SCHEMAS[kind])
    if data["loai"] != kind:
        raise RuleFileError(str(path), "loai", f"phải là `{kind}` (trùng tên tệp).")
    return data
