"""templates/tb-kiem-tra.docx — Thông báo kết quả kiểm tra công tác hòa giải ở cơ sở
(NĐ 30 Phụ lục III, Mẫu 1.4 văn bản có tên loại).

Context beyond the common frame keys (see frame.py):

    tb.khai_quat            str — section I
    tb.xep_loai             str | None — "Kết quả xếp loại: Tốt 02 tổ, Khá 01 tổ."
    tb.ket_qua[]            section II, one per team inspected
        .tieu_de            str — "Tổ hòa giải thôn … (kiểm tra ngày …)"
        .xep_loai .uu_diem .ton_tai   str; .so_theo_doi str | None (no line)
    tb.kien_nghi            [str] — section III, one per team with requests (deadline included)
    tb.yeu_cau_chung        str
    tb.ket_luan             str
"""

from __future__ import annotations

from . import frame as f

FILE = "tb-kiem-tra.docx"
TITLE = "Mẫu thông báo kết quả kiểm tra công tác hòa giải ở cơ sở (Nghị định 30/2020/NĐ-CP)"


def build():
    doc = f.new_document(TITLE)
    f.add_header(doc)
    f.add_heading(doc, "I. KHÁI QUÁT ĐỢT KIỂM TRA")
    f.add_body(doc, "{{ tb.khai_quat }}")
    with f.only_if(doc, "tb.xep_loai"):
        f.add_body(doc, "{{ tb.xep_loai }}")
    f.add_heading(doc, "II. KẾT QUẢ KIỂM TRA TỪNG TỔ HÒA GIẢI")
    with f.for_each(doc, "kq in tb.ket_qua"):
        f.add_heading(doc, "{{ loop.index }}. {{ kq.tieu_de }}")
        f.add_body(doc, "- Xếp loại: {{ kq.xep_loai }}.")
        with f.only_if(doc, "kq.so_theo_doi"):
            f.add_body(doc, "- Sổ theo dõi hoạt động hòa giải ở cơ sở: {{ kq.so_theo_doi }}.")
        f.add_body(doc, "- Ưu điểm: {{ kq.uu_diem }}")
        f.add_body(doc, "- Tồn tại, hạn chế: {{ kq.ton_tai }}")
    f.add_heading(doc, "III. YÊU CẦU, KIẾN NGHỊ")
    with f.for_each(doc, "kn in tb.kien_nghi"):
        f.add_body(doc, "{{ loop.index }}. {{ kn }}")
    f.add_body(doc, "{{ tb.yeu_cau_chung }}")
    f.add_body(doc, "{{ tb.ket_luan }}")
    f.add_closing(doc)
    return doc
