"""templates/qd-doan-kiem-tra.docx — Quyết định thành lập Đoàn kiểm tra công tác hòa giải ở
cơ sở (NĐ 30 Phụ lục III, Mẫu 1.3); the members' table sits inside Điều 1.

Context beyond the common frame keys (see frame.py):

    can_cu                  [str] — "Căn cứ …" lines
    qd.de_nghi              str — "Theo đề nghị của …."
    qd.dieu_1, qd.dieu_2, qd.dieu_3   str
    doan[]                  .ho_ten .chuc_vu_don_vi .nhiem_vu — in role order
"""

from __future__ import annotations

from . import danh_sach as ds
from . import frame as f

FILE = "qd-doan-kiem-tra.docx"
TITLE = "Mẫu quyết định thành lập Đoàn kiểm tra công tác hòa giải ở cơ sở (Nghị định 30/2020/NĐ-CP)"


def build():
    doc = f.new_document(TITLE)
    ds.add_decision_start(doc)
    f.add_dieu(doc, "Điều 1.", "{{ qd.dieu_1 }}")
    f.add_table(doc, ["STT", "Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ trong Đoàn"],
                ["{{ loop.index }}", "{{ m.ho_ten }}", "{{ m.chuc_vu_don_vi }}", "{{ m.nhiem_vu }}"],
                [1.5, 4.5, 6.4, 3.6], loop="m in doan", align=["center", "left", "left", "left"])
    f.add_body(doc, "", after=0)
    f.add_dieu(doc, "Điều 2.", "{{ qd.dieu_2 }}")
    f.add_dieu(doc, "Điều 3.", "{{ qd.dieu_3 }}")
    f.add_closing(doc)
    return doc
