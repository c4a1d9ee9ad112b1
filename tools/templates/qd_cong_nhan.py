"""templates/qd-cong-nhan.docx — Quyết định công nhận hòa giải viên, tổ trưởng tổ hòa giải
(NĐ 30 Phụ lục III, Mẫu 1.3 quyết định cá biệt) with the attached list.

Context beyond the common frame keys (see frame.py):

    can_cu                  [str] — "Căn cứ …" lines (rules/can_cu.yaml, in force on the date)
    qd.de_nghi              str — "Xét đề nghị của …."
    qd.dieu_1               str
    qd.dieu_1_to_truong     str | None — second paragraph of Điều 1 when a tổ trưởng is listed
    qd.dieu_2, qd.dieu_3    str
    phu_luc.cua             str — "Chủ tịch Ủy ban nhân dân xã …" of the "(Kèm theo …)" line
    danh_sach[]             .ho_ten .nam_sinh .gioi_tinh .thon .chuc_danh (Decision 8 fields only)
"""

from __future__ import annotations

from . import danh_sach as ds
from . import frame as f

FILE = "qd-cong-nhan.docx"
TITLE = "Mẫu quyết định công nhận hòa giải viên (Nghị định 30/2020/NĐ-CP)"


def build():
    doc = f.new_document(TITLE)
    ds.add_decision_start(doc)
    f.add_dieu(doc, "Điều 1.", "{{ qd.dieu_1 }}")
    with f.only_if(doc, "qd.dieu_1_to_truong"):
        f.add_body(doc, "{{ qd.dieu_1_to_truong }}")
    f.add_dieu(doc, "Điều 2.", "{{ qd.dieu_2 }}")
    f.add_dieu(doc, "Điều 3.", "{{ qd.dieu_3 }}")
    f.add_closing(doc)
    f.add_page_break(doc)
    f.add_appendix_title(doc, "DANH SÁCH", "HÒA GIẢI VIÊN ĐƯỢC CÔNG NHẬN", ds.KEM_THEO)
    ds.add_people_table(doc)
    return doc
