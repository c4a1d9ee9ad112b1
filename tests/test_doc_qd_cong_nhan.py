"""qd-cong-nhan: which months get a decision, the attached list (order, public fields only),
legal bases by date, blocking, and the demo decisions' text (golden)."""

from __future__ import annotations

import pytest
from roster_doc_fixtures import (CCCD, PHONE, by_id, error, make_env, person,
                                 render_lines, table, team)

from hoagiai.documents import qd_cong_nhan, qd_thoi


def roster(*rows):
    return [table("hoa_giai_vien", list(rows))]


def test_one_decision_per_month_of_the_build_year_up_to_the_build_month():
    t = roster(person("Nguyễn Văn An", "An Lại", ngay_cong_nhan="2025-12-20"),
               person("Trần Văn Bình", "An Lại", ngay_cong_nhan="2026-03-02"),
               person("Lê Thị Cúc", "Đông Phan", gioi_tinh="Nữ", ngay_cong_nhan="2026-03-28"),
               person("Phạm Văn Dũng", "Kim Sơn", ngay_cong_nhan="2026-08-10"),
               person("Hoàng Văn Em", "Kim Sơn", ngay_cong_nhan="2026-10-01"),
               person("Vũ Văn Giang", "Kim Sơn", ngay_cong_nhan=None))
    jobs = qd_cong_nhan.plan(make_env(t, "2026-09"))
    assert [j.id for j in jobs] == ["qd-cong-nhan-2026-03", "qd-cong-nhan-2026-08"]
    march = jobs[0]
    assert (march.year, march.month, march.symbol) == (2026, 3, "QĐ-UBND")
    assert [p["ho_ten"] for p in march.context["danh_sach"]] == ["Trần Văn Bình", "Lê Thị Cúc"]
    assert march.title == "Quyết định công nhận hòa giải viên tháng 3 năm 2026"


def test_list_is_grouped_by_team_order_then_vietnamese_name_order():
    # profile order: An Lại, Đông Phan, …, Kim Sơn; names by tên, then họ đệm (ICU "vi")
    t = roster(person("Đỗ Thị Ánh", "Kim Sơn", gioi_tinh="Nữ", ngay_cong_nhan="2026-03-05"),
               person("Nguyễn Văn Hải", "An Lại", ngay_cong_nhan="2026-03-05"),
               person("Lê Văn Hà", "An Lại", ngay_cong_nhan="2026-03-05"),
               person("Bùi Văn Hạnh", "An Lại", ngay_cong_nhan="2026-03-05"),
               person("Trần Văn Ân", "An Lại", ngay_cong_nhan="2026-03-05"),
               person("Ân Văn An", "An Lại", ngay_cong_nhan="2026-03-05"),
               person("Phan Văn Đạt", "Đông Phan", ngay_cong_nhan="2026-03-05"),
               person("Phan Văn Dũng", "Đông Phan", ngay_cong_nhan="2026-03-05"))
    job, = qd_cong_nhan.plan(make_env(t, "2026-03"))
    assert [(p["thon"], p["ho_ten"]) for p in job.context["danh_sach"]] == [
        ("An Lại", "Ân Văn An"), ("An Lại", "Trần Văn Ân"), ("An Lại", "Lê Văn Hà"),
        ("An Lại", "Nguyễn Văn Hải"), ("An Lại", "Bùi Văn Hạnh"),
        ("Đông Phan", "Phan Văn Dũng"), ("Đông Phan", "Phan Văn Đạt"),
        ("Kim Sơn", "Đỗ Thị Ánh")]


def test_list_shows_only_public_fields_and_no_private_value_is_rendered():
    rows = team("An Lại", "Trần", recognised="2026-03-10")
    rows[1].update(so_cccd="031175009999", dien_thoai="0987654321", dan_toc="Tày",
                   ngay_sinh="1975-11-23")
    job, = qd_cong_nhan.plan(make_env(roster(*rows), "2026-03"))
    for entry in job.context["danh_sach"]:
        assert set(entry) == {"ho_ten", "nam_sinh", "gioi_tinh", "thon", "chuc_danh"}
    text = "\n".join(render_lines(job))
    for private in (CCCD, PHONE, "031175009999", "0987654321", "Tày", "23/11/1975", "15/04/1970",
                    "1975-11-23", "1970-04-15"):
        assert private not in text
    assert "Trần Thị Hoa" in text and "1975" in text


def test_leader_in_the_list_changes_the_title_and_article_1():
    with_leader = qd_cong_nhan.plan(make_env(roster(*team("An Lại", "Trần", "2026-03-10")), "2026-03"))[0]
    assert with_leader.context["van_ban"]["trich_yeu"] == "Về việc công nhận hòa giải viên, tổ trưởng tổ hòa giải"
    dieu = [d["noi_dung"] for d in with_leader.context["qd"]["dieu"]]
    # recognising a tổ trưởng is an article of its own, apart from recognising the mediators
    assert dieu[0] == ("Công nhận các ông, bà có tên trong Danh sách kèm theo Quyết định này (03 người) "
                       "là hòa giải viên của tổ hòa giải thôn An Lại.")
    assert dieu[1] == "Công nhận ông Trần Văn Trưởng là Tổ trưởng tổ hòa giải thôn An Lại."
    assert dieu[2].startswith("Hòa giải viên, tổ trưởng tổ hòa giải có quyền và nghĩa vụ")
    assert dieu[3].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert with_leader.context["noi_nhan"][0] == "Như Điều 4"
    plain = qd_cong_nhan.plan(make_env(roster(person("Lê Thị Hà", gioi_tinh="Nữ", nam_sinh=1980,
                                                     ngay_cong_nhan="2026-03-10")), "2026-03"))[0]
    assert plain.context["van_ban"]["trich_yeu"] == "Về việc công nhận hòa giải viên"
    text = "\n".join(render_lines(plain))
    assert ("Điều 1. Công nhận bà Lê Thị Hà, sinh năm 1980, là hòa giải viên của tổ hòa giải thôn An Lại."
            in text)
    assert "Công nhận 01 ông, bà" not in text and "ông, bà" not in text
    assert len(plain.context["qd"]["dieu"]) == 3


def test_leader_vote_and_proposal_cited_when_given():
    rows = team("An Lại", "Trần", "2026-03-10")
    rows[0].update(so_phieu_to_truong=4, so_hgv_bau_to_truong=5, van_ban_de_nghi="Văn bản số 05/ĐN-BCTMT",
                   ngay_de_nghi="2026-03-05")
    job, = qd_cong_nhan.plan(make_env(roster(*rows), "2026-03"))
    assert job.context["qd"]["dieu"][1]["noi_dung"] == (
        "Công nhận ông Trần Văn Trưởng là Tổ trưởng tổ hòa giải thôn An Lại, được 04 trên tổng số 05 "
        "hòa giải viên của tổ bầu.")
    assert job.context["qd"]["de_nghi"] == (
        "Xét đề nghị của Trưởng ban công tác Mặt trận thôn An Lại tại Văn bản số 05/ĐN-BCTMT "
        "ngày 05 tháng 3 năm 2026.")


def march(*thon):
    """The decision of March 2026 recognising one man per thôn given (as written)."""
    names = ["Lê Văn Hà", "Lê Văn Tư", "Lê Văn Ba"]
    job, = qd_cong_nhan.plan(make_env(roster(*[person(n, t, ngay_cong_nhan="2026-03-10")
                                               for n, t in zip(names, thon)]), "2026-03"))
    return job


def test_two_teams_are_plural():
    job = march("An Lại", "Kim Sơn")
    assert job.context["qd"]["dieu"][0]["noi_dung"] == (
        "Công nhận các ông có tên trong Danh sách kèm theo Quyết định này (02 người) là hòa giải viên "
        "của các tổ hòa giải thôn An Lại và thôn Kim Sơn.")


def test_one_spelling_of_a_thon_the_profile_s():
    """Data wrote "Hoà"-style tone placement / other case: the document prints the profile's name."""
    text = "\n".join(render_lines(march("tiên hội", "Tiên Hội")))
    assert "tiên hội" not in text and "thôn Tiên Hội" in text


def test_chairman_decision_frame_and_rendered_text():
    job, = qd_cong_nhan.plan(make_env(roster(*team("Đông Phan", "Lê", "2026-03-10")), "2026-03"))
    assert job.context["van_ban"]["chu_the"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN THÀNH"
    assert "TM. ỦY BAN NHÂN DÂN" not in job.context["ky"]["dong"]
    lines = render_lines(job)
    assert "Số:      /QĐ-UBND" in lines
    assert "An Thành, ngày      tháng 3 năm 2026" in lines
    assert "Xét đề nghị của Trưởng ban công tác Mặt trận thôn Đông Phan." in lines
    assert "QUYẾT ĐỊNH:" in lines
    assert "HÒA GIẢI VIÊN ĐƯỢC CÔNG NHẬN" in lines
    assert ("(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng 3 năm 2026 của Chủ tịch "
            "Ủy ban nhân dân xã An Thành)") in lines
    assert lines[lines.index("Chức danh") + 1:][:6] == ["1", "Lê Thị Hoa", "1975", "Nữ", "Đông Phan",
                                                         "Hòa giải viên"]
    assert [ln for ln in lines if ln.startswith("Căn cứ")][-1].endswith(";")


@pytest.mark.parametrize("month, law", [
    ("2025-06", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
    ("2025-08", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"),
])
def test_legal_bases_follow_the_decision_date(month, law):
    t = roster(person("Lê Văn Hà", ngay_cong_nhan=f"{month}-15"))
    job, = qd_cong_nhan.plan(make_env(t, month))
    can_cu = job.context["can_cu"]
    assert can_cu[0].startswith(law)
    assert sum("Luật Tổ chức chính quyền địa phương" in c for c in can_cu) == 1
    assert can_cu[1] == "Căn cứ Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013"
    assert can_cu[2].startswith("Căn cứ Nghị quyết liên tịch số 01/2014/NQLT/CP-UBTƯMTTQVN")


def test_error_on_a_listed_row_blocks_only_that_month_and_other_kinds_still_build():
    t = roster(person("Lê Văn Hà", ngay_cong_nhan="2026-03-10"),          # row 3
               person("Trần Văn Nam", ngay_cong_nhan="2026-08-10"),        # row 4
               person("Đỗ Văn Cũ", ngay_cong_nhan="2024-01-10", ngay_thoi="2026-05-02",
                      ly_do_thoi="Tự nguyện"))                             # row 5
    env = make_env(t, findings=[error("hoa_giai_vien", 3, message="Ngày công nhận sau ngày thôi.")])
    jobs = by_id(qd_cong_nhan.plan(env))
    march, august = jobs["qd-cong-nhan-2026-03"], jobs["qd-cong-nhan-2026-08"]
    assert march.blocked and march.context == {}
    assert march.reasons == ["hoa_giai_vien.xlsx, trang Sheet1, dòng 3, cột Ngày công nhận: "
                             "Ngày công nhận sau ngày thôi."]
    assert not august.blocked
    stop, = qd_thoi.plan(env)
    assert not stop.blocked


def test_team_composition_errors_do_not_block_recognition():
    t = roster(person("Lê Văn Hà", chuc_danh="Tổ trưởng", ngay_cong_nhan="2026-03-10"))
    found = error("hoa_giai_vien", 3, code="team-min-members", column="Thôn",
                  message="Tổ hòa giải thôn An Lại chỉ có 1 hòa giải viên đã được công nhận; cần ít nhất 3.")
    job, = qd_cong_nhan.plan(make_env(t, "2026-03", findings=[found]))
    assert not job.blocked


def test_fingerprint_cells_are_keyed_by_person_not_row():
    a = qd_cong_nhan.plan(make_env(roster(person("Lê Văn Hà", ngay_cong_nhan="2026-03-10")), "2026-03"))[0]
    moved = table("hoa_giai_vien", [person("Lê Văn Hà", ngay_cong_nhan="2026-03-10")], first_row=9)
    b = qd_cong_nhan.plan(make_env([moved], "2026-03"))[0]
    assert a.cells == b.cells and a.context == b.context
    assert "hoa_giai_vien.xlsx|Sheet1|Lê Văn Hà|1970|Ngày công nhận" in a.cells

