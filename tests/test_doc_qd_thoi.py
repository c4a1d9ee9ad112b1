"""qd-thoi: months, the Lý do thôi → Luật Điều 11 khoản 1 point mapping (from the kind file),
Điều 1 groups, blocking, public fields only, and the demo decisions' text (golden)."""

from __future__ import annotations

import pytest
import yaml
from roster_doc_fixtures import (CCCD, PHONE, RULES, by_id, error, make_env, person,
                                 render_lines, table)

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
    dieu_1 = job.context["qd"]["dieu"][0]
    assert dieu_1["so"] == "Điều 1." and dieu_1["muc"] == []
    assert dieu_1["noi_dung"].startswith(
        "Cho thôi làm hòa giải viên đối với ông Lê Văn Hà, hòa giải viên tổ hòa giải thôn An Lại, "
        f"theo điểm {point} khoản 1 Điều 11 Luật Hòa giải ở cơ sở (")


def test_one_woman_is_named_with_ba_never_ong_ba():
    """Item 3/6: a one-person decision names her, with "bà" from Giới tính."""
    job, = qd_thoi.plan(env_of(stopped("Phạm Ngọc Xuân", "2026-05-20", "Tự nguyện", "Phù Lưu",
                                       gioi_tinh="Nữ")))
    text = "\n".join(render_lines(job))
    assert ("Điều 1. Cho thôi làm hòa giải viên đối với bà Phạm Ngọc Xuân, hòa giải viên tổ hòa giải "
            "thôn Phù Lưu, theo điểm a khoản 1 Điều 11 Luật Hòa giải ở cơ sở "
            "(theo nguyện vọng của hòa giải viên).") in text
    assert "Ông, bà" not in text and "ông, bà" not in text and "01 ông" not in text


def test_no_effective_date_before_the_decision_own_date():
    """Item 6: Điều 1 states no "kể từ ngày <Ngày thôi>"; the decision takes effect on signature."""
    job, = qd_thoi.plan(env_of(stopped("Lê Văn Hà", "2026-05-04", "Tự nguyện")))
    text = "\n".join(render_lines(job))
    assert "kể từ ngày 04" not in text and "04 tháng 5" not in text
    assert "Quyết định này có hiệu lực kể từ ngày ký." in text


def test_a_leader_stopping_ends_the_role_and_the_team_elects_a_new_one():
    """Item 6 (NQLT 01/2014 Điều 13): an article of its own for the tổ trưởng."""
    job, = qd_thoi.plan(env_of(stopped("Phạm Ngọc Xuân", "2026-05-20", "Tự nguyện", "Phù Lưu",
                                       gioi_tinh="Nữ", chuc_danh="Tổ trưởng")))
    lines = render_lines(job)
    assert ("Điều 1. Cho thôi làm hòa giải viên đối với bà Phạm Ngọc Xuân, Tổ trưởng tổ hòa giải thôn "
            "Phù Lưu, theo điểm a khoản 1 Điều 11 Luật Hòa giải ở cơ sở (theo nguyện vọng của hòa giải viên).") in lines
    dieu_2 = next(ln for ln in lines if ln.startswith("Điều 2."))
    assert dieu_2.startswith("Điều 2. Bà Phạm Ngọc Xuân thôi giữ chức danh Tổ trưởng tổ hòa giải thôn Phù Lưu "
                             "kể từ ngày Quyết định này có hiệu lực. Trưởng ban công tác Mặt trận thôn Phù Lưu "
                             "tổ chức để tổ hòa giải bầu tổ trưởng mới")
    assert any(ln.startswith("Điều 4.") and ln.endswith("chịu trách nhiệm thi hành Quyết định này./.")
               for ln in lines)
    assert "- Như Điều 4;" in lines


def test_proposal_cited_with_number_and_date_when_given():
    job, = qd_thoi.plan(env_of(stopped("Lê Văn Hà", "2026-05-04", "Tự nguyện",
                                       van_ban_de_nghi_thoi="Văn bản số 03/ĐN-BCTMT",
                                       ngay_de_nghi_thoi="2026-04-28")))
    assert job.context["qd"]["de_nghi"] == ("Xét đề nghị của Trưởng ban công tác Mặt trận thôn An Lại "
                                            "tại Văn bản số 03/ĐN-BCTMT ngày 28 tháng 4 năm 2026.")


def test_mapping_lives_in_the_kind_file():
    data = yaml.safe_load((RULES / "van_ban" / "qd-thoi.yaml").read_text(encoding="utf-8"))
    assert {k: v["diem"] for k, v in data["ly_do"].items()} == {
        "Tự nguyện": "a", "Không còn đủ tiêu chuẩn": "b",
        "Vi phạm nguyên tắc hoặc bị xử lý vi phạm": "c"}


def test_article_1_names_each_person_with_team_and_ground():
    job, = qd_thoi.plan(env_of(
        stopped("Trần Văn Nam", "2026-05-20", "Vi phạm nguyên tắc hoặc bị xử lý vi phạm", "Đông Phan"),
        stopped("Lê Văn Hà", "2026-05-04", "Tự nguyện"),
        stopped("Bùi Thị Vân", "2026-05-04", "Tự nguyện", "Đông Phan", gioi_tinh="Nữ")))
    assert [p["ho_ten"] for p in job.context["danh_sach"]] == ["Lê Văn Hà", "Trần Văn Nam", "Bùi Thị Vân"]
    dieu_1 = job.context["qd"]["dieu"][0]
    assert dieu_1["noi_dung"] == ("Cho thôi làm hòa giải viên đối với các ông, bà có tên trong Danh sách "
                                  "kèm theo Quyết định này, cụ thể như sau:")
    first, second, third = dieu_1["muc"]
    assert first.startswith("- Ông Lê Văn Hà, hòa giải viên tổ hòa giải thôn An Lại: theo điểm a")
    assert second.startswith("- Ông Trần Văn Nam, hòa giải viên tổ hòa giải thôn Đông Phan: theo điểm c")
    assert third.startswith("- Bà Bùi Thị Vân, hòa giải viên tổ hòa giải thôn Đông Phan: theo điểm a")
    assert first.endswith(";") and third.endswith(").")
    assert job.context["noi_nhan"][0] == "Như Điều 3"
    assert "các tổ hòa giải thôn An Lại và thôn Đông Phan" in job.context["qd"]["dieu"][-1]["noi_dung"]


def test_rendered_decision_names_no_private_value():
    job, = qd_thoi.plan(env_of(stopped("Lê Văn Hà", "2026-05-04", "Tự nguyện", so_cccd=CCCD,
                                       dien_thoai=PHONE, ngay_sinh="1970-04-15", dan_toc="Mường")))
    lines = render_lines(job)
    text = "\n".join(lines)
    for private in (CCCD, PHONE, "15/04/1970", "Mường"):
        assert private not in text
    assert "NGƯỜI ĐƯỢC CHO THÔI LÀM HÒA GIẢI VIÊN" in lines
    assert "Về việc cho thôi làm hòa giải viên" in lines
    assert any(ln.startswith("Điều 1. Cho thôi làm hòa giải viên đối với ông Lê Văn Hà,") for ln in lines)


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

