"""templates/bc-hoa-giai.docx — Báo cáo kết quả công tác hòa giải ở cơ sở (6 tháng / năm), NĐ 30
Phụ lục III Mẫu 1.4, with the statistical tables (Biểu 1–3) in an appendix.

Context beyond the common frame keys (see frame.py):

    bc.mo_dau, bc.ket_luan        str
    bc.cap                        str — "xã"
    bc.ky                         .nhan .tu_text .den_text .so_lieu_den_text .che_do .van_ban
    bc.so_lieu_den                str — the day the figures run to (and the estimated remainder)
    bc.f                          figures (CONTRACT §4 keys; ty_le_thanh float | None)
    bc.nam                        int — the report's year
    bc.van_ban, bc.to_chuc, bc.hoat_dong, bc.kiem_tra, bc.kinh_phi
                                  [str] — sentences computed from the figures (rules/van_ban/bc-hoa-giai.yaml `cau`)
    bc.to_khong_dat[]             .ten .ly_do [str] — teams not meeting Luật Điều 12
    bc.chi_dao, bc.boi_duong, bc.uu_diem, bc.han_che, bc.nguyen_nhan, bc.phuong_huong, bc.kien_nghi
                                  [str] — from the plan file, or a bracketed prompt
    bc.theo_thon[], bc.theo_linh_vuc[]   table rows (last row "Tổng cộng")
    phu_luc.cua                   str — "Ủy ban nhân dân xã …" of the "(Kèm theo …)" line
"""

from __future__ import annotations

from . import danh_sach as ds
from . import frame as f

FILE = "bc-hoa-giai.docx"
TITLE = "Mẫu báo cáo kết quả công tác hòa giải ở cơ sở (Nghị định 30/2020/NĐ-CP)"
TABLE_PT = 10


def paragraphs(doc, items: str) -> None:
    with f.for_each(doc, f"p in {items}"):
        f.add_body(doc, "{{ p }}")


ORG_HEAD = ["Thôn, tổ dân phố", "Số tổ hòa giải", "Tổng số hòa giải viên", "Nam", "Nữ",
            "Có chuyên môn luật", "Chưa qua đào tạo luật", "Dân tộc thiểu số", "Được bồi dưỡng",
            "Tổ đạt Điều 12"]
ORG_KEYS = ["to_hoa_giai", "hoa_giai_vien", "nam", "nu", "chuyen_mon_luat", "chua_qua_dao_tao_luat",
            "dan_toc_thieu_so", "duoc_boi_duong", "dat_dieu_12"]
ORG_W = [2.7] + [1.53] * 9
RES_HEAD = ["Kỳ trước chuyển sang", "Tiếp nhận trong kỳ", "Hòa giải thành", "Hòa giải không thành",
            "Đang giải quyết", "Tỷ lệ hòa giải thành"]
RES_KEYS = ["ky_truoc_chuyen_sang", "vu_viec_tiep_nhan", "hoa_giai_thanh", "hoa_giai_khong_thanh",
            "dang_giai_quyet"]
RES_W = [4.5] + [2.0] * 6


def result_table(doc, first: str, loop: str) -> None:
    cells = ["{{ r.ten }}"] + [f"{{{{ r.{k} }}}}" for k in RES_KEYS] + ["{{ r.ty_le_thanh | ty_le }}"]
    f.add_table(doc, [first, *RES_HEAD], cells, RES_W, loop=loop, size=TABLE_PT,
                align=["left"] + ["center"] * 6)


def build():
    doc = f.new_document(TITLE)
    f.add_header(doc)
    f.add_body(doc, "{{ bc.mo_dau }}")
    f.add_body(doc, "Kỳ báo cáo: từ ngày {{ bc.ky.tu_text }} đến ngày {{ bc.ky.den_text }} ({{ bc.ky.che_do }} "
                    "theo {{ bc.ky.van_ban }}). {{ bc.so_lieu_den }}", italic=True)

    f.add_heading(doc, "I. CÔNG TÁC CHỈ ĐẠO, HƯỚNG DẪN, BAN HÀNH VĂN BẢN")
    paragraphs(doc, "bc.chi_dao")
    paragraphs(doc, "bc.van_ban")

    f.add_heading(doc, "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC HÒA GIẢI Ở CƠ SỞ")
    f.add_heading(doc, "1. Tổ chức, kiện toàn tổ hòa giải và đội ngũ hòa giải viên")
    paragraphs(doc, "bc.to_chuc")
    with f.only_if(doc, "bc.to_khong_dat"):
        f.add_body(doc, "Các tổ hòa giải chưa bảo đảm số lượng, thành phần:")
        with f.for_each(doc, "t in bc.to_khong_dat"):
            f.add_body(doc, "- {{ t.ly_do | join(' ') }}")

    f.add_heading(doc, "2. Bồi dưỡng kiến thức pháp luật, kỹ năng hòa giải")
    f.add_body(doc, "Số hòa giải viên được bồi dưỡng chuyên môn, nghiệp vụ trong năm {{ bc.nam }}: "
                    "{{ bc.f.duoc_boi_duong | so_hai_chu_so if bc.f.duoc_boi_duong else 'không có' }}"
                    "{{ ' người' if bc.f.duoc_boi_duong else '' }}.")
    paragraphs(doc, "bc.boi_duong")

    f.add_heading(doc, "3. Kết quả hoạt động hòa giải")
    paragraphs(doc, "bc.hoat_dong")
    f.add_body(doc, "Kết quả theo thôn, tổ dân phố và theo lĩnh vực tại Biểu 2 và Biểu 3 kèm theo.")

    f.add_heading(doc, "4. Kiểm tra công tác hòa giải ở cơ sở")
    paragraphs(doc, "bc.kiem_tra")

    f.add_heading(doc, "5. Kinh phí")
    paragraphs(doc, "bc.kinh_phi")

    f.add_heading(doc, "III. ĐÁNH GIÁ CHUNG")
    f.add_heading(doc, "1. Ưu điểm")
    paragraphs(doc, "bc.uu_diem")
    f.add_heading(doc, "2. Tồn tại, hạn chế")
    paragraphs(doc, "bc.han_che")
    f.add_heading(doc, "3. Nguyên nhân")
    paragraphs(doc, "bc.nguyen_nhan")
    f.add_heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI")
    paragraphs(doc, "bc.phuong_huong")
    f.add_heading(doc, "V. KIẾN NGHỊ, ĐỀ XUẤT")
    paragraphs(doc, "bc.kien_nghi")
    f.add_body(doc, "{{ bc.ket_luan }}")
    f.add_closing(doc)

    f.add_page_break(doc)
    f.add_appendix_title(doc, "Phụ lục", "SỐ LIỆU THỐNG KÊ VỀ HÒA GIẢI Ở CƠ SỞ", ds.KEM_THEO)
    f.add_heading(doc, "Biểu 1. Tổ hòa giải và hòa giải viên (tính đến ngày {{ bc.ky.so_lieu_den_text }})", center=True)
    f.add_table(doc, ORG_HEAD, ["{{ r.ten }}"] + [f"{{{{ r.{k} }}}}" for k in ORG_KEYS], ORG_W,
                loop="r in bc.theo_thon", size=TABLE_PT, align=["left"] + ["center"] * 9)
    f.add_heading(doc, "Biểu 2. Kết quả hòa giải theo thôn, tổ dân phố", center=True, before=12)
    result_table(doc, "Thôn, tổ dân phố", "r in bc.theo_thon")
    f.add_heading(doc, "Biểu 3. Kết quả hòa giải theo lĩnh vực", center=True, before=12)
    result_table(doc, "Lĩnh vực", "r in bc.theo_linh_vuc")
    return doc
