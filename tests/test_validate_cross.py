"""Cross-file rules of rules/kiem_tra/lien_tep.yaml: thôn, mediators named in cases,
inspection team."""

from __future__ import annotations

from pathlib import Path

from hoagiai.findings import Report
from hoagiai.validate import check_tables, load_rules
from validate_fixtures import TODAY, case, person, profile, table, valid_roster

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")


def check(roster=None, cases=(), inspections=None, team=None):
    tables = {"hoa_giai_vien": table("hoa_giai_vien", valid_roster() if roster is None else roster),
              "vu_viec": table("vu_viec", list(cases))}
    if inspections is not None:
        tables["kiem_tra"] = table("kiem_tra", inspections)
    if team is not None:
        tables["doan_kiem_tra"] = table("doan_kiem_tra", team)
    return Report(check_tables(tables, profile(), RULES, today=TODAY))


def test_unknown_thon_in_cases_and_inspections():
    report = check(cases=[case("VV-01"), case("VV-02", thon="Xóm Mới")],
                   inspections=[{"thon": "Đông Phan", "ngay_kiem_tra": "2026-10-05"},
                                {"thon": "Đông Phong", "ngay_kiem_tra": "2026-10-06"}])
    assert report.flatten() == [("unknown-thon", 4, "Thôn"), ("unknown-thon", 4, "Thôn")]
    assert [f.file for f in report.sorted()] == ["kiem_tra.xlsx", "vu_viec.xlsx"]
    assert report.sorted()[0].sheet == "Kết quả"


def test_thon_matches_ignoring_case_spaces_and_tone_placement():
    report = check(cases=[case("VV-01", thon=" an  LẠI ", hoa_giai_vien=["Nguyễn Thị Hoa"])],
                   inspections=[{"thon": "Thượng Đạt", "ngay_kiem_tra": "2026-10-05"}])
    assert report.flatten() == []


def test_unknown_mediator_is_an_error_on_the_mediator_column():
    report = check(cases=[case("VV-01", hoa_giai_vien=["Nguyễn Thị Hoa", "Bùi Văn Khách"])])
    assert report.flatten() == [("unknown-mediator", 3, "Hòa giải viên")]
    assert report.findings[0].value == "Bùi Văn Khách"


def test_mediator_of_another_team_is_unknown_in_this_thon():
    report = check(cases=[case("VV-01", thon="Đông Phan", hoa_giai_vien=["Nguyễn Thị Hoa"])])
    assert report.flatten() == [("unknown-mediator", 3, "Hòa giải viên")]
    assert "Đông Phan" in report.findings[0].message


def test_mediator_names_match_with_tolerant_spelling():
    roster = valid_roster() + [person("Nguyễn Thị Hoà", gioi_tinh="Nữ")]
    report = check(roster=roster, cases=[case("VV-01", hoa_giai_vien=["nguyễn thị  hoa", "Nguyễn Thị Hòa"])])
    assert report.flatten() == []


def test_mediator_not_yet_recognised_or_already_stopped_on_the_case_date():
    roster = valid_roster() + [
        person("Phạm Thị Mai", gioi_tinh="Nữ", ngay_cong_nhan="2026-08-10"),
        person("Phạm Văn Đông", ngay_cong_nhan="2024-03-01", ngay_thoi="2026-05-15", ly_do_thoi="Tự nguyện"),
    ]
    report = check(roster=roster, cases=[
        case("VV-01", ngay_tiep_nhan="2026-08-03", hoa_giai_vien=["Phạm Thị Mai"]),      # before recognition
        case("VV-02", ngay_tiep_nhan="2026-08-10", hoa_giai_vien=["Phạm Thị Mai"]),      # on the day: fine
        case("VV-03", ngay_tiep_nhan="2026-05-15", hoa_giai_vien=["Phạm Văn Đông"]),     # stopped that day
        case("VV-04", ngay_tiep_nhan="2026-05-14", hoa_giai_vien=["Phạm Văn Đông"]),     # still active
    ])
    assert report.flatten() == [("mediator-not-active", 3, "Hòa giải viên"),
                                ("mediator-not-active", 5, "Hòa giải viên")]
    assert all(f.severity == "error" for f in report.findings)
    assert "10/08/2026" in report.findings[0].message


def test_namesakes_one_active_is_enough():
    roster = valid_roster() + [person("Nguyễn Thị Hoa", gioi_tinh="Nữ", nam_sinh=1990, ngay_cong_nhan=None)]
    report = check(roster=roster, cases=[case("VV-01", hoa_giai_vien=["Nguyễn Thị Hoa"])])
    assert [f for f in report.flatten() if f[0] == "mediator-not-active"] == []


def test_inspection_team_needs_exactly_one_head():
    members = [{"ho_ten": "Nguyễn Đức Thắng", "nhiem_vu": "Trưởng đoàn"},
               {"ho_ten": "Lê Thị Thu", "nhiem_vu": "Thư ký"},
               {"ho_ten": "Vũ Văn Nam", "nhiem_vu": "Trưởng đoàn"}]
    assert check(team=members).flatten() == [("inspection-head-count", 5, "Nhiệm vụ trong đoàn")]
    members[0]["nhiem_vu"] = "Thành viên"
    assert check(team=members).flatten() == []
    members[2]["nhiem_vu"] = "Phó trưởng đoàn"
    report = check(team=members)
    assert report.flatten() == [("inspection-head-count", 3, "Nhiệm vụ trong đoàn")]
    assert report.findings[0].sheet == "Đoàn kiểm tra"
