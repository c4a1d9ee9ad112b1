"""The demo workspace of xã An Thành (inputs/): valid, deliberate, and as big as promised."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest

from hoagiai.annotate import write_annotated
from hoagiai.validate import validate_workspace

ROOT = Path(__file__).resolve().parents[1]
TODAY = max(dt.date.today(), dt.date(2026, 11, 27))


@pytest.fixture(scope="module")
def demo():
    return validate_workspace(ROOT / "inputs", ROOT / "rules", today=TODAY)


def _data(report):
    """The data's own findings: not the rule files' illustrative settings, not the seed plan's
    terminology (both tested below)."""
    return [f for f in report.findings if f.code != "rule-illustrative" and f.code not in TERMINOLOGY]


def test_demo_validates_with_no_error_and_two_deliberate_warnings(demo):
    assert demo.report.valid
    assert [(f.code, f.row, f.column, f.severity) for f in _data(demo.report)] == [
        ("late-start", 19, "Ngày bắt đầu", "warning"),
        ("missing-mediation-ground", 35, "Căn cứ hòa giải", "warning")]
    # the demo's submission deadlines are illustrative: warnings naming file and key, never printed
    assert [(f.file, f.column) for f in demo.report.findings if f.code == "rule-illustrative"] == [
        ("rules/lich_bao_cao.yaml", "bao_cao[0]"), ("rules/lich_bao_cao.yaml", "bao_cao[1]"),
        ("rules/lich_bao_cao.yaml", "bao_cao[2]")]


#: the seed plan (ke_hoach_2026.yaml) is reproduced word for word, so its wrong law name, the
#: Đề án title without "ở" and its mixed "hoà"/"hòa" stay — as warnings (rules/thuat_ngu.yaml)
TERMINOLOGY = {"wrong-legal-name", "mixed-tone-placement"}


def test_seed_plan_terminology_warnings(demo):
    found = [f for f in demo.report.flatten(("code", "file", "column", "severity")) if f[0] in TERMINOLOGY]
    assert found == [("mixed-tone-placement", "ke_hoach_2026.yaml", "muc_dich[1]", "warning"),
                     ("wrong-legal-name", "ke_hoach_2026.yaml", "muc_dich[1]", "warning"),
                     ("wrong-legal-name", "ke_hoach_2026.yaml", "trich_yeu", "warning")]


def test_default_reference_date_gives_the_same_result():
    inputs = validate_workspace(ROOT / "inputs", ROOT / "rules")  # today: the real date
    assert len(_data(inputs.report)) == 2 and inputs.report.counts["error"] == 0


def test_roster_size_and_teams(demo):
    roster = demo.tables["hoa_giai_vien"].frame
    assert len(roster) >= 60
    sizes = roster.groupby("thon").size()
    assert len(sizes) == 10 and sizes.between(5, 8).all()
    assert set(sizes.index) == set(demo.profile.thon_names)
    assert roster["nam_sinh"].between(1950, 1995).all()
    assert roster["ngay_sinh"].isna().sum() >= 3          # some births as a year alone
    initials = {name[0] for full in roster["ho_ten"] for name in full.split()}
    assert {"Đ", "Â", "Ư"} <= initials
    assert roster["ho_ten"].is_unique


def test_recognitions_and_stops_of_2026(demo):
    roster = demo.tables["hoa_giai_vien"].frame
    rec = roster[roster["ngay_cong_nhan"].dt.year == 2026]
    assert rec.groupby(rec["ngay_cong_nhan"].dt.month).size().to_dict() == {3: 2, 8: 3}
    assert (rec[rec["ngay_cong_nhan"].dt.month == 8]["chuc_danh"] == "Tổ trưởng").sum() == 1
    assert (roster["ngay_cong_nhan"].dt.year.isin([2024, 2025])).sum() >= 55
    stops = roster[roster["ngay_thoi"].notna()].sort_values("ngay_thoi")
    assert [(d.month, r) for d, r in zip(stops["ngay_thoi"], stops["ly_do_thoi"])] == [
        (5, "Tự nguyện"), (9, "Không còn đủ tiêu chuẩn")]


def test_personal_numbers_are_consistent(demo):
    roster = demo.tables["hoa_giai_vien"].frame
    assert roster["so_cccd"].str.fullmatch(r"031\d{9}").all()
    assert roster["dien_thoai"].str.fullmatch(r"0\d{9}").all()
    assert not [f for f in demo.report.findings if f.code.startswith("cccd")]


def test_cases_cover_the_year_fields_and_outcomes(demo):
    cases = demo.tables["vu_viec"].frame
    assert len(cases) >= 45 and cases["ma_vu_viec"].is_unique
    assert set(cases["ngay_tiep_nhan"].dt.month) == set(range(1, 12))
    assert cases["linh_vuc"].nunique() == 6
    counts = cases["ket_qua"].value_counts()
    assert counts["Thành"] > counts["Không thành"] > counts["Đang giải quyết"] >= 2
    assert ((cases["ngay_tiep_nhan"].dt.month == 6) & (cases["ngay_ket_thuc"].dt.month == 7)).any()
    assert cases["hoa_giai_vien"].map(len).min() >= 1
    party = re.compile(r"\b(?:[ôÔ]ng|[bB]à|[aA]nh|[cC]hị)\s+[A-ZĐ]")  # "ông Nguyễn …": a party's name
    assert not any(party.search(s) for s in cases["noi_dung"])


def test_inspections(demo):
    team = demo.tables["doan_kiem_tra"].frame
    assert len(team) == 5
    head = team[team["nhiem_vu"] == "Trưởng đoàn"]
    assert head["ho_ten"].tolist() == ["Nguyễn Đức Thắng"]
    assert set(team["nhiem_vu"]) == {"Trưởng đoàn", "Phó trưởng đoàn", "Thành viên", "Thư ký"}
    results = demo.tables["kiem_tra"].frame
    assert results["thon"].is_unique and len(results) == 10
    months = results["ngay_kiem_tra"].dt.month
    assert (months == 10).sum() >= 6 and set(months) == {10, 11}
    assert (results[months == 11]["ngay_kiem_tra"].dt.day <= 10).all()
    assert (results["han_khac_phuc"] >= results["ngay_kiem_tra"]).all()
    assert results[["uu_diem", "ton_tai", "kien_nghi"]].notna().all().all()


def test_workbooks_carry_realistic_mess(demo):
    wb = openpyxl.load_workbook(ROOT / "inputs" / "hoa_giai_vien.xlsx")
    ws = wb.worksheets[0]
    assert ws["A1"].value == "DANH SÁCH HÒA GIẢI VIÊN XÃ AN THÀNH" and ws["A2"].value == "STT"
    assert demo.tables["hoa_giai_vien"].frame["_row"].iloc[0] == 3
    text_dates = [c.value for row in ws.iter_rows(min_row=3, min_col=9, max_col=9) for c in row
                  if isinstance(c.value, str)]
    assert text_dates and all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", v) for v in text_dates)
    for name in ("vu_viec.xlsx", "kiem_tra.xlsx"):
        first = openpyxl.load_workbook(ROOT / "inputs" / name).worksheets[0]
        assert first["A1"].value.isupper() and first["A2"].value in ("Mã vụ việc", "Thôn")


def test_generator_reproduces_the_committed_workbooks(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_demo
    finally:
        sys.path.remove(str(ROOT / "tools"))
    shutil.copy(ROOT / "inputs" / "don_vi.yaml", tmp_path / "don_vi.yaml")
    for path in make_demo.build(tmp_path):
        assert path.read_bytes() == (ROOT / "inputs" / path.name).read_bytes(), path.name


def test_demo_annotated_copy_only_for_the_file_with_warnings(demo, tmp_path):
    written = write_annotated(ROOT / "inputs", demo, tmp_path)
    assert list(written) == ["vu_viec.xlsx"]
    ws = openpyxl.load_workbook(written["vu_viec.xlsx"])["Vụ việc"]
    assert ws["J19"].fill.fgColor.rgb == "FFFFEB84" and "Bắt đầu hòa giải" in ws["J19"].comment.text


def test_no_case_outside_the_scope_of_the_law_and_one_stop_on_request(demo):
    cases = demo.tables["vu_viec"].frame
    assert not cases["noi_dung"].str.contains("lấn lề đường|lấn chiếm|lợi ích công cộng").any()
    assert (cases["ket_qua"] == "Không thuộc phạm vi").sum() == 0
    assert cases.loc[cases["ket_qua"] == "Chấm dứt theo yêu cầu", "ma_vu_viec"].tolist() == ["VV-2026-041"]


def test_inspection_requests_answer_the_shortcomings(demo):
    sys.path.insert(0, str(ROOT / "tools"))
    import make_demo

    answers = {t: k for triples in make_demo.FINDINGS.values() for _, t, k in triples}
    rows = demo.tables["kiem_tra"].frame
    assert set(rows["dot_kiem_tra"]) == {"Đợt 1"}                  # one round, one notice
    for t, k in zip(rows["ton_tai"], rows["kien_nghi"]):
        assert answers[t] == k
    no_book = rows[rows["so_theo_doi"] == False]  # noqa: E712 — a boolean column
    assert (no_book["ton_tai"] == "Chưa mở Sổ theo dõi hoạt động hòa giải ở cơ sở theo mẫu").all()


def test_training_in_the_plan_agrees_with_the_roster(demo):
    plan = demo.plans[2026].data
    text = " ".join(str(x) for t in plan["nhiem_vu"] for x in t.get("tien_do", []))
    found = re.search(r"Cử (\d+) hòa giải viên dự lớp tập huấn", text)
    assert found, text
    n = int(found.group(1))
    roster = demo.tables["hoa_giai_vien"].frame
    trained = roster[roster["nam_boi_duong"] == 2026]
    assert len(trained) == n == 10
    # all in office from the July class to the year's end
    assert (trained["ngay_cong_nhan"] < "2026-07-01").all() and trained["ngay_thoi"].isna().all()
    reviewed = " ".join(str(x) for m in plan["nhiem_vu"][0]["muc"] for x in m.get("tien_do", []))
    assert "Đã rà soát 04 văn bản quy phạm pháp luật" in reviewed
