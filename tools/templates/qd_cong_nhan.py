"""templates/qd-cong-nhan.docx — Quyết định công nhận hòa giải viên, tổ trưởng tổ hòa giải
(NĐ 30 Phụ lục III, Mẫu 1.3 quyết định cá biệt) with the attached list.

Context beyond the common frame keys (see frame.py):

    can_cu                  [str] — "Căn cứ …" lines (rules/can_cu.yaml, in force on the date)
    qd.de_nghi              str — "Xét đề nghị của … tại … ngày …."
    qd.dieu[]               .so ("Điều 1.") .noi_dung .muc [str] — the articles; recognising a
                            tổ trưởng is an article of its own; the last ends "./."
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
    ds.add_articles(doc)
    f.add_closing(doc)
    ds.add_list_appendix(doc, "HÒA GIẢI VIÊN ĐƯỢC CÔNG NHẬN")
    return doc
