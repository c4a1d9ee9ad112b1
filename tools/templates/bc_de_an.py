"""templates/bc-de-an.docx — Báo cáo kết quả thực hiện Đề án năm YYYY (NĐ 30 Phụ lục III, Mẫu 1.4).

Context beyond the common frame keys (see frame.py):

    de_an.mo_dau, de_an.ket_luan    str
    de_an.ky                        .tu_text .den_text .che_do .van_ban — the period and its regime
    de_an.so_lieu_den               str — the day the figures run to
    de_an.nam, de_an.cap            int, str
    de_an.nhiem_vu[]                .ten; .muc[] (.noi_dung str, .ket_qua [str]); .ket_qua [str]
    de_an.to_chuc, de_an.hoat_dong  [str] — sentences on the figures (rules/van_ban/bc-hoa-giai.yaml `cau`)
    de_an.chi_tieu[]                .noi_dung .mo_ta .ket_qua (str) .danh_gia (str) — Đề án targets
                                    (rules/de_an.yaml; "Chưa có số liệu" without a matching measure)
    de_an.to_khong_dat[]            .ten .ly_do [str]
    de_an.danh_gia, de_an.kien_nghi [str]
"""

from __future__ import annotations

from . import frame as f

FILE = "bc-de-an.docx"
TITLE = "Mẫu báo cáo kết quả thực hiện Đề án (Nghị định 30/2020/NĐ-CP)"


def build():
    doc = f.new_document(TITLE)
    f.add_header(doc)
    f.add_body(doc, "{{ de_an.mo_dau }}")
    f.add_body(doc, "Kỳ báo cáo: từ ngày {{ de_an.ky.tu_text }} đến ngày {{ de_an.ky.den_text }} "
                    "({{ de_an.ky.che_do }} theo {{ de_an.ky.van_ban }}). {{ de_an.so_lieu_den }}", italic=True)

    f.add_heading(doc, "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")
    with f.for_each(doc, "nv in de_an.nhiem_vu"):
        f.add_heading(doc, "{{ loop.index }}. {{ nv.ten }}")
        with f.for_each(doc, "m in nv.muc"):
            f.add_body(doc, "{{ loop.index | chu_cai }}) {{ m.noi_dung }}")
            with f.for_each(doc, "k in m.ket_qua"):
                f.add_body(doc, "Kết quả: {{ k }}", italic=True)
        with f.for_each(doc, "k in nv.ket_qua"):
            f.add_body(doc, "Kết quả: {{ k }}", italic=True)

    f.add_heading(doc, "II. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU CỦA ĐỀ ÁN")
    with f.for_each(doc, "p in de_an.to_chuc + de_an.hoat_dong"):
        f.add_body(doc, "{{ p }}")
    f.add_body(doc, "Kết quả so với mục tiêu của Đề án:")
    f.add_table(doc, ["STT", "Mục tiêu", "Chỉ tiêu của Đề án", "Kết quả", "Đánh giá"],
                ["{{ loop.index }}", "{{ c.noi_dung }}", "{{ c.mo_ta }}", "{{ c.ket_qua }}", "{{ c.danh_gia }}"],
                [1.0, 5.0, 4.0, 3.5, 2.5], loop="c in de_an.chi_tieu", size=12,
                align=["center", "left", "left", "center", "center"])
    with f.only_if(doc, "de_an.to_khong_dat"):
        f.add_body(doc, "Các tổ hòa giải chưa bảo đảm số lượng, thành phần:")
        with f.for_each(doc, "t in de_an.to_khong_dat"):
            f.add_body(doc, "- {{ t.ly_do | join(' ') }}")

    f.add_heading(doc, "III. ĐÁNH GIÁ CHUNG")
    with f.for_each(doc, "p in de_an.danh_gia"):
        f.add_body(doc, "{{ p }}")
    f.add_heading(doc, "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    with f.for_each(doc, "p in de_an.kien_nghi"):
        f.add_body(doc, "{{ p }}")
    f.add_body(doc, "{{ de_an.ket_luan }}")
    f.add_closing(doc)
    return doc
