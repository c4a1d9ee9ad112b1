"""`init`: blank workbooks with the contract's headers and drop-downs, a profile to fill,
and never overwriting the clerk's work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from hoagiai.errors import ConfigError
from hoagiai.init_workspace import init_workspace
from hoagiai.load.spec import load_specs
from hoagiai.unit_profile import load_profile

RULES = Path(__file__).resolve().parents[1] / "rules"


def validations(ws) -> dict[str, str]:
    """First cell of each validated range -> its list formula."""
    return {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}


def test_init_makes_the_workspace(tmp_path):
    made = init_workspace(tmp_path / "xa", RULES)
    names = sorted(p.name for p in made)
    assert names == ["don_vi.yaml", "hoa_giai_vien.xlsx", f"ke_hoach_{dt.date.today().year}.yaml", "kiem_tra.xlsx",
                     "outputs", "vu_viec.xlsx"]
    assert (tmp_path / "xa" / "outputs").is_dir() and not any((tmp_path / "xa" / "outputs").iterdir())


def test_headers_come_from_the_column_specs_bold_and_frozen(tmp_path):
    init_workspace(tmp_path, RULES)
    specs = load_specs(RULES)
    roster = openpyxl.load_workbook(tmp_path / "inputs" / "hoa_giai_vien.xlsx").worksheets[0]
    assert [c.value for c in roster[1]] == [c.header for c in specs["hoa_giai_vien"].columns]
    assert roster[1][0].value == "STT" and roster["B1"].value == "Họ và tên"
    assert roster["B1"].font.bold and roster.freeze_panes == "A2"
    assert roster.column_dimensions["B"].width >= 12
    kiem_tra = openpyxl.load_workbook(tmp_path / "inputs" / "kiem_tra.xlsx")
    assert kiem_tra.sheetnames[:2] == ["Kết quả", "Đoàn kiểm tra"]
    assert [c.value for c in kiem_tra["Đoàn kiểm tra"][1]] == ["Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ trong đoàn"]
    assert kiem_tra["Kết quả"].freeze_panes == "A2"


def test_enumerated_columns_have_drop_downs(tmp_path):
    init_workspace(tmp_path, RULES)
    roster = openpyxl.load_workbook(tmp_path / "inputs" / "hoa_giai_vien.xlsx").worksheets[0]
    dv = validations(roster)
    assert dv["D2"] == '"Nam,Nữ"'                              # Giới tính
    assert dv["H2"] == '"Tổ trưởng,Hòa giải viên"'             # Chức danh
    cases = openpyxl.load_workbook(tmp_path / "inputs" / "vu_viec.xlsx")
    dv = validations(cases.worksheets[0])
    assert dv["K2"] == ('"Thành,Không thành,Chấm dứt theo yêu cầu,Đang giải quyết,'   # Kết quả
                        'Không thuộc phạm vi"')
    assert "Đất đai" in dv["E2"]                               # Lĩnh vực
    team = openpyxl.load_workbook(tmp_path / "inputs" / "kiem_tra.xlsx")["Đoàn kiểm tra"]
    assert validations(team)["C2"] == '"Trưởng đoàn,Phó trưởng đoàn,Thành viên,Thư ký"'


def test_thon_drop_down_lists_the_profile_template(tmp_path):
    init_workspace(tmp_path, RULES)
    wb = openpyxl.load_workbook(tmp_path / "inputs" / "vu_viec.xlsx")
    assert validations(wb.worksheets[0])["C2"] == "'Danh mục'!$A$2:$A$100"
    listed = [c.value for c in wb["Danh mục"]["A"][1:] if c.value]
    assert listed == load_profile(tmp_path / "inputs" / "don_vi.yaml").thon_names


def test_profile_template_loads_and_shows_optional_keys(tmp_path):
    init_workspace(tmp_path, RULES)
    text = (tmp_path / "inputs" / "don_vi.yaml").read_text(encoding="utf-8")
    profile = load_profile(tmp_path / "inputs" / "don_vi.yaml")
    assert profile.thon_names and profile.nguoi_ky
    for key in ("# co_quan_chu_quan:", "# ky_hieu_co_quan:", "# so_dang_ky:", "# don_vi_soan_thao:", "dtts: true"):
        assert key in text
    assert profile.don_vi_soan_thao == "VP"


def test_roster_has_the_optional_proposal_and_election_columns(tmp_path):
    from openpyxl import load_workbook

    init_workspace(tmp_path, RULES)
    ws = load_workbook(tmp_path / "inputs" / "hoa_giai_vien.xlsx").worksheets[0]
    headers = [c.value for c in ws[1]]
    for h in ("Văn bản đề nghị công nhận", "Ngày đề nghị công nhận", "Số phiếu bầu tổ trưởng",
              "Số hòa giải viên của tổ", "Văn bản đề nghị thôi", "Ngày đề nghị thôi"):
        assert h in headers
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(headers.index("Văn bản đề nghị công nhận") + 1)
    assert ws.column_dimensions[letter].number_format == "@"     # typed as text, never a date


def test_refuses_to_overwrite_the_clerks_inputs(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "hoa_giai_vien.xlsx").write_bytes(b"clerk's work")
    with pytest.raises(ConfigError) as info:
        init_workspace(tmp_path, RULES)
    assert info.value.exit_code == 2
    assert (inputs / "hoa_giai_vien.xlsx").read_bytes() == b"clerk's work"
    assert sorted(p.name for p in inputs.iterdir()) == ["hoa_giai_vien.xlsx"]


def test_new_workspace_reports_only_the_places_to_fill(tmp_path):
    """A fresh workspace: the profile's sample values and the plan's places to fill are
    errors (issue 12 items 8, 13); the empty workbooks give only missing-team warnings."""
    from hoagiai.validate import validate_workspace

    init_workspace(tmp_path, RULES, year=2026)
    inputs = validate_workspace(tmp_path / "inputs", RULES, today=dt.date(2026, 11, 27))
    # besides: the default calendar's illustrative deadlines (rule-file warnings)
    assert {f.code for f in inputs.report.findings} == {"team-missing", "profile-placeholder", "plan-placeholder",
                                                        "rule-illustrative"}
    assert {f.file for f in inputs.report.findings if f.code == "rule-illustrative"} == {"rules/lich_bao_cao.yaml"}
    assert {f.code for f in inputs.report.errors} == {"profile-placeholder", "plan-placeholder"}
    assert all(len(t) == 0 for t in inputs.tables.values())
    assert inputs.plans == {}     # a plan with places to fill is never built


def test_init_writes_a_commented_plan_for_the_year_that_the_plan_loader_accepts(tmp_path):
    from hoagiai.yearly_plan import load_plans
    from hoagiai.yearly_plan_template import placeholders

    made = init_workspace(tmp_path, RULES)
    year = dt.date.today().year
    path = tmp_path / "inputs" / f"ke_hoach_{year}.yaml"
    assert path in made
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and "[Cần điền" in text
    plans, findings = load_plans(tmp_path / "inputs")
    assert findings == [] and list(plans) == [year]       # valid for the plan schema
    keys = [k for k, _ in placeholders(plans[year].data)]
    assert keys == ["mo_dau", "muc_dich[0]", "yeu_cau[0]", "nhiem_vu[0].ten", "nhiem_vu[0].noi_dung[0]",
                    "nguoi_ky"]


def test_validate_names_each_place_to_fill_in_the_plan(tmp_path):
    from click.testing import CliRunner

    from hoagiai.cli import main

    init_workspace(tmp_path, RULES, year=2026)
    res = CliRunner().invoke(main, ["--inputs", str(tmp_path / "inputs"), "--outputs", str(tmp_path / "outputs"),
                                    "validate", "--json"])
    assert res.exit_code == 1
    import json

    found = [(f["code"], f["file"], f["column"]) for f in json.loads(res.stdout)["findings"]
             if f["code"] == "plan-placeholder"]
    assert ("plan-placeholder", "ke_hoach_2026.yaml", "muc_dich[0]") in found
    assert ("plan-placeholder", "ke_hoach_2026.yaml", "nguoi_ky") in found
