"""tb-kiem-tra: one notice per inspection round (made when its last inspection is done),
collective signing, per-team results, requests with deadlines, blocking, and the demo notices'
text (golden)."""

from __future__ import annotations

from roster_doc_fixtures import by_id, error, make_env, render_lines, table

from hoagiai.documents import tb_kiem_tra

ROWS = [
    {"thon": "Đông Phan", "ngay_kiem_tra": "2026-10-07", "so_theo_doi": True, "xep_loai": "Khá",
     "uu_diem": "Ghi chép Sổ theo dõi đầy đủ", "ton_tai": "Chưa lưu biên bản hòa giải thành",
     "kien_nghi": "Bổ sung biên bản hòa giải thành", "han_khac_phuc": "2026-11-30"},
    {"thon": "An Lại", "ngay_kiem_tra": "2026-10-05", "so_theo_doi": False, "xep_loai": "Trung bình",
     "uu_diem": "Tổ họp định kỳ.", "ton_tai": "Không có Sổ theo dõi",
     "kien_nghi": "Mở Sổ theo dõi theo mẫu của Bộ Tư pháp", "han_khac_phuc": "2026-11-05"},
    {"thon": "Kim Sơn", "ngay_kiem_tra": "2026-11-12", "so_theo_doi": True, "xep_loai": "Tốt"},
]


def env_of(rows=ROWS, month="2026-12", findings=()):
    return make_env([table("kiem_tra", rows)], month, findings=list(findings))


ROUNDS = [dict(r, dot_kiem_tra=d) for r, d in zip(ROWS, ["Đợt 1", "Đợt 1", "Đợt 2"])]


def test_without_a_round_column_the_year_is_one_round_spanning_two_months():
    # the round's last inspection (12/11) is not done in October: no notice yet
    assert tb_kiem_tra.plan(env_of(month="2026-10")) == []
    jobs = tb_kiem_tra.plan(env_of())
    assert [(j.id, j.month, j.symbol) for j in jobs] == [("tb-kiem-tra-2026-11", 11, "TB-UBND")]
    lines = render_lines(jobs[0])
    assert "Kết quả kiểm tra công tác hòa giải ở cơ sở năm 2026" in lines
    assert any("từ ngày 05/10/2026 đến ngày 12/11/2026" in x and "tại 03 tổ hòa giải của các thôn An Lại, "
               "Đông Phan và Kim Sơn" in x for x in lines)


def test_round_column_gives_one_notice_per_round():
    assert [j.id for j in tb_kiem_tra.plan(env_of(ROUNDS, month="2026-10"))] == ["tb-kiem-tra-2026-10"]
    jobs = tb_kiem_tra.plan(env_of(ROUNDS))
    assert [(j.id, j.month) for j in jobs] == [("tb-kiem-tra-2026-10", 10), ("tb-kiem-tra-2026-11", 11)]
    assert "Kết quả kiểm tra công tác hòa giải ở cơ sở năm 2026, đợt 2" in render_lines(jobs[1])


def test_a_round_spanning_two_months_gives_exactly_one_notice():
    rows = [dict(r, dot_kiem_tra="Đợt 1") for r in ROWS]
    assert [j.id for j in tb_kiem_tra.plan(env_of(rows))] == ["tb-kiem-tra-2026-11"]


def test_collective_signing_and_no_chairman_line():
    job = tb_kiem_tra.plan(env_of(ROUNDS))[0]
    assert job.context["ky"]["dong"][0] == "TM. ỦY BAN NHÂN DÂN"
    assert job.context["van_ban"]["chu_the"] is None
    assert job.context["van_ban"]["ten_loai"] == "THÔNG BÁO"


def test_sections_overview_results_in_thon_order_and_requests_with_deadlines():
    lines = render_lines(tb_kiem_tra.plan(env_of(ROUNDS))[0])
    assert "Kết quả kiểm tra công tác hòa giải ở cơ sở năm 2026, đợt 1" in lines
    overview = lines[lines.index("I. KHÁI QUÁT ĐỢT KIỂM TRA") + 1]
    assert "từ ngày 05/10/2026 đến ngày 07/10/2026" in overview
    assert "tại 02 tổ hòa giải của các thôn An Lại và Đông Phan" in overview
    assert "thành lập Đoàn kiểm tra công tác hòa giải ở cơ sở năm 2026" in overview
    assert "Kết quả xếp loại: Khá 01 tổ, Trung bình 01 tổ." in lines
    results = lines[lines.index("II. KẾT QUẢ KIỂM TRA TỪNG TỔ HÒA GIẢI") + 1:lines.index("III. YÊU CẦU, KIẾN NGHỊ")]
    assert results == [
        "1. Tổ hòa giải thôn An Lại (kiểm tra ngày 05/10/2026)",
        "- Xếp loại: Trung bình.",
        "- Sổ theo dõi hoạt động hòa giải ở cơ sở: chưa ghi chép Sổ theo dõi theo mẫu của Bộ Tư pháp.",
        "- Ưu điểm: Tổ họp định kỳ.",
        "- Tồn tại, hạn chế: Không có Sổ theo dõi.",
        "2. Tổ hòa giải thôn Đông Phan (kiểm tra ngày 07/10/2026)",
        "- Xếp loại: Khá.",
        "- Sổ theo dõi hoạt động hòa giải ở cơ sở: có Sổ theo dõi, ghi chép theo mẫu của Bộ Tư pháp.",
        "- Ưu điểm: Ghi chép Sổ theo dõi đầy đủ.",
        "- Tồn tại, hạn chế: Chưa lưu biên bản hòa giải thành.",
    ]
    requests = lines[lines.index("III. YÊU CẦU, KIẾN NGHỊ") + 1:][:2]
    assert requests == [
        "1. Tổ hòa giải thôn An Lại: Mở Sổ theo dõi theo mẫu của Bộ Tư pháp; thời hạn khắc phục trước ngày 05/11/2026.",
        "2. Tổ hòa giải thôn Đông Phan: Bổ sung biên bản hòa giải thành; thời hạn khắc phục trước ngày 30/11/2026.",
    ]


def test_missing_free_text_says_so_instead_of_a_blank():
    lines = render_lines(tb_kiem_tra.plan(env_of(ROUNDS))[1])
    assert "- Ưu điểm: Không có." in lines and "- Tồn tại, hạn chế: Không có." in lines


def test_row_error_blocks_only_its_round():
    jobs = by_id(tb_kiem_tra.plan(env_of(ROUNDS, findings=[
        error("kiem_tra", 3, column="Hạn khắc phục", message="Hạn khắc phục trước ngày kiểm tra.")])))
    assert jobs["tb-kiem-tra-2026-10"].reasons == [
        "kiem_tra.xlsx, trang Kết quả, dòng 3, cột Hạn khắc phục: Hạn khắc phục trước ngày kiểm tra."]
    assert not jobs["tb-kiem-tra-2026-11"].blocked

