"""templates/qd-thoi.docx — Quyết định cho thôi làm hòa giải viên (NĐ 30 Phụ lục III, Mẫu 1.3)
with the attached list.

Context beyond the common frame keys (see frame.py):

    can_cu                  [str] — "Căn cứ …" lines
    qd.de_nghi              str — "Xét đề nghị của … tại … ngày …."
    qd.dieu[]               .so .noi_dung .muc [str] — Điều 1 names each person, team, role and
                            ground; a tổ trưởng's role ends in an article of its own; last "./."
    phu_luc.cua             str — "Chủ tịch Ủy ban nhân dân xã …"
    danh_sach[]             .ho_ten .nam_sinh .gioi_tinh .thon .chuc_danh (Decision 8 fields only)
"""

from __future__ import annotations

from . import danh_sach as ds
from . import frame as f

FILE = "qd-thoi.docx"
TITLE = "Mẫu quyết định cho thôi làm hòa giải viên (Nghị định 30/2020/NĐ-CP)"


def build():
    doc = f.new_document(TITLE)
    ds.add_decision_start(doc)
    ds.add_articles(doc)
    f.add_closing(doc)
    ds.add_list_appendix(doc, "NGƯỜI ĐƯỢC CHO THÔI LÀM HÒA GIẢI VIÊN")
    return doc
