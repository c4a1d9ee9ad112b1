"""qd-thoi: months, the Lý do thôi → Luật Điều 11 khoản 1 point mapping (from the kind file),
Điều 1 groups, blocking, public fields only, and the demo decisions' text (golden)."""

from __future__ import annotations

import pytest
import yaml
from roster_doc_fixtures import (assert_public, CCCD, PHONE, RULES, by_id, demo_env, error, make_env, person,
                                 render_lines, table)

import golden
from hoagiai.documents import qd_cong_nhan, qd_thoi


def stopped(name, day, reason, thon="An Lại", **kw):
    return person(name, thon, ngay_cong_nhan="2024-03-01", ngay_thoi=day, ly_do_thoi=reason, **kw)


def env_of(*rows, month="2026-12", findings=()):
    return make_env([table("hoa_giai_vien", list(rows))], month, findings=list(findings))


def test_one_decision_per_month_with_stops():
    env = env_of(stopped("Lê Văn Hà", "2026-05-04", "Tự nguyện"),
                 stopped("Trần Văn Nam", "2026-09-30", "Tự nguyện"),
                 stopped("Đỗ Văn Cũ", "2025-05-04", "Tự nguyện"),
                 person("Ngô Văn Mới", ngay_cong_nhan="2026-05-01"), month="2026-09")
    assert [j.id for j in qd_thoi.plan(env)] == ["qd-thoi-2026-05", "qd-thoi-2026-09"]


@pytest.mark.parametrize("reason, point", [
    ("Tự nguyện", "a"),
    ("Không còn đủ tiêu chuẩn", "b"),
    ("Vi phạm nguyên tắc hoặc bị xử lý vi phạm", "c"),
])
def test_reason_maps_to_the_point_of_article_11(reason, point):
    job, = qd_thoi.plan(env_of(stopped("Lê Văn Hà", "2026-05-04", reason)))
    item, = job.context["qd"]["dieu_1_muc"]
    assert f"theo điểm {point} khoản 1 Điều 11 Luật Hòa giải ở cơ sở" in item
    assert "kể từ ngày 04 tháng 5 năm 2026" in item


def test_mapping_lives_in_the_kind_file():
    data = yaml.safe_load((RULES / "van_ban" / "qd-thoi.yaml").read_text(encoding="utf-8"))
    assert {k: v["diem"] for k, v in data["ly_do"].items()} == {
        "Tự nguyện": "a", "Không còn đủ tiêu chuẩn": "b",
        "Vi phạm nguyên tắc hoặc bị xử lý vi phạm": "c"}


def test_article_1_groups_people_by_date_and_point_with_list_numbers():
    job, = qd_thoi.plan(env_of(
        stopped("Trần Văn Nam", "2026-05-20", "Vi phạm nguyên tắc hoặc bị xử lý vi phạm", "Đông Phan"),
        stopped("Lê Văn Hà", "2026-05-04", "Tự nguyện"),
        stopped("Bùi Thị Vân", "2026-05-04", "Tự nguyện", "Đông Phan", gioi_tinh="Nữ")))
    assert [p["ho_ten"] for p in job.context["danh_sach"]] == ["Lê Văn Hà", "Trần Văn Nam", "Bùi Thị Vân"]
    first, second = job.context["qd"]["dieu_1_muc"]
    assert first.startswith("- Các ông, bà có số thứ tự 1 và 3 trong Danh sách")
    assert "ngày 04 tháng 5 năm 2026" in first and "điểm a" in first
    assert second.startswith("- Ông, bà có số thứ tự 2 trong Danh sách")
    assert "ngày 20 tháng 5 năm 2026" in second and "điểm c" in second
    assert "Cho thôi làm hòa giải viên đối với 03 ông, bà" in job.context["qd"]["dieu_1"]


def test_rendered_decision_names_no_private_value():
    job, = qd_thoi.plan(env_of(stopped("Lê Văn Hà", "2026-05-04", "Tự nguyện", so_cccd=CCCD,
                                       dien_thoai=PHONE, ngay_sinh="1970-04-15", dan_toc="Mường")))
    lines = render_lines(job)
    text = "\n".join(lines)
    for private in (CCCD, PHONE, "15/04/1970", "Mường"):
        assert private not in text
    assert "NGƯỜI ĐƯỢC CHO THÔI LÀM HÒA GIẢI VIÊN" in lines
    assert "Về việc cho thôi làm hòa giải viên" in lines
    assert any(ln.startswith("- Ông, bà có số thứ tự 1 trong Danh sách") for ln in lines)


def test_unmapped_reason_blocks_and_row_error_blocks_that_month_only():
    env = env_of(stopped("Lê Văn Hà", "2026-05-04", None),                    # row 3
                 stopped("Trần Văn Nam", "2026-06-04", "Tự nguyện"),          # row 4
                 stopped("Đỗ Văn Ba", "2026-07-04", "Tự nguyện"),             # row 5
                 person("Ngô Văn Mới", ngay_cong_nhan="2026-07-01"),          # row 6
                 findings=[error("hoa_giai_vien", 5, column="Ngày thôi", message="Ngày thôi trước ngày công nhận.")])
    jobs = by_id(qd_thoi.plan(env))
    may = jobs["qd-thoi-2026-05"]
    assert may.blocked and "dòng 3, cột Lý do thôi" in may.reasons[0]
    assert not jobs["qd-thoi-2026-06"].blocked
    assert jobs["qd-thoi-2026-07"].reasons == [
        "hoa_giai_vien.xlsx, trang Sheet1, dòng 5, cột Ngày thôi: Ngày thôi trước ngày công nhận."]
    assert not qd_cong_nhan.plan(env)[-1].blocked     # the July recognition still builds


def test_team_falling_short_does_not_block_the_stop():
    found = error("hoa_giai_vien", 3, code="team-needs-woman", column="Thôn",
                  message="Tổ hòa giải thôn An Lại chưa có hòa giải viên nữ đã được công nhận.")
    job, = qd_thoi.plan(env_of(stopped("Lê Thị Hà", "2026-05-04", "Tự nguyện", gioi_tinh="Nữ"),
                               findings=[found]))
    assert not job.blocked


def test_demo_decisions_match_golden_text():
    env = demo_env("2026-12")
    if env is None:
        pytest.skip("demo workbooks not available or not valid yet")
    jobs = qd_thoi.plan(env)
    assert jobs and not any(j.blocked for j in jobs)
    for job in jobs:
        lines = render_lines(job)
        assert_public(lines, env.inputs)
        golden.check(job.id, lines)
