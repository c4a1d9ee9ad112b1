"""validate_workspace end to end on real files: loader + rules, positions as the clerk sees them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from hoagiai.errors import ConfigError, RuleFileError
from hoagiai.validate import validate_workspace

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 27)

PROFILE = """ten_don_vi: Ủy ban nhân dân xã An Thành
dia_danh: An Thành
thon:
  - ten: An Lại
  - ten: Đông Phan
    dtts: true
nguoi_ky:
  - ho_ten: Nguyễn Đức Thắng
    chuc_vu: Phó Chủ tịch
"""
ROSTER = [
    ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Thôn/tổ dân phố", "Chức danh", "Ngày công nhận"],
    ["Nguyễn Văn An", 1970, "Nam", "Kinh", "An Lại", "Tổ trưởng", "15/03/2024"],
    ["Lê Thị Bình", "02/05/1980", "Nữ", "Kinh", "An Lại", "Hòa giải viên", "15/03/2024"],
    ["Trần Văn Cường", 1965, "Nam", "Kinh", "An Lại", "Hòa giải viên", "15/03/2024"],
    ["Phạm Văn Dũng", 1975, "Nam", "Kinh", "Đông Phan", "Tổ trưởng", "15/03/2024"],   # row 6
    ["Hoàng Văn Đạt", 1978, "Nam", "Kinh", "Đông Phan", "Hòa giải viên", "15/03/2024"],
]
CASES = [
    ["Mã vụ việc", "Ngày tiếp nhận", "Thôn", "Lĩnh vực", "Nội dung tóm tắt", "Căn cứ hòa giải",
     "Hòa giải viên tham gia", "Ngày bắt đầu", "Kết quả", "Ngày kết thúc"],
    ["VV-01", "02/03/2026", "An Lại", "Đất đai", "Tranh chấp lối đi chung", "Yêu cầu",
     "Lê Thị Bình; Nguyễn Văn An", "03/03/2026", "Thành", "10/03/2026"],
    ["VV-02", "05/03/2026", "An Lại", "Khác", "Bất đồng về đóng góp", "Nhờ vả",            # row 4: bad enum
     "Người Lạ", "06/03/2026", "Thành", "04/03/2026"],                                    # unknown, end < start
    ["VV-01", "06/03/2026", "Xóm Mới", "Khác", "Bất đồng về loa đài", "Yêu cầu",           # row 5
     "Lê Thị Bình", "06/03/2026", "Đang giải quyết", None],
]


def make(tmp_path) -> Path:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "don_vi.yaml").write_text(PROFILE, encoding="utf-8")
    for name, title, rows in (("hoa_giai_vien.xlsx", "DANH SÁCH HÒA GIẢI VIÊN", ROSTER),
                              ("vu_viec.xlsx", "SỔ THEO DÕI VỤ VIỆC", CASES)):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([title])
        for r in rows:
            ws.append(r)
        wb.save(inputs / name)
    return inputs


def test_findings_of_loader_and_rules_with_positions_as_written(tmp_path):
    report = validate_workspace(make(tmp_path), ROOT / "rules", today=TODAY).report
    got = set(report.flatten(("code", "file", "row", "column")))
    assert {
        ("team-needs-woman", "hoa_giai_vien.xlsx", 6, "Thôn/tổ dân phố"),
        ("team-min-members", "hoa_giai_vien.xlsx", 6, "Thôn/tổ dân phố"),
        ("team-needs-ethnic-minority", "hoa_giai_vien.xlsx", 6, "Thôn/tổ dân phố"),
        ("unknown-mediator", "vu_viec.xlsx", 4, "Hòa giải viên tham gia"),
        ("date-order", "vu_viec.xlsx", 4, "Ngày kết thúc"),
        ("duplicate-case-code", "vu_viec.xlsx", 5, "Mã vụ việc"),
        ("unknown-thon", "vu_viec.xlsx", 5, "Thôn"),
    } <= got
    # the loader rejected "Nhờ vả"; the missing-ground rule does not report the same cell again
    assert not [f for f in report.findings if f.code == "missing-mediation-ground"]
    assert [f.row for f in report.findings if f.column == "Căn cứ hòa giải"] == [4]
    assert not report.valid


def test_missing_inputs_folder_and_bad_rules_are_configuration_errors(tmp_path):
    with pytest.raises(ConfigError):
        validate_workspace(tmp_path / "nowhere", ROOT / "rules")
    inputs = make(tmp_path)
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "kiem_tra" / "nhom.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("toi_thieu: 3", "toi_thieu: ba"), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        validate_workspace(inputs, rules)
    assert info.value.key == "quy_tac[0].tham_so.toi_thieu" and info.value.exit_code == 2


def test_a_missing_column_or_file_does_not_cascade(tmp_path):
    inputs = make(tmp_path)
    wb = openpyxl.load_workbook(inputs / "hoa_giai_vien.xlsx")
    wb.active.delete_cols(5)  # no Thôn column at all
    wb.save(inputs / "hoa_giai_vien.xlsx")
    report = validate_workspace(inputs, ROOT / "rules", today=TODAY).report
    codes = {f.code for f in report.findings}
    assert "missing-column" in codes
    assert not codes & {"team-missing", "team-min-members", "unknown-mediator", "mediator-not-active"}
    (inputs / "hoa_giai_vien.xlsx").unlink()
    report = validate_workspace(inputs, ROOT / "rules", today=TODAY).report
    assert "missing-file" in {f.code for f in report.findings}
    assert not {f.code for f in report.findings} & {"team-missing", "unknown-mediator"}
