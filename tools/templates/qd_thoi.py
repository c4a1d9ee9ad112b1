"""templates/qd-thoi.docx — Quyết định cho thôi làm hòa giải viên (NĐ 30 Phụ lục III, Mẫu 1.3)
with the attached list.

Context beyond the common frame keys (see frame.py):

    can_cu                  [str] — "Căn cứ …" lines
    qd.de_nghi              str — "Xét đề nghị của …."
    qd.dieu_1               str — opening of Điều 1
    qd.dieu_1_muc           [str] — one line per (date, ground) group: list numbers, date, point
    qd.dieu_2, qd.dieu_3    str
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
    f.add_dieu(doc, "Điều 1.", "{{ qd.dieu_1 }}")
    with f.for_each(doc, "muc in qd.dieu_1_muc"):
        f.add_body(doc, "{{ muc }}")
    f.add_dieu(doc, "Điều 2.", "{{ qd.dieu_2 }}")
    f.add_dieu(doc, "Điều 3.", "{{ qd.dieu_3 }}")
    f.add_closing(doc)
    f.add_page_break(doc)
    f.add_appendix_title(doc, "DANH SÁCH", "NGƯỜI ĐƯỢC CHO THÔI LÀM HÒA GIẢI VIÊN", ds.KEM_THEO)
    ds.add_people_table(doc)
    return doc
