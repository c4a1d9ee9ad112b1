"""Group rules of rules/kiem_tra/nhom.yaml: one finding per team, on the Thôn column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hoagiai.findings import Report
from hoagiai.validate import check_tables, load_rules
from hoagiai.validate.ruleset import load_rule_file
from validate_fixtures import TODAY, person, profile, table, team, valid_roster

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")


def check(roster, dtts=(), today=TODAY, rules=RULES):
    tables = {"hoa_giai_vien": table("hoa_giai_vien", roster)}
    return Report(check_tables(tables, profile(dtts=dtts), rules, today=today))


def test_team_with_two_members_is_reported_on_the_leader_row():
    roster = valid_roster()
    del roster[5]  # Đông Phan keeps its leader (row 6) and its woman
    report = check(roster)
    assert report.flatten() == [("team-min-members", 6, "Thôn")]
    f = report.findings[0]
    assert f.value == "Đông Phan" and f.severity == "error" and "chỉ có 2" in f.message
    assert f.basis == "Luật Hòa giải ở cơ sở 2013, Điều 12 khoản 1"


def test_proposed_and_stopped_mediators_do_not_count():
    roster = valid_roster()
    roster[5] = {**roster[5], "ngay_cong_nhan": None}                       # proposed only
    roster += [person("Trần Văn Lâm", "Đông Phan", ngay_thoi="2026-05-04", ly_do_thoi="Tự nguyện")]
    assert check(roster).flatten() == [("team-min-members", 6, "Thôn")]
    # on a date before the stop, the stopped mediator still counts
    early = check(roster, today=dt.date(2026, 5, 3))
    assert [f for f in early.flatten() if f[0].startswith("team-")] == []


def test_team_without_a_woman():
    roster = valid_roster()
    roster[1] = {**roster[1], "gioi_tinh": "Nam", "ho_ten": "Nguyễn Văn Hoa"}
    assert check(roster).flatten() == [("team-needs-woman", 3, "Thôn")]


def test_team_whose_only_woman_stopped():
    roster = valid_roster()
    roster[1] = {**roster[1], "ngay_thoi": "2026-09-01", "ly_do_thoi": "Không còn đủ tiêu chuẩn"}
    roster += [person("Nguyễn Văn Tâm", "An Lại")]
    assert check(roster).flatten() == [("team-needs-woman", 3, "Thôn")]


def test_two_leaders_reported_on_the_second_leader_row():
    roster = valid_roster()
    roster[8] = {**roster[8], "chuc_danh": "Tổ trưởng"}  # Thượng Đạt: rows 9 and 11
    report = check(roster)
    assert report.flatten() == [("team-leader-count", 11, "Thôn")]
    assert "Tổ hòa giải thôn Thượng Đạt có 02 tổ trưởng đã được công nhận" in report.findings[0].message


def test_team_without_a_recognised_leader_reported_on_its_first_row():
    roster = valid_roster()
    roster[3] = {**roster[3], "ngay_cong_nhan": None}  # Đông Phan's leader only proposed
    roster += [person("Trần Văn Quang", "Đông Phan")]
    report = check(roster)
    assert report.flatten() == [("team-leader-count", 6, "Thôn")]
    # a zero written as an official writes it, never "có 0" (issue 11, item 3)
    assert report.findings[0].message.startswith(
        "Tổ hòa giải thôn Đông Phan không có tổ trưởng đã được công nhận;")


def test_dtts_thon_needs_an_ethnic_minority_mediator():
    roster = valid_roster()
    assert check(roster, dtts=("Thượng Đạt",)).flatten() == [("team-needs-ethnic-minority", 9, "Thôn")]
    roster[7] = {**roster[7], "dan_toc": "Tày"}
    assert check(roster, dtts=("Thượng Đạt",)).flatten() == []


def test_thon_without_any_team_is_reported_without_row():
    roster = team("An Lại", "Nguyễn") + team("Thượng Đạt", "Lê")
    report = check(roster)
    assert report.flatten() == [("team-missing", None, "Thôn")]
    assert report.findings[0].value == "Đông Phan" and report.findings[0].severity == "warning"


def test_unknown_thon_rows_do_not_make_a_broken_team():
    roster = valid_roster() + [person("Hoàng Văn Sơn", "Đông Phan B")]
    assert check(roster).flatten() == [("unknown-thon", 12, "Thôn")]


def test_threshold_in_force_on_the_reference_date_is_used(tmp_path):
    rule = """version: 1
quy_tac:
  - code: team-min-members
    muc_do: error
    kieu: min_count
    bang: hoa_giai_vien
    tham_so: {nhom_theo: thon, hoat_dong: {tu: ngay_cong_nhan, den: ngay_thoi}, toi_thieu: %d}
    thong_bao: "Tổ hòa giải thôn {nhom} chỉ có {so} hòa giải viên; cần ít nhất {toi_thieu}."
    can_cu: "Luật Hòa giải ở cơ sở 2013, Điều 12 khoản 1"
    nguon: "Luật Hòa giải ở cơ sở số 35/2013/QH13"
    hieu_luc_tu: %s
"""
    path = tmp_path / "nhom.yaml"
    path.write_text(rule % (3, "2014-01-01") + "    hieu_luc_den: 2026-12-31\n"
                    + (rule % (4, "2027-01-01")).split("quy_tac:\n")[1], encoding="utf-8")
    rules = load_rule_file(path)
    roster = valid_roster()
    assert check(roster, rules=rules).flatten() == []
    assert check(roster, rules=rules, today=dt.date(2027, 1, 4)).flatten() == [
        ("team-min-members", 3, "Thôn"), ("team-min-members", 6, "Thôn"), ("team-min-members", 9, "Thôn")]
