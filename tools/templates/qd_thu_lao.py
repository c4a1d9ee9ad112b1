"""templates/qd-thu-lao.docx — Quyết định chi thù lao cho hòa giải viên (NĐ 30 Phụ lục III, Mẫu 1.3)
with the attached table of the cases paid.

Context beyond the common frame keys (see frame.py):

    can_cu                  [str] — "Căn cứ …" lines (rules/can_cu.yaml, in force on the date)
    qd.theo_de_nghi         str — "Xét đề nghị …."
    qd.dieu_1_mo_dau        str — first paragraph of Điều 1
    qd.nhom_muc[]           .dong (the line, in words) .so_vu .muc .thanh_tien — one per outcome and rate
    qd.theo_to[]            .ten .so_vu .thanh_tien — one line per team
    qd.tong_tien            int (đồng); qd.so_vu_viec int
    qd.dieu_2, qd.dieu_3    str
    phu_luc.cua             str — "Ủy ban nhân dân xã …" of the "(Kèm theo …)" line
    danh_sach[]             .ma .thon .ngay_tiep_nhan .ngay_ket_thuc (date) .noi_dung .ket_qua
                            .hoa_giai_vien (names, comma separated) .muc (int)
"""

from __future__ import annotations

from . import danh_sach as ds
from . import frame as f

FILE = "qd-thu-lao.docx"
TITLE = "Mẫu quyết định chi thù lao cho hòa giải viên (Nghị định 30/2020/NĐ-CP)"

HEADERS = ["STT", "Mã vụ việc", "Tổ hòa giải (thôn)", "Ngày tiếp nhận", "Ngày kết thúc", "Nội dung tóm tắt",
           "Kết quả", "Hòa giải viên", "Mức chi (đồng)"]
CELLS = ["{{ loop.index }}", "{{ r.ma }}", "{{ r.thon }}",
         "{{ r.ngay_tiep_nhan | ngay_so if r.ngay_tiep_nhan else '' }}",
         "{{ r.ngay_ket_thuc | ngay_so }}", "{{ r.noi_dung }}", "{{ r.ket_qua }}", "{{ r.hoa_giai_vien }}",
         "{{ r.muc | so }}"]
WIDTHS = [1.15, 2.3, 1.6, 2.05, 2.05, 2.6, 1.35, 1.9, 1.5]   # 16.5 cm: dates and codes on one line at 9.5 pt
ALIGN = ["center", "center", "left", "center", "center", "left", "center", "left", "right"]


def build():
    doc = f.new_document(TITLE)
    ds.add_decision_start(doc, "qd.theo_de_nghi")
    f.add_dieu(doc, "Điều 1.", "{{ qd.dieu_1_mo_dau }}")
    with f.for_each(doc, "g in qd.nhom_muc"):
        f.add_body(doc, "- {{ g.dong }}{{ '.' if loop.last else ';' }}")
    f.add_body(doc, "Tổng số tiền: {{ qd.tong_tien | tien }} (Bằng chữ: {{ qd.tong_tien | tien_bang_chu }}).",
               bold=True)
    f.add_body(doc, "Chi tiết theo tổ hòa giải:")
    with f.for_each(doc, "t in qd.theo_to"):
        f.add_body(doc, '- {{ t.ten }}: {{ t.so_vu | so_hai_chu_so }} vụ, việc, {{ t.thanh_tien | tien }}'
                        '{{ "." if loop.last else ";" }}')
    f.add_body(doc, "(Có danh sách vụ, việc kèm theo).", italic=True)
    f.add_dieu(doc, "Điều 2.", "{{ qd.dieu_2 }}")
    f.add_dieu(doc, "Điều 3.", "{{ qd.dieu_3 }}")
    f.add_closing(doc)
    f.add_page_break(doc)
    f.add_appendix_title(doc, "DANH SÁCH", "VỤ, VIỆC HÒA GIẢI ĐƯỢC CHI THÙ LAO", ds.KEM_THEO)
    f.add_table(doc, HEADERS, CELLS, WIDTHS, loop="r in danh_sach", size=9.5, align=ALIGN)
    f.add_body(doc, "Tổng cộng: {{ qd.so_vu_viec | so_hai_chu_so }} vụ, việc; {{ qd.tong_tien | tien }}.",
               bold=True, before=6, indent=False)
    return doc
