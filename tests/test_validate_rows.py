"""Row rules of rules/kiem_tra/hang.yaml on hand-built tables: code, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoagiai.findings import Finding, Report
from hoagiai.validate import check_tables, load_rules
from validate_fixtures import TODAY, case, person, profile, table, valid_roster

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")


def check(roster=None, cases=None, inspections=None, already=None, today=TODAY):
    tables = {"hoa_giai_vien": table("hoa_giai_vien", valid_roster() if roster is None else roster)}
    if cases is not None:
        tables["vu_viec"] = table("vu_viec", cases)
    if inspections is not None:
        tables["kiem_tra"] = table("kiem_tra", inspections)
    return Report(check_tables(tables, profile(), RULES, today=today, already=already))


def codes(report, code):
    return [(f.code, f.row, f.column) for f in report.sorted() if f.code == code]


def test_valid_data_has_no_findings():
    report = check(cases=[case("VV-01"), case("VV-02", thon="Đông Phan", hoa_giai_vien=["Trần Thị Hoa"])])
    assert report.flatten() == []


def test_end_before_start_is_a_date_order_error_on_the_end_date():
    report = check(cases=[case("VV-01"), case("VV-02", ngay_bat_dau="2026-03-05", ngay_ket_thuc="2026-03-04")])
    assert codes(report, "date-order") == [("date-order", 4, "Ngày kết thúc")]
    assert report.findings[0].severity == "error"


def test_date_order_compares_with_the_last_filled_date_and_reports_once():
    # assignment empty; start before receipt -> one finding, on Ngày bắt đầu
    report = check(cases=[case("VV-01", ngay_tiep_nhan="2026-03-10", ngay_phan_cong=None,
                               ngay_bat_dau="2026-03-08", ngay_ket_thuc="2026-03-12")])
    assert report.flatten() == [("date-order", 3, "Ngày bắt đầu")]
    assert "Ngày tiếp nhận" in report.findings[0].message


def test_pending_case_with_end_date_is_a_warning():
    report = check(cases=[case("VV-01", ket_qua="Đang giải quyết", ngay_ket_thuc="2026-03-04")])
    assert report.flatten() == [("pending-with-end-date", 3, "Ngày kết thúc")]
    assert report.findings[0].severity == "warning"


def test_start_more_than_three_days_after_assignment_is_a_warning():
    report = check(cases=[case("VV-01", ngay_phan_cong="2026-03-02", ngay_bat_dau="2026-03-05",
                               ngay_ket_thuc="2026-03-06"),
                          case("VV-02", ngay_phan_cong="2026-03-02", ngay_bat_dau="2026-03-06",
                               ngay_ket_thuc="2026-03-09")])
    assert report.flatten() == [("late-start", 4, "Ngày bắt đầu")]
    assert "4 ngày" in report.findings[0].message


def test_missing_mediation_ground_is_a_warning_unless_the_loader_already_reported_the_cell():
    cases = [case("VV-01", can_cu=None)]
    assert check(cases=cases).flatten() == [("missing-mediation-ground", 3, "Căn cứ hòa giải")]
    loader = Finding("invalid-value", "error", "…", file="vu_viec.xlsx", sheet="Sheet1", row=3,
                     column="Căn cứ hòa giải", dataset="vu_viec")
    assert check(cases=cases, already=[loader]).flatten() == []


def test_duplicate_case_code_is_reported_on_the_second_row_only():
    report = check(cases=[case("VV-01"), case("VV-02"), case("vv-01")])
    assert report.flatten() == [("duplicate-case-code", 5, "Mã vụ việc")]
    assert "dòng 3" in report.findings[0].message


def test_future_dates_are_errors():
    report = check(cases=[case("VV-01", ngay_tiep_nhan="2026-12-05", ngay_phan_cong=None,
                               ngay_bat_dau=None, ket_qua="Đang giải quyết")],
                   roster=valid_roster()[:-1] + [person("Lê Văn Minh", "Thượng Đạt", nam_sinh=2030)])
    # report order: hoa_giai_vien.xlsx before vu_viec.xlsx
    assert codes(report, "future-date") == [("future-date", 11, "Ngày sinh"),
                                            ("future-date", 3, "Ngày tiếp nhận")]


def test_stop_before_recognition_is_an_error():
    roster = valid_roster() + [person("Phạm Văn Tư", ngay_cong_nhan="2025-06-01", ngay_thoi="2025-01-10",
                                      ly_do_thoi="Tự nguyện")]
    assert check(roster=roster).flatten() == [("stop-before-recognition", 12, "Ngày thôi")]


@pytest.mark.parametrize("born, year, expected", [
    ("2010-05-01", 2010, [("mediator-under-18", 12, "Ngày sinh")]),  # 15 when recognised
    (None, 2009, [("mediator-under-18", 12, "Ngày sinh")]),          # year only: at most 17
    (None, 2008, []),                                                 # year only: maybe 18
    ("2008-02-01", 2008, []),                                         # 18 on recognition
])
def test_under_18_at_recognition_is_a_warning(born, year, expected):
    roster = valid_roster() + [person("Phạm Thị Ngọc", gioi_tinh="Nữ", ngay_sinh=born, nam_sinh=year,
                                      ngay_cong_nhan="2026-03-01")]
    report = check(roster=roster)
    assert report.flatten() == expected
    assert all(f.severity == "warning" for f in report.findings)


def test_cccd_must_agree_with_sex_and_birth_year():
    roster = valid_roster() + [
        person("Phạm Thị Ngọc", gioi_tinh="Nữ", nam_sinh=1975, so_cccd="031075001234"),  # 4th digit 0: male
        person("Phạm Văn Bình", nam_sinh=1975, so_cccd="031076001234"),                  # year 76 ≠ 75
        person("Phạm Thị Lan", gioi_tinh="Nữ", nam_sinh=1975, so_cccd="031175001234"),   # consistent
        person("Phạm Văn Cường", nam_sinh=2001, so_cccd="031201001234"),                 # consistent (2000s)
        person("Phạm Văn Dũng", nam_sinh=1975, so_cccd="031075001"),                     # 9 digits: loader's job
    ]
    report = check(roster=roster)
    assert report.flatten() == [("cccd-mismatch", 12, "Số CCCD"), ("cccd-mismatch", 13, "Số CCCD")]
    assert "chữ số thứ 4 phải là 1" in report.findings[0].message


def test_same_person_active_in_two_teams_is_a_warning_on_the_second_team_row():
    roster = valid_roster() + [person("Nguyễn Thị Hoa", "Đông Phan", gioi_tinh="Nữ", nam_sinh=1975)]
    report = check(roster=roster)
    assert report.flatten() == [("mediator-in-two-teams", 12, "Thôn")]
    assert "An Lại" in report.findings[0].message and report.findings[0].severity == "warning"


def test_same_name_in_two_teams_after_a_stop_is_fine():
    roster = valid_roster()
    roster[1] = {**roster[1], "ngay_thoi": "2025-12-01", "ly_do_thoi": "Tự nguyện"}
    roster += [person("Nguyễn Thị Hoa", "Đông Phan", gioi_tinh="Nữ", nam_sinh=1975, ngay_cong_nhan="2026-01-05"),
               person("Nguyễn Thị Hồng", "An Lại", gioi_tinh="Nữ")]
    assert codes(check(roster=roster), "mediator-in-two-teams") == []


def test_inspection_deadline_before_inspection_is_a_warning():
    report = check(inspections=[{"thon": "An Lại", "ngay_kiem_tra": "2026-10-05", "han_khac_phuc": "2026-09-30"}])
    assert report.flatten() == [("deadline-before-inspection", 3, "Hạn khắc phục")]


@pytest.mark.parametrize("votes, total, flagged", [(3, 6, True), (4, 6, False), (2, 3, False), (None, 6, False)])
def test_to_truong_elected_by_more_than_half_of_the_team(votes, total, flagged):
    """Luật HGCS Điều 14: a tổ trưởng needs more than half of the team's mediators (the 50 %
    lives in rules/kiem_tra/hang.yaml); checked only when the roster gives the vote."""
    roster = valid_roster()
    roster[0] = {**roster[0], "so_phieu_to_truong": votes, "so_hgv_bau_to_truong": total}
    report = check(roster=roster)
    found = codes(report, "to-truong-vote-share")
    assert found == ([("to-truong-vote-share", 3, "Số phiếu bầu tổ trưởng")] if flagged else [])
    if flagged:
        f = next(f for f in report.findings if f.code == "to-truong-vote-share")
        assert f.severity == "error"
        assert f.message == ("Tổ trưởng được 3 phiếu trên 6 hòa giải viên của tổ (Số hòa giải viên của tổ); "
                             "phải được quá 50% tổng số hòa giải viên của tổ tán thành.")
