"""qd-doan-kiem-tra: one per year with inspections, dated the month before the first one
(January stays January), members in role order, blocking, and the demo text (golden)."""

from __future__ import annotations

from roster_doc_fixtures import demo_env, error, make_env, render_lines, table

from hoagiai.documents import qd_doan_kiem_tra, tb_kiem_tra

DOAN = [dict(ho_ten="Lê Văn Thư", chuc_vu_don_vi="Công chức Văn phòng - Thống kê", nhiem_vu="Thư ký"),
        dict(ho_ten="Vũ Văn Minh", chuc_vu_don_vi="Phó Chủ tịch Ủy ban MTTQ Việt Nam xã", nhiem_vu="Thành viên"),
        dict(ho_ten="Nguyễn Đức Thắng", chuc_vu_don_vi="Phó Chủ tịch UBND xã", nhiem_vu="Trưởng đoàn"),
        dict(ho_ten="Bùi Thị Lan", chuc_vu_don_vi="Chủ tịch Hội Phụ nữ xã", nhiem_vu="Thành viên"),
        dict(ho_ten="Hà Thị Mai", chuc_vu_don_vi="Công chức Tư pháp - Hộ tịch", nhiem_vu="Phó trưởng đoàn")]


def inspection(thon, day, **kw):
    return {"thon": thon, "ngay_kiem_tra": day, "so_theo_doi": True, "xep_loai": "Tốt", **kw}


def env_of(inspections, month="2026-12", doan=DOAN, findings=()):
    return make_env([table("kiem_tra", inspections), table("doan_kiem_tra", doan)], month,
                    findings=list(findings))


def test_dated_the_month_before_the_first_inspection_of_the_year():
    insp = [inspection("Kim Sơn", "2026-11-12"), inspection("An Lại", "2026-10-05"),
            inspection("Đông Phan", "2025-10-07")]
    assert qd_doan_kiem_tra.plan(env_of(insp, "2026-08")) == []
    job, = qd_doan_kiem_tra.plan(env_of(insp, "2026-09"))
    assert (job.id, job.year, job.month) == ("qd-doan-kiem-tra-2026", 2026, 9)
    assert job.context["van_ban"]["trich_yeu"] == (
        "Về việc thành lập Đoàn kiểm tra công tác hòa giải ở cơ sở năm 2026")
    assert ("các tổ hòa giải thôn An Lại và thôn Kim Sơn, từ ngày 05/10/2026 đến ngày 12/11/2026"
            in job.context["qd"]["dieu_2"])
    assert job.context["qd"]["dieu_3"].endswith("thi hành Quyết định này./.")
    last_year, = qd_doan_kiem_tra.plan(env_of(insp, "2025-12"))
    assert (last_year.id, last_year.month) == ("qd-doan-kiem-tra-2025", 9)


def test_january_inspection_keeps_the_decision_in_january():
    job, = qd_doan_kiem_tra.plan(env_of([inspection("An Lại", "2026-01-20")], "2026-01"))
    assert (job.year, job.month) == (2026, 1)


def test_members_in_role_order_keeping_sheet_order_within_a_role():
    job, = qd_doan_kiem_tra.plan(env_of([inspection("An Lại", "2026-10-05")]))
    assert [(m["nhiem_vu"], m["ho_ten"]) for m in job.context["doan"]] == [
        ("Trưởng đoàn", "Nguyễn Đức Thắng"), ("Phó trưởng đoàn", "Hà Thị Mai"),
        ("Thành viên", "Vũ Văn Minh"), ("Thành viên", "Bùi Thị Lan"), ("Thư ký", "Lê Văn Thư")]
    lines = render_lines(job)
    head = lines.index("Nhiệm vụ trong Đoàn")
    assert lines[head + 1: head + 5] == ["1", "Nguyễn Đức Thắng", "Phó Chủ tịch UBND xã", "Trưởng đoàn"]
    assert any(ln.startswith("Điều 1. Thành lập Đoàn kiểm tra công tác hòa giải ở cơ sở năm 2026") for ln in lines)
    assert any(ln.startswith("Điều 2. Đoàn kiểm tra có nhiệm vụ") and "tự giải thể" in ln for ln in lines)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN THÀNH" in lines
    assert "TM. ỦY BAN NHÂN DÂN" not in lines


def test_no_team_sheet_or_no_inspection_means_no_decision():
    assert qd_doan_kiem_tra.plan(env_of([inspection("An Lại", "2026-10-05")], doan=[])) == []
    assert qd_doan_kiem_tra.plan(env_of([])) == []


def test_errors_on_member_or_inspection_rows_block_it_but_not_the_notices():
    insp = [inspection("An Lại", "2026-10-05"), inspection("Đông Phan", "2026-11-05")]
    member_error = error("doan_kiem_tra", 5, column="Nhiệm vụ trong đoàn", message="Giá trị không hợp lệ.")
    job, = qd_doan_kiem_tra.plan(env_of(insp, findings=[member_error]))
    assert job.reasons == ["kiem_tra.xlsx, trang Đoàn kiểm tra, dòng 5, cột Nhiệm vụ trong đoàn: "
                           "Giá trị không hợp lệ."]
    insp_error = error("kiem_tra", 4, column="Xếp loại", message="Thiếu xếp loại.")
    env = env_of(insp, findings=[insp_error])
    assert qd_doan_kiem_tra.plan(env)[0].blocked
    notices = {j.id: j.blocked for j in tb_kiem_tra.plan(env)}
    assert notices == {"tb-kiem-tra-2026-11": True}  # one round (no "Đợt kiểm tra" column)


def test_cites_the_year_plan_by_number_once_issued():
    """Item 8: the plan that calls for the inspection, read from the register (fingerprint)."""
    import dataclasses

    env = demo_env("2026-12")
    job, = qd_doan_kiem_tra.plan(env)
    assert job.context["can_cu"][-1] == (
        "Căn cứ Kế hoạch thực hiện Đề án nâng cao năng lực đội ngũ hòa giải viên ở cơ sở năm 2026 "
        "của Ủy ban nhân dân xã An Thành")
    assert job.cells["register|ke-hoach-2026"] is None
    issued = dataclasses.replace(env, registered=lambda doc_id: (
        (3, "KH-UBND", "2026-01-15") if doc_id == "ke-hoach-2026" else None))
    job, = qd_doan_kiem_tra.plan(issued)
    assert job.context["can_cu"][-1] == (
        "Căn cứ Kế hoạch số 03/KH-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân xã An Thành "
        "thực hiện Đề án nâng cao năng lực đội ngũ hòa giải viên ở cơ sở năm 2026")
    assert job.cells["register|ke-hoach-2026"] == [3, "KH-UBND", "2026-01-15"]
    lines = render_lines(job)
    assert lines[lines.index("QUYẾT ĐỊNH:") - 2].endswith("năm 2026;")
